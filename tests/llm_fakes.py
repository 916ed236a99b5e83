"""What a fake OpenAI-compatible server answers, for respx routes in the LLM tests."""

from __future__ import annotations

import json

import httpx

BASE = "http://llm.test/v1"
KEY = "sk-test-0123456789abcdefSECRET"


def completion(content: str | dict | None, finish: str = "stop", refusal: str | None = None, tokens=(50, 20)) -> httpx.Response:
    if isinstance(content, dict):
        content = json.dumps(content)
    return httpx.Response(200, json={
        "id": "chatcmpl-1", "object": "chat.completion", "created": 1, "model": "test-model",
        "choices": [{"index": 0, "finish_reason": finish,
                     "message": {"role": "assistant", "content": content, "refusal": refusal}}],
        "usage": {"prompt_tokens": tokens[0], "completion_tokens": tokens[1], "total_tokens": sum(tokens)},
    })


def error(status: int, message: str, param: str | None = None, headers: dict | None = None) -> httpx.Response:
    return httpx.Response(status, headers=headers, json={"error": {"message": message, "type": "invalid_request_error", "param": param, "code": None}})


def sent(route, n: int = -1) -> dict:
    """The JSON body of the n-th request a route received."""
    return json.loads(route.calls[n].request.content)
