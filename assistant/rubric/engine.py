"""The rubric engine: a posting and a rule set in, a `Report` out.

Deterministic and offline. Selection, ignoring and re-grading of rules happen here,
once, so every door (lint, review, the editor) sees the same rule set for a config.
The engine only orchestrates: what each rule finds is its kind's (`kinds/`); here are
the metrics, the laws, inline directives, masking and the scores around them.
"""

from __future__ import annotations

import datetime as dt
import heapq
import itertools
from bisect import bisect_right
from collections.abc import Iterable

from ..document.facts.job_places import STATED, sentence_end
from ..document.facts.places import names_region, spelt_out
from ..document.model import Posting
from . import kinds, metrics, wordlists
from . import laws as pay_laws
from .context import TOKEN, Context
from .exemplars import ExemplarProfile
from .loader import RuleSet
from .model import Finding, Report, Rule, matches_selector
from .patterns import PatternIndex
from .scoring import checklist, score, words_for_length

# Postings longer than this let go of their lower-cased copy once linted: it is as
# big as the text, and the report's readers (outputs, fixes) work on the text.
_LOWER_KEPT_UP_TO = 1_000_000


class Engine:
    def __init__(
        self,
        ruleset: RuleSet,
        profile: ExemplarProfile | None = None,
        *,
        select: Iterable[str] = (),
        ignore: Iterable[str] = (),
        severity: dict[str, str] | None = None,
        allow: Iterable[str] = (),
        as_of: dt.date | None = None,
        llm: bool = False,
    ):
        select, ignore = list(select), list(ignore)
        self.regraded: set[str] = set()  # rules given a severity by the user: laws do not raise it
        rules: list[Rule] = []
        for rule in ruleset.rules:
            if not llm and kinds.get(rule.kind).judged_by_model:
                continue
            if select and not matches_selector(rule.id, select):
                continue
            if matches_selector(rule.id, ignore):
                continue
            for selector, level in (severity or {}).items():
                if matches_selector(rule.id, [selector]):
                    rule = rule.with_severity(level)
                    self.regraded.add(rule.id)
            rules.append(rule)
        self.rules = rules
        # Each kind's check looked up once: the loop over the rules runs for every posting.
        used = {r.kind: kinds.get(r.kind) for r in rules}
        self._checks = {name: kind.check for name, kind in used.items()}
        self._phrase_lists = {name: kind.phrase_lists for name, kind in used.items() if kind.word_level}
        self.masking = {r.id for r in rules if r.params.get("masks")}
        self.all_rules = ruleset.rules
        self.laws = ruleset.laws
        self._law_index = PatternIndex(pay_laws.pattern_sets(self.laws))
        self.profile = profile or ExemplarProfile()
        self.allow = {w.lower() for w in allow}
        self.as_of = as_of or dt.date.today()
        self._checklists: dict[str, dict[str, float]] = {}  # language -> completeness items

    def compile_patterns(self) -> int:
        """Compile every expression of the rules and laws now, before worker processes fork.

        Each worker would otherwise compile, or fetch from the pattern cache, the same
        expressions on its own. Returns how many there are.
        """
        sets = [pattern_set for _, pattern_set in pay_laws.pattern_sets(self.laws)]
        sets += [rule.params[key] for rule in self.rules for key in ("patterns", "unless") if rule.params.get(key)]
        return len([rx.run for pattern_set in sets for _, rx in pattern_set.parts])

    def lint(self, posting: Posting, ignore: Iterable[str] = ()) -> Report:
        """Check one posting; `ignore` switches off more rules for it (per-file ignores)."""
        ctx = Context(posting)
        grade, n_words, n_sentences = metrics.reading_grade(*ctx.prose)
        english = posting.language == "en"
        if not english:
            grade = None  # an English formula says nothing about other languages
        unseen = ctx.hidden
        must, nice, anchor = metrics.requirements(posting, unseen)
        values: dict = {
            "words": n_words,
            "sentences": n_sentences,
            "reading_grade": grade,
            "requirements": must,
            "nice_to_haves": nice,
            "_requirements_anchor": anchor,
        }
        laws = self._laws(ctx)
        if len(posting.text) >= wordlists.WORD_INDEX_FROM:
            lists = self._phrase_lists
            wordlists.index_words(ctx, [
                (r, lists[r.kind]) for r in self.rules
                if r.kind in lists and ("*" in r.languages or posting.language in r.languages)
                and not (ignore and matches_selector(r.id, ignore))
            ])
        run = kinds.Checking(self, values, laws)
        checks = self._checks
        findings: list[Finding] = []
        skipped_language = False
        for rule in self.rules:
            if ignore and matches_selector(rule.id, ignore):
                continue
            if "*" not in rule.languages and posting.language not in rule.languages:
                skipped_language = True
                continue
            check = checks[rule.kind]
            if check is None:
                continue  # judged elsewhere (by a model)
            for f in check(ctx, rule, run):
                if self.allow and f.start is not None and posting.text[f.start : f.end].lower() in self.allow:
                    continue
                findings.append(f)
        if posting.directives:
            findings = _drop_disabled(ctx, findings)
        if unseen:  # in a template branch this page's build does not print: no reader sees it
            findings = [f for f in findings if f.start is None or not _inside(unseen, f.start)]
        findings = _drop_masked(findings, self.masking)
        findings.sort(key=lambda f: (f.start is None, f.start or 0, f.end or 0, f.rule))
        scores, costs = self._score(posting, findings, values)
        values.pop("_requirements_anchor")
        if len(posting.text) > _LOWER_KEPT_UP_TO:
            posting._lower = None  # made again if asked: a long posting's copy is not kept for its report
        notes = []
        if skipped_language:
            notes.append(
                f"The posting looks like '{posting.language}', not English: only the rules on structure and facts (pay, place, sections) ran."
            )
        return Report(
            posting=posting,
            findings=findings,
            scores=scores,
            metrics=values,
            score_costs=costs,
            pay_transparency=pay_laws.as_json(laws),
            notes=notes,
            partial=skipped_language,
        )

    def add_findings(self, report: Report, found: Iterable[Finding], notes: Iterable[str] = ()) -> Report:
        """`report` with findings made outside `lint` (a model's verdicts) folded in.

        They obey what the engine's own findings obey (inline directives, masking by
        scrape noise) and count in the scores, which are computed again from the whole
        list, so a report never shows scores that its findings do not explain.
        """
        posting = report.posting
        extra = list(found)
        if extra and posting.directives:
            extra = _drop_disabled(Context(posting), extra)
        findings = _drop_masked([*report.findings, *extra], self.masking)
        findings.sort(key=lambda f: (f.start is None, f.start or 0, f.end or 0, f.rule))
        scores, costs = self._score(posting, findings, report.metrics)
        return Report(
            posting=posting,
            findings=findings,
            scores=scores,
            metrics=report.metrics,
            score_costs=costs,
            pay_transparency=report.pay_transparency,
            notes=[*report.notes, *notes],
            partial=report.partial,
        )

    def _score(self, posting: Posting, findings: list[Finding], values: dict):
        """Scores against the completeness items of the rules that run in the posting's language."""
        language = posting.language
        items = self._checklists.get(language)
        if items is None:
            items = self._checklists[language] = checklist(
                r for r in self.rules if "*" in r.languages or language in r.languages
            )
        return score(findings, items, words_for_length(values.get("words"), language))

    def laws_for(self, posting: Posting) -> list[pay_laws.Verdict]:
        """The laws a posting's places bring in, judged as `lint` judges them (`explain`)."""
        return self._laws(Context(posting))

    def _laws(self, ctx: Context) -> list[pay_laws.Verdict]:
        """Pay-transparency laws of the job's place, judged on the engine's date (`laws.py`).

        A law follows where the job is, not every place a posting names: a team in New
        York the hire works with, a facility in another state, an office abroad, a city
        in the company's name. So where the posting states its place (a location field,
        the title line, "based in", front matter), that place alone brings in laws; the
        whole text is read only when the place is a guess or not found. A remote role
        open to a whole country is read from the whole text either way.
        """
        text = pay_laws.without_headquarters(ctx.text, ctx.lower)
        if text is None:
            found = self._law_index.matching(ctx.text, ctx.lower, ctx.vocab)
        else:  # a company card's headquarters line names no place of work
            low = text.lower()
            found = self._law_index.matching(text, low, frozenset(TOKEN.findall(low)))
        location = ctx.posting.facts.location
        if location is not None and (location.start is None or location.found_by in STATED):
            place = location.text
            if location.start is not None:  # read where county names are blanked ("Colorado County")
                read = text if text is not None else ctx.text
                end = location.end
                if location.found_by == "cue":  # "hiring in Denver and Seattle": the sentence's other places too
                    end = sentence_end(read, end, 120)
                place = "\n".join([read[location.start : end], *(read[a:b] for a, b in location.also)])
            place = spelt_out(place)
            own = self._law_index.matching(place, place.lower(), frozenset(TOKEN.findall(place.lower())))
            if own or names_region(place):  # "Solna" alone: its country is read from the whole text
                found = {key for key in found if key[1] == "remote"} | own
        employees = pay_laws.stated_employees(ctx.posting.meta)
        laws = pay_laws.found_laws(self.laws, found)
        national = pay_laws.national_employer(ctx.text, ctx.lower) if laws else None
        return pay_laws.judge(laws, self.as_of, employees, national)


def _inside(spans: list[tuple[int, int]], at: int) -> bool:
    from ..document.template_branches import inside

    return inside(spans, at)


def _drop_disabled(ctx: Context, findings: list[Finding]) -> list[Finding]:
    """Findings that no inline directive switches off.

    `disable` holds until an `enable` of the same selector or the end of the posting;
    `disable-next-line` covers the next line with text. A finding about something
    missing (no span) is dropped when its rule is still disabled at the end, since it
    speaks of the posting as a whole. n log n in findings and directives.
    """
    posting = ctx.posting
    spans: list[tuple[int, int, str]] = []  # (start, end, selector); "" is every rule
    open_: dict[str, int] = {}
    for d in sorted(posting.directives, key=lambda d: d.offset):
        selectors = d.rules or ("",)
        if d.action == "disable":
            for sel in selectors:
                open_.setdefault(sel, d.offset)
        elif d.action == "enable":
            for sel in list(open_) if not d.rules else selectors:
                if sel in open_:
                    spans.append((open_.pop(sel), d.offset, sel))
        elif d.action == "disable-next-line":
            line = _next_line(ctx, d.offset)
            if line is not None:
                spans.extend((line.start, line.end + 1, sel) for sel in selectors)
    at_end = list(open_)
    spans.extend((start, len(posting.text) + 1, sel) for sel, start in open_.items())

    def covers(sel: str, rule_id: str) -> bool:
        return not sel or matches_selector(rule_id, [sel])

    # One sweep through the findings in text order, keeping the selectors in force at
    # each: n log n in findings and directives, where testing every finding against
    # every span was their product.
    opening = sorted((a, b, sel) for a, b, sel in spans)
    closing: list[tuple[int, str]] = []  # heap of (end, selector) of the spans open now
    active: dict[str, int] = {}  # selector -> how many open spans name it
    dropped: set[int] = set()
    next_open = 0
    placed = sorted((f.start, i) for i, f in enumerate(findings) if f.start is not None)
    for start, i in placed:
        while next_open < len(opening) and opening[next_open][0] <= start:
            a, b, sel = opening[next_open]
            next_open += 1
            heapq.heappush(closing, (b, sel))
            active[sel] = active.get(sel, 0) + 1
        while closing and closing[0][0] <= start:
            _, sel = heapq.heappop(closing)
            active[sel] -= 1
            if not active[sel]:
                del active[sel]
        rule = findings[i].rule
        if any(covers(sel, rule) for sel in active):
            dropped.add(i)
    return [
        f for i, f in enumerate(findings)
        if not (any(covers(sel, f.rule) for sel in at_end) if f.start is None else i in dropped)
    ]


def _next_line(ctx: Context, offset: int):
    """The first line with text after a directive at `offset` (its own line, if it was cut)."""
    lines = ctx.posting.lines
    i = ctx.line_index(offset)
    if i < len(lines) and lines[i].start < offset:
        i += 1  # the directive ended a line of text: the next line is meant
    while i < len(lines) and lines[i].kind == "blank":
        i += 1
    return lines[i] if i < len(lines) else None


def _drop_masked(findings: list[Finding], masking: set[str]) -> list[Finding]:
    """Text that a masking rule calls "not the posting" (job-board UI) gets no other finding.

    n log n: a finding lies inside a mask when, of the masks that start at or before
    it, the one reaching furthest reaches its end (a bisection and a running maximum),
    where testing every finding against every mask was their product.
    """
    masks = sorted((f.start, f.end) for f in findings if f.rule in masking and f.start is not None)
    if not masks:
        return findings
    starts = [s for s, _ in masks]
    reach = list(itertools.accumulate((e for _, e in masks), max))
    kept = []
    for f in findings:
        if f.rule not in masking and f.start is not None:
            i = bisect_right(starts, f.start) - 1
            if i >= 0 and f.end <= reach[i]:
                continue
        kept.append(f)
    return kept
