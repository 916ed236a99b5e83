"""Pay-transparency law as data: what each entry of `rubrics/pay-laws.toml` holds, and
what a posting's places make of it.

Laws change every few months, so the facts live in the data file (place, dates, size
threshold, what a posting must hold, citation, link, when it was last checked, how sure
the source is) and this module only reads them: which laws are in force on a date, and
how grave a posting's silence on pay is under them. The grading follows one principle:
a finding never says more than the law does. An error needs a law in force that
requires pay in the posting itself, a requirement seen in the source and a start date
that is not in doubt; a law that wants pay information before the interview (the EU
directive, Poland) gives a warning; everything else is info.

Kept apart from the rule kinds because three doors read it: `lint` (through
`completeness/salary` and `completeness/pay-range`), `posting-assistant laws`, and
docs/pay-laws.md.
"""

from __future__ import annotations

import datetime as dt
import re

from .._record import Record
from .validate import fail, patterns, str_list

TYPE_CHECKING = False  # `typing` costs 3 ms of start-up; annotations only need it for checkers
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

    from .patterns import PatternSet

# Where a law wants the pay: in the posting itself, before the interview (in the
# notice or otherwise), only on request, or nowhere (a place with no such law).
PAY_IN = ("posting", "before-interview", "on-request", "none")
# How sure the stored source is (PAY-LAWS-2026.md: S seen in source, I inferred, U unconfirmed).
CONFIDENCE = ("seen", "inferred", "unconfirmed")
# Whether a remote role open to the whole country counts as work in the place.
REMOTE = ("covered", "inferred", "not covered", "unknown")
# Whether the law bars an open-ended range ("up to $X", "$X+"): stated by the law or
# its regulator, inferred from a min-and-max requirement, or not said.
OPEN_ENDED = ("forbidden", "likely forbidden", "not said")
# What a posting must hold, besides the pay itself, as words the docs and `laws` show.
REQUIRES = {
    "pay": "the pay or a pay range",
    "range": "a minimum and a maximum",
    "good-faith": "a range the employer expects in good faith to pay",
    "benefits": "a general description of benefits and other compensation",
    "deadline": "the application deadline",
    "min-pay": "the minimum pay under the collective agreement or law, and any willingness to pay more",
    "width": "a range no wider than the law's limit",
    "ai-use": "whether AI screens applicants",
    "vacancy": "whether the vacancy exists",
}
LAW_KEYS = {
    "id", "name", "jurisdiction", "country", "citation", "url", "effective", "enforced", "status",
    "employees", "size", "pay_in", "requires", "message", "summary", "open_ended", "max_width",
    "width_below", "proposed_spread", "remote", "currencies", "places", "confidence",
    "date_confidence", "unconfirmed", "last_checked", "federal", "federal_source",
}
# Whether the law binds the national government as employer (a state or provincial law
# and a federal agency): "not covered" needs `federal_source`, the text that says so;
# "unknown" (the default) makes a federal posting's finding say the law "may apply".
FEDERAL = ("not covered", "unknown")
REQUIRED_KEYS = {
    "id", "name", "jurisdiction", "country", "citation", "url", "pay_in", "summary", "places",
    "confidence", "last_checked",
}


class Law(Record):
    """One jurisdiction's rule on pay in job postings, as the data file states it.

    `effective` is None for a law not in force on any date (a bill, a law never
    proclaimed, a place with no such law); `status` then says which. `employees` is
    the size threshold (0: every employer; None: not known).
    """

    __slots__ = (
        "id", "name", "jurisdiction", "country", "citation", "url", "effective", "enforced", "status",
        "employees", "size", "pay_in", "requires", "message", "summary", "open_ended", "max_width",
        "width_below", "proposed_spread", "remote", "currencies", "places", "remote_places",
        "confidence", "date_confidence", "unconfirmed", "last_checked", "federal", "federal_source",
    )

    def __init__(self, **values):
        for name in self.__slots__:
            setattr(self, name, values.get(name))

    # Kept from the first version of the law data: the overview and older callers read it.
    @property
    def source(self) -> str:
        return self.url

    def in_force(self, as_of: dt.date) -> bool:
        return self.effective is not None and self.effective <= as_of

    def state(self, as_of: dt.date) -> str:
        """In words, for `laws` and the docs: in force, from a date, or the status."""
        if self.effective is None:
            return self.status or "not in force"
        if self.effective > as_of:
            return f"in force from {self.effective.isoformat()}"
        if self.enforced is not None and self.enforced > as_of:
            return f"in force since {self.effective.isoformat()}, enforced from {self.enforced.isoformat()}"
        return f"in force since {self.effective.isoformat()}"


def law_from_toml(path: Path, raw: dict[str, Any], remote_table: dict[str, PatternSet]) -> Law:
    """A `[[law]]` entry checked: every mistake names the file and the law, so a typo
    cannot silently switch a law off."""
    law_id = raw.get("id")
    if not isinstance(law_id, str) or not law_id:
        raise fail(path, None, "law without id")
    where = f"law {law_id!r}"

    def bad(msg: str):
        return fail(path, None, f"{where}: {msg}")

    unknown = set(raw) - LAW_KEYS
    if unknown:
        raise bad(f"unknown key(s) {', '.join(sorted(unknown))}")
    missing = REQUIRED_KEYS - set(raw)
    if missing:
        raise bad(f"missing {', '.join(sorted(missing))}")
    for key in ("name", "jurisdiction", "country", "citation", "url", "summary"):
        if not isinstance(raw[key], str) or not raw[key].strip():
            raise bad(f"'{key}' must be text")
    dates = {}
    for key in ("effective", "enforced", "last_checked"):
        value = raw.get(key)
        if value is not None and (not isinstance(value, dt.date) or isinstance(value, dt.datetime)):
            raise bad(f"'{key}' must be a date (YYYY-MM-DD)")
        dates[key] = value
    if dates["effective"] is None and not str(raw.get("status", "")).strip():
        raise bad("a law with no 'effective' date needs a 'status' saying why (a bill, not proclaimed, no law)")
    if dates["enforced"] is not None and (dates["effective"] is None or dates["enforced"] < dates["effective"]):
        raise bad("'enforced' must come on or after 'effective'")
    choices = {
        "pay_in": PAY_IN, "confidence": CONFIDENCE, "date_confidence": CONFIDENCE,
        "remote": REMOTE, "open_ended": OPEN_ENDED, "federal": FEDERAL,
    }
    defaults = {"date_confidence": "seen", "remote": "unknown", "open_ended": "not said", "federal": "unknown"}
    chosen = {}
    for key, allowed in choices.items():
        value = raw.get(key, defaults.get(key))
        if value not in allowed:
            raise bad(f"'{key}' must be one of {', '.join(allowed)}")
        chosen[key] = value
    requires = str_list(path, law_id, "requires", raw.get("requires", []))
    unknown_req = set(requires) - set(REQUIRES)
    if unknown_req:
        raise bad(f"unknown requirement(s) {', '.join(sorted(unknown_req))} (one of {', '.join(REQUIRES)})")
    if chosen["pay_in"] in ("posting", "before-interview") and (not isinstance(raw.get("message"), str) or not raw["message"].strip()):
        raise bad("a law that requires pay needs a 'message' (what it requires, as a finding says it)")
    employees = raw.get("employees")
    if employees is not None and (not isinstance(employees, int) or isinstance(employees, bool) or employees < 0):
        raise bad("'employees' must be a whole number (0: every employer)")
    numbers = {}
    for key in ("max_width", "width_below", "proposed_spread"):
        value = raw.get(key)
        if value is not None and (not isinstance(value, (int, float)) or isinstance(value, bool) or value <= 0):
            raise bad(f"'{key}' must be a positive number")
        numbers[key] = value
    federal_source = str(raw.get("federal_source", "")).strip()
    if chosen["federal"] == "not covered" and not federal_source:
        raise bad("'federal = \"not covered\"' needs a 'federal_source' (the text that says the national government is outside the law)")
    currencies = str_list(path, law_id, "currencies", raw.get("currencies", []))
    places = patterns(path, law_id, str_list(path, law_id, "places", raw["places"]), 0)
    remote_places = None
    if chosen["remote"] in ("covered", "inferred"):
        remote_places = remote_table.get(raw["country"])
        if remote_places is None:
            raise bad(f"remote roles are covered, but the file has no [remote] patterns for {raw['country']!r}")
    return Law(
        id=law_id, name=raw["name"].strip(), jurisdiction=raw["jurisdiction"].strip(), country=raw["country"],
        citation=raw["citation"].strip(), url=raw["url"].strip(), effective=dates["effective"],
        enforced=dates["enforced"], status=str(raw.get("status", "")).strip(), employees=employees,
        size=str(raw.get("size", "")).strip(), pay_in=chosen["pay_in"], requires=tuple(requires),
        message=str(raw.get("message", "")).strip(), summary=raw["summary"].strip(),
        open_ended=chosen["open_ended"], max_width=numbers["max_width"], width_below=numbers["width_below"],
        proposed_spread=numbers["proposed_spread"], remote=chosen["remote"], currencies=tuple(currencies),
        places=places, remote_places=remote_places, confidence=chosen["confidence"],
        date_confidence=chosen["date_confidence"], unconfirmed=str(raw.get("unconfirmed", "")).strip(),
        last_checked=dates["last_checked"], federal=chosen["federal"], federal_source=federal_source,
    )


def remote_from_toml(path: Path, raw: Any) -> dict[str, PatternSet]:
    """The `[remote]` table: per country, how a posting says a remote role is open to all of it."""
    if not isinstance(raw, dict):
        raise fail(path, None, "[remote] must be a table of country = [patterns]")
    return {country: patterns(path, f"remote.{country}", str_list(path, country, country, value), 0) for country, value in raw.items()}


def in_force(laws: list[Law], as_of: dt.date) -> list[Law]:
    """The laws in force on `as_of`, in the data's order."""
    return [law for law in laws if law.in_force(as_of)]


def stale(laws: list[Law], as_of: dt.date, months: int = 12) -> list[Law]:
    """Entries last checked more than `months` before `as_of`: the table is rotting."""
    limit = _months_before(as_of, months)
    return [law for law in laws if law.last_checked is None or law.last_checked < limit]


def _months_before(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


# --- what a posting's places make of the laws ------------------------------------------

_SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
_EMPLOYEES = re.compile(r"\d[\d,.\s]*")


class Verdict(Record):
    """One law a posting's places bring in, judged on a date.

    `applies`: the law is in force and wants pay information (in the posting or before
    the interview) from this employer, as far as the posting tells. `severity`: what a
    posting without pay gets under it. `caveat`: why it is not an error although the
    law wants pay in the posting (a date in doubt, not yet enforced, a remote reach
    that is only inferred), or why it does not apply.
    """

    __slots__ = ("law", "via", "applies", "severity", "caveat")

    def __init__(self, law: Law, via: str, applies: bool, severity: str, caveat: str = ""):
        self.law = law
        self.via = via  # "place": the posting names it; "remote": a remote role open to its country
        self.applies = applies
        self.severity = severity
        self.caveat = caveat


def stated_employees(meta: dict) -> int | None:
    """The employer's headcount when the posting's front matter states it (`employees: 12`)."""
    for key in ("employees", "headcount", "company_size"):
        value = meta.get(key)
        if value:
            m = _EMPLOYEES.match(str(value).strip())
            if m:
                digits = re.sub(r"\D", "", m.group())
                if digits:
                    return int(digits)
    return None


# A board's company card ("Headquarters: Reston, VA") says where the company sits, not
# where the job is: a law follows the job, so such lines do not name a place.
_HEADQUARTERS = re.compile(
    r"^[^\S\n]*(?:[-*\u2022][^\S\n]*)?(?:\*\*)?(?:Headquarters|Head ?quarters|HQ|Head office|Company headquarters)(?:\*\*)?[^\S\n]*:.*$",
    re.I | re.M,
)


# The company's story ("the institute began in Washington, DC, in 1982", "founded in
# Austin") says where the employer comes from, not where this job is: the clause is
# blanked up to its end (or an "and", "where", "we" that starts another), so the place
# in it brings in no law.
_ORIGIN = re.compile(
    r"\b(?:began|founded|established|incorporated|born|formed|originated)[ \t]+(?:(?:back|originally|first)[ \t]+)?"
    r"(?:in|at)[ \t]+(?:(?![ \t](?:and|but|where|is|are|now|today|we|our|this|the role|you)\b)[^.;\n]){0,60}",
    re.I,
)
_ORIGIN_WORDS = ("began", "founded", "established", "incorporated", "born", "formed", "originated")


# "residents of Bucks, Chester, Delaware and Montgomery counties", "Delaware County": a
# county named like a state is not that state. The names before each "county"/"counties"
# are read in a bounded window, `$`-anchored, so the cost stays linear.
_COUNTY_NAMES = re.compile(r"(?:[A-Z][a-z]+(?: [A-Z][a-z]+)?,?[ \t]+(?:(?:and|or|&)[ \t]+)?){1,10}$")
_COUNTY = re.compile(r"[Cc]ount(?:y|ies)\b")


_NAME_WORDS = re.compile(r"[A-Z][a-z]+(?: [A-Z][a-z]+)?")


def _blank_counties(text: str, low: str) -> str | None:
    """Only the state names among the county names are blanked: "Albany County" keeps
    its own county law, "Delaware County" loses Delaware's."""
    from ..document.facts.places import _US_STATE_NAMES

    out: list[str] | None = None
    at = low.find("count")
    while at >= 0:
        if _COUNTY.match(text, at):
            names = _COUNTY_NAMES.search(text, max(0, at - 160), at)
            if names:
                for word in _NAME_WORDS.finditer(text, names.start(), at):
                    name, first = word.group(), word.group().split()[0]  # a state whole ("New York") or first ("Delaware Valley")
                    if name.lower() in _US_STATE_NAMES:
                        end = word.end()
                    elif first.lower() in _US_STATE_NAMES:
                        end = word.start() + len(first)
                    else:
                        continue
                    out = out if out is not None else list(text)
                    out[word.start() : end] = " " * (end - word.start())
        at = low.find("count", at + 5)
    return "".join(out) if out is not None else None


def without_headquarters(text: str, low: str | None = None) -> str | None:
    """The text with company-headquarters lines, origin clauses and county names blanked
    (same length, so offsets hold), or None when it has none. One pass over the text for
    each, the others only when their words are in `low` (the text lower-cased)."""
    blank = lambda m: " " * len(m.group())  # noqa: E731
    out = _HEADQUARTERS.sub(blank, text) if _HEADQUARTERS.search(text) else None
    low = low if low is not None else text.lower()
    if any(w in low for w in _ORIGIN_WORDS) and _ORIGIN.search(out if out is not None else text):
        out = _ORIGIN.sub(blank, out if out is not None else text)
    if "count" in low:
        counties = _blank_counties(out if out is not None else text, low)
        out = counties if counties is not None else out
    return out


class _CASED:
    """A sign read on the text as written (a name's capitals), not lower-cased."""

    __slots__ = ("rx",)

    def __init__(self, source: str):
        self.rx = re.compile(source)


# Signs that the employer is the national government itself, by country: its pay
# grades, its hiring portal and personnel office, its service types and web domains.
# Two different kinds are needed, since a contractor may mention one ("GS-13 equivalent").
# Each sign has the lower-case words it cannot match without, looked for first.
_NATIONAL_EMPLOYER = {
    "US": (
        (("gs-", "general schedule"), re.compile(r"\bgs-\d{1,2}\b|\bgeneral schedule\b")),
        (("usajobs",), re.compile(r"\busajobs\b")),
        (("personnel management", "opm"), re.compile(r"\boffice of personnel management\b|\bopm\b")),
        (("excepted service", "competitive service"), re.compile(r"\b(?:excepted|competitive) service\b")),
        # The federal career-transition programmes, the Schedule A disability authority and
        # "as a federal employee, you …": the federal hiring vocabulary.
        (("ctap",), re.compile(r"\bi?ctap\b")),
        (("schedule a",), re.compile(r"\bschedule a (?:eligibility|hiring authority|appointment|applicants?|letter|candidates?)\b")),
        (("federal employee",), re.compile(r"\bas a (?:new )?federal employee\b")),
    ),
    "CA": (
        (("of canada", "du canada"), re.compile(r"\b(?:government of canada|gouvernement du canada)\b")),
        (("public service", "public-service"), re.compile(
            r"\bpublic[- ]service[- ]commission\b|\bfederal public service\b|\bpublic service of canada\b")),
        (("treasury board", "tbs-sct"), re.compile(r"\btreasury board\b|\btbs-sct\b")),
        ((".gc.ca", "canada.ca/"), re.compile(r"\.gc\.ca\b|\bcanada\.ca/")),
        (("classifi",), re.compile(r"\bclassifi\w+ (?:as|at) \[?(?:cs|it|ec|pm|as|fi|pe)-0\d\b")),
        # The employer's own staff called public servants ("help public servants improve services").
        (("public servant",), re.compile(r"\bpublic servants?\b")),
        # A federal body named in the national form: "Canada Revenue Agency", "the Canadian
        # X Service"; read on the text as written, since the capitals make it a name.
        (("canad",), _CASED(r"\bCanad(?:a|ian)(?:[ \t]+[A-Z][a-z]+){1,3}[ \t]+(?:Agency|Service|Commission)\b")),
    ),
}


def national_employer(text: str, low: str | None = None) -> str | None:
    """The country whose national government the posting shows as the employer, or None.

    `low`: the text lower-cased (the posting has it). A substring test per sign, and a
    search over the text only where its words are there.
    """
    low = low if low is not None else text.lower()
    for country, signs in _NATIONAL_EMPLOYER.items():
        shown = 0
        for words, sign in signs:
            if any(w in low for w in words) and (sign.rx.search(text) if isinstance(sign, _CASED) else sign.search(low)):
                shown += 1
                if shown == 2:
                    return country
    return None


def judge(
    found: list[tuple[Law, str]], as_of: dt.date, employees: int | None = None, national: str | None = None,
) -> list[Verdict]:
    """What each law found in a posting asks of it on `as_of`, gravest first.

    `national`: the country whose national government is the employer (`national_employer`);
    its state, provincial and city laws then bind only as far as their data says.
    """
    verdicts = []
    for law, via in found:
        verdict = _judge_one(law, via, as_of, employees)
        if national is not None and law.country == national and verdict.applies:
            verdict = _national(verdict)
        verdicts.append(verdict)
    verdicts.sort(key=lambda v: -_SEVERITY_RANK[v.severity])  # stable: the data's order within a severity
    return verdicts


def _national(v: Verdict) -> Verdict:
    """A sub-national law and a national-government employer: outside the law where its
    data cites a source for that; otherwise the law only "may apply" (info, not a claim)."""
    law = v.law
    if law.federal == "not covered":
        return Verdict(law, v.via, False, "info", f"the national government is outside it as employer ({law.federal_source})")
    return Verdict(
        law, v.via, False, "info",
        f"may apply: it {law.message}, but the employer looks like the national government, "
        "and no source here says whether the law binds it",
    )


def _judge_one(law: Law, via: str, as_of: dt.date, employees: int | None) -> Verdict:
    if law.pay_in == "none":
        return Verdict(law, via, False, "info", law.status or "no law requires pay in job postings")
    if law.pay_in == "on-request":
        return Verdict(law, via, False, "info", "pay is owed on request, not in the posting")
    if law.effective is None:
        return Verdict(law, via, False, "info", law.status or "not in force")
    if law.effective > as_of:
        return Verdict(law, via, False, "info", f"in force from {law.effective.isoformat()}")
    if employees is not None and law.employees and employees < law.employees:
        return Verdict(
            law, via, False, "info",
            f"it applies to employers with {law.size or f'{law.employees} or more employees'}; the posting states {employees}",
        )
    if law.pay_in == "before-interview":
        return Verdict(law, via, True, "warning")
    caveat = ""
    if law.confidence != "seen":
        caveat = "what it requires of the posting is unconfirmed"
    elif law.date_confidence == "unconfirmed":
        caveat = f"its start date ({law.effective.isoformat()}) is unconfirmed"
    elif law.enforced is not None and law.enforced > as_of:
        caveat = f"enforced from {law.enforced.isoformat()}"
    elif via == "remote" and law.remote == "inferred":
        caveat = "that it covers remote roles is inferred from reports"
    return Verdict(law, via, True, "warning" if caveat else "error", caveat)


def pattern_sets(laws: list[Law]) -> list[tuple[tuple[int, str], PatternSet]]:
    """Each law's places, and its remote reach where it has one, keyed (index, how)."""
    sets: list[tuple[tuple[int, str], PatternSet]] = []
    for i, law in enumerate(laws):
        sets.append(((i, "place"), law.places))
        if law.remote_places is not None:
            sets.append(((i, "remote"), law.remote_places))
    return sets


def found_laws(laws: list[Law], keys: set) -> list[tuple[Law, str]]:
    """The laws behind the matched keys of `pattern_sets`, once each, in the data's
    order; a law the posting names as a place counts as named, not only reached."""
    how: dict[int, str] = {}
    for i, via in keys:
        if how.get(i) != "place":
            how[i] = via
    return [(laws[i], how[i]) for i in sorted(how)]


_NAMED = 2  # laws named in one message; the rest are counted
# "Competitive" or "negotiable" said of the pay (not of a market or a schedule). The gap
# between the pay word and the adjective is bounded, so the scan stays linear.
_NOT_PAY = re.compile(
    r"\b(?:competitive|negotiable|attractive)\s+(?:base\s+)?(?:salary|salaries|pay|compensation|wages?|rates?|remuneration|package)\b"
    r"|\b(?:salary|pay|compensation|wages?|remuneration)\b[^.\n]{0,20}?\b(?:competitive|negotiable)\b"
    r"|\bdepending on experience\b|\bcommensurate with (?:your )?experience\b"
)
_DOE = re.compile(r"\b(?:DOE|DOQ)\b")


def missing_pay(verdicts: list[Verdict], severity: str, message: str, regraded: bool, text: str = "", low: str = "") -> tuple[str, str]:
    """The severity and message of "no pay is stated", under the laws found.

    The gravest laws are named with their citation and what they require, in the
    data's own words (`message`), with the size threshold, since a posting rarely
    states the employer's size. A user's own severity for the rule stands.
    """
    applying = [v for v in verdicts if v.applies]
    if applying and not regraded and _SEVERITY_RANK[applying[0].severity] > _SEVERITY_RANK[severity]:
        severity = applying[0].severity
    parts = [message]
    if applying:
        top = [v for v in applying if v.severity == applying[0].severity]
        parts += [_requirement(v) for v in top[:_NAMED]]
        more = len(applying) - min(len(top), _NAMED)
        if more:
            parts.append(
                f"{more} more {'law asks' if more == 1 else 'laws ask'} for pay here: "
                "`posting-assistant explain completeness/salary FILE` lists them."
            )
        if top[0].law.pay_in == "before-interview":  # the directive: say where no national law has come yet
            parts += [_note(v) for v in verdicts if v.law.pay_in == "none" and v.law.status][:1]
    else:
        parts += [_note(v) for v in verdicts[:_NAMED]]
    if (low and _NOT_PAY.search(low)) or (text and _DOE.search(text)):
        parts.append("Words such as “competitive”, “negotiable” or “DOE” are not a pay statement.")
    return severity, " ".join(parts)


def _requirement(v: Verdict) -> str:
    law = v.law
    where = law.jurisdiction
    if v.via == "remote":
        where += " (a remote role open to its residents)"
    size = ""
    if law.size:
        size = f" It applies to employers with {law.size}."
    elif law.employees is None:
        size = " Its size threshold is unconfirmed."
    caveat = f" A warning, not an error: {v.caveat}." if v.caveat else ""
    return f"{where}: {law.name} ({law.citation}) {law.message}.{size}{caveat}"


def _note(v: Verdict) -> str:
    law = v.law
    if law.pay_in == "none":
        return f"{law.jurisdiction}: {v.caveat}."
    sep = " " if v.caveat.startswith("may apply") else ": "
    return f"{law.jurisdiction}: {law.name} ({law.citation}){sep}{v.caveat}."


def as_json(verdicts: list[Verdict]) -> list[dict]:
    """JSON v1 `facts.pay_transparency`: the laws that could ask this posting for pay.

    The first three keys are the contract's first version; the rest were added (never
    removed). Places with no pay rule (the UK, Connecticut…) are left out: the batch
    report groups postings by the laws listed here, as laws that want pay.
    """
    out = []
    for v in verdicts:
        law = v.law
        if law.pay_in in ("none", "on-request"):
            continue
        out.append({
            "law": law.name,
            "jurisdiction": law.jurisdiction,
            "applies": v.applies,
            "severity": v.severity,
            "citation": law.citation,
            "url": law.url,
            "effective": law.effective.isoformat() if law.effective else None,
            "checked": law.last_checked.isoformat() if law.last_checked else None,
            "enforced": law.enforced.isoformat() if law.enforced else None,
            "pay_in": law.pay_in,
            "via": v.via,
            "confidence": law.confidence,
        })
    return out


__all__ = [
    "found_laws", "missing_pay", "without_headquarters", "pattern_sets", "CONFIDENCE", "OPEN_ENDED", "PAY_IN", "REMOTE", "REQUIRES", "Law", "Verdict", "as_json", "in_force",
    "judge", "law_from_toml", "national_employer", "remote_from_toml", "stale", "stated_employees", "FEDERAL",
]
