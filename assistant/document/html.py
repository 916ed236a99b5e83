"""HTML to plain posting text, with the standard library only.

Structure inference downstream reads lines, bullets and Markdown-style headings, so the
conversion keeps exactly those: block elements break lines, `<li>` becomes "- ",
`<h2>` becomes "## ". Everything else is reduced to its text.

Two kinds of input need care:

* Files named `.html` that are really Markdown with a few inline tags (`<br>`, `<a>`).
  With no block-level tag in sight, the source's own newlines are the structure, so they
  are kept instead of being folded into spaces as HTML would.
* ATS exports whose HTML arrives entity-escaped (`&lt;p&gt;…`). One pass turns the
  escapes into tags; when the result still reads as markup, it is parsed once more.
"""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

__all__ = ["html_to_text", "DIRECTIVE_MARK"]

# Stands in for an inline directive comment (see directives.py) during conversion, so
# the loader can tell where in the extracted text the comment stood.
DIRECTIVE_MARK = "\ue000"

# Tags whose contents are never posting text.
_SKIP = frozenset({"script", "style", "noscript", "template", "head", "svg", "title"})
# Blocks that stand apart from their neighbours with a blank line.
_PARAGRAPH = frozenset({"p", "blockquote", "pre", "table", "hr", "section", "article"})
# Blocks that only start a new line.
_LINE = frozenset({"div", "header", "footer", "tr", "dt", "dd", "main", "nav", "aside",
                   "form", "fieldset", "figure", "figcaption", "address", "dl"})
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_LISTS = frozenset({"ul", "ol"})
_CELLS = frozenset({"td", "th"})

# Any of these means the document lays itself out with tags, not with newlines.
_BLOCK_TAG = re.compile(
    r"<(?:p|div|li|ul|ol|h[1-6]|table|tr|section|article|blockquote|pre|dl|html|body)\b",
    re.I,
)
# Markup that survived a pass as text: the sign of entity-escaped HTML.
_LEFTOVER_TAG = re.compile(
    r"</?(?:p|div|li|ul|ol|h[1-6]|br|strong|em|b|i|u|span|a|table|tr|td)\b[^<>]{0,300}>",
    re.I,
)
_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_ANY_WS = re.compile(r"\s+")
_TAG = re.compile(r"<[^<>]*>")
_BLANKS = re.compile(r"\n{3,}")


class _TextBuilder(HTMLParser):
    """Collects finished lines; `_buf` holds the line being written."""

    def __init__(self, keep_newlines: bool):
        super().__init__(convert_charrefs=True)
        self.keep_newlines = keep_newlines
        self.lines: list[str] = []
        self._buf: list[str] = []
        self._prefix = ""  # heading or bullet marker for the line being written
        self._skip = 0
        self._pre = 0
        self._lists: list[int | None] = []  # per open list: next number, or None if <ul>
        self._after_br = False

    # -- line assembly ------------------------------------------------------------------

    def _end_line(self, *, keep_empty: bool = False) -> None:
        text = "".join(self._buf)
        self._buf.clear()
        if self.keep_newlines:
            indent = len(text) - len(text.lstrip(" \t"))
            body = _SPACES.sub(" ", text).strip()
            text = " " * indent + body if body else ""
        else:
            text = _ANY_WS.sub(" ", text).strip()
        if text:
            self.lines.append(self._prefix + text)
            self._prefix = ""
        elif keep_empty:
            self.lines.append("")

    def _flush_raw(self, keep_empty: bool = False) -> None:
        """End a line of preformatted text, keeping its indentation."""
        text = "".join(self._buf).rstrip()
        self._buf.clear()
        if text or keep_empty:
            self.lines.append(self._prefix + text)
            self._prefix = ""

    def _break_paragraph(self) -> None:
        self._end_line()
        if self._lists:  # blank lines inside a list would split it in two
            return
        if self.lines and self.lines[-1] != "":
            self.lines.append("")

    # -- parser callbacks ---------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _SKIP:
            self._skip += 1
            return
        if tag == "body":
            self._skip = 0  # an unclosed <head> must not swallow the page
            return
        if self._skip:
            return
        self._after_br = False
        if tag == "br":
            if self._buf and "".join(self._buf).strip():
                self._end_line()
            else:
                self._buf.clear()
                self.lines.append("")
            self._after_br = True
        elif tag == "li":
            self._end_line()
            depth = max(len(self._lists), 1)
            number = self._lists[-1] if self._lists else None
            if number is None:
                marker = "- "
            else:
                marker = f"{number}. "
                self._lists[-1] = number + 1
            self._prefix = "  " * (depth - 1) + marker
        elif tag in _LISTS:
            if self._lists:
                self._end_line()
            else:
                self._break_paragraph()
            self._lists.append(1 if tag == "ol" else None)
        elif tag in _HEADINGS:
            self._break_paragraph()
            self._prefix = "#" * _HEADINGS[tag] + " "
        elif tag in _PARAGRAPH:
            self._break_paragraph()
            if tag == "pre":
                self._pre += 1
        elif tag in _LINE:
            self._end_line()
        elif tag in _CELLS:
            self._buf.append(" ")

    def handle_startendtag(self, tag: str, attrs) -> None:
        # `<br/>`, `<hr/>`, `<svg/>`: a start with nothing inside.
        if tag not in _SKIP:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            if self._skip:
                self._skip -= 1
            return
        if self._skip:
            return
        if tag in _LISTS:
            self._end_line()
            if self._lists:
                self._lists.pop()
            if not self._lists:
                self._break_paragraph()
        elif tag in _HEADINGS or tag in _PARAGRAPH:
            if tag == "pre" and self._pre:
                self._pre -= 1
                self._flush_raw()
            self._break_paragraph()
        elif tag in _LINE or tag == "li":
            self._end_line()

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._pre:
            first, *rest = data.split("\n")
            self._buf.append(first)
            for part in rest:
                self._flush_raw(keep_empty=True)
                self._buf.append(part)
            return
        if not self.keep_newlines:
            self._buf.append(data)
            return
        parts = data.split("\n")
        self._buf.append(parts[0])
        for part in parts[1:]:
            if self._after_br and not "".join(self._buf).strip():
                self._buf.clear()  # "<br>\n" is one line break, not two
            else:
                self._end_line(keep_empty=True)
            self._after_br = False
            self._buf.append(part)
        if data.strip():
            self._after_br = False

    def finish(self) -> str:
        self.close()
        self._end_line()
        return "\n".join(self.lines)


def _convert(markup: str) -> str:
    keep_newlines = _BLOCK_TAG.search(markup) is None
    builder = _TextBuilder(keep_newlines)
    try:
        builder.feed(markup)
        return builder.finish()
    except Exception:  # HTMLParser can still trip on pathological input
        text = unescape(_TAG.sub(" ", markup))
        return text if keep_newlines else _ANY_WS.sub(" ", text)


def _looks_like_markup(text: str) -> bool:
    """Two tags, or one at the very start: a stray "<b>" in prose is not enough."""
    found = _LEFTOVER_TAG.finditer(text)
    first = next(found, None)
    if first is None:
        return False
    return next(found, None) is not None or not text[: first.start()].strip()


def _tidy(text: str) -> str:
    lines = [line.rstrip() for line in text.split("\n")]
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip("\n")


def html_to_text(markup: str) -> str:
    """Plain text of an HTML page or fragment; never raises.

    A leading YAML front-matter block is kept verbatim, so a loader that strips front
    matter can still find it. The result ends with one newline unless it is empty.
    """
    front = ""
    match = _FRONT_MATTER.match(markup)
    if match:
        front, markup = match.group(0), markup[match.end():]
        if not front.endswith("\n"):
            front += "\n"
    text = _convert(markup.replace("\r\n", "\n").replace("\r", "\n"))
    if _looks_like_markup(text):
        text = _convert(text)
    text = _tidy(text)
    if front:
        return front + text + "\n" if text else front
    return text + "\n" if text else ""
