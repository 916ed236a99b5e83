"""The rule kinds' registry: one module per kind, and a new kind is one new module."""

from __future__ import annotations

import pkgutil
import sys
import types

import pytest

from assistant.rubric import kinds


def test_every_kind_module_is_registered_and_every_registered_kind_has_a_module():
    found = {m.name for m in pkgutil.iter_modules(kinds.__path__) if not m.name.startswith("_")}
    assert found == set(kinds.KINDS)
    for name in kinds.KINDS:
        kind = kinds.get(name)
        assert kind.name == name and callable(kind.describe) and callable(kind.compile)
        # lint runs every kind but those a model judges
        assert (kind.check is None) == kind.judged_by_model, name


def test_an_unknown_kind_is_a_key_error():
    with pytest.raises(KeyError):
        kinds.get("regex")


def test_a_rule_of_a_kind_the_loader_does_not_know_is_refused(tmp_path):
    from assistant.rubric.loader import RubricError, RuleSet, load_file

    path = tmp_path / "clarity.toml"
    path.write_text(_rule("shout", 'words = ["URGENT"]'), encoding="utf-8")
    with pytest.raises(RubricError, match=r"unknown kind 'shout' \(one of phrases, pattern, metric, section, balance, directive, paylaw, llm\)"):
        load_file(path, RuleSet())


def test_a_new_kind_is_one_module(tmp_path, monkeypatch):
    """A module with KEYS, compile, check and describe, and its name in KINDS: the loader
    checks its keys, the engine runs its check and `explain` says what it checks."""
    from assistant.document.loaders import posting_from_text
    from assistant.report.ruledocs import explain
    from assistant.rubric.engine import Engine
    from assistant.rubric.loader import RubricError, RuleSet, load_file
    from assistant.rubric.model import Finding
    from assistant.rubric.validate import fail, str_list

    shout = types.ModuleType("assistant.rubric.kinds.shout")
    shout.KEYS = {"words"}

    def compile(path, rule_id, params):
        params["words"] = str_list(path, rule_id, "words", params.get("words", []))
        if not params["words"]:
            raise fail(path, rule_id, "no words")
        return params

    def check(ctx, rule, run):
        for word in rule.params["words"]:
            at = ctx.text.find(word)
            if at != -1:
                yield Finding(rule.id, rule.category, rule.severity, rule.message, at, at + len(word))

    shout.compile, shout.check = compile, check
    shout.describe = lambda rule: f"Looks for {len(rule.params['words'])} shouted words."
    monkeypatch.setitem(sys.modules, shout.__name__, shout)
    monkeypatch.setattr(kinds, "KINDS", (*kinds.KINDS, "shout"))
    monkeypatch.delitem(kinds._loaded, "shout", raising=False)

    path = tmp_path / "clarity.toml"
    path.write_text(_rule("shout", 'words = ["URGENT"]'), encoding="utf-8")
    ruleset = RuleSet()
    load_file(path, ruleset)
    rule = ruleset.rules[0]
    assert rule.kind == "shout" and rule.languages == ("en",)
    report = Engine(ruleset).lint(posting_from_text("Engineer\n\nURGENT hire.\n", "p.txt", "txt"))
    assert [(f.rule, f.start, f.end) for f in report.findings] == [("clarity/shouting", 10, 16)]
    assert "Looks for 1 shouted words." in explain(rule)

    path.write_text(_rule("shout", 'words = ["URGENT"]\nphrases = ["x"]'), encoding="utf-8")
    with pytest.raises(RubricError, match=r"unknown key\(s\) phrases for kind 'shout'"):
        load_file(path, RuleSet())
    path.write_text(_rule("shout", "words = []"), encoding="utf-8")
    with pytest.raises(RubricError, match="no words"):
        load_file(path, RuleSet())


def _rule(kind: str, extra: str) -> str:
    return f"""
[[rule]]
id = "clarity/shouting"
severity = "warning"
kind = "{kind}"
summary = "No shouting."
message = "Shouted word."
why = "It reads as pressure."
{extra}
[rule.examples]
bad = ["URGENT hire"]
good = ["We are hiring"]
"""


def test_the_small_shared_words():
    from assistant.phrasing import flat, join, noun, plural

    assert [plural(n, "finding") for n in (0, 1, 2)] == ["0 findings", "1 finding", "2 findings"]
    assert plural(2, "safe fix", "safe fixes") == "2 safe fixes" and noun(1, "section") == "section"
    assert [join(["a"]), join(["a", "b"]), join(["a", "b", "c"])] == ["a", "a and b", "a, b and c"]
    assert flat("  one\n\ttwo  ") == "one two" and flat(None) == ""
    assert flat("abcd efgh", 6) == "abcd…"  # no space left before the ellipsis
    assert flat("abcdef", 6) == "abcdef"


def test_the_default_provider_is_the_model_only_with_a_key():
    from assistant.config import default_provider

    assert default_provider({"OPENAI_API_KEY": "sk-test"}) == "openai"
    assert default_provider({"OPENAI_API_KEY": ""}) == "rules"
    assert default_provider({}) == "rules"
