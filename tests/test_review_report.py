"""The batch report: built from real lint results wrapped as `review` records."""

from __future__ import annotations

import copy
import csv
import html
import io
import os
import re
from collections import Counter

import pytest

from assistant.document.loaders import load_postings, posting_from_text
from assistant.report import overview
from assistant.report.json_v1 import result_dict

from .conftest import SEED_000, SEED_001

EVIL = '<script>alert(1)</script> "R&D" & Co'
EVIL_PATH = 'jobs/<script>alert(1)</script>"&.txt'

# Short postings written for these tests: each one puts a place (and so a law) or a
# language in front of the report.
TEXTS = {
    EVIL_PATH: (
        f"Engineer {EVIL}\n\nLocation: Denver, CO\n\n"
        "You will write code for our platform team and we need a rockstar who ships "
        f"{EVIL} every single day of the week while also handling the on-call rotation "
        "and mentoring junior engineers across three time zones and writing docs.\n"
    ),
    "jobs/analyst-sf.txt": "Data Analyst\n\nLocation: San Francisco, CA\n\nYou will build dashboards for the sales team.\n",
    "jobs/data-engineer-nyc.txt": (
        "Data Engineer\n\nLocation: New York, NY\n\nSalary: $120,000 - $140,000 per year.\n\n"
        "You will build and run our data pipelines.\n"
    ),
    # A compensation heading whose figures were left blank: the salary rule is
    # satisfied by the section, yet the posting states no pay.
    "jobs/policy-dc.md": "# Policy Analyst\n\nLocation: Washington, DC\n\n**Salary Range:**\n\n$ to $\n\nYou will analyse policy.\n",
    "jobs/piped | title.txt": "Support Lead | Nights `on call`\n\nYou will answer customers and lead a small team.\n",
    "jobs/formula.txt": "=cmd()|calc\n\nYou will build dashboards.\n",
    "jobs/backend-berlin.txt": (
        "Backend-Entwicklerin (m/w/d)\n\nStandort: Berlin\n\nWir suchen eine Entwicklerin für unser Team. "
        "Du arbeitest mit Python und die Datenbanken sind bei uns wichtig. Wir bieten ein gutes Team "
        "und flexible Arbeitszeiten.\n"
    ),
}

REWRITE = {
    "path": str(SEED_001),
    "provider": "rules",
    "model": None,
    "accepted": [{"original": "x", "replacement": "", "rationale": "noise", "rules": ["clarity/scrape-noise"]}] * 2,
    "refused": [{"original": "y", "replacement": "z", "reason": "invents a fact"}],
    "scores_before": {"inclusivity": 76, "clarity": 80, "completeness": 61, "overall": 72},
    "scores_after": {"inclusivity": 76, "clarity": 91, "completeness": 61, "overall": 76},
    "usage": {"prompt_tokens": 1200, "completion_tokens": 300, "requests": 2},
}


def record(result: dict | None, *, path: str | None = None, error: str | None = None, rewrite: dict | None = None) -> dict:
    """A result line as `review --out` writes it (docs/review-records.md)."""
    path = path or result["path"]
    return {
        "v": 1,
        "path": path,
        "source": path,
        "source_hash": "0" * 64,
        "postings_in_source": 1,
        "fingerprint": "f" * 64,
        "status": "error" if error else "ok",
        "error": error,
        "result": result,
        "rewrite": rewrite,
        "timings": {"lint_ms": 1.0, "llm_ms": 0.0},
    }


@pytest.fixture(scope="module")
def records(engine) -> list[dict]:
    out = []
    for seed in (SEED_000, SEED_001):
        (posting,) = load_postings(str(seed))
        result = result_dict(engine.lint(posting))
        out.append(record(result, rewrite=copy.deepcopy(REWRITE) if seed == SEED_001 else None))
    for path, text in TEXTS.items():
        posting = posting_from_text(text, path, path.rsplit(".", 1)[1])
        out.append(record(result_dict(engine.lint(posting))))
    out.append(record(None, path="jobs/<script>broken.txt", error="cannot read jobs/<script>broken.txt: permission denied"))
    return out


def by_path(records: list[dict], path: str) -> dict:
    return next(r for r in records if r["path"] == path)


def test_records_are_what_the_tests_assume(records):
    """The texts above do what their names say, so the assertions below test the report."""
    assert by_path(records, "jobs/backend-berlin.txt")["result"]["language"] == "de"
    evil = by_path(records, EVIL_PATH)["result"]
    assert "<script>" in evil["title"] and any("<script>" in (f["excerpt"] or "") for f in evil["findings"])
    dc = by_path(records, "jobs/policy-dc.md")["result"]
    assert dc["facts"]["salary"] is None
    assert not any(f["rule"] == "completeness/salary" for f in dc["findings"])
    assert by_path(records, "jobs/data-engineer-nyc.txt")["result"]["facts"]["salary"]


def test_counts(records):
    counts = overview.summarise(records)["counts"]
    assert counts["postings"] == len(records) == 10
    assert counts["ok"] == 9 and counts["errors"] == 1
    assert counts["languages"] == {"en": 8, "de": 1}
    assert counts["non_english"] == 1
    assert counts["rewritten"] == 1
    assert counts["findings"] == sum(len(r["result"]["findings"]) for r in records if r["result"])


def test_score_distribution(records):
    scores = overview.summarise(records)["scores"]
    overall = sorted(r["result"]["scores"]["overall"] for r in records if r["result"])
    assert sum(scores["overall"]["histogram"]) == len(overall)
    assert scores["overall"]["min"] == overall[0] and scores["overall"]["max"] == overall[-1]
    assert scores["overall"]["median"] == overall[len(overall) // 2]
    assert overview.summarise([])["scores"]["overall"]["median"] is None


def test_most_frequent_findings(records):
    summary = overview.summarise(records)
    postings = Counter(rule for r in records if r["result"] for rule in {f["rule"] for f in r["result"]["findings"]})
    top = summary["findings"]["top"]
    assert top[0]["postings"] == max(postings.values())
    assert {row["rule"]: row["postings"] for row in top} == {rule: postings[rule] for rule in (row["rule"] for row in top)}
    salary = next(row for row in top if row["rule"] == "completeness/salary")
    assert salary["severity"] == "error"  # raised by a law somewhere, the gravest wins
    assert len(top) <= overview.TOP_FINDINGS
    page = overview.to_html(summary, records)
    for row in top[:5]:
        assert f">{row['rule']}<" in page


def test_pay_groups_follow_the_law(records):
    pay = overview.summarise(records)["pay"]
    groups = {g["law"]: g for g in pay["groups"]}
    members = {law: {p["path"] for p in g["items"]} for law, g in groups.items()}
    assert EVIL_PATH in members["Colorado Equal Pay for Equal Work Act"]
    assert "jobs/analyst-sf.txt" in members["California pay scale law (SB 1162, SB 642)"]
    assert "jobs/policy-dc.md" in members["District of Columbia Wage Transparency Omnibus Amendment Act"]
    assert "jobs/backend-berlin.txt" in members["EU Pay Transparency Directive"]
    assert str(SEED_001) in members[None]  # names no place with a pay law
    assert not any("jobs/data-engineer-nyc.txt" in paths for paths in members.values())  # states pay
    assert all(g["in_force"] for g in pay["groups"] if g["law"])  # the tests pin a date after every law
    assert pay["groups"][-1]["law"] is None
    assert pay["without_pay"] == 8 and pay["with_pay"] == 1


def test_a_salary_heading_without_figures_is_not_pay(records):
    result = by_path(records, "jobs/policy-dc.md")["result"]
    assert not overview.has_pay(result)
    assert overview.has_pay(by_path(records, "jobs/data-engineer-nyc.txt")["result"])


def test_pay_laws_not_yet_in_force_are_their_own_group(records):
    result = copy.deepcopy(by_path(records, "jobs/backend-berlin.txt")["result"])
    for law in result["facts"]["pay_transparency"]:
        law["applies"] = False
    pay = overview.summarise([record(result)])["pay"]
    assert pay["under_law"] == 0
    assert [(g["law"], g["in_force"]) for g in pay["groups"]] == [("EU Pay Transparency Directive", False)]
    assert "not yet in force" in overview.to_html(None, [record(result)])


def test_worst_posting_comes_first(records):
    summary = overview.summarise(records)
    worst = summary["worst"]["items"]
    lowest = min(r["result"]["scores"]["overall"] for r in records if r["result"])
    assert worst[0]["scores"]["overall"] == lowest
    assert [w["scores"]["overall"] for w in worst] == sorted(w["scores"]["overall"] for w in worst)
    assert 0 < len(worst[0]["top"]) <= 3
    assert len({f["rule"] for f in worst[0]["top"]}) == len(worst[0]["top"])
    page = overview.to_html(summary, records)
    table = page[page.index('id="worst"'):]
    first, last = (html.escape(w["path"]) for w in (worst[0], worst[-1]))
    assert table.index(first) < table.index(last)


def test_rewrite_totals(records):
    rw = overview.summarise(records)["rewrite"]
    assert rw["postings"] == 1 and rw["accepted"] == 2 and rw["refused"] == 1
    assert rw["prompt_tokens"] == 1200 and rw["completion_tokens"] == 300 and rw["requests"] == 2
    assert rw["change"]["overall"] == 4 and rw["improved"] == 1
    assert overview.summarise(records[2:])["rewrite"] is None


def test_html_escapes_posting_text_everywhere(records):
    page = overview.to_html(overview.summarise(records), records)
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # the title, shown as text
    assert "&quot;R&amp;D&quot; &amp; Co" in page
    assert html.escape(EVIL_PATH) in page
    assert "&lt;script&gt;broken.txt: permission denied" in page  # the error line


def test_html_is_self_contained(records):
    page = overview.to_html(overview.summarise(records), records)
    assert "<link" not in page and "<script" not in page and "<iframe" not in page
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", page)
    assert "@import" not in page and "url(" not in page and "@font-face" not in page
    assert page.count("<svg") == 2  # the histogram and the findings bars
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")


def test_html_shows_the_counts_and_languages(records):
    page = overview.to_html(overview.summarise(records), records)
    assert "<b>10</b><span>postings</span>" in page
    assert "<b>1</b><span>could not be read</span>" in page
    assert "German (de)" in page
    assert "Postings without pay" in page and "California pay scale law (SB 1162, SB 642)" in page


@pytest.mark.parametrize("count", [0, 1])
def test_html_and_markdown_with_few_records(records, count):
    few = records[:count]
    summary = overview.summarise(few)
    page = overview.to_html(summary, few)
    assert "</html>" in page and f"<b>{count}</b><span>postings</span>" in page
    assert overview.to_markdown(summary, few).startswith("# Posting review")
    assert len(overview.to_csv(few).splitlines()) == count + 1


def test_thousands_of_postings_stay_bounded(records):
    many = []
    for i in range(3000):
        r = copy.deepcopy(records[i % len(records)])
        r["path"] = f"board/{i}.txt"
        many.append(r)
    summary = overview.summarise(many)
    assert summary["counts"]["postings"] == 3000
    assert len(summary["worst"]["items"]) == overview.WORST and summary["worst"]["more"] > 0
    page = overview.to_html(summary, many)
    assert len(page) < 400_000
    assert "more scored postings are not shown" in page and "…and" in page
    assert all(len(g["items"]) <= overview.LISTED for g in summary["pay"]["groups"])


def _unescaped_pipes(line: str) -> int:
    return len(re.findall(r"(?<!\\)\|", line))


def test_markdown_escapes_table_cells(records):
    text = overview.to_markdown(overview.summarise(records), records)
    assert "Support Lead \\| Nights \\`on call\\`" in text
    assert "\\<script\\>alert(1)\\</script\\>" in text  # a title, as text
    outside_code = re.sub(r"(`+).*?\1", "", text)  # a code span shows `<` as it is
    assert "<script" not in outside_code.replace("\\<script", "")
    tables = [rows for block in re.split(r"\n\n", text) if (rows := [line for line in block.splitlines() if line.startswith("|")])]
    assert len(tables) >= 3
    for rows in tables:  # every row of a table has as many cells as its header
        assert len({_unescaped_pipes(line) for line in rows}) == 1, rows


def test_markdown_has_the_same_sections(records):
    text = overview.to_markdown(overview.summarise(records), records)
    for heading in ("## Scores", "## Most frequent findings", "## Postings without pay", "## Postings to fix first",
                    "## Rewrites", "## Not in English", "## Could not be linted"):
        assert heading in text
    assert "### Colorado Equal Pay for Equal Work Act — Colorado, US (in force)" in text


def test_csv_has_one_row_per_posting(records):
    rows = list(csv.reader(io.StringIO(overview.to_csv(records))))
    assert rows[0] == list(overview.CSV_COLUMNS)
    assert len(rows) == len(records) + 1
    table = [dict(zip(rows[0], row, strict=False)) for row in rows[1:]]
    assert [row["path"] for row in table] == [r["path"] for r in records]
    formula = next(row for row in table if row["path"] == "jobs/formula.txt")
    assert formula["title"] == "'=cmd()|calc"
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
    broken = table[-1]
    assert broken["status"] == "error" and "permission denied" in broken["error"] and broken["overall"] == ""
    seed = next(row for row in table if row["path"] == str(SEED_001))
    assert (seed["rewrite_accepted"], seed["rewrite_overall_before"], seed["rewrite_overall_after"]) == ("2", "72", "76")
    nyc = next(row for row in table if row["path"] == "jobs/data-engineer-nyc.txt")
    assert nyc["has_pay"] == "yes" and nyc["rewrite_accepted"] == ""
    assert nyc["pay_laws"] == "New York Labor Law § 194-b; NYC pay transparency law (Local Law 32 of 2022)"  # in the order of rubrics/pay-laws.toml
    assert next(row for row in table if row["path"] == "jobs/analyst-sf.txt")["has_pay"] == "no"


@pytest.mark.parametrize(
    ("name", "start"),
    [("r.html", "<!DOCTYPE html>"), ("r.HTM", "<!DOCTYPE html>"), ("r.md", "# Posting review"), ("r.csv", "path,title")],
)
def test_write_report_picks_the_format_by_suffix(records, tmp_path, name, start):
    target = overview.write_report(tmp_path / name, records)
    assert target.read_text(encoding="utf-8").startswith(start)
    assert [p.name for p in tmp_path.iterdir()] == [name]  # no temporary file left behind
    mask = os.umask(0o022)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask  # readable as any new file, not owner-only


@pytest.mark.parametrize("name", ["report.pdf", "report"])
def test_write_report_rejects_other_suffixes(records, tmp_path, name):
    with pytest.raises(ValueError) as caught:
        overview.write_report(tmp_path / name, records)
    message = str(caught.value)
    assert "\n" not in message and (".pdf" in message if name.endswith(".pdf") else "suffix" in message)
    assert not list(tmp_path.iterdir())
