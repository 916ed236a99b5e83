"""Degree demands: the equivalent may come in the next sentence or item; wishes are not demands."""

from __future__ import annotations

import pytest

RULE = "inclusivity/degree-requirement"


def _degrees(lint, body: str):
    report = lint("Analyst\n\n" + body + "\n")
    return [report.posting.text[f.start : f.end] for f in report.findings if f.rule == RULE]


@pytest.mark.parametrize(("body", "excerpt"), [
    ("Requirements:\n- Bachelor's degree in Computer Science\n- SQL", "Bachelor's degree"),
    ("Requirements:\n- Bachelor’s in Statistics or related field", "Bachelor’s"),
    ("Requirements:\n- Bachelors, Masters or PhD in Computer Science", "Bachelors, Masters or PhD"),
    ("EDUCATION:\nMaster’s\ndegree in statistics required.", "Master’s\ndegree"),
    ("Requirements:\n- Master in Statistics. A PhD is a plus.", "Master"),
    ("Requirements:\n- Education: Bachelor's", "Bachelor's"),
])
def test_a_demand_without_an_equivalent(lint, body, excerpt):
    assert _degrees(lint, body) == [excerpt]


@pytest.mark.parametrize("body", [
    "Requirements:\n- Bachelor's degree in Computer Science or equivalent experience",
    "Requirements:\n- Bachelor's degree in Computer Science\n- Equivalent practical experience counts the same",
    "Requirements:\n- A degree in computer science. Four years of experience may be substituted.",
    "Requirements:\n- Bachelor's degree in a technical field, or specialized experience in one",
    "Requirements:\n- Master's degree preferred",
    "Requirements:\n- A master's degree would be a plus",
    "Requirements:\n- Python\n\nNice to have:\n- A master's degree in physics",
    "Education: Bachelor's degree\n\nRequirements:\n- A degree in a technical field, or equivalent work experience",
    "Requirements:\n- Candidates with an undergraduate degree will also be considered",
    "Requirements:\n- Scrum Master certification",
])
def test_no_demand_or_an_equivalent_is_accepted(lint, body):
    assert _degrees(lint, body) == []


def test_an_equivalent_after_a_blank_line_or_heading_does_not_count(lint):
    body = "Requirements:\n- Bachelor's degree in Computer Science\n\nAbout the team:\nEquivalent roles exist in London."
    assert _degrees(lint, body) == ["Bachelor's degree"]


def test_on_a_flattened_line_a_later_items_wish_does_not_hedge_the_degree(lint):
    """No sentence ends on a list flattened onto one line: "desired" after "required"
    belongs to the next item (see `Context.unless`)."""
    items = " ".join(f"Item {n} about the stack and the tools we use every day" for n in range(6))
    text = (
        "Analyst\n\nRequirements:\n" + items + " Bachelor's degree in Engineering or other relevant "
        "fields required MBA desired 2-5 years of work at a startup " + items + "\n"
    )
    found = [f for f in lint(text).findings if f.rule == "inclusivity/degree-requirement"]
    assert found


def test_mba_is_a_degree(lint):
    found = [f for f in lint("Analyst\n\nRequirements:\n- An MBA from an accredited school\n").findings
             if f.rule == "inclusivity/degree-requirement"]
    assert found


def test_years_that_go_with_a_degree_are_no_alternative_to_it(lint):
    report = lint(
        "Chemist\n\nRequirements:\n- Bachelors degree in chemistry\n"
        "- At least 5 years of experience with a bachelors degree or at least 2 years with a masters degree\n"
    )
    assert "inclusivity/degree-requirement" in [f.rule for f in report.findings]
