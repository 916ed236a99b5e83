"""Which pay laws a posting's employer and story bring in (issue 15/16), and pay the page
gets at build time. Every posting here is written for the test.

- A place in the company's story ("began in Washington, DC, in 1982") is not where
  the job is: it brings in no law.
- A national-government employer (a US federal agency, the Canadian federal public
  service) is outside a state or provincial law where the data cites a source for it,
  and otherwise the law only "may apply": never an error.
- A template include named for pay fills the pay in when the page is built.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from assistant.document.loaders import posting_from_text
from assistant.resources import data_dir
from assistant.rubric.build import make_engine
from assistant.rubric.laws import national_employer, without_headquarters
from assistant.rubric.loader import RubricError, load_rubrics

AS_OF = dt.date(2026, 11, 22)
ENGINE = make_engine(as_of=AS_OF)
LAWS = {law.id: law for law in load_rubrics([data_dir("rubrics")]).laws}


def _salary(text: str, fmt: str = "md"):
    report = ENGINE.lint(posting_from_text(text, "job." + fmt, fmt))
    found = [f for f in report.findings if f.rule == "completeness/salary"]
    return found[0] if found else None, report


# --- the company's story --------------------------------------------------------------


def test_a_place_in_the_founding_story_brings_in_no_law():
    text = (
        "# Research Assistant\n\nThe Greenleaf Institute began in Washington, DC, in 1982 to study rivers.\n\n"
        "Location: Pune, India\n\nYou will gather and clean water-quality data.\n"
    )
    finding, _ = _salary(text)
    assert finding is not None and finding.severity == "info"
    assert "District of Columbia" not in finding.message


def test_the_same_place_as_the_place_of_work_still_brings_in_its_law():
    text = "# Research Assistant\n\nLocation: Washington, DC\n\nYou will gather and clean water-quality data.\n"
    finding, _ = _salary(text)
    assert finding is not None and finding.severity == "error"


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Our team was established in 2019 and is based in Denver.", "based in Denver"),
        ("Founded in Austin, we now hire in Denver.", "hire in Denver"),
    ],
)
def test_an_origin_clause_is_blanked_up_to_the_next_clause(text, kept):
    blanked = without_headquarters(text)
    assert blanked is not None and len(blanked) == len(text)  # offsets hold
    assert kept in blanked and "Austin" not in blanked and "2019" not in blanked


# --- a national-government employer ---------------------------------------------------

US_FEDERAL = (
    "# IT Specialist (GS-13)\n\nLocation: Denver, CO\n\nThis is an excepted service appointment in a federal agency. "
    "Apply through USAJOBS by the closing date.\n\nYou will run the agency's cloud platform.\n"
)
CA_FEDERAL = (
    "# Platform Developer\n\nLocation: Toronto, Ontario\n\nJoin the Government of Canada's digital team. "
    "If you need assessment accommodation, see the [Public Service Commission](https://www.canada.ca/en/public-service-commission.html).\n\n"
    "You will build shared platforms for departments.\n"
)


def test_a_us_federal_agency_gets_may_apply_not_an_error():
    finding, _ = _salary(US_FEDERAL)
    assert finding is not None and finding.severity == "info"
    assert "Colorado" in finding.message and "may apply" in finding.message
    assert "requires the pay" not in finding.message.split("may apply")[0]  # no claim before the hedge


def test_a_contractor_naming_one_federal_sign_is_still_bound():
    text = "# Cloud Engineer\n\nLocation: Denver, CO\n\nWe support agencies; the role is GS-13 equivalent.\n\nYou will run cloud platforms.\n"
    assert national_employer(text) is None
    finding, _ = _salary(text)
    assert finding is not None and finding.severity == "error"


def test_the_canadian_federal_public_service_is_outside_ontarios_act_with_the_source_cited():
    assert national_employer(CA_FEDERAL) == "CA"
    finding, report = _salary(CA_FEDERAL)
    assert finding is not None and finding.severity == "info"
    assert "ontario.ca" in finding.message and "federal civil service" in finding.message
    verdicts = ENGINE.laws_for(report.posting)
    assert [v.applies for v in verdicts if v.law.id == "ca-on"] == [False]


def test_the_same_ontario_posting_from_a_private_employer_is_an_error():
    text = "# Platform Developer\n\nLocation: Toronto, Ontario\n\nJoin our small studio.\n\nYou will build shared platforms.\n"
    finding, _ = _salary(text)
    assert finding is not None and finding.severity == "error"


def test_the_ontario_entry_cites_its_source_for_the_federal_exemption():
    law = LAWS["ca-on"]
    assert law.federal == "not covered" and "https://www.ontario.ca/" in law.federal_source
    assert LAWS["us-co"].federal == "unknown"  # no source here: "may apply"


def test_not_covered_without_a_source_is_refused(tmp_path: Path):
    source = (data_dir("rubrics") / "pay-laws.toml").read_text(encoding="utf-8")
    broken = source.replace('federal_source = "Ontario Ministry', 'federal_note = "Ontario Ministry', 1)
    folder = tmp_path / "rubrics"
    folder.mkdir()
    (folder / "pay-laws.toml").write_text(broken, encoding="utf-8")
    with pytest.raises(RubricError):
        load_rubrics([folder])


# --- pay the build fills in -----------------------------------------------------------


def test_a_pay_include_in_markdown_states_the_pay():
    text = "# Analyst\n\nLocation: Denver, CO\n\n{% include job/salary_range.html grade=\"13\" %}\n\nYou will analyse data.\n"
    finding, _ = _salary(text)
    assert finding is None


def test_a_pay_include_only_inside_a_template_comment_states_nothing():
    text = (
        "# Analyst\n\nLocation: Denver, CO\n\n{% comment %}Write {% include job/salary_range.html %} here.{% endcomment %}\n\n"
        "You will analyse data.\n"
    )
    finding, _ = _salary(text)
    assert finding is not None


def test_a_dollar_sign_before_a_pay_placeholder_is_the_currency_of_the_fields():
    text = (
        "---\ntitle: Analyst\nsalary_min: '98,000'\nsalary_max: '120,000'\n---\n# Analyst\n\nLocation: Denver, CO\n\n"
        "Base salary: ${{ page.salary_min }} to ${{ page.salary_max }} per year.\n\nYou will analyse data.\n"
    )
    report = ENGINE.lint(posting_from_text(text, "job.md", "md"))
    assert report.posting.facts.salary.currency == "USD"
    assert not [f for f in report.findings if f.rule == "completeness/pay-range" and "currency" in f.message]


def test_a_county_named_like_a_state_brings_in_no_law():
    # Colorado's law requires pay in the posting; Colorado County is in Texas.
    state = "# Analyst\n\nLocation: Denver, Colorado\n\nYou will count things.\n"
    assert _salary(state)[0].severity == "error"
    county = "# Analyst\n\nLocation: Columbus, TX (Colorado County)\n\nYou will count things.\n"
    assert _salary(county)[0].severity == "info"
    counties = "# Analyst\n\nLocation: Columbus, TX\n\nWe serve residents of Austin, Fayette, Colorado and Wharton counties.\n"
    assert _salary(counties)[0].severity == "info"


def test_the_federal_hiring_vocabulary_shows_a_federal_employer():
    text = (
        "Program Analyst\n\nClearance of CTAP/ICTAP will be applied. Schedule A eligibility: send your letter.\n"
        "As a federal employee, you will have health cover.\n"
    )
    assert national_employer(text) == "US"
    private = "Program Analyst\n\nSchedule a call with our recruiter. As a team member, you will have health cover.\n"
    assert national_employer(private) is None
