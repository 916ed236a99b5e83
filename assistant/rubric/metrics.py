"""Numbers computed on a posting: words, sentences, reading grade, requirements.

Job postings are mostly lists, so every list item and every line counts as a sentence
(RESEARCH.md §0.3: without that, one seed scores Flesch-Kincaid grade 33). Syllables
are counted by rule, not by dictionary: cmudict costs 750 ms to load and textstat
tries to download it at run time.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..document.headings import heading_kind
from ..document.model import BOILERPLATE_KINDS, Posting
from ..document.pieces import ITEM_OPENERS
from .asks import requirements  # noqa: F401  (the count is a metric; `asks` says what counts)

# A word: letters, with the apostrophes, hyphens and dots inside it ("don't",
# "well-known", "Login.gov" are one word each, as readability formulas count them).
WORD = re.compile(r"[^\W\d_]+(?:['’.-][^\W\d_]+)*")
_VOWEL_GROUPS = re.compile(r"[aeiouy]+")
# Web addresses are not words: a tracking link would otherwise count as a 200-word sentence.
_URL = re.compile(r"(?:https?://|www\.)\S+|\]\([^)\s]*\)")


# A long run of letters and figures is an identifier (a hashed link or e-mail left by an
# anonymising scrape, "#URL_ec64af2b…#", a tracking token), not words: its letters
# would count as a dozen words. Looked for only in sentences long enough to matter.
_TOKEN = re.compile(r"\w{24,}")
_TOKENS_FROM = 30


def _no_id(m: re.Match) -> str:
    return " " if any(c.isdigit() for c in m.group()) else m.group()


def _without_urls(chunk: str) -> str:
    if "http" in chunk or "www." in chunk or "](" in chunk:
        return _URL.sub(" ", chunk)
    return chunk


@lru_cache(maxsize=65536)
def syllables(word: str) -> int:
    """English syllables by vowel groups, with the usual silent-e and -le fixes."""
    w = word.lower().replace("’", "'")
    if len(w) <= 3:
        return 1
    if w.endswith("'s"):
        w = w[:-2]
    count = len(_VOWEL_GROUPS.findall(w))
    if w.endswith("e") and not w.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1
    elif w.endswith("es") and not w.endswith(("ses", "zes", "ces", "ges", "xes")) and count > 1:
        count -= 1
    elif w.endswith("ed") and not w.endswith(("ted", "ded")) and count > 1:
        count -= 1
    return max(count, 1)


def line_section_kinds(posting: Posting) -> list[str]:
    kinds = ["other"] * len(posting.lines)
    for section in posting.sections:
        for i in range(section.first_line, min(section.last_line, len(kinds))):
            kinds[i] = section.kind
    return kinds


# A sentence ends at . ! ? followed by white space, or at the end of its line;
# "e.g." and "3.5" stay inside it.
_LINE_SENTENCE = re.compile(
    r"[^.!?。！？\n]+(?:[.!?。！？]+(?=[^\s.!?。！？])[^.!?。！？\n]*)*(?:[.!?。！？]+(?=\s|$)|$)", re.M
)


def prose(posting: Posting, kinds: list[str] | None = None) -> tuple[list[tuple[int, int, int]], list[str], int]:
    """The prose's sentences as (start, end, word count), a line at least one; each
    sentence's words joined by spaces; and the syllables of all of them.

    One regex pass over the whole text, then a filter by line, rather than a pass per
    line: postings have hundreds of short lines. Linear in the text. The words are
    kept as one string per sentence, not one object per word (a 20 MB posting's
    three million words took 170 MB), and their syllables are counted here, in the
    same pass, so the reading grade does not split the text again.
    """
    text = posting.text
    lines = posting.lines
    if not lines:
        return [], [], 0
    kinds = kinds if kinds is not None else line_section_kinds(posting)
    keep = [ln.kind in ("text", "bullet") and kinds[i] not in BOILERPLATE_KINDS for i, ln in enumerate(lines)]
    starts = [ln.start for ln in lines]
    out = []
    texts: list[str] = []
    n_syllables = 0
    pending: list[str] = []  # words whose syllables are counted in batches, not per sentence
    for s, e, i in _clipped(_LINE_SENTENCE.finditer(text), starts):
        if not keep[i]:
            continue
        s = max(s, lines[i].body_start)  # a bullet marker is not part of the sentence
        for ps, pe in _pieces(text, s, e):
            chunk = text[ps:pe]
            found = WORD.findall(_without_urls(chunk))
            if len(found) > _TOKENS_FROM:
                found = WORD.findall(_TOKEN.sub(_no_id, _without_urls(chunk)))
            if found:
                pending += found
                if len(pending) > 10_000:
                    n_syllables += sum(map(syllables, pending))
                    pending.clear()
                texts.append(" ".join(found))
                lead = len(chunk) - len(chunk.lstrip())
                out.append((ps + lead, pe - (len(chunk) - len(chunk.rstrip())), len(found)))
    return out, texts, n_syllables + sum(map(syllables, pending))


def _clipped(matches, starts: list[int]):
    """(start, end, line index) for each sentence match, cut where a line begins inside it.

    A sentence never crosses a line break, but a long line cut into pieces (items,
    labelled fields: `document/pieces.py`) has line starts inside it, and each piece is
    a sentence of its own, in its own section. Linear: matches and starts both go forward.
    """
    i, n = 0, len(starts)
    for m in matches:
        s, e = m.span()
        while i + 1 < n and starts[i + 1] <= s:
            i += 1
        while i + 1 < n and starts[i + 1] < e:
            yield s, starts[i + 1], i
            i += 1
            s = starts[i]
        yield s, e, i


# Where a scrape ran sentences or list items together, the sentence pattern sees one
# sentence: an end glued to the next start ("…the specialty.Work environment;This…"),
# a label glued to its text ("…Experience:Has a degree"), items joined by bullet marks
# on one line, or by the "??" a scrape leaves where it lost a bullet's character. All
# end a sentence here. Two lower-case letters before the stop keep "U.S.A" and
# "Node.js" whole.
#
# Also: a semicolon followed by a capital ("…the curriculum; Collaborate with…"): prose
# goes on in lower case after a semicolon, items start with a capital; a stop followed
# by a non-breaking space left as an entity ("…the system.&nbsp; A successful…"); the
# word left where a scrape dropped the "&" and ";" of a bullet entity ("… ecosystems
# bull In-depth knowledge …"); and form-field labels with the space before the colon
# ("details :Full Name :Email :Phone"); and asterisk bullets left inline ("… controls
# * Engage management …").
_RUN_TOGETHER_PROBE = re.compile(r"[.!?;:][A-Z]|[•·▪●◦]|\?\?")
_SEMICOLON_ITEM = re.compile(r";[ \t]+[A-Z]")
# Characters: a sentence shorter than this is no long one to cut, so the rarer joins and
# the items opened by a capital are looked for only in longer ones.
_LONG_FROM = 150
_RUN_TOGETHER = re.compile(
    r"(?<=[a-z]{2}[.!?;:])(?=[A-Z][a-z])|[ \t]*[•·▪●◦][ \t]*|\?{2,}[ \t]*|(?<=;)[ \t]+(?=[A-Z][a-z])"
    r"|(?<=[.!?])&nbsp;[ \t]*|[ \t]+bull[ \t]+(?=[A-Z])|[ \t]+:(?=[A-Z])|[ \t]+\*[ \t]+(?=[A-Z])"
)
# An item glued to the next with no space at all ("…to completionManages projects…"):
# a lower-case word of three letters or more, then a capitalised one. A word that is
# capitalised itself ("JavaScript", "PowerPoint", "LinkedIn") or one letter ("iPhone")
# is a name, and stays whole (see `_glued`).
_CAMEL = re.compile(r"[a-z][A-Z][a-z]")
# Items joined by spaced dashes ("… dashboard design - expertise in R … - experience
# with …"), or by a dash a scrape glued to the item before ("… office support- Flexible
# hours- An exciting …"): past this many in one sentence it is a list, not a sentence
# with an aside. Searched only in a sentence that has a dash (`_dash_items`).
_DASH_ITEMS = 3
_ITEM_DASH = re.compile(r"[ \t][-–—][ \t]|(?<=[a-z])-[ \t]+(?=[A-Z0-9])")


def _pieces(text: str, s: int, e: int):
    """The sentence text[s:e] cut where a scrape ran sentences or items together; linear."""
    at = s
    for ps, pe in _run_together(text, s, e):
        if ps > at:
            for ds, de in _dash_items(text, at, ps):
                yield from _opened_items(text, ds, de)
        at = pe
    if e > at:
        for ds, de in _dash_items(text, at, e):
            yield from _opened_items(text, ds, de)


# Items a scrape joined with nothing but a space ("… the quarterly budget Develop vendor
# plans Coordinate …"): a word that opens a list item ("Develop", "Strong", "Experience",
# `pieces.ITEM_OPENERS`), capitalised, straight after a lower-case word or a figure.
# Mid-sentence, such a capital is a name at most once ("our Support team"); with
# `_OPENED_ITEMS` of them in one stretch it is a list, cut before each. Some openers are
# never names: a capitalised function word ("… the home office You can expect …",
# "… a peer mentor A network …", "You blog, You have shipped …") and verbs that do not
# name teams or products ("… program design Understand the current state …"); one of
# those is enough. A semicolon list whose items start with capitals is cut at the
# semicolons (`_RUN_TOGETHER`); one its writer wrote as prose, in lower case after each
# semicolon, stays one sentence (the fresh reads judged those long sentences).
_SURE_WORDS = frozenset("The You Your We Our Here This These What If They Their There Please Are Do A An".split())
_SURE_VERBS = frozenset(
    "Ensure Ensures Collaborate Collaborates Identify Identifies Implement Implements Analyze Analyzes Analyse "
    "Communicate Communicates Prepare Prepares Conduct Conducts Coordinate Coordinates Maintain Maintains Perform "
    "Performs Participate Participates Assist Assists Develop Develops Manage Manages Provide Provides Create Creates "
    "Understand Advise Refine Recognize Recognise Contribute Determine Generate Oversee Oversees Produce Produces "
    "Evaluate Establish Facilitate Resolve Respond Troubleshoot Deploy Engage Negotiate Recommend Interpret Know "
    "Demonstrates Demonstrate Administer Administers Apply Applies Abide Execute Executes Operate Operates Complete "
    "Completes Supervise Supervises Handle Handles Respond Responds Follow Follows Enjoy Enjoys Thrive Thrives".split()
)
_MAYBE_NAMES = frozenset(
    "Train Order Research Present Enter Mentor Commission Has Clear Attention Effective Exceptional Outstanding Great "
    "Positive Fluent Familiar Highly Timely Keen Reliable Flexible Organized Organised Prep".split()
)
_ALL_OPENERS = ITEM_OPENERS | _SURE_VERBS | _MAYBE_NAMES | _SURE_WORDS
# A capitalised word after a space (the character before it matched, the word looked
# up in `_ALL_OPENERS`): one scan with a character class, where an alternation of the
# two hundred openers was tried word by word at every position.
_CAPITALISED = re.compile(r"\S(?= ([A-Z][a-z]*)\b)")
_OPENED_ITEMS = 2
# After a function word the item may follow a name or a bracket ("… Power BI You know
# …", "…, You have …"); "A" only after a lower-case word ("Plan A", "Type A" are names).
_BEFORE_WORD = frozenset(",:)…")
_PREV_REACH = 25
# An item never starts straight after a determiner: there the capital is a name.
_DETERMINERS = frozenset("the our your their its a an this that each every any my his her".split())
# A run of job-board fields ("Job Type: Full-time Pay: $80,000 a year Benefits: Dental
# insurance … Schedule: Monday to Friday"): past `_FIELDS` labels in one stretch, each
# label opens a piece. A sentence with one or two labels in it ("the following
# disciplines: Software engineering, Design…") stays whole.
_FIELD = re.compile(r"\b[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?[ \t]?:[ \t]")
# A heading in capitals that a scrape ran into the text, between a lower-case word and
# the next item ("… optimize data processes QUALIFICATIONS Extensive experience …"):
# it ends the item before it and opens the next. Only words that name a section count.
_CAPS_HEADING = re.compile(r"[a-z,.;] ([A-Z]{4,}(?: (?:[A-Z]{2,}|&))*) (?=[A-Z])")
_FIELDS = 3


def _title_case(text: str, prev: str, end: int, e: int) -> bool:
    """Whether a function word stands in a run of capitalised words or before a colon
    ("Who We Are:", "About Our Team"): then it opens no item."""
    k = end
    while k < e and text[k] == " ":
        k += 1
    if k >= e or text[k] == ":":
        return True
    return bool(prev) and prev[0].isupper() and text[k].isupper()


def _opened_items(text: str, s: int, e: int):
    """text[s:e], cut before each item opener joined to the word before by a space only,
    when it has `_OPENED_ITEMS` or more of them (or one sure one), and before each field
    label when it has `_FIELDS` or more; linear."""
    if e - s < _LONG_FROM:
        yield s, e
        return
    cuts, sure = [], False
    for m in _CAPITALISED.finditer(text, s, e):
        word = m.group(1)
        if word not in _ALL_OPENERS:
            continue
        k = m.end() + 1
        before = text[k - 2]
        prev = text[max(s, k - _PREV_REACH) : k - 1].rpartition(" ")[2]  # the word before (bounded look back)
        if prev.lower() in _DETERMINERS:
            continue  # "our Support team", "the Design group": a name, not an item
        if word in _SURE_WORDS and _title_case(text, prev, k + len(word), e):
            continue  # "Who We Are:", "What You Will Do": a heading's words, not an item start
        if (before.islower() or before.isdigit()) and (
            word in _SURE_WORDS or not prev[:1].isupper() or (word in _SURE_VERBS and word.endswith("s"))
        ):
            # after a capitalised word, a capitalised opener is a name's second word
            # ("General Schedule", "Customer Support"), not an item's first; a verb
            # in -s is no name's ("… Sustainable Relationships Communicates with …")
            cuts.append(k)
            sure = sure or word in _SURE_WORDS or word in _SURE_VERBS
        elif word in _SURE_WORDS and (before in _BEFORE_WORD or (before.isupper() and word != "A")):
            cuts.append(k)
            sure = True
    for m in _CAPS_HEADING.finditer(text, s, e):
        if heading_kind(m.group(1)) is not None:  # "… data processes QUALIFICATIONS Extensive …"
            cuts += [m.start(1), m.end(1) + 1]
            sure = True
    cuts = sorted(set(cuts))
    fields = [m.start() for m in _FIELD.finditer(text, s, e)] if text.count(":", s, e) >= _FIELDS else []
    if len(fields) >= _FIELDS:
        cuts = sorted(set(cuts) | {k for k in fields if k > s})
        sure = True
    if not cuts or (len(cuts) < _OPENED_ITEMS and not sure):
        yield s, e
        return
    at = s
    for cut in cuts:
        yield at, cut
        at = cut
    yield at, e


def _run_together(text: str, s: int, e: int):
    """(start, end) of each separator in text[s:e]: glued stops, bullet marks, glued words; in order."""
    # `_RUN_TOGETHER` opens with a lookbehind, so it is tried at every character; this
    # probe, which skips to its stops and marks, finds a place every match needs.
    cuts = [m.span() for m in _RUN_TOGETHER.finditer(text, s, e)] if _probe(text, s, e) else []
    glued = [(k, k) for k in _glued(text, s, e)]
    if e - s >= _LONG_FROM:  # rarer joins, looked for only where a long sentence could hide them
        glued += [(k, k) for k in _acronym_glued(text, s, e)]
    if glued:
        cuts = sorted(cuts + glued)
    if cuts and _has_url(text, s, e):
        # A web address is not run-together text: "…clk?ad=x9Kp.Ab" is one token.
        cuts = _outside(cuts, [m.span() for m in _URL.finditer(text, s, e)])
    return cuts


def _probe(text: str, s: int, e: int) -> bool:
    """Whether text[s:e] holds a place every `_RUN_TOGETHER` match needs: substring
    tests first (the common case, a sentence with none, costs a few scans in C)."""
    if _RUN_TOGETHER_PROBE.search(text, s, e) is not None:
        return True
    if e - s < _LONG_FROM:
        return False  # the rarer marks matter where a sentence could be long
    if text.find("&nbsp;", s, e) >= 0 or text.find(" bull ", s, e) >= 0 or text.find(" * ", s, e) >= 0:
        return True
    return text.find(";", s, e) >= 0 and _SEMICOLON_ITEM.search(text, s, e) is not None


def _outside(cuts: list[tuple[int, int]], spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The cuts (in order) that do not start inside one of `spans` (in order); linear."""
    kept, k = [], 0
    for cut in cuts:
        while k < len(spans) and spans[k][1] <= cut[0]:
            k += 1
        if not (k < len(spans) and spans[k][0] <= cut[0] < spans[k][1]):
            kept.append(cut)
    return kept


def _has_url(text: str, s: int, e: int) -> bool:
    return text.find("http", s, e) >= 0 or text.find("www.", s, e) >= 0 or text.find("](", s, e) >= 0


def _glued(text: str, s: int, e: int):
    """Where a lower-case word runs into a capitalised one with no space (see `_CAMEL`).

    Linear: the look back from each join stays inside its own word, and the words
    before two joins do not overlap.
    """
    for m in _CAMEL.finditer(text, s, e):
        join = m.start() + 1
        k = m.start()
        while k > s and text[k - 1].isalpha() and text[k - 1].islower():
            k -= 1
        if join - k >= 3 and not (k > s and text[k - 1].isalpha()):
            yield join


# An item glued to an acronym that ends the one before ("… programs such as OSHA
# VPPHas or is working toward …"): capitals, then an item opener. Only openers: an
# acronym runs into a word in names too ("SQLite", "XMLHttpRequest").
_ACRONYM_JOIN = re.compile(r"[A-Z]{2}(?=[A-Z][a-z])")


def _acronym_glued(text: str, s: int, e: int):
    """Where an acronym runs into an item opener with no space (see `_ACRONYM_JOIN`), or
    a word into a capitalised function word ("… ResponsibilitiesThe inspector …")."""
    found = []
    for m in _ACRONYM_JOIN.finditer(text, s, e):
        join = m.end()
        word = _WORD_AT.match(text, join, e)
        if word and word.group() in _ALL_OPENERS:
            found.append(join)
    for m in _GLUED_WORD.finditer(text, s, e):
        found.append(m.start() + 1)
    yield from sorted(found)


# A capitalised function word glued to the word before, then a space: "ResponsibilitiesThe
# inspector", never a name ("YouTube" has no space after "You").
_GLUED_WORD = re.compile(r"[a-z](?:The|You|Your|We|Our|This)(?=[ \t])")


_WORD_AT = re.compile(r"[A-Z][a-z]+")


def _dash_items(text: str, s: int, e: int):
    """text[s:e], cut at its spaced dashes when it has `_DASH_ITEMS` or more of them."""
    chunk = text[s:e]
    dashes = list(_ITEM_DASH.finditer(text, s, e)) if "-" in chunk or "–" in chunk or "—" in chunk else []
    # A list lead-in ("… engineers who want to: - Hack on … - Sift through …") makes
    # even one or two dashes items.
    if len(dashes) < _DASH_ITEMS and not (dashes and text[s : dashes[0].start()].rstrip().endswith(":")):
        yield s, e
        return
    at = s
    for m in dashes:
        if m.start() > at:
            yield at, m.start()
        at = m.end()
    if e > at:
        yield at, e


def reading_grade(found: list[tuple[int, int, int]], texts: list[str], n_syllables: int) -> tuple[float | None, int, int]:
    """Flesch-Kincaid grade of the prose (sentences, words and syllables from `prose`), with its counts."""
    n_words = sum(n for _, _, n in found)
    if not found or not n_words:
        return None, 0, 0
    grade = 0.39 * n_words / len(found) + 11.8 * n_syllables / n_words - 15.59
    return round(grade, 1), n_words, len(found)


def _wrapped_sentences(text: str, found: list[tuple[int, int, int]], texts: list[str]):
    """`prose`'s sentences with the lines of a hard-wrapped sentence joined again: a line
    that ends with no stop, followed by a line opening lower-case, goes on with it.
    Parallel items wrapped at a fixed width ("Experience writing plans for the" /
    "redress of fraud.") share their first line, which is not a repeated sentence.
    Linear: each gap between two sentences is read once."""
    unit: list | None = None
    for (start, end, n), words in zip(found, texts, strict=False):
        if unit is not None:
            gap = text[unit[1] : start]
            if (
                text[unit[1] - 1 : unit[1]] not in _STOPS and text[start : start + 1].islower()
                and gap.count("\n") == 1 and not gap.strip()
            ):
                unit[1], unit[2], unit[3] = end, unit[2] + n, unit[3] + " " + words
                continue
            yield unit
        unit = [start, end, n, words]
    if unit is not None:
        yield unit


_STOPS = frozenset(".!?:;。！？")


def duplicates(text: str, found: list[tuple[int, int, int]], texts: list[str], min_words: int = 8) -> list[tuple[int, int]]:
    """Spans of sentences that repeat an earlier one word for word, adjacent repeats merged.

    `found` and `texts` come from `prose`: sentence k's words are `texts[k]`. Linear
    in the prose (the gaps between merged repeats are disjoint stretches of text).
    """
    seen: set[str] = set()
    spans: list[tuple[int, int]] = []
    for start, end, n, words in _wrapped_sentences(text, found, texts):
        if n < min_words or text[end - 1 : end] in (":", "："):
            # A lead-in ("This experience must include all of the following:") heads each
            # of several parallel groups: repeating it is the list's form, not a copy.
            continue
        key = words.lower()
        if key in seen:
            if spans and not text[spans[-1][1] : start].strip():
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((start, end))
        else:
            seen.add(key)
    return spans
