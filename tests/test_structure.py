"""Structure inference on postings written for these tests, plain text and Markdown."""

from __future__ import annotations

import pytest

from assistant.document.loaders import posting_from_text
from assistant.rubric import metrics

PLAIN = """Data Engineer (Payments)
About the job
We move money for 4,000 small shops and need someone to keep our pipelines honest.
What you'll do
Design batch and streaming jobs for settlement data
Own data quality checks and the alerts behind them
Work with finance on month-end reporting
Requirements:
Three years writing production Python or Scala
Comfort with SQL window functions
Experience with one of the following:
Airflow
Dagster
Perks
Four-day week in August
Home office budget
We are an equal opportunity employer and do not discriminate on the basis of race, religion or age.
"""

MARKDOWN = """---
title: Support Lead
location: Lisbon, Portugal
layout: job
---
{% include header.html %}
# Support Lead

**About us**

We build booking software for dentists.

## Responsibilities
- Run the support rota
- Coach four agents
  - weekly one-to-ones
  - call reviews

## Nice to have
* Portuguese
* Zendesk admin experience

## How to apply
Send a short note to the team.
"""


def kinds(posting):
    return [(s.kind, s.heading) for s in posting.sections]


def test_plain_text_headings_bullets_and_sections():
    p = posting_from_text(PLAIN, "plain.txt", "txt")
    assert p.title == "Data Engineer (Payments)"
    assert kinds(p) == [
        ("role_summary", "About the job"),
        ("responsibilities", "What you'll do"),
        ("requirements", "Requirements"),
        ("benefits", "Perks"),
        ("eeo_statement", None),
    ]
    bullets = [p.text[ln.body_start : ln.end] for ln in p.lines if ln.kind == "bullet"]
    assert "Design batch and streaming jobs for settlement data" in bullets
    assert "Airflow" in bullets and "Home office budget" in bullets
    # A lead-in ending with ':' is not a requirement; its items are, except that "one
    # of the following" asks for one of them (Airflow or Dagster): 2 + 1.
    lead = next(ln for ln in p.lines if p.text[ln.body_start : ln.end].startswith("Experience with one of"))
    assert lead.lead_in
    must, nice, _ = metrics.requirements(p)
    assert (must, nice) == (3, 0)


def test_markdown_front_matter_liquid_and_nesting():
    p = posting_from_text(MARKDOWN, "job.md", "md")
    assert "layout:" not in p.text and "{%" not in p.text
    assert p.title == "Support Lead"
    assert p.meta["location"] == "Lisbon, Portugal"
    assert p.facts.location is not None and "Lisbon" in p.facts.location.text
    assert [k for k, _ in kinds(p)] == [
        "company_overview", "responsibilities", "nice_to_have", "application_process",
    ]
    coach = next(ln for ln in p.lines if p.text[ln.body_start : ln.end] == "Coach four agents")
    assert coach.lead_in  # it has deeper items below it
    assert metrics.requirements(p)[1] == 2


def test_spans_map_back_to_the_markdown_source():
    p = posting_from_text(MARKDOWN, "job.md", "md")
    offset = p.text.index("Run the support rota")
    line, col = p.source_map.line_col(offset)
    assert MARKDOWN.splitlines()[line - 1][col - 1 :].startswith("Run the support rota")


def test_crlf_nbsp_and_zero_width_are_normalised_but_mapped():
    source = "Title\r\n\r\nWe\u00a0pay\u200b well.\r\nSalary: \u20ac50,000\r\n"
    p = posting_from_text(source, "x.txt", "txt")
    assert "\r" not in p.text and "\u200b" not in p.text and "\u00a0" not in p.text
    offset = p.text.index("Salary")
    assert p.source_map.line_col(offset) == (4, 1)
    offset = p.text.index("well")
    line, col = p.source_map.line_col(offset)
    assert source.split("\r\n")[line - 1][col - 1 :].startswith("well")


def test_html_fragment_with_unclosed_paragraphs():
    html = "<p>Acme | Backend Engineer | Berlin | Full-time<p>We build things.<ul><li>Go</li><li>SQL</li></ul>"
    p = posting_from_text(html, "hn.html", "html")
    assert p.location_basis == "extracted"
    assert "<p>" not in p.text and "Go" in p.text


def test_escaped_html_is_unescaped_twice():
    html = "&lt;h2&gt;Requirements&lt;/h2&gt;&lt;ul&gt;&lt;li&gt;Python&lt;/li&gt;&lt;li&gt;SQL&lt;/li&gt;&lt;/ul&gt;"
    p = posting_from_text(html, "gh.html", "html")
    assert "<li>" not in p.text and "&lt;" not in p.text
    assert any(s.kind == "requirements" for s in p.sections)


def test_non_english_postings_get_structure_rules_only(lint):
    swedish = (
        "Systemutvecklare\n\nVi söker en systemutvecklare som vill arbeta med oss i Göteborg. "
        "Du kommer att arbeta med våra kunder och det är viktigt att du är en stark och driven person.\n\n"
        "Kvalifikationer:\n- Erfarenhet av Python\n- Goda kunskaper i svenska och engelska\n"
    )
    report = lint(swedish)
    assert report.posting.language == "sv"
    assert not [f for f in report.findings if f.category == "inclusivity"]
    assert report.notes and "'sv'" in report.notes[0]
    assert any(f.rule == "completeness/salary" for f in report.findings)


def test_exemplars_add_the_sections_they_share(tmp_path):
    from assistant.api import make_engine
    from assistant.document.loaders import posting_from_text

    for name in ("a", "b"):
        (tmp_path / f"{name}.txt").write_text(
            f"Engineer {name}\n\nWhat you'll do:\n- Build\n- Ship\n\nHow to apply:\nTwo interviews and a paid task.\n",
            encoding="utf-8",
        )
    engine = make_engine(exemplars=tmp_path)
    assert engine.profile.kinds == ["responsibilities", "application_process"]
    assert engine.profile.list_sizes == {"responsibilities": 2.0}
    draft = posting_from_text("Engineer C\n\nRequirements:\n- Python\n- SQL\n", "c.txt")
    messages = [f.message for f in engine.lint(draft).findings if f.rule == "completeness/exemplar-sections"]
    # Both gaps have rules of their own, which report them; the exemplar rule does not
    # repeat them (issue 15, item 3: one finding per gap).
    assert messages == []
    fired = {f.rule for f in engine.lint(draft).findings}
    assert {"completeness/responsibilities", "completeness/how-to-apply"} <= fired


def test_a_heading_written_as_a_list_item_opens_a_new_part():
    text = "Analyst\n\nRequirements:\n- SQL\n- Excel\n- Desirable:\n- Python, ideally\n- Tableau\n"
    p = posting_from_text(text, "x.txt", "txt")
    assert [s.kind for s in p.sections] == ["requirements", "nice_to_have"]
    assert metrics.requirements(p)[:2] == (2, 2)


def test_unclosed_template_delimiters_keep_the_text():
    """An opener with no closer cuts nothing (and costs linear time, not quadratic)."""
    from assistant.document.loaders import markdown_cuts

    source = "Engineer\n\n" + "{% if " * 5000 + "\n<!-- note\n{{ x\n- Real requirement\n"
    cuts, _ = markdown_cuts(source)
    assert cuts == []
    closed = "Intro {% raw %} text {{ page.x }} and <!-- hidden --> <b>bold</b> end"
    cuts, _ = markdown_cuts(closed)
    assert [closed[a:b] for a, b in cuts] == ["{% raw %}", "{{ page.x }}", "<!-- hidden -->", "<b>", "</b>"]


def test_lower_case_keeps_offsets():
    from assistant.document.normalise import lower_same_length

    text = "İstanbul Office, ÉQUIPE"
    low = lower_same_length(text)
    assert len(low) == len(text) and low == "istanbul office, équipe"


def test_json_escapes_a_scrape_left_in_are_read_as_what_they_stand_for():
    """An export that wrote JSON strings out undecoded cuts "We’re" into "We" and
    "u2019re" and runs every line into one; the text is read decoded, and findings
    still point at the user's own line and column."""
    source = (
        "# Support Lead\n\n"
        r"We\u2019re a small team.\nResponsibilities:\n- Answer tickets\n- Write the \u201chow to\u201d pages\n"
        "Salary: 40,000 EUR a year\n"
    )
    p = posting_from_text(source, "x.md", "md")
    assert "We’re a small team.\nResponsibilities:\n- Answer tickets" in p.text
    assert "“how to”" in p.text
    assert any(s.kind == "responsibilities" for s in p.sections)
    offset = p.text.index("Answer")
    assert p.source_map.line_col(offset) == (3, source.splitlines()[2].index("Answer") + 1)


@pytest.mark.parametrize("source", ["Use \\n to end a line in C.\n", "Save it in C:\\new\\notes.\n", "One \\u2019 here.\n"])
def test_a_lone_escape_stays_as_written(source):
    """Only text plainly left escaped (two \\u escapes, or three \\n) is decoded."""
    assert posting_from_text(source, "x.txt", "txt").text == source
