"""What several kinds do alike: fill a message, report once a line, read `unless` contexts.

Not a kind (its name starts with `_`): the registry never loads it by name.
"""

from __future__ import annotations

import re

from ..model import Finding
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


def in_title_outside_text(ctx, rule, check):
    """`check`'s findings in a title that is not part of the text (front matter, an ATS
    field; see `Context.title_context`), without a span and saying where they are.

    Only rules that read every line do this: a rule scoped to sections (or to the
    prose alone) has no business in a title, and a title rule's own scope is the title.
    """
    own = ctx.title_context
    if own is None:
        return
    scope = [s for s in rule.scope if s not in ("all", "headings")]
    if scope and scope != ["title"]:
        return
    title = own.text.strip()
    for f in check(own, rule, None):
        yield Finding(
            f.rule, f.category, f.severity, f"In the title “{title}”: {f.message}", None, None, [],
        )


def compile_unless(path, rule_id: str, params: dict, key: str = "unless") -> None:
    """The `unless` contexts of a word-level rule (or others under `key`), compiled in place.

    Each context with a word it cannot match without: a substring test on the sentence
    skips most regex searches (`Context.unless`).
    """
    if key in params:
        contexts = str_list(path, rule_id, key, params[key])
        params[key] = patterns(path, rule_id, contexts, re.I)


# The section whose items are wishes, not demands.
NICE_TO_HAVE = "nice_to_have"


def hedged(ctx, rule, start: int, end: int) -> bool:
    """Whether a match is a wish rather than a demand: it stands in a nice-to-have
    section, or one of the rule's `hedge` contexts ("a plus", "preferred", "an asset")
    stands in its sentence or item."""
    i = ctx.line_index(start)
    if ctx.section_kinds and ctx.section_kinds[i] == NICE_TO_HAVE:
        return True
    return bool(rule.params.get("hedge")) and ctx.unless(rule, start, end, "hedge")
