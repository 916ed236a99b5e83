"""The job's place: the first the location finders read (`location.py`, in order: a
field, a section, the title, a cue, a "City, ST" guess, a line of cities), which of
them read it, and where else the posting states it: every other location field, a sentence whose subject is the job
("this role is based in New York City"), a "hiring in" sentence, and the rest of a
board title's place field ("Columbus, OH & Grand Rapids, MI").

The pay laws follow these places and no others when the place is stated (the
engine's `_laws`), so a team, a facility or an office named in passing brings in no law.
"""

from __future__ import annotations

import re

from ..model import Location
from .city_line import _location_from_city_line
from .location import (
    _LOCATION_LABELS,
    _location_from_cues,
    _location_from_fields,
    _location_from_patterns,
    _location_from_section,
    _location_from_title,
)
from .view import _Doc

# "This role is based in", "the position is located at", "you will be based out of": the
# job as the subject of a place sentence, unlike "our team is located in Boston and Sofia".
# Read in a bounded window before each "based"/"located"/"situated", `$`-anchored.
_JOB_SUBJECT = re.compile(r"\b(?:role|position|job|opening|vacancy|you|hire|candidate)\b[^.;\n]{0,40}$")
_JOB_PLACE_WORDS = ("based", "located", "situated")
_PLACE_SENTENCE_END = re.compile(r"[.!?\n](?:\s|$)|\n")


def sentence_end(text: str, at: int, most: int) -> int:
    """Where the sentence holding `at` ends, `most` characters on at the latest: a
    place sentence's other places ("hiring in Denver and Seattle") stand before it."""
    stop = _PLACE_SENTENCE_END.search(text, at, at + most)
    return stop.start() if stop else min(len(text), at + most)


# What ends the places of a board's title line: its next field ("| Full-time", " - Acme",
# "(on-site"). "Grand Rapids, MI & Columbus, OH (on-site)", "Seattle / New York | Full-Time".
_TITLE_FIELD_END = re.compile(r"[ \t]+[-–—|][ \t]|\||\(|\[")


def _title_places(doc: _Doc, found: Location) -> tuple[tuple[int, int], ...]:
    """The rest of the title's place field after the first place read there."""
    _, end = doc.title()
    if found.end is None or found.end >= end:
        return ()
    stop = _TITLE_FIELD_END.search(doc.text, found.end, end)
    return ((found.end, stop.start() if stop else end),)


def _other_job_places(doc: _Doc, found: Location) -> tuple[tuple[int, int], ...]:
    """Spans besides `found` where the posting states the job's place: every other
    location field, and sentences whose subject is the job ("this role is based in New
    York City"). Each anchor is read once, in a bounded window: linear."""
    spans: list[tuple[int, int]] = []
    for pos in doc.hits("location"):
        field = doc.field_at(pos)
        if field is None or field.label not in _LOCATION_LABELS or pos >= field.value_start:
            continue
        if field.value_start != found.start and (not spans or spans[-1][0] != field.value_start):
            spans.append((field.value_start, min(field.value_end, field.value_start + 100)))
    for word in (*_JOB_PLACE_WORDS, "hiring"):  # "we're hiring in both our Austin and Lyon offices"
        for pos in doc.word_hits(word):
            if word != "hiring" and _JOB_SUBJECT.search(doc.low, max(0, pos - 50), pos) is None:
                continue
            spans.append((pos, sentence_end(doc.text, pos, 160)))
    return tuple(spans)


# Every finder but "pattern" reads a place the posting states as the job's; "pattern" is
# the first "City, ST" outside the company's story, a guess (`Location.found_by`).
STATED = frozenset({"field", "section", "title", "cue", "city-line"})


_FINDERS = (
    (_location_from_fields, "field"), (_location_from_section, "section"), (_location_from_title, "title"),
    (_location_from_cues, "cue"), (_location_from_patterns, "pattern"), (_location_from_city_line, "city-line"),
)


def _location(doc: _Doc) -> Location | None:
    for finder, how in _FINDERS:
        found = finder(doc)
        if found:
            found.found_by = how
            if how in STATED:
                found.also = _other_job_places(doc, found)
                if how == "title":
                    found.also += _title_places(doc, found)
            return found
    return None
