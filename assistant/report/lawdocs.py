"""Pay-transparency law documentation: `posting-assistant laws` and docs/pay-laws.md.

Both are drawn from the `Law` entries of `rubrics/pay-laws.toml`, so what a user reads
cannot drift from what `lint` applies: every line here is the data's own citation,
link, dates, size threshold and confidence. The page is dated by the data (its newest
`last_checked`), not by the day it was generated, so regenerating it changes it only
when the data changed.

Regenerate the page with `python -m assistant.report.lawdocs > docs/pay-laws.md`.
"""

from __future__ import annotations

import datetime as dt

from ..rubric.laws import REQUIRES, in_force, judge

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ..rubric.laws import Law, Verdict

REGENERATE = "python -m assistant.report.lawdocs > docs/pay-laws.md"

# Where the law wants the pay, in the words `laws` and the page show.
_PAY_IN = {
    "posting": "in the job posting",
    "before-interview": "before the interview (in the notice or otherwise)",
    "on-request": "on the applicant's request",
    "none": "no pay-transparency rule for postings",
}


def data_date(laws: list[Law]) -> dt.date | None:
    """The newest `last_checked` of the entries: the date the page speaks as of."""
    dates = [law.last_checked for law in laws if law.last_checked is not None]
    return max(dates) if dates else None


def chosen(laws: list[Law], as_of: dt.date, everything: bool = False) -> list[Law]:
    """The laws in force on `as_of`, or with `everything` every entry (bills, places with
    no law, laws from a later date), in the data's order."""
    return list(laws) if everything else in_force(laws, as_of)


def law_json(law: Law, as_of: dt.date) -> dict:
    """One entry as `laws --format json` gives it: the data's fields, and its state on `as_of`."""
    return {
        "id": law.id,
        "name": law.name,
        "jurisdiction": law.jurisdiction,
        "country": law.country,
        "citation": law.citation,
        "url": law.url,
        "effective": _day(law.effective),
        "enforced": _day(law.enforced),
        "status": law.status or None,
        "in_force": law.in_force(as_of),
        "state": law.state(as_of),
        "employees": law.employees,
        "size": law.size or None,
        "pay_in": law.pay_in,
        "requires": list(law.requires),
        "open_ended": law.open_ended,
        "max_width": law.max_width,
        "width_below": law.width_below,
        "remote": law.remote,
        "currencies": list(law.currencies),
        "summary": law.summary,
        "confidence": law.confidence,
        "date_confidence": law.date_confidence,
        "unconfirmed": law.unconfirmed or None,
        "last_checked": _day(law.last_checked),
        "federal": law.federal,
        "federal_source": law.federal_source or None,
    }


def laws_text(laws: list[Law], as_of: dt.date) -> str:
    """`posting-assistant laws`: one block per law, its citation and link on their own lines."""
    if not laws:
        return f"No pay-transparency law in the data is in force on {as_of.isoformat()}."
    blocks = []
    for law in laws:
        lines = [
            f"{law.jurisdiction}: {law.name}",
            f"  {law.state(as_of)}; pay {_PAY_IN[law.pay_in]}; {_size(law)}",
            f"  {law.citation}",
            f"  {law.url}",
            f"  checked {_iso(law.last_checked)}; source confidence: {_confidence(law)}",
        ]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def verdicts_text(verdicts: list[Verdict], as_of: dt.date) -> str:
    """`explain completeness/salary FILE`: the laws the posting's places bring in, and
    what each makes of a posting without pay on `as_of`."""
    if not verdicts:
        return (
            "The posting names no place with a pay-transparency law in the data "
            "(a posting without pay gets info only)."
        )
    lines = [f"Laws the posting's places bring in, on {as_of.isoformat()}:"]
    for v in verdicts:
        law = v.law
        how = "a remote role open to its residents" if v.via == "remote" else "the posting names the place"
        if v.applies:
            verdict = f"applies; no pay would be {'an' if v.severity == 'error' else 'a'} {v.severity}"
        else:
            verdict = f"does not apply ({v.caveat})" if v.caveat else "does not apply"
        if v.applies and v.caveat:
            verdict += f" ({v.caveat})"
        lines.append(f"- {law.jurisdiction}: {law.name} ({law.citation}): {verdict}; {how}. {law.url}")
    return "\n".join(lines)


def markdown(laws: list[Law]) -> str:
    """docs/pay-laws.md: every entry with its citation, link, dates and confidence."""
    day = data_date(laws)
    as_of = day or dt.date.today()
    out = [
        "# Pay-transparency laws",
        "",
        "Generated from `rubrics/pay-laws.toml` by "
        f"`{REGENERATE}`; do not edit by hand (a test checks it is current). "
        "README \"Pay-transparency laws\" says how to add or update an entry.",
        "",
        f"States are as of {_iso(day)}, the newest `last_checked` date in the data. Each entry was "
        "checked against the stored secondary source linked here, not the official text. "
        "Source confidence: *seen* in the source, *inferred*, or *unconfirmed*; what an entry leaves "
        "unconfirmed is said under it, and findings never claim it. Not legal advice.",
        "",
        "What `lint` makes of a posting that states no pay, under a law in force that names its place: "
        "**error** where the law wants pay in the posting itself (and its requirement, start date and "
        "reach are sure); **warning** where it wants pay information before the interview but not in "
        "the ad, or where any of those is in doubt; **info** everywhere else. `lint --as-of DATE` picks "
        "the laws in force; `posting-assistant laws` lists them.",
        "",
        "| Jurisdiction | Law | Citation | In force | Employers | Pay | No pay in a posting | Confidence | Checked |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for law in laws:
        out.append(
            "| " + " | ".join(_cell(c) for c in (
                law.jurisdiction, f"[{law.name}]({law.url})", law.citation, law.state(as_of),
                law.size or _size(law), _PAY_IN[law.pay_in], _no_pay(law, as_of), _confidence(law),
                _iso(law.last_checked),
            )) + " |"
        )
    out += ["", "## Entries", ""]
    for law in laws:
        out += [f"### {law.jurisdiction}: {law.name}", ""]
        out.append(f"- Citation: {law.citation}")
        out.append(f"- Source: <{law.url}>")
        dates = law.state(as_of)
        if law.enforced and law.enforced != law.effective:
            dates += f" (enforced from {law.enforced.isoformat()})"
        out.append(f"- State: {dates}")
        out.append(f"- Employers: {_size(law)}")
        out.append(f"- Pay: {_PAY_IN[law.pay_in]}")
        if law.requires:
            out.append("- Requires: " + "; ".join(REQUIRES[r] for r in law.requires))
        if law.open_ended != "not said":
            out.append(f"- Open-ended ranges (\"up to $X\", \"$X+\"): {law.open_ended}")
        if law.max_width:
            below = f" for ranges under {law.width_below:,.0f}" if law.width_below else ""
            out.append(f"- Widest range: {law.max_width:,.0f}{below}")
        if law.remote != "unknown":
            out.append(f"- Remote roles open to the whole country: {law.remote}")
        if law.currencies:
            out.append(f"- Currencies: {', '.join(law.currencies)}")
        if law.federal == "not covered":
            out.append(f"- The national government as employer: not covered ({_escape(law.federal_source)})")
        out.append(f"- Confidence: {_confidence(law)}")
        out.append(f"- Last checked: {_iso(law.last_checked)}")
        out += ["", _escape(law.summary)]
        if law.unconfirmed:
            out += ["", f"*Unconfirmed:* {_escape(law.unconfirmed)}"]
        out.append("")
    return "\n".join(out)


def _no_pay(law: Law, as_of: dt.date) -> str:
    """What `lint` gives a posting naming the place and stating no pay, as laws.py judges it."""
    (verdict,) = judge([(law, "place")], as_of)
    return verdict.severity


def _size(law: Law) -> str:
    if law.pay_in == "none":
        return "—"
    if law.size:
        return law.size
    if law.employees == 0:
        return "every employer"
    if law.employees is None:
        return "size threshold unconfirmed"
    return f"{law.employees} or more employees"


def _confidence(law: Law) -> str:
    if law.date_confidence != "seen" and law.effective is not None:
        return f"{law.confidence}; start date {law.date_confidence}"
    return law.confidence


def _iso(day: dt.date | None) -> str:
    return day.isoformat() if day else "—"


def _day(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _escape(text: str) -> str:
    return text.replace("|", "\\|")


def _cell(text: str) -> str:
    return _escape(str(text)).replace("\n", " ")


def _main() -> None:  # pragma: no cover - exercised through tests/test_pay_laws_docs.py
    import sys

    from ..resources import data_dir
    from ..rubric.loader import load_rubrics

    sys.stdout.write(markdown(load_rubrics([data_dir("rubrics")]).laws))


if __name__ == "__main__":
    _main()
