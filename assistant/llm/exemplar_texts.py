"""The exemplar postings as a rewrite prompt shows them, chosen one way for every path.

DESIGN: every rewrite is made against the exemplars, so `rewrite`, `review --rewrite`
and the editor's suggestions all show them, through `prompt_exemplars` (the folder's
texts, made once per process and engine) and `choose` (which of them a posting's
prompt carries). The same choice for every posting of a run keeps the exemplars in the
prompts' shared prefix, the part a provider's prefix cache serves (prompts/README.md).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from .._record import Record

# Enough for a whole posting of usual length: once a provider caches the prompts' shared
# prefix, an exemplar shown whole costs little more than one cut to its first part.
EXEMPLAR_CHARS = 6000
LIMIT = 2  # exemplars in a prompt
_made: dict[tuple[str, int], tuple] = {}  # (digest of the files, id of the engine) → (engine, PromptExemplars)
_KEEP = 8


class PromptExemplars(Record):
    """The usable exemplars of a folder, each as a prompt shows it (scrape noise taken
    out, cut to EXEMPLAR_CHARS), in file order.

    `whole`: a hash of each exemplar's full text, stripped: a posting that is one of
    the exemplars is not shown itself as a reference.
    """

    __slots__ = ("texts", "whole")

    def __init__(self, texts: Sequence[str], whole: Sequence[str] = ()):
        self.texts = tuple(texts)
        self.whole = tuple(whole) or tuple(_hash(t) for t in self.texts)


def prompt_exemplars(engine, folder) -> PromptExemplars:
    """The exemplars of `folder` for rewrite prompts. Kept per engine (its rules decide
    what scrape noise is) and per content of the folder, so a changed file is read again
    and an unchanged one is neither parsed nor linted a second time."""
    from pathlib import Path

    from ..rubric.exemplars import parsed_exemplars

    digest, postings = parsed_exemplars(folder)
    key = (digest, id(engine))
    hit = _made.get(key)
    if hit is not None and hit[0] is engine:
        return hit[1]
    texts, whole = [], []
    for posting in postings:
        if Path(posting.path).suffix not in (".txt", ".md"):
            continue
        texts.append(_without_noise(engine, posting)[:EXEMPLAR_CHARS])
        whole.append(_hash(posting.text))
    made = PromptExemplars(texts, whole)
    if len(_made) >= _KEEP:
        _made.pop(next(iter(_made)))
    _made[key] = (engine, made)  # the engine held, so its id is not reused while this is kept
    return made


def choose(exemplars, posting_text: str, limit: int = LIMIT) -> list[str]:
    """The exemplar texts a prompt for `posting_text` carries: the first `limit`, the
    posting itself left out when it is one of them (it is not its own reference).
    `exemplars`: a `PromptExemplars`, or plain texts (the API, tests)."""
    if exemplars is None:
        return []
    if not isinstance(exemplars, PromptExemplars):
        exemplars = PromptExemplars(list(exemplars))
    own = _hash(posting_text)
    return [text for text, whole in zip(exemplars.texts, exemplars.whole, strict=False) if whole != own][:limit]


def _hash(text: str) -> str:
    return hashlib.sha256(text.strip().encode("utf-8", "surrogatepass")).hexdigest()


def _without_noise(engine, posting) -> str:
    """The exemplar's text without the job-board lines the scrape-noise rule finds."""
    text = posting.text
    report = engine.lint(posting)
    spans = sorted(((f.start, f.end) for f in report.findings if f.rule == "clarity/scrape-noise" and f.start is not None), reverse=True)
    for start, end in spans:
        text = text[:start] + text[end:]
    return text
