"""Which files a list of command-line paths means: the one home of file discovery.

`lint` and the API take files and folders (`discover`); `review` takes globs too,
because a batch is often named by a pattern the shell did not expand (`expand`). Both
walk a folder the same way, so a folder means the same postings to every command.
Kept to `pathlib` and the loaders' suffix table: this runs on every `lint`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..files import missing_reason
from .loaders import format_for

SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", "venv", ".tox"}
_GLOB = set("*?[")


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


def expand(paths) -> list[tuple[str, str | None]]:
    """Files, folders (their posting files) and globs (every match, .json included:
    a pattern that names exports means them), each with a problem or None."""
    out: list[tuple[str, str | None]] = []
    for raw in map(str, paths):
        if not os.path.exists(raw) and _GLOB & set(raw):
            import glob  # only a pattern needs it; `lint` never does

            matches = sorted(m for m in glob.glob(raw, recursive=True) if os.path.isfile(m))
            out.extend((m, None) for m in matches) if matches else out.append((raw, "no file matches this pattern"))
        else:
            out.extend(discover([raw]))
    seen: set[str] = set()
    return [(p, e) for p, e in out if not (p in seen or seen.add(p))]
