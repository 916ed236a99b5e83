"""A server that echoes the API key (whole, in pieces, masked) must not get it into
anything we show, log or keep: stdout, stderr, results, reports, caches, state, logs."""

from __future__ import annotations

import asyncio
import logging

import pytest

from assistant.cli import main

from .conftest import AS_OF, ROOT, SEED_001
from .echo_server import CASES, EchoServer

KEY = "sk-proj-LEAK9f3Kq7Zr2Wm5Xv8Ty1Bn4Hc6Jd0Ps12345"
PIECES = sorted({KEY[i : i + 8] for i in range(len(KEY) - 7)})


def leaks(text: str) -> list[str]:
    return [piece for piece in PIECES if piece in text]


@pytest.fixture
def world(tmp_path, monkeypatch):
    """A project folder, private cache/state folders, the key, and a DEBUG log file."""
    project = tmp_path / "project"
    project.mkdir()
    (project / "posting.txt").write_text(SEED_001.read_text(encoding="utf-8"), encoding="utf-8")
    (project / ".posting-assistant.toml").write_text("max-retries = 0\n", encoding="utf-8")
    monkeypatch.chdir(project)
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    for name in ("XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME"):
        monkeypatch.setenv(name, str(tmp_path / name.lower()))
    monkeypatch.setenv("POSTING_ASSISTANT_CACHE_DIR", str(tmp_path / "xdg_cache_home" / "posting-assistant"))
    log = logging.FileHandler(tmp_path / "debug.log", encoding="utf-8")
    log.setLevel(logging.DEBUG)
    root = logging.getLogger()
    level = root.level
    root.addHandler(log)
    root.setLevel(logging.DEBUG)
    with EchoServer(KEY) as base:
        monkeypatch.setenv("OPENAI_BASE_URL", base)
        yield tmp_path
    root.removeHandler(log)
    root.setLevel(level)
    log.close()


def test_the_echo_server_does_echo_the_key():
    """The test below can fail: without scrubbing, every piece would be there."""
    import json
    import urllib.error
    import urllib.request

    with EchoServer(KEY) as base:
        request = urllib.request.Request(f"{base}/chat/completions", data=b'{"model": "status-403"}',
                                         headers={"Authorization": f"Bearer {KEY}"})
        with pytest.raises(urllib.error.HTTPError) as caught:
            urllib.request.urlopen(request, timeout=10)  # noqa: S310 - localhost
        body = json.loads(caught.value.read())
    assert leaks(json.dumps(body)) == PIECES


@pytest.mark.parametrize("case", CASES)
def test_no_piece_of_the_key_is_shown_logged_or_kept(case, world, capsys):
    runs = [
        ["lint", "--llm", "posting.txt", "--model", case],
        ["review", "posting.txt", "--llm", "--rewrite", "--provider", "openai", "--model", case,
         "--out", "results.jsonl", "--report", "report.html"],
        ["review", "posting.txt", "--llm", "--rewrite", "--provider", "openai", "--model", case,
         "--out", "results.jsonl", "--report", "report.csv"],
        ["review", "posting.txt", "--rewrite", "--provider", "openai", "--model", case,
         "--out", "results.jsonl", "--report", "report.md"],
        ["rewrite", "posting.txt", "--provider", "openai", "--model", case],
        ["rewrite", "posting.txt", "--provider", "openai", "--model", case, "--format", "json"],
        ["draft", "--brief", str(ROOT / "examples" / "brief.toml"), "--provider", "openai", "--model", case,
         "--out", "draft.md"],
    ]
    shown = []
    for argv in runs:
        code = main([*argv, "--as-of", AS_OF.isoformat()])
        out, err = capsys.readouterr()
        assert code == 3, (argv, code, err)  # the model failed: every run must say so
        assert err.strip(), argv
        shown.append(out + err)
    for text in shown:
        assert not leaks(text), (leaks(text), text)
    files = [p for p in world.rglob("*") if p.is_file()]
    assert {p.name for p in files} >= {"results.jsonl", "report.html", "report.csv", "report.md", "debug.log"}
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        assert not leaks(text), (path, leaks(text))
    assert (world / "debug.log").stat().st_size > 0  # the SDK and httpx did log at DEBUG


def test_the_editor_notification_has_no_piece_of_the_key(world, engine):
    from assistant.tui.app import make_app

    async def go():
        app = make_app(world / "project" / "posting.txt", engine=engine,
                       environ={"OPENAI_API_KEY": KEY, "OPENAI_BASE_URL": __import__("os").environ["OPENAI_BASE_URL"],
                                "POSTING_ASSISTANT_MODEL": "status-400"})
        async with app.run_test(size=(100, 30)) as pilot:
            for _ in range(3):
                await pilot.pause(0.1)
                await app.workers.wait_for_complete()
            await pilot.press("ctrl+r")
            for _ in range(50):
                await pilot.pause(0.1)
                if not app.working and app._notifications:
                    break
            messages = [str(n.message) for n in app._notifications]
            assert any("refused the request (400)" in m for m in messages), messages
            for m in messages:
                assert not leaks(m), (leaks(m), m)

    asyncio.run(go())


def test_scrub_covers_every_shape(monkeypatch):
    from assistant.llm.redact import scrub

    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    for text in (KEY, f"Bearer {KEY}", f"{KEY[:7]}…{KEY[-5:]}", KEY[10:26], f"x{KEY[3:20]}y", KEY[-9:],
                 f"{KEY[:8]}****{KEY[-4:]}", "Authorization: Bearer abc.def-123", "key sk-abcdEFGH1234567890",
                 '{"api_key": "zz-secret-value"}'):
        scrubbed = scrub(f"said: {text}.")
        assert not leaks(scrubbed) and "secret-value" not in scrubbed and "abc.def" not in scrubbed, scrubbed
        assert "abcdEFGH" not in scrubbed, scrubbed
        assert scrubbed.startswith("said: ")
    assert scrub("nothing to hide: line 12, sk-learn is fine") == "nothing to hide: line 12, sk-learn is fine"
