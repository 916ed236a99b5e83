"""Years of experience: every figure, in digits or words, and what is not one (issue 15, item 5)."""

from __future__ import annotations

import pytest

RULE = "inclusivity/years-of-experience"


def _years(lint, body: str):
    report = lint("Engineer\n\n" + body + "\n")
    return [(report.posting.text[f.start : f.end], f.severity) for f in report.findings if f.rule == RULE]


def test_every_figure_on_a_line_is_reported(lint):
    found = _years(lint, "Requirements:\n- 5+ years of Go, 3+ years of Kafka and 2 years in a lead role")
    assert [x for x, _ in found] == ["5+ years", "3+ years", "2 years"]


@pytest.mark.parametrize(("body", "excerpt"), [
    ("You bring 3+ years of Python.", "3+ years"),
    ("You have five (5) years of office experience.", "five (5) years"),
    ("You have two or more years of experience in sales.", "two or more years"),
    ("Ten years in retail management.", "Ten years"),
    ("A minimum of 6 months of customer service experience.", "6 months"),
    ("Experience with SQL (2+ years).", "2+ years"),
    ("Experience: 3-5 years", "3-5 years"),
    ("You have 3 to 5 years’ experience in finance.", "3 to 5 years’"),
    ("You must have one (1) year of specialized experience at the next lower grade.", "one (1) year"),
    ("We are looking for 4+ years of professional experience.", "4+ years"),
])
def test_forms_of_a_years_demand(lint, body, excerpt):
    assert [x for x, _ in _years(lint, body)] == [excerpt]


@pytest.mark.parametrize("body", [
    "We have served customers for 20 years.",
    "You must be at least 18 years of age.",
    "This is a 2-year contract.",
    "You get 12 months of paid parental leave.",
    "Within 2 years of joining you will lead a team.",
    "After 6 months you will present your first project.",
    "We were named a top employer 4 years in a row.",
    "The appointment is limited for 3 years with a possible extension.",
    "Our agency has worked in the city for 20 years and is looking for experienced designers.",
    "Relevant experience within the last 5 years.",
    "A PhD with 0 years of experience is welcome.",
    "Two years of college coursework in accounting.",
    "Graduation from an accredited four-year college or university with course work in a related field.",
    "A four-year degree in a related field and relevant experience.",
])
def test_what_is_not_a_years_demand(lint, body):
    assert _years(lint, body) == []


def test_above_seven_years_is_a_warning_in_digits_and_words(lint):
    assert _years(lint, "You have 9+ years of experience.") == [("9+ years", "warning")]
    assert _years(lint, "You have ten years of experience.") == [("ten years", "warning")]
    assert _years(lint, "You have 12 months of experience.") == [("12 months", "info")]  # months never escalate


@pytest.mark.parametrize("body", [
    "Requirements:\n- 10+ years of experience with Rust is a plus",
    "Requirements:\n- 10+ years of Java (preferred)",
    "Requirements:\n- Ideally 10 years in banking",
    "Nice to have:\n- 10+ years of experience with Rust",
])
def test_a_hedged_ask_stays_info(lint, body):
    found = _years(lint, body)
    assert [s for _, s in found] == ["info"]


@pytest.mark.parametrize("body", [
    "To qualify, you must have one (1) year of specialized experience at the next\nlower GS grade (or equivalent).",
    "You must have one year of specialized experience equivalent to the GS-13 level in the federal service.",
])
def test_the_federal_specialized_experience_standard_is_named_not_advised_against(lint, body):
    report = lint("IT Specialist\n\n" + body + "\n")
    found = [f for f in report.findings if f.rule == RULE]
    assert [f.severity for f in found] == ["info"]
    assert "OPM" in found[0].message and "say what the person must be able to do" not in found[0].message


def test_specialized_experience_elsewhere_gets_the_usual_advice(lint):
    report = lint("Engineer\n\nYou have 3 years of specialized experience at a payments startup.\n")
    found = [f for f in report.findings if f.rule == RULE]
    assert len(found) == 1 and "say what the person must be able to do" in found[0].message


@pytest.mark.parametrize("body", [
    "Fellows join agencies for 12-24 month engagements working on hard public problems.",
    "We give every hire a 6 month training including an experienced mentor from the branch.",
    "The clearance requires US citizenship or 3 years of US residency.",
])
def test_what_the_employer_offers_or_a_residency_condition_is_not_a_years_demand(lint, body):
    assert _years(lint, body) == []


DEFINED = (
    "To qualify, you must have one (1) year of specialized experience at the next lower GS grade (or equivalent). "
    "Specialized experience is defined as follows:\n\n- Experience leading the delivery of digital services\n"
)


def test_the_federal_standard_followed_by_its_definition_is_no_finding_but_stays_a_fact(lint):
    report = lint("IT Specialist\n\n" + DEFINED)
    assert [f for f in report.findings if f.rule == RULE] == []
    (req,) = report.metrics["standard_requirements"]
    assert req["rule"] == RULE and report.posting.text[req["start"] : req["end"]] == "one (1) year"


def test_the_federal_standard_without_a_definition_is_still_named(lint):
    body = "To qualify, you must have one year of specialized experience at the next lower grade. Specialized experience is required."
    report = lint("IT Specialist\n\n" + body + "\n")
    assert [f.severity for f in report.findings if f.rule == RULE] == ["info"]
    assert "standard_requirements" not in report.metrics


def test_a_course_of_study_in_the_sentence_does_not_hide_an_experience_ask(lint):
    body = "At least 4 years of experience in contracting; and completion of a 4-year course of study in business."
    assert [x for x, _ in _years(lint, body)] == ["4 years"]


@pytest.mark.parametrize("definition", [
    "Specialized experience is leading the delivery of digital services for the public.",
    "\n\n- Leading the delivery of digital services\n- Writing plain guidance for the public\n",
])
def test_the_definition_may_follow_as_a_sentence_or_as_a_list(lint, definition):
    body = "To qualify, you must have one (1) year of specialized experience at the next lower GS grade (or equivalent). " + definition
    report = lint("IT Specialist\n\n" + body + "\n")
    assert [f for f in report.findings if f.rule == RULE] == []


def test_a_definition_promised_for_later_is_no_definition(lint):
    body = (
        "To qualify, you must have one (1) year of specialized experience at the next lower GS grade (or equivalent). "
        "Specialized experience will be updated soon.\n\n## How to apply\n\n- Send your resume\n"
    )
    report = lint("IT Specialist\n\n" + body)
    assert [f.severity for f in report.findings if f.rule == RULE] == ["info"]
