"""Explicit age limits are errors; legal minimums and audiences' ages are not limits."""

from __future__ import annotations

import pytest

RULE = "inclusivity/age-limit"


def _limits(lint, text: str):
    report = lint(text)
    return [(report.posting.text[f.start : f.end], f.severity) for f in report.findings if f.rule == RULE]


@pytest.mark.parametrize(("text", "excerpt"), [
    ("Clerk\n\nRequirements:\n- Aged 25–35\n", "Aged 25–35"),
    ("Clerk\n\nBetween the ages of 20 and 30.\n", "Between the ages of 20 and 30"),
    ("Clerk\n\nYou are 22 to 30 years old.\n", "22 to 30 years old"),
    ("Clerk\n\nCandidates under 35 only.\n", "Candidates under 35"),
    ("Clerk\n\nYou should be no older than 45.\n", "You should be no older than 45"),
    ("Clerk\n\nMaximum age: 40.\n", "Maximum age: 40"),
])
def test_an_age_limit_is_an_error(lint, text, excerpt):
    assert _limits(lint, text) == [(excerpt, "error")]


def test_an_age_limit_in_the_title_is_found(lint):
    assert [e for e, _ in _limits(lint, "Waiter, under 30 years old\n\nYou serve our guests.\n")] == ["under 30 years old"]


@pytest.mark.parametrize("text", [
    "Driver\n\nYou must be at least 21 years of age.\n",
    "Driver\n\nApplicants must be 18 or older.\n",
    "Helper\n\nApplicants under 18 need a parent's consent.\n",
    "Teacher\n\nYou will teach students aged 14-18.\n",
    "Marketer\n\nOur audience is people aged 25–34.\n",
    "Agent\n\nWe reply to customers in under 30 minutes.\n",
    "Founder\n\nWe are a team of under 20 people.\n",
])
def test_no_limit_on_applicants(lint, text):
    assert _limits(lint, text) == []
