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
- `prompt_cache_key` (the prompt's `prefix_key`) goes with every request, so the
  provider routes a run's requests, which share their first part, to one prefix cache;
  an endpoint that refuses the parameter (400) is asked again without it, and not sent
  it again in this run.
- at DEBUG, the logger `assistant.llm.client` records each request's messages, scrubbed:
  what the model was shown (the exemplars among it) can be checked after a run.
The API key is read from OPENAI_API_KEY only and is never part of a message, a cache
key, a log line or an error: every `LLMError` message is scrubbed (`redact.scrub`), so
is what `describe` gives, and the HTTP libraries' log records (`redact.guard_logging`).

Beside it: `gate` (the run's request cap, 429 pause and usage count) and `replies`
(what counts as an answer, and every failure as one line), both shared with the batch
path; their names stay importable from here.
"""

from __future__ import annotations

import functools
import json
import logging
import os
from urllib.parse import urlsplit, urlunsplit

from .._record import Record
from ..config import DEFAULT_BASE_URL, DEFAULT_MODEL, DEFAULT_RETRIES, DEFAULT_TIMEOUT  # noqa: F401 - importable from here, as before
from . import cache as answer_cache
from .gate import Gate, Usage, counting, retry_after  # noqa: F401 - importable from here, as before
from .redact import guard_logging, remember, scrub
from .replies import (  # noqa: F401 - importable from here, as before (the batch path, the CLI)
    LLMError,
    about,
    about_format,
    completion_text,
    describe,
    one_line,
    problems,
    status_failure,
    unfence,
)

MODES = ("json_schema", "json_object", "prompt")
# A strict schema may not carry these (OpenAI answers 400); pydantic still enforces them.
_UNSENT = frozenset({"default", "examples", "title", "minLength", "maxLength", "minItems", "maxItems", "pattern", "format"})
log = logging.getLogger(__name__)


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
        self.cache_keys = True  # whether to send prompt_cache_key: off for the run once refused
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
            answer = await self._ask(prompt, answer_model, strict_schema(answer_model), max_tokens, usage)
        self.remember(prompt, answer_model, answer)
        return answer, usage

    async def repair(self, prompt, answer_model, error, max_tokens: int = 4096):
        """The repair round of `ask`, for a first answer that came another way (a batch
        line) and failed `answer_model` with the pydantic `error`: the same message,
        the same second chance, the same cache entry. Raises `LLMError` on a second miss."""
        usage = Usage()
        with counting(usage):
            answer = await self._repair(prompt, problems(error), answer_model, strict_schema(answer_model), max_tokens, usage)
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

    def request_body(self, messages, schema, max_tokens: int = 4096, mode: str | None = None, cache_key: str | None = None) -> dict:
        """What a chat completion request carries, in `mode` (the run's current one by default):
        the live call sends it, a batch line holds it, so the two cannot drift apart.
        `cache_key`: the prompt's `prefix_key`, sent unless this endpoint refused it."""
        body = {
            "model": self.settings.model, "messages": messages, "max_tokens": max_tokens, "temperature": 0,
            **response_format(mode or self.mode, schema),
        }
        if cache_key and self.cache_keys:
            body["prompt_cache_key"] = cache_key
        return body

    def where(self) -> str:
        """Endpoint and model, for the start of an error line."""
        return self._where()

    async def _ask(self, prompt, answer_model, schema, max_tokens, usage):
        from pydantic import ValidationError

        content = await self._complete(prompt.messages, schema, max_tokens, usage, getattr(prompt, "prefix_key", None))
        try:
            return answer_model.model_validate_json(content)
        except ValidationError as exc:
            found = problems(exc)
        return await self._repair(prompt, found, answer_model, schema, max_tokens, usage)

    async def _repair(self, prompt, found, answer_model, schema, max_tokens, usage):
        from pydantic import ValidationError

        repair = [*prompt.messages, {"role": "user", "content": (
            "Your answer was not accepted: it does not match the JSON schema.\n"
            f"Problems:\n{found}\n"
            "Answer again with one JSON object that matches the schema, and nothing else."
        )}]
        content = await self._complete(repair, schema, max_tokens, usage, getattr(prompt, "prefix_key", None))
        try:
            return answer_model.model_validate_json(content)
        except ValidationError as exc:
            first = problems(exc).splitlines()[0].lstrip("- ")
            raise LLMError(f"{self._where()}: the answer did not match the schema, twice ({first})", "invalid") from None

    async def _complete(self, messages, schema, max_tokens, usage, cache_key: str | None = None) -> str:
        """One chat completion, falling back through the response formats (and without
        prompt_cache_key, if the endpoint refuses it); its text."""
        import openai

        while True:
            body = self.request_body(messages, schema, max_tokens, cache_key=cache_key)
            log_request(self._where(), body, self.settings.api_key)
            try:
                raw = await self._sdk.chat.completions.create(**sdk_arguments(body))
            except openai.BadRequestError as exc:
                if "prompt_cache_key" in body and about(exc, "prompt_cache_key"):
                    self.cache_keys = False
                    continue
                if self.mode != MODES[-1] and about_format(exc):
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
            return LLMError(f"cannot reach {self.settings.endpoint}: {one_line(str(exc.__cause__ or exc))}")
        if isinstance(exc, openai.APIStatusError):
            return status_failure(where, exc.status_code, self._said(exc), tries)
        return LLMError(f"{where}: {one_line(str(exc))}")

    def _said(self, exc) -> str:
        body = getattr(exc, "body", None)
        message = body.get("message") if isinstance(body, dict) else None
        return one_line(self._scrub(str(message or getattr(exc, "message", exc))))

    def _scrub(self, text: str) -> str:
        return scrub(text, self.settings.api_key)


def response_format(mode: str, schema: dict) -> dict:
    """The request's response_format for `mode` (one of MODES); nothing for a plain prompt."""
    if mode == "json_schema":
        return {"response_format": {"type": "json_schema", "json_schema": {"name": "answer", "strict": True, "schema": schema}}}
    if mode == "json_object":
        return {"response_format": {"type": "json_object"}}
    return {}


def log_request(where: str, body: dict, key: str | None = None) -> None:
    """At DEBUG, the messages of a request about to be sent, scrubbed of the key."""
    if log.isEnabledFor(logging.DEBUG):
        messages = json.dumps(body.get("messages"), ensure_ascii=False)
        log.debug("request to %s, prompt_cache_key %s: %s", where, body.get("prompt_cache_key"), scrub(messages, key))


@functools.cache
def _sdk_knows(parameter: str) -> bool:
    """Whether the installed SDK's `chat.completions.create` takes `parameter` by name."""
    import inspect

    from openai.resources.chat.completions import AsyncCompletions

    return parameter in inspect.signature(AsyncCompletions.create).parameters


def sdk_arguments(body: dict) -> dict:
    """A request body as `chat.completions.create` arguments: prompt_cache_key by name
    where the installed SDK has it, else in `extra_body`, which every version sends."""
    if "prompt_cache_key" not in body or _sdk_knows("prompt_cache_key"):
        return body
    rest = dict(body)
    key = rest.pop("prompt_cache_key")
    return {**rest, "extra_body": {"prompt_cache_key": key}}

