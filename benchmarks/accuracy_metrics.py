"""Precision, recall and F1 from counts, and the two ways the accuracy set is matched.

Kept apart from the script (no engine, no corpus) so the arithmetic is tested on cases
small enough to work out by hand.

Matching. A posting-level answer (pay stated, EEO present, a section kind present) is
a yes/no pair: the engine's against the label's. A mention (a years figure, a degree
demand, an exclusionary phrase) is a span: a finding matches a label when their spans
overlap by at least one character. Precision counts the findings that overlap some
label; recall counts the labels that some finding overlaps. One finding over two
labelled phrases thus counts once for precision and twice for recall, which is what a
reader sees: one mark, both phrases shown.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence

Span = tuple[int, int]


class Counts:
    """True positives, false positives and false negatives, with what follows from them.

    An empty denominator gives None (nothing to measure), not 0 or 1: a metric with no
    labels in a split says so instead of looking perfect. F1 is 0 when only one side
    is empty (labels and no findings, or findings and no labels).
    """

    __slots__ = ("tp", "fp", "fn", "tn")

    def __init__(self, tp: int = 0, fp: int = 0, fn: int = 0, tn: int = 0):
        self.tp, self.fp, self.fn, self.tn = tp, fp, fn, tn

    def add(self, other: Counts) -> Counts:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.tn += other.tn
        return self

    @property
    def precision(self) -> float | None:
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float | None:
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None and r is None:
            return None
        if p is None or r is None:  # no findings, or no labels: nothing right, so 0
            return 0.0
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)

    @property
    def accuracy(self) -> float | None:
        return _ratio(self.tp + self.tn, self.tp + self.tn + self.fp + self.fn)

    def as_dict(self) -> dict:
        return {
            "tp": self.tp, "fp": self.fp, "fn": self.fn, "tn": self.tn,
            "precision": self.precision, "recall": self.recall, "f1": self.f1,
        }

    def __repr__(self) -> str:
        return f"Counts(tp={self.tp}, fp={self.fp}, fn={self.fn}, tn={self.tn})"


def _ratio(a: int, b: int) -> float | None:
    return a / b if b else None


def presence(engine: bool, label: bool) -> Counts:
    """One posting-level yes/no answer as counts."""
    if engine and label:
        return Counts(tp=1)
    if engine:
        return Counts(fp=1)
    if label:
        return Counts(fn=1)
    return Counts(tn=1)


def overlaps(a: Span, b: Span) -> bool:
    """Spans share at least one character (an empty span shares none)."""
    return a[0] < b[1] and b[0] < a[1]


def _overlapping(spans: Sequence[Span], others: Sequence[Span]) -> list[bool]:
    """For each span, whether any of `others` overlaps it.

    n log n: `others` sorted by start, with the running furthest end, answers each
    span by one bisection, where testing every pair costs their product.
    """
    ordered = sorted(others)
    starts = [s for s, _ in ordered]
    reach: list[int] = []
    furthest = -1
    for _, end in ordered:
        furthest = max(furthest, end)
        reach.append(furthest)
    found = []
    for start, end in spans:
        i = bisect_left(starts, end) - 1  # the others starting before this span ends
        found.append(start < end and i >= 0 and reach[i] > start)
    return found


class MentionCounts(Counts):
    """Counts whose true positives differ for precision (findings) and recall (labels).

    Kept as their own numbers so that P = right findings / findings and R = labels
    found / labels stay exact when one finding covers two labels.
    """

    __slots__ = ("tp_found",)

    def __init__(self, tp_found: int = 0, fp: int = 0, tp_labels: int = 0, fn: int = 0):
        super().__init__(tp=tp_labels, fp=fp, fn=fn)
        self.tp_found = tp_found

    def add(self, other: Counts) -> Counts:
        self.tp_found += getattr(other, "tp_found", other.tp)
        return super().add(other)

    @property
    def precision(self) -> float | None:
        return _ratio(self.tp_found, self.tp_found + self.fp)

    def as_dict(self) -> dict:
        found = super().as_dict()
        found["tp_findings"] = self.tp_found
        return found

    def __repr__(self) -> str:
        return f"MentionCounts(findings {self.tp_found} right, {self.fp} wrong; labels {self.tp} found, {self.fn} missed)"


def mentions(found: Sequence[Span], labelled: Sequence[Span]) -> tuple[MentionCounts, list[int], list[int]]:
    """Mention-level counts, with the indexes of the false positives (in `found`) and
    the false negatives (in `labelled`)."""
    fps = [i for i, ok in enumerate(_overlapping(found, labelled)) if not ok]
    fns = [i for i, ok in enumerate(_overlapping(labelled, found)) if not ok]
    return MentionCounts(len(found) - len(fps), len(fps), len(labelled) - len(fns), len(fns)), fps, fns


def hit_rate(labelled: Sequence[Span], found: Sequence[Span]) -> tuple[int, list[int]]:
    """How many labelled spans some finding overlaps, and the indexes of those hit."""
    hits = [i for i, ok in enumerate(_overlapping(labelled, found)) if ok]
    return len(hits), hits


def macro_f1(per_kind: dict[str, Counts]) -> float | None:
    """Mean F1 over the kinds that have one (a kind never labelled nor found has none)."""
    scores = [c.f1 for c in per_kind.values() if c.f1 is not None]
    return sum(scores) / len(scores) if scores else None


def mean(values: Iterable[bool]) -> float | None:
    values = list(values)
    return sum(values) / len(values) if values else None
