"""`posting-assistant review PATH…`: the batch door, for scripts and recruiting-ops teams."""

from __future__ import annotations

import json
import os
import sys

from .cli import _error, _os_error, _say
from .safe_text import escape_json
from .exitcodes import Exit


def _out_refusal(out: str | None) -> str | None:
    """Why --out cannot be the results file, found before any work is done; or None.

    Without --out the records go to stdout, so a closed stdout is refused here too:
    the review would otherwise run to its end (and pay for its model calls) for nothing.
    """
    from pathlib import Path

    from .streams import stdout_closed

    if out is None:
        return "stdout is closed and there is no --out: the results would be lost" if stdout_closed() else None
    path = Path(out)
    if path.is_dir():
        return f"{out}: is a folder; --out names the results file (results.jsonl)"
    parent = path.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent  # missing folders are made; the first one that exists must be a folder
    if not parent.is_dir():
        return f"{out}: {parent} is not a folder"
    return None


def run_review(args) -> int:
    from .api import engine_for
    from .config import ConfigError, resolve_config, with_user_config
    from .review.progress import for_stream
    from .review.runner import review_paths
    from .rubric.loader import RubricError

    if args.concurrency < 1:
        _error("--concurrency must be 1 or more")
        return Exit.USAGE
    refused = _out_refusal(args.out)
    if refused:
        _error(refused)
        return Exit.USAGE
    if args.report and not args.report.lower().endswith((".html", ".htm", ".md", ".csv")):
        _error(f"{args.report}: the report is written as .html, .md or .csv")
        return Exit.USAGE
    from .files import WriteRefused, refusal

    for target in (args.out, args.report):  # refused now, not after the whole review
        refused = target and refusal(target, force=args.force)
        if refused:
            _error(f"{target}: {refused}")
            return Exit.USAGE
    try:
        config = with_user_config(resolve_config(args.config, args.paths[0]))
        engine = engine_for(config, as_of=args.as_of, llm=args.llm)
    except (ConfigError, RubricError, FileNotFoundError) as exc:
        _error(str(exc))
        return Exit.USAGE
    provider = args.provider or ("openai" if os.environ.get("OPENAI_API_KEY") else "rules")
    settings = None
    if args.llm or (args.rewrite and provider == "openai") or args.batch_api:
        from .llm.client import Settings

        settings = Settings.resolve(config, model=args.model)
        settings.concurrency = args.concurrency
        if not settings.api_key:
            _error("the model's part of a review needs an API key in OPENAI_API_KEY (rewrites can use --provider rules, which needs none)")
            return Exit.USAGE
    if args.batch_api and not args.out:
        _error("--batch-api needs --out: the batch's state is kept beside the results, so a stopped run can collect it")
        return Exit.USAGE
    if args.batch_api and not (args.llm or (args.rewrite and provider == "openai")):
        _error("--batch-api sends the model's requests: use it with --rewrite (provider openai) or --llm")
        return Exit.USAGE

    def emit(record) -> None:
        sys.stdout.write(escape_json(json.dumps(record, ensure_ascii=False, separators=(",", ":"))) + "\n")

    try:
        result = review_paths(
            args.paths, out=args.out, engine=engine, config=config, rewrite=args.rewrite, llm=args.llm,
            provider=provider, settings=settings, workers=args.workers, fresh=args.fresh,
            progress=for_stream(sys.stderr), emit=None if args.out else emit, use_cache=not args.no_cache,
            batch_api=args.batch_api, force=args.force,
        )
    except WriteRefused as exc:  # --out became unwritable after the check above
        _error(f"{args.out}: {exc}")
        return Exit.USAGE
    except OSError as exc:  # the results file (or the batch state beside it) failed under us
        _error(f"{args.out}: cannot keep the results: {exc.strerror or exc}" if args.out else _os_error(exc))
        return Exit.USAGE
    for record in result.records:
        if record["status"] == "error":
            _error(f"{record['path']}: {record['error']}")
    if args.report:
        from .report.overview import write_report

        try:
            write_report(args.report, result.records, force=args.force)
        except (OSError, ValueError) as exc:
            _error(f"{args.report}: cannot write the report: {getattr(exc, 'strerror', None) or exc}")
            return Exit.USAGE
    n = len(result.records)
    where = f"; results in {args.out}" if args.out else ""
    report = f"; report in {args.report}" if args.report else ""
    _say(
        f"reviewed {n} posting{'s' if n != 1 else ''} in {result.seconds:.1f} s ({result.reused} reused, "
        f"{result.errors} unreadable, {result.llm_failures} model failures){where}{report}"
    )
    if result.llm_failures:
        return Exit.LLM_FAILED
    return Exit.USAGE if result.errors else Exit.OK
