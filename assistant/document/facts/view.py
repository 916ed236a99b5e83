"""The posting as the fact detectors read it: text, lower-cased text, and what they share.

Every detector asks the same questions of the text (where does "remote" occur, which
"Label: value" field holds this offset, which section, which line), so the answers are
worked out once per posting here and cached, whichever detector asks first.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from itertools import pairwise

from ..model import Line, Section
from ..normalise import lower_same_length

# UTF-8 lead bytes of the common CJK ideographs (U+4E00..U+9FFF): counting them in bytes
# is cheaper than a regex over that range, which costs more to compile than to run here.
_CJK_LEAD = re.compile(rb"[\xe4-\xe9]")
_FIRST_LINE = re.compile(r"\S[^\n]*")
_NOTICE_LINE = re.compile(r"privacy|notice|ccpa|cpra|gdpr|equal opportunity|e-verify")
# "Label: value" on one line: `Location: X`, `**Location:** X`, `- **Type**: X`, `地点：X`.
_FIELD = re.compile(
    r"[ \t]*(?:[-*•>+][ \t]*|#{1,6}[ \t]*)?(?:\*\*|__)?[ \t]*"
    r"(?P<label>[^\W\d_][^\n:：*_]{0,32}?)[ \t]*(?:\*\*|__)?[ \t]*[:：][ \t]*(?:\*\*|__)?[ \t]*"
    r"(?P<value>[^\n]*)"
)


class _Field:
    __slots__ = ("label", "label_start", "value_start", "value_end", "verdicts")

    def __init__(self, label: str, label_start: int, value_start: int, value_end: int):
        self.label = label
        self.label_start = label_start
        self.value_start = value_start
        self.value_end = value_end
        # What the value says of remote work, asked from the label and from the value:
        # a long value is read once, not once for each anchor word in it.
        self.verdicts: dict[bool, str | None] = {}


class _Doc:
    """Text, lower-cased text and the anchors found so far, computed once per posting."""

    __slots__ = (
        "text", "low", "lines", "sections", "ascii", "lang", "chinese", "_hits", "_fields", "_title",
        "_line_starts", "_section_starts", "_notices",
    )

    def __init__(self, text: str, lines: Sequence[Line], sections: Sequence[Section], low: str | None = None):
        self.text = text
        self.low = low if low is not None else lower_same_length(text)
        self.lines = lines
        self.sections = sections
        self.ascii = text.isascii()
        # Which language's own words are worth a scan: "zh", "sv", "de" or "". A guess from
        # the opening, good enough to choose anchors; Swedish and German text shows its
        # letters (å, ä, ü, ß) early, so ASCII text needs no look at all.
        self.lang = ""
        self.chinese = False
        if not self.ascii:
            if len(_CJK_LEAD.findall(text[:400].encode("utf-8", "replace"))) >= 2:
                self.lang, self.chinese = "zh", True
            else:
                head = self.low[:1000]
                if "å" in head:
                    self.lang = "sv"
                elif "ü" in head or "ß" in head or "ä" in head or "ö" in head:
                    self.lang = "de"
        self._hits: dict[str, Sequence[int]] = {}
        self._fields: dict[int, _Field | None] = {}
        self._title: tuple[int, int] | None = None
        self._line_starts: list[int] | None = None
        self._section_starts: list[int] | None = None
        self._notices: dict[int, bool] = {}  # line start -> whether the line is a legal notice

    def hits(self, needle: str) -> Sequence[int]:
        """Offsets of `needle` in the lower-cased text (cached: detectors share anchors)."""
        found = self._hits.get(needle)
        if found is not None:
            return found
        find = self.low.find
        pos = find(needle)
        if pos < 0:
            found = self._hits[needle] = ()
            return found
        found = self._hits[needle] = [pos]
        pos = find(needle, pos + 1)
        while pos >= 0:
            found.append(pos)
            pos = find(needle, pos + 1)
        return found

    def word_hits(self, needle: str) -> list[int]:
        """Hits that start a word ("remote", not "isremote")."""
        low = self.low
        return [p for p in self.hits(needle) if p == 0 or not low[p - 1].isalnum()]

    def _line_index(self, pos: int) -> int:
        """The index of the line holding `pos` (a line break belongs to the line it ends).

        Linear once (the line starts are found in one pass over the text), then
        logarithmic per lookup: searching back and forth for line breaks from each
        anchor cost the length of the line every time, quadratic on a long one.
        """
        starts = self._line_starts
        if starts is None:
            lines, text = self.lines, self.text
            if lines and lines[0].start == 0 and len(lines) >= text.count("\n") + 1:
                # The structure's own lines: the same starts, and a long line's pieces
                # (document/pieces.py) as lines of their own, so "Job Type: Full-time"
                # inside a flattened posting is a field.
                starts = [ln.start for ln in lines]
            else:
                starts = [0]
                find = text.find
                at = find("\n")
                while at != -1:
                    starts.append(at + 1)
                    at = find("\n", at + 1)
            self._line_starts = starts
        return bisect_right(starts, pos) - 1

    def line_span(self, pos: int) -> tuple[int, int]:
        """Start and end (its line break excluded) of the line holding `pos`; logarithmic."""
        i = self._line_index(pos)
        starts = self._line_starts
        return starts[i], starts[i + 1] - 1 if i + 1 < len(starts) else len(self.text)

    def _line_start(self, pos: int) -> int:
        i = self._line_index(pos)
        return self._line_starts[i] if pos >= 0 else 0

    def field_at(self, pos: int) -> _Field | None:
        """The "Label: value" field that holds `pos`, if its line is one.

        A label alone on its line ("**Location:**") takes the next line as its value.
        Linear in all: each line is parsed at most twice, and found by `_line_index`.
        """
        line_start = self._line_start(pos)
        if line_start in self._fields:
            return self._fields[line_start]
        field = self._parse_field(line_start, self.line_span(pos)[1])
        if field is None and line_start > 1:
            above = self._parse_field(self._line_start(line_start - 1))
            if above is not None and above.value_start == line_start:
                field = above
        self._fields[line_start] = field
        return field

    def notice_line(self, pos: int) -> bool:
        """Whether the line holding `pos` reads as a legal notice (privacy, EEO, e-verify).

        Decided once per line, so the cost is linear in the text however many places
        on one line ask.
        """
        line_start, line_end = self.line_span(pos)
        found = self._notices.get(line_start)
        if found is None:
            found = self._notices[line_start] = _NOTICE_LINE.search(self.low, line_start, line_end) is not None
        return found

    def _parse_field(self, line_start: int, line_end: int | None = None) -> _Field | None:
        match = _FIELD.match(self.text, line_start, len(self.text) if line_end is None else line_end)
        if match is None or match.end("label") - line_start > 40:
            return None
        label = self.low[match.start("label") : match.end("label")].strip(" *_#")
        value_start, value_end = match.start("value"), match.end("value")
        while value_end > value_start and self.text[value_end - 1] in " \t*_":
            value_end -= 1
        if value_end == value_start and value_end < len(self.text):
            # "**Location:**" alone: the value is the next line, unless that is a field too.
            next_start = self.text.find("\n", value_start)
            if next_start >= 0:
                next_end = self.text.find("\n", next_start + 1)
                next_end = len(self.text) if next_end < 0 else next_end
                below = _FIELD.match(self.text, next_start + 1, next_end)
                if next_end - next_start > 2 and (below is None or below.end("label") - next_start > 41):
                    value_start, value_end = next_start + 1, next_end
        return _Field(label, match.start("label"), value_start, value_end)

    def section_kind(self, pos: int) -> str | None:
        """The kind of the section holding `pos`; logarithmic when the sections are in
        text order without overlaps (as `infer_structure` makes them), else the first
        that holds it, found by looking at each."""
        starts = self._section_starts
        if starts is None:
            sections = self.sections
            ordered = all(a.end <= b.start for a, b in pairwise(sections))
            starts = self._section_starts = [s.start for s in sections] if ordered else []
        if not starts:
            for section in self.sections:
                if section.start <= pos < section.end:
                    return section.kind
            return None
        # In order without overlaps, only the last section starting at or before `pos`
        # can hold it (an earlier one with the same start has no length).
        i = bisect_right(starts, pos) - 1
        if i >= 0 and pos < self.sections[i].end:
            return self.sections[i].kind
        return None

    def title(self) -> tuple[int, int]:
        """The first non-blank line: a posting's title, or an HN comment's header line."""
        if self._title is None:
            self._title = (0, 0)
            for line in self.lines:
                if line.kind != "blank":
                    self._title = (line.body_start, line.end)
                    break
            else:
                match = _FIRST_LINE.search(self.text)
                if match:
                    self._title = match.span()
        return self._title
