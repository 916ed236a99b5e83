"""Remote policy (issue 15): wording the detector missed, and on-site read from a place.

A place with no word on remote work reads as on-site to a reader, but it is not a policy
stated: `facts.remote_implied` says so and completeness/remote-policy still asks.
Every posting here is written for the test.
"""

from __future__ import annotations

import pytest

from assistant.document.loaders import posting_from_text


def facts(text: str, fmt: str = "md"):
    return posting_from_text(text, fmt=fmt).facts


@pytest.mark.parametrize(
    ("text", "remote"),
    [
        ("Quillpad - Remote - Full time\n\nWe write notes software.\n", "remote"),
        ("Benefits: ability to work remote 2 days a week.\n", "hybrid"),
        ("Perks: you may work remotely one day per week.\n", "hybrid"),
        ("Work Remotely: Temporarily due to the pandemic\n", "remote"),
        ("Quillpad | Backend Engineer | ONSITE (Reno, NV) | FULL TIME\n", "onsite"),
    ],
)
def test_remote_wording(text, remote):
    f = facts(text, "txt")
    assert f.remote == remote and not f.remote_implied


@pytest.mark.parametrize(
    "text",
    [
        "# Map Designer\n\nLocation: Leeds, UK\n\nWe draw maps.\n",
        "# Map Designer\n\nYou will be based in Leeds, UK, with our small team.\n",
        "---\ntitle: Map Designer\nlocation: Leeds, UK\n---\n\nWe draw maps.\n",
    ],
)
def test_a_place_and_no_word_on_remote_work_reads_as_onsite(text):
    f = facts(text)
    assert f.remote == "onsite" and f.remote_implied


def test_a_board_metadata_place_alone_says_nothing():
    f = facts("# Map Designer\n\n- **Company:** Contour Co\n- **Location:** Leeds, UK\n\nWe draw maps for walkers.\n")
    assert f.location is not None and f.remote is None and not f.remote_implied


def test_a_board_metadata_place_with_a_place_of_work_in_the_text():
    f = facts("# Map Designer\n\n- **Location:** Leeds, UK\n\nThe role is based in our Leeds office.\n")
    assert f.remote == "onsite" and f.remote_implied


def test_stated_policy_is_not_implied():
    f = facts("# Map Designer\n\nLocation: Leeds, UK (hybrid, two days in the office)\n")
    assert f.remote == "hybrid" and not f.remote_implied


def test_implied_onsite_still_gets_the_remote_policy_finding(lint):
    report = lint("Map Designer\n\nLocation: Leeds, UK\n\nWe draw maps for walkers and want someone careful.\n")
    assert report.posting.facts.remote_implied
    assert "completeness/remote-policy" in {f.rule for f in report.findings}
