"""The house structure, learned from exemplar postings (`seeds/` or `--exemplars DIR`).

Only structure is taken (CONTRACTS.md): which headed sections the exemplars share, in
what order, and how long their lists run. The profile can add expectations; the
universal ones (pay, location, EEO…) apply whatever the exemplars lack.

The folder is parsed once per process (`load_exemplars`): the profile, a draft's outline
and every rewrite prompt of a run share those postings. The parse is kept under a hash
of the files' names and bytes, so a file changed meanwhile (the editor runs for hours)
is read again; the hash costs a read of a few small files, the parse it saves costs far
more and would otherwise come with each rewrite.
"""

from __future__ import annotations

from pathlib import Path

from .._record import Record
from ..document.loaders import LoadError, format_for, load_path

# Kinds that say nothing about a team's chosen structure.
_NOT_STRUCTURE = {"other", "eeo_statement", "accommodation_statement"}


class ExemplarProfile(Record):
    __slots__ = ("kinds", "list_sizes")

    def __init__(self, kinds: list[str] | None = None, list_sizes: dict[str, float] | None = None):
        self.kinds = kinds or []  # shared by most exemplars, in their usual order
        self.list_sizes = list_sizes or {}  # mean items per section kind


def exemplar_files(folder: Path) -> list[Path]:
    """The posting files of an exemplar folder, in name order."""
    return [p for p in sorted(folder.iterdir()) if p.is_file() and format_for(p)] if folder.is_dir() else []


# Parses of exemplar folders this process has made: tests count them (one per folder
# and content, however many postings a run rewrites).
parses = 0
_parsed: dict[str, tuple] = {}  # digest of the files → their postings
_KEEP = 8  # folders (or versions of one) kept parsed; an editor session may switch a few times


def load_exemplars(folder: str | Path) -> list:
    """The exemplar postings in `folder` (unreadable files skipped), parsed once per
    process and content. The postings are shared: callers read them, never change them."""
    return list(parsed_exemplars(folder)[1])


def parsed_exemplars(folder: str | Path) -> tuple[str, tuple]:
    """(digest of the folder's files, their postings): `load_exemplars` with the key it
    is kept under, for callers that keep something made from the postings too."""
    files = exemplar_files(Path(folder))
    key = digest(files)
    return key, _load(files, key)


def digest(files: list[Path]) -> str:
    """A hash of the files' names and bytes: what the parse of them is kept under."""
    import hashlib  # not at the top: `lint` (a cached profile) never needs it, and it costs start-up

    h = hashlib.sha256()
    for path in files:
        try:
            data = path.read_bytes()
        except OSError:
            data = b"\0unreadable"
        h.update(f"{path.resolve()}\0{len(data)}\0".encode("utf-8", "surrogatepass"))
        h.update(data)
    return h.hexdigest()


def _load(files: list[Path], key: str | None = None) -> tuple:
    global parses
    key = key or digest(files)
    hit = _parsed.get(key)
    if hit is not None:
        return hit
    parses += 1
    postings = []
    for path in files:
        try:
            # With facts: a rewrite prompt lints the exemplars to drop their scrape
            # noise, and the lint needs them (a few ms per posting, once).
            postings.append(load_path(path))
        except LoadError:
            continue
    if len(_parsed) >= _KEEP:
        _parsed.pop(next(iter(_parsed)))
    _parsed[key] = found = tuple(postings)
    return found


def forget_parsed() -> None:
    """Drop every parse kept (tests that count parses start from none)."""
    global parses
    _parsed.clear()
    parses = 0


def build_profile(folder: Path) -> ExemplarProfile:
    """The profile of the postings in `folder`, reused from the cache while they are unchanged."""
    from .. import cache

    files = exemplar_files(folder)
    key = cache.key_for("profile", files, str(folder))
    cached = cache.load(key)
    if isinstance(cached, ExemplarProfile):
        return cached
    profile = _profile(files)
    cache.store(key, profile)
    return profile


def _profile(files: list[Path]) -> ExemplarProfile:
    postings = _load(files)
    profile = ExemplarProfile()
    if not postings:
        return profile
    seen: dict[str, int] = {}
    order: dict[str, list[int]] = {}
    sizes: dict[str, list[int]] = {}
    for posting in postings:
        kinds_here: list[str] = []
        for section in posting.sections:
            if section.kind in _NOT_STRUCTURE or section.kind in kinds_here:
                continue
            kinds_here.append(section.kind)
            items = sum(1 for ln in posting.lines[section.first_line : section.last_line] if ln.kind == "bullet" and not ln.lead_in)
            if items:
                sizes.setdefault(section.kind, []).append(items)
        for position, kind in enumerate(kinds_here):
            seen[kind] = seen.get(kind, 0) + 1
            order.setdefault(kind, []).append(position)
    majority = len(postings) / 2
    shared = [k for k, n in seen.items() if n > majority]
    profile.kinds = sorted(shared, key=lambda k: sum(order[k]) / len(order[k]))
    profile.list_sizes = {k: round(sum(v) / len(v), 1) for k, v in sizes.items() if k in shared}
    return profile
