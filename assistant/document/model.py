"""The posting as every other layer sees it.

Plain dataclasses (no pydantic) because `lint` must start fast. Every span is a pair
of character offsets into `Posting.text`; `SourceMap` turns an offset back into the
line and column of the file the user wrote, so a finding can point at their words.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

SECTION_KINDS = (
    "company_overview",
    "role_summary",
    "responsibilities",
    "requirements",
    "nice_to_have",
    "benefits",
    "compensation",
    "location",
    "eeo_statement",
    "accommodation_statement",
    "application_process",
    "team",
    "culture_values",
    "other",
)

# Sections whose wording is legal or stock text: word-level rules stay quiet there.
BOILERPLATE_KINDS = frozenset({"eeo_statement", "accommodation_statement"})


class SourceMap:
    """Maps offsets in the normalised text back to offsets in the source text.

    Stored as runs: `(norm_start, src_start)` pairs, each run mapping one-to-one until
    the next, so the map stays small however long the posting is.
    """

    __slots__ = ("_norm", "_src", "_line_starts", "source")

    def __init__(self, runs: list[tuple[int, int]], source: str):
        self._norm = [r[0] for r in runs] or [0]
        self._src = [r[1] for r in runs] or [0]
        self.source = source
        self._line_starts: list[int] | None = None

    @classmethod
    def identity(cls, text: str) -> SourceMap:
        return cls([(0, 0)], text)

    def to_source(self, offset: int) -> int:
        i = bisect_right(self._norm, offset) - 1
        if i < 0:
            return 0
        return self._src[i] + (offset - self._norm[i])

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column (in code points) of a normalised offset."""
        if self._line_starts is None:
            starts = [0]
            find = self.source.find
            pos = find("\n")
            while pos != -1:
                starts.append(pos + 1)
                pos = find("\n", pos + 1)
            self._line_starts = starts
        src = self.to_source(offset)
        line = bisect_right(self._line_starts, src)
        return line, src - self._line_starts[line - 1] + 1


@dataclass(slots=True)
class Line:
    """One line of the text. `body_start` skips indentation and any bullet marker."""

    start: int
    end: int
    body_start: int
    kind: str  # "heading" | "bullet" | "text" | "blank"
    level: int = 0  # heading level, or bullet indent depth
    marker: bool = False  # a bullet with a written marker ("-", "*", "1.")
    lead_in: bool = False  # ends with ":" and introduces the items below it


@dataclass(slots=True)
class Section:
    kind: str
    heading: str | None
    start: int
    end: int
    first_line: int  # index into Posting.lines
    last_line: int  # exclusive


@dataclass(slots=True)
class Salary:
    text: str
    min: float | None
    max: float | None
    currency: str | None
    period: str | None  # "year" | "month" | "week" | "day" | "hour"
    start: int
    end: int

    def as_json(self) -> dict:
        return {
            "text": self.text,
            "min": self.min,
            "max": self.max,
            "currency": self.currency,
            "period": self.period,
        }


@dataclass(slots=True)
class Location:
    text: str
    start: int | None  # None when it comes from front matter, not the text
    end: int | None


@dataclass(slots=True)
class Facts:
    salary: Salary | None = None
    location: Location | None = None
    remote: str | None = None  # "remote" | "hybrid" | "onsite"
    employment_type: str | None = None  # "full-time" | "part-time" | "contract" | ...


@dataclass(slots=True)
class Posting:
    path: str
    text: str
    source_map: SourceMap
    format: str  # "txt" | "md" | "html"
    location_basis: str = "source"  # "source" | "extracted"
    title: str | None = None
    title_span: tuple[int, int] | None = None
    lines: list[Line] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    facts: Facts = field(default_factory=Facts)
    language: str = "en"
    meta: dict[str, str] = field(default_factory=dict)  # front matter fields

    def section_at(self, offset: int) -> Section | None:
        for section in self.sections:
            if section.start <= offset < section.end:
                return section
        return None
