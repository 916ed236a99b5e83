"""SARIF 2.1.0 output, for code-scanning dashboards and editors that read static-analysis results.

One run holds every posting. Columns are counted in Unicode code points, as
`SourceMap.line_col` counts them, and the run says so (`columnKind`), so nothing is
converted to UTF-16 units. Regions are given only for postings located in their source
(`.txt`, `.md`): for HTML and other extracted text a line number would point into text
the file does not contain, so those results name the file alone and carry the excerpt
as a property.

Message texts are for people and are shown by viewers as they are, so they go through
`safe_text.clean`; snippets and excerpts are the file's own text and stay exact (JSON
escapes their controls, and `safe_text.escape_json` the C1 and bidi ones).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import PurePath
from urllib.parse import quote

from .._version import __version__
from ..safe_text import clean, escape_json, shown_path

TYPE_CHECKING = False  # `typing` costs 3 ms of start-up; annotations only need it for checkers
if TYPE_CHECKING:
    from typing import Any

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://github.com/posting-assistant/posting-assistant"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}

# A posting from a file of several (an ATS export, a page of JSON-LD) is named
# `file.json#<id>` (CONTRACTS.md), and such ids hold no `#`, `/`, `:` or space; any other
# `#` belongs to the file name ("C# developer.txt").
_MULTI = re.compile(r"(.*\.(?:json|html?))#([^#/:\s]+)\Z", re.IGNORECASE | re.DOTALL)
# What a path keeps unescaped in a URI: RFC 3986 unreserved characters, `/` and the
# sub-delimiters; `:` is escaped so a relative path never reads as a scheme.
_SAFE = "/!$&'()*+,;="


def split_path(path: str) -> tuple[str, str | None]:
    """The file a posting came from, and its id inside that file if it shares the file."""
    m = _MULTI.match(path)
    return (m.group(1), m.group(2)) if m else (path, None)


def file_uri(path: str) -> str:
    """A URI reference for a file path: relative paths stay relative, as given."""
    p = PurePath(path)
    if p.is_absolute():
        return p.as_uri()
    return quote(path.replace(os.sep, "/"), safe=_SAFE)


def rule_name(rule_id: str) -> str:
    """`inclusivity/years-of-experience` → `InclusivityYearsOfExperience` (names need not be ids)."""
    return "".join(part.capitalize() for part in re.split(r"[^0-9A-Za-z]+", rule_id) if part)


def rule_descriptor(rule) -> dict[str, Any]:
    help_text = "\n\n".join(t for t in (rule.instead, rule.why) if t) or rule.summary
    return {
        "id": rule.id,
        "name": rule_name(rule.id),
        "shortDescription": {"text": clean(rule.summary)},
        "fullDescription": {"text": clean(rule.why or rule.summary)},
        "help": {"text": clean(help_text)},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"category": rule.category, "tags": [rule.category]},
    }


def fingerprint(rule_id: str, words: str, nth: int) -> str:
    """Stable across unrelated edits: it hashes what was flagged, not where it stands."""
    return hashlib.sha256(f"{rule_id}\0{words}\0{nth}".encode()).hexdigest()[:32]


def region(posting, start: int, end: int) -> dict[str, Any]:
    """The region of `text[start:end]` in the source file.

    The end is found from the last character rather than from `end` itself: a removed
    tag or soft hyphen right after the excerpt would otherwise be taken into it.
    """
    line_col = posting.source_map.line_col
    start_line, start_col = line_col(start)
    if end <= start:
        end_line, end_col = start_line, start_col
    elif posting.text[end - 1] == "\n":
        end_line, end_col = line_col(end - 1)[0] + 1, 1
    else:
        end_line, end_col = line_col(end - 1)
        end_col += 1
    return {
        "startLine": start_line,
        "startColumn": start_col,
        "endLine": end_line,
        "endColumn": end_col,
        "snippet": {"text": posting.text[start:end]},
    }


def results(report, rule_index: dict[str, int]) -> list[dict[str, Any]]:
    posting = report.posting
    uri_path, posting_id = split_path(posting.path)
    artifact = {"artifactLocation": {"uri": file_uri(uri_path)}}
    in_source = posting.location_basis == "source"
    seen: dict[tuple[str, str], int] = {}
    out = []
    for f in report.findings:
        spanned = f.start is not None
        excerpt = posting.text[f.start : f.end] if spanned else None
        location: dict[str, Any] = {"physicalLocation": dict(artifact)}
        if spanned and in_source:
            location["physicalLocation"]["region"] = region(posting, f.start, f.end)
        if posting_id is not None:
            location["logicalLocations"] = [{"name": posting_id, "kind": "object"}]
        words = excerpt if spanned else f.message
        nth = seen.get((f.rule, words), 0)
        seen[(f.rule, words)] = nth + 1
        result: dict[str, Any] = {"ruleId": f.rule}
        if f.rule in rule_index:
            result["ruleIndex"] = rule_index[f.rule]
        result["level"] = LEVELS[f.severity]
        result["message"] = {"text": clean(f.message)}
        result["locations"] = [location]
        result["partialFingerprints"] = {"postingAssistant/v1": fingerprint(f.rule, words, nth)}
        if spanned and not in_source:
            result["properties"] = {"excerpt": excerpt}
        out.append(result)
    return out


class StreamWriter:
    """Writes one SARIF document, one posting's results at a time, so memory stays flat."""

    def __init__(self, stream, rules):
        self.stream = stream
        self.count = 0
        self.rule_index = {rule.id: i for i, rule in enumerate(rules)}
        run = {
            "tool": {
                "driver": {
                    "name": "posting-assistant",
                    "version": __version__,
                    "informationUri": INFORMATION_URI,
                    "rules": [rule_descriptor(r) for r in rules],
                }
            },
            "columnKind": "unicodeCodePoints",
        }
        head = json.dumps({"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}, ensure_ascii=False, indent=2)
        # Reopen the run after its last key so the results can follow it.
        closing = "\n    }\n  ]\n}"
        assert head.endswith(closing)
        stream.write(escape_json(head[: -len(closing)]) + ',\n      "results": [')

    def render(self, report) -> str:
        # Compact lines: json's C encoder runs only without `indent`.
        return ",\n        ".join(
            escape_json(json.dumps(r, ensure_ascii=False, separators=(",", ":"))) for r in results(report, self.rule_index)
        )

    def emit(self, rendered: str) -> None:
        if rendered:  # a posting with no findings adds nothing
            self.stream.write(("," if self.count else "") + "\n        " + rendered)
            self.count += 1

    def close(self, errors) -> None:
        invocation = {
            "executionSuccessful": not errors,
            "toolExecutionNotifications": [
                {
                    "level": "error",
                    "message": {"text": f"{shown_path(path)}: {clean(message)}"},
                    "locations": [{"physicalLocation": {"artifactLocation": {"uri": file_uri(split_path(path)[0])}}}],
                }
                for path, message in errors
            ],
        }
        body = escape_json(json.dumps([invocation], ensure_ascii=False, indent=2)).replace("\n", "\n      ")
        self.stream.write(("\n      " if self.count else "") + '],\n      "invocations": ' + body + "\n    }\n  ]\n}\n")
