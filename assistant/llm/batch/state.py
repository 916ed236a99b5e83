"""The state file: the batches a run left on the server, so a later run collects them.

It holds ids and digests only (no key, no prompt), and is rewritten whole and
atomically after every change, so a run killed at any point leaves a file that is
either the old one or the new one.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..._record import Record
from .lines import Request

STATE_FORMAT = "posting-assistant batch state"


class BatchJob(Record):
    """A batch on the server, as the state file remembers it."""

    __slots__ = ("batch_id", "input_file_id", "lines")

    def __init__(self, batch_id: str, input_file_id: str, lines: dict[str, str]):
        self.batch_id = batch_id
        self.input_file_id = input_file_id
        self.lines = lines  # custom_id → digest of the line sent: what the batch will answer

    def as_dict(self) -> dict:
        return {"batch_id": self.batch_id, "input_file_id": self.input_file_id, "lines": self.lines}


class State:
    """The batches of this run that are on the server and not yet read, kept on disk.

    Rewritten whole after every change, atomically (a temporary file, then a rename),
    so a run killed at any point leaves either the old file or the new one.
    """

    def __init__(self, path, endpoint: str, jobs: list[BatchJob] | None = None):
        self.path = Path(path)
        self.endpoint = endpoint
        self.jobs = list(jobs or [])

    @classmethod
    def load(cls, path, endpoint: str) -> State:
        """The jobs an earlier run left for this endpoint; none if the file is missing, unreadable or for another one."""
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
            if data.get("format") != STATE_FORMAT or data.get("endpoint") != endpoint:
                return cls(path, endpoint)
            jobs = [BatchJob(j["batch_id"], j["input_file_id"], dict(j["lines"])) for j in data["jobs"]]
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return cls(path, endpoint)
        return cls(path, endpoint, jobs)

    def add(self, job: BatchJob) -> None:
        self.jobs.append(job)
        self.save()

    def drop(self, job: BatchJob) -> None:
        self.jobs = [j for j in self.jobs if j.batch_id != job.batch_id]
        self.save()

    def save(self) -> None:
        if not self.jobs:
            self.forget()
            return
        from ...files import atomic_write

        text = json.dumps({"format": STATE_FORMAT, "version": 1, "endpoint": self.endpoint,
                           "jobs": [j.as_dict() for j in self.jobs]}, ensure_ascii=False, indent=1)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(self.path, text, private=True)

    def probe(self) -> None:
        """Raise OSError now if the file cannot be written, before a batch is paid for that no run could find again."""
        import tempfile

        self.path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=self.path.parent, prefix=f".{self.path.name}."):
            pass

    def forget(self) -> None:
        self.jobs = []
        try:
            self.path.unlink()
        except FileNotFoundError:
            pass

    def covering(self, requests: list[Request]) -> list[BatchJob] | None:
        """The saved jobs that hold every one of `requests`, line for line; None when any is
        missing or differs (a changed prompt, model or schema: the old answers are not these)."""
        owner = {cid: (job, digest) for job in self.jobs for cid, digest in job.lines.items()}
        jobs: list[BatchJob] = []
        for request in requests:
            job, digest = owner.get(request.custom_id, (None, None))
            if job is None or digest != request.digest:
                return None
            if job not in jobs:
                jobs.append(job)
        return jobs
