"""Answers through the OpenAI Batch API: half the price, within a day, for large runs.

The flow is the one in LLM-NOTES.md ("Batch API"): a JSONL line per request, uploaded
as a file, a batch made of it, polled until the server is done, then the output and
error files read back and joined on `custom_id`. What this module adds to it:

- each line's body is the one a live call sends in json_schema mode
  (`Client.request_body`), and each answer goes through the live path's checks
  (`completion_text`: refusal, cut-off, content filter, not a completion; then the
  schema). A bad line becomes that item's `LLMError`; one item never sinks the run.
- the answer cache is shared with the live path both ways: an item already answered
  is not sent, and every valid answer is stored under the key `Client.ask` looks up, so
  an identical second run, batch or live, makes no request.
- a schema miss gets the live path's repair round, as one live request per miss
  (`Client.repair`), so a batch run ends with the answers a live run would have given.
  Misses are rare under strict structured outputs, so this costs little; with
  `repair=False` a miss is an "invalid" error at once and nothing is sent live.
- a batch outlives the process that made it: its id goes into a state file the caller
  names, written atomically, and a later run that needs the same requests polls that
  batch again instead of paying twice. The file is removed once the results are in. It
  holds ids and digests only: no key, no prompt.
- more requests than one batch may take (50,000 lines, 200 MB) are split into several
  batches, polled together.

`run_batch` is the whole flow for prompts the caller has built. `run_in_batches` runs
code written for the live path (rewrite_with_model, judge.ask) against a stand-in
client that collects its prompts, so that code need not know about batches.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
from collections.abc import Awaitable, Callable, Iterable, Mapping
from pathlib import Path

from .._record import Record
from .client import (
    Client,
    LLMError,
    Usage,
    _one_line,
    _problems,
    completion_text,
    counting,
    status_failure,
    strict_schema,
)

URL = "/v1/chat/completions"
MAX_REQUESTS = 50_000  # the Batch API's limits per input file
MAX_BYTES = 190_000_000  # under its 200 MB, for the multipart wrapping
TERMINAL = ("completed", "failed", "expired", "cancelled")
BACKOFF = 1.5  # each wait this much longer than the last, up to `max_interval`
POLL_FAILURES = 5  # polls in a row that may fail (after the SDK's own retries) before we give up
STATE_FORMAT = "posting-assistant batch state"


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


class BatchJob(Record):
    """A batch on the server, as the state file remembers it."""

    __slots__ = ("batch_id", "input_file_id", "lines")

    def __init__(self, batch_id: str, input_file_id: str, lines: dict[str, str]):
        self.batch_id = batch_id
        self.input_file_id = input_file_id
        self.lines = lines  # custom_id → digest of the line sent: what the batch will answer

    def as_dict(self) -> dict:
        return {"batch_id": self.batch_id, "input_file_id": self.input_file_id, "lines": self.lines}


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


# ---- request lines --------------------------------------------------------------------------


def request_line(client: Client, custom_id: str, prompt, answer_model, max_tokens: int = 4096) -> str:
    """One JSONL line: the live call's body, in json_schema mode, under `custom_id`."""
    body = client.request_body(prompt.messages, strict_schema(answer_model), max_tokens, mode="json_schema")
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


# ---- the state file -------------------------------------------------------------------------


class State:
    """The batches of this run that are on the server and not yet read, kept on disk.

    Rewritten whole after every change, atomically (a temporary file, then a rename),
    so a run killed at any point leaves either the old file or the new one.
    """

    def __init__(self, path, endpoint: str, jobs: list[BatchJob] | None = None):
        self.path = Path(path)
        self.endpoint = endpoint
        self.jobs = list(jobs or [])

    @classmethod
    def load(cls, path, endpoint: str) -> State:
        """The jobs an earlier run left for this endpoint; none if the file is missing, unreadable or for another one."""
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
            if data.get("format") != STATE_FORMAT or data.get("endpoint") != endpoint:
                return cls(path, endpoint)
            jobs = [BatchJob(j["batch_id"], j["input_file_id"], dict(j["lines"])) for j in data["jobs"]]
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return cls(path, endpoint)
        return cls(path, endpoint, jobs)

    def add(self, job: BatchJob) -> None:
        self.jobs.append(job)
        self.save()

    def drop(self, job: BatchJob) -> None:
        self.jobs = [j for j in self.jobs if j.batch_id != job.batch_id]
        self.save()

    def save(self) -> None:
        if not self.jobs:
            self.forget()
            return
        from ..files import atomic_write

        text = json.dumps({"format": STATE_FORMAT, "version": 1, "endpoint": self.endpoint,
                           "jobs": [j.as_dict() for j in self.jobs]}, ensure_ascii=False, indent=1)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(self.path, text, private=True)

    def probe(self) -> None:
        """Raise OSError now if the file cannot be written, before a batch is paid for that no run could find again."""
        import tempfile

        self.path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=self.path.parent, prefix=f".{self.path.name}."):
            pass

    def forget(self) -> None:
        self.jobs = []
        try:
            self.path.unlink()
        except FileNotFoundError:
            pass

    def covering(self, requests: list[Request]) -> list[BatchJob] | None:
        """The saved jobs that hold every one of `requests`, line for line; None when any is
        missing or differs (a changed prompt, model or schema: the old answers are not these)."""
        owner = {cid: (job, digest) for job in self.jobs for cid, digest in job.lines.items()}
        jobs: list[BatchJob] = []
        for request in requests:
            job, digest = owner.get(request.custom_id, (None, None))
            if job is None or digest != request.digest:
                return None
            if job not in jobs:
                jobs.append(job)
        return jobs


# ---- talking to the files and batches endpoints ---------------------------------------------


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


# ---- reading one answer ---------------------------------------------------------------------


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
        return status_failure(where, status, _one_line(client._scrub(str(said or "no message"))), f"in batch {batch.id}")
    error = line.get("error") if isinstance(line.get("error"), dict) else {}
    said = _one_line(client._scrub(str(error.get("message") or "no message")))
    code = error.get("code")
    reason = f"{code}: {said}" if code else said
    if batch.status != "completed":
        return LLMError(f"{where}: batch {batch.id} {batch.status} without answering this request ({reason})")
    return LLMError(f"{where}: batch {batch.id} did not answer this request ({reason})")


def _schema_miss(client: Client, error) -> LLMError:
    first = _problems(error).splitlines()[0].lstrip("- ")
    return LLMError(f"{client.where()}: the answer did not match the schema ({first}); batch answers get no repair round", "invalid")


def _batch_failure(client: Client, batch) -> LLMError:
    """One line for the items a batch that ended badly did not answer."""
    reason = ""
    errors = getattr(getattr(batch, "errors", None), "data", None) or []
    if errors:
        first = errors[0]
        reason = ": " + _one_line(client._scrub(" ".join(str(p) for p in (first.code, first.message) if p)))
    return LLMError(f"{client.where()}: batch {batch.id} {batch.status} without answering this request{reason}")


# ---- the whole flow -------------------------------------------------------------------------


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
                await _cancel(client, [job for job in state.jobs if job not in saved])
                state.jobs = saved
                state.save()
            return plan
    await _cancel(client, state.jobs)
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


async def _cancel(client: Client, jobs: list[BatchJob]) -> None:
    """Ask the server to stop batches no run will read (a changed prompt or model made
    them useless): still running, they would be paid for. Best effort: one that has
    ended, or that the server does not know, is fine as it is."""
    import openai

    for job in jobs:
        try:
            await client._sdk.batches.cancel(job.batch_id)
        except openai.OpenAIError:
            pass


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
    for (request, _), result in zip(misses, await asyncio.gather(*(job for _, job in misses))):
        outcomes[request.custom_id] = result


# ---- code written for the live path, batched ------------------------------------------------


class Deferred(Exception):
    """Raised by `Collector.ask` for a prompt not answered yet: it goes into the next batch.

    Not an `LLMError`, so code that turns those into a per-posting error lets it pass.
    """


class Collector:
    """Stands in for a `Client` in code written for the live path: answers what a batch
    (or the cache) has answered, notes every other prompt and raises `Deferred`."""

    def __init__(self, client: Client, known: Mapping[str, tuple]):
        self.client = client
        self.settings = client.settings
        self.known = known  # cache key → (answer or LLMError, usage)
        self.wanted: dict[str, tuple] = {}  # cache key → (key, prompt, answer_model, max_tokens): a batch item

    async def ask(self, prompt, answer_model, max_tokens: int = 4096):
        key = self.client.cache_key(prompt, answer_model)
        if key in self.known:
            outcome, usage = self.known[key]
            if isinstance(outcome, LLMError):
                raise LLMError(str(outcome), outcome.kind)
            return outcome, usage
        hit = self.client.cached(prompt, answer_model)
        if hit is not None:
            return hit, Usage()
        self.wanted.setdefault(key, (key, prompt, answer_model, max_tokens))
        raise Deferred(key)


async def run_in_batches(client: Client, work: Mapping[str, Callable[[Collector], Awaitable]], state_path,
                         **options) -> tuple[dict[str, object], Usage]:
    """Run each of `work` (name → async function of a client) with its model calls batched.

    Every unfinished function runs against a `Collector`; the prompts it could not
    answer go into one `run_batch`; then those functions run again, and so on until all
    have finished. A function that asks twice in a row (the second prompt built from
    the first answer) takes two rounds, so ask independent questions in the same pass.
    Functions must be safe to run again from the start. Returns name → what each
    returned (or the exception it raised), and the usage of every round. `options`
    go to `run_batch`.
    """
    known: dict[str, tuple] = {}
    done: dict[str, object] = {}
    pending = dict(work)
    total = Usage()
    while pending:
        collector = Collector(client, known)
        outcomes = await asyncio.gather(*(fn(collector) for fn in pending.values()), return_exceptions=True)
        waiting = {}
        for (name, fn), outcome in zip(pending.items(), outcomes):
            if isinstance(outcome, Deferred):
                waiting[name] = fn
            else:
                done[name] = outcome
        if not waiting:
            break
        if all(key in known for key in collector.wanted):
            raise RuntimeError("run_in_batches: a round asked for nothing new")  # cannot happen: known answers are given
        run = await run_batch(client, list(collector.wanted.values()), state_path, **options)
        total.add(run.usage)
        known.update({key: (run.results[key], run.item_usage[key]) for key in run.results})
        pending = waiting
    return done, total
