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


class LocalModel:
    """A real OpenAI-compatible server on localhost that answers every chat completion
    with no edits and keeps each request's body: `with LocalModel() as server:` then
    `server.base_url`, `server.bodies`."""

    def __init__(self, content: str = '{"edits": [], "summary": "Nothing to change."}'):
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        bodies: list[dict] = []
        self.bodies = bodies

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def do_POST(self) -> None:  # noqa: N802 - the stdlib's name
                bodies.append(json.loads(self.rfile.read(int(self.headers.get("content-length") or 0)) or b"{}"))
                data = completion(content).content
                self.send_response(200)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def __enter__(self) -> LocalModel:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
