"""Progress for long reviews: a bar on a terminal, plain lines in a log.

A CI log or a file gets a line at most every few seconds (and at the end), never the
bar's control codes; a terminal gets rich's bar with counts and the time left.
"""

from __future__ import annotations

import sys
import time


class Quiet:
    def start(self, total: int, label: str) -> None:
        pass

    def advance(self, n: int = 1) -> None:
        pass

    def finish(self) -> None:
        pass


class Lines(Quiet):
    """`reviewed 1200/4000 (30%), 85/s, about 33 s left`, every `every` seconds."""

    def __init__(self, stream=None, every: float = 5.0):
        self.stream = stream or sys.stderr
        self.every = every

    def start(self, total: int, label: str) -> None:
        self.total, self.label, self.done, self.said = total, label, 0, False
        self.began = self.last = time.monotonic()

    def advance(self, n: int = 1) -> None:
        self.done += n
        now = time.monotonic()
        if now - self.last >= self.every:
            self.last = now
            self._line(now)

    def finish(self) -> None:
        if self.said:  # a run short enough to need no progress line needs no closing one either
            self._line(time.monotonic(), final=True)

    def _line(self, now: float, final: bool = False) -> None:
        elapsed = max(now - self.began, 1e-9)
        rate = self.done / elapsed
        share = f" ({self.done * 100 // self.total}%)" if self.total else ""
        text = f"{self.label} {self.done}/{self.total}{share}, {rate:.0f}/s"
        if final:
            text += f", done in {elapsed:.1f} s"
        elif rate and self.total > self.done:
            text += f", about {(self.total - self.done) / rate:.0f} s left"
        print(text, file=self.stream, flush=True)
        self.said = True


class Bar(Quiet):
    """rich's progress bar (rich comes with Textual), on stderr."""

    def start(self, total: int, label: str) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self.progress = Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            TextColumn("eta"), TimeRemainingColumn(), console=Console(stderr=True), transient=False,
        )
        self.progress.start()
        self.task = self.progress.add_task(label, total=total)

    def advance(self, n: int = 1) -> None:
        self.progress.advance(self.task, n)

    def finish(self) -> None:
        self.progress.stop()


def for_stream(stream=None):
    stream = stream or sys.stderr
    return Bar() if stream.isatty() else Lines(stream)
