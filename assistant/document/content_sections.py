"""Sections read from what the content says, where no heading names them (issue 15, item 2).

Half the postings put duties and asks under "Job Description" or no heading at all,
and hedged wishes ("Python is a plus") among the must-haves. Read only by heading,
such a posting has no responsibilities, requirements or nice-to-have section, and is
told so wrongly (docs/accuracy.md). Here a section whose kind says nothing about its
content (the role summary, "other") is split where its paragraphs or items plainly
say another kind. Under a requirements heading, an item wished for as a whole ("SQL is
a plus") is a nice-to-have, counted apart (CONTRACTS.md); one hedged in a part ("Rails
(preferred) or similar") stays a must-have, for clarity/vague-requirements to ask about.

Sure readings only, so a stub's one vague sentence makes no section: a paragraph needs
two sentences cueing its kind (and more than any other kind), or one with a sure cue
for the team or the duties (`content_kinds.STRONG_CUES`); a run of items needs two
items of the kind; a hedged item is a nice-to-have on its own. Inside headed sections
only closing paragraphs on how to apply, benefits or the employer are split off, and
must-have items wished for as a whole become a nice-to-have. Linear: each line is read
once, by the cue expressions of `content_kinds`.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from .content_kinds import STRONG_CUES, cue_places, employer_place, hedges_whole, item_kinds, joined_lines
from .model import Line, Section

# Kinds whose content is read for other kinds inside them.
_VAGUE = frozenset({"role_summary", "other"})
# Stock legal text is not read for kinds; other headed sections only for `_TAIL_KINDS`.
_STOCK = frozenset({"eeo_statement", "accommodation_statement"})
_TAIL_KINDS = frozenset({"application_process", "benefits", "company_overview"})
_PARAGRAPH_KINDS = ("company_overview", "team", "responsibilities", "requirements", "benefits", "application_process")
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)")
MIN_SENTENCES = 2
# Kinds whose cues are rare elsewhere (a company describing itself, how to apply):
# one sentence of the paragraph says it, as in `content_kinds.MIN_BY_KIND`.
MIN_SENTENCES_BY_KIND = {"company_overview": 1, "application_process": 1}
# Kinds whose sure wording (`content_kinds.STRONG_CUES`) makes a paragraph of one
# sentence: the unit the hire joins is named once, where it is named, and "you will
# build …" says the duties however short (as completeness/responsibilities reads it).
_ONE_SURE_SENTENCE = ("team", "responsibilities", "benefits", "requirements")
_HIRING = re.compile(r"\b(?:looking for|hiring|seeking|searching for|recruiting)\b")
MIN_ITEMS = 2
# Kinds one item says on its own, whatever the run around it: a hedged wish, a sized team.
_ITEM_ALONE = frozenset({"nice_to_have", "team"})
CONFIDENCE = 0.6


def refine(text: str, low: str, lines: list[Line], sections: list[Section]) -> list[Section]:
    """`sections` with vague ones split by content and hedged items carved from requirements."""
    out: list[Section] = []
    cues = _Cues(low, _paragraph_spans(lines, text, sections))
    for section in sections:
        if section.kind in _VAGUE:
            first = _content_start(section)
            # Under a role-summary heading ("Job overview"), and before the first heading,
            # the first paragraph is that summary, though it says "you will …".
            summary = section.kind == "role_summary" and section.basis in ("heading", "lead")
            out.extend(_split(text, lines, section, first, _line_kinds(text, low, lines, first, section.last_line, summary, cues)))
        elif section.kind not in _STOCK:
            first = _content_start(section)
            labels = _tail_paragraphs(text, low, lines, first, section.last_line, section.kind, cues)
            if section.kind == "requirements":
                wished = _wished_items(low, lines, first, section.last_line)
                labels = [w or t for w, t in zip(wished, labels, strict=True)]
            out.extend(_split(text, lines, section, first, labels))
        else:
            out.append(section)
    return out


def _tail_paragraphs(text: str, low: str, lines: list[Line], first: int, last: int, kind: str, cues: _Cues) -> list[str | None]:
    """Paragraphs of running text inside a headed section that plainly say a kind whose
    wording is rare elsewhere: how to apply, the benefits, the employer. They close
    whatever section came last ("To apply, send …" under "Nice to have", a company
    paragraph under "Benefits"), and read as that section they made its kind missing.
    Items stay with their heading, except those a closing paragraph introduces ("For
    each job on your résumé, give:" then the items): they are its own."""
    labels = _line_kinds(text, low, lines, first, last, False, cues)
    out = [k if k in _TAIL_KINDS and k != kind and lines[i].kind == "text" else None for i, k in zip(range(first, last), labels, strict=True)]
    lead: str | None = None
    for i in range(first, last):
        ln = lines[i]
        if out[i - first] is not None:
            lead = out[i - first] if text[ln.body_start : ln.end].rstrip().endswith(":") else None
        elif lead is not None and ln.kind in ("bullet", "blank"):
            out[i - first] = lead
        else:
            lead = None
    return out


def _content_start(section: Section) -> int:
    return section.first_line + (1 if section.heading is not None and section.basis == "heading" else 0)


def _wished_items(low: str, lines: list[Line], first: int, last: int) -> list[str | None]:
    """Items of a must-have list that are wished for as a whole ("Master's degree
    preferred", "Kafka is a plus"), and the sub-items of a wished-for lead-in ("Any of
    these would be a plus:"): a nice-to-have, counted apart (CONTRACTS.md). A hedge on
    a part ("Rails (preferred) or similar") leaves the item a must-have, for
    clarity/vague-requirements to ask about. Linear: each item read once."""
    labels: list[str | None] = [None] * (last - first)
    under: int | None = None  # the level of a wished-for lead-in whose sub-items follow
    for i in range(first, last):
        ln = lines[i]
        if ln.kind != "bullet":
            if ln.kind != "blank":
                under = None
            continue
        if under is not None and _under_lead_in(lines, i, under):
            labels[i - first] = "nice_to_have"
            continue
        under = None
        if hedges_whole(low[ln.body_start : ln.end]):
            labels[i - first] = "nice_to_have"
            if ln.lead_in:
                under = ln.level
    return labels


def _split(text: str, lines: list[Line], section: Section, first: int, labels: list[str | None]) -> list[Section]:
    if not any(k is not None for k in labels):
        return [section]
    out: list[Section] = []
    cur_kind, cur_first = section.kind, section.first_line
    for i, kind in zip(range(first, section.last_line), labels, strict=True):
        want = kind or section.kind
        if lines[i].kind == "blank" or want == cur_kind:
            continue
        if i > cur_first:
            out.append(_piece(text, lines, section, cur_first, i, cur_kind))
        cur_kind, cur_first = want, i
    out.append(_piece(text, lines, section, cur_first, section.last_line, cur_kind))
    return out


def _piece(text: str, lines: list[Line], section: Section, first: int, last: int, kind: str) -> Section:
    if first == section.first_line:
        heading, basis, confidence = section.heading, section.basis, section.confidence
        if kind != section.kind:
            basis, confidence = "content", CONFIDENCE
    else:
        heading, basis, confidence = None, "content", CONFIDENCE
    start = section.start if first == section.first_line else lines[first].start
    end = lines[last - 1].end if last > first else start
    return Section(kind, heading, start, end, first, last, basis, confidence)


def _units(text: str, lines: list[Line], first: int, last: int):
    """("text", i, j) for each paragraph of lines[first:last] (a paragraph wrapped at a
    fixed width is one: its next line opens lower-case) and ("bullet", i, j) for each run
    of items. The rest of a wrapped paragraph whose first lines were carved off (stock
    legal text) is skipped: it says what they said, not a kind of its own."""
    i = first
    if 0 < first < last and lines[first].kind == lines[first - 1].kind == "text" and text[lines[first].body_start : lines[first].body_start + 1].islower():
        while i < last and lines[i].kind == "text":
            i += 1
    while i < last:
        kind = lines[i].kind
        if kind == "text":
            j = i + 1
            while j < last and lines[j].kind == "text" and text[lines[j].body_start : lines[j].body_start + 1].islower():
                j += 1
            yield "text", i, j
            i = j
        elif kind == "bullet":
            j = i
            while j < last and lines[j].kind in ("bullet", "blank"):
                j += 1
            yield "bullet", i, j
            i = j
        else:
            i += 1


class _Cues:
    """Where each kind's cues end in every paragraph `refine` reads, found with one search
    per cue expression over all of them joined a line each, not one per paragraph and
    kind (a third of a corpus lint's reading of structure). No cue crosses a line break
    and none looks past one, so the places are those a search of each paragraph finds."""

    def __init__(self, low: str, spans: list[tuple[int, int]]):
        self._index = {span: n for n, span in enumerate(dict.fromkeys(spans))}
        joined, starts = joined_lines([low[lo:hi] for lo, hi in self._index])
        self._places: dict[str, list[list[int]]] = {}
        for kind in _PARAGRAPH_KINDS:
            places: list[list[int]] = [[] for _ in starts]
            for at in cue_places(kind, joined):
                n = bisect_right(starts, at) - 1
                places[n].append(at - starts[n])
            self._places[kind] = places

    def of(self, lo: int, hi: int) -> dict[str, list[int]]:
        n = self._index[(lo, hi)]
        return {kind: places[n] for kind, places in self._places.items()}


def _paragraph_spans(lines: list[Line], text: str, sections: list[Section]) -> list[tuple[int, int]]:
    """The paragraphs `refine` reads for kinds: those of every section but stock text."""
    spans = []
    for section in sections:
        if section.kind not in _STOCK:
            for unit, i, j in _units(text, lines, _content_start(section), section.last_line):
                if unit == "text":
                    spans.append((lines[i].body_start, lines[j - 1].end))
    return spans


def _line_kinds(text: str, low: str, lines: list[Line], first: int, last: int, strict_first: bool, cues: _Cues) -> list[str | None]:
    """The kind each line's content says for sure, or None (it stays in its section)."""
    labels: list[str | None] = [None] * (last - first)
    for unit, i, j in _units(text, lines, first, last):
        if unit == "text":
            lo, hi = lines[i].body_start, lines[j - 1].end
            kind = _paragraph_kind(low[lo:hi], text[lo:hi], strict_first, cues.of(lo, hi))
            for k in range(i, j):
                labels[k - first] = kind
        else:
            _label_items(low, lines, i, j, first, labels)
        strict_first = False
    return labels


def _paragraph_kind(para: str, written: str, strict: bool, places: dict[str, list[int]]) -> str | None:
    """The kind most of the paragraph's sentences cue, when enough do; one pass per kind.

    `para` is lower-cased, `written` the same paragraph as written: a sentence naming
    the employer as its subject (`describes_employer`) is read on the capitals.
    `places`: where each kind's cues end in it (`_Cues`)."""
    starts = [m.start() for m in _SENTENCE.finditer(para)]
    counts: dict[str, int] = {}
    opens: dict[str, int] = {}  # the first sentence that cues each kind
    for kind in _PARAGRAPH_KINDS:
        cued = {bisect_right(starts, at) for at in places[kind]}
        if kind == "company_overview" and not cued:
            at = employer_place(written)
            cued = set() if at is None else {bisect_right(starts, at)}
        if cued:
            counts[kind] = len(cued)
            opens[kind] = min(cued)
    first_end = starts[1] if len(starts) > 1 else len(para)
    if STRONG_CUES["team"].search(para, 0, first_end) and not _HIRING.search(para, 0, first_end):
        # "We're a team of six who …", "The payments team owns …" as the opening sentence:
        # the paragraph introduces the team, whatever its later sentences go on to. Not a
        # summary's own paragraph, nor "we're looking for a developer to join our X team"
        # (the role, introduced with its team).
        return "team"
    if not counts:
        return None
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    best, n = ranked[0]
    if n >= MIN_SENTENCES_BY_KIND.get(best, MIN_SENTENCES) and (len(ranked) == 1 or ranked[1][1] < n):
        return best
    if n < MIN_SENTENCES:
        # No kind is said twice: the paragraph is the one kind that a single sentence
        # says surely, a kind whose cues are rare elsewhere (`MIN_SENTENCES_BY_KIND`) or
        # one with a sure cue. Of several, the one the paragraph opens with: its first
        # sentence sets its topic. In a summary's own paragraph (`strict`) only a sure cue
        # for the team or the benefits moves it, not "you will …" or "our platform".
        sure = [
            k for k in counts
            if (k in MIN_SENTENCES_BY_KIND and not strict)
            or (k in _ONE_SURE_SENTENCE and not (strict and k == "responsibilities") and STRONG_CUES[k].search(para))
        ]
        if sure:
            return min(sure, key=lambda k: opens[k])
    return None


def _label_items(low: str, lines: list[Line], i: int, j: int, first: int, labels: list[str | None]) -> None:
    """A run of items: the kind most of them say, when two or more say it; hedged items apart."""
    items = [k for k in range(i, j) if lines[k].kind == "bullet"]
    kinds = item_kinds([low[lines[k].body_start : lines[k].end] for k in items])
    tally: dict[str, int] = {}
    for k in kinds:
        if k is not None and k not in _ITEM_ALONE:
            tally[k] = tally.get(k, 0) + 1
    run_kind = None
    if tally:
        best, n = max(tally.items(), key=lambda kv: kv[1])
        if n >= MIN_ITEMS and n * 2 > sum(tally.values()):
            run_kind = best
    groups = _groups(kinds)
    under: int | None = None  # the level of a wished-for lead-in whose items follow
    for k, kind, group in zip(items, kinds, groups, strict=True):
        if under is not None and _under_lead_in(lines, k, under):
            labels[k - first] = "nice_to_have"
            continue
        under = lines[k].level if kind == "nice_to_have" and lines[k].lead_in else None
        if kind in _ITEM_ALONE:
            labels[k - first] = kind
        elif group is not None:
            labels[k - first] = group
        elif run_kind is not None:
            labels[k - first] = run_kind


def _under_lead_in(lines: list[Line], k: int, level: int) -> bool:
    """Whether item `k` is one of those a lead-in at `level` introduces ("Bonus points
    if you have any of:"): a deeper item, or, in lines with no list marks (a scrape's
    one item a line), the next lines at its level up to a blank line or another
    lead-in. Read alone, "Master's degree" under such a lead-in was a must-have."""
    ln = lines[k]
    if ln.level > level:
        return True
    return ln.level == level and not ln.marker and not ln.lead_in and lines[k - 1].kind != "blank"


def _groups(kinds: list[str | None]) -> list[str | None]:
    """Each item's kind by the stretch of like items it stands in: duties then asks in one
    unheaded list are two parts, each of `MIN_ITEMS` or more items saying its kind (items
    that say nothing go with the stretch they stand in); None outside such a stretch."""
    out: list[str | None] = [None] * len(kinds)
    start, cur, n = 0, None, 0
    for i, kind in enumerate([*kinds, "<end>"]):
        if kind in _ITEM_ALONE or kind is None:
            continue
        if kind != cur:
            if cur is not None and n >= MIN_ITEMS:
                for j in range(start, i):
                    if kinds[j] not in _ITEM_ALONE:
                        out[j] = cur
            start, cur, n = i, kind, 0
        n += 1
    return out
