"""What the editor knows about the posting it shows, kept apart from the widgets.

The editor's buffer is the source file's text; the engine reports spans in the
normalised text. `Locator` carries spans to the buffer's (row, column) locations,
which is all the widgets need, so everything here can be tested without a screen.
"""

from __future__ import annotations

from bisect import bisect_right
from pathlib import Path

from .._record import Record
from ..document.loaders import format_for, posting_from_text


class Locator:
    """Offsets in the buffer's text ↔ (row, column) as the TextArea counts them."""

    def __init__(self, text: str):
        self.starts = [0]
        for line in text.splitlines(keepends=True):
            self.starts.append(self.starts[-1] + len(line))
        self.text = text

    def location(self, offset: int) -> tuple[int, int]:
        row = max(0, bisect_right(self.starts, offset) - 1)
        row = min(row, len(self.starts) - 1)
        line_end = self.starts[row + 1] if row + 1 < len(self.starts) else len(self.text)
        line = self.text[self.starts[row] : line_end].rstrip("\r\n")
        return row, min(offset - self.starts[row], len(line))

    def offset(self, row: int, column: int) -> int:
        return self.starts[min(row, len(self.starts) - 1)] + column


class Mark(Record):
    """One finding's place in the buffer: its rows and columns, split by line for painting."""

    __slots__ = ("finding", "start", "end")

    def __init__(self, finding, start: tuple[int, int], end: tuple[int, int]):
        self.finding = finding
        self.start = start
        self.end = end


class Linted(Record):
    """One lint of one version of the buffer."""

    __slots__ = ("generation", "text", "report", "marks")

    def __init__(self, generation: int, text: str, report, marks: list[Mark]):
        self.generation = generation  # which keystroke it answers: an older one is dropped
        self.text = text
        self.report = report
        self.marks = marks

    def by_line(self) -> dict[int, list[tuple[int, int, str]]]:
        """Row → [(column start, column end, severity)], multi-line marks cut per line."""
        out: dict[int, list[tuple[int, int, str]]] = {}
        for mark in self.marks:
            (r0, c0), (r1, c1) = mark.start, mark.end
            for row in range(r0, r1 + 1):
                start = c0 if row == r0 else 0
                end = c1 if row == r1 else 10**6
                if end > start:
                    out.setdefault(row, []).append((start, end, mark.finding.severity))
        return out


class Session:
    """The file being edited, its engine, and what it was on disk when opened.

    Reading and saving go through `files.py`, so the editor keeps the file's
    encoding, BOM and line ends, saves through a symlink, and never replaces a
    FIFO, a device or a read-only file.
    """

    def __init__(self, engine, path: Path | None):
        self.engine = engine
        self.path = path
        self.stamp = None  # files.Stamp: what the file held when opened or last saved
        self.read_as = None  # files.Read: how it was encoded, to save it the same way

    @property
    def disk_hash(self) -> str | None:
        return self.stamp.digest if self.stamp is not None else None

    @disk_hash.setter
    def disk_hash(self, value: None) -> None:
        """`None` forgets what the disk held (the app does so when the path changes)."""
        self.stamp = None

    @property
    def fmt(self) -> str:
        found = format_for(self.path) if self.path is not None else None
        return found if found in ("txt", "md", "html") else "txt"

    @property
    def name(self) -> str:
        return str(self.path) if self.path is not None else "untitled.md"

    def read(self) -> str:
        """The file's text ('' for a new file); remembers what it was, to spot changes on disk.

        Raises `files.ReadRefused` for what cannot be edited as text (a binary, a FIFO,
        a symlink loop).
        """
        from ..files import ReadRefused, read_user_file

        self.stamp = None
        if self.path is None:
            return ""
        try:
            self.read_as = read_user_file(self.path)
        except ReadRefused as exc:
            if exc.missing:  # a new file, or a link to one not yet written
                return ""
            raise
        self.stamp = self.read_as.stamp
        return self.read_as.text

    def changed_on_disk(self) -> bool:
        """Whether saving would overwrite content the editor never saw."""
        from ..files import Stamp

        if self.path is None:
            return False
        now = Stamp.of(self.path)
        if now is None:  # gone (saving recreates it), or not a file (saving refuses)
            return False
        return self.stamp is None or not self.stamp.same_content(now)

    def save(self, text: str) -> None:
        """Write the buffer; raises `files.WriteRefused` (an OSError) with a one-line reason."""
        from ..files import WriteRefused, write_user_file

        try:
            self.stamp = write_user_file(self.path, text, like=self.read_as)
        except WriteRefused as exc:
            if exc.reason == "read-only":
                raise WriteRefused("the file is read-only", exc.reason) from None
            raise

    def posting(self, text: str):
        return posting_from_text(text, self.name, self.fmt)

    def lint(self, text: str, generation: int = 0) -> Linted:
        posting = self.posting(text)
        report = self.engine.lint(posting)
        to_source = posting.source_map.to_source
        locate = Locator(text)
        marks = [
            Mark(f, locate.location(to_source(f.start)), locate.location(to_source(f.end)))
            for f in report.findings if f.start is not None
        ]
        return Linted(generation, text, report, marks)

    def source_span(self, linted: Linted, start: int, end: int) -> tuple[tuple[int, int], tuple[int, int]]:
        """A span of the normalised text as buffer locations."""
        to_source = linted.report.posting.source_map.to_source
        locate = Locator(linted.text)
        return locate.location(to_source(start)), locate.location(to_source(end))
