"""`posting-assistant lint PATH…`: the rubric's findings, offline, in any output format.

Results are written as each posting is done (`linting`), so memory stays flat however
many files there are. With `--llm` the rules a model decides are judged too, through
one client, concurrently, before the reports are rendered.
"""

from __future__ import annotations

import os
import sys

from ..phrasing import plural
from . import diagnostics

TYPE_CHECKING = False  # `typing` costs start-up; the annotation only needs it for checkers
if TYPE_CHECKING:
    from .parser import LintOptions


def run_lint(options: LintOptions) -> int:
    from ..api import discover, engine_for
    from ..config import ConfigError, resolve_config
    from ..rubric.engine import matches_selector
    from ..rubric.loader import RubricError
    from ..rubric.model import SEVERITY_RANK
    from .linting import Job, lint_each

    if options.llm:
        refused = _llm_refusal(options)
        if refused:
            return diagnostics.usage_error(refused)
    try:
        config = resolve_config(options.config, options.paths[0])
    except ConfigError as exc:
        return diagnostics.usage_error(str(exc))
    # A flag replaces the config key of the same name.
    select = options.select if options.select is not None else config.select
    ignore = options.ignore if options.ignore is not None else config.ignore
    fail_on = options.fail_on or config.fail_on
    min_score = options.min_score if options.min_score is not None else config.min_score
    try:
        engine = engine_for(
            config, exemplars=options.exemplars or config.exemplars, as_of=options.as_of, select=select, ignore=ignore,
            llm=options.llm,
        )
    except (RubricError, FileNotFoundError) as exc:
        return diagnostics.usage_error(str(exc))
    where = f" in {config.path}" if config.path else ""
    named = [*select, *ignore, *config.severity, *(s for _, group in config.per_file_ignores for s in group)]
    unknown = [s for s in named if not any(matches_selector(r.id, [s]) for r in engine.all_rules)]
    if unknown:
        return diagnostics.usage_error(
            f"no rule matches {', '.join(repr(s) for s in dict.fromkeys(unknown))}{where} (`posting-assistant rules` lists them)"
        )

    writer = _writer("text" if options.diff else options.format, engine.all_rules)
    errors: list[tuple[str, str]] = []
    worst = -1
    low_scores = 0
    items = list(discover(options.paths))
    fix = "fix" if options.fix else "diff" if options.diff else ""
    job = Job(engine, writer.render, config.ignored_for if config.per_file_ignores else None, fix, config.max_file_size, options.force)
    changed = 0
    llm_failed: set[str] = set()
    if options.llm:
        judged = _judged_outcomes(options, config, job, items, llm_failed)
        if isinstance(judged, str):
            return diagnostics.usage_error(judged)
    outcomes = judged if options.llm else lint_each(job, items, options.jobs, options.stdin_filename)
    for outcome in outcomes:
        if outcome.problem is not None:
            errors.append((outcome.path, outcome.problem))
            diagnostics.error(f"{outcome.path}: {outcome.problem}")
            continue
        changed += outcome.changed
        worst = max(worst, outcome.worst)
        if min_score is not None and outcome.overall < min_score:
            low_scores += 1
        if fix == "diff":
            sys.stdout.write(outcome.rendered)
        else:
            writer.emit(outcome.rendered)
    if fix != "diff":
        writer.close(errors)
    if fix:
        verb = "fixed" if fix == "fix" else "would fix"
        diagnostics.note(f"{verb} {plural(changed, 'file')}")

    # --diff fails on what it would change; otherwise a low score or a finding at --fail-on.
    # A model step that did not happen or an unreadable input outranks both (and the
    # low scores are then not worth a line of their own).
    if low_scores and not (llm_failed or errors or fix == "diff"):
        diagnostics.error(f"{plural(low_scores, 'posting')} scored below --min-score {min_score}")
    findings = bool(changed) if fix == "diff" else bool(low_scores) or worst >= SEVERITY_RANK[fail_on]
    return diagnostics.status(model_failed=bool(llm_failed), unusable=bool(errors), findings=findings)


def _writer(fmt: str, rules):
    """The output writer; results are written as each posting is done, so memory stays
    flat however many files there are, and a slow run shows progress in the log."""
    if fmt == "json":
        from ..report import json_v1

        return json_v1.StreamWriter(sys.stdout)
    if fmt == "text":
        from ..report import text

        return text.StreamWriter(sys.stdout, colour=text.use_colour(sys.stdout))
    from importlib import import_module

    return import_module(f"..report.{fmt}", __package__).StreamWriter(sys.stdout, rules)


def _llm_refusal(options: LintOptions) -> str | None:
    """Why `lint --llm` cannot run, found before any posting is read or any request made."""
    if options.fix or options.diff:
        return "--llm cannot be combined with --fix or --diff: a model's verdicts have no fixes"
    if not os.environ.get("OPENAI_API_KEY"):
        return "lint --llm needs an API key in OPENAI_API_KEY (lint without --llm needs none)"
    return None


def _judged_outcomes(options: LintOptions, config, job, items, failed: set[str]):
    """`lint --llm`: the offline reports, plus the verdicts of the rules a model judges.

    Postings are linted here, in order, without worker processes: the time goes on
    the requests, which run concurrently through one client (its gate caps how many).
    A posting whose request failed gets its error line and no result, and its path
    is added to `failed`; the others are reported as usual. Returns the outcomes in
    input order, or a one-line reason the run cannot start (a bad user config).
    """
    from ..config import ConfigError, with_user_config
    from ..llm import judge
    from ..llm.client import LLMError, Settings, Usage
    from .linting import Outcome, outcome_of, reports_each

    try:
        settings = Settings.resolve(with_user_config(config), model=options.model)
    except ConfigError as exc:
        return str(exc)
    entries, work = [], []
    for item in reports_each(job, items, options.stdin_filename):
        if isinstance(item, Outcome):
            entries.append((item, None))
            continue
        ignore = job.ignored_for(item.posting.path) if job.ignored_for else ()
        rules = judge.rules_to_judge(job.engine, item.posting, ignore)
        entries.append((item, len(work) if rules else None))
        if rules:
            work.append((item.posting, rules))
    answers = judge.judge_all(settings, work, use_cache=not options.no_cache)
    usage, discarded, outcomes = Usage(), 0, []
    for item, n in entries:
        if n is None:
            outcomes.append(item if isinstance(item, Outcome) else outcome_of(job, item))
            continue
        answer = answers[n]
        if isinstance(answer, LLMError):
            failed.add(item.posting.path)
            outcomes.append(Outcome(item.posting.path, f"the model's rules were not judged: {answer}"))
            continue
        verdicts, spent = answer
        usage.add(spent)
        found = judge.findings_from(verdicts, item.posting.text, work[n][1])
        discarded += found.discarded
        outcomes.append(outcome_of(job, job.engine.add_findings(item, found.findings, found.notes)))
    if work:
        diagnostics.error(_llm_summary(settings, len(work), len(failed), usage, discarded))
    return outcomes


def _llm_summary(settings, asked: int, failed: int, usage, discarded: int) -> str:
    """One line on what the model was asked and what it cost, for the log of a paid run."""
    judged = asked - failed
    text = f"{settings.model} judged {judged} of {plural(asked, 'posting')}"
    text += f": {plural(usage.requests, 'request')}"
    text += f", {usage.prompt_tokens} prompt and {usage.completion_tokens} completion tokens"
    if discarded:
        text += f"; {plural(discarded, 'verdict')} discarded (see the notes)"
    return text
