"""Asking an OpenAI-compatible endpoint for an answer that fits a pydantic model.

The SDK's own retries deal with 429, 5xx, timeouts and dropped connections. What it
leaves to us, and this module does:
- servers differ in what they accept: strict structured outputs first; on a 400 about
  the response format, JSON mode; then a plain prompt. The schema is in the system
  message either way, and every answer is validated here.
- a malformed answer gets one repair request carrying the validation errors (not the
  answer, not the input); a second miss is an error.
- a refusal, a cut-off answer or a content filter is reported as such, never retried:
  asking again costs money and gives the same result.
- an HTML page from a proxy, a wrong key, an unknown model: one clear line each.
- one `Gate` per run caps concurrent requests and, when the server says 429, holds
  every request of the run until its Retry-After has passed, not just the one refused.
The API key is read from OPENAI_API_KEY only and is never part of a message, a cache
key, a log line or an error: every `LLMError` message is scrubbed (`redact.scrub`), so
is what `describe` gives, and the HTTP libraries' log records (`redact.guard_logging`).
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import functools
import json
import os
import re
import time
from urllib.parse import urlsplit, urlunsplit

from .._record import Record
from ..safe_text import clean
from . import cache as answer_cache
from .redact import guard_logging, remember, scrub

DEFAULT_MODEL = "gpt-4o-mini"
DEFAULT_BASE_URL = "https://api.openai.com/v1"
DEFAULT_TIMEOUT = 60.0
DEFAULT_RETRIES = 2
MODES = ("json_schema", "json_object", "prompt")
_MAX_PAUSE = 120.0  # a longer Retry-After is the SDK's cue to give up; we do not wait either
# A strict schema may not carry these (OpenAI answers 400); pydantic still enforces them.
_UNSENT = frozenset({"default", "examples", "title", "minLength", "maxLength", "minItems", "maxItems", "pattern", "format"})
# The usage of the call being made in this task: the gate counts every HTTP request
# into it, the SDK's retries included.
_counting: contextvars.ContextVar = contextvars.ContextVar("posting_assistant_usage", default=None)


class LLMError(Exception):
    """A call that gave no usable answer; str() is one line for the user.

    `kind`: "refusal", "truncated", "filtered", "invalid" (no answer that fits the
    schema), "service" (HTTP, network, timeout), "key" (missing or rejected key).
    """

    def __init__(self, message: str, kind: str = "service"):
        super().__init__(scrub(message))  # whatever a server said, the key is not in it
        self.kind = kind


class Settings(Record):
    """Which endpoint and model, and how patiently; the key stays out of repr."""

    __slots__ = ("model", "base_url", "timeout", "max_retries", "api_key", "concurrency")

    def __init__(
        self, model: str = DEFAULT_MODEL, base_url: str = DEFAULT_BASE_URL, timeout: float = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_RETRIES, api_key: str | None = None, concurrency: int = 4,
    ):
        self.model = model
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.max_retries = max_retries
        self.api_key = api_key
        remember(api_key)  # scrubbed from every message, whether it came from the environment or not
        self.concurrency = concurrency

    def __repr__(self) -> str:
        key = "set" if self.api_key else "missing"
        return f"Settings(model={self.model!r}, base_url={self.endpoint!r}, key {key})"

    @property
    def endpoint(self) -> str:
        """The base URL without credentials or query: safe to print and to key a cache with."""
        parts = urlsplit(self.base_url)
        host = parts.hostname or ""
        if parts.port:
            host = f"{host}:{parts.port}"
        return urlunsplit((parts.scheme, host, parts.path, "", ""))

    @classmethod
    def resolve(cls, config=None, model: str | None = None, environ=None) -> Settings:
        """Flag, then config (project, then user), then environment, then defaults.

        OPENAI_BASE_URL sits under the config's `base-url`: a project that names its
        endpoint means it. The key comes from the environment only.
        """
        environ = os.environ if environ is None else environ
        pick = (lambda name: getattr(config, name, None)) if config is not None else (lambda name: None)
        return cls(
            model=model or pick("model") or environ.get("POSTING_ASSISTANT_MODEL") or DEFAULT_MODEL,
            base_url=pick("base_url") or environ.get("OPENAI_BASE_URL") or DEFAULT_BASE_URL,
            timeout=pick("timeout") or DEFAULT_TIMEOUT,
            max_retries=DEFAULT_RETRIES if pick("max_retries") is None else pick("max_retries"),
            api_key=environ.get("OPENAI_API_KEY") or None,
        )


class Usage(Record):
    __slots__ = ("prompt_tokens", "completion_tokens", "requests")

    def __init__(self, prompt_tokens: int = 0, completion_tokens: int = 0, requests: int = 0):
        self.prompt_tokens = prompt_tokens
        self.completion_tokens = completion_tokens
        self.requests = requests  # HTTP requests sent, the SDK's retries included

    def add(self, other: Usage) -> None:
        self.prompt_tokens += other.prompt_tokens
        self.completion_tokens += other.completion_tokens
        self.requests += other.requests

    def as_dict(self) -> dict[str, int]:
        return {"prompt_tokens": self.prompt_tokens, "completion_tokens": self.completion_tokens, "requests": self.requests}


class Gate:
    """What every call of one run shares: a cap on concurrent requests and the 429 pause.

    The SDK retries each request on its own, so ten concurrent calls that hit a rate
    limit would each wait and then all try again together. The gate sees every HTTP
    exchange (`http.GatedClient` holds a slot around each, retries included): a 429
    sets a time before which no request of the run is sent.
    """

    def __init__(self, concurrency: int = 4):
        self.slots = asyncio.Semaphore(max(1, concurrency))
        self.not_before = 0.0

    async def before_request(self, request) -> None:
        wait = self.not_before - time.monotonic()
        if wait > 0:
            await asyncio.sleep(wait)
        usage = _counting.get()
        if usage is not None:
            usage.requests += 1

    def after_response(self, response) -> None:
        if response.status_code == 429:
            pause = retry_after(response.headers)
            self.not_before = max(self.not_before, time.monotonic() + min(pause, _MAX_PAUSE))


def retry_after(headers) -> float:
    """Seconds the server asks us to wait: retry-after-ms, retry-after (seconds or a date), else 1."""
    try:
        if "retry-after-ms" in headers:
            return max(0.0, float(headers["retry-after-ms"]) / 1000)
        value = headers.get("retry-after")
        if value is not None:
            try:
                return max(0.0, float(value))
            except ValueError:
                from email.utils import parsedate_to_datetime

                return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError, OverflowError):
        pass
    return 1.0


@functools.cache
def strict_schema(model) -> dict:
    """The model's JSON schema in the form strict structured outputs accept.

    Built once per model (pydantic's schema generation costs about a millisecond, on
    every request otherwise); the dict is shared, so callers only read it.
    """

    def clean(node, names: bool = False):
        # `names`: the keys of this dict are field or model names (under "properties"
        # or "$defs"), to keep whatever they are called: a field may be named "title".
        if isinstance(node, dict):
            out = {k: clean(v, k in ("properties", "$defs") and not names) for k, v in node.items() if names or k not in _UNSENT}
            if not names and out.get("type") == "object" and "properties" in out:
                out["additionalProperties"] = False
                out["required"] = list(out["properties"])
            return out
        if isinstance(node, list):
            return [clean(v) for v in node]
        return node

    return clean(model.model_json_schema())


def require_key(settings: Settings | None) -> None:
    """Raise the missing-key error before any work that would be wasted without one."""
    if settings is None or not settings.api_key:
        raise LLMError("no API key: set OPENAI_API_KEY (or use --provider rules, which needs none)", "key")


class Client:
    """One endpoint and model; `ask` returns a validated answer and what it cost."""

    def __init__(self, settings: Settings, gate: Gate | None = None, use_cache: bool = True):
        require_key(settings)
        import httpx
        import openai

        from .http import GatedClient

        guard_logging()
        self.settings = settings
        self.gate = gate or Gate(settings.concurrency)
        self.use_cache = use_cache
        self.mode = MODES[0]  # lowered for the rest of the run once the server refuses it
        # Our own httpx client: timeouts and limits we choose, the gate around every
        # exchange, and the transport respx can see in tests (LLM-NOTES.md).
        self._http = GatedClient(
            self.gate,
            timeout=httpx.Timeout(settings.timeout, connect=min(10.0, settings.timeout)),
            limits=httpx.Limits(max_connections=settings.concurrency, max_keepalive_connections=settings.concurrency),
        )
        self._sdk = openai.AsyncOpenAI(
            api_key=settings.api_key, base_url=settings.base_url, http_client=self._http,
            max_retries=settings.max_retries, timeout=settings.timeout,
        )

    async def aclose(self) -> None:
        await self._sdk.close()
        await self._http.aclose()

    async def __aenter__(self) -> Client:
        return self

    async def __aexit__(self, *exc) -> None:
        await self.aclose()

    async def ask(self, prompt, answer_model, max_tokens: int = 4096):
        """The answer to `prompt` as an `answer_model`, and its `Usage`.

        Raises `LLMError` when there is none to give.
        """
        hit = self.cached(prompt, answer_model)
        if hit is not None:
            return hit, Usage()
        usage = Usage()
        with counting(usage):
            answer = await self._ask(prompt.messages, answer_model, strict_schema(answer_model), max_tokens, usage)
        self.remember(prompt, answer_model, answer)
        return answer, usage

    async def repair(self, prompt, answer_model, error, max_tokens: int = 4096):
        """The repair round of `ask`, for a first answer that came another way (a batch
        line) and failed `answer_model` with the pydantic `error`: the same message,
        the same second chance, the same cache entry. Raises `LLMError` on a second miss."""
        usage = Usage()
        with counting(usage):
            answer = await self._repair(prompt.messages, _problems(error), answer_model, strict_schema(answer_model), max_tokens, usage)
        self.remember(prompt, answer_model, answer)
        return answer, usage

    def cache_key(self, prompt, answer_model) -> str:
        return answer_cache.key_for(prompt, self.settings.endpoint, self.settings.model, strict_schema(answer_model))

    def cached(self, prompt, answer_model):
        """The answer already paid for, or None (no cache, no entry, or one from an older schema)."""
        if not self.use_cache:
            return None
        hit = answer_cache.load(self.cache_key(prompt, answer_model))
        if hit is None:
            return None
        try:
            return answer_model.model_validate_json(hit)
        except ValueError:
            return None

    def remember(self, prompt, answer_model, answer) -> None:
        """Keep a validated answer, under the key `ask` looks up."""
        if self.use_cache:
            answer_cache.store(self.cache_key(prompt, answer_model), answer.model_dump_json())

    def request_body(self, messages, schema, max_tokens: int = 4096, mode: str | None = None) -> dict:
        """What a chat completion request carries, in `mode` (the run's current one by default):
        the live call sends it, a batch line holds it, so the two cannot drift apart."""
        return {
            "model": self.settings.model, "messages": messages, "max_tokens": max_tokens, "temperature": 0,
            **response_format(mode or self.mode, schema),
        }

    def where(self) -> str:
        """Endpoint and model, for the start of an error line."""
        return self._where()

    async def _ask(self, messages, answer_model, schema, max_tokens, usage):
        from pydantic import ValidationError

        content = await self._complete(messages, schema, max_tokens, usage)
        try:
            return answer_model.model_validate_json(content)
        except ValidationError as exc:
            problems = _problems(exc)
        return await self._repair(messages, problems, answer_model, schema, max_tokens, usage)

    async def _repair(self, messages, problems, answer_model, schema, max_tokens, usage):
        from pydantic import ValidationError

        repair = [*messages, {"role": "user", "content": (
            "Your answer was not accepted: it does not match the JSON schema.\n"
            f"Problems:\n{problems}\n"
            "Answer again with one JSON object that matches the schema, and nothing else."
        )}]
        content = await self._complete(repair, schema, max_tokens, usage)
        try:
            return answer_model.model_validate_json(content)
        except ValidationError as exc:
            first = _problems(exc).splitlines()[0].lstrip("- ")
            raise LLMError(f"{self._where()}: the answer did not match the schema, twice ({first})", "invalid") from None

    async def _complete(self, messages, schema, max_tokens, usage) -> str:
        """One chat completion, falling back through the response formats; its text."""
        import openai

        while True:
            try:
                raw = await self._sdk.chat.completions.create(**self.request_body(messages, schema, max_tokens))
            except openai.BadRequestError as exc:
                if self.mode != MODES[-1] and _about_format(exc):
                    self.mode = MODES[MODES.index(self.mode) + 1]
                    continue
                raise self._failure(exc) from None
            except openai.OpenAIError as exc:
                raise self._failure(exc) from None
            return self._content(raw, usage)

    def _content(self, raw, usage) -> str:
        return completion_text(raw, usage, self._where())

    def _where(self) -> str:
        return f"{self.settings.endpoint} ({self.settings.model})"

    def _failure(self, exc) -> LLMError:
        import openai

        where = self._where()
        tries = f"after {self.settings.max_retries + 1} attempts"
        if isinstance(exc, openai.APITimeoutError):
            return LLMError(f"{where}: no answer within {self.settings.timeout:g} s, {tries}")
        if isinstance(exc, openai.APIConnectionError):
            return LLMError(f"cannot reach {self.settings.endpoint}: {_one_line(str(exc.__cause__ or exc))}")
        if isinstance(exc, openai.APIStatusError):
            return status_failure(where, exc.status_code, self._said(exc), tries)
        return LLMError(f"{where}: {_one_line(str(exc))}")

    def _said(self, exc) -> str:
        body = getattr(exc, "body", None)
        message = body.get("message") if isinstance(body, dict) else None
        return _one_line(self._scrub(str(message or getattr(exc, "message", exc))))

    def _scrub(self, text: str) -> str:
        return scrub(text, self.settings.api_key)


def response_format(mode: str, schema: dict) -> dict:
    """The request's response_format for `mode` (one of MODES); nothing for a plain prompt."""
    if mode == "json_schema":
        return {"response_format": {"type": "json_schema", "json_schema": {"name": "answer", "strict": True, "schema": schema}}}
    if mode == "json_object":
        return {"response_format": {"type": "json_object"}}
    return {}


def completion_text(raw, usage: Usage, where: str) -> str:
    """The text of a chat completion, counted into `usage`; `LLMError` when it is not an answer.

    `raw` is what the SDK made of a response (a `ChatCompletion`, or the text of a page
    that was not JSON); a batch line goes through here too, built into the same type.
    """
    choices = getattr(raw, "choices", None)
    if not choices:
        if isinstance(raw, str) and raw.lstrip()[:1] == "<":
            raise LLMError(
                f"{where} answered with a web page, not an OpenAI API response "
                "(is OPENAI_BASE_URL right, or is a proxy asking you to log in?)"
            )
        raise LLMError(f"{where} answered something that is not a chat completion")
    if raw.usage is not None:
        usage.prompt_tokens += raw.usage.prompt_tokens or 0
        usage.completion_tokens += raw.usage.completion_tokens or 0
    choice = choices[0]
    message = choice.message
    refusal = getattr(message, "refusal", None)
    if refusal:
        raise LLMError(f"{where}: the model refused: {_one_line(refusal)}", "refusal")
    if choice.finish_reason == "length":
        raise LLMError(f"{where}: the answer was cut off at the token limit (not retried)", "truncated")
    if choice.finish_reason == "content_filter":
        raise LLMError(f"{where}: the answer was stopped by the server's content filter (not retried)", "filtered")
    return _unfence(message.content or "")


def status_failure(where: str, status: int, said: str, tries: str) -> LLMError:
    """An HTTP status the server answered with, as one line; `said` is its message, scrubbed."""
    if status == 401:
        return LLMError(f"{where} rejected the API key (401): check OPENAI_API_KEY", "key")
    if status == 429:
        return LLMError(f"{where}: rate limited (429) {tries}")
    if status == 404:
        return LLMError(f"{where} answered 404: is the model name right? ({said})")
    if status >= 500:
        return LLMError(f"{where}: server error {status} {tries}")
    return LLMError(f"{where} refused the request ({status}): {said}")


@contextlib.contextmanager
def counting(usage: Usage):
    """Count every HTTP request sent inside the block (this task's, the SDK's retries too) into `usage`."""
    token = _counting.set(usage)
    try:
        yield usage
    finally:
        _counting.reset(token)


def _about_format(exc) -> bool:
    """Whether a 400 is the server refusing the response format (not the request)."""
    body = getattr(exc, "body", None)
    said = json.dumps(body) if body is not None else str(exc)
    return getattr(exc, "param", None) == "response_format" or bool(
        re.search(r"response_format|json_schema|json_object|structured output|guided", said, re.I)
    )


def _problems(exc) -> str:
    """Validation errors without the values that failed: where, and what was expected."""
    lines = []
    for error in exc.errors(include_url=False, include_input=False)[:20]:
        where = ".".join(str(part) for part in error["loc"]) or "(the answer)"
        lines.append(f"- {where}: {error['msg']}")
    return "\n".join(lines)


def _unfence(text: str) -> str:
    """The JSON in an answer that wrapped it in a Markdown code fence (prompt-only mode)."""
    stripped = text.strip()
    fenced = re.fullmatch(r"```(?:json)?\s*\n(.*)\n```", stripped, re.S)
    return fenced.group(1) if fenced else stripped


def _one_line(text: str, limit: int = 200) -> str:
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def describe(error: BaseException) -> str:
    """An exception as one line for a user: its message (no key in it, no control
    characters), or its type when it has none."""
    return " ".join(clean(scrub(str(error))).split())[:300] or type(error).__name__
