"""The facts a candidate looks for first: pay, place, remote policy, employment type.

A missing fact becomes a finding downstream and a wrong one hides that finding, so each
detector prefers saying nothing to guessing: a number or a place counts only when a
label ("Salary:"), a section, or a nearby word says what it is for.

Speed shapes the code. `re` is slow at scanning for alternatives (a pattern that opens
with `\\b` or `a|b|c` tries every alternative at every character) but fast at finding one
literal string. So each detector looks for a few literal anchors ("$", "remote", "time")
with `str.find` on a lower-cased copy of the text (same length, so offsets carry over),
and runs its patterns only on the short windows around them. Rarer words are looked for
only when the common ones settled nothing. Place names sit in sets, not in patterns.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from .model import Facts, Line, Location, Salary, Section
from .normalise import lower_same_length

__all__ = [
    "detect_facts",
    "detect_salary",
    "detect_location",
    "detect_remote",
    "detect_employment_type",
]


def detect_facts(text: str, lines: list[Line], sections: list[Section], low: str | None = None) -> Facts:
    """All facts; `low` is the text lower-cased offset for offset, if already at hand."""
    doc = _Doc(text, lines, sections, low)
    salary, location = _salary(doc), _location(doc)
    if salary is not None and location is not None and salary.currency == "USD" and _bare_dollar(doc, salary):
        salary.currency = _local_dollar(location.text)
    return Facts(
        salary=salary,
        location=location,
        remote=_remote(doc),
        employment_type=_employment_type(doc),
    )


def detect_salary(text: str, lines: Sequence[Line] = (), sections: Sequence[Section] = ()) -> Salary | None:
    """The stated pay, or None. Funding rounds, stipends and prices are not pay."""
    return _salary(_Doc(text, lines, sections))


def detect_location(text: str, lines: Sequence[Line] = (), sections: Sequence[Section] = ()) -> Location | None:
    """The stated place of work, or None. A bare "Remote" names no place."""
    return _location(_Doc(text, lines, sections))


def detect_remote(text: str, lines: Sequence[Line] = (), sections: Sequence[Section] = ()) -> str | None:
    """"remote", "hybrid", "onsite" or None; a labelled field beats prose."""
    return _remote(_Doc(text, lines, sections))


def detect_employment_type(text: str, lines: Sequence[Line] = (), sections: Sequence[Section] = ()) -> str | None:
    """"full-time", "part-time", "contract", "temporary", "internship", "freelance" or None."""
    return _employment_type(_Doc(text, lines, sections))


# ---------------------------------------------------------------------------------------
# The document as the detectors share it
# ---------------------------------------------------------------------------------------

# UTF-8 lead bytes of the common CJK ideographs (U+4E00..U+9FFF): counting them in bytes
# is cheaper than a regex over that range, which costs more to compile than to run here.
_CJK_LEAD = re.compile(rb"[\xe4-\xe9]")
_FIRST_LINE = re.compile(r"\S[^\n]*")
# "Label: value" on one line: `Location: X`, `**Location:** X`, `- **Type**: X`, `地点：X`.
_FIELD = re.compile(
    r"[ \t]*(?:[-*•>+][ \t]*|#{1,6}[ \t]*)?(?:\*\*|__)?[ \t]*"
    r"(?P<label>[^\W\d_][^\n:：*_]{0,32}?)[ \t]*(?:\*\*|__)?[ \t]*[:：][ \t]*(?:\*\*|__)?[ \t]*"
    r"(?P<value>[^\n]*)"
)


class _Field:
    __slots__ = ("label", "label_start", "value_start", "value_end", "verdicts")

    def __init__(self, label: str, label_start: int, value_start: int, value_end: int):
        self.label = label
        self.label_start = label_start
        self.value_start = value_start
        self.value_end = value_end
        # What the value says of remote work, asked from the label and from the value:
        # a long value is read once, not once for each anchor word in it.
        self.verdicts: dict[bool, str | None] = {}


class _Doc:
    """Text, lower-cased text and the anchors found so far, computed once per posting."""

    __slots__ = (
        "text", "low", "lines", "sections", "ascii", "lang", "chinese", "_hits", "_fields", "_title",
        "_line_starts", "_section_starts", "_notices",
    )

    def __init__(self, text: str, lines: Sequence[Line], sections: Sequence[Section], low: str | None = None):
        self.text = text
        self.low = low if low is not None else lower_same_length(text)
        self.lines = lines
        self.sections = sections
        self.ascii = text.isascii()
        # Which language's own words are worth a scan: "zh", "sv", "de" or "". A guess from
        # the opening, good enough to choose anchors; Swedish and German text shows its
        # letters (å, ä, ü, ß) early, so ASCII text needs no look at all.
        self.lang = ""
        self.chinese = False
        if not self.ascii:
            if len(_CJK_LEAD.findall(text[:400].encode("utf-8", "replace"))) >= 2:
                self.lang, self.chinese = "zh", True
            else:
                head = self.low[:1000]
                if "å" in head:
                    self.lang = "sv"
                elif "ü" in head or "ß" in head or "ä" in head or "ö" in head:
                    self.lang = "de"
        self._hits: dict[str, Sequence[int]] = {}
        self._fields: dict[int, _Field | None] = {}
        self._title: tuple[int, int] | None = None
        self._line_starts: list[int] | None = None
        self._section_starts: list[int] | None = None
        self._notices: dict[int, bool] = {}  # line start -> whether the line is a legal notice

    def hits(self, needle: str) -> Sequence[int]:
        """Offsets of `needle` in the lower-cased text (cached: detectors share anchors)."""
        found = self._hits.get(needle)
        if found is not None:
            return found
        find = self.low.find
        pos = find(needle)
        if pos < 0:
            found = self._hits[needle] = ()
            return found
        found = self._hits[needle] = [pos]
        pos = find(needle, pos + 1)
        while pos >= 0:
            found.append(pos)
            pos = find(needle, pos + 1)
        return found

    def word_hits(self, needle: str) -> list[int]:
        """Hits that start a word ("remote", not "isremote")."""
        low = self.low
        return [p for p in self.hits(needle) if p == 0 or not low[p - 1].isalnum()]

    def _line_index(self, pos: int) -> int:
        """The index of the line holding `pos` (a line break belongs to the line it ends).

        Linear once (the line starts are found in one pass over the text), then
        logarithmic per lookup: searching back and forth for line breaks from each
        anchor cost the length of the line every time, quadratic on a long one.
        """
        starts = self._line_starts
        if starts is None:
            lines, text = self.lines, self.text
            if lines and lines[0].start == 0 and len(lines) == text.count("\n") + 1:
                starts = [ln.start for ln in lines]  # the structure's own lines: the same starts
            else:
                starts = [0]
                find = text.find
                at = find("\n")
                while at != -1:
                    starts.append(at + 1)
                    at = find("\n", at + 1)
            self._line_starts = starts
        return bisect_right(starts, pos) - 1

    def line_span(self, pos: int) -> tuple[int, int]:
        """Start and end (its line break excluded) of the line holding `pos`; logarithmic."""
        i = self._line_index(pos)
        starts = self._line_starts
        return starts[i], starts[i + 1] - 1 if i + 1 < len(starts) else len(self.text)

    def _line_start(self, pos: int) -> int:
        i = self._line_index(pos)
        return self._line_starts[i] if pos >= 0 else 0

    def field_at(self, pos: int) -> _Field | None:
        """The "Label: value" field that holds `pos`, if its line is one.

        A label alone on its line ("**Location:**") takes the next line as its value.
        Linear in all: each line is parsed at most twice, and found by `_line_index`.
        """
        line_start = self._line_start(pos)
        if line_start in self._fields:
            return self._fields[line_start]
        field = self._parse_field(line_start)
        if field is None and line_start > 1:
            above = self._parse_field(self._line_start(line_start - 1))
            if above is not None and above.value_start == line_start:
                field = above
        self._fields[line_start] = field
        return field

    def notice_line(self, pos: int) -> bool:
        """Whether the line holding `pos` reads as a legal notice (privacy, EEO, e-verify).

        Decided once per line, so the cost is linear in the text however many places
        on one line ask.
        """
        line_start, line_end = self.line_span(pos)
        found = self._notices.get(line_start)
        if found is None:
            found = self._notices[line_start] = _NOTICE_LINE.search(self.low, line_start, line_end) is not None
        return found

    def _parse_field(self, line_start: int) -> _Field | None:
        match = _FIELD.match(self.text, line_start)
        if match is None or match.end("label") - line_start > 40:
            return None
        label = self.low[match.start("label") : match.end("label")].strip(" *_#")
        value_start, value_end = match.start("value"), match.end("value")
        while value_end > value_start and self.text[value_end - 1] in " \t*_":
            value_end -= 1
        if value_end == value_start and value_end < len(self.text):
            # "**Location:**" alone: the value is the next line, unless that is a field too.
            next_start = self.text.find("\n", value_start)
            if next_start >= 0:
                next_end = self.text.find("\n", next_start + 1)
                next_end = len(self.text) if next_end < 0 else next_end
                below = _FIELD.match(self.text, next_start + 1, next_end)
                if next_end - next_start > 2 and (below is None or below.end("label") - next_start > 41):
                    value_start, value_end = next_start + 1, next_end
        return _Field(label, match.start("label"), value_start, value_end)

    def section_kind(self, pos: int) -> str | None:
        """The kind of the section holding `pos`; logarithmic when the sections are in
        text order without overlaps (as `infer_structure` makes them), else the first
        that holds it, found by looking at each."""
        starts = self._section_starts
        if starts is None:
            sections = self.sections
            ordered = all(a.end <= b.start for a, b in zip(sections, sections[1:]))
            starts = self._section_starts = [s.start for s in sections] if ordered else []
        if not starts:
            for section in self.sections:
                if section.start <= pos < section.end:
                    return section.kind
            return None
        # In order without overlaps, only the last section starting at or before `pos`
        # can hold it (an earlier one with the same start has no length).
        i = bisect_right(starts, pos) - 1
        if i >= 0 and pos < self.sections[i].end:
            return self.sections[i].kind
        return None

    def title(self) -> tuple[int, int]:
        """The first non-blank line: a posting's title, or an HN comment's header line."""
        if self._title is None:
            self._title = (0, 0)
            for line in self.lines:
                if line.kind != "blank":
                    self._title = (line.body_start, line.end)
                    break
            else:
                match = _FIRST_LINE.search(self.text)
                if match:
                    self._title = match.span()
        return self._title


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Strip markup and punctuation off a value's edges, keeping exact offsets."""
    while start < end and text[start] in " \t*_>\"'“(":
        start += 1
    while end > start and text[end - 1] in " \t*_.,;:|\"'”-–([":
        if text[end - 1] == "." and text[end - 3 : end - 2] == ".":
            break  # "D.C.", "U.S."
        end -= 1
    return start, end


# ---------------------------------------------------------------------------------------
# Salary
# ---------------------------------------------------------------------------------------

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
    r"(?:\d{1,3}(?:(?:,|\.|[ \u00a0\u202f](?=\d{3}(?!\d)))\d{3})+(?:[.,]\d{1,2})?"
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
    r"[ \t]?(?:\(|,[ \t]?)?(?:"
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

# Context words are matched as whole words (or stems) from a small window, not with one
# large alternation: `re` tries every alternative at every position, which is slow.
_TOKEN = re.compile(r"[a-zåäöéü0-9]+")
_STRONG_PAY_PARTS = (
    "salar", "compensation", "remunerat", "gehalt", "brutto", "lön", "salaire", "rémunération",
    "pay range", "pay rate", "pay band", "pay scale", "pay grade", "base pay", "pay:",
    "薪", "待遇", "工资", "报酬",
)
_STRONG_PAY_WORDS = frozenset({"wage", "wages", "ote"})
_WEAK_PAY_WORDS = frozenset({
    "pay", "pays", "paid", "paying", "earn", "earns", "earning", "earnings", "income", "rate",
    "range", "base", "package", "tc",
})
# Money that is someone else's: funding, revenue, perks, prices.
_NOT_PAY_WORDS = frozenset({
    "raise", "raised", "raising", "seed", "round", "revenue", "revenues", "valuation", "valued",
    "arr", "tam", "market", "worth", "budget", "budgets", "allowance", "stipend", "stipends",
    "bonus", "bonuses", "reward", "rewards", "credit", "credits", "grant", "grants", "cost",
    "costs", "price", "prices", "priced", "spend", "spent", "sales", "gmv", "profit", "profits",
    "loan", "loans", "capital", "aum", "assets", "fee", "fees", "prize", "discount", "relocation",
    "gym", "food", "travel", "signing", "equipment", "learning", "training", "conference",
    "insurance", "backed", "books", "bookings", "customers", "users", "deal", "deals",
    "contracts", "save", "saved", "lost", "extra", "bidrag", "förmån", "rabatt", "series",
})
_NOT_PAY_STEMS = ("fund", "invest", "referr", "donat", "financ", "reimburs", "contribut", "sponsor")
_NOT_PAY_PARTS = (
    "run rate", "run-rate", "per diem", "bidrag", "sign-on", "sign on", "benefits plan", "benefit plan",
    "补", "餐", "报销", "津贴", "奖金", "融资", "估值", "营收", "收入规模", "预算",
)


def _strong_pay(window: str) -> bool:
    return any(part in window for part in _STRONG_PAY_PARTS) or not _STRONG_PAY_WORDS.isdisjoint(
        _TOKEN.findall(window)
    )


def _weak_pay(window: str) -> bool:
    return not _WEAK_PAY_WORDS.isdisjoint(_TOKEN.findall(window))


def _not_pay(window: str) -> bool:
    if not window:
        return False
    words = _TOKEN.findall(window)
    if not _NOT_PAY_WORDS.isdisjoint(words) or any(part in window for part in _NOT_PAY_PARTS):
        return True
    return any(word.startswith(_NOT_PAY_STEMS) for word in words)


_CLAUSE = re.compile(r".*[\d;!?•|]")
# The numbers (and a range between them) that end right before a trailing sign or "k".
_NUMBERS_BEFORE = re.compile(
    rf"(?<![\d.,])(?:{_CUR_BEFORE}[ \t]?)?\d[\d,. \u00a0]*(?:[ \t]?{_MULT})?(?:{_SEP}(?:{_CUR_BEFORE}[ \t]?)?\d[\d,. \u00a0]*)?[ \t]?$"
)
_GRADE_RANGE_TAIL = re.compile(
    rf"[ \t]+(?:to|-|–)[ \t]+(?:GS-\d{{1,2}},?[ \t]+)?(?:[Ss]tep[ \t]+\d{{1,2}},?[ \t]*[-–:]?[ \t]*)(?P<second>{_CUR_BEFORE}[ \t]?{_NUM})"
)
_JOINED = re.compile(r"[ \t]*(?:\+|plus\b|and\b|&|with\b|,|;|\()")
_UP_TO = re.compile(r"(?:up to|upto|最高|不超过)[ \t:]*$|\bmax(?:imum)?\b[^$€£¥\d\n]{0,55}$")
_FROM = re.compile(r"(?:from|starting at|starting|at least|min(?:imum)?|起)[ \t:]*$")
_BIG = frozenset({"m", "mm", "mn", "b", "bn", "million", "billion"})
_SCALE = {"k": 1e3, "千": 1e3, "万": 1e4, "萬": 1e4, "w": 1e4, "lpa": 1e5, "lakh": 1e5, "lakhs": 1e5}
_CAD_HINT = re.compile(r"\bcad\b|c\$|ca\$|canadian dollar")
_AUD_HINT = re.compile(r"\baud\b|a\$|au\$|australian dollar")
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
_SYMBOLS = ("€", "£")
_SYMBOLS_CHINESE = ("¥", "￥", "元")
_PAY_WORDS = ("salar", "compensation", "usd")
_CODE_WORDS = frozenset({"usd"})
_SURE = 11
_PAY_WORDS_FOREIGN = {"zh": ("薪", "待遇", "工资"), "sv": ("lön",), "de": ("gehalt", "brutto")}
_DIGIT = re.compile(r"\d")
_KRONOR = re.compile(r"kr\b(?:(?<=\dkr)|(?<=\d kr)|(?<=\d\u00a0kr))")
_CN_MONEY_ANCHOR = re.compile(r"[kK千万萬wWU](?:(?<=\d.)|(?<=\d .))|USDT|USD|RMB")
_PAY_LABELS = frozenset({
    "salary", "salary range", "pay", "pay range", "compensation", "wage", "wages", "base salary",
    "salary description", "lön", "薪资", "薪水", "薪酬", "月薪", "年薪", "待遇", "薪资范围", "薪资待遇",
})


def _salary(doc: _Doc) -> Salary | None:
    pick = _Pick(doc)
    _pay_near_signs(doc, pick)
    if pick.best is None:
        _pay_near_words(doc, pick)
    return pick.best


class _Pick:
    """The best-scoring pay seen so far."""

    __slots__ = ("doc", "best", "score", "covered", "seen")

    def __init__(self, doc: _Doc):
        self.doc = doc
        self.best: Salary | None = None
        self.score = 0
        self.covered = -1  # end of the last expression scored: anchors inside it are done
        self.seen: set[int] = set()

    def consider(self, match: re.Match[str] | None) -> None:
        if match is None or match.start() < self.covered or match.start() in self.seen:
            return
        self.covered = match.end()
        self.seen.add(match.start())
        found = _score_money(self.doc, match.start(), match.end(), self.score)
        if found and found[0] > self.score:
            self.score, self.best = found


def _pay_near_signs(doc: _Doc, pick: _Pick) -> None:
    """Amounts around a currency sign ("$", "€", "kr", "元") or, in Chinese, a "k"."""
    text = doc.text
    if doc.chinese:
        for anchor in _CN_MONEY_ANCHOR.finditer(text):
            if anchor.start() >= pick.covered:
                pick.consider(_money_around(text, anchor.start()))
    anchors: Sequence[int] = doc.hits("$")
    if not doc.ascii:
        symbols = _SYMBOLS + (_SYMBOLS_CHINESE if doc.chinese else ())
        anchors = [*anchors, *(p for symbol in symbols for p in doc.hits(symbol))]
        if doc.lang == "sv":  # "25 000 kr", "400kr/mån"
            anchors += [m.start() for m in _KRONOR.finditer(doc.low)]
        anchors.sort()
    for pos in anchors:
        if pick.score >= _SURE:
            break  # a labelled range with a currency: nothing later will beat it
        if pos >= pick.covered:
            pick.consider(_money_around(text, pos))


def _pay_near_words(doc: _Doc, pick: _Pick) -> None:
    """Amounts in a currency code ("USD 60/hour") or bare ("40-50k") right after a pay word."""
    text, low = doc.text, doc.low
    for word in _PAY_WORDS + _PAY_WORDS_FOREIGN.get(doc.lang, ()):
        for pos in doc.word_hits(word) if word.isascii() else doc.hits(word):
            if word in _CODE_WORDS:
                if low[pos + 3 : pos + 4].isalpha():
                    continue  # "usda", not "USD"
                lo = max(0, pos - 25)  # the code may follow the number
            else:
                lo = pos
            stop = min(len(text), pos + 100)
            for _ in range(3):  # the first few numbers after the word
                digit = _DIGIT.search(text, lo, stop)
                if digit is None:
                    break
                match = _money_at_number(text, digit.start())
                lo = match.end() if match else digit.end()
                pick.covered = -1
                pick.consider(match)
            bare = _BARE_RANGE.search(text, pos, min(len(text), pos + 80))
            if bare and not _YEARS.match(bare.group(0)):
                pick.covered = -1
                pick.consider(bare)  # "Compensation: 40,000 - 80,000 yearly"


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


def _score_money(doc: _Doc, start: int, end: int, to_beat: int = 0) -> tuple[int, Salary] | None:
    """Score one money expression as pay; None when it is not pay or cannot beat `to_beat`."""
    text, low = doc.text, doc.low
    amounts = _parse_amounts(doc, start, end)
    if amounts is None:
        return None
    currency = amounts[0][2] or amounts[-1][2]
    has_mult = bool(amounts[0][1] or amounts[-1][1])
    is_range = len(amounts) == 2

    if not is_range and currency:
        grade = _GRADE_RANGE_TAIL.match(text, end)
        if grade:  # "GS-13 Step 1 $94,373 to GS-13 Step 10 $150,703"
            second = _parse_amounts(doc, grade.start("second"), grade.end())
            if second and len(second) == 1 and second[0][0] > amounts[0][0]:
                amounts, end, is_range = amounts + second, grade.end(), True

    # Take in what follows the amount: "·14薪", a currency code, "/hr", "per year", "/月", "+".
    tail = _MONTH_COUNT.match(text, end)
    if tail:
        end = tail.end()
    near = _CUR_NEAR.match(text, end)
    if near:
        code = _CODES.get(near.group(1).lower())
        if currency is None or code == currency:
            currency = code
            if "(" not in near.group(0) and "（" not in near.group(0):
                end = near.end()  # "5000U-8000U USDT/月"
    period, end = _period_after(text, end)
    if text.startswith("+", end):
        end += 1

    kind = doc.section_kind(start)
    field = doc.field_at(start)
    labelled = field is not None and field.label in _PAY_LABELS and start >= field.value_start
    bonus = (2 if is_range else 0) + (1 if currency else 0) + (3 if labelled else 0)
    bonus += 3 if kind == "compensation" else 0
    if bonus + 11 <= to_beat:
        return None  # even with every context word in its favour it would lose

    line_start, line_end = doc.line_span(start)
    if period is None:
        period = _period_before(low, max(line_start, start - 40), start)
    explicit_period = period is not None
    low_value, high_value = _bounds(amounts, low[max(line_start, start - 70) : start])
    top = high_value if high_value is not None else low_value
    if not top or top <= 0:
        return None
    if top < 1000 and not has_mult and not explicit_period:
        return None  # "$500", "$300 if we hire your friend"

    strong = labelled or _strong_pay(low[max(0, start - 150) : start]) or _strong_pay(low[end : end + 20])
    if not (currency or strong or kind == "compensation" or (doc.chinese and is_range)):
        return None
    if doc.chinese and not currency and not is_range and not _strong_pay(low[max(line_start, start - 12) : start]):
        return None  # a bare "4K" is a monitor unless "薪资：" stands right before it
    joined = _JOINED.match(low, end)
    soon_after = "" if joined else low[end : min(line_end, end + 22)]
    score = bonus + (2 if explicit_period else 0)
    if strong:
        score += 4
    elif _weak_pay(low[max(0, start - 150) : start]) or _weak_pay(soon_after):
        score += 2
    if doc.chinese and (has_mult or currency):
        score += 2  # Chinese postings state pay as "20-35K" everywhere
    if currency and explicit_period and period in ("year", "hour"):
        score += 1  # "USD 60/hour": prices are rarely quoted per hour or per year
    if is_range and top >= (3_000 if doc.chinese else 20_000):
        score += 1
    if score < 4:
        return None
    near_before = low[max(line_start, start - 40) : start]
    clause = _CLAUSE.match(near_before)
    if clause:
        near_before = near_before[clause.end() :]  # "raised $12M and pay $140k": only "and pay"
    if _not_pay(near_before) or _not_pay(soon_after):
        score -= 6
        if score < 4:
            return None

    currency = _resolve_currency(doc, currency, start, end)
    if not explicit_period:
        period = _usual_period(doc, top, currency)
    return score, Salary(text[start:end], low_value, high_value, currency, period, start, end)


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
    if len(amounts) == 2 and not amounts[0][1] and not amounts[0][2] and amounts[1][2]:
        if amounts[1][0] > 100 * max(amounts[0][0], 1) and not amounts[1][1]:
            return None  # "Step 1 - $108,885": a step number, not the low end of a range
    return amounts


def _period_before(low: str, start: int, end: int) -> str | None:
    """ "hourly rate of $45", "年薪 50万": a period named just before the amount."""
    window = low[start:end]
    if not any(word in window for word in _PERIOD_HINTS):
        return None
    found = None
    for found in _PERIOD_BEFORE.finditer(window):
        pass
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
    raw = raw.replace(" ", "").replace("\u00a0", "").replace("\u202f", "")
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


def _resolve_currency(doc: _Doc, currency: str | None, start: int, end: int) -> str | None:
    """Settle the symbols that several currencies share."""
    if currency == "¥":
        return "CNY" if doc.chinese else "JPY"
    if currency == "USD":
        written = doc.low[start:end]
        if "$" in written and "us" not in written:
            window = doc.low[max(0, start - 60) : end + 40]
            if ("cad" in window or "c$" in window or "canadian" in window) and _CAD_HINT.search(window):
                return "CAD"
            if ("aud" in window or "a$" in window or "australian" in window) and _AUD_HINT.search(window):
                return "AUD"
    if currency is None and doc.chinese:
        return "CNY"  # Chinese postings quote a bare "20-35K" in yuan
    return currency


def _bare_dollar(doc: _Doc, salary: Salary) -> bool:
    written = doc.low[salary.start : salary.end]
    return "$" in written and not re.search(r"\bus|u\.s\.|[a-z]\$", written)


def _local_dollar(place: str) -> str:
    """The dollar a bare "$" means where the posting says the work is: Canadian in
    Toronto, Australian in Sydney, Australia. The US dollar whenever the place could be
    in the US too ("Vancouver, WA", "Toronto or New York") or names no known country."""
    low = place.lower()
    found = {code for code, names in _LOCAL_DOLLARS if any(_has_name(low, name) for name in names)}
    in_us = any(_has_name(low, name) for name in _US_NAMES) or any(
        code in _US_STATE_CODES for code in re.findall(r"(?:^|[,(]\s*)([A-Z]{2})\b", place)
    )
    return found.pop() if len(found) == 1 and not in_us else "USD"


def _has_name(low: str, name: str) -> bool:
    at = low.find(name)
    while at >= 0:
        end = at + len(name)
        if (at == 0 or not low[at - 1].isalnum()) and (end == len(low) or not low[end].isalnum()):
            return True
        at = low.find(name, at + 1)
    return False


def _usual_period(doc: _Doc, top: float, currency: str | None) -> str | None:
    """The period nobody wrote down, where convention leaves no doubt."""
    if doc.chinese:
        return "year" if top >= 300_000 else "month"  # "20-35K" is monthly, "120万" yearly
    if currency == "SEK" and top < 100_000:
        return "month"
    if top >= 20_000:
        return "year"
    return None


# ---------------------------------------------------------------------------------------
# Location
# ---------------------------------------------------------------------------------------

_LOCATION_LABELS = frozenset({
    "location", "locations", "job location", "work location", "office location", "primary location",
    "duty location", "location(s)", "job locations", "workplace location", "place of work", "based in",
    "city", "municipality", "kommun", "ort", "arbetsort", "placeringsort", "placering", "standort",
    "arbeitsort", "einsatzort", "lieu", "lieu de travail", "工作地点", "办公地点", "工作城市", "地点",
    "城市", "坐标", "base", "base地", "地址", "办公地址", "工作地址",
})
_LOCATION_LABEL_ANCHORS = ("location",)
_LOCATION_LABEL_ANCHORS_FOREIGN = {
    "zh": ("地点", "城市", "base", "坐标", "地址"),
    "sv": ("municipality", "kommun", "ort", "placering"),
    "de": ("standort", "arbeitsort", "einsatzort"),
}


def _names(*groups: str) -> frozenset[str]:
    return frozenset(name.lower() for group in groups for name in group.split("|"))


# Place names live in sets, not in regular expressions: a pattern finds a capitalised
# phrase, a set says whether it names a place. (Alternations of hundreds of names are slow
# to compile and slow to run.) Keys are lower case, without dots: "us", "dc", "uk".
_US_STATE_CODES = frozenset(
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY"
    " NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY".split()
)
_STATE_CODES = _US_STATE_CODES | frozenset("ON BC QC AB MB NS NB NL PE SK".split())  # and Canada's provinces
_US_STATE_NAMES = _names(
    "Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|Hawaii"
    "|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan"
    "|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico"
    "|New York|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island"
    "|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|West Virginia"
    "|Wisconsin|Wyoming"
)
_STATE_NAMES = _US_STATE_NAMES | _names("Ontario|British Columbia|Quebec|Alberta")
_COUNTRY_NAMES = _names(
    "UK|United Kingdom|England|Scotland|Wales|Ireland|Germany|France|Netherlands|the Netherlands"
    "|Spain|Portugal|Italy|Sweden|Norway|Denmark|Finland|Poland|Switzerland|Austria|Belgium|Czechia"
    "|Czech Republic|Canada|USA|US|United States|Australia|New Zealand|India|Singapore|Japan|China"
    "|Israel|Brazil|Mexico|Argentina|Estonia|Latvia|Lithuania|Ukraine|Romania|Hungary|Greece|Turkey"
    "|UAE|South Africa|Nigeria|Kenya|Egypt|Vietnam|Philippines|Indonesia|Malaysia|Thailand"
    "|South Korea|Korea|Taiwan|Hong Kong|Luxembourg|Iceland|Croatia|Serbia|Bulgaria|Slovakia"
    "|Slovenia|Cyprus|Malta|Chile|Colombia|Peru|Uruguay|Costa Rica"
)
# Where a bare "$" is not the US dollar. Cities that share a name with a US one
# (Vancouver, Melbourne, Perth...) count only with no US state beside them.
_LOCAL_DOLLARS = (
    ("CAD", _names(
        "Canada|Ontario|British Columbia|Quebec|Québec|Alberta|Manitoba|Saskatchewan|Nova Scotia"
        "|New Brunswick|Newfoundland|Prince Edward Island|Toronto|Montreal|Montréal|Ottawa|Calgary"
        "|Edmonton|Winnipeg|Vancouver|Mississauga|Kitchener|Halifax|Gatineau|Hamilton, ON|Waterloo, ON"
    )),
    ("AUD", _names("Australia|New South Wales|Queensland|Sydney|Melbourne|Brisbane|Perth|Adelaide|Canberra")),
    ("NZD", _names("New Zealand|Auckland|Wellington|Christchurch")),
    ("SGD", _names("Singapore")),
    ("HKD", _names("Hong Kong")),
)
_US_NAMES = _names("USA|US|U.S.|United States") | _US_STATE_NAMES
_REGION_NAMES = _COUNTRY_NAMES | _STATE_NAMES | _names(
    "Europe|EU|EMEA|APAC|LATAM|Americas|North America|South America|Latin America|Asia|Africa"
    "|Middle East|Nordics|Scandinavia|Worldwide|Global|Anywhere|World|the World"
)
_CITY_NAMES = _names(
    "San Francisco|SF|Bay Area|Silicon Valley|New York|New York City|NYC|Los Angeles|Seattle|Boston"
    "|Austin|Chicago|Denver|Boulder|Portland|Palo Alto|Mountain View|Menlo Park|Sunnyvale|San Jose"
    "|San Mateo|Redwood City|Berkeley|Oakland|Santa Monica|San Diego|Washington DC|Atlanta|Miami"
    "|Philadelphia|Pittsburgh|Baltimore|Minneapolis|Detroit|Ann Arbor|Nashville|Dallas|Houston"
    "|Salt Lake City|Phoenix|Raleigh|Durham|Toronto|Vancouver|Montreal|Ottawa|Waterloo|London"
    "|Cambridge|Oxford|Manchester|Edinburgh|Bristol|Dublin|Berlin|Munich|München|Hamburg|Frankfurt"
    "|Cologne|Köln|Paris|Amsterdam|Rotterdam|Utrecht|Brussels|Zurich|Zürich|Geneva|Vienna|Stockholm"
    "|Gothenburg|Göteborg|Malmö|Oslo|Copenhagen|Helsinki|Tallinn|Riga|Warsaw|Krakow|Kraków|Prague"
    "|Budapest|Barcelona|Madrid|Lisbon|Porto|Milan|Rome|Athens|Tel Aviv|Bangalore|Bengaluru|Mumbai"
    "|Delhi|Pune|Hyderabad|Singapore|Tokyo|Sydney|Melbourne|Auckland|Hong Kong|Shanghai|Beijing"
    "|Shenzhen|Taipei|Seoul|Dubai|São Paulo|Buenos Aires|Mexico City|Cape Town|Lagos|Nairobi"
)
_TIMEZONE = re.compile(r"(?:utc|gmt|cet|cest|est|pst|et|pt|ct)(?:[ \t]?[+±-][ \t]?\d{1,2})?(?![a-z])")
_CN_CITIES = (
    "北京|上海|深圳|广州|杭州|成都|南京|武汉|西安|苏州|厦门|重庆|天津|长沙|合肥|珠海|香港|台北|新加坡"
    "|迪拜|东京|大连|青岛|济南|郑州|福州|无锡|宁波|佛山|东莞|昆明|海口|三亚|澳门|吉隆坡|马来西亚|首尔"
)
_WORD = r"[A-Z][\w'’.-]*"
# Capitalised words, with the small words place names contain, then ", Region" at most twice.
_PLACE = rf"{_WORD}(?:(?:[ -](?:de|del|am|upon|sur))?[ -]{_WORD}){{0,3}}(?:,[ \t]?{_WORD}(?: {_WORD}){{0,2}}){{0,2}}"
# A full stop that ends the sentence, not an abbreviation ("St.", "D.C.").
_SENTENCE_END = re.compile(r"(?<!\b[A-Z])(?<!\bSt)(?<!\bFt)(?<!\bMt)(?<!\.[A-Z])\.(?=\s)")
# Each cue opens with its anchor word, so it can be matched right where the anchor was found.
# After "the", only a known region counts: "the US", not "the General Services Administration".
_BASED_IN = re.compile(
    r"(?i:based|located|situated)[ \t]+(?i:in|out[ \t]+of)[ \t]+"
    r"(?:(?:the[ \t]+)?(?:heart|center|centre)[ \t]+of[ \t]+)?"
    r"(?:(?:beautiful|sunny|vibrant|historic|downtown|central|greater)[ \t]+)?"
    r"(?P<the>the[ \t]+)?(?P<place>" + _PLACE + ")"
)
_OFFICE_IN = re.compile(
    r"(?i:office|offices|studio|campus)[ \t]+(?:is[ \t]+|are[ \t]+)?(?:located[ \t]+)?(?i:in|at)[ \t]+"
    r"(?:(?:the[ \t]+)?(?:heart|center|centre)[ \t]+of[ \t]+)?(?:(?:downtown|central)[ \t]+)?"
    r"(?P<the>the[ \t]+)?(?P<place>" + _PLACE + ")"
)
_OUR_PLACE_OFFICE = re.compile(
    r"\b(?:in|at|from|to|join|visit)[ \t]+our[ \t]+(?:(?:new|beautiful|brand[- ]new|downtown|central|main)[ \t]+)?"
    r"(?P<place>" + _PLACE + r")[ \t]+$"
)
_REMOTE_PLACE = re.compile(
    r"(?i:remote)[ \t]*(?:\(|[-–—,:/|]|(?i:in|within|from)[ \t])[ \t]*(?P<the>(?i:the)[ \t]+)?"
    r"(?P<place>[^()\n;|]{2,45}?)(?=\)|[;|\n]|\.(?:\s|$)|$)"
)
_ANYWHERE_IN = re.compile(
    r"(?i:anywhere)[ \t]+(?i:in|within|across)[ \t]+(?P<the>the[ \t]+)?(?P<place>[A-Za-z][\w.'’-]*(?:[ \t][A-Z][\w.'’-]*){0,2})"
)
_RELOCATE = re.compile(r"(?i:relocat\w*)[ \t]+(?i:to|in)[ \t]+(?P<the>the[ \t]+)?(?P<place>" + _PLACE + ")")
# ", TX", ", Germany": a comma and a capitalised region, checked against the sets above.
_COMMA_REGION = re.compile(r",[ \t]?(?P<region>(?:the[ \t])?[A-Z][\w.]*(?:[ \t][A-Z][a-z]+){0,2})")
_CITY_WORD = r"(?:[A-Z][a-zà-öø-ÿ][a-zà-öø-ÿ'’-]*|(?:St|Ft|Mt)\.)"
_CITY_BEFORE = re.compile(rf"(?<![\w-]){_CITY_WORD}(?:[ '-]{_CITY_WORD}){{0,3}}$")
_CAPS_RUN = re.compile(r"(?<![\w-])[A-Z][\w.'’-]*(?:[ \t][A-Z][\w.'’-]*){0,5}")
_CN_PLACE = re.compile(rf"(?P<place>(?:{_CN_CITIES})(?:[/、，,|｜ ]?(?:{_CN_CITIES}))*)")
_CN_CUE = re.compile(
    rf"(?:base|Base|BASE|坐标|位于|地点在|工作地)[ \t]*[:：在为于]?[ \t]*(?P<place>(?:{_CN_CITIES})(?:[/、，,|｜ ]?(?:{_CN_CITIES}))*)"
)
_LIST_ITEM_BEFORE = re.compile(r"[A-Z][\w&.-]*,[ \t]$")
# Words before a place that make it the company's story or a legal notice, not the job's place.
_NOT_WORKPLACE = re.compile(
    r"(?:founded|headquartered|incorporated|born|started|acquired|raised|grew up|studied|applicants"
    r"|residents|university|college|graduated|not|if|unless|outside)\W+(?:\w+\W+){0,3}$"
)
_NOTICE_LINE = re.compile(r"privacy|notice|ccpa|cpra|gdpr|equal opportunity|e-verify")
_HISTORY_LABELS = frozenset({"headquarters", "hq", "founded", "company address", "revenue", "size"})
_NOT_PLACE_WORDS = frozenset({
    "main", "head", "corporate", "home", "central", "new", "global", "regional", "local", "field",
    "front", "back", "open", "remote", "engineering", "sales", "hr", "post", "branch", "satellite",
    "virtual", "the", "our", "a", "an", "this", "your", "we", "you", "any", "all", "one", "each",
    "us", "customer", "client", "clients", "company", "downtown", "uptown", "midtown", "city",
    "financial", "district", "headquarters", "hq",
})
_KEEP_CAPS = frozenset({"NYC", "USA", "UAE", "UK", "US", "EU", "DC", "SF", "EMEA", "APAC", "LATAM", "U.S.", "U.K."})
_AREA_WORDS = frozenset({"area", "region", "valley"})
_REMOTE_ONLY = re.compile(
    r"^(?:[\W_]|remote|virtual|fully|100%|only|ok|yes|work|from|home|wfh|distributed|first|friendly|"
    r"远程|办公|全职|可|支持|居家|在家)*$",
    re.I,
)
_PLACEHOLDER = re.compile(
    r"\{\{|\{%|^\W*(?:n/?a|tbd|tba|none|unknown|various|multiple(?: locations)?|see (?:below|description))\W*$",
    re.I,
)
_SENTENCE_START = re.compile(r"(?:we|you|our|this|the|as|in|if|at|a|an|i|it|there|please)\b", re.I)


def _location(doc: _Doc) -> Location | None:
    for finder in (_location_from_fields, _location_from_section, _location_from_title,
                   _location_from_cues, _location_from_patterns):
        found = finder(doc)
        if found:
            return found
    return None


def _place(doc: _Doc, start: int, end: int) -> Location | None:
    text = doc.text
    start, end = _trim(text, start, end)
    if end - start < 2:
        return None
    value = text[start:end]
    if _PLACEHOLDER.search(value) or _REMOTE_ONLY.match(value):
        return None
    return Location(value, start, end)


def _known_prefix(phrase: str, names: frozenset[str], codes: frozenset[str] = frozenset(), at: int = 0) -> int:
    """Length of the longest run of leading words (up to three) that `names` knows; 0 if none.

    "New York, NY" -> len("New York"); "US Digital Service" -> len("US"). `codes` are
    matched as written ("OR", not "or"), the rest without case or dots. The phrase is
    read from `at`, and only as far as its first three words: linear in them, however
    long the phrase (a title can be a whole one-line posting).
    """
    words = []
    for m in _PREFIX_WORD.finditer(phrase, at):
        words.append(m.group())
        if len(words) == 3:
            break
    for n in (3, 2, 1):
        if len(words) < n:
            continue
        key = " ".join(words[:n]).rstrip(".")
        if key in codes or key.replace(".", "").lower() in names:
            end = phrase.find(words[n - 1], at) + len(words[n - 1])
            return end - at - (1 if phrase[end - 1] == "." and "." not in key else 0)
    return 0


_PREFIX_WORD = re.compile(r"[^\s/,]+")  # what is left of `phrase.replace("/", " ").replace(",", " ").split()`


def _cue_place(doc: _Doc, match: re.Match[str]) -> Location | None:
    """The place a cue matched; after "the" (or after "remote") only a known region counts."""
    start, end = match.span("place")
    phrase = match.group("place")
    if match.re is _REMOTE_PLACE or match.re is _ANYWHERE_IN:
        known = _known_prefix(phrase, _REGION_NAMES) or len(_TIMEZONE.match(phrase.lower()) or "")
        if known:
            if doc.text[match.start() : start].rstrip(" \t").endswith("("):
                return _free_place(doc, start, end, known=True)  # "Remote (US only)"
            return _free_place(doc, start, start + known, known=True)  # "Remote, US hours preferred"
        if match.re is _REMOTE_PLACE or not phrase[:1].isupper():
            return None
        return _free_place(doc, start, end)
    if match.group("the"):
        known = _known_prefix(phrase, _REGION_NAMES | _CITY_NAMES)
        words = phrase.split()
        if not known:
            area = next((i for i, w in enumerate(words[:3]) if w.lower().rstrip(".,") in _AREA_WORDS), None)
            if area is None:
                return None
            known = phrase.find(words[area]) + len(words[area].rstrip(".,"))
        return _free_place(doc, start, start + known, known=True)
    return _free_place(doc, start, end)


def _free_place(doc: _Doc, start: int, end: int, *, known: bool = False) -> Location | None:
    """A place read out of prose: reject the capitalised words that are not places."""
    stop = _SENTENCE_END.search(doc.text, start, end)
    if stop:
        end = stop.start() + 1  # "based in London. We are..." ends at "London."
    found = _place(doc, start, end)
    if found is None or known:
        return found
    first = found.text.split()[0].strip(",")
    if first.lower() in _NOT_PLACE_WORDS:
        return None
    if len(first) >= 3 and first.isupper() and first not in _KEEP_CAPS:
        return None  # "AWS", "SQL"
    return found


def _city_and_region(doc: _Doc, city_start: int, region: re.Match[str], *, strict: bool) -> Location | None:
    """ "Austin, TX", "Berlin, Germany": a capitalised name followed by a known region."""
    phrase = region.group("region")
    known = _known_prefix(phrase, _STATE_NAMES | _COUNTRY_NAMES, _STATE_CODES)
    if not known:
        return None
    end = region.start("region") + known
    if strict and _ORG_AFTER.match(doc.text, end):
        return None  # "USA Today", "US Digital Service": an organisation, not an address
    city_start = _trim_city(doc.text, city_start, region.start())
    city = doc.text[city_start : region.start()].strip().replace(".", "").lower()
    region_name = doc.text[region.start("region") : end].replace(".", "").lower()
    if city in _COUNTRY_NAMES or (city in _STATE_NAMES and region_name in _STATE_NAMES and city != region_name):
        return None  # "India, US", "Texas, California": regions in a list, not an address
    return _place(doc, city_start, end)


_ORG_AFTER = re.compile(r"[ \t][A-Z][a-z]")
_ROLE_WORDS = _names(
    "Engineer|Engineers|Developer|Developers|Scientist|Scientists|Designer|Designers|Manager|Managers"
    "|Analyst|Analysts|Architect|Architects|Lead|Senior|Junior|Staff|Principal|Director|Intern|Interns"
    "|Hiring|Remote|Onsite|Full|Part|Time|Contract|Data|Software|Backend|Frontend|Product|Python"
)


def _trim_city(text: str, start: int, end: int) -> int:
    """Drop a job title glued before the city: "Data Scientist Salt Lake City" -> "Salt Lake City"."""
    words = text[start:end].split()
    for i in range(len(words)):
        if " ".join(words[i:]).lower() in _CITY_NAMES:
            return text.index(words[i], start)
    i = 0
    while i < len(words) - 1 and words[i].lower() in _ROLE_WORDS:
        i += 1
    return text.index(words[i], start) if words else start


def _location_from_fields(doc: _Doc) -> Location | None:
    """A "Location:" field's value; linear: each field is read once, however many
    anchors stand in it."""
    anchors = _LOCATION_LABEL_ANCHORS + _LOCATION_LABEL_ANCHORS_FOREIGN.get(doc.lang, ())
    best = None
    read: set[int] = set()  # fields whose value was read: the place is the same for each anchor in it
    for anchor in anchors:
        for pos in doc.hits(anchor):
            if best is not None and pos > best.start:
                break
            field = doc.field_at(pos)
            if field is None or field.label not in _LOCATION_LABELS or pos >= field.value_start:
                continue
            if field.value_start in read:
                continue
            read.add(field.value_start)
            start, end = field.value_start, field.value_end
            if end - start > 100:
                cut = _LONG_VALUE_CUT.search(doc.text, start, end)
                end = cut.start() if cut else start + 100
            found = _place(doc, start, end)
            if found and (best is None or found.start < best.start):
                best = found
    return best


_LONG_VALUE_CUT = re.compile(r"[.;](?:\s|$)|\s{2,}")


def _location_from_section(doc: _Doc) -> Location | None:
    """The opening lines of a "Location" section: a field, a cue, or a short place line."""
    for section in doc.sections:
        if section.kind != "location":
            continue
        first = section.first_line + (1 if section.heading is not None else 0)
        looked = 0
        for line in doc.lines[first : section.last_line]:
            if line.kind == "blank":
                continue
            if line.kind == "heading":
                break
            looked += 1
            if looked > 3:
                break
            field = doc.field_at(line.body_start)
            if field is not None and field.label_start >= line.body_start:
                if field.label in _LOCATION_LABELS:
                    return _place(doc, field.value_start, field.value_end)
                continue  # "Contact: ...", not the place
            found = _cue_in(doc, line.body_start, line.end)
            if found:
                return found
            body = doc.text[line.body_start : line.end].strip()
            if len(body) > 70 or len(body.split()) > 10 or body.endswith((".", "。")):
                break  # a sentence, not a place
            if body.lower().endswith("address"):
                continue  # "Office Address", a label for the line below
            if "\u4e00" <= body[:1] <= "\u9fff":
                if _CN_PLACE.search(body):
                    return _place(doc, line.body_start, line.end)
            elif body[:1].isupper() and not _SENTENCE_START.match(body):
                return _place(doc, line.body_start, line.end)
            break
    return None


def _cue_in(doc: _Doc, start: int, end: int) -> Location | None:
    for pattern in (_BASED_IN, _OFFICE_IN, _REMOTE_PLACE, _ANYWHERE_IN, _RELOCATE):
        match = pattern.search(doc.text, start, end)
        if match:
            found = _cue_place(doc, match)
            if found:
                return found
    return None


def _location_from_title(doc: _Doc) -> Location | None:
    """HN header lines ("Acme | Berlin | Full-time") and bracketed Chinese titles."""
    start, end = doc.title()
    if end - start < 2:
        return None
    text = doc.text
    if doc.chinese:
        match = _CN_PLACE.search(text, start, end)
        return _place(doc, *match.span("place")) if match else None
    for comma in _COMMA_REGION.finditer(text, start, end):
        city = _CITY_BEFORE.search(text, max(start, comma.start() - 40), comma.start())
        found = _city_and_region(doc, city.start(), comma, strict=False) if city else None
        if found and _workplace_context(doc, found.start):
            return found
    if doc.low.find("remote", start, end) >= 0:
        match = _REMOTE_PLACE.search(text, start, end)
        found = _cue_place(doc, match) if match else None
        if found:
            return found
    for run in _CAPS_RUN.finditer(text, start, end):
        phrase = run.group(0)
        offset = 0
        for word in phrase.split(" "):  # "Downtown Toronto": try each word as a start
            known = _known_prefix(phrase, _CITY_NAMES, at=offset)
            if known and _workplace_context(doc, run.start() + offset):
                return _place(doc, run.start() + offset, run.start() + offset + known)
            offset += len(word) + 1
    return None


def _location_from_cues(doc: _Doc) -> Location | None:
    """ "based in X", "our X office", "office in X", "Remote (US)", "anywhere in X"."""
    text = doc.text
    best: Location | None = None
    checks = (("based", _BASED_IN), ("located", _BASED_IN), ("office", _OFFICE_IN),
              ("remote", _REMOTE_PLACE), ("anywhere", _ANYWHERE_IN))
    for anchor, pattern in checks:
        for pos in doc.word_hits(anchor):
            if best is not None and pos > best.start:
                break
            found = None
            if anchor == "office":
                our = _OUR_PLACE_OFFICE.search(text, max(0, pos - 60), pos)
                if our and _workplace_context(doc, our.start()):
                    found = _free_place(doc, *our.span("place"))
            if found is None:
                match = pattern.match(text, pos)
                if match is None or not _workplace_context(doc, match.start()):
                    continue
                found = _cue_place(doc, match)
            if found:
                if best is None or found.start < best.start:
                    best = found
                break
    if best:
        return best
    if doc.chinese:
        match = _CN_CUE.search(text)
        if match:
            return _place(doc, *match.span("place"))
    return None


def _workplace_context(doc: _Doc, pos: int) -> bool:
    if doc.section_kind(pos) in ("eeo_statement", "accommodation_statement"):
        return False
    if _NOT_WORKPLACE.search(doc.low, max(0, pos - 40), pos):
        return False
    return not doc.notice_line(pos)


def _location_from_patterns(doc: _Doc) -> Location | None:
    """ "City, ST" and "City, Country" anywhere, unless they tell the company's history."""
    text = doc.text
    for comma in _COMMA_REGION.finditer(text):
        city = _CITY_BEFORE.search(text, max(0, comma.start() - 40), comma.start())
        if city is None:
            continue
        start = city.start()
        field = doc.field_at(start)
        if field is not None and field.label in _HISTORY_LABELS:
            continue
        if _LIST_ITEM_BEFORE.search(text, max(0, start - 30), start):
            continue  # "Sony, TJX, United Nations, USA": a list of clients, not an address
        if doc.section_kind(start) == "company_overview" or not _workplace_context(doc, start):
            continue
        found = _city_and_region(doc, start, comma, strict=True)
        if found:
            found = _free_place(doc, found.start, found.end)
        if found:
            return found
    return None


# ---------------------------------------------------------------------------------------
# Remote policy
# ---------------------------------------------------------------------------------------

_REMOTE_LABELS = frozenset({
    "remote", "remote work", "remote ok", "remote friendly", "telecommuting", "telecommute",
    "workplace", "workplace type", "work model", "work arrangement", "work style", "work mode",
    "work setting", "location type", "work type", "arrangement", "是否远程", "工作方式", "办公方式",
    "工作模式", "办公地点", "工作地点", "地点",
}) | _LOCATION_LABELS
_YES_NO_LABELS = frozenset({"remote", "remote work", "remote ok", "是否远程", "telecommuting", "telecommute"})
_ANSWER_YES = re.compile(r"(?:yes\b|y\b|true|ja\b|是|可以|可远程|支持|远程|ok\b|allowed|possible|fully|100%|1\b)")
_ANSWER_NO = re.compile(r"(?:no\b|n\b|false|nej\b|nein\b|否|不|非|0\b)")
_VALUE_NEGATION = re.compile(r"非远程|不支持远程|不提供远程|不接受远程|\bno remote|\bnot remote|\bnon-remote")
_VALUE_REMOTE = re.compile(r"\bremote\b|远程|work from home|\bwfh\b|distans")
_VALUE_ONSITE = re.compile(r"\bon[- ]?site\b|\bin[- ]office\b|\bin[- ]person\b|\boffice\b|坐班")
_REMOTE_NEG_BEFORE = re.compile(
    r"(?:(?<![a-z])(?:no|not|non)[_*]*|(?<![a-z])not[_*]* an?|\bnot open to|\bunable to offer|非|不|无|不支持|不接受)[ -]?(?:fully |full )?$"
    r"|\b(?:cannot|can't|can not|unable to|not able to)[ \t]+(?:support|offer|accommodate|consider|accept|allow|hire)\b[^.;\n]{0,30}$"
)
_INLINE_ANSWER = re.compile(r"remote(?:ly)?\**[ \t]*[:：][ \t]*\**[ \t]*(?P<answer>yes|no|fully|full|100%|temporar\w*|\w+)")
_CONDITIONAL = re.compile(r"\b(?:if|whether|unless)\b[^.,;:!?\n]*$")
_REMOTE_NEG_AFTER = re.compile(
    r"remote(?:ly)?[ \t]+(?:work[ \t]+)?(?:is[ \t]+)?(?:not|n't)[ \t]+"
    r"(?:an[ \t]+option|possible|available|offered|allowed)"
)
_REMOTE_POS_AFTER = re.compile(
    r"remote(?:ly)?(?:[- ](?:first|friendly|only|ok|okay|based|position|role|job|opportunit(?:y|ies)"
    r"|work(?:er|ers|ing)?|employee|team member|contract|options?|possible|available|allowed|welcome"
    r"|considered|candidates|company|culture|setting|within|in the|from)\b|[ \t]*\()"
)
_REMOTE_POS_BEFORE = re.compile(
    r"(?:fully|100%|completely|entirely|totally|work(?:ing)?|\(|或|可|支持|全职|\[|【)[ -]?$"
)
_REMOTE_HYBRID_BEFORE = re.compile(r"(?:partially|partly|part)[ -]$")
_REMOTE_NOISE = re.compile(
    r"remote(?:ly)?[ \t]+(?:sensing|controls?|debug\w*|monitor\w*|access|servers?|desktops?|support"
    r"|sites?|areas?|locations?|patients?|learning|teach\w*|devices?|systems?|procedures?|communit\w*"
    r"|villages?|islands?|regions?|parts?|corners?|possibilit\w*|chance|management|managed|repositor\w*"
    r"|api|host|shell|branch|url|cluster|workers? (?:node|process)|execution|viewing|diagnos\w*|care)\b"
)
_REMOTE_LOOSE = re.compile(r"remote[ \t]*(?:[)|,/;:.]|$|\n|or\b|ok\b)")
_HYBRID_AFTER = re.compile(
    r"hybrid(?:[- ](?:remote|work(?:ing)?|model|role|position|schedule|arrangement|set-?up|policy"
    r"|office|workplace|opportunity|job|team|working|environment)\b|[ \t]*(?:[)|/,;:.]|$|\n))"
)
_HYBRID_NOISE = re.compile(
    r"hybrid[ \t]+(?:cloud|apps?|mobile|vehicles?|cars?|approach|integration|infrastructure"
    r"|environments? (?:with|of)|solutions?|of|exchange|portfolio|talent|business|modalit\w*"
    r"|work(?:flow|load)s?)"
)
_OFFICE_DAYS_BEFORE = re.compile(
    r"(?P<n>[1-5]|one|two|three|four|five)(?:[-–](?:[1-5]|two|three|four|five))?[- ]days?"
    r"(?:[ \t]+(?:a|per|each|every)[ \t]+week)?[ \t]+(?:in|at)[ \t]+(?:the[ \t]+|our[ \t]+|an[ \t]+)?$"
)
_OFFICE_DAYS_AFTER = re.compile(
    r"office[ \t]+(?P<n>[1-5]|one|two|three|four|five)(?:[-–](?:[1-5]|two|three|four|five))?[- ]days?"
)
_IN_OFFICE = re.compile(
    r"(?:in[- ]office|office[- ]based)(?:[ \t]+(?:role|position|job|work|only|full[- ]time)\b|[ \t]*[)|,.;]|$)"
)
_ONSITE_AFTER = re.compile(
    r"site(?P<only>[ -]only)?(?:[ \t]+(?:position|role|job|work|presence|requirement|full[- ]time|in|at|with|from|\d)\b"
    r"|[ \t]*(?:[)|,.;/]|$|\n))"
)
_ONSITE_BEFORE = re.compile(r"(?:work(?:ing)?|be|based|role is|position is|job is)[ \t]+$")
_ONSITE_NOISE = re.compile(
    r"site[ \t]+(?:gym|cafe|café|cafeteria|fitness|childcare|daycare|parking|meals?|lunch|kitchen"
    r"|interviews?|visits?|training|support|health|clinic|events?|massage|amenities|doctor|medical"
    r"|dining|shower|services?|bootcamps?|classes|activities)"
)
_AMENITY_BEFORE = re.compile(
    r"(?:gym|showers?|parking|cafe|café|cafeteria|childcare|daycare|clinic|fitness|lunch|meals?|kitchen"
    r"|storage|massage|doctor|laundry|dining|amenities|snacks|interviews?|visits?|events?|training)\b[^.;\n]{0,12}$"
)
_HOME = re.compile(r"(?:work(?:ing)?[- ](?:from|at)[- ]|wfh)$")
_HOME_BASED = re.compile(r"home[- ]based\b")
# Cheap tests that let most plain uses of "office" and "home" through unexamined.
_REMOTE_GATES = {
    "office": lambda low, pos: "day" in low[max(0, pos - 45) : pos + 25] or low.startswith(("in-", "in "), pos - 3)
    or low.startswith(("office-based", "office based"), pos),
    "home": lambda low, pos: "from" in low[max(0, pos - 16) : pos] or "work" in low[max(0, pos - 16) : pos]
    or low.startswith(("home-based", "home based"), pos),
}
_DAYS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
_REMOTE_ANCHORS = ("remote", "hybrid", "site")
# Looked for only when the words above settled nothing firmly.
_REMOTE_ANCHORS_RARE = ("office", "home", "wfh", "telecommut")
_REMOTE_ANCHORS_FOREIGN = {"zh": ("远程", "混合办公", "坐班", "驻场", "现场办公"), "sv": ("distans",)}


def _remote(doc: _Doc) -> str | None:
    found = _remote_evidence(doc)
    return found[0] if found else None


def _remote_evidence(doc: _Doc) -> tuple[str, int] | None:
    """The verdict and the offset of the words that decided it.

    Each mention gets a weight and the heaviest wins (the earliest on a tie): a labelled
    field 10, a negation ("no remote", "on-site only") 8, hybrid wording 6, explicit remote
    wording 5, on-site wording 4, a bare "remote" in a header line 3.
    """
    low = doc.low
    best: tuple[int, int, str] | None = None  # (weight, -position, verdict)
    anchors = _REMOTE_ANCHORS + _REMOTE_ANCHORS_FOREIGN.get(doc.lang, ())
    for anchor in anchors + _REMOTE_ANCHORS_RARE:
        if anchor == "office" and best is not None and best[0] >= 6:
            break
        for pos in doc.hits(anchor):
            if anchor == "site":
                if not (low.startswith("on", pos - 2) or low.startswith(("on-", "on "), pos - 3)):
                    continue  # "website"
            elif anchor.isascii() and pos and low[pos - 1].isalnum():
                continue
            elif anchor in _REMOTE_GATES and not _REMOTE_GATES[anchor](low, pos):
                continue
            field = doc.field_at(pos)
            if field is not None and field.label in _REMOTE_LABELS:
                verdict = _remote_field(doc, field, pos)
                if verdict is None and pos < field.value_start:
                    continue  # "Telecommuting: 0" says nothing either way
            else:
                verdict = None
            if verdict:
                weight = 10
            else:
                weight, verdict = _remote_phrase(doc, anchor, pos)
            if verdict and (best is None or (weight, -pos) > best[:2]):
                best = (weight, -pos, verdict)
    return (best[2], -best[1]) if best else None


def _remote_field(doc: _Doc, field: _Field, pos: int) -> str | None:
    """What a field says of remote work; linear: read once per field and side of it."""
    on_label = pos < field.value_start
    if on_label not in field.verdicts:
        field.verdicts[on_label] = _read_remote_field(doc, field, on_label)
    return field.verdicts[on_label]


def _read_remote_field(doc: _Doc, field: _Field, on_label: bool) -> str | None:
    value = doc.low[field.value_start : field.value_end].strip(" *_").lstrip("✅❌☑✔✗✘-–: ")
    if not value:
        return None
    if on_label:  # the anchor is the label: "Remote: yes", "是否远程：否"
        if field.label in _YES_NO_LABELS:
            if _ANSWER_NO.match(value):
                return None if field.label.startswith("telecommut") else "onsite"
            if _ANSWER_YES.match(value):
                return "remote"
        return None
    if "hybrid" in value or "混合" in value:
        return "hybrid"
    if _VALUE_NEGATION.search(value):
        return "onsite"
    if _VALUE_REMOTE.search(value):
        return "remote"
    if field.label in _LOCATION_LABELS:
        return None
    if _VALUE_ONSITE.search(value):
        return "onsite"
    return None


def _remote_phrase(doc: _Doc, anchor: str, pos: int) -> tuple[int, str | None]:
    low, text = doc.low, doc.text
    if anchor == "remote":
        inline = _INLINE_ANSWER.match(low, pos)
        if inline:  # "Work Remotely: No" inside flattened text
            answer = inline.group("answer")
            if answer in ("yes", "fully", "100%", "full"):
                return 10, "remote"
            return (10, "onsite") if answer == "no" else (0, None)
        if _CONDITIONAL.search(low, max(0, pos - 40), pos):
            return 0, None  # "if the position isn't remote, ...": a condition, not a policy
        if _REMOTE_NEG_AFTER.match(low, pos) or _REMOTE_NEG_BEFORE.search(low, max(0, pos - 45), pos):
            return 8, "onsite"
        if _REMOTE_NOISE.match(low, pos):
            return 0, None
        if _REMOTE_HYBRID_BEFORE.search(low, max(0, pos - 12), pos):
            return 6, "hybrid"
        if text.startswith("REMOTE", pos):
            return 5, "remote"
        if _REMOTE_POS_AFTER.match(low, pos) or _REMOTE_POS_BEFORE.search(low, max(0, pos - 12), pos):
            return 5, "remote"
        if _REMOTE_LOOSE.match(low, pos):
            return 3, "remote"
        return 0, None
    if anchor == "hybrid":
        if _HYBRID_NOISE.match(low, pos) or not _HYBRID_AFTER.match(low, pos):
            return 0, None
        return 6, "hybrid"
    if anchor == "office":
        days = _OFFICE_DAYS_BEFORE.search(low, max(0, pos - 45), pos) or _OFFICE_DAYS_AFTER.match(low, pos)
        if days:
            n = _DAYS.get(days.group("n")) or int(days.group("n"))
            return 6, "onsite" if n >= 5 else "hybrid"
        start = pos - 3 if low.startswith(("in-", "in "), pos - 3) else pos
        if _IN_OFFICE.match(low, start):
            return 4, "onsite"
        return 0, None
    if anchor == "site":
        if low.startswith(("on-", "on "), pos - 3):
            start = pos - 3
        elif low.startswith("on", pos - 2):
            start = pos - 2
        else:
            return 0, None
        if start and low[start - 1].isalnum():
            return 0, None
        if _REMOTE_NEG_BEFORE.search(low, max(0, start - 12), start) and low.startswith("no", start - 3):
            return 0, None
        if _ONSITE_NOISE.match(low, pos) or _AMENITY_BEFORE.search(low, max(0, start - 30), start):
            return 0, None  # "on-site gym", "showers onsite"
        after = _ONSITE_AFTER.match(low, pos)
        if after and after.group("only"):
            return 8, "onsite"
        if after or _ONSITE_BEFORE.search(low, max(0, start - 15), start):
            return (5 if text[start:pos + 4].isupper() else 4), "onsite"
        return 0, None
    if anchor == "home":
        if _HOME.search(low, max(0, pos - 16), pos) or _HOME_BASED.match(low, pos):
            if _REMOTE_NEG_BEFORE.search(low, max(0, pos - 30), max(0, pos - 14)):
                return 8, "onsite"
            return 5, "remote"
        return 0, None
    if anchor in ("wfh", "telecommut"):
        end = pos + len(anchor)
        if anchor == "wfh" and end < len(low) and low[end].isalpha():
            return 0, None
        if _REMOTE_NEG_BEFORE.search(low, max(0, pos - 12), pos):
            return 8, "onsite"
        return 5, "remote"
    if anchor == "远程":
        if low[pos - 1 : pos] in ("非", "不", "无") or low.startswith(("不支持", "不接受"), pos - 3):
            return 8, "onsite"
        if _REMOTE_POS_BEFORE.search(low, max(0, pos - 3), pos) or low.startswith(("远程办公", "远程工作"), pos):
            return 5, "remote"
        return 3, "remote"
    if anchor == "混合办公":
        return 6, "hybrid"
    if anchor in ("坐班", "驻场", "现场办公"):
        return 4, "onsite"
    if anchor == "distans" and doc.lang == "sv":
        explicit = low.startswith("på distans", pos - 3) or low.startswith("distansarbete", pos)
        return (5 if explicit else 3), "remote"
    return 0, None


# ---------------------------------------------------------------------------------------
# Employment type
# ---------------------------------------------------------------------------------------

_TYPE_LABELS = frozenset({
    "employment type", "employment", "job type", "type", "type of employment", "position type",
    "work schedule", "schedule", "appointment type", "contract", "contract type", "job term",
    "engagement", "engagement type", "commitment", "hours", "duration", "work type", "job status",
    "status", "position", "anställningsform", "anställningstyp", "omfattning", "arbetstid",
    "anstellungsart", "beschäftigungsart", "vertragsart", "type de contrat", "工作性质",
    "职位类型", "岗位类型", "工作类型", "是否全职", "工作形式",
})
_TYPE_ANCHORS = (("time", None), ("contract", "contract"))
# Rarer words, looked for only when the common ones said nothing explicit.
_TYPE_ANCHORS_RARE = (
    ("permanent", "full-time"), ("intern", "internship"), ("temporar", "temporary"), ("freelanc", "freelance"),
    ("c2c", "contract"), ("1099", "contract"), ("fixed", "contract"),
)
_TYPE_ANCHORS_FOREIGN = {
    "sv": (
        ("heltid", "full-time"), ("tillsvidare", "full-time"), ("vanlig anställning", "full-time"),
        ("deltid", "part-time"), ("vikariat", "temporary"), ("sommarjobb", "temporary"),
        ("behovsanställning", "temporary"), ("tidsbegränsad", "contract"),
    ),
    "de": (
        ("festanstellung", "full-time"), ("vollzeit", "full-time"), ("teilzeit", "part-time"),
        ("befristet", "contract"),
    ),
    "zh": (("全职", "full-time"), ("兼职", "part-time"), ("实习", "internship"), ("外包", "contract")),
}
_A = r"(?:(?:is|as|for|seeking|hiring|looking for|offering|this is|on|be hired as)[ \t]+an?|this|are|an?)[ \t]+"
_TERMS_BEFORE = re.compile(
    rf"(?:\b{_A}|\bpermanent,?[ \t]+|\bpermanent[ \t]+and[ \t]+|\bfull[- ]?time[ \t]+(?:and|or|&)[ \t]+)$"
)
_TERMS_AFTER = re.compile(
    r"[ \t]*,?[ \t]*(?:permanent[ \t]+|salaried[ \t]+|exempt[ \t]+|w-?2[ \t]+|temporary[ \t]+)?"
    r"(?:positions?|roles?|jobs?|employment|opportunit(?:y|ies)|basis|hire|employee\b|staff position"
    r"|contract\b|assignment|engagement|work\b|appointment|program|to[- ]hire|to[- ]perm)"
)
# "Acme | Berlin | Full-time | Onsite", "(Contract)", a line of its own.
_HEADER_BEFORE = re.compile(r"(?:\A|[\n(|/:•·]|\s[-–—])[ \t]*$")
_HEADER_AFTER = re.compile(r"[ \t]*(?:[)|/;•·,]|\.?[ \t]*(?:$|\n)|[ \t][-–—][ \t])")
_TYPE_NEGATED = re.compile(r"\b(?:not|no|non)[ -](?:open to |looking for |accepting |considering |\w+ )?$")
_TYPE_FORMS = {
    "contract": ("contract", "contractor", "contractors", "contract-to-hire", "contract-to-perm"),
    "permanent": ("permanent",),
    "intern": ("intern", "internship", "internships"),
    "temporar": ("temporary",),
    "freelanc": ("freelance", "freelancer", "freelancing"),
    "c2c": ("c2c",),
    "1099": ("1099",),
}
_TYPE_WORD = re.compile(r"[a-z0-9]+(?:-to-(?:hire|perm))?")
_TYPE_NOISE = re.compile(
    r"(?:permanent[ \t]+(?:resident|residency|residence|record|establishment|solution|magnet)"
    r"|full[- ]?time[ \t]+equivalent|contract[ \t]+(?:specialist|manager|administrator|analyst"
    r"|officer|negotiat\w*|management|law|attorney|lawyer|compliance|review|manufactur\w*|research"
    r"|vehicle|award|value|terms)|temporary[ \t]+(?:housing|accommodation|disabilit\w*|relief|lodging))"
)
_SMART_CONTRACT = re.compile(r"(?:smart|government|federal|dod|client|customer|service|signed?|our|sales)[ \t]+$")
_WEAK_FOREIGN_WORDS = frozenset({"实习", "外包"})
_SHOUT = {"FULL": "full-time", "PART": "part-time", "CONT": "contract", "INTE": "internship", "FREE": "freelance"}


def _employment_type(doc: _Doc) -> str | None:
    found = _employment_type_evidence(doc)
    return found[0] if found else None


def _employment_type_evidence(doc: _Doc) -> tuple[str, int] | None:
    """The job's terms and the offset of the words that state them.

    Weights as for remote work: a labelled field 10, the title 6, a shouted header word
    ("FULL TIME") 5, a phrase that states the terms ("a full-time role", "6-month contract")
    4, a foreign-language term 3. Bare mentions ("our full-time staff") count for nothing.
    """
    low = doc.low
    title_start, title_end = doc.title()
    best: tuple[int, int, str] | None = None  # (weight, -position, kind)
    anchors = _TYPE_ANCHORS + _TYPE_ANCHORS_FOREIGN.get(doc.lang, ())
    for anchor, kind in anchors + _TYPE_ANCHORS_RARE:
        if anchor == "permanent" and best is not None and best[0] >= 4:
            break
        for pos in doc.hits(anchor):
            start, end, kind_here = pos, pos + len(anchor), kind
            if anchor == "time":
                lead = low[max(0, pos - 5) : pos]
                if lead.endswith(("full-", "full ", "full")):
                    kind_here = "full-time"
                elif lead.endswith(("part-", "part ", "part")):
                    kind_here = "part-time"
                else:
                    continue
                start = pos - (4 if lead.endswith(("full", "part")) else 5)
                if start + 4 < len(low) and low[end : end + 1].isalpha():
                    continue
            elif anchor == "fixed":
                if not low.startswith(("fixed-term", "fixed term"), pos):
                    continue
                end = pos + 10
            elif anchor in _TYPE_FORMS:
                word = _TYPE_WORD.match(low, pos)
                if word is None or word.group(0) not in _TYPE_FORMS[anchor]:
                    continue
                end = word.end()
            if anchor.isascii() and start and low[start - 1].isalnum():
                continue
            if anchor.isascii() and _TYPE_NOISE.match(low, start):
                continue
            if anchor == "contract" and _SMART_CONTRACT.search(low, max(0, start - 12), start):
                continue
            if _TYPE_NEGATED.search(low, max(0, start - 25), start):
                continue
            if "authoriz" in low[max(0, start - 70) : start]:
                continue  # "authorized to work in the US on a full-time basis": eligibility
            weight = _type_weight(doc, start, end, title_start, title_end, anchor)
            if weight and (best is None or (weight, -start) > best[:2]):
                best = (weight, -start, kind_here)
    return (best[2], -best[1]) if best and best[0] >= 3 else None


def _type_weight(doc: _Doc, start: int, end: int, title_start: int, title_end: int, anchor: str) -> int:
    low, text = doc.low, doc.text
    field = doc.field_at(start)
    if field is not None and field.label in _TYPE_LABELS:
        if start >= field.value_start:
            return 10
        if field.label == "是否全职" and low[field.value_start : field.value_start + 1] == "是":
            return 10
    if title_start <= start < title_end:
        return 6
    if text[start : start + 4] in _SHOUT and text[start:end].isupper():
        return 5
    if anchor in ("c2c", "1099", "fixed"):
        return 4
    if _TERMS_BEFORE.search(low, max(0, start - 25), start) or _TERMS_AFTER.match(low, end):
        return 4
    if _HEADER_BEFORE.search(low, max(0, start - 3), start) and _HEADER_AFTER.match(low, end):
        return 4
    if anchor in _WEAK_FOREIGN_WORDS:
        return 0  # "实习经历" is internship experience, "外包" often a business partner
    if not anchor.isascii():
        return 3
    return 0
