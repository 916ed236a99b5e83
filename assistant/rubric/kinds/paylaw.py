"""`kind = "paylaw"`: the stated pay read against the pay-transparency laws of the places
the posting names (an open-ended range where a law bars one, a range wider than a law
allows) and against what any reader needs (period, currency). The judging lives in
`rubric/pay_range.py`; the laws in `rubric/laws.py` and rubrics/pay-laws.toml."""

from __future__ import annotations

from ..model import Finding

KEYS: set[str] = set()
LANGUAGES = ("*",)  # amounts, currencies and places read the same in every language


def check(ctx, rule, run):
    from .. import pay_range

    salary = ctx.posting.facts.salary
    if salary is None or getattr(salary, "estimate", False):
        return  # no pay (completeness/salary says so), or a third party's estimate
    regraded = rule.id in run.engine.regraded
    for severity, message in pay_range.problems(salary, ctx.text, run.laws):
        yield Finding(rule.id, rule.category, rule.severity if regraded else severity, message, salary.start, salary.end)


def describe(rule) -> str:
    return (
        "Reads the stated pay: an open-ended range (“up to”, “from”, “$X+”) where a law of a place the posting "
        "names bars one, a range wider than a law allows (Ontario: $50,000), a range far wider than applicants "
        "trust, a missing period or currency, an hourly figure that reads as yearly (or the reverse), and a "
        "currency used by none of the places named."
    )


def severity_note(rule) -> str:
    return (
        "; `error` for an open-ended or too-wide range where a law in force forbids it, `warning` where a law "
        "likely excludes it or its date or reach is uncertain (see `posting-assistant laws`)"
    )
