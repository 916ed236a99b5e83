"""The editor, driven as a person would drive it (Textual's Pilot)."""

from __future__ import annotations

import asyncio
import shutil

import pytest

from .conftest import SEED_001, heard

CLEAN = """# Backend Engineer

You will build and run our invoicing services with a small team.
"""


@pytest.fixture
def make(engine, tmp_path):
    from assistant.tui.app import make_app

    def build(path=None, environ=None):
        return make_app(path, engine=engine, environ=environ or {})

    return build


async def settle(app, pilot):
    """Let the debounced lint (and the suggestions after it) land."""
    for _ in range(3):
        await pilot.pause(0.1)
        await app.workers.wait_for_complete()
    await pilot.pause()


async def until(pilot, condition, seconds: float = 5) -> None:
    """Wait for something the app does after a pause (the rules' suggestions)."""
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("the app never got there")


def rules(app) -> list[str]:
    return [f.rule for f in app.linted.report.findings]


def test_typing_raises_a_finding(make, tmp_path):
    path = tmp_path / "job.md"
    path.write_text(CLEAN, encoding="utf-8")

    async def go():
        app = make(path)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(app, pilot)
            assert "inclusivity/bro-culture" not in rules(app)
            app.editor.move_cursor(app.editor.document.end)
            await pilot.press(*"We want rockstar ninjas.")
            await settle(app, pilot)
            assert "inclusivity/bro-culture" in rules(app)
            marked = app.editor.marks
            row = app.editor.document.line_count - 1
            assert any(severity in ("warning", "error", "info") for _, _, severity in marked.get(row, []))
            assert app.dirty and "●" in str(app.query_one("#status").render())

    asyncio.run(go())


def test_selecting_a_finding_moves_the_cursor_to_its_span(make, tmp_path):
    path = tmp_path / "job.md"
    path.write_text(CLEAN + "\nWe want rockstar ninjas.\n", encoding="utf-8")

    async def go():
        app = make(path)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(app, pilot)
            findings = app.query_one("#findings")
            index = rules(app).index("inclusivity/bro-culture")
            findings.focus()
            findings.highlighted = next(i for i in range(findings.option_count) if findings.get_option_at_index(i).id == str(index))
            await pilot.pause()
            assert app.editor.selected_text.lower() in ("rockstar", "ninjas", "rockstar ninjas")
            await pilot.press("enter")
            await pilot.pause()
            assert type(app.screen).__name__ == "Explain"
            await pilot.press("escape")

    asyncio.run(go())


def test_accepting_an_edit_changes_the_text_and_the_scores_refusing_leaves_it(make, tmp_path):
    seed = tmp_path / SEED_001.name
    shutil.copyfile(SEED_001, seed)

    async def go():
        app = make(seed)
        async with app.run_test(size=(100, 30)) as pilot:
            await until(pilot, lambda: app.items)  # the rules provider proposes an edit on a seed
            before_text, before_scores = app.editor.text, dict(app.linted.report.scores)
            app.query_one("#suggestions-box").focus()
            await pilot.press("r")  # refuse: the text stays
            await settle(app, pilot)
            assert app.editor.text == before_text and not app.items
            app.generation += 1
            app.relint()  # the suggestions come back with a fresh lint
            await until(pilot, lambda: app.items)
            item = app.items[0][0]
            app.query_one("#suggestions-box").focus()
            await pilot.press("a")
            await settle(app, pilot)
            assert item.original not in app.editor.text
            assert app.linted.report.scores["clarity"] > before_scores["clarity"]
            assert seed.read_bytes() == SEED_001.read_bytes(), "accepting edits the buffer, not the file"

    asyncio.run(go())


def test_ctrl_s_writes_atomically_and_clears_the_recovery_file(make, tmp_path, monkeypatch):
    import assistant.files as files

    path = tmp_path / "job.md"
    path.write_text(CLEAN, encoding="utf-8")
    writes = []
    real = files.write_user_file
    monkeypatch.setattr(files, "write_user_file", lambda p, text, **kw: (writes.append(p), real(p, text, **kw))[1])

    async def go():
        app = make(path)
        async with app.run_test(size=(100, 30)) as pilot:
            app.editor.move_cursor(app.editor.document.end)
            await pilot.press(*"Salary: 50 to 60 a year.")
            app.autosave()
            assert app.recovery.load() is not None
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert path.read_text(encoding="utf-8") == CLEAN + "Salary: 50 to 60 a year."
            assert path in writes and not app.dirty
            assert app.recovery.load() is None
            assert not list(tmp_path.glob(".job.md.*"))  # no temporary file left behind

    asyncio.run(go())


def test_saving_over_a_file_changed_on_disk_asks_first(make, tmp_path):
    path = tmp_path / "job.md"
    path.write_text(CLEAN, encoding="utf-8")

    async def go():
        app = make(path)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press(*"x")
            path.write_text("someone else's text\n", encoding="utf-8")
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert app.screen.id == "overwrite-dialog"
            await pilot.press("escape")
            await pilot.pause()
            assert path.read_text(encoding="utf-8") == "someone else's text\n"
            await pilot.press("ctrl+s")
            await pilot.pause()
            await pilot.press("o")
            await pilot.pause()
            assert path.read_text(encoding="utf-8") == "x" + CLEAN

    asyncio.run(go())


def test_quit_with_unsaved_changes_asks_and_escape_cancels(make, tmp_path):
    path = tmp_path / "job.md"
    path.write_text(CLEAN, encoding="utf-8")

    async def go():
        app = make(path)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press(*"x")
            await pilot.press("ctrl+q")
            await pilot.pause()
            assert app.screen.id == "quit-dialog"
            await pilot.press("escape")
            await pilot.pause()
            assert app.is_running and app.screen.id != "quit-dialog"
            await pilot.press("ctrl+q")
            await pilot.pause()
            await pilot.press("q")
            await pilot.pause()
        assert not app.is_running
        assert path.read_text(encoding="utf-8") == CLEAN

    asyncio.run(go())


def test_a_crash_is_followed_by_an_offer_to_restore(make, tmp_path):
    path = tmp_path / "job.md"
    path.write_text(CLEAN, encoding="utf-8")

    async def crash():
        app = make(path)
        async with app.run_test(size=(100, 30)) as pilot:
            app.editor.move_cursor(app.editor.document.end)
            await pilot.press(*"Words typed before the crash.")
            await pilot.pause(1.3)  # the autosave pause passes
        # leaving without quitting: the recovery file stays, as after a crash

    async def reopen(answer):
        app = make(path)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert app.screen.id == "restore-dialog"
            await pilot.press(answer)
            await pilot.pause()
            return app.editor.text, app.dirty

    asyncio.run(crash())
    text, dirty = asyncio.run(reopen("r"))
    assert text == CLEAN + "Words typed before the crash." and dirty
    assert path.read_text(encoding="utf-8") == CLEAN  # restoring does not save by itself
    text, _ = asyncio.run(reopen("d"))
    assert text == CLEAN


def test_an_llm_error_becomes_a_notification(make, tmp_path, monkeypatch):
    import respx

    from .llm_fakes import BASE, KEY, error

    monkeypatch.setenv("POSTING_ASSISTANT_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "job.md"
    path.write_text(CLEAN, encoding="utf-8")

    async def go():
        app = make(path, environ={"OPENAI_API_KEY": KEY, "OPENAI_BASE_URL": BASE})
        messages = heard(app)
        with respx.mock(base_url=BASE) as mock:
            mock.post("/chat/completions").respond(401, json=error(401, "bad key").json())
            async with app.run_test(size=(100, 30)) as pilot:
                await settle(app, pilot)
                assert "provider openai" in str(app.query_one("#status").render())
                await pilot.press("ctrl+r")
                await settle(app, pilot)
                assert app.is_running
                assert any("OPENAI_API_KEY" in m for m in messages), messages
                assert not app.working

    asyncio.run(go())


def test_scratch_buffer_and_no_key_status(make):
    async def go():
        app = make(None)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(app, pilot)
            status = str(app.query_one("#status").render())
            assert "untitled.md" in status and "provider rules (no OPENAI_API_KEY)" in status
            # Nothing written yet: no grades for an empty page, a hint instead.
            assert "Write or paste a posting" in str(app.query_one("#scores").render())
            assert app.query_one("#findings").option_count == 0
            await pilot.press(*"We want a rockstar.")
            await settle(app, pilot)
            assert "overall" in str(app.query_one("#scores").render())
            assert app.query_one("#findings").option_count > 0
            await pilot.press("f1")
            await pilot.pause()
            assert type(app.screen).__name__ == "Help"

    asyncio.run(go())


def test_new_from_a_brief_drafts_into_the_editor(make, tmp_path):
    async def go():
        app = make(None)
        async with app.run_test(size=(100, 40)) as pilot:
            await settle(app, pilot)
            await pilot.press("ctrl+n")
            await pilot.pause()
            form = app.screen
            assert type(form).__name__ == "BriefForm"
            form.query_one("#brief-salary_min").value = "70000"
            form.query_one("#brief-salary_max").value = "60000"
            form.action_submit()
            await pilot.pause()
            assert str(form.query_one("#brief-errors").render()) == "title: Field required"
            form.query_one("#brief-title").value = "Data Engineer"
            form.action_submit()
            await pilot.pause()
            assert "is above salary_max" in str(form.query_one("#brief-errors").render())
            form.query_one("#brief-salary_min").value = "50000"
            form.query_one("#brief-currency").value = "eur"
            form.query_one("#brief-period").value = "year"
            form.query_one("#brief-must_haves").load_text("- SQL\n- Python\n")
            await pilot.press("ctrl+d")
            await settle(app, pilot)
            assert type(app.screen).__name__ != "BriefForm"
            text = app.editor.text
            assert text.startswith("# Data Engineer") and "- SQL" in text and "50,000" in text
            assert app.dirty

    asyncio.run(go())


async def offered(app) -> list[str]:
    """The names the command palette lists before anything is typed, as its provider
    hands them to Textual."""
    from assistant.tui.commands import EditorCommands

    return [hit.text async for hit in EditorCommands(app.screen).discover()]


def test_the_palette_offers_what_makes_sense_now(make, tmp_path):
    path = tmp_path / "job.md"
    path.write_text(CLEAN + "\nMake Your Resume Now\n", encoding="utf-8")

    async def go():
        app = make(path)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(app, pilot)
            names = await offered(app)
            assert "Rewrite the whole posting" in names and "Accept all safe fixes" in names
            assert not any(n.startswith("Fix this finding") for n in names)
            findings = app.query_one("#findings")
            findings.highlighted = next(
                i for i in range(findings.option_count)
                if findings.get_option_at_index(i).id is not None
                and app.linted.report.findings[int(findings.get_option_at_index(i).id)].rule == "clarity/scrape-noise"
            )
            app.editor.selection = ((2, 0), (2, 8))
            await pilot.pause()
            names = await offered(app)
            assert "Rewrite the selection" in names and "Fix this finding: clarity/scrape-noise" in names
            app.action_rewrite("finding")
            await settle(app, pilot)
            assert [item.rules for item, refused in app.items] == [["clarity/scrape-noise"]]

    asyncio.run(go())


def test_keys_are_remapped_by_binding_id(engine, tmp_path):
    from assistant.config import Config
    from assistant.tui.app import make_app

    path = tmp_path / "job.md"
    path.write_text(CLEAN, encoding="utf-8")
    config = Config()
    config.keymap = {"file.save": "ctrl+w"}
    config.theme = "textual-light"

    async def go():
        app = make_app(path, engine=engine, config=config, environ={})
        async with app.run_test(size=(100, 30)) as pilot:
            assert app.theme == "textual-light"
            await pilot.press("x")
            await pilot.press("ctrl+w")
            await pilot.pause()
            assert path.read_text(encoding="utf-8") == "x" + CLEAN

    asyncio.run(go())


def test_escape_cancels_a_running_request(make, tmp_path, monkeypatch):
    import respx

    from .llm_fakes import BASE, KEY, completion

    monkeypatch.setenv("POSTING_ASSISTANT_CACHE_DIR", str(tmp_path / "cache"))
    path = tmp_path / "job.md"
    path.write_text(CLEAN, encoding="utf-8")

    async def slow(request):
        await asyncio.sleep(5)
        return completion({"edits": [], "summary": ""})

    async def go():
        app = make(path, environ={"OPENAI_API_KEY": KEY, "OPENAI_BASE_URL": BASE})
        messages = heard(app)
        with respx.mock(base_url=BASE, assert_all_called=False) as mock:  # the call is cut off before it answers
            mock.post("/chat/completions").mock(side_effect=slow)
            async with app.run_test(size=(100, 30)) as pilot:
                await settle(app, pilot)
                await pilot.press("ctrl+r")
                await pilot.pause(0.2)
                assert app.working and "Esc cancels" in str(app.query_one("#status").render())
                started = asyncio.get_running_loop().time()
                await pilot.press("escape")
                await settle(app, pilot)
                assert not app.working and asyncio.get_running_loop().time() - started < 3
                assert any("cancelled" in m for m in messages), messages

    asyncio.run(go())


def test_a_scratch_buffer_is_saved_as_a_new_file(make, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    async def go():
        app = make(None)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press(*"Data Engineer")
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert type(app.screen).__name__ == "AskPath"
            app.screen.query_one("#path").value = "new-job.md"
            await pilot.press("enter")
            await pilot.pause()
            assert (tmp_path / "new-job.md").read_text(encoding="utf-8") == "Data Engineer"
            assert not app.dirty and app.session.name == "new-job.md"

    asyncio.run(go())


def test_markdown_is_highlighted_when_the_grammar_is_installed_and_plain_otherwise(make, tmp_path):
    import importlib.util

    path = tmp_path / "job.md"
    path.write_text(CLEAN, encoding="utf-8")
    expected = "markdown" if importlib.util.find_spec("tree_sitter_markdown") else None

    async def go():
        app = make(path)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(app, pilot)
            assert app.editor.language == expected
            assert "inclusivity" in str(app.query_one("#scores").render())

    asyncio.run(go())


def test_a_suggestion_still_lands_in_the_right_place_after_typing_elsewhere(make, tmp_path, own_cache):
    import respx

    from .llm_fakes import BASE, KEY, completion

    path = tmp_path / "job.md"
    path.write_text(CLEAN + "\nMake Your Resume Now\n", encoding="utf-8")
    edit = {"original": "Make Your Resume Now", "replacement": "", "rationale": "Page chrome, not the posting.", "rules": ["clarity/scrape-noise"]}

    async def go():
        app = make(path, environ={"OPENAI_API_KEY": KEY, "OPENAI_BASE_URL": BASE})
        with respx.mock(base_url=BASE) as mock:
            mock.post("/chat/completions").mock(return_value=completion({"edits": [edit], "summary": "One edit."}))
            async with app.run_test(size=(100, 30)) as pilot:
                await settle(app, pilot)
                await pilot.press("ctrl+r")  # the model's edits are on show: typing keeps them
                await until(pilot, lambda: app.items and not app.working)
                app.editor.focus()  # the answer moved focus to the suggestions; the user goes back to typing
                app.editor.move_cursor((0, 0))
                await pilot.press(*"New ")
                await settle(app, pilot)
                assert app.items and app.items_text != app.linted.report.posting.text
                app.query_one("#suggestions-box").focus()
                await pilot.press("a")
                await settle(app, pilot)
                assert app.editor.text == "New " + CLEAN + "\n"

    asyncio.run(go())


def test_the_editor_follows_the_projects_rule_selection(tmp_path):
    from assistant.config import Config
    from assistant.tui.app import make_app

    path = tmp_path / "job.md"
    path.write_text(CLEAN + "\nWe want rockstar ninjas.\n", encoding="utf-8")
    config = Config()
    config.ignore = ["inclusivity"]

    async def go():
        app = make_app(path, config=config, environ={})
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(app, pilot)
            found = rules(app)
            assert found and not any(r.startswith("inclusivity/") for r in found)

    asyncio.run(go())


async def linted(app, pilot):
    """Wait until the findings on show are those of the text in the editor (the app's own lint workers)."""
    for _ in range(200):
        await app.workers.wait_for_complete()
        await pilot.pause()
        if app.caught_up:
            return
    raise AssertionError("the lint never caught up with the text")


def test_typing_after_a_relint_replaces_nothing(make, tmp_path):
    """Moving through the findings, then typing, re-lints; the next keys must go in beside
    the text, not over the finding the findings list shows."""
    path = tmp_path / "job.md"
    path.write_text(CLEAN + "\nWe want rockstar ninjas.\n", encoding="utf-8")

    async def go():
        app = make(path)
        async with app.run_test(size=(100, 30)) as pilot:
            await linted(app, pilot)
            findings = app.query_one("#findings")
            findings.focus()
            await pilot.press("down", "down")  # the user looks at a finding: the editor shows it
            await pilot.pause()
            assert findings.highlighted is not None
            shown = app.editor.selected_text
            assert shown and shown in app.editor.text
            app.editor.focus()  # back to the editor: the finding shown is no longer a selection
            await pilot.pause()
            await pilot.press(*"Now ")
            assert app.editor.text.replace("Now ", "", 1) == CLEAN + "\nWe want rockstar ninjas.\n"
            await linted(app, pilot)
            await pilot.press(*["backspace"] * 4)
            assert app.editor.text == CLEAN + "\nWe want rockstar ninjas.\n"
            app.editor.move_cursor(app.editor.document.end)
            await pilot.press(*"Apply now.")
            await linted(app, pilot)
            await pilot.press(*" Today.")
            await linted(app, pilot)
            assert app.editor.text == CLEAN + "\nWe want rockstar ninjas.\nApply now. Today."

    asyncio.run(go())


def test_a_file_name_with_brackets_is_shown_as_it_is(make, tmp_path):
    """Square brackets are Textual markup: a name must not be styled, shortened or run as an action."""
    path = tmp_path / "job [b]draft[$x] [@click=app.quit].md"
    path.write_text(CLEAN, encoding="utf-8")

    async def go():
        app = make(path)
        messages = heard(app)
        async with app.run_test(size=(160, 30)) as pilot:
            await pilot.pause()
            assert str(path) in str(app.query_one("#status").render())
            await pilot.press("x", "ctrl+s")
            await pilot.pause()
            assert app.is_running and path.read_text(encoding="utf-8") == "x" + CLEAN
            assert any(str(path) in m for m in messages), messages

    asyncio.run(go())
