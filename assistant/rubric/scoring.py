"""Scores 0–100 per category, from findings, with every point accounted for.

Each finding costs by severity; repeats of one rule cost less each time (the k-th
costs 1/k), so twenty buzzwords do not outweigh a missing salary. A category's score
is 100·e^(−cost/SCALE): a first error costs about a quarter of the score, and no
number of findings drives it below zero.
"""

from __future__ import annotations

import math

from .model import CATEGORIES, Finding

WEIGHTS = {"error": 12.0, "warning": 5.0, "info": 1.0}
SCALE = 40.0
CATEGORY_WEIGHTS = {"inclusivity": 1.0, "clarity": 1.0, "completeness": 1.0}


def score(findings: list[Finding]) -> tuple[dict[str, int], dict[str, list[dict]]]:
    """Scores per category and overall, and what each rule cost in each category."""
    per_rule: dict[str, list[Finding]] = {}
    for f in findings:
        per_rule.setdefault(f.rule, []).append(f)
    costs: dict[str, list[dict]] = {c: [] for c in CATEGORIES}
    totals = dict.fromkeys(CATEGORIES, 0.0)
    for rule, found in per_rule.items():
        weights = sorted((WEIGHTS[f.severity] for f in found), reverse=True)
        cost = sum(w / k for k, w in enumerate(weights, start=1))
        category = found[0].category
        totals[category] += cost
        costs[category].append({"rule": rule, "findings": len(found), "cost": round(cost, 1)})
    scores = {c: round(100 * math.exp(-totals[c] / SCALE)) for c in CATEGORIES}
    weight = sum(CATEGORY_WEIGHTS.values())
    scores["overall"] = round(sum(scores[c] * CATEGORY_WEIGHTS[c] for c in CATEGORIES) / weight)
    for c in CATEGORIES:
        costs[c].sort(key=lambda item: -item["cost"])
    return scores, costs
