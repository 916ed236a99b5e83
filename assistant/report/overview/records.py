"""Reading the records `review --out` writes (docs/review-records.md), one dict per posting.

Records come from files a user may have edited, merged or cut short, so every reader
here takes what it finds and never raises: a key that is missing or of the wrong type
reads as "nothing there". The summary and the CSV rows both read through these, so a
posting counts the same way in each.

"Without pay" means that no pay figure was found in the posting (`facts.salary` is
null). The completeness/salary finding is not the test on its own: that rule is also
satisfied by a compensation section, and job boards leave "Salary Range:" headings
whose figures were blanked out, which state no pay. A completeness/salary finding
always counts as "without pay" (it also covers records whose facts lack the key).
"""

from __future__ import annotations

from ...phrasing import flat  # noqa: F401 - the renderings import it from here, with the readers
from ...rubric.model import SCORES

CATEGORIES = SCORES  # the scores a record holds: each category's and the overall
SEVERITIES = ("error", "warning", "info")
RANK = {"error": 2, "warning": 1, "info": 0}


def lint_result(record: dict) -> dict | None:
    """The lint result, or None when the posting could not be linted.

    A record claiming "ok" without a result is counted as an error too: the report
    would otherwise show a posting it knows nothing about.
    """
    result = record.get("result")
    if record.get("status", "ok") != "ok" or not isinstance(result, dict):
        return None
    return result


def record_path(record: dict) -> str:
    result = record.get("result") if isinstance(record.get("result"), dict) else {}
    return str(record.get("path") or result.get("path") or "?")


def error_line(record: dict) -> str:
    return flat(record.get("error"), 400) or "no lint result in the record"


def findings_of(result: dict) -> list[dict]:
    return [f for f in result.get("findings") or () if isinstance(f, dict)]


def overall_of(result: dict):
    value = (result.get("scores") or {}).get("overall")
    return value if isinstance(value, (int, float)) else None


def has_pay(result: dict) -> bool:
    """Whether the posting states pay (see the module docstring for why the fact decides)."""
    if any(f.get("rule") == "completeness/salary" for f in findings_of(result)):
        return False
    salary = (result.get("facts") or {}).get("salary")
    return bool(salary) and not (isinstance(salary, dict) and salary.get("estimate"))  # a job board's guess


def laws_of(result: dict) -> list[tuple[str, str, bool]]:
    """(law, jurisdiction, in force) for each law the posting's places bring in, once each."""
    seen: dict[tuple[str, str], bool] = {}
    for law in (result.get("facts") or {}).get("pay_transparency") or ():
        if isinstance(law, dict) and law.get("law"):
            key = (str(law["law"]), str(law.get("jurisdiction") or ""))
            seen[key] = seen.get(key, False) or bool(law.get("applies"))
    return [(law, place, applies) for (law, place), applies in seen.items()]


def severity_counts(findings: list[dict]) -> dict[str, int]:
    counts = dict.fromkeys(SEVERITIES, 0)
    for f in findings:
        if f.get("severity") in counts:
            counts[f["severity"]] += 1
    return counts


def edit_count(value) -> int:
    """Edits come as lists in a rewrite object; a count is accepted as well."""
    if isinstance(value, (list, tuple)):
        return len(value)
    return value if isinstance(value, int) else 0
