"""Infer title, headings, bullets and sections from plain text or Markdown.

Real postings are pasted from job boards: headings lose their markup, bullets lose
their markers, legal boilerplate sits under whatever heading came before it. The
heuristics here look at the shape of each line and its neighbours rather than trust
markup, so plain text and Markdown get the same structure. A line that holds a whole
flattened posting is first cut into sentence- and item-sized pieces
(`document/pieces.py`), so labels, items and legal sentences on it are read one by one.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import pairwise

from .content_sections import refine
from .headings import (
    BOLD_LINE,
    FACT_LABEL_KINDS,
    TERMINAL,
    heading_kind,
    inline_label,
    is_all_caps,
    is_list_heading,
    looks_like_heading,
    md_heading_end,
    words,
)
from .headings import body as _body
from .model import Line, Posting, Section
from .pieces import split_long_lines
from .title import find_title

_BULLET = re.compile(r"[ \t]*(?:[-*+•·▪◦‣–—●○■□➢➤►✓✔>]|\(?\d{1,2}[.)]|[a-zA-Z][.)](?=\s))[ \t]+(?=\S)")
_MARKER_STARTS = frozenset("-*+•·▪◦‣–—●○■□➢➤►✓✔>(")
_TAG_LINE = re.compile(r"(?:#[\w-]+[ \t]*)+")

# Paragraphs whose content marks them as stock legal text, wherever they stand.
# Matched on lower-cased text, one expression per wording: each then opens with a
# literal the regex engine can skip to, where one alternation of them all would be
# tried at every position (several times slower on a whole posting).
# E-Verify and right-to-work notices are not equal-opportunity statements (issue 15):
# read as one, a work-eligibility line made the EEO rule think the statement present.
_EEO_TEXT = [
    re.compile(p)
    for p in (
        r"equal (employment )?opportunity", r"do(es)? not discriminate", r"without regard to",
        r"regardless of (race|age|gender|sex)", r"protected (veteran|characteristic|class)", r"affirmative action",
        r"qualified applicants (will|with)", r"criminal histor", r"applicant privacy",
        r"fair chance", r"pay transparency (nondiscrimination|provision)",
    )
]
_ACCOMMODATION_TEXT = [
    re.compile(p) for p in (r"reasonable accommodation", r"accommodations? (during|for|in) (the )?(application|interview|hiring)")
]
# A sentence that goes on with a legal statement begun in the sentence before it, on the
# same physical line ("… without regard to race … We celebrate diversity and …",
# "… under applicable law."): stock text too, though it names no cue of its own.
# Searched once per piece that follows a stock piece, on that piece only.
_STOCK_GOES_ON = re.compile(
    r"discriminat|harass|protected|disabilit|veteran|applicable (law|state|federal|local)|\blaws?\b|ordinance|divers|inclusi|"
    r"\brace\b|religio|national origin|sexual orientation|gender identity|marital|genetic|pregnan|ancestry|"
    r"encouraged to apply|all (qualified )?(applicants|candidates)"
)


def _split_lines(text: str) -> list[Line]:
    """The text's lines, classified by their own shape; linear.

    A line's offsets reuse one int where they are equal (no indent, no trailing
    space): a file of 700,000 lines spent 40 MB on equal ints otherwise.
    """
    lines: list[Line] = []
    pos = 0
    n = len(text)
    while pos <= n:
        end = text.find("\n", pos)
        if end == -1:
            end = n
        raw = text[pos:end]
        # Most lines neither start nor end with white space: no stripped copies of them.
        padded = raw[:1].isspace() or raw[-1:].isspace()
        stripped = raw.strip() if padded else raw
        hashes = md_heading_end(stripped) if stripped[:1] == "#" else 0
        if not stripped or (not hashes and stripped[0] == "#" and _TAG_LINE.fullmatch(stripped)):
            # Tag-only lines ("#LI-Remote") carry no structure; rules still see their text.
            lines.append(Line(pos, end, end, "blank"))
        else:
            indent = len(raw) - len(raw.lstrip()) if padded else 0
            body_start = pos + indent if indent else pos
            kind, level, marker = "text", 0, False
            body = raw[indent:] if indent else raw
            first = body[0]
            # Cheap first-character tests spare most lines the three expressions.
            b = _BULLET.match(raw) if (first in _MARKER_STARTS or first.isalnum()) and not hashes else None
            if hashes:
                # "#Requirements" (no space) is a section's heading, never the title's.
                kind, level = "heading", hashes if hashes > 1 or body[1:2].isspace() or len(body) == 1 else 2
                body_start += hashes + (len(body[hashes:]) - len(body[hashes:].lstrip()))
            elif b and not body.startswith(("**", "__")):
                kind, marker = "bullet", True
                level = indent // 2
                body_start = pos + b.end()
            elif first in "*_" and BOLD_LINE.fullmatch(body) and words(body) <= 10:
                kind, level = "heading", 3
            trimmed = len(raw.rstrip()) if padded else len(raw)
            line_end = pos + trimmed if trimmed != len(raw) else end
            lines.append(Line(pos, line_end, body_start if body_start <= line_end else line_end, kind, level, marker))
        pos = end + 1
    return lines


# A line cut by a fixed-width wrap: long, and ended neither by a stop nor by a colon.
_WRAP_WIDTH = 50
_OPEN_END = re.compile(r"[.!?:;。！？]['\"”’)*_]*$")


def _hard_wrapped(bodies: list[str]) -> bool:
    """Whether a run of lines is one paragraph wrapped at a fixed width (Markdown kept
    at 72 or 80 columns): most breaks fall after a long line with no stop and before a
    lower-case word, which a list item never opens with its predecessor unfinished.
    Read as items, such a paragraph made each of its lines a duty or an ask."""
    soft = sum(
        1 for a, b in zip(bodies, bodies[1:], strict=False)
        if len(a) >= _WRAP_WIDTH and b[:1].islower() and not _OPEN_END.search(a)
    )
    return soft * 2 >= len(bodies) - 1 and soft > 0


def _mark_markerless_bullets(text: str, lines: list[Line], start: int, end: int) -> None:
    """Inside one section, a run of two or more unpunctuated or short lines is a list.

    Pieces of a long line (see `document/pieces.py`) are sentences of one paragraph,
    not a list: they end a run and start none.
    """
    i = start
    while i < end:
        if lines[i].kind != "text" or _piece(lines, i):
            i += 1
            continue
        j = i
        while j < end and lines[j].kind == "text" and not _piece(lines, j):
            j += 1
        run = lines[i:j]
        if len(run) >= 2:
            bodies = [_body(text, ln) for ln in run]
            if _hard_wrapped(bodies):
                i = j
                continue
            unpunctuated = sum(1 for b in bodies if not TERMINAL.search(b))
            median = sorted(words(b) for b in bodies)[len(bodies) // 2]
            # A paragraph wrapped at a fixed width: its lines go on in lower case where
            # the one before broke off ("…to join our infrastructure" / "team and …").
            wrapped = median >= _WRAPPED_WORDS and sum(1 for b in bodies[1:] if b[:1].islower()) * 2 > len(run) - 1
            if (unpunctuated * 2 >= len(run) or median <= 20) and not wrapped:
                for ln in run:
                    ln.kind = "bullet"
        i = j


_WRAPPED_WORDS = 8  # a wrapped paragraph's lines are long; a list of lower-case items ("python", "sql") is not one


def _states_eeo(low: str, lines: list[Line], stock_lines: dict[int, str], first: int, last: int, own_line: bool) -> bool:
    """Whether the lines under an equal-opportunity heading say anything of the kind: a
    stock sentence, or the words of a diversity statement (`_STOCK_GOES_ON`); linear."""
    for i in range(first + (1 if own_line else 0), last):
        if stock_lines.get(i) == "eeo_statement":
            return True
        ln = lines[i]
        if ln.kind != "blank" and _STOCK_GOES_ON.search(low, ln.body_start, ln.end):
            return True
    return False


def _shouted_list_heading(body: str) -> bool:
    """A line or item in capitals that ends with a colon and names a section ("EDUCATION,
    SKILLS AND COMPETENCIES:"): a heading, even with the commas that keep a line of
    prose from being read as one, and not a list item to count."""
    body = body.strip("*_ ")
    return body.endswith(":") and words(body) <= 10 and is_all_caps(body[:-1]) and heading_kind(body[:-1]) is not None


def _piece(lines: list[Line], i: int) -> bool:
    """Whether line `i` is one piece of a physical line cut in several."""
    return lines[i].cont or (i + 1 < len(lines) and lines[i + 1].cont)


def _mark_lead_ins(text: str, lines: list[Line]) -> None:
    """A list item that ends with ':' introduces sub-items; so does one with deeper children."""
    items = [ln for ln in lines if ln.kind == "bullet"]
    for a, b in pairwise(items):
        if text[a.end - 1 : a.end] == ":" or b.level > a.level:
            a.lead_in = True


def _boilerplate_lines(low: str, lines: list[Line]) -> dict[int, str]:
    """Line index -> "eeo_statement" or "accommodation_statement" for stock legal lines.

    Two passes over the whole text rather than two searches per line.
    A piece of a long line (`Line.cont`) right after a stock piece is stock too when it
    goes on with the statement (`_STOCK_GOES_ON`): an equal-opportunity paragraph run
    onto one line stays one, while the posting's own sentences before it are read.
    """
    starts = [ln.start for ln in lines]
    eeo = {bisect_right(starts, m.start()) - 1 for rx in _EEO_TEXT for m in rx.finditer(low)}
    found = dict.fromkeys(eeo, "eeo_statement")
    for rx in _ACCOMMODATION_TEXT:
        for m in rx.finditer(low):
            found.setdefault(bisect_right(starts, m.start()) - 1, "accommodation_statement")
    for i in sorted(found):
        kind = found[i]
        j = i + 1
        while j < len(lines) and lines[j].cont and j not in found and _STOCK_GOES_ON.search(low, lines[j].body_start, lines[j].end):
            found[j] = kind
            j += 1
    return found


def infer_structure(posting: Posting, markdown: bool = False) -> None:
    """Fill `posting.lines`, `posting.sections` and the title."""
    text = posting.text
    lines = _split_lines(text)

    title_index = find_title(text, lines)
    if title_index is not None:
        ln = lines[title_index]
        body = _body(text, ln).strip("*_# ")
        ln.kind = "title"
        posting.title = body
        start = ln.body_start + text[ln.body_start : ln.end].find(body)
        posting.title_span = (start, start + len(body))

    for i, ln in enumerate(lines):
        if ln.kind == "text" and (looks_like_heading(text, lines, i) or _shouted_list_heading(_body(text, ln))):
            ln.kind = "heading"
            ln.level = 3
        elif ln.kind == "bullet" and (is_list_heading(_body(text, ln)) or _shouted_list_heading(_body(text, ln))):
            # "- Nice to have:" inside a list opens a new part of it.
            ln.kind, ln.marker, ln.level = "heading", False, 4
    # Lines of many sentences or items run together become one Line per piece, after the
    # headings were read from whole lines and before the sections are.
    split = split_long_lines(text, lines, set(_boilerplate_lines(posting.lower, lines)))
    if len(split) != len(lines):
        lines = split
        if title_index is not None:
            title_index = next(i for i, ln in enumerate(lines) if ln.kind == "title")

    # Sections by heading or line label, then stock legal paragraphs carved out wherever they stand.
    body_start = (title_index + 1) if title_index is not None else 0
    bounds = _bounds(text, lines, body_start)
    stock_lines = _boilerplate_lines(posting.lower, lines)
    sections: list[Section] = []
    before = ""
    for n, (first_line, kind, heading, own_line) in enumerate(bounds):
        last = bounds[n + 1][0] if n + 1 < len(bounds) else len(lines)
        basis = "heading" if own_line else "label"
        if kind == "":
            kind, basis = _lead_kind(posting.lower, lines[first_line:last]), "lead"
        elif kind == _REVERT:
            kind, basis = before or "other", "content"
        if kind == "eeo_statement" and basis in ("heading", "label") and not _states_eeo(posting.lower, lines, stock_lines, first_line, last, own_line):
            # An equal-opportunity heading counts only with such a sentence under it
            # (issue 15): a duty that names diversity work ("Key objective: lead …
            # diversity, equity and inclusion efforts") is not the statement, and the
            # words under it are the posting's own.
            kind = "other"
        if not (n + 1 < len(bounds) and bounds[n + 1][1] == _REVERT):
            before = kind  # a one-line fact label does not change what resumes after it
        skip = 1 if own_line else 0
        _mark_markerless_bullets(text, lines, first_line + skip, last)
        sections.extend(_split_boilerplate(text, lines, stock_lines, first_line, last, kind, heading, skip, basis))
    _mark_lead_ins(text, lines)
    sections = refine(text, posting.lower, lines, sections)
    posting.lines = lines
    posting.sections = [s for s in sections if s.end > s.start or s.heading]


_REVERT = "<revert>"  # a bound where the kind before a one-line field label resumes
# Labels of these kinds with a short text after them are fields of a header ("Company:
# Acme", "Position: Analyst", "Team: Payments"), not the start of a section.
_FIELD_LABEL_KINDS = frozenset({"company_overview", "role_summary", "team", "culture_values", "other"})
_FIELD_WORDS = 8


def _bounds(text: str, lines: list[Line], body_start: int) -> list[tuple[int, str, str | None, bool]]:
    """Where sections begin: (first line, kind, heading, whether the heading is a line of its own).

    Kind "" is the text before the first heading (read from its content later); `_REVERT`
    resumes the kind before a fact label ("Location: Berlin") after the label's line.
    Linear: one look at each line.
    """
    bounds: list[tuple[int, str, str | None, bool]] = [(body_start, "", None, False)]
    for i in range(body_start, len(lines)):
        ln = lines[i]
        if ln.kind == "heading":
            heading = _body(text, ln).strip("*_#:= \t")
            bounds.append((i, heading_kind(heading) or "other", heading, True))
        elif ln.kind == "text" and ln.end - ln.body_start > 3:
            label = inline_label(_body(text, ln))
            if label is None:
                continue
            name, kind, after = label
            short = words(text[ln.body_start + after : ln.end]) <= _FIELD_WORDS
            if short and kind in _FIELD_LABEL_KINDS:
                continue
            bounds.append((i, kind, name, False))
            if kind in FACT_LABEL_KINDS and short:
                bounds.append((i + 1, _REVERT, None, False))
    if len(bounds) > 1 and bounds[1][0] == body_start:
        bounds.pop(0)
    return bounds


_COMPANY_PITCH = re.compile(r"\b(we are|we're) (a|an|the)\b|founded|our (company|mission)|is a (leading|global)")
_ROLE_PITCH = re.compile(r"looking for|you will|you'll|this role")


def _lead_kind(low: str, lines: list[Line]) -> str:
    """Content before the first heading: usually the pitch for the role or the company.

    Linear in the first eight lines. Read from the posting's lower-cased text
    (`low`), not lower-cased again: that took a buffer of twelve bytes a character
    for a one-line posting.
    """
    body = " ".join(low[ln.body_start : ln.end] for ln in lines[:8])
    if _COMPANY_PITCH.search(body) and not _ROLE_PITCH.search(body):
        return "company_overview"
    return "role_summary"


def _split_boilerplate(
    text: str, lines: list[Line], stock_lines: dict[int, str], first: int, last: int, kind: str, heading: str | None,
    skip: int = 1, basis: str = "heading",
) -> list[Section]:
    out: list[Section] = []
    cur_kind, cur_first = kind, first
    for i in range(first + skip, last):
        ln = lines[i]
        if ln.kind in ("blank", "heading", "title"):
            continue
        stock = stock_lines.get(i) if kind not in ("eeo_statement", "accommodation_statement") else None
        want = stock or kind
        if want != cur_kind:
            if i > cur_first:
                out.append(_section(text, lines, cur_first, i, cur_kind, heading if cur_first == first else None, basis))
            cur_kind, cur_first = want, i
    out.append(_section(text, lines, cur_first, last, cur_kind, heading if cur_first == first else None, basis))
    return out


def _section(text: str, lines: list[Line], first: int, last: int, kind: str, heading: str | None, basis: str) -> Section:
    start = lines[first].start if first < len(lines) else len(text)
    end = lines[last - 1].end if last - 1 < len(lines) and last > first else start
    if kind in ("eeo_statement", "accommodation_statement") and heading is None:
        basis = "content"
    return Section(kind, heading, start, end, first, last, basis, 1.0 if basis in ("heading", "label") else 0.7)
