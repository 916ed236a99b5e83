"""Keep compiled regular expressions across runs of the command line.

Compiling the expressions of the rules and of fact detection is most of `lint`'s
start-up (about 35 ms of a 60 ms budget): Python parses and assembles every pattern
in Python code, every run. This module stores what that work produces (the SRE code
of each pattern) in the cache folder and, on the next run, hands the stored patterns
to `re`'s own cache before anything is imported, so `re.compile` finds them there,
and the rules' patterns to `compile` here.

It leans on CPython internals (`re._cache`, `re._compiler`, `_sre.compile`), so it is
keyed by the exact Python version and SRE magic number, checks every entry (`_sre`
validates the code it is given), and does nothing at all if anything looks wrong:
patterns are then compiled as usual. `POSTING_ASSISTANT_NO_CACHE=1` turns it off.
"""

from __future__ import annotations

import pickle
import re
import sys

# Two kinds of entry: what `re`'s own cache held (patterns compiled at import, at most
# re._MAXCACHE of them), and the rules' patterns compiled through `compile` below,
# kept here without a limit so hundreds of rule patterns do not evict each other.
_loaded: set[tuple[str, str, int]] = set()
_store: dict[tuple[str, int], re.Pattern[str]] = {}
_primed = False  # once per process


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile`, answered from the stored patterns when it can be."""
    compiled = _store.get((pattern, flags))
    if compiled is None:
        from re import _compiler

        # Not through re.compile: its cache would hold the pattern a second time.
        compiled = _store[pattern, flags] = _compiler.compile(pattern, flags)
    return compiled


def _path():
    import _sre

    from .locations import cache_root

    folder = cache_root()
    if folder is None:
        return None
    version = ".".join(map(str, sys.version_info[:3]))
    return folder / f"regex-{sys.implementation.cache_tag}-{version}-{_sre.MAGIC}.pickle"


def prime() -> None:
    """Load the stored patterns, and save new ones when the run ends."""
    global _primed
    if _primed or sys.implementation.name != "cpython" or not hasattr(re, "_cache"):
        return
    _primed = True
    path = _path()
    if path is None:
        return
    import _sre
    from array import array

    try:
        with open(path, "rb") as fh:
            entries = pickle.load(fh)
        for where, pattern, flags, final_flags, code, groups, groupindex, indexgroup in entries:
            words = array(_sre.CODESIZE == 4 and "I" or "H")
            words.frombytes(code)
            compiled = _sre.compile(pattern, final_flags, words.tolist(), groups, groupindex, indexgroup)
            if where == "re":
                re._cache[type(pattern), pattern, flags] = compiled
            else:
                _store[pattern, flags] = compiled
            _loaded.add((where, pattern, flags))
    except Exception:  # missing, stale or damaged: compile as usual
        _loaded.clear()
        _store.clear()
    global _save_to
    _save_to = path
    import atexit

    atexit.register(save)


_save_to = None  # where `save` writes, once `prime` has run


def save() -> None:
    """Store the patterns compiled since `prime`, if any (at exit, or called early)."""
    if _save_to is None:
        return
    keys = [("re", k[1], k[2]) for k in list(re._cache) if k[0] is str]
    keys += [("store", pattern, flags) for pattern, flags in _store]
    if not set(keys) - _loaded:
        return
    _loaded.update(keys)
    path = _save_to
    import _sre
    from array import array
    from re import _compiler, _parser

    entries = []
    for where, pattern, flags in keys:
        try:
            parsed = _parser.parse(pattern, flags)
            # As machine words: a pickled list of small ints takes five times as long to load.
            code = array(_sre.CODESIZE == 4 and "I" or "H", [int(op) for op in _compiler._code(parsed, flags)]).tobytes()
            groupindex = parsed.state.groupdict
            indexgroup = [None] * parsed.state.groups
            for name, i in groupindex.items():
                indexgroup[i] = name
            entries.append(
                (where, pattern, flags, flags | parsed.state.flags, code, parsed.state.groups - 1, dict(groupindex), tuple(indexgroup))
            )
        except Exception:
            continue
    from .cache import store_file

    store_file(path, entries)
