"""The JSONL lines of a batch: the requests that go up, the answers that come back.

A request line holds the body the live call sends (`Client.request_body`, in
json_schema mode); an answer line is checked as the live path checks a completion
(`completion_text`, then the schema), so a batch answer is worth what a live one is.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable

from ..._record import Record
from ..client import Client, log_request, strict_schema
from ..gate import Usage
from ..replies import LLMError, completion_text, one_line, problems, status_failure

URL = "/v1/chat/completions"
MAX_REQUESTS = 50_000  # the Batch API's limits per input file
MAX_BYTES = 190_000_000  # under its 200 MB, for the multipart wrapping


class Request(Record):
    """One item as it goes into a batch: its line and that line's digest."""

    __slots__ = ("custom_id", "prompt", "answer_model", "max_tokens", "line", "digest")

    def __init__(self, custom_id: str, prompt, answer_model, max_tokens: int, line: str):
        self.custom_id = custom_id
        self.prompt = prompt
        self.answer_model = answer_model
        self.max_tokens = max_tokens
        self.line = line
        self.digest = hashlib.sha256(line.encode("utf-8", "surrogatepass")).hexdigest()[:20]


def request_line(client: Client, custom_id: str, prompt, answer_model, max_tokens: int = 4096) -> str:
    """One JSONL line: the live call's body, in json_schema mode, under `custom_id`."""
    body = client.request_body(prompt.messages, strict_schema(answer_model), max_tokens, mode="json_schema",
                               cache_key=getattr(prompt, "prefix_key", None))
    log_request(f"{client.where()} (batch line {custom_id})", body, client.settings.api_key)
    return json.dumps({"custom_id": custom_id, "method": "POST", "url": URL, "body": body}, ensure_ascii=False)


def build_requests(client: Client, items: Iterable[tuple]) -> list[Request]:
    """`items`: (custom_id, prompt, answer_model) or (…, max_tokens). Ids must be unique:
    the output file is joined on them."""
    out, seen = [], set()
    for item in items:
        custom_id, prompt, answer_model, *rest = item
        max_tokens = rest[0] if rest else 4096
        if custom_id in seen:
            raise ValueError(f"custom_id {custom_id!r} given twice: the batch answers are joined on it")
        seen.add(custom_id)
        out.append(Request(custom_id, prompt, answer_model, max_tokens, request_line(client, custom_id, prompt, answer_model, max_tokens)))
    return out


def chunks(requests: list[Request], max_requests: int = MAX_REQUESTS, max_bytes: int = MAX_BYTES) -> list[list[Request]]:
    """The requests in as few input files as the Batch API's limits allow, in order."""
    out: list[list[Request]] = []
    size = 0
    for request in requests:
        length = len(request.line.encode("utf-8", "surrogatepass")) + 1
        if not out or len(out[-1]) >= max_requests or (out[-1] and size + length > max_bytes):
            out.append([])
            size = 0
        out[-1].append(request)
        size += length
    return out


def read_line(client: Client, request: Request, line: dict | None, batch) -> tuple[object, Usage]:
    """The answer in a line, checked as the live path checks a completion, and its usage.

    Gives the answer, an `LLMError`, or the pydantic `ValidationError` of a schema miss
    (for the caller to repair or report).
    """
    from openai.types.chat import ChatCompletion
    from pydantic import ValidationError

    usage = Usage()
    where = client.where()
    if line is None:
        return LLMError(f"{where}: batch {batch.id} ({batch.status}) holds no answer for {request.custom_id}"), usage
    response = line.get("response") if isinstance(line.get("response"), dict) else {}
    status = response.get("status_code")
    body = response.get("body")
    if status != 200:
        return _line_failure(client, line, status, body, batch), usage
    # The type the SDK builds from a live response, built the same lenient way.
    raw = ChatCompletion.construct(**body) if isinstance(body, dict) else body
    try:
        content = completion_text(raw, usage, where)
    except LLMError as exc:
        return exc, usage
    except (AttributeError, TypeError, IndexError, KeyError):
        return LLMError(f"{where} answered something that is not a chat completion (batch {batch.id})"), usage
    try:
        return request.answer_model.model_validate_json(content), usage
    except ValidationError as exc:
        return exc, usage


def _line_failure(client: Client, line: dict, status, body, batch) -> LLMError:
    """A line without an answer: the request's own HTTP error, or the batch's reason."""
    where = client.where()
    error = body.get("error") if isinstance(body, dict) else None
    if isinstance(status, int) and status != 200:
        said = error.get("message") if isinstance(error, dict) else None
        return status_failure(where, status, one_line(client._scrub(str(said or "no message"))), f"in batch {batch.id}")
    error = line.get("error") if isinstance(line.get("error"), dict) else {}
    said = one_line(client._scrub(str(error.get("message") or "no message")))
    code = error.get("code")
    reason = f"{code}: {said}" if code else said
    if batch.status != "completed":
        return LLMError(f"{where}: batch {batch.id} {batch.status} without answering this request ({reason})")
    return LLMError(f"{where}: batch {batch.id} did not answer this request ({reason})")


def _schema_miss(client: Client, error) -> LLMError:
    first = problems(error).splitlines()[0].lstrip("- ")
    return LLMError(f"{client.where()}: the answer did not match the schema ({first}); batch answers get no repair round", "invalid")


def _batch_failure(client: Client, batch) -> LLMError:
    """One line for the items a batch that ended badly did not answer."""
    reason = ""
    errors = getattr(getattr(batch, "errors", None), "data", None) or []
    if errors:
        first = errors[0]
        reason = ": " + one_line(client._scrub(" ".join(str(p) for p in (first.code, first.message) if p)))
    return LLMError(f"{client.where()}: batch {batch.id} {batch.status} without answering this request{reason}")
