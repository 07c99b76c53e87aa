"""The frame every modal screen of the app shares: a titled box centred on the screen.

A :class:`Dialog` composes its body inside :meth:`Dialog.frame`::

    class KpiScreen(Dialog[None]):
        DEFAULT_CSS = "KpiScreen > .dialog--frame { width: 100; }"

        def compose(self) -> ComposeResult:
            with self.frame(self.title_text, "n new · Esc close"):
                yield DataTable()

Esc runs ``action_cancel``, which dismisses with None; a screen that must ask
first (a form with changes) or answers something else on Esc overrides it.
Titles and subtitles given as ``str`` are shown literally, never read as markup:
they name user data ("Edit [/foo]").
"""

from __future__ import annotations

from typing import ClassVar, TypeVar

from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen

ResultType = TypeVar("ResultType")

#: The frame's class, for a screen's own CSS (``KpiScreen > .dialog--frame``).
FRAME_CLASS = "dialog--frame"


def literal(text: str | Content) -> Content:
    """``text`` as ``Content`` shown as it is (a ``str`` is never parsed as markup)."""
    return Content(text) if isinstance(text, str) else text


class Dialog(ModalScreen[ResultType]):
    """A modal screen in a round, titled frame; Esc cancels (dismisses with None)."""

    DEFAULT_CSS = f"""
    Dialog {{
        align: center middle;
    }}
    Dialog > .{FRAME_CLASS} {{
        width: 80;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: round $primary;
        border-title-style: bold;
        border-subtitle-color: $text-muted;
        background: $surface;
        padding: 0 1;
    }}
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Close", show=False, tooltip="Close without changing anything"),
    ]

    def frame(self, title: str | Content, subtitle: str | Content = "", *,
              id: str | None = None) -> Vertical:
        """The frame to compose the body in (``with self.frame(…):``)."""
        frame = Vertical(id=id, classes=FRAME_CLASS)
        frame.border_title = literal(title)
        if subtitle:
            frame.border_subtitle = literal(subtitle)
        return frame

    def action_cancel(self) -> None:
        self.dismiss(None)
