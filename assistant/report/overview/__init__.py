"""The report at the end of a batch review: where a whole job board stands.

It reads the records `review --out` writes (docs/review-records.md), one dict per
posting, and says what a recruiting team acts on: how the scores spread, which
findings come back most, which postings state no pay where a law asks for it, and
which postings to fix first. One summary feeds three renderings: a self-contained
HTML page, Markdown, and a CSV with a row per posting for spreadsheets.

One module per job, read in this order: `records` (what a record holds), `summary`
(one pass over the records), `wording` (words the renderings share), then one module
per rendering (`html`, `markdown`, `csv`). Nothing here needs more than the standard
library, so a report costs no start-up time.
"""

from __future__ import annotations

from pathlib import Path

from .csv import CSV_COLUMNS, csv_row, to_csv
from .html import to_html
from .markdown import to_markdown
from .records import CATEGORIES, SEVERITIES, has_pay
from .summary import LISTED, TOP_FINDINGS, WORST, summarise, top_findings
from .wording import EXCERPT

__all__ = [
    "CATEGORIES", "CSV_COLUMNS", "EXCERPT", "FORMATS", "LISTED", "SEVERITIES", "TOP_FINDINGS", "WORST",
    "csv_row", "format_for", "has_pay", "render", "summarise", "to_csv", "to_html", "to_markdown", "top_findings",
    "write_report",
]

FORMATS = {".html": "html", ".htm": "html", ".md": "markdown", ".csv": "csv"}


def render(fmt: str, records: list[dict]) -> str:
    """The report in `fmt` ("html", "markdown" or "csv")."""
    records = list(records)
    if fmt == "csv":
        return to_csv(records)
    summary = summarise(records)
    return to_html(summary, records) if fmt == "html" else to_markdown(summary, records)


def format_for(path: str | Path) -> str:
    """The report format a file name asks for; ValueError, in one line, for any other."""
    suffix = Path(path).suffix
    fmt = FORMATS.get(suffix.lower())
    if fmt is None:
        named = f"'{suffix}'" if suffix else "a file name without a suffix"
        raise ValueError(f"cannot write a report as {named}: use .html, .htm, .md or .csv")
    return fmt


def write_report(path: str | Path, records: list[dict], *, force: bool = False) -> Path:
    """Write the report in the format the suffix names (through `files.write_user_file`:
    a crash leaves no half-written file; `force` writes over a read-only one)."""
    from ...files import write_user_file

    target = Path(path)
    write_user_file(target, render(format_for(target), records), force=force)
    return target
