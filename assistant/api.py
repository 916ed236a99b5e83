"""The Python API: lint text, files and folders; build an engine; find posting files.

Only the public functions live here (`assistant.__init__` exports them lazily). The
console's lint machinery (rendered outcomes, --fix, worker processes) is the lint
command's, in `cli/linting.py`: `lint_paths` lints serially and hands back reports.
`discover` is file discovery's, in `document/discover.py`, and public from here.
Engines are built in the rubric layer (`rubric/build.py`), where `review` can reach
them too; `make_engine` and `engine_for` are public from here as before.
Kept free of heavy imports so `from assistant import lint_text` is as quick as `lint`.
"""

from __future__ import annotations

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
from .rubric.build import engine_for, make_engine
from .rubric.engine import Engine
from .rubric.model import Report

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
