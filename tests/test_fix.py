"""--fix and --diff: safe fixes only, written atomically, idempotent, formats refused."""

from __future__ import annotations

import codecs
import os

import pytest

from .conftest import AS_OF, SEED_000, feed_stdin, run_cli

BOARD_LINES = ("#LI-NA1", "Make Your Resume Now")


@pytest.fixture
def seed_copy(tmp_path):
    path = tmp_path / "posting.txt"
    path.write_bytes(SEED_000.read_bytes())
    return path


def lint(args, capsys):
    return run_cli(capsys, "lint", "--as-of", AS_OF.isoformat(), "--jobs", "1", *args)


def test_fix_removes_the_safe_findings_and_leaves_the_rest(seed_copy, capsys):
    before = seed_copy.read_text(encoding="utf-8")
    code, out, err = lint(["--fix", seed_copy], capsys)
    after = seed_copy.read_text(encoding="utf-8")
    assert "fixed 1 file" in err
    assert not any(line in after.splitlines() for line in BOARD_LINES)
    # Only those lines went: everything else is byte for byte the same.
    assert [ln for ln in before.splitlines() if ln not in BOARD_LINES] == after.splitlines()
    assert "clarity/scrape-noise" not in out and "completeness/salary" in out  # what is left is reported
    assert code == 1  # the remaining error (pay under California's law) still fails the run


def test_a_second_fix_changes_nothing(seed_copy, capsys):
    lint(["--fix", seed_copy], capsys)
    once = seed_copy.read_bytes()
    _, _, err = lint(["--fix", seed_copy], capsys)
    assert seed_copy.read_bytes() == once and "fixed 0 files" in err


def test_diff_shows_the_fixes_and_writes_nothing(seed_copy, capsys):
    before = seed_copy.read_bytes()
    code, out, err = lint(["--diff", seed_copy], capsys)
    assert seed_copy.read_bytes() == before
    assert code == 1 and out.startswith(f"--- {seed_copy}\n+++ {seed_copy}\n")
    assert {line[1:] for line in out.splitlines() if line.startswith("-") and not line.startswith("---")} == set(BOARD_LINES)
    lint(["--fix", seed_copy], capsys)
    code, out, _ = lint(["--diff", seed_copy], capsys)
    assert code == 0 and out == ""


def test_a_crash_while_writing_leaves_the_original_whole(seed_copy, capsys, monkeypatch):
    before = seed_copy.read_bytes()

    def crash(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    code, _, err = lint(["--fix", seed_copy], capsys)
    assert seed_copy.read_bytes() == before
    assert code == 2 and "cannot write the fixes" in err
    assert sorted(p.name for p in seed_copy.parent.iterdir()) == ["posting.txt"]  # no temporary file left


def test_line_endings_and_byte_order_mark_are_kept(tmp_path, capsys):
    path = tmp_path / "crlf.txt"
    text = SEED_000.read_text(encoding="utf-8").replace("\n", "\r\n")
    path.write_bytes(codecs.BOM_UTF8 + text.encode("utf-8"))
    lint(["--fix", path], capsys)
    data = path.read_bytes()
    assert data.startswith(codecs.BOM_UTF8)
    body = data[len(codecs.BOM_UTF8) :].decode("utf-8")
    assert "#LI-NA1" not in body and "\n" not in body.replace("\r\n", "")


def test_markdown_front_matter_and_directives_stay(tmp_path, capsys):
    path = tmp_path / "posting.md"
    path.write_text(
        "---\ntitle: Backend Engineer\n---\n<!-- posting-assistant: disable inclusivity -->\n"
        + SEED_000.read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    lint(["--fix", path], capsys)
    after = path.read_text(encoding="utf-8")
    assert after.startswith("---\ntitle: Backend Engineer\n---\n<!-- posting-assistant: disable inclusivity -->\n")
    assert "Make Your Resume Now" not in after


@pytest.mark.parametrize("name", ["posting.html", "postings.json"])
def test_other_formats_are_refused_and_untouched(tmp_path, capsys, name):
    path = tmp_path / name
    path.write_text("<p>Make Your Resume Now</p><p>We hire engineers.</p>", encoding="utf-8")
    before = path.read_bytes()
    code, _, err = lint(["--fix", path], capsys)
    assert code == 2 and "rewrites only .txt and .md" in err and path.read_bytes() == before


def test_a_file_that_cannot_be_read_is_never_touched(tmp_path, capsys):
    path = tmp_path / "binary.txt"
    path.write_bytes(b"\x00\x01Make Your Resume Now\n")
    code, _, err = lint(["--fix", path], capsys)
    assert code == 2 and path.read_bytes() == b"\x00\x01Make Your Resume Now\n"


def test_stdin_is_refused(capsys, monkeypatch):
    feed_stdin(monkeypatch, b"Engineer\n")
    code, _, err = lint(["--fix", "-"], capsys)
    assert code == 2 and "needs files" in err


def test_atomic_write_gives_a_new_file_the_usual_mode_and_keeps_an_old_ones(tmp_path):
    import os
    import stat

    from assistant.fixes import atomic_write

    mask = os.umask(0o022)
    try:
        new = tmp_path / "new.md"
        atomic_write(new, "text")
        assert stat.S_IMODE(new.stat().st_mode) == 0o644
        os.chmod(new, 0o600)
        atomic_write(new, "more")
        assert stat.S_IMODE(new.stat().st_mode) == 0o600
    finally:
        os.umask(mask)


def test_private_files_stay_owner_only(tmp_path):
    import stat

    from assistant.fixes import atomic_write
    from assistant.tui.recovery import Recovery

    atomic_write(tmp_path / "answer.json", "{}", private=True)
    assert stat.S_IMODE((tmp_path / "answer.json").stat().st_mode) == 0o600
    recovery = Recovery(None, tmp_path / "recovery")
    recovery.save("an unsaved draft")
    assert stat.S_IMODE(recovery.file.stat().st_mode) == 0o600
