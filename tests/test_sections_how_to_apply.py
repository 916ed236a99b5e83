"""Where to apply, said the ways informal posts say it (issue 15, item 1): a closing link
to the job page, a board's per-role application links, an address the board stripped
("drop me a mail at") or masked, the interviews that follow. Paraphrased fixtures."""

from __future__ import annotations

from assistant.document.loaders import posting_from_text

BODY = "Ferry Booking Developer\n\nWe build booking software for ferry lines. You will build the seat map.\n\n"


def _apply_missing(engine, text: str) -> bool:
    findings = engine.lint(posting_from_text(text, "x.txt", "txt")).findings
    return any(f.rule == "completeness/how-to-apply" for f in findings)


def test_a_closing_link_to_the_job_page_says_where_to_apply(engine):
    assert not _apply_missing(engine, BODY + "https://tidewater.example/job_openings/booking-developer\n")
    assert not _apply_missing(engine, BODY + "More: http://tidewater.example/jobs .\n")
    # The same link mid-posting, with more text after it, is a link to read more.
    assert _apply_missing(engine, "Ferry Booking Developer\n\nSee http://tidewater.example/jobs for our team.\n\nYou will build the seat map. We sail daily.\n")


def test_application_pages_and_tracker_links_per_role(engine):
    assert not _apply_missing(engine, BODY + "1. Backend: https://hire.jobvite.com/j?cj=abc\n\nWe sail daily.\n")
    assert not _apply_missing(engine, BODY + "Read https://tidewater.example/meta/job-application to join.\n\nWe sail daily.\n")


def test_a_stripped_or_masked_address_was_an_address(engine):
    assert not _apply_missing(engine, BODY + "Questions? Drop me a mail at\n")
    assert not _apply_missing(engine, BODY + "Interested? Let us know at:\n\nPay is 50k.\n")
    assert not _apply_missing(engine, BODY + "JOIN NOWApply at:??#EMAIL_0a1b2c3d4e5f#\n")
    assert _apply_missing(engine, BODY + "Our office is at\n\nthe harbour.\n")


def test_the_interviews_that_follow_are_the_process(engine):
    assert not _apply_missing(engine, BODY + "Tell us your rate in a reply; phone interviews follow within a week.\n")
