"""The engine on 4,119 real postings: one result each, no crash, spans that point home.

Needs ../shared/corpus; skipped without it. Nothing from the corpus is stored here.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from assistant.document.loaders import LoadError, load_path
from assistant.document.markdown_html import markup_at
from assistant.document.normalise import escape_at, normalise

from .conftest import corpus_postings


def test_every_corpus_posting_lints_with_sound_spans(engine):
    listed = corpus_postings()
    assert len(listed) == 4119
    problems: list[str] = []
    results = 0
    for path in listed:
        try:
            report = engine.lint(load_path(path))
        except LoadError as exc:
            problems.append(f"{path}: cannot load: {exc}")
            continue
        results += 1
        text = report.posting.text
        source = report.posting.source_map.source
        for f in report.findings:
            if f.start is None:
                continue
            if not 0 <= f.start < f.end <= len(text):
                problems.append(f"{path}: {f.rule} span {f.start}-{f.end} outside the text")
                continue
            if Path(path).suffix in (".md", ".txt"):
                # Each character of the excerpt maps back to its own character in the file
                # (front matter and Liquid tags are cut, so an excerpt may straddle a cut;
                # an HTML block tag or entity reads as its break or character).
                smap = report.posting.source_map
                for i in range(f.start, min(f.end, f.start + 80)):
                    at = smap.to_source(i)
                    if not (_same_char(text[i], source[at]) or escape_at(source, at) == text[i] or text[i] in (markup_at(source, at) or "")):
                        line, col = smap.line_col(i)
                        problems.append(f"{path}: {f.rule} offset {i} ({text[i]!r}) not at {line}:{col}")
                        break
    assert results == len(listed), problems[:10]
    assert not problems, problems[:10]


def _same_char(normalised: str, original: str) -> bool:
    if normalised == original:
        return True
    if normalise(original)[0] == normalised:  # CRLF, NBSP and friends
        return True
    return unicodedata.normalize("NFD", normalised)[0] == original  # NFC composed a pair


def test_literal_filters_agree_with_their_expressions_on_real_text(engine):
    """A filter that rejected text its expression matches would silently drop findings."""
    from assistant.rubric.context import Context

    listed = corpus_postings()
    sets = [law.places for law in engine.laws]
    sets += [r.params[k] for r in engine.all_rules for k in ("patterns", "unless") if r.params.get(k)]
    wrong = set()
    for path in listed[::7]:
        ctx = Context(load_path(path))
        for pattern_set in sets:
            for literals, rx in pattern_set.parts:
                if literals is not None and rx.compiled.search(ctx.text) and not literals.occurs(ctx.lower, ctx.vocab):
                    wrong.add(rx.source)
    assert not wrong


def test_rewritten_expressions_find_what_the_originals_find(engine):
    """Expressions run lower-cased on lower-cased text, or with their leading `\\b`
    checked apart, must match the same spans, in the whole text and in a stretch of it."""
    from assistant.rubric.context import Context

    listed = corpus_postings()
    sets = [r.params[key] for r in engine.all_rules for key in ("patterns", "unless") if r.params.get(key)]
    sets += [law.places for law in engine.laws]
    rewritten = [rx for s in sets for _, rx in s.parts if rx.on_lower or rx.bounded]
    assert len(rewritten) > 100
    for path in listed[::9]:
        ctx = Context(load_path(path))
        for rx in rewritten:
            original = [m.span() for m in rx.compiled.finditer(ctx.text)]
            assert [m.span() for m in rx.finditer(ctx.text, ctx.lower)] == original, (path, rx.source)
            middle = len(ctx.text) // 2
            original = [m.span() for m in rx.compiled.finditer(ctx.text, middle - 300, middle + 300)]
            assert [m.span() for m in rx.finditer(ctx.text, ctx.lower, middle - 300, middle + 300)] == original
