"""Per-posting lookups that every rule kind shares, computed once.

Context is what keeps word rules honest: the same word is fine in an EEO statement,
a heading or a product name ("Trust & Safety") and worth a finding in the pitch.
"""

from __future__ import annotations

import heapq
import re
from array import array
from bisect import bisect_right
from functools import cached_property

from ..document.content_kinds import ContentEvidence
from ..document.model import BOILERPLATE_KINDS, Posting
from . import metrics
from .model import Rule
from .places import TOKEN, WordPlaces

_NOT_WORD = re.compile(r"\W")
_VOCAB_PIECE = 1 << 16
_MANY_CONTEXTS = 10  # past this many, reading a window's words once costs less than a search per context
_SENTENCE_END = re.compile(r"[.!?;:](?=\s)|\n")
_SPACE = re.compile(r"\s+")
# How far from a match `unless` contexts are looked for when no sentence ends nearer.
SENTENCE_REACH = 300
# Past this length a "sentence" is a flattened list, and a hedge or an equivalent counts
# only this near the match (characters before, after): room for "Bachelor's degree in
# computer science, mathematics or a related field, or equivalent experience".
_FLAT_WINDOW = 240
_FLAT_BEFORE = 60
_FLAT_AFTER = 120
_ITEM_CLOSED = re.compile(r"\b(?:required|mandatory|essential)\b")
# A section read from its content alone holds more than this many words.
_CONTENT_WORDS = 4
# From this length on the sentence ends are listed once; below it, searching the
# few hundred characters around each match costs less than listing them.
_ENDS_LISTED_FROM = 50_000


class Context:
    def __init__(self, posting: Posting):
        self.posting = posting
        self.text = posting.text
        self.lower = posting.lower  # offset for offset
        self.line_starts = [ln.start for ln in posting.lines]
        self.section_kinds = metrics.line_section_kinds(posting)
        self._unless: dict[str, list] = {}
        self.places: WordPlaces | None = None  # on a long posting, where words stand
        self._starts_of_any: dict[tuple, list[int] | None] = {}

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

    def index_words(self, exact: set[str], prefixes: set[str]) -> None:
        """Find once where each of `exact`, and each word beginning with one of
        `prefixes`, stands (see `places`); linear in the text."""
        self.places = WordPlaces(self.lower, self.vocab, exact, prefixes)

    def starts_of(self, word: str, prefix: bool = False):
        """Where `word` (or any word beginning with it) starts, when placed; else None."""
        return self.places.starts_of(word, prefix) if self.places is not None else None

    def starts_of_any(self, heads: tuple[tuple[str, bool], ...]) -> list[int] | None:
        """Where any of `heads` ((word, prefix) pairs, as `starts_of` takes them) starts, in
        order and once each; None when one of them was not placed. Kept: a rule searches
        each of its sections, and merging the places again for each would be quadratic."""
        if heads not in self._starts_of_any:
            self._starts_of_any[heads] = self._merged_starts(heads)
        return self._starts_of_any[heads]

    def _merged_starts(self, heads) -> list[int] | None:
        found = []
        for word, prefix in heads:
            places = self.starts_of(word, prefix)
            if places is None:
                return None
            found.append(places)
        out: list[int] = []
        for at in heapq.merge(*found):
            if not out or out[-1] != at:
                out.append(at)
        return out

    @cached_property
    def title_context(self) -> Context | None:
        """The title as a posting of its own, when it is not part of the text.

        A front-matter or ATS title is what a job board shows first, yet has no place
        in `text`: word rules read it here, and their findings carry no span. None
        when the title stands in the text (it is read there: a front-matter title the
        page repeats as its first heading is not reported twice) or there is none.
        """
        posting = self.posting
        title = (posting.title or "").strip()
        if not title or posting.title_span is not None or "\n" in title or title.lower() in self.lower:
            return None
        from ..document.loaders import posting_from_text

        own = posting_from_text(title + "\n", posting.path, "txt", facts=False)
        own.language = posting.language
        return Context(own)

    @cached_property
    def section_kinds_present(self) -> frozenset[str]:
        """The kinds of the posting's sections. One read from its content alone counts only
        with a few words to it: a stray line a scrape left ("Make Your Resume Now") is
        no role summary, and deleting it must not make one missing."""
        text = self.text
        return frozenset(
            s.kind for s in self.posting.sections
            if s.end > s.start and (s.basis in ("heading", "label") or len(text[s.start : s.end].split(None, _CONTENT_WORDS)) > _CONTENT_WORDS)
        )

    @cached_property
    def content(self) -> ContentEvidence:
        """The section kinds the prose's own sentences and items show, with no heading
        over them: read once per lint, shared by every section rule."""
        lines = self.posting.lines
        sentences = self.sentences  # (start, end, words): the evidence reads the first two
        bullet = [bool(lines) and lines[self.line_index(s)].kind == "bullet" for s, _, _ in sentences]
        return ContentEvidence(self.lower, sentences, bullet)

    @cached_property
    def hidden(self) -> list[tuple[int, int]]:
        """Spans of template branches this page's build does not print (see
        `document.template_branches.hidden`); empty for most postings."""
        branches = self.posting.template_branches
        if not branches:
            return []
        from ..document.template_branches import hidden

        return hidden(branches, self.posting.meta or {})

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
        """Whether a word-level finding of `rule` at `start` should be reported.

        The title and headings are read like the body: "# Rockstar Ninja Developer"
        and "Salesman (m/f)" are the first words a candidate sees, and the title is
        what job boards index. A rule whose scope says `prose` reads only body lines:
        a measure of the prose's lean (gender-coded wording) counts the heading
        "Job Responsibility:" as an artefact (RESEARCH.md §7), not as wording. The
        old `headings` scope word is accepted and changes nothing.
        """
        if not self.posting.lines:
            return True
        i = self.line_index(start)
        line = self.posting.lines[i]
        scope = rule.scope
        if "title" in scope:
            return line.kind == "title"
        if line.kind in ("heading", "title") and "prose" in scope:
            return False
        kind = self.section_kinds[i]
        sections = [s for s in scope if s not in ("headings", "all", "prose")]
        if sections:
            return kind in sections
        return "all" in scope or kind not in BOILERPLATE_KINDS

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
        # A match that runs onto the next line ("Master's" / "degree in …", a
        # line broken mid-item) has its sentence go on there.
        hi = lines[self.line_index(end)].end if lines else len(self.text)
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

    def next_sentence_end(self, hi: int) -> int:
        """Where the sentence or item after the one ending at `hi` ends.

        "Bachelor's degree in CS." then "Equivalent experience is accepted." on the same
        line or the next bullet: the second says what the first allows. A blank line
        (a new paragraph) is not crossed. Bounded like `sentence_around`: at most
        `SENTENCE_REACH` characters of space to skip, then one sentence.
        """
        text = self.text
        n = len(text)
        k, stop = hi, min(n, hi + SENTENCE_REACH)
        breaks = 0
        while k < stop and text[k].isspace():
            breaks += text[k] == "\n"
            k += 1
        if k >= stop or breaks > 1:
            return hi
        lines = self.posting.lines
        if lines:
            line = lines[self.line_index(k)]
            if line.kind in ("heading", "title"):
                return hi  # a new section begins: its words are about something else
            if line.start <= k < line.body_start:
                k = line.body_start  # past the next item's bullet marker
        return max(hi, self.sentence_around(k, k)[1])

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

    def unless(self, rule: Rule, start: int, end: int, key: str = "unless") -> bool:
        """Whether one of the rule's `unless` contexts (or those under `key`, such as
        `hedge`) stands in the sentence of the match.

        Linear over a posting's matches: each call slices and searches only the
        window `sentence_around` gives, which is bounded whatever the line's length.
        """
        name = rule.id if key == "unless" else f"{rule.id}\0{key}"
        parts = self._unless.get(name)
        if parts is None:
            # Once per posting: only the contexts whose words the posting has at all.
            contexts = rule.params.get(key)
            low, vocab = self.lower, self.vocab
            parts = self._unless[name] = [
                (f, rx) for f, rx in (contexts.parts if contexts else ())
                if f is None or f.occurs(low, vocab)
            ]
        if not parts:
            return False
        lo, hi = self.sentence_around(start, end)
        if key == "unless" and rule.params.get("unless_reach") == "next":
            hi = self.next_sentence_end(hi)
        if (key == "hedge" or rule.params.get("unless_reach")) and hi - lo > _FLAT_WINDOW:
            # A list flattened onto one line ("… fields required MBA Desired 2-5 years …")
            # has no sentence ends: a "desired" or an "or equivalent" further on belongs
            # to the next item, not to this match.
            lo, hi = max(lo, start - _FLAT_BEFORE), min(hi, end + _FLAT_AFTER)
            if key == "hedge":  # "… fields required MBA desired": the wish is the next item's
                closed = _ITEM_CLOSED.search(self.lower, end, hi)
                hi = closed.end() if closed else hi
        if self.places is not None:  # a long posting whose words were placed
            placed = self.places.contexts(name, parts)
            if placed is not None:
                text, low = self.text, self.lower
                return any(parts[k][1].search(text, low, lo, hi) is not None for k in placed.chosen(low, lo, hi))
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
