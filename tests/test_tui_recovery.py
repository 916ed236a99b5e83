"""Recovery drafts and two editors on one file: nobody's typing is lost or shown to others."""

from __future__ import annotations

import asyncio
import os
import signal
import stat
import subprocess
import sys
import textwrap

import pytest

from .conftest import ROOT, heard

CLEAN = """# Backend Engineer

You will build and run our invoicing services with a small team.
"""


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def make(engine):
    from assistant.tui.app import make_app

    def build(path=None):
        return make_app(path, engine=engine, environ={})

    return build


@pytest.fixture
def posting(tmp_path):
    path = tmp_path / "job.md"
    path.write_text(CLEAN, encoding="utf-8")
    return path


class Editor:
    """Another editing process: a Recovery on `path` that saves `text` as its draft, claims
    the path, and lives until it is killed (as a crash) or told to stop."""

    SCRIPT = textwrap.dedent("""
        import sys
        from pathlib import Path
        from assistant.tui.recovery import Recovery
        recovery = Recovery(Path(sys.argv[1]))
        recovery.claim()
        recovery.save(sys.argv[2])
        print("ready", flush=True)
        sys.stdin.readline()
    """)

    def __init__(self, path, text: str):
        self.process = subprocess.Popen(
            [sys.executable, "-c", self.SCRIPT, str(path), text], cwd=ROOT, stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, text=True, env=dict(os.environ),
        )
        assert self.process.stdout.readline().strip() == "ready"

    def crash(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def close(self) -> None:
        if self.process.poll() is None:
            self.crash()


@pytest.fixture
def other_editor():
    started = []

    def start(path, text):
        started.append(Editor(path, text))
        return started[-1]

    yield start
    for editor in started:
        editor.close()


# ---- the recovery files themselves ---------------------------------------------------
def test_two_editors_on_one_path_keep_separate_drafts_and_only_one_holds_the_path(posting, tmp_path):
    from assistant.tui.recovery import Recovery

    folder = tmp_path / "recovery"
    first, second = Recovery(posting, folder), Recovery(posting, folder)
    try:
        assert first.file != second.file
        assert first.claim() and not second.claim()
        assert second.holder() == os.getpid()  # the message names the process that has it
        first.save("the first editor's words")
        second.save("the second editor's words")
        assert first.load() == "the first editor's words"
        assert second.load() == "the second editor's words"
        first.close()
        assert second.claim(), "a closed editor's hold on the path goes with it"
    finally:
        first.close()
        second.close()


def test_a_dead_editors_draft_is_offered_a_live_ones_never(posting, other_editor):
    from assistant.tui.recovery import Recovery

    other = other_editor(posting, "typed in the other editor")
    mine = Recovery(posting)
    try:
        assert mine.leftovers() == []  # it is still running: its draft is not ours to offer
        assert not mine.claim()
        other.crash()  # its lock goes with the process; its draft stays
        left = mine.leftovers()
        assert [draft.text for draft in left] == ["typed in the other editor"]
        assert mine.claim()
        # while this editor holds the leftover, nobody else is offered it
        third = Recovery(posting)
        assert third.leftovers() == []
        third.close()
        left[0].discard()
        assert not left[0].file.exists()
        fourth = Recovery(posting)
        assert fourth.leftovers() == []
        fourth.close()
    finally:
        mine.close()


def test_discarding_leftovers_never_deletes_a_live_editors_draft(posting, other_editor, tmp_path):
    from assistant.tui.recovery import Recovery

    other = other_editor(posting, "still being typed")
    looker = Recovery(posting)
    drafts = set(looker.folder.glob("*.json"))
    looker.close()
    assert len(drafts) == 1
    mine = Recovery(posting)
    for draft in mine.leftovers():
        draft.discard()
    mine.discard()
    mine.close()
    assert all(d.exists() for d in drafts)
    other.crash()


def test_a_closed_editor_leaves_its_draft_for_the_next_one(posting):
    """Closing without a clean save or quit is what a crash looks like to the next editor."""
    from assistant.tui.recovery import Recovery

    first = Recovery(posting)
    first.save("before the crash")
    first.close()
    second = Recovery(posting)
    try:
        assert [d.text for d in second.leftovers()] == ["before the crash"]
    finally:
        second.close()


def test_a_draft_in_the_old_single_file_layout_is_still_offered(posting, tmp_path):
    import hashlib
    import json

    from assistant.tui.recovery import Recovery

    folder = tmp_path / "recovery"
    folder.mkdir(mode=0o700)
    key = hashlib.sha256(str(posting.resolve()).encode()).hexdigest()[:24]
    (folder / f"{key}.json").write_text(json.dumps({"path": str(posting.resolve()), "text": "old layout"}))
    mine = Recovery(posting, folder)
    try:
        assert [d.text for d in mine.leftovers()] == ["old layout"]
    finally:
        mine.close()


@pytest.mark.parametrize("scratch", [False, True], ids=["file", "scratch"])
@pytest.mark.parametrize("existing", [None, 0o755], ids=["new-folder", "folder-was-0755"])
def test_recovery_folders_are_0700_and_drafts_0600(posting, tmp_path, monkeypatch, scratch, existing):
    from assistant.tui.recovery import Recovery, state_dir

    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    old = os.umask(0o022)  # the usual umask, which would make a plain folder 0755
    try:
        folder = state_dir()
        if existing is not None:
            folder.mkdir(parents=True, mode=existing)
            os.chmod(folder, existing)
            os.chmod(folder.parent, existing)
        recovery = Recovery(None if scratch else posting)
        recovery.claim()
        recovery.save("private words")
    finally:
        os.umask(old)
    try:
        assert recovery.file.parent == folder
        assert mode(folder) == 0o700 and mode(folder.parent) == 0o700
        assert mode(recovery.file) == 0o600
        assert all(mode(f) == 0o600 for f in folder.iterdir()), {f.name: oct(mode(f)) for f in folder.iterdir()}
    finally:
        recovery.close()


def test_two_scratch_buffers_do_not_share_a_draft(tmp_path):
    from assistant.tui.recovery import Recovery

    first, second = Recovery(None, tmp_path), Recovery(None, tmp_path)
    try:
        assert first.claim() and second.claim()  # no file to share: both just write
        first.save("one")
        second.save("two")
        assert (first.load(), second.load()) == ("one", "two")
    finally:
        first.close()
        second.close()


# ---- the editor ----------------------------------------------------------------------
async def _second_editor(make, posting, answer, then):
    """Runs a first editor on `posting`, opens a second on it, answers its question, then `then`."""
    first = make(posting)
    async with first.run_test(size=(100, 30)) as first_pilot:
        await first_pilot.press(*"First. ")
        first.autosave()
        second = make(posting)
        second.messages = heard(second)  # what the second editor tells its user
        async with second.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert second.screen.id == "in-use-dialog"
            question = str(second.screen.query_one(".question").render())
            assert "open in another editor" in question and "job.md" in question
            if answer is not None:
                await pilot.press(answer)
                await pilot.pause()
            result = await then(second, pilot)
        assert first.editor.text == "First. " + CLEAN and first.recovery.load() == "First. " + CLEAN
        assert first.recovery.claim(), "the first editor still holds its file"
        return result


def test_a_second_editor_is_told_and_read_only_refuses_edits_and_save(make, posting):
    async def read_only(app, pilot):
        assert app.editor.read_only
        assert "read-only" in str(app.query_one("#status").render())
        await pilot.press(*"Second. ")
        assert app.editor.text == CLEAN and not app.dirty
        app.action_accept_safe()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert type(app.screen).__name__ not in ("AskPath", "Choice")
        assert posting.read_text(encoding="utf-8") == CLEAN
        assert any("read-only" in m for m in app.messages), app.messages
        assert not app.recovery.file.exists()

    asyncio.run(_second_editor(make, posting, "r", read_only))
    assert posting.read_text(encoding="utf-8") == CLEAN


def test_escape_on_the_question_opens_read_only(make, posting):
    async def check(app, pilot):
        await pilot.press("escape")
        await pilot.pause()
        assert app.editor.read_only

    asyncio.run(_second_editor(make, posting, None, check))


def test_a_second_editors_own_copy_is_saved_beside_the_original(make, posting):
    copy = posting.with_name("job (copy).md")

    async def own_copy(app, pilot):
        assert not app.editor.read_only
        status = str(app.query_one("#status").render())
        assert "job (copy).md" in status
        assert any("job (copy).md" in m for m in app.messages), app.messages
        await pilot.press(*"Second. ")
        app.autosave()
        assert app.recovery.load() == "Second. " + CLEAN
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert copy.read_text(encoding="utf-8") == "Second. " + CLEAN
        assert not app.dirty

    asyncio.run(_second_editor(make, posting, "c", own_copy))
    assert posting.read_text(encoding="utf-8") == CLEAN


def test_the_question_says_where_the_copy_goes(make, posting):
    async def look(app, pilot):
        return str(app.screen.query_one(".answers").render())

    answers = asyncio.run(_second_editor(make, posting, None, look))
    assert "job (copy).md" in answers and "read-only" in answers and "quit" in answers.lower()


def test_a_copy_never_saves_over_the_original_even_with_save_as(make, posting):
    async def save_as_original(app, pilot):
        app.action_save_as()
        await pilot.pause()
        app.screen.query_one("#path").value = str(posting)
        await pilot.press("enter")
        await pilot.pause()
        assert any("open in another editor" in m for m in app.messages), app.messages

    asyncio.run(_second_editor(make, posting, "c", save_as_original))
    assert posting.read_text(encoding="utf-8") == CLEAN


def test_quit_from_the_question(make, posting):
    async def quit_(app, pilot):
        await pilot.pause()
        return app.is_running

    assert asyncio.run(_second_editor(make, posting, "q", quit_)) is False


def test_the_editor_offers_a_crashed_editors_draft_but_not_a_running_ones(make, posting, other_editor):
    async def opened():
        app = make(posting)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            screen = app.screen.id
            if screen == "restore-dialog":
                await pilot.press("r")
                await pilot.pause()
            return screen, app.editor.text

    other = other_editor(posting, "the other editor's unsaved words")
    screen, _ = asyncio.run(opened())
    assert screen == "in-use-dialog"  # told it is in use, not offered the live draft
    other.crash()
    screen, text = asyncio.run(opened())
    assert screen == "restore-dialog" and text == "the other editor's unsaved words"


def test_two_crashed_drafts_are_offered_newest_first_one_at_a_time(make, posting):
    from assistant.tui.recovery import Recovery

    for text in ("older words", "newer words"):
        crashed = Recovery(posting)
        crashed.save(text)
        crashed.close()

    async def go():
        app = make(posting)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert app.screen.id == "restore-dialog" and app.leftover.text == "newer words"
            await pilot.press("d")
            await pilot.pause()
            assert app.screen.id == "restore-dialog" and app.leftover.text == "older words"
            await pilot.press("r")
            await pilot.pause()
            assert app.editor.text == "older words" and app.screen.id != "restore-dialog"
            app.exit()
        later = Recovery(posting)
        try:
            # the restored text lives on in that editor's own draft (it never saved): offered next time
            assert [d.text for d in later.leftovers()] == ["older words"]
        finally:
            later.close()

    asyncio.run(go())


def test_choosing_an_own_copy_offers_the_draft_of_a_copy_that_crashed(make, posting):
    from assistant.tui.recovery import Recovery

    crashed = Recovery(posting.with_name("job (copy).md"))
    crashed.save("a copy's words before the crash")
    crashed.close()

    async def own_copy(app, pilot):
        await pilot.pause()
        assert app.screen.id == "restore-dialog"
        await pilot.press("r")
        await pilot.pause()
        assert app.editor.text == "a copy's words before the crash"

    asyncio.run(_second_editor(make, posting, "c", own_copy))
