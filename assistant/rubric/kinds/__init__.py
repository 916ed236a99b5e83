"""The rule kinds: one module each, and this registry of them.

A kind is everything a rule's `kind = "…"` means, in one module named after it:

- `KEYS`: the keys a rule of the kind may have, besides the common ones (id, severity…);
- `compile(path, rule_id, params)`: its values checked (`validate`) and made ready to
  run, once, when the rule file is loaded (the result is cached with the rule set);
- `check(ctx, rule, run)`: the findings in one posting (`ctx`: its `Context`; `run`: a
  `Checking`, what this posting's checks share), or None for a kind that `lint` does
  not run itself (`llm`: a model judges it, in `llm/judge.py`);
- `describe(rule)`: what it checks, in a sentence or two (`explain`, docs/rules.md).

And, where the default does not fit: `severity_note(rule)` (when the severity changes
by itself), `LANGUAGES` (a rule's languages when it names none; English),
`WORD_LEVEL` (matches words, so its scope applies; False), `PHRASE_LISTS` (the params
that hold word lists, found in one pass over a long posting), `EXAMPLES_REQUIRED`
(True) and `JUDGED_BY_MODEL` (False).

Adding a kind is adding its module and its name to `KINDS`. A module is imported when
a rule of its kind is first met, so a rule set without some kind never loads it.
"""

from __future__ import annotations

import sys

from ..._record import Record

# In this order in messages ("unknown kind 'x' (one of …)").
KINDS = ("phrases", "pattern", "metric", "section", "balance", "directive", "paylaw", "llm")


class Kind:
    """A kind's module, with the defaults filled in for what it does not say."""

    __slots__ = (
        "name", "keys", "compile", "check", "describe", "severity_note", "languages", "word_level",
        "phrase_lists", "examples_required", "judged_by_model",
    )

    def __init__(self, name: str, module):
        self.name = name
        self.keys = frozenset(module.KEYS)
        self.compile = getattr(module, "compile", _as_written)
        self.check = getattr(module, "check", None)
        self.describe = module.describe
        self.severity_note = getattr(module, "severity_note", _no_note)
        self.languages = tuple(getattr(module, "LANGUAGES", ("en",)))
        self.word_level = bool(getattr(module, "WORD_LEVEL", False))
        self.phrase_lists = tuple(getattr(module, "PHRASE_LISTS", ()))
        self.examples_required = bool(getattr(module, "EXAMPLES_REQUIRED", True))
        self.judged_by_model = bool(getattr(module, "JUDGED_BY_MODEL", False))

    def __repr__(self) -> str:
        return f"Kind({self.name!r})"


def _as_written(path, rule_id, params):
    return params


def _no_note(rule) -> str:
    return ""


_loaded: dict[str, Kind] = {}


def get(name: str) -> Kind:
    """The kind called `name`; KeyError if there is none."""
    kind = _loaded.get(name)
    if kind is None:
        if name not in KINDS:
            raise KeyError(name)
        # `__import__`, not `importlib.import_module`: the same import, and one that
        # `python -X importtime` reports, so a kind's cost to `lint` stays visible.
        __import__(f"{__name__}.{name}")
        kind = _loaded[name] = Kind(name, sys.modules[f"{__name__}.{name}"])
    return kind


class Checking(Record):
    """What the checks of one posting share besides its `Context`: the engine (its rules,
    exemplar profile, date and re-graded rules), the metrics measured (a `balance` rule
    adds its verdict to them) and the pay-transparency laws of the places it names."""

    __slots__ = ("engine", "values", "laws")

    def __init__(self, engine, values: dict, laws: list):
        self.engine = engine
        self.values = values
        self.laws = laws


__all__ = ["KINDS", "Checking", "Kind", "get"]
