"""Rules, findings and reports: the vocabulary shared by the engine and every output.

The categories are named here once, for every layer (scores, reports, the editor's
panel); the kinds a rule may be are the registry's, in `kinds/`.
"""

from __future__ import annotations

from .._record import Record

TYPE_CHECKING = False  # `typing` costs 3 ms of start-up; annotations only need it for checkers
if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import Any

SEVERITIES = ("info", "warning", "error")
SEVERITY_RANK = {"never": 99, "info": 0, "warning": 1, "error": 2}
CATEGORIES = ("inclusivity", "clarity", "completeness")
# What a report's `scores` holds: a score per category, and their weighted mean.
SCORES = (*CATEGORIES, "overall")


def matches_selector(rule_id: str, selectors: Iterable[str]) -> bool:
    """A selector is a full id, a category, or a prefix of ids ("inclusivity/gender")."""
    return any(rule_id == s or rule_id.startswith(s if s.endswith("/") or "/" in s else s + "/") for s in selectors)


class Rule(Record):
    __slots__ = (
        "id", "category", "severity", "kind", "summary", "message", "why", "params",
        "examples_bad", "examples_good", "instead", "fix", "scope", "languages", "source_file",
    )

    def __init__(
        self, id: str, category: str, severity: str, kind: str, summary: str, message: str, why: str,
        params: dict[str, Any], examples_bad: list[str] | None = None, examples_good: list[str] | None = None,
        instead: str = "", fix: str = "none", scope: tuple[str, ...] = (), languages: tuple[str, ...] = ("en",),
        source_file: str = "",
    ):
        self.id = id
        self.category = category
        self.severity = severity
        self.kind = kind
        self.summary = summary
        self.message = message
        self.why = why
        self.params = params
        self.examples_bad = examples_bad or []
        self.examples_good = examples_good or []
        self.instead = instead
        self.fix = fix  # "safe" | "unsafe" | "none": how trustworthy its replacements are
        self.scope = scope  # section kinds the rule looks at; empty = all but boilerplate
        self.languages = languages  # "*" = every language
        self.source_file = source_file

    def with_severity(self, severity: str) -> Rule:
        copy = Rule.__new__(Rule)
        for name in self.__slots__:
            setattr(copy, name, getattr(self, name))
        copy.severity = severity
        return copy


class Finding(Record):
    __slots__ = ("rule", "category", "severity", "message", "start", "end", "suggestions")

    def __init__(
        self, rule: str, category: str, severity: str, message: str,
        start: int | None = None, end: int | None = None, suggestions: list[dict[str, Any]] | None = None,
    ):
        self.rule = rule
        self.category = category
        self.severity = severity
        self.message = message
        self.start = start
        self.end = end
        self.suggestions = suggestions if suggestions is not None else []


class Report(Record):
    """What the engine says about one posting."""

    __slots__ = ("posting", "findings", "scores", "metrics", "score_costs", "pay_transparency", "notes", "partial")

    def __init__(
        self, posting: Any, findings: list[Finding], scores: dict[str, int], metrics: dict[str, Any],
        score_costs: dict[str, list[dict[str, Any]]], pay_transparency: list[dict[str, Any]] | None = None,
        notes: list[str] | None = None, partial: bool = False,
    ):
        self.posting = posting  # document.Posting (kept loose so this module imports nothing)
        self.findings = findings
        self.scores = scores
        self.metrics = metrics
        self.score_costs = score_costs  # category -> [{rule, findings, cost}]
        self.pay_transparency = pay_transparency or []
        self.notes = notes or []
        # Some rules did not run (no rubric pack for the language): the scores are not
        # comparable with those of a posting every rule checked (JSON `scores.partial`).
        self.partial = partial

    def worst(self) -> int:
        return max((SEVERITY_RANK[f.severity] for f in self.findings), default=-1)
