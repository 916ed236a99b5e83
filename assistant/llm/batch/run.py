"""`run_batch`: prompts the caller has built, answered through the Batch API.

The cache is asked first (an item answered before is not sent); the batches a state
file names are collected if they hold exactly these requests, else new ones are made
(split at the API's limits); each answer line is read, stored in the cache, or
repaired live once on a schema miss. Never raises `LLMError`: every item ends with its
answer or its error.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable

from ..._record import Record
from ..client import Client, LLMError, Usage, counting
from .lines import MAX_BYTES, MAX_REQUESTS, Request, _batch_failure, _schema_miss, build_requests, chunks, read_line
from .server import cancel, download, submit, wait
from .state import BatchJob, State


class BatchRun(Record):
    """What `run_batch` came to.

    `results`: custom_id → the validated answer, or the `LLMError` that stands for it.
    `usage`: the whole run (tokens from every line and repair, every HTTP request sent).
    `item_usage`: custom_id → that item's tokens (and its repair request, if any).
    `batch_ids`: the batches read, for a log line.
    """

    __slots__ = ("results", "usage", "item_usage", "batch_ids")

    def __init__(self, results: dict, usage: Usage, item_usage: dict[str, Usage], batch_ids: list[str]):
        self.results = results
        self.usage = usage
        self.item_usage = item_usage
        self.batch_ids = batch_ids


async def run_batch(
    client: Client, items: Iterable[tuple], state_path, *, poll_interval: float = 10.0, max_interval: float = 300.0,
    sleep=asyncio.sleep, repair: bool = True, progress: Callable | None = None,
    max_requests: int = MAX_REQUESTS, max_bytes: int = MAX_BYTES,
) -> BatchRun:
    """Answers for `items` ((custom_id, Prompt, answer_model[, max_tokens]) each) through
    the Batch API; never raises `LLMError`: every item ends with an answer or its error.

    `state_path`: where the batch ids are kept between runs (e.g. next to the results
    file). `sleep`, `poll_interval`, `max_interval`: the polling schedule (tests pass a
    sleep that returns at once). `progress(batch)`: called with each status fetched, for
    a progress bar (`batch.request_counts`). `repair`: see the module's docstring.
    """
    total = Usage()
    results: dict[str, object] = {}
    item_usage: dict[str, Usage] = {}
    with counting(total):
        requests = []
        for request in build_requests(client, items):
            hit = client.cached(request.prompt, request.answer_model)
            if hit is None:
                requests.append(request)
            else:
                results[request.custom_id], item_usage[request.custom_id] = hit, Usage()
        state = State.load(state_path, client.settings.endpoint)
        if not requests:
            state.forget()  # left by a run that stored its answers and died before tidying up
            return BatchRun(results, total, item_usage, [])
        plan = await _plan(client, state, requests, max_requests, max_bytes)
        polling = {"poll_interval": poll_interval, "max_interval": max_interval, "sleep": sleep, "progress": progress}
        done = await asyncio.gather(*(_finish(client, state, job, share, first, polling, repair) for job, share, first in plan))
    for outcomes in done:
        for custom_id, (outcome, usage) in outcomes.items():
            results[custom_id], item_usage[custom_id] = outcome, usage
            total.add(usage)  # tokens of every line; requests of the repairs, counted apart
    return BatchRun(results, total, item_usage, [job.batch_id for job, _, _ in plan if job is not None])


async def _plan(client: Client, state: State, requests: list[Request], max_requests: int, max_bytes: int) -> list[tuple]:
    """(job, its requests, its status if fetched) for each batch to read: the saved ones if
    they hold every one of these requests and the server still knows them, else new ones.

    A batch that could not be made appears as (None, its requests, the LLMError).
    """
    import openai

    saved = state.covering(requests)
    if saved:
        plan = []
        for job in saved:
            try:
                first = await client._sdk.batches.retrieve(job.batch_id)
            except openai.NotFoundError:
                break  # gone (another account, or deleted): start afresh
            except openai.OpenAIError:
                first = None  # a failed poll like any other: `wait` asks again on its schedule
            plan.append((job, [r for r in requests if r.custom_id in job.lines], first))
        else:
            if len(saved) < len(state.jobs):  # the others answer nothing this run needs
                await cancel(client, [job for job in state.jobs if job not in saved])
                state.jobs = saved
                state.save()
            return plan
    await cancel(client, state.jobs)
    state.forget()
    try:
        state.probe()
    except OSError as exc:
        return [(None, requests, LLMError(f"cannot write the batch state file {state.path} ({exc.strerror or exc}): nothing was sent"))]
    plan = []
    for share in chunks(requests, max_requests, max_bytes):
        try:
            job = await submit(client, share)
        except LLMError as exc:
            plan.append((None, share, exc))
            continue
        state.add(job)
        plan.append((job, share, None))
    return plan


async def _finish(client: Client, state: State, job: BatchJob | None, requests: list[Request], first, polling: dict,
                  repair: bool) -> dict[str, tuple]:
    """custom_id → (answer or LLMError, usage) for the requests of one batch."""
    if job is None:  # never made: `first` says why
        return {r.custom_id: (first, Usage()) for r in requests}
    try:
        batch = await wait(client, job, first=first, **polling)
        lines = await download(client, batch)
    except LLMError as exc:
        # The batch may be fine on the server: keep it in the state file for the next run.
        kept = LLMError(f"{exc} (batch {job.batch_id} is kept: run again to collect it)", exc.kind)
        return {r.custom_id: (kept, Usage()) for r in requests}
    outcomes = {r.custom_id: read_line(client, r, lines.get(r.custom_id), batch) for r in requests}
    if batch.status != "completed":
        failure = _batch_failure(client, batch)
        for r in requests:
            if r.custom_id not in lines:
                outcomes[r.custom_id] = (failure, Usage())
    await _settle(client, requests, outcomes, repair)
    state.drop(job)
    return outcomes


async def _settle(client: Client, requests: list[Request], outcomes: dict[str, tuple], repair: bool) -> None:
    """Store the valid answers; repair (or report) the schema misses."""
    from pydantic import ValidationError

    async def repaired(request: Request, error, usage: Usage):
        try:
            answer, spent = await client.repair(request.prompt, request.answer_model, error, request.max_tokens)
        except LLMError as exc:
            answer, spent = exc, Usage()
        usage.add(spent)
        return answer, usage

    misses = []
    for request in requests:
        outcome, usage = outcomes[request.custom_id]
        if isinstance(outcome, ValidationError):
            if repair:
                misses.append((request, repaired(request, outcome, usage)))
            else:
                outcomes[request.custom_id] = (_schema_miss(client, outcome), usage)
        elif not isinstance(outcome, LLMError):
            client.remember(request.prompt, request.answer_model, outcome)
    for (request, _), result in zip(misses, await asyncio.gather(*(job for _, job in misses)), strict=False):
        outcomes[request.custom_id] = result
