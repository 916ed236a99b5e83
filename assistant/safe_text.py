"""Text we did not write, made safe to show: posting text, a model's words, file names.

A posting is anyone's text, and so is a file name. Printed as they are, an escape
sequence in a title recolours the terminal, moves the cursor, retitles the window or
plants a hyperlink (OSC 8); an 8-bit C1 control does the same on terminals that honour
it; a right-to-left override shows words in another order than they are read
(Trojan Source); a newline in a file name starts a line of output that looks like ours.

- `clean` is for text that is shown as words (messages, titles, excerpts, a model's
  reasons): whole escape sequences and the other control characters are removed, line
  breaks and tabs stay. The words themselves are never changed.
- `one_line` is `clean` for a place that holds one line (a finding line, a table cell).
- `shown_path` is for names: nothing is removed, so two names never print the same;
  what would break or hide the line is written as a visible escape instead.
- `zero_width` is for the editor, which must show the text it edits at its own
  offsets: each control becomes a zero-width space, one character for one.
- `escape_json` is for JSON we print: the values stay exactly as they were, and what
  a terminal could act on is written as a \\u escape rather than raw.

Every function returns its argument itself when there is nothing to do, which is
nearly always: one regular-expression search per string.
"""

from __future__ import annotations

import re

# ECMA-48 sequences, 7-bit (ESC + one byte) and 8-bit (a C1 introducer):
# - CSI: parameter bytes, intermediate bytes, one final byte;
# - control strings (OSC, DCS, SOS, PM, APC) up to their terminator (ST or BEL); one
#   that is never terminated loses only its introducer, so no text is hidden;
# - any other escape: intermediate bytes and one final byte (charset, keypad, reset…).
_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)"
    r"|\x1b[ -/]*[0-~]"
)
# Controls that are not line breaks or tabs (C0, DEL, C1), the bidi embeddings,
# overrides and isolates (LRE RLE PDF LRO RLO, LRI RLI FSI PDI), and lone surrogates
# (a decoded name that was not UTF-8; no stream can encode them).
_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff"
_UNSAFE = re.compile(f"[{_CONTROLS}]")
# For a name: the same, plus every line break, the tab and the Unicode separators.
_IN_NAME = re.compile(f"[{_CONTROLS}\t\n\u2028\u2029]")
_BREAKS = re.compile("[\n\u2028\u2029]")  # what `clean` leaves of the line breaks
# What JSON may carry raw (ensure_ascii=False) but a terminal acts on; json.dumps
# already escapes C0 and DEL is harmless there.
_IN_JSON = re.compile("[\x80-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def clean(text: str) -> str:
    """`text` without escape sequences, controls (but newline and tab) or bidi overrides."""
    if _UNSAFE.search(text) is None:
        return text
    return _UNSAFE.sub(_dropped, _SEQUENCE.sub("", text))


def _dropped(m: re.Match) -> str:
    char = m.group()
    return "\ufffd" if "\ud800" <= char <= "\udfff" else ""


def one_line(text: str) -> str:
    """`clean`, with every line break a space: for a place that holds one line."""
    text = clean(text)
    return text if _BREAKS.search(text) is None else _BREAKS.sub(" ", text)


def shown_path(name) -> str:
    """A file name as printed: newlines, tabs and controls escaped (`\\n`, `\\x1b`, `\\u202e`).

    A byte that was not UTF-8 (decoded as a surrogate by `os.fsdecode`) comes back as
    `\\xNN`, the byte it was.
    """
    name = str(name)
    if _IN_NAME.search(name) is None:
        return name
    return _IN_NAME.sub(_escape, name)


def _escape(m: re.Match) -> str:
    char = m.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def zero_width(text: str) -> str:
    """Each control character a zero-width space: the same length, nothing a terminal acts on."""
    if _UNSAFE.search(text) is None:
        return text
    return _UNSAFE.sub("\u200b", text)


def escape_json(dumped: str) -> str:
    """JSON text (from `json.dumps(..., ensure_ascii=False)`) with C1 controls, bidi
    controls and line separators written as `\\uXXXX`: the same values, nothing raw.

    Safe on the whole document: these characters can only stand inside strings.
    """
    if _IN_JSON.search(dumped) is None:
        return dumped
    return _IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)
