"""ATS exports and JSON-LD pages through `lint`: one result per posting, `path#id` names."""

from __future__ import annotations

import json

from .conftest import AS_OF, GREENHOUSE_SAMPLE, needs_shared, run_cli
from .conftest import ATS_FIXTURES as FIXTURES


def lint_json(paths, capsys):
    code, out, err = run_cli(capsys, "lint", "--as-of", AS_OF.isoformat(), "--format", "json", "--fail-on", "never", *paths)
    return code, json.loads(out), err


def test_the_greenhouse_sample_is_one_posting_with_its_title(capsys):
    sample = needs_shared(*GREENHOUSE_SAMPLE)
    code, doc, _ = lint_json([sample], capsys)
    assert code == 0 and not doc["errors"]
    (result,) = doc["results"]
    assert result["path"] == str(sample) and result["title"] == "Accountant"
    assert result["location_basis"] == "extracted" and result["facts"]["location"] is not None
    assert result["metrics"]["words"] > 200  # the entity-escaped HTML was read as text


def test_greenhouse_captures_without_descriptions_say_so(capsys):
    code, doc, err = lint_json([FIXTURES / "greenhouse_jobs_no_content.json", FIXTURES / "greenhouse_offices.json"], capsys)
    assert code == 2 and not doc["results"] and len(doc["errors"]) == 2
    assert all("no posting text" in e["message"] for e in doc["errors"])
    assert err.count("\n") == 2  # one line each, no traceback


def test_each_posting_of_an_export_is_a_result_named_path_hash_id(capsys):
    _, doc, _ = lint_json([FIXTURES / "lever_postings.json", FIXTURES / "jsonld_array.json"], capsys)
    names = [r["path"].rsplit("/", 1)[-1] for r in doc["results"]]
    assert len(names) == 4 and all("#" in n for n in names) and len(set(names)) == 4
    assert all(r["title"] and r["location_basis"] == "extracted" for r in doc["results"])
    lever = [r for r in doc["results"] if "lever_postings.json#" in r["path"]]
    assert {r["facts"]["remote"] for r in lever} == {"hybrid", "remote"}  # from workplaceType
    assert any(r["facts"]["salary"] and r["facts"]["salary"]["currency"] == "USD" for r in lever)  # from salaryRange


def test_a_page_with_json_ld_is_read_from_its_job_posting(capsys):
    _, doc, _ = lint_json([FIXTURES / "jsonld_page.html"], capsys)
    (result,) = doc["results"]
    assert result["path"].endswith("jsonld_page.html") and result["title"]


def test_unknown_json_is_a_clear_input_error(tmp_path, capsys):
    (tmp_path / "package.json").write_text('{"name": "x", "version": "1.0.0"}', encoding="utf-8")
    code, doc, err = lint_json([tmp_path / "package.json"], capsys)
    assert code == 2 and "not a job posting format I know" in doc["errors"][0]["message"]


def test_folders_do_not_pick_up_json(tmp_path, capsys):
    (tmp_path / "package.json").write_text('{"name": "x"}', encoding="utf-8")
    (tmp_path / "job.txt").write_text("Engineer\n\nYou will build things.\n", encoding="utf-8")
    code, doc, _ = lint_json([tmp_path], capsys)
    assert code == 0 and [r["path"] for r in doc["results"]] == [str(tmp_path / "job.txt")]
