"""Where words stand in a long posting, found in one pass over it.

The word rules look for a phrase by scanning the text for its first word, and test
an `unless` context by reading the words of the window around a match. On a posting
of megabytes that is the text's length times the rules' hundreds of phrases, and
the window's words read again for every match. Past `kinds.WORD_INDEX_FROM` the
engine has the places of every word those need found once (`WordPlaces`), and both
look them up instead. What they find is the same (tests compare both ways).
"""

from __future__ import annotations

import heapq
import re
from array import array
from bisect import bisect_left

TOKEN = re.compile(r"\w+")


class WordPlaces:
    """The starts of some words in a lower-cased text: each of `exact`, and each word
    that begins with one of `prefixes`. Linear in the text: one expression (a trie of
    the words' beginnings) stops only where one may begin, in C, not word by word."""

    def __init__(self, low: str, vocab: frozenset[str], exact: set[str], prefixes: set[str]):
        self.low = low
        self._vocab = sorted(vocab)
        self.exact, self.prefixes = frozenset(exact), frozenset(prefixes)
        wanted = set(exact) & vocab
        for prefix in prefixes:
            wanted.update(self._with_prefix(prefix))
        found: dict[str, array] = {}
        if wanted:
            at_word = TOKEN.match
            for m in _opening(wanted).finditer(low):
                word = at_word(low, m.start()).group()
                if word in wanted:
                    places = found.get(word)
                    if places is None:
                        places = found[word] = array("q")  # 8 bytes a place, not 36
                    places.append(m.start())
        self._found = found
        self._contexts: dict[str, PlacedContexts | None] = {}

    def _with_prefix(self, prefix: str) -> list[str]:
        words = self._vocab
        i = bisect_left(words, prefix)
        out = []
        while i < len(words) and words[i].startswith(prefix):
            out.append(words[i])
            i += 1
        return out

    def starts_of(self, word: str, prefix: bool = False):
        """Where `word` (with `prefix`: any word beginning with it) starts, in order;
        None when it was not asked for."""
        if word not in (self.prefixes if prefix else self.exact):
            return None
        if not prefix:
            return self._found.get(word, ())
        return sorted(p for w in self._with_prefix(word) for p in self._found.get(w, ()))

    def contexts(self, rule_id: str, parts) -> PlacedContexts | None:
        """A rule's `unless` contexts (`parts`) by where their words stand, or None
        when one needs a word that was not placed."""
        if rule_id not in self._contexts:
            self._contexts[rule_id] = PlacedContexts.of(self, parts)
        return self._contexts[rule_id]


class PlacedContexts:
    """Where each word of a rule's contexts stands, merged in text order."""

    __slots__ = ("starts", "ends", "which", "by_word", "always", "substrings")

    @classmethod
    def of(cls, places: WordPlaces, parts) -> PlacedContexts | None:
        streams = []
        by_word: dict[str, set[int]] = {}
        always, substrings = [], []
        for k, (f, _) in enumerate(parts):
            if f is None:
                always.append(k)
                continue
            # A phrase's first word is enough to choose it: its expression decides.
            words = set(f.words) | {phrase[0] for phrase in f.phrases}
            if not words <= places.exact:
                return None
            for word in words:
                by_word.setdefault(word, set()).add(k)
                streams.append(_stream(places._found.get(word, ()), len(word), k))
            if f.substrings:
                substrings.append((k, f.substrings))
        self = cls()
        self.starts, self.ends, self.which = array("q"), array("q"), array("q")
        for p, e, k in heapq.merge(*streams):  # each word's places are in order
            self.starts.append(p)
            self.ends.append(e)
            self.which.append(k)
        self.by_word, self.always, self.substrings = by_word, always, substrings
        return self

    def chosen(self, low: str, lo: int, hi: int) -> list[int]:
        """The contexts (indices into the rule's parts) whose words stand in the window
        `lo:hi`, in order: the same as reading the window's words (a word cut at either
        edge of the window as the window has it), found by bisection. Logarithmic,
        plus the words in the window."""
        starts, ends, which = self.starts, self.ends, self.which
        chosen = set(self.always)
        j = bisect_left(starts, lo)
        while j < len(starts) and starts[j] < hi:
            if ends[j] <= hi:
                chosen.add(which[j])
            j += 1
        if 0 < lo < hi and _is_word(low[lo - 1]) and _is_word(low[lo]):
            m = TOKEN.match(low, lo, hi)  # a word cut at the window's start
            chosen.update(self.by_word.get(m.group(), ()))
        if lo < hi < len(low) and _is_word(low[hi]) and _is_word(low[hi - 1]):
            q = hi - 1  # a word cut at the window's end
            while q > lo and _is_word(low[q - 1]):
                q -= 1
            chosen.update(self.by_word.get(low[q:hi], ()))
        if self.substrings:
            window = low[lo:hi]
            for k, subs in self.substrings:
                if k not in chosen and any(sub in window for sub in subs):
                    chosen.add(k)
        return sorted(chosen)


def _opening(words: set[str]) -> re.Pattern[str]:
    """An expression matching, at the start of a word, the beginning of any of `words`
    (each shortest one is enough: a longer word is checked by the caller)."""
    kept: list[str] = []
    for w in sorted(words):  # sorted: a word's prefixes come before it
        if not kept or not w.startswith(kept[-1]):
            kept.append(w)

    def trie(group: list[str]) -> str:
        if len(group) == 1:
            return re.escape(group[0])
        by_first: dict[str, list[str]] = {}
        for w in group:
            by_first.setdefault(w[0], []).append(w[1:])
        return "|".join(
            re.escape(first) + ("" if tails == [""] else "(?:" + trie(tails) + ")") for first, tails in by_first.items()
        )

    return re.compile(r"\b(?:" + trie(kept) + ")")


def _stream(places, length: int, k: int):
    """(start, end, context) for each place of one context's word, in order."""
    return ((p, p + length, k) for p in places)


def _is_word(c: str) -> bool:
    return c.isalnum() or c == "_"  # what `\w` means in a str pattern
