"""html_to_text: structure survives as lines, bullets and '#' headings; markup does not."""

import pytest

from assistant.document.html import html_to_text


def test_paragraphs_become_blank_line_separated_blocks():
    text = html_to_text("<p>First part.</p><p>Second part.</p>")
    assert text == "First part.\n\nSecond part.\n"


def test_unclosed_p_tags_still_separate_paragraphs():
    # HN comments use <p> as a separator and never close it.
    markup = "Acme Corp | Lisbon | Full-time<p>We build ledgers.<p>Write to us."
    assert html_to_text(markup) == "Acme Corp | Lisbon | Full-time\n\nWe build ledgers.\n\nWrite to us.\n"


@pytest.mark.parametrize(
    "tag", ["div", "section", "article", "header", "footer", "tr", "dt", "dd", "blockquote", "table"]
)
def test_block_elements_start_new_lines(tag):
    text = html_to_text(f"before<{tag}>inside</{tag}>after")
    assert text.splitlines()[0] == "before"
    assert "inside" in text.splitlines()
    assert text.rstrip().splitlines()[-1] == "after"


def test_br_and_hr_break_lines():
    assert html_to_text("one<br>two<br/>three<hr>four") == "one\ntwo\nthree\n\nfour\n"


def test_double_br_leaves_one_blank_line():
    assert html_to_text("one<br><br><br><br>two") == "one\n\ntwo\n"


def test_list_items_become_dash_bullets():
    text = html_to_text("<p>Perks:</p><ul><li>Lunch</li><li>Bikes</li></ul>")
    assert text == "Perks:\n\n- Lunch\n- Bikes\n"


def test_nested_lists_indent_two_spaces_per_level():
    markup = "<ul><li>Backend<ul><li>Go<ul><li>gRPC</li></ul></li></ul></li><li>Frontend</li></ul>"
    assert html_to_text(markup) == "- Backend\n  - Go\n    - gRPC\n- Frontend\n"


def test_ordered_lists_are_numbered():
    assert html_to_text("<ol><li>Apply</li><li>Talk</li></ol>") == "1. Apply\n2. Talk\n"


def test_paragraph_inside_list_item_keeps_the_bullet():
    assert html_to_text("<ul><li><p>Own the API</p></li><li><p>Ship it</p></li></ul>") == "- Own the API\n- Ship it\n"


@pytest.mark.parametrize("level", range(1, 7))
def test_headings_become_markdown_headings(level):
    text = html_to_text(f"<p>intro</p><h{level}>What you will do</h{level}><p>Things.</p>")
    assert text == f"intro\n\n{'#' * level} What you will do\n\nThings.\n"


@pytest.mark.parametrize("tag", ["script", "style", "noscript", "template", "svg"])
def test_non_content_elements_are_dropped(tag):
    text = html_to_text(f"<p>keep</p><{tag}>drop this() {{ }}</{tag}><p>also keep</p>")
    assert "drop" not in text
    assert text == "keep\n\nalso keep\n"


def test_head_is_dropped_but_body_kept():
    markup = "<html><head><title>Careers</title><meta charset=utf-8></head><body><p>Role</p></body></html>"
    assert html_to_text(markup) == "Role\n"


def test_unclosed_head_does_not_swallow_the_body():
    assert html_to_text("<head><title>x</title><body><p>Visible</p>") == "Visible\n"


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ("We&#x27;re hiring", "We're hiring"),
        ("R&amp;D team", "R&D team"),
        ("a&nbsp;b", "a b"),
        ("5 &lt; 6", "5 < 6"),
        ("caf&eacute;", "café"),
    ],
)
def test_entities_are_unescaped(markup, expected):
    assert html_to_text(markup) == expected + "\n"


def test_spaces_collapse_and_trailing_spaces_go():
    text = html_to_text("<p>  lots   of\n\t spaces   here  </p>")
    assert text == "lots of spaces here\n"


def test_links_keep_only_their_text():
    text = html_to_text('Apply <a href="https://jobs.example.org/42" rel="nofollow">on our site</a> today')
    assert text == "Apply on our site today\n"


def test_entity_escaped_html_is_parsed_a_second_time():
    # The shape of an ATS export's `content` field: the HTML arrives escaped.
    escaped = (
        "&lt;p&gt;We are &lt;strong&gt;growing&lt;/strong&gt;.&lt;/p&gt;"
        "&lt;h2&gt;Perks&lt;/h2&gt;&lt;ul&gt;&lt;li&gt;Books&lt;/li&gt;&lt;li&gt;Trains&lt;/li&gt;&lt;/ul&gt;"
    )
    assert html_to_text(escaped) == "We are growing.\n\n## Perks\n\n- Books\n- Trains\n"


def test_a_lone_angle_bracket_in_prose_is_not_reparsed():
    assert html_to_text("<p>Know that 3 &lt; 4 and x &gt; y</p>") == "Know that 3 < 4 and x > y\n"


def test_markdown_with_inline_tags_keeps_its_own_lines():
    # Some job boards store Markdown in .html files, with a stray <br> or <a> here and there.
    markup = "# Role\nWe build things.<br>\nReally.\n\n## Needs\n- Python<br>\n- SQL\n  - Postgres"
    assert html_to_text(markup) == "# Role\nWe build things.\nReally.\n\n## Needs\n- Python\n- SQL\n  - Postgres\n"


def test_front_matter_is_kept_verbatim():
    markup = "---\ntitle: Engineer\nlocation: Oslo\n---\n<p>Body</p>"
    assert html_to_text(markup) == "---\ntitle: Engineer\nlocation: Oslo\n---\nBody\n"


def test_pre_keeps_its_line_breaks():
    assert html_to_text("<pre>line one\n  line two</pre><p>after</p>") == "line one\n  line two\n\nafter\n"


def test_more_than_one_blank_line_collapses():
    assert html_to_text("<p>a</p><p></p><div></div><p></p><p>b</p>") == "a\n\nb\n"


def test_empty_input_gives_empty_text():
    assert html_to_text("") == ""
    assert html_to_text("<p> </p><script>x</script>") == ""


@pytest.mark.parametrize(
    ("markup", "kept"),
    [
        ("<p>unclosed <b>bold <i>italic", "unclosed bold italic"),
        ("</div></li></ul></p> stray closers", "stray closers"),
        ("<<<>>> <p <div <", "<<<>>>"),
        ("<![CDATA[ odd ]]> <!-- never closed", "never closed"),
        ("<!DOCTYPE html><html><body><table><tr><td>cell", "cell"),
        ("<a href='x>broken attribute</a>", "broken attribute"),
        ("&#xZZZZ; &#99999999999; &bogus;", "&bogus;"),
        ("<svg><g><path d='M0'/></g>", ""),
        ("<p>" * 2000, ""),
        ("<ul>" * 300 + "<li>deep", "deep"),
        ("\x00\x01<p>\ufeffcontrol chars</p>", "control chars"),
    ],
)
def test_malformed_markup_never_raises_and_keeps_its_words(markup, kept):
    text = html_to_text(markup)
    if kept:
        assert kept in " ".join(text.split())
    else:  # nothing in it is text
        assert text.strip() == ""


def test_table_cells_stay_apart():
    text = html_to_text("<table><tr><th>Level</th><th>Pay</th></tr><tr><td>L3</td><td>$100k</td></tr></table>")
    assert text.splitlines() == ["Level Pay", "L3 $100k"]
