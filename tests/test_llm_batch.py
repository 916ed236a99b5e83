"""The Batch API flow against the real `openai` SDK, with respx in place of the server:
files, batch, polling, output and error files, the state file that makes it resumable."""

from __future__ import annotations

import asyncio
import json

import httpx
import pytest
import respx

from assistant.llm.answers import RewriteAnswer
from assistant.llm.batch import (
    BatchJob,
    Request,
    State,
    chunks,
    request_line,
    run_batch,
    run_in_batches,
)
from assistant.llm.client import Client, LLMError, Settings

from .llm_fakes import (
    BASE,
    BATCH,
    GOOD,
    KEY,
    Api,
    answered,
    batch_object,
    completion,
    error,
    jsonl,
    sent,
    settings,
)
from .llm_fakes import rewrite_prompt as prompt

pytestmark = pytest.mark.usefixtures("own_cache")

OTHER = {"edits": [], "summary": "Nothing to change."}


def items(n: int = 3) -> list[tuple]:
    return [(f"p{i}", prompt(f"Posting number {i}: we want a rockstar."), RewriteAnswer) for i in range(1, n + 1)]


class Sleeps(list):
    """A sleep that returns at once and remembers how long it was asked to wait."""

    async def __call__(self, seconds: float) -> None:
        self.append(seconds)


class Interrupted(Exception):
    """What a killed run looks like to the code under test: it stops mid-poll."""


async def interrupted(seconds: float) -> None:
    raise Interrupted


def run(work, state, s: Settings | None = None, **kw):
    """run_batch with a fresh client, fast polling and no real sleeping."""
    kw.setdefault("sleep", Sleeps())

    async def go():
        async with Client(s or settings()) as client:
            return await run_batch(client, work, state, poll_interval=1.0, max_interval=4.0, **kw)

    return asyncio.run(go())


# ---- the fake server (llm_fakes.Api) -----------------------------------------------------------


@pytest.fixture
def api():
    with respx.mock(base_url=BASE, assert_all_called=False) as mock:
        yield Api(mock)


@pytest.fixture
def state(tmp_path):
    return tmp_path / "results.jsonl.batch.json"


# ---- the whole flow -------------------------------------------------------------------------


def test_three_items_good_refused_and_schema_miss_repaired_live(api, state):
    api.finishes([
        answered("p1", GOOD),
        answered("p2", None, refusal="I can't help with that."),
        answered("p3", {"edits": [{"original": "x"}], "summary": "s"}),
    ])
    api.chat.side_effect = [completion(OTHER, tokens=(70, 10))]
    outcome = run(items(), state)

    assert outcome.results["p1"].edits[0].replacement == "engineer"
    refused = outcome.results["p2"]
    assert isinstance(refused, LLMError) and refused.kind == "refusal"
    assert "refused: I can't help with that." in str(refused)
    assert outcome.results["p3"].summary == "Nothing to change."  # repaired by one live request
    repair = sent(api.chat)["messages"][-1]["content"]
    assert "edits.0.replacement: Field required" in repair and '"original": "x"' not in repair
    # Tokens from the three lines and the repair; requests: upload, create, two polls,
    # the output file, the repair.
    assert outcome.usage.as_dict() == {"prompt_tokens": 220, "completion_tokens": 70, "requests": 6}
    assert outcome.item_usage["p3"].as_dict() == {"prompt_tokens": 120, "completion_tokens": 30, "requests": 1}
    assert outcome.batch_ids == [BATCH]
    assert not state.exists()  # results collected: nothing left to resume


def test_a_schema_miss_without_repair_is_an_invalid_error_and_nothing_is_sent_live(api, state):
    api.finishes([answered("p1", GOOD), answered("p2", '{"edits": ['), answered("p3", {"summary": 3})])
    outcome = run(items(), state, repair=False)
    for custom_id in ("p2", "p3"):
        assert outcome.results[custom_id].kind == "invalid"
        assert "no repair round" in str(outcome.results[custom_id])
    assert api.chat.call_count == 0


def test_uploaded_lines_carry_the_live_body_and_the_batch_is_made_of_them(api, state):
    api.finishes([answered(f"p{i}", GOOD) for i in (1, 2, 3)])
    run(items(), state)
    fields, lines = api.uploaded()
    assert fields == {"purpose": "batch"}
    assert [line["custom_id"] for line in lines] == ["p1", "p2", "p3"]
    assert {(line["method"], line["url"]) for line in lines} == {("POST", "/v1/chat/completions")}
    assert json.loads(api.create.calls.last.request.content) == {
        "input_file_id": "file-in", "endpoint": "/v1/chat/completions", "completion_window": "24h"}

    # The body is what the live path sends for the same prompt, to the byte.
    api.chat.side_effect = [completion(GOOD)]
    live_prompt = prompt("A posting asked live.")

    async def live():
        async with Client(settings(), use_cache=False) as client:
            await client.ask(live_prompt, RewriteAnswer)
            return json.loads(request_line(client, "x", live_prompt, RewriteAnswer))["body"]

    assert asyncio.run(live()) == sent(api.chat)
    body = lines[0]["body"]
    assert body["temperature"] == 0 and body["max_tokens"] == 4096
    assert body["response_format"]["json_schema"]["strict"] is True


def test_polling_backs_off_up_to_the_ceiling_and_reports_progress(api, state):
    api.finishes([answered(f"p{i}", GOOD) for i in (1, 2, 3)], polls=5)
    sleeps, seen = Sleeps(), []
    run(items(), state, sleep=sleeps, progress=lambda batch: seen.append(batch.status))
    assert sleeps == [1.0, 1.5, 2.25, 3.375, 4.0, 4.0]
    assert seen == ["in_progress"] * 5 + ["completed"]


def test_a_poll_that_fails_is_asked_again_not_the_end(api, state):
    api.finishes([answered(f"p{i}", GOOD) for i in (1, 2, 3)])
    api.poll.side_effect = [error(500, "busy"), httpx.Response(200, json=batch_object("completed", "file-out"))]
    outcome = run(items(), state, s=settings(max_retries=0))
    assert sorted(outcome.results) == ["p1", "p2", "p3"]
    assert all(not isinstance(r, LLMError) for r in outcome.results.values())


# ---- the answer cache -----------------------------------------------------------------------


def test_an_identical_second_run_makes_no_request_and_a_live_ask_hits_the_same_cache(api, state):
    api.finishes([answered(f"p{i}", GOOD) for i in (1, 2, 3)])
    first = run(items(), state)
    calls = api.calls()

    again = run(items(), state)
    assert api.calls() == calls and again.usage.requests == 0
    assert again.results == first.results and again.batch_ids == []

    async def live():
        async with Client(settings()) as client:
            return await client.ask(items()[0][1], RewriteAnswer)

    answer, usage = asyncio.run(live())
    assert answer.edits[0].replacement == "engineer" and usage.requests == 0
    assert api.calls() == calls


def test_only_items_not_in_the_cache_are_sent(api, state):
    api.finishes([answered("p1", GOOD)])
    run(items(1), state)
    api.finishes([answered("p2", OTHER), answered("p3", OTHER)])
    outcome = run(items(3), state)
    assert [line["custom_id"] for line in api.uploaded()[1]] == ["p2", "p3"]
    assert outcome.results["p1"].summary == "One edit." and outcome.results["p3"].summary == "Nothing to change."


# ---- resuming -------------------------------------------------------------------------------


def test_a_run_stopped_while_polling_is_resumed_without_a_new_batch(api, state):
    api.finishes([answered(f"p{i}", GOOD) for i in (1, 2, 3)])
    with pytest.raises(Interrupted):
        run(items(), state, sleep=interrupted)
    assert api.upload.call_count == api.create.call_count == 1 and api.poll.call_count == 0

    saved = json.loads(state.read_text())
    assert [job["batch_id"] for job in saved["jobs"]] == [BATCH]
    assert saved["jobs"][0]["input_file_id"] == "file-in"
    assert sorted(saved["jobs"][0]["lines"]) == ["p1", "p2", "p3"]
    assert KEY not in state.read_text() and "rockstar" not in state.read_text()

    outcome = run(items(), state)
    assert api.upload.call_count == api.create.call_count == 1  # no new file, no new batch
    assert api.poll.call_count == 2
    assert outcome.results["p2"].summary == "One edit." and outcome.batch_ids == [BATCH]
    assert not state.exists()


def test_a_state_file_for_other_requests_is_not_resumed(api, state):
    with pytest.raises(Interrupted):
        api.finishes([])
        run(items(), state, sleep=interrupted)
    changed = [(cid, prompt(f"A changed posting {cid}."), model) for cid, _, model in items()]
    api.finishes([answered(f"p{i}", OTHER) for i in (1, 2, 3)])
    outcome = run(changed, state)
    assert api.create.call_count == 2
    assert outcome.results["p1"].summary == "Nothing to change."
    assert api.cancel.call_count == 1  # the old batch answers nothing anyone will read: not paid for


def test_a_batch_the_server_no_longer_knows_is_made_again(api, state):
    with pytest.raises(Interrupted):
        run(items(), state, sleep=interrupted)
    api.finishes([answered(f"p{i}", GOOD) for i in (1, 2, 3)])
    api.poll.side_effect = [error(404, "No batch found with id batch_1"), httpx.Response(200, json=batch_object("completed", "file-out"))]
    outcome = run(items(), state)
    assert api.create.call_count == 2 and api.poll.call_count == 2
    assert sorted(outcome.results) == ["p1", "p2", "p3"]
    assert all(not isinstance(r, LLMError) for r in outcome.results.values())


def test_a_state_file_for_another_endpoint_or_unreadable_is_ignored(state):
    State(state, "http://elsewhere.test/v1", [BatchJob("b", "f", {"p1": "x"})]).save()
    assert State.load(state, settings().endpoint).jobs == []
    assert State.load(state, "http://elsewhere.test/v1").jobs == [BatchJob("b", "f", {"p1": "x"})]
    state.write_text("{not json")
    assert State.load(state, settings().endpoint).jobs == []


# ---- batches and requests that end badly ----------------------------------------------------


@pytest.mark.parametrize(("status", "errors", "words"), [
    ("failed", {"object": "list", "data": [{"code": "invalid_request", "message": "Line 1: model not found"}]},
     "batch batch_1 failed without answering this request: invalid_request Line 1: model not found"),
    ("expired", None, "batch batch_1 expired without answering this request"),
    ("cancelled", None, "batch batch_1 cancelled without answering this request"),
])
def test_a_batch_that_ends_badly_is_one_clear_error_per_item(api, state, status, errors, words):
    api.poll.side_effect = [httpx.Response(200, json=batch_object(status, errors=errors))]
    outcome = run(items(), state)
    for custom_id in ("p1", "p2", "p3"):
        failure = outcome.results[custom_id]
        assert isinstance(failure, LLMError) and failure.kind == "service"
        assert str(failure).endswith(words) and "\n" not in str(failure)
    assert not state.exists()  # nothing more will come of that batch


def test_an_expired_batch_keeps_what_it_answered(api, state):
    api.finishes(
        [answered("p1", GOOD)],
        [{"id": "r2", "custom_id": "p2", "response": None,
          "error": {"code": "batch_expired", "message": "This request could not be executed before the completion window expired."}}],
        status="expired",
    )
    outcome = run(items(), state)
    assert outcome.results["p1"].summary == "One edit."
    assert "batch batch_1 expired without answering this request (batch_expired: This request" in str(outcome.results["p2"])
    assert "batch batch_1 expired" in str(outcome.results["p3"])


@pytest.mark.parametrize(("line", "kind", "words"), [
    (answered("p1", '{"edits": [', finish="length"), "truncated", "cut off at the token limit"),
    (answered("p1", None, finish="content_filter"), "filtered", "content filter"),
    ({"custom_id": "p1", "response": {"status_code": 400, "body": {"error": {"message": f"bad request from {KEY}"}}}, "error": None},
     "service", "refused the request (400): bad request from [key]"),
    ({"custom_id": "p1", "response": {"status_code": 200, "body": "<html>log in</html>"}, "error": None},
     "service", "answered with a web page"),
    ({"custom_id": "p1", "response": {"status_code": 200, "body": {"choices": "?"}}, "error": None},
     "service", "not a chat completion"),
])
def test_bad_lines_are_per_item_errors_as_the_live_path_words_them(api, state, line, kind, words):
    api.finishes([line, answered("p2", GOOD)], [{"custom_id": "p3", "response": None, "error": {"code": "server_error", "message": "oops"}}])
    outcome = run(items(), state)
    assert outcome.results["p1"].kind == kind and words in str(outcome.results["p1"])
    assert KEY not in str(outcome.results["p1"])
    assert outcome.results["p2"].summary == "One edit."
    assert "did not answer this request (server_error: oops)" in str(outcome.results["p3"])
    assert api.chat.call_count == 0  # none of these is retried


def test_a_line_missing_from_both_files_is_reported_and_a_broken_line_skipped(api, state):
    api.finishes([answered("p1", GOOD)])
    good = json.dumps(answered("p2", GOOD))
    api.output.return_value = httpx.Response(200, content=f'{good}\n{{"custom_id": "p3", "resp\n\n'.encode())
    outcome = run(items(), state)
    assert outcome.results["p2"].summary == "One edit."
    assert "batch batch_1 (completed) holds no answer for p3" in str(outcome.results["p3"])
    assert "holds no answer for p1" in str(outcome.results["p1"])


@pytest.mark.parametrize(("status", "kind", "words"), [
    (401, "key", "rejected the API key (401): check OPENAI_API_KEY, while uploading the batch requests"),
    (404, "service", "answered 404 while uploading the batch requests (Not found): does this server have the Batch API?"),
    (400, "service", "refused the request (400): purpose must be batch, while uploading the batch requests"),
])
def test_http_errors_on_the_files_endpoint_are_one_line_for_every_item(api, state, status, kind, words):
    message = {401: f"Incorrect API key provided: {KEY}", 404: "Not found", 400: "purpose must be batch"}[status]
    api.upload.return_value = error(status, message)
    outcome = run(items(), state)
    assert sorted(outcome.results) == ["p1", "p2", "p3"]
    for failure in outcome.results.values():
        assert failure.kind == kind and str(failure).endswith(words)
        assert KEY not in str(failure)
    assert api.create.call_count == 0 and not state.exists()


def test_polling_that_keeps_failing_keeps_the_batch_for_the_next_run(api, state):
    api.poll.side_effect = [error(503, "down")] * 5
    outcome = run(items(), state, s=settings(max_retries=0))
    failure = outcome.results["p1"]
    assert "server error 503" in str(failure) and "batch batch_1 is kept: run again to collect it" in str(failure)
    assert api.poll.call_count == 5
    assert json.loads(state.read_text())["jobs"][0]["batch_id"] == BATCH


# ---- pieces ---------------------------------------------------------------------------------


def test_requests_are_split_at_the_batch_limits():
    requests = [Request(f"p{i}", None, None, 0, "x" * 9) for i in range(5)]  # 10 bytes a line
    assert [len(c) for c in chunks(requests, max_requests=2)] == [2, 2, 1]
    assert [len(c) for c in chunks(requests, max_bytes=30)] == [3, 2]
    assert [len(c) for c in chunks(requests)] == [5]


def test_code_written_for_the_live_path_runs_in_rounds_of_batches(api, state):
    """A piece of work that asks twice in a row takes two batches; the same prompt is asked once."""
    first, second = prompt("First question."), prompt("Second question.")

    async def twice(client):
        a, _ = await client.ask(first, RewriteAnswer)
        b, _ = await client.ask(second, RewriteAnswer)
        return a.summary, b.summary

    async def once(client):
        answer, _ = await client.ask(first, RewriteAnswer)
        return answer.summary

    async def go():
        async with Client(settings()) as client:
            keys = [client.cache_key(p, RewriteAnswer) for p in (first, second)]
            api.poll.side_effect = [httpx.Response(200, json=batch_object("completed", "file-out"))] * 2
            api.output.side_effect = [jsonl([answered(keys[0], GOOD)]), jsonl([answered(keys[1], OTHER)])]
            return await run_in_batches(client, {"a": twice, "b": once}, state, sleep=Sleeps())

    done, usage = asyncio.run(go())
    assert done == {"a": ("One edit.", "Nothing to change."), "b": "One edit."}
    assert api.create.call_count == 2
    assert len(api.uploaded()[1]) == 1  # the second round asked only the second question
    assert usage.prompt_tokens == 100


def test_rewrite_with_model_runs_unchanged_through_a_batch(api, state, engine):
    from assistant.document.loaders import posting_from_text
    from assistant.llm.rewrite import rewrite_with_model

    posting = posting_from_text("Senior Engineer\n\nWe want a rockstar to join our team in Berlin.\n", "a.txt", "txt")
    api.poll.side_effect = [httpx.Response(200, json=batch_object("completed", "file-out"))]
    api.output.side_effect = lambda request: jsonl([answered(line["custom_id"], GOOD) for line in api.uploaded()[1]])

    async def go():
        async with Client(settings()) as client:
            return await run_in_batches(client, {"a": lambda c: rewrite_with_model(posting, engine, c)}, state, sleep=Sleeps())

    done, usage = asyncio.run(go())
    rewrite = done["a"]
    assert rewrite.provider == "openai" and rewrite.model == "test-model"
    assert [a.replacement for a in rewrite.accepted] == ["engineer"]
    assert rewrite.usage.prompt_tokens == 50 and usage.prompt_tokens == 50
    assert api.upload.call_count == api.chat.call_count + 1 == 1
