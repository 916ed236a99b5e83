"""Project configuration for `lint`: where it is found, what it may say, what wins.

Precedence, highest first (CONTRACTS.md): command-line flags, then `--config FILE` or
`POSTING_ASSISTANT_CONFIG`, then `.posting-assistant.toml`, then `[tool.posting-assistant]`
in `pyproject.toml` (searched from the first linted path's folder upward; in one folder
the first of those two wins), then the defaults. Paths and globs in a file are relative
to that file. A key we do not know, or a value of the wrong shape, is an error naming
the file and the key: a typo must not silently turn a check off.
"""

from __future__ import annotations

import os
from fnmatch import fnmatchcase
from pathlib import Path

from ._record import Record

LEVELS = ("error", "warning", "info")
FAIL_ON = ("error", "warning", "info", "never")
KEYS = (
    "select", "ignore", "severity", "fail-on", "min-score", "exemplars", "rubrics", "allow", "per-file-ignores",
    "model", "base-url", "timeout", "max-retries", "max-file-size",
)
# The user's own file ($XDG_CONFIG_HOME/posting-assistant/config.toml) sits under every
# project file: who they are and which model they use, not how postings are judged.
USER_KEYS = ("model", "base-url", "timeout", "max-retries", "keymap", "theme")
SECRET_KEYS = ("api-key", "api_key", "openai-api-key", "key")

# Who proposes edits and drafts: a model, or `rules` (the rules' own replacements, offline).
PROVIDERS = ("openai", "rules")
# The model's endpoint when no flag, config file or environment variable names it: the
# defaults of the keys above, here so that `--help` can say them without the client.
DEFAULT_MODEL = "gpt-4o-mini"
DEFAULT_BASE_URL = "https://api.openai.com/v1"
DEFAULT_TIMEOUT = 60.0
DEFAULT_RETRIES = 2


def default_provider(environ=None) -> str:
    """The provider when `--provider` is not given: the model if there is a key to pay it
    with, else the rules, so that a user without a key still gets edits."""
    environ = os.environ if environ is None else environ
    return "openai" if environ.get("OPENAI_API_KEY") else "rules"


class ConfigError(Exception):
    """A config file that cannot be used; the message names the file and the key."""


class Config(Record):
    __slots__ = (
        "path", "select", "ignore", "severity", "fail_on", "min_score", "exemplars", "rubrics", "allow",
        "per_file_ignores", "model", "base_url", "timeout", "max_retries", "keymap", "theme", "max_file_size",
    )

    def __init__(self, path: Path | None = None):
        self.path = path  # the file these settings came from, if any
        self.select: list[str] = []
        self.ignore: list[str] = []
        self.severity: dict[str, str] = {}
        self.fail_on = "error"
        self.min_score: int | None = None
        self.exemplars: Path | None = None
        self.rubrics: list[Path] = []
        self.allow: list[str] = []
        self.per_file_ignores: list[tuple[str, list[str]]] = []  # (glob relative to the file, selectors)
        # The LLM endpoint; None means "not said here", so a lower layer may say it.
        self.model: str | None = None
        self.base_url: str | None = None
        self.timeout: float | None = None
        self.max_retries: int | None = None
        self.keymap: dict[str, str] | None = None
        self.theme: str | None = None
        self.max_file_size: int | None = None  # bytes; None: files.DEFAULT_LIMIT

    def ignored_for(self, posting_path: str) -> list[str]:
        """Selectors that `per-file-ignores` turns off for this file."""
        if not self.per_file_ignores:
            return []
        file_part = posting_path.split("#", 1)[0]  # "jobs.json#123" is a posting of jobs.json
        base = self.path.parent if self.path else Path.cwd()
        candidate = Path(file_part).resolve()
        try:
            relative = candidate.relative_to(base.resolve()).as_posix()
        except ValueError:
            relative = candidate.as_posix()
        found: list[str] = []
        for pattern, selectors in self.per_file_ignores:
            if fnmatchcase(relative, pattern) or fnmatchcase(candidate.name, pattern):
                found.extend(selectors)
        return found


def find_config(start: Path) -> Path | None:
    """The nearest `.posting-assistant.toml`, or `pyproject.toml` with our table, upward."""
    folder = start if start.is_dir() else start.parent
    folder = folder.resolve()
    for candidate in (folder, *folder.parents):
        own = candidate / ".posting-assistant.toml"
        if own.is_file():
            return own
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file() and _names_us(pyproject):
            return pyproject
    return None


def _names_us(pyproject: Path) -> bool:
    # A text test first: parsing every pyproject.toml on the way up costs more than linting.
    try:
        text = pyproject.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return "tool.posting-assistant" in text and "posting-assistant" in _read_toml(pyproject, text).get("tool", {})


def _read_toml(path: Path, text: str | None = None) -> dict:
    import tomllib

    try:
        if text is None:
            text = path.read_text(encoding="utf-8")
        return tomllib.loads(text)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None


def load_config(path: Path, keys: tuple[str, ...] = KEYS) -> Config:
    """Read one config file (our own file, or a pyproject.toml with our table)."""
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("posting-assistant", {})
    config = Config(path)
    base = path.parent
    for key, value in data.items():
        where = f"{path}: key '{key}'"
        if key in SECRET_KEYS:
            raise ConfigError(f"{where}: the API key is read only from the OPENAI_API_KEY environment variable, never from a file")
        if key not in keys:
            raise ConfigError(f"{where}: unknown (known keys: {', '.join(keys)})")
        if key in ("select", "ignore", "allow"):
            setattr(config, key, _strings(where, value))
        elif key == "rubrics":
            config.rubrics = [base / p for p in _strings(where, value)]
        elif key == "exemplars":
            config.exemplars = base / _string(where, value)
        elif key == "fail-on":
            config.fail_on = _choice(where, value, FAIL_ON)
        elif key == "min-score":
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
                raise ConfigError(f"{where}: must be a whole number from 0 to 100, not {value!r}")
            config.min_score = value
        elif key == "severity":
            if not isinstance(value, dict):
                raise ConfigError(f"{where}: must be a table of rule = level")
            config.severity = {rule: _choice(f"{where}.{rule}", level, LEVELS) for rule, level in value.items()}
        elif key == "per-file-ignores":
            if not isinstance(value, dict):
                raise ConfigError(f"{where}: must be a table of glob = [rules]")
            config.per_file_ignores = [(glob, _strings(f"{where}.{glob}", rules)) for glob, rules in value.items()]
        elif key in ("model", "base-url", "theme"):
            setattr(config, key.replace("-", "_"), _string(where, value))
        elif key == "timeout":
            if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
                raise ConfigError(f"{where}: must be a number of seconds above 0, not {value!r}")
            config.timeout = float(value)
        elif key == "max-retries":
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
                raise ConfigError(f"{where}: must be a whole number from 0 to 10, not {value!r}")
            config.max_retries = value
        elif key == "max-file-size":
            from .files import parse_size

            try:
                config.max_file_size = parse_size(value)
            except ValueError:
                raise ConfigError(f"{where}: must be a size above 0, in bytes (4096) or with a unit (\"50MB\", \"2 MiB\"), not {value!r}") from None
        elif key == "keymap":
            if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
                raise ConfigError(f"{where}: must be a table of action = key")
            config.keymap = dict(value)
    return config


def user_config_path() -> Path:
    from .locations import user_config_file

    return user_config_file()


def with_user_config(config: Config) -> Config:
    """`config` with the user's own file filling what the project files left unsaid.

    Only the commands that talk to a model or open the editor read it: nothing in it
    changes how `lint` judges a posting.
    """
    path = user_config_path()
    if not path.is_file():
        return config
    user = load_config(path, USER_KEYS)
    for name in ("model", "base_url", "timeout", "max_retries", "keymap", "theme"):
        if getattr(config, name) is None:
            setattr(config, name, getattr(user, name))
    return config


def _string(where: str, value) -> str:
    if not isinstance(value, str) or not value:
        raise ConfigError(f"{where}: must be a non-empty string, not {value!r}")
    return value


def _strings(where: str, value) -> list[str]:
    if isinstance(value, str):  # "a, b" as well as ["a", "b"]
        value = [part.strip() for part in value.split(",") if part.strip()]
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ConfigError(f"{where}: must be a list of strings, not {value!r}")
    return value


def _choice(where: str, value, choices: tuple[str, ...]) -> str:
    if value not in choices:
        raise ConfigError(f"{where}: must be one of {', '.join(choices)}, not {value!r}")
    return value


def resolve_config(explicit: str | None, first_path: str | None) -> Config:
    """The config for a run: the named file, else the nearest one, else the defaults."""
    named = explicit or os.environ.get("POSTING_ASSISTANT_CONFIG")
    if named:
        path = Path(named)
        if not path.is_file():
            raise ConfigError(f"{path}: config file not found")
        return load_config(path)
    start = Path(first_path) if first_path and first_path != "-" else Path.cwd()
    found = find_config(start) if start.exists() else None
    if found is None:
        found = find_config(Path.cwd())
    return load_config(found) if found else Config()
