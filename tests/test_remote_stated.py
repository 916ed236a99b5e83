"""The remote policy as postings state it in passing: a run-in "Location Remote" field,
"can be done remotely", relocation paid to a city, "join our team in <place>".
Fixtures are our own wording."""

from __future__ import annotations

import pytest

from assistant.document.facts import detect_remote
from assistant.document.loaders import posting_from_text
from assistant.rubric.build import make_engine

_engine = make_engine()


@pytest.mark.parametrize(
    ("text", "policy"),
    [
        ("Role Data Analyst Location Remote Length 12 Months Interviews by video", "remote"),
        ("The analysis can be done remotely; you will meet the team twice a year.", "remote"),
        ("Most of this work may be performed remotely.", "remote"),
        ("This role cannot be performed remotely.", "onsite"),
        ("Relocation to Rotterdam is paid for by the company.", "onsite"),
        ("We provide relocation assistance and help with your visa.", "onsite"),
        ("You will join our data team in Leeds, UK, and visit clients nearby.", "onsite"),
        ("Relocation assistance is available, or you can work remotely from anywhere in Canada.", "remote"),
    ],
)
def test_a_policy_said_in_passing_is_read(text, policy):
    assert detect_remote(text) == policy


@pytest.mark.parametrize(
    "text",
    [
        "No relocation is offered for this role.",
        "If you would like to join our team in Leeds, write to us.",
        "We build remote sensing tools for farmers.",
    ],
)
def test_words_near_the_policy_that_state_none_are_not_read(text):
    assert detect_remote(text) is None


def test_a_posting_that_says_it_can_be_done_remotely_is_not_asked_for_its_policy():
    text = "# Policy Analyst\n\nLocation: Denver, CO\n\nThis position can be done remotely. You will write briefs on school funding.\n"
    report = _engine.lint(posting_from_text(text, "job.md", "md"))
    assert "completeness/remote-policy" not in {f.rule for f in report.findings}


def test_a_remote_role_with_no_place_is_told_to_name_where_not_that_no_location_is_stated():
    remote = "# Analyst\n\n- **Location:** Remote\n\nYou will build dashboards for our sales team.\n"
    (finding,) = [f for f in _engine.lint(posting_from_text(remote, "job.md", "md")).findings if f.rule == "completeness/location"]
    assert "remote" in finding.message and "No work location is stated" not in finding.message
    silent = "# Analyst\n\nYou will build dashboards for our sales team.\n"
    (finding,) = [f for f in _engine.lint(posting_from_text(silent, "job.md", "md")).findings if f.rule == "completeness/location"]
    assert finding.message.startswith("No work location is stated")
