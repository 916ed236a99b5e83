"""The human-readable format: one line per finding, as compilers and linters print them.

A line holds the posting's words (its title, the excerpt quoted in a message) and its
file name: both are made safe first (`safe_text`), so only our own colours reach the
terminal and a name cannot start a line of its own.
"""

from __future__ import annotations

import os

from ..phrasing import plural
from ..safe_text import one_line, shown_path

_COLOURS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_RESET = "\033[0m"


def use_colour(stream) -> bool:
    return stream.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def finding_line(report, finding, colour: bool = False) -> str:
    severity = finding.severity
    if colour:
        severity = f"{_COLOURS[severity]}{severity}{_RESET}"
    path = shown_path(report.posting.path)
    message = one_line(finding.message)
    if finding.start is None:
        return f"{path}: {severity} {finding.rule} {message}"
    line, column = report.posting.source_map.line_col(finding.start)
    return f"{path}:{line}:{column}: {severity} {finding.rule} {message}"


def report_lines(report, colour: bool = False) -> list[str]:
    out = [finding_line(report, f, colour) for f in report.findings]
    s = report.scores
    path = shown_path(report.posting.path)
    title = f" “{one_line(report.posting.title)}”" if report.posting.title else ""
    n = len(report.findings)
    out.append(
        f"{path}{title}: scores inclusivity {s['inclusivity']} · clarity {s['clarity']}"
        f" · completeness {s['completeness']} · overall {s['overall']} ({plural(n, 'finding')})"
    )
    out.extend(f"{path}: note: {one_line(note)}" for note in report.notes)
    return out


class StreamWriter:
    def __init__(self, stream, colour: bool = False):
        self.stream = stream
        self.colour = colour

    def render(self, report) -> str:
        return "\n".join(report_lines(report, self.colour)) + "\n"

    def emit(self, rendered: str) -> None:
        self.stream.write(rendered)

    def close(self, errors) -> None:
        self.stream.flush()
