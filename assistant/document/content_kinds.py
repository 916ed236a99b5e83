"""What a paragraph or list item is about, read from its words when no heading says so.

Many postings have no heading over half their content: a pitch for the company, a
paragraph on the team, a run of items that are plainly duties or asks. A missing
heading must not read as a missing section (the worst source of wrong findings, see
docs/accuracy.md), so each kind has cue wording, a table read as data like the heading
table in headings.py. A cue is evidence that the kind is there; the classifier scores a
unit by its cues and says how sure it is.

Every pattern is matched on lower-cased text and opens with a literal or a word
boundary, so a search is one linear pass (no nested unbounded repeats).
"""

from __future__ import annotations

import heapq
import re
from bisect import bisect_right

# Items hedged like this are wished for, not required ("Python is a plus", "MBA
# preferred"): they make a nice-to-have, and are not counted as must-haves.
HEDGE = re.compile(
    r"\b(?:(?:is|are|would be|will be|as) (?:a |an )?(?:big |huge |strong |definite |real |great )?(?:plus|bonus|advantage|asset)"
    r"|an asset\b|a plus\b|a bonus\b|(?:highly |strongly )?preferred\b|preferably\b|desirable\b|desired\b|nice[- ]to[- ]have"
    r"|ideally\b|bonus points?\b|extra credit\b|not required\b|not essential\b|not a requirement"
    r"|meriterande|von vorteil|wünschenswert|un atout|un plus\b|se valorará|valorable|\bpré\b|een pre\b)"
)

# A hedge that governs the whole item, not a part of it: the item's last words ("SQL is a
# plus", "Master's degree preferred", "experience with Kafka a bonus"), its first ("Nice
# to have: Go", "Ideally, you know R") or a disclaimer ("an asset, not a requirement").
# "Rails (preferred) or a comparable framework" and "cloud (AWS preferred)" stay
# must-haves: the hedge picks among parts of something required. Matched on one item,
# lower-cased, with its closing stop or colon cut; the end is anchored, so one pass.
WHOLE_HEDGE = re.compile(
    r"(?:(?:\b(?:is|are|would be|will be|as)\s+|,\s*)(?:a |an )?|\s(?:a|an) )(?:big |huge |strong |definite |real |great |major |added |nice )?"
    r"(?:plus|bonus|advantage|asset)$|\b(?:(?:is|are) )?(?:highly |strongly |also |a )?(?:preferred|desired|desirable|preferable)$"
    r"|\b(?:is|are|would be|will be) (?:very |highly |also |extremely )?(?:beneficial|helpful|useful)$"
    r"|^(?:nice[- ]to[- ]have|bonus(?: points)?|preferred|desirable|desired|ideally|preferably|a plus|optional)\b"
    r"|\bnot (?:a )?(?:requirement|required|essential|mandatory)\b"
    # The hedge, then what it covers or why: "… would be a plus: Qt, CMake", "… is a plus, as …".
    r"|\b(?:is|are|would be|will be) (?:a |an )?(?:big |huge |strong |definite |real |great |major )?(?:plus|bonus|advantage|asset)"
    r"(?::|,? (?:as|since|because|especially|particularly)\b)"
)
_CLAUSE_BREAK = re.compile(r";|[.!?] ")
_ITEM_END = re.compile(r"[\s.;:!,*_]*$")
_LAST_ASIDE = re.compile(r"\s*\([^()]*\)$")
_HEDGE_ASIDE = re.compile(r"\s*\((?:highly |strongly )?(?:preferred|desired|desirable|a plus|plus|a bonus|bonus|nice[- ]to[- ]have|optional|an asset)\)")


def hedges_whole(item: str) -> bool:
    """Whether a lower-cased list item is wished for as a whole (`WHOLE_HEDGE`).

    A closing aside is set apart: "Master's degree preferred (economics or similar)" is
    wished for as a whole, "cloud hosting (AWS preferred)" hedges only its aside."""
    body = item[: _ITEM_END.search(item).start()] if item[-1:] in ".;:!,*_ \t" else item
    if body.endswith(")"):
        aside = _LAST_ASIDE.search(body)
        if aside and _HEDGE_ASIDE.fullmatch(aside.group()):
            return True  # "Kafka (a plus)": the aside is the hedge alone
        body = body[: aside.start()] if aside else ""
    if not body:
        return False
    m = WHOLE_HEDGE.search(body)
    if m is None:
        return False
    # "BSc in a related field; a master's degree is preferred": the hedge ends a clause of
    # its own, after a required one, and the item stays a must-have.
    return m.start() == 0 or not _CLAUSE_BREAK.search(body, 0, m.start())


# Cue wording per kind, every language the heading table knows, joined into one
# expression per kind. Cues are chosen to be rare outside their kind: they decide
# whether a "missing section" finding is sure enough to report.
_W = r"[\w’'./-]+ "  # one word of a name or description, with its apostrophes, hyphens and slashes ("world’s", "DC-based", "software/web")
CUES: dict[str, tuple[str, ...]] = {
    "company_overview": (
        r"\babout us\b", r"\bwho we are\b", rf"\b(?:we are|we're) (?:a|an|the) (?:{_W}){{0,4}}(?:company|firm|provider|startup|start-up|"
        r"business|organi[sz]ation|agency|platform|leader|team|group|service|consultancy|bank|employer|manufacturer|retailer)",
        r"\bfounded in\b", r"\bheadquartered\b",
        # "We build crowd-sourced captioning systems": what the company makes, in its own words
        r"\bwe (?:build|make|develop|design|create|run|operate|sell|supply|publish|manufacture)\b", r"\bour (?:company|mission|customers|clients|product|products|platform)\b",
        rf"\bis (?:a|an|the|one of the) (?:{_W}){{0,4}}(?:compan(?:y|ies)|firms?|providers?|leaders?|organi[sz]ations?|agency|agencies|startups?|"
        r"platform|institutions?|universit(?:y|ies)|cent(?:re|er)s?|institutes?|manufacturers?|suppliers?|makers?|distributors?|non-?profit|charity|"
        r"co-?operative|marketplace|retailers?|consultancy|bank|laborator(?:y|ies)|studio|group|business(?:es)?|publishers?|producers?)\b",
        # "This position is located within the Office of …": the hiring body named.
        rf"\b(?:position|role|job|opportunit(?:y|ies)) (?:is|are) (?:located |based |housed )?(?:(?:with)?in|part of) (?:the )?(?:{_W}){{0,5}}"
        r"(?:administration|agency|department|ministry|office|service|bureau|division|directorate|authority|council|commission|portfolio)\b",
        r"\b(?:we are|we're) (?:building|changing|on a mission|transforming|helping)\b", r"\bour mission is\b",
        # "We're engineers using our background in security to automate …": who we are, then what we do.
        r"\b(?:we are|we're) (?:[\w’'./-]+ ){1,3}(?:using|building|making|developing|helping|creating|bringing) (?:our|the|a|an)\b",
        r"\bat [a-z][\w&.-]*(?: [a-z][\w&.-]*){0,3}, we\b", r"\b(?:inc|ltd|llc|gmbh|corp|plc)\b\.? (?:is|was|has)\b(?! (?:an? )?(?:e-verify|equal|proud|committed|participat))",
        r"\b(?:is|are) (?:focused on|charged with|tasked with|dedicated to|building (?:a|an|the)\b|on a mission)",
        r"\b(?:we have|on) a (?:\w+ ){0,3}mission\b", rf"\bis (?:a|an) (?:new )?(?:{_W}){{0,3}}(?:fellowship|programme|program|service|office|agency|institute)\b",
        # Known for its product, used by a counted public: "most people know us for our sharing widget".
        r"\bknow us (?:for|as)\b", r"\b(?:used|trusted|relied on) by (?:over |more than |millions|thousands|[\d,.]+)",
        # "more branches than any other bank", "a stable, 18-year-old agency", "we help clinics …": what the employer is and does.
        r"\bthan any other (?:[\w-]+ ){0,2}(?:company|firm|bank|agency|provider|retailer|employer|business|organi[sz]ation)\b",
        r"\b\d+[- ]years?[- ]old (?:[\w-]+ )?(?:company|firm|business|agency|consultancy|studio|startup|organi[sz]ation)\b",
        r"\bwe help (?!you\b|with\b)[a-z]+",
        r"\bom oss\b", r"\büber uns\b", r"\bqui sommes-nous", r"\bsobre nosotros\b", r"\bover ons\b",
    ),
    "team": (
        r"\b(?:our|the|a|this) (?:\w+ ){0,3}team (?:is|are|of|builds|owns|works|focus|focuses|supports|runs)\b",
        r"\bjoin (?:our|the|a) (?:\w+ ){0,4}team\b", r"\bteam of \w+", r"\byou(?:'ll| will) (?:work|join|be part|collaborate)\b.{0,60}\bteam\b",
        r"\breport(?:s|ing)? (?:directly )?to (?:the|our|a)\b", r"\bas part of (?:our|the|a) (?:\w+ ){0,3}team\b",
        r"\bteamet\b", r"\bdas team\b", r"\bl'équipe\b", r"\bel equipo\b", r"\bhet team\b",
    ),
    "responsibilities": (
        r"\byou will (?!need|have|be required|bring|ideally)", r"\byou['’]ll (?!need|have|bring)",
        r"\byou(?:['’]ll| will) (?:have|take) (?:\w+ ){0,2}ownership\b", r"\bresponsib", r"\bduties\b",
        r"\bin this role\b", r"\bthe role (?:involves|includes|is responsible)", r"\bday[- ]to[- ]day\b", r"\byour (?:main )?tasks\b",
        r"\bwill be responsible\b", r"\bthe (?:\w+ ){0,3}(?:will|shall) (?:be|lead|manage|develop|work|support|design|build)\b",
        r"(?:^|\n|[.:!] ?)[ \t]*(?:[-*•·▪◦–][ \t]*)?(?:develop|build|design|manage|lead|own|create|maintain|implement|support|"
        r"ensure|deliver|drive|collaborate|coordinate|oversee|conduct|perform|analy[sz]e|prepare|provide|monitor|participate|"
        r"work (?:with|closely|across)|partner with|help (?:us|build|design|develop)|negotiate|plan and)s?\b",
        r"\byour (?:main )?job (?:will be|is)\b", r"\bto help (?:us )?(?:build|develop|design|grow|create)\b",
        r"\barbetsuppgift", r"\baufgaben\b", r"\b(?:vos|votre|les|principales) missions?\b", r"\bmissions? (?:principales|du poste)\b", r"\bfunciones\b", r"\btaken\b",
    ),
    "requirements": (
        r"\byears? of (?:\w+ ){0,3}experience\b", r"\bexperience (?:with|in|of|[a-z]+ing)\b", r"\bdegree\b",
        r"\b(?:adept|versed|fluent|comfortable) (?:at|in|with)\b", r"\btrack record (?:of|in)\b",
        r"\bbachelor", r"\bmaster'?s\b", r"\bqualifi", r"\brequire", r"\bmust (?:have|be|possess)\b",
        r"\bstrong (?:knowledge|understanding|background|experience|communication|analytical|technical|skills)",
        r"\bproficien", r"\bfamiliar(?:ity)? with\b", r"\bknowledge of\b", r"\bability to\b", r"\byou have\b",
        r"\b(?:skills|skilled) in\b", r"\bexpertise in\b", r"\bcertifi",
        r"\bkvalifikation", r"\berfarenhet\b", r"\berfahrung\b", r"\bexpérience\b", r"\bexperiencia\b", r"\bervaring\b",
    ),
    "nice_to_have": (HEDGE.pattern,),
    "application_process": (
        r"\bto apply\b", r"\bapply (?:now|here|at|via|through|online|today|by|with)\b", r"\bplease (?:send|email|submit|apply|contact)\b",
        r"\bsend (?:us )?(?:your|a) (?:cv|resume|résumé|application)", r"\bemail (?:us|your|me)\b", r"\bsubmit (?:your|an) application",
        r"\b(?:interview|hiring|recruitment|selection) process\b", r"\b(?:the |our )?next steps? (?:are|is|will be|include|in (?:the|our) (?:process|hiring|application))\b", r"\bcontact (?:us|me)\b", r"\breach out\b",
        r"\bshoot (?:us|me) an? (?:email|message|note)\b", r"\bif (?:you are|you're) interested\b", r"\binterested\?",
        r"\bapply for (?:this|the|our)\b", r"\bif interested\b", r"\byour application\b", r"\bregister your interest\b",
        r"\bapplications? (?:should|must|will|are|can) be\b", r"\bclick(?:ing)? (?:the |on )?(?:below |apply )?(?:link|button)",
        # Where to read more and apply (a bare link is not a method), and what to put in the résumé.
        r"\b(?:apply|read more|more (?:info|information|details)|learn more|find out more|visit)\b[^.\n]{0,80}?https?://",
        r"\b(?:on|in|with) your (?:resume|résumé|cv|cover letter)\b",
        r"\bansök\b", r"\bbewerbung\b", r"\bcandidature\b", r"\bsollicit",
    ),
    "benefits": (
        r"\bbenefits?\b", r"\bperks\b", r"\bpaid (?:time off|leave|holidays?|vacation)\b", r"\bpto\b", r"\bhealth (?:insurance|care|plan)",
        r"\bdental\b", r"\bpension", r"\b401\(?k\)?", r"\b(?:parental|annual|maternity|paternity|sick) leave\b", r"\bvacation\b",
        r"\bstock options?\b", r"\bequity\b", r"\bwe offer\b", r"\bvi erbjuder\b", r"\bwir bieten\b", r"\bnous offrons\b",
        r"\bofrecemos\b", r"\bwij bieden\b",
    ),
    "role_summary": (
        r"\b(?:we are|we're) (?:looking|hiring|seeking|searching)\b", r"\bthis (?:role|position|job)\b", r"\bthe role\b",
        r"\bthe (?:position|job|opening) (?:is|will be|involves|includes)\b",
        r"\bas an? \w+", r"\bthe (?:successful|ideal) candidate\b", r"\bjoin us\b",
    ),
}


# A sentence whose subject is a name and whose verb says what the name does ("Ribbon is
# building a payments platform", "Acme Freight (est. 1988) makes pallets"): the employer
# described in its own words, read on the text as written, since the name's capital is
# the evidence. Sentence openers that are not names are passed over. One search per
# paragraph or section; it opens with a line start or a stop, so it runs on its own.
_NOT_A_NAME = (
    r"(?:This|The|It|You|We|Our|Your|There|That|These|Those|He|She|They|Each|Every|All|Any|What|Who|Which|If|When|As|"
    r"A|An|In|At|On|For|With|My|His|Her|Its|No|Not|Some|Most|Many|Please|Experience|Knowledge|Travel|Training|Pay|Salary|"
    r"Compensation|Relocation|Candidates?|Applicants?|Applications?|Successful|Ideal|Interested|Position|Role|Job|Team|Work)\b"
)
EMPLOYER_SUBJECT = re.compile(
    rf"(?:^|[.!?][ \t]+)(?!{_NOT_A_NAME})(?:[A-Z]|\d+[A-Z])[\w&'’.-]*(?:[ \t](?:[A-Z][\w&'’.-]*|&|of|and|for)){{0,4}}(?:[ \t]\([^()\n]{{1,40}}\))?,?[ \t]"
    r"(?:is (?:building|developing|creating|changing|transforming|reinventing|redefining|on a mission|headquartered|based in)"
    r"|(?:builds|makes|develops|provides|offers|creates|designs|delivers|powers|serves|operates|automates|speciali[sz]es|enables|"
    r"manufactures|produces|connects|helps|employs|has been|was founded|was established|partners with|works with)\b)(?! equal\b)",
    re.M,
)


def describes_employer(text: str) -> bool:
    """Whether `text` (as written, not lower-cased) has a sentence that names the employer
    and says what it does; see `EMPLOYER_SUBJECT`."""
    return EMPLOYER_SUBJECT.search(text) is not None


def employer_place(text: str) -> int | None:
    """Where the first such sentence's verb ends in `text`, or None."""
    m = EMPLOYER_SUBJECT.search(text)
    return None if m is None else m.end() - 1


def _grouped(cues: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    """The cues as few expressions as run fast: those opening with a word boundary
    joined in one, each other on its own. Joined with them, a cue that opens with a
    line start or a stop (the duty verbs) made the whole search ten times slower."""
    bounded = [c for c in cues if c.startswith(r"\b")]
    return tuple(re.compile(p) for p in (["|".join(bounded)] if bounded else []) + [c for c in cues if not c.startswith(r"\b")])


_CUE_RX: dict[str, tuple[re.Pattern[str], ...]] = {kind: _grouped(cues) for kind, cues in CUES.items()}


def _cue_in(kind: str, low: str) -> bool:
    return any(rx.search(low) for rx in _CUE_RX[kind])


# Verbs that open a duty in a list ("Build dashboards", "Manage the budget"). An item
# that opens with one is a responsibility unless its words ask for something.
_DUTY_VERB = re.compile(
    r"(?:[-*•·▪◦–]\s*)?(?:develop|build|design|manage|lead|own|create|maintain|implement|support|ensure|deliver|drive|"
    r"work (?:with|closely|across|on)|collaborate|partner|coordinate|oversee|plan|conduct|perform|analy[sz]e|prepare|provide|"
    r"monitor|review|write|test|identify|define|establish|participate|contribute|assist|communicate|research|negotiate|"
    r"report|track|organi[sz]e|facilitate|mentor|help|set up|run|deploy|troubleshoot|investigate|evaluate|improve|"
    r"ship|architect|recruit|train|handle|respond|process|answer|sell|promote|present|serve|advise|act as)s?\b"
)
# "Selecting features, building classifiers", "Data mining using …": duties listed as
# gerunds. The first word ends in "-ing" (or a noun then one: "data mining"); words that
# end so but name a perk or a quality ("training budget", "outstanding skills") are not duties.
_GERUND_DUTY = re.compile(r"(?:[-*•·▪◦–]\s*)?(?:[a-z]+ )?([a-z]{3,}ing)\b")
_NOT_DUTY_ING = frozenset({
    "training", "funding", "housing", "parking", "clothing", "catering", "matching", "outstanding", "interesting",
    "exciting", "ongoing", "amazing", "engaging", "during", "nothing", "everything", "something", "anything",
    "morning", "evening", "according", "including", "willing", "challenging", "rewarding", "working", "thing",
    "bring", "string", "spring", "king", "ring", "wing", "sibling", "pricing", "hiring", "onboarding", "coaching",
    "mentoring", "learning", "understanding", "being", "having", "existing", "leading", "pending", "following",
    "booking", "flooring", "networking", "accounting", "engineering", "marketing", "manufacturing",
    "banking", "consulting", "publishing", "computing", "seating",
})

# "user experience", "customer experience": a discipline or a product's quality, not an ask.
# The words before "experience" are tested behind it, once the word is found: seven
# lookbehinds tried at every position of the text made this the costliest expression
# of loading a long posting (2 s of a 20 MB file's 9).
_ASK = re.compile(
    r"\b(?:years?\b|experience\b(?<!user experience)(?<!customer experience)(?<!guest experience)(?<!patient experience)"
    r"(?<!candidate experience)(?<!member experience)(?<!client experience)"
    r"|degree\b|ability\b|knowledge\b|skills?\b|proficien|familiar)"
)


def _gerund_duty(item: str) -> bool:
    """An item that opens with a gerund of work ("selecting features", "data mining using …")."""
    m = _GERUND_DUTY.match(item.lstrip())
    if m is None or m.group(1) in _NOT_DUTY_ING:
        return False
    first = item.lstrip(" -*•·▪◦–").split(" ", 1)[0]
    return first == m.group(1) or m.group(1) in ("mining", "modeling", "modelling", "cleansing", "processing", "analysis")


def evidence(kind: str, low: str) -> bool:
    """Whether `low` (lower-cased text) has wording that shows `kind`; one linear search."""
    return kind in _CUE_RX and _cue_in(kind, low)


def cue_places(kind: str, low: str):
    """Where cues of `kind` end in lower-cased `low` (the last character of each match)."""
    for rx in _CUE_RX[kind]:
        for m in rx.finditer(low):
            yield max(m.end() - 1, m.start())


# How sure one item's reading is (`classify_item`): a hedge is plain, a verb or an ask less so.
_ITEM_CONFIDENCE = {"nice_to_have": 0.8, "team": 0.7, "responsibilities": 0.7, "requirements": 0.7, "benefits": 0.6}


def classify_item(low: str) -> tuple[str, float] | None:
    """(kind, confidence) for one list item, lower-cased, or None when its words say nothing sure."""
    kind = item_kinds([low])[0]
    return None if kind is None else (kind, _ITEM_CONFIDENCE[kind])


def joined_lines(parts: list[str]) -> tuple[str, list[int]]:
    """`parts` joined a line each, and where each starts in the result. Where no
    expression crosses a line break, one search of the whole finds what a search of each
    part finds; the calls, not the searching, were the cost of hundreds of small parts."""
    starts: list[int] = []
    at = 0
    for part in parts:
        starts.append(at)
        at += len(part) + 1
    return "\n".join(parts), starts


def item_kinds(items: list[str]) -> list[str | None]:
    """The kind each of `items` (lower-cased list items) says for sure, or None.

    Items are short and say one thing: a hedge makes a nice-to-have, a sized or named
    team (`STRONG_CUES`) the team, a duty verb or gerund at the start a responsibility,
    an ask (years, degree, skills) a requirement, a perk a benefit. Each kind's cues
    (`_ITEM_CUES`) run once over the items joined a line each (`joined_lines`). Linear
    in the items' length.
    """
    if not items:
        return []
    text, starts = joined_lines(items)

    def cued(kind: str) -> set[int]:
        """The items holding `kind`'s own cue (`_ITEM_CUES`)."""
        return {bisect_right(starts, m.start()) - 1 for rx in _ITEM_CUES[kind] for m in rx.finditer(text)}

    hedged = cued("nice_to_have")
    # "Manages up to 10 contractors", "Looking to add to our team of five": the unit, sized
    # or named (`STRONG_CUES`), though the item opens like a duty.
    teams = cued("team")
    asks = cued("requirements")
    perks = cued("benefits")
    duties = cued("responsibilities")  # a duty verb or gerund first, checked below on the item
    kinds: list[str | None] = []
    for i, item in enumerate(items):
        if i in hedged:
            kinds.append("nice_to_have")
            continue
        if i in teams:
            kinds.append("team")
            continue
        duty = i in duties and (_DUTY_VERB.match(item.lstrip()) is not None or _gerund_duty(item))
        ask = i in asks
        kinds.append(("responsibilities" if not ask else None) if duty else ("requirements" if ask else "benefits" if i in perks else None))
    return kinds


# A kind counts as there without a heading only when this many sentences or items,
# outside stock legal text, say it: one cue word (often in an EEO paragraph or a
# one-line stub) is no section (docs/accuracy.md: the loose reading let stubs pass).
MIN_UNITS = 2
# Kinds whose cue wording is rare enough outside the kind that one sentence or item
# says it: a hedge ("Python is a plus") is a nice-to-have wherever it stands.
MIN_BY_KIND: dict[str, int] = {"nice_to_have": 1, "company_overview": 1, "application_process": 1}


# Cue wording sure enough that one sentence says the kind is there, though a section
# needs more: "you will …" and "your main job is …" say what the person will do, even in
# a stub of three sentences. Without one, `MIN_UNITS` sentences or items must agree.
# The verbs after "you will" that say something else (pay, a reporting line, a team,
# an ask) are passed over.
STRONG_CUES: dict[str, re.Pattern[str]] = {
    "responsibilities": re.compile(
        r"\byou(?:['’]ll| will) (?!(?:also )?(?:need|have|be required|bring|ideally|receive|get|enjoy|report|join|be joining|be part of (?:a|an|the|our|this)|"
        r"love|find|be paid|earn|be offered|be eligible|be given|be considered|be asked|be expected to have|be contacted)\b)[a-z]"
        r"|\byour (?:main |primary |key |day-to-day )?(?:job|role|tasks?|mission|focus) (?:will be|is|includes|will include)\b"
        r"|\b(?:will be|are|is) (?:directly )?responsible for\b|\bresponsibilities (?:include|are|will)\b"
        # "you'd be building …", "the lead developer would build and grow the team",
        # "the designer can expect to …", "tasks include …": duties said informally
        r"|\byou(?:['’]d| would) (?!(?:also )?(?:need|have|be required|bring|ideally|like|love|enjoy|fit|be a (?:great|good|strong) fit|get|receive|earn|be paid|be eligible)\b)[a-z]"
        r"|\b(?:you|the (?:[\w-]+ ){0,2}(?:developer|engineer|designer|analyst|candidate|hire|person|lead|manager|scientist))(?: can| will)? expect to\b"
        r"|\b(?:the|our|this) (?:[\w-]+ ){0,2}(?:developer|engineer|designer|analyst|hire|person|lead|manager|scientist) (?:would|will) "
        r"(?:build|lead|own|design|develop|create|manage|work on|be responsible|take|help|drive|run|write|expand|grow|make)\b"
        r"|\b(?:tasks|duties) (?:include|are|will be|will include|involve)\b"
        # "the job is a combination of architecture, coding and …", "a typical day", "this
        # position will have a special focus on …", "engineers who want to: - hack on …"
        r"|\bthe (?:job|role|position|work) (?:is|will be) (?:a )?(?:combination|mix|blend|balance) of\b|\b(?:a|your) typical (?:day|week)\b"
        r"|\b(?:this|the) (?:position|role|job)(?:, in particular,)? will (?:have a (?:\w+ )?focus|focus|involve|include)\b"
        r"|\bwho (?:want|wants|would like|will get) to:"
        # "We are seeking an experienced developer to develop our telecom products": the
        # hire named with the work it is for ("… to help build out our services" is too
        # vague to say the duties, as the fresh-read judges read it).
        r"|\b(?:seeking|looking for|hiring|in need of) (?:an? |two |several )?(?:[\w-]+ ){0,5}(?:developers?|engineers?|designers?|analysts?|"
        r"scientists?|managers?|writers?|administrators?|architects?|specialists?|individuals?|people|someone|representatives?|agents?) to "
        r"(?:build|develop|design|create|lead|run|maintain|improve|scale|own|write|answer|handle|assist|serve|teach)\b"
    ),
    # The unit the hire joins, named or sized ("a team of six", "the payments team owns",
    # "you'll join the platform business unit"), not a line about a great team.
    "team": re.compile(
        r"\bteam of (?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|[\w-]+ (?:engineers|developers|designers|"
        r"scientists|analysts|people|specialists|experts|researchers))\b"
        r"|\b(?:we are|we're|we’re) a (?:[\w,-]+ ){0,3}team\b|\b\d+[- ]person\b"
        r"|\bthe [\w&-]+(?: [\w&-]+){0,3} team (?:is|are|builds|owns|works|focuses|supports|runs|consists|sits|has|was)\b"
        r"|\byou(?:'ll|’ll| will) (?:join|be joining|work in|be part of) (?:the|our|a|an) (?:[\w&-]+ ){1,5}(?:team|unit|group|squad|division|department)\b"
        r"|\bmanages? (?:up to |a team of |approximately |around )?\d+"
        # "to join our AR and GD subcontracting team in …", "joining an established team",
        # "our multidisciplinary teams have …": the unit joined, named or described
        # (a unit's name before "team", not praise: "join our amazing team" names none)
        r"|\bjoin(?:ing)? (?:our|the|a|an) (?:[\w&/-]+ ){0,5}(?!(?:amazing|great|awesome|growing|fast-growing|talented|fantastic|"
        r"passionate|dynamic|friendly|wonderful|brilliant|dedicated|expanding|world-class|incredible|exceptional|"
        r"excellent|innovative|energetic|fun|strong|top|best|winning)\b)[\w&/-]+ team\b|\b(?:our|the) [\w-]+ teams (?:have|are|work|build|own)\b"
    ),
    # Perks named as such: one sentence listing them is the benefits ("Competitive pay,
    # equity and comprehensive health benefits"); "we offer" alone is not one ("we offer
    # the possibility of working partly remotely").
    "benefits": re.compile(
        r"\b(?:health|dental|vision|medical|life) (?:insurance|benefits|cover|coverage|plans?|care)\b|\b401\(?k\)?"
        r"|\bpaid (?:time off|leave|vacation|holidays)\b|\bpension (?:plan|scheme|contributions?)\b|\b(?:parental|maternity|paternity) leave\b"
        r"|\bstock options?\b|\bcomprehensive benefits\b|\bbenefits (?:package|include)\b"
        r"|\bwe (?:also )?offer (?:a |an )?(?:very )?(?:competitive|generous|great|excellent|flexible|full|comprehensive|attractive)\b"
    ),
    # What the person must bring, said outright ("The ideal candidate has …", "you must
    # have …", "a strong technical background is necessary"); an admin condition ("a
    # background check is required", "you must be eligible to work in …") is not one.
    "requirements": re.compile(
        r"\bthe (?:ideal|successful|right) (?:candidate|applicant|person|hire) (?:will|should|must|has|have|is|possesses|brings)\b"
        r"|\byou (?:must|should) (?:have|possess|bring)\b|\bmust (?:have|possess)\b|\brequirements? (?:include|are)\b"
        r"|\b(?:background|experience|degree|knowledge|skills?|proficiency|fluency|expertise) (?:is|are) (?:required|necessary|essential|a must)\b"
        # A sentence that opens with the experience asked for ("Experience using open-source
        # tools to deploy web applications"): a requirement however it is headed, unless
        # the sentence hedges it ("… is also a plus").
        r"|(?:^|\n)[ \t]*(?:[-*•][ \t]*)?(?:\d+\+? years? of )?(?:demonstrated |proven |professional |hands-on )?experience "
        r"(?:with|in|using|building|developing|designing|working|leading|managing|writing|running|deploying|creating)\b"
        r"(?![^\n]*\b(?:a plus|preferred|a bonus|desirable|desired|an asset|nice to have|an advantage|beneficial|helpful)\b)"
    ),
    # One sentence on what the job is, is a role summary ("The position is for work on
    # our billing platform"); "we're hiring!" is not.
    # "Acme is looking for a senior developer to join …": the hire stated, as a summary does.
    "role_summary": re.compile(
        r"\b(?:the|this) (?:position|role|job|opening) (?:is|will be|involves|includes|offers)\b"
        r"|\b(?:is|are|we're|we’re) (?:looking for|hiring|seeking|searching for) (?:an?|one|two|several|experienced|senior|junior)\b"
        # "You will be our first full-time Rails developer": the role itself, said to the reader.
        r"|\byou(?:['’]ll| will) be (?:our|the) (?:first|new|only|founding|lead)\b"
    ),
}


# The wording an item must hold to say each kind: `item_kinds` reads its items through
# these, and `ContentEvidence` searches only the one asked for. Necessary, not enough
# (a duty verb first is checked again on the item, and an ask unmakes a duty). On items
# joined a line each: no space an expression allows may be a line break.
def _first_on_a_line(rx: re.Pattern[str]) -> re.Pattern[str]:
    return re.compile(r"^[^\S\n]*" + rx.pattern.replace(r"\s*", r"[^\S\n]*"), re.M)


_ITEM_CUES: dict[str, tuple[re.Pattern[str], ...]] = {
    "nice_to_have": (HEDGE,),
    "team": (STRONG_CUES["team"],),
    "responsibilities": (_first_on_a_line(_DUTY_VERB), _first_on_a_line(_GERUND_DUTY)),
    "requirements": (_ASK, *_CUE_RX["requirements"]),
    "benefits": _CUE_RX["benefits"],
}


class ContentEvidence:
    """Which section kinds the posting's own sentences and items show, with no heading.

    `sentences` are the prose's (start, end, …) spans outside stock legal text (see
    `rubric.metrics.prose`), `bullet` whether each stands on a list item. A list item
    is read by `item_kinds` (one kind each: a duty, an ask, a hedge); a sentence
    of running text counts for every kind whose cue it holds. The running text is
    joined once, a sentence a line, so cue searches skip items, headings and stock
    text; each kind is read at most once per posting and stops at its `MIN_UNITS`
    sentence, resuming after the sentence it found. Linear in the text.
    """

    def __init__(self, low: str, sentences: list[tuple[int, ...]], bullet: list[bool]):
        # The items are kept as spans and sliced a batch at a time (`_item_batches`): as
        # strings, a 20 MB posting's hundred thousand items held 17 MB for the whole lint.
        # A span is (start, end, …): the prose's own tuples, not copies of them.
        self._low = low
        self._item_spans = [span for span, is_item in zip(sentences, bullet, strict=True) if is_item]
        running = [span for span, is_item in zip(sentences, bullet, strict=True) if not is_item]
        self._text, self._starts = joined_lines([low[span[0] : span[1]] for span in running])
        self._item_counts: dict[str, int] = {}
        self._known: dict[str, bool] = {}

    def shows(self, kind: str) -> bool:
        """Whether enough sentences or items say `kind` (`MIN_UNITS`, or the kind's own), or one
        sentence of running text says it surely (`STRONG_CUES`)."""
        if kind not in self._known:
            strong = STRONG_CUES.get(kind)
            self._known[kind] = self._count(kind) >= MIN_BY_KIND.get(kind, MIN_UNITS) or (
                strong is not None and (
                    strong.search(self._text) is not None
                    or any(strong.search(joined) is not None for _, joined, _ in self._item_batches())
                )
            )
        return self._known[kind]

    def _item_batches(self):
        """(items, the items joined a line each, where each starts in it), in batches that
        grow from 64 items to 4,096: enough to stop early, few enough to be quick. No cue
        crosses a line break (see `item_kinds`), so a search of a batch finds what a
        search of each item finds."""
        low, spans = self._low, self._item_spans
        lo, batch = 0, 64
        while lo < len(spans):
            items = [low[span[0] : span[1]] for span in spans[lo : lo + batch]]
            yield (items, *joined_lines(items))
            lo += len(items)
            batch = min(batch * 2, 4096)

    def _count(self, kind: str) -> int:
        need = MIN_BY_KIND.get(kind, MIN_UNITS)
        found = self._items_saying(kind, need)
        if kind not in _CUE_RX or found >= need:
            return found
        units: set[int] = set()
        text, starts = self._text, self._starts
        for rx in _CUE_RX[kind]:
            pos = 0
            while True:
                m = rx.search(text, pos)
                if m is None:
                    break
                at = max(m.end() - 1, m.start())  # a duty cue opens with the line break or stop before it
                i = bisect_right(starts, at) - 1
                units.add(i)
                if found + len(units) >= need:
                    return found + len(units)
                pos = starts[i + 1] if i + 1 < len(starts) else len(text)
        return found + len(units)

    def _items_saying(self, kind: str, need: int) -> int:
        """How many items say `kind`, counted until `need` do.

        An item says a kind only if it holds that kind's own cue (a hedge, a team, a duty
        verb or gerund first, an ask, a perk: `_ITEM_CUES`), so only that cue is searched for, over
        the items joined a line each, and only the items it finds are read whole, in
        order, until `need` of them say the kind. The items are joined in batches that
        grow, so a long list that shows the kind early is not read to its end, and a
        posting of thousands of items is searched once per kind asked for, not four ways."""
        counted = self._item_counts.get(kind)
        if counted is not None:
            return counted
        cues = _ITEM_CUES.get(kind, ())
        found = 0
        for chunk, joined, starts in self._item_batches() if cues else ():
            if found >= need:
                break
            seen = -1
            for place in heapq.merge(*((m.start() for m in rx.finditer(joined)) for rx in cues)):
                n = bisect_right(starts, place) - 1
                if n != seen:
                    seen = n
                    if item_kinds([chunk[n]])[0] == kind:
                        found += 1
                        if found >= need:
                            break
        self._item_counts[kind] = found
        return found
