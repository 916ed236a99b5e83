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
    """An edit as a provider proposes it: the shape of `answers.Edit`, without pydantic."""

    __slots__ = ("original", "replacement", "rationale", "rules")

    def __init__(self, original: str, replacement: str, rationale: str, rules: list[str]):
        self.original = original
        self.replacement = replacement
        self.rationale = rationale
        self.rules = rules


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

    def baseline(self):
        """The report on the posting as it is: the posting itself when it was read from
        this source (no second parse), else its text linted as the edits will be."""
        if self.in_source:
            return self.engine.lint(self.posting, ignore=self.ignore)
        return self.lint_source(self.source)

    def lint_source(self, source: str):
        return self.engine.lint(posting_from_text(source, self.posting.path, self.fmt), ignore=self.ignore)

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

    def apply(self, spans) -> str:
        return apply_edits(self.source, self.source_edits(spans))

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
    out: list[Proposal] = []
    for f in findings:
        if f.start is None or not f.suggestions:
            continue
        best = next((s for s in f.suggestions if s.get("safe")), f.suggestions[0])
        start, end = unique_span(text, f.start, f.end)
        replacement = text[start : f.start] + best["replacement"] + text[f.end : end]
        out.append(Proposal(text[start:end], replacement, f.message, [f.rule]))
    return out


def unique_span(text: str, start: int, end: int) -> tuple[int, int]:
    """`start:end` widened a word at a time, left then right, until it occurs once.

    A model is asked to quote enough to be found once; the rules provider quotes the
    same way, so its edits pass the same check.
    """
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
    accepted, refused = check_edits(editor.posting, proposals, editor.relint, before=before)
    if within is not None:  # asked about one part: an edit elsewhere is not what was asked for
        outside = [a for a in accepted if a.start < within[0] or a.end > within[1]]
        accepted = [a for a in accepted if a not in outside]
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
