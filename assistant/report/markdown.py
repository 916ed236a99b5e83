"""Markdown for people: a job summary (`$GITHUB_STEP_SUMMARY`) or a pull-request comment.

Each posting gets its own block as soon as it is linted; the table across all files
comes at the end. `render` runs in worker processes and cannot leave anything behind,
so it appends that posting's summary row and counts as JSON after a NUL; `emit`
splits at the last NUL (JSON never holds a raw one), writes the block and keeps the
row and the counts for `close`. One short row per file is all the run keeps.
"""

from __future__ import annotations

import json
import re

HEADING = "## posting-assistant lint"
SEVERITY_ORDER = ("error", "warning", "info")
_SEP = "\0"

# Backslash-escape what Markdown or a table cell would take as markup; other
# punctuation is harmless where this text goes (inside a line, never at its start).
_MARKUP = re.compile(r"([\\`*_\[\]<>|~&#])")
_NEWLINES = re.compile(r"\r\n?|\n")


def text(s: str) -> str:
    """Plain words as Markdown: markup escaped, each line break a `<br>` (cells are one line)."""
    return _NEWLINES.sub("<br>", _MARKUP.sub(r"\\\1", s))


def code(s: str) -> str:
    """A code span that shows `s` as it is, whatever backticks it holds."""
    longest = max((len(run) for run in re.findall(r"`+", s)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if s.startswith("`") or s.endswith("`") else ""
    return f"{fence}{pad}{_NEWLINES.sub(' ', s)}{pad}{fence}"


def cell_code(s: str) -> str:
    """A code span inside a table cell: a table row is split on `|` before code spans
    are read, so `|` is escaped even there (GitHub shows it unescaped)."""
    return code(s).replace("|", "\\|")


def counts(report) -> dict[str, int]:
    found = dict.fromkeys(SEVERITY_ORDER, 0)
    for f in report.findings:
        found[f.severity] += 1
    return found


def block(report) -> str:
    posting = report.posting
    s = report.scores
    title = f" — {text(_NEWLINES.sub(' ', posting.title))}" if posting.title else ""
    lines = [
        f"### {code(posting.path)}{title}",
        "",
        (
            f"inclusivity {s['inclusivity']} · clarity {s['clarity']} · completeness {s['completeness']}"
            f" · **overall {s['overall']}**"
        ),
        "",
    ]
    for note in report.notes:
        lines += [f"Note: {text(note)}", ""]
    if posting.location_basis != "source" and any(f.start is not None for f in report.findings):
        lines += ["Lines are counted in the text extracted from this file, not in the file itself.", ""]
    if not report.findings:
        lines += ["No findings.", ""]
        return "\n".join(lines) + "\n"
    lines += ["| severity | rule | line | message |", "| --- | --- | --- | --- |"]
    line_col = posting.source_map.line_col
    for f in report.findings:
        line = str(line_col(f.start)[0]) if f.start is not None else "—"
        lines.append(f"| {f.severity} | {cell_code(f.rule)} | {line} | {text(f.message)} |")
    return "\n".join(lines) + "\n\n"


class StreamWriter:
    def __init__(self, stream, rules):
        self.stream = stream
        self.rows: list[str] = []
        self.totals = dict.fromkeys(SEVERITY_ORDER, 0)
        stream.write(HEADING + "\n\n")

    def render(self, report) -> str:
        found = counts(report)
        row = f"| {cell_code(report.posting.path)} | {report.scores['overall']} | " + " | ".join(
            str(found[k]) for k in SEVERITY_ORDER
        ) + " |"
        return block(report) + _SEP + json.dumps([row, found])

    def emit(self, rendered: str) -> None:
        body, _, trailer = rendered.rpartition(_SEP)
        row, found = json.loads(trailer)
        self.stream.write(body)
        self.rows.append(row)
        for k in SEVERITY_ORDER:
            self.totals[k] += found[k]

    def close(self, errors) -> None:
        out = []
        if self.rows:
            out += ["### Summary", "", "| file | overall | errors | warnings | info |", "| --- | --- | --- | --- | --- |"]
            out += self.rows
            n = len(self.rows)
            total = " | ".join(str(self.totals[k]) for k in SEVERITY_ORDER)
            out += [f"| **{n} file{'s' if n != 1 else ''}** | | {total} |", ""]
        else:
            out += ["No postings were linted.", ""]
        if errors:
            out += ["### Not linted", ""]
            out += [f"- {code(path)}: {text(message)}" for path, message in errors]
            out.append("")
        self.stream.write("\n".join(out) + "\n")
        self.stream.flush()
