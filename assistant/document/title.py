"""Find a posting's title line.

Kept apart from the section inference in `structure.py`: what can be a title (and what
never can: web chrome, field lines, placeholders) is its own question, and the title
also comes from front matter and ATS fields, which outrank any line of the body.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .model import Line

_TERMINAL = re.compile(r"[.!?;,。！？]['\"”’)]*$")
_WORD = re.compile(r"\w+")
# Field lines, markup and dates are not titles ("Grade Level:** 15", "<div …>", "Updated: …").
_NOT_A_TITLE = re.compile(
    r"\*\*|^[<>]|^\W*$|^(updated|posted|date|deadline|closing date|grade|gs grade|salary|location|job id|"
    r"req(uisition)?( id)?|department|reports to)\b|^(overview|summary|about|description|job description)$",
    re.I,
)
_SECTION_KINDS = ("role_summary", "company_overview", "requirements", "responsibilities")


def find_title(text: str, lines: list[Line], heading_kind: Callable[[str], str | None]) -> int | None:
    """A short first line, else a Markdown level-1 heading near the top.

    `heading_kind` is structure's reading of heading wording, passed in rather than
    imported so that the document layer has no import circle: a line that names a
    section ("About the role") is not a title.

    Linear in the first eight lines, and a long one is refused by its length before
    it is read any further.
    """
    seen = 0
    for i, ln in enumerate(lines):
        if ln.kind == "blank":
            continue
        body = text[ln.body_start : ln.end].strip("*_# ")
        if ln.kind == "heading" and ln.level == 1 and _plausible_title(body):
            return i
        # The length first: a one-line posting is not read word by word to be refused.
        if (
            seen == 0 and ln.kind == "text" and len(body) <= 120 and _plausible_title(body)
            and 0 < len(_WORD.findall(body)) <= 14
            and not _TERMINAL.search(body) and not body.endswith(":")
            and heading_kind(body) not in _SECTION_KINDS
        ):
            return i
        seen += 1
        if seen >= 8:
            break
    return None


def _plausible_title(body: str) -> bool:
    return bool(body) and not _NOT_A_TITLE.search(body)
