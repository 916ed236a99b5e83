"""Gendered pronouns for the candidate are warned about; inclusive pairs are not."""

from __future__ import annotations

import pytest

PRONOUN = "inclusivity/gendered-pronoun"
GENDERED = "inclusivity/gendered-language"


def _rules(lint, body: str) -> set[str]:
    return {f.rule for f in lint("Engineer\n\n" + body + "\n").findings}


@pytest.mark.parametrize("body", [
    "He will report to the head of data.",
    "The successful applicant will join in May, and he joins the payments team.",
    "Her responsibilities include the billing service.",
])
def test_a_lone_pronoun_for_the_candidate_is_a_warning(lint, body):
    found = [f for f in lint("Engineer\n\n" + body + "\n").findings if f.rule == PRONOUN]
    assert found and all(f.severity == "warning" for f in found)


@pytest.mark.parametrize("body", [
    "He or she will report to the head of data.",
    "The incumbent leverages his/her experience with cloud tools.",
    "(S)He will conduct every test by the book.",
    "He/ She will support the quality team.",
    "They present her / his work to stakeholders.",
    "S/he will own the roadmap and his or her team.",
])
def test_inclusive_pairs_are_not_reported_at_all(lint, body):
    rules = _rules(lint, body)
    assert PRONOUN not in rules and GENDERED not in rules


def test_guys_in_a_compound_and_a_founders_story_are_not_gendered_language(lint):
    assert GENDERED not in _rules(lint, "Build fraud models that stop the bad guys.")
    assert GENDERED not in _rules(lint, "Her first job, as a door-to-door salesman, taught her to listen.")
    assert GENDERED in _rules(lint, "You will join our salesmen on the road.")
