"""The Python API: lint text, files and folders; build an engine; find posting files.

Only the public functions live here (`assistant.__init__` exports them lazily). The
console's lint machinery (rendered outcomes, --fix, worker processes) is the lint
command's, in `cli/linting.py`: `lint_paths` lints serially and hands back reports.
Engines are built in the rubric layer (`rubric/build.py`), where `review` can reach
them too; `make_engine` and `engine_for` are public from here as before.
Kept free of heavy imports so `from assistant import lint_text` is as quick as `lint`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from .document.loaders import (
    LoadError,
    format_for,
    load_path,
    load_postings,
    load_stdin,
    posting_from_text,
)
from .files import missing_reason
from .rubric.build import engine_for, make_engine
from .rubric.engine import Engine
from .rubric.model import Report

SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv", ".tox"}


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


__all__ = ["LoadError", "make_engine", "engine_for", "lint_text", "lint_file", "lint_paths", "discover"]
