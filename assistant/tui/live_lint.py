"""For EditorApp: linting while the user types, and the rules' suggestions after a pause.

Linting runs in a thread, at most one at a time: keystrokes made while one runs are
gathered into a single next lint of the latest text, so typing never waits on the
engine, fast typing never builds a queue, and a result is shown only if no keystroke
came after the text it linted. The rules' suggestions are worked out once the findings
are shown, when typing has paused; the recovery draft is written after a pause too.

A mixin, not a widget: these are the app's handlers and the app owns their state (set
in `EditorApp.__init__`). Textual only wires `@on` handlers declared on the app class
itself, so `EditorApp` keeps the `@on(TextArea.Changed)` and calls `typed` from it.
"""

from __future__ import annotations

from textual import work

from .session import Linted
from .widgets import FindingsList, ScoresPanel

SUGGEST_PAUSE = 0.3  # seconds of quiet before the rules' suggestions are worked out
AUTOSAVE_PAUSE = 1.0  # the recovery file is at most this much (plus a write) behind


class LiveLintMixin:
    """The lint of the latest text, its findings on show, then the rules' edits for them."""

    def typed(self) -> None:
        """The buffer changed: a newer generation of the text, to lint and, soon, to keep."""
        self.generation += 1
        self.update_status()
        self.relint()
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(AUTOSAVE_PAUSE, self.autosave)

    def relint(self) -> None:
        if self._linting:
            self._pending = True
            return
        self._linting, self._pending = True, False
        self._lint(self.editor.text, self.generation)

    @property
    def caught_up(self) -> bool:
        """Whether the findings on show are those of the text in the editor, with no lint
        running: what a test, or anything else driving the editor, waits for."""
        return self.linted is not None and self.linted.text == self.editor.text and not self._linting

    @work(thread=True, group="lint")
    def _lint(self, text: str, generation: int) -> None:
        self.call_from_thread(self._linted, self.session.lint(text, generation))

    def _linted(self, linted: Linted) -> None:
        self._linting = False
        if self._pending:
            self.relint()
        if linted.generation != self.generation:
            return  # typed since: a newer lint is on its way
        self.linted = linted
        blank = not linted.report.posting.text.strip()
        self.editor.set_marks(linted.by_line())
        self.query_one("#scores", ScoresPanel).show(linted.report.scores, blank=blank)
        self.query_one("#findings", FindingsList).show(linted.report.findings, blank=blank)
        if self._suggest_timer is not None:
            self._suggest_timer.stop()
        self._suggest_timer = self.set_timer(SUGGEST_PAUSE, lambda: self._suggest(linted))

    @work(thread=True, exclusive=True, group="suggest")
    def _suggest(self, linted: Linted) -> None:
        if linted.generation != self.generation or self._from_model:
            return  # typing went on, or a model's edits are on show: leave them
        from ..llm.rewrite import rewrite_with_rules

        result = rewrite_with_rules(linted.report.posting, self.session.engine, before=linted.report)
        self.call_from_thread(self._suggested, linted.generation, result)

    def _suggested(self, generation: int, result) -> None:
        """Show a provider's edits, unless the text moved on since they were worked out."""
        if generation != self.generation:
            return
        self._from_model = result.provider != "rules"
        self.items = [(a, False) for a in result.accepted] + [(r, True) for r in result.refused]
        self.items_text = result.posting.text  # what the edits' offsets count in
        self.position = 0
        self.show_suggestion()

    def autosave(self) -> None:
        if self.dirty:
            self.recovery.save(self.editor.text)
