"""What a run says on stderr, and the status it exits with: one home for both.

Every command reports through here and never prints to stderr itself, so that every
line is escaped the same way (an error line names paths, and a path may hold a
newline that would start a line looking like ours, or an escape sequence) and lands
on the guarded stream (`streams`: a closed stderr drops lines, it never raises).

Exit codes (CONTRACTS.md) are decided here too. A command says what happened, a
usage error, a failed model call, findings, and `status` turns that into the code in
one order of precedence: a paid step that did not happen (3) outranks an input the
run could not use (2), which outranks findings (1). A command never names a number.
"""

from __future__ import annotations

import sys
from enum import IntEnum

PROG = "posting-assistant"


class Exit(IntEnum):
    OK = 0
    FINDINGS = 1  # findings at or above --fail-on, or a score under --min-score
    USAGE = 2  # usage, config or input error; wins over FINDINGS
    LLM_FAILED = 3  # the LLM service failed or refused; nothing was written


# Not members of Exit (whose members are the contract's): the statuses a shell gives a
# command killed by a signal, for the two the console turns into a quiet end.
BROKEN_PIPE = 128 + 13  # SIGPIPE: the reader went away (`| head`)
INTERRUPTED = 128 + 2  # SIGINT: Ctrl-C


def stream():
    """stderr as it is now: the guarded stream of a console run, or a test's capture.

    Looked up on every call, never kept, for that reason. For a writer of its own
    (the review's progress bar or lines) that must still go where diagnostics go.
    """
    return sys.stderr


def error(message: str) -> None:
    """One error line, `posting-assistant: message`, whatever the message holds."""
    note(f"{PROG}: {message}")


def note(message: str) -> None:
    """A line for the user that is not an error (`fixed 3 files`), escaped like `error`'s."""
    from ..safe_text import shown_path

    print(shown_path(message), file=sys.stderr)


def raw(text: str) -> None:
    """Text written as it is: argparse's usage and help, which it formats itself."""
    if text:
        sys.stderr.write(text)


def os_error(exc: OSError) -> str:
    """An OSError as `path: reason`, for an error line."""
    reason = exc.strerror or str(exc)
    return f"{exc.filename}: {reason}" if exc.filename is not None else reason


def usage_error(message: str | None = None) -> int:
    """A mistake the user can fix (a flag, a config, an input), said; the run ends with 2."""
    if message is not None:
        error(message)
    return Exit.USAGE


def model_error(message: str | None = None) -> int:
    """A model step that failed or was refused, said; the run ends with 3."""
    if message is not None:
        error(message)
    return Exit.LLM_FAILED


def status(*, model_failed: bool = False, unusable: bool = False, findings: bool = False) -> int:
    """The exit code of a run that went to its end, from what went wrong in it."""
    if model_failed:  # the run must be repeated, whatever else it found
        return Exit.LLM_FAILED
    if unusable:  # an input that could not be read or written
        return Exit.USAGE
    if findings:
        return Exit.FINDINGS
    return Exit.OK
