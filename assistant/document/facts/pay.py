"""Which amount in a posting is the pay, if any.

Anchors are currency signs first, pay words second; each amount found is scored by its
context (a "Salary:" label, a compensation section, a period, a range) and the best one
wins. Funding rounds, stipends, prices and bonuses score against.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import Salary
from .money import (
    _BARE_RANGE,
    _CODES,
    _CUR_NEAR,
    _GRADE_RANGE_TAIL,
    _MONTH_COUNT,
    _YEARS,
    _bounds,
    _money_around,
    _money_at_number,
    _parse_amounts,
    _period_after,
    _period_before,
)
from .pay_notices import estimated_by_others, system_notice
from .view import _Doc

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
    "deductible", "deductibles", "premium", "premiums", "copay", "copays",
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
_JOINED = re.compile(r"[ \t]*(?:\+|plus\b|and\b|&|with\b|,|;|\()")
_CAD_HINT = re.compile(r"\bcad\b|c\$|ca\$|canadian dollar")
_AUD_HINT = re.compile(r"\baud\b|a\$|au\$|australian dollar")
_SYMBOLS = ("€", "£")
_SYMBOLS_CHINESE = ("¥", "￥", "元")
_PAY_WORDS = ("salar", "compensation", "pay", "usd", "eur", "gbp", "chf", "sek", "nok", "dkk", "cad", "aud", "inr", "jpy", "pln")
# Currency codes, which may follow the number ("45,000 EUR"); written in capitals but
# for "usd", which scrapes lower-case.
_CODE_WORDS = frozenset(_PAY_WORDS[3:])
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
    """The employer's pay; failing that, a third party's estimate (marked as one)."""
    pick = _Pick(doc)
    _pay_near_signs(doc, pick)
    if pick.best is None:
        _pay_near_words(doc, pick)
    return pick.best or pick.estimate


class _Pick:
    """The best-scoring pay seen so far, and apart from it the best estimate by others:
    an estimate never outscores, nor stops the search for, the employer's own figure."""

    __slots__ = ("doc", "best", "score", "covered", "seen", "estimate", "estimate_score")

    def __init__(self, doc: _Doc):
        self.doc = doc
        self.best: Salary | None = None
        self.score = 0
        self.covered = -1  # end of the last expression scored: anchors inside it are done
        self.seen: set[int] = set()
        self.estimate: Salary | None = None
        self.estimate_score = 0

    def consider(self, match: re.Match[str] | None) -> None:
        if match is None or match.start() < self.covered or match.start() in self.seen:
            return
        self.covered = match.end()
        self.seen.add(match.start())
        found = _score_money(self.doc, match.start(), match.end(), self.score)
        if found is None:
            return
        if found[1].estimate:
            if found[0] > self.estimate_score:
                self.estimate_score, self.estimate = found
        elif found[0] > self.score:
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
        anchors.sort()
    if "kr" in doc.low:  # "25 000 kr", "400kr/mån", in Swedish or in English
        anchors = sorted([*anchors, *(m.start() for m in _KRONOR.finditer(doc.low))])
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
                if low[pos + 3 : pos + 4].isalpha() or (word != "usd" and not text[pos : pos + 3].isupper()):
                    continue  # "usda", "Europe", "cadence": not a code
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
    near_before = low[max(line_start, start - 40) : start]
    clause = _CLAUSE.match(near_before)
    if clause:
        near_before = near_before[clause.end() :]  # "raised $12M and pay $140k": only "and pay"
    if period is None:  # in this clause: "annual deductibles ($250 or $500)" names no pay period
        period = _period_before(low, start - len(near_before), start)
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
    if _not_pay(near_before) or _not_pay(soon_after):
        score -= 6
        if score < 4:
            return None

    label = field.label if labelled else None
    if system_notice(doc, start, end, is_range, label):
        return None  # "the maximum salary available for the GS pay system is $191,900"
    currency = _resolve_currency(doc, currency, start, end)
    if not explicit_period:
        period = _usual_period(doc, top, currency)
    estimate = estimated_by_others(doc, start, end, field.label if field is not None else None)
    return score, Salary(text[start:end], low_value, high_value, currency, period, start, end, estimate)


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


def _usual_period(doc: _Doc, top: float, currency: str | None) -> str | None:
    """The period nobody wrote down, where convention leaves no doubt."""
    if doc.chinese:
        return "year" if top >= 300_000 else "month"  # "20-35K" is monthly, "120万" yearly
    if currency == "SEK" and top < 100_000:
        return "month"
    if top >= 20_000:
        return "year"
    return None
