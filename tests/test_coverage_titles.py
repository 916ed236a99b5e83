"""Word rules read the title and the headings as well as the body (issue 15, item 4)."""

from __future__ import annotations


def _found(report, rule):
    return [f for f in report.findings if f.rule == rule]


def _excerpts(report, rule):
    return [report.posting.text[f.start : f.end] for f in _found(report, rule) if f.start is not None]


def test_a_markdown_title_is_read(lint):
    report = lint("# Rockstar Ninja Developer\n\nYou will build our web shop.\n", fmt="md")
    assert _excerpts(report, "inclusivity/bro-culture") == ["Rockstar", "Ninja"]


def test_a_plain_title_is_read(lint):
    report = lint("Salesman (m/f)\n\nYou will sell our products to shops.\n")
    assert _excerpts(report, "inclusivity/gendered-language") == ["Salesman"]


def test_a_heading_is_read(lint):
    report = lint("Engineer\n\n## Join our ninja squad\n\nYou will build our web shop.\n", fmt="md")
    assert _excerpts(report, "inclusivity/bro-culture") == ["ninja"]


def test_a_front_matter_title_is_read_without_a_span(lint):
    report = lint("---\ntitle: Python guru wanted\n---\n\nYou will build our web shop.\n", fmt="md")
    found = _found(report, "inclusivity/bro-culture")
    assert len(found) == 1 and found[0].start is None
    assert "In the title “Python guru wanted”" in found[0].message and "guru" in found[0].message


def test_a_front_matter_title_repeated_in_the_text_is_reported_once(lint):
    report = lint("---\ntitle: Python guru wanted\n---\n\n# Python guru wanted\n\nYou will build our web shop.\n", fmt="md")
    found = _found(report, "inclusivity/bro-culture")
    assert len(found) == 1 and found[0].start is not None


def test_the_title_rule_reads_a_front_matter_title(lint):
    report = lint("---\ntitle: Senior/Staff Engineer\n---\n\nYou will build our web shop.\n", fmt="md")
    assert [f.start for f in _found(report, "clarity/title")] == [None]


def test_gender_coded_balance_still_counts_only_the_prose(lint):
    # "Leadership" and "Strong" as headings are structure, not wording (RESEARCH.md §7).
    text = "Engineer\n\n## Leadership\n\nYou will help the team.\n\n## Strong opinions\n\nYou will share what you learn.\n"
    report = lint(text, fmt="md")
    assert report.metrics["gender_coded"]["masculine"] == {}


def test_a_phrase_does_not_run_across_a_blank_line(lint):
    report = lint("Engineer\n\nWe lead the world\n\nClass sizes are small at our school.\n")
    assert not _found(report, "clarity/buzzwords")
    wrapped = lint("Engineer\n\nWe build world\nclass tools for shops.\n")
    assert _excerpts(wrapped, "clarity/buzzwords") == ["world\nclass"]


def test_a_binary_gender_marker_in_the_title_is_reported(lint):
    report = lint("Salesman (m/f)\n\nYou will sell our products to shops.\n")
    assert _excerpts(report, "inclusivity/binary-gender-marker") == ["(m/f)"]
    assert _excerpts(report, "inclusivity/gendered-language") == ["Salesman"]


def test_a_marker_that_includes_everyone_passes_in_any_language(lint):
    for title in ("Sales Representative (m/f/d)", "Vertriebsmitarbeiter (m/w/d)", "Commercial (h/f/x)"):
        report = lint(f"{title}\n\nYou will sell our products to shops.\n")
        assert _found(report, "inclusivity/binary-gender-marker") == [], title


def test_a_german_binary_marker_is_reported_though_the_posting_is_german(lint):
    report = lint("Vertriebsmitarbeiter (m/w)\n\nSie betreuen unsere Kunden in der Region und bauen neue Kontakte auf.\n")
    assert report.posting.language == "de"
    assert _excerpts(report, "inclusivity/binary-gender-marker") == ["(m/w)"]
