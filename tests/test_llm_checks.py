"""The checks after the schema: each way an edit is refused, and what passes."""

from __future__ import annotations

import pytest

from assistant.document.loaders import posting_from_text
from assistant.llm.answers import Edit, RewriteAnswer
from assistant.llm.checks import check_edits, invented, locate

POSTING = """Backend Engineer

We are a young and dynamic team in Lisbon.
You will build and run our invoicing services.
Make Your Resume Now
Salary: competitive.
"""


@pytest.fixture
def check(engine):
    posting = posting_from_text(POSTING, "p.txt", "txt")

    def relint(text):
        return engine.lint(posting_from_text(text, "p.txt", "txt"))

    def run(*edits, brief=""):
        return check_edits(posting, [Edit(**e) for e in edits], relint, brief)

    return run


def edit(original, replacement, rules=("inclusivity/age",), rationale="clearer"):
    return {"original": original, "replacement": replacement, "rationale": rationale, "rules": list(rules)}


def test_a_grounded_edit_that_removes_a_finding_is_accepted(check):
    accepted, refused = check(edit("a young and dynamic team", "a friendly team"))
    assert not refused and len(accepted) == 1
    a = accepted[0]
    assert POSTING.find("a young and dynamic team") == a.start and a.end - a.start == len("a young and dynamic team")


def test_text_not_in_the_posting_is_refused(check):
    _, refused = check(edit("a youthful team", "a team"))
    assert refused[0].reason == "the quoted text is not in the posting"


def test_whitespace_differences_are_forgiven_but_not_ambiguity():
    assert locate("build  and\nrun", "You will build and run it.") == (9, 22)
    assert "occurs 2 times" in locate("run", "run and run")


def test_straightened_quotes_dashes_and_ellipses_are_found():
    """Models copy ’ as ' and — as - (or the other way): the quote still points at the text."""
    text = "We’re hiring — “fast” learners…\nApply now."
    assert locate("We're hiring - \"fast\" learners...", text) == (0, len("We’re hiring — “fast” learners…"))
    assert locate("Apply now.", text) == (len(text) - 10, len(text))
    assert locate("We are hiring", text) == "the quoted text is not in the posting"
    assert "occurs 2 times" in locate("it's", "it’s here and it‘s there")
    assert locate("it's", "it’s here and it's there") == (14, 18)  # the exact quote wins


def test_overlapping_edits_the_second_is_refused(check):
    accepted, refused = check(edit("a young and dynamic team", "a friendly team"), edit("dynamic team in Lisbon", "team in Lisbon"))
    assert len(accepted) == 1 and refused[0].reason == "it overlaps another edit"


@pytest.mark.parametrize(
    ("replacement", "what"),
    [
        ("Salary: $90,000 per year.", "an amount of money"),
        ("Salary: competitive, reviewed every 6 months.", "a number"),
        ("Salary: competitive, plus a 10% bonus.", "a percentage"),
        ("Salary: competitive. Ask jobs@example.com.", "an email address"),
        ("Salary: competitive, see https://example.com/pay.", "a web address"),
        ("Salary: competitive, as at Acme.", "a name"),
    ],
)
def test_invented_facts_are_refused(check, replacement, what):
    _, refused = check(edit("Salary: competitive.", replacement, rules=["completeness/salary"]))
    assert refused and refused[0].reason.startswith(f"it brings {what}")


def test_facts_from_the_brief_are_allowed(check):
    accepted, refused = check(
        edit("Salary: competitive.", "Salary: €60,000–€75,000 a year.", rules=["completeness/salary"]),
        brief="salary_min = 60000\nsalary: €60,000–€75,000 a year",
    )
    assert accepted and not refused


def test_deleting_scrape_noise_is_allowed_and_other_deletions_are_not(check):
    accepted, refused = check(
        edit("Make Your Resume Now", "", rules=["clarity/scrape-noise"]),
        edit("You will build and run our invoicing services.", "", rules=["clarity/scrape-noise"]),
    )
    assert [a.original for a in accepted] == ["Make Your Resume Now"]
    assert "deletes text" in refused[0].reason


def test_an_edit_that_adds_findings_is_refused(check):
    _, refused = check(edit("a young and dynamic team", "a team of rockstar ninjas"))
    assert refused and refused[0].reason.startswith("it adds findings: ") and "inclusivity/bro-culture" in refused[0].reason


def test_an_edit_that_changes_nothing_is_refused(check):
    _, refused = check(edit("Salary: competitive.", "Salary: competitive."))
    assert refused[0].reason == "it changes nothing"


def test_capitals_that_start_sentences_are_not_names():
    assert invented("You will lead. Then ship.", "you will lead and ship") is None
    assert invented("- Build services", "build services") is None


def test_the_answer_schema_is_strict():
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        RewriteAnswer.model_validate({"edits": [{"original": "x", "replacement": "y", "rationale": "z"}], "summary": ""})
    with pytest.raises(ValidationError):
        RewriteAnswer.model_validate({"edits": [], "summary": "", "extra": 1})
    schema = RewriteAnswer.model_json_schema()
    assert schema["additionalProperties"] is False


def test_an_edit_inside_a_flagged_sentence_does_not_count_as_a_new_finding(engine):
    """A long sentence stays long after a word in it is changed: that is not a new finding."""
    text = (
        "Backend Engineer\n\nEach engineer on the team owns his or her services from the first design sketch through "
        "testing, deployment, monitoring and the on-call rotation, and works with product, design and support every "
        "week to decide what to build next and how to measure whether it helped the shops that use it.\n"
    )
    posting = posting_from_text(text, "p.txt", "txt")

    def relint(t):
        return engine.lint(posting_from_text(t, "p.txt", "txt"))

    assert any(f.rule == "clarity/long-sentence" for f in relint(text).findings)
    accepted, refused = check_edits(posting, [Edit(**edit("his or her", "their", ["inclusivity/gendered-language"]))], relint)
    assert not refused and accepted[0].replacement == "their"
