"""Teamtailor API: JSON:API documents whose `data` holds items of `type: "jobs"`.

Locations and departments are relationships, given inline by some exports and in
`included` by the API; both are read.
"""

from __future__ import annotations

from .common import (
    NotAPosting,
    _body,
    _has_text,
    _name,
    _period,
    _put,
    _put_pay,
    _Raw,
    _text,
)

TYPE_CHECKING = False  # `typing` costs start-up time; annotations only need it for checkers
if TYPE_CHECKING:
    from typing import Any


def _is_teamtailor_doc(data: dict) -> bool:
    items = data.get("data")
    if isinstance(items, dict):
        items = [items]
    return isinstance(items, list) and any(_is_teamtailor_job(x) for x in items)


def _is_teamtailor_job(x: Any) -> bool:
    return isinstance(x, dict) and x.get("type") == "jobs" and isinstance(x.get("attributes"), dict)


_TT_REMOTE = {"fully": "remote", "remote": "remote", "hybrid": "hybrid", "none": "onsite"}


def _from_teamtailor(data: dict) -> list[_Raw]:
    items = data.get("data")
    items = [items] if isinstance(items, dict) else items
    jobs = [x for x in items if _is_teamtailor_job(x)]
    included = _included_index(data.get("included"))
    found = [_from_teamtailor_job(j, included) for j in jobs if _has_text(j["attributes"].get("body"))]
    if not found:
        raise NotAPosting("Teamtailor jobs without a body: no posting text")
    return found


def _included_index(included: Any) -> dict[tuple[str, str], dict]:
    index: dict[tuple[str, str], dict] = {}
    for item in included if isinstance(included, list) else ():
        if isinstance(item, dict) and isinstance(item.get("attributes"), dict):
            index[(str(item.get("type")), str(item.get("id")))] = item["attributes"]
    return index


def _related(job: dict, name: str, included: dict) -> list[dict]:
    """Attributes of a relationship, inline (some exports) or from `included`."""
    rel = job.get("relationships")
    rel = rel.get(name) if isinstance(rel, dict) else None
    data = rel.get("data") if isinstance(rel, dict) else None
    out = []
    for ref in data if isinstance(data, list) else [data]:
        if not isinstance(ref, dict):
            continue
        attrs = ref.get("attributes")
        if not isinstance(attrs, dict):
            attrs = included.get((str(ref.get("type")), str(ref.get("id"))))
        if attrs:
            out.append(attrs)
    return out


def _tt_place(attrs: dict) -> str | None:
    parts = [_text(attrs.get(k)) for k in ("city", "country")]
    parts = [p for p in parts if p]
    return ", ".join(parts) if parts else _text(attrs.get("name"))


def _from_teamtailor_job(job: dict, included: dict) -> _Raw:
    attrs = job["attributes"]
    body, fmt = _body(attrs["body"], html=True)
    meta: dict[str, str] = {}
    places = [_tt_place(a) for a in _related(job, "locations", included) + _related(job, "location", included)]
    _put(meta, "location", "; ".join(dict.fromkeys(p for p in places if p)) or None)
    _put(meta, "team", _name(_related(job, "department", included)))
    _put(meta, "employment_type", attrs.get("employment-type"))
    remote = _TT_REMOTE.get(str(attrs.get("remote-status") or "").strip().lower())
    if remote:
        meta["remote"] = remote
    _put_pay(meta, attrs.get("currency"), attrs.get("min-salary"), attrs.get("max-salary"), _period(attrs.get("salary-time-unit")))
    return _Raw(job.get("id"), attrs.get("title"), body, fmt, meta)
