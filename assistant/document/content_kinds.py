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

import re

# Items hedged like this are wished for, not required ("Python is a plus", "MBA
# preferred"): they make a nice-to-have, and are not counted as must-haves.
HEDGE = re.compile(
    r"\b(?:(?:is|are|would be|will be|as) (?:a |an )?(?:big |huge |strong |definite |real |great )?(?:plus|bonus|advantage|asset)"
    r"|an asset\b|a plus\b|a bonus\b|(?:highly |strongly )?preferred\b|preferably\b|desirable\b|desired\b|nice[- ]to[- ]have"
    r"|ideally\b|bonus points?\b|not required\b|not essential\b|not a requirement"
    r"|meriterande|von vorteil|wünschenswert|un atout|un plus\b|se valorará|valorable|\bpré\b|een pre\b)"
)

# Cue wording per kind, every language the heading table knows, joined into one
# expression per kind. Cues are chosen to be rare outside their kind: they decide
# whether a "missing section" finding is sure enough to report.
_W = r"[\w’'.-]+ "  # one word of a name or description, with its apostrophes and hyphens ("world’s", "DC-based")
CUES: dict[str, tuple[str, ...]] = {
    "company_overview": (
        r"\babout us\b", r"\bwho we are\b", rf"\b(?:we are|we're) (?:a|an|the) (?:{_W}){{0,4}}(?:company|firm|provider|startup|start-up|"
        r"business|organi[sz]ation|agency|platform|leader|team|group|service|consultancy|bank|employer|manufacturer|retailer)",
        r"\bfounded in\b", r"\bheadquartered\b", r"\bour (?:company|mission|customers|clients|product|products|platform)\b",
        rf"\bis (?:a|an|one of the) (?:{_W}){{0,4}}(?:company|firm|provider|companies|leader|organi[sz]ation|agency|startup|platform)\b",
        r"\b(?:we are|we're) (?:building|changing|on a mission|transforming|helping)\b", r"\bour mission is\b",
        r"\bat [a-z][\w&.-]*(?: [a-z][\w&.-]*)?, we\b", r"\b(?:inc|ltd|llc|gmbh|corp|plc)\b\.? (?:is|was|has)\b",
        r"\bom oss\b", r"\büber uns\b", r"\bqui sommes-nous", r"\bsobre nosotros\b", r"\bover ons\b",
    ),
    "team": (
        r"\b(?:our|the|a|this) (?:\w+ ){0,3}team (?:is|are|of|builds|owns|works|focus|focuses|supports|runs)\b",
        r"\bjoin (?:our|the|a) (?:\w+ ){0,4}team\b", r"\bteam of \w+", r"\byou(?:'ll| will) (?:work|join|be part|collaborate)\b.{0,60}\bteam\b",
        r"\breport(?:s|ing)? (?:directly )?to (?:the|our|a)\b", r"\bas part of (?:our|the|a) (?:\w+ ){0,3}team\b",
        r"\bteamet\b", r"\bdas team\b", r"\bl'équipe\b", r"\bel equipo\b", r"\bhet team\b",
    ),
    "responsibilities": (
        r"\byou will (?!need|have|be required|bring|ideally)", r"\byou'll (?!need|have|bring)", r"\bresponsib", r"\bduties\b",
        r"\bin this role\b", r"\bthe role (?:involves|includes|is responsible)", r"\bday[- ]to[- ]day\b", r"\byour (?:main )?tasks\b",
        r"\bwill be responsible\b", r"\bthe (?:\w+ ){0,3}(?:will|shall) (?:be|lead|manage|develop|work|support|design|build)\b",
        r"(?:^|\n|[.:!] )[ \t]*(?:[-*•·▪◦–][ \t]*)?(?:develop|build|design|manage|lead|own|create|maintain|implement|support|"
        r"ensure|deliver|drive|collaborate|coordinate|oversee|conduct|perform|analy[sz]e|prepare|provide|monitor|participate|"
        r"work (?:with|closely|across)|partner with|help (?:us|build|design|develop)|negotiate|plan and)s?\b",
        r"\byour (?:main )?job (?:will be|is)\b", r"\bto help (?:us )?(?:build|develop|design|grow|create)\b",
        r"\barbetsuppgift", r"\baufgaben\b", r"\bmissions?\b", r"\bfunciones\b", r"\btaken\b",
    ),
    "requirements": (
        r"\byears? of (?:\w+ ){0,3}experience\b", r"\bexperience (?:with|in|of|using|building|working)\b", r"\bdegree\b",
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
        r"\b(?:interview|hiring|recruitment|selection) process\b", r"\bnext steps\b", r"\bcontact (?:us|me)\b", r"\breach out\b",
        r"\bshoot (?:us|me) an? (?:email|message|note)\b", r"\bif (?:you are|you're) interested\b", r"\binterested\?",
        r"\bapply for (?:this|the|our)\b", r"\bif interested\b", r"\byour application\b", r"\bregister your interest\b",
        r"\bapplications? (?:should|must|will|are|can) be\b", r"\bclick(?:ing)? (?:the |on )?(?:below |apply )?(?:link|button)",
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
        r"\bas an? \w+", r"\bthe (?:successful|ideal) candidate\b", r"\bjoin us\b",
    ),
}
_CUE_RX: dict[str, re.Pattern[str]] = {kind: re.compile("|".join(cues)) for kind, cues in CUES.items()}
# Verbs that open a duty in a list ("Build dashboards", "Manage the budget"). An item
# that opens with one is a responsibility unless its words ask for something.
_DUTY_VERB = re.compile(
    r"(?:[-*•·▪◦–]\s*)?(?:develop|build|design|manage|lead|own|create|maintain|implement|support|ensure|deliver|drive|"
    r"work (?:with|closely|across|on)|collaborate|partner|coordinate|oversee|plan|conduct|perform|analy[sz]e|prepare|provide|"
    r"monitor|review|write|test|identify|define|establish|participate|contribute|assist|communicate|research|negotiate|"
    r"report|track|organi[sz]e|facilitate|mentor|help|set up|run|deploy|troubleshoot|investigate|evaluate|improve|"
    r"ship|architect|recruit|train|handle|respond|process|answer|sell|promote|present|serve|advise|act as)s?\b"
)
_ASK = re.compile(r"\byears?\b|\bexperience\b|\bdegree\b|\bability\b|\bknowledge\b|\bskills?\b|\bproficien|\bfamiliar")


def evidence(kind: str, low: str) -> bool:
    """Whether `low` (lower-cased text) has wording that shows `kind`; one linear search."""
    rx = _CUE_RX.get(kind)
    return rx is not None and rx.search(low) is not None


def has_cues(kind: str) -> bool:
    return kind in _CUE_RX


def classify_item(low: str) -> tuple[str, float] | None:
    """(kind, confidence) for one list item, lower-cased, or None when its words say nothing sure.

    Items are short and say one thing: a hedge makes a nice-to-have, a duty verb at
    the start a responsibility, an ask (years, degree, skills) a requirement.
    """
    if HEDGE.search(low):
        return "nice_to_have", 0.8
    duty = _DUTY_VERB.match(low.lstrip()) is not None
    ask = _ASK.search(low) is not None or _CUE_RX["requirements"].search(low) is not None
    if duty and not ask:
        return "responsibilities", 0.7
    if ask and not duty:
        return "requirements", 0.7
    if _CUE_RX["benefits"].search(low):
        return "benefits", 0.6
    return None


# Paragraph kinds in the order they are tried: the narrower wording first (how to
# apply and benefits are rarely mistaken; company and team pitches overlap).
_PARAGRAPH_ORDER = ("application_process", "company_overview", "team", "benefits", "responsibilities", "requirements")


def classify_paragraph(low: str) -> tuple[str, float] | None:
    """(kind, confidence) for one paragraph, lower-cased, by the kind with the most cues.

    Linear: one `finditer` per kind over the paragraph. Ties go to the earlier kind
    in `_PARAGRAPH_ORDER`. Confidence grows with the margin over the runner-up.
    """
    counts = []
    for kind in _PARAGRAPH_ORDER:
        n = sum(1 for _ in _CUE_RX[kind].finditer(low))
        if n:
            counts.append((n, kind))
    if not counts:
        return None
    counts.sort(key=lambda c: -c[0])  # stable: ties keep _PARAGRAPH_ORDER
    best, kind = counts[0]
    runner = counts[1][0] if len(counts) > 1 else 0
    if best == runner:
        return kind, 0.5
    return kind, min(0.9, 0.5 + 0.15 * (best - runner))
