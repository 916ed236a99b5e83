"""How our own sentences phrase counts, lists and clipped text, said once for every layer.

The command line, the reports, the rule pages and the editor all print "3 findings",
"a, b and c" and one-line excerpts; each had its own copy, and copies drift ("1
findings"). This is a base module, below `document`, so that any layer may import it;
it imports nothing, so it costs `lint` no start-up.
"""

from __future__ import annotations


def noun(n: int, word: str, many: str | None = None) -> str:
    """`word` as it reads for `n` things: "finding", "findings" (`many` for the irregular)."""
    return word if n == 1 else many or word + "s"


def plural(n: int, word: str, many: str | None = None) -> str:
    """The count and its noun: "1 finding", "0 findings", "2 safe fixes"."""
    return f"{n} {noun(n, word, many)}"


def join(words: list[str]) -> str:
    """"a", "a and b", "a, b and c": a list read as prose."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def flat(value, limit: int | None = None) -> str:
    """One line of text, its runs of white space single spaces, cut at `limit` characters
    with an ellipsis: for a table cell, a status line or a message with no room for a
    posting's or a model's line breaks. None is "". It removes nothing else: text from
    outside goes through `safe_text.clean` too."""
    if value is None:
        return ""
    line = " ".join(str(value).split())
    if limit is not None and len(line) > limit:
        line = line[: limit - 1].rstrip() + "…"
    return line
