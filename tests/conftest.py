"""Shared fixtures. Tests that need ../shared (the corpus, the schemas) skip without it."""

from __future__ import annotations

import datetime as dt
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


@pytest.fixture
def online(monkeypatch, tmp_path):
    """A fake OpenAI-compatible server (respx): the key and base URL point at it, answers
    are cached in the test's own folder; yields the chat completions route."""
    import respx

    from .llm_fakes import BASE, KEY

    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    monkeypatch.setenv("OPENAI_BASE_URL", BASE)
    monkeypatch.setenv("POSTING_ASSISTANT_CACHE_DIR", str(tmp_path / "cache"))
    with respx.mock(base_url=BASE, assert_all_called=False) as mock:
        yield mock.post("/chat/completions")


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
