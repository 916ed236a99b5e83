"""For EditorApp: save, save as, and quit, each asking first where work could be lost.

Saving over a file that changed on disk since it was opened asks first; "save as" moves
the recovery draft to the new name and refuses a name another editor holds; quitting with
unsaved changes offers to save. A clean save or quit discards the recovery draft; any
other ending leaves it, to be offered next time.
"""

from __future__ import annotations

from pathlib import Path

from ..safe_text import shown_path
from .recovery import Recovery
from .screens import AskPath, Choice


class SavingMixin:
    """ctrl+s, save as (ctrl+shift+s or F12) and ctrl+q."""

    def action_save(self) -> None:
        if self.refused_read_only():
            return
        if self.session.path is None:
            self.action_save_as()
        elif self.session.changed_on_disk():
            self.push_screen(
                Choice(f"{self.session.name} changed on disk since it was opened.", {"o": "Overwrite it"}, "overwrite-dialog"),
                lambda answer: self._write() if answer == "o" else None,
            )
        else:
            self._write()

    def action_save_as(self) -> None:
        if self.refused_read_only():
            return

        def chosen(value: str | None) -> None:
            if not value:
                return
            path = Path(value).expanduser()
            if path.suffix not in (".md", ".txt"):
                self.notify("Save as .md or .txt.", severity="error")
                return
            if self.recovery.path is not None and path.resolve() == self.recovery.path:
                self.action_save()
                return
            new = Recovery(path, self.recovery.folder)
            if not new.claim():  # never over a file another editor is working on
                new.close()
                self.notify(f"{shown_path(value)} is open in another editor; choose another name.", severity="error")
                return
            if self.dirty:
                new.save(self.editor.text)  # kept under the new name before the old draft goes
            self.recovery.discard()
            self.recovery.close()
            self.recovery = new
            self.session.path = path
            self.session.disk_hash = None
            self.copy_of = None
            self.action_save()

        self.push_screen(AskPath("Save as:", self.session.name if self.session.path else "posting.md"), chosen)

    def _write(self) -> bool:
        text = self.editor.text
        try:
            self.session.save(text)
        except OSError as exc:
            self.notify(f"Not saved: {exc.strerror or exc}", severity="error", timeout=8)
            return False
        self.saved_text = text
        self.recovery.discard()
        self.update_status()
        self.notify(f"Saved {shown_path(self.session.name)}.")
        return True

    async def action_quit(self) -> None:
        if not self.dirty:
            self.recovery.discard()
            self.exit()
            return

        def answered(answer: str | None) -> None:
            if answer == "s" and self.session.path is not None and self._write():
                self.exit()
            elif answer == "s":
                self.action_save()
            elif answer == "q":
                self.recovery.discard()
                self.exit()

        self.push_screen(
            Choice(f"{self.session.name} has unsaved changes.", {"s": "Save and quit", "q": "Quit without saving"}, "quit-dialog"),
            answered,
        )
