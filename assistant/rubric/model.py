"""Rules, findings and reports: the vocabulary shared by the engine and every output."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SEVERITIES = ("info", "warning", "error")
SEVERITY_RANK = {"never": 99, "info": 0, "warning": 1, "error": 2}
CATEGORIES = ("inclusivity", "clarity", "completeness")
KINDS = ("phrases", "pattern", "metric", "section", "balance", "llm")


@dataclass(slots=True)
class Rule:
    id: str
    category: str
    severity: str
    kind: str
    summary: str
    message: str
    why: str
    params: dict[str, Any]
    examples_bad: list[str] = field(default_factory=list)
    examples_good: list[str] = field(default_factory=list)
    instead: str = ""
    fix: str = "none"  # "safe" | "unsafe" | "none": how trustworthy its replacements are
    scope: tuple[str, ...] = ()  # section kinds the rule looks at; empty = all but boilerplate
    languages: tuple[str, ...] = ("en",)  # "*" = every language
    source_file: str = ""

    @property
    def name(self) -> str:
        return self.id.split("/", 1)[1]


@dataclass(slots=True)
class Finding:
    rule: str
    category: str
    severity: str
    message: str
    start: int | None = None
    end: int | None = None
    suggestions: list[dict[str, Any]] = field(default_factory=list)


@dataclass(slots=True)
class Report:
    """What the engine says about one posting."""

    posting: Any  # document.Posting (kept loose so this module imports nothing)
    findings: list[Finding]
    scores: dict[str, int]
    metrics: dict[str, Any]
    score_costs: dict[str, list[dict[str, Any]]]  # category -> [{rule, findings, cost}]
    pay_transparency: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def worst(self) -> int:
        return max((SEVERITY_RANK[f.severity] for f in self.findings), default=-1)
