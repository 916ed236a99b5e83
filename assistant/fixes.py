"""`lint --fix` and `--diff`: apply the safe suggestions to the source file.

Only `.txt` and `.md` are written back (CONTRACTS.md): for HTML and JSON the text we
lint is extracted, and an edit to it has no faithful place in the source. Edits are
made on the source through the posting's source map, so front matter, directives,
line endings and everything else we did not flag stay byte for byte. Reading and
writing the file is `files.py`'s work (encoding kept, atomic, through symlinks,
refusals); this module only works out the new text.
"""

from __future__ import annotations

import difflib

from .document.normalise import own_line
from .files import ReadRefused as FixRefused  # noqa: F401 - `edit` catches it for a file it cannot open
from .files import atomic_write  # noqa: F401 - the tool's own files; the one implementation is in files.py

WRITABLE = ("txt", "md")
_MAX_PASSES = 4  # a fix can reveal another (a removed line joins two lists); stop soon


def safe_edits(report) -> list[tuple[int, int, str]]:
    """Source spans and replacements of the safe suggestions, last first, none overlapping."""
    posting = report.posting
    to_source = posting.source_map.to_source
    source = posting.source_map.source
    edits: list[tuple[int, int, str]] = []
    for f in report.findings:
        if f.start is None:
            continue
        replacement = next((s["replacement"] for s in f.suggestions if s.get("safe")), None)
        if replacement is None:
            continue
        start, end = to_source(f.start), to_source(f.end)
        if replacement == "":  # a deletion that empties its line takes the line with it
            start, end = own_line(source, start, end) or (start, end)
        edits.append((start, end, replacement))
    edits.sort(reverse=True)
    kept: list[tuple[int, int, str]] = []
    for edit in edits:
        if not kept or edit[1] <= kept[-1][0]:
            kept.append(edit)
    return kept


def apply_edits(source: str, edits: list[tuple[int, int, str]]) -> str:
    """`source` with the edits (last first, none overlapping) made; linear in the
    source, in one join, where cutting and gluing it once per edit was quadratic."""
    pieces, pos = [], 0
    for start, end, replacement in reversed(edits):
        pieces += (source[pos:start], replacement)
        pos = end
    pieces.append(source[pos:])
    return "".join(pieces)


def fixed_text(source: str, lint) -> tuple[str, object]:
    """The source with every safe fix applied, and the report on the result.

    `lint(text)` lints a version of the source; passes repeat until nothing changes.
    """
    report = lint(source)
    for _ in range(_MAX_PASSES):
        edits = safe_edits(report)
        if not edits:
            break
        source = apply_edits(source, edits)
        report = lint(source)
    return source, report


def unified_diff(path: str, old: str, new: str) -> str:
    return "".join(difflib.unified_diff(old.splitlines(True), new.splitlines(True), path, path))
