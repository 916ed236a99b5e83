"""The `posting-assistant` command line.

`parser` reads the arguments into one command's options; each command lives in a
module of its own (`lint`, `rewrite`, `draft`, `review`, `edit`, `rules`, `laws`), imported
only when it runs, so `lint` never pays for the LLM layer or the terminal UI.
Results go to stdout; `diagnostics` writes every line on stderr (one line each,
never a traceback for a user's mistake) and decides every exit code.
"""

from __future__ import annotations

import os

from . import diagnostics
from .parser import FORMATS, parse  # noqa: F401 - FORMATS: importers of the old cli.py use it from here


def run() -> None:
    """The console command: `main`, then a quick exit.

    Tearing the interpreter down (freeing the rule set, compiled patterns, modules)
    takes about 9 ms, a fifth of a one-file run. Nothing is left to do by then but
    flush the output and store newly compiled patterns, so both are done here and
    the process ends at once; a flush that fails is reported like any broken stream.
    A reader that stops early (`| head`) ends the run quietly, with the status a shell
    gives a command killed by SIGPIPE. A closed or full stdout ends it with one line
    on stderr and exit 2 (`streams`).
    """
    from .. import _regex_cache
    from . import streams

    streams.install()
    try:
        code = main()
        streams.finish()
    except BrokenPipeError:
        code = diagnostics.BROKEN_PIPE
    except streams.OutputError as exc:
        code = diagnostics.usage_error(f"cannot write to stdout: {exc}")
    except OSError as exc:  # a path no command caught: still one line, never a traceback
        code = diagnostics.usage_error(diagnostics.os_error(exc))
    except KeyboardInterrupt:
        code = diagnostics.INTERRUPTED
    try:
        _regex_cache.save()
    finally:
        streams.flush_stderr()
        os._exit(code)


def main(argv: list[str] | None = None) -> int:
    from .. import _regex_cache

    _regex_cache.prime()  # before the modules whose patterns it holds are imported
    parsed = parse(argv)
    if isinstance(parsed, int):
        return parsed
    command, options = parsed
    return _command(command)(options)


def _command(name: str):
    """The function that runs `name`, its module imported now and not before."""
    if name == "lint":
        from .lint import run_lint

        return run_lint
    if name in ("rules", "explain"):
        from .rules import run_explain, run_rules

        return run_rules if name == "rules" else run_explain
    if name == "laws":
        from .laws import run_laws

        return run_laws
    if name == "rewrite":
        from .rewrite import run_rewrite

        return run_rewrite
    if name == "edit":
        from .edit import run_edit

        return run_edit
    if name == "review":
        from .review import run_review

        return run_review
    from .draft import run_draft

    return run_draft
