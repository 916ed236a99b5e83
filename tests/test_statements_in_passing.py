"""Benefits, equal-opportunity and accommodation statements said in a sentence, not under
a heading: relocation and visa support offered, a welcome to people of every background,
"if you have a disability, let us know". Fixtures are our own wording."""

from __future__ import annotations

import pytest

from assistant.document.loaders import posting_from_text
from assistant.rubric.build import make_engine

_engine = make_engine()
BODY = "# Backend Developer\n\nLocation: Leeds, UK\n\nYou will build our payment services in Python and run them in production.\n\n"


def _rules(extra: str) -> set[str]:
    report = _engine.lint(posting_from_text(BODY + extra + "\n", "job.md", "md"))
    return {f.rule for f in report.findings}


@pytest.mark.parametrize(
    "sentence",
    [
        "Moving to Leeds, and the visa paperwork, are taken care of by us.",
        "We also help with relocation and cover the visa costs.",
        "Also good to know:\n\n- Relocation support\n- A team lunch every Friday\n",
    ],
)
def test_relocation_and_visa_support_offered_are_benefits(sentence):
    assert "completeness/benefits" not in _rules(sentence)


@pytest.mark.parametrize(
    "sentence",
    ["We do not offer relocation or visa sponsorship.", "Relocation is not provided for this role."],
)
def test_relocation_refused_is_no_benefit(sentence):
    assert "completeness/benefits" in _rules(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "You belong here no matter where you come from or what you look like.",
        "Our studio celebrates people of all backgrounds.",
    ],
)
def test_a_welcome_to_every_background_is_an_equal_opportunity_statement(sentence):
    assert "completeness/eeo-statement" not in _rules(sentence)


def test_a_welcome_to_customers_is_no_equal_opportunity_statement():
    assert "completeness/eeo-statement" in _rules("Our customers come from every industry.")


@pytest.mark.parametrize(
    "sentence",
    [
        "If you have a disability, tell us what would make the interviews easier and we will arrange it.",
        "Applicants with disabilities can reach out to our recruiter for any support they need.",
    ],
)
def test_an_invitation_to_say_what_a_disability_needs_is_an_accommodation_statement(sentence):
    assert "completeness/accommodation" not in _rules(sentence)


def test_disability_in_an_equal_opportunity_list_is_no_accommodation_statement():
    assert "completeness/accommodation" in _rules("We hire without regard to race, religion, age or disability.")


def test_a_contract_field_keeps_a_part_time_contractor_out_of_the_benefits_rule():
    text = (
        "---\ntitle: Django Developer\ncontract: contract\n---\n# Django Developer\n\n"
        "You will work about 10 hours per week on our REST services, from home.\n"
    )
    report = _engine.lint(posting_from_text(text, "job.md", "md"))
    assert report.posting.facts.employment_type == "part-time"
    assert "completeness/benefits" not in {f.rule for f in report.findings}
