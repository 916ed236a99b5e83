"""A cheap language guess, enough to keep English word lists off other languages.

Counts CJK characters and a handful of function words; a library with models would
cost more start-up time than every other check together.
"""

from __future__ import annotations

import re
from collections import Counter

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_WORD = re.compile(r"[a-zåäöéèàüß]+")

_FUNCTION_WORDS = {
    "en": {"the", "and", "to", "of", "you", "we", "with", "for", "in", "our", "is", "are", "will"},
    "sv": {"och", "att", "för", "med", "som", "är", "vi", "du", "av", "på", "till", "har", "det"},
    "fr": {"et", "les", "des", "pour", "avec", "vous", "nous", "est", "une", "le", "la", "dans", "sur"},
    "de": {"und", "die", "der", "mit", "für", "wir", "sie", "ist", "ein", "eine", "zu", "das", "bei"},
    "es": {"y", "los", "las", "para", "con", "del", "una", "por", "que", "el", "en", "es", "su"},
}


def guess_language(text: str) -> str:
    """ISO 639-1 code; English when unsure, since the rules were written for it."""
    sample = text[:3000]
    cjk = len(_CJK.findall(sample)) if _CJK.search(sample) else 0  # most postings have none
    words = _WORD.findall(sample.lower())
    if cjk and cjk >= len(words) * 0.5:
        if re.search(r"[\u3040-\u30ff]", sample):
            return "ja"
        if re.search(r"[\uac00-\ud7af]", sample):
            return "ko"
        return "zh"
    if not words:
        return "en"
    seen = Counter(words)
    counts = {lang: sum(map(seen.__getitem__, vocab)) for lang, vocab in _FUNCTION_WORDS.items()}
    best = max(counts, key=counts.__getitem__)
    if best != "en" and counts[best] > counts["en"] * 1.5:
        return best
    return "en"
