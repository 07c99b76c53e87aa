"""A small modal question with a few answers, each on a key and a button.

``ConfirmScreen(title, message, [(key, label, value, variant), …])`` dismisses
with the chosen answer's value (Esc: None, unless an answer is on ``escape``).
The message is user text at times (a record's name): it is shown literally.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar, Literal, get_args

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.events import Key
from textual.widgets import Button, Static

from itroad.tui.widgets.dialog import Dialog, literal

Answer = tuple[str, str, Any, str]  # key, label, value, button variant
Variant = Literal["default", "primary", "success", "warning", "error"]


def button_variant(name: str) -> Variant:
    """An answer's variant as a button's (a name Textual has not is a mistake here)."""
    for variant in get_args(Variant):
        if variant == name:
            return variant
    raise ValueError(f"no button variant {name!r}")


class ConfirmScreen(Dialog[Any]):
    DEFAULT_CSS = """
    ConfirmScreen > .dialog--frame {
        width: 64;
        border: round $warning;
    }
    ConfirmScreen #confirm-message {
        height: auto;
        margin-bottom: 1;
    }
    ConfirmScreen #confirm-buttons {
        height: auto;
        align-horizontal: right;
    }
    ConfirmScreen #confirm-buttons Button {
        margin-left: 1;
    }
    ConfirmScreen Vertical#confirm-buttons {
        align-horizontal: left;
    }
    ConfirmScreen Vertical#confirm-buttons Button {
        margin: 0 0 0 0;
        width: 1fr;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left,up", "app.focus_previous", "Previous answer", show=False),
        Binding("right,down", "app.focus_next", "Next answer", show=False),
    ]

    def __init__(self, title: str | Content, message: str | Content, answers: Sequence[Answer], *,
                 vertical: bool = False) -> None:
        super().__init__()
        self.title_text = title
        self.message = message
        self.answers = list(answers)
        self.vertical = vertical

    def compose(self) -> ComposeResult:
        # Titles may name user data one day: the frame never reads them as markup.
        with self.frame(self.title_text):
            yield Static(literal(self.message), id="confirm-message")
            with (Vertical if self.vertical else Horizontal)(id="confirm-buttons"):
                for index, (key, label, _value, variant) in enumerate(self.answers):
                    shown = label if key == "escape" else f"{label} ({key})"
                    yield Button(Content(shown), variant=button_variant(variant), id=f"answer-{index}", compact=True)

    def on_mount(self) -> None:
        # A question starts on its last answer, the safe one ("Cancel", "Keep editing");
        # a list of choices on its first.
        buttons = self.query(Button)
        (buttons.first() if self.vertical else buttons.last()).focus()

    @property
    def text(self) -> str:
        return str(self.query_one("#confirm-message", Static).content)

    def on_key(self, event: Key) -> None:
        for key, _label, value, _variant in self.answers:
            if key != "escape" and event.key == key:
                event.stop()
                self.dismiss(value)
                return

    def action_cancel(self) -> None:
        """Esc: the answer on ``escape`` if there is one, else None."""
        self.action_answer("escape")

    def action_answer(self, key: str) -> None:
        for answer_key, _label, value, _variant in self.answers:
            if answer_key == key:
                self.dismiss(value)
                return
        self.dismiss(None)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        index = int(str(event.button.id).removeprefix("answer-"))
        self.dismiss(self.answers[index][2])
