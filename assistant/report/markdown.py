"""Markdown for people: a job summary (`$GITHUB_STEP_SUMMARY`) or a pull-request comment.

Each posting gets its own block as soon as it is linted; the table across all files
comes at the end. `render` runs in worker processes and cannot leave anything behind,
so it appends that posting's summary row and counts as JSON after a NUL; `emit`
splits at the last NUL (JSON never holds a raw one), writes the block and keeps the
row and the counts for `close`. One short row per file is all the run keeps.

GitHub refuses a job summary over 1 MiB (the whole step's summary is dropped, not
cut), so the output stays under `LIMIT` bytes: the per-posting blocks stop at half of
it, the summary rows at what is left, and a closing line says what was left out.
"""

from __future__ import annotations

import json
import re

from ..phrasing import plural
from ..safe_text import clean, shown_path

HEADING = "## posting-assistant lint"
SEVERITY_ORDER = ("error", "warning", "info")
_SEP = "\0"
LIMIT = 1_000_000  # bytes: under GitHub's 1 MiB for a step summary, with room for what the user adds

# Backslash-escape what Markdown or a table cell would take as markup; other
# punctuation is harmless where this text goes (inside a line, never at its start).
_MARKUP = re.compile(r"([\\`*_\[\]<>|~&#])")
_NEWLINES = re.compile(r"\r\n?|\n")
# GitHub links `@name` (and `@org/team`) after Markdown is rendered, and notifies that
# person: a backslash does not stop it, nor does `&#64;` (github/markup#1168,
# github/cmark-gfm#181). A WORD JOINER (U+2060) after the `@` does: GitHub shows
# "@name" as plain text, nothing visible is added, and, unlike a zero-width space, the
# word is never broken there. `#123` (a link to that issue or pull request, which then
# lists the posting as a reference) gets the same. An `@` inside a word (an address) is
# no mention and is left alone.
_PINGS = re.compile(r"(?<![\w@])([@#])(?=[A-Za-z0-9])")


def text(s: str) -> str:
    """Plain words as Markdown: controls dropped (`safe_text.clean`), markup escaped,
    mentions and issue references made inert, each line break a `<br>` (cells are one line)."""
    s = _PINGS.sub("\\1\u2060", _MARKUP.sub(r"\\\1", clean(s)))
    return _NEWLINES.sub("<br>", s)


def code(s: str) -> str:
    """A code span that shows `s` as it is, whatever backticks it holds; newlines and
    controls as escapes (`safe_text.shown_path`), so a name keeps to its line."""
    s = shown_path(s)
    longest = max((len(run) for run in re.findall(r"`+", s)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if s.startswith("`") or s.endswith("`") else ""
    return f"{fence}{pad}{s}{pad}{fence}"


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
        self.size = 0  # bytes written
        self.blocks_left_out = 0
        self._write(HEADING + "\n\n")

    def render(self, report) -> str:
        found = counts(report)
        row = f"| {cell_code(report.posting.path)} | {report.scores['overall']} | " + " | ".join(
            str(found[k]) for k in SEVERITY_ORDER
        ) + " |"
        return block(report) + _SEP + json.dumps([row, found])

    def emit(self, rendered: str) -> None:
        body, _, trailer = rendered.rpartition(_SEP)
        row, found = json.loads(trailer)
        if self.size + _bytes(body) <= LIMIT // 2 and not self.blocks_left_out:
            self._write(body)
        else:
            self.blocks_left_out += 1
        self.rows.append(row)
        for k in SEVERITY_ORDER:
            self.totals[k] += found[k]

    def close(self, errors) -> None:
        room = LIMIT - self.size - 4096  # the totals, the notes, and a long path or two
        rows = _within(self.rows, room)
        listed = _within([f"- {code(path)}: {text(message)}" for path, message in errors], room - sum(_bytes(r) + 1 for r in rows))
        out = []
        if self.rows:
            out += ["### Summary", "", "| file | overall | errors | warnings | info |", "| --- | --- | --- | --- | --- |", *rows]
            n = len(self.rows)
            total = " | ".join(str(self.totals[k]) for k in SEVERITY_ORDER)
            out += [f"| **{plural(n, 'file')}** | | {total} |", ""]
        else:
            out += ["No postings were linted.", ""]
        if errors:
            out += ["### Not linted", "", *listed, ""]
        left_out = [(self.blocks_left_out, "postings' findings"), (len(self.rows) - len(rows), "summary rows"),
                    (len(errors) - len(listed), "unreadable inputs")]
        said = ", ".join(f"{n} {what}" for n, what in left_out if n)
        if said:
            out += [f"Left out to keep this summary under GitHub's 1 MiB limit: {said}. "
                    "The text, JSON and SARIF formats list everything.", ""]
        self._write("\n".join(out) + "\n")
        self.stream.flush()

    def _write(self, s: str) -> None:
        self.stream.write(s)
        self.size += _bytes(s)


def _bytes(s: str) -> int:
    return len(s.encode("utf-8", "surrogatepass"))


def _within(lines: list[str], room: int) -> list[str]:
    """The first lines that fit in `room` bytes (each with its newline)."""
    kept = []
    for line in lines:
        room -= _bytes(line) + 1
        if room < 0:
            break
        kept.append(line)
    return kept
