"""Modal screens: questions that must be answered before anything is lost or overwritten."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static


class Choice(ModalScreen[str | None]):
    """A question with one key per answer; Escape answers None (cancel)."""

    BINDINGS = [Binding("escape", "choose('')", "Cancel", id="dialog.cancel")]

    def __init__(
        self, question: str, answers: dict[str, str], dialog_id: str = "choice", cancel: str = "cancel",
        one_per_line: bool = False,
    ):
        super().__init__(id=dialog_id)
        self.question = question
        self.answers = answers  # key -> label, e.g. {"r": "Restore", "d": "Discard"}
        self.cancel = cancel  # what Escape does, in the caller's words
        self.one_per_line = one_per_line  # long answers read better as a list

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.question, classes="question", markup=False)
            keys = [Text.assemble((k, "bold"), f" {label}") for k, label in [*self.answers.items(), ("Esc", self.cancel)]]
            yield Label(Text("\n" if self.one_per_line else "   ").join(keys), classes="answers")

    def on_key(self, event) -> None:
        if event.key in self.answers:
            event.stop()
            self.dismiss(event.key)

    def action_choose(self, key: str) -> None:
        self.dismiss(key or None)


class Explain(ModalScreen[None]):
    """Why a rule fires, its source and an example (the text `explain RULE` prints)."""

    BINDINGS = [Binding("escape,enter,q", "dismiss", "Close", id="dialog.close")]

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog wide"):
            yield Static(self.text, markup=False)


class AskPath(ModalScreen[str | None]):
    """Save as: a file name, or Escape."""

    BINDINGS = [Binding("escape", "dismiss", "Cancel", id="dialog.cancel")]

    def __init__(self, prompt: str, value: str = ""):
        super().__init__()
        self.prompt = prompt
        self.value = value

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.prompt)
            yield Input(self.value, placeholder="posting.md", id="path")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)


HELP = """posting-assistant edit

Write on the left; findings are underlined by severity (red error, yellow warning,
cyan info) and listed on the right with the scores. Move through the findings
list to put the cursor on a finding; Enter explains its rule.

Suggestions show one edit at a time:
  a  accept      r  refuse      n  next      A  accept all safe fixes
Edits our checks refused are shown greyed with the reason.

ctrl+r      ask for a rewrite of the selection (or the whole posting)
ctrl+s      save            ctrl+shift+s  save as
ctrl+q      quit (asks when there are unsaved changes)
escape      cancel a running request
ctrl+p      command palette          F1  this help

Your text is kept in a recovery file while you type; after a crash, opening the
same file offers to restore it. A file already open in another editor opens
read-only, or as your own copy saved beside it (name (copy).md).

Keys can be remapped with `keymap` in
$XDG_CONFIG_HOME/posting-assistant/config.toml (binding id = key).
"""


class Help(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,q", "dismiss", "Close", id="dialog.close")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog wide"):
            yield Static(HELP, markup=False)
