"""Greenhouse job-board API: one job, a `{"jobs": [...]}` list or a bare list, and the
offices, departments and sections endpoints, which list jobs by group.

Only a job fetched with `?content=true` carries its text; a list without it is refused
with a reason that says how to fetch it.
"""

from __future__ import annotations

from .common import (
    _MAX_DEPTH,
    NotAPosting,
    _body,
    _has_text,
    _list,
    _name,
    _put,
    _put_pay,
    _Raw,
    _safe_id,
    _salary_text,
)

TYPE_CHECKING = False  # `typing` costs start-up time; annotations only need it for checkers
if TYPE_CHECKING:
    from typing import Any


_GREENHOUSE_GROUPS = ("offices", "departments", "sections")


def _greenhouse_group(data: dict) -> str | None:
    """Which Greenhouse listing this is ("jobs", "offices listing"…), or None."""
    jobs = data.get("jobs")
    if isinstance(jobs, list) and (not jobs or any(_is_greenhouse_job(j) for j in jobs)):
        return "department or section listing" if "name" in data and "id" in data else "jobs"
    for key in _GREENHOUSE_GROUPS:
        if isinstance(data.get(key), list):
            return "office listing" if key == "departments" and "name" in data else f"{key} listing"
    return None


def _is_greenhouse_job(x: Any) -> bool:
    return isinstance(x, dict) and "absolute_url" in x and isinstance(x.get("title"), str) and (
        "id" in x or "internal_job_id" in x
    )


_GH_REFETCH = "(fetch the board with ?content=true)"


def _from_greenhouse_list(jobs: list, single: bool = False) -> list[_Raw]:
    """Jobs with a `content` field; those without are list entries, not postings."""
    if not jobs:
        raise NotAPosting(f"a Greenhouse job list with no jobs in it: no posting text {_GH_REFETCH}")
    found = [_from_greenhouse(j) for j in jobs if _is_greenhouse_job(j) and _has_text(j.get("content"))]
    if found:
        return found
    if single:
        raise NotAPosting("a Greenhouse job without a description: no posting text (fetch it with ?content=true)")
    raise NotAPosting(f"a Greenhouse job list without descriptions: no posting text {_GH_REFETCH}")


def _from_greenhouse_groups(data: dict, what: str) -> list[_Raw]:
    """Offices, departments and sections list jobs by group; a job may sit in several."""
    jobs: list[dict] = []
    seen: set = set()
    _collect_greenhouse_jobs(data, jobs, seen, 0)
    with_text = [j for j in jobs if _has_text(j.get("content"))]
    if with_text:
        return [_from_greenhouse(j) for j in with_text]
    raise NotAPosting(f"a Greenhouse {what}: job titles only, no posting text {_GH_REFETCH}")


def _collect_greenhouse_jobs(node: Any, jobs: list[dict], seen: set, depth: int) -> None:
    if depth > _MAX_DEPTH:
        return
    if isinstance(node, list):
        for item in node:
            _collect_greenhouse_jobs(item, jobs, seen, depth + 1)
        return
    if not isinstance(node, dict):
        return
    for job in _list(node.get("jobs")):
        if _is_greenhouse_job(job):
            key = _safe_id(job.get("id")) or repr(job.get("absolute_url"))
            if key not in seen:
                seen.add(key)
                jobs.append(job)
    for key in ("offices", "departments", "sections", "children"):
        if isinstance(node.get(key), list):
            _collect_greenhouse_jobs(node[key], jobs, seen, depth + 1)


def _from_greenhouse(job: dict) -> _Raw:
    body, fmt = _body(job["content"], html=True)
    meta: dict[str, str] = {}
    _put(meta, "company", job.get("company_name"))
    location = job.get("location")
    _put(meta, "location", location.get("name") if isinstance(location, dict) else location)
    _put(meta, "team", _name(job.get("departments")))
    for field in _list(job.get("metadata")):
        if isinstance(field, dict) and str(field.get("name", "")).strip().lower() == "employment type":
            _put(meta, "employment_type", field.get("value"))
    ranges = [r for r in _list(job.get("pay_input_ranges")) if isinstance(r, dict)]
    if len(ranges) == 1:  # one zone: its parts; several: one line of them all
        r = ranges[0]
        _put_pay(meta, r.get("currency_type"), _cents(r.get("min_cents")), _cents(r.get("max_cents")), None)
    else:
        _put(meta, "salary", _greenhouse_pay(ranges))
    return _Raw(job.get("id"), job.get("title"), body, fmt, meta)


def _greenhouse_pay(ranges: Any) -> str | None:
    """`?pay_transparency=true` adds ranges in cents, one per zone; the period is unsaid."""
    if not isinstance(ranges, list):
        return None
    texts = []
    for r in ranges:
        if isinstance(r, dict):
            low, high = _cents(r.get("min_cents")), _cents(r.get("max_cents"))
            text = _salary_text(r.get("currency_type"), low, high, None)
            if text:
                texts.append(text)
    return "; ".join(dict.fromkeys(texts)) or None


def _cents(value: Any) -> float | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value / 100
    return None
