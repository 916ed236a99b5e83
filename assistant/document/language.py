"""The posting's language and how sure we are: enough to keep English word lists off
other languages, and reported with its confidence in the JSON result.

Why function words first and a library only when they are unsure (figures in
benchmarks/bench_language.py): on 904 postings (corpus, hand-written, mixed, one-line)
the function words of the six languages with lists are right on all but the 8 postings
in languages without a list (Italian, Danish, Portuguese, Polish), and they are unsure
on each of those, at 0.1 ms a posting. Either library costs more than the whole 60 ms
budget of `lint` on one file to load its models: py3langid about 500 ms of CPU and
130 MiB (its 68 MB model is decompressed at start), lingua in low-accuracy mode about
100 ms and 35 MiB. So the function words decide when they are clear, and lingua
(low-accuracy mode, restricted to the languages we know and their neighbours) is
built once, lazily, for a posting of 20 words or more they leave unsure: right on all
28 such postings of the sample, as py3langid is, at a fifth of its time and a quarter
of its memory.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL = re.compile(r"[\uac00-\ud7af]")
_WORD = re.compile(r"[a-zåäöéèàüß]+")
# Links and long tokens (tracking ids, hashes) are letters in no language; lingua reads a
# page of them as Dutch. Taken out before it reads an unsure posting (once per posting).
_NOT_WORDS = re.compile(r"https?://\S*|www\.\S*|\S{25,}")

# Frequent words each language's running text cannot do without. A word two languages
# share counts for both ("en" is Spanish "in" and Dutch "and"); the margin between the
# best and the runner-up is what the confidence reads.
_FUNCTION_WORDS = {
    "en": {"the", "and", "to", "of", "you", "we", "with", "for", "in", "our", "is", "are", "will"},
    "sv": {"och", "att", "för", "med", "som", "är", "vi", "du", "av", "på", "till", "har", "det"},
    "fr": {"et", "les", "des", "pour", "avec", "vous", "nous", "est", "une", "le", "la", "dans", "sur"},
    "de": {"und", "die", "der", "mit", "für", "wir", "sie", "ist", "ein", "eine", "zu", "das", "bei"},
    "es": {"y", "los", "las", "para", "con", "del", "una", "por", "que", "el", "en", "es", "su", "sus", "al", "se", "como", "más",
           "tu", "tus", "nuestro", "nuestra"},
    "nl": {"de", "het", "een", "en", "van", "je", "wij", "zijn", "voor", "met", "op", "ons", "onze", "bij"},
}

# Below this the function words are unsure and the library is asked.
UNSURE = 0.5
# Fewer words than this and the library is not asked: on a few words ("Clerk. Maximum
# age: 40.", "Analyst. Requirements: Master in Statistics.") its fast mode is as sure of
# Dutch as of English, and so short a guess should not take the English rules away.
# The function words' answer stands, with their low confidence. A posting in a language
# with no word list runs to more words than this (the fixtures: 30 and up).
_ENOUGH_WORDS = 20
# The library's share for the function words' language above which their answer stands.
_STILL_LIKELY = 0.1
# The library's choices: the languages above and the CJK ones, plus the EU neighbours a
# posting in them is most often confused with (so Danish is not forced into Swedish).
_LIBRARY_LANGUAGES = ("en", "de", "fr", "es", "nl", "sv", "zh", "ja", "ko", "da", "nb", "it", "pt", "pl", "fi")


def heuristic_language(text: str) -> tuple[str, float]:
    """ISO 639-1 code and a confidence in [0, 1] from CJK characters and function words.

    The confidence is the best language's lead over the runner-up, damped when there is
    little evidence: (best - second) / (best + 4) function words, so a text needs about
    four function words no other language claims before the library is spared. No words at all is
    English with confidence 0, since the rules were written for it.
    """
    sample = text[:3000]
    cjk = len(_CJK.findall(sample)) if _CJK.search(sample) else 0  # most postings have none
    words = _WORD.findall(sample.lower())
    if cjk and cjk >= len(words) * 0.5:
        # Sure from the branch's threshold up (a third of the tokens CJK characters): the
        # library reads a Chinese posting with an English body as English, and the
        # Chinese headings and fields are what English rules would trip on.
        share = cjk / (cjk + len(words))
        confidence = round((0.5 + 0.75 * (share - 1 / 3)) * cjk / (cjk + 2), 3)
        # Japanese writes a good share in kana and Korean in hangul; a Chinese posting
        # may carry a stray kana (an emoticon, a brand) and stays Chinese.
        if len(_KANA.findall(sample)) >= cjk * 0.1:
            return "ja", confidence
        if len(_HANGUL.findall(sample)) >= cjk * 0.3:
            return "ko", confidence
        return "zh", confidence
    if not words:
        return "en", 0.0
    seen = Counter(words)
    counts = {lang: sum(map(seen.__getitem__, vocab)) for lang, vocab in _FUNCTION_WORDS.items()}
    ranked = sorted(counts, key=counts.__getitem__, reverse=True)
    best, second = ranked[0], ranked[1]
    if counts[best] == counts["en"]:  # a tie goes to English
        best, second = "en", (best if best != "en" else second)
    lead = counts[best] - counts[second]
    return best, round(lead / (counts[best] + 4), 3)


@cache
def _library():
    """lingua's detector in low-accuracy mode, built on first need (about 100 ms of CPU
    and 25 MiB: see the module doc)."""
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [getattr(IsoCode639_1, code.upper()) for code in _LIBRARY_LANGUAGES]
    return LanguageDetectorBuilder.from_iso_codes_639_1(*codes).with_low_accuracy_mode().build()


def asks_library(text: str, confidence: float) -> bool:
    """Whether the function words' `confidence` leaves `text` to the library."""
    return confidence < UNSURE and len(_WORD.findall(text[:3000].lower())) >= _ENOUGH_WORDS


def detect_language(text: str) -> tuple[str, float]:
    """ISO 639-1 code and confidence in [0, 1]: the function words when they are clear,
    else lingua's most likely language and its confidence value (the function words'
    language if lingua still gives it a real share)."""
    code, confidence = heuristic_language(text)
    if not asks_library(text, confidence):
        return code, confidence
    values = _library().compute_language_confidence_values(_NOT_WORDS.sub(" ", text[:3000]))
    if not values or values[0].value <= 0:
        return code, confidence
    shares = {v.language.iso_code_639_1.name.lower(): float(v.value) for v in values}
    # The library overrules the function words only when it all but rules their language
    # out: in its fast mode it misreads a short English line as Norwegian (0.8 against
    # 0.2), while a posting in a language with no word list leaves ours near 0.
    found = code if shares.get(code, 0.0) >= _STILL_LIKELY else values[0].language.iso_code_639_1.name.lower()
    return found, round(min(1.0, max(0.0, shares[found])), 3)


def guess_language(text: str) -> str:
    """ISO 639-1 code; English when there is nothing to read."""
    return detect_language(text)[0]
