"""The Python API behind `lint`: load postings, build an engine, lint.

Kept free of heavy imports so `from assistant import lint_text` is as quick as `lint`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Iterable, Iterator

from .document.loaders import LoadError, format_for, load_path, posting_from_text
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


def discover(paths: Iterable[str | Path]) -> Iterator[tuple[str, str | None]]:
    """Expand folders into posting files (sorted); yields (path, error or None)."""
    for raw in paths:
        path = Path(raw)
        if str(raw) == "-":
            yield "-", None
        elif path.is_dir():
            found = sorted(
                p for p in path.rglob("*")
                if p.is_file() and format_for(p) and not (SKIP_DIRS & set(p.relative_to(path).parts[:-1]))
            )
            for p in found:
                yield str(p), None
        elif path.is_file():
            yield str(raw), None
        elif path.exists():
            yield str(raw), "not a regular file"
        else:
            yield str(raw), "no such file or directory"


__all__ = ["LoadError", "make_engine", "lint_text", "lint_file", "discover"]
