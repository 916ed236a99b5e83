"""The human-readable format: one line per finding, as compilers and linters print them."""

from __future__ import annotations

import os

_COLOURS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_RESET = "\033[0m"


def use_colour(stream) -> bool:
    return stream.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def finding_line(report, finding, colour: bool = False) -> str:
    severity = finding.severity
    if colour:
        severity = f"{_COLOURS[severity]}{severity}{_RESET}"
    path = report.posting.path
    if finding.start is None:
        return f"{path}: {severity} {finding.rule} {finding.message}"
    line, column = report.posting.source_map.line_col(finding.start)
    return f"{path}:{line}:{column}: {severity} {finding.rule} {finding.message}"


def render(reports, colour: bool = False) -> str:
    out: list[str] = []
    for report in reports:
        out.extend(finding_line(report, f, colour) for f in report.findings)
        s = report.scores
        title = f" “{report.posting.title}”" if report.posting.title else ""
        out.append(
            f"{report.posting.path}{title}: scores inclusivity {s['inclusivity']} · clarity {s['clarity']}"
            f" · completeness {s['completeness']} · overall {s['overall']}"
            f" ({len(report.findings)} finding{'s' if len(report.findings) != 1 else ''})"
        )
        out.extend(f"{report.posting.path}: note: {n}" for n in report.notes)
    return "\n".join(out) + ("\n" if out else "")
