"""HTML inside a Markdown posting: blocks keep their breaks, entities their characters,
and findings still point at the file."""

from __future__ import annotations

from assistant.document.loaders import posting_from_text

# Our own words, laid out as a scraped page saved as Markdown: all HTML, one line.
PAGE = (
    "---\ntitle: Support Lead\n---\n\n"
    "<p><span>We run a small team that answers questions from libraries &amp; schools.</span></p>"
    "<p><b>Requirements</b></p><ul><li><span>Three years answering customer tickets</span></li>"
    "<li>Clear writing&nbsp;in English</li><li>Comfort with a help-desk tool</li></ul>"
    "<h3>Benefits</h3><ul><li>Health cover</li></ul>\n"
)


def test_block_tags_break_lines_and_list_items_stay_apart():
    p = posting_from_text(PAGE, "page.md", "md")
    lines = [line for line in p.text.split("\n") if line.strip()]
    assert "- Three years answering customer tickets" in lines
    assert "- Clear writing in English" in lines
    assert "### Benefits" in lines
    kinds = [s.kind for s in p.sections]
    assert "requirements" in kinds and "benefits" in kinds


def test_entities_read_as_their_characters():
    p = posting_from_text(PAGE, "page.md", "md")
    assert "libraries & schools" in p.text
    assert "amp" not in p.text and "nbsp" not in p.text


def test_offsets_still_point_at_the_file():
    p = posting_from_text(PAGE, "page.md", "md")
    at = p.text.index("Clear writing")
    src = p.source_map.to_source(at)
    assert PAGE[src : src + len("Clear writing")] == "Clear writing"
    line, col = p.source_map.line_col(at)
    assert PAGE.split("\n")[line - 1][col - 1 :].startswith("Clear writing")
    amp = p.text.index("&")
    assert PAGE.startswith("&amp;", p.source_map.to_source(amp))


def test_inline_tags_still_vanish_without_a_break():
    p = posting_from_text("Intro\n\nWe build a tailored i<span>mplementation</span> plan.\n", "x.md", "md")
    assert "tailored implementation plan." in p.text


def test_an_unknown_entity_stays_as_written():
    p = posting_from_text("Tools &notathing; and R&D work.\n", "x.md", "md")
    assert "&notathing;" in p.text and "R&D" in p.text
