"""How `lint` gets through many files: rendered outcomes, in order, across processes.

Beside the lint command, not in the API, because everything here serves the console:
each posting comes back already rendered in the run's output format with what the
exit code needs (`Outcome`), `--fix` and `--diff` write or show the safe fixes, and
many files are spread over forked processes. The API's `lint_paths` hands back
reports and needs none of this.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

from .._forked import ordered_map
from .._record import Record
from ..document.loaders import (
    LoadError,
    format_for,
    load_postings,
    load_stdin,
    posting_from_text,
)
from ..document.model import Posting
from ..rubric.engine import Engine
from ..rubric.model import Report


class Outcome(Record):
    """One posting's rendered output and what the exit code needs from it."""

    __slots__ = ("path", "problem", "worst", "overall", "rendered", "changed")

    def __init__(self, path: str, problem: str | None = None, worst: int = -1, overall: int | None = None, rendered: str | None = None):
        self.path = path
        self.problem = problem  # why the input could not be linted, or None
        self.worst = worst  # highest severity rank among the findings, -1 for none
        self.overall = overall  # overall score
        self.rendered = rendered
        self.changed = False  # --fix rewrote the file, or --diff found something to change


class Job(Record):
    """What every posting of a run is linted with; set before worker processes fork."""

    __slots__ = ("engine", "render", "ignored_for", "fix", "limit", "force")

    def __init__(
        self, engine: Engine, render: Callable[[Report], str], ignored_for: Callable[[str], list[str]] | None = None,
        fix: str = "", limit: int | None = None, force: bool = False,
    ):
        self.engine = engine
        self.render = render
        self.ignored_for = ignored_for  # path -> rule selectors switched off for that file
        self.fix = fix  # "" | "fix" (write safe fixes back) | "diff" (print them as a diff)
        self.limit = limit  # the largest input in bytes (config `max-file-size`); None: the default
        self.force = force  # --fix writes read-only files too


_job: Job | None = None
PARALLEL_FROM = 24  # below this many files, forking costs more than it saves


def lint_posting(job: Job, posting: Posting) -> Outcome:
    ignore = job.ignored_for(posting.path) if job.ignored_for else ()
    return outcome_of(job, job.engine.lint(posting, ignore=ignore))


def outcome_of(job: Job, report: Report) -> Outcome:
    return Outcome(report.posting.path, None, report.worst(), report.scores["overall"], job.render(report))


def _lint_one(path: str) -> list[Outcome]:
    if _job.fix:
        return [_fix_one(_job, path)]
    try:
        postings = load_postings(path, limit=_job.limit)
    except LoadError as exc:
        return [Outcome(path, str(exc))]
    return [lint_posting(_job, posting) for posting in postings]


def _fix_one(job: Job, path: str) -> Outcome:
    """--fix: write the safe fixes back and report what is left; --diff: show them.

    The file is written only if it still holds what was read: an edit saved in
    another window while we linted is not overwritten.
    """
    from .. import files, fixes

    p = Path(path)
    fmt = format_for(p)
    if fmt not in fixes.WRITABLE:
        return Outcome(path, f"--{job.fix} rewrites only .txt and .md files; this one was not changed")
    try:
        read = files.read_user_file(p, limit=job.limit)
    except files.ReadRefused as exc:
        return Outcome(path, str(exc))
    source = read.text
    ignore = job.ignored_for(path) if job.ignored_for else ()
    try:
        new, report = fixes.fixed_text(source, lambda text: job.engine.lint(posting_from_text(text, path, fmt), ignore=ignore))
    except LoadError as exc:  # a file that cannot be read as a posting is never touched
        return Outcome(path, str(exc))
    if job.fix == "diff":
        outcome = Outcome(path, None, report.worst(), report.scores["overall"], fixes.unified_diff(path, source, new))
    else:
        if new != source:
            try:
                files.write_user_file(p, new, expect=read.stamp, force=job.force, like=read)
            except files.WriteRefused as exc:
                again = " (run lint --fix again)" if exc.reason == "changed" else ""
                return Outcome(path, f"{exc}{again}")
            except OSError as exc:
                return Outcome(path, f"cannot write the fixes: {exc.strerror or exc}")
        outcome = Outcome(path, None, report.worst(), report.scores["overall"], job.render(report))
    outcome.changed = new != source
    return outcome


def lint_each(job: Job, items: list[tuple[str, str | None]], jobs: int = 0, stdin_name: str = "-") -> Iterator[Outcome]:
    """Lint discovered paths; outcomes in input order.

    Many files are spread over forked processes (one per CPU unless `jobs` says
    otherwise, this one included); each returns its rendered output, so no report
    crosses processes.
    """
    global _job
    _job = job
    files = [path for path, problem in items if problem is None and path != "-"]
    jobs = jobs or os.cpu_count() or 1
    if jobs > 1 and len(files) >= PARALLEL_FROM:
        # What every process needs, done once here and shared through the fork.
        from ..document import facts, html, language, structure  # noqa: F401

        job.engine.compile_patterns()
        done = ordered_map(_lint_one, files, min(jobs, len(files)))
    else:
        done = map(_lint_one, files)
    try:
        for path, problem in items:
            if problem is not None:
                yield Outcome(path, problem)
            elif path == "-" and job.fix:
                yield Outcome(stdin_name, f"--{job.fix} needs files, not stdin")
            elif path == "-":
                try:
                    postings = load_stdin(stdin_name, limit=job.limit)
                except LoadError as exc:
                    yield Outcome(stdin_name, str(exc))
                except OSError as exc:  # closed, or not something that can be read
                    yield Outcome(stdin_name, f"cannot read stdin: {exc.strerror or exc}")
                else:
                    yield from (lint_posting(job, posting) for posting in postings)
            else:
                yield from next(done)
    finally:
        close = getattr(done, "close", None)
        if close is not None:
            close()  # ends the worker processes if the caller stopped early


def reports_each(job: Job, items: list[tuple[str, str | None]], stdin_name: str = "-") -> Iterator[Report | Outcome]:
    """Lint discovered paths in this process, in input order, and hand back the reports
    themselves: for a caller that adds to them before they are rendered (`lint --llm`).

    An input that cannot be read comes back as an `Outcome` carrying its problem.
    """
    for path, problem in items:
        if problem is not None:
            yield Outcome(path, problem)
            continue
        try:
            postings = load_stdin(stdin_name, limit=job.limit) if path == "-" else load_postings(path, limit=job.limit)
        except LoadError as exc:
            yield Outcome(stdin_name if path == "-" else path, str(exc))
            continue
        except OSError as exc:  # stdin closed, or not something that can be read
            yield Outcome(stdin_name if path == "-" else path, f"cannot read stdin: {exc.strerror or exc}"
                          if path == "-" else exc.strerror or str(exc))
            continue
        for posting in postings:
            ignore = job.ignored_for(posting.path) if job.ignored_for else ()
            yield job.engine.lint(posting, ignore=ignore)
