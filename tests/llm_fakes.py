"""What a fake OpenAI-compatible server answers, for respx routes in the LLM tests:
chat completions and errors, and the Batch API (files, batches, output files)."""

from __future__ import annotations

import email
import json

import httpx

BASE = "http://llm.test/v1"
KEY = "sk-test-0123456789abcdefSECRET"
BATCH = "batch_1"  # the id of the batch the fake Batch API makes
# A rewrite answer the schema accepts: one edit.
GOOD = {"edits": [{"original": "rockstar", "replacement": "engineer", "rationale": "Plain words.", "rules": ["inclusivity/gendered"]}], "summary": "One edit."}


def settings(**kw):
    """Client settings pointing at the fake server, with a short timeout."""
    from assistant.llm.client import Settings

    return Settings(**{"model": "test-model", "base_url": BASE, "api_key": KEY, "timeout": 5, **kw})


def rewrite_prompt(text: str = "We want a rockstar.", **kw):
    """The rewrite prompt for `text` alone: no findings, exemplars or part."""
    from assistant.llm.answers import RewriteAnswer
    from assistant.llm.client import strict_schema
    from assistant.llm.prompts import render

    return render("rewrite", strict_schema(RewriteAnswer), posting=text, nonce="n0", findings=[], exemplars=[], selected=[], max_edits=10, part="", rubric=[], **kw)


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

# ---- the Batch API ---------------------------------------------------------------------------


def file_object(file_id: str) -> dict:
    return {"id": file_id, "object": "file", "bytes": 100, "created_at": 1, "filename": "requests.jsonl", "purpose": "batch", "status": "processed"}


def batch_object(status: str, output: str | None = None, errors_file: str | None = None, errors=None, batch_id: str = BATCH) -> dict:
    return {"id": batch_id, "object": "batch", "endpoint": "/v1/chat/completions", "input_file_id": "file-in",
            "completion_window": "24h", "status": status, "created_at": 1, "output_file_id": output,
            "error_file_id": errors_file, "errors": errors, "request_counts": {"total": 3, "completed": 1, "failed": 0}}


def answered(custom_id: str, content=None, **kw) -> dict:
    """An output line: the completion a live call would have had, under its custom_id."""
    body = json.loads(completion(content, **kw).content)
    return {"id": f"batch_req_{custom_id}", "custom_id": custom_id, "response": {"status_code": 200, "request_id": "req", "body": body}, "error": None}


def jsonl(lines: list[dict]) -> httpx.Response:
    return httpx.Response(200, content="".join(json.dumps(line) + "\n" for line in lines).encode())


class Api:
    def __init__(self, mock):
        self.upload = mock.post("/files")
        self.upload.return_value = httpx.Response(200, json=file_object("file-in"))
        self.create = mock.post("/batches")
        self.create.return_value = httpx.Response(200, json=batch_object("validating"))
        self.poll = mock.get(f"/batches/{BATCH}")
        self.output = mock.get("/files/file-out/content")
        self.errors = mock.get("/files/file-err/content")
        self.chat = mock.post("/chat/completions")
        self.cancel = mock.post(f"/batches/{BATCH}/cancel")
        self.cancel.return_value = httpx.Response(200, json=batch_object("cancelling"))
        self.routes = (self.upload, self.create, self.poll, self.output, self.errors, self.chat, self.cancel)

    def finishes(self, output: list[dict], errors: list[dict] = (), polls: int = 1, status: str = "completed") -> None:
        """`polls` answers of in_progress, then the batch ended with these files."""
        final = batch_object(status, "file-out" if output else None, "file-err" if errors else None)
        self.poll.side_effect = [httpx.Response(200, json=batch_object("in_progress"))] * polls + [httpx.Response(200, json=final)]
        self.output.return_value = jsonl(output)
        self.errors.return_value = jsonl(list(errors))

    def calls(self) -> int:
        return sum(route.call_count for route in self.routes)

    def uploaded(self) -> tuple[dict, list[dict]]:
        """The form fields and the JSONL lines of the last upload, read from the multipart body."""
        request = self.upload.calls.last.request
        head = f"Content-Type: {request.headers['content-type']}\r\n\r\n".encode()
        fields, lines = {}, []
        for part in email.message_from_bytes(head + request.content).get_payload():
            name = part.get_param("name", header="content-disposition")
            data = part.get_payload(decode=True).decode()
            if name == "file":
                lines = [json.loads(line) for line in data.splitlines()]
            else:
                fields[name] = data
        return fields, lines
