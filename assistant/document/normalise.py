"""Normalise source text while remembering where every character came from.

Findings must point at the user's own line and column, so every change made here
(CRLF, NFC, zero-width and non-breaking spaces, JSON escapes a scrape left in, cut-out
front matter and template tags) is recorded as a run in a `SourceMap`.
"""

from __future__ import annotations

import re
import unicodedata

from .source_map import SourceMap

# \r\n and lone \r become \n; zero-width characters and soft hyphens vanish;
# non-breaking and narrow spaces become plain spaces.
_SPECIAL = re.compile("\r\n?|[\u200b\u200c\u200d\u2060\ufeff\u00ad]|[\u00a0\u202f\u2007\u2009]")


def _special(ch: str) -> str:
    """What one `_SPECIAL` match becomes in the text."""
    return "\n" if ch[0] == "\r" else " " if ch in "\u00a0\u202f\u2007\u2009" else ""


# JSON string escapes left in text a scraper or an export wrote out without decoding
# ("We\u2019re looking", "Responsibilities:\n- Build"): a word cut in two ("We",
# "u2019re") and lines run together reach every rule. Read as what they stand for only
# when the text plainly is escaped that way (`_escaped`); a lone "\n" in a posting
# about C, or a Windows path, stays as written.
_ESCAPE = re.compile(r"\\u(d[89ab][0-9a-f]{2})\\u(d[c-f][0-9a-f]{2})|\\u([0-9a-f]{4})|\\r\\n|\\([nrt\"/\\])", re.I)
_UNICODE_ESCAPE = re.compile(r"\\u[0-9a-fA-F]{4}")
_NEWLINE_ESCAPE = re.compile(r"\\n")
_SIMPLE_ESCAPES = {"n": "\n", "r": "\n", "t": "\t", '"': '"', "/": "/", "\\": "\\"}


def _escaped(source: str) -> bool:
    """Two or more `\\uXXXX` escapes, or three or more `\\n`: the text was left escaped."""
    return _count_to(_UNICODE_ESCAPE, source, 2) or _count_to(_NEWLINE_ESCAPE, source, 3)


def _count_to(rx: re.Pattern[str], text: str, n: int) -> bool:
    for i, _ in enumerate(rx.finditer(text), 1):
        if i >= n:
            return True
    return False


def _decoded(m: re.Match[str]) -> str | None:
    """What one escape stands for, as the rest of the text is normalised ("" for a
    zero-width character), or None to keep it as written (a lone surrogate)."""
    high, low, code, simple = m.groups()
    if high is not None:
        return chr(0x10000 + ((int(high, 16) - 0xD800) << 10) + (int(low, 16) - 0xDC00))
    if code is not None:
        value = int(code, 16)
        if 0xD800 <= value <= 0xDFFF:
            return None
        ch = chr(value)
        return _special(ch) if _SPECIAL.fullmatch(ch) else ch
    return "\n" if simple is None else _SIMPLE_ESCAPES[simple]


def escape_at(source: str, pos: int) -> str | None:
    """What the JSON escape at `pos` of `source` is read as, or None if none starts there
    (for checks that a character of the text maps back to its own place in the file)."""
    m = _ESCAPE.match(source, pos)
    return None if m is None else _decoded(m)


def lower_same_length(text: str) -> str:
    """`text.lower()` with one character for each character, so offsets stay valid.

    U+0130 (İ) is the only code point whose lower case is two characters long.
    Linear, and in pieces on a long text that is not ASCII: `str.lower` works in a
    buffer of twelve bytes per character (a 20 MB posting took 240 MB for it). The
    pieces end at white space, which no letter's lower case looks across (a final
    sigma does look at its neighbours), so the result is the same.
    """
    if text.isascii() or len(text) <= _LOWER_PIECE:
        return _lower_whole(text)
    pieces, pos, n = [], 0, len(text)
    while pos < n:
        cut = _WHITE.search(text, pos + _LOWER_PIECE) if pos + _LOWER_PIECE < n else None
        end = cut.start() if cut else n
        pieces.append(_lower_whole(text[pos:end]))
        pos = end
    return "".join(pieces)


def _lower_whole(text: str) -> str:
    low = text.lower()
    return low if len(low) == len(text) else text.replace("\u0130", "I").lower()


_LOWER_PIECE = 1 << 16
_NFC_PIECE = 256  # see `normalise`: the loop per character runs on pieces this long
_WHITE = re.compile(r"\s")


def own_line(source: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of the whole line, with its line break, when `start:end` is all it holds.

    A directive comment or a deleted phrase that stood alone on its line takes the line
    with it, rather than leave an empty line behind. CR, LF and CRLF all end lines.
    Linear in the white space around the span (it stops at the first other
    character), not in the line: a long line is not scanned from its start per span.
    """
    line_start = start
    while line_start > 0 and source[line_start - 1] not in "\r\n":
        if not source[line_start - 1].isspace():
            return None
        line_start -= 1
    line_end, n = end, len(source)
    while line_end < n and source[line_end] not in "\r\n":
        if not source[line_end].isspace():
            return None
        line_end += 1
    return line_start, min(line_end + (2 if source.startswith("\r\n", line_end) else 1), n)


def normalise(source: str, cuts: list[tuple] | None = None) -> tuple[str, SourceMap]:
    """Return the normalised text and the map back to `source`.

    `cuts` are source spans (sorted, not overlapping) that are not posting text at all,
    such as YAML front matter or Liquid tags; they are removed. A span given as
    `(start, end, text)` is read as `text` instead (an HTML block tag as a line break).
    """
    escaped = "\\" in source and _escaped(source)
    if not cuts and not escaped and unicodedata.is_normalized("NFC", source) and not _SPECIAL.search(source):
        return source, SourceMap.identity(source)

    pieces: list[str] = []
    runs: list[tuple[int, int]] = []
    out_len = 0

    def emit(chunk: str, src_start: int) -> None:
        nonlocal out_len
        if not chunk:
            return
        if unicodedata.is_normalized("NFC", chunk):
            if not runs or runs[-1][1] + (out_len - runs[-1][0]) != src_start:
                runs.append((out_len, src_start))
            pieces.append(chunk)
            out_len += len(chunk)
            return
        if len(chunk) > _NFC_PIECE:
            # A long chunk with a few decomposed letters: only the pieces that hold one
            # go through the loop below, each cut where a character group begins.
            pos, n = 0, len(chunk)
            while pos < n:
                cut = min(pos + _NFC_PIECE, n)
                while cut < n and unicodedata.combining(chunk[cut]):
                    cut += 1
                emit(chunk[pos:cut], src_start + pos)
                pos = cut
            return
        # Rare: compose character by character group so each group keeps its origin.
        i = 0
        while i < len(chunk):
            j = i + 1
            while j < len(chunk) and unicodedata.combining(chunk[j]):
                j += 1
            group = unicodedata.normalize("NFC", chunk[i:j])
            runs.append((out_len, src_start + i))
            pieces.append(group)
            out_len += len(group)
            if len(group) != j - i:
                runs.append((out_len, src_start + j))
            i = j

    def emit_plain(start: int, end: int) -> None:
        if not escaped:
            emit_special(start, end)
            return
        pos = start
        for m in _ESCAPE.finditer(source, start, end):
            ch = _decoded(m)
            if ch is None:
                continue
            emit_special(pos, m.start())
            emit(ch, m.start())  # "" emits nothing: the next run starts after the escape
            pos = m.end()
        emit_special(pos, end)

    def emit_special(start: int, end: int) -> None:
        pos = start
        for m in _SPECIAL.finditer(source, start, end):
            emit(source[pos : m.start()], pos)
            emit(_special(m.group()), m.start())  # "" emits nothing
            pos = m.end()
        emit(source[pos:end], pos)

    pos = 0
    for cut in cuts or ():
        start, end = cut[0], cut[1]
        emit_plain(pos, start)
        if len(cut) > 2:  # read as a text of its own: each character maps to the span's start
            for ch in cut[2]:
                runs.append((out_len, start))
                pieces.append(ch)
                out_len += 1
        pos = end
    emit_plain(pos, len(source))
    if not runs:
        runs.append((0, 0))
    return "".join(pieces), SourceMap(runs, source)
