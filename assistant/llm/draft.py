"""Draft: a first posting from a brief, in the exemplars' structure, checked and linted.

The model writes prose; our code renders it to Markdown, so every draft has the same
shape whatever the model's habits. Before anyone sees a draft it passes two checks,
and fails as a whole, with its reasons, if either finds something:
- it states a fact the brief does not (a number, an amount, a place, a name, an
  address): a posting that promises a salary nobody agreed to is worse than none;
- it copies a run of 12 or more words from an exemplar: the exemplars show the house
  structure, and a posting that repeats another one's sentences is not a new posting.

Two providers: a model (`openai`), or `rules`, which needs no key and only assembles
the brief's own facts into the exemplars' sections. Both go through the same checks.

Why one module of about 470 lines: the structure, the brief's facts, the providers and
the checks all work on the same few things (the parts, the headings, the brief's known
text); split apart, each piece would import the others back.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from .._record import Record
from ..config import PROVIDERS  # noqa: F401 - importable from here, as before
from ..document.loaders import posting_from_text
from ..document.model import SECTION_KINDS
from .brief import Brief
from .checks import invented
from .client import Usage, strict_schema
from .prompts import as_data, nonce_for, render

COPY_RUN = 12  # words in a row shared with an exemplar that make a draft a copy
MAX_TOKENS = 3000

# A heading for each section kind the exemplars do not show; each is one that the
# structure detector files under its kind (tests/test_llm_draft.py checks that).
HEADINGS = {
    "company_overview": "About us",
    "role_summary": "About the role",
    "responsibilities": "What you'll do",
    "requirements": "What you'll bring",
    "nice_to_have": "Nice to have",
    "benefits": "What we offer",
    "compensation": "Pay",
    "location": "Location",
    "team": "The team",
    "culture_values": "How we work",
    "eeo_statement": "Equal opportunity",
    "accommodation_statement": "Accessibility and adjustments",
    "application_process": "How to apply",
}

# What the rules provider says where a section needs a sentence and the brief has
# none to give: a commitment with no fact in it, which the hiring manager can edit.
STOCK = {
    "eeo_statement": "We are an equal opportunity employer. We welcome applicants of every background, identity "
    "and ability, and we judge each application on what the role needs.",
    "accommodation_statement": "If you need an adjustment during the application or the interviews, such as "
    "extra time or a different format, tell us and we will arrange it.",
}

_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹", "CAD": "$", "AUD": "$", "NZD": "$", "SGD": "$", "HKD": "$"}
_CURRENCY_WORDS = {"USD": "dollars", "CAD": "dollars", "AUD": "dollars", "NZD": "dollars", "EUR": "euros", "GBP": "pounds"}
_REMOTE_WORDS = {"remote": "remote", "hybrid": "hybrid", "onsite": "on-site"}
_WORD = re.compile(r"\w+")
_BULLET_MARK = re.compile(r"^(?:[-*•+]|\d+[.)])(?:\s+|$)")
_HEADING_MARK = re.compile(r"^#+\s*")


class DraftSection(BaseModel):
    model_config = ConfigDict(extra="forbid")

    heading: str = Field(max_length=120, description="Short section heading; empty only for an opening section under the title.")
    paragraphs: list[str] = Field(description="Plain prose paragraphs, no Markdown.")
    bullets: list[str] = Field(description="List items, one each, without bullet marks.")


class DraftAnswer(BaseModel):
    """A draft job posting: its title, then its sections in reading order."""

    # What the model answers is words only: the Markdown, spacing and block order are
    # ours (`to_markdown`), so every draft has the same shape whatever the model's habits.

    model_config = ConfigDict(extra="forbid")

    # "job_title", not "title": the brief's title is the hiring manager's; this one is the model's.
    job_title: str = Field(min_length=1, max_length=200, description="The job title, as the brief gives it.")
    sections: list[DraftSection] = Field(min_length=1)


class Part(Record):
    """One section of the structure a draft follows, and the headings it may carry."""

    __slots__ = ("kind", "headings", "source")

    def __init__(self, kind: str, headings: list[str], source: str):
        self.kind = kind
        self.headings = headings  # the exemplars' own first, else ours
        self.source = source  # "exemplars" or "rubric": who asks for this section

    def as_data(self) -> dict:
        return {"label": self.kind.replace("_", " "), "headings": [as_data(h) for h in self.headings], "source": self.source}


class Refusal(Record):
    __slots__ = ("where", "text", "reason")

    def __init__(self, where: str, text: str, reason: str):
        self.where = where  # "the title", "“What we offer”, item 3"
        self.text = text
        self.reason = reason

    def as_dict(self) -> dict[str, str]:
        return {"where": self.where, "text": self.text, "reason": self.reason}


class DraftResult(Record):
    __slots__ = ("markdown", "report", "usage", "refused", "provider", "model")

    def __init__(self, markdown: str, report, usage: Usage, refused: list[Refusal], provider: str, model: str | None):
        self.markdown = markdown
        self.report = report  # the lint of the draft, as Markdown
        self.usage = usage
        self.refused = refused  # empty when the draft may be used
        self.provider = provider
        self.model = model


# --- the structure --------------------------------------------------------------


def outline(engine, exemplars) -> list[Part]:
    """The sections a draft should have, in order.

    The exemplar profile gives the house sections and their order (only kinds most
    exemplars share, so one posting's odd section does not count); the completeness
    rules of the engine add what every posting needs (pay, location, EEO…), each
    placed before the first house section that usually follows it. Headings are the
    exemplars' own, so no scrape noise (never a heading of a known kind) gets in.
    """
    used: dict[str, list[str]] = {}
    for posting in exemplars:
        for section in posting.sections:
            if section.heading and len(section.heading.split()) <= 8:
                used.setdefault(section.kind, [])
                if section.heading not in used[section.kind]:
                    used[section.kind].append(section.heading)
    parts = [Part(kind, used.get(kind) or [HEADINGS.get(kind, kind.replace("_", " ").capitalize())], "exemplars")
             for kind in engine.profile.kinds]
    for rule in completeness_rules(engine):
        kind = rule["kind"]
        if kind is None or any(p.kind == kind for p in parts):
            continue
        rank = _rank(kind)
        at = next((i for i, p in enumerate(parts) if _rank(p.kind) > rank), len(parts))
        parts.insert(at, Part(kind, [HEADINGS.get(kind, kind.replace("_", " ").capitalize())], "rubric"))
    return parts


def _rank(kind: str) -> int:
    return SECTION_KINDS.index(kind) if kind in SECTION_KINDS else len(SECTION_KINDS)


def completeness_rules(engine) -> list[dict]:
    """What the engine's completeness rules ask of every posting, as the prompt lists it.

    Taken from the rules the engine runs (after --select, --ignore and the config), so
    a team that switched a rule off is not asked for it, and a rubric of its own adds to it.
    """
    out = []
    for rule in engine.rules:
        if rule.category != "completeness" or rule.kind != "section":
            continue
        sections = rule.params.get("sections") or []
        if sections == ["exemplars"]:
            continue  # the structure itself says this
        kind = sections[0] if sections else None
        out.append({"id": rule.id, "summary": rule.summary, "kind": kind, "section": kind.replace("_", " ") if kind else None})
    return out


# --- the brief as facts ------------------------------------------------------------


def amount(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"


def money(value: float, currency: str) -> str:
    symbol = _SYMBOLS.get(currency)
    return f"{symbol}{amount(value)}" if symbol else f"{amount(value)} {currency}"


def pay_text(brief: Brief) -> str | None:
    """The pay as drafts state it: "€62,000–€78,000 per year"."""
    low, high = brief.salary_min, brief.salary_max
    if low is None and high is None:
        return None
    currency, per = brief.currency or "", f"per {brief.period}"
    if low is not None and high is not None and low != high:
        return f"{money(low, currency)}–{money(high, currency)} {per}"
    if low is not None and high is not None:
        return f"{money(low, currency)} {per}"
    if low is not None:
        return f"from {money(low, currency)} {per}"
    return f"up to {money(high, currency)} {per}"


def brief_data(brief: Brief) -> dict:
    """The brief as the prompt shows it: what was given, whole numbers without ".0"."""
    data = brief.model_dump(exclude_none=True)
    data = {k: v for k, v in data.items() if v != []}
    for key in ("salary_min", "salary_max"):
        if key in data and data[key] == int(data[key]):
            data[key] = int(data[key])
    pay = pay_text(brief)
    if pay:
        data["pay_as_written"] = pay
    return data


def _amount_forms(value: float, currency: str | None) -> list[str]:
    """The ways a draft may write one amount of the brief: 62000, 62,000, 62.000, 62k, €62k,
    62,000 EUR, 62000 euros. Each is a fact the brief states, however it is written."""
    whole = value == int(value)
    numbers = {f"{value:.0f}" if whole else f"{value:.2f}", amount(value), amount(value).replace(",", " ")}
    if not whole:
        numbers |= {f"{value:g}", f"{value:.2f}".replace(".", ",")}
    dotted = amount(value).replace(",", "\0").replace(".", ",").replace("\0", ".")
    numbers.add(dotted)
    if value >= 1000:
        numbers.add(f"{value / 1000:g}k")
    if value >= 1_000_000:
        numbers.add(f"{value / 1_000_000:g}m")
    forms = set(numbers)
    symbol = _SYMBOLS.get(currency or "")
    for n in numbers:
        if symbol:
            forms |= {f"{symbol}{n}", f"{symbol} {n}", f"{n} {symbol}", f"{n}{symbol}"}
        if currency:
            forms |= {f"{n} {currency}", f"{n}{currency}", f"{currency} {n}"}
        word = _CURRENCY_WORDS.get(currency or "")
        if word:
            forms.add(f"{n} {word}")
    return sorted(forms)


def known_text(brief: Brief) -> str:
    """Everything a draft may state as fact: the brief's own words, and its amounts in
    every common spelling (the check compares text, and "$150k" is the brief's 150000)."""
    parts: list[str] = [brief.title, brief.team or "", brief.level or "", brief.location or "", brief.about or ""]
    parts += [*brief.must_haves, *brief.nice_to_haves, *brief.benefits]
    if brief.remote:
        parts.append(f"{brief.remote} {_REMOTE_WORDS[brief.remote]}")
    if brief.currency:
        parts += [brief.currency, _SYMBOLS.get(brief.currency, ""), _CURRENCY_WORDS.get(brief.currency, "")]
    if brief.period:
        parts.append(brief.period)
    pay = pay_text(brief)
    if pay:
        parts.append(pay)
    for value in (brief.salary_min, brief.salary_max):
        if value is not None:
            parts += _amount_forms(value, brief.currency)
    return "\n".join(p for p in parts if p)


# --- the providers --------------------------------------------------------------------


def build_prompt(brief: Brief, engine, parts: list[Part]):
    """The messages for the model; the brief only as data, between tags only it can't guess."""
    data = as_data(json.dumps(brief_data(brief), ensure_ascii=False, indent=2))
    outline = [p.as_data() for p in parts]
    # The structure comes from the exemplars, before the brief's nonce (prompts/README.md):
    # its tags carry a nonce of its own, from its own text, which no heading can contain.
    outline_nonce = nonce_for("outline", json.dumps(outline, ensure_ascii=False, sort_keys=True))
    return render(
        "draft", strict_schema(DraftAnswer), brief=data, nonce=nonce_for(data),
        outline=outline, outline_nonce=outline_nonce, requirements=completeness_rules(engine),
    )


def rules_answer(brief: Brief, parts: list[Part]) -> DraftAnswer:
    """A draft with no model: the brief's facts in the structure's sections, nothing added.

    Only the equal-opportunity and accessibility statements are written for it (our
    own stock sentences, with no facts in them); responsibilities, which a brief holds
    only as prose in `about`, are left for the hiring manager, and lint says so.
    """
    kinds = [p.kind for p in parts]
    # `about` goes once, to the house's own opening section when the exemplars have one.
    opening = next((k for k in ("role_summary", "company_overview") if k in kinds), None)
    sections = []
    for part in parts:
        paragraphs, bullets = _rules_content(brief, part.kind, opening)
        if paragraphs or bullets:
            sections.append(DraftSection(heading=part.headings[0], paragraphs=paragraphs, bullets=bullets))
    if not sections:
        sections.append(DraftSection(heading="", paragraphs=[], bullets=[]))
    title = brief.title
    if brief.level and brief.level.lower() not in title.lower():
        title = f"{brief.level} {title}"
    return DraftAnswer(job_title=title, sections=sections)


def _rules_content(brief: Brief, kind: str, opening: str | None) -> tuple[list[str], list[str]]:
    if kind == opening:
        paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", brief.about or "") if p.strip()]
        if brief.team:
            paragraphs.append(f"Team: {brief.team}.")
        return paragraphs, []
    lists = {"requirements": brief.must_haves, "nice_to_have": brief.nice_to_haves, "benefits": brief.benefits}
    if kind in lists:
        return [], list(lists[kind])
    if kind == "compensation":
        pay = pay_text(brief)
        return ([f"Salary: {pay}."] if pay else []), []
    if kind == "location" and (brief.location or brief.remote):
        where = brief.location or ""
        how = _REMOTE_WORDS.get(brief.remote or "", "")
        line = f"{where} ({how})" if where and how else where or how.capitalize()
        return [f"Location: {line}."], []
    if kind in STOCK:
        return [STOCK[kind]], []
    return [], []


# --- rendering and checks ------------------------------------------------------------


def tidy(answer: DraftAnswer) -> DraftAnswer:
    """The answer with each string on one line and stray markup gone, empty parts dropped.

    Models put "- " before items and "## " before headings even when told not to; a
    newline inside an item would break the list. The checks then see what the reader will.
    """
    sections = []
    for s in answer.sections:
        heading = _HEADING_MARK.sub("", _line(s.heading)).rstrip(":").strip()
        paragraphs = [p for p in map(_line, s.paragraphs) if p]
        bullets = [b for b in (_BULLET_MARK.sub("", _line(b)) for b in s.bullets) if b]
        if heading or paragraphs or bullets:
            sections.append(DraftSection(heading=heading, paragraphs=paragraphs, bullets=bullets))
    title = _HEADING_MARK.sub("", _line(answer.job_title)) or answer.job_title
    return DraftAnswer(job_title=title, sections=sections or [DraftSection(heading="", paragraphs=[], bullets=[])])


def _line(text: str) -> str:
    return " ".join(text.split())


def to_markdown(answer: DraftAnswer) -> str:
    blocks = [f"# {answer.job_title}"]
    for s in answer.sections:
        if s.heading:
            blocks.append(f"## {s.heading}")
        blocks.extend(s.paragraphs)
        if s.bullets:
            blocks.append("\n".join(f"- {b}" for b in s.bullets))
    return "\n\n".join(blocks) + "\n"


def pieces(answer: DraftAnswer) -> list[tuple[str, str, str]]:
    """(kind, where, text) for every string of the draft, in reading order."""
    out = [("title", "the title", answer.job_title)]
    for n, s in enumerate(answer.sections, 1):
        name = f"“{s.heading}”" if s.heading else f"section {n}"
        if s.heading:
            out.append(("heading", f"the heading {name}", s.heading))
        out += [("text", f"{name}, paragraph {i}", p) for i, p in enumerate(s.paragraphs, 1)]
        out += [("text", f"{name}, item {i}", b) for i, b in enumerate(s.bullets, 1)]
    return out


def check_draft(answer: DraftAnswer, brief: Brief, exemplars, parts: list[Part]) -> list[Refusal]:
    """Why the draft may not be used, if it may not: invented facts, copied exemplar text."""
    return [*invented_facts(answer, brief, parts), *copied(answer, brief, exemplars)]


def invented_facts(answer: DraftAnswer, brief: Brief, parts: list[Part]) -> list[Refusal]:
    known = known_text(brief)
    # Headings are written in title case by habit ("What You'll Bring"): their words are
    # names only if neither the brief nor any heading of the structure has them.
    heading_words = known + "\n" + "\n".join(h for p in parts for h in p.headings) + "\n" + "\n".join(HEADINGS.values())
    refused = []
    for kind, where, text in pieces(answer):
        reason = invented(text, heading_words if kind == "heading" else known)
        if reason:
            refused.append(Refusal(where, text, reason.replace("neither the posting nor the brief states", "the brief does not state")))
    return refused


def words(text: str) -> list[str]:
    """Words for the copy check: case and punctuation ignored ("you'll" is "youll")."""
    return _WORD.findall(text.lower().replace("’", "").replace("'", ""))


def copied(answer: DraftAnswer, brief: Brief, exemplars) -> list[Refusal]:
    """Each run of COPY_RUN or more words the draft shares with an exemplar.

    Runs are found over the whole draft, across items, so three copied bullets in a row
    count as one run. A run the brief itself holds is the hiring manager's own wording,
    not the model's copy, and passes.
    """
    origin: dict[tuple[str, ...], str] = {}
    for posting in exemplars:
        ws = words(posting.text)
        for i in range(len(ws) - COPY_RUN + 1):
            origin.setdefault(tuple(ws[i : i + COPY_RUN]), Path(posting.path).name)
    if not origin:
        return []
    own = _grams(words(known_text(brief)))
    stream: list[str] = []
    owner: list[tuple[str, str]] = []
    for _, where, text in pieces(answer):
        ws = words(text)
        stream += ws
        owner += [(where, text)] * len(ws)
    return _runs(stream, owner, origin, own)


def _grams(ws: list[str]) -> set[tuple[str, ...]]:
    return {tuple(ws[i : i + COPY_RUN]) for i in range(len(ws) - COPY_RUN + 1)}


def _runs(stream, owner, origin, own) -> list[Refusal]:
    def shared(i: int) -> bool:
        gram = tuple(stream[i : i + COPY_RUN])
        return gram in origin and gram not in own

    refused = []
    i = 0
    while i <= len(stream) - COPY_RUN:
        if not shared(i):
            i += 1
            continue
        j = i + 1
        while j <= len(stream) - COPY_RUN and shared(j):
            j += 1
        length = j - 1 + COPY_RUN - i
        quote = " ".join(stream[i : i + COPY_RUN]) + (" …" if length > COPY_RUN else "")
        name = origin[tuple(stream[i : i + COPY_RUN])]
        where, text = owner[i]
        refused.append(Refusal(where, text, f"it copies {length} words in a row from the exemplar {name}: “{quote}”"))
        i = j - 1 + COPY_RUN
    return refused


# --- the pipeline -------------------------------------------------------------------


async def draft(brief: Brief, engine, client=None, exemplars=(), path: str = "draft.md") -> DraftResult:
    """A checked, linted draft from `brief`: by `client`'s model, or by the rules when None.

    `exemplars` are the parsed exemplar postings (`rubric.exemplars.load_exemplars`); they give the
    structure and are what the copy check compares against. `path` names the draft in
    the lint report (the --out file, so line numbers point into it).
    """
    parts = outline(engine, exemplars)
    if client is None:
        answer, usage, provider, model = rules_answer(brief, parts), Usage(), "rules", None
    else:
        answer, usage = await client.ask(build_prompt(brief, engine, parts), DraftAnswer, max_tokens=MAX_TOKENS)
        provider, model = "openai", client.settings.model
    answer = tidy(answer)
    refused = check_draft(answer, brief, exemplars, parts)
    markdown = to_markdown(answer)
    report = engine.lint(posting_from_text(markdown, path, "md"))
    return DraftResult(markdown, report, usage, refused, provider, model)
