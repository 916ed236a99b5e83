"""JSON output, schema version 1: the contract the TUI, batch review and CI tools read.

Every string is exactly what the posting holds (an excerpt is `text[start:end]`, a
path the name as given): JSON escapes control characters itself, and
`safe_text.escape_json` writes the C1 and bidi controls it would leave raw as `\\u`
escapes, so the document is safe to `cat` and parses to the same values.
"""

from __future__ import annotations

import json

from .._version import __version__
from ..safe_text import escape_json

TYPE_CHECKING = False  # `typing` costs 3 ms of start-up; annotations only need it for checkers
if TYPE_CHECKING:
    from typing import Any

SCHEMA_VERSION = 1


def finding_dict(report, finding) -> dict[str, Any]:
    posting = report.posting
    line = column = excerpt = None
    if finding.start is not None:
        line, column = posting.source_map.line_col(finding.start)
        excerpt = posting.text[finding.start : finding.end]
    return {
        "rule": finding.rule,
        "category": finding.category,
        "severity": finding.severity,
        "message": finding.message,
        "start": finding.start,
        "end": finding.end,
        "line": line,
        "column": column,
        "excerpt": excerpt,
        "suggestions": finding.suggestions,
    }


def result_dict(report) -> dict[str, Any]:
    posting = report.posting
    facts = posting.facts
    return {
        "path": posting.path,
        "title": posting.title,
        "language": posting.language,
        "language_confidence": posting.language_confidence,
        "location_basis": posting.location_basis,
        "scores": {**report.scores, "partial": report.partial},
        "score_costs": report.score_costs,
        "metrics": report.metrics,
        "facts": {
            "salary": facts.salary.as_json() if facts.salary else None,
            "location": {"text": facts.location.text} if facts.location else None,
            "remote": facts.remote,
            "remote_implied": facts.remote_implied,
            "employment_type": facts.employment_type,
            "pay_transparency": report.pay_transparency,
        },
        "sections": [
            {"kind": s.kind, "heading": s.heading, "start": s.start, "end": s.end} for s in posting.sections
        ],
        "findings": [finding_dict(report, f) for f in report.findings],
        "notes": report.notes,
    }


class StreamWriter:
    """Writes the JSON document one result at a time; the output is the same document."""

    def __init__(self, stream):
        self.stream = stream
        self.count = 0
        head = json.dumps({"schema_version": SCHEMA_VERSION, "tool": {"name": "posting-assistant", "version": __version__}}, indent=2)
        stream.write(head[:-2] + ',\n  "results": [')

    @staticmethod
    def render(report) -> str:
        # One compact line per result: json's C encoder only runs without `indent`,
        # and the indented form cost more than linting on large runs.
        return escape_json(json.dumps(result_dict(report), ensure_ascii=False, separators=(",", ":")))

    def emit(self, rendered: str) -> None:
        # Written apart, not joined first: a long posting's result is tens of MB.
        self.stream.write(",\n    " if self.count else "\n    ")
        self.stream.write(rendered)
        self.count += 1

    def close(self, errors) -> None:
        errs = escape_json(json.dumps([{"path": p, "message": m} for p, m in errors], ensure_ascii=False, indent=2)).replace("\n", "\n  ")
        self.stream.write(("\n  " if self.count else "") + '],\n  "errors": ' + errs + "\n}\n")
