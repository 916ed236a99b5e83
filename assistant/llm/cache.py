"""Answers already paid for, kept on disk so an identical run makes no request.

An entry is keyed by everything that shapes the answer (CONTRACTS.md): the task, the
endpoint (without credentials), the model, the answer schema, the template version
and the rendered messages. It holds the validated answer as JSON and nothing else:
no key, no headers. Only answers that passed the schema are stored; the checks after
it run again on every use, so a rule change still applies to a cached answer.

A changed template, model or posting makes new entries and strands the old ones: at
most once a day, storing an answer deletes those not used for `cache.STALE_DAYS` (a hit
touches its file, so an answer in use is never lost and paid for again).
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from ..cache import prune

_PRUNE_EVERY = 86400  # seconds


def key_for(prompt, endpoint: str, model: str, schema: dict) -> str:
    material = json.dumps(
        {"task": prompt.task, "template": prompt.version, "endpoint": endpoint, "model": model,
         "schema": schema, "messages": prompt.messages},
        sort_keys=True, ensure_ascii=False,
    )
    return hashlib.sha256(material.encode("utf-8", "surrogatepass")).hexdigest()


def _path(key: str) -> Path | None:
    from ..locations import answers_dir

    folder = answers_dir()
    if folder is None:
        return None
    return folder / key[:2] / f"{key}.json"


def load(key: str) -> str | None:
    path = _path(key)
    if path is None:
        return None
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    try:
        os.utime(path)
    except OSError:
        pass
    return text


def store(key: str, answer_json: str) -> None:
    """Write atomically; a cache that cannot be written costs a request next time, nothing more."""
    path = _path(key)
    if path is None:
        return
    from ..files import atomic_write

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, answer_json, private=True)
    except OSError:
        return
    _prune_now_and_then(path.parent.parent)


def _prune_now_and_then(answers: Path) -> None:
    import time

    stamp = answers / ".pruned"
    try:
        if time.time() - stamp.stat().st_mtime < _PRUNE_EVERY:
            return
    except OSError:
        pass  # never pruned yet
    try:
        stamp.touch()
    except OSError:
        return
    prune(answers.glob("??/*.json"))
