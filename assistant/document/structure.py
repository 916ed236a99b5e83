"""Infer title, headings, bullets and sections from plain text or Markdown.

Real postings are pasted from job boards: headings lose their markup, bullets lose
their markers, legal boilerplate sits under whatever heading came before it. The
heuristics here look at the shape of each line and its neighbours rather than trust
markup, so plain text and Markdown get the same structure.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from itertools import pairwise

from .model import Line, Posting, Section
from .title import find_title

_MD_HEADING = re.compile(r"#{1,6}(?=[ \t]|$)")
_BULLET = re.compile(r"[ \t]*(?:[-*+•·▪◦‣–—●○■□➢➤►✓✔>]|\(?\d{1,2}[.)]|[a-zA-Z][.)](?=\s))[ \t]+(?=\S)")
_MARKER_STARTS = frozenset("-*+•·▪◦‣–—●○■□➢➤►✓✔>(")
_BOLD_LINE = re.compile(r"(?:\*\*|__)([^*_\n]{2,80}?)(?:\*\*|__)[ \t]*:?[ \t]*$")
_TERMINAL = re.compile(r"[.!?;,。！？]['\"”’)]*$")
_WORD = re.compile(r"\w+")
_TAG_LINE = re.compile(r"(?:#[\w-]+[ \t]*)+")
_STRONG_HEADING = re.compile(
    r"(?:about (?:us|you|the (?:role|team|company|job|position|opportunity))|benefits|perks(?: and benefits)?|requirements|"
    r"qualifications|(?:key |main |your )?responsibilities|duties|nice[- ]to[- ]haves?|bonus points|what we offer|"
    r"what you(?:'|’)?ll (?:do|bring|need)|what you will (?:do|bring|need)|who you are|how to apply|compensation|salary|"
    r"location|the role|overview|job overview|summary|skills|(?:minimum|preferred|basic) qualifications|desirable|desired"
    r"|(?:nice|good) to have|preferred|bonus|pluses)",
    re.I,
)
_LEAD_IN = re.compile(r"\b(following|such as|including|include|includes|like|e\.g\.|one of|any of|these|below)\s*:$", re.I)

# Heading wording → section kind. Checked in order; the first match wins, so the
# narrower phrases ("about you", "nice to have") come before the broad ones ("about").
# Written in lower case and matched on the lower-cased heading: case-insensitive
# matching is several times slower, and this runs on most short lines.
_HEADING_KINDS: list[tuple[str, re.Pattern[str]]] = [
    (kind, re.compile(pattern))
    for kind, pattern in [
        ("eeo_statement", r"equal (employment )?opportunit|\beeo\b|non-?discrimination|diversity (statement|and inclusion)"),
        ("accommodation_statement", r"accommodation|accessibility"),
        ("nice_to_have", r"nice[- ]to[- ]have|bonus|\bplus(es)?\b|preferred|desir|good to have|extra credit|meriterande|加分"),
        ("compensation", r"salary|compensation|\bpay\b|pay range|\brate\b|wage|\blön|薪|待遇"),
        ("benefits", r"benefit|perks|what we offer|we offer|offer you|in it for you|why (join|work)|you'll (love|get)|vi erbjuder|福利"),
        ("requirements", r"requirement|qualifi|what you('ll| will)? (bring|need|have)|you (bring|have|are)|looking for|about you|who you are|^(skills|experience)( (and|&) \w+)?$|\b(required|desired|key|technical|your|relevant) (skills|experience)\b|skills (and|&) (experience|qualifications)|must[- ]have|prerequisite|what we need|ideal candidate|kvalifikation|vi söker|要求|资格"),
        ("responsibilities", r"responsib|what you('ll| will)? (do|be doing|work on)|day[- ]to[- ]day|duties|impact|in this role|your (role|mission)|the work|tasks|arbetsuppgift|职责|工作内容"),
        ("application_process", r"how to apply|apply|application|next steps|hiring process|interview|ansökan|contact"),
        ("location", r"location|where you('ll| will) work|\boffice\b|arbetsort|地点"),
        ("team", r"\bteam\b|who you('ll| will) work with"),
        ("culture_values", r"culture|values?\b|how we work|principles|mission"),
        ("company_overview", r"about (us|the company|\w+$)|who we are|our (company|story)|company|om oss|公司"),
        ("role_summary", r"overview|summary|the role|about the (role|job|position)|position|job description|opportunity|\brole\b|the job"),
    ]
]

# Paragraphs whose content marks them as stock legal text, wherever they stand.
# Matched on lower-cased text, one expression per wording: each then opens with a
# literal the regex engine can skip to, where one alternation of them all would be
# tried at every position (several times slower on a whole posting).
_EEO_TEXT = [
    re.compile(p)
    for p in (
        r"equal (employment )?opportunity", r"do(es)? not discriminate", r"without regard to",
        r"regardless of (race|age|gender|sex)", r"protected (veteran|characteristic|class)", r"affirmative action",
        r"qualified applicants (will|with)", r"criminal histor", r"e-verify", r"right to work", r"applicant privacy",
        r"fair chance", r"pay transparency (nondiscrimination|provision)",
    )
]
_ACCOMMODATION_TEXT = [
    re.compile(p) for p in (r"reasonable accommodation", r"accommodations? (during|for|in) (the )?(application|interview|hiring)")
]


@lru_cache(maxsize=8192)  # headings repeat across postings: "Requirements", "What we offer"
def heading_kind(heading: str) -> str | None:
    low = heading.lower()
    for kind, pattern in _HEADING_KINDS:
        if pattern.search(low):
            return kind
    return None


def _words(s: str) -> int:
    return len(_WORD.findall(s))


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
        if not stripped or (stripped[0] == "#" and _TAG_LINE.fullmatch(stripped)):
            # Tag-only lines ("#LI-Remote") carry no structure; rules still see their text.
            lines.append(Line(pos, end, end, "blank"))
        else:
            indent = len(raw) - len(raw.lstrip()) if padded else 0
            body_start = pos + indent if indent else pos
            kind, level, marker = "text", 0, False
            body = raw[indent:] if indent else raw
            first = body[0]
            # Cheap first-character tests spare most lines the three expressions.
            h = _MD_HEADING.match(body) if first == "#" else None
            b = _BULLET.match(raw) if (first in _MARKER_STARTS or first.isalnum()) and not h else None
            if h:
                kind, level = "heading", h.end()
                body_start += h.end() + (len(body[h.end() :]) - len(body[h.end() :].lstrip()))
            elif b and not body.startswith(("**", "__")):
                kind, marker = "bullet", True
                level = indent // 2
                body_start = pos + b.end()
            elif first in "*_" and _BOLD_LINE.fullmatch(body) and _words(body) <= 10:
                kind, level = "heading", 3
            trimmed = len(raw.rstrip()) if padded else len(raw)
            line_end = pos + trimmed if trimmed != len(raw) else end
            lines.append(Line(pos, line_end, body_start if body_start <= line_end else line_end, kind, level, marker))
        pos = end + 1
    return lines


def _body(text: str, line: Line) -> str:
    return text[line.body_start : line.end]


def _looks_like_heading(text: str, lines: list[Line], i: int) -> bool:
    """A plain-text line that reads like a heading: short, unpunctuated, announcing content."""
    line = lines[i]
    body = _body(text, line).strip("*_ ")
    if not body or len(body) > 80 or not (body[0].isupper() or body[0].isdigit() or not body[0].isascii()):
        return False
    words = _words(body)
    if words > 10 or words == 0:
        return False
    nxt = None
    for j in range(i + 1, len(lines)):
        if lines[j].kind != "blank":
            nxt = lines[j]
            break
    if nxt is None:
        return False
    if body.endswith(":"):
        # "Experience with one of the following:" introduces items; "Requirements:" heads a section.
        if "," in body or words > 8 or _LEAD_IN.search(body):
            return False
        prev = lines[i - 1] if i else None
        return words <= 4 or prev is None or prev.kind in ("blank", "heading", "title") or bool(
            _TERMINAL.search(_body(text, prev))
        )
    if _TERMINAL.search(body):
        return False
    prev = lines[i - 1] if i else None
    if _STRONG_HEADING.fullmatch(body.rstrip(":")):
        return True
    if heading_kind(body) and "," not in body:
        # Vocabulary alone is weak inside a run of short items ("Home office budget"):
        # ask for a boundary before it, or a marked list after it.
        return (
            prev is None
            or prev.kind in ("blank", "heading", "title")
            or nxt.marker
            or bool(_TERMINAL.search(_body(text, prev)))
        )
    if nxt.marker and not line.marker:
        return True
    if prev is not None and prev.kind == "blank" and nxt is lines[i + 1] and words <= 6:
        return body.isupper() or body.istitle()
    return False


def _is_list_heading(body: str) -> bool:
    body = body.strip("*_ ")
    return body.endswith(":") and _words(body) <= 4 and bool(_STRONG_HEADING.fullmatch(body[:-1].strip("*_ ")))


def _mark_markerless_bullets(text: str, lines: list[Line], start: int, end: int) -> None:
    """Inside one section, a run of two or more unpunctuated or short lines is a list."""
    i = start
    while i < end:
        if lines[i].kind != "text":
            i += 1
            continue
        j = i
        while j < end and lines[j].kind == "text":
            j += 1
        run = lines[i:j]
        if len(run) >= 2:
            bodies = [_body(text, ln) for ln in run]
            unpunctuated = sum(1 for b in bodies if not _TERMINAL.search(b))
            short = sorted(_words(b) for b in bodies)[len(bodies) // 2] <= 20
            if unpunctuated * 2 >= len(run) or short:
                for ln in run:
                    ln.kind = "bullet"
        i = j


def _mark_lead_ins(text: str, lines: list[Line]) -> None:
    """A list item that ends with ':' introduces sub-items; so does one with deeper children."""
    items = [ln for ln in lines if ln.kind == "bullet"]
    for a, b in pairwise(items):
        if text[a.end - 1 : a.end] == ":" or b.level > a.level:
            a.lead_in = True


def _boilerplate_lines(low: str, lines: list[Line]) -> dict[int, str]:
    """Line index -> "eeo_statement" or "accommodation_statement" for stock legal lines.

    Two passes over the whole text rather than two searches per line.
    """
    starts = [ln.start for ln in lines]
    eeo = {bisect_right(starts, m.start()) - 1 for rx in _EEO_TEXT for m in rx.finditer(low)}
    found = dict.fromkeys(eeo, "eeo_statement")
    for rx in _ACCOMMODATION_TEXT:
        for m in rx.finditer(low):
            found.setdefault(bisect_right(starts, m.start()) - 1, "accommodation_statement")
    return found


def infer_structure(posting: Posting, markdown: bool = False) -> None:
    """Fill `posting.lines`, `posting.sections` and the title."""
    text = posting.text
    lines = _split_lines(text)

    title_index = find_title(text, lines, heading_kind)
    if title_index is not None:
        ln = lines[title_index]
        body = _body(text, ln).strip("*_# ")
        ln.kind = "title"
        posting.title = body
        start = ln.body_start + text[ln.body_start : ln.end].find(body)
        posting.title_span = (start, start + len(body))

    for i, ln in enumerate(lines):
        if ln.kind == "text" and _looks_like_heading(text, lines, i):
            ln.kind = "heading"
            ln.level = 3
        elif ln.kind == "bullet" and _is_list_heading(_body(text, ln)):
            # "- Nice to have:" inside a list opens a new part of it.
            ln.kind, ln.marker, ln.level = "heading", False, 4

    # Sections by heading, then stock legal paragraphs carved out wherever they stand.
    bounds: list[tuple[int, str, str | None]] = []  # (first line index, kind, heading)
    body_start = (title_index + 1) if title_index is not None else 0
    bounds.append((body_start, "", None))
    for i, ln in enumerate(lines):
        if ln.kind == "heading" and i >= body_start:
            heading = _body(text, ln).strip("*_#: \t")
            bounds.append((i, heading_kind(heading) or "other", heading))
    if len(bounds) > 1 and bounds[1][0] == body_start:
        bounds.pop(0)

    stock_lines = _boilerplate_lines(posting.lower, lines)
    sections: list[Section] = []
    for n, (first_line, kind, heading) in enumerate(bounds):
        last = bounds[n + 1][0] if n + 1 < len(bounds) else len(lines)
        if not kind:
            kind = _lead_kind(posting.lower, lines[first_line:last])
        _mark_markerless_bullets(text, lines, first_line + (1 if heading else 0), last)
        sections.extend(_split_boilerplate(text, lines, stock_lines, first_line, last, kind, heading))
    _mark_lead_ins(text, lines)
    posting.lines = lines
    posting.sections = [s for s in sections if s.end > s.start or s.heading]


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
    text: str, lines: list[Line], stock_lines: dict[int, str], first: int, last: int, kind: str, heading: str | None
) -> list[Section]:
    out: list[Section] = []
    cur_kind, cur_first = kind, first
    for i in range(first + (1 if heading else 0), last):
        ln = lines[i]
        if ln.kind in ("blank", "heading", "title"):
            continue
        stock = stock_lines.get(i) if kind not in ("eeo_statement", "accommodation_statement") else None
        want = stock or kind
        if want != cur_kind:
            if i > cur_first:
                out.append(_section(text, lines, cur_first, i, cur_kind, heading if cur_first == first else None))
            cur_kind, cur_first = want, i
    out.append(_section(text, lines, cur_first, last, cur_kind, heading if cur_first == first else None))
    return out


def _section(text: str, lines: list[Line], first: int, last: int, kind: str, heading: str | None) -> Section:
    start = lines[first].start if first < len(lines) else len(text)
    end = lines[last - 1].end if last - 1 < len(lines) and last > first else start
    return Section(kind, heading, start, end, first, last)
