"""What every request of one run shares: the cap on requests in flight, the 429 pause,
and the count of what each call cost.

Apart from the client because the HTTP layer (`http.GatedClient`) holds the gate
around each exchange, the SDK's retries included, and the batch path counts usage the
same way without a gate of its own.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import time

from .._record import Record

_MAX_PAUSE = 120.0  # a longer Retry-After is the SDK's cue to give up; we do not wait either
# The usage of the call being made in this task: the gate counts every HTTP request
# into it, the SDK's retries included.
_counting: contextvars.ContextVar = contextvars.ContextVar("posting_assistant_usage", default=None)


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


@contextlib.contextmanager
def counting(usage: Usage):
    """Count every HTTP request sent inside the block (this task's, the SDK's retries too) into `usage`."""
    token = _counting.set(usage)
    try:
        yield usage
    finally:
        _counting.reset(token)
