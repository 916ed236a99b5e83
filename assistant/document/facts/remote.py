"""The remote policy: "remote", "hybrid", "onsite", or nothing said.

Every mention is weighed (a labelled field beats a negation, which beats prose) and the
heaviest wins, so "remote-friendly team, but this role is on-site only" reads as onsite.
"""

from __future__ import annotations

import re

from .location import _LOCATION_LABELS
from .view import _Doc, _Field

_REMOTE_LABELS = frozenset({
    "remote", "remote work", "remote ok", "remote friendly", "telecommuting", "telecommute",
    "workplace", "workplace type", "work model", "work arrangement", "work style", "work mode",
    "work setting", "location type", "work type", "arrangement", "是否远程", "工作方式", "办公方式",
    "工作模式", "办公地点", "工作地点", "地点",
}) | _LOCATION_LABELS
_YES_NO_LABELS = frozenset({"remote", "remote work", "remote ok", "是否远程", "telecommuting", "telecommute"})
_ANSWER_YES = re.compile(r"(?:yes\b|y\b|true|ja\b|是|可以|可远程|支持|远程|ok\b|allowed|possible|fully|100%|1\b)")
_ANSWER_NO = re.compile(r"(?:no\b|n\b|false|nej\b|nein\b|否|不|非|0\b)")
_VALUE_NEGATION = re.compile(r"非远程|不支持远程|不提供远程|不接受远程|\bno remote|\bnot remote|\bnon-remote")
_VALUE_REMOTE = re.compile(r"\bremote\b|远程|work from home|\bwfh\b|distans")
# A place of work named as premises in a location field (a street address, a campus).
_VALUE_PREMISES = re.compile(
    r"\b(?:headquarters|hq|campus|premises|facility|plant|laboratory|hospital)\b"
    r"|\b\d{1,5} [a-z][\w.-]*(?: [a-z][\w.-]*)? (?:street|st|road|rd|avenue|ave|park|boulevard|blvd|drive|dr|lane|way|place|parkway)\b"
)
_VALUE_ONSITE = re.compile(r"\bon[- ]?site\b|\bin[- ]office\b|\bin[- ]person\b|\boffice\b|坐班")
_REMOTE_NEG_BEFORE = re.compile(
    r"(?:(?<![a-z])(?:no|not|non)[_*]*|(?<![a-z])not[_*]* an?|\bnot open to|\bunable to offer|非|不|无|不支持|不接受)[ -]?(?:fully |full )?$"
    r"|\b(?:cannot|can't|can not|unable to|not able to)[ \t]+(?:support|offer|accommodate|consider|accept|allow|hire)\b[^.;\n]{0,30}$"
)
_INLINE_ANSWER = re.compile(r"remote(?:ly)?\**[ \t]*[:：][ \t]*\**[ \t]*(?P<answer>yes|no|fully|full|100%|temporar\w*|\w+)")
_CONDITIONAL = re.compile(r"\b(?:if|whether|unless)\b[^.,;:!?\n]*$")
_REMOTE_NEG_AFTER = re.compile(
    r"remote(?:ly)?[ \t]+(?:work[ \t]+)?(?:is[ \t]+)?(?:not|n't)[ \t]+"
    r"(?:an[ \t]+option|possible|available|offered|allowed)"
)
_REMOTE_POS_AFTER = re.compile(
    r"remote(?:ly)?(?:[- ](?:first|friendly|only|ok|okay|based|position|role|job|opportunit(?:y|ies)"
    r"|work(?:er|ers|ing)?|employee|team member|contract|options?|possible|available|allowed|welcome"
    r"|considered|candidates|company|culture|setting|within|in the|from)\b|[ \t]*\()"
)
_REMOTE_POS_BEFORE = re.compile(
    r"(?:fully|100%|completely|entirely|totally|work(?:ing)?|\bis |\(|或|可|支持|全职|\[|【)[ -]?$"
    # "can be done remotely", "performed remotely"; "Location Remote", a field run into flattened text
    r"|\b(?:done|performed|completed|worked|based|location)[ \t]+$"
)
# "cannot be done remotely", "is not able to be performed remotely"
_REMOTE_NEG_DONE = re.compile(
    r"\b(?:cannot|can't|can not|not|never)[ \t]+(?:able[ \t]+to[ \t]+)?(?:be[ \t]+)?"
    r"(?:done|performed|worked|completed|carried[ \t]+out)[ \t]+$"
)
_REMOTE_HYBRID_BEFORE = re.compile(r"(?:partially|partly|part)[ -]$")
_REMOTE_NOISE = re.compile(
    r"remote(?:ly)?[ \t]+(?:sensing|controls?|debug\w*|monitor\w*|access|servers?|desktops?|support"
    r"|sites?|areas?|locations?|patients?|learning|teach\w*|devices?|systems?|procedures?|communit\w*"
    r"|villages?|islands?|regions?|parts?|corners?|possibilit\w*|chance|management|managed|repositor\w*"
    r"|api|host|shell|branch|url|cluster|workers? (?:node|process)|execution|viewing|diagnos\w*|care)\b"
)
_REMOTE_LOOSE = re.compile(r"remote[ \t]*(?:[)|,/;:.]|$|\n|or\b|ok\b)|remote[ \t]+[-–—][ \t]")  # "Acme - Remote - Full time"
# "work remote 2 days a week": some days away from the office, so hybrid.
_REMOTE_DAYS_AFTER = re.compile(
    r"remote(?:ly)?[ \t]+(?:for[ \t]+)?(?:up[ \t]+to[ \t]+)?(?:[1-4]|one|two|three|four)(?:[-–](?:[1-4]|two|three|four))?[- ]days?"
    r"[ \t]+(?:a|per|each|every|of the)[ \t]+week"
)
_HYBRID_AFTER = re.compile(
    r"hybrid(?:[- ](?:remote|work(?:ing)?|model|role|position|schedule|arrangement|set-?up|policy"
    r"|office|workplace|opportunity|job|team|working|environment)\b|[ \t]*(?:[)|/,;:.]|$|\n))"
)
_HYBRID_NOISE = re.compile(
    r"hybrid[ \t]+(?:cloud|apps?|mobile|vehicles?|cars?|approach|integration|infrastructure"
    r"|environments? (?:with|of)|solutions?|of|exchange|portfolio|talent|business|modalit\w*"
    r"|work(?:flow|load)s?)"
)
_OFFICE_DAYS_BEFORE = re.compile(
    r"(?P<n>[1-5]|one|two|three|four|five)(?:[-–](?:[1-5]|two|three|four|five))?[- ]days?"
    r"(?:[ \t]+(?:a|per|each|every)[ \t]+week)?[ \t]+(?:in|at)[ \t]+(?:the[ \t]+|our[ \t]+|an[ \t]+)?$"
)
_OFFICE_DAYS_AFTER = re.compile(
    r"office[ \t]+(?P<n>[1-5]|one|two|three|four|five)(?:[-–](?:[1-5]|two|three|four|five))?[- ]days?"
)
_IN_OFFICE = re.compile(
    r"(?:in[- ]office|office[- ]based)(?:[ \t]+(?:role|position|job|work|only|full[- ]?time)\b|[ \t]*[)|,.;]|$)"
)
_ONSITE_AFTER = re.compile(
    r"site(?P<only>[ -]only)?(?:[ \t]+(?:position|role|job|work|presence|requirement|full[- ]?time|in|at|with|from|\d)\b"
    r"|[ \t]*(?:[)|,.;/(]|$|\n))"
)
_ONSITE_BEFORE = re.compile(r"(?:work(?:ing)?|be|based|role is|position is|job is)[ \t]+$")
_ONSITE_NOISE = re.compile(
    r"site[ \t]+(?:gym|cafe|café|cafeteria|fitness|childcare|daycare|parking|meals?|lunch|kitchen"
    r"|interviews?|visits?|training|support|health|clinic|events?|massage|amenities|doctor|medical"
    r"|dining|shower|services?|bootcamps?|classes|activities)"
)
_AMENITY_BEFORE = re.compile(
    r"(?:gym|showers?|parking|cafe|café|cafeteria|childcare|daycare|clinic|fitness|lunch|meals?|kitchen"
    r"|storage|massage|doctor|laundry|dining|amenities|snacks|interviews?|visits?|events?|training)\b[^.;\n]{0,12}$"
)
# "This position is located in our corporate headquarters in Cleveland", "you will be
# working ... at our new location in Islington", "the work is based in an office": the
# job is put at the employer's premises.
_WORKPLACE_BEFORE = re.compile(
    r"\b(?:you|you'll|positions?|roles?|jobs?|work|candidates?|hires?|incumbents?|interns?|internships?|employees?)\b[^.;!?\n]{0,70}?"
    r"\b(?:based|located|situated|work|working|sits?|sitting)\b[^.;!?\n]{0,50}?"
    r"\b(?:in|at|from|out of)[ \t]+(?:our|the|its|an?)[ \t]+(?:[a-z'’&-]+,?[ \t]+){0,4}$"
)
_OPTIONAL = re.compile(r"\b(?:can|could|may|might|option\w*|welcome|choose|prefer|if|when|whenever|occasional\w*)\b")
# "the Office of the CFO" is a unit, "an office technology team" a kind of work
_WORKPLACE_AFTER = re.compile(
    r"(?:s|es)?\b(?![- ](?:days?|hours|manager|space|supplies|equipment|stipend|of\b|technolog|team|operations|functions?"
    r"|software|suite|tools?|applications?|products?|systems?|365|administrat|assistant|clerk|work\b))"
)
# "middle office", "back office", "front office": parts of a bank's business, not premises
_OFFICE_AS_BUSINESS = ("middle ", "back ", "front ", "back-", "front-", "middle-")
_WORKPLACE_ANCHORS = ("office", "headquarters", "hq", "campus", "premises", "location", "facility")
# "we largely work distributedly" (a way of working), "a fully distributed team" (a kind
# of team), "distributed-first"; not "distributed systems" nor "the SOA became fully distributed".
_DISTRIBUTED_WORK = re.compile(r"\bwork(?:s|ing)?[ \t]+(?:(?:largely|mostly|fully|primarily|entirely)[ \t]+)?$")
_DISTRIBUTED_WORK_AFTER = re.compile(r"distributed(?:ly\b|(?=[ \t]*[,.;:)\n]|$)|[ \t]+(?:across|around|throughout|from)\b)")
_DISTRIBUTED_TEAM = re.compile(r"\b(?:fully|completely|entirely|100%)[ \t]+$")
_DISTRIBUTED_TEAM_AFTER = re.compile(r"distributed(?:[- ]first\b|[ \t]+(?:team|company|workforce|organi[sz]ation)\b)")
_HOME = re.compile(r"(?:work(?:ing)?[- ](?:from|at)[- ]|wfh)$")
_HOME_BASED = re.compile(r"home[- ]based\b")
# Cheap tests that let most plain uses of "office" and "home" through unexamined.
_REMOTE_GATES = {
    "office": lambda low, pos: "day" in low[max(0, pos - 45) : pos + 25] or low.startswith(("in-", "in "), pos - 3)
    or low.startswith(("office-based", "office based"), pos) or _workplace_gate(low, pos),
    "home": lambda low, pos: "from" in low[max(0, pos - 16) : pos] or "work" in low[max(0, pos - 16) : pos]
    or low.startswith(("home-based", "home based"), pos),
}


def _workplace_gate(low: str, pos: int) -> bool:
    """Premises words worth a look: "our", "the", "its" or "a(n)" shortly before them."""
    window = low[max(0, pos - 40) : pos]
    return " our " in window or " the " in window or " its " in window or " a " in window or " an " in window


_REMOTE_GATES.update(dict.fromkeys(_WORKPLACE_ANCHORS[1:], _workplace_gate))
_DAYS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
_REMOTE_ANCHORS = ("remote", "hybrid", "site")
# Looked for only when the words above settled nothing firmly.
_REMOTE_ANCHORS_RARE = ("office", "home", "wfh", "telecommut", "distributed", "relocat", "join") + _WORKPLACE_ANCHORS[1:]
# "relocation to Amsterdam is taken care of", "relocation assistance provided": moving
# is paid for because the work is at a place. Weaker than any remote wording.
_RELOCATION = re.compile(
    r"relocat(?:ion|e|ing)\b[ \t]+(?:to[ \t]+[a-z]|assistance|package|support|bonus|stipend|help|costs?"
    r"|(?:is[ \t]+|are[ \t]+)?(?:provided|offered|available|paid|covered|taken care|included))"
)
_RELOCATION_NOT = re.compile(r"\b(?:no|not|without|nor|or)[ \t]+(?:\w+[ \t]+)?$")
# "join our team in Tysons Corner, VA", "join the team out of our Leeds office": the
# job put at a named place.
_JOIN_AT = re.compile(
    r"join[ \t]+(?:our|the|a)[ \t]+(?:[a-z-]+[ \t]+){0,3}?team[ \t]+(?:in|at|out[ \t]+of|based[ \t]+in)[ \t]+"
    r"(?:(?:the|our)[ \t]+)?"
)
_REMOTE_ANCHORS_FOREIGN = {"zh": ("远程", "混合办公", "坐班", "驻场", "现场办公"), "sv": ("distans",)}


def _remote(doc: _Doc) -> str | None:
    found = _remote_evidence(doc)
    return found[0] if found else None


def _remote_evidence(doc: _Doc) -> tuple[str, int] | None:
    """The verdict and the offset of the words that decided it.

    Each mention gets a weight and the heaviest wins (the earliest on a tie): a labelled
    field 10, a negation ("no remote", "on-site only") 8, hybrid wording 6, explicit remote
    wording 5, on-site wording 4, a bare "remote" in a header line 3.
    """
    low = doc.low
    best: tuple[int, int, str] | None = None  # (weight, -position, verdict)
    anchors = _REMOTE_ANCHORS + _REMOTE_ANCHORS_FOREIGN.get(doc.lang, ())
    for anchor in anchors + _REMOTE_ANCHORS_RARE:
        if anchor == "office" and best is not None and best[0] >= 6:
            break
        for pos in doc.hits(anchor):
            if anchor == "site":
                if not (low.startswith("on", pos - 2) or low.startswith(("on-", "on "), pos - 3) or _CLIENT_BEFORE.search(low, max(0, pos - 12), pos)):
                    continue  # "website"
            elif anchor.isascii() and pos and low[pos - 1].isalnum():
                continue
            elif anchor in _REMOTE_GATES and not _REMOTE_GATES[anchor](low, pos) and not _premises_field(doc, anchor, pos):
                continue
            field = doc.field_at(pos)
            if field is not None and field.label in _REMOTE_LABELS:
                verdict = _remote_field(doc, field, pos)
                if verdict is None and pos < field.value_start:
                    continue  # "Telecommuting: 0" says nothing either way
            else:
                verdict = None
            if verdict:
                # "Telecommuting: 0" is an export's yes/no flag, not the employer's words:
                # it says not remote, but any sentence on the policy outweighs it.
                weight = 2 if verdict == "onsite" and field.label.startswith("telecommut") else 10
            else:
                weight, verdict = _remote_phrase(doc, anchor, pos)
            if verdict and (best is None or (weight, -pos) > best[:2]):
                best = (weight, -pos, verdict)
    return (best[2], -best[1]) if best else None


_CLIENT_BEFORE = re.compile(r"\b(?:clients?|customers?)(?:['’]s?)?[ \t]+$")
_BASED_AT_CLIENT = re.compile(r"\b(?:based|located|placed|deployed|work(?:s|ing)?)\b[^.;!?\n]{0,40}?\b(?:at|on|from)[ \t]+(?:an?|the|our)?[^.;!?\n]{0,30}$")


def _premises_field(doc: _Doc, anchor: str, pos: int) -> bool:
    """A premises word ("headquarters", "campus") inside a location field's value, which
    the gate for prose ("our", "the" before it) would pass over."""
    if anchor not in _WORKPLACE_ANCHORS:
        return False
    field = doc.field_at(pos)
    return field is not None and field.label in _LOCATION_LABELS and pos >= field.value_start


def _remote_field(doc: _Doc, field: _Field, pos: int) -> str | None:
    """What a field says of remote work; linear: read once per field and side of it."""
    on_label = pos < field.value_start
    if on_label not in field.verdicts:
        field.verdicts[on_label] = _read_remote_field(doc, field, on_label)
    return field.verdicts[on_label]


def _read_remote_field(doc: _Doc, field: _Field, on_label: bool) -> str | None:
    value = doc.low[field.value_start : field.value_end].strip(" *_").lstrip("✅❌☑✔✗✘-–: ")
    if not value:
        return None
    if on_label:  # the anchor is the label: "Remote: yes", "是否远程：否"
        if field.label in _YES_NO_LABELS:
            if _ANSWER_NO.match(value):
                return "onsite"
            if _ANSWER_YES.match(value):
                return "remote"
        return None
    if "hybrid" in value or "混合" in value:
        return "hybrid"
    if _VALUE_NEGATION.search(value):
        return "onsite"
    if _VALUE_REMOTE.search(value):
        return "remote"
    if field.label in _LOCATION_LABELS:
        # "Location: Acme Labs - Headquarters (160 Elm Park, …)": premises, not a town.
        return "onsite" if _VALUE_PREMISES.search(value) else None
    if _VALUE_ONSITE.search(value):
        return "onsite"
    return None


def _remote_phrase(doc: _Doc, anchor: str, pos: int) -> tuple[int, str | None]:
    low, text = doc.low, doc.text
    if anchor == "remote":
        inline = _INLINE_ANSWER.match(low, pos)
        if inline:  # "Work Remotely: No" inside flattened text
            answer = inline.group("answer")
            if answer in ("yes", "fully", "100%", "full"):
                return 10, "remote"
            if answer.startswith("temporar"):
                return 5, "remote"  # remote for now ("Temporarily due to COVID-19"): remote is what is offered
            return (10, "onsite") if answer == "no" else (0, None)
        if _CONDITIONAL.search(low, max(0, pos - 40), pos):
            return 0, None  # "if the position isn't remote, ...": a condition, not a policy
        if (_REMOTE_NEG_AFTER.match(low, pos) or _REMOTE_NEG_BEFORE.search(low, max(0, pos - 45), pos)
                or _REMOTE_NEG_DONE.search(low, max(0, pos - 40), pos)):
            return 8, "onsite"
        if _REMOTE_NOISE.match(low, pos):
            return 0, None
        if _REMOTE_HYBRID_BEFORE.search(low, max(0, pos - 12), pos) or _REMOTE_DAYS_AFTER.match(low, pos):
            return 6, "hybrid"
        if text.startswith("REMOTE", pos):
            return 5, "remote"
        if low.startswith(" or ", pos - 4) and not _REMOTE_NOISE.match(low, pos) and (pos + 6 >= len(low) or not low[pos + 6].isalpha()):
            return 4, "remote"  # "Largo, MD or Remote", "in the office or remote": remote is on offer
        if _REMOTE_POS_AFTER.match(low, pos) or _REMOTE_POS_BEFORE.search(low, max(0, pos - 12), pos):
            return 5, "remote"
        if _REMOTE_LOOSE.match(low, pos):
            return 3, "remote"
        return 0, None
    if anchor == "hybrid":
        if _HYBRID_NOISE.match(low, pos) or not _HYBRID_AFTER.match(low, pos):
            return 0, None
        return 6, "hybrid"
    if anchor == "office":
        days = _OFFICE_DAYS_BEFORE.search(low, max(0, pos - 45), pos) or _OFFICE_DAYS_AFTER.match(low, pos)
        if days:
            n = _DAYS.get(days.group("n")) or int(days.group("n"))
            return 6, "onsite" if n >= 5 else "hybrid"
        start = pos - 3 if low.startswith(("in-", "in "), pos - 3) else pos
        if _IN_OFFICE.match(low, start):
            return 4, "onsite"
        return _workplace(low, anchor, pos)
    if anchor in _WORKPLACE_ANCHORS:
        return _workplace(low, anchor, pos)
    if anchor == "relocat":
        if _RELOCATION.match(low, pos) and not _RELOCATION_NOT.search(low, max(0, pos - 20), pos) \
                and not _CONDITIONAL.search(low, max(0, pos - 40), pos):
            return 3, "onsite"
        return 0, None
    if anchor == "join":
        after = _JOIN_AT.match(low, pos)
        if after and after.end() < len(text) and text[after.end()].isupper() and not _OPTIONAL.search(low, max(0, pos - 30), pos):
            return 4, "onsite"
        return 0, None
    if anchor == "distributed":
        work = _DISTRIBUTED_WORK_AFTER.match(low, pos) and _DISTRIBUTED_WORK.search(low, max(0, pos - 30), pos)
        team = _DISTRIBUTED_TEAM_AFTER.match(low, pos) and (
            _DISTRIBUTED_TEAM.search(low, max(0, pos - 14), pos) or low.startswith("first", pos + 12)
        )
        if work or team:
            return 4, "remote"
        return 0, None
    if anchor == "site" and _CLIENT_BEFORE.search(low, max(0, pos - 12), pos):
        # "the project is based on a long-term client's site in Uxbridge": the work is put
        # at the client's premises; "travel to client sites" alone is no policy.
        return (4, "onsite") if _BASED_AT_CLIENT.search(low, max(0, pos - 90), pos) else (0, None)
    if anchor == "site":
        if low.startswith(("on-", "on "), pos - 3):
            start = pos - 3
        elif low.startswith("on", pos - 2):
            start = pos - 2
        else:
            return 0, None
        if start and low[start - 1].isalnum():
            return 0, None
        if _REMOTE_NEG_BEFORE.search(low, max(0, start - 12), start) and low.startswith("no", start - 3):
            return 0, None
        if _ONSITE_NOISE.match(low, pos) or _AMENITY_BEFORE.search(low, max(0, start - 30), start):
            return 0, None  # "on-site gym", "showers onsite"
        after = _ONSITE_AFTER.match(low, pos)
        if after and after.group("only"):
            return 8, "onsite"
        if after or _ONSITE_BEFORE.search(low, max(0, start - 15), start):
            return (5 if text[start:pos + 4].isupper() else 4), "onsite"
        return 0, None
    if anchor == "home":
        if _HOME.search(low, max(0, pos - 16), pos) or _HOME_BASED.match(low, pos):
            if _REMOTE_NEG_BEFORE.search(low, max(0, pos - 30), max(0, pos - 14)):
                return 8, "onsite"
            return 5, "remote"
        return 0, None
    if anchor in ("wfh", "telecommut"):
        end = pos + len(anchor)
        if anchor == "wfh" and end < len(low) and low[end].isalpha():
            return 0, None
        if _REMOTE_NEG_BEFORE.search(low, max(0, pos - 12), pos):
            return 8, "onsite"
        return 5, "remote"
    if anchor == "远程":
        if low[pos - 1 : pos] in ("非", "不", "无") or low.startswith(("不支持", "不接受"), pos - 3):
            return 8, "onsite"
        if _REMOTE_POS_BEFORE.search(low, max(0, pos - 3), pos) or low.startswith(("远程办公", "远程工作"), pos):
            return 5, "remote"
        return 3, "remote"
    if anchor == "混合办公":
        return 6, "hybrid"
    if anchor in ("坐班", "驻场", "现场办公"):
        return 4, "onsite"
    if anchor == "distans" and doc.lang == "sv":
        explicit = low.startswith("på distans", pos - 3) or low.startswith("distansarbete", pos)
        return (5 if explicit else 3), "remote"
    return 0, None


def _workplace(low: str, anchor: str, pos: int) -> tuple[int, str | None]:
    """The job put at the employer's premises by a sentence about the job ("you", "the role")."""
    end = pos + len(anchor)
    if not _WORKPLACE_AFTER.match(low, end) or (anchor == "office" and low[max(0, pos - 7) : pos].endswith(_OFFICE_AS_BUSINESS)):
        return 0, None  # "officer", "office manager", "the Office of the CFO", "a middle office team"
    if anchor == "location" and not low.startswith((" in ", " at ", " on "), end):
        return 0, None  # "at the location" alone names no place
    said = _WORKPLACE_BEFORE.search(low, max(0, pos - 160), pos)
    if said is None or _OPTIONAL.search(said.group(0)):
        return 0, None
    return 4, "onsite"


# Words that put the job at a place: "will be based in", "join our team in", "our office in".
_PLACE_OF_WORK = (
    "based in ", "based at ", "based out of ", "located in ", "office in ", "offices in ", "headquarters in ",
    "team in ", "join us in ", "place of work", "place of employment", "work location", "work from our ",
)
_BOARD_FIELD = re.compile(r"[ \t]*[-*•][ \t]+\*\*[^*\n]{1,40}:\*\*")


def implied_onsite(text: str, low: str, location_start: int | None) -> bool:
    """Whether a stated place, with no word on remote work, reads as on-site.

    A reader takes "Location: Leeds" or "you will be based in Leeds" as an office job.
    A job board's metadata bullet ("- **Location:** Leeds") is the board's filing, not
    the employer's words, so it counts only when the text also puts the job at a place.
    Linear: one `find` per phrase.
    """
    if location_start is not None:
        line_start = text.rfind("\n", 0, location_start) + 1
        if _BOARD_FIELD.match(text, line_start, location_start + 1):
            return any(low.find(phrase) >= 0 for phrase in _PLACE_OF_WORK)
    return True
