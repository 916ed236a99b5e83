"""`posting-assistant rewrite FILE`: checked edits for one posting, shown or written.

Without `--write` the file is never touched. With it, the accepted edits are written
through `files.write_user_file`, and only if the file still holds what was read: a
posting edited in another window while the model was answering is not overwritten.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..phrasing import plural
from . import diagnostics

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .parser import RewriteOptions


def run_rewrite(options: RewriteOptions) -> int:
    from .. import fixes
    from ..api import engine_for
    from ..config import ConfigError, default_provider, resolve_config, with_user_config
    from ..document.loaders import (
        LoadError,
        format_for,
        load_postings,
        posting_from_text,
    )
    from ..files import (
        ReadRefused,
        WriteRefused,
        read_user_file,
        refusal,
        write_user_file,
    )
    from ..rubric.engine import matches_selector
    from ..rubric.loader import RubricError

    path = Path(options.path)
    try:
        config = with_user_config(resolve_config(options.config, options.path))
        engine = engine_for(config, as_of=options.as_of)
    except (ConfigError, RubricError, FileNotFoundError) as exc:
        return diagnostics.usage_error(str(exc))
    select = options.select or []
    unknown = [s for s in select if not any(matches_selector(r.id, [s]) for r in engine.all_rules)]
    if unknown:
        return diagnostics.usage_error(f"no rule matches {', '.join(map(repr, unknown))} (`posting-assistant rules` lists them)")
    provider = options.provider or default_provider()

    fmt = format_for(path)
    read = None
    try:
        if options.write and fmt not in fixes.WRITABLE:
            raise LoadError("rewrite --write changes only .txt and .md files; this one was not changed")
        if options.write and (refused := refusal(path, force=options.force)):
            raise LoadError(refused)  # said now, before a model is paid to answer
        if fmt in fixes.WRITABLE:
            read = read_user_file(path, limit=config.max_file_size)
            posting = posting_from_text(read.text, str(path), fmt)
        else:
            postings = load_postings(path, limit=config.max_file_size)
            if len(postings) != 1:
                raise LoadError(f"holds {len(postings)} postings; rewrite takes one at a time")
            posting = postings[0]
    except (LoadError, ReadRefused) as exc:
        return diagnostics.usage_error(f"{path}: {exc}")
    ignore = config.ignored_for(str(path)) if config.per_file_ignores else ()

    if provider == "rules":
        from ..llm.rewrite import rewrite_with_rules

        result = rewrite_with_rules(posting, engine, select, ignore)
    else:
        result = _with_model(options, config, posting, engine, select, ignore)
        if isinstance(result, int):
            return result

    from ..report import rewrite as shown
    from ..report.text import use_colour

    sys.stdout.write(shown.as_json(result) if options.format == "json" else shown.as_text(result, use_colour(sys.stdout)))
    if not result.accepted:
        return diagnostics.status()
    if not options.write:
        n = len(result.accepted)
        diagnostics.note(f"{path} not changed: --write applies the {plural(n, 'accepted edit')}")
        return diagnostics.status()
    try:
        write_user_file(path, result.source_after, expect=read.stamp, force=options.force, like=read)
    except WriteRefused as exc:
        return diagnostics.usage_error(f"{path}: {exc}{' (run rewrite again)' if exc.reason == 'changed' else ''}")
    except OSError as exc:
        return diagnostics.usage_error(f"{path}: cannot write the edits: {exc.strerror or exc}")
    diagnostics.note(f"{path}: wrote {plural(len(result.accepted), 'edit')}")
    return diagnostics.status()


def _with_model(options: RewriteOptions, config, posting, engine, select, ignore):
    """The model's rewrite, or the exit code when there is none."""
    import asyncio

    from ..llm.client import Client, LLMError, Settings
    from ..llm.rewrite import exemplar_texts, rewrite_with_model
    from ..resources import data_dir

    settings = Settings.resolve(config, model=options.model)
    if not settings.api_key:
        return diagnostics.usage_error("--provider openai needs an API key in OPENAI_API_KEY (or use --provider rules, which needs none)")
    exemplars = exemplar_texts(engine, config.exemplars or data_dir("seeds"), posting.text)

    async def go():
        async with Client(settings, use_cache=not options.no_cache) as client:
            return await rewrite_with_model(posting, engine, client, select, ignore, exemplars)

    try:
        return asyncio.run(go())
    except LLMError as exc:
        return diagnostics.model_error(f"{posting.path}: {exc}")
