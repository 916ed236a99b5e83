"""A pay law follows where the job is, not every place a posting names.

Postings written for these tests: a stated place of work (a location field, the title
line of a board comment, "based in", front matter) and, elsewhere in the text, places
that are not the job's: a team elsewhere the hire works with, the company's other sites,
an office abroad, the cities within driving distance, a place in the company's name.
"""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.document.loaders import posting_from_text
from assistant.rubric.build import make_engine

DAY = dt.date(2026, 12, 4)
_engine = make_engine(as_of=DAY)


def _laws(text: str, fmt: str = "md") -> set[str]:
    posting = posting_from_text(text, f"job.{fmt}", fmt)
    return {v.law.id for v in _engine.laws_for(posting)}


def _salary(text: str):
    report = _engine.lint(posting_from_text(text, "job.md", "md"))
    (finding,) = [f for f in report.findings if f.rule == "completeness/salary"]
    return finding


@pytest.mark.parametrize(
    ("incidental", "not_brought_in"),
    [
        ("You will be the link between our pricing desk and the New York Analytics Group.", "us-ny"),
        ("Our engineers sit in two places: Annapolis and Tallinn, Estonia.", "eu"),
        ("The institute runs a second lab in San Diego, CA, and a field station in Oregon.", "us-ca"),
        ("The campus is an easy drive from both Boston and New York.", "us-ny"),
        ("You will travel to our partners in Denver twice a year.", "us-co"),
    ],
)
def test_a_place_named_in_passing_brings_in_no_law_when_the_job_states_its_place(incidental, not_brought_in):
    text = f"# Research Analyst\n\n- **Location:** Annapolis, MD\n\nYou will model bond prices. {incidental}\n"
    found = _laws(text)
    assert "us-md" in found  # the job's own place still counts
    assert not_brought_in not in found


def test_the_finding_names_only_the_law_of_the_job_place():
    text = "# Research Analyst\n\nLocation: Annapolis, MD\n\nYou will partner with our New York data team daily.\n"
    finding = _salary(text)
    assert "Maryland" in finding.message and "New York" not in finding.message
    assert finding.severity == "error"


def test_a_place_in_the_company_name_of_a_board_title_is_not_the_job_place():
    text = "Sacramento Cabinetry | Eugene, OR | Full-time | Onsite\n\nWe build kitchens. You will run our shop floor.\n"
    assert _laws(text, "txt") == set()


def test_a_based_in_sentence_keeps_every_place_it_names():
    text = "# Data Analyst\n\nWe are hiring in Denver and Seattle for this role. You will build reports.\n"
    assert {"us-co", "us-wa"} <= _laws(text)


def test_a_front_matter_place_is_the_job_place():
    text = "---\nlocation: Annapolis, MD\n---\n# Analyst\n\nYou will support our New York office on audits.\n"
    found = _laws(text)
    assert "us-md" in found and "us-ny" not in found


def test_without_a_stated_place_every_place_named_still_counts():
    text = "# Analyst\n\nYou will visit our clients across Colorado and meet them each quarter.\n"
    assert "us-co" in _laws(text)


def test_a_remote_role_open_to_the_country_still_reaches_its_laws():
    text = "# Analyst\n\n- **Location:** Annapolis, MD\n\nThis role is remote within the US; you will report to our Austin lead.\n"
    found = _laws(text)
    assert "us-md" in found and "us-co" in found  # Colorado covers remote roles open to the whole US


def test_a_role_located_sentence_adds_its_place_to_the_location_field():
    text = "# Analyst\n\n- **Location:** Sacramento, CA\n\nThis is a hands-on role located in Buffalo, close to the plant.\n"
    assert {"us-ca", "us-ny"} <= _laws(text)


def test_every_place_of_a_board_title_counts():
    text = "Acme Robotics | Columbus, OH & Grand Rapids, MI | Onsite\n\nWe are two hours from Chicago. You will build robots.\n"
    found = _laws(text, "txt")
    assert "us-oh-columbus" in found and "us-il" not in found


def test_a_place_without_its_country_leaves_the_country_to_the_text():
    text = "# Lagerarbetare\n\nOrt: Solna\n\nVi söker en lagerarbetare till vårt lager i Sverige.\n"
    assert "eu" in _laws(text)


def test_new_york_city_is_in_new_york_state():
    text = "# Analyst\n\nLocation: NYC\n\nYou will analyse data.\n"
    assert {"us-ny", "us-nyc"} <= _laws(text)


def test_a_state_code_after_a_town_the_law_does_not_list_is_that_state():
    text = "# Analyst\n\nLocation: Hyattsville, MD\n\nYou will analyse data for our Maryland clients.\n"
    assert "us-md" in _laws(text)
    assert "us-md" in _laws("# Analyst\n\nLocation: Hyattsville, MD\n\nYou will analyse data.\n")
    assert "us-co" in _laws("# Analyst\n\nLocation: US-CO-Golden\n\nYou will analyse data.\n")


def test_a_federal_agency_named_in_the_national_form_with_public_servants_is_the_national_employer():
    from assistant.rubric.laws import national_employer

    text = (
        "# Service Designer\n\nThe Canadian Records Service helps public servants fix forms. "
        "We are hiring in Ottawa and Toronto.\n\nYou will redesign the benefit forms.\n"
    )
    assert national_employer(text) == "CA"
    finding = _salary(text)
    assert finding.severity == "info" and "federal civil service" in finding.message
    private = "# Designer\n\nLocation: Toronto, ON\n\nOur studio helps public servants fix forms.\n\nYou will design forms.\n"
    assert national_employer(private) is None  # one sign alone is not enough
