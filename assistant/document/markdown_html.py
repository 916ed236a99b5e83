"""HTML inside Markdown: what its block tags and character entities read as.

Markdown may hold HTML, and scraped postings saved as `.md` often hold nothing else
(`<p>…</p><ul><li>…</li></ul>` on one line). Cutting every tag, as for inline
`<b>` or `<span>`, runs the blocks together: list items merge into one long
"sentence", the reading grade climbs, and a `<p><b>Requirements</b></p>` heading is
lost in the paragraph before it. And `&amp;` left as written is read as the word
"amp". So a block tag stands for the line or paragraph break it makes on the page
(`<li>` for a "- " bullet, `<h3>` for a "### " heading), and an entity for its
character. Each replacement is mapped to where its tag or entity starts in the file,
so findings still point at the user's own line and column.
"""

from __future__ import annotations

import re
from html import unescape
from html.entities import html5

__all__ = ["replacement_for_tag", "entity_spans", "markup_at"]

_TAG_NAME = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)")
# Blocks that stand apart with a blank line, and those that only start a new line.
_PARAGRAPH = frozenset({"p", "table", "section", "article", "blockquote", "hr", "pre", "header", "footer", "main"})
_LINE = frozenset({"div", "br", "ul", "ol", "tr", "thead", "tbody", "dl", "dt", "dd", "figure", "figcaption", "address"})
_CELLS = frozenset({"td", "th"})
# `&name;`, `&#123;`, `&#x1F;`: a literal "&" leads, so a scan for it is one pass.
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# What an entity's character becomes in the text, as `normalise` treats it written out.
_SPACE_LIKE = frozenset("\u00a0\u202f\u2007\u2009")
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")


def replacement_for_tag(tag: str) -> str | None:
    """The break a block-level tag makes ("\\n", "\\n\\n", "\\n- ", "\\n\\n## "), or None
    for an inline tag (`<b>`, `<span>`, `<a>`), which is cut and leaves nothing.
    """
    m = _TAG_NAME.match(tag)
    if m is None:
        return None
    closing, name = m.group(1) == "/", m.group(2).lower()
    if name == "li":
        return "" if closing else "\n- "
    if len(name) == 2 and name[0] == "h" and name[1] in "123456":
        return "\n\n" if closing else "\n\n" + "#" * int(name[1]) + " "
    if name in _PARAGRAPH:
        return "\n\n"
    if name in _LINE:
        return "\n"
    if name in _CELLS:
        return "" if closing else " "
    return None


def entity_spans(source: str, start: int = 0) -> list[tuple[int, int, str]]:
    """`(start, end, character)` for each character entity from `start` on.

    An unknown name ("&foo;") stays as written. A non-breaking space reads as a space
    and a zero-width character as nothing, as they do when written out.
    """
    if "&" not in source:
        return []
    found = []
    for m in _ENTITY.finditer(source, start):
        text = m.group()
        # A named entity only by its whole name: `unescape` reads "&notathing;" as "¬athing;".
        ch = unescape(text) if text[1] == "#" else html5.get(text[1:])
        if ch is None or ch == text:
            continue
        if ch in _SPACE_LIKE:
            ch = " "
        elif ch in _INVISIBLE:
            ch = ""
        found.append((m.start(), m.end(), ch))
    return found


def markup_at(source: str, pos: int) -> str | None:
    """What the tag or entity starting at `pos` reads as, or None if none starts there
    (for checks that each character of the text maps back to its place in the file)."""
    if source.startswith("&", pos):
        m = _ENTITY.match(source, pos)
        spans = entity_spans(m.group()) if m else []
        return spans[0][2] if spans else None
    if source.startswith("<", pos):
        end = source.find(">", pos)
        return replacement_for_tag(source[pos : end + 1]) if end != -1 else None
    return None
