"""`posting-assistant edit`: the hiring manager's editor.

The app's handlers own the state (the session, the latest lint, the suggestions);
workers only compute and hand results back. Linting runs in a thread, at most one at
a time: keystrokes made while one runs are gathered into a single next lint of the
latest text, so typing never waits on the engine, fast typing never builds a queue,
and a result is shown only if no keystroke came after the text it linted. The rules'
suggestions are worked out once the findings are shown, when typing has paused.
"""

from __future__ import annotations

import os
from pathlib import Path

from rich.text import Text
from textual import events, on, work
from textual.actions import SkipAction
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Static, TextArea
from textual.worker import Worker, WorkerState

from ..safe_text import clean, shown_path
from .commands import EditorCommands
from .recovery import Recovery
from .screens import AskPath, Choice, Explain, Help
from .sharing import SharingMixin
from .session import Linted, Locator, Session
from .widgets import FindingsList, PostingArea, ScoresPanel, SuggestionPanel

SUGGEST_PAUSE = 0.3  # seconds of quiet before the rules' suggestions are worked out
AUTOSAVE_PAUSE = 1.0  # the recovery file is at most this much (plus a write) behind


class SuggestionsBox(Vertical, can_focus=True):
    """Holds the suggestion panel; its keys act on the suggestion shown."""

    BINDINGS = [
        Binding("a", "app.accept", "Accept", id="suggestion.accept"),
        Binding("r", "app.refuse", "Refuse", id="suggestion.refuse"),
        Binding("n", "app.next", "Next", id="suggestion.next"),
        Binding("A", "app.accept_safe", "Accept all safe", id="suggestion.accept-safe"),
    ]


class EditorApp(SharingMixin, App):
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

    # ---- live lint ----------------------------------------------------------
    @on(TextArea.Changed, "#editor")
    def _typed(self) -> None:
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

    # ---- suggestions --------------------------------------------------------
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
        self.notify(f"Applied {len(edits)} safe fix{'es' if len(edits) != 1 else ''}.")

    def _apply(self, spans) -> None:
        """Edits in the normalised text, made in the buffer through the source map."""
        from ..llm.rewrite import Editor

        editor = Editor(self.linted.report.posting, self.session.engine)
        locate = Locator(self.editor.text)
        for start, end, replacement in editor.source_edits(spans):
            self.editor.replace(replacement, locate.location(start), locate.location(end))

    # ---- the model ----------------------------------------------------------
    def selection_span(self) -> tuple[int, int] | None:
        """The editor's selection as a span of the posting's text, or None."""
        start, end = sorted(self.editor.selection)
        if start == end or self.linted is None or self.linted.text != self.editor.text:
            return None
        locate = Locator(self.linted.text)
        to_text = self.linted.report.posting.source_map.to_normalised
        return to_text(locate.offset(*start)), to_text(locate.offset(*end))

    def section_span(self) -> tuple[int, int] | None:
        """The section the cursor is in, as a span of the posting's text."""
        if self.linted is None or self.linted.text != self.editor.text:
            return None
        posting = self.linted.report.posting
        here = posting.source_map.to_normalised(Locator(self.linted.text).offset(*self.editor.cursor_location))
        return next(((s.start, s.end) for s in posting.sections if s.start <= here < s.end), None)

    def highlighted_finding(self):
        findings = self.query_one("#findings", FindingsList)
        if findings.highlighted is None:
            return None
        return self._finding(findings.get_option_at_index(findings.highlighted).id)

    def action_rewrite(self, scope: str = "auto") -> None:
        """Ask for edits: the selection if there is one (else the whole posting), the
        cursor's section, or the highlighted finding."""
        if self.refused_read_only():
            return
        if self.linted is None or self.linted.text != self.editor.text:
            self.notify("Wait for the findings to catch up, then ask again.")
            return
        within, select = None, ()
        if scope == "section":
            within = self.section_span()
        elif scope == "finding":
            finding = self.highlighted_finding()
            if finding is None or finding.start is None:
                self.notify("Highlight a finding with a place in the text first.")
                return
            within, select = (finding.start, finding.end), (finding.rule,)
        else:
            within = self.selection_span()
        self.working = "asking the model" if self.settings is not None else "working out rule edits"
        self.update_status()
        self._rewrite(self.linted, self.generation, within, select)

    @work(exclusive=True, exit_on_error=False, group="llm")
    async def _rewrite(self, linted: Linted, generation: int, within=None, select=()):
        from ..llm.rewrite import rewrite_with_model, rewrite_with_rules

        posting, engine = linted.report.posting, self.session.engine
        if self.settings is None:
            return generation, rewrite_with_rules(posting, engine, select, before=linted.report, within=within)
        from ..llm.client import Client
        from ..llm.exemplar_texts import prompt_exemplars
        from ..resources import data_dir

        exemplars = prompt_exemplars(engine, self.exemplar_dir or data_dir("seeds"))  # parsed once per process
        async with Client(self.settings) as client:
            return generation, await rewrite_with_model(posting, engine, client, select, within=within, exemplars=exemplars)

    def action_new_from_brief(self) -> None:
        if self.refused_read_only():
            return
        from .brief_form import BriefForm

        def drafted(brief) -> None:
            if brief is not None:
                self.working = "drafting from the brief"
                self.update_status()
                self._draft(brief)

        self.push_screen(BriefForm(), drafted)

    @work(exclusive=True, exit_on_error=False, group="draft")
    async def _draft(self, brief):
        from ..llm.draft import draft
        from ..resources import data_dir
        from ..rubric.exemplars import load_exemplars

        exemplars = load_exemplars(self.exemplar_dir or data_dir("seeds"))
        if self.settings is None:
            return await draft(brief, self.session.engine, None, exemplars, path=self.session.name)
        from ..llm.client import Client

        async with Client(self.settings) as client:
            return await draft(brief, self.session.engine, client, exemplars, path=self.session.name)

    def _drafted(self, result) -> None:
        if result.refused:
            reasons = "; ".join(f"{r.where}: {r.reason}" for r in result.refused[:3])
            self.notify(clean(reasons), title="The draft was refused", severity="error", timeout=12, markup=False)
            return
        self.editor.replace(result.markdown, (0, 0), self.editor.document.end)
        self.notify("Drafted from the brief (ctrl+z undoes). Save with ctrl+s.")

    @on(Worker.StateChanged)
    def _worker_done(self, event: Worker.StateChanged) -> None:
        group = event.worker.group
        if group not in ("llm", "draft") or event.state not in (WorkerState.SUCCESS, WorkerState.ERROR, WorkerState.CANCELLED):
            return
        self.working = ""
        self.update_status()
        if event.state == WorkerState.ERROR:
            what = "The rewrite failed" if group == "llm" else "The draft failed"
            from ..llm.client import describe

            self.notify(describe(event.worker.error), title=what, severity="error", timeout=8, markup=False)
        elif event.state == WorkerState.SUCCESS and group == "draft":
            self._drafted(event.worker.result)
        elif event.state == WorkerState.SUCCESS:
            generation, result = event.worker.result
            if generation != self.generation:
                self.notify("The text changed while the model was answering; ask again.", severity="warning")
                return
            self._suggested(generation, result)
            n = len(result.accepted)
            self.notify(f"{n} edit{'s' if n != 1 else ''} proposed, {len(result.refused)} refused by our checks.")
            self.query_one("#suggestions-box").focus()

    def action_cancel(self) -> None:
        """Escape stops a running request; otherwise the key goes on to whoever wants it
        (a dialog's cancel, the editor)."""
        if not self.working:
            raise SkipAction()
        self.workers.cancel_group(self, "llm")
        self.workers.cancel_group(self, "draft")
        self.working = ""
        self.update_status()
        self.notify("Request cancelled.")

    # ---- files --------------------------------------------------------------
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
