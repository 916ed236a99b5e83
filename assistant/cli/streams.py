"""The standard streams of a command-line run, guarded so that a broken one ends the
run with one line and exit 2 (CONTRACTS: Broken streams), never a traceback.

What breaks, and what the user gets:
- stdout closed (`>&-`: Python starts with `sys.stdout = None`) or full (`>/dev/full`,
  a full disk, a quota): the first write or flush that fails raises `OutputError`,
  which the command line turns into one line on stderr and exit 2. A command that
  never writes to stdout (`review --out`) is not affected.
- a reader that goes away (`| head`): `BrokenPipeError`, which ends the run quietly
  with the status of SIGPIPE, as before.
- stderr closed or full: notes and errors are dropped, silently: there is nowhere
  left to say anything. (`print(..., file=None)` would write to stdout, so stderr
  is never left as None.)
- stdin closed (`<&-`): reading it raises `OSError` ("it is closed"), which the
  readers report as that input's error.

A closed descriptor 0, 1 or 2 is also opened on /dev/null, so that no file the run
opens later lands on it (and a write meant for stdout on a results file).
"""

from __future__ import annotations

import errno
import os
import sys


class OutputError(Exception):
    """stdout cannot take the output; str() is why, for one line."""


class _Output:
    """stdout: the real stream, or None when it was closed; the first failure stays."""

    def __init__(self, stream):
        self._stream = stream
        self.failure: str | None = None

    def _fail(self, reason: str):
        self.failure = self.failure or reason
        raise OutputError(self.failure)

    def write(self, text: str) -> int:
        if self.failure is not None or self._stream is None:
            self._fail("it is closed")
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            raise
        except OSError as exc:
            self._fail(exc.strerror or str(exc))

    def writelines(self, lines) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        if self.failure is not None:
            self._fail(self.failure)
        if self._stream is None:
            return  # nothing was written, so nothing is lost
        try:
            self._stream.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            self._fail(exc.strerror or str(exc))

    def isatty(self) -> bool:
        try:
            return self._stream is not None and self._stream.isatty()
        except (OSError, ValueError):
            return False

    def fileno(self) -> int:
        if self._stream is None:
            raise OSError(errno.EBADF, "stdout is closed")
        return self._stream.fileno()

    def __getattr__(self, name):  # encoding, buffer, errors…: the real stream's
        if self._stream is None:
            raise AttributeError(name)
        return getattr(self._stream, name)


class _Notes:
    """stderr: what cannot be written is dropped; the run goes on."""

    def __init__(self, stream):
        self._stream = stream

    def write(self, text: str) -> int:
        if self._stream is not None:
            try:
                return self._stream.write(text)
            except (OSError, ValueError):
                self._stream = None
        return len(text)

    def writelines(self, lines) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        if self._stream is not None:
            try:
                self._stream.flush()
            except (OSError, ValueError):
                self._stream = None

    def isatty(self) -> bool:
        try:
            return self._stream is not None and self._stream.isatty()
        except (OSError, ValueError):
            return False

    def fileno(self) -> int:
        if self._stream is None:
            raise OSError(errno.EBADF, "stderr is closed")
        return self._stream.fileno()

    def __getattr__(self, name):
        if self._stream is None:
            raise AttributeError(name)
        return getattr(self._stream, name)


class _Closed:
    """stdin when it was closed: reading it is an error that names it."""

    closed = False
    encoding = "utf-8"

    @property
    def buffer(self):
        return self

    def read(self, *args):
        raise OSError(errno.EBADF, "it is closed")

    readline = read

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        raise OSError(errno.EBADF, "stdin is closed")


def install() -> None:
    """Guard the three streams for the rest of the process (the console command only)."""
    for fd in (0, 1, 2):  # lowest first: os.open takes the lowest free descriptor
        try:
            os.fstat(fd)
        except OSError:
            os.open(os.devnull, os.O_RDWR)
    if sys.stdin is None:
        sys.stdin = _Closed()
    stdout = sys.stdout
    if stdout is not None and hasattr(stdout, "reconfigure"):
        # A name that was not UTF-8 holds surrogates, which no encoder takes: written
        # as \udcNN they stay readable, and inside a JSON string they are its escape.
        stdout.reconfigure(errors="backslashreplace")
    sys.stdout = _Output(stdout)
    sys.stderr = _Notes(sys.stderr)


def stdout_closed() -> bool:
    """Whether stdout was closed when the run started (a command can refuse early)."""
    out = sys.stdout
    return isinstance(out, _Output) and out._stream is None


def finish() -> None:
    """Flush stdout, raising `OutputError` if it failed at any point (even where a
    library swallowed the error, as argparse does for its help)."""
    sys.stdout.flush()


def flush_stderr() -> None:
    try:
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):
        pass
