"""Property tests over the document model and every output format (issue 13, item 9).

Hostile text is generated, not collected: posting-like pieces mixed with what breaks
tools — terminal escapes, C0/C1 controls, bidi overrides, lone surrogates' neighbours,
mentions, Markdown and HTML markup, every line end. For each input, in each format it
can arrive in, the properties a user relies on are checked:

- nothing raises but `LoadError` (a one-line reason for a file we cannot read);
- spans are offsets into the posting text, in order, inside it, and the source map
  carries them back into the source without leaving it;
- every output parses as its format: JSON and SARIF as JSON (each excerpt equal to its
  span), GitHub as one workflow command per line, Markdown as one table row per
  finding, the review report's HTML as balanced tags, its CSV back into its rows;
- no output meant for a terminal, a log or a rendered page carries a control
  character a posting put there.
"""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.document.loaders import LoadError, postings_from_source
from assistant.report import github, json_v1, markdown, overview, sarif, text

HOSTILE = [
    "\x1b[31m", "\x1b]0;owned\x07", "\x1b[2J", "\x9b1m", "\x07", "\x00", "\x08", "\x7f", "\x85",
    "\u202e", "\u2066", "\u200f", "\ufeff", "@everyone", "@octocat", "<script>alert(1)</script>",
    "| cell |", "`code`", "**bold**", "[link](http://x)", "&amp;", "=SUM(A1)", "\r", "\r\n", "\n", "\u2028",
]
PIECES = [
    "Senior Engineer", "# Rockstar Developer", "## About us", "Requirements:", "- 5+ years of Python",
    "* Bachelor's degree required", "We want a young, energetic ninja.", "Salary: $100k–$120k per year",
    "Location: Denver, CO", "Remote (US)", "We are an equal opportunity employer.", "Apply now",
    "Make Your Resume Now", "#LI-Remote", "he will lead", "Benefits: health, 401(k)", "Full-time",
    "<h2>What you will do</h2>", "<li>Own the roadmap</li>", "<p>", "</p>", "---", "title: x", ":",
    "Ünïcödé", "e\u0301", "\u00a0", "\t", "    - nested", "1. first", " ", ".", "!", "?",
]
TEXT = st.lists(
    st.one_of(st.sampled_from(PIECES), st.sampled_from(HOSTILE), st.text(max_size=8)), max_size=40,
).map("".join)
SUFFIXES = {"txt": "txt", "md": "md", "html": "html"}

# Characters no output for people may carry raw: they move the cursor, recolour or
# clear a terminal, or reorder what a reader sees (C0 but tab and newline, DEL, C1,
# bidi embeddings, overrides and isolates).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _postings(source: str, fmt: str):
    try:
        return postings_from_source(source, f"fuzz.{fmt}", fmt)
    except LoadError:
        return []


def _json_export(title: str, body: str) -> str:
    """A Greenhouse-style export: the fields a posting's words arrive in from an ATS."""
    return json.dumps({"jobs": [
        {"id": 1, "title": title, "content": body, "location": {"name": title[:20]}},
        {"id": 2, "title": body[:30], "content": title + "\n" + body},
    ]})


def _check_posting(posting) -> None:
    text_ = posting.text
    n = len(text_)
    source = posting.source_map.source
    last = -1
    for line in posting.lines:
        assert 0 <= line.start <= line.body_start <= line.end <= n
        assert line.start >= last
        last = line.end
    for s in posting.sections:
        assert 0 <= s.start <= s.end <= n, s
    previous = 0
    for offset in range(0, n + 1, max(1, n // 50)):
        mapped = posting.source_map.to_source(offset)
        assert 0 <= mapped <= len(source)
        assert mapped >= previous, "the source map must keep order"
        previous = mapped
        line, column = posting.source_map.line_col(offset)
        assert line >= 1 and column >= 1


def _outputs(engine, reports) -> dict[str, str]:
    rules = engine.all_rules
    out = {}
    for name, writer in (
        ("json", json_v1.StreamWriter), ("sarif", sarif.StreamWriter), ("github", github.StreamWriter),
        ("markdown", markdown.StreamWriter), ("text", text.StreamWriter),
    ):
        stream = io.StringIO()
        w = writer(stream) if name in ("json", "text") else writer(stream, rules)
        for report in reports:
            w.emit(w.render(report))
        w.close([("fuzz\nbad.txt", "no such file\x1b[2J")])
        out[name] = stream.getvalue()
    return out


class _Balanced(HTMLParser):
    VOID = {"meta", "br", "img", "hr", "input", "link", "col", "wbr", "source", "area", "base", "path", "rect", "line"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.scripts = 0

    def handle_starttag(self, tag, attrs):
        self.scripts += tag == "script"
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        assert self.stack and self.stack[-1] == tag, (tag, self.stack[-5:])
        self.stack.pop()


def _records(reports) -> list[dict]:
    """Review records as `review --out` writes them (docs/review-records.md)."""
    return [
        {"v": 1, "source": r.posting.path.split("#")[0], "source_hash": "0" * 64, "path": r.posting.path,
         "postings_in_source": 1, "status": "ok", "error": None, "result": json_v1.result_dict(r), "rewrite": None,
         "timings": {"lint_ms": 1.0, "llm_ms": 0.0}}
        for r in reports
    ] + [{"v": 1, "source": "gone\x1b[2J.txt", "source_hash": None, "path": "gone\x1b[2J.txt", "postings_in_source": 1,
          "status": "error", "error": "no such file\x9b", "result": None, "rewrite": None,
          "timings": {"lint_ms": 0.0, "llm_ms": 0.0}}]


def _check_outputs(engine, reports) -> None:
    out = _outputs(engine, reports)
    findings = [(r, f) for r in reports for f in r.findings]

    doc = json.loads(out["json"])
    assert len(doc["results"]) == len(reports)
    for result, report in zip(doc["results"], reports, strict=False):
        for f in result["findings"]:
            if f["start"] is not None:
                assert f["excerpt"] == report.posting.text[f["start"] : f["end"]]

    log = json.loads(out["sarif"])
    assert sum(len(r) for r in [log["runs"][0]["results"]]) == len(findings)
    for result in log["runs"][0]["results"]:
        region = result["locations"][0]["physicalLocation"].get("region")
        if region:
            assert region["startLine"] >= 1 and region["startColumn"] >= 1
            assert (region["endLine"], region["endColumn"]) >= (region["startLine"], region["startColumn"])

    lines = out["github"].split("\n")[:-1]
    assert len(lines) == len(findings) + 1  # one command per finding, one per unreadable input
    assert all(re.match(r"::(error|warning|notice) file=[^\n]*::", line) for line in lines)

    rows = [line for line in out["markdown"].splitlines() if line.startswith("| ") and line.count(" | ") >= 3]
    table_rows = [row for row in rows if not row.startswith(("| severity", "| file", "| **", "| ---"))]
    assert len(table_rows) == len(findings) + len(reports)  # a row per finding, a summary row per posting

    text_lines = out["text"].split("\n")[:-1]
    assert len(text_lines) == sum(len(r.findings) + 1 + len(r.notes) for r in reports)

    records = _records(reports)
    page = overview.render("html", records)
    parser = _Balanced()
    parser.feed(page)
    parser.close()
    assert parser.scripts == 0 and not parser.stack
    back = list(csv.reader(io.StringIO(overview.render("csv", records))))
    assert len(back) == len(records) + 1 and len({len(row) for row in back}) == 1
    md = overview.render("markdown", records)

    for name, rendered in (*out.items(), ("review.html", page), ("review.md", md)):
        if name in ("json", "sarif"):
            continue  # JSON escapes every control character itself
        bad = _CONTROL.search(rendered)
        assert bad is None, (name, repr(rendered[max(0, bad.start() - 40) : bad.end() + 40]))
    for name, rendered in (("markdown", out["markdown"]), ("review.md", md)):
        assert not re.search(r"(?<![\w`\\])@[A-Za-z0-9]", rendered), f"a live @mention in {name}"


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(source=TEXT, fmt=st.sampled_from(sorted(SUFFIXES)))
def test_every_format_parses_and_holds_no_control_characters(engine, source, fmt):
    reports = []
    for posting in _postings(source, fmt):
        _check_posting(posting)
        reports.append(engine.lint(posting))
    _check_outputs(engine, reports)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(title=TEXT, body=TEXT)
def test_ats_exports_with_hostile_fields(engine, title, body):
    reports = []
    for posting in _postings(_json_export(title, body), "json"):
        _check_posting(posting)
        reports.append(engine.lint(posting))
    _check_outputs(engine, reports)


@settings(max_examples=60, deadline=None)
@given(data=st.binary(max_size=200), bom=st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"]))
def test_arbitrary_bytes_load_or_fail_in_one_line(tmp_path_factory, data, bom):
    from assistant.document.loaders import load_postings

    path = tmp_path_factory.mktemp("fuzz") / "posting.txt"
    path.write_bytes(bom + data)
    try:
        postings = load_postings(path)
    except LoadError as exc:
        assert "\n" not in str(exc) and str(exc)
        return
    for posting in postings:
        _check_posting(posting)


@pytest.mark.parametrize("fmt", sorted(SUFFIXES))
def test_an_empty_posting_renders_everywhere(engine, fmt):
    reports = [engine.lint(p) for p in _postings("", fmt)]
    assert len(reports) == 1  # an empty file is a posting with no words, not a load error
    _check_outputs(engine, reports)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(source=TEXT)
def test_rules_rewrite_output_parses_and_points_at_the_text(engine, source):
    """`rewrite --provider rules`: every accepted edit quotes its span, the JSON parses,
    the text form carries no control character from the posting."""
    from assistant.llm.rewrite import rewrite_with_rules
    from assistant.report import rewrite as shown

    for posting in _postings(source + "\nMake Your Resume Now\nWe need a rockstar.", "txt"):
        result = rewrite_with_rules(posting, engine)
        for edit in result.accepted:
            assert posting.text[edit.start : edit.end] == edit.original
        doc = json.loads(shown.as_json(result))
        assert len(doc["accepted"]) == len(result.accepted) and len(doc["refused"]) == len(result.refused)
        rendered = shown.as_text(result, colour=False)
        bad = _CONTROL.search(rendered)
        assert bad is None, repr(rendered[max(0, bad.start() - 40) : bad.end() + 40])
