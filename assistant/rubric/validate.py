"""What a rule file's values are checked with, by the loader and by each kind's `compile`.

A rule file is user-editable data, so every mistake in it is a `RubricError` that names
the file and the rule. These helpers sit below both the loader and the kinds, so that a
kind can check its own keys without importing the loader that imports it.
"""

from __future__ import annotations

from pathlib import Path

from .patterns import BadPattern, PatternSet, pattern_set

TYPE_CHECKING = False  # `typing` costs 3 ms of start-up; annotations only need it for checkers
if TYPE_CHECKING:
    from typing import Any


class RubricError(Exception):
    """A rubric file that cannot be used; the message names the file and the rule."""


def fail(path: Path, rule_id: str | None, msg: str) -> RubricError:
    where = f"{path}: rule {rule_id!r}" if rule_id else str(path)
    return RubricError(f"{where}: {msg}")


def str_list(path: Path, rule_id: str, key: str, value: Any) -> list[str]:
    """A key that holds one string or a list of them, as a list."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise fail(path, rule_id, f"'{key}' must be a list of strings")
    return value


def patterns(path: Path, rule_id: str, sources: list[str], flags: int, fold: bool = True) -> PatternSet:
    """`patterns.pattern_set`, with an expression that does not compile named as the rule's mistake."""
    try:
        return pattern_set(sources, flags, fold)
    except BadPattern as exc:
        raise fail(path, rule_id, f"bad regular expression {exc.source!r}: {exc}") from None
