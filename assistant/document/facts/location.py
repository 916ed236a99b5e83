"""The stated place of work: a "Location:" field, a location section, the title line,
prose cues ("based in X", "Remote (US)"), then "City, Region" anywhere.

The finders run in that order (`job_places._location`) and the first that finds a
place wins, so a labelled field always beats a guess from prose. A place in the company's history or in a legal
notice is not the job's place.
"""

from __future__ import annotations

import re

from ..model import Location
from .places import (
    _CITY_NAMES,
    _CN_CITIES,
    _COUNTRY_NAMES,
    _REGION_NAMES,
    _STATE_CODES,
    _STATE_NAMES,
    _known_prefix,
    _names,
)
from .view import _Doc

_LOCATION_LABELS = frozenset({
    "location", "locations", "job location", "work location", "office location", "primary location",
    "duty location", "location(s)", "job locations", "workplace location", "place of work", "based in",
    "city", "municipality", "kommun", "ort", "arbetsort", "placeringsort", "placering", "standort",
    "arbeitsort", "einsatzort", "lieu", "lieu de travail", "工作地点", "办公地点", "工作城市", "地点",
    "城市", "坐标", "base", "base地", "地址", "办公地址", "工作地址",
})
_LOCATION_LABEL_ANCHORS = ("location",)
_LOCATION_LABEL_ANCHORS_FOREIGN = {
    "zh": ("地点", "城市", "base", "坐标", "地址"),
    "sv": ("municipality", "kommun", "ort", "placering"),
    "de": ("standort", "arbeitsort", "einsatzort"),
}
_TIMEZONE = re.compile(r"(?:utc|gmt|cet|cest|est|pst|et|pt|ct)(?:[ \t]?[+±-][ \t]?\d{1,2})?(?![a-z])")
_WORD = r"[A-Z][\w'’.-]*"
# Capitalised words, with the small words place names contain, then ", Region" at most twice.
_PLACE = rf"{_WORD}(?:(?:[ -](?:de|del|am|upon|sur))?[ -]{_WORD}){{0,3}}(?:,[ \t]?{_WORD}(?: {_WORD}){{0,2}}){{0,2}}"
# A full stop that ends the sentence, not an abbreviation ("St.", "D.C.").
_SENTENCE_END = re.compile(r"(?<!\b[A-Z])(?<!\bSt)(?<!\bFt)(?<!\bMt)(?<!\.[A-Z])\.(?=\s)")
# Each cue opens with its anchor word, so it can be matched right where the anchor was found.
# After "the", only a known region counts: "the US", not "the General Services Administration".
_BASED_IN = re.compile(
    r"(?i:based|located|situated)[ \t]+(?i:in|out[ \t]+of)[ \t]+"
    r"(?:(?:the[ \t]+)?(?:heart|center|centre)[ \t]+of[ \t]+)?"
    r"(?:(?:beautiful|sunny|vibrant|historic|downtown|central|greater)[ \t]+)?"
    r"(?P<the>the[ \t]+)?(?P<place>" + _PLACE + ")"
)
_OFFICE_IN = re.compile(
    r"(?i:office|offices|locations|studio|campus)[ \t]+(?:is[ \t]+|are[ \t]+)?(?:located[ \t]+)?(?i:in|at)[ \t]+"
    r"(?:(?:the[ \t]+)?(?:heart|center|centre)[ \t]+of[ \t]+)?(?:(?:downtown|central)[ \t]+)?"
    r"(?P<the>the[ \t]+)?(?P<place>" + _PLACE + ")"
)
_OUR_PLACE_OFFICE = re.compile(
    r"\b(?:in|at|from|to|join|visit)[ \t]+our[ \t]+(?:(?:new|beautiful|brand[- ]new|downtown|central|main)[ \t]+)?"
    r"(?P<place>" + _PLACE + r")[ \t]+$"
)
_REMOTE_PLACE = re.compile(
    r"(?i:remote)[ \t]*(?:\(|[-–—,:/|]|(?i:in|within|from)[ \t])[ \t]*(?P<the>(?i:the)[ \t]+)?"
    r"(?P<place>[^()\n;|]{2,45}?)(?=\)|[;|\n]|\.(?:\s|$)|$)"
)
_ANYWHERE_IN = re.compile(
    r"(?i:anywhere)[ \t]+(?i:in|within|across)[ \t]+(?P<the>the[ \t]+)?(?P<place>[A-Za-z][\w.'’-]*(?:[ \t][A-Z][\w.'’-]*){0,2})"
)
# "We're hiring (people at all levels) in Ottawa and Toronto", "FULLTIME jobs at Acme in SAN FRANCISCO": where
# the hiring is, when a known city or region follows (`_cue_place`).
_HIRING_IN = re.compile(
    r"(?i:hiring|jobs|positions|roles|openings)[ \t]+(?:[^\s,.;]{1,30}[ \t]+){0,6}?(?i:in)[ \t]+(?P<the>the[ \t]+)?(?P<place>" + _PLACE + ")"
)
_RELOCATE = re.compile(r"(?i:relocat\w*)[ \t]+(?i:to|in)[ \t]+(?P<the>the[ \t]+)?(?P<place>" + _PLACE + ")")
# ", TX", ", Germany": a comma and a capitalised region, checked against the sets above.
_COMMA_REGION = re.compile(r",[ \t]?(?P<region>(?:the[ \t])?[A-Z][\w.]*(?:[ \t][A-Z][a-z]+){0,2})")
_CITY_WORD = r"(?:[A-Z][a-zà-öø-ÿ][a-zà-öø-ÿ'’-]*|(?:St|Ft|Mt)\.)"
_CITY_BEFORE = re.compile(rf"(?<![\w-]){_CITY_WORD}(?:[ '-]{_CITY_WORD}){{0,3}}$")
_CAPS_RUN = re.compile(r"(?<![\w-])[A-Z][\w.'’-]*(?:[ \t][A-Z][\w.'’-]*){0,5}")
_CN_PLACE = re.compile(rf"(?P<place>(?:{_CN_CITIES})(?:[/、，,|｜ ]?(?:{_CN_CITIES}))*)")
_CN_CUE = re.compile(
    rf"(?:base|Base|BASE|坐标|位于|地点在|工作地)[ \t]*[:：在为于]?[ \t]*(?P<place>(?:{_CN_CITIES})(?:[/、，,|｜ ]?(?:{_CN_CITIES}))*)"
)
_LIST_ITEM_BEFORE = re.compile(r"[A-Z][\w&.-]*,[ \t]$")
# Words before a place that make it the company's story or a legal notice, not the job's place.
_NOT_WORKPLACE = re.compile(
    r"(?:founded|headquartered|incorporated|born|started|acquired|raised|grew up|studied|applicants"
    r"|residents|university|college|graduated|not|if|unless|outside)\W+(?:\w+\W+){0,3}$"
)
_HISTORY_LABELS = frozenset({"headquarters", "hq", "founded", "company address", "revenue", "size"})
_NOT_PLACE_WORDS = frozenset({
    "main", "head", "corporate", "home", "central", "new", "global", "regional", "local", "field",
    "front", "back", "open", "remote", "engineering", "sales", "hr", "post", "branch", "satellite",
    "virtual", "the", "our", "a", "an", "this", "your", "we", "you", "any", "all", "one", "each",
    "us", "customer", "client", "clients", "company", "downtown", "uptown", "midtown", "city",
    "financial", "district", "headquarters", "hq",
})
_KEEP_CAPS = frozenset({"NYC", "USA", "UAE", "UK", "US", "EU", "DC", "SF", "EMEA", "APAC", "LATAM", "U.S.", "U.K."})
_AREA_WORDS = frozenset({"area", "region", "valley"})
_REMOTE_ONLY = re.compile(
    r"^(?:[\W_]|remote|virtual|fully|100%|only|ok|yes|work|from|home|wfh|distributed|first|friendly|"
    r"远程|办公|全职|可|支持|居家|在家)*$",
    re.I,
)
_PLACEHOLDER = re.compile(
    r"\{\{|\{%|^\W*(?:n/?a|tbd|tba|none|unknown|various|multiple(?: locations)?|see (?:below|description))\W*$",
    re.I,
)
_SENTENCE_START = re.compile(r"(?:we|you|our|this|the|as|in|if|at|a|an|i|it|there|please)\b", re.I)


def _place(doc: _Doc, start: int, end: int) -> Location | None:
    text = doc.text
    start, end = _trim(text, start, end)
    if end - start < 2:
        return None
    value = text[start:end]
    if _PLACEHOLDER.search(value) or _REMOTE_ONLY.match(value):
        return None
    return Location(value, start, end)


def _cue_place(doc: _Doc, match: re.Match[str]) -> Location | None:
    """The place a cue matched; after "the" (or after "remote") only a known region counts."""
    start, end = match.span("place")
    phrase = match.group("place")
    if match.re is _REMOTE_PLACE or match.re is _ANYWHERE_IN:
        known = _known_prefix(phrase, _REGION_NAMES) or len(_TIMEZONE.match(phrase.lower()) or "")
        if known:
            if doc.text[match.start() : start].rstrip(" \t").endswith("("):
                return _free_place(doc, start, end, known=True)  # "Remote (US only)"
            return _free_place(doc, start, start + known, known=True)  # "Remote, US hours preferred"
        if match.re is _REMOTE_PLACE or not phrase[:1].isupper():
            return None
        return _free_place(doc, start, end)
    if match.re is _HIRING_IN:  # a known place only: "hiring in Ottawa", not "hiring in Engineering"
        known = _known_prefix(phrase, _REGION_NAMES | _CITY_NAMES)
        return _place(doc, start, _place_list_end(phrase, start)) if known else None
    if match.group("the"):
        known = _known_prefix(phrase, _REGION_NAMES | _CITY_NAMES)
        words = phrase.split()
        if not known:
            area = next((i for i, w in enumerate(words[:3]) if w.lower().rstrip(".,") in _AREA_WORDS), None)
            if area is None:
                return None
            known = phrase.find(words[area]) + len(words[area].rstrip(".,"))
        return _free_place(doc, start, start + known, known=True)
    return _free_place(doc, start, end)


def _free_place(doc: _Doc, start: int, end: int, *, known: bool = False) -> Location | None:
    """A place read out of prose: reject the capitalised words that are not places."""
    stop = _SENTENCE_END.search(doc.text, start, end)
    if stop:
        end = stop.start() + 1  # "based in London. We are..." ends at "London."
    found = _place(doc, start, end)
    if found is None or known:
        return found
    first = found.text.split()[0].strip(",")
    if first.lower() in _NOT_PLACE_WORDS:
        return None
    if len(first) >= 3 and first.isupper() and first not in _KEEP_CAPS:
        return None  # "AWS", "SQL"
    return found


def _city_and_region(doc: _Doc, city_start: int, region: re.Match[str], *, strict: bool) -> Location | None:
    """ "Austin, TX", "Berlin, Germany": a capitalised name followed by a known region."""
    phrase = region.group("region")
    known = _known_prefix(phrase, _STATE_NAMES | _COUNTRY_NAMES, _STATE_CODES)
    if not known:
        return None
    end = region.start("region") + known
    if strict and _ORG_AFTER.match(doc.text, end):
        return None  # "USA Today", "US Digital Service": an organisation, not an address
    city_start = _trim_city(doc.text, city_start, region.start())
    city = doc.text[city_start : region.start()].strip().replace(".", "").lower()
    region_name = doc.text[region.start("region") : end].replace(".", "").lower()
    if city in _COUNTRY_NAMES or (city in _STATE_NAMES and region_name in _STATE_NAMES and city != region_name):
        return None  # "India, US", "Texas, California": regions in a list, not an address
    return _place(doc, city_start, end)


_ORG_AFTER = re.compile(r"[ \t][A-Z][a-z]")
_ROLE_WORDS = _names(
    "Engineer|Engineers|Developer|Developers|Scientist|Scientists|Designer|Designers|Manager|Managers"
    "|Analyst|Analysts|Architect|Architects|Lead|Senior|Junior|Staff|Principal|Director|Intern|Interns"
    "|Hiring|Remote|Onsite|Full|Part|Time|Contract|Data|Software|Backend|Frontend|Product|Python"
)


def _trim_city(text: str, start: int, end: int) -> int:
    """Drop a job title glued before the city: "Data Scientist Salt Lake City" -> "Salt Lake City"."""
    words = text[start:end].split()
    for i in range(len(words)):
        if " ".join(words[i:]).lower() in _CITY_NAMES:
            return text.index(words[i], start)
    i = 0
    while i < len(words) - 1 and words[i].lower() in _ROLE_WORDS:
        i += 1
    return text.index(words[i], start) if words else start


def _location_from_fields(doc: _Doc) -> Location | None:
    """A "Location:" field's value; linear: each field is read once, however many
    anchors stand in it."""
    anchors = _LOCATION_LABEL_ANCHORS + _LOCATION_LABEL_ANCHORS_FOREIGN.get(doc.lang, ())
    best = None
    read: set[int] = set()  # fields whose value was read: the place is the same for each anchor in it
    for anchor in anchors:
        for pos in doc.hits(anchor):
            if best is not None and pos > best.start:
                break
            field = doc.field_at(pos)
            if field is None or field.label not in _LOCATION_LABELS or pos >= field.value_start:
                continue
            if field.value_start in read:
                continue
            read.add(field.value_start)
            start, end = field.value_start, field.value_end
            if end - start > 100:
                cut = _LONG_VALUE_CUT.search(doc.text, start, end)
                end = cut.start() if cut else start + 100
            found = _place(doc, start, end)
            if found and (best is None or found.start < best.start):
                best = found
    return best


_LONG_VALUE_CUT = re.compile(r"[.;](?:\s|$)|\s{2,}")


def _location_from_section(doc: _Doc) -> Location | None:
    """The opening lines of a "Location" section: a field, a cue, or a short place line."""
    for section in doc.sections:
        if section.kind != "location":
            continue
        first = section.first_line + (1 if section.heading is not None else 0)
        looked = 0
        for line in doc.lines[first : section.last_line]:
            if line.kind == "blank":
                continue
            if line.kind == "heading":
                break
            looked += 1
            if looked > 3:
                break
            field = doc.field_at(line.body_start)
            if field is not None and field.label_start >= line.body_start:
                if field.label in _LOCATION_LABELS:
                    return _place(doc, field.value_start, field.value_end)
                continue  # "Contact: ...", not the place
            found = _cue_in(doc, line.body_start, line.end)
            if found:
                return found
            body = doc.text[line.body_start : line.end].strip()
            if len(body) > 70 or len(body.split()) > 10 or body.endswith((".", "。")):
                break  # a sentence, not a place
            if body.lower().endswith("address"):
                continue  # "Office Address", a label for the line below
            if "\u4e00" <= body[:1] <= "\u9fff":
                if _CN_PLACE.search(body):
                    return _place(doc, line.body_start, line.end)
            elif body[:1].isupper() and not _SENTENCE_START.match(body):
                return _place(doc, line.body_start, line.end)
            break
    return None


def _cue_in(doc: _Doc, start: int, end: int) -> Location | None:
    for pattern in (_BASED_IN, _OFFICE_IN, _REMOTE_PLACE, _ANYWHERE_IN, _RELOCATE):
        match = pattern.search(doc.text, start, end)
        if match:
            found = _cue_place(doc, match)
            if found:
                return found
    return None


def _location_from_title(doc: _Doc) -> Location | None:
    """HN header lines ("Acme | Berlin | Full-time") and bracketed Chinese titles."""
    start, end = doc.title()
    if end - start < 2:
        return None
    text = doc.text
    if doc.chinese:
        match = _CN_PLACE.search(text, start, end)
        return _place(doc, *match.span("place")) if match else None
    for comma in _COMMA_REGION.finditer(text, start, end):
        city = _CITY_BEFORE.search(text, max(start, comma.start() - 40), comma.start())
        found = _city_and_region(doc, city.start(), comma, strict=False) if city else None
        if found and _workplace_context(doc, found.start):
            return found
    if doc.low.find("remote", start, end) >= 0:
        match = _REMOTE_PLACE.search(text, start, end)
        found = _cue_place(doc, match) if match else None
        if found:
            return found
    for run in _CAPS_RUN.finditer(text, start, end):
        phrase = run.group(0)
        offset = 0
        for word in phrase.split(" "):  # "Downtown Toronto": try each word as a start
            known = _known_prefix(phrase, _CITY_NAMES, at=offset)
            if known and _workplace_context(doc, run.start() + offset):
                return _place(doc, run.start() + offset, run.start() + offset + known)
            offset += len(word) + 1
    return None


def _location_from_cues(doc: _Doc) -> Location | None:
    """ "based in X", "our X office", "office in X", "Remote (US)", "anywhere in X"."""
    text = doc.text
    best: Location | None = None
    checks = (("based", _BASED_IN), ("located", _BASED_IN), ("office", _OFFICE_IN), ("locations", _OFFICE_IN),
              ("remote", _REMOTE_PLACE), ("anywhere", _ANYWHERE_IN), ("hiring", _HIRING_IN), ("jobs", _HIRING_IN),
              ("positions", _HIRING_IN), ("roles", _HIRING_IN), ("openings", _HIRING_IN))
    for anchor, pattern in checks:
        for pos in doc.word_hits(anchor):
            if best is not None and pos > best.start:
                break
            found = None
            if anchor == "office":
                our = _OUR_PLACE_OFFICE.search(text, max(0, pos - 60), pos)
                if our and _workplace_context(doc, our.start()):
                    found = _free_place(doc, *our.span("place"))
            if found is None:
                match = pattern.match(text, pos)
                if match is None or not _workplace_context(doc, match.start()):
                    continue
                found = _cue_place(doc, match)
            if found:
                if best is None or found.start < best.start:
                    best = found
                break
    if best:
        return best
    if doc.chinese:
        match = _CN_CUE.search(text)
        if match:
            return _place(doc, *match.span("place"))
    return None


def _place_list_end(phrase: str, start: int) -> int:
    """Where a place phrase ends, stopping at a closing "!" or stop: "SAN FRANCISCO, CA!"."""
    cut = len(phrase.rstrip("!.?"))
    return start + cut


def _workplace_context(doc: _Doc, pos: int) -> bool:
    if doc.section_kind(pos) in ("eeo_statement", "accommodation_statement"):
        return False
    if _NOT_WORKPLACE.search(doc.low, max(0, pos - 40), pos):
        return False
    return not doc.notice_line(pos)


def _location_from_patterns(doc: _Doc) -> Location | None:
    """ "City, ST" and "City, Country" anywhere, unless they tell the company's history."""
    text = doc.text
    for comma in _COMMA_REGION.finditer(text):
        city = _CITY_BEFORE.search(text, max(0, comma.start() - 40), comma.start())
        if city is None:
            continue
        start = city.start()
        field = doc.field_at(start)
        if field is not None and field.label in _HISTORY_LABELS:
            continue
        if _LIST_ITEM_BEFORE.search(text, max(0, start - 30), start):
            continue  # "Sony, TJX, United Nations, USA": a list of clients, not an address
        if doc.section_kind(start) == "company_overview" or not _workplace_context(doc, start):
            continue
        found = _city_and_region(doc, start, comma, strict=True)
        if found:
            found = _free_place(doc, found.start, found.end)
        if found:
            return found
    return None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Strip markup and punctuation off a value's edges, keeping exact offsets."""
    while start < end and text[start] in " \t*_>\"'“(":
        start += 1
    while end > start and text[end - 1] in " \t*_.,;:|\"'”-–([":
        if text[end - 1] == "." and text[end - 3 : end - 2] == ".":
            break  # "D.C.", "U.S."
        end -= 1
    return start, end

