"""Numbers computed on a posting: words, sentences, reading grade, requirements.

Job postings are mostly lists, so every list item and every line counts as a sentence
(RESEARCH.md §0.3: without that, one seed scores Flesch-Kincaid grade 33). Syllables
are counted by rule, not by dictionary: cmudict costs 750 ms to load and textstat
tries to download it at run time.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..document.model import BOILERPLATE_KINDS, Posting

WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_SENTENCE = re.compile(r"[^.!?。！？]+(?:[.!?。！？]+(?=\s|$)|$)")
_VOWEL_GROUPS = re.compile(r"[aeiouy]+")


@lru_cache(maxsize=65536)
def syllables(word: str) -> int:
    """English syllables by vowel groups, with the usual silent-e and -le fixes."""
    w = word.lower().replace("’", "'")
    if len(w) <= 3:
        return 1
    w = re.sub(r"'s$", "", w)
    count = len(_VOWEL_GROUPS.findall(w))
    if w.endswith("e") and not w.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1
    elif w.endswith("es") and not w.endswith(("ses", "zes", "ces", "ges", "xes")) and count > 1:
        count -= 1
    elif w.endswith("ed") and not w.endswith(("ted", "ded")) and count > 1:
        count -= 1
    return max(count, 1)


def prose_lines(posting: Posting):
    """Lines that carry the posting's own prose: not headings, not stock legal text."""
    kinds = line_section_kinds(posting)
    text = posting.text
    for i, line in enumerate(posting.lines):
        if line.kind in ("text", "bullet") and kinds[i] not in BOILERPLATE_KINDS:
            yield i, line, text[line.body_start : line.end]


def line_section_kinds(posting: Posting) -> list[str]:
    kinds = ["other"] * len(posting.lines)
    for section in posting.sections:
        for i in range(section.first_line, min(section.last_line, len(kinds))):
            kinds[i] = section.kind
    return kinds


def sentences(posting: Posting):
    """(start, end, word count) for each sentence of the prose; a line is at least one."""
    for _, line, body in prose_lines(posting):
        base = line.body_start
        for m in _SENTENCE.finditer(body):
            chunk = m.group()
            n = len(WORD.findall(chunk))
            if n:
                lead = len(chunk) - len(chunk.lstrip())
                yield base + m.start() + lead, base + m.end(), n


def reading_grade(posting: Posting) -> tuple[float | None, int, int]:
    """Flesch-Kincaid grade of the prose, with its word and sentence counts."""
    n_sentences = 0
    n_words = 0
    n_syllables = 0
    for _, _, body in prose_lines(posting):
        words = WORD.findall(body)
        if not words:
            continue
        n_sentences += max(1, len(_SENTENCE.findall(body)))
        n_words += len(words)
        n_syllables += sum(map(syllables, words))
    if not n_words:
        return None, 0, 0
    grade = 0.39 * n_words / n_sentences + 11.8 * n_syllables / n_words - 15.59
    return round(grade, 1), n_words, n_sentences


def requirements(posting: Posting) -> tuple[int, int, tuple[int, int] | None]:
    """Must-haves and nice-to-haves (CONTRACTS.md: leaf items; lead-in lines not counted).

    Returns the two counts and the span of the first must-have heading (or item), so a
    finding about the count can point somewhere.
    """
    must = nice = 0
    anchor = None
    for section in posting.sections:
        if section.kind not in ("requirements", "nice_to_have"):
            continue
        items = [
            ln
            for ln in posting.lines[section.first_line : section.last_line]
            if ln.kind == "bullet" and not ln.lead_in
        ]
        if section.kind == "requirements":
            must += len(items)
            if anchor is None and items:
                head = posting.lines[section.first_line]
                target = head if head.kind == "heading" else items[0]
                anchor = (target.body_start, target.end)
        else:
            nice += len(items)
    return must, nice, anchor


def _norm_sentence(s: str) -> str:
    return " ".join(WORD.findall(s.lower()))


def duplicates(posting: Posting, min_words: int = 8) -> list[tuple[int, int]]:
    """Spans of sentences that repeat an earlier one, adjacent repeats merged."""
    seen: set[str] = set()
    spans: list[tuple[int, int]] = []
    text = posting.text
    for start, end, n in sentences(posting):
        if n < min_words:
            continue
        key = _norm_sentence(text[start:end])
        if key in seen:
            if spans and not text[spans[-1][1] : start].strip():
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((start, end))
        else:
            seen.add(key)
    return spans


def word_count(posting: Posting) -> int:
    return sum(len(WORD.findall(body)) for _, _, body in prose_lines(posting))
