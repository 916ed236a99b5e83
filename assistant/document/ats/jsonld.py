"""schema.org `JobPosting` JSON-LD: in a `.json` file, or in an HTML page's script blocks.

One object, an array, an `@graph`, or nested under another node (`mainEntity`): every
JobPosting node is found, however the page wraps it.
"""

from __future__ import annotations

import json
import re

from .common import (
    _MAX_DEPTH,
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


def _jsonld_postings(data: Any) -> list[dict]:
    """Every JobPosting node: top level, arrays, `@graph`, or nested in another node."""
    found: list[dict] = []
    _walk_jsonld(data, found, 0)
    return found


def _walk_jsonld(node: Any, found: list[dict], depth: int) -> None:
    if depth > _MAX_DEPTH:
        return
    if isinstance(node, list):
        for item in node:
            _walk_jsonld(item, found, depth + 1)
    elif isinstance(node, dict):
        if _is_type(node.get("@type"), "JobPosting"):
            found.append(node)
            return
        for value in node.values():
            if isinstance(value, (dict, list)):
                _walk_jsonld(value, found, depth + 1)


_TYPE_PREFIX = re.compile(r".*[/:#]")


def _is_type(value: Any, name: str) -> bool:
    """`"JobPosting"`, `"schema:JobPosting"`, `"https://schema.org/JobPosting"` or a list."""
    for kind in value if isinstance(value, list) else (value,):
        if isinstance(kind, str) and _TYPE_PREFIX.sub("", kind.strip(), count=1) == name:
            return True
    return False


_EMPLOYMENT_TYPES = {
    "FULL_TIME": "full-time", "PART_TIME": "part-time", "CONTRACTOR": "contract", "TEMPORARY": "temporary",
    "INTERN": "internship", "VOLUNTEER": "volunteer", "PER_DIEM": "per diem", "OTHER": None,
}


_ENUM_WORD = re.compile(r"[A-Z]+(?:_[A-Z]+)*\Z")


def _from_jsonld(node: dict) -> _Raw:
    body, fmt = _body(node["description"])
    meta: dict[str, str] = {}
    _put(meta, "company", _name(node.get("hiringOrganization")))
    _put(meta, "location", _jsonld_location(node.get("jobLocation")))
    if _is_type(node.get("jobLocationType"), "TELECOMMUTE"):
        meta["remote"] = "remote"
    _put(meta, "employment_type", _jsonld_employment(node.get("employmentType")))
    _jsonld_salary(meta, node.get("baseSalary"), "salary")
    if "salary" not in meta:  # schema.org's estimatedSalary: someone's estimate, not the offer
        _jsonld_salary(meta, node.get("estimatedSalary"), "salary_estimate")
    if "salary" in meta or "salary_estimate" in meta:
        meta["pay_source"] = "json_ld"
    return _Raw(_jsonld_id(node.get("identifier")), node.get("title") or node.get("name"), body, fmt, meta)


def _jsonld_id(value: Any) -> Any:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        return value.get("value")
    return value


def _jsonld_location(value: Any) -> str | None:
    places = value if isinstance(value, list) else [value]
    names = [n for n in (_place(p) for p in places) if n]
    return "; ".join(dict.fromkeys(names)) or None


def _place(place: Any) -> str | None:
    if not isinstance(place, dict):
        return _text(place)
    address = place.get("address")
    if isinstance(address, list):
        address = address[0] if address else None
    if isinstance(address, dict):
        parts = [_name(address.get(k)) for k in ("addressLocality", "addressRegion", "addressCountry")]
        parts = [p for p in dict.fromkeys(parts) if p]
        if parts:
            return ", ".join(parts)
        return _text(address.get("streetAddress")) or _text(place.get("name"))
    return _text(address) or _text(place.get("name"))


def _jsonld_employment(value: Any) -> str | None:
    kinds = value if isinstance(value, list) else [value]
    words = []
    for kind in kinds:
        text = _text(kind)
        if text:
            key = text.upper().replace("-", "_").replace(" ", "_")
            word = _EMPLOYMENT_TYPES.get(key, text)
            if word and _ENUM_WORD.match(word):  # an enum schema.org does not list: "SEASONAL"
                word = word.lower().replace("_", "-")
            if word:
                words.append(word)
    return ", ".join(dict.fromkeys(words)) or None


def _jsonld_salary(meta: dict[str, str], value: Any, key: str) -> None:
    """A MonetaryAmount: `value` is a number, a QuantitativeValue (`minValue`, `maxValue`,
    `unitText`), a list of either, or (seen in the wild) text."""
    if isinstance(value, list):
        value = value[0] if value else None
    if not isinstance(value, dict):
        _put(meta, key, value)
        return
    currency = value.get("currency") or value.get("salaryCurrency")
    amount = value.get("value")
    if isinstance(amount, list):
        amount = amount[0] if amount else None
    if isinstance(amount, dict):
        low = amount.get("minValue", amount.get("value"))
        high = amount.get("maxValue", amount.get("value"))  # a lone `value` is the pay itself
        if isinstance(low, str) and not _is_figure(low):  # "50k-60k" written as text
            _put(meta, key, f"{currency} {low}" if _text(currency) else low)
            return
        period = _period(amount.get("unitText")) or _period(value.get("unitText"))
        _put_pay(meta, currency, low, high, period, key)
    elif isinstance(amount, str) and not _is_figure(amount):
        _put(meta, key, f"{currency} {amount}" if _text(currency) else amount)
    else:
        low, high = value.get("minValue", amount), value.get("maxValue", amount)
        _put_pay(meta, currency, low, high, _period(value.get("unitText")), key)


_FIGURE = re.compile(r"\s*\d+(?:[.,]\d+)?\s*\Z")


def _is_figure(text: str) -> bool:
    return bool(_FIGURE.match(text))


_LD_JSON = re.compile(r"application/ld\+json", re.I)
_SCRIPT_OPEN = re.compile(r"<script\b([^>]*)>", re.I)
_SCRIPT_CLOSE = re.compile(r"</script\s*>", re.I)
_LD_TYPE = re.compile(r"\btype\s*=\s*[\"']?\s*application/ld\+json\b", re.I)
_WRAPPER_HEAD = re.compile(r"\A\s*(?:(?://|/\*)?\s*<!\[CDATA\[(?:\s*\*/)?|<!--)")
_WRAPPER_TAIL = re.compile(r"(?:(?://|/\*)?\s*\]\]>(?:\s*\*/)?|-->)\s*\Z")


def _unwrap_script(block: str) -> str:
    """Drop the `<!-- -->` or CDATA wrapper old templates put around script bodies."""
    block = _WRAPPER_HEAD.sub("", block, count=1)
    block = _WRAPPER_TAIL.sub("", block, count=1)
    return block.strip().rstrip(";")


def _in_html(source: str) -> list[_Raw]:
    """The JobPostings with a description in a page's JSON-LD blocks; a broken block is skipped."""
    if _LD_JSON.search(source) is None:
        return []
    found: list[_Raw] = []
    pos = 0
    for opener in _SCRIPT_OPEN.finditer(source):
        if opener.start() < pos or _LD_TYPE.search(opener.group(1)) is None:
            continue
        closer = _SCRIPT_CLOSE.search(source, opener.end())
        if closer is None:
            break
        pos = closer.end()
        try:
            data = json.loads(_unwrap_script(source[opener.end() : closer.start()]), strict=False)
        except (ValueError, RecursionError):
            continue
        found.extend(_from_jsonld(n) for n in _jsonld_postings(data) if _has_text(n.get("description")))
    return found
