"""Inline directives: what they switch off, where, and in which formats."""

from __future__ import annotations

import pytest

BODY = """Backend Engineer

We want a rockstar to join us.
You will be a ninja with our tools.
You will review code with a rockstar team.
"""


def rules_at(report):
    """(rule, source line) of each finding with a span."""
    return {(f.rule, report.posting.source_map.line_col(f.start)[0]) for f in report.findings if f.start is not None}


def bro(report):
    return sorted(line for rule, line in rules_at(report) if rule == "inclusivity/bro-culture")


def test_without_directives_every_line_is_flagged(lint):
    assert bro(lint(BODY)) == [3, 4, 5]


def test_disable_next_line_covers_only_the_next_line(lint):
    text = BODY.replace("We want", "<!-- posting-assistant: disable-next-line inclusivity/bro-culture -->\nWe want")
    report = lint(text)
    assert bro(report) == [5, 6]  # lines as in the source file: the directive is line 3
    assert "posting-assistant" not in report.posting.text  # not posting text: no words, no metric


def test_disable_then_enable_covers_the_lines_between(lint):
    text = BODY.replace("We want", "<!-- posting-assistant: disable inclusivity -->\nWe want").replace(
        "You will review", "<!-- posting-assistant: enable inclusivity -->\nYou will review"
    )
    assert bro(lint(text)) == [7]


def test_disable_without_rules_switches_everything_off_to_the_end(lint):
    text = BODY.replace("We want", "<!-- posting-assistant: disable -->\nWe want")
    report = lint(text)
    assert not [f for f in report.findings if f.start is not None]
    assert not report.findings  # missing-section findings too: the rule is off at the end


def test_a_file_level_disable_silences_a_missing_section(lint):
    assert any(f.rule == "completeness/salary" for f in lint(BODY).findings)
    report = lint("<!-- posting-assistant: disable completeness/salary, completeness/benefits -->\n" + BODY)
    found = {f.rule for f in report.findings}
    assert "completeness/salary" not in found and "completeness/benefits" not in found
    assert "completeness/location" in found


def test_a_directive_quoted_in_a_sentence_of_plain_text_is_text(lint):
    text = BODY.replace("We want a rockstar", "Write <!-- posting-assistant: disable --> to hide findings. We want a rockstar")
    assert 3 in bro(lint(text))


def test_markdown_directive_at_the_end_of_a_line_covers_the_next_line(lint):
    text = BODY.replace("We want a rockstar to join us.", "Intro. <!-- posting-assistant: disable-next-line inclusivity -->\nWe want a rockstar to join us.")
    assert bro(lint(text, "md")) == [5, 6]


def test_html_directives(lint):
    html = (
        "<h1>Backend Engineer</h1><!-- posting-assistant: disable-next-line inclusivity/bro-culture -->"
        "<p>We want a rockstar to join us.</p><p>You will review code with a rockstar team.</p>"
    )
    report = lint(html, "html")
    flagged = [report.posting.text[f.start : f.end] for f in report.findings if f.rule == "inclusivity/bro-culture"]
    assert len(flagged) == 1
    line = report.posting.text[: next(f.start for f in report.findings if f.rule == "inclusivity/bro-culture")]
    assert "We want" in line  # the first paragraph is the one covered


@pytest.mark.parametrize(
    ("directive", "problem"),
    [
        ("disable inclusivity/no-such-rule", "no rule matches 'inclusivity/no-such-rule'"),
        ("disable-line inclusivity", "unknown directive 'disable-line'"),
    ],
)
def test_a_directive_that_names_nothing_is_reported(lint, directive, problem):
    report = lint(BODY.replace("We want", f"<!-- posting-assistant: {directive} -->\nWe want"))
    found = [f for f in report.findings if f.rule == "clarity/unknown-directive"]
    assert len(found) == 1 and found[0].severity == "warning"
    assert problem in found[0].message and "line 3" in found[0].message


def test_findings_after_a_cut_directive_keep_their_source_lines(lint):
    text = "<!-- posting-assistant: disable completeness -->\n" + BODY
    report = lint(text)
    source_lines = text.split("\n")
    placed = [f for f in report.findings if f.start is not None]
    assert len(placed) >= 3  # the rockstars and the ninja, at least
    for f in placed:
        line, col = report.posting.source_map.line_col(f.start)
        excerpt = report.posting.text[f.start : f.end]
        assert source_lines[line - 1][col - 1 : col - 1 + len(excerpt)] == excerpt
