"""The Python API behind `lint`: load postings, build an engine, lint.

Kept free of heavy imports so `from assistant import lint_text` is as quick as `lint`.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ._forked import ordered_map
from ._record import Record
from .document.loaders import (
    LoadError,
    format_for,
    load_path,
    load_postings,
    load_stdin,
    posting_from_text,
)
from .document.model import Posting
from .files import missing_reason
from .resources import data_dir
from .rubric.engine import Engine
from .rubric.exemplars import build_profile
from .rubric.loader import load_rubrics
from .rubric.model import Report

SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv", ".tox"}


def make_engine(
    *,
    exemplars: str | Path | None = None,
    rubric_dirs: Iterable[str | Path] = (),
    as_of: dt.date | None = None,
    **options,
) -> Engine:
    """An engine with the shipped rubrics plus `rubric_dirs`, and the exemplar profile."""
    ruleset = load_rubrics([data_dir("rubrics"), *map(Path, rubric_dirs)])
    profile = build_profile(Path(exemplars) if exemplars else data_dir("seeds"))
    return Engine(ruleset, profile, as_of=as_of, **options)


def engine_for(config, **overrides) -> Engine:
    """The engine a config file describes (`config.Config`); keyword arguments, such as
    the command line's flags, win over its keys."""
    options = {
        "exemplars": config.exemplars, "rubric_dirs": config.rubrics, "select": config.select,
        "ignore": config.ignore, "severity": config.severity, "allow": config.allow,
    }
    return make_engine(**{**options, **overrides})


_default: Engine | None = None


def _engine(engine: Engine | None) -> Engine:
    global _default
    if engine is not None:
        return engine
    if _default is None:
        _default = make_engine()
    return _default


def lint_text(text: str, path: str = "-", fmt: str = "txt", engine: Engine | None = None) -> Report:
    """Lint posting text given as a string (`fmt`: "txt", "md" or "html")."""
    return _engine(engine).lint(posting_from_text(text, path, fmt))


def lint_file(path: str | Path, engine: Engine | None = None) -> Report:
    """Lint one file; raises `LoadError` with a one-line reason when it cannot be read."""
    return _engine(engine).lint(load_path(path))


def lint_paths(
    paths: Iterable[str | Path], engine: Engine | None = None, on_error: Callable[[str, str], None] | None = None,
) -> Iterator[Report]:
    """Lint files and folders (each posting of an ATS export apart), in order.

    An input that cannot be read raises `LoadError`, unless `on_error(path, reason)` is
    given: then it is told, and the rest goes on.
    """
    job = Job(_engine(engine), render=repr)  # reports_each hands reports back unrendered
    for item in reports_each(job, list(discover(paths))):
        if isinstance(item, Report):
            yield item
        elif on_error is None:
            raise LoadError(f"{item.path}: {item.problem}")
        else:
            on_error(item.path, item.problem)


def discover(paths: Iterable[str | Path]) -> Iterator[tuple[str, str | None]]:
    """Expand folders into posting files (sorted); yields (path, error or None)."""
    for raw in paths:
        path = Path(raw)
        if str(raw) == "-":
            yield "-", None
        elif path.is_dir():
            # JSON is found only when named: a folder's package.json is not a posting.
            found = sorted(
                p for p in path.rglob("*")
                if p.is_file() and format_for(p) not in (None, "json") and not (SKIP_DIRS & set(p.relative_to(path).parts[:-1]))
            )
            for p in found:
                yield str(p), None
        elif path.is_file():
            yield str(raw), None
        elif path.exists():
            yield str(raw), "not a regular file"
        else:
            yield str(raw), missing_reason(raw)  # a symlink loop is named as one, not "no such file"


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
    from . import files, fixes

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
        from .document import facts, html, language, structure  # noqa: F401

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


__all__ = ["LoadError", "make_engine", "engine_for", "lint_text", "lint_file", "lint_paths", "lint_each", "reports_each", "discover", "Job", "Outcome"]
