"""Rules a model judges (kind "llm"), run only by `lint --llm`.

Some qualities of a posting have no pattern: whether it says what success looks like
after a few months, whether it says what the team is for. A model can read for them,
but its word alone is not enough to put in front of a hiring manager, so each verdict
must quote the posting, and the quotes are looked up in the text:
- a verdict whose quotes are not all in the posting (or are too short to show
  anything) is discarded, and the report says so in a note: the rule was not judged;
- so is a verdict for a rule that was not asked about, or a second one for the same rule;
- a rule the model gave no verdict for is noted as not judged.

A "not met" verdict becomes a finding of its rule, at the first quote (the prompt asks
for the passage nearest to the criterion, or the heading where it belongs), with the
rule's own message and the model's one-line explanation. A "met" verdict with good
evidence produces nothing: a report lists problems, and a met criterion is the absence
of one; its quotes are still checked, since a "met" resting on invented text means the
rule was not really judged.

One request per posting judges all its rules: the criteria go in together, so the cost
does not grow with the number of rules.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field

from .._record import Record
from ..phrasing import flat
from .checks import locate
from .client import Client, LLMError, Settings, Usage, strict_schema
from .prompts import as_data, nonce_for, render

MAX_TOKENS = 2000  # a verdict is a few quotes and a sentence; more means the model is rambling
MIN_QUOTE = 6  # characters (not counting spaces): "a", "the" or "we" show nothing
EXPLANATION_CHARS = 200


class Verdict(BaseModel):
    """The model's reading of one criterion, with the words of the posting it rests on."""

    model_config = ConfigDict(extra="forbid")

    rule: str = Field(description="The criterion's rule id, exactly as listed.")
    met: bool = Field(description="Whether the posting meets the criterion.")
    evidence: list[str] = Field(description="One to three quotes copied exactly from the posting.")
    explanation: str = Field(description="One short sentence for the hiring manager.")


class JudgeAnswer(BaseModel):
    model_config = ConfigDict(extra="forbid")

    verdicts: list[Verdict]


class Judged(Record):
    """What one posting's verdicts add to its report."""

    __slots__ = ("findings", "notes", "discarded")

    def __init__(self, findings: list, notes: list[str], discarded: int):
        self.findings = findings
        self.notes = notes
        self.discarded = discarded  # verdicts thrown away for want of evidence or a known rule


def rules_to_judge(engine, posting, ignore=()) -> list:
    """The model-judged rules that apply to this posting, as the engine's own would.

    The engine's rule list is already selected, ignored and re-graded by the config;
    what is left is the per-file ignore list and the rule's languages.
    """
    from ..rubric.engine import matches_selector

    return [
        rule for rule in engine.rules
        if rule.kind == "llm"
        and not (ignore and matches_selector(rule.id, ignore))
        and ("*" in rule.languages or posting.language in rule.languages)
    ]


def criterion(rule) -> str:
    return (rule.params.get("criterion") or rule.summary).strip()


def prompt_for(text: str, rules) -> object:
    """The request for one posting; the same text and rules always render the same messages."""
    listed = [{"id": rule.id, "criterion": " ".join(criterion(rule).split())} for rule in sorted(rules, key=lambda r: r.id)]
    return render("judge", strict_schema(JudgeAnswer), posting=as_data(text).strip(), nonce=nonce_for(text), rules=listed)


async def ask(client: Client, posting, rules) -> tuple[JudgeAnswer, Usage]:
    return await client.ask(prompt_for(posting.text, rules), JudgeAnswer, max_tokens=MAX_TOKENS)


def judge_all(settings: Settings, work: list[tuple[object, list]], use_cache: bool = True) -> list:
    """Ask about every (posting, rules) pair through one client, whose gate caps how
    many requests are in flight; answers in the order asked.

    Each entry is `(JudgeAnswer, Usage)`, or the `LLMError` that posting met: one
    posting's failure does not stop the others. At most twice the concurrency are
    being prepared or asked at once, so a large run does not build every prompt and
    request body before the first answer comes back.
    """
    import asyncio

    async def every():
        started = asyncio.Semaphore(2 * max(1, settings.concurrency))

        async def one(client, posting, rules):
            async with started:
                try:
                    return await ask(client, posting, rules)
                except LLMError as exc:
                    return exc

        async with Client(settings, use_cache=use_cache) as client:
            return await asyncio.gather(*(one(client, posting, rules) for posting, rules in work))

    return asyncio.run(every()) if work else []


def findings_from(answer: JudgeAnswer, text: str, rules) -> Judged:
    """Check each verdict against the posting and turn the grounded "not met" ones into findings."""
    from ..rubric.model import Finding

    by_id = {rule.id: rule for rule in rules}
    seen: set[str] = set()  # rules with a verdict that was used
    noted: set[str] = set()  # rules with a verdict that was discarded
    findings, notes = [], []
    for verdict in answer.verdicts:
        problem, span = _check(verdict, by_id, seen, text)
        if problem is not None:
            noted.add(verdict.rule)
            notes.append(f"A model's verdict on {flat(verdict.rule, 60) or '(no rule)'} was discarded: {problem}.")
            continue
        seen.add(verdict.rule)
        if not verdict.met:
            rule = by_id[verdict.rule]
            findings.append(Finding(rule.id, rule.category, rule.severity, _message(rule, verdict), *span))
    notes += [f"{rule_id} was not judged: the model gave no verdict on it." for rule_id in sorted(set(by_id) - seen - noted)]
    return Judged(findings, notes, len(answer.verdicts) - len(seen))


def _check(verdict: Verdict, by_id: dict, seen: set[str], text: str) -> tuple[str | None, tuple[int, int]]:
    """Why a verdict cannot be used (or None), and the span of its first quote."""
    if verdict.rule not in by_id:
        return "it names a rule that was not asked about", (0, 0)
    if verdict.rule in seen:
        return "it is a second verdict on the same rule", (0, 0)
    if not verdict.evidence:
        return "it quotes no evidence from the posting", (0, 0)
    spans = []
    for quote in verdict.evidence:
        if len("".join(quote.split())) < MIN_QUOTE:
            return f"its evidence “{flat(quote, 40)}” is too short to show anything", (0, 0)
        span = find_quote(quote, text)
        if span is None:
            return f"its evidence “{flat(quote, 60)}” is not in the posting", (0, 0)
        spans.append(span)
    return None, spans[0]


def find_quote(quote: str, text: str) -> tuple[int, int] | None:
    """Where a quote stands in the text: exactly or with its white space re-wrapped.

    Unlike an edit, evidence may occur more than once (a heading repeated in a
    footer); it is then placed at its first occurrence.
    """
    span = locate(quote, text)
    if not isinstance(span, str):
        return span
    words = quote.split()
    if not words:
        return None
    found = re.search(r"\s+".join(map(re.escape, words)), text)
    return found.span() if found else None


def _message(rule, verdict: Verdict) -> str:
    explanation = flat(verdict.explanation, EXPLANATION_CHARS)  # one line: a model's text must not break the format
    return f"{rule.message} Model: {explanation}" if explanation else rule.message
