"""The command palette: only the commands that make sense at this moment."""

from __future__ import annotations

from textual.command import DiscoveryHit, Hit, Hits, Provider


class EditorCommands(Provider):
    def _commands(self):
        app = self.app
        if app.read_only:  # nothing here may change the text or write it
            yield "Help", app.action_help, "Keys and how the editor works (F1)"
            return
        yield "Save", app.action_save, "Write the file (ctrl+s)"
        yield "Save as…", app.action_save_as, "Write to another file"
        yield "New from a brief…", app.action_new_from_brief, "Fill in a brief and draft a posting from it"
        if app.linted is not None:
            scope = "the selection" if app.selection_span() else "the whole posting"
            yield f"Rewrite {scope}", app.action_rewrite, "Propose edits for the findings there (ctrl+r)"
            if app.section_span():
                yield "Rewrite this section", lambda: app.action_rewrite("section"), "Edits for the section the cursor is in"
            finding = app.highlighted_finding()
            if finding is not None and finding.start is not None:
                yield f"Fix this finding: {finding.rule}", lambda: app.action_rewrite("finding"), finding.message
            if any(s.get("safe") for f in app.linted.report.findings for s in f.suggestions):
                yield "Accept all safe fixes", app.action_accept_safe, "What `lint --fix` would apply"
        yield "Help", app.action_help, "Keys and how the editor works (F1)"

    async def discover(self) -> Hits:
        for name, callback, help_text in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, callback, help_text in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)
