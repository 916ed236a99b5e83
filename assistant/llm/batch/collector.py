"""Code written for the live path (`rewrite_with_model`, `judge.ask`), batched.

`run_in_batches` runs it against a `Collector`, a stand-in client that answers what a
batch (or the cache) has answered and notes every other prompt, so that code need not
know about batches.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping

from ..client import Client, LLMError, Usage
from .run import run_batch


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
        for (name, fn), outcome in zip(pending.items(), outcomes, strict=False):
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
