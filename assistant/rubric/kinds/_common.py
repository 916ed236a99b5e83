"""What several kinds do alike: fill a message, report once a line, read `unless` contexts.

Not a kind (its name starts with `_`): the registry never loads it by name.
"""

from __future__ import annotations

import re

from ..validate import patterns, str_list


def fmt(template: str, **values) -> str:
    """Fill a rule's message; a long quoted match is shortened (the excerpt has it whole)."""
    match = values.get("match")
    if isinstance(match, str) and len(match) > 60:
        values["match"] = match[:57].rstrip() + "…"
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        return template


def once_per_line(ctx, rule, matches):
    """`matches` ((anything, start, …) in text order), only the first of each line when
    the rule says `per = "line"`."""
    if rule.params.get("per") != "line":
        yield from matches
        return
    seen: set[int] = set()
    for item in matches:
        line = ctx.line_index(item[1])
        if line not in seen:
            seen.add(line)
            yield item


def compile_unless(path, rule_id: str, params: dict) -> None:
    """The `unless` contexts of a word-level rule, compiled in place.

    Each context with a word it cannot match without: a substring test on the sentence
    skips most regex searches (`Context.unless`).
    """
    if "unless" in params:
        contexts = str_list(path, rule_id, "unless", params["unless"])
        params["unless"] = patterns(path, rule_id, contexts, re.I)
