"""Talking to the files and batches endpoints: upload, create, poll, download, cancel.

Each call's failure is one line worded as the live client words its own; polling
backs off, and a failed poll is tried again, since the batch goes on on the server
whatever happens to one request about it.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable

from ..client import Client, LLMError
from .lines import URL, Request
from .state import BatchJob

TERMINAL = ("completed", "failed", "expired", "cancelled")
BACKOFF = 1.5  # each wait this much longer than the last, up to `max_interval`
POLL_FAILURES = 5  # polls in a row that may fail (after the SDK's own retries) before we give up


async def _call(client: Client, awaitable, doing: str, hint: str = ""):
    """An SDK call on the files or batches endpoints; its failure in one line, as the client words it."""
    import openai

    try:
        return await awaitable
    except openai.NotFoundError as exc:
        raise LLMError(f"{client.where()} answered 404 while {doing} ({client._said(exc)}){hint}") from None
    except openai.OpenAIError as exc:
        failure = client._failure(exc)
        raise LLMError(f"{failure}, while {doing}", failure.kind) from None


async def submit(client: Client, requests: list[Request]) -> BatchJob:
    """Upload the lines and make a batch of them."""
    data = "".join(r.line + "\n" for r in requests).encode("utf-8", "surrogatepass")
    sdk = client._sdk
    uploaded = await _call(client, sdk.files.create(file=("requests.jsonl", data, "application/jsonl"), purpose="batch"),
                           "uploading the batch requests", ": does this server have the Batch API?")
    batch = await _call(client, sdk.batches.create(input_file_id=uploaded.id, endpoint=URL, completion_window="24h"),
                        "creating the batch")
    return BatchJob(batch.id, uploaded.id, {r.custom_id: r.digest for r in requests})


async def wait(client: Client, job: BatchJob, *, first=None, poll_interval: float = 10.0, max_interval: float = 300.0,
               sleep=asyncio.sleep, progress: Callable | None = None):
    """The batch once it is completed, failed, expired or cancelled.

    Waits `poll_interval`, then half as long again each time, up to `max_interval`: a
    batch takes minutes to hours, and asking every few seconds for a day helps nobody.
    A poll that fails is tried again on the same schedule, up to POLL_FAILURES in a row:
    the batch goes on on the server whatever happens to one request about it.
    `first`: a status already fetched, to use before waiting.
    """
    import openai

    delay = poll_interval
    batch, failures = first, 0
    while True:
        if batch is not None:
            if progress is not None:
                progress(batch)
            if batch.status in TERMINAL:
                return batch
        await sleep(delay)
        delay = min(delay * BACKOFF, max_interval)
        try:
            batch = await client._sdk.batches.retrieve(job.batch_id)
            failures = 0
        except openai.NotFoundError as exc:  # will not come back by asking again
            raise LLMError(f"{client.where()} answered 404 for batch {job.batch_id} ({client._said(exc)})") from None
        except openai.OpenAIError as exc:
            failures += 1
            failure = client._failure(exc)
            if failure.kind == "key" or failures >= POLL_FAILURES:
                raise LLMError(f"{failure}, while polling batch {job.batch_id}", failure.kind) from None
            batch = None


async def download(client: Client, batch) -> dict[str, dict]:
    """custom_id → its line, from the error file and then the output file (which wins)."""
    lines: dict[str, dict] = {}
    for file_id in (batch.error_file_id, batch.output_file_id):
        if not file_id:
            continue
        content = await _call(client, client._sdk.files.content(file_id), f"downloading {file_id} of batch {batch.id}")
        # Split on newlines only: str.splitlines would also cut at U+2028 inside a JSON string.
        for raw in content.content.decode("utf-8", "replace").split("\n"):
            try:
                line = json.loads(raw)
            except ValueError:
                continue  # a blank or broken line: its item is reported as unanswered
            if isinstance(line, dict) and isinstance(line.get("custom_id"), str):
                lines[line["custom_id"]] = line
    return lines


async def cancel(client: Client, jobs: list[BatchJob]) -> None:
    """Ask the server to stop batches no run will read (a changed prompt or model made
    them useless): still running, they would be paid for. Best effort: one that has
    ended, or that the server does not know, is fine as it is."""
    import openai

    for job in jobs:
        try:
            await client._sdk.batches.cancel(job.batch_id)
        except openai.OpenAIError:
            pass
