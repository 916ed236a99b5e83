"""What the editor looks like (pytest-textual-snapshot); `--snapshot-update` after a reviewed change."""

from __future__ import annotations

import pytest

from .conftest import ROOT, SEED_001

SEED = SEED_001.relative_to(ROOT)


@pytest.fixture
def app(engine, monkeypatch):
    from assistant.tui.app import make_app

    monkeypatch.chdir(ROOT)  # the status bar shows the path as given: keep it the same everywhere
    return make_app(SEED, engine=engine, environ={})


async def loaded(pilot):
    app = pilot.app
    app.editor.cursor_blink = False
    for _ in range(100):  # the findings, then the rules' suggestion after a pause (up to 5 s on a slow machine)
        await pilot.pause(0.05)
        if app.items:
            break
    await app.workers.wait_for_complete()
    await pilot.pause()


def test_a_seed_with_its_findings(app, snap_compare):
    assert snap_compare(app, terminal_size=(120, 36), run_before=loaded)


def test_the_suggestion_view(app, snap_compare):
    async def focus_suggestions(pilot):
        await loaded(pilot)
        pilot.app.query_one("#suggestions-box").focus()
        await pilot.pause()

    assert snap_compare(app, terminal_size=(120, 36), run_before=focus_suggestions)


def test_the_help_screen(app, snap_compare):
    async def help_screen(pilot):
        await loaded(pilot)
        await pilot.press("f1")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(100, 36), run_before=help_screen)


def test_at_80_by_24(app, snap_compare):
    assert snap_compare(app, terminal_size=(80, 24), run_before=loaded)


def test_the_brief_form(app, snap_compare):
    async def brief_form(pilot):
        await loaded(pilot)
        await pilot.press("ctrl+n")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(100, 40), run_before=brief_form)


def test_the_question_a_second_editor_asks(app, snap_compare, monkeypatch):
    from assistant.tui.recovery import Recovery

    monkeypatch.setattr(Recovery, "holder", lambda self: 4242)  # the first editor's process id, fixed for the picture
    first = Recovery(SEED)
    assert first.claim()
    try:
        assert snap_compare(app, terminal_size=(100, 30), run_before=loaded)
    finally:
        first.close()
