"""What a must-have section asks of the candidate: the count behind requirement-overload.

CONTRACTS.md counts the leaf items of must-have sections. A section read as
requirements holds more than asks, and the fresh reads judged every count that folded
these in as overstated (docs/accuracy.md):

- how to apply and the administrative conditions of public employers (`_APPLYING`,
  `_CONDITION`), notes ("Please note: …"), travel and office notes, items about the
  employer ("We offer …"), and the competencies a public employer rates
  applications on, which restate its qualifications (`_RATED`);
- items hedged as wishes ("… is a plus", "(preferred)"): those are nice-to-haves,
  counted with them;
- the items of a choose-some group ("ONE of the following:", "two or more of the
  following areas"): the group asks for that many, not for each option;
- duties under a lead-in that says so ("Your role will involve:", "Key objective:"),
  or said as such ("You will analyse …");
- what follows a heading a scrape left as a short item inside the list ("The
  Benefits", "Nice to have"); and, in a section read as requirements from its wording,
  the items before a requirements heading left so ("Skills and Qualifications"), which
  were not under it.

One pass over the section's lines, a bounded search per line.
"""

from __future__ import annotations

import re

from ..document.headings import heading_kind

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ..document.model import Posting

_APPLYING = re.compile(
    r"\b(?:resumes?|résumés?|cv|your application|application (?:materials|package)|when applying|please note|"
    r"applications? (?:will|are|is) (?:be )?(?:reviewed|scored|evaluated|assessed))\b"
)
_CONDITION = re.compile(
    r"\b(?:citizens?(?:hip)?|background (?:check|investigation|screening)|selective service|trial period|probationary period|"
    r"direct deposit|drug (?:test|screen)|financial disclosure|work (?:status|authori[sz]ation|eligibility)|"
    r"conditions? of (?:continued )?employment|employment eligibility|e-verify|"
    r"\d+\s*%\s*(?:of\s+(?:the\s+)?time\s+)?travel|travel\b[^.\n]{0,40}\d+\s*%|"
    r"we (?:have|keep|run) (?:offices|locations|hubs)|while we have (?:offices|locations))\b"
)
# An item that says, as a whole, that it is a wish: "… is preferred", "… would be a
# plus", "… (preferred)" at its end, "Ideally …" at its start. A preference inside a
# demand ("Strong Rails (preferred) or a similar framework") leaves it a demand.
_HEDGED = re.compile(
    r"\b(?:is|are|would be|will be)\s+(?:highly\s+|strongly\s+)?(?:preferred|desir(?:able|ed)|nice to have|not required|"
    r"an?\s+(?:big\s+|huge\s+|definite\s+)?(?:plus|bonus|advantage|asset))\b"
    r"|(?:\((?:preferred|desired|a plus|optional)\)|\s(?:preferred|desired|a plus|an asset|optional))[.!]?\s*$"
    r"|^\W*(?:preferred|ideally|bonus|nice to have|optional)\b"
)
# A lead-in whose items are things to choose from: "ONE of the following:", "two or more
# of the following areas", "any of the following".
_CHOOSE = re.compile(
    r"\b(one|two|three|any|either)\b(?:\s*\(\d\))?(?:,?\s+or\s+more,?)?\s+of\s+the\s+following\b"
)
_CHOOSE_COUNT = {"one": 1, "any": 1, "either": 1, "two": 2, "three": 3}
# A lead-in over duties, not asks ("Your role as an engineer will involve:", "Key
# objective #2:", "In this role you will:"); "you will need:" is an ask.
_DUTIES = re.compile(
    r"\b(?:will involve|key objectives?|objectives?\s*#?\d|responsibilities|duties|day[- ]to[- ]day|"
    r"(?:you will|you['’]ll)\s+(?:be\s+)?(?:do|work|own|lead|build|help|support|manage|design|develop|deliver|drive|"
    r"get to|be responsible))\b"
)
# A lead-in that demands ("The person must have the ability to:"): its items are asks,
# whatever heading item came before.
_DEMAND = re.compile(r"\b(?:must|required|requires|need to|you need|you will need|minimum)\b")
_RATED = re.compile(r"\b(?:scored|rated|evaluated|assessed|measur\w+)\b[^\n]{0,120}\bfollowing competenc")
# An item that is a duty said to the reader ("You will analyse the policy needs …"), not
# an ask ("You will need …", "You have …").
# An item about the employer ("We offer a relaxed office and …", "Our team meets …") asks
# nothing of the candidate.
_EMPLOYER_ITEM = re.compile(
    r"\W*(?:we\s+(?:offer|provide|give|pay|have|believe|value|celebrate|are\s+(?:an?|proud|committed))|"
    r"our\s+(?:team|company|office|offices|benefits|culture|mission|values))\b"
)
_DUTY_ITEM = re.compile(r"\W*(?:you will|you['’]ll)\s+(?!need\b|have\b|bring\b|possess\b|be\s+(?:able|comfortable|expected\s+to\s+have)\b)[a-z]")
_HEADING_ITEM_WORDS = 4  # a short item with no stop that names a section is a heading left in the list
_TERMINAL = ".;!?,"


def requirements(posting: Posting, unseen: list[tuple[int, int]] = ()) -> tuple[int, int, tuple[int, int] | None]:
    """Must-haves and nice-to-haves (CONTRACTS.md: leaf items; lead-in lines not counted).

    Returns the two counts and the span of the first must-have heading (or item), so a
    finding about the count can point somewhere: the writer's own headed or labelled
    list when there is one, not a list read as requirements from its wording (an
    opening list of objectives). Lines in `unseen` (template branches the page's build
    does not print) are not counted.
    """
    must = nice = 0
    anchor = sure = None
    low = posting.lower
    for section in posting.sections:
        if section.kind not in ("requirements", "nice_to_have"):
            continue
        if section.basis == "content" and _rated_on(low, posting.lines, section.first_line):
            continue
        lines = posting.lines[section.first_line : section.last_line]
        if unseen:
            lines = [ln for ln in lines if not any(s <= ln.start < e for s, e in unseen)]
        items, wishes = asks(posting.text, low, lines, reset=section.basis == "content")
        if section.kind == "requirements":
            must += len(items)
            nice += wishes
            if items:
                head = posting.lines[section.first_line]
                target = head if head.kind == "heading" else items[0]
                anchor = anchor or (target.body_start, target.end)
                if sure is None and section.basis in ("heading", "label"):
                    sure = (target.body_start, target.end)
        else:
            nice += len(items) + wishes
    return must, nice, sure or anchor


def asks(text: str, low: str, lines: list, reset: bool = False) -> tuple[list, int]:
    """The leaf items of a section that ask something of the candidate, and how many
    more it holds that are hedged as wishes (see the module's docstring).

    `reset`: the section was read as requirements from its wording, so a requirements
    heading left as an item inside it starts the asks afresh.
    """
    items: list = []
    wishes = 0
    mode = "must"  # or "nice", "skip": after a heading item or a lead-in over duties
    skip_group = False  # under a lead-in about applying, or over duties
    limit = taken = 0  # a choose-some group: how many of its items count
    for ln in lines:
        if ln.kind == "blank":
            continue
        body = low[ln.body_start : ln.end].strip()
        leads = ln.kind == "heading" or ln.lead_in or body.endswith(":")
        found = None if leads else _heading_item(text[ln.body_start : ln.end].strip(), items, reset)
        if found:
            (mode, items), skip_group, limit = found, False, 0
            continue
        if leads or ln.kind != "bullet":
            skip_group = leads and (_instruction(low, ln) or _over_duties(body, ln))
            chosen = _CHOOSE.search(body) if leads else None
            limit, taken = (_CHOOSE_COUNT[chosen.group(1)], 0) if chosen else (0, 0)
            if leads and mode != "must" and _DEMAND.search(body):
                mode = "must"  # "… must have the ability to:" after a "Desirable" heading item
            continue
        if mode == "skip" or skip_group or _instruction(low, ln) or _DUTY_ITEM.match(body) or _EMPLOYER_ITEM.match(body):
            continue
        if mode == "nice" or _HEDGED.search(body):
            wishes += 1
            continue
        if limit:
            taken += 1
            if taken > limit:
                continue
        items.append(ln)
    return items, wishes


def _rated_on(low: str, lines: list, first: int) -> bool:
    """Whether the line before a section read from its wording says that its items are
    what applications are scored on ("You will be scored … on each of the following
    competencies"): a public employer's rating list restates the qualifications."""
    k = first - 1
    while k >= 0 and lines[k].kind == "blank":
        k -= 1
    return k >= 0 and _RATED.search(low, lines[k].body_start, lines[k].end) is not None


def _over_duties(body: str, ln) -> bool:
    """Whether a lead-in or heading introduces duties ("… will involve:", "Key objective
    #2: …"); a heading that names requirements does not, whatever else it says."""
    if _DUTIES.search(body) is None:
        return False
    return ln.kind != "heading" or heading_kind(body) != "requirements"


def _heading_item(item: str, mode_items: list, reset: bool):
    """(mode, items) after a short item that names a section ("The Benefits"), or None.

    Written as a heading is: its longer words capitalised ("Skills and
    Qualifications"), or its first word names the section ("Preferred qualifications");
    "Python is a plus" is an item.
    """
    words = item.split()
    if not words or item[-1] in _TERMINAL or len(words) > _HEADING_ITEM_WORDS:
        return None
    if not all(w[0].isupper() for w in words if len(w) > 3) and heading_kind(words[0]) is None:
        return None
    kind = heading_kind(item)
    if kind is None:
        return None
    if kind == "requirements":
        return "must", ([] if reset else mode_items)
    if kind == "nice_to_have":
        return "nice", mode_items
    return "skip", mode_items


def _instruction(low: str, ln) -> bool:
    """Whether a line is about applying or an administrative condition (see `_APPLYING`)."""
    return _APPLYING.search(low, ln.body_start, ln.end) is not None or _CONDITION.search(low, ln.body_start, ln.end) is not None
