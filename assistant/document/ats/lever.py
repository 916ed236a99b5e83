"""Lever postings API (`?mode=json`): one posting, a list, or a `group=` grouped list.

Lever sends the description, the lists under their headings and the closing as separate
parts, each styled and plain; they are joined back in reading order.
"""

from __future__ import annotations

import re
from html import escape

from .common import (
    NotAPosting,
    _has_text,
    _list,
    _period,
    _plain_to_html,
    _put,
    _put_pay,
    _Raw,
    _text,
)

TYPE_CHECKING = False  # `typing` costs start-up time; annotations only need it for checkers
if TYPE_CHECKING:
    from typing import Any


_LEVER_MARKS = ("categories", "hostedUrl", "applyUrl", "descriptionPlain", "lists", "workplaceType")


def _is_lever(x: Any) -> bool:
    return isinstance(x, dict) and isinstance(x.get("text"), str) and any(k in x for k in _LEVER_MARKS)


def _is_lever_group(x: Any) -> bool:
    """`?group=team` answers `[{"title": "Engineering", "postings": [...]}, ...]`."""
    return isinstance(x, dict) and isinstance(x.get("postings"), list) and "title" in x


_WORKPLACE = {"remote": "remote", "hybrid": "hybrid", "on-site": "onsite", "onsite": "onsite"}
_LIST_TAG = re.compile(r"<(?:ul|ol)\b", re.I)


def _from_lever_list(postings: list[dict]) -> list[_Raw]:
    found = [r for r in (_from_lever(p) for p in postings) if r is not None]
    if not found:
        raise NotAPosting("a Lever posting list without descriptions: no posting text (fetch it with ?mode=json)")
    return found


def _from_lever(posting: dict) -> _Raw | None:
    """Description, then each list under its heading, then the pay note and the closing."""
    parts: list[tuple[str, bool]] = []  # (text, is_html), in reading order
    _lever_part(posting, parts, "description", ("opening", "descriptionBody"))
    for item in _list(posting.get("lists")):
        if not isinstance(item, dict):
            continue
        heading, content = _text(item.get("text")), item.get("content")
        if heading:
            parts.append((f"<h3>{escape(heading)}</h3>", True))
        if _has_text(content):
            parts.append((content if _LIST_TAG.search(content) else f"<ul>{content}</ul>", True))
    _lever_part(posting, parts, "salaryDescription")
    _lever_part(posting, parts, "additional")
    if not parts:
        return None
    if any(is_html for _, is_html in parts):
        body = "\n".join(text if is_html else _plain_to_html(text) for text, is_html in parts)
        fmt = "html"
    else:
        body, fmt = "\n\n".join(text for text, _ in parts), "txt"
    return _Raw(posting.get("id"), posting.get("text"), body, fmt, _lever_meta(posting))


def _lever_part(posting: dict, parts: list[tuple[str, bool]], key: str, pieces: tuple[str, ...] = ()) -> None:
    """The first form of one part that is there: HTML whole, HTML in pieces, plain, plain in pieces.

    Lever sends each part both styled and plain; HTML keeps the headings and bullets.
    """
    for names, is_html in (((key,), True), (pieces, True),
                           ((key + "Plain",), False), (tuple(p + "Plain" for p in pieces), False)):
        values = [v.strip() for v in (posting.get(n) for n in names) if _has_text(v)]
        if values:
            parts.append(("\n".join(values) if is_html else "\n\n".join(values), is_html))
            return


def _lever_meta(posting: dict) -> dict[str, str]:
    meta: dict[str, str] = {}
    categories = posting.get("categories")
    categories = categories if isinstance(categories, dict) else {}
    location = _text(categories.get("location"))
    if not location and isinstance(categories.get("allLocations"), list):
        location = "; ".join(t for t in map(_text, categories["allLocations"]) if t) or None
    _put(meta, "location", location)
    _put(meta, "employment_type", categories.get("commitment"))
    _put(meta, "team", categories.get("team") or categories.get("department"))
    workplace = _WORKPLACE.get(str(posting.get("workplaceType") or "").strip().lower())
    if workplace:
        meta["remote"] = workplace
    pay = posting.get("salaryRange")
    if isinstance(pay, dict):
        _put_pay(meta, pay.get("currency"), pay.get("min"), pay.get("max"), _period(pay.get("interval")))
    return meta
