"""Rule documentation: `rules`, `explain` and docs/rules.md, built from the shipped rubrics."""

from __future__ import annotations

import re

import pytest

from assistant.report.ruledocs import (
    REGENERATE,
    explain,
    find_rule,
    markdown_doc,
    rules_table,
    suggest,
)
from assistant.rubric.model import Rule

from .conftest import ROOT

URL = re.compile(r"https?://[^\s;]+")


@pytest.fixture(scope="module")
def rules(engine):
    return engine.all_rules


def test_table_lists_every_rule_once(rules):
    table = rules_table(rules)
    first_cells = [line.split()[0] for line in table.splitlines() if line and not line.startswith(" ")]
    for rule in rules:
        assert first_cells.count(rule.id) == 1, rule.id
    assert max(len(line) for line in table.splitlines()) <= 100


def test_explain_tells_what_why_and_how(rules):
    for rule in rules:
        text = explain(rule)
        flat = " ".join(text.split())
        assert rule.id in text
        # Every source address is printed whole, so it can be followed.
        urls = URL.findall(rule.why)
        for url in urls:
            assert url in text.split(), (rule.id, url)
        if not urls:  # a rule whose reasons are in the project's own notes names them
            notes = re.findall(r"\b[A-Z]+\.md\b", rule.why)
            assert notes and all(note in text for note in notes), rule.id
        # The terminal drops the backticks that mark code in the Markdown page.
        assert rule.instead and " ".join(rule.instead.replace("`", "").split()) in flat, rule.id
        bad_lines = [line for line in rule.examples_bad[0].splitlines() if line.strip()]
        assert all("    " + line in text for line in bad_lines), rule.id
        assert f'"{rule.id}" = ' in text and f"disable {rule.id}" in text, rule.id


def test_find_rule_by_id_and_short_name(rules):
    assert find_rule(rules, "inclusivity/age").id == "inclusivity/age"
    assert find_rule(rules, "age").id == "inclusivity/age"
    assert find_rule(rules, " Inclusivity/Age ").id == "inclusivity/age"
    assert find_rule(rules, "title") is None  # clarity/title and completeness/title
    assert find_rule(rules, "nonsense") is None
    assert find_rule(rules, "inclusivity/gendr-coded") is None


def test_suggest_offers_close_ids(rules):
    assert suggest(rules, "inclusivity/gendr-coded")[0] == "inclusivity/gender-coded"
    assert suggest(rules, "gendr-coded")[0] == "inclusivity/gender-coded"
    assert suggest(rules, "title") == ["clarity/title", "completeness/title"]
    assert suggest(rules, "zzzz") == []


def test_markdown_escapes_table_cells():
    rule = Rule(
        id="clarity/pipes", category="clarity", severity="info", kind="llm", summary="Either a | b.",
        message="m", why="Because. Source: https://example.org/a", params={},
    )
    doc = markdown_doc([rule])
    assert "| Either a \\| b. |" in doc
    assert "## `clarity/pipes`" in doc and "- https://example.org/a" in doc


def test_docs_rules_md_is_up_to_date(rules):
    path = ROOT / "docs" / "rules.md"
    expected = markdown_doc(rules)
    actual = path.read_text(encoding="utf-8") if path.exists() else ""
    assert actual == expected, f"docs/rules.md is out of date: regenerate it with `{REGENERATE}`"


def test_rules_command_lists_every_rule_and_explain_shows_its_source(rules, capsys, monkeypatch, tmp_path):
    from assistant.cli import main

    monkeypatch.chdir(tmp_path)  # no project config around
    assert main(["rules"]) == 0
    listed = capsys.readouterr().out
    assert all(r.id in listed for r in rules)
    assert main(["explain", "inclusivity/gender-coded"]) == 0
    out = capsys.readouterr().out
    rule = next(r for r in rules if r.id == "inclusivity/gender-coded")
    assert URL.search(rule.why).group(0).rstrip(".,)") in out
    assert main(["explain", "gendr-coded"]) == 2
    assert "inclusivity/gender-coded" in capsys.readouterr().err


def test_rules_check_runs_the_examples_of_a_house_rubric(tmp_path, monkeypatch, capsys):
    from assistant.cli import main

    house = tmp_path / "house"
    house.mkdir()
    (house / "house.toml").write_text(
        '[[rule]]\nid = "clarity/house-ninja"\nkind = "phrases"\nseverity = "warning"\nsummary = "No ninjas."\n'
        'why = "House style, https://example.org/style"\nmessage = "“{match}”: say what the job is."\nphrases = ["ninja"]\n'
        '[rule.examples]\nbad = ["We want a ninja.", "We want a wizard."]\ngood = ["We want an engineer."]\n',
        encoding="utf-8",
    )
    (tmp_path / ".posting-assistant.toml").write_text('rubrics = ["house"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("POSTING_ASSISTANT_CONFIG", raising=False)
    assert main(["rules", "--check"]) == 1
    out = capsys.readouterr().out
    assert out.strip() == f"{house / 'house.toml'}: clarity/house-ninja missed its bad example 2"
