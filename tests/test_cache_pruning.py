"""Caches do not grow for ever: entries nothing has used for a month go, used ones stay."""

from __future__ import annotations

import os
import time

from assistant import cache
from assistant.llm import cache as answers

MONTHS_AGO = time.time() - 40 * 86400


def aged(path, when=MONTHS_AGO):
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        path.write_bytes(b"old")
    os.utime(path, (when, when))
    return path


def test_storing_a_rule_set_deletes_stale_entries_of_its_kind_only(tmp_path, monkeypatch):
    monkeypatch.setenv("POSTING_ASSISTANT_CACHE_DIR", str(tmp_path))
    stale = aged(tmp_path / "rubrics-00000000-10")
    read_lately = aged(tmp_path / "rubrics-11111111-10")
    os.utime(read_lately, (time.time(), MONTHS_AGO))  # read yesterday, written long ago
    other_kind = aged(tmp_path / "profile-22222222-10")
    key = cache.key_for("rubrics", [], "new")
    cache.store(key, {"rules": []})
    assert cache.load(key) == {"rules": []}
    assert not stale.exists()
    assert read_lately.exists() and other_kind.exists()


def test_answers_unused_for_a_month_go_at_most_once_a_day_and_a_hit_keeps_one(tmp_path, monkeypatch):
    monkeypatch.setenv("POSTING_ASSISTANT_CACHE_DIR", str(tmp_path))
    folder = tmp_path / "answers"
    stale = aged(folder / "aa" / f"{'a' * 64}.json")
    used = aged(folder / "bb" / f"{'b' * 64}.json")
    assert answers.load("b" * 64) == "old"  # a hit: its file is touched
    answers.store("c" * 64, '{"edits": []}')
    assert not stale.exists() and used.exists()
    assert answers.load("c" * 64) == '{"edits": []}'

    again = aged(folder / "dd" / f"{'d' * 64}.json")
    answers.store("e" * 64, "{}")  # pruned less than a day ago: not again yet
    assert again.exists()
    aged(folder / ".pruned", time.time() - 2 * 86400)
    answers.store("f" * 64, "{}")
    assert not again.exists()
