"""The command line's layout holds: one parser that gives each command plain values,
one writer of stderr and decider of exit codes, one home for every folder, and an
API that lints as the console does."""

from __future__ import annotations

import ast
import os
from pathlib import Path

import pytest

from .conftest import ROOT, SEED_000, SEED_001, SEEDS

CLI = ROOT / "assistant" / "cli"
COMMANDS = ["lint", "rewrite", "draft", "review", "edit", "rules", "explain"]


def _subparser(parser, name):
    action = next(a for a in parser._actions if hasattr(a, "_name_parser_map"))  # no public way in
    return action._name_parser_map[name]


def _described(parser) -> list:
    return [(a.option_strings, a.dest, a.nargs, a.default, a.choices, a.required, a.help, a.metavar) for a in parser._actions]


@pytest.mark.parametrize("name", COMMANDS)
def test_a_command_parsed_alone_is_the_command_parsed_among_all(name, monkeypatch):
    """A run builds only the command it names; that command must read exactly as it
    does in the full parser (whose flags surface.json freezes)."""
    from assistant.cli.parser import build_parser

    monkeypatch.setenv("COLUMNS", "100")
    alone, among = _subparser(build_parser(only=name), name), _subparser(build_parser(), name)
    assert _described(alone) == _described(among)
    assert alone.format_help() == among.format_help() and alone.prog == among.prog


@pytest.mark.parametrize("name", COMMANDS)
def test_every_flag_becomes_an_option_of_its_command(name):
    """The options a command gets are its flags' values, every one and nothing else."""
    from assistant.cli.parser import OPTIONS, build_parser

    dests = {a.dest for a in _subparser(build_parser(), name)._actions if a.dest != "help"}
    assert set(OPTIONS[name].__slots__) == dests


def test_options_are_plain_and_frozen():
    from assistant.cli.parser import EditOptions, parse

    command, options = parse(["edit", "draft.md"])
    assert command == "edit" and options == EditOptions(path="draft.md", config=None)
    with pytest.raises(AttributeError):
        options.path = "other.md"
    with pytest.raises(KeyError):
        EditOptions(path="draft.md")  # a value left out is an error, not a silent None
    with pytest.raises(TypeError):
        EditOptions(path="draft.md", config=None, colour=True)


def test_nothing_to_run_is_an_exit_code(capsys):
    from assistant.cli.parser import parse

    assert parse(["--version"]) == 0
    assert parse(["lint"]) == 2 and "the following arguments are required: PATH" in capsys.readouterr().err
    assert parse([]) == 2 and "COMMAND" in capsys.readouterr().err


def test_the_exit_code_precedence():
    from assistant.cli.diagnostics import status

    assert status() == 0
    assert status(findings=True) == 1
    assert status(unusable=True, findings=True) == 2
    assert status(model_failed=True, unusable=True, findings=True) == 3


def _modules():
    return [(p.name, ast.parse(p.read_text(encoding="utf-8"))) for p in sorted(CLI.glob("*.py"))]


def test_only_diagnostics_writes_stderr_and_names_exit_codes():
    """`sys.stderr` (or `sys.__stderr__` written to) and `Exit` appear in diagnostics
    alone; `streams` builds the stream itself and is the other exception for stderr."""
    for name, tree in _modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr == "stderr" and name not in ("diagnostics.py", "streams.py"):
                pytest.fail(f"cli/{name}:{node.lineno} touches sys.stderr; say it through diagnostics")
            if isinstance(node, ast.Name) and node.id == "Exit" and name != "diagnostics.py":
                pytest.fail(f"cli/{name}:{node.lineno} names an exit code; diagnostics decides them")
            if isinstance(node, ast.Return) and isinstance(node.value, ast.Constant) and type(node.value.value) is int:
                pytest.fail(f"cli/{name}:{node.lineno} returns a bare number")


def test_commands_take_options_not_namespaces():
    for name, tree in _modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in ("Namespace", "parse_args") and name != "parser.py":
                pytest.fail(f"cli/{name}:{node.lineno} uses argparse; the parser hands commands their options")


def test_every_folder_is_where_it_was(monkeypatch, tmp_path):
    from assistant import cache, config, locations
    from assistant.tui import recovery

    home = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))
    for name in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "POSTING_ASSISTANT_CACHE_DIR", "POSTING_ASSISTANT_NO_CACHE"):
        monkeypatch.delenv(name, raising=False)
    assert config.user_config_path() == home / ".config" / "posting-assistant" / "config.toml"
    assert cache.cache_dir() == home / ".cache" / "posting-assistant"
    assert locations.answers_dir() == home / ".cache" / "posting-assistant" / "answers"
    assert recovery.state_dir() == home / ".local" / "state" / "posting-assistant" / "recovery"
    assert locations.batch_state_file("out/results.jsonl") == Path("out/results.jsonl.batch.json")

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "c"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "k"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "s"))
    assert config.user_config_path() == tmp_path / "c" / "posting-assistant" / "config.toml"
    assert cache.cache_dir() == tmp_path / "k" / "posting-assistant"
    assert recovery.state_dir() == tmp_path / "s" / "posting-assistant" / "recovery"
    monkeypatch.setenv("POSTING_ASSISTANT_CACHE_DIR", str(tmp_path / "mine"))
    assert cache.cache_dir() == tmp_path / "mine"
    monkeypatch.setenv("POSTING_ASSISTANT_NO_CACHE", "1")
    assert cache.cache_dir() is None and locations.answers_dir() is None


def test_no_other_module_works_out_a_folder():
    """XDG variables and the home folder are read in locations.py alone (a path the user
    typed may still start with `~`)."""
    for path in sorted((ROOT / "assistant").rglob("*.py")):
        if path.name == "locations.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.startswith("XDG_"):
                pytest.fail(f"{path.relative_to(ROOT)}:{node.lineno} reads {node.value}; ask locations.py")
            if isinstance(node, ast.Attribute) and node.attr == "expanduser" and getattr(node.value, "attr", None) == "path":
                pytest.fail(f"{path.relative_to(ROOT)}:{node.lineno} works out a folder under ~; ask locations.py")


def test_lint_paths_reports_what_the_console_lints(engine, tmp_path):
    """The API lints serially, without the console's machinery: same reports, same order,
    the same reasons for what it cannot read."""
    from assistant.api import LoadError, discover, lint_paths
    from assistant.cli.linting import Job, reports_each

    (tmp_path / "export.json").write_text("{\"not\": \"an export\"}", encoding="utf-8")
    paths = [SEED_001, SEEDS, tmp_path / "missing.txt", tmp_path / "export.json", SEED_000]
    told = []
    got = list(lint_paths(paths, engine, on_error=lambda path, why: told.append((path, why))))
    expected = list(reports_each(Job(engine, render=repr), list(discover(paths))))
    assert [(r.posting.path, r.scores) for r in got] == [(r.posting.path, r.scores) for r in expected if hasattr(r, "scores")]
    assert told == [(o.path, o.problem) for o in expected if not hasattr(o, "scores")] and len(told) == 2
    with pytest.raises(LoadError, match="missing.txt"):
        list(lint_paths([tmp_path / "missing.txt"], engine))
    assert os.path.basename(got[0].posting.path) == SEED_001.name
