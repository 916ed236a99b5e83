"""Inline directives: HTML comments that switch rules off for part of a posting.

    <!-- posting-assistant: disable RULE[,RULE] -->   … up to an enable, or the end
    <!-- posting-assistant: enable RULE[,RULE] -->
    <!-- posting-assistant: disable-next-line RULE[,RULE] -->

RULE is a rule id, a category or a prefix, as in config; none means every rule. The
comments are not posting text: loaders cut them before anything is counted (in `.txt`
only a line that is exactly such a comment, since plain text has no comments), and
keep where each stood in the normalised text, so the engine can drop the findings
they cover. JSON inputs (ATS exports) have no place for them.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from .._record import Record
from .normalise import own_line
from .source_map import line_starts

ACTIONS = ("disable", "enable", "disable-next-line")
_DIRECTIVE = re.compile(r"<!--[ \t]*posting-assistant[ \t]*:[ \t]*([\w-]*)[ \t]*(.*?)[ \t]*-->", re.I | re.S)


class Directive(Record):
    __slots__ = ("action", "rules", "line", "src_start", "src_end", "offset")

    def __init__(self, action: str, rules: tuple[str, ...], line: int, src_start: int, src_end: int):
        self.action = action.lower()  # may be unknown: the engine reports it
        self.rules = rules  # empty: every rule
        self.line = line  # 1-based line in the source, for messages
        self.src_start = src_start
        self.src_end = src_end
        self.offset: int | None = None  # where it stood in the normalised text, once known


def find_directives(source: str, whole_lines_only: bool) -> list[Directive]:
    """The directives in a source text, in order.

    `whole_lines_only` (plain text): only a line that holds nothing but the comment
    counts, so a posting that quotes one in a sentence is left alone. Linear in the
    source: line numbers are counted on from the directive before.
    """
    if "posting-assistant" not in source:
        return []
    found = []
    starts = None
    for m in _DIRECTIVE.finditer(source):
        start, end = m.span()
        if whole_lines_only and own_line(source, start, end) is None:
            continue
        rules = tuple(r.strip() for r in re.split(r"[,\s]+", m.group(2)) if r.strip())
        starts = starts or line_starts(source)  # CR, LF and CRLF lines, as line_col counts them
        found.append(Directive(m.group(1), rules, bisect_right(starts, start), start, end))
    return found


def line_cuts(source: str, directives: list[Directive]) -> list[tuple[int, int]]:
    """Source spans to cut: each directive, with its whole line when it stands alone on it."""
    return [own_line(source, d.src_start, d.src_end) or (d.src_start, d.src_end) for d in directives]
