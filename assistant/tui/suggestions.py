"""For EditorApp: the edits on offer, one at a time, and applying the ones accepted.

The suggestion panel shows the rules' edits (or a model's) for the text as it was when
they were worked out. Accepting one finds its text again in the buffer, since the user
may have typed since, and makes the change through the source map, so the buffer keeps
its own markup and line ends.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import Vertical

from ..phrasing import plural
from .session import Locator
from .widgets import SuggestionPanel


class SuggestionsBox(Vertical, can_focus=True):
    """Holds the suggestion panel; its keys act on the suggestion shown."""

    BINDINGS = [
        Binding("a", "app.accept", "Accept", id="suggestion.accept"),
        Binding("r", "app.refuse", "Refuse", id="suggestion.refuse"),
        Binding("n", "app.next", "Next", id="suggestion.next"),
        Binding("A", "app.accept_safe", "Accept all safe", id="suggestion.accept-safe"),
    ]


class SuggestionsMixin:
    """Next, refuse, accept, accept all safe fixes: the suggestion box's keys."""

    def show_suggestion(self) -> None:
        panel = self.query_one("#suggestions", SuggestionPanel)
        if not self.items:
            self._from_model = False  # the model's edits are all dealt with: the rules may suggest again
            panel.show(None, "")
            return
        item, refused = self.items[self.position]
        panel.show(item, f"{self.position + 1}/{len(self.items)}", refused)

    def action_next(self) -> None:
        if self.items:
            self.position = (self.position + 1) % len(self.items)
            self.show_suggestion()

    def action_refuse(self) -> None:
        if self.items:
            del self.items[self.position]
            self.position = min(self.position, max(0, len(self.items) - 1))
            self.show_suggestion()

    def action_accept(self) -> None:
        if self.refused_read_only():
            return
        if not self.items:
            return
        item, refused = self.items[self.position]
        if refused:
            self.notify("Our checks refused this edit; it cannot be applied.", severity="warning")
            return
        if self.linted is None or self.linted.text != self.editor.text:
            self.notify("The findings are catching up with your typing; accept again in a moment.", severity="warning")
            return
        span = self._span_now(item)
        if span is None:
            self.notify("The text changed where this edit applies; it was dropped.", severity="warning")
        else:
            self._apply([(*span, item.replacement)])
        del self.items[self.position]
        self.position = 0
        self.show_suggestion()

    def _span_now(self, item) -> tuple[int, int] | None:
        """Where the edit's text is now: the text may have changed since it was proposed
        (a model's edits stay on show while you type), so it is found again, once, or not at all."""
        from ..llm.checks import locate

        text = self.linted.report.posting.text
        if text == self.items_text:
            return item.start, item.end
        found = locate(item.original, text)
        return found if isinstance(found, tuple) else None

    def action_accept_safe(self) -> None:
        """Apply every safe fix the rules offer (what `lint --fix` applies)."""
        if self.refused_read_only():
            return
        from ..fixes import safe_edits

        if self.linted is None or self.linted.text != self.editor.text:
            return
        edits = safe_edits(self.linted.report)  # source spans, last first
        if not edits:
            self.notify("No safe fixes to apply.")
            return
        locate = Locator(self.editor.text)
        for start, end, replacement in edits:
            self.editor.replace(replacement, locate.location(start), locate.location(end))
        self.notify(f"Applied {plural(len(edits), 'safe fix', 'safe fixes')}.")

    def _apply(self, spans) -> None:
        """Edits in the normalised text, made in the buffer through the source map."""
        from ..llm.rewrite import Editor

        editor = Editor(self.linted.report.posting, self.session.engine)
        locate = Locator(self.editor.text)
        for start, end, replacement in editor.source_edits(spans):
            self.editor.replace(replacement, locate.location(start), locate.location(end))
