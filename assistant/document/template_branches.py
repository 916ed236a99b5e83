"""Template branches a reader never sees together: `{% if %}` / `{% elsif %}` / `{% else %}`,
and separate blocks whose conditions exclude each other (`== 'upcoming'` and `!= 'upcoming'`,
`if x` and `unless x`).

Why: a Liquid or Jinja job page often holds two versions of a paragraph (the job open,
the job upcoming), and the build prints one. The tags are cut from the posting's text,
so whatever reads the text alone (the duplicate check) would take the two versions for
a copy. The branches are found here, once, in one pass over the tags, and kept as spans
of the posting's text.
"""

from __future__ import annotations

import re

_TAG = re.compile(r"\{%-?\s*(if|elsif|elif|else|endif|unless|endunless)\b([^%]*?)-?%\}")
_COMPARE = re.compile(r"^\s*([\w.\[\]'\"]+)\s*(==|!=)\s*(\S+?)\s*$")
_BARE = re.compile(r"^\s*(not\s+)?([\w.\[\]'\"]+)\s*$")


class Branch:
    """One branch: its span (source offsets until `placed`), the block it belongs to and
    its place in it, and the condition it tests as (subject, polarity) where it is simple."""

    __slots__ = ("start", "end", "block", "index", "condition")

    def __init__(self, start: int, block: int, index: int, condition: tuple | None):
        self.start, self.end = start, start
        self.block, self.index, self.condition = block, index, condition

    def excludes(self, other: Branch) -> bool:
        if self.block == other.block:
            return self.index != other.index
        a, b = self.condition, other.condition
        return a is not None and b is not None and a[0] == b[0] and a[1] != b[1]


def _condition(text: str, negate: bool) -> tuple | None:
    m = _COMPARE.match(text)
    if m:
        subject, op, value = m.groups()
        return (f"{subject}=={value.strip(chr(39) + chr(34))}", (op == "==") != negate)
    m = _BARE.match(text)
    if m:
        return (m.group(2), (m.group(1) is None) != negate)
    return None


def branches(source: str, start: int = 0) -> list[Branch]:
    """Every branch of the if/unless blocks in `source` from `start`, in order of opening.
    Linear: one scan over the tags with a stack of open blocks; unbalanced tags are dropped."""
    if "{%" not in source:
        return []
    out: list[Branch] = []
    stack: list[Branch] = []
    block = 0
    for m in _TAG.finditer(source, start):
        tag, rest = m.group(1), m.group(2)
        if tag in ("if", "unless"):
            block += 1
            branch = Branch(m.end(), block, 0, _condition(rest, tag == "unless"))
            stack.append(branch)
            out.append(branch)
        elif not stack:
            continue
        elif tag in ("elsif", "elif", "else"):
            open_ = stack.pop()
            open_.end = m.start()
            branch = Branch(m.end(), open_.block, open_.index + 1, None)
            stack.append(branch)
            out.append(branch)
        else:  # endif, endunless
            stack.pop().end = m.start()
    for branch in stack:  # never closed: not a branch the build resolves
        out.remove(branch)
    return out


def placed(found: list[Branch], to_text) -> list[Branch]:
    """The branches with their spans moved to the posting's text (`to_text`: source offset
    to text offset), empty ones left out."""
    kept = []
    for branch in found:
        branch.start, branch.end = to_text(branch.start), to_text(branch.end)
        if branch.end > branch.start:
            kept.append(branch)
    return kept


def exclusive(found: list[Branch], a: int, b: int) -> bool:
    """Whether text offsets `a` and `b` stand in branches a reader never sees together.
    Linear in the branches (a posting has a few)."""
    around_a = [br for br in found if br.start <= a < br.end]
    if not around_a:
        return False
    around_b = [br for br in found if br.start <= b < br.end]
    return any(x.excludes(y) for x in around_a for y in around_b)


def hidden(found: list[Branch], meta: dict[str, str]) -> list[tuple[int, int]]:
    """The text spans of branches the build does not print, given the page's front matter
    (`meta`): `{% if page.state == 'upcoming' %}` on a page whose `state` is `open`, and
    the other branches of a block whose taken branch is known. A reader never sees them,
    so nothing in them is a finding, nor a copy, nor a requirement.

    Only comparisons with a front-matter value are decided; a value that differs from
    the compared one only in case is left undecided (the page may be built by a
    template language that folds case). Linear in the branches.
    """
    if not found or not meta:
        return []
    out: list[tuple[int, int]] = []
    taken: dict[int, int] = {}  # block -> index of the branch the build takes
    for br in found:
        shown = _shown(br.condition, meta)
        if shown is False:
            out.append((br.start, br.end))
        elif shown is True:
            taken[br.block] = br.index
    for br in found:
        if br.block in taken and br.index != taken[br.block]:
            out.append((br.start, br.end))
    return sorted(set(out))


def _shown(condition: tuple | None, meta: dict[str, str]) -> bool | None:
    if condition is None:
        return None
    subject, polarity = condition
    key, eq, value = subject.partition("==")
    key = key.removeprefix("page.")
    if not eq or key not in meta:
        return None
    actual = meta[key].strip().strip("'\"")
    if actual != value and actual.lower() == value.lower():
        return None
    return (actual == value) == polarity


def inside(spans: list[tuple[int, int]], at: int) -> bool:
    """Whether offset `at` lies in one of `spans` (few: a page has a handful of blocks)."""
    return any(s <= at < e for s, e in spans)
