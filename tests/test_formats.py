"""The SARIF, GitHub and Markdown writers: each run is one valid document that points at the words."""

from __future__ import annotations

import copy
import io
import json
import re

import pytest

from assistant.document.loaders import LoadError, load_path, posting_from_text
from assistant.report import github, markdown, sarif
from assistant.rubric.model import Finding, Report

from .conftest import SEED_000, SEED_001, corpus_postings, needs_shared

ERRORS = [("missing dir/gone,1:x.txt", "no such file")]
SCORES = {"inclusivity": 90, "clarity": 80, "completeness": 70, "overall": 80}


def run(module, engine, reports, errors=()):
    """Drive a writer as the CLI does: render (as a worker would), emit, close."""
    out = io.StringIO()
    writer = module.StreamWriter(out, engine.all_rules)
    for report in reports:
        writer.emit(writer.render(report))
    writer.close(list(errors))
    return out.getvalue()


def hand_report(findings, text="We want a rockstar.\nSecond line here.\n", path="dir/a,b:c%.txt"):
    """A report with chosen findings on a small posting, for messages the rules never write."""
    return Report(posting_from_text(text, path, "txt"), findings, dict(SCORES), {}, {})


@pytest.fixture(scope="module")
def seed_reports(engine):
    return [engine.lint(load_path(p)) for p in (SEED_000, SEED_001)]


@pytest.fixture(scope="module")
def corpus_reports(engine):
    listed = corpus_postings()
    step = max(1, len(listed) // 50)
    reports = []
    for path in listed[::step][:50]:
        try:
            reports.append(engine.lint(load_path(path)))
        except LoadError:
            continue
    assert len(reports) >= 45
    return reports


def line_starts(source: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer("\n", source)]


def offset(starts: list[int], line: int, column: int) -> int:
    return starts[line - 1] + column - 1


# --- SARIF -------------------------------------------------------------------------------

# RFC 3986 characters, with `%` only as the start of an escape; no fragment, no query.
URI_REFERENCE = re.compile(r"(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-Fa-f]{2})*")


def check_sarif(doc: dict, engine, reports) -> None:
    """What the schema cannot say: the rule table, indexes, URIs, regions, fingerprints."""
    (run_,) = doc["runs"]
    rules = run_["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [r.id for r in engine.all_rules]
    assert run_["columnKind"] == "unicodeCodePoints"
    results = run_["results"]
    assert len(results) == sum(len(r.findings) for r in reports)
    findings = [(report, f) for report in reports for f in report.findings]
    for result, (report, finding) in zip(results, findings, strict=False):
        assert result["ruleId"] == finding.rule
        assert rules[result["ruleIndex"]]["id"] == finding.rule
        assert result["level"] == {"error": "error", "warning": "warning", "info": "note"}[finding.severity]
        (location,) = result["locations"]
        uri = location["physicalLocation"]["artifactLocation"]["uri"]
        assert URI_REFERENCE.fullmatch(uri) or uri.startswith("file:///"), uri
        region = location["physicalLocation"].get("region")
        if finding.start is None or report.posting.location_basis != "source":
            assert region is None
            if finding.start is not None:  # lines of extracted text are not the file's: the words stay
                assert result["properties"]["excerpt"] == report.posting.text[finding.start : finding.end]
        else:
            assert region["snippet"]["text"] == report.posting.text[finding.start : finding.end]
            assert (region["startLine"], region["startColumn"]) <= (region["endLine"], region["endColumn"])
    prints = [(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], r["partialFingerprints"]["postingAssistant/v1"]) for r in results]
    assert len(set(prints)) == len(prints)


def validate(doc: dict) -> None:
    import jsonschema

    schema = json.loads(needs_shared("schemas", "sarif-schema-2.1.0.json").read_text())
    assert schema["$schema"].startswith("http://json-schema.org/draft-07/")
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5])


def test_sarif_for_the_seeds_is_one_consistent_document(engine, seed_reports):
    doc = json.loads(run(sarif, engine, seed_reports, ERRORS))
    assert doc["version"] == "2.1.0"
    check_sarif(doc, engine, seed_reports)


def test_sarif_for_the_seeds_validates(engine, seed_reports):
    validate(json.loads(run(sarif, engine, seed_reports, ERRORS)))


def test_sarif_for_corpus_postings_validates(engine, seed_reports, corpus_reports):
    reports = seed_reports + corpus_reports
    assert any(r.posting.location_basis == "extracted" for r in reports)
    doc = json.loads(run(sarif, engine, reports, ERRORS))
    validate(doc)
    check_sarif(doc, engine, reports)


def test_sarif_without_findings_or_errors(engine):
    empty = hand_report([])
    finding = Finding("clarity/buzzwords", "clarity", "info", "m", 10, 18)
    # An empty posting between two others leaves no stray comma.
    doc = json.loads(run(sarif, engine, [hand_report([finding]), empty, hand_report([finding])]))
    assert len(doc["runs"][0]["results"]) == 2
    doc = json.loads(run(sarif, engine, [empty, empty]))
    assert doc["runs"][0]["results"] == []
    assert doc["runs"][0]["invocations"][0] == {"executionSuccessful": True, "toolExecutionNotifications": []}
    validate(doc)


@pytest.mark.parametrize("path", [SEED_000, SEED_001])
def test_sarif_regions_stand_on_the_excerpt_in_the_file(engine, path):
    source = path.read_text(encoding="utf-8-sig")
    report = engine.lint(load_path(path))
    doc = json.loads(run(sarif, engine, [report]))
    starts = line_starts(source)
    regions = [r["locations"][0]["physicalLocation"].get("region") for r in doc["runs"][0]["results"]]
    assert sum(r is not None for r in regions) >= 5
    for region in filter(None, regions):
        begin = offset(starts, region["startLine"], region["startColumn"])
        end = offset(starts, region["endLine"], region["endColumn"])
        assert source[begin:end] == region["snippet"]["text"]


def test_sarif_region_ends_on_the_last_word_not_on_markup_after_it(engine):
    # The tag after "rockstar" is cut from the text; the region must not take it in.
    source = "# Backend Engineer\r\n\r\nWe want a <strong>rockstar</strong> developer.\r\n"
    report = engine.lint(posting_from_text(source, "post.md", "md"))
    (result,) = [r for r in json.loads(run(sarif, engine, [report]))["runs"][0]["results"] if r["ruleId"] == "inclusivity/bro-culture"]
    region = result["locations"][0]["physicalLocation"]["region"]
    starts = line_starts(source)
    begin = offset(starts, region["startLine"], region["startColumn"])
    end = offset(starts, region["endLine"], region["endColumn"])
    assert source[begin:end] == "rockstar" == region["snippet"]["text"]


def test_sarif_names_files_as_uri_references(engine):
    finding = Finding("clarity/buzzwords", "clarity", "info", "m", 10, 18)
    posting_path = {"my postings/a b.txt": "my%20postings/a%20b.txt", "export.json#42": "export.json", "jobs.HTML#job-2": "jobs.HTML",
                    "C#/job:1.txt": "C%23/job%3A1.txt", "notes#1.txt": "notes%231.txt"}
    for path, uri in posting_path.items():
        doc = json.loads(run(sarif, engine, [hand_report([finding], path=path)]))
        (location,) = doc["runs"][0]["results"][0]["locations"]
        assert location["physicalLocation"]["artifactLocation"]["uri"] == uri
    assert location["physicalLocation"]["region"]["snippet"]["text"] == "rockstar"
    doc = json.loads(run(sarif, engine, [hand_report([finding], path="export.json#42")]))
    assert doc["runs"][0]["results"][0]["locations"][0]["logicalLocations"] == [{"name": "42", "kind": "object"}]
    assert sarif.file_uri("/tmp/a b.txt") == "file:///tmp/a%20b.txt"


def test_sarif_lists_unreadable_inputs(engine, seed_reports):
    doc = json.loads(run(sarif, engine, seed_reports[:1], ERRORS))
    (invocation,) = doc["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "error"
    assert "no such file" in note["message"]["text"]
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "missing%20dir/gone,1%3Ax.txt"


# --- GitHub workflow commands ---------------------------------------------------------------

PROPERTY = r"(?:[^,:%\r\n]|%25|%0D|%0A|%3A|%2C)+"
COMMAND = re.compile(
    rf"::(error|warning|notice) file={PROPERTY}"
    r"(?:,line=\d+,col=\d+,endLine=\d+,endColumn=\d+|,line=\d+,endLine=\d+)?"
    rf"(?:,title={PROPERTY})?::(?:[^%\r\n]|%25|%0D|%0A)*"
)


def unescape(data: str) -> str:
    return data.replace("%0A", "\n").replace("%0D", "\r").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")


def test_github_lines_are_well_formed_commands(engine, seed_reports):
    out = run(github, engine, seed_reports, ERRORS)
    lines = out.splitlines()
    assert len(lines) == sum(len(r.findings) for r in seed_reports) + len(ERRORS)
    for line in lines:
        assert COMMAND.fullmatch(line), line
    findings = [f for r in seed_reports for f in r.findings]
    for line, finding in zip(lines, findings, strict=False):
        kind, _, rest = line[2:].partition(" ")
        assert kind == {"error": "error", "warning": "warning", "info": "notice"}[finding.severity]
        assert unescape(rest.split("::", 1)[1]) == finding.message
        assert (",line=" in rest) == (finding.start is not None)
    assert lines[-1] == "::error file=missing dir/gone%2C1%3Ax.txt::no such file"


def test_github_escapes_messages_and_properties(engine):
    finding = Finding("clarity/buzzwords", "clarity", "warning", "100% sure, really: yes\nno\r", 10, 18)
    out = run(github, engine, [hand_report([finding])])
    assert out == (
        "::warning file=dir/a%2Cb%3Ac%25.txt,line=1,col=11,endLine=1,endColumn=19,title=clarity/buzzwords"
        "::100%25 sure, really: yes%0Ano%0D\n"
    )
    # A posting from a multi-posting export: the file gets the annotation, the message names the posting.
    out = run(github, engine, [hand_report([finding], path="export.json#42")])
    assert out.startswith("::warning file=export.json,line=1,") and "::42: 100%25 sure" in out


def test_github_gives_no_columns_across_lines_or_for_missing_things(engine):
    across = Finding("clarity/long-sentence", "clarity", "info", "long", 10, 30)
    missing = Finding("completeness/salary", "completeness", "error", "No pay.")
    lines = run(github, engine, [hand_report([across, missing], path="p.txt")]).splitlines()
    assert lines == [
        "::notice file=p.txt,line=1,endLine=2,title=clarity/long-sentence::long",
        "::error file=p.txt,title=completeness/salary::No pay.",
    ]


# --- Markdown -------------------------------------------------------------------------------

CELL_SPLIT = re.compile(r"(?<!\\)\|")


def table_rows(block: str) -> list[list[str]]:
    """The rows of the first table in `block`, header included, split on unescaped pipes."""
    lines = block.splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("| "))
    rows = []
    for line in lines[first:]:
        if not line.startswith("|"):
            break
        rows.append([c.strip() for c in CELL_SPLIT.split(line)[1:-1]])
    return rows


def test_markdown_has_a_row_per_finding(engine, seed_reports):
    out = run(markdown, engine, seed_reports, ERRORS)
    assert "\0" not in out
    blocks = out.split("\n### ")[1:]
    assert len(blocks) >= len(seed_reports)  # one per posting (then the summary and the unreadable inputs)
    for report, block in zip(seed_reports, blocks, strict=False):
        assert block.startswith(markdown.code(report.posting.path))
        assert f"**overall {report.scores['overall']}**" in block
        header, rule_, *rows = table_rows(block)
        assert header == ["severity", "rule", "line", "message"]
        assert rule_ == ["---"] * 4
        assert len(rows) == len(report.findings)
        for row, finding in zip(rows, report.findings, strict=False):
            assert row[0] == finding.severity and row[1] == f"`{finding.rule}`"
            assert row[2] == ("—" if finding.start is None else str(report.posting.source_map.line_col(finding.start)[0]))


def test_markdown_ends_with_a_summary_and_the_unreadable_inputs(engine, seed_reports):
    out = run(markdown, engine, seed_reports, ERRORS)
    summary = out[out.index("### Summary") :]
    header, _, *rows = table_rows(summary)
    assert header == ["file", "overall", "errors", "warnings", "info"]
    assert len(rows) == len(seed_reports) + 1
    for row, report in zip(rows, seed_reports, strict=False):
        counts = [sum(f.severity == s for f in report.findings) for s in ("error", "warning", "info")]
        assert row == [f"`{report.posting.path}`", str(report.scores["overall"]), *map(str, counts)]
    assert rows[-1][2:] == [str(sum(int(r[i]) for r in rows[:-1])) for i in (2, 3, 4)]
    assert out.rstrip().endswith("- `missing dir/gone,1:x.txt`: no such file")


def test_markdown_escapes_pipes_and_line_breaks_in_cells(engine):
    finding = Finding("clarity/buzzwords", "clarity", "info", "use a | b\nnext *line*", 10, 18)
    out = run(markdown, engine, [hand_report([finding], path="a|b.txt")])
    rows = table_rows(out[out.index("| severity") :])
    assert rows[2] == ["info", "`clarity/buzzwords`", "1", "use a \\| b<br>next \\*line\\*"]
    summary = table_rows(out[out.index("### Summary") :])
    assert summary[2][0] == "`a\\|b.txt`"


def test_markdown_stays_under_githubs_summary_limit_and_says_what_it_left_out(engine, seed_reports, monkeypatch):
    """GitHub drops a step summary over 1 MiB whole: we stop the details at half the
    limit, the rows at the rest, and end with a line saying how much was left out."""
    monkeypatch.setattr(markdown, "LIMIT", 12_000)
    reports = seed_reports * 40
    out = run(markdown, engine, reports, ERRORS * 30)
    assert len(out.encode()) <= 12_000
    blocks = out.count("\n### `")
    assert 0 < blocks < len(reports)
    rows = [r for r in table_rows(out[out.index("### Summary") :])[2:-1]]
    assert 0 < len(rows) < len(reports)
    assert out.rstrip().endswith("The text, JSON and SARIF formats list everything.")
    assert f"{len(reports) - blocks} postings' findings" in out
    assert f"{len(reports) - len(rows)} summary rows" in out
    assert f"| **{len(reports)} files** |" in out  # the totals count every posting

    monkeypatch.setattr(markdown, "LIMIT", 10**6)
    assert "Left out" not in run(markdown, engine, seed_reports, ERRORS)


# --- every format ---------------------------------------------------------------------------


@pytest.mark.parametrize("module", [sarif, github, markdown])
def test_render_leaves_the_writer_as_it_was(engine, seed_reports, module):
    """Workers render in forked processes: whatever render changed would be lost."""
    writer = module.StreamWriter(io.StringIO(), engine.all_rules)
    before = copy.deepcopy({k: v for k, v in vars(writer).items() if k != "stream"})
    first = writer.render(seed_reports[0])
    assert {k: v for k, v in vars(writer).items() if k != "stream"} == before
    assert writer.render(seed_reports[0]) == first


@pytest.mark.parametrize("module", [sarif, github, markdown])
def test_every_format_reports_unreadable_inputs(engine, module):
    out = run(module, engine, [], ERRORS)
    assert "no such file" in out
    if module is sarif:
        assert json.loads(out)["runs"][0]["invocations"][0]["executionSuccessful"] is False
