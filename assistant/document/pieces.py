"""Long physical lines cut into sentence- and item-sized pieces (issue 15, item 2).

ATS exports and scraped pages often arrive as one line of thousands of characters:
the intro, "Responsibilities: …", dash- or dot-joined items, "Job Type: Full-time
Benefits: …" and the equal-opportunity sentence all on it. Everything the structure
does per line (inline labels, bullets, boilerplate carving, the section kind each
line gets) then saw one line, so one EEO sentence made the whole posting a legal
notice and the word rules fell silent on it. Here such a line becomes several `Line`
objects whose offsets lie inside the physical line, each a sentence, an item or a
labelled field; `Line.cont` marks those that continue the physical line before them.

Only lines longer than `LONG_LINE` are cut: a normal paragraph keeps its one line, so
what reads a paragraph as a whole (headings, markerless lists, content kinds) is
unchanged for postings that kept their line breaks. Output positions do not depend on
lines: line and column come from the source map, by offset.

Linear: each long line is scanned once by each of four expressions (breaks, colons,
items run together, its lower-case words), and a label looks back at most
`_LABEL_WORDS` words.
"""

from __future__ import annotations

import heapq
import re

from .headings import heading_kind
from .model import Line

# Past this many characters with no line break, a line is taken to hold many sentences
# or items run together. Measured on the corpus: 97% of the words muted by line-wise
# carving stood on lines of 1,500 characters or more; at 400 a seed's 700-character
# paragraph lost the reading of its content (two duty sentences make a
# responsibilities part, and a piece has one), at 1,000 nothing written as a
# paragraph was cut and the muted words fell from 150,028 to about 6,300.
LONG_LINE = 1000
# A line with a legal sentence in it is cut from this length on (two sentences or more).
MIXED_LINE = 200

# Where a piece ends inside a long line:
#  - a sentence end: . ! ? (with closing quotes or brackets) then space and a capital or digit;
#  - a stop glued to the next sentence ("…the specialty.Work environment"): two lower-case
#    letters before it keep "U.S.A" and "Node.js" whole;
#  - a bullet mark between items ("… quality. · Goal oriented"), or a dash between items
#    ("… GIS data - 1 yr Python", "GIS -Strong foundation"): the item opens there.
_BREAK = re.compile(
    r"(?P<stop>[.!?]+[\"'”’)\]]*[ \t]+)(?=[\"“(]?[A-Z0-9])"
    r"|(?P<glued>[.!?;])(?=[A-Z][a-z])"
    r"|[ \t]+(?P<mark>[•·▪●◦■➢►✓][ \t]*|[-–—][ \t]?)(?=[A-Z0-9(\"“])"
)
# Items run together with only a space between them ("…routing issues Ensure uptime
# of the platform Ability to plan…", "…security experience 2+ years of…"): a
# capitalised word between two lower-case ones, when the line also uses it in lower
# case or it is a word that opens items (so it starts an item and is not a name: "work
# in Python and Rust" keeps its sentence); a years figure after a word.
_GLUED_ITEM = re.compile(r"[a-z)] ([A-Z][a-z]+(?= [a-z])|\d+\+? (?:years?|yrs?)\b)")
_LOWER_WORD = re.compile(r"\b[a-z]+\b")
# The words that open requirement and duty items (and a capitalised "-ing" word:
# "…the team Partnering with…"), read as an item's start even where the line has them
# only capitalised.
ITEM_OPENERS = frozenset(
    "Ability Experience Knowledge Understanding Familiarity Proficiency Proficient Strong Excellent Proven Demonstrated "
    "Must Minimum Bachelor Bachelors Master Masters Degree Ensure Provide Provides Develop Develops Manage Manages "
    "Support Supports Maintain Maintains Build Builds Design Designs Lead Leads Create Creates Assist Assists Perform "
    "Performs Participate Participates Collaborate Collaborates Identify Identifies Conduct Conducts Track Tracks Monitor "
    "Monitors Review Reviews Prepare Prepares Coordinate Coordinates Implement Implements Analyze Analyzes Analyse "
    "Analyses Communicate Communicates Drive Drives Own Owns Partner Partners Write Writes Deliver Delivers Serve Serves "
    "Responsible Good Solid Working Comfortable Able Willingness Passion Previous Prior Advanced Basic".split()
)
_URL = re.compile(r"(?:https?://|www\.)\S+")
# Words after which a stop does not end the sentence ("e.g. Python", "Dr. Lee").
_ABBREVIATIONS = frozenset({"e.g", "i.e", "eg", "ie", "mr", "mrs", "ms", "dr", "st", "jr", "sr", "vs", "no", "approx", "incl", "fig", "ca"})
# "Label: value" inside a line: the colon, then space. The label is looked for in the
# few words before it (see `_label_start`).
_COLON = re.compile(r"[:：][ \t]+(?=\S)")
_LABEL_WORDS = 4
_LABEL_STOP = ".,;!?)]:"  # a word ending so closes what came before: the label begins after it
_MARKS = frozenset("•·▪●◦■➢►✓-–—|")
_SENTENCE_STOP = ".!?;"
_LINK_WORDS = frozenset({"and", "of", "to", "the", "for", "&", "you", "we", "will", "do", "your", "our", "in", "a"})


def split_long_lines(text: str, lines: list[Line], stock: frozenset[int] | set[int] = frozenset()) -> list[Line]:
    """`lines` with every text or bullet line longer than `LONG_LINE` cut into pieces,
    and those of `stock` (lines holding a legal sentence) longer than `MIXED_LINE`.

    A paragraph of normal length that ends with the equal-opportunity sentence ("We
    are Acme. We build … Acme is an equal opportunity employer.") was one legal
    section as a whole; cut, only its legal sentences are.
    """
    out: list[Line] = []
    for i, ln in enumerate(lines):
        size = ln.end - ln.body_start
        if ln.kind in ("text", "bullet") and (size > LONG_LINE or (size > MIXED_LINE and i in stock)):
            out.extend(_pieces(text, ln))
        else:
            out.append(ln)
    return out


def _pieces(text: str, ln: Line) -> list[Line]:
    """One physical line as pieces; the first keeps the line's own start, kind and marker."""
    bounds: list[tuple[int, int, bool | None]] = [(ln.start, ln.body_start, None)]
    bounds += [c for c in _cuts(text, ln.body_start, ln.end) if c[0] > ln.body_start]
    out: list[Line] = []
    for n, (start, body, marker) in enumerate(bounds):
        end = bounds[n + 1][0] if n + 1 < len(bounds) else ln.end
        while end > body and text[end - 1] in " \t":
            end -= 1
        if end <= body:
            continue  # only space between two cuts
        if marker is None:
            out.append(Line(start, end, body, ln.kind, ln.level, ln.marker))
        else:
            out.append(Line(start, end, body, "bullet" if marker else "text", 0, marker, cont=bool(out)))
    return out


# Where a match of `_BREAK` can begin: a stop, or a mark with space before it. Each
# opens with a character set, which the regex engine skips to.
_STOP_CHAR = re.compile(r"[.!?;]")
_SPACED_MARK = re.compile(r"[ \t][•·▪●◦■➢►✓\-–—]")


def _breaks(text: str, lo: int, hi: int):
    """`_BREAK.finditer(text, lo, hi)`, the same matches, found where they can begin.

    The expression opens with three groups, so the regex engine cannot skip ahead and
    tries it at every character (1.3 s of the corpus's 3.6 MB of long lines); its
    stops and marks are few. A stop's match begins at the stop; a mark's at the start
    of the spaces before it, as the engine, going forward, would find it. Linear: the
    two kinds of place are read in order, and each space run is walked back once.
    """
    stops = (m.start() for m in _STOP_CHAR.finditer(text, lo, hi))
    marks = (m.start() + 1 for m in _SPACED_MARK.finditer(text, lo, hi))
    last = lo
    for p in heapq.merge(stops, marks):
        if p < last:
            continue
        q = p
        if text[p] not in ".!?;":
            while q > last and text[q - 1] in " \t":
                q -= 1
        m = _BREAK.match(text, q, hi)
        if m is not None:
            yield m
            last = m.end() if m.end() > m.start() else m.start() + 1


def _cuts(text: str, lo: int, hi: int) -> list[tuple[int, int, bool]]:
    """(piece start, body start, whether an item mark opens it) for each cut in text[lo:hi], in order."""
    cuts: dict[int, tuple[int, bool]] = {}
    for m in _breaks(text, lo, hi):
        if m.group("stop") is not None:
            if _abbreviation(text, m.start(), lo):
                continue
            cuts[m.end()] = (m.end(), False)
        elif m.group("glued") is not None:
            if m.start() - lo >= 2 and text[m.start() - 2 : m.start()].isalpha() and text[m.start() - 2 : m.start()].islower():
                cuts[m.end()] = (m.end(), False)
        else:
            at = m.start("mark")
            if at - 1 > lo and text[at - 2].isdigit():
                continue  # "5 - 10 years", "2019 - Present": a range, not a list
            cuts[at] = (m.end(), True)
    if hi - lo > LONG_LINE:
        vocab = set(_LOWER_WORD.findall(text, lo, hi))
        for m in _GLUED_ITEM.finditer(text, lo, hi):
            at = m.start(1)
            word = m.group(1)
            if at not in cuts and (
                word[0].isdigit() or word in ITEM_OPENERS or word.lower() in vocab
                or (word.endswith("ing") and len(word) >= 5)
            ):
                cuts[at] = (at, False)
    if cuts and (text.find("http", lo, hi) >= 0 or text.find("www.", lo, hi) >= 0):
        # Nothing inside a web address is a sentence end ("…clk?ad=x9Kp.Ab…").
        urls = [m.span() for m in _URL.finditer(text, lo, hi)]
        k = 0
        for at in sorted(cuts):
            while k < len(urls) and urls[k][1] <= at:
                k += 1
            if k < len(urls) and urls[k][0] < at:
                del cuts[at]
    bodies = {body for body, _ in cuts.values()}
    for m in _COLON.finditer(text, lo, hi):
        start = _label_start(text, lo, m.start())
        if start is not None and start not in cuts and start not in bodies:
            cuts[start] = (start, False)
    return sorted((at, body, marker) for at, (body, marker) in cuts.items())


def _abbreviation(text: str, stop: int, lo: int) -> bool:
    """Whether the stop at `stop` closes an abbreviation or an initial ("U.S. Army")."""
    k = stop
    while k > lo and (text[k - 1].isalpha() or text[k - 1] == "."):
        k -= 1
    if k > lo and text[k - 1].isalnum():
        return False  # "$90k. The": a figure's unit, not an initial
    word = text[k:stop].lower()
    if not word:
        return False  # "…etc.). Experience": the stop after a bracket ends the sentence
    if "." in word:  # "U.S", "e.g", "Ph.D": dotted short parts
        return all(len(part) <= 2 for part in word.split("."))
    return len(word) <= 1 or word in _ABBREVIATIONS


def _label_start(text: str, lo: int, colon: int) -> int | None:
    """Where the label before the colon at `colon` begins, or None when it is no label.

    A label is one to `_LABEL_WORDS` words, the first capitalised. Its words are read
    back from the colon until a word that ends a sentence or a field ("…the team.",
    "Type:"); when that bound is reached within the few words, the whole run is the
    label ("Required Experience:", "Job Type:"). Otherwise, of the lengths that name a
    section kind, the longest one's kind is taken at its shortest wording: "Preferred
    Experience:" stays whole (it names a nice-to-have where "Experience" alone names
    requirements), while in "Full-time Benefits:" the value of the field before keeps
    its word. A label naming no kind ("Schedule:") is its shortest capitalised run: the
    piece is still cut, so a field list is not read as one sentence.
    """
    starts: list[int] = []
    bounded = False
    k = colon
    while k > lo and text[k - 1] in " \t":
        k -= 1
    for _ in range(_LABEL_WORDS):
        end = k
        while k > lo and not text[k - 1].isspace():
            k -= 1
        word = text[k:end]
        if not word or word in _MARKS:
            bounded = True
            break
        if word[-1] in _LABEL_STOP:
            bounded = word[-1] in _SENTENCE_STOP or word in _MARKS
            break
        if word[0].isupper():
            starts.append(k)
        if k <= lo:
            bounded = True
            break
        while k > lo and text[k - 1] in " \t":
            k -= 1
    else:
        bounded = False
    if not starts:
        return None
    kinds = [heading_kind(text[s:colon]) for s in starts]
    if bounded and (kinds[-1] is not None or not any(kinds)) and _label_is_a_name(text, starts[-1], colon):
        return starts[-1]
    known = [(s, kind) for s, kind in zip(starts, kinds, strict=True) if kind is not None]
    if not known:
        return starts[0]
    wanted = known[-1][1]
    return next(s for s, kind in known if kind == wanted)


def _label_is_a_name(text: str, start: int, colon: int) -> bool:
    """Whether the label's words are a name ("Job Type", "Work authorization", "Required
    Experience"), not the tail of a sentence: its first word is capitalised (checked by
    the caller) and it has at most one lower-case word that is not a small link word."""
    lower = [w for w in text[start:colon].split() if w[:1].islower() and w not in _LINK_WORDS]
    return len(lower) <= 1
