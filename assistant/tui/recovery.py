"""Drafts kept safe between saves: the editor's buffer, written where a crash can't reach.

The buffer is written (atomically) under the XDG state directory shortly after each
pause in typing, one file per edited path (or one for the scratch buffer). A clean
save or quit removes it; finding it on open means the last session ended without
either, so the editor offers to restore it.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path


def state_dir() -> Path:
    base = os.environ.get("XDG_STATE_HOME") or os.path.join(os.path.expanduser("~"), ".local", "state")
    return Path(base) / "posting-assistant" / "recovery"


class Recovery:
    """The recovery file of one path (None: the scratch buffer)."""

    def __init__(self, path: Path | None, folder: Path | None = None):
        self.path = path.resolve() if path is not None else None
        name = str(self.path) if self.path is not None else "<scratch>"
        self.file = (folder or state_dir()) / (hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:24] + ".json")

    def save(self, text: str) -> None:
        """Write the buffer; a failure is ignored (the next pause tries again)."""
        from ..fixes import atomic_write

        data = {"path": str(self.path) if self.path else None, "saved_at": time.time(), "text": text}
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(self.file, json.dumps(data, ensure_ascii=False), private=True)
        except OSError:
            pass

    def load(self) -> str | None:
        """The text a previous session left, or None when there is none (or it is unreadable)."""
        try:
            data = json.loads(self.file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        text = data.get("text") if isinstance(data, dict) else None
        return text if isinstance(text, str) else None

    def discard(self) -> None:
        try:
            self.file.unlink()
        except OSError:
            pass
