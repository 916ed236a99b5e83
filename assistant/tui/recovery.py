"""Drafts kept safe between saves: the editor's buffer, written where a crash can't reach.

Every editing process has a draft of its own (`<path key>.<pid>-<token>.json`) beside a
lock file it holds with `flock` for as long as it runs (`….lock`). The kernel drops
the lock when the process ends, however it ends, so "its lock is free" means "its
editor is gone": only such drafts are offered for restore, and a running editor's
draft is never offered or deleted by another. One more lock per edited path
(`<path key>.editing.lock`) says which editor may save to the file; a second editor
on the same file cannot take it and is asked what to do instead.

A clean save or quit removes the draft; closing without either (a crash, a kill, a
closed terminal) leaves it for the next editor of that path. Folders are 0700 and
every file 0600: drafts are the user's unpublished words.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import json
import os
import time
import uuid
from pathlib import Path

from .._record import Record

SCRATCH = "<scratch>"


def state_dir() -> Path:
    from ..locations import recovery_dir

    return recovery_dir()


def _private_folder(folder: Path) -> None:
    """Create `folder` for the owner only, and close an existing one that is open wider
    (older versions made it 0755). The `posting-assistant` folder above the default
    location is ours too; the XDG folder above that is not, and is left as it is."""
    ours = [folder.parent, folder] if folder == state_dir() else [folder]
    for each in ours:
        try:
            each.mkdir(mode=0o700, parents=True)
        except FileExistsError:
            pass
        if each.stat().st_mode & 0o777 != 0o700:
            os.chmod(each, 0o700)


class _Lock:
    """An exclusive `flock` on a file of its own, held until released or the process ends."""

    def __init__(self, path: Path):
        self.path = path
        self.fd: int | None = None

    def take(self) -> bool:
        """True once held; False when another process (or another open here) holds it."""
        for _ in range(8):  # a holder may remove the file as it lets go: open it again
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as exc:
                os.close(fd)
                if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                    return False
                raise
            try:
                here, there = os.fstat(fd), os.stat(self.path, follow_symlinks=False)
                current = (here.st_dev, here.st_ino) == (there.st_dev, there.st_ino)
            except FileNotFoundError:
                current = False
            if current:
                self.fd = fd
                return True
            os.close(fd)  # we locked a file that was removed meanwhile: a lock on nothing
        return False

    def note(self, text: str) -> None:
        """Write who holds it, for the message a second editor shows."""
        if self.fd is not None:
            os.ftruncate(self.fd, 0)
            os.pwrite(self.fd, text.encode("utf-8"), 0)

    def release(self) -> None:
        """Remove the file while still holding it (so nobody locks a file about to go), then let go."""
        if self.fd is None:
            return
        try:
            os.unlink(self.path)
        except OSError:
            pass
        os.close(self.fd)
        self.fd = None


class Leftover(Record):
    """A draft left by an editor that is no longer running, held by this editor until it
    is restored or discarded, so no other editor opening the file offers it meanwhile."""

    __slots__ = ("file", "text", "saved_at", "lock")

    def __init__(self, file: Path, text: str, saved_at: float, lock: _Lock):
        self.file = file
        self.text = text
        self.saved_at = saved_at
        self.lock = lock

    def discard(self) -> None:
        try:
            self.file.unlink()
        except OSError:
            pass
        self.lock.release()

    def release(self) -> None:
        """Not answered now: keep it for the next editor to offer."""
        self.lock.release()


def _read(file: Path) -> dict | None:
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and isinstance(data.get("text"), str) else None


class Recovery:
    """This editor's draft of one path (None: the scratch buffer), and its hold on the path."""

    def __init__(self, path: Path | None, folder: Path | None = None):
        self.path = path.resolve() if path is not None else None
        self.folder = folder or state_dir()
        name = str(self.path) if self.path is not None else SCRATCH
        self.key = hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:24]
        self.id = f"{os.getpid()}-{uuid.uuid4().hex[:10]}"
        self.file = self.folder / f"{self.key}.{self.id}.json"
        self._alive = _Lock(self.file.with_suffix(".lock"))
        self._holds: _Lock | None = None
        try:
            _private_folder(self.folder)
            self.usable = self._alive.take()
        except OSError:  # no state folder to write: edit without drafts rather than not at all
            self.usable = False

    # ---- the path -----------------------------------------------------------
    @property
    def _path_lock(self) -> Path:
        return self.folder / f"{self.key}.editing.lock"

    def claim(self) -> bool:
        """Take the path for this editor; False when another running editor has it. The
        scratch buffer is nobody else's, and without a state folder nothing can be known."""
        if self._holds is not None or self.path is None or not self.usable:
            return True
        lock = _Lock(self._path_lock)
        try:
            if not lock.take():
                return False
            lock.note(str(os.getpid()))
        except OSError:
            return True
        self._holds = lock
        return True

    def holder(self) -> int | None:
        """The process that holds the path, as it wrote itself down (None: unknown)."""
        try:
            return int(self._path_lock.read_text(encoding="utf-8").strip())
        except (OSError, ValueError):
            return None

    # ---- this editor's draft ------------------------------------------------
    def save(self, text: str) -> None:
        """Write the buffer; a failure is ignored (the next pause tries again)."""
        if not self.usable:
            return
        from ..files import atomic_write

        data = {"path": str(self.path) if self.path else None, "pid": os.getpid(), "saved_at": time.time(), "text": text}
        try:
            atomic_write(self.file, json.dumps(data, ensure_ascii=False), private=True)
        except OSError:
            pass

    def load(self) -> str | None:
        """This editor's own draft, or None when there is none (or it is unreadable)."""
        data = _read(self.file)
        return data["text"] if data else None

    def discard(self) -> None:
        try:
            self.file.unlink()
        except OSError:
            pass

    def close(self) -> None:
        """This editor is done: let go of the path and of its draft, which stays (if it was
        not discarded) for the next editor of the path to offer."""
        if self._holds is not None:
            self._holds.release()
            self._holds = None
        self._alive.release()

    # ---- what others left ---------------------------------------------------
    def leftovers(self) -> list[Leftover]:
        """Drafts of this path whose editors are gone, newest first, each held for this editor."""
        if not self.usable:
            return []
        found = []
        legacy = self.folder / f"{self.key}.json"  # one draft per path, before drafts had owners
        for file in sorted(self.folder.glob(f"{self.key}.*.json")) + [legacy]:
            if file == self.file or not file.exists():
                continue
            lock = _Lock(file.with_suffix(".lock"))
            try:
                if not lock.take():
                    continue  # its editor is running
            except OSError:
                continue
            data = _read(file)
            same = data is not None and data.get("path") == (str(self.path) if self.path else None)
            if not same:
                lock.release()
                continue
            saved = data.get("saved_at")
            found.append(Leftover(file, data["text"], saved if isinstance(saved, (int, float)) else 0.0, lock))
        return sorted(found, key=lambda left: -left.saved_at)
