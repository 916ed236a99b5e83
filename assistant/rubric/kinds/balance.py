"""`kind = "balance"`: gender-coded wording, masculine word stems weighed against feminine."""

from __future__ import annotations

import re

from .. import wordlists
from ..model import Finding
from ..validate import fail, str_list
from ._common import compile_unless, fmt

KEYS = {"masculine", "feminine", "unless", "threshold", "strong_threshold", "skip_capitalised", "task_uses", "task_verbs"}
WORD_LEVEL = True
PHRASE_LISTS = ("masculine", "feminine")


def compile(path, rule_id: str, params: dict) -> dict:
    compile_unless(path, rule_id, params)
    for key in ("masculine", "feminine"):
        params[key] = str_list(path, rule_id, key, params.get(key, []))
        if not params[key]:
            raise fail(path, rule_id, f"'{key}' word list is empty")
    uses = str_list(path, rule_id, "task_uses", params.get("task_uses", []))
    try:
        params["_task_uses"] = re.compile("|".join(f"(?:{u})" for u in uses), re.I) if uses else None
    except re.error as exc:
        raise fail(path, rule_id, f"bad regular expression in 'task_uses': {exc}") from None
    params["_task_verbs"] = frozenset(w.lower() for w in str_list(path, rule_id, "task_verbs", params.get("task_verbs", [])))
    return params


# What may stand before a verb that names a task: a list item's start ("- Lead the
# migration"), or "will", "to", "help"... ("you will champion", "help lead").
_ITEM_START = re.compile(r"\n[ \t]*(?:[-*•·▪●◦–>]+|\(?\d{1,2}[.)]|[a-z][.)])?[ \t]*$")
_BEFORE_VERB = re.compile(r"(?:\b(?:will|to|can|and|or|help|helps|you|we|who|should|must|also)|['’]ll)\s+$", re.I)
_LOOK_BACK = 16  # characters; a bullet and its spaces, or one short word before the verb


def _task_use(ctx, rule, start: int, end: int) -> bool:
    """Whether a listed word names the work, not the person: "lead a workshop",
    "strong analytical skills", "competing technologies". Gaucher et al. coded words
    that describe the candidate; a tool that marks every task verb and skill noun
    teaches users to ignore it. `task_uses` are matched at the word itself, and a
    `task_verbs` word counts as a task when it opens a list item or follows "will",
    "to"... Constant work per match: a bounded look behind, an anchored match ahead.
    """
    rx = rule.params.get("_task_uses")
    if rx is not None and rx.match(ctx.text, start) is not None:
        return True
    if ctx.text[start:end].lower() in rule.params.get("_task_verbs", ()):
        before = ("\n" if start <= _LOOK_BACK else "") + ctx.text[max(0, start - _LOOK_BACK) : start]
        if _ITEM_START.search(before) or _BEFORE_VERB.search(before):
            return True
    return False


def check(ctx, rule, run):
    """Counts both lists, reports when masculine wording dominates; the verdict goes into
    the posting's metrics (`gender_coded`) either way."""
    counts = {"masculine": {}, "feminine": {}}
    hits = {"masculine": [], "feminine": []}
    for side in ("masculine", "feminine"):
        # In text order, so the output does not depend on set iteration order.
        for s, e in sorted((s, e) for _, s, e in wordlists.matches(ctx, rule, wordlists.index_of(rule, side))):
            if side == "masculine" and _task_use(ctx, rule, s, e):
                continue
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
