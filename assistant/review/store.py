"""The results file of a review (`--out results.jsonl`): written as work is done, read
back to resume (docs/review-records.md).

Each line is flushed as it is written, so a run killed at any moment leaves every
finished posting on disk and at most a torn last line, which the next run drops. A
run starts by rewriting the file (atomically) with only the lines it can still use,
then appends; so whatever happened before, a finished run holds exactly one line per
posting.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from pathlib import Path

RECORD_VERSION = 1


def file_hash(path: str | Path) -> str | None:
    """The sha256 of a file's bytes, or None when it cannot be read (it is reported later)."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


class ResultStore:
    """Lines already in `--out`, and a handle to append new ones."""

    def __init__(self, path: Path | None, force: bool = False):
        self.path = path
        self.force = force  # --force: a read-only results file is written too
        self.records: list[dict] = []
        self._fh = None

    def load(self) -> None:
        """Every well-formed line; a torn or foreign line is skipped (it is rewritten away)."""
        if self.path is None or not self.path.is_file():
            return
        with open(self.path, encoding="utf-8", errors="replace") as fh:
            for line in fh:
                try:
                    record = json.loads(line)
                except ValueError:
                    continue
                if isinstance(record, dict) and record.get("v") == RECORD_VERSION and "source" in record:
                    self.records.append(record)

    def reusable(self, sources: dict[str, str | None], fingerprint: str) -> dict[str, list[dict]]:
        """The finished records of each source whose file is unchanged since, in this run's terms.

        A source is reused only whole: every posting it holds has an "ok" line (the
        last line for a posting wins, as later runs append).
        """
        latest: dict[str, dict] = {}
        for record in self.records:
            latest[record["path"]] = record
        by_source: dict[str, list[dict]] = {}
        for record in latest.values():
            source = record["source"]
            if (
                source in sources and record.get("source_hash") == sources[source]
                and record.get("fingerprint") == fingerprint and record.get("status") == "ok"
            ):
                by_source.setdefault(source, []).append(record)
        return {
            source: records for source, records in by_source.items()
            if len(records) == records[0].get("postings_in_source", 1)
        }

    def start(self, keep: list[dict], others: list[dict]) -> None:
        """Rewrite the file with the lines kept (this run's reused ones, and every line of
        sources this run does not touch), then open it for appending."""
        if self.path is None:
            return
        from ..files import WriteRefused, write_user_file

        self.path.parent.mkdir(parents=True, exist_ok=True)
        text = "".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n" for r in (*others, *keep))
        write_user_file(self.path, text, force=self.force)
        # Opened without blocking and looked at before use: had the path become a FIFO or
        # a device since the write, a plain open would hang or append to it.
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        except PermissionError:  # --force replaced a read-only file, but results are appended as they come
            raise WriteRefused("is read-only, and a review appends its results as it goes; not written", "read-only") from None
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise WriteRefused("is no longer a regular file; not written", "special")
        os.set_blocking(fd, True)
        self._fh = open(fd, "a", encoding="utf-8")  # noqa: SIM115 - held for the run, closed in close()

    def append(self, record: dict) -> None:
        if self._fh is not None:
            self._fh.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
            self._fh.flush()  # in the kernel's hands now: a killed process loses nothing written

    def close(self) -> None:
        if self._fh is not None:
            self._fh.flush()
            os.fsync(self._fh.fileno())
            self._fh.close()
            self._fh = None
