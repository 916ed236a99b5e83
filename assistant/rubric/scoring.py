"""Scores 0–100 per category and overall, on a scale a user can reason about.

Why this shape (docs/scores.md has the whole scale and the corpus figures):

* Inclusivity and clarity fall with what is wrong in the text. Each finding costs by
  severity, the k-th finding of one rule costs 1/k of it (twenty buzzwords do not
  outweigh one exclusionary phrase), and the score is 100·e^(−cost/40): one warning
  takes it to 82, one error to 61, and no number of findings drives it below zero.
* Completeness is a checklist of what applicants look for, weighted by how much they
  look for it (pay first: LinkedIn's survey ranks compensation most helpful, 61%, then
  qualifications and job details, 49% each). Its score is the weighted share of the
  items the posting has: "this posting tells applicants 70% of what they look for".
* A posting under `SHORT_WORDS` words has little room to tell applicants anything
  (Appcast: click-to-apply is 3% under 1,000 characters, about 170 words, against
  up to 15% at 4,000–5,000), so its completeness is scaled down in proportion to its
  length, by at most half. Without this, a stub that says nothing wrong because it
  says almost nothing scores as well as a full posting.
* Overall is the mean of the three, but never more than `WEAKEST_MARGIN` points above
  the weakest, so one terrible category cannot hide behind two good ones; and never
  above `ERROR_CAP` when there is an error-level finding, so the score and the exit
  code tell the same story (CONTRACTS.md).

Every point is accounted for: the report's `score_costs` gives each rule's share of
its category's loss (`points`), and under `adjustments` the length factor and the
overall limits, with the points each took.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

from .model import CATEGORIES, Finding

SEVERITY_COST = {"error": 20.0, "warning": 8.0, "info": 1.0}
SCALE = 40.0  # cost at which a category falls to 100/e ≈ 37
# What applicants look for, in weight points (40 in all for the shipped rubric, so a
# point is 2.5 completeness points). Pay, requirements, responsibilities, location and
# a title first: LinkedIn's most helpful sections are compensation (61%), then
# qualifications and job details (49% each); a job without a title cannot be listed
# (Google's job-posting structured data requires one). The weights are a judgement in
# the order of those figures, not figures themselves. Benefits next: Washington, Colorado, Illinois
# and New Jersey require them in the posting. Then how the job is held and how to
# apply, the company (culture, 28%), and the statements.
APPLICANT_WEIGHTS = {
    "completeness/salary": 6.0,
    "completeness/requirements": 5.0,
    "completeness/responsibilities": 5.0,
    "completeness/location": 5.0,
    "completeness/title": 5.0,
    "completeness/benefits": 3.0,
    "completeness/remote-policy": 2.0,
    "completeness/employment-type": 2.0,
    "completeness/how-to-apply": 2.0,
    "completeness/company": 2.0,
    "completeness/eeo-statement": 1.0,
    "completeness/accommodation": 1.0,
    "completeness/exemplar-sections": 1.0,
}
# A completeness rule the table does not know (a user's own) weighs by its severity.
WEIGHT_BY_SEVERITY = {"error": 5.0, "warning": 3.0, "info": 1.0}
SHORT_WORDS = 150  # the lower bound of clarity/length; Appcast's 1,000 characters
LENGTH_FLOOR = 0.5  # the factor at no words at all
WEAKEST_MARGIN = 20
ERROR_CAP = 60


def checklist(rules: Iterable) -> dict[str, float]:
    """The completeness items a rule set checks, with their weights."""
    return {
        r.id: APPLICANT_WEIGHTS.get(r.id, WEIGHT_BY_SEVERITY.get(r.severity, 1.0))
        for r in rules
        if r.category == "completeness"
    }


# Languages written without spaces between words: the word count (runs of letters)
# counts phrases there, so the length factor does not apply.
UNSPACED_LANGUAGES = frozenset({"zh", "ja", "ko", "th", "lo", "km", "my"})


def words_for_length(words: int | None, language: str | None) -> int | None:
    """The word count the length factor may use, or None where words are not counted."""
    return None if language in UNSPACED_LANGUAGES else words


def length_factor(words: int | None) -> float:
    """1 from `SHORT_WORDS` words up, falling in a straight line to `LENGTH_FLOOR` at none.

    None (a language whose words are not separated by spaces, where a word count
    means little) gets no factor.
    """
    if words is None or words >= SHORT_WORDS:
        return 1.0
    return LENGTH_FLOOR + (1 - LENGTH_FLOOR) * max(words, 0) / SHORT_WORDS


def score(
    findings: list[Finding], items: Mapping[str, float] | None = None, words: int | None = None
) -> tuple[dict[str, int], dict[str, list[dict]]]:
    """Scores per category and overall, and what cost what.

    `items`: the completeness checklist (`checklist`) of the rules that ran; None
    takes the shipped weights. `words`: the posting's length for the length factor
    (None: no factor). Linear in the findings.
    """
    per_rule: dict[str, list[Finding]] = {}
    for f in findings:
        per_rule.setdefault(f.rule, []).append(f)
    by_category: dict[str, dict[str, list[Finding]]] = {c: {} for c in CATEGORIES}
    for rule, found in per_rule.items():
        by_category.setdefault(found[0].category, {})[rule] = found
    costs: dict[str, list[dict]] = {}
    adjustments: list[dict] = []
    scores: dict[str, int] = {}
    for c in CATEGORIES:
        if c == "completeness":
            value, costs[c] = _completeness(by_category[c], APPLICANT_WEIGHTS if items is None else items, words, adjustments)
        else:
            value, costs[c] = _by_cost(by_category[c])
        scores[c] = round(value)
    scores["overall"] = _overall(scores, any(f.severity == "error" for f in findings), adjustments)
    costs["adjustments"] = adjustments
    return scores, costs


def _by_cost(per_rule: dict[str, list[Finding]]) -> tuple[float, list[dict]]:
    """100·e^(−cost/SCALE): each finding by severity, the k-th of one rule at 1/k."""
    items, total = [], 0.0
    for rule, found in per_rule.items():
        weights = sorted((SEVERITY_COST[f.severity] for f in found), reverse=True)
        cost = sum(w / k for k, w in enumerate(weights, start=1))
        total += cost
        items.append({"rule": rule, "findings": len(found), "cost": round(cost, 1), "_exact": cost})
    value = 100 * math.exp(-total / SCALE)
    return value, _share_out(items, 100 - value, total)


def _completeness(
    per_rule: dict[str, list[Finding]], items: Mapping[str, float], words: int | None, adjustments: list[dict]
) -> tuple[float, list[dict]]:
    """The weighted share of the checklist the posting has, times the length factor."""
    missing: list[dict] = []
    extra = 0.0  # findings of rules outside the checklist weigh in the total too
    for rule, found in per_rule.items():
        worst = max(found, key=lambda f: SEVERITY_COST[f.severity]).severity
        weight = items.get(rule)
        if weight is None:
            weight = WEIGHT_BY_SEVERITY.get(worst, 1.0)
            extra += weight
        missing.append({"rule": rule, "findings": len(found), "cost": weight, "_exact": weight})
    possible = sum(items.values()) + extra
    lost = sum(item["cost"] for item in missing)
    share = 100 * (1 - lost / possible) if possible else 100.0
    factor = length_factor(words)
    if factor < 1:
        adjustments.append({"score": "completeness", "reason": f"under {SHORT_WORDS} words ({words})",
                            "factor": round(factor, 2), "points": round(share * (1 - factor), 1)})
    return share * factor, _share_out(missing, 100 - share, lost)


def _overall(scores: dict[str, int], has_error: bool, adjustments: list[dict]) -> int:
    """The mean of the category scores as shown, limited by the weakest and by errors."""
    shown = [scores[c] for c in CATEGORIES]
    overall = sum(shown) / len(shown)
    ceiling = min(shown) + WEAKEST_MARGIN
    if overall > ceiling:
        adjustments.append({"score": "overall", "reason": f"at most the weakest category + {WEAKEST_MARGIN}",
                            "points": round(overall - ceiling, 1)})
        overall = ceiling
    if has_error and overall > ERROR_CAP:
        adjustments.append({"score": "overall", "reason": f"an error-level finding: at most {ERROR_CAP}",
                            "points": round(overall - ERROR_CAP, 1)})
        overall = ERROR_CAP
    return round(overall)


def _share_out(items: list[dict], points: float, total: float) -> list[dict]:
    """Each rule's share of a category's lost points, in proportion to its cost; most first."""
    for item in items:
        item["points"] = round(points * item.pop("_exact") / total, 1) if total else 0.0
    items.sort(key=lambda item: (-item["points"], item["rule"]))
    return items
