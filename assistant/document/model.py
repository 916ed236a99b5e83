"""The posting as every other layer sees it.

Plain classes (no pydantic, no dataclasses) because `lint` must start fast. Every span is a pair
of character offsets into `Posting.text`; `SourceMap` turns an offset back into the
line and column of the file the user wrote, so a finding can point at their words.
"""

from __future__ import annotations

from .._record import Record
from .source_map import SourceMap, line_starts  # noqa: F401 - their home is source_map; kept importable from here

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


class Line(Record):
    """One line of the text, or one piece of a long one. `body_start` skips indentation
    and any bullet marker.

    A physical line of many sentences or items run together (a flattened ATS export) is
    cut into pieces (`document/pieces.py`); `cont` marks a piece that continues the
    physical line of the one before it, so what needs the real line can join them.
    """

    __slots__ = ("start", "end", "body_start", "kind", "level", "marker", "lead_in", "cont")

    def __init__(
        self, start: int, end: int, body_start: int, kind: str, level: int = 0, marker: bool = False, lead_in: bool = False,
        cont: bool = False,
    ):
        self.start = start
        self.end = end
        self.body_start = body_start
        self.kind = kind  # "title" | "heading" | "bullet" | "text" | "blank"
        self.level = level  # heading level, or bullet indent depth
        self.marker = marker  # a bullet with a written marker ("-", "*", "1.")
        self.lead_in = lead_in  # ends with ":" or has deeper items: introduces the items below it
        self.cont = cont  # a piece that goes on from the line before, on the same physical line


# What a section's kind was read from, surest first (`Section.basis`).
SECTION_BASES = ("heading", "label", "content", "lead")


class Section(Record):
    """A stretch of the posting about one thing.

    `basis` says what its kind was read from: its own heading line, a label at the start
    of a line ("Requirements: …"), what its sentences say, or (for the text before the
    first heading) the opening pitch. `confidence` (0–1) is how sure that reading is; a
    rule that reports a section as missing can ask for sure readings only.
    """

    __slots__ = ("kind", "heading", "start", "end", "first_line", "last_line", "basis", "confidence")

    def __init__(
        self, kind: str, heading: str | None, start: int, end: int, first_line: int, last_line: int,
        basis: str = "heading", confidence: float = 1.0,
    ):
        self.kind = kind
        self.heading = heading
        self.start = start
        self.end = end
        self.first_line = first_line  # index into Posting.lines
        self.last_line = last_line  # exclusive
        self.basis = basis
        self.confidence = confidence


class Salary(Record):
    """Pay as the posting (or its front matter, JSON-LD or ATS record) states it.

    `min` None with a `max` is open-ended ("up to $90,000"): recorded as written so
    that a law asking for a minimum and a maximum can judge it. `estimate` marks a
    figure someone other than the employer put there (a job board's "Glassdoor est."):
    kept, so a finding can say it was seen, but it is not the employer's pay.
    `start`/`end` are None when the pay comes from outside the text.
    """

    __slots__ = ("text", "min", "max", "currency", "period", "start", "end", "estimate", "source")

    def __init__(
        self,
        text: str,
        min: float | None,
        max: float | None,
        currency: str | None,
        period: str | None,
        start: int | None,
        end: int | None,
        estimate: bool = False,
        source: str = "text",
    ):
        self.text = text
        self.min = min
        self.max = max
        self.currency = currency
        self.period = period  # "year" | "month" | "week" | "day" | "hour"
        self.start = start
        self.end = end
        self.estimate = estimate
        self.source = source  # "text" | "front_matter" | "json_ld" | "ats"

    def as_json(self) -> dict:
        return {
            "text": self.text,
            "min": self.min,
            "max": self.max,
            "currency": self.currency,
            "period": self.period,
            "estimate": self.estimate,
            "source": self.source,
        }


class Location(Record):
    __slots__ = ("text", "start", "end", "found_by", "also")

    def __init__(self, text: str, start: int | None, end: int | None, found_by: str = "", also: tuple = ()):
        self.text = text
        self.start = start  # None when it comes from front matter, not the text
        self.end = end
        # Which finder read it (`facts/location.py`): "field", "section", "title", "cue",
        # "city-line", or "pattern" (a "City, ST" met anywhere: a guess). The pay laws
        # follow a stated place alone, and every place named only after a guess.
        self.found_by = found_by
        # (start, end) of the text's other statements of the job's place: a second
        # location field, "this role is based in ...". The pay laws read them too.
        self.also = also


class Facts(Record):
    __slots__ = ("salary", "location", "remote", "employment_type", "remote_implied")

    def __init__(self, salary: Salary | None = None, location: Location | None = None, remote: str | None = None, employment_type: str | None = None, remote_implied: bool = False):
        self.salary = salary
        self.location = location
        self.remote = remote  # "remote" | "hybrid" | "onsite"
        # "onsite" read from a stated place with no word on remote work: how a reader
        # takes it, but not the policy stated, so completeness/remote-policy still asks.
        self.remote_implied = remote_implied
        self.employment_type = employment_type  # "full-time" | "part-time" | "contract" | ...


class Posting(Record):
    __slots__ = (
        "path", "text", "source_map", "format", "location_basis", "title", "title_span",
        "lines", "sections", "facts", "language", "language_confidence", "meta", "directives", "_lower", "template_branches",
    )

    def __init__(self, path: str, text: str, source_map: SourceMap, format: str, location_basis: str = "source"):
        self.path = path
        self.text = text
        self.source_map = source_map
        self.format = format  # "txt" | "md" | "html"
        self.location_basis = location_basis  # "source" | "extracted"
        self.title: str | None = None
        self.title_span: tuple[int, int] | None = None
        self.lines: list[Line] = []
        self.sections: list[Section] = []
        self.facts = Facts()
        self.language = "en"
        self.language_confidence = 0.0  # 0-1, how sure document/language.py is of `language`
        self.meta: dict[str, str] = {}  # front matter fields
        self.directives: list = []  # inline `posting-assistant:` comments (directives.Directive)
        self.template_branches: list = []  # {% if %} / {% else %} spans of the text (template_branches.Branch)
        self._lower: str | None = None

    @property
    def lower(self) -> str:
        """The text lower-cased, offset for offset; computed once for every reader."""
        if self._lower is None:
            from .normalise import lower_same_length

            self._lower = lower_same_length(self.text)
        return self._lower
