"""How an amount of money is written: currencies, numbers, multipliers, ranges, periods.

This module only reads amounts ("40-50k", "55.000 €", "USD 60/hour") and knows nothing
of whether one is pay; `pay` decides that from the words around it. The split keeps the
patterns, which are long, apart from the scoring, which changes more often.
"""

from __future__ import annotations

import re

from .view import _Doc

_CODE = r"(?:USD|EUR|GBP|CAD|AUD|NZD|SGD|HKD|CHF|SEK|NOK|DKK|JPY|CNY|RMB|INR|PLN)"
_CUR_BEFORE = rf"(?:USD[ \t]?\$|U\.S\.[ \t]?\$|[A-Z]{{1,2}}\$|\$|[€£¥￥₹]|CN¥|Rs\.?|{_CODE})"
_CUR_AFTER = (
    rf"(?:[ \t]?(?:USDT|USDC|{_CODE}|kr\b\.?|kronor|[€£元块円]|美元|美金|人民币|欧元|英镑|港币|港元"
    r"|[Ee]uros?\b|[Dd]ollars\b)|[Uu](?![A-Za-z.]))"
)
_MULT = (
    r"(?:[kK](?![a-z])|千|万|萬|[wW](?![A-Za-z])|[mM]{1,2}(?![A-Za-z])|mn\b|[bB]n?(?![A-Za-z])"
    r"|[Mm]illion|[Bb]illion|LPA\b|[Ll]akhs?\b)"
)
_NUM = (
    r"(?:\d{1,2}(?:,\d\d)+,\d{3}(?:\.\d{1,2})?"  # Indian grouping: "12,00,000"
    r"|\d{1,3}(?:(?:,|\.|['’]|[ \u00a0\u202f](?=\d{3}(?!\d)))\d{3})+(?:[.,]\d{1,2})?"  # "120,000", "55.000", "110'000"
    r"|\d+(?:[.,]\d{1,2})?)(?![\d])"
)
_ANY_AMOUNT = rf"(?:{_CUR_BEFORE}[ \t]?)?{_NUM}(?:[ \t]?{_MULT})?{_CUR_AFTER}?"
_MARKED_AMOUNT = (
    rf"(?:{_CUR_BEFORE}[ \t]?{_NUM}(?:[ \t]?{_MULT})?{_CUR_AFTER}?"
    rf"|{_NUM}[ \t]?{_MULT}{_CUR_AFTER}?|{_NUM}{_CUR_AFTER})"
)
_SEP = r"[ \t]?(?:-|–|—{1,2}|−|~|～|〜|－|至|到|[ \t](?:to|and|bis|till|à|au)[ \t])[ \t]?"
_TIGHT_SEP = r"[ \t]?(?:-|–|—{1,2}|−|~|～|〜|－|至|到)[ \t]?"
# An amount with a currency or a multiplier, maybe joined to a second one either side.
_MONEY = re.compile(
    rf"(?=[\d$€£¥￥₹A-Z])(?<![A-Za-z0-9_.,$€£¥#-])(?:{_NUM}(?:[ \t]?{_MULT})?{_TIGHT_SEP}|{_ANY_AMOUNT}{_SEP})?"
    rf"{_MARKED_AMOUNT}(?:{_SEP}{_ANY_AMOUNT})?"
)
# A range with no currency at all, read only right after a pay word: "Salary: 40,000-50,000".
_BARE_RANGE = re.compile(
    r"(?<![\w.,$€£¥-])(?:\d{1,3}(?:[,.]\d{3})+|\d{4,7})[ \t]?(?:-|–|—|~|to)[ \t]?(?:\d{1,3}(?:[,.]\d{3})+|\d{4,7})(?![\d%])"
)
_YEARS = re.compile(r"(?:19|20)\d\d\D+(?:19|20)\d\d$")
_AMOUNT = re.compile(
    rf"(?P<cur1>{_CUR_BEFORE})?[ \t]?(?P<num>{_NUM})(?:[ \t]?(?P<mult>{_MULT}))?(?P<cur2>{_CUR_AFTER})?"
)
_PERIOD_AFTER = re.compile(
    r"[ \t]?(?:\(|,[ \t]?)?(?:(?:gross|brutto|net|netto|before tax|pre-tax|base)[ \t,]+)?(?:"
    r"(?P<lead>/|per[ \t]|a[ \t]|an[ \t]|each[ \t]|every[ \t]|pro[ \t]|i[ \t]|om[ \t])[ \t]?"
    r"(?P<unit>years?|yr|annum|months?|mth|weeks?|wk|days?|hours?|hr|år(?:et)?|månad(?:en)?|mån"
    r"|vecka|dag|timmen?|tim|jahr|monat|woche|tag|stunde|std|[yamwdh]|mo)(?-i:(?![a-zåäö]))"
    r"|(?:/[ \t]?)?(?P<adverb>annual(?:ly)?|yearly|monthly|weekly|daily|hourly|p\.a\.?|pa|jährlich|monatlich)(?-i:(?![a-z]))"
    r"|(?P<zh>/?(?:年|月|周|天|日|小时))"
    r")\)?",
    re.I,
)
_UNITS = {
    "year": "year", "years": "year", "yr": "year", "annum": "year", "y": "year", "a": "year",
    "år": "year", "året": "year", "jahr": "year", "annual": "year", "annually": "year",
    "yearly": "year", "p.a": "year", "p.a.": "year", "pa": "year", "jährlich": "year",
    "month": "month", "months": "month", "mth": "month", "mo": "month", "m": "month",
    "månad": "month", "månaden": "month", "mån": "month", "monat": "month", "monthly": "month",
    "monatlich": "month",
    "week": "week", "weeks": "week", "wk": "week", "w": "week", "vecka": "week", "woche": "week",
    "weekly": "week",
    "day": "day", "days": "day", "d": "day", "dag": "day", "tag": "day", "daily": "day",
    "hour": "hour", "hours": "hour", "hr": "hour", "h": "hour", "timme": "hour", "timmen": "hour",
    "tim": "hour", "stunde": "hour", "std": "hour", "hourly": "hour",
    "年": "year", "/年": "year", "月": "month", "/月": "month", "周": "week", "/周": "week",
    "天": "day", "/天": "day", "日": "day", "/日": "day", "小时": "hour", "/小时": "hour",
}
_SHORT_UNITS = frozenset({"y", "a", "m", "w", "d", "h", "mo"})  # only after "/": "60/h"
_PERIOD_BEFORE = re.compile(
    r"(?P<year>annual|yearly|per year|per annum|年薪|年包|årslön|jahresgehalt)"
    r"|(?P<month>monthly|per month|月薪|月收入|månadslön|monatsgehalt)"
    r"|(?P<week>weekly)|(?P<day>daily|day rate|日薪)"
    r"|(?P<hour>hourly|per hour|时薪|timlön|stundenlohn)"
)
_PERIOD_HINTS = ("annu", "year", "month", "week", "dai", "day rate", "hour", "薪", "lön", "gehalt", "lohn", "年", "月")
_MONTH_COUNT = re.compile(r"[ \t]?[·*xX×][ \t]?1[2-9][ \t]?(?:薪|个月)?(?!\d)")
# The numbers (and a range between them) that end right before a trailing sign or "k".
_NUMBERS_BEFORE = re.compile(
    rf"(?<![\d.,])(?:{_CUR_BEFORE}[ \t]?)?\d[\d,.'’ \u00a0]*(?:[ \t]?{_MULT})?(?:{_SEP}(?:{_CUR_BEFORE}[ \t]?)?\d[\d,.'’ \u00a0]*)?[ \t]?$"
)
_GRADE_RANGE_TAIL = re.compile(
    rf"[ \t]+(?:to|-|–)[ \t]+(?:GS-\d{{1,2}},?[ \t]+)?(?:[Ss]tep[ \t]+\d{{1,2}},?[ \t]*[-–:]?[ \t]*)(?P<second>{_CUR_BEFORE}[ \t]?{_NUM})"
)
_UP_TO = re.compile(r"(?:up to|upto|最高|不超过)[ \t:]*$|\bmax(?:imum)?\b[^$€£¥\d\n]{0,55}$")
_FROM = re.compile(r"(?:from|starting at|starting|at least|min(?:imum)?|起)[ \t:]*$")
_BIG = frozenset({"m", "mm", "mn", "b", "bn", "million", "billion"})
_SCALE = {"k": 1e3, "千": 1e3, "万": 1e4, "萬": 1e4, "w": 1e4, "lpa": 1e5, "lakh": 1e5, "lakhs": 1e5}
_CUR_NEAR = re.compile(r"[ \t]{0,3}[(/（]?[ \t]?(USDT|USD|EUR|GBP|CAD|AUD|RMB|CNY|SEK|CHF|INR|JPY|人民币|美元|港币|港元|元)")
_CODES = {
    "$": "USD", "us$": "USD", "usd$": "USD", "u.s.$": "USD", "usd": "USD", "dollars": "USD", "dollar": "USD",
    "美元": "USD", "美金": "USD", "c$": "CAD", "ca$": "CAD", "cad": "CAD", "a$": "AUD",
    "au$": "AUD", "aud": "AUD", "nz$": "NZD", "nzd": "NZD", "s$": "SGD", "sgd": "SGD",
    "hk$": "HKD", "hkd": "HKD", "€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR",
    "欧元": "EUR", "£": "GBP", "gbp": "GBP", "英镑": "GBP", "cn¥": "CNY", "rmb": "CNY",
    "cny": "CNY", "元": "CNY", "块": "CNY", "人民币": "CNY", "¥": "¥", "￥": "¥", "jpy": "JPY",
    "円": "JPY", "sek": "SEK", "kr": "SEK", "kr.": "SEK", "kronor": "SEK", "nok": "NOK",
    "dkk": "DKK", "chf": "CHF", "inr": "INR", "₹": "INR", "rs": "INR", "rs.": "INR",
    "pln": "PLN", "港币": "HKD", "港元": "HKD", "usdt": "USDT", "usdc": "USDC", "u": "USDT",
}


def _money_at_number(text: str, digit: int) -> re.Match[str] | None:
    """The money expression whose first number starts at `digit` (a code may come first)."""
    lo = digit
    while lo > 0 and digit - lo < 5 and (text[lo - 1] in _PREFIX_CHARS or text[lo - 1].isupper()):
        lo -= 1  # "USD 60", "CHF 120,000", "US$ 5"
    while lo < digit and text[lo] in " \t.":
        lo += 1
    for start in (lo, digit) if lo < digit else (digit,):
        match = _MONEY.match(text, start)
        if match and match.end() > digit:
            return match
    return None


_PREFIX_CHARS = frozenset("$€£¥￥₹. \t")


def _money_around(text: str, pos: int) -> re.Match[str] | None:
    """The money expression that holds the anchor (a currency sign or a "k") at `pos`."""
    lo = pos
    while lo > 0 and pos - lo < 3 and text[lo - 1].isupper():
        lo -= 1  # "US$", "CA$", "HK$"
    match = _MONEY.match(text, lo)
    if match and match.end() > pos:
        return match
    if pos and (text[pos - 1].isdigit() or text[pos - 2 : pos - 1].isdigit()):
        # The sign follows the number ("55.000 €", "5000元") or ends a range ("40-50k").
        run = _NUMBERS_BEFORE.search(text, max(0, pos - 40), pos)
        if run:
            match = _MONEY.match(text, run.start())
            if match and match.end() > pos:
                return match
    return None


def _parse_amounts(doc: _Doc, start: int, end: int) -> list[tuple[float, str, str | None]] | None:
    """(value, multiplier, currency) for each amount, or None for money that is not pay."""
    amounts = []
    for part in _AMOUNT.finditer(doc.text, start, end):
        value = _number(part.group("num"))
        if value is None:
            return None
        mult = (part.group("mult") or "").lower()
        if mult in _BIG or (mult == "w" and not doc.chinese):
            return None  # "$40M Series B", "$2B company"
        if value == 401 and mult == "k":
            return None  # 401(k)
        code = part.group("cur1") or part.group("cur2")
        amounts.append((value, mult, _CODES.get(code.strip().lower().replace(" ", "")) if code else None))
    if not amounts or len(amounts) > 2:
        return None
    step_number = len(amounts) == 2 and not amounts[0][1] and not amounts[0][2] and amounts[1][2]
    if step_number and amounts[1][0] > 100 * max(amounts[0][0], 1) and not amounts[1][1]:
        return None  # "Step 1 - $108,885": a step number, not the low end of a range
    return amounts


def _period_before(low: str, start: int, end: int) -> str | None:
    """ "hourly rate of $45", "年薪 50万": a period named just before the amount."""
    window = low[start:end]
    if not any(word in window for word in _PERIOD_HINTS):
        return None
    found = None
    for match in _PERIOD_BEFORE.finditer(window):  # the last one: nearest the amount
        found = match
    return found.lastgroup if found else None


def _period_after(text: str, end: int) -> tuple[str | None, int]:
    match = _PERIOD_AFTER.match(text, end)
    if not match:
        return None, end
    if match.group("unit"):
        unit = match.group("unit").lower()
        if unit in _SHORT_UNITS and match.group("lead") != "/":
            return None, end
    else:
        unit = (match.group("adverb") or match.group("zh") or "").lower()
    period = _UNITS.get(unit)
    if period is None:
        return None, end
    stop = match.end()
    if text[stop - 1] == ")" and "(" not in text[end:stop]:
        stop -= 1
    return period, stop


def _number(raw: str) -> float | None:
    raw = raw.replace(" ", "").replace("\u00a0", "").replace("\u202f", "").replace("'", "").replace("’", "")
    if "," in raw and "." in raw:
        if raw.rfind(",") > raw.rfind("."):
            raw = raw.replace(".", "").replace(",", ".")  # "55.000,00"
        else:
            raw = raw.replace(",", "")
    elif "," in raw or "." in raw:
        sep = "," if "," in raw else "."
        groups = raw.split(sep)
        if len(groups) > 2 or len(groups[-1]) == 3:
            raw = raw.replace(sep, "")  # a thousands separator: "55.000", "120,000"
        else:
            raw = raw.replace(",", ".")
    try:
        return float(raw)
    except ValueError:
        return None


def _bounds(amounts, lead: str) -> tuple[float | None, float | None]:
    shared = next((a[1] for a in reversed(amounts) if a[1]), "")
    values = []
    for i, (value, mult, _) in enumerate(amounts):
        if not mult and i == 0 and len(amounts) == 2:
            mult = shared  # "40-50k", "1.5-2万"
        values.append(value * _SCALE.get(mult, 1.0))
    if len(values) == 2:
        low, high = values
        if low < 1000 <= high and high / max(low, 1) > 100:
            low *= 1000  # "$150-$175,000"
        return (low, high) if low <= high else (high, low)
    value = values[0]
    if _UP_TO.search(lead):
        return None, value
    if _FROM.search(lead):
        return value, None
    return value, value
