"""`posting-assistant edit`: the hiring manager's editor.

The app's handlers own the state (the session, the latest lint, the suggestions);
workers only compute and hand results back. The handlers are grouped by what they do,
one mixin per job, as posting and harlequin group theirs:

- `live_lint.LiveLintMixin`: linting while the user types, the rules' suggestions after a pause
- `suggestions.SuggestionsMixin`: the edits on offer, accepted or refused
- `model_requests.ModelRequestsMixin`: rewrites and drafts asked of the model, and cancelling them
- `saving.SavingMixin`: save, save as, quit
- `sharing.SharingMixin`: a file another editor has open, and drafts left by editors that are gone

This module keeps what ties them together: the keys, the state, the layout, the status
line, the findings list, and every `@on` handler (Textual wires only those declared on
the app class itself, so the mixins' handlers are called from here).
"""

from __future__ import annotations

import os
from pathlib import Path

from rich.text import Text
from textual import events, on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Static, TextArea
from textual.worker import Worker

from ..safe_text import clean, shown_path
from .commands import EditorCommands
from .live_lint import AUTOSAVE_PAUSE, SUGGEST_PAUSE, LiveLintMixin
from .model_requests import ModelRequestsMixin
from .recovery import Recovery
from .saving import SavingMixin
from .screens import Explain, Help
from .session import Linted, Session
from .sharing import SharingMixin
from .suggestions import SuggestionsBox, SuggestionsMixin
from .widgets import FindingsList, PostingArea, ScoresPanel, SuggestionPanel

__all__ = ["AUTOSAVE_PAUSE", "SUGGEST_PAUSE", "EditorApp", "SuggestionsBox", "make_app"]


class EditorApp(SharingMixin, LiveLintMixin, SuggestionsMixin, ModelRequestsMixin, SavingMixin, App):
    CSS_PATH = "app.tcss"
    TITLE = "posting-assistant"
    COMMANDS = App.COMMANDS | {EditorCommands}
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="file.save", priority=True),
        Binding("ctrl+shift+s,f12", "save_as", "Save as", id="file.save-as", show=False),
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True),
        Binding("ctrl+r", "rewrite", "Rewrite", id="llm.rewrite"),
        Binding("ctrl+n", "new_from_brief", "From a brief", id="file.new-from-brief", show=False),
        Binding("escape", "cancel", "Cancel request", id="llm.cancel", show=False, priority=True),
        Binding("f1", "help", "Help", id="app.help"),
    ]

    def __init__(
        self, session: Session, text: str, recovery: Recovery, settings=None, keymap: dict | None = None,
        theme: str | None = None, exemplar_dir: Path | None = None,
    ):
        super().__init__()
        self.session = session
        self.initial_text = text
        self.saved_text = text
        self.recovery = recovery
        self.settings = settings  # client.Settings, or None: the rules provider serves
        self.generation = 0
        self.linted: Linted | None = None
        self.items: list[tuple[object, bool]] = []  # (accepted or refused edit, refused?)
        self.items_text = ""
        self.position = 0
        self.working = ""
        self._linting = False  # a lint is running in its thread
        self._pending = False  # keystrokes came during it: lint again when it is done
        self._from_model = False  # the suggestions shown came from a model, not the rules
        self._suggest_timer = None
        self._save_timer = None
        self.shown_finding = None  # the selection the findings list made, until the editor has focus again
        self.exemplar_dir = exemplar_dir  # whose structure a draft from a brief follows
        if keymap:
            self.set_keymap(keymap)
        if theme and theme in self.available_themes:
            self.theme = theme

    # ---- layout -------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Horizontal(id="main"):
            yield PostingArea(self.initial_text, id="editor", language=_language(self.session))
            with Vertical(id="side"):
                yield ScoresPanel(id="scores")
                yield FindingsList(id="findings")
                with SuggestionsBox(id="suggestions-box"):
                    yield SuggestionPanel(id="suggestions")
        yield Static(id="status", markup=False)  # it shows file names, which may hold [brackets]
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#scores", ScoresPanel).show(None)
        self.query_one("#suggestions", SuggestionPanel).show(None, "")
        self.editor.focus()
        self.update_status()
        self.relint()
        self.start_editing()

    def on_unmount(self) -> None:
        self.stop_editing()

    def notify(self, message: str, *, markup: bool = False, **kwargs) -> None:
        """Plain text unless asked: messages name files and quote postings, and square
        brackets there are not markup (nor a click action)."""
        super().notify(message, markup=markup, **kwargs)

    def notifications_shown(self) -> list[str]:
        """The messages on show now, oldest first: what the user has just been told.
        Textual keeps them to itself; tests, and anything else driving the editor, read them here."""
        return [n.message for n in self._notifications]

    @property
    def editor(self) -> PostingArea:
        return self.query_one("#editor", PostingArea)

    @property
    def dirty(self) -> bool:
        return self.editor.text != self.saved_text

    def update_status(self) -> None:
        if self.settings is not None:
            who = f"provider openai · model {self.settings.model}"
        else:
            who = "provider rules (no OPENAI_API_KEY) · model —"
        state = f" · {self.working}… (Esc cancels)" if self.working else ""
        # Text, not markup: a file name is shown as it is, with its controls escaped.
        name = shown_path(self.session.name)
        if self.read_only:
            name += " · read-only"
        elif self.copy_of is not None:
            name += f" (your copy of {shown_path(self.copy_of.name)})"
        self.query_one("#status", Static).update(Text(f"{name}{' ●' if self.dirty else ''} · {who}{state}"))

    # ---- messages (the mixins' handlers are called from here) ---------------
    @on(TextArea.Changed, "#editor")
    def _typed(self) -> None:
        self.typed()

    @on(Worker.StateChanged)
    def _worker_done(self, event: Worker.StateChanged) -> None:
        self.request_done(event)

    # ---- findings -----------------------------------------------------------
    @on(FindingsList.OptionHighlighted, "#findings")
    def _go_to_finding(self, event: FindingsList.OptionHighlighted) -> None:
        """The user moving through the list sees each finding selected in the text. Only
        while the list has focus: a selection made for them must never be live when
        they type (see `_back_to_editor`)."""
        findings = self.query_one("#findings", FindingsList)
        finding = self._finding(event.option.id)
        if not findings.has_focus or finding is None or finding.start is None or self.linted is None:
            return
        start, end = self.session.source_span(self.linted, finding.start, finding.end)
        from textual.widgets.text_area import Selection

        self.shown_finding = Selection(start, end)
        self.editor.selection = self.shown_finding
        self.editor.scroll_cursor_visible(center=True)

    @on(events.DescendantFocus)
    def _back_to_editor(self, event: events.DescendantFocus) -> None:
        """Typing replaces a selection, so the one the findings list made becomes a cursor
        at the finding's start; a selection the user makes in the editor stays theirs."""
        if event.widget is not self.editor:
            return
        shown, self.shown_finding = self.shown_finding, None
        if shown is not None and self.editor.selection == shown:
            from textual.widgets.text_area import Selection

            self.editor.selection = Selection.cursor(min(shown))

    @on(FindingsList.OptionSelected, "#findings")
    def _explain(self, event: FindingsList.OptionSelected) -> None:
        finding = self._finding(event.option.id)
        if finding is None:
            return
        from ..report.ruledocs import explain

        rule = next((r for r in self.session.engine.all_rules if r.id == finding.rule), None)
        if rule is not None:
            self.push_screen(Explain(clean(f"{finding.message}\n\n{explain(rule)}")))

    def _finding(self, option_id):
        if option_id is None or self.linted is None:
            return None
        findings = self.linted.report.findings
        index = int(option_id)
        return findings[index] if index < len(findings) else None

    def highlighted_finding(self):
        findings = self.query_one("#findings", FindingsList)
        if findings.highlighted is None:
            return None
        return self._finding(findings.get_option_at_index(findings.highlighted).id)

    def action_help(self) -> None:
        self.push_screen(Help())


def _language(session: Session) -> str | None:
    """Markdown highlighting when the optional grammar is installed; plain text otherwise."""
    if session.fmt != "md":
        return None
    try:
        import tree_sitter_markdown  # noqa: F401
    except ImportError:
        return None
    return "markdown"


def make_app(path: str | Path | None = None, engine=None, config=None, environ=None) -> EditorApp:
    """The editor for `path` (None: a scratch buffer); tests pass their own engine and environment."""
    from ..api import engine_for
    from ..config import Config, with_user_config
    from ..llm.client import Settings

    config = with_user_config(config or Config())
    session = Session(engine or engine_for(config), Path(path) if path else None)
    text = session.read()
    environ = os.environ if environ is None else environ
    settings = Settings.resolve(config, environ=environ)
    return EditorApp(
        session, text, Recovery(session.path), settings if settings.api_key else None, config.keymap, config.theme,
        config.exemplars,
    )
