"""`pip install .` (not editable) must carry rubrics, prompts and seeds inside the package."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile

import pytest

from .conftest import ROOT, run_module


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    pytest.importorskip("hatchling")
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(ROOT)],
        capture_output=True, text=True,
    )
    assert proc.returncode == 0, proc.stderr
    return next(out.glob("posting_assistant-*.whl"))


def test_wheel_carries_the_data_folders(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    for rubric in ("clarity", "completeness", "inclusivity"):
        assert f"assistant/_data/rubrics/{rubric}.toml" in names
    assert any(n.startswith("assistant/_data/seeds/") and n.endswith(".txt") for n in names)
    assert any(n.startswith("assistant/_data/prompts/") for n in names)


def test_installed_copy_lints_from_another_directory(wheel, tmp_path):
    target = tmp_path / "site"
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(target)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    posting = elsewhere / "draft.txt"
    posting.write_text("Backend Engineer\n\nMake your resume now\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(target)}
    proc = subprocess.run(
        [sys.executable, "-c", "import assistant.resources as r; print(r.data_dir('rubrics'))"],
        cwd=elsewhere, env=env, capture_output=True, text=True,
    )
    assert proc.stdout.strip().startswith(str(target)), proc.stderr
    proc = run_module("lint", "--format", "json", "--fail-on", "never", "draft.txt", cwd=elsewhere, env=env)
    assert proc.returncode == 0, proc.stderr
    rules = {f["rule"] for f in json.loads(proc.stdout)["results"][0]["findings"]}
    assert "clarity/scrape-noise" in rules and "completeness/exemplar-sections" in rules
