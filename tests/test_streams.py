"""Broken streams and bad paths, through a real process: every command with stdout
closed or full, stdin closed, stderr closed. One line on stderr and exit 2, or silence
and exit 2 when stderr is gone too; never a traceback (CONTRACTS: Broken streams)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from .conftest import AS_OF, ROOT, SEED_000

PYTHON = [sys.executable, "-m", "assistant"]
DATE = ["--as-of", AS_OF.isoformat()]
# Every command that writes to stdout, in each of its output formats.
WRITERS = {
    "lint text": ["lint", str(SEED_000), "--fail-on", "never", *DATE],
    "lint json": ["lint", str(SEED_000), "--format", "json", *DATE],
    "lint sarif": ["lint", str(SEED_000), "--format", "sarif", *DATE],
    "lint github": ["lint", str(SEED_000), "--format", "github", *DATE],
    "lint markdown": ["lint", str(SEED_000), "--format", "markdown", *DATE],
    "lint diff": ["lint", str(SEED_000), "--diff", *DATE],
    "rules": ["rules"],
    "explain": ["explain", "age"],
    "rewrite": ["rewrite", str(SEED_000), "--provider", "rules", *DATE],
    "rewrite json": ["rewrite", str(SEED_000), "--provider", "rules", "--format", "json", *DATE],
    "draft": ["draft", "--brief", str(ROOT / "examples" / "brief.toml"), "--provider", "rules", *DATE],
    "review": ["review", str(SEED_000), *DATE],
    "help": ["--help"],
    "lint help": ["lint", "--help"],
    "version": ["--version"],
}


def run(argv, *, stdin="devnull", stdout="pipe", stderr="pipe", cwd=None):
    """Run the command with each stream "pipe", "devnull", "closed" or "full" (/dev/full)."""
    opened = []

    def stream(kind, mode):
        if kind == "pipe":
            return subprocess.PIPE
        if kind in ("devnull", "closed"):
            return subprocess.DEVNULL
        fh = open("/dev/full", mode)  # noqa: SIM115 - closed below
        opened.append(fh)
        return fh

    closing = [fd for fd, kind in ((0, stdin), (1, stdout), (2, stderr)) if kind == "closed"]

    def close_them():  # in the child, after the streams are set up
        for fd in closing:
            os.close(fd)

    env = {**os.environ, "POSTING_ASSISTANT_NO_CACHE": "1", "NO_COLOR": "1"}
    try:
        proc = subprocess.run(
            [*PYTHON, *argv], stdin=stream(stdin, "rb"), stdout=stream(stdout, "wb"), stderr=stream(stderr, "wb"),
            preexec_fn=close_them if closing else None, env=env, cwd=cwd, timeout=120,
        )
    finally:
        for fh in opened:
            fh.close()
    err = proc.stderr.decode("utf-8", "replace") if proc.stderr is not None else ""
    out = proc.stdout.decode("utf-8", "replace") if proc.stdout is not None else ""
    return proc.returncode, out, err


def one_line(err: str) -> None:
    assert "Traceback" not in err, err
    assert err.count("\n") == 1 and err.startswith("posting-assistant: "), err


@pytest.mark.parametrize("name", WRITERS)
@pytest.mark.parametrize("stdout", ["closed", "full"])
def test_a_closed_or_full_stdout_is_one_line_and_exit_2(name, stdout, tmp_path):
    code, _, err = run(WRITERS[name], stdout=stdout, cwd=tmp_path)
    one_line(err)
    assert "stdout" in err
    assert code == 2


@pytest.mark.parametrize("name", ["lint json", "rules", "help", "review", "rewrite"])
def test_with_stderr_gone_too_the_run_ends_silently_with_exit_2(name, tmp_path):
    for stdout in ("closed", "full"):
        code, _, _ = run(WRITERS[name], stdout=stdout, stderr="closed", cwd=tmp_path)
        assert code == 2, (name, stdout)


def test_with_stderr_closed_stdout_still_gets_everything_and_no_note_lands_in_it(tmp_path):
    """print(..., file=None) writes to stdout: a closed stderr must not send notes there."""
    code, out, _ = run(["review", str(SEED_000), *DATE], stderr="closed", cwd=tmp_path)
    assert code == 0
    assert out.count("\n") == 1 and out.startswith("{"), out  # the one record, and not "reviewed 1 posting"


def test_stdin_closed_for_lint_dash_is_one_line_and_exit_2(tmp_path):
    code, out, err = run(["lint", "-", *DATE], stdin="closed", cwd=tmp_path)
    one_line(err)
    assert "stdin" in err and code == 2


def test_stdin_closed_does_not_matter_to_a_command_that_does_not_read_it(tmp_path):
    code, out, err = run(["lint", str(SEED_000), "--format", "json", *DATE], stdin="closed", cwd=tmp_path)
    assert code == 1 and out.startswith("{") and err == ""


def test_a_review_with_out_needs_no_stdout(tmp_path):
    code, _, err = run(["review", str(SEED_000), "--out", str(tmp_path / "r.jsonl"), *DATE], stdout="closed", cwd=tmp_path)
    assert code == 0, err
    assert (tmp_path / "r.jsonl").read_text(encoding="utf-8").count("\n") == 1


@pytest.mark.parametrize("out", ["folder", "file/inside.jsonl"])
def test_review_out_that_cannot_be_a_results_file(out, tmp_path):
    (tmp_path / "folder").mkdir()
    (tmp_path / "file").write_text("x", encoding="utf-8")
    code, _, err = run(["review", str(SEED_000), "--out", str(tmp_path / out), *DATE], cwd=tmp_path)
    one_line(err)
    assert code == 2
    assert (tmp_path / "folder").is_dir() and (tmp_path / "file").read_text(encoding="utf-8") == "x"


def test_review_report_naming_a_folder(tmp_path):
    (tmp_path / "r.html").mkdir()
    code, _, err = run(["review", str(SEED_000), "--out", str(tmp_path / "r.jsonl"), "--report", str(tmp_path / "r.html"),
                        *DATE], cwd=tmp_path)
    assert "Traceback" not in err
    assert code == 2 and err.count("posting-assistant: ") == 1


def test_edit_without_a_terminal_says_so(tmp_path):
    code, _, err = run(["edit", str(tmp_path / "new.md")], stdin="closed", cwd=tmp_path)
    one_line(err)
    assert code == 2


def test_a_record_that_cannot_be_written_ends_a_model_review(online, tmp_path, caplog):
    """In the model's stage, records come in on the event loop's callbacks, where an
    exception is only logged (a traceback in the log) and the run goes on, paying for
    requests whose results have nowhere to go. It must end the review instead."""
    from assistant.llm.client import Settings
    from assistant.review.runner import review_paths

    from .llm_fakes import completion

    online.side_effect = lambda request: completion({"edits": []})
    broken = tmp_path / "broken.txt"
    broken.write_bytes(b"\x00\x01 not text")
    good = tmp_path / "good.txt"
    good.write_text(SEED_000.read_text(encoding="utf-8"), encoding="utf-8")

    class Gone(Exception):
        pass

    def emit(record):
        raise Gone("stdout is gone")

    with pytest.raises(Gone):
        review_paths([broken, good], rewrite=True, provider="openai", settings=Settings.resolve(), emit=emit)
    assert "Exception in callback" not in caplog.text
