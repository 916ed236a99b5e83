"""`posting-assistant laws`, `explain completeness/salary [FILE]` and docs/pay-laws.md:
the doors other than `lint` through which the law data is read."""

from __future__ import annotations

import json

from assistant.report import lawdocs
from assistant.resources import data_dir
from assistant.rubric.loader import load_rubrics

from .conftest import ROOT, run_cli

LAWS = load_rubrics([data_dir("rubrics")]).laws


def test_laws_lists_those_in_force_on_the_date(capsys):
    code, out, _ = run_cli(capsys, "laws", "--as-of", "2026-12-04")
    assert code == 0
    assert "Virginia, US: Virginia pay transparency law" in out  # from 2026-07-01
    assert "Va. Code § 40.1-28.7:12" in out and "https://" in out and "checked 2026-12-03" in out
    assert "Delaware, US" not in out  # from 2027-09-26
    _, out, _ = run_cli(capsys, "laws", "--as-of", "2026-06-30")
    assert "Virginia, US" not in out


def test_laws_all_shows_laws_not_yet_in_force_with_their_state(capsys):
    code, out, _ = run_cli(capsys, "laws", "--all", "--as-of", "2026-12-04")
    assert code == 0
    assert "Delaware, US" in out and "in force from 2027-09-26" in out
    assert "Newfoundland and Labrador" in out


def test_laws_json_carries_citation_link_dates_and_confidence(capsys):
    code, out, _ = run_cli(capsys, "laws", "--format", "json", "--as-of", "2026-12-04")
    assert code == 0
    data = json.loads(out)
    assert data["as_of"] == "2026-12-04"
    by_id = {law["id"]: law for law in data["laws"]}
    columbus = by_id["us-oh-columbus"]
    assert columbus["in_force"] and columbus["enforced"] and columbus["effective"] < columbus["enforced"]
    ontario = by_id["ca-on"]
    assert ontario["max_width"] == 50000 and ontario["citation"] and ontario["url"].startswith("https://")
    assert all(law["last_checked"] and law["confidence"] in ("seen", "inferred", "unconfirmed") for law in data["laws"])
    assert "us-de" not in by_id


def test_laws_says_when_an_entry_is_stale(capsys):
    code, _, err = run_cli(capsys, "laws", "--as-of", "2028-06-01")
    assert code == 0 and "last checked more than 12 months" in err


def test_explain_salary_lists_the_laws_a_posting_triggers(capsys, tmp_path):
    posting = tmp_path / "job.md"
    posting.write_text("# Field Technician\n\nLocation: Columbus, OH\n\nYou will repair equipment.\n", encoding="utf-8")
    code, out, _ = run_cli(capsys, "explain", "completeness/salary", posting, "--as-of", "2026-12-04")
    assert code == 0
    assert "Columbus, Ohio, US" in out and "applies" in out and "https://" in out


def test_explain_salary_without_a_file_lists_the_laws_in_force(capsys):
    code, out, _ = run_cli(capsys, "explain", "completeness/salary", "--as-of", "2026-12-04")
    assert code == 0 and "Pay-transparency laws in force on 2026-12-04" in out and "Ontario, Canada" in out


def test_explain_of_another_rule_takes_no_file(capsys, tmp_path):
    code, out, err = run_cli(capsys, "explain", "inclusivity/age", tmp_path / "x.txt")
    assert code == 2 and "takes no FILE" in err and out == ""


def test_docs_pay_laws_md_is_current():
    expected = lawdocs.markdown(LAWS)
    actual = (ROOT / "docs" / "pay-laws.md").read_text(encoding="utf-8")
    assert actual == expected, f"docs/pay-laws.md is out of date: regenerate it with `{lawdocs.REGENERATE}`"


def test_docs_pay_laws_md_has_every_citation_and_link():
    page = lawdocs.markdown(LAWS)
    for law in LAWS:
        assert law.citation.replace("|", "\\|") in page and law.url in page, law.id
    assert "*Unconfirmed:*" in page


def test_the_docs_page_does_not_depend_on_today():
    assert lawdocs.data_date(LAWS) == max(law.last_checked for law in LAWS)
