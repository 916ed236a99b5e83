"""The pre-commit hook and the GitHub Action stay in step with the command they run."""

from __future__ import annotations

import re

from assistant.cli import FORMATS
from assistant.document.loaders import TEXT_SUFFIXES

from .conftest import ROOT


def test_pre_commit_hook_covers_every_input_suffix():
    hook = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert re.search(r"^- id: posting-assistant$", hook, re.M)
    assert re.search(r"^  entry: posting-assistant lint$", hook, re.M)
    files = re.compile(re.search(r"^  files: (.+)$", hook, re.M).group(1))
    for suffix in [*TEXT_SUFFIXES, ".json"]:
        assert files.search(f"jobs/posting{suffix}"), suffix
    assert not files.search("src/app.py")


def test_action_runs_lint_with_formats_the_command_has():
    action = (ROOT / "action.yml").read_text(encoding="utf-8")
    used = set(re.findall(r"posting-assistant lint --format (\w+)", action))
    assert used == {"sarif", "github", "markdown"} and used <= set(FORMATS)
    assert "upload-sarif" in action and "sarif_file: posting-assistant.sarif" in action
