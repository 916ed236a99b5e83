"""Reading and writing the user's files (`assistant/files.py`) as every command does it.

Writes go through symlinks, never onto a FIFO, device, folder or socket, keep the
file's mode and owner, refuse a read-only file without --force and a file that
changed since it was read, and leave no temporary file behind however they end.
Reads decode UTF-8/16/32 (BOM or clear UTF-16), name a symlink loop as one, count
CR, LF and CRLF lines as an editor does, and stop at the size limit.
"""

from __future__ import annotations

import codecs
import json
import os
import signal
import socket
import stat
import subprocess
import sys
import textwrap

import pytest

from .conftest import AS_OF, ROOT, SEED_000, feed_stdin, one_line, run_cli, run_module

BOARD_LINE = "#LI-NA1"  # a line of job-board noise in seed 000 that --fix deletes


def run(*args, capsys):
    return run_cli(capsys, *args)


def lint(*args, capsys):
    return run_cli(capsys, "lint", "--as-of", AS_OF.isoformat(), "--jobs", "1", *args)


def temporaries(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


@pytest.fixture
def seed(tmp_path):
    path = tmp_path / "real" / "posting.txt"
    path.parent.mkdir()
    path.write_bytes(SEED_000.read_bytes())
    return path


@pytest.fixture
def link(tmp_path, seed):
    path = tmp_path / "link.txt"
    path.symlink_to(seed)
    return path


# ---------------------------------------------------------------- through symlinks


def test_fix_writes_through_a_symlink(link, seed, capsys):
    code, _, err = lint("--fix", link, capsys=capsys)
    assert "fixed 1 file" in err
    assert link.is_symlink() and os.readlink(link) == str(seed)
    assert BOARD_LINE not in seed.read_text(encoding="utf-8")
    assert temporaries(link.parent) == [] and temporaries(seed.parent) == []


def test_rewrite_write_goes_through_a_symlink(link, seed, capsys):
    code, _, err = run("rewrite", "--provider", "rules", "--write", "--as-of", AS_OF.isoformat(), link, capsys=capsys)
    assert code == 0, err
    assert link.is_symlink() and BOARD_LINE not in seed.read_text(encoding="utf-8")


def test_review_out_and_report_go_through_symlinks(tmp_path, seed, capsys):
    out_target, report_target = tmp_path / "real" / "results.jsonl", tmp_path / "real" / "report.md"
    out_target.write_text("", encoding="utf-8")
    report_target.write_text("old report\n", encoding="utf-8")
    out, report = tmp_path / "results.jsonl", tmp_path / "report.md"
    out.symlink_to(out_target)
    report.symlink_to(report_target)
    code, _, err = run("review", seed, "--out", out, "--report", report, "--as-of", AS_OF.isoformat(), capsys=capsys)
    assert code == 0, err
    assert out.is_symlink() and report.is_symlink()
    assert json.loads(out_target.read_text(encoding="utf-8"))["path"] == str(seed)
    assert report_target.read_text(encoding="utf-8").startswith("#")


def test_the_editor_saves_through_a_symlink(engine, link, seed):
    from assistant.tui.session import Session

    session = Session(engine, link)
    text = session.read()
    session.save(text + "One more line.\n")
    assert link.is_symlink()
    assert seed.read_text(encoding="utf-8").endswith("One more line.\n")
    assert not session.changed_on_disk()


def test_draft_out_goes_through_a_symlink_with_force(tmp_path, capsys):
    target = tmp_path / "real.md"
    target.write_text("old\n", encoding="utf-8")
    out = tmp_path / "draft.md"
    out.symlink_to(target)
    code, _, err = run("draft", "--brief", ROOT / "examples" / "brief.toml", "--out", out, "--force",
                       "--as-of", AS_OF.isoformat(), capsys=capsys)
    assert code == 0, err
    assert out.is_symlink() and target.read_text(encoding="utf-8").startswith("# ")


# ---------------------------------------------------------------- what is never written


def _device(tmp_path):
    """A character device of our own (root only): replacing it by mistake harms nothing."""
    node = tmp_path / "null-device"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (PermissionError, AttributeError):
        pytest.skip("making a device node needs root")
    return node


@pytest.mark.parametrize("kind", ["fifo", "folder", "device", "socket"])
def test_special_files_are_refused_and_left_alone(tmp_path, kind):
    from assistant.files import WriteRefused, write_user_file

    target = tmp_path / "target.md"
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "folder":
        target.mkdir()
    elif kind == "device":
        target = _device(tmp_path)
    else:
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(target))
    before = os.lstat(target)
    with pytest.raises(WriteRefused) as refused:
        write_user_file(target, "text\n")
    message = str(refused.value)
    assert "\n" not in message and {"fifo": "FIFO", "folder": "folder", "device": "device", "socket": "socket"}[kind] in message
    after = os.lstat(target)
    assert (after.st_ino, stat.S_IFMT(after.st_mode)) == (before.st_ino, stat.S_IFMT(before.st_mode))
    assert temporaries(tmp_path) == []


def test_dev_null_would_be_refused():
    from assistant.files import refusal

    # Only the check: a write that wrongly went ahead would replace /dev/null.
    assert "device" in refusal("/dev/null")


def test_review_out_on_a_fifo_or_folder_is_one_line_and_exit_2(tmp_path, seed):
    fifo = tmp_path / "results.jsonl"
    os.mkfifo(fifo)
    folder = tmp_path / "folder.jsonl"
    folder.mkdir()
    for out in (fifo, folder):
        # A subprocess with a timeout: a regression here would block on the FIFO forever.
        proc = run_module("review", seed, "--out", out, "--as-of", AS_OF.isoformat())
        assert proc.returncode == 2
        line = one_line(proc.stderr)
        assert str(out) in line and ("FIFO" in line or "folder" in line)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and folder.is_dir() and not list(folder.iterdir())


def test_review_report_on_a_fifo_is_refused(tmp_path, seed):
    fifo = tmp_path / "report.md"
    os.mkfifo(fifo)
    proc = run_module("review", seed, "--report", fifo, "--as-of", AS_OF.isoformat())
    assert proc.returncode == 2 and "FIFO" in proc.stderr and "Traceback" not in proc.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_draft_out_on_a_fifo_is_refused_before_any_work(tmp_path, capsys):
    fifo = tmp_path / "draft.md"
    os.mkfifo(fifo)
    code, out, err = run("draft", "--brief", ROOT / "examples" / "brief.toml", "--out", fifo, "--force", capsys=capsys)
    assert code == 2 and out == "" and "FIFO" in one_line(err)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


# ---------------------------------------------------------------- read-only, mode, owner


def test_fix_refuses_a_read_only_file_unless_forced(seed, capsys):
    os.chmod(seed, 0o444)
    before = seed.read_bytes()
    code, _, err = lint("--fix", seed, capsys=capsys)
    assert code == 2 and "read-only" in err and "--force" in err
    assert seed.read_bytes() == before
    code, _, err = lint("--fix", "--force", seed, capsys=capsys)
    assert "fixed 1 file" in err and BOARD_LINE not in seed.read_text(encoding="utf-8")
    assert stat.S_IMODE(seed.stat().st_mode) == 0o444


def test_rewrite_write_refuses_a_read_only_file_unless_forced(seed, capsys):
    os.chmod(seed, 0o444)
    before = seed.read_bytes()
    args = ("rewrite", "--provider", "rules", "--write", "--as-of", AS_OF.isoformat(), seed)
    code, _, err = run(*args, capsys=capsys)
    assert code == 2 and "read-only" in err and seed.read_bytes() == before
    code, _, err = run(*args, "--force", capsys=capsys)
    assert code == 0 and BOARD_LINE not in seed.read_text(encoding="utf-8")


def test_review_report_refuses_a_read_only_file_unless_forced(tmp_path, seed, capsys):
    report = tmp_path / "report.md"
    report.write_text("keep me\n", encoding="utf-8")
    os.chmod(report, 0o444)
    code, _, err = run("review", seed, "--report", report, "--as-of", AS_OF.isoformat(), capsys=capsys)
    assert code == 2 and "read-only" in err and report.read_text(encoding="utf-8") == "keep me\n"
    code, _, err = run("review", seed, "--report", report, "--force", "--as-of", AS_OF.isoformat(), capsys=capsys)
    assert code == 0 and report.read_text(encoding="utf-8") != "keep me\n"


def test_the_editor_does_not_save_over_a_read_only_file(engine, seed):
    from assistant.files import WriteRefused
    from assistant.tui.session import Session

    os.chmod(seed, 0o444)
    before = seed.read_bytes()
    session = Session(engine, seed)
    text = session.read()
    with pytest.raises(WriteRefused, match="read-only"):  # an OSError: the app shows "Not saved: …"
        session.save(text + "More.\n")
    assert seed.read_bytes() == before


def test_mode_and_owner_are_kept(seed, capsys):
    os.chmod(seed, 0o640)
    if os.geteuid() == 0:
        os.chown(seed, 4321, 4322)
    lint("--fix", seed, capsys=capsys)
    st = seed.stat()
    assert BOARD_LINE not in seed.read_text(encoding="utf-8")
    assert stat.S_IMODE(st.st_mode) == 0o640
    if os.geteuid() == 0:
        assert (st.st_uid, st.st_gid) == (4321, 4322)


def test_a_new_file_gets_the_umask_mode(tmp_path):
    from assistant.files import write_user_file

    mask = os.umask(0o027)
    try:
        write_user_file(tmp_path / "new.md", "text\n")
    finally:
        os.umask(mask)
    assert stat.S_IMODE((tmp_path / "new.md").stat().st_mode) == 0o640


# ---------------------------------------------------------------- changed since it was read


def test_fix_refuses_a_file_changed_after_it_was_read(seed, capsys, monkeypatch):
    from assistant import fixes

    real = fixes.fixed_text

    def someone_saves_meanwhile(source, lint):
        seed.write_text(source + "A line typed in another editor.\n", encoding="utf-8")
        return real(source, lint)

    monkeypatch.setattr(fixes, "fixed_text", someone_saves_meanwhile)
    code, _, err = lint("--fix", seed, capsys=capsys)
    assert code == 2 and "changed since it was read" in err
    assert seed.read_text(encoding="utf-8").endswith("A line typed in another editor.\n")


def test_a_stale_stamp_is_refused_and_a_fresh_one_is_not(tmp_path):
    from assistant.files import WriteRefused, read_user_file, write_user_file

    path = tmp_path / "job.md"
    path.write_text("one\n", encoding="utf-8")
    read = read_user_file(path)
    path.write_text("two\n", encoding="utf-8")  # same size: only the content tells
    with pytest.raises(WriteRefused, match="changed since it was read"):
        write_user_file(path, "three\n", expect=read.stamp, like=read)
    assert path.read_text(encoding="utf-8") == "two\n"
    again = read_user_file(path)
    stamp = write_user_file(path, "three\n", expect=again.stamp, like=again)
    assert path.read_text(encoding="utf-8") == "three\n" and stamp == read_user_file(path).stamp


# ---------------------------------------------------------------- temporary files


def test_no_temporary_file_survives_an_interrupt_mid_write(tmp_path, monkeypatch):
    from assistant import files

    path = tmp_path / "job.md"
    path.write_text("before\n", encoding="utf-8")

    def interrupted(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        files.write_user_file(path, "after\n")
    assert path.read_text(encoding="utf-8") == "before\n" and temporaries(tmp_path) == []


SIGNALLED_WRITE = textwrap.dedent("""
    import os, signal, sys
    from assistant import files
    real = os.fsync
    def signalled(fd):  # the signal arrives while the temporary file is being written
        os.kill(os.getpid(), getattr(signal, sys.argv[2]))
        real(fd)
    os.fsync = signalled
    files.write_user_file(sys.argv[1], "after\\n")
    print("the signal did not end the process", file=sys.stderr)
""")


@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP"])
def test_a_signal_mid_write_leaves_no_temporary_file(tmp_path, name):
    path = tmp_path / "job.md"
    path.write_text("before\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-c", SIGNALLED_WRITE, str(path), name], capture_output=True, text=True,
                          cwd=ROOT, timeout=60)
    assert proc.returncode == -getattr(signal, name), proc.stderr  # it still ends the way the signal asks
    assert temporaries(tmp_path) == []
    assert path.read_text(encoding="utf-8") in ("before\n", "after\n")


def test_stale_temporaries_of_dead_writers_are_swept_and_live_ones_kept(tmp_path):
    from assistant.files import temp_path, write_user_file

    path = tmp_path / "job.md"
    path.write_text("before\n", encoding="utf-8")
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    try:
        stale, busy = temp_path(path, dead.pid), temp_path(path, live.pid)
        other = tmp_path / ".job.md.12345.tmp"  # not named as ours: never touched
        for p in (stale, busy, other):
            p.write_text("half a write", encoding="utf-8")
        write_user_file(path, "after\n")
        assert not stale.exists() and busy.exists() and other.exists()
        assert temporaries(tmp_path) == sorted([busy.name, other.name])
    finally:
        live.kill()
        live.wait()


def test_tool_files_and_the_cache_share_the_write(tmp_path, monkeypatch):
    import pickle

    from assistant import cache, files, fixes

    assert fixes.atomic_write is files.atomic_write
    files.atomic_write(tmp_path / "state.json", "{}", private=True)
    assert stat.S_IMODE((tmp_path / "state.json").stat().st_mode) == 0o600
    real, written = files.atomic_write, []

    def watched(path, data, **kw):
        written.append(path)
        return real(path, data, **kw)

    monkeypatch.setattr(files, "atomic_write", watched)
    cache.store_file(tmp_path / "entry", {"a": 1})
    assert written == [tmp_path / "entry"]  # the cache writes through files.atomic_write
    assert pickle.loads((tmp_path / "entry").read_bytes()) == {"a": 1}
    assert temporaries(tmp_path) == []


# ---------------------------------------------------------------- encodings


ENCODINGS = [
    ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE),
    ("utf-32-le", codecs.BOM_UTF32_LE), ("utf-32-be", codecs.BOM_UTF32_BE),
    ("utf-16-le", b""), ("utf-16-be", b""),
]


@pytest.mark.parametrize(("encoding", "bom"), ENCODINGS)
def test_utf16_and_utf32_are_read_and_fixed_in_their_own_encoding(tmp_path, capsys, encoding, bom):
    text = SEED_000.read_text(encoding="utf-8")
    path = tmp_path / "posting.txt"
    path.write_bytes(bom + text.encode(encoding))
    code, out, err = lint("--format", "json", "--fail-on", "never", path, capsys=capsys)
    assert code == 0, err
    assert json.loads(out)["results"][0]["title"]
    lint("--fix", path, capsys=capsys)
    data = path.read_bytes()
    assert data.startswith(bom)
    after = data[len(bom):].decode(encoding)
    assert BOARD_LINE not in after and "Senior" in after


def test_a_cp1252_file_is_fixed_and_stays_cp1252(tmp_path, capsys):
    text = SEED_000.read_text(encoding="utf-8") + "\nCaf\u00e9 and cr\u00e8che on site.\n"
    path = tmp_path / "posting.txt"
    path.write_bytes(text.encode("cp1252"))
    code, _, err = lint("--fix", path, capsys=capsys)
    assert "fixed 1 file" in err
    after = path.read_bytes()
    assert b"Caf\xe9 and cr\xe8che" in after and BOARD_LINE.encode() not in after


def test_stdin_is_decoded_the_same_way(capsys, monkeypatch):
    feed_stdin(monkeypatch, codecs.BOM_UTF16_LE + SEED_000.read_text(encoding="utf-8").encode("utf-16-le"))
    code, out, err = lint("--format", "json", "--fail-on", "never", "-", capsys=capsys)
    assert code == 0, err
    assert json.loads(out)["results"][0]["title"]


def test_binary_stays_binary(tmp_path, capsys):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    code, _, err = lint(path, capsys=capsys)
    assert code == 2 and "binary file, not a posting" in err


# ---------------------------------------------------------------- line ends


LINES = textwrap.dedent("""\
    Backend Engineer

    We want a rockstar ninja to join us.

    Requirements:
    - 5+ years of experience
    - He or she will lead the young and dynamic team
    """)


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_cr_and_crlf_lines_are_counted_as_an_editor_counts_them(tmp_path, capsys, newline):
    def places(name, text):
        path = tmp_path / name
        path.write_bytes(text.encode("utf-8"))
        _, out, _ = lint("--format", "json", "--fail-on", "never", path, capsys=capsys)
        return [(f["rule"], f["line"], f["column"]) for f in json.loads(out)["results"][0]["findings"] if f.get("line")]

    expected = places("lf.txt", LINES)
    assert max(line for _, line, _ in expected) >= 7  # the findings are spread over the lines
    assert places("other.txt", LINES.replace("\n", newline)) == expected


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_fix_takes_a_deleted_line_with_its_own_line_end(tmp_path, capsys, newline):
    def fixed(name, text):
        path = tmp_path / name
        path.write_bytes(text.encode("utf-8"))
        lint("--fix", path, capsys=capsys)
        return path.read_bytes().decode("utf-8")

    text = SEED_000.read_text(encoding="utf-8")
    with_lf = fixed("lf.txt", text)
    assert BOARD_LINE in text and BOARD_LINE not in with_lf
    # The noise lines go whole, line end and all, as they do from an LF file.
    assert fixed("other.txt", text.replace("\n", newline)) == with_lf.replace("\n", newline)


def test_line_col_counts_lone_cr_and_crlf():
    from assistant.document.loaders import posting_from_text

    posting = posting_from_text("one\rtwo\r\nthree\nfour", "x.txt")
    offsets = [posting.text.index(word) for word in ("one", "two", "three", "four")]
    assert [posting.source_map.line_col(o) for o in offsets] == [(1, 1), (2, 1), (3, 1), (4, 1)]


# ---------------------------------------------------------------- bad paths


def test_a_symlink_loop_is_named_as_one(tmp_path, capsys):
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    code, _, err = lint(loop, capsys=capsys)
    assert code == 2 and "symlink loop" in one_line(err)
    code, _, err = lint("--fix", loop, capsys=capsys)
    assert code == 2 and "symlink loop" in err

    from assistant.files import ReadRefused, WriteRefused, read_user_file, write_user_file

    with pytest.raises(ReadRefused, match="symlink loop"):
        read_user_file(loop)
    with pytest.raises(WriteRefused, match="symlink loop"):
        write_user_file(loop, "text")


def test_a_file_over_the_size_limit_is_named_and_the_rest_still_linted(tmp_path, capsys):
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:
        fh.truncate(80_000_000)  # sparse: nothing is read or stored, the size alone refuses it
    small = tmp_path / "small.txt"
    small.write_bytes(SEED_000.read_bytes())
    code, out, err = lint("--format", "json", big, small, capsys=capsys)
    assert code == 2
    assert f"{big}: 80.0 MB is over the 50 MB limit (max-file-size in config)" in err
    assert [r["path"] for r in json.loads(out)["results"]] == [str(small)]


def test_the_size_limit_comes_from_config(tmp_path, capsys):
    (tmp_path / ".posting-assistant.toml").write_text('max-file-size = "2KB"\n', encoding="utf-8")
    big = tmp_path / "big.txt"
    big.write_bytes(SEED_000.read_bytes())
    code, _, err = lint(big, capsys=capsys)
    assert code == 2 and "is over the 2 KB limit (max-file-size in config)" in err


@pytest.mark.parametrize(("value", "size"), [("50MB", 50_000_000), ("1.5 MiB", 1_572_864), (4096, 4096), ("10kb", 10_000)])
def test_max_file_size_values(tmp_path, value, size):
    from assistant.config import load_config

    path = tmp_path / ".posting-assistant.toml"
    path.write_text(f"max-file-size = {json.dumps(value)}\n", encoding="utf-8")
    assert load_config(path).max_file_size == size


@pytest.mark.parametrize("value", ['"lots"', "0", "-5", "true", '"5 parsecs"'])
def test_bad_max_file_size_names_the_key(tmp_path, value):
    from assistant.config import ConfigError, load_config

    path = tmp_path / ".posting-assistant.toml"
    path.write_text(f"max-file-size = {value}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="max-file-size"):
        load_config(path)
