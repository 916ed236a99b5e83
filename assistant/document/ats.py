"""Postings that arrive inside a data structure: ATS API JSON and schema.org JSON-LD.

A careers site or an ATS export carries the words a candidate reads inside JSON; linting
the raw file would judge braces and field names. This module finds each posting in such
a file, hands back its description (HTML or plain text) for the usual loaders, and keeps
what the structure states outright (title, company, location, contract, pay) in `meta`,
so nothing has to be guessed from prose that the data already says.

Shapes known here, each decided by its field layout, never by the file name:

* schema.org `JobPosting` JSON-LD: one object, an array, an `@graph`, or nested under
  another node (`mainEntity`); in a `.json` file or in an HTML page's
  `<script type="application/ld+json">` blocks;
* Greenhouse job-board API: one job, a `{"jobs": [...]}` list or a bare list; the
  offices, departments and sections endpoints only list jobs, without their text;
* Lever postings API (`?mode=json`): one posting, a list, or a `group=` grouped list;
* Teamtailor API (JSON:API `data` with `type: "jobs"`).

A recognised capture that holds no description at all (a Greenhouse list fetched without
`?content=true`) raises `NotAPosting` with a one-line reason, as does anything else.
Only `json`, `html` and `re` from the standard library: this runs once per file on the
`lint` path.
"""

from __future__ import annotations

import json
import re
from html import escape, unescape

from .._record import Record

TYPE_CHECKING = False  # `typing` costs start-up time; annotations only need it for checkers
if TYPE_CHECKING:
    from typing import Any

__all__ = ["AtsPosting", "NotAPosting", "parse_html_jsonld", "parse_json"]

UNKNOWN_FORMAT = (
    "not a job posting format I know "
    "(expected schema.org JobPosting, Greenhouse, Lever or Teamtailor JSON)"
)


class NotAPosting(Exception):
    """A structured input with no posting text in it; the message is shown as one line."""


class AtsPosting(Record):
    """One posting found in a structured file.

    `id` is the source's own id made safe to write as `path#id` (or the posting's
    1-based position when the source gives none), unique within the file. `body` is the
    description as `body_format` says ("html" or "txt"); `meta` holds only what the
    structure states outright, as text.
    """

    __slots__ = ("id", "title", "body", "body_format", "meta")

    def __init__(self, id: str, title: str | None, body: str, body_format: str, meta: dict[str, str] | None = None):
        self.id = id
        self.title = title
        self.body = body
        self.body_format = body_format  # "html" | "txt"
        self.meta = meta if meta is not None else {}


# ---------------------------------------------------------------------------------------
# Entry points
# ---------------------------------------------------------------------------------------


def parse_json(source: str) -> list[AtsPosting]:
    """The postings in a JSON file; raises `NotAPosting` when there is no posting text."""
    data = _load_json(source)
    if "JobPosting" in source:  # cheap test before walking the whole tree
        nodes = _jsonld_postings(data)
        if nodes:
            found = [_from_jsonld(n) for n in nodes if _has_text(n.get("description"))]
            if not found:
                raise NotAPosting("a schema.org JobPosting without a description: no posting text")
            return _finish(found)
    if isinstance(data, dict):
        return _finish(_from_object(data))
    if isinstance(data, list):
        return _finish(_from_list(data))
    raise NotAPosting(UNKNOWN_FORMAT)


def parse_html_jsonld(source: str) -> list[AtsPosting]:
    """The JobPostings in an HTML page's JSON-LD blocks; `[]` when there are none.

    Never raises: a broken block or a JobPosting without a description is skipped, and
    the caller lints the page itself, whose text is then the posting.
    """
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
    return _finish(found)


# ---------------------------------------------------------------------------------------
# Reading the JSON
# ---------------------------------------------------------------------------------------

# A redacting tool leaves a bare `<word>` where it removed a number (`"id": <phone>`),
# as in the shared corpus captures. Possessive loops keep an unclosed string linear.
_QUOTE_OR_ANGLE = re.compile(r'["<]')
_STRING = re.compile(r'"[^"\\]*+(?:\\.[^"\\]*+)*+"')
_PLACEHOLDER = re.compile(r"<[A-Za-z][\w-]{0,30}>")


def _load_json(source: str) -> Any:
    """Parse, or say where the JSON breaks.

    A capture whose numbers were redacted to bare `<phone>` marks is read with `null`
    in their place; any other error is reported at its own position.
    """
    try:
        return json.loads(source, strict=False)
    except RecursionError:
        raise NotAPosting("not valid JSON for this reader: nested too deeply") from None
    except ValueError as exc:
        first = exc
    repaired = _null_placeholders(source) if "<" in source else None
    if repaired is not None:
        try:
            return json.loads(repaired, strict=False)
        except (ValueError, RecursionError):
            pass
    where = f": line {first.lineno} column {first.colno}" if hasattr(first, "lineno") else ""
    message = getattr(first, "msg", str(first)).splitlines()[0]
    raise NotAPosting(f"not valid JSON: {message}{where}") from None


def _null_placeholders(source: str) -> str | None:
    """The source with each `<word>` outside a string read as `null`; None if there is none.

    One pass from left to right, skipping string literals whole, so a `<b>` inside a
    description is never touched.
    """
    pieces: list[str] = []
    done = pos = 0
    while (found := _QUOTE_OR_ANGLE.search(source, pos)) is not None:
        start = found.start()
        if source[start] == '"':
            literal = _STRING.match(source, start)
            if literal is None:
                return None  # an unclosed string: nothing to repair
            pos = literal.end()
        elif (mark := _PLACEHOLDER.match(source, start)) is not None:
            pieces.append(source[done:start])
            pieces.append("null")
            done = pos = mark.end()
        else:
            pos = start + 1
    if not pieces:
        return None
    pieces.append(source[done:])
    return "".join(pieces)


# ---------------------------------------------------------------------------------------
# Which shape is it
# ---------------------------------------------------------------------------------------

_GREENHOUSE_GROUPS = ("offices", "departments", "sections")


def _from_object(data: dict) -> list[_Raw]:
    if _is_teamtailor_doc(data):
        return _from_teamtailor(data)
    if _is_greenhouse_job(data):
        return _from_greenhouse_list([data], single=True)
    if _is_lever(data):
        return _from_lever_list([data])
    group = _greenhouse_group(data)
    if group == "jobs":
        return _from_greenhouse_list(data["jobs"])
    if group:
        return _from_greenhouse_groups(data, group)
    if "@context" in data or "@graph" in data:
        raise NotAPosting("schema.org JSON-LD with no JobPosting in it: no posting text")
    raise NotAPosting(UNKNOWN_FORMAT)


def _greenhouse_group(data: dict) -> str | None:
    """Which Greenhouse listing this is ("jobs", "offices listing"…), or None."""
    jobs = data.get("jobs")
    if isinstance(jobs, list) and (not jobs or any(_is_greenhouse_job(j) for j in jobs)):
        return "department or section listing" if "name" in data and "id" in data else "jobs"
    for key in _GREENHOUSE_GROUPS:
        if isinstance(data.get(key), list):
            return "office listing" if key == "departments" and "name" in data else f"{key} listing"
    return None


def _from_list(data: list) -> list[_Raw]:
    if not data:
        raise NotAPosting("an empty JSON list: no posting text")
    if any(_is_lever(x) for x in data):
        return _from_lever_list([x for x in data if _is_lever(x)])
    if any(_is_lever_group(x) for x in data):
        postings = [p for g in data if _is_lever_group(g) for p in g["postings"] if _is_lever(p)]
        if not postings:
            raise NotAPosting("a grouped Lever list with no postings: no posting text")
        return _from_lever_list(postings)
    if any(_is_greenhouse_job(x) for x in data):
        return _from_greenhouse_list([x for x in data if _is_greenhouse_job(x)])
    raise NotAPosting(UNKNOWN_FORMAT)


def _is_greenhouse_job(x: Any) -> bool:
    return isinstance(x, dict) and "absolute_url" in x and isinstance(x.get("title"), str) and (
        "id" in x or "internal_job_id" in x
    )


_LEVER_MARKS = ("categories", "hostedUrl", "applyUrl", "descriptionPlain", "lists", "workplaceType")


def _is_lever(x: Any) -> bool:
    return isinstance(x, dict) and isinstance(x.get("text"), str) and any(k in x for k in _LEVER_MARKS)


def _is_lever_group(x: Any) -> bool:
    """`?group=team` answers `[{"title": "Engineering", "postings": [...]}, ...]`."""
    return isinstance(x, dict) and isinstance(x.get("postings"), list) and "title" in x


def _is_teamtailor_doc(data: dict) -> bool:
    items = data.get("data")
    if isinstance(items, dict):
        items = [items]
    return isinstance(items, list) and any(_is_teamtailor_job(x) for x in items)


def _is_teamtailor_job(x: Any) -> bool:
    return isinstance(x, dict) and x.get("type") == "jobs" and isinstance(x.get("attributes"), dict)


# ---------------------------------------------------------------------------------------
# One posting before ids are settled
# ---------------------------------------------------------------------------------------


class _Raw:
    __slots__ = ("id", "title", "body", "fmt", "meta")

    def __init__(self, id: Any, title: Any, body: str, fmt: str, meta: dict[str, str]):
        self.id = id
        self.title = title if isinstance(title, str) and title.strip() else None
        self.body = body
        self.fmt = fmt
        if self.title:
            self.title = self.title.strip()
            meta = {"title": self.title, **meta}
        self.meta = meta


def _finish(raws: list[_Raw]) -> list[AtsPosting]:
    """Settle ids: the source's own when it has one, made path-safe and unique."""
    taken: set[str] = set()
    out = []
    for index, raw in enumerate(raws, 1):
        base = _safe_id(raw.id) or str(index)
        ident, n = base, 1
        while ident in taken:
            n += 1
            ident = f"{base}-{n}"
        taken.add(ident)
        out.append(AtsPosting(ident, raw.title, raw.body, raw.fmt, raw.meta))
    return out


_UNSAFE_ID = re.compile(r"[^\w.~-]+")
_ID_MAX = 40


def _safe_id(value: Any) -> str:
    """No whitespace, `#`, `/` or `:` (the id follows `path#`), and short enough to read."""
    if value is None or isinstance(value, (bool, dict, list)):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return _UNSAFE_ID.sub("-", str(value)).strip("-.")[:_ID_MAX].rstrip("-.")


def _text(value: Any) -> str | None:
    """A scalar as stripped text, or None; numbers count, containers do not."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return _number(value)
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return None


def _list(value: Any) -> list:
    """A field that should be a list; anything else reads as empty."""
    return value if isinstance(value, list) else []


def _has_text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _put(meta: dict[str, str], key: str, value: Any) -> None:
    text = _text(value)
    if text:
        meta[key] = text


# ---------------------------------------------------------------------------------------
# HTML or text
# ---------------------------------------------------------------------------------------

_REAL_TAG = re.compile(
    r"</?(?:p|div|li|ul|ol|h[1-6]|br|strong|em|b|i|u|span|a|table|tr|td|section|blockquote)\b[^<>]{0,300}>",
    re.I,
)
_ESCAPED_TAG = re.compile(r"&lt;/?(?:p|div|li|ul|ol|h[1-6]|br|strong|em|b|i|u|span|a|table)\b", re.I)


def _body(text: str, html: bool = False) -> tuple[str, str]:
    """A description as ("html" or "txt"); escaped markup is unescaped once.

    Greenhouse escapes its HTML (`&lt;p&gt;`); JSON-LD descriptions are HTML, escaped
    HTML or plain text, and a plain one may still carry entities (`R&amp;D`).
    """
    if _REAL_TAG.search(text):
        return text, "html"
    if html or _ESCAPED_TAG.search(text):
        return unescape(text), "html"
    return (unescape(text) if "&" in text else text), "txt"


def _plain_to_html(text: str) -> str:
    """A plain part joining HTML ones: paragraphs and line breaks kept, `<` and `&` escaped."""
    paragraphs = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    return "".join("<p>" + escape(p).replace("\n", "<br>") + "</p>" for p in paragraphs)


# ---------------------------------------------------------------------------------------
# Money
# ---------------------------------------------------------------------------------------

_PERIODS = {
    "hour": "hour", "hourly": "hour", "day": "day", "daily": "day", "week": "week", "weekly": "week",
    "month": "month", "monthly": "month", "year": "year", "yearly": "year", "annual": "year", "annually": "year",
}


def _number(x: Any) -> str | None:
    if isinstance(x, bool) or x is None:
        return None
    if isinstance(x, (int, float)):
        if isinstance(x, float) and not x.is_integer():
            return f"{x:.2f}".rstrip("0").rstrip(".")
        return str(int(x))
    return _text(x)


def _salary_text(currency: Any, low: Any, high: Any, period: str | None) -> str | None:
    """"USD 120000–150000 per year" from whatever parts are there; None without a figure."""
    lo, hi = _number(low), _number(high)
    if lo is None and hi is None:
        return None
    amount = lo if hi is None or hi == lo else hi if lo is None else f"{lo}–{hi}"
    cur = _text(currency)
    text = f"{cur} {amount}" if cur else amount
    return f"{text} per {period}" if period else text


_WORDS = re.compile(r"[a-z]+")


def _period(unit: Any) -> str | None:
    """`YEAR`, `per-year-salary`, `monthly` → "year", "month"…; None when unsaid."""
    if not isinstance(unit, str):
        return None
    for word in _WORDS.findall(unit.lower()):
        if word in _PERIODS:
            return _PERIODS[word]
    return None


# ---------------------------------------------------------------------------------------
# schema.org JobPosting
# ---------------------------------------------------------------------------------------

_MAX_DEPTH = 16  # bounds the recursion; real files nest five or six levels


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
    _put(meta, "salary", _jsonld_salary(node.get("baseSalary")))
    return _Raw(_jsonld_id(node.get("identifier")), node.get("title") or node.get("name"), body, fmt, meta)


def _name(value: Any) -> str | None:
    """The name of an organisation, a country or a department: text, `{"name": …}` or a list."""
    names = []
    for item in value if isinstance(value, list) else (value,):
        name = _text(item.get("name")) if isinstance(item, dict) else _text(item)
        if name:
            names.append(name)
    return ", ".join(dict.fromkeys(names)) or None


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


def _jsonld_salary(value: Any) -> str | None:
    """A MonetaryAmount: `value` is a number, a QuantitativeValue, or (seen in the wild) text."""
    if isinstance(value, list):
        value = value[0] if value else None
    if not isinstance(value, dict):
        return _text(value)
    currency = value.get("currency")
    amount = value.get("value")
    if isinstance(amount, dict):
        return _salary_text(
            currency,
            amount.get("minValue", amount.get("value")),
            amount.get("maxValue"),
            _period(amount.get("unitText")),
        )
    return _salary_text(currency, amount, None, _period(value.get("unitText")))


# ---------------------------------------------------------------------------------------
# Greenhouse
# ---------------------------------------------------------------------------------------

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
    _put(meta, "salary", _greenhouse_pay(job.get("pay_input_ranges")))
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


# ---------------------------------------------------------------------------------------
# Lever
# ---------------------------------------------------------------------------------------

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
        _put(meta, "salary", _salary_text(pay.get("currency"), pay.get("min"), pay.get("max"), _period(pay.get("interval"))))
    return meta


# ---------------------------------------------------------------------------------------
# Teamtailor
# ---------------------------------------------------------------------------------------

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
    _put(meta, "salary", _salary_text(attrs.get("currency"), attrs.get("min-salary"), attrs.get("max-salary"),
                                      _period(attrs.get("salary-time-unit"))))
    return _Raw(job.get("id"), attrs.get("title"), body, fmt, meta)


# ---------------------------------------------------------------------------------------
# JSON-LD blocks in HTML
# ---------------------------------------------------------------------------------------

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
