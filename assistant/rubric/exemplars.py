"""The house structure, learned from exemplar postings (`seeds/` or `--exemplars DIR`).

Only structure is taken (CONTRACTS.md): which headed sections the exemplars share, in
what order, and how long their lists run. The profile can add expectations; the
universal ones (pay, location, EEO…) apply whatever the exemplars lack.
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


def load_exemplars(folder: str | Path) -> list:
    """The exemplar postings in `folder`, parsed for structure only; unreadable files are skipped."""
    return _load(exemplar_files(Path(folder)))


def _load(files: list[Path]) -> list:
    postings = []
    for path in files:
        try:
            postings.append(load_path(path, facts=False))
        except LoadError:
            continue
    return postings


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
