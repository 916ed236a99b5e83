"""Pay stated in fields rather than prose: front matter, JSON-LD `baseSalary`, ATS records.

A field named for pay says what its figure is, so none of the context scoring that
prose needs applies: a `salary_min` of "134,011" is the minimum pay. The names are the
ones front matter uses in the wild and the ATS readers write (`ats.common._put_pay`).
"""

from __future__ import annotations

from ..model import Salary
from .money import _AMOUNT, _CODES, _SCALE, _number
from .pay import _salary
from .view import _Doc

_MIN_KEYS = ("salary_min", "min_salary", "salary_from", "salary_low", "minimum_salary", "pay_min", "compensation_min", "base_salary_min")
_MAX_KEYS = ("salary_max", "max_salary", "salary_to", "salary_high", "maximum_salary", "pay_max", "compensation_max", "base_salary_max")
_TEXT_KEYS = ("salary", "pay", "compensation", "salary_range", "pay_range", "base_salary", "wage", "wages", "remuneration")
_CURRENCY_KEYS = ("currency", "salary_currency", "pay_currency")
_PERIOD_KEYS = ("period", "salary_period", "pay_period", "salary_unit", "interval")
_PERIODS = {
    "year": "year", "yearly": "year", "annual": "year", "annually": "year", "annum": "year", "month": "month",
    "monthly": "month", "week": "week", "weekly": "week", "day": "day", "daily": "day", "hour": "hour", "hourly": "hour",
}  # fmt: skip


def salary_from_fields(meta: dict[str, str], source: str) -> Salary | None:
    """The pay the fields state, or None; `source` names where they came from."""
    low = _figure(_first(meta, _MIN_KEYS))
    high = _figure(_first(meta, _MAX_KEYS))
    if low is not None or high is not None:
        currency = _code(_first(meta, _CURRENCY_KEYS)) or (low[1] if low else None) or (high[1] if high else None)
        lo, hi = low[0] if low else None, high[0] if high else None
        if lo is not None and hi is not None and lo > hi:
            lo, hi = hi, lo
        period = _period(_first(meta, _PERIOD_KEYS)) or ("year" if (hi or lo or 0) >= 20_000 else None)
        written = meta.get("salary") or "–".join(meta[k] for k in (_key(meta, _MIN_KEYS), _key(meta, _MAX_KEYS)) if k)
        return Salary(written, lo, hi, currency, period, None, None, False, source)
    for key in _TEXT_KEYS:
        value = meta.get(key)
        if value:
            found = _from_text(value, meta, source)
            if found is not None:
                return found
    value = meta.get("salary_estimate")
    if value:
        found = _from_text(value, meta, source)
        if found is not None:
            found.estimate = True
            return found
    return None


def _from_text(value: str, meta: dict[str, str], source: str) -> Salary | None:
    """A pay line from a field, read as if it followed a "Salary:" label."""
    found = _salary(_Doc("Salary: " + value, (), ()))
    currency = _first(meta, _CURRENCY_KEYS)
    if found is None and currency:  # "30 per hour" beside `currency: EUR`
        found = _salary(_Doc(f"Salary: {currency} {value}", (), ()))
    if found is None:
        return None
    found.text = value
    if found.currency is None:
        found.currency = _code(_first(meta, _CURRENCY_KEYS))
    if found.period is None:
        found.period = _period(_first(meta, _PERIOD_KEYS))
    found.start = found.end = None
    found.source = source
    return found


def _key(meta: dict[str, str], keys: tuple[str, ...]) -> str | None:
    return next((k for k in keys if meta.get(k)), None)


def _first(meta: dict[str, str], keys: tuple[str, ...]) -> str | None:
    key = _key(meta, keys)
    return meta[key] if key else None


def _figure(raw: str | None) -> tuple[float, str | None] | None:
    """(value, currency) of "134,011", "$172,500", "95k", "EUR 50000"; None when no figure."""
    if not raw:
        return None
    match = _AMOUNT.search(raw)
    if match is None:
        return None
    value = _number(match.group("num"))
    if value is None or value <= 0:
        return None
    mult = (match.group("mult") or "").lower()
    code = match.group("cur1") or match.group("cur2")
    return value * _SCALE.get(mult, 1.0), _code(code)


def _code(raw: str | None) -> str | None:
    if not raw:
        return None
    word = raw.strip().lower().replace(" ", "")
    return _CODES.get(word) or (raw.strip().upper() if len(word) == 3 and word.isalpha() else None)


def _period(raw: str | None) -> str | None:
    if not raw:
        return None
    for word in raw.lower().replace("-", " ").replace("_", " ").split():
        if word in _PERIODS:
            return _PERIODS[word]
    return None
