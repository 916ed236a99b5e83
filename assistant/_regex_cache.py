"""Keep compiled regular expressions across runs of the command line.

Compiling the expressions of the rules and of fact detection is most of `lint`'s
start-up (about 35 ms of a 60 ms budget): Python parses and assembles every pattern
in Python code, every run. This module stores what that work produces (the SRE code
of each pattern) in the cache folder and, on the next run, hands the stored patterns
to `re`'s own cache before anything is imported, so `re.compile` finds them there.

It leans on CPython internals (`re._cache`, `re._compiler`, `_sre.compile`), so it is
keyed by the exact Python version and SRE magic number, checks every entry (`_sre`
validates the code it is given), and does nothing at all if anything looks wrong:
patterns are then compiled as usual. `POSTING_ASSISTANT_NO_CACHE=1` turns it off.
"""

from __future__ import annotations

import pickle
import re
import sys

_loaded: set[tuple[str, int]] = set()
_primed = False  # once per process


def _path():
    import _sre

    from .cache import cache_dir

    folder = cache_dir()
    if folder is None:
        return None
    version = ".".join(map(str, sys.version_info[:3]))
    return folder / f"regex-{sys.implementation.cache_tag}-{version}-{_sre.MAGIC}.pickle"


def prime() -> None:
    """Put the stored patterns into `re`'s cache, and save new ones when the run ends."""
    global _primed
    if _primed or sys.implementation.name != "cpython" or not hasattr(re, "_cache"):
        return
    _primed = True
    path = _path()
    if path is None:
        return
    import _sre

    try:
        with open(path, "rb") as fh:
            entries = pickle.load(fh)
        for pattern, flags, final_flags, code, groups, groupindex, indexgroup in entries:
            compiled = _sre.compile(pattern, final_flags, code, groups, groupindex, indexgroup)
            re._cache[type(pattern), pattern, flags] = compiled
            _loaded.add((pattern, flags))
    except Exception:  # missing, stale or damaged: compile as usual
        _loaded.clear()
    import atexit

    atexit.register(_save, path)


def _save(path) -> None:
    new = [key for key in list(re._cache) if key[0] is str and (key[1], key[2]) not in _loaded]
    if not new:
        return
    from re import _compiler, _parser

    entries = []
    for _, pattern, flags in [k for k in re._cache if k[0] is str]:
        try:
            parsed = _parser.parse(pattern, flags)
            code = [int(op) for op in _compiler._code(parsed, flags)]  # named constants do not pickle
            groupindex = parsed.state.groupdict
            indexgroup = [None] * parsed.state.groups
            for name, i in groupindex.items():
                indexgroup[i] = name
            entries.append(
                (pattern, flags, flags | parsed.state.flags, code, parsed.state.groups - 1, dict(groupindex), tuple(indexgroup))
            )
        except Exception:
            continue
    from .cache import store_file

    store_file(path, entries)
