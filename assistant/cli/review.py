"""`posting-assistant review PATH…`: the batch door, for scripts and recruiting-ops teams."""

from __future__ import annotations

import json
import sys

from ..phrasing import plural
from ..safe_text import escape_json
from . import diagnostics

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .parser import ReviewOptions


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


def run_review(options: ReviewOptions) -> int:
    from ..api import engine_for
    from ..config import ConfigError, default_provider, resolve_config, with_user_config
    from ..review.progress import for_stream
    from ..review.runner import review_paths
    from ..rubric.loader import RubricError

    if options.concurrency < 1:
        return diagnostics.usage_error("--concurrency must be 1 or more")
    refused = _out_refusal(options.out)
    if refused:
        return diagnostics.usage_error(refused)
    if options.report and not options.report.lower().endswith((".html", ".htm", ".md", ".csv")):
        return diagnostics.usage_error(f"{options.report}: the report is written as .html, .md or .csv")
    from ..files import WriteRefused, refusal

    for target in (options.out, options.report):  # refused now, not after the whole review
        refused = target and refusal(target, force=options.force)
        if refused:
            return diagnostics.usage_error(f"{target}: {refused}")
    try:
        config = with_user_config(resolve_config(options.config, options.paths[0]))
        engine = engine_for(config, as_of=options.as_of, llm=options.llm)
    except (ConfigError, RubricError, FileNotFoundError) as exc:
        return diagnostics.usage_error(str(exc))
    provider = options.provider or default_provider()
    settings = None
    if options.llm or (options.rewrite and provider == "openai") or options.batch_api:
        from ..llm.client import Settings

        settings = Settings.resolve(config, model=options.model)
        settings.concurrency = options.concurrency
        if not settings.api_key:
            return diagnostics.usage_error("the model's part of a review needs an API key in OPENAI_API_KEY (rewrites can use --provider rules, which needs none)")
    if options.batch_api and not options.out:
        return diagnostics.usage_error("--batch-api needs --out: the batch's state is kept beside the results, so a stopped run can collect it")
    if options.batch_api and not (options.llm or (options.rewrite and provider == "openai")):
        return diagnostics.usage_error("--batch-api sends the model's requests: use it with --rewrite (provider openai) or --llm")

    def emit(record) -> None:
        sys.stdout.write(escape_json(json.dumps(record, ensure_ascii=False, separators=(",", ":"))) + "\n")

    try:
        result = review_paths(
            options.paths, out=options.out, engine=engine, config=config, rewrite=options.rewrite, llm=options.llm,
            provider=provider, settings=settings, workers=options.workers, fresh=options.fresh,
            progress=for_stream(diagnostics.stream()), emit=None if options.out else emit, use_cache=not options.no_cache,
            batch_api=options.batch_api, force=options.force,
        )
    except WriteRefused as exc:  # --out became unwritable after the check above
        return diagnostics.usage_error(f"{options.out}: {exc}")
    except OSError as exc:  # the results file (or the batch state beside it) failed under us
        return diagnostics.usage_error(f"{options.out}: cannot keep the results: {exc.strerror or exc}" if options.out else diagnostics.os_error(exc))
    for record in result.records:
        if record["status"] == "error":
            diagnostics.error(f"{record['path']}: {record['error']}")
    if options.report:
        from ..report.overview import write_report

        try:
            write_report(options.report, result.records, force=options.force)
        except (OSError, ValueError) as exc:
            return diagnostics.usage_error(f"{options.report}: cannot write the report: {getattr(exc, 'strerror', None) or exc}")
    n = len(result.records)
    where = f"; results in {options.out}" if options.out else ""
    report = f"; report in {options.report}" if options.report else ""
    diagnostics.note(
        f"reviewed {plural(n, 'posting')} in {result.seconds:.1f} s ({result.reused} reused, "
        f"{result.errors} unreadable, {result.llm_failures} model failures){where}{report}"
    )
    return diagnostics.status(model_failed=bool(result.llm_failures), unusable=bool(result.errors))
