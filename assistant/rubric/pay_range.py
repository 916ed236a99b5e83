"""Is the stated pay the pay the law asks for? Range quality, read on the pay fact.

The pay fact (document/facts/pay.py) says what was found: the amounts, a currency, a
period, where. This module judges it against the laws of the places the posting names
(`laws.Verdict`s): an open-ended range where a law bars one, a range wider than a
law's limit, then what any reader needs whatever the law (a period, a currency, an
hourly figure that reads as yearly, a currency that does not fit the place). Only a
law in force makes a finding graver than info, and only as grave as its verdict.

Every scan here reads the fact's own text and a few dozen characters around it:
constant work per posting.
"""

from __future__ import annotations

import re

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .laws import Verdict

# Open-ended wording just before the amount ("up to $120k") or just after it ("$25/hr+",
# "$20 and up"). The pay fact may also say so itself (`open_ended`), when it learns to.
_OPEN_BEFORE = re.compile(
    r"(?:\bup\s+to|\bas\s+much\s+as|\bmaximum(?:\s+of)?|\bmax\.?|\bfrom|\bstarting\s+(?:at|from)|\bbeginning\s+at"
    r"|\bminimum(?:\s+of)?|\bmin\.?|\bat\s+least|\bno\s+less\s+than|\bupwards\s+of|\bin\s+excess\s+of)\s*:?\s*$"
)
_OPEN_AFTER = re.compile(r"^(?:\s*(?:and|or)\s+(?:up|more|above|higher)\b|\s*\+(?!\s*[a-z]))")
_PLUS_AT_END = re.compile(r"\+\s*$")
_WINDOW = 24
# Words that give a pay figure its period, in the languages the pay fact reads.
_PERIOD_WORDS = re.compile(
    r"\b(?:year|years|yearly|yr|annual|annually|annum|p\.?a|hour|hours|hourly|hr|hrs|month|months|monthly|mo|mth"
    r"|week|weekly|wk|day|daily|jahr|jährlich|monat|monatlich|stunde|std|an|annuel|mois|mensuel|heure"
    r"|år|månad|mån|timme|tim|año|anual|mes|mensual|hora|jaar|maand|uur)\b|/\s*(?:h|y|m)\b|[月年时]"
)
# Currencies whose yearly pay runs to five or six figures: there "$95,000 an hour"
# is a yearly figure and "$40 a year" an hourly one.
_SALARY_SCALE = frozenset({"USD", "CAD", "EUR", "GBP", "AUD", "NZD", "CHF", "SGD"})
_OBVIOUSLY_YEARLY = 10_000
# Washington State University study (Journal of Applied Psychology): applicants called
# a $58,100–$152,500 range "dishonest". A range as wide relative to its minimum gets a note.
_WSU_RATIO = 152_500 / 58_100
_WSU = (
    "applicants in a Washington State University study called a $58,100–$152,500 range “dishonest” "
    "(https://hrmjunkies.com/job-postings-with-wide-pay-ranges-could-discourage-applicants-study-finds/)"
)


def open_ended(salary, text: str) -> str | None:
    """The words that leave the range open at one end, or None for a closed range."""
    if salary.min is not None and salary.max is not None and salary.min != salary.max:
        return None  # "from $90k to $120k" is a range
    flagged = getattr(salary, "open_ended", None)
    if salary.start is None:
        return "an open-ended figure" if flagged or salary.min is None or salary.max is None else None
    before = text[max(0, salary.start - _WINDOW) : salary.start].lower()
    m = _OPEN_BEFORE.search(before)
    if m:
        return before[m.start() :].strip().rstrip(":").strip()
    if _PLUS_AT_END.search(salary.text):
        return f"{salary.text.strip()}"
    after = text[salary.end : salary.end + _WINDOW].lower()
    m = _OPEN_AFTER.match(after)
    if m:
        return f"{salary.text.strip()}{m.group().rstrip()}"
    if flagged or salary.min is None or salary.max is None:
        return "an open-ended figure"
    return None


def problems(salary, text: str, verdicts: list[Verdict]) -> list[tuple[str, str]]:
    """(severity, message) for each thing wrong with the stated pay, gravest law first."""
    found: list[tuple[str, str]] = []
    applying = [v for v in verdicts if v.applies]
    cue = open_ended(salary, text)
    if cue:
        found.append(_open_ended(cue, applying))
    low, high = salary.min, salary.max
    closed = low is not None and high is not None and high > low > 0
    if closed:
        found += _too_wide(salary, low, high, applying)
    line = _line(text, salary)
    if salary.period is None or (not _PERIOD_WORDS.search(line.lower()) and not _obviously_yearly(salary)):
        found.append(("info", "The pay does not say its period: add “per year”, “per month” or “per hour”."))
    if salary.currency is None:
        found.append(("info", "The pay does not say its currency: write the code or sign (USD, €, £…)."))
    mismatch = _period_mismatch(salary, line)
    if mismatch:
        found.append(("info", mismatch))
    misplaced = _currency_misfit(salary, verdicts)
    if misplaced:
        found.append(("info", misplaced))
    return found


def _open_ended(cue: str, applying: list[Verdict]) -> tuple[str, str]:
    barring = [v for v in applying if v.law.open_ended == "forbidden"]
    if barring:
        v = barring[0]
        severity = "error" if v.severity == "error" else "warning"
        return severity, (
            f"“{cue}” leaves the range open at one end. {v.law.jurisdiction}: {_ref(v.law)} does not accept "
            "open-ended ranges; state a minimum and a maximum."
        )
    likely = [v for v in applying if v.law.open_ended == "likely forbidden"]
    if likely:
        v = likely[0]
        return "warning", (
            f"“{cue}” leaves the range open at one end. {v.law.jurisdiction}: {_ref(v.law)} asks for a minimum "
            "and a maximum, which likely excludes open-ended ranges; state both."
        )
    return "info", f"“{cue}” gives only one end of the range: state a minimum and a maximum."


def _ref(law) -> str:
    return f"{law.name} ({law.citation})"


def _money(law, amount: float) -> str:
    return f"{law.currencies[0]} {amount:,.0f}" if law.currencies else f"{amount:,.0f}"


def _too_wide(salary, low: float, high: float, applying: list[Verdict]) -> list[tuple[str, str]]:
    found = []
    width = high - low
    yearly = salary.period in (None, "year")
    for v in applying:
        law = v.law
        if law.max_width and yearly and salary.currency in (None, *law.currencies) and width > law.max_width:
            if law.width_below and high > law.width_below:
                continue  # above the boundary the law asks for no range at all
            boundary = law.width_below and high == law.width_below
            severity = "warning" if boundary or v.severity != "error" else "error"
            note = f" (whether a range topping at exactly {_money(law, law.width_below)} is covered is unconfirmed)" if boundary else ""
            below = f" for ranges under {_money(law, law.width_below)}" if law.width_below else ""
            found.append((severity, (
                f"The range is {width:,.0f} wide. {law.jurisdiction}: {_ref(law)} allows a width of at most "
                f"{_money(law, law.max_width)}{below}{note}; narrow it."
            )))
        if law.proposed_spread and width > law.proposed_spread * low:
            found.append(("info", (
                f"The range spreads {width / low:.0%} of its minimum; {law.jurisdiction}'s proposed rules under "
                f"{law.citation} (not adopted, per sources) would allow at most {law.proposed_spread:.0%}."
            )))
    if high / low >= _WSU_RATIO:
        found.append(("info", f"The range is very wide (the top is {high / low:.1f} times the bottom); {_WSU}."))
    return found


def _line(text: str, salary) -> str:
    """The line the pay stands on (the fact's text alone when it has no place in the text)."""
    if salary.start is None:
        return salary.text
    start = text.rfind("\n", 0, salary.start) + 1
    end = text.find("\n", salary.end)
    return text[start : end if end != -1 else len(text)][:500]


def _obviously_yearly(salary) -> bool:
    top = salary.max or salary.min or 0
    return salary.currency in _SALARY_SCALE and top >= _OBVIOUSLY_YEARLY


def _period_mismatch(salary, line: str) -> str | None:
    if salary.currency not in (None, *_SALARY_SCALE):
        return None
    top = salary.max or salary.min or 0
    if salary.period == "hour" and top >= 1_000:
        return f"The pay is given per hour, but {top:,.0f} reads like a yearly figure: check the period."
    if salary.period == "year" and 0 < top < 1_000 and _PERIOD_WORDS.search(line.lower()):
        return f"The pay is given per year, but {top:,.0f} reads like an hourly figure: check the period."
    return None


def _currency_misfit(salary, verdicts: list[Verdict]) -> str | None:
    """A currency used by none of the places the posting names (remote reach aside)."""
    if salary.currency is None:
        return None
    # The Union as a whole has many currencies: only a country's own entry says which is local.
    named = [v.law for v in verdicts if v.via == "place" and v.law.currencies and v.law.country != "EU"]
    if not named or any(salary.currency in law.currencies for law in named):
        return None
    places = list(dict.fromkeys(law.jurisdiction for law in named))[:2]
    expected = list(dict.fromkeys(law.currencies[0] for law in named))[:2]
    return (
        f"The pay is in {salary.currency}, but the posting names {' and '.join(places)}, where pay is in "
        f"{' or '.join(expected)}: say which currency applies, or give the local one."
    )
