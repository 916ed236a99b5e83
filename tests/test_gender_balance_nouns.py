"""inclusivity/gender-coded (issue 15): coded words that describe others or the company are
not traits asked of the candidate, and one coded word against none is not a lean.
Every posting here is written for the test."""

from __future__ import annotations

import pytest

RULE = "inclusivity/gender-coded"


def _lean(lint, body: str):
    report = lint("Data Analyst\n\n" + body + "\n")
    return [f for f in report.findings if f.rule == RULE], report


@pytest.mark.parametrize("body", [
    # the people the hire informs
    "You will report results to decision makers and advise decision makers on trends in analytical data products.",
    # the company as its market's leader
    "We are a leading provider of farm sensors and an industry leading platform for growers.",
    "We are a world-leading maker of looms, and the analytical tools you build serve our mills.",
])
def test_words_about_others_or_the_company_are_not_counted(lint, body):
    found, report = _lean(lint, body)
    assert found == []
    assert report.metrics["gender_coded"]["masculine"] == {}


def test_one_coded_word_against_none_is_no_lean(lint):
    found, _ = _lean(lint, "You need a strong foundation in statistics to start.")
    assert found == []


def test_a_real_lean_is_still_reported(lint):
    found, _ = _lean(lint, "We want a competitive, driven and fearless analyst with a dominant style.")
    overall = [f for f in found if f.start is None]
    assert len(overall) == 1 and "masculine-coded" in overall[0].message


def test_a_decision_maker_as_a_trait_still_counts(lint):
    found, _ = _lean(lint, "You are a confident, decisive decision-maker with an assertive style.")
    overall = [f for f in found if f.start is None]
    assert overall and "decision-maker" in overall[0].message
