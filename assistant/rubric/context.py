"""Per-posting lookups that every rule kind shares, computed once.

Context is what keeps word rules honest: the same word is fine in an EEO statement,
a heading or a product name ("Trust & Safety") and worth a finding in the pitch.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from functools import cached_property

from ..document.model import BOILERPLATE_KINDS, Posting
from . import metrics
from .model import Rule

TOKEN = re.compile(r"\w+")
_NOT_WORD = re.compile(r"\W")
_VOCAB_PIECE = 1 << 16
_MANY_CONTEXTS = 10  # past this many, reading a window's words once costs less than a search per context
_SENTENCE_END = re.compile(r"[.!?;:](?=\s)|\n")
_SPACE = re.compile(r"\s+")
# How far from a match `unless` contexts are looked for when no sentence ends nearer.
SENTENCE_REACH = 300
# From this length on the sentence ends are listed once; below it, searching the
# few hundred characters around each match costs less than listing them.
_ENDS_LISTED_FROM = 50_000


def _opening(words: set[str]) -> re.Pattern[str]:
    """An expression matching, at the start of a word, the beginning of any of `words`
    (each shortest one is enough: a longer word is checked by the caller)."""
    shortest = sorted(words)
    kept: list[str] = []
    for w in shortest:  # sorted: a word's prefixes come before it
        if not kept or not w.startswith(kept[-1]):
            kept.append(w)

    def trie(group: list[str]) -> str:
        if len(group) == 1:
            return re.escape(group[0])
        branches = []
        by_first: dict[str, list[str]] = {}
        for w in group:
            by_first.setdefault(w[0], []).append(w[1:])
        for first, tails in by_first.items():
            branches.append(re.escape(first) + ("" if tails == [""] else "(?:" + trie(tails) + ")"))
        return "|".join(branches)

    return re.compile(r"\b(?:" + trie(kept) + ")")


class Context:
    def __init__(self, posting: Posting):
        self.posting = posting
        self.text = posting.text
        self.lower = posting.lower  # offset for offset
        self.line_starts = [ln.start for ln in posting.lines]
        self.section_kinds = metrics.line_section_kinds(posting)
        self._unless: dict[str, list] = {}
        self._word_starts: dict[str, list[int]] | None = None
        self._placed: dict[str, object] = {}  # rule id -> its contexts' words by place, or None
        self._indexed: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())

    @cached_property
    def vocab(self) -> frozenset[str]:
        """Every lower-cased word token, for cheap "could this phrase occur?" checks.

        Linear, and read in pieces that end between words: the list of every token
        of a 20 MB posting took 200 MB at once, where the set of distinct ones is small.
        """
        low = self.lower
        if len(low) <= _VOCAB_PIECE:
            return frozenset(TOKEN.findall(low))
        found: set[str] = set()
        pos, n = 0, len(low)
        while pos < n:
            cut = _NOT_WORD.search(low, pos + _VOCAB_PIECE) if pos + _VOCAB_PIECE < n else None
            end = cut.start() if cut else n
            found.update(TOKEN.findall(low, pos, end))
            pos = end
        return frozenset(found)

    @cached_property
    def _sorted_vocab(self) -> list[str]:
        return sorted(self.vocab)

    def _with_prefix(self, prefix: str) -> list[str]:
        words = self._sorted_vocab
        i = bisect_left(words, prefix)
        out = []
        while i < len(words) and words[i].startswith(prefix):
            out.append(words[i])
            i += 1
        return out

    def index_words(self, exact: set[str], prefixes: set[str]) -> None:
        """Find in one pass over the posting's words where each of `exact` and each
        word beginning with one of `prefixes` starts; linear in the text."""
        wanted = set(exact) & self.vocab
        for prefix in prefixes:
            wanted.update(self._with_prefix(prefix))
        found: dict[str, list[int]] = {}
        if wanted:
            # One expression that stops only where a wanted word may begin (a trie of
            # their beginnings), so the text is scanned once, in C, not word by word.
            low = self.lower
            at_word = TOKEN.match
            for m in _opening(wanted).finditer(low):
                word = at_word(low, m.start()).group()
                if word in wanted:
                    found.setdefault(word, []).append(m.start())
        self._word_starts = found
        self._indexed = (frozenset(exact), frozenset(prefixes))

    def starts_of(self, word: str, prefix: bool = False) -> list[int] | None:
        """Where the word `word` (or, with `prefix`, any word beginning with it)
        starts, in order; None when `index_words` was not asked for it."""
        if self._word_starts is None or word not in self._indexed[prefix]:
            return None
        if not prefix:
            return self._word_starts.get(word, [])
        return sorted(p for w in self._with_prefix(word) for p in self._word_starts.get(w, ()))

    @cached_property
    def section_kinds_present(self) -> frozenset[str]:
        return frozenset(s.kind for s in self.posting.sections if s.end > s.start)

    @cached_property
    def prose(self) -> tuple[list[tuple[int, int, int]], list[str], int]:
        """The prose's sentences (start, end, words), their words, their syllables; see `metrics.prose`."""
        return metrics.prose(self.posting, self.section_kinds)

    @property
    def sentences(self) -> list[tuple[int, int, int]]:
        return self.prose[0]

    def line_index(self, offset: int) -> int:
        return max(bisect_right(self.line_starts, offset) - 1, 0)

    def allowed(self, rule: Rule, start: int) -> bool:
        """Whether a word-level finding of `rule` at `start` should be reported."""
        if not self.posting.lines:
            return True
        i = self.line_index(start)
        line = self.posting.lines[i]
        if "title" in rule.scope:
            return line.kind == "title"
        if line.kind in ("heading", "title") and "headings" not in rule.scope:
            return False
        kind = self.section_kinds[i]
        scope = [s for s in rule.scope if s not in ("headings", "all")]
        if scope:
            return kind in scope
        return "all" in rule.scope or kind not in BOILERPLATE_KINDS

    def sentence_around(self, start: int, end: int) -> tuple[int, int]:
        """The sentence (bounded by its line) holding a match, for `unless` contexts.

        Linear: it looks at most `SENTENCE_REACH` characters to either side of the
        match, so the window it returns is never longer than the match plus twice
        that, however long the line. Where no sentence ends within reach, the window
        stops there (at a word start on the left): a context further away is not
        "in the sentence" of the match, and a window reaching back to the start of a
        one-line posting made every match rescan the whole line before it.
        """
        i = self.line_index(start)
        lines = self.posting.lines
        lo = lines[i].start if lines else 0
        hi = lines[i].end if lines else len(self.text)
        hi = max(hi, end)
        text = self.text
        reach = max(lo, start - SENTENCE_REACH)
        if len(text) < _ENDS_LISTED_FROM:
            left = None
            for m in _SENTENCE_END.finditer(text, reach, start):
                left = m.end()
            if left is None:
                left = lo
                if reach > lo:  # cut short: begin with a whole word
                    space = _SPACE.search(text, reach, start)
                    left = space.end() if space else start
            m = _SENTENCE_END.search(text, end, min(hi, end + SENTENCE_REACH))
            return left, m.end() if m else min(hi, end + SENTENCE_REACH)
        # A long text: its sentence ends are found once; what the searches above
        # would find is looked up among them. A "." at the edge of such a search
        # does not count: the space after it lies outside what the search sees.
        ends = self._sentence_ends
        k = bisect_right(ends, start) - 1
        if k >= 0 and ends[k] == start and text[start - 1] != "\n":
            k -= 1
        if k >= 0 and ends[k] > reach:
            left = ends[k]
        else:
            left = lo
            if reach > lo:  # cut short: begin with a whole word
                space = _SPACE.search(text, reach, start)
                left = space.end() if space else start
        stop = min(hi, end + SENTENCE_REACH)
        k = bisect_right(ends, end)
        right = stop
        if k < len(ends):
            e = ends[k]
            if e - 1 < stop and (e < stop or text[e - 1] == "\n"):
                right = e
        return left, right

    @cached_property
    def _sentence_ends(self) -> array:
        """Where each sentence (or line) ends: one pass over the text, in machine words."""
        return array("q", [m.end() for m in _SENTENCE_END.finditer(self.text)])

    def starts_sentence(self, start: int) -> bool:
        """True when the word at `start` is the first of a line, item or sentence."""
        i = self.line_index(start)
        lines = self.posting.lines
        if lines and start <= lines[i].body_start:
            return True
        before = self.text[max(0, start - 4) : start].rstrip(" \t\"'“(*_")
        return not before or before[-1] in ".!?:\n-•|"

    def unless(self, rule: Rule, start: int, end: int) -> bool:
        """Whether one of the rule's `unless` contexts stands in the sentence of the match.

        Linear over a posting's matches: each call slices and searches only the
        window `sentence_around` gives, which is bounded whatever the line's length.
        """
        parts = self._unless.get(rule.id)
        if parts is None:
            # Once per posting: only the contexts whose words the posting has at all.
            contexts = rule.params.get("unless")
            low, vocab = self.lower, self.vocab
            parts = self._unless[rule.id] = [
                (f, rx) for f, rx in (contexts.parts if contexts else ())
                if f is None or f.occurs(low, vocab)
            ]
        if not parts:
            return False
        lo, hi = self.sentence_around(start, end)
        if self._word_starts is not None:  # a long posting whose words were placed
            placed = self._placed_contexts(rule, parts)
            if placed is not None:
                return self._unless_placed(parts, placed, lo, hi)
        window = self.lower[lo:hi]
        if len(parts) > _MANY_CONTEXTS:
            # Many contexts (the gender-coded lists have forty): the window's words are
            # read once and each context's words looked up in them.
            words = set(TOKEN.findall(window))
            for f, rx in parts:
                if (f is None or f.in_words(words, window)) and rx.search(self.text, self.lower, lo, hi) is not None:
                    return True
            return False
        for f, rx in parts:
            if (f is None or f.in_text(window)) and rx.search(self.text, self.lower, lo, hi) is not None:
                return True
        return False

    def _placed_contexts(self, rule: Rule, parts):
        """On a long posting whose words `index_words` placed: where each context's
        words stand, so a window is tested by bisection, not by reading it."""
        placed = self._placed.get(rule.id, False)
        if placed is not False:
            return placed
        placed = None
        if self._word_starts is not None:
            indexed = self._indexed[0]
            entries: list[tuple[int, int, int]] = []
            by_word: dict[str, set[int]] = {}
            always, substrings = [], []
            for k, (f, _) in enumerate(parts):
                if f is None:
                    always.append(k)
                    continue
                words = set(f.words) | {phrase[0] for phrase in f.phrases}
                if not words <= indexed:
                    break  # a word nobody placed: read windows as usual
                for word in words:
                    by_word.setdefault(word, set()).add(k)
                    entries.extend((p, p + len(word), k) for p in self._word_starts.get(word, ()))
                if f.substrings:
                    substrings.append((k, f.substrings))
            else:
                entries.sort()
                placed = (
                    array("q", [e[0] for e in entries]), array("q", [e[1] for e in entries]),
                    array("q", [e[2] for e in entries]), by_word, always, substrings,
                )
        self._placed[rule.id] = placed
        return placed

    def _unless_placed(self, parts, placed, lo: int, hi: int) -> bool:
        """`unless` for a window `lo:hi`, the contexts chosen by where their words stand:
        the same as reading the window's words (a word cut at either edge of the window
        is as the window has it), then the contexts' expressions as usual."""
        starts, ends, which, by_word, always, substrings = placed
        low = self.lower
        chosen = set(always)
        j = bisect_left(starts, lo)
        while j < len(starts) and starts[j] < hi:
            if ends[j] <= hi:
                chosen.add(which[j])
            j += 1
        n = len(low)
        if lo > 0 and lo < hi and _is_word(low[lo - 1]) and _is_word(low[lo]):
            m = TOKEN.match(low, lo, hi)  # a word cut at the window's start
            chosen.update(by_word.get(m.group(), ()))
        if hi < n and lo < hi and _is_word(low[hi]) and _is_word(low[hi - 1]):
            q = hi - 1  # a word cut at the window's end
            while q > lo and _is_word(low[q - 1]):
                q -= 1
            chosen.update(by_word.get(low[q:hi], ()))
        if substrings:
            window = low[lo:hi]
            for k, subs in substrings:
                if k not in chosen and any(sub in window for sub in subs):
                    chosen.add(k)
        text = self.text
        for k in sorted(chosen):
            if parts[k][1].search(text, low, lo, hi) is not None:
                return True
        return False


def _is_word(c: str) -> bool:
    return c.isalnum() or c == "_"
