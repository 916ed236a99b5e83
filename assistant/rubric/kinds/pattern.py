"""`kind = "pattern"`: regular expressions, with a replacement and a severity that can rise."""

from __future__ import annotations

import re
from bisect import bisect_left

from ..model import Finding
from ..validate import fail, patterns, str_list
from ._common import compile_unless, fmt, hedged, in_title_outside_text, once_per_line

KEYS = {
    "pattern", "unless", "case_sensitive", "per", "escalate", "group", "replace", "multiline", "masks",
    "hedge", "hedged_severity", "unless_reach", "unless_posting", "standard", "standard_message", "standard_met",
}
# `standard`: contexts that make a match a requirement a regulator sets, not the
# employer's choice (the US federal one-year specialized-experience rule): such a match is
# reported at info with `standard_message`, which says so, instead of the rule's advice.
# `standard_met`: what, found just after such a match, shows the posting already does
# what the message asks (it defines the specialized experience the standard is read
# through): then there is nothing to tell the writer, and no finding. The requirement
# is still a fact of the posting: it is listed in the report's metrics, under
# `standard_requirements` (rule, start, end), for tools and the labelled-set scoring.
_MET_REACH = 400  # characters after the match: the definition follows at once
# `hedged_severity`: what a match hedged as a wish gets (see `_common.hedged`): a
# severity, with no escalation, or "skip" for no finding.
_HEDGED = ("info", "warning", "error", "skip")
WORD_LEVEL = True


def compile(path, rule_id: str, params: dict) -> dict:
    flags = 0 if params.get("case_sensitive") else re.I
    compile_unless(path, rule_id, params)
    compile_unless(path, rule_id, params, "hedge")
    compile_unless(path, rule_id, params, "unless_posting")
    compile_unless(path, rule_id, params, "standard")
    compile_unless(path, rule_id, params, "standard_met")
    if "standard_met" in params and "standard" not in params:
        raise fail(path, rule_id, "'standard_met' needs 'standard'")
    if ("standard" in params) != isinstance(params.get("standard_message"), str):
        raise fail(path, rule_id, "'standard' and 'standard_message' go together")
    if params.get("unless_reach", "sentence") not in ("sentence", "next"):
        raise fail(path, rule_id, "'unless_reach' must be \"sentence\" or \"next\"")
    if params.get("hedged_severity", "skip") not in _HEDGED:
        raise fail(path, rule_id, f"'hedged_severity' must be one of {', '.join(_HEDGED)}")
    sources = str_list(path, rule_id, "pattern", params.get("pattern"))
    if not sources:
        raise fail(path, rule_id, "'pattern' must be an expression or a list of them")
    if params.get("multiline"):
        flags |= re.M
    replace = params.get("replace")
    fold = not (isinstance(replace, str) and "\\" in replace)  # group references need the original case
    params["patterns"] = patterns(path, rule_id, sources, flags, fold)
    esc = params.get("escalate")
    if esc is not None and not (isinstance(esc, dict) and {"group", "above", "severity"} <= set(esc)):
        raise fail(path, rule_id, "'escalate' needs group, above and severity")
    return params


def _search_ranges(ctx, rule) -> list[tuple[int, int]]:
    """Where a scoped rule can match at all: its sections, or the title."""
    scope = [k for k in rule.scope if k != "headings"]
    if not scope or "all" in scope:
        return [(0, len(ctx.text))]
    if "title" in scope:
        return [ctx.posting.title_span] if ctx.posting.title_span else []
    ranges: list[tuple[int, int]] = []
    for section in ctx.posting.sections:
        if section.kind in scope:
            if ranges and ranges[-1][1] >= section.start - 1:
                ranges[-1] = (ranges[-1][0], section.end)
            else:
                ranges.append((section.start, section.end))
    return ranges


def check(ctx, rule, run=None):
    """Matches of any of the rule's expressions, in text order, overlaps reported once.

    An expression whose literal words are absent from the posting is not run. The
    posting-wide `unless_posting` is looked for only when there is a finding to
    silence: it is a search of the whole text, and most postings have no match.
    """
    found = list(_findings(ctx, rule, run))
    anywhere = rule.params.get("unless_posting")
    if found and anywhere is not None and anywhere.search_any(ctx.text, ctx.lower, ctx.vocab):
        return  # the posting says, somewhere, what makes every match acceptable
    yield from found


def _findings(ctx, rule, run=None):
    group = rule.params.get("group", 0)
    escalate = rule.params.get("escalate")
    replace = rule.params.get("replace")
    low = ctx.lower
    ranges = _search_ranges(ctx, rule)

    def matches():
        found = []
        for literals, regex in rule.params["patterns"].parts:
            if literals is not None and not literals.occurs(low, ctx.vocab):
                continue
            for lo, hi in ranges:
                for m in _finditer(ctx, regex, lo, hi):
                    s, e = m.span(group)
                    if s != e and ctx.allowed(rule, s) and not ctx.unless(rule, s, e):
                        found.append((s, -e, m))
        found.sort(key=lambda item: item[:2])
        last_end = -1
        for s, neg_end, m in found:
            if s >= last_end:
                last_end = -neg_end
                yield m, s

    softened = rule.params.get("hedged_severity", "skip" if rule.params.get("hedge") else None)
    standard = rule.params.get("standard")
    for m, s in once_per_line(ctx, rule, matches()):
        e = m.end(group)
        severity, message = rule.severity, rule.message
        if standard and ctx.unless(rule, s, e, "standard"):
            if _standard_met(ctx, rule, e):
                if run is not None:
                    run.values.setdefault("standard_requirements", []).append({"rule": rule.id, "start": s, "end": e})
                continue
            yield Finding(rule.id, rule.category, "info", fmt(rule.params["standard_message"], match=ctx.text[s:e]), s, e, [])
            continue
        if softened and hedged(ctx, rule, s, e):
            if softened == "skip":
                continue
            severity = softened
        elif escalate:
            number = _number(m, escalate["group"])
            if number is not None and number > escalate["above"]:
                severity = escalate["severity"]
        suggestions = []
        if replace is not None:
            suggestions = [{"replacement": m.expand(replace), "safe": rule.fix == "safe"}]
        yield Finding(rule.id, rule.category, severity, fmt(message, match=ctx.text[s:e]), s, e, suggestions)
    yield from in_title_outside_text(ctx, rule, check)


def _finditer(ctx, regex, lo: int, hi: int):
    """`regex.finditer` over text[lo:hi], the same matches. On a long posting whose words
    were placed (`wordlists.index_words`), an expression every match of which begins with
    one of a few words is tried only where they stand: a match can begin nowhere else,
    and the first that matches at or after the last match's end is the one a search finds."""
    heads = regex.word_heads() if ctx.places is not None else None
    starts = ctx.starts_of_any(heads) if heads else None
    if starts is None:
        yield from regex.finditer(ctx.text, ctx.lower, lo, hi)
        return
    text, low = ctx.text, ctx.lower
    last = lo
    i, n = bisect_left(starts, lo), len(starts)
    while i < n and (at := starts[i]) < hi:
        i += 1
        if at < last:
            continue
        m = regex.match(text, low, at, hi)
        if m is not None:
            yield m
            last = m.end() if m.end() > at else at + 1


# The definition given as a list right after the sentence of the match ("… at the next
# lower grade (or equivalent).\n\n- Leading the planning of …").
_STOP = re.compile(r"[.:](?=\s)")
_LIST_AFTER = re.compile(r"[.:][ \t]*\n(?:[ \t]*\n){0,2}[ \t]*(?:[-*•]|\d{1,2}[.)])[ \t]+\w")


def _standard_met(ctx, rule, end: int) -> bool:
    """Whether one of the rule's `standard_met` contexts follows the match closely, or
    the sentence of the match ends and a list follows it at once."""
    met = rule.params.get("standard_met")
    if not met:
        return False
    text = ctx.text
    hi = min(len(text), end + _MET_REACH)
    if any(rx.search(text, ctx.lower, end, hi) is not None for _, rx in met.parts):
        return True
    stop = _STOP.search(text, end, hi)
    return stop is not None and _LIST_AFTER.match(text, stop.start()) is not None


_NUMBER_WORDS = {
    w: n for n, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}


def _number(m, group) -> float | None:
    """The number an `escalate` group holds, in digits or an English word ("five"); None if none."""
    try:
        found = m.group(group)
    except IndexError:
        return None
    if not found:
        return None
    found = found.strip().lower()
    if found in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[found])
    try:
        return float(found)
    except ValueError:
        return None


def describe(rule) -> str:
    p = rule.params
    n = len(p["patterns"].parts)
    text = "Matches a regular expression" if n == 1 else f"Matches {n} regular expressions"
    text += " against the text"
    if p.get("unless"):
        near = "the sentence of a match or the next one" if p.get("unless_reach") == "next" else "the words around a match"
        text += f", except where {near} show a harmless sense."
    else:
        text += "."
    if p.get("unless_posting"):
        text += " Nothing is reported when the posting says elsewhere what makes the matches acceptable."
    softened = p.get("hedged_severity", "skip" if p.get("hedge") else None)
    if softened:
        text += " A match hedged as a wish (in a nice-to-have section, or with words such as “a plus” or “preferred”)"
        text += " is not reported." if softened == "skip" else f" is reported as `{softened}`."
    if p.get("standard"):
        text += " A match under a standard a regulator sets is reported as `info`, naming the standard"
        text += (", and not at all when the posting defines what the standard is read through right after it"
                 " (the requirement is then listed in the report's metrics)." if p.get("standard_met") else ".")
    return text


def severity_note(rule) -> str:
    esc = rule.params.get("escalate")
    return f"; `{esc['severity']}` when the number it finds is above {esc['above']}" if esc else ""
