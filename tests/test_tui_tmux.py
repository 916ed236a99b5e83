"""The editor in a real terminal: tmux runs it, send-keys types, capture-pane reads the screen."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid

import pytest

from .conftest import SEED_001

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


class Tmux:
    def __init__(self, tmp_path):
        self.socket = f"pa-test-{uuid.uuid4().hex[:8]}"
        self.tmp = tmp_path

    def run(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True)

    def start(self, command: list[str], env: dict[str, str]) -> None:
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        line = f"cd {shlex.quote(str(self.tmp))} && env {exports} {shlex.join(command)}"
        self.run("new-session", "-d", "-x", "100", "-y", "30", "-s", "edit", line)

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", "edit").stdout

    def wait_for(self, text: str, timeout: float = 20) -> str:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared; the screen shows:\n{self.screen()}")

    def running(self) -> bool:
        return self.run("has-session", "-t", "edit").returncode == 0

    def close(self) -> None:
        self.run("kill-server")


def test_open_a_seed_type_save_and_quit(tmp_path):
    posting = tmp_path / SEED_001.name
    shutil.copyfile(SEED_001, posting)
    tmux = Tmux(tmp_path)
    env = {"XDG_STATE_HOME": str(tmp_path / "state"), "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "POSTING_ASSISTANT_CACHE_DIR": str(tmp_path / "cache"), "TERM": "xterm-256color",
           "PATH": os.environ.get("PATH", "")}
    try:
        tmux.start([sys.executable, "-m", "assistant", "edit", posting.name], env)
        screen = tmux.wait_for("overall")
        assert "provider rules (no OPENAI_API_KEY)" in screen
        assert "scrape-noise" in screen  # the findings list is on screen
        tmux.run("send-keys", "-t", "edit", "-l", "Hello from tmux. ")
        tmux.wait_for("Hello from tmux.")
        tmux.wait_for(" ●")  # unsaved
        tmux.run("send-keys", "-t", "edit", "C-s")
        tmux.wait_for("Saved")
        assert posting.read_text(encoding="utf-8") == "Hello from tmux. " + SEED_001.read_text(encoding="utf-8")
        tmux.run("send-keys", "-t", "edit", "C-q")
        end = time.monotonic() + 10
        while tmux.running() and time.monotonic() < end:
            time.sleep(0.1)
        assert not tmux.running(), "ctrl+q with nothing unsaved quits at once"
    finally:
        tmux.close()


def test_a_second_editor_on_the_same_file_is_asked_and_its_copy_goes_beside_it(tmp_path):
    posting = tmp_path / SEED_001.name
    shutil.copyfile(SEED_001, posting)
    original = posting.read_text(encoding="utf-8")
    env = {"XDG_STATE_HOME": str(tmp_path / "state"), "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "POSTING_ASSISTANT_CACHE_DIR": str(tmp_path / "cache"), "TERM": "xterm-256color",
           "PATH": os.environ.get("PATH", "")}
    first, second = Tmux(tmp_path), Tmux(tmp_path)
    try:
        first.start([sys.executable, "-m", "assistant", "edit", posting.name], env)
        first.wait_for("overall")
        first.run("send-keys", "-t", "edit", "-l", "First editor. ")
        first.wait_for("First editor.")
        second.start([sys.executable, "-m", "assistant", "edit", posting.name], env)
        screen = second.wait_for("is open in another")
        assert "read-only" in screen and "(copy).txt" in screen
        second.run("send-keys", "-t", "edit", "c")
        second.wait_for("your copy of")
        second.run("send-keys", "-t", "edit", "-l", "Second editor. ")
        second.wait_for("Second editor.")
        second.run("send-keys", "-t", "edit", "C-s")
        second.wait_for("Saved")
        copy = posting.with_name(f"{posting.stem} (copy){posting.suffix}")
        assert copy.read_text(encoding="utf-8") == "Second editor. " + original
        assert posting.read_text(encoding="utf-8") == original  # the first editor's file is untouched
        assert "First editor." in first.screen()
    finally:
        first.close()
        second.close()
