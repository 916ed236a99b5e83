"""Finding a rule's listed words and phrases in a posting: for the `phrases` and `balance` kinds.

Word lists are matched through the posting's vocabulary first (a set lookup), and a
phrase's own regular expression runs only when its first word occurs: one big
alternation of every phrase is orders of magnitude slower on a real corpus. Apart from
the kinds because two kinds share it and the engine's one pass over a long posting
(`index_words`) serves them both.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from .context import Context
from .model import Rule

_STEM = "*"
_NEXT_CAPITALISED = re.compile(r" +[A-Z][a-z]")
# Spaces or hyphens between a phrase's words, with one line break at most.
_BETWEEN_WORDS = r"(?:(?:[^\S\n]|-)+(?:\n(?:[^\S\n]|-)*)?|\n(?:[^\S\n]|-)*)"
_phrase_cache: dict[tuple[str, bool], re.Pattern[str]] = {}


def phrase_regex(phrase: str, case_sensitive: bool = False) -> re.Pattern[str]:
    """Word-bounded, whitespace- and hyphen-tolerant; a trailing `*` makes a stem.

    The words of a phrase may be wrapped onto the next line but not cut by a blank
    line: "world" ending one paragraph and "class" opening the next are not "world class".
    """
    key = (phrase, case_sensitive)
    rx = _phrase_cache.get(key)
    if rx is None:
        stem = phrase.endswith(_STEM)
        words = re.split(r"[\s-]+", phrase.rstrip(_STEM).strip())
        body = _BETWEEN_WORDS.join(re.escape(w).replace("'", "['’]") for w in words)
        tail = r"[\w'’]*" if stem else r"(?![\w'’])"
        rx = re.compile(r"(?<![\w'’-])" + body + tail, 0 if case_sensitive else re.I)
        _phrase_cache[key] = rx
    return rx


class PhraseIndex:
    """Looks up which of a list's phrases can occur in a posting, by first word."""

    def __init__(self, phrases: list[str]):
        self.exact: dict[str, list[str]] = {}
        self.stems: dict[str, list[str]] = {}
        for phrase in phrases:
            first = re.split(r"[\s-]+", phrase.strip().lower())[0]
            if phrase.endswith(_STEM) and " " not in phrase.strip() and "-" not in phrase:
                self.stems.setdefault(first.rstrip(_STEM), []).append(phrase)
            else:
                # Keyed by the first word token, as the vocabulary is ("he/she" -> "he").
                tokens = re.findall(r"\w+", first.replace("’", "'").split("'")[0])
                if tokens:
                    self.exact.setdefault(tokens[0], []).append(phrase)
        self._stem_tuple = tuple(self.stems)
        # Words already classified, so each posting only tests the words new to this run.
        self._seen: set[str] = set()
        self._stemmed: dict[str, tuple[str, ...]] = {}

    def candidates(self, vocab: frozenset[str]) -> list[str]:
        found: list[str] = []
        for word in vocab.intersection(self.exact):
            found.extend(self.exact[word])
        if self._stem_tuple:
            stems = self._stem_tuple
            if len(self._seen) > 300_000:  # bound the memory of very long runs
                self._seen.clear()
                self._stemmed.clear()
            for word in vocab.difference(self._seen):
                if word.startswith(stems):
                    self._stemmed[word] = tuple(s for s in stems if word.startswith(s))
            self._seen.update(vocab)
            for word in vocab.intersection(self._stemmed):
                for stem in self._stemmed[word]:
                    found.extend(self.stems[stem])
        return list(dict.fromkeys(found))


def _skip_capitalised(ctx: Context, rule: Rule, start: int, end: int) -> bool:
    """Mid-sentence capitals are names and domains ("Trust & Safety"), not wording.

    Linear: the space after the first word is looked for only as far as the match
    and a little past it, not through a text that has no space for megabytes.
    """
    if not rule.params.get("skip_capitalised") or not ctx.text[start].isupper():
        return False
    if not ctx.starts_sentence(start):
        return True
    # The first of two capitalised words is a name too ("Opinion Dynamics").
    space = ctx.text.find(" ", start, end + _NAME_GAP)
    return space != -1 and _NEXT_CAPITALISED.match(ctx.text, space) is not None


# How far after a match the space before a following name may be ("Synergy, Inc"
# has it just after the comma); a first word of a phrase is never longer than this.
_NAME_GAP = 64


def _word_char(c: str) -> bool:
    return c.isalnum() or c in "_'’"


@cache
def _phrase_plan(phrase: str) -> tuple[str, tuple[str, ...], bool] | None:
    """(first word, other words, stem?) of a phrase, lower-cased; None if it needs its expression."""
    words = re.split(r"[\s-]+", phrase.rstrip(_STEM).strip().lower())
    if not all(words) or any("'" in w or "’" in w for w in words):
        return None
    return words[0], tuple(words[1:]), phrase.endswith(_STEM)


def occurrences(ctx: Context, phrase: str, case: bool) -> Iterator[tuple[int, int]]:
    """Spans where `phrase` occurs, exactly as `phrase_regex(phrase)` finds them.

    The first word is found with `str.find` on the lower-cased text and the rest is
    checked in place, which is far quicker than scanning the whole text with the
    phrase's expression, and needs no expression compiled for it. On a long posting
    the first words come from `Context.starts_of` (one pass for every phrase, see
    `index_words`) instead of a scan of the text per phrase. Linear either way.
    """
    plan = None if case else _phrase_plan(phrase)
    if plan is None:
        for m in phrase_regex(phrase, case).finditer(ctx.text):
            yield m.span()
        return
    first, rest, stem = plan
    low = ctx.lower
    n = len(low)
    starts = ctx.starts_of(first, stem and not rest)
    if starts is not None:
        last = -1
        for i in starts:
            if i >= last:
                j = _phrase_at(low, n, i, first, rest, stem)
                if j != -1:
                    yield i, j
                    last = j
        return
    # The checks of `_phrase_at`, written out: this loop runs for every posting, and
    # a call per place where the first word stands costs a tenth of its time.
    i = low.find(first)
    while i != -1:
        j = -1
        if i == 0 or not (_word_char(low[i - 1]) or low[i - 1] == "-"):
            j = i + len(first)
            for word in rest:  # spaces or hyphens (one line break at most), then the word
                k = j
                breaks = 0
                while k < n and (low[k].isspace() or low[k] == "-"):
                    breaks += low[k] == "\n"
                    k += 1
                if k == j or breaks > 1 or not low.startswith(word, k):
                    j = -1
                    break
                j = k + len(word)
            if j != -1:
                if stem:
                    while j < n and _word_char(low[j]):
                        j += 1
                elif j < n and _word_char(low[j]):
                    j = -1
        if j == -1:
            i = low.find(first, i + 1)
        else:
            yield i, j
            i = low.find(first, j)


def _phrase_at(low: str, n: int, i: int, first: str, rest: tuple[str, ...], stem: bool) -> int:
    """The end of the phrase whose first word stands at `i`, or -1 if it does not
    (the same checks as the loop of `occurrences`)."""
    if i and (_word_char(low[i - 1]) or low[i - 1] == "-"):
        return -1
    j = i + len(first)
    for word in rest:  # spaces or hyphens (one line break at most), then the word
        k = j
        breaks = 0
        while k < n and (low[k].isspace() or low[k] == "-"):
            breaks += low[k] == "\n"
            k += 1
        if k == j or breaks > 1 or not low.startswith(word, k):
            return -1
        j = k + len(word)
    if stem:
        while j < n and _word_char(low[j]):
            j += 1
    elif j < n and _word_char(low[j]):
        return -1
    return j


# From this length on, where the phrases' first words stand is found in one pass
# over the posting's words, not by a scan of the text for each phrase (a 20 MB text
# was scanned some 200 times); below it the scans cost less than the pass.
WORD_INDEX_FROM = 1_000_000
_ONE_TOKEN = re.compile(r"\w+")


def index_words(ctx: Context, rules) -> None:
    """Place, in one pass, the first words of the phrases `rules` can match here and
    the words their `unless` contexts need. `rules`: (rule, the keys of its phrase
    lists) pairs; a rule with no lists (a `pattern` rule) adds only its contexts."""
    exact: set[str] = set()
    prefixes: set[str] = set()
    for rule, lists in rules:
        contexts = rule.params.get("unless")
        for f, _ in contexts.parts if contexts else ():
            if f is not None:
                exact.update(f.words)
                exact.update(phrase[0] for phrase in f.phrases)
        if rule.kind == "pattern":
            # Where the words its expressions must begin with stand (`kinds/pattern.py`).
            for literals, regex in rule.params["patterns"].parts:
                heads = regex.word_heads()
                if heads and (literals is None or literals.occurs(ctx.lower, ctx.vocab)):
                    for word, prefix in heads:
                        (prefixes if prefix else exact).add(word)
        if not lists or rule.params.get("case_sensitive"):
            continue
        for key in lists:
            for phrase in index_of(rule, key).candidates(ctx.vocab):
                plan = _phrase_plan(phrase)
                if plan is not None and _ONE_TOKEN.fullmatch(plan[0]):
                    (prefixes if plan[2] and not plan[1] else exact).add(plan[0])
    ctx.index_words(exact, prefixes)


def matches(ctx: Context, rule: Rule, index: PhraseIndex) -> Iterator[tuple[str, int, int]]:
    """(phrase, start, end) of each phrase of `index` that counts here: in the rule's
    scope, not a capitalised name the rule skips, not in one of its `unless` contexts."""
    case = bool(rule.params.get("case_sensitive"))
    for phrase in index.candidates(ctx.vocab):
        for s, e in occurrences(ctx, phrase, case):
            if ctx.allowed(rule, s) and not _skip_capitalised(ctx, rule, s, e) and not ctx.unless(rule, s, e):
                yield phrase, s, e


def index_of(rule: Rule, key: str = "phrases") -> PhraseIndex:
    """The index of one of the rule's lists, made when a posting first needs it (the rule
    set is cached before any posting is linted, so the cache never holds it)."""
    cache = rule.params.setdefault("_index", {})
    if key not in cache:
        cache[key] = PhraseIndex(rule.params[key])
    return cache[key]
