"""Every folder the tool keeps things in outside the user's own files, in one place.

  config    $XDG_CONFIG_HOME/posting-assistant/config.toml  (default ~/.config/…)
  cache     $XDG_CACHE_HOME/posting-assistant/              (default ~/.cache/…)
              rule sets and exemplar profiles (`cache`), compiled patterns
              (`_regex_cache`), the model's answers under answers/ (`llm.cache`);
              POSTING_ASSISTANT_CACHE_DIR moves it, POSTING_ASSISTANT_NO_CACHE=1 turns it off
  state     $XDG_STATE_HOME/posting-assistant/              (default ~/.local/state/…)
              the editor's recovery drafts under recovery/ (`tui.recovery`)
  batch     <results>.batch.json, beside a review's --out: the Batch API's ids

Each is worked out when asked, from the environment as it is then, so a test (or a
caller) that sets XDG_* or the cache variables is heard. Only names are made here;
the modules that use a folder create it, with the permissions their contents need.
"""

from __future__ import annotations

import os
from pathlib import Path

APP = "posting-assistant"


def _xdg(variable: str, *default: str) -> Path:
    """An XDG base folder: the variable when set and not empty, else its default under ~."""
    return Path(os.environ.get(variable) or os.path.join(os.path.expanduser("~"), *default))


def user_config_file() -> Path:
    """The user's own config file, read under every project's (`config.with_user_config`)."""
    return _xdg("XDG_CONFIG_HOME", ".config") / APP / "config.toml"


def cache_root() -> Path | None:
    """The cache folder; None when caching is switched off."""
    if os.environ.get("POSTING_ASSISTANT_NO_CACHE"):
        return None
    explicit = os.environ.get("POSTING_ASSISTANT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    return _xdg("XDG_CACHE_HOME", ".cache") / APP


def answers_dir() -> Path | None:
    """The model's cached answers, one file per request key; None when caching is off."""
    root = cache_root()
    return None if root is None else root / "answers"


def state_root() -> Path:
    """The tool's own state folder (0700: what it holds is the user's unpublished words)."""
    return _xdg("XDG_STATE_HOME", ".local", "state") / APP


def recovery_dir() -> Path:
    """The editor's recovery drafts and the locks beside them."""
    return state_root() / "recovery"


def batch_state_file(results: str | os.PathLike) -> Path:
    """Where a review's Batch API ids are kept: beside its results file, so that the
    run that collects them is the one that writes those results."""
    return Path(f"{results}.batch.json")
