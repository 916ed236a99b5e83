"""Who the employer is, and whether the posting says what it does, read through its name.

A reader knows the employer when the posting names it and says what it is or does in
any sentence. Many postings name it only in a field ("Company: …", "Agency: …"), a
title ("Acme.io: Support Lead") or "at <Name>", and describe it in words no cue knows
but the name's own: "<Name> products and claims", "<Name>'s booking platform",
"<Name> – a regional grocery distributor –", "<Name> makes ferry apps", or a name that
says the kind of body it is ("… Clinic", "… Food Distributors", "… Protection Agency").
A name alone, in a field or in the duties ("<Name>'s growth strategy"), describes
nothing (completeness/company stays: the fresh reads judged it so).

Linear: the field and "at <Name>" searches run once over the text; each name (a few at
most) is found with `str.find` on the lower-cased text and only the words right after
each mention are matched, anchored.
"""

from __future__ import annotations

import re

# "Company: Kehe Foods", "- **Agency:** [Office of Tides](…)": the employer in a field line.
_FIELD = re.compile(
    r"^[ \t]*(?:[-*•][ \t]*)?(?:\*\*|__)?(?:company|employer|agency|organi[sz]ation|hiring organi[sz]ation)"
    r"(?:\*\*|__)?[ \t]*[:：][ \t]*(?:\*\*|__)?[ \t]*\[?([^\]\n(|]{2,80})",
    re.I | re.M,
)
# "at Harbourline", "here at V9", "jobs at tidewatch:)": the employer named by where one works.
_AT_NAME = re.compile(
    r"\b(?:(?i:jobs|positions|roles|openings|hiring|engineers?|developers?|designers?|careers?|here|join us) at (?=[a-z0-9])"
    r"|at (?=[A-Z0-9]))([\w&'’.:)-]{2,40})"
)
# "Harbourline is looking for …": a sentence whose subject is the one hiring.
_HIRING_SUBJECT = re.compile(
    r"(?:^|[.!?][ \t]+|\[)([A-Z0-9][\w&'’.-]*(?: [A-Z][\w&'’.-]*){0,3}) (?:is|are) (?:looking|hiring|seeking|searching)\b",
    re.M,
)
# A title that opens with the employer: "Harbour.io: Support Lead".
_TITLE_PREFIX = re.compile(r"^([^:]{2,40}):\s+\S")
_NOT_NAMES = frozenset({
    "the", "a", "an", "least", "most", "all", "any", "this", "our", "your", "their", "home", "work", "times",
    "scale", "first", "once", "will", "same", "hand", "minimum", "apply", "us", "level", "end", "start", "full-time",
})

# What kind of body a name says it is ("Sansum Clinic", "Office of Tides Agency").
_KIND_WORDS = (
    r"clinic|hospital|medical cent(?:er|re)|distributors?|foods?|bank|credit union|universit(?:y|ies)|college|"
    r"school|institute|laborator(?:y|ies)|labs|pharmacy|pharmaceuticals?|insurance|museum|library|foundation|"
    r"airlines?|restaurants?|hotels?|games|studios?|brewery|bakery|agency|administration|ministry|department|bureau|"
    r"council|commission|authority|service"
)
# The kind word ends the name or is followed by "of"/"for" ("University of Leeds"): in
# "Customer Service Professionals" it names a trade, not the body.
_KIND_IN_NAME = re.compile(rf"\b(?:{_KIND_WORDS})(?:$| (?:of|for)\b)", re.I)
# The words right after a mention of the name that say what it does or is.
_TYPE_NOUN = (
    r"compan(?:y|ies)|firms?|providers?|leaders?|organi[sz]ations?|agency|agencies|startups?|platform|institutions?|"
    r"universit(?:y|ies)|manufacturers?|suppliers?|makers?|distributors?|non-?profit|charity|marketplace|retailers?|"
    r"consultancy|bank|laborator(?:y|ies)|studio|group|business(?:es)?|publishers?|producers?|team|practice|service|office"
)
_AFTER_NAME = re.compile(
    # "<Name> products", "<Name>'s core data applications", "<Name> Data product offerings"
    # (the words between are a compound's, not a verb's: "<Name> is hiring software …" is not)
    r"(?:['’]s)?[ \t]+(?:(?!(?:is|are|was|has|have|had|will|would|can|and|or|to|for|in|with|at|on|of|by|the|a|an|its|our|your)\b)"
    r"[\w-]+[ \t]+){0,3}(?:products?|services|platforms?|applications|apps|software|solutions|customers|"
    r"clients|offerings|programs|programmes|projects|games|tools|stores)\b"
    # "<Name> – a natural food distributor –", "<Name>, the city's transport agency,"
    rf"|[ \t]*[-–—,(][ \t]*(?:is[ \t]+)?(?:a|an|the)[ \t]+(?:[\w’'/-]+,?[ \t]+){{0,6}}(?:{_TYPE_NOUN})\b"
    # "<Name> makes social games", "<Name>:) builds …", "<Name> is the public's one account
    # for …", "<Name> is an open-source team": the name defined (not "… is an equal
    # opportunity employer", stock text).
    r"|[:)]*[ \t]+(?:(?:makes|builds|develops|designs|provides|offers|creates|delivers|serves|helps|sells|runs|operates|publishes|"
    r"powers|connects|manufactures|produces)\b|is[ \t]+(?:a|an|the|one of the)[ \t]+"
    r"(?!(?:equal|proud|e-verify|eoe|drug|smoke|fair|affirmative|committed|best place)\b)[\w’'-]+)",
)


def employer_names(text: str, title: str = "", company: str = "") -> list[str]:
    """The names the posting gives its employer: a field, the title's prefix, "at <Name>",
    the subject of "… is looking for"; a few at most, in the order found."""
    found: list[str] = []

    def add(name: str) -> None:
        name = name.strip(" \t*_.,;:'\"’-")
        if len(name) >= 2 and name.lower() not in _NOT_NAMES and name not in found and len(found) < 6:
            found.append(name)

    if company:
        add(company)
    for m in _FIELD.finditer(text):
        add(m.group(1))
    m = _TITLE_PREFIX.match(title)
    if m:
        for part in re.split(r"\s+[-–|]\s+", m.group(1)):
            add(part)
    for rx in (_HIRING_SUBJECT, _AT_NAME):
        for m in rx.finditer(text):
            add(m.group(1).rstrip(".:)") if rx is _HIRING_SUBJECT else m.group(1).rstrip("."))
    return found


def described_by_name(text: str, low: str, names: list[str]) -> bool:
    """Whether a name says the kind of body it is, or a mention of it is followed by what
    it makes, sells or is (`_AFTER_NAME`). `low` is `text` lower-cased, offset for offset."""
    for name in names:
        if _KIND_IN_NAME.search(name):
            return True
        key = name.lower()
        at = low.find(key)
        while at >= 0:
            end = at + len(key)
            # A whole word only: "V12" not inside "V120".
            if (at == 0 or not low[at - 1].isalnum()) and _AFTER_NAME.match(low, end):
                return True
            at = low.find(key, end)
    return False
