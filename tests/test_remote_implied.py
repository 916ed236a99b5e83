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
    f = facts("# Map Designer\n\n- **Location:** Leeds, UK\n\nThe role is based in Leeds.\n")
    assert f.remote == "onsite" and f.remote_implied


@pytest.mark.parametrize(
    "text",
    [
        "The role is based in our Leeds office.\n",
        "This position sits in our global corporate headquarters in Dayton, a busy campus.\n",
        "You will be working with the mapping team, at our new location in Headingley.\n",
        "Working conditions: the work is based in an office, with some travel to clients.\n",
        "Work is typically based in a busy office environment.\n",
        "The intern will be located at the Fremont, CA facility, Monday to Friday.\n",
        "This position is located in our Reston, Virginia headquarters.\n",
    ],
)
def test_a_sentence_putting_the_job_at_the_employers_premises_is_a_stated_policy(text):
    f = facts("# Map Designer\n\n" + text)
    assert f.remote == "onsite" and not f.remote_implied


@pytest.mark.parametrize(
    "text",
    [
        "You can work from our Leeds office whenever you like.\n",  # an option, not a rule
        "You can work from an office or from home, as you like.\n",
        "You will have access to our fitness facility.\n",
        "Our offices are in Leeds and York.\n",  # where the company is, not the job
        "You will meet clients at the location they choose.\n",
        "You will work closely with our office manager.\n",
        "You will work directly in the Office of the Chief Actuary.\n",  # a unit, not premises
        "The candidate will be working in a middle office technology team.\n",  # a part of a bank, not premises
    ],
)
def test_premises_mentioned_without_putting_the_job_there(text):
    f = facts("# Map Designer\n\n" + text)
    assert f.remote is None or f.remote_implied  # at most read from the place named, not stated


@pytest.mark.parametrize(
    "text",
    [
        "We have offices in Leeds and York, but we largely work distributedly across the country.\n",
        "We are a fully distributed team.\n",
        "We are distributed-first and meet twice a year.\n",
    ],
)
def test_distributed_work_reads_as_remote(text):
    assert facts("# Map Designer\n\n" + text).remote == "remote"


@pytest.mark.parametrize(
    "text",
    [
        "You will work on distributed systems and distributed databases.\n",
        "The platform must become fully distributed, with no single point of failure.\n",
    ],
)
def test_distributed_software_is_not_a_policy(text):
    assert facts("# Map Designer\n\n" + text).remote is None


def test_the_role_is_remote_says_remote_over_an_optional_office():
    f = facts("# Map Designer\n\nThe role is remote, but you can work from our Leeds office when you like.\n")
    assert f.remote == "remote"


def test_an_export_telecommuting_flag_of_no_reads_as_onsite_but_prose_wins():
    assert facts("# Cleaner\n\n- **Telecommuting:** 0\n\nYou will clean the shop.\n").remote == "onsite"
    assert facts("# Cleaner\n\n- **Telecommuting:** no\n").remote == "onsite"
    assert facts("# Writer\n\n- **Telecommuting:** 0\n\nThis is a fully remote role.\n").remote == "remote"


def test_stated_policy_is_not_implied():
    f = facts("# Map Designer\n\nLocation: Leeds, UK (hybrid, two days in the office)\n")
    assert f.remote == "hybrid" and not f.remote_implied


def test_implied_onsite_still_gets_the_remote_policy_finding(lint):
    report = lint("Map Designer\n\nLocation: Leeds, UK\n\nWe draw maps for walkers and want someone careful.\n")
    assert report.posting.facts.remote_implied
    assert "completeness/remote-policy" in {f.rule for f in report.findings}


def test_an_onsite_tag_before_fulltime_in_a_header_line():
    """"Acme - ONSITE FULLTIME - Leeds": a board's header tags, run together (fresh read, sample 4)."""
    f = facts("Acme - ONSITE FULLTIME - Leeds, UK\n\nWe build booking software.\n")
    assert f.remote == "onsite" and not f.remote_implied
