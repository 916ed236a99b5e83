"""The Python API: lint text, files and folders; build an engine; find posting files.

Only the public functions live here (`assistant.__init__` exports them lazily). The
console's lint machinery (rendered outcomes, --fix, worker processes) is the lint
command's, in `cli/linting.py`: `lint_paths` lints serially and hands back reports.
`discover` is file discovery's, in `document/discover.py`, and public from here.
Kept free of heavy imports so `from assistant import lint_text` is as quick as `lint`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from .document.discover import discover  # its home; public here as `assistant.discover`
from .document.loaders import (
    LoadError,
    load_path,
    load_postings,
    load_stdin,
    posting_from_text,
)
from .resources import data_dir
from .rubric.engine import Engine
from .rubric.exemplars import build_profile
from .rubric.loader import load_rubrics
from .rubric.model import Report


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
    engine = _engine(engine)
    for path, problem in list(discover(paths)):
        if problem is None:
            try:
                postings = load_stdin() if path == "-" else load_postings(path)
            except LoadError as exc:
                problem = str(exc)
            except OSError as exc:  # stdin closed, or not something that can be read
                problem = f"cannot read stdin: {exc.strerror or exc}" if path == "-" else exc.strerror or str(exc)
            else:
                for posting in postings:
                    yield engine.lint(posting)
                continue
        if on_error is None:
            raise LoadError(f"{path}: {problem}")
        on_error(path, problem)


__all__ = ["LoadError", "make_engine", "engine_for", "lint_text", "lint_file", "lint_paths", "discover"]
