"""`review`: many postings, linted across processes, optionally rewritten or judged by a
model, each result written the moment it is done, resumable after any crash.

Three stages, so each kind of work runs where it is cheapest:
1. in this process: expand the paths, hash every file, and set aside the files whose
   results in `--out` are still good (same bytes, same fingerprint);
2. across forked processes: lint the rest (and, with the rules provider, rewrite);
   a posting that needs nothing more is written as soon as its file is done;
3. in this process, concurrently, while stage 2 goes on: the model's part (rewrites,
   judged rules) through one client, whose gate caps the requests in flight and
   shares 429 pauses.
"""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

from .._record import Record
from .._version import __version__
from ..document.discover import expand
from ..document.loaders import LoadError, load_postings
from ..report.json_v1 import result_dict
from .store import RECORD_VERSION, ResultStore, file_hash


class Review(Record):
    """What a review came to: every posting's record (reused or new), in input order."""

    __slots__ = ("records", "reused", "errors", "llm_failures", "seconds")

    def __init__(self, records: list[dict], reused: int, errors: int, llm_failures: int, seconds: float):
        self.records = records
        self.reused = reused  # postings whose earlier line was still good
        self.errors = errors  # inputs that could not be read
        self.llm_failures = llm_failures  # postings whose model call failed
        self.seconds = seconds


def fingerprint(engine, config, mode: str, model: str | None) -> str:
    """What decides a posting's result besides its text (CONTRACTS: batch resume key):
    the rule files, the exemplars, the config, the date laws are judged on, the tool
    version, and with a model in the loop, which model and what it was asked to do —
    the prompt templates too, so an edited template is not answered from old results."""
    from ..resources import data_dir

    digest = hashlib.sha256(f"{__version__}\0{mode}\0{model or ''}\0{engine.as_of.isoformat()}".encode())
    folders = [data_dir("rubrics"), *(config.rubrics if config else ())]
    if model:
        folders.append(data_dir("prompts"))
    for folder in (*folders, exemplar_folder(config)):
        for path in sorted(Path(folder).rglob("*")):
            if path.is_file():
                digest.update(path.name.encode() + b"\0" + (file_hash(path) or "").encode())
    if config is not None:
        settings = (config.select, config.ignore, sorted(config.severity.items()), config.allow, config.per_file_ignores)
        digest.update(repr(settings).encode())
    return digest.hexdigest()


def exemplar_folder(config) -> Path:
    """The exemplars a run's rewrites are asked against (and its results keyed by)."""
    from ..resources import data_dir

    return Path(config.exemplars) if config is not None and config.exemplars else data_dir("seeds")


# ---- stage 2: in worker processes ------------------------------------------------------

_job: dict = {}


def _review_file(source: str) -> list[dict]:
    """Lint one file's postings (and rewrite them with the rules, when asked); never raises
    for a bad input: the record says what went wrong."""
    engine, config = _job["engine"], _job["config"]
    base = {"v": RECORD_VERSION, "source": source, "source_hash": _job["hashes"].get(source)}
    try:
        postings = load_postings(source, limit=config.max_file_size if config is not None else None)
    except LoadError as exc:
        return [{**base, "path": source, "postings_in_source": 1, "status": "error", "error": str(exc),
                 "result": None, "rewrite": None, "timings": {"lint_ms": 0.0, "llm_ms": 0.0}}]
    records = []
    for posting in postings:
        started = time.perf_counter()
        ignore = config.ignored_for(posting.path) if config is not None and config.per_file_ignores else ()
        report = engine.lint(posting, ignore=ignore)
        rewrite = None
        if _job["rules_rewrite"]:
            from ..llm.rewrite import rewrite_with_rules
            from ..report.rewrite import as_dict

            rewrite = as_dict(rewrite_with_rules(posting, engine, ignore=ignore, before=report))
        record = {
            **base, "path": posting.path, "postings_in_source": len(postings), "status": "ok", "error": None,
            "result": result_dict(report), "rewrite": rewrite,
            "timings": {"lint_ms": round((time.perf_counter() - started) * 1000, 2), "llm_ms": 0.0},
        }
        if _job["model_part"]:
            # The model's stage runs in the parent, on one event loop: handing it the
            # posting, its report and its ignores spares it that work again there, work
            # that would hold up the requests of every other posting.
            record["_prepared"] = (posting, report, ignore)
        records.append(record)
    return records


# ---- stage 3: the model's part, in this process -------------------------------------------


class _Feed:
    """Stage 2's results, handed to this process's event loop while linting goes on.

    Why a thread: the first requests can leave while the workers still lint, and
    importing the SDK (about 0.4 s) overlaps their work instead of following it. The
    thread only waits on the workers' pipes and unpickles what they send; every record
    is written on the loop, so the results file has one writer.
    """

    def __init__(self, results):
        import threading

        self.results = results
        self.stopping = threading.Event()
        # The first result is taken here, before the thread and the event loop exist:
        # the workers are forked by then, so none inherits a lock held mid-import.
        self.first = next(results, None)
        self.thread = threading.Thread(target=self._run, name="review-feed", daemon=True)

    def start(self, loop, take, end) -> None:
        """`take(records)` each file's records on `loop`; then `end(error or None)`."""
        self.loop, self.take, self.end = loop, take, end
        self.thread.start()

    def _run(self) -> None:
        error = None
        try:
            if self.first is not None:
                self.loop.call_soon_threadsafe(self.take, self.first)
            for records in self.results:
                if self.stopping.is_set():
                    break
                self.loop.call_soon_threadsafe(self.take, records)
        except BaseException as exc:  # noqa: BLE001 - handed to the loop, raised there
            error = exc
        finally:
            self.results.close()  # ends the workers, if the loop stopped first
            try:
                self.loop.call_soon_threadsafe(self.end, error)
            except RuntimeError:
                pass  # the loop is gone: the run ended (Ctrl-C) before linting did

    def stop(self) -> None:
        self.stopping.set()
        self.thread.join(timeout=10)


async def _with_model(
    feed: _Feed, settings, engine, rewrite: bool, judged: bool, write, use_cache: bool, progress,
    batch_state: Path | None = None, batch_options: dict | None = None, exemplar_dir: Path | None = None,
):
    """Write every posting's record that `feed` brings from stage 2, each after rewriting
    and/or judging it through one client, as soon as it is done.

    With `batch_state`, the requests go through the OpenAI Batch API instead (resumable
    through that file); the records are written once the batch has answered. Every
    rewrite is asked against the exemplars of `exemplar_dir`, read once for the run.
    """
    import asyncio

    from ..llm.client import Client, LLMError
    from ..llm.exemplar_texts import prompt_exemplars
    from ..llm.rewrite import rewrite_with_model
    from ..report.rewrite import as_dict

    exemplars = prompt_exemplars(engine, exemplar_dir) if rewrite and exemplar_dir is not None else ()

    async def one(client, record):
        """Safe to run again from the start: the batch path runs it once per round."""
        started = time.perf_counter()
        posting, report, ignore = record["_prepared"]
        try:
            if judged:
                record["result"] = await _judge(client, engine, posting, report)
            if rewrite:
                record["rewrite"] = as_dict(await rewrite_with_model(posting, engine, client, ignore=ignore, before=report,
                                                                     exemplars=exemplars))
        except LLMError as exc:
            record.update(status="error", error=f"the model failed: {exc}")
        record["timings"]["llm_ms"] = round((time.perf_counter() - started) * 1000, 2)
        return record

    # The progress counts files: a file is done when the last of its postings is.
    unfinished: dict[str, int] = {}
    waiting: asyncio.Queue = asyncio.Queue()  # postings for the model, in input order; None ends
    gathered: list[dict] = []  # for the batch path, which needs them all at once
    linted = asyncio.get_running_loop().create_future()

    failed: list[BaseException] = []  # a write that failed in `take` (stdout gone): it ends the run

    def take(records: list[dict]) -> None:
        try:
            _take(records)
        except Exception as exc:  # noqa: BLE001 - raised in a loop callback it would only be logged
            failed.append(exc)
            waiting.put_nowait(None)

    def _take(records: list[dict]) -> None:
        if not records:  # a file that held no posting
            progress.advance()
            return
        for record in records:
            if record["status"] != "ok":
                write(record)
            elif batch_state is None:
                waiting.put_nowait(record)
            else:
                gathered.append(record)
        left = unfinished[records[0]["source"]] = sum(1 for r in records if r["status"] == "ok")
        if not left:
            progress.advance()

    def end(error) -> None:
        waiting.put_nowait(None)
        linted.set_result(error)

    def finish(record) -> None:
        record.pop("_prepared", None)
        write(record)
        unfinished[record["source"]] -= 1
        if not unfinished[record["source"]]:
            progress.advance()

    # Twice as many lanes as requests may be in flight (the client's gate holds the
    # rest): a lane prepares its next posting (prompt, request: CPU work) while the
    # others wait on the network. Starting every posting at once would do all that work
    # up front and leave the requests waiting behind it.
    async def lane(client):
        while (record := await waiting.get()) is not None:
            finish(await one(client, record))
        waiting.put_nowait(None)  # for the next lane

    feed.start(asyncio.get_running_loop(), take, end)
    try:
        async with Client(settings, use_cache=use_cache) as client:  # imports the SDK while the workers lint
            if batch_state is None:
                await asyncio.gather(*(lane(client) for _ in range(2 * max(1, settings.concurrency))))
            elif await linted is None and not failed:
                await _in_batches(client, gathered, one, finish, batch_state, batch_options)
        if failed:
            raise failed[0]
        error = await linted
        if error is not None:
            raise error
    finally:
        feed.stop()


async def _in_batches(client, records, one, finish, batch_state: Path, batch_options: dict | None) -> None:
    from ..llm.batch import run_in_batches
    from ..llm.client import describe

    work = {str(i): (lambda c, r=r: one(c, r)) for i, r in enumerate(records)}
    done, _ = await run_in_batches(client, work, batch_state, **(batch_options or {}))
    for i, record in enumerate(records):
        outcome = done.get(str(i))
        if isinstance(outcome, BaseException):
            record.update(status="error", error=f"the model failed: {describe(outcome)}")
        finish(record)


async def _judge(client, engine, posting, report) -> dict:
    from ..llm import judge

    ignore = ()  # the report was linted with the file's ignores; judged rules follow the engine's list
    rules = judge.rules_to_judge(engine, posting, ignore)
    if not rules:
        return result_dict(report)
    answer, _ = await judge.ask(client, posting, rules)
    found = judge.findings_from(answer, posting.text, rules)
    return result_dict(engine.add_findings(report, found.findings, found.notes))


# ---- the whole run --------------------------------------------------------------------------


def review_paths(
    paths, *, out: str | Path | None = None, engine=None, config=None, rewrite: bool = False, llm: bool = False,
    provider: str = "rules", settings=None, workers: int = 0, fresh: bool = False, progress=None, emit=None,
    use_cache: bool = True, batch_api: bool = False, batch_options: dict | None = None, force: bool = False,
) -> Review:
    """Review postings; see the module docstring. `emit(record)` also receives each new
    record (the CLI prints them when there is no `--out`). Raises `client.LLMError` only
    for a missing key; a failed call is that posting's error record. `batch_api` sends
    the model's requests through the OpenAI Batch API, resumable through a state file
    beside `out` (`results.jsonl.batch.json`)."""
    import asyncio

    from .._forked import ordered_map
    from ..config import Config
    from ..locations import batch_state_file
    from ..rubric.build import engine_for
    from .progress import Quiet

    began = time.monotonic()
    engine = engine or engine_for(config or Config(), llm=llm)
    progress = progress or Quiet()
    model_part = llm or (rewrite and provider == "openai")
    mode = "+".join(m for m, on in (("lint", True), (f"rewrite:{provider}", rewrite), ("judge", llm)) if on)
    print_ = fingerprint(engine, config, mode, settings.model if model_part and settings else None)

    items = expand(paths)
    sources = {path: file_hash(path) for path, problem in items if problem is None}
    store = ResultStore(Path(out) if out else None, force)  # force: --force writes a read-only --out
    if not fresh:
        store.load()
    reused = store.reusable(sources, print_)
    # Every line of a source this run names is written again by this run, an input
    # that fails included: its new error line replaces the old one, never joins it.
    named = {path for path, _ in items}
    others = [r for r in store.records if r["source"] not in named]
    store.start([r for records in reused.values() for r in records], others)

    new: dict[str, list[dict]] = {}

    def write(record: dict) -> None:
        record["fingerprint"] = print_
        store.append(record)
        if emit is not None:
            emit(record)
        new.setdefault(record["source"], []).append(record)

    todo = [p for p, problem in items if problem is None and p not in reused]
    progress.start(len(items), "files reviewed")
    progress.advance(len(reused))
    for path, problem in items:
        if problem is not None:
            write({"v": RECORD_VERSION, "path": path, "source": path, "source_hash": None, "postings_in_source": 1,
                   "status": "error", "error": problem, "result": None, "rewrite": None,
                   "timings": {"lint_ms": 0.0, "llm_ms": 0.0}})
            progress.advance()
    _job.update(engine=engine, config=config, hashes=sources, rules_rewrite=rewrite and provider == "rules", model_part=model_part)
    if len(todo) >= 24:
        from ..document import facts, html, language, structure  # noqa: F401 - loaded once, shared by the forks

        engine.compile_patterns()
    processes = (workers or os.cpu_count() or 1) if len(todo) >= 24 else 1
    try:
        if model_part and todo:
            from ..llm.client import require_key

            require_key(settings)
            # This process imports the SDK and sends the requests, from the first
            # linted posting on; the other processes (at least one) do the linting.
            feed = _Feed(ordered_map(_review_file, todo, max(1, processes - 1), parent_works=False))
            asyncio.run(_with_model(feed, settings, engine, rewrite and provider == "openai", llm, write, use_cache, progress,
                                    batch_state_file(out) if batch_api and out else None, batch_options,
                                    exemplar_folder(config)))
        else:
            for records in ordered_map(_review_file, todo, processes):
                for record in records:
                    write(record)
                progress.advance()
    finally:
        store.close()
        progress.finish()

    records = []
    for path, _ in items:
        records.extend(reused.get(path) or sorted(new.get(path, []), key=lambda r: r["path"]))
    errors = sum(1 for r in records if r["status"] == "error" and not r["error"].startswith("the model failed"))
    failures = sum(1 for r in records if r["status"] == "error" and r["error"].startswith("the model failed"))
    return Review(records, sum(len(r) for r in reused.values()), errors, failures, time.monotonic() - began)
