"""Headings in the forms real postings use, written for these tests (no corpus text)."""

from __future__ import annotations

import pytest

from assistant.document.headings import heading_kind, inline_label
from assistant.document.loaders import posting_from_text


def kinds(text: str, fmt: str = "txt") -> list[tuple[str, str | None]]:
    p = posting_from_text(text, "x." + fmt, fmt)
    return [(s.kind, s.heading) for s in p.sections]


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("What will the role involve?", "responsibilities"),
        ("What will you do?", "responsibilities"),
        ("Who are you?", "requirements"),
        ("What are we looking for?", "requirements"),
        ("What's in it for you?", "benefits"),
        ("Why join us?", "benefits"),
        ("Who are we?", "company_overview"),
        ("Essential", "requirements"),
        ("Essential criteria", "requirements"),
        ("Desirable", "nice_to_have"),
        ("Desirable criteria", "nice_to_have"),
        ("Essential duties and responsibilities", "responsibilities"),
        ("Minimum qualifications", "requirements"),
        ("Preferred qualifications", "nice_to_have"),
        ("Education Required", "requirements"),
        ("Company profile", "company_overview"),
        ("HOW TO APPLY", "application_process"),
        ("About Harbourline Ferries Group", "company_overview"),
        ("About the technology", None),
        ("Preferable", "nice_to_have"),
        ("Would be an advantage", "nice_to_have"),
        ("What to bring", "requirements"),
        ("Experience we will assess", "requirements"),
        ("What is on offer", "benefits"),
        ("Our offer", "benefits"),
        ("Agency & division information", "company_overview"),
        ("Beneficial:", "nice_to_have"),
        ("Beneficial skills", "nice_to_have"),
        ("Benefits", "benefits"),
        ("We're looking for someone who will:", "responsibilities"),
        ("We're looking for someone who", "requirements"),
        # The languages the rubric knows.
        ("Arbetsuppgifter", "responsibilities"),
        ("Vi erbjuder", "benefits"),
        ("Meriterande", "nice_to_have"),
        ("Om tjänsten", "role_summary"),
        ("Ihre Aufgaben", "responsibilities"),
        ("Dein Profil", "requirements"),
        ("Was wir bieten", "benefits"),
        ("Über uns", "company_overview"),
        ("Vos missions", "responsibilities"),
        ("Profil recherché", "requirements"),
        ("Qui sommes-nous ?", "company_overview"),
        ("Requisitos", "requirements"),
        ("Ofrecemos", "benefits"),
        ("Wat ga je doen?", "responsibilities"),
        ("Wat wij bieden", "benefits"),
        ("Functie-eisen", "requirements"),
        ("Notes", None),
    ],
)
def test_heading_wording_names_its_kind(heading, kind):
    assert heading_kind(heading) == kind


def test_question_headings_head_sections():
    text = (
        "Field Engineer\n\n"
        "What will the role involve?\n"
        "You will install and service our sensors at customer sites across the region.\n\n"
        "Who are you?\n"
        "Someone with two years of hands-on electrical work and a driving licence.\n"
    )
    assert kinds(text) == [("responsibilities", "What will the role involve?"), ("requirements", "Who are you?")]


def test_a_question_inside_a_paragraph_is_not_a_heading():
    text = "Field Engineer\n\nWe fix things. Why does it matter?\nBecause towns depend on the water we test.\n"
    assert all(h is None for _, h in kinds(text))


def test_essential_and_desirable_split_must_haves_from_nice_to_haves():
    from assistant.rubric import metrics

    text = "Lab Technician\n\nEssential\n- A degree in chemistry\n- Care with samples\n\nDesirable\n- HPLC experience\n"
    p = posting_from_text(text, "x.txt", "txt")
    assert [s.kind for s in p.sections] == ["requirements", "nice_to_have"]
    assert metrics.requirements(p)[:2] == (2, 1)


def test_markdown_heading_without_its_space():
    text = "# Data Analyst\n\n##Responsibilities\n- Build reports\n- Answer questions\n\n###Benefits\n- Pension\n"
    assert kinds(text, "md") == [("responsibilities", "Responsibilities"), ("benefits", "Benefits")]


def test_a_hash_word_heading_is_not_a_tag():
    text = "Data Analyst\n\n#Requirements\n- SQL\n- Excel\n\n#LI-Remote\n"
    p = posting_from_text(text, "x.md", "md")
    assert [(s.kind, s.heading) for s in p.sections] == [("requirements", "Requirements")]
    assert p.title == "Data Analyst"


def test_bold_lines_and_all_caps_lines_are_headings():
    text = (
        "Support Lead\n\n**The team**\nSix people answer questions from clinics.\n\n"
        "WHAT YOU WILL DO\nRun the rota and coach the agents every week.\n"
    )
    assert kinds(text, "md") == [("team", "The team"), ("responsibilities", "WHAT YOU WILL DO")]


def test_inline_labels_open_sections_with_their_text_on_the_same_line():
    text = (
        "Data Scientist\n\n"
        "We are a small firm that builds forecasting tools for grocery chains.\n"
        "Minimum qualifications: three years of Python and a good grasp of statistics.\n"
        "Responsibilities: build demand models and explain them to buyers.\n"
        "**Benefits:** pension, private health cover and a learning budget.\n"
    )
    assert kinds(text, "md") == [
        ("company_overview", None),
        ("requirements", "Minimum qualifications"),
        ("responsibilities", "Responsibilities"),
        ("benefits", "Benefits"),
    ]


def test_a_fact_label_is_one_line_and_the_section_around_it_goes_on():
    text = (
        "Data Scientist\n\nRequirements:\n"
        "Three years of Python.\nLocation: Leeds, UK\nA good grasp of statistics and clear writing.\n"
    )
    p = posting_from_text(text, "x.txt", "txt")
    got = [(s.kind, p.text[s.start : s.end].split("\n")[0]) for s in p.sections]
    assert got == [
        ("requirements", "Requirements:"),
        ("location", "Location: Leeds, UK"),
        ("requirements", "A good grasp of statistics and clear writing."),
    ]


def test_field_labels_of_a_header_are_not_sections():
    assert inline_label("Company: Acme Ltd") is not None  # wording names a kind...
    text = "Data Scientist\n\nCompany: Acme Ltd\nPosition: Analyst\nNote: this is a long note about nothing in particular here.\n"
    # ...but a short field is not a section, and "Note" names none.
    assert [s.heading for s in posting_from_text(text, "x.txt", "txt").sections] == [None]


def test_swedish_headings():
    text = (
        "Lagerarbetare\n\nOm tjänsten\nDu packar och skickar order i vårt lager.\n\n"
        "Kvalifikationer\n- Truckkort\n- Noggrannhet\n\nVi erbjuder\n- Kollektivavtal\n"
    )
    assert [k for k, _ in kinds(text)] == ["role_summary", "requirements", "benefits"]


def test_a_line_cut_after_an_article_or_of_at_to_is_no_heading():
    """A wrapped sentence ("… the benefits of working at" + a link on the next line)."""
    text = "Analyst\n\nLearn more about the benefits of working at\n[Harbourline](https://example.org)\n\nWhat you'll do\n\n- Reports\n"
    assert [h for _, h in kinds(text, "md") if h] == ["What you'll do"]


def test_a_line_wrapped_in_equals_signs_is_a_heading():
    """"== What Acme Offers ==" heads a section, as wiki pages and some boards mark them."""
    from assistant.document.loaders import posting_from_text

    text = "Acme - Leeds\n\n== Current Openings ==\n\n* Web Engineer\n\n== What Acme Offers ==\n\n* Health cover\n* A pension\n"
    sections = [(s.kind, s.heading) for s in posting_from_text(text, "x.txt", "txt").sections]
    assert ("benefits", "What Acme Offers") in sections


def test_a_preferences_heading_heads_the_nice_to_haves():
    assert heading_kind("Preferences:") == "nice_to_have"
    assert heading_kind("Skill preferences") == "nice_to_have"
    assert heading_kind("Communication preferences") is None


def test_a_bold_label_without_its_colon_or_a_closing_asterisk_still_names_its_section():
    """'**Location** Leeds' and '**Location* Leeds' (an asterisk lost in the paste) say
    where the work is, as '**Location:** Leeds' does."""
    from assistant.api import lint_text

    for label in ("**Location** Leeds, UK", "**Location* Leeds, UK"):
        text = f"Harbour Pilot\n\n**Team** Marine operations\n\n{label}\n\nYou will guide ships into the port.\n"
        posting = posting_from_text(text, "x.md", "md")
        assert "location" in [s.kind for s in posting.sections], label
        assert "completeness/location" not in {f.rule for f in lint_text(text, "x.md", "md").findings}


@pytest.mark.parametrize("heading", ["Things that can set you apart", "What will make you stand out", "What sets you apart:"])
def test_a_heading_about_standing_out_heads_the_nice_to_haves(heading):
    text = (
        "Data Steward\n\nRequirements\n- SQL you can explain\n- Care for detail\n\n"
        f"{heading}\n- Work with court records\n- Experience with ETL tools\n"
    )
    posting = posting_from_text(text, "x.txt", "txt")
    assert [s.kind for s in posting.sections] == ["requirements", "nice_to_have"]
