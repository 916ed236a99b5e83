"""The lint command as CI uses it: exit codes, formats, stdin, bad paths, start-up cost."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from assistant.cli import main

from .conftest import AS_OF, CLEAN, SEED_000, SEED_001, feed_stdin, run_cli, run_module


def run(args, stdin: str | None = None, monkeypatch=None, capsys=None):
    if stdin is not None:
        feed_stdin(monkeypatch, stdin)
    return run_cli(capsys, "lint", "--as-of", AS_OF.isoformat(), *args)


@pytest.fixture
def clean_file(tmp_path):
    path = tmp_path / "clean.txt"
    path.write_text(CLEAN, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("paths", "fail_on", "expected"),
    [
        (["clean"], "error", 0),
        ([SEED_000], "error", 1),  # pay under California's law: an error
        ([SEED_001], "error", 0),  # only warnings
        ([SEED_001], "warning", 1),
        ([SEED_000], "never", 0),
        (["clean"], "info", 1),
        (["missing"], "error", 2),
        ([SEED_000, "missing"], "error", 2),  # input errors win over findings
    ],
)
def test_exit_code_table(paths, fail_on, expected, clean_file, tmp_path, monkeypatch, capsys):
    resolved = [clean_file if p == "clean" else tmp_path / "nope.txt" if p == "missing" else p for p in paths]
    code, out, err = run([*map(str, resolved), "--fail-on", fail_on], monkeypatch=monkeypatch, capsys=capsys)
    assert code == expected


def test_clean_posting_has_no_warnings(clean_file, monkeypatch, capsys):
    code, out, _ = run([str(clean_file), "--format", "json"], monkeypatch=monkeypatch, capsys=capsys)
    result = json.loads(out)["results"][0]
    assert [f["rule"] for f in result["findings"] if f["severity"] != "info"] == []
    assert result["facts"]["salary"]["min"] == 60000 and result["facts"]["salary"]["currency"] == "EUR"
    assert result["facts"]["remote"] == "hybrid"


def test_bad_path_is_one_line_and_the_rest_is_linted(tmp_path, monkeypatch, capsys):
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\x00\x00\x00")
    code, out, err = run([str(tmp_path / "gone.md"), str(binary), str(SEED_001)], monkeypatch=monkeypatch, capsys=capsys)
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 2 and "gone.md" in lines[0] and "photo.txt" in lines[1]
    assert "Traceback" not in err
    assert "senior-backend-engineer-ii-remote.txt" in out


def test_errors_are_listed_in_json(tmp_path, monkeypatch, capsys):
    code, out, _ = run([str(tmp_path / "gone.md"), str(SEED_001), "--format", "json"], monkeypatch=monkeypatch, capsys=capsys)
    doc = json.loads(out)
    assert doc["schema_version"] == 1 and doc["tool"]["name"] == "posting-assistant"
    assert [e["path"] for e in doc["errors"]] == [str(tmp_path / "gone.md")]
    assert len(doc["results"]) == 1


def test_text_format_lines(monkeypatch, capsys):
    code, out, _ = run([str(SEED_000)], monkeypatch=monkeypatch, capsys=capsys)
    lines = out.splitlines()
    assert any(line.startswith(f"{SEED_000}:36:1: warning clarity/scrape-noise ") for line in lines)
    assert f"{SEED_000}: error completeness/salary No pay is stated" in out
    assert "scores inclusivity" in lines[-1]


def test_stdin_with_a_name(monkeypatch, capsys):
    code, out, _ = run(["-", "--stdin-filename", "draft.md", "--format", "json"], stdin=CLEAN, monkeypatch=monkeypatch, capsys=capsys)
    result = json.loads(out)["results"][0]
    assert result["path"] == "draft.md" and result["title"] == "Backend Engineer"


def test_folders_recurse_over_posting_types(tmp_path, monkeypatch, capsys):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.md").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "two.html").write_text("<h1>Designer</h1><p>We need a designer.</p>", encoding="utf-8")
    (tmp_path / "notes.csv").write_text("not,a,posting", encoding="utf-8")
    code, out, _ = run([str(tmp_path), "--format", "json", "--fail-on", "never"], monkeypatch=monkeypatch, capsys=capsys)
    paths = [r["path"] for r in json.loads(out)["results"]]
    assert paths == [str(tmp_path / "a" / "one.md"), str(tmp_path / "two.html")]


def test_usage_error_is_exit_2(capsys):
    assert main(["lint"]) == 2
    assert main(["lint", "x.txt", "--format", "yaml"]) == 2
    assert main([]) == 2


def test_lint_imports_no_llm_tui_or_templates():
    code = (
        "import sys\n"
        "from assistant.cli import main\n"
        f"main(['lint', '--fail-on', 'never', {str(SEED_000)!r}])\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'openai', 'textual', 'jinja2', 'pydantic', 'httpx', 'importlib.metadata'} or m == 'importlib.metadata')\n"
        "print(heavy, file=sys.stderr)\n"
        "sys.exit(1 if heavy else 0)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_python_m_assistant_and_version():
    proc = run_module("--version")
    assert proc.returncode == 0 and proc.stdout.startswith("posting-assistant ")


def test_worker_processes_give_the_same_output_in_order(tmp_path, monkeypatch, capsys):
    texts = [CLEAN, SEED_000.read_text(encoding="utf-8"), SEED_001.read_text(encoding="utf-8")]
    for i in range(30):
        (tmp_path / f"posting-{i:02}.txt").write_text(texts[i % 3] + f"\nReference {i}.\n", encoding="utf-8")
    _, parallel, _ = run([str(tmp_path), "--format", "json", "--jobs", "2"], monkeypatch=monkeypatch, capsys=capsys)
    _, serial, _ = run([str(tmp_path), "--format", "json", "--jobs", "1"], monkeypatch=monkeypatch, capsys=capsys)
    assert parallel == serial
    assert [r["path"] for r in json.loads(parallel)["results"]] == sorted(str(p) for p in tmp_path.iterdir())


def test_output_does_not_depend_on_hash_seed():
    outputs = set()
    for seed in ("1", "2"):
        proc = run_module("lint", "--format", "json", "--as-of", AS_OF.isoformat(), SEED_000, SEED_001,
                          env={**os.environ, "PYTHONHASHSEED": seed})
        outputs.add(proc.stdout)
    assert len(outputs) == 1


def test_select_and_ignore(monkeypatch, capsys):
    code, out, _ = run([str(SEED_000), "--format", "json", "--select", "completeness,clarity/title"], monkeypatch=monkeypatch, capsys=capsys)
    rules = {f["rule"] for f in json.loads(out)["results"][0]["findings"]}
    assert rules and all(r.startswith("completeness/") or r == "clarity/title" for r in rules)
    code, out, _ = run([str(SEED_000), "--format", "json", "--ignore", "completeness/salary,inclusivity"], monkeypatch=monkeypatch, capsys=capsys)
    rules = {f["rule"] for f in json.loads(out)["results"][0]["findings"]}
    assert rules and "completeness/salary" not in rules and not any(r.startswith("inclusivity/") for r in rules)
    assert code == 0  # the only error was the salary


def test_unknown_rule_selector_is_a_usage_error(monkeypatch, capsys):
    code, _, err = run([str(SEED_000), "--ignore", "clarity/no-such-rule"], monkeypatch=monkeypatch, capsys=capsys)
    assert code == 2 and "clarity/no-such-rule" in err


def test_caches_change_nothing_but_speed(tmp_path):
    """Rule-set, profile and compiled-pattern caches: same output cold, warm and damaged."""
    cache = tmp_path / "cache"
    env = {**os.environ, "POSTING_ASSISTANT_CACHE_DIR": str(cache)}
    env.pop("POSTING_ASSISTANT_NO_CACHE", None)
    argv = ["lint", "--format", "json", "--as-of", AS_OF.isoformat(), SEED_000, SEED_001]

    def lint_in_a_process(extra_env=None):
        proc = run_module(*argv, env={**env, **(extra_env or {})})
        assert proc.returncode == 1 and not proc.stderr, proc.stderr
        return proc.stdout

    cold = lint_in_a_process()
    stored = {p.name.split("-")[0] for p in cache.iterdir()}
    assert stored == {"rubrics", "profile", "regex"}
    assert lint_in_a_process() == cold
    for entry in cache.iterdir():
        entry.write_bytes(b"\x80\x04damaged")
    assert lint_in_a_process() == cold
    assert lint_in_a_process({"POSTING_ASSISTANT_NO_CACHE": "1"}) == cold


def test_a_reader_that_stops_early_ends_the_run_quietly(tmp_path):
    """`posting-assistant lint … | head`: no traceback, the status a shell gives SIGPIPE."""
    for i in range(40):
        (tmp_path / f"posting-{i:02}.txt").write_text(SEED_000.read_text(encoding="utf-8"), encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "assistant", "lint", "--format", "json", str(tmp_path)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    proc.stdout.read(10)
    proc.stdout.close()  # the reader goes away
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 141
    assert "Traceback" not in err and "Error" not in err
