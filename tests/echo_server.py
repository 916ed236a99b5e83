"""A real OpenAI-compatible HTTP server on localhost that echoes the caller's key back.

Servers and proxies do that: "Incorrect API key provided: sk-LEAK…12345", the
Authorization header quoted in a 400 from a gateway. The model named in the request
picks the answer, so one server serves every case: `status-400`, `status-401`,
`status-403`, `status-429`, `status-500` answer that status with a body full of the
key; `refusal` answers 200 with a refusal that quotes it.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

CASES = ("status-400", "status-401", "status-403", "status-429", "status-500", "refusal")


def echoed(key: str, authorization: str) -> str:
    """The key in every shape a server has been seen to quote it."""
    return (
        f"Incorrect API key provided: {key[:7]}…{key[-5:]}. You sent '{authorization}' "
        f"(key {key}, part {key[10:26]}, ends {key[-9:]}, masked {key[:8]}****************{key[-4:]}); "
        f"headers: {json.dumps({'Authorization': authorization})}"
    )


class _Handler(BaseHTTPRequestHandler):
    key = ""

    def log_message(self, *args) -> None:  # no lines of its own on stderr
        pass

    def do_POST(self) -> None:  # noqa: N802 - the stdlib's name
        length = int(self.headers.get("content-length") or 0)
        body = json.loads(self.rfile.read(length) or b"{}")
        authorization = self.headers.get("authorization", "")
        said = echoed(self.key, authorization)
        case = str(body.get("model", ""))
        if case == "refusal":
            self._send(200, {
                "id": "chatcmpl-1", "object": "chat.completion", "created": 1, "model": case,
                "choices": [{"index": 0, "finish_reason": "stop",
                             "message": {"role": "assistant", "content": None, "refusal": f"I cannot help: {said}"}}],
                "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
            })
            return
        status = int(case.split("-")[1]) if case.startswith("status-") else 400
        self._send(status, {"error": {"message": said, "type": "invalid_request_error", "param": authorization,
                                      "code": self.key[-12:]}}, {"retry-after-ms": "1", "x-echo": authorization})

    def _send(self, status: int, payload: dict, headers: dict | None = None) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)


class EchoServer:
    """`with EchoServer(key) as base_url:` a server on a free port for the block."""

    def __init__(self, key: str):
        self.handler = type("Handler", (_Handler,), {"key": key})
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self.handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        return f"http://127.0.0.1:{self.server.server_address[1]}/v1"

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()
