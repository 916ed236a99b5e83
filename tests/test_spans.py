"""Every finding's excerpt is its span of the text, and stands at its line and column."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.document.loaders import posting_from_text
from assistant.document.normalise import normalise

# Text built from posting-like pieces, so rules actually fire, plus awkward characters.
PIECES = st.sampled_from([
    "Senior/Staff Engineer", "Requirements:", "- 5+ years of experience", "Make your resume now",
    "#LI-Remote", "We want a rockstar ninja.", "strong, driven, competitive", "\r\n", "\n", "\n\n", "\r",
    "Bachelor's degree in CS", "preferably Go", "e\u0301", "\u00a0", "\u200b", "Salary: $100k-$120k",
    "We are an equal opportunity employer.", "his or her", "young and dynamic", " ", "What we offer",
    "crazy fast", "# Heading", "**Bold**", "Ünïcödé text", "\t", "    - nested",
])
TEXTS = st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=40).map("".join)


def check(engine, source: str, fmt: str):
    report = engine.lint(posting_from_text(source, "prop." + fmt, fmt))
    text = report.posting.text
    lines = re.split(r"\r\n|\r|\n", source)  # as an editor counts lines, and line_col with it
    for f in report.findings:
        if f.start is None:
            continue
        assert 0 <= f.start <= f.end <= len(text)
        excerpt = text[f.start : f.end]
        line, col = report.posting.source_map.line_col(f.start)
        src_line = lines[line - 1]
        # The source holds the excerpt at line:col, up to the normalisation (CRLF, NFC, spaces).
        tail = normalise(src_line[col - 1 :] + "\n".join(lines[line:]))[0]
        first = excerpt.split("\n", 1)[0]
        assert tail.startswith(unicodedata.normalize("NFC", first)), (f.rule, excerpt, line, col)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(TEXTS)
def test_spans_on_arbitrary_text(engine, source):
    check(engine, source, "txt")


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(TEXTS)
def test_spans_on_arbitrary_markdown(engine, source):
    check(engine, "---\ntitle: x\n---\n{% raw %}" + source, "md")


PHRASES = ["lead", "strong", "he or she", "he/she", "rock star", "collab*", "self-starter", "work hard, play hard", "ab ab", "rock star*", "lead's"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(["lead", "Lead", "leader", "strong", "He or she", "he/she", "rock  star",
                                           "collaborate", "self-starter", "self starter", "-lead", "lead's", "x", " ", "\n",
                                           ",", "work hard, play hard", "ab ab ab", "Rock-Stars", "İ", "ß"]), st.text(max_size=4)), max_size=30).map("".join))
def test_fast_phrase_search_agrees_with_the_expression(text):
    """`str.find` with boundary checks must find exactly what the phrase's expression finds."""
    from assistant.document.loaders import posting_from_text
    from assistant.rubric.context import Context
    from assistant.rubric.wordlists import occurrences, phrase_regex

    ctx = Context(posting_from_text(text, "p.txt", "txt"))
    for phrase in PHRASES:
        expected = [m.span() for m in phrase_regex(phrase).finditer(ctx.text)]
        assert list(occurrences(ctx, phrase, False)) == expected, phrase
