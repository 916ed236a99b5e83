"""What the engine says about one labelled posting, in the labels' vocabulary.

The one place that knows how lint results expose sections, facts and findings, so a
change to the engine's API is absorbed here and the metrics stay as they are. Spans
are compared in the coordinates of `Posting.text`: a label's offsets (into the source
file) are carried there, by the posting's source map for Markdown and text, and for
HTML (whose text is extracted, with no map back) by finding the label's words,
unescaped, in the extracted text, nearest where they stand in the file.

Which engine answers count (see docs/accuracy.md):
  * section kinds present: the posting's sections, by kind, plus pay and location
    found as facts (an estimate by a third party is not pay);
  * "missing section" findings: the span-less findings of `section`-kind rules whose
    sections or facts map to a labelled kind, and the exemplar findings, by the kind
    their message names;
  * EEO present: the EEO rule did not fire (the section, or its wording anywhere);
  * exclusionary wording: inclusivity findings with a span, except the rules listed
    in NOT_EXCLUSIONARY (they measure something else and are scored on their own);
  * innocuous hits: any finding of a word-level rule (phrases, balance, pattern kinds).
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from assistant.api import make_engine
from assistant.document.loaders import LoadError, load_postings, read_source
from assistant.document.normalise import normalise

# The engine's section kinds as the labellers name them; kinds they were not asked
# about (role summary, culture, accommodation, other) are left out.
KIND_TO_LABEL = {
    "company_overview": "company",
    "team": "team",
    "responsibilities": "responsibilities",
    "requirements": "requirements",
    "nice_to_have": "nice_to_have",
    "benefits": "benefits",
    "compensation": "pay",
    "location": "location",
    "application_process": "how_to_apply",
    "eeo_statement": "eeo",
}
FACT_TO_LABEL = {"salary": "pay", "location": "location"}
YEARS_RULES = frozenset({"inclusivity/years-of-experience"})
DEGREE_RULES = frozenset({"inclusivity/degree-requirement"})
EEO_RULE = "completeness/eeo-statement"
EXEMPLAR_RULE = "completeness/exemplar-sections"
# Inclusivity rules that are not word rules about exclusionary wording: years and
# degrees have their own metrics, overload is a count, and the gender-coded balance
# marks words only when a whole posting leans (Gaucher et al. measure the lean, not
# each word), which the labellers were told not to label word by word.
NOT_EXCLUSIONARY = frozenset({
    "inclusivity/years-of-experience", "inclusivity/degree-requirement",
    "inclusivity/requirement-overload", "inclusivity/gender-coded",
})
WORD_KINDS = frozenset({"phrases", "balance", "pattern"})
_SPACE = re.compile(r"\s+")
_TAG = re.compile(r"<[^<>]*>")


class Found:
    """One finding with a span, in `Posting.text` offsets."""

    __slots__ = ("rule", "start", "end")

    def __init__(self, rule: str, start: int, end: int):
        self.rule, self.start, self.end = rule, start, end

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end


class View:
    """The engine's answers about one posting, and the means to place labels in its text."""

    def __init__(self, report, source: str, engine):
        posting = report.posting
        self.posting = posting
        self.text: str = posting.text
        self.source = source
        self.extracted = posting.location_basis != "source"
        self._collapsed: tuple[str, list[int]] | None = None
        facts = posting.facts
        salary = facts.salary
        self.pay_stated = salary is not None and not getattr(salary, "estimate", False)
        self.location_stated = facts.location is not None
        self.remote = facts.remote or "unknown"
        self.title: str | None = posting.title
        self.title_span: tuple[int, int] | None = tuple(posting.title_span) if posting.title_span else None
        kinds = {KIND_TO_LABEL[s.kind] for s in posting.sections if s.kind in KIND_TO_LABEL}
        if self.pay_stated:
            kinds.add("pay")
        if self.location_stated:
            kinds.add("location")
        self.sections = kinds
        fired = {f.rule for f in report.findings}
        self.eeo_present = EEO_RULE not in fired
        rule_kind = {r.id: r.kind for r in engine.all_rules}
        self.findings = [Found(f.rule, f.start, f.end) for f in report.findings if f.start is not None and f.end is not None]
        # A years requirement is scored as detected, whether or not it is told to the
        # writer: the federal standard followed by its definition needs no advice, so it
        # is no finding, but the engine lists it in `metrics.standard_requirements`.
        standard = [
            Found(r["rule"], r["start"], r["end"]) for r in report.metrics.get("standard_requirements", ())
            if r["rule"] in YEARS_RULES
        ]
        self.years = [f for f in self.findings if f.rule in YEARS_RULES] + standard
        self.degree = [f for f in self.findings if f.rule in DEGREE_RULES]
        self.exclusionary = [
            f for f in self.findings if f.rule.startswith("inclusivity/") and f.rule not in NOT_EXCLUSIONARY
        ]
        self.word_findings = [f for f in self.findings if rule_kind.get(f.rule) in WORD_KINDS]
        self.missing = _missing_sections(report, engine)
        self.checked = _checked_kinds(engine)
        eeo_rule = next((r for r in engine.rules if r.id == EEO_RULE), None)
        self._eeo_wording = [re.compile(p, re.I | re.M) for p in (eeo_rule.params.get("pattern", []) if eeo_rule else [])]

    def section_span(self, kind: str) -> tuple[int, int] | None:
        """Where the engine's first section of a labelled kind stands (for --explain)."""
        for s in self.posting.sections:
            if KIND_TO_LABEL.get(s.kind) == kind and s.end > s.start:
                return s.start, s.end
        fact = {"pay": self.posting.facts.salary, "location": self.posting.facts.location}.get(kind)
        if fact is not None and fact.start is not None and fact.end:
            return fact.start, fact.end
        if kind == "eeo":  # no section: the first wording the EEO rule accepts
            found = [m.span() for rx in self._eeo_wording for m in [rx.search(self.text)] if m]
            return min(found) if found else None
        return None

    def section_origin(self, kind: str) -> str:
        """What made the engine say a kind is there: a section (and its heading), a fact,
        or, for EEO, wording the rule accepts outside any such section."""
        for s in self.posting.sections:
            if KIND_TO_LABEL.get(s.kind) == kind:
                return f"section under {s.heading!r}" if s.heading else "unheaded section"
        if kind in ("pay", "location"):
            return "fact"
        return "wording anywhere"

    def kind_at(self, start: int) -> str:
        """The engine's section kind (and heading) at a text offset, for --explain."""
        for s in self.posting.sections:
            if s.start <= start < s.end:
                return f"{s.kind} under {s.heading!r}" if s.heading else f"{s.kind}, unheaded"
        return "in no section"

    # ------------------------------------------------------------------ placing labels
    def place(self, start: int, end: int) -> tuple[int, int] | None:
        """A label's source span in `Posting.text` offsets; None when it cannot be placed
        (its words were cut as markup, or not found in the extracted text)."""
        if not self.extracted:
            smap = self.posting.source_map
            a, b = smap.to_normalised(start), smap.to_normalised(end)
            return (a, b) if b > a else None
        return self._search(start, end)

    def _search(self, start: int, end: int) -> tuple[int, int] | None:
        """The label's words, unescaped and with white space collapsed, in the extracted
        text; of several occurrences, the one nearest the label's place in the file.
        Linear in the text (the collapsed copy is made once per posting)."""
        words = html.unescape(_TAG.sub(" ", self.source[start:end]))
        words = _SPACE.sub(" ", normalise(words)[0]).strip()
        if not words:
            return None
        collapsed, where = self._collapsed_text()
        expected = len(collapsed) * start / max(1, len(self.source))
        best = None
        at = collapsed.find(words)
        while at != -1:
            if best is None or abs(at - expected) < abs(best - expected):
                best = at
            at = collapsed.find(words, at + 1)
        if best is None:
            return None
        return where[best], where[best + len(words) - 1] + 1

    def _collapsed_text(self) -> tuple[str, list[int]]:
        """The text with each run of white space as one space, and where each of its
        characters stands in the text."""
        if self._collapsed is None:
            out: list[str] = []
            where: list[int] = []
            space = False
            for i, ch in enumerate(self.text):
                if ch.isspace():
                    if not space and out:
                        out.append(" ")
                        where.append(i)
                    space = True
                    continue
                space = False
                out.append(ch)
                where.append(i)
            self._collapsed = ("".join(out), where)
        return self._collapsed

    def to_source(self, start: int) -> int | None:
        """A text offset in the source file (None for extracted text: no map back)."""
        return None if self.extracted else self.posting.source_map.to_source(start)


def _checked_kinds(engine) -> frozenset[str]:
    """Labelled kinds some enabled rule can report missing: the kinds recall counts."""
    kinds = set()
    for rule in engine.rules:
        if rule.kind != "section":
            continue
        if rule.id == EXEMPLAR_RULE:
            kinds.update(KIND_TO_LABEL[k] for k in engine.profile.kinds if k in KIND_TO_LABEL)
            continue
        kinds.update(KIND_TO_LABEL[k] for k in rule.params.get("sections", []) if k in KIND_TO_LABEL)
        kinds.update(FACT_TO_LABEL[f] for f in rule.params.get("facts", []) if f in FACT_TO_LABEL)
    return frozenset(kinds)


def _missing_sections(report, engine) -> list[tuple[str, str]]:
    """(labelled kind, rule id) for each finding saying a section is absent."""
    by_rule: dict[str, str] = {}
    for rule in engine.rules:
        if rule.kind != "section" or rule.id == EXEMPLAR_RULE:
            continue
        named = [KIND_TO_LABEL.get(k) for k in rule.params.get("sections", [])]
        named += [FACT_TO_LABEL.get(f) for f in rule.params.get("facts", [])]
        named = [k for k in named if k]
        if named:
            by_rule[rule.id] = named[0]
    missing = []
    for f in report.findings:
        if f.start is not None:
            continue
        if f.rule in by_rule:
            missing.append((by_rule[f.rule], f.rule))
        elif f.rule == EXEMPLAR_RULE:
            for kind in engine.profile.kinds:
                if kind in KIND_TO_LABEL and kind.replace("_", " ") in f.message:
                    missing.append((KIND_TO_LABEL[kind], f.rule))
                    break
    return missing


class Linter:
    """One engine for the whole set (built once: rubric loading is the slow part)."""

    def __init__(self):
        self.engine = make_engine()

    def view(self, file: Path) -> View:
        """Lint one corpus file; `LoadError` when it is not one posting."""
        postings = load_postings(file)
        if len(postings) != 1:
            raise LoadError(f"holds {len(postings)} postings")
        return View(self.engine.lint(postings[0]), read_source(file), self.engine)
