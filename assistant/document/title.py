"""Find a posting's title.

Kept apart from the section inference in `structure.py`: what can be a title (and what
never can: web chrome, field lines, placeholders) is its own question, and the title
also comes from front matter and ATS fields, which outrank any line of the body: the
body's first heading is often the company's name ("# Octopus Energy") or its first
line a sentence, where the field names the job.

Two steps. `find_title` (called by the structure inference) picks a line of the body,
passing over web chrome ("Skip to main content", "Home › All jobs", "Sign in", cookie
banners) and template placeholders. `settle_title` (called by the loaders, which know
the fields) lets a field title win, reads the role out of a "Company | Role | City |
REMOTE" header line, and falls back to a "Job title:" field in the body.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .headings import STRONG_HEADING, TERMINAL, heading_kind
from .model import Line, Posting

_WORD = re.compile(r"\w+")
# Field lines, markup and dates are not titles ("Grade Level:** 15", "<div …>", "Updated: …").
_NOT_A_TITLE = re.compile(
    r"\*\*|^[<>]|^\W*$|^(updated|posted|date|deadline|closing date|grade|gs grade|salary|location|job id|"
    r"req(uisition)?( id)?|department|reports to)\b|^(overview|summary|about|description|job description)$"
    r"|^(ref(erence)?( no| number)?|vacancy( no| number| id)?|job (ref(erence)?|number|no|code|type)|position( type)?"
    r"|contract( type)?|employment type|hours|company|organi[sz]ation|start date|closing|salary range)[ \t]*[:：]",
    re.I,
)
_SECTION_KINDS = ("role_summary", "company_overview", "requirements", "responsibilities")
# Job-board and site furniture that scrapes keep at the top of a page. Matched on the
# whole line, lower-cased: a title may contain "apply" or "home", never be just that.
_CHROME = re.compile(
    r"(?:skip to (?:the )?(?:main )?(?:content|navigation|search|results)|(?:jump|go) to (?:main )?content"
    r"|(?:apply|apply now|apply for (?:this|the) (?:job|position|role)|easy apply|quick apply|apply on \w+)"
    r"|(?:sign|log) ?(?:in|up|out)(?: to apply| to save)?|register|create (?:an )?account|my account|menu|main menu"
    r"|search(?: jobs)?|find jobs|browse jobs|all jobs|open positions|view all jobs"
    r"|back(?: to (?:the )?(?:all )?(?:jobs|job search|search(?: results)?|results|listings?|careers))?"
    r"|(?:share|save|print|email|report)(?: this)?(?: job| posting| position)?|save job|share job|job details|job alert"
    r"|cookies?(?: settings| preferences| policy)?|(?:accept|reject|allow|decline)(?: all)?(?: cookies)?"
    r"|.*\b(?:we|this (?:site|website)) uses? cookies\b.*|.*\bcookie (?:policy|settings|preferences|consent)\b.*"
    r"|home|careers?|jobs|close|toggle navigation|english|language)\W*",
)
# "Home › All jobs › Engineering", "Careers / Jobs / Data", "Jobs > London".
_BREADCRUMB = re.compile(r"(?:home|careers?|jobs|all jobs|job search|search)[ \t]*(?:[›»>/|→][ \t]*[^›»>/|→]{0,40}){1,6}")
# Template text standing where the title should be: "{{ page.title }}", "[Job Title]".
_PLACEHOLDER = re.compile(
    r".*(?:\{\{|\{%|\$\{|%[a-z_]+%|<%).*"
    r"|[\[(<]?(?:insert |your |enter )?(?:job |position |role )?title(?: here| goes here)?[\])>]?"
    r"|[\[(<](?:job|position|role)(?: name| title)?[\])>]|tbd|tba|n/?a|untitled|lorem ipsum.*|x{3,}|job title here",
)


def find_title(text: str, lines: list[Line]) -> int | None:
    """A short first line, else a Markdown level-1 heading near the top.

    A line whose wording names a section ("About the role") is not a title. Chrome and
    placeholder lines are passed over as if blank, so the line after them can still be
    the first.

    Linear in the first eight lines (and the chrome before them, each refused by a
    match over its own length), and a long one is refused by its length before it is
    read any further.
    """
    seen = 0
    for i, ln in enumerate(lines):
        if ln.kind == "blank":
            continue
        body = text[ln.body_start : ln.end].strip("*_# ")
        if is_chrome(body) or (seen == 0 and _place_and_terms(body)):
            continue  # "Madrid, Spain. Full time." above the role's own line
        if ln.kind == "heading" and ln.level == 1 and _plausible_title(body) and not _section_heading(body):
            return i
        # The length first: a one-line posting is not read word by word to be refused.
        if (
            seen == 0 and ln.kind == "text" and len(body) <= 120 and _plausible_title(body)
            and 0 < len(_WORD.findall(body)) <= 14
            and not TERMINAL.search(body) and not body.endswith(":")
            and heading_kind(body) not in _SECTION_KINDS
            and not _continued(text, lines, i)
        ):  # fmt: skip
            return i
        seen += 1
        if seen >= 8:
            break
    return None


_HEADER_PARTS = re.compile(r"[.|;•·]+")


def _place_and_terms(body: str) -> bool:
    """A line of only places and terms ("Madrid, Spain. Full time.", "Leeds | Hybrid"):
    a board's header above the title, not a title and not the body's first line."""
    if len(body) > 80:
        return False
    parts = [p.strip(" ,-–—") for p in _HEADER_PARTS.split(body)]
    parts = [p for p in parts if p]
    return bool(parts) and all(_only_places(p) or _TERMS_ONLY.fullmatch(p.lower()) for p in parts)


def _continued(text: str, lines: list[Line], i: int) -> bool:
    """Whether the next line goes on with this one's sentence (a fixed-width wrap: it
    opens lower-case with no blank line between): the first line of a wrapped
    paragraph is not a title, however short it looks."""
    nxt = lines[i + 1] if i + 1 < len(lines) else None
    return nxt is not None and nxt.kind in ("text", "bullet") and not nxt.marker and text[nxt.body_start : nxt.body_start + 1].islower()


def _section_heading(body: str) -> bool:
    """A level-1 heading that heads a section ("# Responsibilities:", "# Overview"): some
    pages mark every heading with one hash. Taken as the title, the text above it was
    lost from the sections (a role summary under "# Overview", read as missing)."""
    return body.endswith((":", "：")) or STRONG_HEADING.fullmatch(body) is not None


def _plausible_title(body: str) -> bool:
    return bool(body) and not _NOT_A_TITLE.search(body)


def is_chrome(body: str) -> bool:
    """Whether a line is site furniture or a template placeholder, never a title."""
    if len(body) > 200:
        return False  # a banner is short; a long line is read as text
    low = body.lower().strip(" \t*_#:|-–—·•")
    return bool(_CHROME.fullmatch(low) or _BREADCRUMB.fullmatch(low) or _PLACEHOLDER.fullmatch(low))


# Front matter fields that name the job, most specific first: a page's `title` is
# sometimes "Team - Role", where `role_name` is the role alone.
_FIELD_KEYS = ("job_title", "role_name", "role_title", "position_title", "title")


def field_title(meta: dict[str, str]) -> str | None:
    """The title the fields state, if one is usable (placeholders and chrome are not)."""
    for key in _FIELD_KEYS:
        value = (meta.get(key) or "").strip()
        if value and any(c.isalpha() for c in value) and len(value) <= 150 and not is_chrome(value):
            return value
    return None


def settle_title(posting: Posting, given: str | None) -> None:
    """Decide `posting.title` (and its span) once the fields are known.

    `given` is the title the fields state (front matter, an ATS record). It wins over
    the line the structure chose; when a line near the top says the same, that line is
    the title line (and its span the title's), else the title has no span. Without
    one: the role out of a header line, or a "Job title:" field near the top.
    """
    if given:
        _use_field_title(posting, given)
    else:
        _settle_body_title(posting)
    _cut_place_suffix(posting)


def _settle_body_title(posting: Posting) -> None:
    index = _title_index(posting)
    if index is None:
        index = _first_line(posting)
        if index is not None and _header_role(posting, index) is not None:
            posting.lines[index].kind = "title"  # a long "Company | Role | City" line
        else:
            roles = _roles_line(posting, index) if index is not None else None
            if roles is not None:
                posting.title, posting.title_span = roles[0], (roles[1], roles[2])
                return
            _title_from_field_line(posting)
            return
    role = _header_role(posting, index)
    if role is not None:
        posting.title, posting.title_span = role[0], (role[1], role[2])


_LAST_DASH = re.compile(r".*[ \t][-–—][ \t]+", re.S)
_PAY_SUFFIX = re.compile(r"[$€£¥₹]\s*\d|\d\s*(?:k|per hour|an hour|/h(?:ou)?r)\b", re.I)
_TERMS_ONLY = re.compile(
    r"(?:remote|on-?site|hybrid|full[- ]?time|part[- ]?time|contract|temporary|permanent|anywhere)"
    r"(?:[ \t]*[,/&(][ \t]*(?:remote|on-?site|hybrid|full[- ]?time|part[- ]?time|contract|temporary|permanent|anywhere|\w+)\)?)?",
    re.I,
)


def _cut_place_suffix(posting: Posting) -> None:
    """"Program Manager - United States" names the job "Program Manager": a board adds
    the place, the pay or the terms after the last dash. The part is cut only when it
    is nothing else ("Data Engineer - Kafka", "Manager - Global Payments" stay), and
    only from a title that reads as a role or stands as a heading or field: an HN
    header "Acme Labs - Boston, MA" names the company, not a job.
    """
    title = posting.title
    if not title or len(title) > 200:
        return
    m = _LAST_DASH.match(title)
    if m is None:
        return
    head, tail = title[: m.end()].rstrip(" \t-–—"), title[m.end() :].strip()
    if not tail or not _board_suffix(tail) or not _title_shaped(head):
        return
    if not _is_role(head.lower()) and not _stands_alone(posting):
        return
    span = posting.title_span
    posting.title = head
    if span is not None and posting.text[span[0] : span[1]] == title:
        posting.title_span = (span[0], span[0] + len(head))


_URL_OR_FIGURE_END = re.compile(r"https?:|www\.|\.(?:com|io|org|net|co)\b|[\d.,]+k?$", re.I)


def _title_shaped(head: str) -> bool:
    """What is left could be a title: not the first half of a range ("$40 - $60"),
    no URL, brackets closed, not a place alone, not a header with a suffix of its own."""
    if len(_WORD.findall(head)) < 1 or _URL_OR_FIGURE_END.search(head) or head.count("(") != head.count(")"):
        return False
    if _only_places(head) or _TERMS.search(head.lower()):
        return False  # "Acme: Full time ONSITE Vienna - Austria" is a header
    inner = _LAST_DASH.match(head)
    return not (inner and _board_suffix(head[inner.end() :].strip()))


def _stands_alone(posting: Posting) -> bool:
    """A field title, or a body title that is a heading of its own."""
    if posting.title_span is None:
        return True
    index = _title_index(posting)
    return index is not None and posting.lines[index].level > 0


def _board_suffix(part: str) -> bool:
    return bool(_PAY_SUFFIX.search(part) or _TERMS_ONLY.fullmatch(part) or _only_places(part))


def _only_places(part: str) -> bool:
    """Every word a known place or, after the first, a state code: "United States",
    "Austin, TX", "London / Remote"."""
    places, codes = _places()
    words = _PLACE_WORD.findall(part)
    if not words or len(words) > 6 or any(c.isdigit() for c in part):
        return False
    i = 0
    while i < len(words):
        low = words[i].lower().rstrip(".")
        pair = f"{low} {words[i + 1].lower().rstrip('.')}" if i + 1 < len(words) else ""
        if pair in places:
            i += 2
        elif low in places or (i and words[i] in codes) or low == "remote":
            i += 1
        else:
            return False
    return True


def _title_index(posting: Posting) -> int | None:
    return next((i for i, ln in enumerate(posting.lines[:60]) if ln.kind == "title"), None)


def _first_line(posting: Posting) -> int | None:
    return next((i for i, ln in enumerate(posting.lines[:20]) if ln.kind != "blank"), None)


def _norm(s: str) -> str:
    return " ".join(_WORD.findall(s.lower()))


def _use_field_title(posting: Posting, given: str) -> None:
    text, lines = posting.text, posting.lines
    want = _norm(given)
    old = _title_index(posting)
    match = None
    nonblank = 0
    for i, ln in enumerate(lines):
        if ln.kind == "blank":
            continue
        body = text[ln.body_start : ln.end].strip("*_# ")
        if _norm(body) == want:
            match = i
            break
        nonblank += 1
        if nonblank >= 8:
            break
    if old is not None and old != match:
        ln = lines[old]  # the line guessed as the title is a heading (it kept its level) or text again
        ln.kind = "heading" if ln.level else "text"
    posting.title = given
    posting.title_span = None
    if match is not None:
        ln = lines[match]
        ln.kind = "title"
        body = text[ln.body_start : ln.end].strip("*_# ")
        start = ln.body_start + text[ln.body_start : ln.end].find(body)
        posting.title_span = (start, start + len(body))


# "Acme | Senior Engineer | Berlin | ONSITE", "OrgSync - Dallas, TX - Developer - Full time".
_HEADER_SEP = re.compile(r"[ \t]+[|–—-][ \t]+|[ \t]*\|[ \t]*|[ \t]+•[ \t]+")
_ROLE_WORD = re.compile(
    r"\b(?:engineers?|developers?|designers?|scientists?|analysts?|architects?|managers?|programmers?|administrators?"
    r"|admins?|leads?|heads? of|directors?|officers?|cto|cfo|vp|devops|sre|interns?|internships?|researchers?"
    r"|consultants?|specialists?|writers?|editors?|marketers?|recruiters?|coordinators?|technicians?|testers?"
    r"|hackers?|co-?founders?|assistants?|representatives?|strategists?)\b"
)  # not "associates", "partners", "founders": company names use them
_INTERN = re.compile(r"\bintern(?:s|ships?)?\b")
_TERM_WORDS = r"remote|onsite|on-site|on site|full[- ]?time|part[- ]?time|contract(?:or)?|visa|h-?1b|relocation|equity|hybrid|anywhere"
_TERMS = re.compile(rf"\b(?:{_TERM_WORDS})\b")
# The parts of a header that are not the role: terms, an internship and pay ("ONSITE",
# "$120k"), or a place, looked up word by word in the place names the location detector knows.
_HEADER_TERMS = re.compile(rf"\b(?:{_TERM_WORDS}|intern(?:ship)?s?)\b|[$€£]", re.I)
_PLACE_WORD = re.compile(r"[A-Za-z][A-Za-z.]*")


def _is_hint(part: str) -> bool:
    """Terms, pay or a place: "REMOTE", "Dallas, TX", "Boston/Cambridge MA", "London"."""
    if _HEADER_TERMS.search(part):
        return True
    places, codes = _places()
    words = _PLACE_WORD.findall(part)
    for i, word in enumerate(words[:8]):
        low = word.lower().rstrip(".")
        if low in places or (i and word in codes) or (i and f"{words[i - 1].lower()} {low}" in places):
            return True
    return False


@lru_cache(maxsize=1)
def _places() -> tuple[frozenset[str], frozenset[str]]:
    """The place names and state codes the location detector knows, loaded on first use
    (a header line is rare; most postings never need them)."""
    from .facts.places import _CITY_NAMES, _REGION_NAMES, _STATE_CODES

    return _CITY_NAMES | _REGION_NAMES, _STATE_CODES


_HIRING_LEAD = re.compile(r".*?\b(?:is |are )?(?:looking for|hiring|seeking)(?: (?:an?|several|multiple|two|three))?[ \t]+", re.I)


def _header_role(posting: Posting, index: int) -> tuple[str, int, int] | None:
    """(role, start, end) when the line is a header of three or more parts, one of them
    a place or terms and exactly one a role; None when that is not clear.

    Linear in the line (one split, one search per part); lines over 300 characters are
    not headers.
    """
    ln = posting.lines[index]
    text = posting.text
    if ln.end - ln.body_start > 300:
        return None
    line = text[ln.body_start : ln.end]
    cuts = [(m.start(), m.end()) for m in _HEADER_SEP.finditer(line)]
    if len(cuts) < 2:
        return None
    parts, pos = [], 0
    for a, b in cuts:
        parts.append((pos, a))
        pos = b
    parts.append((pos, len(line)))
    roles = [(a, b) for a, b in parts if _is_role(line[a:b].lower())]
    if len(roles) != 1 or not any(_is_hint(line[a:b]) for a, b in parts if (a, b) != roles[0]):
        return None
    a, b = roles[0]
    lead = _HIRING_LEAD.match(line, a, b) or _OPENINGS_LEAD.match(line, a, b)
    if lead:
        a = lead.end()
        a = _HIRING_FOR.match(line, a, b).end()  # "is hiring for most positions, including …"
    role = line[a:b].strip(" *_#:").rstrip(" *_#:.,;")  # a leading dot is the role's (".NET")
    if not role or len(_WORD.findall(role)) > (12 if "," in role else 8):
        return None  # a list of roles ("Software Engineers, QA Automation, Product Managers") may run longer
    start = ln.body_start + line.index(role, a)
    return role, start, start + len(role)


# "Many open positions including …", "Several roles:": the roles that follow are the title.
_OPENINGS_LEAD = re.compile(
    r"[ \t]*(?:(?:many|several|multiple|various|\d+)[ \t]+)?(?:open[ \t]+)?(?:positions|roles|openings|jobs)"
    r"(?:[ \t]+(?:including|such as|in|for))?[ \t]*:?[ \t]+", re.I,
)
# A first line that lists the roles sought ("Data Scientists, Game Engineers, QA -- you
# name it!") or says them in a hiring sentence ("Acme in Vienna is looking for senior and
# lead web developers."): on a board with no title field, that line is the title.
_ROLE_LIST_SEP = re.compile(r"[ \t]*(?:,|/|;|\band\b|&)[ \t]*")
_LIST_TAIL = re.compile(r"[ \t]+(?:--|[-–—]|\.\.\.)[ \t]+[^,]*$|[ \t]*[!.]+$")
_SENTENCE_VERB = re.compile(r"\b(?:is|are|was|were|we|our|has|have)\b", re.I)
_HIRING_FOR = re.compile(r"(?:for[ \t]+)?(?:(?:most|all|many|several|multiple)[ \t]+)?(?:(?:open[ \t]+)?(?:positions|roles),?[ \t]+(?:including|such as)[ \t]+)?", re.I)
_HIRING_SENTENCE = re.compile(r".{0,80}?\b(?:is|are) (?:looking for|hiring|seeking)[ \t]+(?:(?:an?|several|multiple|two|three)[ \t]+)?", re.I)


def _roles_line(posting: Posting, index: int) -> tuple[str, int, int] | None:
    """(roles, start, end) from a first line that names the roles sought, else None.
    Linear in the line; lines over 200 characters are passed over."""
    ln = posting.lines[index]
    line = posting.text[ln.body_start : ln.end]
    if len(line) > 200:
        return None
    hiring = _HIRING_SENTENCE.match(line)
    if hiring:
        rest = line[hiring.end() :]
        stop = re.search(r"[.!?](?:\s|$)", rest)
        roles = rest[: stop.start()] if stop else rest
        lead = _HIRING_FOR.match(roles)
        skip = lead.end() if lead else 0
        roles = roles[skip:].strip()
        if _ROLE_WORD.search(roles.lower()) and len(_WORD.findall(roles)) <= 10:
            start = ln.body_start + hiring.end() + rest.index(roles, skip)
            return roles, start, start + len(roles)
        return None
    tail = _LIST_TAIL.search(line)
    head = line[: tail.start()] if tail else line
    if _SENTENCE_VERB.search(head):
        return None  # "Acme is a marketplace for developers, designers and …": a sentence, not a list
    parts = [p for p in _ROLE_LIST_SEP.split(head) if p.strip()]
    named = sum(1 for p in parts if len(_WORD.findall(p)) <= 5 and _is_role(p.lower()))  # a role is named in a few words
    if len(parts) >= 2 and named >= 2 and named * 2 >= len(parts) and len(_WORD.findall(head)) <= 20:
        return head.strip(), ln.body_start, ln.body_start + len(head.strip())
    return None


def _is_role(part: str) -> bool:
    """A header part naming a role: "Senior Engineer", "Data intern"; not "FULLTIME & INTERN"."""
    if _ROLE_WORD.search(part):
        return True
    return bool(_INTERN.search(part)) and not _TERMS.search(part)


_TITLE_FIELD = re.compile(
    r"[ \t>*_-]*(?:(?P<formal>job title|position title|title of (?:the )?(?:position|post|role)|role title|post title)"
    r"|(?P<named>position designation)|job|position|role|title)[ \t*_]*:[ \t*_]*(?P<value>[^\n]{2,100}?)[ \t*_]*$",
    re.I,
)


def _title_from_field_line(posting: Posting) -> None:
    """A "Job title: …" field among the first lines, when no line is the title.

    A formal "Job title:" outranks a "Position designation:" or a bare "Role:" above
    it: it is the field named for the title, where a designation can name a grade or
    a post the template was copied from. Linear: one anchored match per line, in the first 60 lines.
    """
    text = posting.text
    best: tuple[int, re.Match[str]] | None = None
    for ln in posting.lines[:60]:
        if ln.kind == "blank" or ln.end - ln.start > 140:
            continue
        m = _TITLE_FIELD.match(text, ln.start, ln.end)
        if m is None or is_chrome(m.group("value")) or not any(c.isalpha() for c in m.group("value")):
            continue
        # "Position: Permanent" is no title: a bare "Position:" or "Role:" needs a role word.
        rank = 0 if m.group("formal") else 1 if m.group("named") or _is_role(m.group("value").lower()) else None
        if rank is not None and (best is None or rank < best[0]):
            best = rank, m
            if rank == 0:
                break
    if best is not None:
        m = best[1]
        posting.title = m.group("value").strip()
        posting.title_span = (m.start("value"), m.start("value") + len(posting.title))
