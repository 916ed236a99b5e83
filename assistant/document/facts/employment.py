"""The employment type: full-time, part-time, contract, temporary, internship, freelance.

Weighed like the remote policy: a field, the title or a phrase that states the terms
("a full-time role") counts; a bare mention ("our full-time staff") does not.
"""

from __future__ import annotations

import re

from .view import _Doc

_TYPE_LABELS = frozenset({
    "employment type", "employment", "job type", "type", "type of employment", "position type",
    "work schedule", "schedule", "appointment type", "contract", "contract type", "job term",
    "engagement", "engagement type", "commitment", "hours", "duration", "work type", "job status",
    "status", "work status", "employment status", "position", "anställningsform", "anställningstyp", "omfattning", "arbetstid",
    "anstellungsart", "beschäftigungsart", "vertragsart", "type de contrat", "工作性质",
    "职位类型", "岗位类型", "工作类型", "是否全职", "工作形式",
})
_TYPE_ANCHORS = (("time", None), ("contract", "contract"))
# Rarer words, looked for only when the common ones said nothing explicit.
_TYPE_ANCHORS_RARE = (
    ("permanent", "full-time"), ("intern", "internship"), ("temporar", "temporary"), ("freelanc", "freelance"),
    ("c2c", "contract"), ("1099", "contract"), ("fixed", "contract"),
    ("time-limited", "temporary"), ("not to exceed", "temporary"), ("month", "contract"),
    ("term appointment", "temporary"), ("hours", "full-time"), ("perm", "full-time"),
)
# "40+ hours weekly", "forty hours a week": a full week's hours are full-time terms,
# "20 hours per week" part-time; said in prose or a schedule field.
_HOURS_BEFORE = re.compile(
    r"(?:\b(?P<full>3[5-9]|4\d|forty(?:-five)?)|\b(?P<part>[12]\d|ten|fifteen|twenty(?:-five)?))\+?(?:-plus| plus)?[ \t-]+$"
)
_HOURS_AFTER = re.compile(r"[ \t]*(?:(?:a|per|each|every|/)[ \t]*week|weekly\b|/wk\b|pw\b)")
# A type label run into flattened text ("... status quo. Job Type: Full-time Benefits: ..."):
# the field is there though it does not start a line. Labels of two words or "employment",
# so that a bare "Type:" or "Status:" inside prose does not count.
_INLINE_LABEL = re.compile(
    r"(?:" + "|".join(sorted((re.escape(label) for label in _TYPE_LABELS if " " in label or label == "employment"),
                              key=lambda s: (-len(s), s)))
    + r")[ \t]*(?:\*\*|__)?[ \t]*:[ \t]*(?:\*\*|__)?[ \t]*$"
)
# "Not to exceed 24 months", "Duration: 12 months": a fixed term, said in a type field or
# right after such a label; a month count anywhere else is no employment type.
_TERM_LENGTH = re.compile(r"[ \t]*(?:\d{1,2}|one|two|three|four|six|nine|twelve|eighteen|twenty-four)[ \t-]+(?:months?|years?)\b")
# The colon may be lost where fields were run together ("Location Remote Duration 6+ Months").
_DURATION_LABEL = re.compile(
    r"(?:(?:duration|term|contract length|length of (?:contract|appointment))[ \t]*(?:\*\*|__)?[ \t]*:"
    r"|\b(?:duration|contract length))[ \t]*(?:\*\*|__)?[ \t]*$"
)
_LIMITED_TERMS = re.compile(r"[ \t]+(?:appointment|position|role|post|contract|term|employment|job)\b")
_APPOINTMENT = re.compile(r"\b(?:appointment|position|assignment|employment|temporary|contract|term)\b")
_MONTHS_BEFORE = re.compile(r"(?:\d{1,2}|one|two|three|four|six|nine|twelve|eighteen|twenty-four)(?:\+|[ \t-]*plus)?[ \t-]+$")
_TYPE_ANCHORS_FOREIGN = {
    "sv": (
        ("heltid", "full-time"), ("tillsvidare", "full-time"), ("vanlig anställning", "full-time"),
        ("deltid", "part-time"), ("vikariat", "temporary"), ("sommarjobb", "temporary"),
        ("behovsanställning", "temporary"), ("tidsbegränsad", "contract"),
    ),
    "de": (
        ("festanstellung", "full-time"), ("vollzeit", "full-time"), ("teilzeit", "part-time"),
        ("befristet", "contract"),
    ),
    "zh": (("全职", "full-time"), ("兼职", "part-time"), ("实习", "internship"), ("外包", "contract")),
}
_A = r"(?:(?:is|as|for|seeking|hiring|looking for|offering|this is|on|be hired as)[ \t]+an?|this|are|an?)[ \t]+"
_TERMS_BEFORE = re.compile(
    # "our first full-time developer" (the hire, not "our full-time staff")
    r"\b(?:the|our|your) (?:first|second|third|only|sole)[ \t]+$|"
    rf"(?:\b{_A}|\b(?:seeking|hiring|recruiting|looking for)[ \t]+an?[ \t]+(?:[a-z]+[ \t]+){{1,2}}|\bpermanent,?[ \t]+|\bpermanent[ \t]+and[ \t]+|\bfull[- ]?time[ \t]+(?:and|or|&)[ \t]+)$"
)
# "Exempt, Regular, Full-Time": an HR status list states the hours (not "laid off from a
# regular, permanent position", so only before "full-time" / "part-time").
_STATUS_LIST_BEFORE = re.compile(r"\b(?:exempt|non-exempt|regular),[ \t]+$")
_TERMS_AFTER = re.compile(
    r"[ \t]*,?[ \t]*(?:permanent[ \t]+|salaried[ \t]+|exempt[ \t]+|w-?2[ \t]+|temporary[ \t]+)?"
    r"(?:positions?|roles?|jobs?|employment|opportunit(?:y|ies)|basis|hire|employee\b|staff position"
    r"|contract\b|assignment|engagement|work\b|appointment|program|to[- ]hire|to[- ]perm)"
)
# "Acme | Berlin | Full-time | Onsite", "(Contract)", a line of its own.
_HEADER_BEFORE = re.compile(r"(?:\A|[\n(|/:•·]|\s[-–—])[ \t]*$")
_HEADER_AFTER = re.compile(r"[ \t]*(?:[)|/;•·,]|\.?[ \t]*(?:$|\n)|[ \t][-–—][ \t])")
_TYPE_NEGATED = re.compile(r"\b(?:not|no|non)[ -](?:open to |looking for |accepting |considering |\w+ )?$")
_TYPE_FORMS = {
    "contract": ("contract", "contractor", "contractors", "contract-to-hire", "contract-to-perm"),
    "permanent": ("permanent",),
    "intern": ("intern", "internship", "internships"),
    "temporar": ("temporary",),
    "freelanc": ("freelance", "freelancer", "freelancing"),
    "c2c": ("c2c",),
    "1099": ("1099",),
    "perm": ("perm",),  # "Contract: Perm", a board's short form; counted in a type field only
}
_TYPE_WORD = re.compile(r"[a-z0-9]+(?:-to-(?:hire|perm))?")
_TYPE_NOISE = re.compile(
    r"(?:permanent[ \t]+(?:resident|residency|residence|record|establishment|solution|magnet)"
    r"|full[- ]?time[ \t]+equivalent|contract[ \t]+(?:specialist|manager|administrator|analyst"
    r"|officer|negotiat\w*|management|law|attorney|lawyer|compliance|review|manufactur\w*|research"
    r"|vehicle|award|value|terms)|temporary[ \t]+(?:housing|accommodation|disabilit\w*|relief|lodging))"
)
_SMART_CONTRACT = re.compile(r"(?:smart|government|federal|dod|client|customer|service|signed?|our|sales)[ \t]+$")
_WEAK_FOREIGN_WORDS = frozenset({"实习", "外包"})
_SHOUT = {"FULL": "full-time", "PART": "part-time", "CONT": "contract", "INTE": "internship", "FREE": "freelance"}


def _employment_type(doc: _Doc) -> str | None:
    found = _employment_type_evidence(doc)
    return found[0] if found else None


def _employment_type_evidence(doc: _Doc) -> tuple[str, int] | None:
    """The job's terms and the offset of the words that state them.

    Weights as for remote work: a labelled field 10, the title 6, a shouted header word
    ("FULL TIME") 5, a phrase that states the terms ("a full-time role", "6-month contract")
    4, a foreign-language term 3. Bare mentions ("our full-time staff") count for nothing.
    """
    low = doc.low
    title_start, title_end = doc.title()
    best: tuple[int, int, str] | None = None  # (weight, -position, kind)
    anchors = _TYPE_ANCHORS + _TYPE_ANCHORS_FOREIGN.get(doc.lang, ())
    for anchor, kind in anchors + _TYPE_ANCHORS_RARE:
        if anchor == "permanent" and best is not None and best[0] >= 4:
            break
        for pos in doc.hits(anchor):
            start, end, kind_here = pos, pos + len(anchor), kind
            if anchor == "time":
                lead = low[max(0, pos - 5) : pos]
                if lead.endswith(("full-", "full ", "full")):
                    kind_here = "full-time"
                elif lead.endswith(("part-", "part ", "part")):
                    kind_here = "part-time"
                else:
                    continue
                start = pos - (4 if lead.endswith(("full", "part")) else 5)
                if start + 4 < len(low) and low[end : end + 1].isalpha():
                    continue
            elif anchor == "hours":
                count = _HOURS_BEFORE.search(low, max(0, pos - 14), pos)
                if count is None or not _HOURS_AFTER.match(low, end):
                    continue
                start, kind_here = count.start(), "full-time" if count.group("full") else "part-time"
            elif anchor == "fixed":
                if not low.startswith(("fixed-term", "fixed term"), pos):
                    continue
                end = pos + 10
            elif anchor == "month":
                count = _MONTHS_BEFORE.search(low, max(0, pos - 14), pos)
                if count is None:
                    continue
                start = count.start()
                field = doc.field_at(start)
                in_field = field is not None and field.label in _TYPE_LABELS and start >= field.value_start
                if not in_field and not _DURATION_LABEL.search(low, max(0, start - 30), start):
                    continue  # "12 months of experience", "every six months"
                end = pos + 5 + (low[pos + 5 : pos + 6] == "s")
            elif anchor == "not to exceed":
                term = _TERM_LENGTH.match(low, end)
                if term is None:
                    continue
                end = term.end()
            elif anchor in _TYPE_FORMS:
                word = _TYPE_WORD.match(low, pos)
                if word is None or word.group(0) not in _TYPE_FORMS[anchor]:
                    continue
                end = word.end()
            if anchor.isascii() and start and low[start - 1].isalnum():
                continue
            if anchor.isascii() and _TYPE_NOISE.match(low, start):
                continue
            if anchor == "contract" and _SMART_CONTRACT.search(low, max(0, start - 12), start):
                continue
            if _TYPE_NEGATED.search(low, max(0, start - 25), start):
                continue
            if "authoriz" in low[max(0, start - 70) : start]:
                continue  # "authorized to work in the US on a full-time basis": eligibility
            weight = _type_weight(doc, start, end, title_start, title_end, anchor)
            if weight and (best is None or (weight, -start) > best[:2]):
                best = (weight, -start, kind_here)
    return (best[2], -best[1]) if best and best[0] >= 3 else None


def _type_weight(doc: _Doc, start: int, end: int, title_start: int, title_end: int, anchor: str) -> int:
    low, text = doc.low, doc.text
    if anchor == "month":
        return 8  # "Duration: 12 months" (the loop checked the label): a term, below an explicit type field
    if anchor == "hours":  # the loop checked the count and the week: a schedule field, else prose
        field = doc.field_at(start)
        return 10 if field is not None and field.label in _TYPE_LABELS and start >= field.value_start else 4
    if anchor == "term appointment":
        return 4
    if anchor == "perm":  # "Contract: Perm", "(Perm)" in a title; in prose too loose (a hair perm)
        field = doc.field_at(start)
        in_field = field is not None and field.label in _TYPE_LABELS and start >= field.value_start
        if in_field or _INLINE_LABEL.search(low, max(0, start - 40), start):
            return 10
        return 6 if title_start <= start < title_end else 0  # a front-matter value is read as a title
    if anchor == "time-limited":  # "a time-limited appointment", not "time-limited assignments" of work
        return 4 if _LIMITED_TERMS.match(low, end) else 0
    field = doc.field_at(start)
    if anchor == "not to exceed":  # "appointment ... not to exceed 13 months", not "costs not to exceed"
        in_field = field is not None and field.label in _TYPE_LABELS and start >= field.value_start
        return 10 if in_field else 4 if _APPOINTMENT.search(low, max(0, start - 40), start) else 0
    if field is not None and field.label in _TYPE_LABELS:
        if start >= field.value_start:
            return 10
        if field.label_start <= start and anchor.isascii():
            return 0  # the label's own word: "Contract: Perm" says permanent, not contract
        if field.label == "是否全职" and low[field.value_start : field.value_start + 1] == "是":
            return 10
    if _INLINE_LABEL.search(low, max(0, start - 40), start):
        return 10  # "Job Type: Full-time" run into flattened text
    if title_start <= start < title_end:
        return 6
    if text[start : start + 4] in _SHOUT and text[start:end].isupper():
        return 5
    if anchor in ("c2c", "1099", "fixed"):
        return 4
    if _TERMS_BEFORE.search(low, max(0, start - 40), start) or _TERMS_AFTER.match(low, end):
        return 4
    if anchor == "time" and _STATUS_LIST_BEFORE.search(low, max(0, start - 20), start):
        return 4
    if _HEADER_BEFORE.search(low, max(0, start - 3), start) and _HEADER_AFTER.match(low, end):
        return 4
    if anchor in _WEAK_FOREIGN_WORDS:
        return 0  # "实习经历" is internship experience, "外包" often a business partner
    if not anchor.isascii():
        return 3
    return 0
