"""Load and validate rubric files (`rubrics/*.toml` and users' own rule folders).

A rule file is user-editable data, so every mistake in it is reported with the file
and the rule id, before any posting is linted: a typo must not silently disable a rule.
Here are the keys every rule has (a law's are checked by `laws.py`); what a kind's own keys may hold is
checked by its module in `kinds/`, and expressions are the library's, in `patterns.py`.
"""

from __future__ import annotations

import re
from pathlib import Path

from .._record import Record
from . import kinds
from .laws import Law, law_from_toml, remote_from_toml
from .model import CATEGORIES, SEVERITIES, Rule
from .patterns import (  # noqa: F401 - importable from here, as before (and rule sets cached before the move)
    PLAN_VERSION,
    LazyPattern,
    Literal,
    LiteralFilter,
    PatternIndex,
    PatternSet,
    literal_filter,
    lower_twin,
)
from .validate import RubricError, fail, str_list

TYPE_CHECKING = False  # `typing` costs 3 ms of start-up; annotations only need it for checkers
if TYPE_CHECKING:
    from typing import Any


COMMON_KEYS = {
    "id", "severity", "kind", "summary", "message", "why", "instead", "fix", "scope",
    "languages", "examples",
}


class RuleSet(Record):
    __slots__ = ("rules", "laws")

    def __init__(self):
        self.rules: list[Rule] = []
        self.laws: list[Law] = []


def _check_rule(path: Path, raw: dict[str, Any], category: str) -> Rule:
    rule_id = raw.get("id")
    if not isinstance(rule_id, str) or not re.fullmatch(r"[a-z]+/[a-z0-9][a-z0-9-]*", rule_id or ""):
        raise fail(path, None, f"rule with bad or missing id {rule_id!r} (write 'category/name')")
    rule_category = rule_id.split("/", 1)[0]
    if rule_category not in CATEGORIES:
        raise fail(path, rule_id, f"unknown category {rule_category!r} (one of {', '.join(CATEGORIES)})")
    if category and rule_category != category:
        raise fail(path, rule_id, f"a {rule_category} rule in the {category} file")
    kind_name = raw.get("kind")
    if kind_name not in kinds.KINDS:
        raise fail(path, rule_id, f"unknown kind {kind_name!r} (one of {', '.join(kinds.KINDS)})")
    kind = kinds.get(kind_name)
    unknown = set(raw) - COMMON_KEYS - kind.keys
    if unknown:
        raise fail(path, rule_id, f"unknown key(s) {', '.join(sorted(unknown))} for kind {kind_name!r}")
    for key in ("severity", "message", "why", "summary"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise fail(path, rule_id, f"missing '{key}'")
    if raw["severity"] not in SEVERITIES:
        raise fail(path, rule_id, f"severity must be one of {', '.join(SEVERITIES)}")
    examples = raw.get("examples")
    if not isinstance(examples, dict) or set(examples) - {"bad", "good"}:
        raise fail(path, rule_id, "needs [examples] with 'bad' and 'good' lists")
    bad = str_list(path, rule_id, "examples.bad", examples.get("bad", []))
    good = str_list(path, rule_id, "examples.good", examples.get("good", []))
    if kind.examples_required and (not bad or not good):
        raise fail(path, rule_id, "needs at least one bad and one good example")
    fix = raw.get("fix", "none")
    if fix not in ("safe", "unsafe", "none"):
        raise fail(path, rule_id, "'fix' must be 'safe', 'unsafe' or 'none'")

    params = kind.compile(path, rule_id, {k: v for k, v in raw.items() if k in kind.keys})
    return Rule(
        id=rule_id,
        category=rule_category,
        severity=raw["severity"],
        kind=kind_name,
        summary=raw["summary"].strip(),
        message=raw["message"].strip(),
        why=raw["why"].strip(),
        params=params,
        examples_bad=bad,
        examples_good=good,
        instead=str(raw.get("instead", "")).strip(),
        fix=fix,
        scope=tuple(str_list(path, rule_id, "scope", raw.get("scope", []))),
        languages=tuple(str_list(path, rule_id, "languages", raw.get("languages", list(kind.languages)))),
        source_file=str(path),
    )


def load_file(path: Path, ruleset: RuleSet) -> None:
    import tomllib  # only on a cache miss

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise fail(path, None, f"not valid TOML: {exc}") from None
    except OSError as exc:
        raise fail(path, None, exc.strerror or str(exc)) from None
    unknown = set(data) - {"rule", "law", "remote"}
    if unknown:
        raise fail(path, None, f"unknown top-level key(s) {', '.join(sorted(unknown))} (expected [[rule]], [[law]] and [remote])")
    category = path.stem if path.stem in CATEGORIES else ""
    seen = {r.id: r.source_file for r in ruleset.rules}
    for raw in data.get("rule", []):
        rule = _check_rule(path, raw, category)
        if rule.id in seen:
            raise fail(path, rule.id, f"duplicate id (also in {seen[rule.id]})")
        seen[rule.id] = str(path)
        ruleset.rules.append(rule)
    remote = remote_from_toml(path, data.get("remote", {}))  # laws.py: how a law reaches remote roles
    here: set[str] = set()
    for raw in data.get("law", []):
        law = law_from_toml(path, raw, remote)
        if law.id in here:
            raise fail(path, None, f"law {law.id!r}: duplicate id")
        here.add(law.id)
        # A later folder's entry with a shipped id updates that law (README: updating a law).
        ruleset.laws = [old for old in ruleset.laws if old.id != law.id] + [law]


def load_rubrics(dirs: list[Path]) -> RuleSet:
    """Every `*.toml` in each folder, in name order; later folders add rules.

    A rule set that validated once is reused from the cache until a file changes.
    """
    from .. import cache

    files: list[Path] = []
    for folder in dirs:
        if not folder.is_dir():
            raise RubricError(f"{folder}: rubric folder not found")
        files.extend(sorted(folder.glob("*.toml")))
    key = cache.key_for("rubrics", files, extra=f"plan {PLAN_VERSION}")
    cached = cache.load(key)
    if isinstance(cached, RuleSet):
        return cached
    ruleset = RuleSet()
    for path in files:
        load_file(path, ruleset)
    cache.store(key, ruleset)
    return ruleset
