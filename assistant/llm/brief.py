"""The brief a hiring manager fills in before `draft` writes a posting from it.

One pydantic model, shared by `draft` and the TUI form, so a brief means the same
thing wherever it is typed. Every field but the title may be left out: a brief with
no pay gives a draft with no pay, never an invented one. Unknown keys are an error,
not ignored, because a misspelt `salary_mni` would otherwise vanish and the draft
would go out without the pay its author thought they had given.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

PERIODS = ("year", "month", "week", "day", "hour")
REMOTE = ("remote", "hybrid", "onsite")
SUFFIXES = (".toml", ".json")

# Spellings people write for the same period or policy; the model keeps one of each.
_PERIOD_WORDS = {
    "annual": "year", "annually": "year", "yearly": "year", "per year": "year", "a year": "year", "yr": "year",
    "monthly": "month", "per month": "month", "weekly": "week", "per week": "week",
    "daily": "day", "per day": "day", "hourly": "hour", "per hour": "hour", "hr": "hour",
}
_REMOTE_WORDS = {"on-site": "onsite", "on site": "onsite", "office": "onsite", "in-office": "onsite", "in office": "onsite", "fully remote": "remote"}



def _text(longest: int = 200):
    return Field(default=None, min_length=1, max_length=longest)


def _items():
    return Field(default_factory=list, max_length=30)


class BriefError(Exception):
    """A brief that cannot be used; str() is one line naming the file and the key."""


class Brief(BaseModel):
    """What the hiring manager knows about the role: the only facts a draft may state."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    title: str = Field(min_length=1, max_length=200)
    team: str | None = _text()
    level: str | None = _text()
    location: str | None = _text()
    remote: Literal["remote", "hybrid", "onsite"] | None = None
    salary_min: float | None = Field(default=None, ge=0)
    salary_max: float | None = Field(default=None, ge=0)
    currency: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")
    period: Literal["year", "month", "week", "day", "hour"] | None = None
    must_haves: list[str] = _items()
    nice_to_haves: list[str] = _items()
    benefits: list[str] = _items()
    about: str | None = _text(5000)

    @field_validator("remote", "period", mode="before")
    @classmethod
    def _one_spelling(cls, value, info):
        """"Hourly", "On-site": accepted, stored the one way the rest of the tool reads."""
        if not isinstance(value, str):
            return value
        low = " ".join(value.lower().split())
        words = _PERIOD_WORDS if info.field_name == "period" else _REMOTE_WORDS
        return words.get(low, low)

    @field_validator("currency", mode="before")
    @classmethod
    def _upper_code(cls, value):
        return value.strip().upper() if isinstance(value, str) else value

    @field_validator("must_haves", "nice_to_haves", "benefits")
    @classmethod
    def _no_blank_items(cls, items: list[str]) -> list[str]:
        """A blank item would become an empty bullet in the draft."""
        if any(not item for item in items):
            raise ValueError("items must not be empty")
        if any(len(item) > 400 for item in items):
            raise ValueError("each item must be at most 400 characters")
        return items

    @model_validator(mode="after")
    def _pay_is_whole(self) -> Brief:
        """A range the wrong way round, or an amount without currency or period, is not pay a
        candidate can read; better to stop here than to draft it."""
        low, high = self.salary_min, self.salary_max
        if low is not None and high is not None and low > high:
            raise ValueError(f"salary_min ({_number(low)}) is above salary_max ({_number(high)})")
        if low is not None or high is not None:
            missing = [name for name in ("currency", "period") if getattr(self, name) is None]
            if missing:
                raise ValueError(f"a salary needs {' and '.join(missing)} too (e.g. currency = \"EUR\", period = \"year\")")
        return self


def load_brief(path: str | Path) -> Brief:
    """The brief in a .toml or .json file; `BriefError` with one line when it is not usable."""
    path = Path(path)
    if path.suffix.lower() not in SUFFIXES:
        raise BriefError(f"{path}: a brief is a .toml or .json file")
    data = _read(path)
    if not isinstance(data, dict):
        raise BriefError(f"{path}: a brief is a table of keys ({', '.join(Brief.model_fields)}), not {type(data).__name__}")
    try:
        return Brief.model_validate(data)
    except ValidationError as exc:
        raise BriefError(f"{path}: {describe(exc)}") from None


def _read(path: Path):
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BriefError(f"{path}: brief not found") from None
    except OSError as exc:
        raise BriefError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise BriefError(f"{path}: not UTF-8 text") from None
    if path.suffix.lower() == ".json":
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise BriefError(f"{path}: not valid JSON: {exc}") from None
    import tomllib

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise BriefError(f"{path}: not valid TOML: {' '.join(str(exc).split())}") from None


def describe(exc: ValidationError) -> str:
    """The first problem pydantic found, said the way config errors are: key, then what is wrong."""
    errors = exc.errors(include_url=False)
    first = errors[0]
    loc = [str(part) for part in first["loc"]]
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    if first["type"] == "extra_forbidden":
        return f"key '{loc[0]}': unknown (known keys: {', '.join(Brief.model_fields)}){more}"
    message = first["msg"].removeprefix("Value error, ")
    if first["type"] == "missing":
        message = "required"
    elif first["type"] == "string_pattern_mismatch" and loc[:1] == ["currency"]:
        message = f"must be a three-letter currency code such as EUR or USD, not {first['input']!r}"
    elif first["type"] == "literal_error":
        message = f"must be one of {', '.join(PERIODS if loc[0] == 'period' else REMOTE)}, not {first['input']!r}"
    if not loc:
        return message + more
    item = f", item {int(loc[1]) + 1}" if len(loc) > 1 and loc[1].isdigit() else ""
    return f"key '{loc[0]}'{item}: {message}{more}"


def _number(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"
