"""Quotes that occur once: how far to widen a finding's words before a model (or the
rules provider) quotes them as the "original" of an edit.

Apart from the rewrite flow because it is a problem of its own: on a long posting
with many findings, counting occurrences naively was cubic (issue 13); the sharing
of work between quotes below keeps it linear in the text.
"""

from __future__ import annotations


def unique_span(text: str, start: int, end: int) -> tuple[int, int]:
    """`start:end` widened a word at a time, left then right, until it occurs once.

    A model is asked to quote enough to be found once; the rules provider quotes the
    same way, so its edits pass the same check. See `unique_spans`.
    """
    return unique_spans(text, [(start, end)])[0]


def unique_spans(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """`unique_span` for many spans of one text at once.

    "Occurs once" is `text.count(quote) == 1`: the quote's last occurrence starts less
    than its length after its first. Counting it by scanning the text for each step
    of each quote was cubic on a long posting. Here the occurrences of each finding's
    own words are found once per distinct phrase (linear in the text); a widened quote
    can only occur where those words occur, moved by the widening, so its occurrences
    are those of the quote before it, sorted by the text they are widened with.
    Quotes widened alike from the same place share that work (`_Quote`), so its cost
    is the occurrences times the distinct lengths of the words added, not their square.
    """
    n = len(text)
    roots: dict[str, _Quote] = {}
    out: list[tuple[int, int] | None] = [None] * len(spans)
    walkers = []
    for k, (start, end) in enumerate(spans):
        needle = text[start:end]
        if not needle:  # an empty quote occurs everywhere: rare, counted the plain way
            out[k] = _widen_plainly(text, start, end)
            continue
        root = roots.get(needle)
        if root is None:
            root = roots[needle] = _Quote(_starts_of(text, needle), len(needle))
        walkers.append((k, _widening(text, n, start, end), root))
    # Each walker asks, step by step, whether its quote is repeated; all of them move
    # one step per round, so the quotes that widen alike are worked out together.
    asking = []
    for k, walker, root in walkers:
        next(walker)
        asking.append((k, walker, root, spans[k]))
    while asking:
        for quote in {id(q): q for _, _, q, _ in asking if q.places is None}.values():
            quote.parent.settle(text)
        moving = []
        for k, walker, quote, (start, end) in asking:
            try:
                new = walker.send(quote.repeated())
            except StopIteration as stop:
                out[k] = stop.value
                continue
            moving.append((k, walker, quote.child(text, start, end, *new), new))
        asking = moving
    return out


def _widening(text: str, n: int, start: int, end: int):
    """The steps of `unique_span` for one span: yields each quote to ask about (as a
    widening of the one before: (side, start, end)), is sent whether it repeats."""
    repeated = yield None
    while repeated:
        grown = False
        if start > 0:
            start = _word_start(text, start)
            grown = True
        repeated_now = yield (start, end)
        if repeated_now and end < n:
            end = _word_end(text, end)
            grown = True
        if not grown:
            break
        repeated = yield (start, end)
    return start, end


class _Quote:
    """A quote: the sorted starts of its occurrences (overlapping ones too), its
    length, and the quotes widened from it, by the text added on the left or right."""

    __slots__ = ("places", "length", "parent", "_asked", "_children")

    def __init__(self, places: list[int] | None, length: int, parent: _Quote | None = None):
        self.places = places  # None until `parent.settle` has worked them out
        self.length = length
        self.parent = parent
        self._asked: dict[tuple[str, int], set[str]] = {}  # (side, length added) -> texts added
        self._children: dict[tuple[str, str], _Quote] = {}

    def repeated(self) -> bool:
        return bool(self.places) and self.places[-1] - self.places[0] >= self.length

    def child(self, text: str, old_start: int, old_end: int, start: int, end: int) -> _Quote:
        """The quote `text[start:end]`, widened from this one at `old_start:old_end`."""
        if (start, end) == (old_start, old_end):
            return self
        side, added = ("left", text[start:old_start]) if start < old_start else ("right", text[old_end:end])
        found = self._children.get((side, added))
        if found is None:
            found = self._children[side, added] = _Quote(None, self.length + len(added), self)
            self._asked.setdefault((side, len(added)), set()).add(added)
        return found

    def settle(self, text: str) -> None:
        """Work out the occurrences of the quotes widened from this one since the last
        call: its occurrences sorted into buckets by the text next to them, once for
        each side and length of text added."""
        asked, self._asked = self._asked, {}
        for (side, size), wanted in asked.items():
            buckets: dict[str, list[int]] = {}
            if side == "left":
                for p in self.places:
                    if p >= size and (key := text[p - size : p]) in wanted:
                        buckets.setdefault(key, []).append(p - size)
            else:
                length = self.length
                for p in self.places:
                    key = text[p + length : p + length + size]
                    if len(key) == size and key in wanted:
                        buckets.setdefault(key, []).append(p)
            for added in wanted:
                self._children[side, added].places = buckets.get(added, [])


def _starts_of(text: str, needle: str) -> list[int]:
    """Every start of `needle` in `text`, overlapping ones too, in order; linear."""
    found, find = [], text.find
    at = find(needle)
    while at != -1:
        found.append(at)
        at = find(needle, at + 1)
    return found


def _widen_plainly(text: str, start: int, end: int) -> tuple[int, int]:
    while text.count(text[start:end]) > 1:
        grown = False
        if start > 0:
            start = _word_start(text, start)
            grown = True
        if text.count(text[start:end]) > 1 and end < len(text):
            end = _word_end(text, end)
            grown = True
        if not grown:
            break
    return start, end


def _word_start(text: str, i: int) -> int:
    while i > 0 and text[i - 1].isspace():
        i -= 1
    while i > 0 and not text[i - 1].isspace():
        i -= 1
    return i


def _word_end(text: str, i: int) -> int:
    while i < len(text) and text[i].isspace():
        i += 1
    while i < len(text) and not text[i].isspace():
        i += 1
    return i
