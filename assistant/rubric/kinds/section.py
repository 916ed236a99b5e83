"""`kind = "section"`: something a posting should hold (a section, a fact, wording), and
the sections the exemplar postings share. A rule on pay rises to `error` where the law
of a place the posting names requires pay in job ads."""

from __future__ import annotations

import re

from ...document.content_kinds import describes_employer
from ...document.employer import described_by_name, employer_names
from ...phrasing import join
from ..model import Finding
from ..validate import fail, patterns, str_list
from ._common import fmt

KEYS = {"sections", "facts", "pattern", "laws", "unless_employment", "remote_message"}
LANGUAGES = ("*",)  # headings and facts are read in every language
# The facts a rule may accept as evidence, as `explain` names them.
FACTS = {
    "salary": "the pay",
    "location": "the place of work",
    "remote": "the remote, hybrid or on-site policy",
    "employment_type": "the type of employment",
    "title": "the job title",
    "company": "the employer's name (a field, or a sentence that names it and says what it does)",
    "application": "an application link or address in the posting's fields",
}
# Fields that say where to apply. A `url` counts when it is a job page (a careers or
# jobs path, an applicant-tracking host); `source_url` (where a scrape came from) does not.
_APPLY_FIELDS = ("apply_url", "application_url", "apply_link", "apply_email", "application_email", "contact_email", "how_to_apply")
_JOB_PAGE = re.compile(
    r"https?://\S*?(?:/careers?\b|/jobs?\b|/job-detail|/apply\b|/positions?\b|/vacanc|/openings?\b|greenhouse\.io|lever\.co|"
    r"workable\.com|smartrecruiters|recruitee|ashbyhq|bamboohr|\bjobs\.|\bcareers\.)",
    re.I,
)


def compile(path, rule_id: str, params: dict) -> dict:
    sections = str_list(path, rule_id, "sections", params.get("sections", []))
    facts = str_list(path, rule_id, "facts", params.get("facts", []))
    bad_facts = set(facts) - set(FACTS)
    if bad_facts:
        raise fail(path, rule_id, f"unknown fact(s) {', '.join(sorted(bad_facts))}")
    params["sections"], params["facts"] = sections, facts
    # Terms of engagement the rule does not fit ("freelance": no employee benefits to describe).
    params["unless_employment"] = frozenset(str_list(path, rule_id, "unless_employment", params.get("unless_employment", [])))
    # What to say instead when the posting states the role is remote but names no place
    # ("Location: Remote"): the place is then where a remote hire may work from.
    if "remote_message" in params and (not isinstance(params["remote_message"], str) or not params["remote_message"].strip()):
        raise fail(path, rule_id, "'remote_message' must be text")
    if "pattern" in params:
        sources = str_list(path, rule_id, "pattern", params["pattern"])
        params["patterns"] = patterns(path, rule_id, sources, re.I | re.M)
    return params


def check(ctx, rule, run):
    engine = run.engine
    posting = ctx.posting
    params = rule.params
    present = ctx.section_kinds_present
    wanted = params["sections"]
    if wanted == ["exemplars"]:
        covered = _covered_elsewhere(engine, rule.id)
        for kind in engine.profile.kinds:
            # One finding per gap: a kind another rule looks for is that rule's to
            # report (or, when that rule is off, nobody's wish but the exemplars').
            if kind in present or kind in covered or ctx.content.shows(kind):
                continue
            label = kind.replace("_", " ")
            yield Finding(rule.id, rule.category, rule.severity, fmt(rule.message, section=label))
        return
    unless = params["unless_employment"]
    if unless and (posting.facts.employment_type in unless or _fields_employment(posting) in unless):
        return
    estimate = _estimate(posting) if "salary" in params["facts"] else None
    if estimate is not None:
        # No employer figure anywhere, only a board's guess: a pay heading over it (or
        # over "DOE") states no pay either.
        present = present - set(wanted)
    if not present.isdisjoint(wanted):
        return
    if any(_has_fact(posting, fact) for fact in params["facts"]):
        return
    found = params.get("patterns")
    if found is not None and found.search_any(ctx.text, ctx.lower, ctx.vocab):
        return
    if estimate is None and any(ctx.content.shows(kind) for kind in wanted):
        # Sentences or items of the kind with no heading over them: the section is
        # there unheaded, so its absence is not sure enough to report.
        return
    severity, message = rule.severity, rule.message
    if params.get("remote_message") and posting.facts.remote == "remote":
        message = params["remote_message"]
    if estimate is not None:
        message = f"{message} The only figure found, “{estimate.text}”, is marked as an estimate, not stated as this job's pay."
    if params.get("laws"):  # the severity the law gives, and the law named (rubric/laws.py)
        from .. import laws

        severity, message = laws.missing_pay(run.laws, severity, message, rule.id in engine.regraded, ctx.text, ctx.lower)
    yield Finding(rule.id, rule.category, severity, message)


_TYPE_FIELDS = ("contract", "type", "employment_type")


def _fields_employment(posting) -> str | None:
    """The terms a board's own field states ("contract: contract"), which a prose guess
    ("about 10 hours per week", so part-time) may have taken the place of as the fact:
    a part-time contractor is still a contractor, with no employee benefits."""
    for key in _TYPE_FIELDS:
        value = posting.meta.get(key)
        if value:
            from ...document.facts import detect_employment_type

            return detect_employment_type(str(value))
    return None


def _covered_elsewhere(engine, exemplar_rule: str) -> frozenset[str]:
    """Section kinds an enabled rule other than the exemplar rule reports missing."""
    return frozenset(
        kind for r in engine.rules if r.kind == "section" and r.id != exemplar_rule
        for kind in r.params.get("sections", ()) if kind != "exemplars"
    )


def _has_fact(posting, fact: str) -> bool:
    if fact == "title":
        return bool(posting.title)
    if fact == "application":
        meta = posting.meta
        return any(meta.get(k) for k in _APPLY_FIELDS) or bool(_JOB_PAGE.match(meta.get("url") or ""))
    if fact == "company":
        return bool(posting.meta.get("company")) or _employer_described(posting) or _named_and_described(posting)
    if fact == "salary" and posting.meta.get("pay_template"):
        return True  # a template include fills the pay in when the page is built (loaders.py)
    value = getattr(posting.facts, fact, None)
    if fact == "remote" and posting.facts.remote_implied:
        return False  # on-site only read from a place, not a policy stated
    return value is not None and not getattr(value, "estimate", False)  # a job board's guess is no pay


_STOCK_KINDS = frozenset({"eeo_statement", "accommodation_statement"})


def _employer_described(posting) -> bool:
    """A sentence outside stock legal text names the employer and says what it does
    ("Acme Freight makes pallets for grocers"): the employer is there with no heading
    or cue word. Each section searched once: linear in the text."""
    text = posting.text
    return any(describes_employer(text[s.start : s.end]) for s in posting.sections if s.kind not in _STOCK_KINDS)


def _named_and_described(posting) -> bool:
    """The employer named (a field, the title, "at <Name>") and a mention of the name says
    what it is or makes (document/employer.py)."""
    text = posting.text
    names = employer_names(text, posting.title or "", posting.meta.get("agency") or "")
    return bool(names) and described_by_name(text, text.lower(), names)


def _estimate(posting):
    """The pay fact when it is only a third party's estimate ("Glassdoor est."), else None."""
    salary = posting.facts.salary
    return salary if salary is not None and salary.estimate else None


def describe(rule) -> str:
    p = rule.params
    if p["sections"] == ["exemplars"]:
        return "Compares the posting's sections with those the exemplar postings share, and reports each one missing."
    evidence = [f"a {join([s.replace('_', ' ') for s in p['sections']])} section"] if p["sections"] else []
    evidence += [f"{FACTS[f]} stated anywhere" for f in p["facts"]]
    if p.get("patterns") is not None:
        evidence.append("wording that shows it")
    unless = f" Not for {join(sorted(p['unless_employment']))} engagements." if p.get("unless_employment") else ""
    return "Looks for " + " or ".join(evidence) + ", and reports the posting once when there is none." + unless


def severity_note(rule) -> str:
    if rule.params.get("laws"):
        return (
            "; `error` when the posting names a place whose law in force requires pay in the posting, "
            "`warning` where a law wants it before the interview (see `posting-assistant laws` and `lint --as-of`)"
        )
    return ""
