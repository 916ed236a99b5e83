"""`posting-assistant draft --brief BRIEF`: a first posting from a brief, checked and linted.

Everything that can fail cheaply is checked before the model is asked: the --out
path, the brief, the config, the key. A call that costs money should not be spent on
a draft that then cannot be written. A refused draft (invented facts, copied exemplar
text) is shown with its reasons and never written.
"""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

from . import diagnostics

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .parser import DraftOptions

OUT_SUFFIXES = (".md", ".txt")


class _Stop(Exception):
    """An error found before anything was written; the message is its one line.
    `model`: the model's call failed (rather than something the user can fix)."""

    def __init__(self, message: str, model: bool = False):
        super().__init__(message)
        self.model = model


def run_draft(options: DraftOptions) -> int:
    try:
        return _run(options)
    except _Stop as stop:
        return diagnostics.model_error(str(stop)) if stop.model else diagnostics.usage_error(str(stop))


def _run(options: DraftOptions) -> int:
    from ..config import default_provider
    from ..llm.brief import BriefError, load_brief

    out = _out_path(options.out, options.force)
    try:
        brief = load_brief(options.brief)
    except BriefError as exc:
        raise _Stop(str(exc)) from None
    config = _config(options)
    engine, exemplars = _engine(options, config)
    provider = options.provider or default_provider()
    client = _client(options, config) if provider == "openai" else None
    result = _ask(brief, engine, client, exemplars, str(out) if out else "draft.md")
    if result.refused:
        _show(options, result)
        for r in result.refused:
            diagnostics.error(f"draft refused: {r.where}: {r.reason}")
        return diagnostics.model_error("nothing was written" if out else "the draft was not accepted")
    if out is not None:
        _write(out, result.markdown, options.force)
    _show(options, result)
    if out is not None:
        diagnostics.note(f"wrote {out}")
    return diagnostics.status()


def _out_path(raw: str | None, force: bool) -> Path | None:
    """Where to write, or a refusal now, before a request is paid for."""
    if raw is None:
        return None
    path = Path(raw)
    if path.suffix.lower() not in OUT_SUFFIXES:
        raise _Stop(f"{path}: --out writes a .md or .txt file")
    if path.exists() and not force:
        raise _Stop(f"{path}: already exists; pass --force to replace it")
    if path.is_dir():
        raise _Stop(f"{path}: is a folder")
    if not path.parent.is_dir():
        raise _Stop(f"{path.parent}: no such folder for --out")
    from ..files import refusal

    refused = refusal(path, force=force)
    if refused:
        raise _Stop(f"{path}: {refused}")
    return path


def _config(options):
    from ..config import ConfigError, resolve_config, with_user_config

    try:
        return with_user_config(resolve_config(options.config, options.brief))
    except ConfigError as exc:
        raise _Stop(str(exc)) from None


def _engine(options, config):
    """The engine the draft is linted with, and the exemplars its structure comes from."""
    from ..api import engine_for
    from ..resources import data_dir
    from ..rubric.exemplars import load_exemplars
    from ..rubric.loader import RubricError

    folder = Path(options.exemplars) if options.exemplars else config.exemplars or data_dir("seeds")
    if not Path(folder).is_dir():
        raise _Stop(f"{folder}: exemplar folder not found")
    try:
        engine = engine_for(config, exemplars=folder, as_of=options.as_of)
    except (RubricError, FileNotFoundError) as exc:
        raise _Stop(str(exc)) from None
    return engine, load_exemplars(folder)


def _client(options, config):
    from ..llm.client import Client, LLMError, Settings

    settings = Settings.resolve(config, model=options.model)
    if not settings.api_key:
        raise _Stop("no API key: set OPENAI_API_KEY to draft with a model (or use --provider rules, which needs none)")
    try:
        return Client(settings, use_cache=not options.no_cache)
    except LLMError as exc:
        raise _Stop(str(exc)) from None


def _ask(brief, engine, client, exemplars, path: str):
    """The draft; the client is closed whatever happens, and a failed call is exit 3."""
    from ..llm.client import LLMError
    from ..llm.draft import draft

    async def go():
        try:
            return await draft(brief, engine, client, exemplars, path=path)
        finally:
            if client is not None:
                await client.aclose()

    try:
        return asyncio.run(go())
    except LLMError as exc:
        raise _Stop(str(exc), model=True) from None


def _write(out: Path, markdown: str, force: bool) -> None:
    from ..files import WriteRefused, write_user_file

    try:
        write_user_file(out, markdown, force=force)
    except WriteRefused as exc:
        raise _Stop(f"{out}: {exc}") from None
    except OSError as exc:
        raise _Stop(f"{out}: cannot write: {exc.strerror or exc}") from None


def _show(options, result) -> None:
    if options.format == "json":
        sys.stdout.write(as_json(options.brief, result))
        return
    if result.refused:
        return  # the reasons go to stderr; a refused draft is not offered as text to copy
    from ..report import text
    from ..safe_text import clean

    sys.stdout.write(clean(result.markdown))  # shown; --out has the exact text
    print()
    print("\n".join(text.report_lines(result.report, text.use_colour(sys.stdout))))


def as_json(brief_path: str, result) -> str:
    from ..report.json_v1 import finding_dict
    from ..safe_text import escape_json

    report = result.report
    out = {
        "brief": brief_path,
        "provider": result.provider,
        "model": result.model,
        "markdown": result.markdown,
        "refused": [r.as_dict() for r in result.refused],
        "findings": [finding_dict(report, f) for f in report.findings],
        "scores": report.scores,
        "usage": result.usage.as_dict(),
    }
    return escape_json(json.dumps(out, ensure_ascii=False, indent=2)) + "\n"
