"""clarity/duplicate reports a repeated sentence or paragraph, not a shared opening:
a lead-in that heads parallel groups, or the first line of parallel items wrapped at
a fixed width."""

from __future__ import annotations

from assistant.api import lint_text


def _duplicates(text: str) -> list[str]:
    report = lint_text(text, "dup.md", "md")
    return [report.posting.text[f.start : f.end] for f in report.findings if f.rule == "clarity/duplicate"]


PARALLEL_GROUPS = """Product Lead

## Requirements

- Experience shipping services for a public agency. Your experience must cover each of these areas:
  - Planning releases with partner teams
  - Measuring outcomes after launch
- Experience leading teams of designers and engineers. Your experience must cover each of these areas:
  - Hiring and coaching staff
  - Setting a roadmap with stakeholders
"""

WRAPPED_ITEMS = """Fraud Analyst

## Requirements

- Experience writing plans, checklists and procedures for the
  prevention of account takeover.
- Experience writing plans, checklists and procedures for the
  investigation of account takeover.
- Experience writing plans, checklists and procedures for the
  repair of accounts after takeover.
"""

PRINTED_TWICE = """Support Agent

You will answer questions from our customers by chat and by email every day.
We offer flexible hours and a yearly training budget.

You will answer questions from our customers by chat and by email every day.
"""

WRAPPED_TWICE = """Support Agent

You will answer questions from our customers by chat and
by email, and keep our help pages up to date.

You will answer questions from our customers by chat and
by email, and keep our help pages up to date.
"""


def test_a_lead_in_shared_by_parallel_groups_is_no_duplicate():
    assert _duplicates(PARALLEL_GROUPS) == []


def test_the_shared_first_line_of_wrapped_items_is_no_duplicate():
    assert _duplicates(WRAPPED_ITEMS) == []


def test_a_repeated_sentence_is_still_reported():
    assert _duplicates(PRINTED_TWICE) == ["You will answer questions from our customers by chat and by email every day."]


def test_a_repeated_wrapped_paragraph_is_reported_whole():
    found = _duplicates(WRAPPED_TWICE)
    assert len(found) == 1 and found[0].startswith("You will answer") and found[0].endswith("up to date.")
