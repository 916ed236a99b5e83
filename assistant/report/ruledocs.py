"""Rule documentation: `posting-assistant rules`, `posting-assistant explain RULE` and docs/rules.md.

Everything here is built from the `Rule` objects, so the help a user reads cannot
drift from what the rubric files say: a rule's reasons, sources, examples and advice
are written once, in `rubrics/*.toml`, and what a kind of rule checks is said by the
kind itself (`rubric/kinds/`, `describe`). The terminal text and the Markdown page
share one description of each rule (`_blocks`) and differ only in how it is drawn.

Regenerate the page with `python -m assistant.report.ruledocs > docs/rules.md`.
"""

from __future__ import annotations

import textwrap

from ..phrasing import join, noun, plural
from ..rubric import kinds

TYPE_CHECKING = False  # `typing` costs 3 ms of start-up; annotations only need it for checkers
if TYPE_CHECKING:
    from collections.abc import Iterable

    from ..rubric.model import Rule

PROSE_WIDTH = 88  # explain's paragraphs
TABLE_WIDTH = 100  # the rules table fits a 100-column terminal
REGENERATE = "python -m assistant.report.ruledocs > docs/rules.md"

_FIX = {
    "safe": "safe: `posting-assistant lint --fix` applies the replacement for you.",
    "unsafe": "unsafe: the replacement is shown as a suggestion only, because it can change the "
    "meaning; `--fix` leaves the text for you to reword.",
    "none": "none: there is no automatic fix; reword the passage yourself.",
}

_IN_ONE_POSTING = (
    "In one posting, with this comment on a line of its own; it lasts to the end, or to a "
    "matching `enable` comment (`disable-next-line` covers just the next line):"
)


def _sorted(rules: Iterable[Rule]) -> list[Rule]:
    return sorted(rules, key=lambda r: r.id)


def _short(rule_id: str) -> str:
    return rule_id.split("/", 1)[-1]


def _judged(rule: Rule) -> bool:
    kind = _kind(rule)
    return kind is not None and kind.judged_by_model


def _kind(rule: Rule):
    """The rule's kind, or None for one this version does not know."""
    try:
        return kinds.get(rule.kind)
    except KeyError:
        return None


def _summary(rule: Rule) -> str:
    """The summary for an index: a rule that only `lint --llm` runs says so, or a user
    would wonder why plain `lint` never reports it."""
    return f"{rule.summary} (judged by a model: lint --llm)" if _judged(rule) else rule.summary


# --- `posting-assistant rules` ---------------------------------------------------------


def rules_table(rules: Iterable[Rule]) -> str:
    """One row per rule, sorted by id, so a user can scan the rubric and copy an id.

    The category is the id's prefix, so sorting by id groups the categories without
    spending a column on them. A summary too long for the terminal continues on the
    next lines, under its own column, rather than being cut off.
    """
    rules = _sorted(rules)
    rows = [("RULE", "SEVERITY", "FIX", "SUMMARY")]
    rows += [(r.id, r.severity, "" if r.fix == "none" else r.fix, _summary(r)) for r in rules]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    indent = sum(widths) + 2 * len(widths)
    lines = []
    for row in rows:
        head = "".join(cell.ljust(width + 2) for cell, width in zip(row, widths, strict=False))
        summary = textwrap.wrap(row[3], max(TABLE_WIDTH - indent, 30), break_long_words=False, break_on_hyphens=False)
        summary = summary or [""]
        lines.append((head + summary[0]).rstrip())
        lines.extend(" " * indent + more for more in summary[1:])
    count = plural(len(rules), "rule")
    lines.append(f"\n{count}. Run posting-assistant explain RULE to see what a rule checks and why.")
    return "\n".join(lines) + "\n"


# --- finding a rule by name ------------------------------------------------------------


def find_rule(rules: Iterable[Rule], name: str) -> Rule | None:
    """The rule a user means: its full id, or its short name when only one rule has it.

    An ambiguous short name (`title` is both clarity/title and completeness/title)
    gives None rather than a guess; `suggest` then lists the candidates.
    """
    name = name.strip().lower()
    rules = list(rules)
    for rule in rules:
        if rule.id == name:
            return rule
    same = [r for r in rules if _short(r.id) == name]
    return same[0] if len(same) == 1 else None


def suggest(rules: Iterable[Rule], name: str) -> list[str]:
    """Ids worth offering when `find_rule` finds nothing: every rule an ambiguous short
    name fits, else the closest spellings (full ids for a full id, short names otherwise).
    """
    import difflib

    name = name.strip().lower()
    ids = sorted(r.id for r in rules)
    same = [i for i in ids if _short(i) == name]
    if same:
        return same
    if "/" in name:
        return difflib.get_close_matches(name, ids, n=3)
    by_short: dict[str, list[str]] = {}
    for i in ids:
        by_short.setdefault(_short(i), []).append(i)
    return [i for short in difflib.get_close_matches(name, list(by_short), n=3) for i in by_short[short]]


# --- what a rule is, in words ----------------------------------------------------------


def _checks(rule: Rule) -> str:
    """What the rule's kind says it checks, then its scope and languages."""
    kind = _kind(rule)
    text = kind.describe(rule) if kind is not None else f"A rule of kind `{rule.kind}`."
    return " ".join(x for x in (text, _scope(rule), _languages(rule)) if x)


def _scope(rule: Rule) -> str:
    """Where a word-level rule looks; rules about the whole posting have no scope.

    Word rules read the title and headings unless their scope says `prose`
    (`Context.allowed`); `headings` is an old scope word that changes nothing.
    """
    kind = _kind(rule)
    if kind is None or not kind.word_level:
        return ""
    scope = rule.scope
    headings = "prose" not in scope
    if "title" in scope:
        return "It looks only at the title."
    sections = [s.replace("_", " ") for s in scope if s not in ("all", "headings", "prose")]
    if sections:
        where = f"It looks only in the {join(sections)} {noun(len(sections), 'section')}"
        return where + (", headings included." if headings else ", not at their headings.")
    statements = "the equal-opportunity and accommodation statements"
    if "all" in scope:
        if headings:
            return f"It looks at the whole posting, title, headings and {statements} included."
        return f"It looks at the whole posting but its title and headings, {statements} included."
    return f"It looks at every section but {statements}" + (", title and headings included." if headings else ", not the title or headings.")


def _languages(rule: Rule) -> str:
    if "*" in rule.languages:
        return "It runs on postings in any language."
    if rule.languages == ("en",):
        return "It runs on English postings only."
    return f"It runs on postings in {join(list(rule.languages))} only."


def _why(rule: Rule) -> tuple[str, list[str]]:
    """The reasoning and, apart, its sources (the text after the last "Source(s):").

    Sources are listed one a line so that their addresses stay whole and visible.
    """
    why = rule.why
    cut = max(why.rfind("Source: "), why.rfind("Sources: "))
    if cut < 0:
        return why, []
    sources = why[cut:].split(":", 1)[1]
    return why[:cut].rstrip(), [s.strip() for s in sources.split(" ; ") if s.strip()]


def _severity(rule: Rule) -> str:
    text = f"`{rule.severity}` by default"
    kind = _kind(rule)
    if kind is not None:
        text += kind.severity_note(rule)  # a severity that changes by itself
    return text + ". To change it, set it in the `[severity]` table of `.posting-assistant.toml`:"


def _blocks(rule: Rule) -> list[tuple[str, list[tuple[str, object]]]]:
    """What both renderings say about a rule: (label, blocks) pairs, where a block is
    ("p", prose), ("items", [lines]) or ("code", (language, text))."""
    reason, sources = _why(rule)
    parts: list[tuple[str, list[tuple[str, object]]]] = [("What it checks", [("p", _checks(rule))])]
    why: list[tuple[str, object]] = [("p", reason)]
    if sources:
        why += [("p", f"{noun(len(sources), 'Source')}:"), ("items", sources)]
    parts.append(("Why", why))
    example: list[tuple[str, object]] = []
    judged = _judged(rule)  # a model's verdict is not certain: its examples show the idea
    if rule.examples_bad:
        label = "Should be judged not met, and reported:" if judged else "Reported:"
        example += [("p", label), ("code", ("text", rule.examples_bad[0].rstrip("\n")))]
    if rule.examples_good:
        label = "Should be judged met:" if judged else "Not reported:"
        example += [("p", label), ("code", ("text", rule.examples_good[0].rstrip("\n")))]
    if example:
        parts.append(("Example", example))
    if rule.instead:
        parts.append(("Instead", [("p", rule.instead)]))
    other = "warning" if rule.severity != "warning" else "info"
    parts.append(("Severity", [("p", _severity(rule)), ("code", ("toml", f'[severity]\n"{rule.id}" = "{other}"'))]))
    parts.append(("Fix", [("p", _FIX[rule.fix])]))
    parts.append((
        "Silence it",
        [
            ("p", _IN_ONE_POSTING),
            ("code", ("html", f"<!-- posting-assistant: disable {rule.id} -->")),
            ("p", f"Everywhere, in `.posting-assistant.toml` (or with `--ignore {rule.id}` on the command line):"),
            ("code", ("toml", f'ignore = ["{rule.id}"]')),
        ],
    ))
    return parts


# --- `posting-assistant explain RULE` --------------------------------------------------


def explain(rule: Rule) -> str:
    """A rule's full story for the terminal: what, why, an example, and how to tune it."""
    fix = "" if rule.fix == "none" else f", fix: {rule.fix}"
    lines = [f"{rule.id} ({rule.category}, {rule.severity}{fix})"]
    lines += textwrap.wrap(rule.summary, PROSE_WIDTH, break_long_words=False, break_on_hyphens=False)
    for label, blocks in _blocks(rule):
        lines += ["", label]
        for kind, body in blocks:
            lines += _plain_block(kind, body)
    return "\n".join(lines) + "\n"


def _plain_block(kind: str, body) -> list[str]:
    if kind == "p":
        # Backticks mark code in the Markdown page; the terminal needs no marks. Long
        # words (addresses) are never broken, so they stay whole and clickable.
        return textwrap.wrap(
            body.replace("`", ""), PROSE_WIDTH, initial_indent="  ", subsequent_indent="  ",
            break_long_words=False, break_on_hyphens=False,
        )
    if kind == "items":
        return ["    " + item for item in body]
    return [("    " + line).rstrip() for line in body[1].split("\n")]


# --- docs/rules.md ---------------------------------------------------------------------


def markdown_doc(rules: Iterable[Rule]) -> str:
    """docs/rules.md: an index table, then what `explain` says about each rule."""
    rules = _sorted(rules)
    out = [
        "# Rules",
        "",
        f"<!-- Generated by `{REGENERATE}`; edit rubrics/*.toml instead. -->",
        "",
        (
            f"This page is generated from the rule files in `rubrics/` by `{REGENERATE}`; a test "
            "fails when it is out of date. `posting-assistant rules` prints the index below and "
            "`posting-assistant explain RULE` prints one rule's section."
        ),
        "",
        "| Rule | Severity | Fix | Summary |",
        "| --- | --- | --- | --- |",
    ]
    for r in rules:
        fix = "—" if r.fix == "none" else r.fix
        out.append(f"| [`{r.id}`](#{_anchor(r.id)}) | {r.severity} | {fix} | {_cell(r.summary)} |")
    for r in rules:
        out += ["", f"## `{r.id}`", "", r.summary]
        for label, blocks in _blocks(r):
            out += ["", f"**{label}**"]
            for kind, body in blocks:
                out += ["", *_markdown_block(kind, body)]
    return "\n".join(out) + "\n"


def _anchor(rule_id: str) -> str:
    """GitHub's heading anchor for `## `rule/id``: lower case, punctuation but hyphens dropped."""
    return "".join(ch for ch in rule_id.lower() if ch.isalnum() or ch in "-_")


def _cell(text: str) -> str:
    """Text safe inside a table cell, where `|` would end the cell."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def _markdown_block(kind: str, body) -> list[str]:
    if kind == "p":
        return [body]
    if kind == "items":
        return [f"- {item}" for item in body]
    language, text = body
    fence = "```"
    while fence in text:  # a fence longer than any run of backticks in the text
        fence += "`"
    return [fence + language, text, fence]


def _shipped_rules() -> list[Rule]:
    from ..resources import data_dir
    from ..rubric.loader import load_rubrics

    return load_rubrics([data_dir("rubrics")]).rules


if __name__ == "__main__":
    import sys

    sys.stdout.write(markdown_doc(_shipped_rules()))
