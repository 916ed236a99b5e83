"""Answers through the OpenAI Batch API: half the price, within a day, for large runs.

The flow is the one in LLM-NOTES.md ("Batch API"): a JSONL line per request, uploaded
as a file, a batch made of it, polled until the server is done, then the output and
error files read back and joined on `custom_id`. What this package adds to it:

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

The package, one module per job: `lines` (the request and answer lines), `state` (the
state file), `server` (the files and batches endpoints), `run` (`run_batch`, the whole
flow), `collector` (`run_in_batches`).
"""

from __future__ import annotations

from .collector import Collector, Deferred, run_in_batches
from .lines import MAX_BYTES, MAX_REQUESTS, URL, Request, build_requests, chunks, read_line, request_line
from .run import BatchRun, run_batch
from .server import BACKOFF, POLL_FAILURES, TERMINAL, cancel, download, submit, wait
from .state import STATE_FORMAT, BatchJob, State

__all__ = [
    "BACKOFF", "MAX_BYTES", "MAX_REQUESTS", "POLL_FAILURES", "STATE_FORMAT", "TERMINAL", "URL",
    "BatchJob", "BatchRun", "Collector", "Deferred", "Request", "State",
    "build_requests", "cancel", "chunks", "download", "read_line", "request_line", "run_batch", "run_in_batches", "submit", "wait",
]
