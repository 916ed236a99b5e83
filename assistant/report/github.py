"""GitHub Actions workflow commands: each finding becomes an annotation on the pull request.

The runner reads one command per line, so anything a posting put in a message is
escaped the way the Actions toolkit escapes it. Positions are given only for postings
located in their source file (`.txt`, `.md`); an HTML posting's lines count the
extracted text, and an annotation there would land on the wrong line, so it names the
file alone. Columns count code points, like every other format here.

Messages and file names go through `safe_text.clean` first: the runner prints
annotations in the job's log, where an escape sequence would be a terminal's. A
newline or carriage return in a name is escaped by the toolkit's rules (`%0A`, `%0D`,
decoded by the runner, so the annotation still lands on that file); other controls
are dropped from it.
"""

from __future__ import annotations

from ..safe_text import clean
from .sarif import split_path

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(kind: str, properties: list[tuple[str, object]], message: str) -> str:
    props = ",".join(f"{key}={escape_property(_clean(str(value)))}" for key, value in properties)
    return f"::{kind} {props}::{escape_data(_clean(message))}"


def _clean(text: str) -> str:
    """`safe_text.clean`, but a carriage return stays: the toolkit's escaping carries it."""
    return "\r".join(map(clean, text.split("\r"))) if "\r" in text else clean(text)


def position(posting, start: int, end: int) -> list[tuple[str, object]]:
    """`line`/`col`/`endLine`/`endColumn` of a span; columns only within one line.

    The runner refuses columns on an annotation that spans lines. The end column is
    the one after the last character, found from that character (see `sarif.region`).
    """
    line_col = posting.source_map.line_col
    line, col = line_col(start)
    if end <= start:
        return [("line", line), ("col", col), ("endLine", line), ("endColumn", col)]
    end_line, end_col = line_col(end - 1)
    if posting.text[end - 1] == "\n" or end_line != line:
        return [("line", line), ("endLine", end_line)]
    return [("line", line), ("col", col), ("endLine", end_line), ("endColumn", end_col + 1)]


def report_lines(report) -> list[str]:
    posting = report.posting
    file, posting_id = split_path(posting.path)
    in_source = posting.location_basis == "source"
    prefix = f"{posting_id}: " if posting_id is not None else ""
    out = []
    for f in report.findings:
        props: list[tuple[str, object]] = [("file", file)]
        if f.start is not None and in_source:
            props += position(posting, f.start, f.end)
        props.append(("title", f.rule))
        out.append(command(COMMANDS[f.severity], props, prefix + f.message))
    return out


class StreamWriter:
    def __init__(self, stream, rules):
        self.stream = stream

    def render(self, report) -> str:
        return "".join(line + "\n" for line in report_lines(report))

    def emit(self, rendered: str) -> None:
        self.stream.write(rendered)

    def close(self, errors) -> None:
        for path, message in errors:
            self.stream.write(command("error", [("file", split_path(path)[0])], message) + "\n")
        self.stream.flush()
