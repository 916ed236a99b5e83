"""New from a brief: the `Brief` model's fields as a form, checked by the same model.

The form knows nothing of its own about what a brief may hold: every rule (a range the
right way round, a currency with a salary, a known period) is the model's, so the
form, `draft --brief` and a brief file agree.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static, TextArea

_LINES = ("must_haves", "nice_to_haves", "benefits")  # one item per line
_FIELDS = [
    ("title", "Job title (required)", "Senior Backend Engineer"),
    ("team", "Team", "Payments Platform"),
    ("level", "Level", "Senior"),
    ("location", "Location", "Lisbon, Portugal"),
    ("salary_min", "Salary from", "62000"),
    ("salary_max", "Salary to", "78000"),
    ("currency", "Currency (ISO code)", "EUR"),
]


class BriefForm(ModalScreen):
    """Dismissed with a `Brief`, or None when cancelled."""

    BINDINGS = [
        Binding("escape", "dismiss", "Cancel", id="brief.cancel"),
        Binding("ctrl+d", "submit", "Draft", id="brief.draft", priority=True),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog wide", id="brief-form"):
            yield Static("[b]New posting from a brief[/b]  (ctrl+d drafts, Esc cancels)")
            for name, label, example in _FIELDS:
                yield Label(label)
                yield Input(placeholder=example, id=f"brief-{name}", type="number" if name.startswith("salary") else "text")
            yield Label("Remote")
            yield Select([(v, v) for v in ("remote", "hybrid", "onsite")], id="brief-remote", prompt="not said")
            yield Label("Pay period")
            yield Select([(v, v) for v in ("year", "month", "week", "day", "hour")], id="brief-period", prompt="not said")
            for name, label in (("must_haves", "Must-haves, one per line"), ("nice_to_haves", "Nice-to-haves, one per line"),
                                ("benefits", "Benefits, one per line"), ("about", "About the team and the role")):
                yield Label(label)
                yield TextArea(id=f"brief-{name}", classes="brief-lines")
            yield Label("", id="brief-errors")
            with Horizontal(classes="buttons"):
                yield Button("Draft", variant="primary", id="brief-submit")
                yield Button("Cancel", id="brief-cancel")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "brief-submit":
            self.action_submit()
        else:
            self.dismiss(None)

    def values(self) -> dict:
        data: dict = {}
        for name, _, _ in _FIELDS:
            value = self.query_one(f"#brief-{name}", Input).value.strip()
            if value:
                data[name] = value
        for name in ("remote", "period"):
            value = self.query_one(f"#brief-{name}", Select).value
            if isinstance(value, str):
                data[name] = value
        for name in (*_LINES, "about"):
            text = self.query_one(f"#brief-{name}", TextArea).text.strip()
            if text and name in _LINES:
                data[name] = [line.strip(" -•*\t") for line in text.splitlines() if line.strip(" -•*\t")]
            elif text:
                data[name] = text
        return data

    def action_submit(self) -> None:
        from pydantic import ValidationError

        from ..llm.brief import Brief

        try:
            brief = Brief.model_validate(self.values())
        except ValidationError as exc:
            lines = []
            for error in exc.errors(include_url=False, include_input=False):
                where = ".".join(str(p) for p in error["loc"]) or "brief"
                lines.append(f"{where}: {error['msg']}")
            self.query_one("#brief-errors", Label).update("\n".join(lines))
            return
        self.dismiss(brief)
