"""What a server answered, made into an answer's text or one line for the user.

Apart from the client because the batch path reads answers too (a batch line is built
into the same completion type and goes through `completion_text`), and because these
are the rules of what counts as an answer: a refusal, a cut-off, a content filter, a
web page from a proxy, an HTTP status, a schema miss (without the values that failed).
"""

from __future__ import annotations

import json
import re

from ..phrasing import flat
from ..safe_text import clean
from .redact import scrub


class LLMError(Exception):
    """A call that gave no usable answer; str() is one line for the user.

    `kind`: "refusal", "truncated", "filtered", "invalid" (no answer that fits the
    schema), "service" (HTTP, network, timeout), "key" (missing or rejected key).
    """

    def __init__(self, message: str, kind: str = "service"):
        super().__init__(scrub(message))  # whatever a server said, the key is not in it
        self.kind = kind


def completion_text(raw, usage, where: str) -> str:
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
        raise LLMError(f"{where}: the model refused: {one_line(refusal)}", "refusal")
    if choice.finish_reason == "length":
        raise LLMError(f"{where}: the answer was cut off at the token limit (not retried)", "truncated")
    if choice.finish_reason == "content_filter":
        raise LLMError(f"{where}: the answer was stopped by the server's content filter (not retried)", "filtered")
    return unfence(message.content or "")


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


def about(exc, parameter: str) -> bool:
    """Whether a 400 names `parameter`: an endpoint that does not know it."""
    body = getattr(exc, "body", None)
    said = json.dumps(body) if body is not None else str(exc)
    return getattr(exc, "param", None) == parameter or parameter in said or parameter in str(exc)


def about_format(exc) -> bool:
    """Whether a 400 is the server refusing the response format (not the request)."""
    body = getattr(exc, "body", None)
    said = json.dumps(body) if body is not None else str(exc)
    return getattr(exc, "param", None) == "response_format" or bool(
        re.search(r"response_format|json_schema|json_object|structured output|guided", said, re.I)
    )


def problems(exc) -> str:
    """Validation errors without the values that failed: where, and what was expected."""
    lines = []
    for error in exc.errors(include_url=False, include_input=False)[:20]:
        where = ".".join(str(part) for part in error["loc"]) or "(the answer)"
        lines.append(f"- {where}: {error['msg']}")
    return "\n".join(lines)


def unfence(text: str) -> str:
    """The JSON in an answer that wrapped it in a Markdown code fence (prompt-only mode)."""
    stripped = text.strip()
    fenced = re.fullmatch(r"```(?:json)?\s*\n(.*)\n```", stripped, re.S)
    return fenced.group(1) if fenced else stripped


def one_line(text: str, limit: int = 200) -> str:
    """A provider's message as one line of a message of ours: 200 characters at most."""
    return flat(text, limit)


def describe(error: BaseException) -> str:
    """An exception as one line for a user: its message (no key in it, no control
    characters), or its type when it has none."""
    return " ".join(clean(scrub(str(error))).split())[:300] or type(error).__name__
