"""For EditorApp: asking for a rewrite or a draft, in the background, and taking the answer.

A request runs as an exclusive worker (one rewrite, one draft at a time) that only
computes; when it ends, `request_done` (called from the app's `Worker.StateChanged`
handler) shows the edits, the draft or the error. Answers for a text that changed while
the model was thinking are dropped, never applied to the wrong words. With no API key
the rules stand in for the model, through the same paths.
"""

from __future__ import annotations

from textual import work
from textual.actions import SkipAction
from textual.worker import Worker, WorkerState

from ..phrasing import plural
from ..safe_text import clean
from .session import Linted, Locator

REQUEST_GROUPS = ("llm", "draft")  # the worker groups whose end `request_done` handles


class ModelRequestsMixin:
    """Rewrite (the selection, the section, a finding), new from a brief, and Escape to cancel."""

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

    def request_done(self, event: Worker.StateChanged) -> None:
        """A rewrite or a draft ended: show what came of it (other workers are not ours here)."""
        group = event.worker.group
        if group not in REQUEST_GROUPS or event.state not in (WorkerState.SUCCESS, WorkerState.ERROR, WorkerState.CANCELLED):
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
            self.notify(f"{plural(n, 'edit')} proposed, {len(result.refused)} refused by our checks.")
            self.query_one("#suggestions-box").focus()

    def action_cancel(self) -> None:
        """Escape stops a running request; otherwise the key goes on to whoever wants it
        (a dialog's cancel, the editor)."""
        if not self.working:
            raise SkipAction()
        for group in REQUEST_GROUPS:
            self.workers.cancel_group(self, group)
        self.working = ""
        self.update_status()
        self.notify("Request cancelled.")
