"""`review`: resumable results, a killed run, bad inputs, other languages, the model's part."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest
import respx

from .conftest import AS_OF, SEED_000, SEED_001, read_jsonl, run_cli
from .llm_fakes import BASE, KEY, completion

GERMAN = """Softwareentwickler (m/w/d) Backend

Wir suchen eine erfahrene Person für unser Team in Berlin. Sie entwickeln und betreiben
unsere Dienste für Rechnungen und arbeiten eng mit dem Produktteam zusammen.

Ihre Aufgaben:
- Entwicklung von Diensten in Python
- Betrieb und Überwachung der Systeme

Wir bieten ein Gehalt von 60.000 bis 70.000 Euro im Jahr und 30 Tage Urlaub.
"""


def postings(folder, n: int) -> list:
    """`n` distinct postings made from the seeds (a line of their own makes each unique)."""
    folder.mkdir(exist_ok=True)
    seeds = [SEED_000.read_text(encoding="utf-8"), SEED_001.read_text(encoding="utf-8")]
    made = []
    for i in range(n):
        path = folder / f"posting-{i:03d}.txt"
        path.write_text(seeds[i % 2] + f"\nReference: job {i}.\n", encoding="utf-8")
        made.append(path)
    return made


def review(*args, capsys):
    return run_cli(capsys, "review", *args, "--as-of", AS_OF.isoformat())


lines = read_jsonl


def test_results_resume_and_bad_inputs_do_not_stop_the_rest(tmp_path, capsys):
    made = postings(tmp_path / "jobs", 4)
    (tmp_path / "jobs" / "posting-002.txt").write_bytes(b"\x00\x01 not text")
    (tmp_path / "jobs" / "de.txt").write_text(GERMAN, encoding="utf-8")
    out = tmp_path / "results.jsonl"
    code, stdout, err = review(tmp_path / "jobs", "--out", out, capsys=capsys)
    assert code == 2 and stdout == ""
    assert f"{made[2]}: binary file, not a posting" in err
    records = {r["path"]: r for r in lines(out)}
    assert len(records) == 5
    assert records[str(made[2])]["status"] == "error"
    assert all(records[str(p)]["status"] == "ok" for p in (made[0], made[1], made[3]))
    german = records[str(tmp_path / "jobs" / "de.txt")]["result"]
    assert german["language"] == "de" and german["notes"]
    assert "inclusivity/gendered-language" not in {f["rule"] for f in german["findings"]}

    made[3].write_text(made[3].read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    code, _, err = review(tmp_path / "jobs", "--out", out, capsys=capsys)
    assert "(3 reused, 1 unreadable" in err  # posting-003 changed, the broken one is tried again
    assert len(lines(out)) == 5
    code, _, err = review(tmp_path / "jobs", "--out", out, "--fresh", capsys=capsys)
    assert "(0 reused" in err and len(lines(out)) == 5


def test_without_out_the_records_go_to_stdout_and_globs_work(tmp_path, capsys, monkeypatch):
    postings(tmp_path / "jobs", 3)
    monkeypatch.chdir(tmp_path)
    code, stdout, _ = review("jobs/posting-00[01].txt", capsys=capsys)
    assert code == 0
    assert [json.loads(line)["path"] for line in stdout.splitlines()] == ["jobs/posting-000.txt", "jobs/posting-001.txt"]
    code, _, err = review("nothing-*.txt", capsys=capsys)
    assert code == 2 and "no file matches this pattern" in err


def test_a_killed_run_resumes_with_exactly_one_line_per_posting(tmp_path):
    made = postings(tmp_path / "jobs", 120)
    out = tmp_path / "results.jsonl"
    command = [sys.executable, "-m", "assistant", "review", str(tmp_path / "jobs"), "--out", str(out),
               "--as-of", AS_OF.isoformat(), "--workers", "2"]
    env = {**os.environ, "POSTING_ASSISTANT_CACHE_DIR": str(tmp_path / "cache")}
    run = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (not out.exists() or out.read_text(encoding="utf-8").count("\n") < 10):
        time.sleep(0.005)
    os.killpg(run.pid, signal.SIGKILL)
    run.wait()
    done_before = out.read_text(encoding="utf-8").count("\n")
    assert 10 <= done_before < len(made), "the run was killed mid-way"
    with open(out, "a", encoding="utf-8") as fh:
        fh.write('{"v": 1, "path": "torn')  # what a write cut off by a crash leaves

    finished = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert finished.returncode == 0, finished.stderr
    records = lines(out)
    assert sorted(r["path"] for r in records) == sorted(map(str, made))
    assert all(r["status"] == "ok" for r in records)
    assert f"({done_before} reused" in finished.stderr


def test_rewrites_by_the_model_and_an_identical_rerun_makes_no_request(online, tmp_path, capsys):
    made = postings(tmp_path / "jobs", 3)
    answer = {"edits": [{"original": "Make Your Resume Now", "replacement": "", "rationale": "Job-board text.",
                         "rules": ["clarity/scrape-noise"]}], "summary": "One edit."}
    online.side_effect = lambda request: completion(answer)
    out = tmp_path / "results.jsonl"
    code, _, err = review(tmp_path / "jobs", "--out", out, "--rewrite", "--concurrency", "2", capsys=capsys)
    assert code == 0, err
    assert online.call_count == 3
    records = {r["path"]: r for r in lines(out)}
    seed000_like = records[str(made[0])]["rewrite"]
    assert seed000_like["provider"] == "openai" and [a["original"] for a in seed000_like["accepted"]] == ["Make Your Resume Now"]
    assert records[str(made[1])]["rewrite"]["refused"][0]["reason"] == "the quoted text is not in the posting"
    assert all(r["timings"]["llm_ms"] > 0 for r in records.values())

    review(tmp_path / "jobs", "--out", out, "--rewrite", capsys=capsys)  # resumed: nothing to do
    review(tmp_path / "jobs", "--out", out, "--rewrite", "--fresh", capsys=capsys)  # redone: answers from the cache
    assert online.call_count == 3
    assert len(lines(out)) == 3


def test_model_requests_start_while_the_workers_still_lint(online, tmp_path, monkeypatch):
    """The model's stage does not wait for the whole lint: its first request goes out
    while later files are still being linted (each file here takes 40 ms to lint), and
    the progress counts each file once, when its last posting is done."""
    import openai  # noqa: F401 - loaded, as after any earlier test: its import is not what this measures

    from assistant.llm.client import Settings
    from assistant.review import runner

    made = postings(tmp_path / "jobs", 12)
    (tmp_path / "jobs" / "posting-005.txt").write_bytes(b"\x00 not text")
    review_file = runner._review_file

    def slow(source):  # runs in the worker processes: CLOCK_MONOTONIC is shared with this one
        time.sleep(0.04)
        return [{**record, "linted_at": time.monotonic()} for record in review_file(source)]

    monkeypatch.setattr(runner, "_review_file", slow)
    asked = []
    online.side_effect = lambda request: asked.append(time.monotonic()) or completion({"edits": [], "summary": "none"})

    class Counting:
        def start(self, total, label):
            self.total, self.done = total, 0

        def advance(self, n=1):
            self.done += n

        def finish(self):
            pass

    progress = Counting()
    result = runner.review_paths([tmp_path / "jobs"], out=tmp_path / "r.jsonl", rewrite=True, provider="openai",
                                 settings=Settings(base_url=BASE, api_key=KEY), progress=progress)
    assert (result.errors, result.llm_failures, len(result.records)) == (1, 0, 12)
    assert [r["path"] for r in result.records] == [str(p) for p in made]
    assert len(asked) == 11 and min(asked) < max(r["linted_at"] for r in result.records)
    assert progress.done == progress.total == 12


def test_a_bug_in_linting_ends_a_model_review_with_its_error(online, tmp_path, monkeypatch):
    """Not a hang, not a half-written run: the error reaches the caller; what was done is kept."""
    from assistant.llm.client import Settings
    from assistant.review import runner

    postings(tmp_path / "jobs", 4)

    def broken(source):
        raise RuntimeError("a bug in a rule")

    monkeypatch.setattr(runner, "_review_file", broken)
    online.side_effect = lambda request: completion({"edits": [], "summary": "none"})
    with pytest.raises(RuntimeError, match="a bug in a rule"):
        runner.review_paths([tmp_path / "jobs"], out=tmp_path / "r.jsonl", rewrite=True, provider="openai",
                            settings=Settings(base_url=BASE, api_key=KEY))


def test_a_failed_model_call_is_that_postings_error_and_exit_3(online, tmp_path, capsys):
    postings(tmp_path / "jobs", 2)
    online.side_effect = lambda request: completion(None, refusal="No.")
    out = tmp_path / "results.jsonl"
    code, _, err = review(tmp_path / "jobs", "--out", out, "--rewrite", "--provider", "openai", capsys=capsys)
    assert code == 3
    records = lines(out)
    assert len(records) == 2 and all(r["status"] == "error" and "refused" in r["error"] for r in records)
    assert "2 model failures" in err


def test_the_model_part_needs_a_key(tmp_path, capsys):
    postings(tmp_path / "jobs", 1)
    code, _, err = review(tmp_path / "jobs", "--llm", capsys=capsys)
    assert code == 2 and "OPENAI_API_KEY" in err


def test_the_python_api(tmp_path):
    from assistant import lint_paths, review_paths

    made = postings(tmp_path / "jobs", 2)
    (tmp_path / "jobs" / "bad.txt").write_bytes(b"\x00")
    problems = []
    reports = list(lint_paths([tmp_path / "jobs"], on_error=lambda path, why: problems.append((path, why))))
    assert [r.posting.path for r in reports] == [str(p) for p in made]
    assert problems == [(str(tmp_path / "jobs" / "bad.txt"), "binary file, not a posting")]
    with pytest.raises(Exception, match="bad.txt: binary file"):
        list(lint_paths([tmp_path / "jobs" / "bad.txt"]))

    result = review_paths([tmp_path / "jobs"], out=tmp_path / "r.jsonl")
    assert (len(result.records), result.errors, result.reused) == (3, 1, 0)
    assert review_paths([tmp_path / "jobs"], out=tmp_path / "r.jsonl").reused == 2


def test_the_report_is_written_and_escapes_posting_text(tmp_path, capsys):
    jobs = tmp_path / "jobs"
    postings(jobs, 2)
    (jobs / "hostile.txt").write_text("Engineer <script>alert(1)</script>\n\nYou will build services.\n", encoding="utf-8")
    report = tmp_path / "report.html"
    code, _, err = review(jobs, "--out", tmp_path / "r.jsonl", "--report", report, capsys=capsys)
    assert code == 0 and f"report in {report}" in err
    page = report.read_text(encoding="utf-8")
    assert "<script" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    code, _, err = review(jobs, "--report", tmp_path / "report.pdf", capsys=capsys)
    assert code == 2 and "report.pdf" in err


def test_rewrites_through_the_batch_api(tmp_path, own_cache):
    import httpx

    from assistant.llm.client import Settings
    from assistant.review.runner import review_paths

    from .llm_fakes import Api, answered, batch_object, jsonl

    made = postings(tmp_path / "jobs", 2)
    good = {"edits": [{"original": "Make Your Resume Now", "replacement": "", "rationale": "Job-board text.",
                       "rules": ["clarity/scrape-noise"]}], "summary": "One edit."}
    out = tmp_path / "results.jsonl"
    settings = Settings(base_url=BASE, api_key=KEY, model="test-model")
    with respx.mock(base_url=BASE, assert_all_called=False) as mock:
        api = Api(mock)
        api.output.side_effect = lambda request: jsonl([answered(line["custom_id"], good) for line in api.uploaded()[1]])
        api.poll.side_effect = [httpx.Response(200, json=batch_object("in_progress")),
                                httpx.Response(200, json=batch_object("completed", "file-out"))]
        result = review_paths([tmp_path / "jobs"], out=out, rewrite=True, provider="openai", settings=settings,
                              batch_api=True, batch_options={"poll_interval": 0.01})
        assert api.upload.call_count == 1 and api.create.call_count == 1 and api.chat.call_count == 0
        assert len(api.uploaded()[1]) == 2
    records = {r["path"]: r for r in lines(out)}
    assert [a["original"] for a in records[str(made[0])]["rewrite"]["accepted"]] == ["Make Your Resume Now"]
    assert result.llm_failures == 0 and not (tmp_path / "results.jsonl.batch.json").exists()


def test_judged_rules_in_a_review(online, tmp_path, capsys):
    made = postings(tmp_path / "jobs", 1)
    quote = "Reference: job 0."

    def judge(request):
        rules = [r for r in ("completeness/success-measures", "completeness/team-mission") if r in request.content.decode()]
        return completion({"verdicts": [
            {"rule": rule, "met": False, "evidence": [quote], "explanation": "Nothing about the first months."}
            for rule in rules
        ]})

    online.side_effect = judge
    out = tmp_path / "results.jsonl"
    code, _, err = review(tmp_path / "jobs", "--out", out, "--llm", capsys=capsys)
    assert code == 0, err
    result = lines(out)[0]["result"]
    judged = [f for f in result["findings"] if f["rule"] == "completeness/success-measures"]
    assert judged and judged[0]["excerpt"] == quote
    assert str(made[0]) == lines(out)[0]["path"]


def test_progress_lines_for_a_log():
    import io

    from assistant.review.progress import Lines

    stream = io.StringIO()
    progress = Lines(stream, every=0)
    progress.start(4, "files reviewed")
    progress.advance(2)
    progress.finish()
    first, last = stream.getvalue().splitlines()
    assert first.startswith("files reviewed 2/4 (50%)") and "left" in first
    assert last.startswith("files reviewed 2/4 (50%)") and "done in" in last


def test_an_edited_prompt_template_is_not_answered_from_old_results(tmp_path, monkeypatch):
    """The resume key holds the templates when a model is in the loop (and only then)."""
    from assistant import resources
    from assistant.review import runner
    from assistant.rubric.build import make_engine

    real = resources.data_dir
    prompts = tmp_path / "prompts"
    prompts.mkdir()
    (prompts / "rewrite.j2").write_text("version one", encoding="utf-8")
    monkeypatch.setattr(resources, "data_dir", lambda name: prompts if name == "prompts" else real(name))
    engine = make_engine()
    before = runner.fingerprint(engine, None, "rewrite", "some-model")
    offline = runner.fingerprint(engine, None, "lint", None)
    (prompts / "rewrite.j2").write_text("version two", encoding="utf-8")
    assert runner.fingerprint(engine, None, "rewrite", "some-model") != before
    assert runner.fingerprint(engine, None, "lint", None) == offline
