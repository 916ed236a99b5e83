"""`kind = "balance"`: gender-coded wording, masculine word stems weighed against feminine."""

from __future__ import annotations

from .. import wordlists
from ..model import Finding
from ..validate import fail, str_list
from ._common import compile_unless, fmt

KEYS = {"masculine", "feminine", "unless", "threshold", "strong_threshold", "skip_capitalised"}
WORD_LEVEL = True
PHRASE_LISTS = ("masculine", "feminine")


def compile(path, rule_id: str, params: dict) -> dict:
    compile_unless(path, rule_id, params)
    for key in ("masculine", "feminine"):
        params[key] = str_list(path, rule_id, key, params.get(key, []))
        if not params[key]:
            raise fail(path, rule_id, f"'{key}' word list is empty")
    return params


def check(ctx, rule, run):
    """Counts both lists, reports when masculine wording dominates; the verdict goes into
    the posting's metrics (`gender_coded`) either way."""
    counts = {"masculine": {}, "feminine": {}}
    hits = {"masculine": [], "feminine": []}
    for side in ("masculine", "feminine"):
        # In text order, so the output does not depend on set iteration order.
        for s, e in sorted((s, e) for _, s, e in wordlists.matches(ctx, rule, wordlists.index_of(rule, side))):
            word = ctx.text[s:e].lower()
            counts[side][word] = counts[side].get(word, 0) + 1
            hits[side].append((s, e))
    n_m = sum(counts["masculine"].values())
    n_f = sum(counts["feminine"].values())
    lean = n_m - n_f
    threshold = rule.params.get("threshold", 1)
    strong = rule.params.get("strong_threshold", 4)
    verdict = "neutral"
    if lean >= strong:
        verdict = "strongly masculine-coded"
    elif lean >= threshold:
        verdict = "masculine-coded"
    elif -lean >= strong:
        verdict = "strongly feminine-coded"
    elif -lean >= threshold:
        verdict = "feminine-coded"
    run.values["gender_coded"] = {"masculine": counts["masculine"], "feminine": counts["feminine"], "verdict": verdict}
    if lean < threshold:
        return
    severity = "warning" if lean >= strong else rule.severity
    words = ", ".join(f"{w} ×{n}" if n > 1 else w for w, n in sorted(counts["masculine"].items()))
    yield Finding(
        rule.id, rule.category, severity,
        fmt(rule.message, verdict=verdict, masculine=n_m, feminine=n_f, words=words, match=""),
    )
    if lean < strong:
        return  # a slight lean: the words are named in the one finding above
    for s, e in hits["masculine"]:
        yield Finding(rule.id, rule.category, "info", f"“{ctx.text[s:e]}” is masculine-coded wording ({verdict} overall).", s, e)


def describe(rule) -> str:
    p = rule.params
    text = (
        f"Weighs {len(p['masculine'])} masculine-coded word stems against {len(p['feminine'])} "
        "feminine-coded ones across the prose, and reports a lean towards the masculine."
    )
    if p.get("skip_capitalised"):
        text += " Capitalised names are skipped."
    return text


def severity_note(rule) -> str:
    return f"; `warning` when the lean is {rule.params.get('strong_threshold', 4)} words or more"
