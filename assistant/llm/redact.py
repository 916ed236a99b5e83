"""Keeping the API key out of everything we show, log or store.

Servers and proxies quote the key back: "Incorrect API key provided: sk-LEAK…12345",
a gateway's 400 with the Authorization header in it, a refusal that repeats the
request. Whatever a server says passes through `scrub` before it becomes a message,
an error line, a review record, a report or a notification; the one place that makes
those messages, `client.LLMError`, calls it, so a new error path cannot forget to.

What is taken out, each replaced by "[key]":
- the configured key (OPENAI_API_KEY, and any key a `Settings` was given), whole;
- any run of 8 or more of its characters, wherever it stands;
- a word (letters, digits, `-`, `_`) of 4 or more characters that begins or ends the
  key: the halves of a masked echo ("sk-LEAK…12345");
- anything shaped like a key whatever it is: `sk-` and 16 more key characters, or an
  `sk-` word with a mask (`*`, `•`, `…`) in it; the word after `Bearer`; the value of
  an `api_key` / `authorization` / `token` / `secret` field.

The HTTP libraries log at DEBUG (headers among it, which a proxy may echo the key
in): `guard_logging` runs their records through `scrub` too.
"""

from __future__ import annotations

import logging
import os
import re

MASK = "[key]"
_PIECE = 8  # the shortest run of the key that is taken out wherever it stands
_END = 4  # the shortest start or end of the key that is taken out as a word
_WORD = re.compile(r"[A-Za-z0-9_\-]+")
_SHAPES = re.compile(
    r"(?<![A-Za-z0-9_])sk-(?:[A-Za-z0-9_\-]{16,}|[A-Za-z0-9_\-]*[*•…][A-Za-z0-9_\-*•…]*)"
    r"|(?i:\bbearer)\s+(?!\[key\])[^\s\"',;)}\]]+"
)
_FIELDS = re.compile(
    r"(?i)\b(api[_-]?key|x-api-key|authorization|access[_-]?token|token|secret)\b"
    r"([\"']?\s*[:=]\s*[\"']?)(?!\[key\]|bearer\b)[^\s\"',;)}\]]+"
)
_LOGGERS = ("openai", "httpx", "httpcore", "httpx2")
_known: set[str] = set()


def remember(key: str | None) -> None:
    """A key this process uses besides OPENAI_API_KEY (one passed to `Settings`)."""
    if key and len(key) >= _PIECE:
        _known.add(key)


def _keys(extra: str | None) -> list[str]:
    keys = set(_known)
    for key in (os.environ.get("OPENAI_API_KEY"), extra):
        if key and len(key) >= _PIECE:
            keys.add(key)
    return sorted(keys, key=len, reverse=True)


def scrub(text, key: str | None = None) -> str:
    """`text` with every key and key-shaped word replaced by "[key]" (see the module docstring)."""
    # Shapes first: a key-shaped word goes whole, before a piece of a known key inside
    # it could break it into parts no shape matches.
    text = _SHAPES.sub(lambda m: "Bearer " + MASK if m.group().lower().startswith("bearer") else MASK, str(text))
    for known in _keys(key):
        text = _without(text, known)
    return _FIELDS.sub(lambda m: m.group(1) + m.group(2) + MASK, text)


def _without(text: str, key: str) -> str:
    """`text` without the key, its runs of `_PIECE` characters, and words that begin or end it."""
    if len(text) < _END:
        return text
    grams = {key[i : i + _PIECE] for i in range(len(key) - _PIECE + 1)}
    covered = bytearray(len(text))
    for i in range(len(text) - _PIECE + 1):
        if text[i : i + _PIECE] in grams:
            covered[i : i + _PIECE] = b"\1" * _PIECE
    for m in _WORD.finditer(text):
        word = m.group()
        if len(word) >= _END and (key.startswith(word) or key.endswith(word)):
            covered[m.start() : m.end()] = b"\1" * len(word)
    if not any(covered):
        return text
    out, i = [], 0
    while i < len(text):
        if covered[i]:
            while i < len(text) and covered[i]:
                i += 1
            out.append(MASK)
        else:
            j = covered.find(b"\1", i)
            j = len(text) if j < 0 else j
            out.append(text[i:j])
            i = j
    return "".join(out)


_guarded = False


def guard_logging() -> None:
    """Scrub the records of the HTTP and SDK loggers as they are made (once per process).

    A record factory rather than a filter: a filter on a logger misses its children
    (`httpcore.http11`), and the handlers belong to whoever configured logging.
    """
    global _guarded
    if _guarded:
        return
    _guarded = True
    make = logging.getLogRecordFactory()

    def factory(name, *args, **kwargs):
        record = make(name, *args, **kwargs)
        if name.split(".", 1)[0] in _LOGGERS:
            try:
                message = record.getMessage()
            except Exception:  # noqa: BLE001 - a bad format string is logging's to report, not ours
                return record
            record.msg, record.args = scrub(message), None
        return record

    logging.setLogRecordFactory(factory)
