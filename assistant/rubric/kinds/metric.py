"""`kind = "metric"`: a number measured on the posting, reported outside its bounds."""

from __future__ import annotations

from .. import metrics
from ..model import Finding
from ..validate import fail
from ._common import fmt

KEYS = {"metric", "min", "max"}
# What each metric measures, as `explain` says it.
METRICS = {
    "words": "the number of words of posting prose",
    "reading_grade": "the reading grade (Flesch–Kincaid) of the prose",
    "sentence_words": "the number of words in each sentence or list item",
    "requirements": "the number of must-have requirements",
    "duplicates": "the number of repeated sentences and paragraphs",
}


def compile(path, rule_id: str, params: dict) -> dict:
    if params.get("metric") not in METRICS:
        raise fail(path, rule_id, f"unknown metric {params.get('metric')!r} (one of {', '.join(sorted(METRICS))})")
    if "min" not in params and "max" not in params:
        raise fail(path, rule_id, "a metric rule needs 'min' or 'max'")
    return params


def check(ctx, rule, run):
    name = rule.params["metric"]
    lo, hi = rule.params.get("min"), rule.params.get("max")

    def out_of_bounds(v) -> bool:
        return v is not None and ((lo is not None and v < lo) or (hi is not None and v > hi))

    if name == "sentence_words":
        for s, e, n in ctx.sentences:
            if out_of_bounds(n):
                yield Finding(rule.id, rule.category, rule.severity, fmt(rule.message, value=n, max=hi, min=lo), s, e)
    elif name == "duplicates":
        branches = ctx.posting.template_branches
        unseen = ctx.hidden
        for s, e in metrics.duplicates(ctx.text, *ctx.prose[:2]):
            if branches and _alternatives(ctx.text, branches, s, e, unseen):
                continue  # the two copies sit in template branches the build never prints together
            yield Finding(rule.id, rule.category, rule.severity, fmt(rule.message, value=1), s, e, [{"replacement": "", "safe": rule.fix == "safe"}])
    else:
        value = run.values.get(name)
        if out_of_bounds(value):
            span = run.values.get("_requirements_anchor") if name == "requirements" else None
            s, e = span if span else (None, None)
            yield Finding(rule.id, rule.category, rule.severity, fmt(rule.message, value=value, max=hi, min=lo), s, e)


def describe(rule) -> str:
    p = rule.params
    limits = [f"below {p['min']}"] if "min" in p else []
    limits += [f"above {p['max']}"] if "max" in p else []
    return f"Measures {METRICS[p['metric']]}, and reports it when that is {' or '.join(limits)}."


def _alternatives(text: str, branches, start: int, end: int, unseen=()) -> bool:
    """Whether the copy at `start:end` and its first occurrence stand in template branches
    that exclude each other, or one of them in a branch the page's build does not print
    (`document.template_branches`). One `find` per duplicate."""
    from ...document.template_branches import exclusive, inside

    first = text.find(text[start:end])
    if not 0 <= first < start:
        return False
    return exclusive(branches, first, start) or inside(unseen, first) or inside(unseen, start)
