"""Employment terms as boards and flattened scrapes state them: a run-in "Duration 6+
Months" is a fixed term, "Contract: Perm" is permanent. Fixtures are our own wording."""

from __future__ import annotations

import pytest

from assistant.document.loaders import posting_from_text


def _terms(text: str) -> str | None:
    return posting_from_text(text, "job.md", "md").facts.employment_type


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        ("# Analyst\n\nRole Analyst Place Remote Duration 9+ Months Interviews by phone, then video\n", "contract"),
        ("# Analyst\n\nDuration: 6 plus months\n\nYou will clean data.\n", "contract"),
        ("# Engineer\n\nContract: Perm\nPay: 60k\n\nYou will build services.\n", "full-time"),
        ("# Engineer\n\n- Contract type: Perm\n\nYou will build services.\n", "full-time"),
    ],
)
def test_terms_stated_in_a_field_are_read(text, terms):
    assert _terms(text) == terms


@pytest.mark.parametrize(
    "text",
    [
        "# Analyst\n\nYou bring 6+ months of experience with dashboards.\n",
        "# Recruiter\n\nWe are a perm and temp agency placing staff across the city.\n",
    ],
)
def test_months_of_experience_and_loose_words_are_no_terms(text):
    assert _terms(text) is None


def test_a_board_contract_field_of_perm_in_front_matter_is_permanent():
    text = "---\ntitle: Engineer\ncontract: Perm\n---\n# Engineer\n\nYou will build services.\n"
    assert _terms(text) == "full-time"
