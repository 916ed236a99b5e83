"""`lint --fix` and `--diff`: apply the safe suggestions to the source file.

Only `.txt` and `.md` are written back (CONTRACTS.md): for HTML and JSON the text we
lint is extracted, and an edit to it has no faithful place in the source. Edits are
made on the source through the posting's source map, so front matter, directives,
line endings and everything else we did not flag stay byte for byte. A file is
written atomically (a temporary file in the same folder, flushed, then renamed over
the original), so a crash leaves either the old file or the new one, never half.
"""

from __future__ import annotations

import codecs
import difflib
import os
import tempfile
from pathlib import Path

from .document.normalise import own_line

WRITABLE = ("txt", "md")
_MAX_PASSES = 4  # a fix can reveal another (a removed line joins two lists); stop soon


class FixRefused(Exception):
    """A file we will not rewrite; the message says why in one line."""


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


def read_for_fix(path: Path) -> tuple[str, bool]:
    """The file's text and whether it starts with a byte-order mark (kept on write)."""
    data = path.read_bytes()
    if b"\x00" in data[:8192]:
        raise FixRefused("binary file, not a posting")
    try:
        return data.decode("utf-8-sig"), data.startswith(codecs.BOM_UTF8)
    except UnicodeDecodeError:
        raise FixRefused("not UTF-8 text: not rewritten") from None


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


def _umask() -> int:
    mask = os.umask(0o022)  # the only way to read it is to set it; put it back at once
    os.umask(mask)
    return mask


def atomic_write(path: Path, text: str, bom: bool = False, private: bool = False) -> None:
    """Replace `path` with `text` so that a crash leaves the old file or the new, whole.

    `private`: a new file is readable by its owner only (caches, recovery drafts),
    rather than getting the usual mode from the umask.
    """
    data = (codecs.BOM_UTF8 if bom else b"") + text.encode("utf-8")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        try:
            mode = path.stat().st_mode & 0o7777  # an existing file keeps its mode
        except OSError:
            mode = 0o600 if private else 0o666 & ~_umask()  # not just the temporary file's 0600 by accident
        try:
            os.chmod(tmp, mode)
        except OSError:
            pass
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
