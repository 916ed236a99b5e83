"""Posting text, model text and file names are anyone's: what we print must not let them
drive the terminal, ping people in a pull request or forge lines of output."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import re

import pytest

from assistant.cli import main

from .conftest import AS_OF, read_jsonl, run_cli

# A title and an excerpt that try their luck: colour and a cursor move (CSI), an
# 8-bit CSI (C1), a window-title change (OSC), a bell, and a right-to-left override.
HOSTILE = (
    "# Backend Engineer \x1b[31mRED\x1b[0m \u202eevil\u202c \x9b2J and \x1b]0;pwned\x07 end, ask @acme/hiring\n\n"
    "We want an engineer at [insert \x1b[1;31mcompany\x1b[0m \u202ename\u202c \x9b2J @someone jobs@example.com]. "
    "Tell us about it.\n"
)
# What none of our outputs may carry raw: ESC, the other C0 controls but tab and
# newline, DEL, C1, and the bidi embeddings, overrides and isolates.
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
FORMATS = ("text", "json", "sarif", "github", "markdown")


def lint(capsys, *args) -> tuple[int, str, str]:
    return run_cli(capsys, "lint", "--as-of", AS_OF.isoformat(), "--fail-on", "never", *args)


@pytest.fixture
def hostile(tmp_path):
    path = tmp_path / "hostile.md"
    path.write_text(HOSTILE, encoding="utf-8")
    return path


# ---------------------------------------------------------------- safe_text itself


def test_clean_strips_sequences_and_controls_but_keeps_words_newlines_and_tabs():
    from assistant.safe_text import clean

    assert clean("a \x1b[1;31mred\x1b[0m word") == "a red word"
    assert clean("title\x1b]0;pwned\x07 rest") == "title rest"
    assert clean("osc8 \x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\ end") == "osc8 link end"
    assert clean("c1 \x9b2Jcsi\x9d0;t\x9c ok") == "c1 csi ok"
    assert clean("\u202eevil\u202c \u2066iso\u2069") == "evil iso"
    assert clean("bell\x07 bs\x08 cr\r del\x7f nul\x00") == "bell bs cr del nul"
    assert clean("line one\n\tline two") == "line one\n\tline two"
    assert clean("an unterminated \x1b]0;title shows its text") == "an unterminated 0;title shows its text"
    assert clean("plain “text” — ünïcode, 日本語") == "plain “text” — ünïcode, 日本語"


def test_shown_path_escapes_what_would_break_or_hide_a_line():
    from assistant.safe_text import shown_path

    assert shown_path("jobs/backend.md") == "jobs/backend.md"
    assert shown_path("bad\nname.md") == "bad\\nname.md"
    assert shown_path("a\rb\tc.md") == "a\\rb\\tc.md"
    assert shown_path("esc\x1b[31m.md") == "esc\\x1b[31m.md"
    assert shown_path("c1\x9b.md") == "c1\\x9b.md"
    assert shown_path("rtl\u202egpj.exe") == "rtl\\u202egpj.exe"
    assert shown_path("para\u2028sep.md") == "para\\u2028sep.md"
    assert shown_path("bytes\udcff.md") == "bytes\\xff.md"  # a name that was not UTF-8 (os.fsdecode)
    assert shown_path("C# and ünïcode.md") == "C# and ünïcode.md"


# ---------------------------------------------------------------- every lint format


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_format_carries_raw_control_characters(fmt, hostile, capsys):
    code, out, err = lint(capsys, hostile, "--format", fmt)
    assert code == 0, err
    assert not RAW.findall(out), RAW.findall(out)
    if fmt in ("json", "sarif"):
        json.loads(out)  # still one valid document


def test_json_keeps_the_exact_text_and_sarif_its_snippet(hostile, capsys):
    """JSON is data: the escapes come back exactly when it is parsed."""
    _, out, _ = lint(capsys, hostile, "--format", "json")
    result = json.loads(out)["results"][0]
    assert result["title"] == HOSTILE.splitlines()[0][2:]
    excerpt = next(f["excerpt"] for f in result["findings"] if f["rule"] == "clarity/scrape-noise")
    assert "\x1b[1;31mcompany" in excerpt and "\x9b2J" in excerpt and "\u202e" in excerpt
    _, out, _ = lint(capsys, hostile, "--format", "sarif")
    results = json.loads(out)["runs"][0]["results"]
    noise = next(r for r in results if r["ruleId"] == "clarity/scrape-noise")
    assert "\x1b" in noise["locations"][0]["physicalLocation"]["region"]["snippet"]["text"]
    assert not RAW.search(noise["message"]["text"])
    assert "company" in noise["message"]["text"]


def test_text_keeps_our_own_colours_and_only_ours(engine, hostile):
    from assistant.document.loaders import load_postings
    from assistant.report import text

    report = engine.lint(load_postings(hostile)[0])
    lines = text.report_lines(report, colour=True)
    assert len(lines) > 1 and all(line.count("\x1b") == 2 for line in lines[:-1])  # severity in colour, then reset
    assert "\x1b" not in lines[-1] and "Backend Engineer RED evil" in lines[-1]


def test_markdown_mentions_are_not_live(hostile, capsys):
    _, out, _ = lint(capsys, hostile, "--format", "markdown")
    assert "someone" in out and "acme/hiring" in out
    assert not re.search(r"(?<![\w`])@[A-Za-z0-9]", out), "a live @mention"
    assert "@\u2060someone" in out and "@\u2060acme/hiring" in out
    assert "jobs@exa" in out  # an address is not a mention: left as it is


# ---------------------------------------------------------------- file names


@pytest.fixture
def newline_name(tmp_path):
    """A posting whose name tries to add a line of its own to the output."""
    path = tmp_path / "job\nforged: error fake-rule pwned.md"
    path.write_text("# Backend Engineer\n\nWe want a rockstar.\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ("text", "github", "markdown"))
def test_a_newline_in_a_file_name_is_one_escaped_line(fmt, newline_name, capsys):
    _, out, _ = lint(capsys, newline_name, "--format", fmt)
    assert out.strip() and not any(line.startswith("forged") for line in out.splitlines())
    if fmt == "text":
        lines = out.splitlines()
        assert lines and all(line.startswith(str(newline_name).replace("\n", "\\n")) for line in lines)
    if fmt == "markdown":
        assert "job\\nforged" in out


@pytest.mark.parametrize("fmt", ("json", "sarif"))
def test_json_formats_keep_the_exact_name(fmt, newline_name, capsys):
    _, out, _ = lint(capsys, newline_name, "--format", fmt)
    doc = json.loads(out)
    if fmt == "json":
        assert doc["results"][0]["path"] == str(newline_name)
    else:
        uri = doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert "%0A" in uri and "\n" not in uri


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_unreadable_file_with_a_newline_in_its_name(fmt, tmp_path, capsys):
    missing = tmp_path / "gone\nforged: error"
    code, out, err = lint(capsys, missing, "--format", fmt)
    assert code == 2
    assert err.count("\n") == 1 and "gone\\nforged" in err, err
    assert not any(line.startswith("forged") for line in out.splitlines())
    if fmt in ("json", "sarif"):
        json.loads(out)


def test_review_error_lines_on_stderr_are_one_line(tmp_path, capsys):
    missing = tmp_path / "gone\nforged: error"
    assert main(["review", str(missing), "--out", str(tmp_path / "r.jsonl")]) == 2
    err = capsys.readouterr().err
    assert not any(line.startswith("forged") for line in err.splitlines()), err
    assert "gone\\nforged" in err


# ---------------------------------------------------------------- the review report


@pytest.fixture
def review_records(tmp_path, hostile, newline_name, capsys):
    out = tmp_path / "results.jsonl"
    main(["review", str(hostile), str(newline_name), str(tmp_path / "gone\nforged: x"), "--out", str(out),
          "--as-of", AS_OF.isoformat()])
    capsys.readouterr()
    return read_jsonl(out)


def test_review_report_markdown_is_clean_and_mentions_are_not_live(review_records):
    from assistant.report.overview import render

    md = render("markdown", review_records)
    assert not RAW.findall(md), RAW.findall(md)
    assert not re.search(r"(?<![\w`])@[A-Za-z0-9]", md), "a live @mention"
    assert not any(line.startswith("forged") for line in md.splitlines())


def test_review_report_html_has_no_controls_or_bidi_overrides(review_records):
    from assistant.report.overview import render

    page = render("html", review_records)
    assert not RAW.findall(page), RAW.findall(page)
    assert "Backend Engineer RED evil" in page


def test_review_report_csv_has_no_controls_and_one_line_per_row(review_records):
    from assistant.report.overview import render

    sheet = render("csv", review_records)
    assert not RAW.findall(sheet.replace("\n", "")), RAW.findall(sheet)
    rows = list(csv.reader(io.StringIO(sheet)))
    assert len(sheet.splitlines()) == len(rows) == len(review_records) + 1
    assert any("job\\nforged" in row[0] for row in rows)


# ---------------------------------------------------------------- the editor


def test_the_editor_shows_no_control_characters(engine, tmp_path):
    """Status line, findings list, suggestion panel, the explain screen and the text itself."""
    from assistant.tui.app import make_app

    path = tmp_path / "hostile [red]name.md"
    path.write_text(HOSTILE, encoding="utf-8")

    async def go():
        app = make_app(path, engine=engine, environ={})
        async with app.run_test(size=(120, 30)) as pilot:
            for _ in range(20):
                await pilot.pause(0.1)
                await app.workers.wait_for_complete()
                if app.items:
                    break
            assert app.items, "the rules provider proposes deleting the placeholder"
            status = str(app.query_one("#status").render())
            assert "[red]name.md" in status  # the name as it is, not read as markup
            shown = [status, str(app.query_one("#suggestions").render())]
            findings = app.query_one("#findings")
            shown += [str(findings.get_option_at_index(i).prompt) for i in range(findings.option_count)]
            shown += [app.editor.get_line(i).plain for i in range(app.editor.document.line_count)]
            index = next(i for i in range(findings.option_count)
                         if findings.get_option_at_index(i).id is not None
                         and app.linted.report.findings[int(findings.get_option_at_index(i).id)].rule == "clarity/scrape-noise")
            findings.focus()
            findings.highlighted = index
            await pilot.press("enter")
            await pilot.pause()
            assert type(app.screen).__name__ == "Explain"
            shown.append(app.screen.text)
            for text in shown:
                assert not RAW.findall(text), (text, RAW.findall(text))
            assert app.editor.text == HOSTILE, "the text itself is kept exactly"

    asyncio.run(go())
