"""Shared fixtures and helpers. Tests that need ../shared (the corpus, the schemas) skip without it."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"
AS_OF = dt.date(2026, 11, 22)  # golden outputs pin the date that decides which laws apply

SEED_000 = SEEDS / "senior-staff-backend-engineer-platform-services.txt"
SEED_001 = SEEDS / "senior-backend-engineer-ii-remote.txt"


def assert_prompt_matches_golden(prompt, task: str) -> None:
    """A rendered prompt against `tests/golden/prompts/<task>.txt`: a template change
    shows up as a diff to review; UPDATE_GOLDEN=1 rewrites the file."""
    import os

    rendered = "".join(f"=== {m['role']} ===\n{m['content']}" for m in prompt.messages)
    golden = ROOT / "tests" / "golden" / "prompts" / f"{task}.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(rendered, encoding="utf-8")
    assert rendered == golden.read_text(encoding="utf-8"), f"the {task} prompt changed; review, then rerun with UPDATE_GOLDEN=1"


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory):
    """Tests never read or write the user's cache."""
    import os

    os.environ["POSTING_ASSISTANT_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))


@pytest.fixture(autouse=True)
def _no_user_settings(monkeypatch, tmp_path_factory):
    """No test sees the developer's API key, endpoint, user config or recovery files."""
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "POSTING_ASSISTANT_MODEL", "POSTING_ASSISTANT_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config")))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path_factory.mktemp("state")))


# ---------------------------------------------------------------- shared by several modules
# Postings, runners and fakes more than one test module uses: one copy here, so a
# change to how the CLI is driven or a server is faked is made once.

# A posting with every section the rubric asks for: lints without warnings.
CLEAN = """Backend Engineer

About us: we make invoicing software for small shops in Lisbon.

Location: Lisbon, Portugal (hybrid, two office days a week). Full-time, permanent.
Salary: €60,000 - €75,000 per year.

What you'll do:
- Build and run our invoicing services
- Review code with the team

Requirements:
- Python in production
- Clear written English

What we offer:
- 25 days of annual leave
- Health insurance

We are an equal opportunity employer. If you need a reasonable accommodation during the interview process, tell us.
To apply, send your CV to the hiring team.
"""

ATS_FIXTURES = ROOT / "tests" / "fixtures" / "ats"
GREENHOUSE_SAMPLE = ("corpus", "ats", "greenhouse", "spacex_single_job_content_true_2026.json")  # under ../shared


def run_cli(capsys, *args) -> tuple[int, str, str]:
    """`posting-assistant ARGS` in this process: exit code, stdout, stderr. Arguments may
    be paths; each module's own runner (`lint`, `review`…) adds its usual flags."""
    from assistant.cli import main

    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def run_module(*args, env: dict | None = None, cwd=None, timeout: float = 120) -> subprocess.CompletedProcess:
    """`python -m assistant ARGS` in a process of its own, output captured as text; the
    timeout turns a run that blocks (a FIFO, a lost pipe) into a failure."""
    return subprocess.run([sys.executable, "-m", "assistant", *map(str, args)], capture_output=True, text=True,
                          env=env, cwd=cwd, timeout=timeout)


def feed_stdin(monkeypatch, data: str | bytes) -> None:
    """What a command reads from `-`: these bytes (a str is UTF-8), through a text wrapper
    as the real stdin is."""
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data.encode() if isinstance(data, str) else data)))


def one_line(err: str) -> str:
    """The one line a refused run writes to stderr (CONTRACTS: one line, our prefix, no
    traceback), returned for the test to read."""
    assert "Traceback" not in err, err
    assert err.count("\n") == 1 and err.endswith("\n") and err.startswith("posting-assistant: "), err
    return err[:-1]


def heard(app) -> list[str]:
    """The messages `app` shows with `notify` from now on, in order: the list fills as the
    app runs. Wraps the public method, so a test reads what the user was told, not the
    framework's private queue."""
    messages: list[str] = []
    shown = app.notify

    def notify(message, *args, **kwargs):
        messages.append(str(message))
        return shown(message, *args, **kwargs)

    app.notify = notify
    return messages


def read_jsonl(path) -> list[dict]:
    """The records of a JSON Lines file (`review --out`)."""
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def own_cache(monkeypatch, tmp_path) -> Path:
    """This test's own cache folder, `tmp_path / "cache"`: model answers, rule sets and
    patterns start cold, and nothing one test stores is another's hit."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("POSTING_ASSISTANT_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def keyed(monkeypatch):
    """The fake server's key and base URL in the environment, as a user sets them."""
    from .llm_fakes import BASE, KEY

    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    monkeypatch.setenv("OPENAI_BASE_URL", BASE)


@pytest.fixture
def server():
    """A fake OpenAI-compatible server (respx) at `llm_fakes.BASE`; yields its chat
    completions route (set `side_effect`, read `calls`). Nothing is set in the environment."""
    import respx

    from .llm_fakes import BASE

    with respx.mock(base_url=BASE, assert_all_called=False) as mock:
        yield mock.post("/chat/completions")


@pytest.fixture
def online(keyed, own_cache, server):
    """The fake server as the commands find it: key and base URL set, answers cached in
    the test's own folder; yields the chat completions route."""
    return server


@pytest.fixture(scope="session")
def engine():
    from assistant.api import make_engine

    return make_engine(as_of=AS_OF)


@pytest.fixture
def lint(engine):
    """Lint a string as a posting (plain text unless `fmt` says otherwise)."""
    from assistant.document.loaders import posting_from_text

    def run(text: str, fmt: str = "txt"):
        return engine.lint(posting_from_text(text, "example." + fmt, fmt))

    return run


def needs_shared(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not here (the tests run without ../shared)")
    return path


def corpus_postings() -> list[Path]:
    """The corpus's posting files, as POSTINGS.txt lists them; skips without it."""
    listing = needs_shared("corpus", "POSTINGS.txt")
    return [listing.parent / line.strip() for line in listing.read_text().splitlines() if line.strip()]
