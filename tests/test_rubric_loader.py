"""A broken rubric file is refused with its file and rule named, before any linting."""

from __future__ import annotations

import pytest

from assistant.rubric.loader import RubricError, load_rubrics

GOOD_RULE = '''
[[rule]]
id = "clarity/no-todo"
kind = "pattern"
severity = "warning"
summary = "No TODO markers."
pattern = '\\bTODO\\b'
message = "A TODO marker was left in."
why = "Drafts leak. Source: our style guide."
[rule.examples]
bad = ["TODO: salary"]
good = ["Salary: 50,000 EUR"]
'''


def write(tmp_path, body, name="clarity.toml"):
    (tmp_path / name).write_text(body, encoding="utf-8")
    return tmp_path


def test_a_valid_custom_rule_loads(tmp_path):
    rules = load_rubrics([write(tmp_path, GOOD_RULE)]).rules
    assert [r.id for r in rules] == ["clarity/no-todo"]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("kind = \"pattern\"", "kind = \"pattern\"\ncolour = \"red\""), "unknown key(s) colour"),
        (("'\\bTODO\\b'", "'(unclosed'"), "bad regular expression"),
        (("kind = \"pattern\"", "kind = \"regex\""), "unknown kind 'regex'"),
        (("severity = \"warning\"", "severity = \"fatal\""), "severity must be one of"),
        (("id = \"clarity/no-todo\"", "id = \"inclusivity/no-todo\""), "a inclusivity rule in the clarity file"),
        (("bad = [\"TODO: salary\"]", "bad = []"), "at least one bad and one good example"),
    ],
)
def test_broken_rules_name_file_and_rule(tmp_path, change, expected):
    body = GOOD_RULE.replace(*change)
    with pytest.raises(RubricError) as err:
        load_rubrics([write(tmp_path, body)])
    assert "clarity.toml" in str(err.value)
    assert expected in str(err.value)


def test_duplicate_ids_are_refused(tmp_path):
    with pytest.raises(RubricError, match="duplicate id"):
        load_rubrics([write(tmp_path, GOOD_RULE + GOOD_RULE)])


def test_not_toml(tmp_path):
    with pytest.raises(RubricError, match="not valid TOML"):
        load_rubrics([write(tmp_path, "[[rule]\nid=")])


def test_cached_rule_set_is_reused_until_a_file_changes(tmp_path, monkeypatch):
    import os

    monkeypatch.setenv("POSTING_ASSISTANT_CACHE_DIR", str(tmp_path / "cache"))
    folder = write(tmp_path, GOOD_RULE)
    first = load_rubrics([folder])
    assert len(os.listdir(tmp_path / "cache")) == 1
    again = load_rubrics([folder])
    assert [r.id for r in again.rules] == [r.id for r in first.rules]
    assert again.rules[0].params["patterns"].search_any("TODO: pay", "todo: pay", frozenset({"todo", "pay"}))  # compiled on first use
    broken = GOOD_RULE.replace("'\\bTODO\\b'", "'(unclosed'")
    (folder / "clarity.toml").write_text(broken, encoding="utf-8")
    os.utime(folder / "clarity.toml", ns=(1, 1))  # a different mtime, even within one tick
    with pytest.raises(RubricError, match="bad regular expression"):
        load_rubrics([folder])
