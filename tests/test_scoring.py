"""The score scale: what it promises a user (issue 15, item 6; docs/scores.md).

The fixtures under tests/fixtures/scores are postings written for these tests: two
complete, well-written ones, three stubs, and one full of exclusionary wording.
"""

from __future__ import annotations

import statistics

import pytest

from assistant.document.loaders import load_path
from assistant.rubric import scoring
from assistant.rubric.model import CATEGORIES, SCORES, Finding

from .conftest import ROOT, corpus_postings

FIXTURES = ROOT / "tests" / "fixtures" / "scores"
COMPLETE = sorted(FIXTURES.glob("complete-*"))
STUBS = sorted(FIXTURES.glob("stub-*"))
AWFUL = sorted(FIXTURES.glob("awful-*"))


def f(rule: str, severity: str = "warning", category: str | None = None) -> Finding:
    return Finding(rule, category or rule.split("/")[0], severity, "message")


# ------------------------------------------------------------------ the three promises


@pytest.mark.parametrize("path", COMPLETE, ids=lambda p: p.name)
def test_a_complete_well_written_posting_scores_85_or_more(engine, path):
    report = engine.lint(load_path(path))
    assert report.scores["overall"] >= 85, report.score_costs
    assert not [x for x in report.findings if x.severity != "info"], report.findings


@pytest.mark.parametrize("path", STUBS, ids=lambda p: p.name)
def test_a_stub_scores_50_or_less(engine, path):
    report = engine.lint(load_path(path))
    assert report.metrics["words"] < 120 and report.posting.facts.salary is None and not report.metrics["requirements"]
    assert report.scores["overall"] <= 50, report.score_costs


@pytest.mark.parametrize("path", AWFUL, ids=lambda p: p.name)
def test_a_posting_full_of_exclusionary_wording_scores_40_or_less(engine, path):
    report = engine.lint(load_path(path))
    assert report.scores["overall"] <= 40, report.score_costs
    assert report.scores["inclusivity"] <= 25


@pytest.mark.parametrize("path", AWFUL, ids=lambda p: p.name)
def test_the_awful_posting_fails_lint_on_its_explicit_age_limit(engine, path):
    """An explicit age limit is an error (inclusivity/age-limit): the posting fails lint."""
    report = engine.lint(load_path(path))
    assert report.worst() == 2 and report.scores["overall"] <= scoring.ERROR_CAP


def test_stubs_sit_far_below_complete_postings(engine):
    complete = [engine.lint(load_path(p)).scores["overall"] for p in COMPLETE]
    stubs = [engine.lint(load_path(p)).scores["overall"] for p in STUBS]
    assert min(complete) - max(stubs) >= 35


# ------------------------------------------------------------------ the scale's parts


def test_no_findings_is_100_everywhere_and_scores_are_integers():
    scores, costs = scoring.score([])
    assert scores == dict.fromkeys(SCORES, 100)
    assert all(type(v) is int for v in scores.values())
    assert costs["adjustments"] == [] and all(costs[c] == [] for c in CATEGORIES)


def test_one_warning_and_one_error_cost_what_the_docs_say():
    assert scoring.score([f("inclusivity/age")])[0]["inclusivity"] == 82
    assert scoring.score([f("inclusivity/age", "error")])[0]["inclusivity"] == 61


def test_repeats_of_one_rule_cost_less_than_as_many_rules():
    same = [f("clarity/buzzwords", "warning") for _ in range(4)]
    different = [f(f"clarity/rule-{i}", "warning") for i in range(4)]
    assert scoring.score(same)[0]["clarity"] > scoring.score(different)[0]["clarity"]


def test_no_number_of_findings_goes_below_zero():
    many = [f(f"inclusivity/rule-{i}", "error") for i in range(200)]
    scores, _ = scoring.score(many)
    assert scores["inclusivity"] == 0 and 0 <= scores["overall"] <= 100


def test_more_findings_never_raise_a_score():
    found: list[Finding] = []
    last = scoring.score(found)[0]
    for finding in [f("clarity/buzzwords", "info"), f("inclusivity/age"), f("completeness/benefits"),
                    f("completeness/salary", "error"), f("clarity/duplicate"), f("inclusivity/age")]:
        found.append(finding)
        now = scoring.score(found)[0]
        assert all(now[k] <= last[k] for k in SCORES), (finding.rule, last, now)
        last = now


def test_completeness_is_the_weighted_share_of_what_applicants_look_for():
    total = sum(scoring.APPLICANT_WEIGHTS.values())
    no_pay = scoring.score([f("completeness/salary")])[0]["completeness"]
    no_eeo = scoring.score([f("completeness/eeo-statement", "info")])[0]["completeness"]
    assert no_pay == round(100 * (1 - scoring.APPLICANT_WEIGHTS["completeness/salary"] / total))
    assert no_pay < no_eeo
    # Pay, requirements, responsibilities and location weigh most.
    first = ["completeness/salary", "completeness/requirements", "completeness/responsibilities", "completeness/location"]
    rest = [rule for rule in scoring.APPLICANT_WEIGHTS if rule not in first and rule != "completeness/title"]
    assert min(scoring.APPLICANT_WEIGHTS[r] for r in first) > max(scoring.APPLICANT_WEIGHTS[r] for r in rest)


def test_a_users_own_completeness_rule_weighs_by_its_severity():
    items = {"completeness/salary": 6.0, "acme/completeness-team-size": 3.0}
    scores, _ = scoring.score([Finding("acme/completeness-team-size", "completeness", "warning", "m")], items)
    assert scores["completeness"] == round(100 * (1 - 3 / 9))
    # A finding from a rule outside the checklist still counts, in the total too.
    scores, _ = scoring.score([Finding("acme/other", "completeness", "info", "m")], {"completeness/salary": 6.0})
    assert scores["completeness"] == round(100 * (1 - 1 / 7))


def test_the_length_factor_scales_completeness_of_short_postings_only():
    assert scoring.length_factor(None) == 1.0
    assert scoring.length_factor(scoring.SHORT_WORDS) == 1.0 and scoring.length_factor(900) == 1.0
    assert scoring.length_factor(0) == scoring.LENGTH_FLOOR
    assert scoring.length_factor(75) == pytest.approx((1 + scoring.LENGTH_FLOOR) / 2)
    short, costs = scoring.score([], words=75)
    assert short["completeness"] == 75 and short["inclusivity"] == 100
    assert [(a["score"], a["factor"], a["points"]) for a in costs["adjustments"]] == [("completeness", 0.75, 25.0)]
    # Where words are not separated by spaces, the count means little: no factor.
    assert scoring.words_for_length(40, "zh") is None and scoring.words_for_length(40, "en") == 40


def test_one_terrible_category_cannot_hide_behind_two_good_ones():
    terrible = [f(f"inclusivity/rule-{i}") for i in range(12)]
    scores, costs = scoring.score(terrible)
    assert scores["clarity"] == scores["completeness"] == 100
    assert scores["overall"] == scores["inclusivity"] + scoring.WEAKEST_MARGIN
    assert [a["score"] for a in costs["adjustments"]] == ["overall"] and "weakest" in costs["adjustments"][0]["reason"]


def test_an_error_caps_the_overall_score():
    scores, costs = scoring.score([f("clarity/something", "error")])
    assert scores["clarity"] == 61 and scores["overall"] == scoring.ERROR_CAP
    assert "error" in costs["adjustments"][-1]["reason"]
    # Below the cap it changes nothing.
    low = [f("completeness/salary", "error"), *(f(f"clarity/r{i}") for i in range(8))]
    assert scoring.score(low)[0]["overall"] < scoring.ERROR_CAP


def test_the_points_each_rule_took_add_up_to_what_its_category_lost():
    found = [f("clarity/buzzwords", "info"), f("clarity/buzzwords", "info"), f("clarity/duplicate"),
             f("completeness/salary"), f("completeness/benefits"), f("inclusivity/age", "error")]
    scores, costs = scoring.score(found, words=100)
    for c in CATEGORIES:
        lost = sum(item["points"] for item in costs[c] + costs["adjustments"] if item.get("score", c) == c)
        assert lost == pytest.approx(100 - scores[c], abs=1.0), (c, costs[c])


def test_the_engine_weighs_only_the_completeness_rules_that_ran(engine, lint):
    """A non-English posting runs only the language-neutral rules; their checklist is
    the whole of its completeness, and no length factor applies to Chinese."""
    report = lint("招聘：后端工程师\n\n工作地点：上海\n\n我们正在寻找一位后端工程师。\n")
    assert report.posting.language == "zh"
    assert not [a for a in report.score_costs["adjustments"] if a["score"] == "completeness"]
    ran = {r.id for r in engine.rules if r.category == "completeness" and "*" in r.languages}
    missing = {item["rule"] for item in report.score_costs["completeness"]}
    assert missing <= ran and "completeness/location" not in missing


# ------------------------------------------------------------------ on the real corpus


def test_on_the_corpus_stubs_score_well_below_full_postings(engine):
    """A sample of every 10th corpus posting: stubs score 50 or less, at least 15 points
    below the full postings the error cap does not hold (before this scale both
    medians were 83)."""
    stubs, full, uncapped = [], [], []
    for path in corpus_postings()[::10]:
        report = engine.lint(load_path(path))
        words = report.metrics["words"] or 0
        if report.posting.language != "en":
            continue
        if words < 120 and report.posting.facts.salary is None and not report.metrics["requirements"]:
            stubs.append(report.scores["overall"])
        elif words >= 120:
            full.append(report.scores["overall"])
            if not any(f.severity == "error" for f in report.findings):
                uncapped.append(report.scores["overall"])
    assert len(stubs) > 20 and len(full) > 100
    assert statistics.median(stubs) <= 50  # issue 15: a stub scores 50 or less
    # The gap is measured where the error cap (60, CONTRACTS.md) does not hold the
    # score: with the 2026 pay laws, most full postings name a place whose law wants
    # pay, so their median is the cap itself.
    assert len(uncapped) > 50
    assert statistics.median(uncapped) - statistics.median(stubs) >= 15
    assert max(stubs) <= 100 and statistics.quantiles(uncapped, n=4)[2] - statistics.quantiles(uncapped, n=4)[0] >= 10


def test_scores_say_when_they_are_partial(lint):
    """CONTRACTS.md: `scores.partial` is true when the language has no rubric pack, so
    its scores are not comparable with those of a posting every rule checked."""
    from assistant.report.json_v1 import result_dict

    english = result_dict(lint((FIXTURES / "complete-support-lead.txt").read_text(encoding="utf-8")))
    chinese = result_dict(lint("招聘：后端工程师\n\n工作地点：上海\n\n我们正在寻找一位后端工程师，负责支付系统的开发。\n"))
    assert english["scores"]["partial"] is False and chinese["scores"]["partial"] is True
    assert all(type(english["scores"][k]) is int for k in SCORES)


def test_a_short_posting_that_says_what_applicants_need_still_scores_in_the_80s(lint):
    """The length factor is mild: LinkedIn found short posts draw more applications."""
    from .conftest import CLEAN

    report = lint(CLEAN)
    assert report.metrics["words"] < 80 and 80 <= report.scores["overall"] < 90
