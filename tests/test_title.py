"""Titles (issue 15, item 4): fields win, web chrome and placeholders never are one, and
the role is read out of a "Company | Role | City | REMOTE" header.

Every posting here is written for the test.
"""

from __future__ import annotations

import json

import pytest

from assistant.document.loaders import posting_from_text, postings_from_source


def load(source: str, fmt: str = "md"):
    return posting_from_text(source, fmt=fmt)


def span_text(posting) -> str | None:
    if posting.title_span is None:
        return None
    start, end = posting.title_span
    return posting.text[start:end]


# --- fields win --------------------------------------------------------------------


def test_front_matter_title_beats_a_company_heading():
    p = load("---\ntitle: Platform Engineer\ncompany: Lumen Tiles\n---\n\n# Lumen Tiles\n\nWe make tiles.\n")
    assert p.title == "Platform Engineer"
    assert p.title_span is None  # the field is not in the text
    assert [ln.kind for ln in p.lines if ln.kind == "title"] == []


def test_front_matter_title_beats_a_first_sentence():
    p = load("---\ntitle: Delivery Lead\n---\n\nExperience running teams that ship often and learn quickly\n\nMore text.\n")
    assert p.title == "Delivery Lead"


def test_a_body_line_that_repeats_the_field_title_is_the_title_line():
    p = load("---\ntitle: Platform Engineer\n---\n\n# Platform Engineer\n\nWe make tiles.\n")
    assert p.title == "Platform Engineer" and span_text(p) == "Platform Engineer"
    assert [p.text[ln.body_start : ln.end] for ln in p.lines if ln.kind == "title"] == ["Platform Engineer"]


def test_a_role_field_beats_a_page_title():
    p = load("---\ntitle: Tools Team - Release Engineer\nrole_name: Release Engineer\n---\n\nWe ship.\n")
    assert p.title == "Release Engineer"


@pytest.mark.parametrize("value", ["'{{ page.role_name }}'", "TBD", "'[Job Title]'"])
def test_a_placeholder_field_is_no_title(value):
    p = load(f"---\ntitle: {value}\n---\n\nGarden Planner\n\nWe plan gardens.\n")
    assert p.title == "Garden Planner"


def test_front_matter_without_its_opening_rule_is_still_front_matter():
    p = load("title: Map Designer\ncompany: Contour Co\nlocation: Leeds, UK\n---\n\n# Contour Co\n\nWe draw maps.\n")
    assert p.title == "Map Designer"
    assert "company:" not in p.text and p.meta["location"] == "Leeds, UK"


def test_field_lines_above_a_rule_in_plain_markdown_are_not_cut():
    p = load("Location: Leeds, UK\nSalary: £40,000\n---\n\nWe draw maps.\n")
    assert "Location: Leeds" in p.text


def test_an_ats_title_beats_the_first_heading():
    record = {"@type": "JobPosting", "title": "Field Botanist", "description": "<h1>Fernwood Trust</h1><p>We count ferns.</p>"}
    [p] = postings_from_source(json.dumps(record), "job.json", "json")
    assert p.title == "Field Botanist"


# --- web chrome and placeholders ---------------------------------------------------


@pytest.mark.parametrize(
    "chrome",
    [
        "Skip to main content",
        "Home › All jobs › Engineering",
        "Careers / Jobs / Data",
        "Apply now",
        "Sign in",
        "Log in to apply",
        "Back to search results",
        "We use cookies to improve your experience. Accept all cookies",
        "Accept cookies",
        "{{ job.title }}",
        "[Job Title]",
    ],
)
def test_chrome_before_the_title_is_passed_over(chrome):
    p = load(f"{chrome}\n\nHydrologist\n\nWe measure rivers.\n", "txt")
    assert p.title == "Hydrologist"


def test_chrome_alone_is_no_title():
    p = load("Skip to main content\n\nWe measure rivers and want someone who likes water.\n", "txt")
    assert p.title is None


def test_a_title_containing_a_chrome_word_stays():
    assert load("Home Care Assistant\n\nWe visit people at home.\n", "txt").title == "Home Care Assistant"


# --- header lines ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "role"),
    [
        ("Quillpad | Senior Backend Engineer | Lisbon, Portugal | ONSITE", "Senior Backend Engineer"),
        ("Quillpad - Austin, TX - Data Engineer - Full time", "Data Engineer"),
        ("Quillpad | REMOTE | iOS Developer | $140k + equity", "iOS Developer"),
        ("Quillpad, Reno, NV | Full-time | .NET Developer", ".NET Developer"),
        ("Quillpad is looking for a Site Reliability Engineer | ONSITE (Denver, CO) | FULL TIME", "Site Reliability Engineer"),
    ],
)
def test_the_role_is_read_out_of_a_header_line(line, role):
    p = load(f"{line}\n\nWe write notes software.\n", "txt")
    assert p.title == role and span_text(p) == role


@pytest.mark.parametrize(
    "line",
    [
        "Senior Engineer - Payments",  # two parts: a title with a team
        "Quillpad | Backend Engineer | Frontend Developer | Remote",  # two roles: not clear
        "Scientist - Analytical Development - Formulation",  # no place or terms
    ],
)
def test_a_header_that_is_not_clear_stays_whole(line):
    assert load(f"{line}\n\nWe write notes software.\n", "txt").title == line


def test_a_header_names_a_company_with_a_role_word_in_it():
    p = load("Kestrel Associates | Westport, CT | Onsite | Data Analyst\n\nWe analyse.\n", "txt")
    assert p.title == "Data Analyst"


# --- a "Job title:" field in the body ----------------------------------------------


def test_a_job_title_field_is_the_title_when_no_line_is():
    p = load("Reference: 2291\nDate: March\nJob title: Street Lighting Engineer\nGrade: 7\n\nWe light streets.\n", "txt")
    assert p.title == "Street Lighting Engineer" and span_text(p) == "Street Lighting Engineer"


def test_position_terms_are_no_title():
    p = load("Reference: 2291\nPosition: Permanent\nGrade: 7\n\nWe light streets.\n", "txt")
    assert p.title is None


# --- what a board adds after the title ---------------------------------------------


@pytest.mark.parametrize(
    ("heading", "title"),
    [
        ("Field Planner (Trainee) - United States", "Field Planner (Trainee)"),
        ("Route Planner - Austin, TX", "Route Planner"),
        ("Parcel Sorter - Earn $120-$180 Daily", "Parcel Sorter"),
        ("Route Planner – Remote", "Route Planner"),
        ("Data Engineer - Kafka", "Data Engineer - Kafka"),
        ("Product Manager - Global Payments", "Product Manager - Global Payments"),
        ("Data Analyst - Tidewell Brands", "Data Analyst - Tidewell Brands"),
    ],
)
def test_a_place_pay_or_terms_suffix_is_cut(heading, title):
    p = load(f"# {heading}\n\nWe plan routes.\n")
    assert p.title == title and span_text(p) == title


def test_a_formal_job_title_field_beats_a_position_designation():
    p = load("Department: Roads\nPosition Designation: Senior Surveyor\nGrade: 7\n\nWe survey.\n\nJob Title: Lead Surveyor\nGrade: 7\n", "txt")
    assert p.title == "Lead Surveyor"


def test_a_header_without_a_role_is_not_cut():
    assert load("Quillpad - Remote - Full time\n\nWe write notes software.\n", "txt").title == "Quillpad - Remote - Full time"


@pytest.mark.parametrize(
    "line",
    [
        "Kestrel Labs - Boston, MA",  # a company and its place, not a job
        "Parcel Sorter | $16 - $20/hr",  # a range, not a suffix
        "Route Planner (Remote - Ohio)",
        "Kestrel (https://kestrel.example) - Leeds",
    ],
)
def test_no_cut_where_what_is_left_is_no_title(line):
    assert load(f"{line}\n\nWe plan routes.\n", "txt").title == line


def test_a_place_and_terms_line_above_the_role_is_passed_over():
    from assistant.document.loaders import posting_from_text

    text = "Bristol, UK. Full time.\n\nRails developer\n\nYou will build our seat-map service.\n"
    assert posting_from_text(text, "x.txt", "txt").title == "Rails developer"
    # A line that names a place and something else is not passed over.
    text = "Bristol harbour ferries\n\nRails developer\n\nYou will build our seat-map service.\n"
    assert posting_from_text(text, "x.txt", "txt").title == "Bristol harbour ferries"


def test_a_first_line_listing_the_roles_sought_is_the_title():
    listed = posting_from_text("Data Scientists, Game Engineers, Tech Writers, QA -- you name it!\n\nJobs at Tidewatch in Leeds.\n", "x.txt", "txt")
    assert listed.title == "Data Scientists, Game Engineers, Tech Writers, QA"
    hiring = posting_from_text("Tidewatch in Leeds is looking for senior and lead web developers.\n\nWe use Perl.\n", "x.txt", "txt")
    assert hiring.title == "senior and lead web developers"
    header = posting_from_text("Tidewatch | Leeds, UK | Full time | Many open positions including Software Engineers, QA, Product Managers\n\nWe sail.\n", "x.txt", "txt")
    assert header.title == "Software Engineers, QA, Product Managers"
    # A company and its town name no role.
    plain = posting_from_text("Tidewatch, Leeds, Yorkshire. Office by the harbour.\n\nWe build tide apps.\n", "x.txt", "txt")
    assert plain.title is None


def test_a_sentence_about_the_company_is_no_list_of_roles():
    posting = posting_from_text("Tidewatch is a marketplace for developers, designers and marketers to find work.\n\nWe sail.\n", "x.txt", "txt")
    assert posting.title is None
    header = posting_from_text("Tidewatch - Leeds, UK - is hiring for most positions, including Lead Developer, Account Managers.\n\nWe sail.\n", "x.txt", "txt")
    assert header.title == "Lead Developer, Account Managers"


def test_a_page_that_marks_every_heading_with_one_hash_keeps_its_first_section():
    """'# Duties:' lower down is a heading, not the title; taken as the title, the
    summary above it vanished and the role summary was reported missing."""
    text = (
        "---\ntitle: Harbour App Developer\n---\n\n# Overview\n\nYou would be one of two developers on a new"
        " tide-table app, shipping it to its first users this spring.\n\n# Responsibilities:\n* Build the app\n"
        "* Review code\n\n# Requirements:\n* Three years of mobile work\n"
    )
    posting = posting_from_text(text, "x.md", "md")
    assert posting.title == "Harbour App Developer"
    kinds = [(s.kind, s.heading) for s in posting.sections]
    assert ("role_summary", "Overview") in kinds and ("responsibilities", "Responsibilities") in kinds
