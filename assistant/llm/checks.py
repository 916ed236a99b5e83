"""The checks every proposed edit passes after the schema, before anyone sees it.

A schema proves only the shape of an answer. A model can still quote text the posting
does not hold, invent a salary or a city, delete a paragraph it was not asked about,
or fix one finding by causing two. Each such edit is refused with its reason, never
dropped silently, so the user sees what the model tried.

Why one module of about 420 lines: the checks run in one order over one shared view
of the posting (its known facts, its spans, its findings), and the order matters —
a quote that is not in the text is refused before its facts are compared — so they
are kept where that order can be read top to bottom.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort

from .._record import Record

# Deleting is allowed only where the edit names a finding of one of these rules on the
# deleted text (CONTRACTS.md): text that is not the posting's, or says nothing.
DELETABLE = frozenset({"clarity/scrape-noise", "clarity/duplicate", "clarity/buzzwords", "inclusivity/requirement-overload"})

# Things a replacement must not bring unless the posting or the brief already states them.
_FACTS = [
    ("a web address", re.compile(r"(?:https?://|www\.)[^\s<>()]+", re.I)),
    ("an email address", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    ("an amount of money", re.compile(r"[$€£¥₹]\s?\d[\d,.]*(?:\s?[kKmM]\b)?|\d[\d,.]*\s?(?:USD|EUR|GBP|SEK|CAD|AUD|dollars|euros)\b")),
    ("a percentage", re.compile(r"\d+(?:[.,]\d+)?\s?%")),
    ("a number", re.compile(r"\d+(?:[.,]\d+)*")),
]
_CAPITALISED = re.compile(r"\b[A-Z][\w&'’-]*")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\n]\s*|^\s*[-*•]\s*)$")
_SPACE = re.compile(r"\s+")
# Characters a model writes in one form where the posting has another: it straightens
# curly quotes and apostrophes, and turns dashes and ellipses into their ASCII forms
# (or back). Each is matched by its whole group when an exact quote is not found.
_LOOSE = {c: "[" + re.escape(group) + "]" for group in ("'‘’`´", '"“”„', "-‐‑‒–—") for c in group}
_ELLIPSIS = re.compile(r"\.\.\.|…")


class Accepted(Record):
    __slots__ = ("original", "replacement", "rationale", "rules", "start", "end")

    def __init__(self, original: str, replacement: str, rationale: str, rules: list[str], start: int, end: int):
        self.original = original
        self.replacement = replacement
        self.rationale = rationale
        self.rules = rules
        self.start = start  # span of `original` in the posting's normalised text
        self.end = end


class Refused(Record):
    __slots__ = ("original", "replacement", "reason")

    def __init__(self, original: str, replacement: str, reason: str):
        self.original = original
        self.replacement = replacement
        self.reason = reason


def locate(original: str, text: str, at: tuple[int, int] | None = None) -> tuple[int, int] | str:
    """The span of `original` in `text`, or why there is none.

    Exact first; else the same words with any white space between them (models
    re-wrap lines) and quotes, apostrophes, dashes and ellipses in any of their forms
    (models straighten them). Either way it must be found once: an edit that could
    apply in two places applies in neither. `at`: where a provider that knows says
    the quote is, quoted to be unique (the rules); taken when the text is there, so
    the text is not searched once per edit.
    """
    if at is not None and at[1] - at[0] == len(original) and text.startswith(original, at[0]):
        return at
    count = text.count(original)
    if count == 1:
        start = text.find(original)
        return start, start + len(original)
    if count > 1:
        return f"the quoted text occurs {count} times in the posting; an edit must quote enough to be found once"
    words = original.split()
    if not words:
        return "the quoted text is empty"
    pattern = re.compile(r"\s+".join(map(_loose, words)))
    found = [m.span() for m in pattern.finditer(text)]
    if len(found) == 1:
        return found[0]
    if found:
        return f"the quoted text occurs {len(found)} times in the posting; an edit must quote enough to be found once"
    return "the quoted text is not in the posting"


def _loose(word: str) -> str:
    parts = _ELLIPSIS.split(word)
    return r"(?:\.\.\.|…)".join("".join(_LOOSE.get(c) or re.escape(c) for c in part) for part in parts)


def invented(replacement: str, known: str) -> str | None:
    """What the replacement states that `known` (the posting and the brief) does not."""
    return _Known(known).invented(replacement)


class _Known:
    """The posting and the brief, flattened once, with what has been looked up in them.

    Checking each edit's facts against a text flattened for it cost the text's length
    per edit; here it is flattened once, and each distinct token is searched once.
    """

    def __init__(self, known: str):
        self.flat = _SPACE.sub(" ", known).lower()
        self._seen: dict[str, bool] = {}

    def has(self, token: str) -> bool:
        found = self._seen.get(token)
        if found is None:
            found = self._seen[token] = token in self.flat
        return found

    def invented(self, replacement: str) -> str | None:
        rest = replacement
        for label, pattern in _FACTS:
            for m in pattern.finditer(rest):
                token = _SPACE.sub(" ", m.group(0)).lower().rstrip(".,")
                if not self.has(token):
                    return f"it brings {label}, “{m.group(0)}”, that neither the posting nor the brief states"
            rest = pattern.sub(" ", rest)  # "$120,000" is not also reported as a number
        for m in _CAPITALISED.finditer(rest):
            word = m.group(0)
            if word == "I" or _opens_sentence(rest, m.start()):
                continue  # a capital that only starts a sentence names nothing
            if not self.has(word.lower()):
                return f"it brings a name, “{word}”, that neither the posting nor the brief states"
        return None


def _opens_sentence(text: str, i: int) -> bool:
    """`_SENTENCE_START.search(text[:i].rstrip(" "))`, looking back only over the white
    space before `i` (and a bullet marker's), not the whole text before it: linear
    in a replacement with many capitals, where that was quadratic."""
    j = i
    while j > 0 and text[j - 1] == " ":
        j -= 1
    k = j
    while k > 0 and text[k - 1].isspace():
        k -= 1
    if "\n" in text[k:j]:
        return True  # a line break, then white space
    if k == 0:
        return j == 0  # nothing before it (white space without a line break is not a start)
    if text[k - 1] in ".!?:;":
        return True
    if text[k - 1] in "-*•":  # a bullet marker with only white space before it
        m = k - 1
        while m > 0 and text[m - 1].isspace():
            m -= 1
        return m == 0
    return False


def check_edits(posting, edits, relint, brief: str = "", before=None, relint_edits=None, changes=None) -> tuple[list[Accepted], list[Refused]]:
    """Sort proposed edits into accepted and refused (each with its reason).

    `edits` have `original`, `replacement`, `rationale` and `rules` (and `at`, where
    the provider knows the place); `relint(text)` lints a version of the posting's
    text, to see whether edits make it worse; `relint_edits(spans)`, when given, does
    the same for the text with (start, end, replacement) spans made, without the text
    being built here, and `changes(spans)` says what that really changes in the text
    (a deletion may take its line); `before` is the report on the text as it is.

    The edits are taken in the order proposed: each is refused if it is not found
    once, overlaps an edit accepted before it, changes nothing, deletes what it may
    not, brings facts the posting does not hold, or adds findings. Whether edits add
    findings is asked of all the edits still standing at once (`_Batch`), not of each
    on its own: the posting is linted a few times, not once per edit, which on a long
    posting with thousands of edits was cubic. Linear in the text and the edits per
    lint; another round of lints only when an edit refused for its findings had held
    back an edit that overlaps it.
    """
    text = posting.text
    if before is None:
        before = relint(text)
    if relint_edits is None:
        relint_edits = lambda spans: relint(_applied(text, spans))  # noqa: E731
    known = _Known(text + "\n" + brief)
    deletable = _DeletableIndex(before)
    reasons: list[str | None] = []  # why an edit fails the checks that need no lint
    spans: list[tuple[int, int] | None] = []  # where it is, None when it was not found
    for edit in edits:
        reason, span = _first_checks(edit, text, known, deletable)
        reasons.append(reason)
        spans.append(span)

    batch = _Batch(text, before, relint_edits, changes or (lambda made: made), edits, spans)
    adds: dict[int, str] = {}  # edit index -> why it was refused for the findings it adds
    judged: set[int] = set()  # edits found to add nothing, with the edits chosen when they were
    while True:
        # Each edit in turn, as if the ones not yet refused for their findings were
        # accepted: an edit overlapping one accepted before it is refused for that.
        taken = _Spans()
        chosen: list[int] = []
        for i, reason in enumerate(reasons):
            if reason is None and i not in adds and not taken.overlaps(*spans[i]):
                taken.add(*spans[i])
                chosen.append(i)
        if judged.issuperset(chosen):
            break  # no edit is new to the checks: the verdicts stand
        found = batch.adding(chosen)
        adds.update(found)
        judged.update(i for i in chosen if i not in found)

    accepted: list[Accepted] = []
    refused: list[Refused] = []
    taken = _Spans()
    for i, edit in enumerate(edits):
        span = spans[i]
        if span is None:
            reason = reasons[i]  # not found: nothing else can be said
        elif taken.overlaps(*span):
            reason = "it overlaps another edit"
        else:
            reason = reasons[i] or adds.get(i)
        if reason is not None:
            refused.append(Refused(edit.original, edit.replacement, reason))
        else:
            taken.add(*span)
            accepted.append(Accepted(edit.original, edit.replacement, edit.rationale, list(edit.rules), *span))
    accepted.sort(key=lambda a: a.start)
    return accepted, refused


def _applied(text: str, spans) -> str:
    """`text` with (start, end, replacement) spans, none overlapping, made in one pass."""
    out, pos = [], 0
    for start, end, replacement in sorted(spans):
        out += (text[pos:start], replacement)
        pos = end
    out.append(text[pos:])
    return "".join(out)


def _first_checks(edit, text: str, known: _Known, deletable: _DeletableIndex) -> tuple[str | None, tuple[int, int] | None]:
    """The checks that need no lint, in their order; (reason or None, the edit's span,
    None when it is not found)."""
    span = locate(edit.original, text, getattr(edit, "at", None))
    if isinstance(span, str):
        return span, None
    start, end = span
    if edit.replacement == text[start:end]:
        return "it changes nothing", span
    if not edit.replacement.strip() and not (deletable.rules_over(start, end) & set(edit.rules) & DELETABLE):
        return "it deletes text that carries no scrape-noise, duplicate, buzzword or overload finding it names", span
    news = known.invented(edit.replacement)
    if news:
        return news, span
    return None, span


class _DeletableIndex:
    """The findings of the rules that allow a deletion, by rule and place.

    A deletion asks which of them overlap it; looked up by bisection in each rule's
    findings (sorted, with the furthest end reached so far), not by a pass over every
    finding for every edit.
    """

    def __init__(self, report):
        by_rule: dict[str, list[tuple[int, int]]] = {}
        for f in report.findings:
            if f.start is not None and f.rule in DELETABLE:
                by_rule.setdefault(f.rule, []).append((f.start, f.end))
        self._index = {}
        for rule, found in by_rule.items():
            found.sort()
            reach, furthest = [], -1
            for _, e in found:
                furthest = max(furthest, e)
                reach.append(furthest)
            self._index[rule] = ([s for s, _ in found], [e for _, e in found], reach)

    def rules_over(self, start: int, end: int) -> set[str]:
        """The rules with a finding that overlaps `start:end`."""
        out = set()
        for rule, (starts, ends, reach) in self._index.items():
            j = bisect_left(starts, end) - 1  # findings that start before the deletion ends
            while j >= 0 and reach[j] > start:
                if ends[j] > start:
                    out.add(rule)
                    break
                j -= 1
        return out


class _Spans:
    """Spans of accepted edits, none overlapping, kept sorted: an overlap is found by
    bisection (logarithmic), where comparing with each accepted edit was quadratic."""

    def __init__(self):
        self._spans: list[tuple[int, int]] = []

    def overlaps(self, start: int, end: int) -> bool:
        spans = self._spans
        i = bisect_right(spans, (start, float("inf")))
        # Only the neighbours can overlap: the last that starts at or before `start`,
        # and the first after it (the same test as `start < b and a < end` with each).
        if i and start < spans[i - 1][1] and spans[i - 1][0] < end:
            return True
        return i < len(spans) and spans[i][0] < end and start < spans[i][1]

    def add(self, start: int, end: int) -> None:
        insort(self._spans, (start, end))


class _Batch:
    """Whether edits add findings, asked of many at once.

    The edits are linted together, once. A finding that touches an edit is that
    edit's, counted by rule on both sides ("at the edit": a long sentence made a word
    shorter is still long); findings elsewhere are counted by rule and excerpt (by
    rule alone when they have no place). An edit with more findings at it than before
    is judged again on its own (see `ALONE`). When findings grew elsewhere, the other
    edits are linted again without those, or split in halves, down to the edits that
    cause it. A single edit is judged exactly as each edit always was: the verdicts
    are those of the edits one by one, except where edits' effects cancel out.
    """

    # Edits that add findings at their place are each linted again on their own (what
    # they add may be another edit's doing, or more than shows at the edit), so the
    # verdict and the reason are those of the edit alone, up to this many; past it (a
    # long posting where a replacement keeps adding findings) they are refused for
    # what shows at the edit, and the check stays a few lints however many edits.
    ALONE = 16

    def __init__(self, text: str, before, relint_edits, changes, edits, spans):
        self.text = text
        self.before = before
        self.relint_edits = relint_edits
        self.changes = changes
        self.edits = edits
        self.spans = spans
        self.alone_left = self.ALONE

    def adding(self, chosen: list[int]) -> dict[int, str]:
        """Edit index -> the reason, for the edits in `chosen` that add findings."""
        found: dict[int, str] = {}
        if chosen:
            self._judge(sorted(chosen, key=lambda i: self.spans[i]), found)
        return found

    def _judge(self, group: list[int], found: dict[int, str]) -> None:
        made = [(*self.spans[i], self.edits[i].replacement) for i in group]
        after = self.relint_edits(made)
        old_spans = [(s, e) for s, e, _ in made]
        # Where each edit lands afterwards: moved by what the edits before it really
        # changed (a deletion may have taken its line); each as an edit on its own is.
        new_spans, shift = [], 0
        for (s, _e, replacement), (cs, ce, _) in zip(made, self.changes(made), strict=False):
            new_spans.append((s + shift, s + shift + len(replacement)))
            shift += len(replacement) - (ce - cs)
        old_at, old_rest = _counts(self.before, old_spans)
        new_at, new_rest = _counts(after, new_spans)
        elsewhere = {rule for (rule, what), n in new_rest.items() if n > old_rest.get((rule, what), 0)}
        if len(group) == 1:
            added = elsewhere | {rule for rule, n in new_at[0].items() if n > old_at[0].get(rule, 0)}
            if added:
                found[group[0]] = f"it adds findings: {', '.join(sorted(added))}"
            return
        alone, rest = [], []
        for k, i in enumerate(group):
            added = {rule for rule, n in new_at[k].items() if n > old_at[k].get(rule, 0)}
            if not added:
                rest.append(i)
            elif self.alone_left > 0:
                # What it adds may be another edit's doing, or more than shows here:
                # judged on its own, its reason names every rule, as it always did.
                alone.append(i)
                self.alone_left -= 1
            else:
                found[i] = f"it adds findings: {', '.join(sorted(added))}"
        for i in alone:
            self._judge([i], found)
        if not elsewhere or not rest:
            return
        if len(rest) < len(group):
            self._judge(rest, found)  # without the edits refused: do findings still grow?
            return
        half = len(rest) // 2
        self._judge(rest[:half], found)
        self._judge(rest[half:], found)


def _counts(report, spans: list[tuple[int, int]]):
    """Per span, the findings touching it by rule; the others by (rule, excerpt).

    Linear in the findings, the spans (sorted, none overlapping) and the excerpts.
    """
    text = report.posting.text
    at: list[dict[str, int]] = [{} for _ in spans]
    rest: dict[tuple[str, str], int] = {}
    starts = [s for s, _ in spans]
    for f in report.findings:
        if f.start is None:
            # About the whole posting: counted by rule alone, since its message
            # carries numbers (a reading grade) that any edit moves.
            key = (f.rule, "")
            rest[key] = rest.get(key, 0) + 1
            continue
        # The spans touching the finding: those starting at or before its end,
        # walking back while they still reach its start.
        j = bisect_right(starts, f.end) - 1
        touched = False
        while j >= 0 and spans[j][1] >= f.start:
            counts = at[j]
            counts[f.rule] = counts.get(f.rule, 0) + 1
            touched = True
            j -= 1
        if not touched:
            key = (f.rule, text[f.start : f.end].lower())
            rest[key] = rest.get(key, 0) + 1
    return at, rest
