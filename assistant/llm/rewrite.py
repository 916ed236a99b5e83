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
from ..config import PROVIDERS  # noqa: F401 - importable from here, as before
from ..document.loaders import posting_from_text
from ..document.normalise import own_line
from ..fixes import apply_edits
from ..rubric.engine import matches_selector
from .checks import Refused, check_edits
from .exemplar_texts import LIMIT, choose, prompt_exemplars
from .quotes import unique_span, unique_spans  # noqa: F401 - unique_span: importable from here, as before

MAX_EDITS = 20
EXCERPT_CHARS = 90  # of a finding's words in the prompt; the posting follows in full


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
    for f, (start, end) in zip(usable, unique_spans(text, [(f.start, f.end) for f in usable]), strict=False):
        best = next((s for s in f.suggestions if s.get("safe")), f.suggestions[0])
        replacement = text[start : f.start] + best["replacement"] + text[f.end : end]
        out.append(Proposal(text[start:end], replacement, f.message, [f.rule], (start, end)))
    return out


def exemplar_texts(engine, folder, skip_text: str = "", limit: int = LIMIT) -> list[str]:
    """The exemplar texts a rewrite of `skip_text` shows: `choose` over the folder's
    `prompt_exemplars`, the one selection every rewrite path makes."""
    return choose(prompt_exemplars(engine, folder), skip_text, limit)


def rewrite_prompt(engine, posting, findings, exemplars=(), select=(), within=None):
    """The messages of a model rewrite, for every path that asks for one.

    `exemplars`: a `PromptExemplars` (or plain texts), of which `choose` picks the
    ones shown. Laid out for prefix caching (prompts/README.md): the instructions,
    the rubric's rules (so an edit need not break one to fix another), the schema and
    the exemplars first, the same for every posting of a run; then the posting's
    nonce, its findings, the posting and the part to edit.
    """
    from .answers import RewriteAnswer
    from .client import strict_schema
    from .prompts import as_data, nonce_for, render

    text = posting.text
    shown = [as_data(e) for e in choose(exemplars, text)]
    listed = [
        {"rule": f.rule, "severity": f.severity, "message": f.message,
         "excerpt": _excerpt(as_data(text[f.start : f.end])) if f.start is not None else ""}
        for f in findings
    ]
    return render(
        "rewrite", strict_schema(RewriteAnswer), posting=as_data(text), nonce=nonce_for(text), findings=listed,
        exemplars=shown, exemplar_nonce=nonce_for("exemplars", *shown), selected=list(select), max_edits=MAX_EDITS,
        part=as_data(text[within[0] : within[1]]) if within else "", rubric=rubric_lines(engine),
    )


def rubric_lines(engine) -> list[dict]:
    """What each of the engine's rules asks for, in its own one-line summary: the same
    for every posting of a run. Not the rules' `instead` advice: its examples hold
    made-up facts (a salary, a city) that a model could copy into a posting."""
    from .prompts import as_data

    return [{"id": r.id, "summary": as_data(r.summary)} for r in engine.rules if r.summary]


def _excerpt(quote: str) -> str:
    """A finding's words as the prompt lists them: a long one (a whole sentence, for
    the sentence rules) cut to its start, since the posting itself follows in full."""
    if len(quote) <= EXCERPT_CHARS:
        return quote
    cut = quote[:EXCERPT_CHARS].rsplit(" ", 1)[0] if " " in quote[:EXCERPT_CHARS] else quote[:EXCERPT_CHARS]
    return cut.rstrip() + " …"


async def model_proposals(client, engine, report, findings, exemplars=(), select=(), within=None) -> tuple[list, object]:
    """Edits a model proposes for `findings`, and what asking cost."""
    from .answers import RewriteAnswer

    prompt = rewrite_prompt(engine, report.posting, findings, exemplars, select, within)
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
    `rewrite_with_rules`; `exemplars` as for `rewrite_prompt` (every caller passes the
    folder's `prompt_exemplars`: DESIGN says every rewrite is made against them)."""
    editor = Editor(posting, engine, ignore)
    before = before or editor.baseline()
    edits, usage = await model_proposals(client, engine, before, targets(before, select, within), exemplars, select, within)
    return finish(editor, before, edits, "openai", client.settings.model, usage, within)
