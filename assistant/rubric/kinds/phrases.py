"""`kind = "phrases"`: listed words and phrases, each with the replacements it suggests."""

from __future__ import annotations

from .. import wordlists
from ..model import Finding
from ..validate import fail, str_list
from ._common import compile_unless, fmt, in_title_outside_text, once_per_line

KEYS = {"phrases", "replace", "unless", "case_sensitive", "skip_capitalised", "per"}
WORD_LEVEL = True
PHRASE_LISTS = ("phrases",)


def compile(path, rule_id: str, params: dict) -> dict:
    compile_unless(path, rule_id, params)
    phrases = str_list(path, rule_id, "phrases", params.get("phrases", []))
    replace = params.get("replace", {})
    if not isinstance(replace, dict):
        raise fail(path, rule_id, "'replace' must be a table of phrase = [replacements]")
    for key, value in replace.items():
        replace[key] = str_list(path, rule_id, f"replace.{key}", value)
    all_phrases = list(dict.fromkeys([*phrases, *replace]))
    if not all_phrases:
        raise fail(path, rule_id, "no phrases")
    params["phrases"] = all_phrases
    params["replace"] = {k.lower(): v for k, v in replace.items()}
    return params


def check(ctx, rule, run=None):
    replace = rule.params["replace"]
    matches = sorted(wordlists.matches(ctx, rule, wordlists.index_of(rule)), key=lambda pm: pm[1])
    last_end = -1
    for phrase, s, e in once_per_line(ctx, rule, matches):
        if s < last_end:
            continue  # "rock star" and "rock*" on the same words: report once
        last_end = e
        found = ctx.text[s:e]
        options = replace.get(phrase.lower(), [])
        suggestions = [{"replacement": _match_case(found, r), "safe": rule.fix == "safe"} for r in options]
        yield Finding(
            rule.id, rule.category, rule.severity,
            fmt(rule.message, match=found, suggestion=" or ".join(f"“{o}”" for o in options) or "plainer wording"),
            s, e, suggestions,
        )
    yield from in_title_outside_text(ctx, rule, check)


def _match_case(original: str, replacement: str) -> str:
    if original[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def describe(rule) -> str:
    p = rule.params
    text = f"Looks for {len(p['phrases'])} listed words and phrases"
    if p.get("replace"):
        text += " and suggests replacements"
    if p.get("unless"):
        text += ", except where the words around them show a harmless sense"
    text += "."
    if p.get("skip_capitalised"):
        text += " Capitalised names are skipped."
    return text
