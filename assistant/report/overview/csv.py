"""The report as CSV: a row per posting, errors included, for sorting and filtering in a spreadsheet.

Unlike the HTML and Markdown, it is made from the records, not the summary: a spreadsheet
wants every posting, not the capped lists.
"""

from __future__ import annotations

import csv
import io

from ...safe_text import one_line, shown_path
from .records import CATEGORIES, edit_count, error_line, findings_of, has_pay, laws_of, lint_result, record_path, severity_counts

CSV_COLUMNS = (
    "path", "title", "language", "status", "error", *CATEGORIES,  # each category's score, then the overall
    "findings", "error_findings", "warning_findings", "info_findings", "has_pay", "pay_laws",
    "rewrite_accepted", "rewrite_overall_before", "rewrite_overall_after",
)
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _cell(value):
    """A spreadsheet must not run a posting's text: a cell that could start a formula gets
    a leading apostrophe; control characters are dropped and line breaks made spaces
    (`safe_text.one_line`), so each row is one line of the file."""
    if value is None:
        return ""
    if isinstance(value, str):
        value = one_line(value)
        if value.startswith(_FORMULA):
            return "'" + value
    return value


def csv_row(record: dict) -> list:
    """One posting's row, in the order of CSV_COLUMNS."""
    result = lint_result(record)
    rewrite = record.get("rewrite") if isinstance(record.get("rewrite"), dict) else None
    # A name as it prints everywhere else: escaped, never changed into another name.
    row: dict = {"path": shown_path(record_path(record)), "status": "ok" if result is not None else "error"}
    if result is None:
        row["error"] = error_line(record)
    else:
        findings = findings_of(result)
        severities = severity_counts(findings)
        scores = result.get("scores") or {}
        row.update(
            title=result.get("title"),
            language=result.get("language"),
            findings=len(findings),
            error_findings=severities["error"],
            warning_findings=severities["warning"],
            info_findings=severities["info"],
            has_pay="yes" if has_pay(result) else "no",
            pay_laws="; ".join(law for law, _, applies in laws_of(result) if applies),
            **{c: scores.get(c) for c in CATEGORIES},
        )
    if rewrite is not None:
        row["rewrite_accepted"] = edit_count(rewrite.get("accepted"))
        row["rewrite_overall_before"] = (rewrite.get("scores_before") or {}).get("overall")
        row["rewrite_overall_after"] = (rewrite.get("scores_after") or {}).get("overall")
    return [_cell(row.get(column)) for column in CSV_COLUMNS]


def to_csv(records: list[dict]) -> str:
    """One row per posting, errors included, for sorting and filtering in a spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for record in records:
        writer.writerow(csv_row(record))
    return out.getvalue()
