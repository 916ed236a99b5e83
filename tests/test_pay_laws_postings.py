"""Each pay-transparency law on postings written for these tests: a posting that names the
place, with and without pay, on a date before and after the law's start, and above and
below its size threshold (stated in front matter, since a posting rarely says it)."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.document.loaders import posting_from_text
from assistant.resources import data_dir
from assistant.rubric.build import make_engine
from assistant.rubric.loader import load_rubrics

LAWS = {law.id: law for law in load_rubrics([data_dir("rubrics")]).laws}

# How a posting written for these tests names each place.
PLACE = {
    "us-co": "Denver, CO", "us-ca": "Sacramento, California", "us-wa": "Spokane, WA", "us-ny": "Buffalo, NY",
    "us-hi": "Honolulu, HI", "us-md": "Annapolis, MD", "us-il": "Chicago, IL", "us-mn": "Minneapolis, MN",
    "us-nj": "Trenton, NJ", "us-vt": "Montpelier, VT", "us-ma": "Worcester, MA", "us-dc": "Washington, DC",
    "us-va": "Norfolk, VA", "us-me": "Bangor, ME", "us-de": "Dover, DE", "us-nyc": "Brooklyn, New York City",
    "us-nj-jersey-city": "Jersey City", "us-ny-ithaca": "Ithaca", "us-ny-westchester": "White Plains",
    "us-ny-albany": "Albany County", "us-oh-cleveland": "Cleveland, Ohio", "us-oh-columbus": "Columbus, OH",
    "ca-bc": "Burnaby, BC", "ca-pe": "Charlottetown, PEI", "ca-on": "Ottawa, Ontario",
    "eu": "Dublin, Ireland", "eu-it": "Torino, Italia", "eu-lt": "Kaunas, Lithuania", "eu-pl": "Gdansk, Poland",
    "eu-sk": "Bratislava, Slovakia", "eu-mt": "Sliema, Malta", "at": "Graz, Austria",
}
PAY = {"US": "$95,000 - $115,000 per year", "CA": "CAD 70,000 - 90,000 per year"}
EURO_PAY = "EUR 52,000 - 60,000 per year"
PAY_IN_PLN = "PLN 9,000 - 12,000 per month"

# What a posting without pay gets under each law once it is in force (and enforced).
EXPECTED = {law_id: "error" for law_id in PLACE}
EXPECTED.update({
    "eu": "warning", "eu-pl": "warning", "eu-sk": "warning", "eu-mt": "warning",  # before the interview, not the ad
    "us-me": "warning", "us-ny-albany": "warning",  # start date unconfirmed
})

RANK = ["info", "warning", "error"]
_engines: dict[dt.date, object] = {}


def _engine(as_of: dt.date):
    if as_of not in _engines:
        _engines[as_of] = make_engine(as_of=as_of)
    return _engines[as_of]


def _posting(place: str, pay: str | None = None, employees: int | None = None, lead: str = "Location"):
    front = f"---\nemployees: {employees}\n---\n" if employees is not None else ""
    pay_line = f"\nSalary: {pay}\n" if pay else ""
    text = f"{front}# Field Technician\n\n{lead}: {place}\n{pay_line}\nYou will install and repair equipment for our customers.\n"
    return posting_from_text(text, "job.md", "md")


def _pay_for(law) -> str:
    if law.country == "PL":
        return PAY_IN_PLN
    return PAY.get(law.country, EURO_PAY)


def _lint(posting, as_of: dt.date):
    report = _engine(as_of).lint(posting)
    salary = [f for f in report.findings if f.rule == "completeness/salary"]
    return report, (salary[0] if salary else None)


def _entry(report, law):
    found = [e for e in report.pay_transparency if e["law"] == law.name]
    assert found, f"{law.id}: the posting's place did not bring in the law"
    return found[0]


def _in_force_day(law) -> dt.date:
    return max(d for d in (law.effective, law.enforced) if d is not None)


@pytest.mark.parametrize("law_id", sorted(PLACE))
def test_no_pay_after_the_start_gets_what_the_law_says(law_id):
    law = LAWS[law_id]
    report, finding = _lint(_posting(PLACE[law_id]), _in_force_day(law))
    entry = _entry(report, law)
    assert entry["applies"] and entry["severity"] == EXPECTED[law_id]
    worst = max((e["severity"] for e in report.pay_transparency), key=RANK.index)
    assert finding is not None and finding.severity == worst  # another law of the same place may be graver
    named = [e for e in report.pay_transparency if e["applies"] and e["severity"] == worst]
    if entry["severity"] == worst and len(named) <= 2:
        assert law.citation in finding.message and law.name in finding.message
    assert entry["citation"] == law.citation and entry["url"] == law.url
    assert entry["effective"] == law.effective.isoformat() and entry["checked"] == "2026-12-03"


@pytest.mark.parametrize("law_id", sorted(PLACE))
def test_no_pay_before_the_start_is_not_under_the_law(law_id):
    law = LAWS[law_id]
    report, finding = _lint(_posting(PLACE[law_id]), law.effective - dt.timedelta(days=1))
    entry = _entry(report, law)
    assert not entry["applies"] and entry["severity"] == "info"
    assert finding is not None and finding.severity != "error"
    if law.citation in finding.message:  # named only as a law still to come, never as one that applies
        assert f"in force from {law.effective.isoformat()}" in finding.message


@pytest.mark.parametrize("law_id", sorted(PLACE))
def test_a_posting_with_pay_has_no_salary_finding(law_id):
    law = LAWS[law_id]
    report, finding = _lint(_posting(PLACE[law_id], _pay_for(law)), _in_force_day(law))
    assert finding is None
    assert not [f for f in report.findings if f.rule == "completeness/pay-range" and f.severity != "info"]


SIZED = sorted(law_id for law_id in PLACE if (LAWS[law_id].employees or 0) > 1)


@pytest.mark.parametrize("law_id", SIZED)
def test_the_size_threshold_is_said_and_a_smaller_employer_is_not_held_to_it(law_id):
    law = LAWS[law_id]
    day = _in_force_day(law)
    report, finding = _lint(_posting(PLACE[law_id]), day)  # size unknown: the law applies, and says to whom
    assert law.size in finding.message
    at = _entry(_lint(_posting(PLACE[law_id], employees=law.employees), day)[0], law)
    below = _entry(_lint(_posting(PLACE[law_id], employees=law.employees - 1), day)[0], law)
    assert at["applies"] and not below["applies"] and below["severity"] == "info"


def test_the_eu_directive_alone_is_a_warning_never_an_error():
    report, finding = _lint(_posting("Berlin, Germany"), dt.date(2026, 12, 4))
    assert finding.severity == "warning"
    assert "Directive (EU) 2023/970, Art. 5(1)" in finding.message and "before the interview" in finding.message
    assert "Germany: not transposed" in finding.message
    assert all(e["severity"] != "error" for e in report.pay_transparency)


def test_before_the_transposition_deadline_the_directive_is_info():
    _, finding = _lint(_posting("Berlin, Germany"), dt.date(2026, 6, 6))
    assert finding.severity == "info"


def test_a_member_state_that_wants_pay_in_the_ad_outranks_the_directive():
    report, finding = _lint(_posting("Torino, Italia"), dt.date(2026, 12, 4))
    assert finding.severity == "error" and "job postings" in finding.message
    assert {e["law"]: e["severity"] for e in report.pay_transparency}["EU Pay Transparency Directive"] == "warning"


def test_austria_wants_the_minimum_pay_in_every_ad_since_2011():
    _, finding = _lint(_posting("Wien"), dt.date(2012, 1, 1))
    assert finding.severity == "error" and "GlBG § 9(2)" in finding.message and "minimum pay" in finding.message


def test_the_uk_has_no_law_so_no_pay_is_info():
    report, finding = _lint(_posting("Leeds, United Kingdom"), dt.date(2026, 12, 4))
    assert finding.severity == "info" and "no law requires pay" in finding.message
    assert report.pay_transparency == []  # no law there asks for pay: the batch report groups nothing


def test_a_place_with_no_law_gives_info_and_the_research_figure():
    _, finding = _lint(_posting("Austin, TX"), dt.date(2026, 12, 4))
    assert finding.severity == "info" and "30% more applicants" in finding.message


def test_columbus_is_in_force_but_a_warning_until_enforced():
    law = LAWS["us-oh-columbus"]
    _, finding = _lint(_posting(PLACE["us-oh-columbus"]), dt.date(2026, 12, 4))
    assert finding.severity == "warning" and "enforced from 2027-01-01" in finding.message
    _, finding = _lint(_posting(PLACE["us-oh-columbus"]), law.enforced)
    assert finding.severity == "error"


def test_newfoundland_is_listed_but_never_in_force():
    report, finding = _lint(_posting("Corner Brook, Newfoundland"), dt.date(2030, 1, 1))
    entry = _entry(report, LAWS["ca-nl"])
    assert not entry["applies"] and entry["effective"] is None and finding.severity == "info"


def test_a_remote_role_open_to_the_country_reaches_the_laws_that_cover_remote_work():
    report, finding = _lint(_posting("Remote (US)", lead="Where"), dt.date(2026, 12, 4))
    reached = {e["jurisdiction"]: (e["severity"], e["via"]) for e in report.pay_transparency}
    assert reached["Colorado, US"] == ("error", "remote")
    assert reached["Maryland, US"] == ("warning", "remote")  # remote reach only inferred
    assert "New York State, US" not in reached  # only roles performed in New York
    assert finding.severity == "error" and "remote role open to its residents" in finding.message


def test_remote_canada_reaches_british_columbia_but_not_ontario():
    report, _ = _lint(_posting("Remote, Canada", lead="Where"), dt.date(2026, 12, 4))
    assert [e["jurisdiction"] for e in report.pay_transparency] == ["British Columbia, Canada"]


def test_competitive_is_not_pay():
    posting = posting_from_text("Nurse\n\nLocation: Denver, CO\n\nWe offer a competitive salary, DOE.\n", "x.txt", "txt")
    _, finding = _lint(posting, dt.date(2026, 12, 4))
    assert finding.severity == "error" and "not a pay statement" in finding.message


def test_competitive_said_of_something_else_is_no_pay_claim():
    posting = posting_from_text("Nurse\n\nLocation: Denver, CO\n\nWe work in a competitive market.\n", "x.txt", "txt")
    _, finding = _lint(posting, dt.date(2026, 12, 4))
    assert "not a pay statement" not in finding.message


def test_a_user_severity_for_the_rule_stands_against_the_law():
    engine = make_engine(as_of=dt.date(2026, 12, 4), severity={"completeness/salary": "info"})
    report = engine.lint(_posting("Denver, CO"))
    (finding,) = [f for f in report.findings if f.rule == "completeness/salary"]
    assert finding.severity == "info"


@pytest.mark.parametrize(
    ("place", "wrongly"),
    [
        ("Toronto, ON, CA", "California, US"),  # a Canadian address, not California
        ("Vancouver, WA", "British Columbia, Canada"),
        ("London, Ontario", "United Kingdom"),
        ("Sydney, New South Wales", "United Kingdom"),
        ("Columbus, GA", "Columbus, Ohio, US"),
        ("Vienna, VA", "Austria"),  # US towns that share a European city's name
        ("Dublin, CA", "European Union"),
        ("Naples, FL", "Italy"),
        ("Rome, GA", "Italy"),
        ("Ontario, CA", "Ontario, Canada"),
    ],
)
def test_a_place_with_a_namesake_does_not_bring_in_the_other_law(place, wrongly):
    report, finding = _lint(_posting(place), dt.date(2026, 12, 4))
    assert wrongly not in {e["jurisdiction"] for e in report.pay_transparency}
    assert wrongly not in finding.message


def test_a_delaware_corporation_is_not_a_job_in_delaware():
    posting = posting_from_text("Analyst\n\nLocation: Austin, TX\n\nAcme Inc. is a Delaware corporation.\n", "x.txt", "txt")
    report, _ = _lint(posting, dt.date(2028, 1, 1))
    assert report.pay_transparency == []


@pytest.mark.parametrize(
    "sentence",
    [
        "We support Roma and Sinti communities through our foundation.",
        "Our founder, Roma Patel, started the company in a garage in Austin, TX.",
        "You bring a Silicon Valley mindset to a small team in Austin, TX.",
    ],
)
def test_words_that_are_also_place_names_bring_in_no_law_of_theirs(sentence):
    posting = posting_from_text(f"Analyst\n\nLocation: Austin, TX\n\n{sentence}\n", "x.txt", "txt")
    report, _ = _lint(posting, dt.date(2026, 12, 4))
    assert report.pay_transparency == []


def test_rome_with_its_country_or_province_is_italy():
    for place in ("Roma (RM)", "Roma, Italia", "Rome, Italy"):
        report, finding = _lint(_posting(place), dt.date(2026, 12, 4))
        assert "Italy" in {e["jurisdiction"] for e in report.pay_transparency}, place


def test_a_company_card_headquarters_line_is_not_the_place_of_work():
    text = "# Analyst\n\n- **Location:** Austin, TX\n- **Headquarters:** Reston, VA\n\nYou will analyse data.\n"
    report, _ = _lint(posting_from_text(text, "x.md", "md"), dt.date(2026, 12, 4))
    assert "Virginia, US" not in {e["jurisdiction"] for e in report.pay_transparency}
