"""`posting-assistant edit [FILE]`: the terminal editor; the only command that imports Textual."""

from __future__ import annotations

import sys

from . import diagnostics

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .parser import EditOptions


def run_edit(options: EditOptions) -> int:
    from pathlib import Path

    from ..config import ConfigError, resolve_config
    from ..files import ReadRefused
    from ..rubric.loader import RubricError

    if not (_is_terminal(sys.stdin) and _is_terminal(sys.__stderr__)):
        # Textual reads keys from stdin and draws on stderr; without a terminal it
        # would wait for keys that never come, or fail inside its driver.
        return diagnostics.usage_error("edit needs a terminal: stdin and stderr must both be one (lint and review need none)")
    path = Path(options.path) if options.path else None
    if path is not None and (path.is_dir() or path.suffix.lower() not in (".md", ".txt", ".markdown", ".text", "")):
        return diagnostics.usage_error(f"{path}: edit opens .md and .txt files")
    try:
        config = resolve_config(options.config, options.path)
        from ..tui.app import make_app

        app = make_app(path, config=config)
    except (ConfigError, RubricError) as exc:
        return diagnostics.usage_error(str(exc))
    except (OSError, ReadRefused) as exc:  # an unreadable file: say which, never a traceback
        return diagnostics.usage_error(f"{path}: {getattr(exc, 'strerror', None) or exc}")
    app.run()
    return diagnostics.status()


def _is_terminal(stream) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (OSError, ValueError):
        return False
