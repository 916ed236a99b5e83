"""Paragraphs wrapped at a fixed width (Markdown kept at 72 or 80 columns) are paragraphs,
not lists: read as items, each cut line was a duty or an ask of its own, and the first
one the title. Paraphrased fixtures."""

from __future__ import annotations

from assistant.document.loaders import posting_from_text

_WRAPPED = (
    "---\ntitle: Delivery Lead\n---\n\n"
    "Comfortable guiding small product teams through a delivery plan and\n"
    "clearing whatever stands in their way, so that the people doing the\n"
    "work can get on with it rather than wait for a decision.\n\n"
    "What you'll do\n\n- Run the weekly planning session\n- Keep the roadmap current\n"
)


def _posting(text: str, name: str = "x.md"):
    return posting_from_text(text, name, "md")


def test_a_wrapped_paragraph_is_not_a_list():
    posting = _posting(_WRAPPED)
    kinds = [ln.kind for ln in posting.lines if posting.text[ln.body_start : ln.end].startswith(("Comfortable", "clearing", "work can"))]
    assert kinds == ["text", "text", "text"]


def test_the_first_line_of_a_wrapped_paragraph_is_not_the_title_line():
    posting = _posting(_WRAPPED)
    assert posting.title == "Delivery Lead"
    assert not any(ln.kind == "title" for ln in posting.lines)
    first = posting.text.index("Comfortable")
    assert any(s.start <= first < s.end for s in posting.sections)


def test_a_wrapped_paragraph_is_read_whole_for_its_kind():
    """Two sentences about how to apply, cut mid-sentence by the wrap: one section."""
    text = (
        "Data Analyst\n\nAbout the job\n\n"
        "You will build weekly sales reports for the regional managers and keep\n"
        "the pricing sheet current.\n\n"
        "To apply, send your CV and a short note on a report you are proud of to the\n"
        "hiring team. Please submit your application before the end of the month and\n"
        "we will reply within a week.\n"
    )
    posting = _posting(text, "x.txt")
    start = posting.text.index("To apply")
    tail = posting.text.index("we will reply")
    section = next(s for s in posting.sections if s.start <= start < s.end)
    assert section.kind == "application_process" and section.end > tail


def test_a_short_unpunctuated_list_without_markers_is_still_a_list():
    text = "Data Analyst\n\nRequirements\n\nThree years of SQL\nA degree in a numerate subject\nClear writing\n"
    posting = _posting(text, "x.txt")
    assert [ln.kind for ln in posting.lines if ln.kind in ("bullet", "text")] == ["bullet"] * 3
