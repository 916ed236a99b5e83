"""What every ATS reader shares: the posting record, its ids, and the readers of fields.

Each source module turns its JSON into `_Raw` records with the helpers here (text,
names, HTML or plain bodies, pay written as one line); the dispatcher settles the ids.
"""

from __future__ import annotations

import re
from html import escape, unescape

from ..._record import Record

TYPE_CHECKING = False  # `typing` costs start-up time; annotations only need it for checkers
if TYPE_CHECKING:
    from typing import Any


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


def _name(value: Any) -> str | None:
    """The name of an organisation, a country or a department: text, `{"name": …}` or a list."""
    names = []
    for item in value if isinstance(value, list) else (value,):
        name = _text(item.get("name")) if isinstance(item, dict) else _text(item)
        if name:
            names.append(name)
    return ", ".join(dict.fromkeys(names)) or None


_MAX_DEPTH = 16  # bounds the recursion; real files nest five or six levels


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


def _put_pay(meta: dict[str, str], currency: Any, low: Any, high: Any, period: str | None, key: str = "salary") -> None:
    """Pay as the record states it: one line of text (`key`) and, beside it, the parts
    (`salary_min`, `salary_max`, `currency`, `period`), the names front matter uses, so
    that the loader reads both the same way and need not parse the line back."""
    text = _salary_text(currency, low, high, period)
    if text is None:
        return
    meta[key] = text
    if key != "salary":
        return
    for name, value in (("salary_min", _number(low)), ("salary_max", _number(high)), ("currency", _text(currency)), ("period", period)):
        if value:
            meta[name] = value


_WORDS = re.compile(r"[a-z]+")


def _period(unit: Any) -> str | None:
    """`YEAR`, `per-year-salary`, `monthly` → "year", "month"…; None when unsaid."""
    if not isinstance(unit, str):
        return None
    for word in _WORDS.findall(unit.lower()):
        if word in _PERIODS:
            return _PERIODS[word]
    return None
