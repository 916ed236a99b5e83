"""The editor's widgets: the text with findings marked, scores, findings, suggestions."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import OptionList, Static, TextArea
from textual.widgets.option_list import Option

from ..phrasing import flat
from ..rubric.model import CATEGORIES
from ..safe_text import clean, zero_width

_MARK = {"error": "underline red", "warning": "underline yellow", "info": "underline cyan"}
_ICON = {"error": "✖", "warning": "▲", "info": "●"}


class PostingArea(TextArea):
    """A TextArea that underlines each finding's span in its severity's colour.

    `get_line` is the documented hook for extra styling (TEXTUAL-NOTES.md); the
    widget caches rendered lines, so new marks clear that cache.
    """

    def __init__(self, text: str = "", **kwargs):
        super().__init__(text, soft_wrap=True, tab_behavior="focus", **kwargs)
        self.marks: dict[int, list[tuple[int, int, str]]] = {}

    def set_marks(self, marks: dict[int, list[tuple[int, int, str]]]) -> None:
        self.marks = marks
        self.notify_style_update()
        self.refresh()

    def get_line(self, line_index: int) -> Text:
        # The text is shown as it is, but no control character in it reaches the
        # terminal: each becomes a zero-width space, so offsets and columns hold.
        line = super().get_line(line_index)
        line.plain = zero_width(line.plain)
        for start, end, severity in self.marks.get(line_index, ()):
            line.stylize(_MARK[severity], start, min(end, len(line)))
        return line


class ScoresPanel(Static):
    def show(self, scores: dict[str, int] | None, blank: bool = False) -> None:
        """`blank`: there is no text yet, so scores would only grade its absence."""
        if blank:
            self.update("Write or paste a posting:\nscores and findings\nfollow as you type.")
            return
        if scores is None:
            self.update("scores: …")
            return
        rows = [f"{c:<13}{scores[c]:>4}" for c in CATEGORIES]
        rows.append(f"{'overall':<13}{scores['overall']:>4}")
        self.update("\n".join(rows))


class FindingsList(OptionList):
    """Findings grouped by category; the option id is the finding's index in the report."""

    def show(self, findings, blank: bool = False) -> None:
        highlighted = self.highlighted
        self.clear_options()
        if blank:
            return
        for category in CATEGORIES:
            group = [(i, f) for i, f in enumerate(findings) if f.category == category]
            if not group:
                continue
            self.add_option(Option(Text(f"{category} ({len(group)})", style="bold"), disabled=True))
            for i, f in group:
                label = Text.assemble((f"{_ICON[f.severity]} ", _MARK[f.severity].split()[-1]), f.rule.split("/", 1)[1])
                self.add_option(Option(label, id=str(i)))
        if not findings:
            self.add_option(Option("No findings.", disabled=True))
        if highlighted is not None and highlighted < self.option_count:
            # Kept in place quietly: a re-lint is not the user moving through the list,
            # and the editor must not jump (or select) because of it.
            with self.prevent(OptionList.OptionHighlighted):
                self.highlighted = highlighted


class SuggestionPanel(Static):
    """One proposed edit at a time, as a small diff with its rationale (or its refusal)."""

    def show(self, item, position: str, refused: bool = False) -> None:
        if item is None:
            self.update(Text("No suggestions. Ctrl+R asks for a rewrite.", style="dim"))
            return
        text = Text()
        text.append(f"{position}  ", style="bold")
        if refused:
            text.append(f"refused: {clean(item.reason)}\n", style="dim")
        else:
            text.append(", ".join(item.rules) + "\n", style="bold")
            text.append(clean(item.rationale) + "\n")
        style_old, style_new = ("dim strike", "dim") if refused else ("red", "green")
        text.append(f"- {_short(item.original)}\n", style=style_old)
        text.append(f"+ {_short(item.replacement) or '(deleted)'}\n", style=style_new)
        self.update(text)


def _short(text: str, limit: int = 110) -> str:
    """A long deletion shown by its start: the panel must leave room for the findings."""
    return flat(clean(text), limit)
