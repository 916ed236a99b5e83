"""The facts a candidate looks for first: pay, place, remote policy, employment type.

Each detector is a handful of regular expressions compiled at import and run once over
the whole text; the Python that follows only looks at the few matches. A missing fact
becomes a finding downstream, and a wrong one hides that finding, so every detector
prefers saying nothing to guessing: a match must be backed by a label ("Salary:"), a
section, or a nearby word that says what the number or place is for.

Case-insensitive matching runs on a lower-cased copy of the text (the same length, so
offsets carry over), because case-sensitive patterns are much faster in `re`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .model import Facts, Line, Location, Salary, Section

__all__ = [
    "detect_facts",
    "detect_salary",
    "detect_location",
    "detect_remote",
    "detect_employment_type",
]


def detect_facts(text: str, lines: list[Line], sections: list[Section]) -> Facts:
    low = _lower(text)
    return Facts(
        salary=detect_salary(text, lines, sections, _low=low),
        location=detect_location(text, lines, sections, _low=low),
        remote=detect_remote(text, lines, sections, _low=low),
        employment_type=detect_employment_type(text, lines, sections, _low=low),
    )


# ---------------------------------------------------------------------------------------
# Shared helpers
# ---------------------------------------------------------------------------------------

_CJK = re.compile(r"[\u4e00-\u9fff]")


def _lower(text: str) -> str:
    # U+0130 is the only code point whose lower case is two characters long.
    return text.replace("\u0130", "I").lower()


def _is_chinese(text: str) -> bool:
    return len(_CJK.findall(text, 0, 4000)) >= 20


def _line_span(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end == -1 else end


def _section_kind(sections: Sequence[Section], pos: int) -> str | None:
    for section in sections:
        if section.start <= pos < section.end:
            return section.kind
    return None


def _title_span(text: str, lines: Sequence[Line]) -> tuple[int, int]:
    """The first non-blank line: a posting's title, or an HN comment's header line."""
    for line in lines:
        if line.kind != "blank":
            return line.body_start, line.end
    match = _FIRST_LINE.search(text)
    return (match.start(), match.end()) if match else (0, 0)


_FIRST_LINE = re.compile(r"\S[^\n]*")

# "Label: value" lines, in the forms postings use: `Location: X`, `**Location:** X`,
# `- **Location**: X`, `> Salary: X`, `### Location: X`, `工作地点：X`.
_FIELD_LEAD = r"^[ \t]*(?:[-*•>+][ \t]*|#{1,6}[ \t]*)?(?:\*\*|__)?[ \t]*"
_FIELD_TAIL = r"[ \t]*(?:\*\*|__)?[ \t]*[:：][ \t]*(?:\*\*|__)?[ \t]*(?P<value>[^\n]*)"


def _field_regex(labels: str) -> re.Pattern[str]:
    return re.compile(_FIELD_LEAD + r"(?P<label>" + labels + r")" + _FIELD_TAIL, re.M)


def _clean_value(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim markup and punctuation off a field value's edges, keeping exact offsets."""
    while start < end and text[start] in " \t*_>\"'":
        start += 1
    while end > start and text[end - 1] in " \t*_.,;:|\"'":
        end -= 1
    return start, end


# ---------------------------------------------------------------------------------------
# Salary
# ---------------------------------------------------------------------------------------

_CUR_BEFORE = (
    r"(?:US\$|U\.S\.\s?\$|USD|C\$|CA\$|CAD|A\$|AU\$|AUD|NZ\$|NZD|S\$|SGD|HK\$|HKD|\$|€|EUR"
    r"|£|GBP|CN¥|RMB|CNY|¥|￥|JPY|SEK|NOK|DKK|CHF|INR|₹|Rs\.?|PLN)"
)
_CUR_AFTER = (
    r"(?:USDT|USDC|USD|EUR|GBP|CAD|AUD|NZD|SGD|HKD|CHF|SEK|NOK|DKK|JPY|CNY|RMB|INR|PLN"
    r"|U(?![A-Za-z])|kr\b\.?|kronor|SEK|€|£|元|块|美元|美金|人民币|欧元|英镑|円|[Ee]uros?\b"
    r"|[Dd]ollars\b)"
)
_MULT = r"(?:[kK](?![A-Za-z])|千|万|萬|[wW](?![A-Za-z])|[mM]{1,2}(?![A-Za-z])|mn\b|[bB]n?(?![A-Za-z])|[Mm]illion|[Bb]illion|LPA\b|[Ll]akhs?\b)"
_NUM = r"(?:\d{1,3}(?:(?:,|\.|[ \u00a0\u202f](?=\d{3}(?!\d)))\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?)(?![\d,.]\d)"
_ANY_AMOUNT = rf"(?:{_CUR_BEFORE}\s?)?{_NUM}(?:\s?{_MULT})?(?:\s?{_CUR_AFTER})?"
_MARKED_AMOUNT = (
    rf"(?:{_CUR_BEFORE}\s?{_NUM}(?:\s?{_MULT})?(?:\s?{_CUR_AFTER})?"
    rf"|{_NUM}\s?{_MULT}(?:\s?{_CUR_AFTER})?|{_NUM}\s?{_CUR_AFTER})"
)
_SEP = r"\s?(?:-|–|—|−|~|～|〜|－|至|到|\s(?:to|and|bis|till|à|au)\s)\s?"
_TIGHT_SEP = r"\s?(?:-|–|—|−|~|～|〜|－|至|到)\s?"
# One amount with a currency or a multiplier, and optionally a second one either side.
_MONEY = re.compile(
    rf"(?<![\w.,$€£¥/#-])(?:{_NUM}(?:\s?{_MULT})?{_TIGHT_SEP}|{_ANY_AMOUNT}{_SEP})?"
    rf"{_MARKED_AMOUNT}(?:{_SEP}{_ANY_AMOUNT})?"
)
# A labelled range with no currency at all ("Salary: 40000-50000").
_BARE_FIELD = re.compile(
    r"^[ \t]*(?:[-*>][ \t]*)?(?:\*\*)?(?:salary|pay|compensation|wage|lön|薪资|薪水|薪酬|月薪|年薪|待遇)"
    r"(?: range)?(?:\*\*)?[ \t]*[:：][ \t]*(?:\*\*)?[ \t]*(?P<amount>\d[\d,. ]*(?:-|–|~|to)\s?\d[\d,. ]*\d)",
    re.M | re.I,
)
_AMOUNT_PARTS = re.compile(
    rf"(?P<cur1>{_CUR_BEFORE})?\s?(?P<num>{_NUM})(?:\s?(?P<mult>{_MULT}))?(?:\s?(?P<cur2>{_CUR_AFTER}))?"
)

_PERIOD_AFTER = re.compile(
    r"[ \t]?\(?(?:(?:/|per\b|a\b|an\b|each\b|every\b|pro\b|i\b|om\b|)[ \t]?"
    r"(?P<word>years?|yr|y|annum|annual(?:ly)?|yearly|p\.?a\b\.?|pa\b|år(?:et)?|jahr|jährlich"
    r"|months?|mo|mth|monthly|månad(?:en)?|mån|monat(?:lich)?|m(?![a-zäöå])"
    r"|weeks?|wk|weekly|vecka|woche"
    r"|days?|daily|dag|tag|d(?![a-zäöå])"
    r"|hours?|hourly|hr|h(?![a-zäöå])|timme[n]?|tim|stunde|std)"
    r"|[ \t]?/?[ \t]?(?P<zh>年|月|周|天|日|小时|时))\)?",
    re.I,
)
_PERIOD_WORDS = {
    "year": "year", "years": "year", "yr": "year", "y": "year", "annum": "year", "annual": "year",
    "annually": "year", "yearly": "year", "pa": "year", "p.a": "year", "p.a.": "year", "pa.": "year",
    "år": "year", "året": "year", "jahr": "year", "jährlich": "year",
    "month": "month", "months": "month", "mo": "month", "mth": "month", "monthly": "month",
    "månad": "month", "månaden": "month", "mån": "month", "monat": "month", "monatlich": "month",
    "m": "month",
    "week": "week", "weeks": "week", "wk": "week", "weekly": "week", "vecka": "week", "woche": "week",
    "day": "day", "days": "day", "daily": "day", "dag": "day", "tag": "day", "d": "day",
    "hour": "hour", "hours": "hour", "hourly": "hour", "hr": "hour", "h": "hour", "timme": "hour",
    "timmen": "hour", "tim": "hour", "stunde": "hour", "std": "hour",
    "年": "year", "月": "month", "周": "week", "天": "day", "日": "day", "小时": "hour", "时": "hour",
}
# Period words that only count straight after a "/" or "per" ("60/h", not "60 h").
_SHORT_PERIODS = frozenset({"y", "m", "d", "h", "mo", "pa", "a"})
_PERIOD_BEFORE = re.compile(
    r"(?P<year>annual|yearly|per year|per annum|年薪|年包|årslön|jahresgehalt)"
    r"|(?P<month>monthly|per month|月薪|月收入|månadslön|monatsgehalt)"
    r"|(?P<week>weekly)|(?P<day>daily|day rate|日薪)"
    r"|(?P<hour>hourly|per hour|时薪|timlön|stundenlohn)"
)
_MONTHS_SUFFIX = re.compile(r"[ \t]?[·*xX×][ \t]?1[2-9][ \t]?(?:薪|个月)?(?![\d])")
_PLUS_SUFFIX = re.compile(r"\+")

_STRONG_PAY = re.compile(
    r"salar|compensation|\bwages?\b|remunerat|\bote\b|\bpay (?:range|rate|band|scale|grade)"
    r"|base pay|\bpay:|gehalt|brutto|lön|salaire|rémunération|薪|待遇|工资|报酬|\bstipend\b"
)
_WEAK_PAY = re.compile(
    r"\bpay\b|\bpays\b|\bpaid\b|\bpaying\b|\bearn|\bincome\b|\brate\b|\brange\b|\bbase\b"
    r"|\bpackage\b|\btc\b|\bday rate|\bper (?:hour|year|annum|month)"
)
_NOT_PAY = re.compile(
    r"rais(?:e|ed|ing)\b|fund|series [a-f]\b|\bseed\b|\bround\b|revenue|valuation|valued"
    r"|invest|\barr\b|run[- ]rate|\btam\b|market cap|worth|budget|allowance|bonus|referr"
    r"|reward|credit|grant|donat|\bcost|price|spend|\bsales\b|\bgmv\b|profit|loan|financ"
    r"|capital|\baum\b|assets|\bfees?\b|prize|discount|reimburs|relocation|gym|\bfood\b"
    r"|\btravel\b|sign[- ]on|signing|equipment|learning|training|conference|insurance"
    r"|contribut|401|\bbacked\b|\bbook(?:ing)?s\b|customers|users|\bdeals?\b|\bcontracts\b"
)
_STIPEND = re.compile(r"\bstipend")
_BIG_MULT = frozenset({"m", "mm", "mn", "b", "bn", "million", "billion"})
_CNY_HINT = re.compile(r"rmb|cny|人民币|元|块")
_CAD_HINT = re.compile(r"\bcad\b|c\$|ca\$|canadian dollar")
_AUD_HINT = re.compile(r"\baud\b|a\$|au\$|australian dollar")


def detect_salary(
    text: str,
    lines: Sequence[Line] = (),
    sections: Sequence[Section] = (),
    *,
    _low: str | None = None,
) -> Salary | None:
    """The stated pay, or None. Funding rounds, stipends and prices lose to pay words."""
    low = _lower(text) if _low is None else _low
    chinese = _is_chinese(text)
    best: tuple[int, int, Salary] | None = None
    for match in _MONEY.finditer(text):
        found = _score_money(text, low, match.start(), match.end(), sections, chinese)
        if found and (best is None or found[0] > best[0]):
            best = (found[0], match.start(), found[1])
    for match in _BARE_FIELD.finditer(text):
        if best is not None and best[0] >= 8:
            break
        found = _score_money(text, low, match.start("amount"), match.end("amount"), sections, chinese)
        if found and (best is None or found[0] > best[0]):
            best = (found[0], match.start(), found[1])
    return best[2] if best else None


def _score_money(
    text: str, low: str, start: int, end: int, sections: Sequence[Section], chinese: bool
) -> tuple[int, Salary] | None:
    amounts = [_parse_amount(m) for m in _AMOUNT_PARTS.finditer(text, start, end)]
    amounts = [a for a in amounts if a is not None]
    if not amounts or len(amounts) > 2:
        return None
    mults = {a[1] for a in amounts}
    if mults & _BIG_MULT:
        return None  # "$40M Series B", "$2B company": nobody's salary
    if any(a[0] == 401 and a[1] == "k" for a in amounts):
        return None  # 401(k)
    currency = next((a[2] for a in amounts if a[2]), None)
    has_mult = any(a[1] for a in amounts)

    # Extend over a period ("/hr", "per year", "/月") and "·14薪"-style month counts.
    period = None
    explicit_period = False
    tail = _MONTHS_SUFFIX.match(text, end)
    if tail:
        end = tail.end()
    tail = _PERIOD_AFTER.match(text, end)
    if tail:
        word = (tail.group("word") or tail.group("zh") or "").lower()
        joined = tail.group(0).lstrip(" \t(")
        short_ok = joined[:1] == "/" or joined[:3].lower() in ("per", "pro")
        if word and (word not in _SHORT_PERIODS or short_ok or word in ("pa", "p.a", "p.a.")):
            period = _PERIOD_WORDS.get(word.rstrip("."))
            if period:
                explicit_period = True
                end = tail.end()
                if text[end - 1] == ")" and "(" not in text[start:end]:
                    end -= 1
        if not explicit_period and tail.group("zh"):
            period = _PERIOD_WORDS[tail.group("zh")]
            explicit_period = True
            end = tail.end()
    plus = _PLUS_SUFFIX.match(text, end)
    if plus:
        end = plus.end()
    if currency is None:
        currency = _currency_after(text, end)

    line_start, line_end = _line_span(text, start)
    before = low[max(0, start - 150) : start]
    near_before = low[max(line_start, start - 40) : start]
    after = low[end : min(len(low), end + 40)]
    soon_after = low[end : min(line_end, end + 25)]
    if not explicit_period:
        hint = None
        for hint in _PERIOD_BEFORE.finditer(low, max(line_start, start - 40), start):
            pass
        if hint:
            period = hint.lastgroup
            explicit_period = True

    score = 0
    is_range = len(amounts) == 2
    score += 2 if is_range else 0
    score += 1 if currency else 0
    score += 2 if explicit_period else 0
    strong = _STRONG_PAY.search(before) or _STRONG_PAY.search(after)
    if strong and not (_STIPEND.search(before + after) and not _STRONG_PAY.search(
        (before + after).replace("stipend", ""))):
        score += 4
    elif _WEAK_PAY.search(before) or _WEAK_PAY.search(soon_after):
        score += 2
    else:
        strong = None
    if _section_kind(sections, start) == "compensation":
        score += 3
    if _NOT_PAY.search(near_before) or _NOT_PAY.search(soon_after):
        score -= 6
    if chinese and (has_mult or currency in ("CNY", "USDT", "USD")):
        score += 2

    low_amount, high_amount = _bounds(amounts, low[max(line_start, start - 25) : start])
    top = high_amount if high_amount is not None else low_amount
    if top is None or top <= 0:
        return None
    sized = top >= 20_000 if not chinese else top >= 3_000
    if is_range and sized:
        score += 1
    if not (currency or strong or chinese or _section_kind(sections, start) == "compensation"):
        return None
    if not has_mult and not currency and not explicit_period and top < 1000:
        return None
    if not explicit_period and top < 1000 and not has_mult and not is_range:
        return None  # "$500", "$300 if we hire your friend"
    if score < 4:
        return None

    currency = _resolve_currency(currency, low, start, end, chinese)
    if not explicit_period:
        period = _default_period(top, amounts, chinese, currency)
    value = Salary(text[start:end], low_amount, high_amount, currency, period, start, end)
    return score, value


def _parse_amount(match: re.Match[str]) -> tuple[float, str, str | None] | None:
    value = _number(match.group("num"))
    if value is None:
        return None
    mult = (match.group("mult") or "").lower()
    currency = _currency_code(match.group("cur1") or match.group("cur2") or "")
    return value, mult, currency


def _number(raw: str) -> float | None:
    raw = raw.replace(" ", "").replace("\u00a0", "").replace("\u202f", "")
    if "," in raw and "." in raw:
        decimal = "," if raw.rfind(",") > raw.rfind(".") else "."
        raw = raw.replace("." if decimal == "," else ",", "").replace(",", ".")
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


_MULT_VALUES = {"k": 1e3, "千": 1e3, "万": 1e4, "萬": 1e4, "w": 1e4, "lpa": 1e5, "lakh": 1e5, "lakhs": 1e5}


def _bounds(amounts, lead: str) -> tuple[float | None, float | None]:
    values = []
    shared = next((a[1] for a in reversed(amounts) if a[1]), "")
    for i, (value, mult, _) in enumerate(amounts):
        if not mult and shared and len(amounts) == 2 and i == 0:
            mult = shared  # "40-50k", "1.5-2万"
        values.append(value * _MULT_VALUES.get(mult, 1.0))
    if len(values) == 2:
        low, high = values
        if low < 1000 <= high and high / max(low, 1) > 100:
            low *= 1000  # "$150-$175,000"
        return (low, high) if low <= high else (high, low)
    (value,) = values
    if re.search(r"(?:up to|upto|max(?:imum)?|最高|不超过)\s*$", lead):
        return None, value
    if re.search(r"(?:from|starting at|starting|at least|min(?:imum)?|起)\s*$", lead):
        return value, None
    return value, value


_CODES = {
    "$": "USD", "us$": "USD", "u.s.$": "USD", "usd": "USD", "dollars": "USD", "dollar": "USD",
    "美元": "USD", "美金": "USD",
    "c$": "CAD", "ca$": "CAD", "cad": "CAD", "a$": "AUD", "au$": "AUD", "aud": "AUD",
    "nz$": "NZD", "nzd": "NZD", "s$": "SGD", "sgd": "SGD", "hk$": "HKD", "hkd": "HKD",
    "€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR", "欧元": "EUR",
    "£": "GBP", "gbp": "GBP", "英镑": "GBP",
    "cn¥": "CNY", "rmb": "CNY", "cny": "CNY", "元": "CNY", "块": "CNY", "人民币": "CNY",
    "¥": "¥", "￥": "¥", "jpy": "JPY", "円": "JPY",
    "sek": "SEK", "kr": "SEK", "kr.": "SEK", "kronor": "SEK", "nok": "NOK", "dkk": "DKK",
    "chf": "CHF", "inr": "INR", "₹": "INR", "rs": "INR", "rs.": "INR", "pln": "PLN",
    "usdt": "USDT", "usdc": "USDC", "u": "USDT",
}


def _currency_code(raw: str) -> str | None:
    raw = raw.strip().lower().replace(" ", "")
    return _CODES.get(raw) if raw else None


_CUR_NEAR = re.compile(r"[ \t]{0,3}[(/]?[ \t]?(USDT|USD|EUR|GBP|CAD|AUD|RMB|CNY|SEK|CHF|INR|JPY|人民币|美元|元)")


def _currency_after(text: str, end: int) -> str | None:
    match = _CUR_NEAR.match(text, end)
    return _currency_code(match.group(1)) if match else None


def _resolve_currency(currency: str | None, low: str, start: int, end: int, chinese: bool) -> str | None:
    """Settle the symbols that several currencies share."""
    if currency == "¥":
        return "CNY" if chinese else "JPY"
    if currency == "USD" and "$" in low[start:end] and not re.search(r"us\$|usd", low[start:end]):
        window = low[max(0, start - 60) : end + 40]
        if _CAD_HINT.search(window):
            return "CAD"
        if _AUD_HINT.search(window):
            return "AUD"
    if currency is None and chinese:
        return "CNY"  # Chinese postings quote bare "20-35K" in yuan by convention
    return currency


def _default_period(top: float, amounts, chinese: bool, currency: str | None) -> str | None:
    """The period nobody wrote down, where convention leaves no doubt."""
    if chinese:
        if any(a[1] in ("万", "萬", "w") for a in amounts) and top >= 300_000:
            return "year"
        return "month" if top < 300_000 else "year"
    if currency == "SEK" and top < 100_000:
        return "month"
    if top >= 20_000:
        return "year"
    return None


# ---------------------------------------------------------------------------------------
# Location
# ---------------------------------------------------------------------------------------

_LOCATION_FIELD = _field_regex(
    r"(?i:(?:job |work |office |primary |duty |employee )?locations?|work ?place location"
    r"|place of work|based in|base|city|municipality|kommun|ort|arbetsort|placeringsort"
    r"|standort|arbeitsort|einsatzort|lieu(?: de travail)?|where)"
    r"|工作地点|办公地点|工作城市|地点|城市|坐标|base地"
)
_US_STATES = (
    "AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ"
    "|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|ON|BC|QC|AB|MB|NS|NB|NL|PE|SK"
)
_COUNTRIES = (
    "UK|U\\.K\\.|United Kingdom|England|Scotland|Wales|Ireland|Germany|France|Netherlands|the Netherlands"
    "|Spain|Portugal|Italy|Sweden|Norway|Denmark|Finland|Poland|Switzerland|Austria|Belgium|Czechia"
    "|Czech Republic|Canada|USA|U\\.S\\.A\\.|US|U\\.S\\.|United States|Australia|New Zealand|India"
    "|Singapore|Japan|China|Israel|Brazil|Mexico|Argentina|Estonia|Latvia|Lithuania|Ukraine|Romania"
    "|Hungary|Greece|Turkey|UAE|South Africa|Nigeria|Kenya|Egypt|Vietnam|Philippines|Indonesia"
    "|Malaysia|Thailand|South Korea|Korea|Taiwan|Hong Kong|Luxembourg|Iceland|Croatia|Serbia"
    "|Bulgaria|Slovakia|Slovenia|Cyprus|Malta|Chile|Colombia|Peru|Uruguay|Costa Rica|Europe"
)
_REGIONS = (
    _COUNTRIES + "|EU|EMEA|APAC|LATAM|Americas|North America|South America|Latin America|Asia"
    "|Worldwide|worldwide|Global|global|Anywhere|anywhere|Africa|Middle East|Nordics|Scandinavia"
    "|(?:UTC|GMT|CET|CEST|EST|PST|ET|PT|CT)(?:\\s?[+±-]\\s?\\d{1,2})?"
)
_CITIES = (
    "San Francisco|SF|Bay Area|Silicon Valley|New York(?: City)?|NYC|Los Angeles|LA|Seattle|Boston"
    "|Austin|Chicago|Denver|Boulder|Portland|Palo Alto|Mountain View|Menlo Park|Sunnyvale|San Jose"
    "|San Mateo|Redwood City|Berkeley|Oakland|Santa Monica|San Diego|Washington,? D\\.?C\\.?|DC"
    "|Atlanta|Miami|Philadelphia|Pittsburgh|Baltimore|Minneapolis|Detroit|Ann Arbor|Nashville"
    "|Dallas|Houston|Salt Lake City|Phoenix|Raleigh|Durham|Toronto|Vancouver|Montreal|Ottawa"
    "|Waterloo|London|Cambridge|Oxford|Manchester|Edinburgh|Bristol|Dublin|Berlin|Munich|München"
    "|Hamburg|Frankfurt|Cologne|Köln|Paris|Amsterdam|Rotterdam|Utrecht|Brussels|Zurich|Zürich"
    "|Geneva|Vienna|Stockholm|Gothenburg|Göteborg|Malmö|Oslo|Copenhagen|Helsinki|Tallinn|Riga"
    "|Warsaw|Krakow|Kraków|Prague|Budapest|Barcelona|Madrid|Lisbon|Porto|Milan|Rome|Athens"
    "|Tel Aviv|Bangalore|Bengaluru|Mumbai|Delhi|Pune|Hyderabad|Singapore|Tokyo|Sydney|Melbourne"
    "|Auckland|Hong Kong|Shanghai|Beijing|Shenzhen|Taipei|Seoul|Dubai|São Paulo|Buenos Aires"
    "|Mexico City|Cape Town|Lagos|Nairobi"
)
_CN_CITIES = (
    "北京|上海|深圳|广州|杭州|成都|南京|武汉|西安|苏州|厦门|重庆|天津|长沙|合肥|珠海|香港|台北|新加坡"
    "|迪拜|东京|大连|青岛|济南|郑州|福州|无锡|宁波|佛山|东莞|昆明|海口|三亚|澳门|吉隆坡|马来西亚|首尔"
)
_WORD = r"[A-Z][A-Za-zÀ-ÖØ-öø-ÿ'.-]*[A-Za-zÀ-ÖØ-öø-ÿ.]"
_PLACE = rf"{_WORD}(?:[ -](?:{_WORD}|de|del|am|upon|on|sur))*?(?:,[ \t]?{_WORD}(?: {_WORD})?){{0,2}}"

# Sentences that name the place of work, each with the place in group "place".
_LOCATION_CUES = [
    re.compile(
        rf"\b(?:[Bb]ased|[Ll]ocated|[Ss]ituated) (?:in|out of) (?:the |downtown |central |beautiful |sunny |vibrant |historic )?(?P<place>{_PLACE})"
    ),
    re.compile(
        rf"\b(?:in|at|from|to) our (?:new |beautiful |brand[- ]new |downtown |central |main )?(?P<place>{_PLACE}) (?:office|offices|HQ|headquarters|studio|campus|hub)\b"
    ),
    re.compile(
        rf"\b(?:office|offices|studio|campus) (?:is |are )?(?:in|at) (?:the |downtown |central )?(?P<place>{_PLACE})"
    ),
    re.compile(rf"\b(?:[Rr]emote|REMOTE)[ \t]?(?:\(|-|–|—|,|:|/|\bin\b|\bwithin\b)[ \t]?(?:the )?(?P<place>(?:{_REGIONS})\b[^)\n]{{0,40}}?)(?=\)|[.;\n]|$)"),
    re.compile(rf"\b(?:[Aa]nywhere|ANYWHERE) (?:in|within|across) (?:the )?(?P<place>(?:{_REGIONS}|{_WORD})(?: {_WORD})?)"),
    re.compile(rf"\b(?:[Rr]elocate|[Rr]elocation|[Cc]ommut\w*|[Ww]ork on[- ]?site|[Ww]ork onsite) (?:to|in) (?:the )?(?P<place>{_PLACE})"),
]
_CITY_STATE = re.compile(
    rf"(?P<place>(?<![\w-])(?:[A-Z][a-z]+\.?(?:[ '-][A-Z][a-z]+){{0,3}}),[ \t]?(?:{_US_STATES})\b(?![a-z.-]))"
)
_CITY_COUNTRY = re.compile(
    rf"(?P<place>(?<![\w-])[A-Z][a-zà-öø-ÿ]+(?:[ -][A-Z][a-zà-öø-ÿ]+){{0,2}},[ \t]?(?:{_COUNTRIES})\b(?![a-z]))"
)
_KNOWN_CITY = re.compile(rf"(?<![\w-])(?P<place>(?:{_CITIES}))(?![\w-])")
_CN_PLACE = re.compile(rf"(?P<place>(?:{_CN_CITIES})(?:[/、，,|｜ ]?(?:{_CN_CITIES}))*)")
_CN_CUE = re.compile(rf"(?:base|Base|BASE|坐标|地点|城市|位于|地址|办公|工作地)[ \t]*[:：在为于]?[ \t]*(?P<place>(?:{_CN_CITIES})(?:[/、，,|｜ ]?(?:{_CN_CITIES}))*)")
# Words before a place that make it the company's story, not the job's address.
_NOT_WORKPLACE = re.compile(
    r"(?:founded|headquartered|incorporated|born|started|acquired|raised|grew up|studied|applicants|residents|"
    r"privacy|notice|ccpa|cpra|hq|headquarters)\W*(?:\w+\W+){0,3}$"
)
_NOT_LOCATION_LINE = re.compile(r"^\W*(?:headquarters|hq|founded|company address|revenue|size)\b", re.I)
_REMOTE_ONLY = re.compile(
    r"^(?:\W|remote|fully|100%|only|ok|yes|work|from|home|wfh|distributed|first|friendly|"
    r"远程|办公|全职|可|支持)*$",
    re.I,
)
_PLACEHOLDER = re.compile(r"\{\{|\{%|<phone>|<email>|^\W*(?:n/?a|tbd|tba|none|various|multiple(?: locations)?|see (?:below|description))\W*$", re.I)
_SENTENCE_START = re.compile(r"^(?:we|you|our|this|the|as|in|if|at|a|an|i)\b", re.I)


def detect_location(
    text: str,
    lines: Sequence[Line] = (),
    sections: Sequence[Section] = (),
    *,
    _low: str | None = None,
) -> Location | None:
    """The stated place of work, or None. Bare "Remote" names no place."""
    for finder in (_location_from_field, _location_from_section, _location_from_cues,
                   _location_from_title, _location_from_patterns):
        found = finder(text, lines, sections)
        if found:
            return found
    return None


def _location(text: str, start: int, end: int) -> Location | None:
    start, end = _clean_value(text, start, end)
    while end > start and text[end - 1] in "([{" :
        end -= 1
    start, end = _clean_value(text, start, end)
    if end - start < 2:
        return None
    value = text[start:end]
    if _PLACEHOLDER.search(value) or _REMOTE_ONLY.match(value):
        return None
    return Location(value, start, end)


def _location_from_field(text, lines, sections) -> Location | None:
    for match in _LOCATION_FIELD.finditer(text):
        start, end = match.span("value")
        if end - start > 100:
            stop = re.search(r"[.;]\s|\s{2,}", text[start:end])
            end = start + stop.start() if stop else start + 100
        found = _location(text, start, end)
        if found:
            return found
    return None


def _location_from_section(text, lines, sections) -> Location | None:
    for section in sections:
        if section.kind != "location":
            continue
        first = section.first_line + (1 if section.heading is not None else 0)
        for line in lines[first : section.last_line]:
            if line.kind == "blank":
                continue
            body = text[line.body_start : line.end]
            for cue in _LOCATION_CUES:
                match = cue.search(text, line.body_start, line.end)
                if match:
                    found = _location(text, *match.span("place"))
                    if found:
                        return found
            words = body.split()
            if (len(body) <= 70 and len(words) <= 10 and not body.rstrip().endswith(".")
                    and not _SENTENCE_START.match(body) and (body[:1].isupper() or _CJK.match(body))):
                return _location(text, line.body_start, line.end)
            break
    return None


def _location_from_cues(text, lines, sections) -> Location | None:
    best = None
    for cue in _LOCATION_CUES:
        for match in cue.finditer(text):
            start = match.start()
            if _NOT_WORKPLACE.search(text[max(0, start - 40) : start].lower()):
                continue
            if _section_kind(sections, start) in ("eeo_statement", "accommodation_statement"):
                continue
            found = _location(text, *match.span("place"))
            if found and (best is None or found.start < best.start):
                best = found
            break
    if best is None:
        match = _CN_CUE.search(text)
        if match:
            best = _location(text, *match.span("place"))
    return best


def _location_from_title(text, lines, sections) -> Location | None:
    """HN header lines ("Acme | Berlin | Full-time") and bracketed Chinese titles."""
    start, end = _title_span(text, lines)
    for pattern in (_CITY_STATE, _CITY_COUNTRY, _KNOWN_CITY, _CN_PLACE):
        match = pattern.search(text, start, end)
        if match:
            return _location(text, *match.span("place"))
    return None


def _location_from_patterns(text, lines, sections) -> Location | None:
    """"City, ST" and "City, Country" anywhere, unless they tell the company's history."""
    best = None
    for pattern in (_CITY_STATE, _CITY_COUNTRY):
        for match in pattern.finditer(text):
            start = match.start()
            if best is not None and start >= best.start:
                break
            line_start, _ = _line_span(text, start)
            if _NOT_LOCATION_LINE.match(text, line_start):
                continue
            if _NOT_WORKPLACE.search(text[max(0, start - 40) : start].lower()):
                continue
            if _section_kind(sections, start) in ("eeo_statement", "accommodation_statement", "company_overview"):
                continue
            found = _location(text, *match.span("place"))
            if found:
                best = found
                break
    return best


# ---------------------------------------------------------------------------------------
# Remote policy
# ---------------------------------------------------------------------------------------

_REMOTE_FIELD = _field_regex(
    r"(?i:remote|remote work|telecommuting|workplace(?: type)?|work(?:place)? (?:type|model|arrangement|style|mode|setting)"
    r"|location type|work location|location|locations|office)|是否远程|工作方式|办公方式|工作模式"
)
_ONSITE_NEGATION = re.compile(
    r"\bno remote\b|\bnot (?:a )?remote\b|\bnon[- ]remote\b|\bremote (?:work )?(?:is )?not (?:an option|possible|available|offered)"
    r"|\bnot open to remote|\bunable to (?:offer|support|accommodate) remote|\bno (?:telecommut\w*|work from home|wfh)\b"
    r"|\bon[- ]?site only\b|\bonsite only\b|\bin[- ]office only\b|\bin[- ]person only\b|\bonly on[- ]?site\b"
    r"|\bdon'?t (?:apply|wish)[^.\n]{0,40}\bremote|非远程|不支持远程|不接受远程|不可远程"
)
_HYBRID = re.compile(
    r"\bhybrid(?:[- ](?:remote|work(?:ing)?|model|role|position|schedule|arrangement|set-?up|policy|office|workplace|opportunity|job|environment)\b|\s*[)|/,:]|$|\.\s)"
    r"|[(|,/:–-][ \t]*hybrid\b"
    r"|\b(?:partially|partly|part[- ]time) remote\b|\bremote[- ]hybrid\b"
    r"|混合办公"
)
_OFFICE_DAYS = re.compile(
    r"\b(?P<n>[1-5]|one|two|three|four|five)(?:[-–](?:[1-5]|two|three|four|five))?[- ]days?"
    r"(?: (?:a|per|each) week)?(?: (?:in|at|from) (?:the |our |an )?(?:office|hq|studio|on[- ]?site))"
    r"|\b(?:in|at) (?:the |our )?office (?P<m>[1-5]|one|two|three|four|five)(?:[-–](?:[1-5]|two|three|four|five))? days?"
)
_REMOTE_STRONG = re.compile(
    r"\b(?:fully|100%|completely|entirely|totally) remote\b|\bremote[- ](?:first|friendly|only|ok|okay|based)\b"
    r"|\bremote (?:position|role|job|opportunity|opportunities|work(?:er|ing)?|employee|team member|contract|"
    r"option|options|possible|available|allowed|welcome|considered|candidates|company|team|culture|setting)\b"
    r"|\bwork(?:ing)? (?:remotely|from home|from anywhere)\b|\bwork[- ]from[- ]home\b|\bwfh\b"
    r"|\btelecommut\w*|\bremote (?:\(|within|in the|from)|\(remote\)|\bdistributed (?:team|company)\b"
    r"|\bhome[- ]based\b|远程办公|全职远程|远程工作|可远程|支持远程|接受远程|\[远程|【远程|(?<![非不])远程(?:/|$)"
)
_REMOTE_TOKEN = re.compile(r"\bREMOTE\b|\bRemote\b(?=\s*(?:[)|,/;:]|$|or\b|OK\b))|(?:[(|/,:]|\bor) ?remote\b(?! (?:sensing|control|debug|monitor|access|server|desktop|support|site|area|location|patient|learning|teach|device|system))")
_ONSITE = re.compile(
    r"\bon[- ]?site(?= (?:position|role|job|work|presence|requirement|full[- ]time|in|at|with|from)\b|\s*[)|,.;/]|\s*$)"
    r"|\bin[- ]office (?:role|position|job|work)\b|\boffice[- ]based\b|\bin[- ]person (?:role|position|job|work)\b"
    r"|\bmust (?:be able to )?(?:work|be) (?:on[- ]?site|in (?:the|our) office)\b|\bwork (?:on[- ]?site|in (?:the|our) office)\b"
    r"|坐班|现场办公|驻场"
)
_ONSITE_NOISE = re.compile(r"(?:interview|visit|gym|meal|lunch|cafe|fitness|training|parking|childcare|support)s?\W*$")
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}


def detect_remote(
    text: str,
    lines: Sequence[Line] = (),
    sections: Sequence[Section] = (),
    *,
    _low: str | None = None,
) -> str | None:
    """"remote", "hybrid", "onsite" or None. A field ("Remote: yes") beats prose."""
    low = _lower(text) if _low is None else _low
    for match in _REMOTE_FIELD.finditer(text):
        verdict = _remote_from_value(match.group("label").lower(), low[match.start("value") : match.end("value")])
        if verdict:
            return verdict
    votes: dict[str, list[int]] = {"remote": [], "hybrid": [], "onsite": []}
    if _ONSITE_NEGATION.search(low):
        votes["onsite"].append(8)
    if _HYBRID.search(low):
        votes["hybrid"].append(6)
    for match in _OFFICE_DAYS.finditer(low):
        days = match.group("n") or match.group("m")
        days = _NUMBER_WORDS.get(days) or int(days)
        votes["onsite" if days >= 5 else "hybrid"].append(6)
    if _REMOTE_STRONG.search(low):
        votes["remote"].append(5)
    if _REMOTE_TOKEN.search(text):
        votes["remote"].append(3)
    for match in _ONSITE.finditer(low):
        if not _ONSITE_NOISE.search(low[max(0, match.start() - 20) : match.start()]):
            upper = text[match.start() : match.end()].isupper()
            votes["onsite"].append(5 if upper else 4)
            break
    ranked = sorted(((max(v), len(v), k) for k, v in votes.items() if v), reverse=True)
    return ranked[0][2] if ranked else None


def _remote_from_value(label: str, value: str) -> str | None:
    value = value.strip(" *_")
    if not value:
        return None
    if label in ("remote", "remote work", "是否远程"):
        if re.match(r"(?:yes|y|true|ja|是|可|支持|ok|allowed|possible|fully|100%)", value):
            return "remote"
        if re.match(r"(?:no|n|false|nej|nein|否|不)", value):
            return "onsite"
    if label == "telecommuting":
        return "remote" if value.startswith(("1", "yes", "true")) else None
    if "hybrid" in value or "混合" in value:
        return "hybrid"
    if _ONSITE_NEGATION.search(value):
        return "onsite"
    if re.search(r"\bremote\b|远程|work from home|\bwfh\b", value):
        return "remote"
    if label not in ("location", "locations", "work location", "office") and re.search(
        r"\bon[- ]?site\b|\bin[- ]office\b|\bin[- ]person\b|\boffice\b|坐班", value
    ):
        return "onsite"
    return None


# ---------------------------------------------------------------------------------------
# Employment type
# ---------------------------------------------------------------------------------------

_TYPE_FIELD = _field_regex(
    r"(?i:employment(?: type)?|job type|type of employment|position type|type|work schedule|schedule"
    r"|appointment type|contract(?: type)?|job term|engagement(?: type)?|commitment|hours|duration"
    r"|anställningsform|anställningstyp|omfattning|arbetstid|anstellungsart|beschäftigungsart|vertragsart"
    r"|type de contrat)|工作性质|是否全职|职位类型|岗位类型|工作类型"
)
_TYPE_WORDS = [
    ("internship", r"\bintern(?:ship)?s?\b|\bpraktik\w*|\bpraktikum\b|\btrainee\b|实习"),
    ("freelance", r"\bfreelanc\w*|\bfreiberuf\w*|\bfrilans\w*"),
    ("part-time", r"\bpart[- ]?time\b|\bteilzeit\b|\bdeltid\b|兼职|\btemps partiel\b"),
    ("temporary", r"\btemp(?:orary)?\b|\bseasonal\b|\bvikariat\w*|\bsommarjobb\b|\bferiejobb\b|\bbehovsanställning\b|\bsommarvikariat\b|\baushilfe\b|临时"),
    ("contract", r"\bcontract(?:or|ing)?\b|\bc2c\b|\bcorp[- ]to[- ]corp\b|\b1099\b|\bfixed[- ]term\b|\btidsbegränsad\w*|\bbefristet\b|\bcdd\b|\bnot to exceed\b|外包|合同工"),
    ("full-time", r"\bfull[- ]?time\b|\bpermanent\b|\bperm\b|\bfestanstellung\b|\bunbefristet\b|\bvollzeit\b|\bheltid\b|\btillsvidare\w*|\bvanlig anställning\b|\bcdi\b|\btemps plein\b|全职|正式"),
]
_TYPE_VALUE = [(kind, re.compile(pattern)) for kind, pattern in _TYPE_WORDS]
_TYPE_ANY = re.compile("|".join(f"(?P<{kind.replace('-', '_')}>{p})" for kind, p in _TYPE_WORDS))
# Prose that states the job's terms, not a word that merely appears ("our full-time staff").
_A = r"(?:is an?|as an?|for an?|seeking an?|hiring an?|looking for an?|offering an?|this is an?|this|an?)"
_TYPE_PHRASE = re.compile(
    rf"(?P<full_time>\b{_A} (?:permanent,? )?full[- ]?time\b"
    r"|\bfull[- ]?time,? (?:permanent |salaried |exempt |w-?2 )?(?:position|role|job|employment|opportunity|basis|hire|employee|staff position|contract)s?\b"
    r"|\bpermanent,? (?:full[- ]?time )?(?:position|role|contract|job|employment|hire|basis|opportunity)\b|\bfull[- ]?time (?:and|&|or) permanent\b)"
    rf"|(?P<part_time>\b{_A} part[- ]?time\b"
    r"|\bpart[- ]?time (?:position|role|job|employment|opportunity|basis|hire|employee|contract)s?\b)"
    r"|(?P<contract>\bcontract (?:position|role|job|basis|opportunity|assignment|engagement|to hire)\b"
    r"|\bcontract[- ]to[- ](?:hire|perm)\b|\b\d+[- ](?:month|week|year|mo)s?\.? (?:long )?contract\b|\bon an? (?:\w+ )?contract\b"
    r"|\bc2c\b|\bcorp[- ]to[- ]corp\b|\b1099\b|\bfixed[- ]term\b|\bcontractor (?:position|role)\b)"
    r"|(?P<temporary>\btemporary (?:position|role|job|assignment|contract|employment|appointment)\b|\bseasonal (?:position|role|job)\b)"
    r"|(?P<internship>\binternship (?:program|position|role|opportunity)\b|\b(?:this|an?|paid|summer|our) internship\b|\bintern (?:position|role)\b)"
    r"|(?P<freelance>\bfreelance (?:position|role|job|basis|project|contract|work)\b|\bas an? freelancer\b)"
)
# HN headers shout their terms: "Acme | Berlin | FULL TIME | ONSITE".
_TYPE_SHOUT = re.compile(
    r"(?P<full_time>\bFULL[- ]?TIME\b)|(?P<part_time>\bPART[- ]?TIME\b)|(?P<contract>\bCONTRACT(?:OR|S)?\b)"
    r"|(?P<internship>\bINTERN(?:SHIP)?S?\b)|(?P<freelance>\bFREELANCE\b)"
)
_TYPE_NOISE = re.compile(
    r"\bpermanent (?:resident|residency|residence|record|establishment|solution)|full[- ]time equivalent"
    r"|smart contract|智能合约|contract (?:specialist|manager|administrator|analyst|officer|negotiat\w*|management|law"
    r"|attorney|lawyer|compliance|review|manufactur\w*|research)|\bearly[- ]stage|\bseed[- ]stage"
)


def detect_employment_type(
    text: str,
    lines: Sequence[Line] = (),
    sections: Sequence[Section] = (),
    *,
    _low: str | None = None,
) -> str | None:
    """The job's terms: a labelled field first, then the title, then explicit prose."""
    low = _lower(text) if _low is None else _low
    for match in _TYPE_FIELD.finditer(text):
        label = match.group("label").lower()
        value = low[match.start("value") : match.end("value")]
        if label == "是否全职":
            if value.strip(" *").startswith("是"):
                return "full-time"
            continue
        if label == "type" and len(value) > 40:
            continue
        for kind, pattern in _TYPE_VALUE:
            if pattern.search(value) and not _TYPE_NOISE.search(value):
                return kind
    start, end = _title_span(text, lines)
    title = low[start:end]
    if title and not _TYPE_NOISE.search(title):
        match = _TYPE_ANY.search(title)
        if match:
            return match.lastgroup.replace("_", "-")
    found = [m for m in (_first_clean(_TYPE_PHRASE, low, low), _first_clean(_TYPE_SHOUT, text, low)) if m]
    if not found:
        return None
    return min(found, key=lambda m: m.start()).lastgroup.replace("_", "-")


def _first_clean(pattern: re.Pattern[str], haystack: str, low: str) -> re.Match[str] | None:
    for match in pattern.finditer(haystack):
        if not _TYPE_NOISE.search(low, match.start(), match.end() + 20):
            return match
    return None
