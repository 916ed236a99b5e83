"""A small on-disk cache for work that only changes when its inputs do.

`lint` is started once per file by editors and pre-commit hooks, so start-up is most
of its cost. Validated rule sets and exemplar profiles are kept here, keyed by the
tool version and the size and modification time of every input file. The cache holds
no posting text and no secrets; if it cannot be read or written, work goes on.

Every change of a rule file or of the tool makes a new entry, so storing one also
deletes the entries of its kind that nothing has read for `STALE_DAYS` (by access
time: a cache in daily use keeps its entries; on a `noatime` disk an old entry in use
is recomputed once, which costs a fraction of a second).
"""

from __future__ import annotations

import pickle
import zlib
from collections.abc import Iterable
from pathlib import Path

from ._version import __version__

STALE_DAYS = 30

TYPE_CHECKING = False  # `typing` costs 3 ms of start-up; annotations only need it for checkers
if TYPE_CHECKING:
    from typing import Any


def cache_dir() -> Path | None:
    from .locations import cache_root

    return cache_root()


def key_for(kind: str, files: Iterable[Path], extra: str = "") -> tuple[str, str]:
    """A key that changes when any input file, the tool version or `extra` does.

    The full description is kept in the entry and compared on load, so the short
    checksum in the file name only has to spread entries, not be unique.
    """
    parts = [kind, __version__, extra]
    for path in files:
        st = path.stat()
        parts.append(f"{path}\0{st.st_size}\0{st.st_mtime_ns}")
    full = "\n".join(parts)
    return f"{kind}-{zlib.crc32(full.encode()):08x}-{len(full)}", full


def load(key: tuple[str, str]) -> Any | None:
    folder = cache_dir()
    if folder is None:
        return None
    name, full = key
    try:
        with open(folder / name, "rb") as fh:
            stored_key, value = pickle.load(fh)
    except Exception:  # missing, truncated or from another Python: recompute
        return None
    return value if stored_key == full else None


def store(key: tuple[str, str], value: Any) -> None:
    folder = cache_dir()
    if folder is not None:
        store_file(folder / key[0], (key[1], value))
        kind = key[0].rsplit("-", 2)[0]
        prune(folder.glob(f"{kind}-*-*"), keep=folder / key[0])


def prune(paths: Iterable[Path], keep: Path | None = None) -> None:
    """Delete those of `paths` that nothing has read or written for STALE_DAYS."""
    import time

    cutoff = time.time() - STALE_DAYS * 86400
    for path in paths:
        try:
            st = path.stat()
            if max(st.st_atime, st.st_mtime) < cutoff and path != keep:
                path.unlink()
        except OSError:
            pass


def store_file(path: Path, value: Any) -> None:
    """Pickle `value` to `path` through `files.atomic_write` (no flush to disk: a cache
    lost in a crash is rebuilt); errors are ignored."""
    from .files import atomic_write

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), sync=False)
    except Exception:
        pass
