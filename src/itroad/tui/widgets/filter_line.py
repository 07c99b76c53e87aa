"""The filter line of a list tab: ``Filter /`` and what the user types, above the rows.

It is hidden until ``/`` opens it (:meth:`FilterLine.open`) and stays while it holds
text. It posts :class:`FilterLine.Changed` as the user types, :class:`FilterLine.Done`
when ↓ or Enter goes back to the rows (the filter stays) and :class:`FilterLine.Cleared`
on Esc. Setting the text from code (:meth:`FilterLine.reset`) posts nothing.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Label


class FilterInput(Input):
    """The text of the filter line: ↓ goes back to the rows, Esc clears."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "leave", "Rows", key_display="↓", tooltip="Back to the rows, keeping the filter"),
        Binding("escape", "clear", "Clear", tooltip="Clear the filter"),
    ]

    def action_leave(self) -> None:
        self.post_message(FilterLine.Done())

    def action_clear(self) -> None:
        self.post_message(FilterLine.Cleared())


class FilterLine(Horizontal):
    """``Filter /`` and an input; shown while the user filters."""

    DEFAULT_CSS = """
    FilterLine {
        display: none;
        height: 1;
        background: $panel;
    }
    FilterLine.-open {
        display: block;
    }
    FilterLine > Label {
        width: auto;
        padding: 0 1;
        text-style: bold;
    }
    FilterLine > FilterInput {
        width: 1fr;
    }
    """

    class Changed(Message):
        """The user changed the filter text."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    class Done(Message):
        """↓ or Enter: back to the rows, the filter kept."""

    class Cleared(Message):
        """Esc in the filter line."""

    def __init__(self, placeholder: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        yield Label("Filter /")
        yield FilterInput(placeholder=self.placeholder, compact=True, select_on_focus=False,
                          id=f"{self.id}-input" if self.id else None)

    @property
    def input(self) -> FilterInput:
        return self.query_one(FilterInput)

    @property
    def text(self) -> str:
        return self.input.value

    @property
    def is_open(self) -> bool:
        return self.has_class("-open")

    def open(self) -> None:
        """Show the line and put the cursor in it."""
        self.add_class("-open")
        # At once, not with focus() (which waits its turn in the app's queue): a key typed
        # right after `/` (over ssh both often arrive in one packet) is then text, not a
        # key of the table.
        self.screen.set_focus(self.input)

    def close(self) -> None:
        """Hide the line if it holds no text."""
        if not self.text.strip():
            self.remove_class("-open")

    def reset(self, text: str = "") -> None:
        """Set the text without a :class:`Changed` (hidden when empty)."""
        with self.input.prevent(Input.Changed):
            self.input.value = text
        self.set_class(bool(text), "-open")

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(event.value))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Done())
