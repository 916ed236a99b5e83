"""Rewrite: proposed edits for one posting, checked, with the scores they earn.

Two providers propose edits: a model (`openai`), or the rules' own replacements
(`rules`, offline, the default without a key). Both go through the same checks
(`checks.check_edits`), so an edit the user sees has been located in the text,
found free of invented facts and re-linted. Edits are made on the source file
through the posting's source map, exactly as `lint --fix` makes them, so a `.md`
keeps its front matter and markup and everything not edited stays byte for byte.
"""

from __future__ import annotations

from .._record import Record
from ..document.loaders import posting_from_text
from ..document.normalise import own_line
from ..fixes import apply_edits
from ..rubric.engine import matches_selector
from .checks import Refused, check_edits

PROVIDERS = ("openai", "rules")
MAX_EDITS = 20
_EXEMPLAR_CHARS = 3000  # enough to show a house structure, without paying for whole postings


class Proposal(Record):
    """An edit as a provider proposes it: the shape of `answers.Edit`, without pydantic.

    `at`: where `original` stands in the text, when the provider knows it (the rules
    do: their quote is unique by construction), so the checks need not search for it.
    """

    __slots__ = ("original", "replacement", "rationale", "rules", "at")

    def __init__(self, original: str, replacement: str, rationale: str, rules: list[str], at: tuple[int, int] | None = None):
        self.original = original
        self.replacement = replacement
        self.rationale = rationale
        self.rules = rules
        self.at = at


class Rewrite(Record):
    """What a rewrite came to: the checked edits, the refused ones, the scores."""

    __slots__ = ("posting", "provider", "model", "accepted", "refused", "before", "after", "source_after", "usage")

    def __init__(self, posting, provider: str, model: str | None, accepted, refused, before, after, source_after: str, usage):
        self.posting = posting
        self.provider = provider
        self.model = model
        self.accepted = accepted  # checks.Accepted, in text order
        self.refused = refused  # checks.Refused, in the order proposed
        self.before = before  # the report on the posting as it is
        self.after = after  # the report with every accepted edit applied
        self.source_after = source_after  # the source file's text with the accepted edits
        self.usage = usage  # client.Usage, or None for the rules provider


class Editor:
    """Edits to a posting's normalised text, carried to its source and linted there.

    Linting the edited source in its own format (not the normalised text as plain
    text) keeps the structure the engine saw, so "it adds findings" compares like
    with like.
    """

    def __init__(self, posting, engine, ignore=()):
        self.posting = posting
        self.engine = engine
        self.ignore = ignore
        self.in_source = posting.location_basis == "source"
        self.fmt = posting.format if self.in_source else "txt"
        self.source = posting.source_map.source if self.in_source else posting.text
        self._last: tuple[str, object] | None = None

    def baseline(self):
        """The report on the posting as it is: the posting itself when it was read from
        this source (no second parse), else its text linted as the edits will be."""
        if self.in_source:
            return self.engine.lint(self.posting, ignore=self.ignore)
        return self.lint_source(self.source)

    def lint_source(self, source: str):
        """The report on a version of the source; the last one is kept, since the
        checks' final batch is usually the very text `finish` lints again."""
        if self._last is not None and self._last[0] == source:
            return self._last[1]
        report = self.engine.lint(posting_from_text(source, self.posting.path, self.fmt), ignore=self.ignore)
        self._last = (source, report)
        return report

    def source_edits(self, spans) -> list[tuple[int, int, str]]:
        """(start, end, replacement) in the posting's text → the same in the source, last first."""
        to_source = self.posting.source_map.to_source if self.in_source else (lambda offset: offset)
        out = []
        for start, end, replacement in spans:
            s, e = to_source(start), to_source(end)
            if replacement == "":  # a deletion that empties its line takes the line with it
                s, e = own_line(self.source, s, e) or (s, e)
            out.append((s, e, replacement))
        return sorted(out, reverse=True)

    def text_changes(self, spans) -> list[tuple[int, int, str]]:
        """The spans of the posting's text that `apply` really replaces: a deletion
        that empties its line takes the line, so what follows moves further."""
        if not self.in_source:
            source_map = None
        else:
            source_map = self.posting.source_map
        out = []
        for start, end, replacement in spans:
            if replacement == "":
                s, e = (source_map.to_source(start), source_map.to_source(end)) if source_map else (start, end)
                line = own_line(self.source, s, e)
                if line is not None:
                    start, end = (source_map.to_normalised(line[0]), source_map.to_normalised(line[1])) if source_map else line
            out.append((start, end, replacement))
        return out

    def apply(self, spans) -> str:
        return apply_edits(self.source, self.source_edits(spans))

    def relint_edits(self, spans):
        """Lint the posting with edits to its text, (start, end, replacement) none
        overlapping, made on the source: linear in the text however many there are."""
        return self.lint_source(self.apply(spans)) if spans else self.lint_source(self.source)

    def relint(self, text: str):
        """Lint a version of the posting's text that differs from it in one span."""
        old = self.posting.text
        if text == old:
            return self.lint_source(self.source)
        start = 0
        limit = min(len(old), len(text))
        while start < limit and old[start] == text[start]:
            start += 1
        tail = 0
        while tail < limit - start and old[-1 - tail] == text[-1 - tail]:
            tail += 1
        return self.lint_source(self.apply([(start, len(old) - tail, text[start : len(text) - tail])]))


def targets(report, select=(), within: tuple[int, int] | None = None) -> list:
    """The findings a rewrite is asked to resolve: `select` narrows them by rule id,
    `within` (a span of the text: the editor's selection or section) by place."""
    return [
        f for f in report.findings
        if (not select or matches_selector(f.rule, select))
        and (within is None or (f.start is not None and f.start < within[1] and within[0] < f.end))
    ]


def rule_proposals(report, findings) -> list[Proposal]:
    """Edits from the rules' own replacements, quoted so that each is found once."""
    text = report.posting.text
    usable = [f for f in findings if f.start is not None and f.suggestions]
    out: list[Proposal] = []
    for f, (start, end) in zip(usable, unique_spans(text, [(f.start, f.end) for f in usable])):
        best = next((s for s in f.suggestions if s.get("safe")), f.suggestions[0])
        replacement = text[start : f.start] + best["replacement"] + text[f.end : end]
        out.append(Proposal(text[start:end], replacement, f.message, [f.rule], (start, end)))
    return out


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


def exemplar_texts(engine, folder, skip_text: str = "", limit: int = 2) -> list[str]:
    """The exemplars' text for a prompt, scrape noise removed, each cut to a size."""
    from pathlib import Path

    from ..rubric.exemplars import load_exemplars

    texts = []
    for posting in load_exemplars(folder):
        if len(texts) >= limit or Path(posting.path).suffix not in (".txt", ".md"):
            continue
        text = posting.text
        if text.strip() == skip_text.strip():
            continue  # rewriting an exemplar: it is not its own reference
        texts.append(_without_noise(engine, text)[:_EXEMPLAR_CHARS])
    return texts


def _without_noise(engine, text: str) -> str:
    report = engine.lint(posting_from_text(text, "exemplar.txt", "txt"))
    spans = sorted(((f.start, f.end) for f in report.findings if f.rule == "clarity/scrape-noise" and f.start is not None), reverse=True)
    for start, end in spans:
        text = text[:start] + text[end:]
    return text


async def model_proposals(client, report, findings, exemplars=(), select=(), within=None) -> tuple[list, object]:
    """Edits a model proposes for `findings`, and what asking cost."""
    from .answers import RewriteAnswer
    from .client import strict_schema
    from .prompts import as_data, nonce_for, render

    posting = report.posting
    text = posting.text
    listed = [
        {"rule": f.rule, "severity": f.severity, "message": f.message,
         "excerpt": as_data(text[f.start : f.end]) if f.start is not None else ""}
        for f in findings
    ]
    prompt = render(
        "rewrite", strict_schema(RewriteAnswer), posting=as_data(text), nonce=nonce_for(text), findings=listed,
        exemplars=[as_data(e) for e in exemplars], selected=list(select), max_edits=MAX_EDITS,
        part=as_data(text[within[0] : within[1]]) if within else "",
    )
    answer, usage = await client.ask(prompt, RewriteAnswer)
    return answer.edits, usage


def finish(editor: Editor, before, proposals, provider: str, model: str | None, usage, within=None) -> Rewrite:
    """Check the proposals and work out the posting with the accepted ones applied."""
    accepted, refused = check_edits(
        editor.posting, proposals, editor.relint, before=before, relint_edits=editor.relint_edits, changes=editor.text_changes
    )
    if within is not None:  # asked about one part: an edit elsewhere is not what was asked for
        outside = [a for a in accepted if a.start < within[0] or a.end > within[1]]
        accepted = [a for a in accepted if not (a.start < within[0] or a.end > within[1])]
        refused += [Refused(a.original, a.replacement, "it is outside the part you asked to rewrite") for a in outside]
    source_after = editor.apply([(a.start, a.end, a.replacement) for a in accepted])
    after = editor.lint_source(source_after) if accepted else before
    return Rewrite(editor.posting, provider, model, accepted, refused, before, after, source_after, usage)


def rewrite_with_rules(posting, engine, select=(), ignore=(), before=None, within=None) -> Rewrite:
    """`before`: the posting's report, when the caller has it (the editor's live lint);
    `within`: a span of the text to keep the edits to."""
    editor = Editor(posting, engine, ignore)
    before = before or editor.baseline()
    proposals = rule_proposals(before, targets(before, select, within))
    return finish(editor, before, proposals, "rules", None, None, within)


async def rewrite_with_model(posting, engine, client, select=(), ignore=(), exemplars=(), within=None, before=None) -> Rewrite:
    """Raises `client.LLMError` when the model gives no usable answer; `before` as for
    `rewrite_with_rules`."""
    editor = Editor(posting, engine, ignore)
    before = before or editor.baseline()
    edits, usage = await model_proposals(client, before, targets(before, select, within), exemplars, select, within)
    return finish(editor, before, edits, "openai", client.settings.model, usage, within)
