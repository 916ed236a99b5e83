"""The editor's side of recovery: who may write the file, and drafts others left behind.

A file is written by one editor at a time. A second editor on it is asked, before it
can type a word, to open it read-only, to edit a copy of its own that is saved beside
the original, or to quit, so that typing in it never silently loses to (or
overwrites) the first editor's work. Drafts of editors that are gone are offered one
at a time, newest first.
"""

from __future__ import annotations

from pathlib import Path

from .recovery import Leftover, Recovery
from .screens import Choice

READ_ONLY = "Opened read-only: the file is open in another editor, so nothing typed here is kept or saved."


def copies_of(path: Path):
    """Names for a copy beside `path`: `job (copy).md`, `job (copy 2).md`, …"""
    yield path.with_name(f"{path.stem} (copy){path.suffix}")
    for n in range(2, 100):
        yield path.with_name(f"{path.stem} (copy {n}){path.suffix}")


def free_copy(path: Path, folder: Path) -> tuple[Path, Recovery] | None:
    """The first copy's name that no file has and no editor holds, held for this editor."""
    for candidate in copies_of(path):
        if candidate.exists() or candidate.is_symlink():
            continue
        recovery = Recovery(candidate, folder)
        if recovery.claim():
            return candidate, recovery
        recovery.close()
    return None


class SharingMixin:
    """For EditorApp: the in-use question, read-only mode, own copies and leftover drafts."""

    read_only = False
    copy_of: Path | None = None  # the file this editor's copy was made from
    leftover: Leftover | None = None  # the draft on offer now

    def start_editing(self) -> None:
        """On mount: take the file, or ask what to do when another editor has it."""
        if self.recovery.claim():
            self.offer_leftovers()
            return
        holder = self.recovery.holder()
        who = f"another editor (process {holder})" if holder else "another editor"
        copy = next((c for c in copies_of(self.session.path) if not c.exists()), None)
        as_copy = f", saved beside it as {copy.name}" if copy is not None else " (there is no free name for one)"
        self.push_screen(
            Choice(
                f"{self.session.name} is open in {who}. Typing here would not reach it, and saving "
                "here would overwrite what is typed there.",
                {"r": "Open it read-only", "c": f"Edit your own copy{as_copy}", "q": "Quit"},
                "in-use-dialog", cancel="read-only", one_per_line=True,
            ),
            self._in_use_answered,
        )

    def _in_use_answered(self, answer: str | None) -> None:
        if answer == "q":
            self.exit()
        elif answer == "c":
            self.own_copy()
        else:
            self.read_only = True
            self.editor.read_only = True
            self.update_status()
            self.notify(READ_ONLY, timeout=8)

    def own_copy(self) -> None:
        original = self.session.path
        found = free_copy(original, self.recovery.folder)
        if found is None:
            self.notify("No free name for a copy beside the file; opened read-only.", severity="error")
            self._in_use_answered("r")
            return
        path, recovery = found
        self.recovery.discard()
        self.recovery.close()
        self.recovery = recovery
        self.session.path = path
        self.session.disk_hash = None  # a new file: nothing on disk to compare with yet
        self.copy_of = original
        self.update_status()
        self.notify(f"Editing your own copy: ctrl+s writes {path.name} beside {original.name}, never {original.name} itself.",
                    timeout=10)
        self.call_after_refresh(self.offer_leftovers)  # a crashed copy's draft, once the question is gone

    def refused_read_only(self) -> bool:
        """True (and says why) when this editor must not change the text or save it."""
        if self.read_only:
            self.notify(READ_ONLY, severity="warning")
        return self.read_only

    # ---- drafts left by editors that are gone ---------------------------------
    def offer_leftovers(self) -> None:
        for left in self.recovery.leftovers():
            if self.leftover is None and left.text != self.initial_text:
                self.leftover = left
            elif left.text == self.initial_text:
                left.discard()  # nothing in it the file does not have
            else:
                left.release()  # offered after this one, the next time the file is opened
        if self.leftover is not None:
            self.push_screen(
                Choice(f"{self.session.name} has unsaved text from a session that did not end cleanly.",
                       {"r": "Restore it", "d": "Discard it"}, "restore-dialog"),
                self._restore,
            )

    def _restore(self, answer: str | None) -> None:
        left, self.leftover = self.leftover, None
        if left is None:
            return
        if answer == "r":
            self.recovery.save(left.text)  # ours now, before the other copy goes
            left.discard()
            self.editor.replace(left.text, (0, 0), self.editor.document.end)
            self.notify("Restored the unsaved text.")
        elif answer == "d":
            left.discard()
        else:
            left.release()  # not now: offered again next time
        if answer == "d":  # an older one, if another session also ended badly; once this dialog is gone
            self.call_after_refresh(self.offer_leftovers)

    def stop_editing(self) -> None:
        """On unmount: let go of everything; an unsaved draft stays, as after a crash."""
        if self.leftover is not None:
            self.leftover.release()
            self.leftover = None
        self.recovery.close()
