"""`kind = "directive"`: the posting's own `<!-- posting-assistant: … -->` comments, each
one that cannot be obeyed (an unknown action, a selector no rule matches) reported."""

from __future__ import annotations

from ...document.directives import ACTIONS
from ..model import Finding, matches_selector
from ._common import fmt

KEYS: set[str] = set()


def check(ctx, rule, run):
    """Directives that name no rule, or an action there is not, switch nothing off."""
    every_rule = run.engine.all_rules
    for d in ctx.posting.directives:
        if d.action not in ACTIONS:
            problem = f"line {d.line}: unknown directive '{d.action}' (use {', '.join(ACTIONS)})"
            yield Finding(rule.id, rule.category, rule.severity, fmt(rule.message, problem=problem))
        for sel in d.rules:
            if not any(matches_selector(r.id, [sel]) for r in every_rule):
                problem = f"line {d.line}: no rule matches '{sel}' in this posting-assistant directive"
                yield Finding(rule.id, rule.category, rule.severity, fmt(rule.message, problem=problem))


def describe(rule) -> str:
    return "Reads the posting's `<!-- posting-assistant: … -->` comments, and reports each one it cannot obey."
