"""The client against the real `openai` SDK, with respx in place of the server."""

from __future__ import annotations

import asyncio
import logging
import time

import httpx
import pytest

from assistant.llm.answers import RewriteAnswer
from assistant.llm.client import Client, LLMError, Settings, retry_after, strict_schema

from .llm_fakes import BASE, GOOD, KEY, completion, error, sent, settings
from .llm_fakes import rewrite_prompt as prompt

pytestmark = pytest.mark.usefixtures("own_cache")


def ask(s: Settings | None = None, p=None, use_cache=False):
    async def go():
        async with Client(s or settings(), use_cache=use_cache) as client:
            return await client.ask(p or prompt(), RewriteAnswer)

    return asyncio.run(go())


def test_good_answer_is_validated_and_counted(server):
    server.side_effect = [completion(GOOD)]
    answer, usage = ask()
    assert answer.edits[0].replacement == "engineer"
    assert usage.as_dict() == {"prompt_tokens": 50, "completion_tokens": 20, "requests": 1}
    body = sent(server)
    assert body["model"] == "test-model"
    assert body["response_format"]["type"] == "json_schema"
    assert body["response_format"]["json_schema"]["strict"] is True
    assert server.calls[0].request.headers["authorization"] == f"Bearer {KEY}"


def test_strict_schema_forbids_extra_keys_and_requires_every_field():
    schema = strict_schema(RewriteAnswer)
    edit = schema["$defs"]["Edit"]
    assert edit["additionalProperties"] is False
    assert set(edit["required"]) == {"original", "replacement", "rationale", "rules"}
    assert "minLength" not in edit["properties"]["original"]  # kept in pydantic, not sent


def test_bad_json_gets_one_repair_request_with_the_errors_not_the_answer(server):
    server.side_effect = [completion('{"edits": [ {"original": "rockstar"'), completion(GOOD)]
    answer, usage = ask()
    assert answer.summary == "One edit."
    assert server.call_count == 2 and usage.requests == 2
    repair = sent(server, 1)["messages"]
    assert repair[:2] == sent(server, 0)["messages"]
    assert "does not match the JSON schema" in repair[-1]["content"]
    assert '"original": "rockstar"' not in repair[-1]["content"]


def test_schema_miss_twice_is_a_clear_error_after_two_requests(server):
    server.side_effect = [completion({"edits": [{"original": "x"}]}), completion({"summary": 3})]
    with pytest.raises(LLMError) as caught:
        ask()
    assert caught.value.kind == "invalid"
    assert "did not match the schema, twice" in str(caught.value)
    assert server.call_count == 2


def test_repair_message_names_the_missing_fields(server):
    server.side_effect = [completion({"edits": [{"original": "rockstar", "replacement": "x"}], "summary": "s"}), completion(GOOD)]
    ask()
    repair = sent(server, 1)["messages"][-1]["content"]
    assert "edits.0.rationale: Field required" in repair
    assert "edits.0.rules: Field required" in repair


@pytest.mark.parametrize(("answer", "kind", "words"), [
    (completion(None, refusal="I can't help with that."), "refusal", "refused: I can't help with that."),
    (completion('{"edits": [', finish="length"), "truncated", "cut off at the token limit"),
    (completion(None, finish="content_filter"), "filtered", "content filter"),
])
def test_refusal_truncation_and_filter_are_reported_not_retried(server, answer, kind, words):
    server.side_effect = [answer, completion(GOOD)]
    with pytest.raises(LLMError) as caught:
        ask()
    assert caught.value.kind == kind
    assert words in str(caught.value)
    assert server.call_count == 1


def test_429_with_retry_after_then_success(server):
    server.side_effect = [error(429, "slow down", headers={"retry-after-ms": "200"}), completion(GOOD)]
    start = time.monotonic()
    answer, usage = ask(settings(max_retries=2))
    assert answer.edits and server.call_count == 2 and usage.requests == 2
    assert time.monotonic() - start >= 0.2  # the wait the server asked for


def test_a_429_pauses_every_call_of_the_run(server):
    """Two calls at once: one is refused with Retry-After; the other waits too."""
    stamps = []

    def answer(request):
        stamps.append(time.monotonic())
        if len(stamps) == 1:
            return error(429, "slow down", headers={"retry-after-ms": "300"})
        return completion(GOOD)

    server.side_effect = answer

    async def go():
        async with Client(settings(concurrency=2), use_cache=False) as client:
            first = asyncio.create_task(client.ask(prompt("a rockstar one"), RewriteAnswer))
            while not client.gate.not_before:  # until the 429 has come back and paused the run
                await asyncio.sleep(0.001)
            second = asyncio.create_task(client.ask(prompt("a rockstar two"), RewriteAnswer))
            return await asyncio.gather(first, second)

    asyncio.run(go())
    assert len(stamps) == 3
    assert min(stamps[1:]) - stamps[0] >= 0.29


def test_concurrency_caps_requests_in_flight_not_calls(server):
    """Six calls at --concurrency 2: never more than two requests at the server, and a
    call waiting for a slot has its request ready (the SDK's work is outside the slot)."""
    in_flight = []
    most = []
    two_at_once = asyncio.Event()

    async def answer(request):
        in_flight.append(request)
        most.append(len(in_flight))
        if len(in_flight) >= 2:
            two_at_once.set()
        await asyncio.wait_for(two_at_once.wait(), 10)  # the first holds its slot until a second request is in
        await asyncio.sleep(0.02)
        in_flight.remove(request)
        return completion(GOOD)

    server.side_effect = answer

    async def go():
        async with Client(settings(concurrency=2), use_cache=False) as client:
            return await asyncio.gather(*(client.ask(prompt(f"a rockstar {i}"), RewriteAnswer) for i in range(6)))

    answers = asyncio.run(go())
    assert len(answers) == 6 and server.call_count == 6
    assert max(most) == 2


def test_server_errors_until_retries_run_out(server):
    server.side_effect = [error(503, "overloaded", headers={"retry-after-ms": "1"})] * 5
    with pytest.raises(LLMError) as caught:
        ask(settings(max_retries=2))
    assert server.call_count == 3
    assert "server error 503 after 3 attempts" in str(caught.value)
    assert caught.value.kind == "service"


def test_timeout(server):
    server.side_effect = httpx.ReadTimeout("the server went quiet")
    with pytest.raises(LLMError) as caught:
        ask(settings(max_retries=1, timeout=0.5))
    assert server.call_count == 2
    assert "no answer within 0.5 s, after 2 attempts" in str(caught.value)


def test_400_on_response_format_falls_back_to_json_mode_then_plain(server):
    server.side_effect = [
        error(400, "response_format json_schema is not supported by this model", param="response_format"),
        error(400, "'response_format' of type 'json_object' is not supported"),
        completion("```json\n" + __import__("json").dumps(GOOD) + "\n```"),
    ]
    answer, usage = ask()
    assert answer.edits[0].original == "rockstar"
    assert [sent(server, n).get("response_format", {}).get("type") for n in range(3)] == ["json_schema", "json_object", None]
    assert "JSON schema" in sent(server, 2)["messages"][0]["content"]  # the shape is still asked for
    assert usage.requests == 3


def test_other_400s_are_errors_not_fallbacks(server):
    server.side_effect = [error(400, "This model's maximum context length is 8192 tokens")]
    with pytest.raises(LLMError) as caught:
        ask()
    assert server.call_count == 1
    assert "refused the request (400): This model's maximum context length" in str(caught.value)


def test_an_html_page_from_a_proxy_is_a_clear_error(server):
    server.side_effect = [httpx.Response(200, text="<!doctype html><html><body>Sign in</body></html>", headers={"content-type": "text/html"})]
    with pytest.raises(LLMError) as caught:
        ask()
    assert "answered with a web page" in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_rejected_key_names_the_variable_but_not_the_key(server):
    server.side_effect = [error(401, f"Incorrect API key provided: {KEY}")]
    with pytest.raises(LLMError) as caught:
        ask()
    assert caught.value.kind == "key"
    assert "OPENAI_API_KEY" in str(caught.value) and KEY not in str(caught.value)


def test_missing_key_is_an_error_before_any_request(server):
    with pytest.raises(LLMError) as caught:
        Client(Settings(base_url=BASE, api_key=None))
    assert "OPENAI_API_KEY" in str(caught.value) and "--provider rules" in str(caught.value)
    assert server.call_count == 0


def test_identical_second_run_makes_no_request(server, tmp_path):
    server.side_effect = [completion(GOOD)]
    first, usage1 = ask(use_cache=True)
    second, usage2 = ask(use_cache=True)
    assert first == second
    assert server.call_count == 1 and usage2.requests == 0
    server.side_effect = [completion(GOOD)] * 2
    ask(use_cache=True, p=prompt("We want a rockstar!"))  # other text: asked again
    assert server.call_count == 2
    ask(settings(model="other-model"), use_cache=True)  # other model: asked again
    assert server.call_count == 3


def test_the_key_is_in_no_log_output_or_cache_file(server, tmp_path, caplog, capsys):
    caplog.set_level(logging.DEBUG)
    server.side_effect = [error(429, "slow", headers={"retry-after-ms": "1"}), completion(GOOD)]
    answer, _ = ask(use_cache=True)
    out = capsys.readouterr()
    assert KEY not in caplog.text and KEY not in out.out + out.err
    assert KEY not in repr(settings())
    files = [p for p in (tmp_path / "cache").rglob("*") if p.is_file()]
    assert files, "the answer was cached"
    for path in files:
        assert KEY not in path.read_text(encoding="utf-8", errors="replace")


@pytest.mark.parametrize(("headers", "seconds"), [
    ({"retry-after-ms": "1500"}, 1.5), ({"retry-after": "3"}, 3.0), ({}, 1.0), ({"retry-after": "soon"}, 1.0),
])
def test_retry_after(headers, seconds):
    assert retry_after(httpx.Headers(headers)) == seconds


def test_settings_precedence(tmp_path):
    from assistant.config import Config

    config = Config()
    env = {"OPENAI_BASE_URL": "http://env.test/v1", "OPENAI_API_KEY": "k"}
    assert Settings.resolve(config, environ=env).base_url == "http://env.test/v1"
    config.base_url, config.model = "http://config.test/v1", "config-model"
    s = Settings.resolve(config, model="flag-model", environ=env)
    assert (s.base_url, s.model, s.api_key) == ("http://config.test/v1", "flag-model", "k")
    assert Settings(base_url="https://user:pw@host.test/v1?key=x").endpoint == "https://host.test/v1"


def test_strict_schema_keeps_fields_named_like_schema_keywords():
    from pydantic import BaseModel, ConfigDict

    class Job(BaseModel):
        model_config = ConfigDict(extra="forbid")
        title: str
        format: str
        pattern: list[str]

    schema = strict_schema(Job)
    assert set(schema["properties"]) == {"title", "format", "pattern"}
    assert schema["required"] == ["title", "format", "pattern"]
    assert "title" not in schema["properties"]["title"]  # the keyword inside a field is still dropped
