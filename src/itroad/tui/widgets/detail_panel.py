"""The detail panel of a list tab: every field of the row under the cursor.

A :class:`DetailView` is plain data (built in a worker); the panel lays it out
for its width, in the view's order (the most important first): one ``label
value`` per line when narrow, two short ones per line when there is room. Values are user text and are shown literally.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from itroad.tui.cells import clean

LABEL_WIDTH = 15
TWO_COLUMNS_FROM = 76


@dataclass(frozen=True)
class DetailView:
    """What the panel shows: a title, badges, ``(label, value)`` pairs, then long texts."""

    title: str
    badges: tuple[str, ...] = ()
    pairs: tuple[tuple[str, str], ...] = ()
    texts: tuple[tuple[str, str], ...] = field(default_factory=tuple)  # (heading, paragraph)

    @property
    def plain(self) -> str:
        """Everything shown, as text (for tests)."""
        lines = [self.title, " ".join(self.badges)]
        lines += [f"{label}: {value}" for label, value in self.pairs]
        lines += [f"{heading}: {text}" for heading, text in self.texts]
        return "\n".join(lines)


def _wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` cells, broken at spaces when possible."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        paragraph = clean(paragraph)
        while len(paragraph) > width:
            cut = paragraph.rfind(" ", 0, width + 1)
            cut = cut if cut > width // 3 else width
            lines.append(paragraph[:cut].rstrip())
            paragraph = paragraph[cut:].lstrip()
        lines.append(paragraph)
    return lines


def _pair(label: str, value: str, width: int, *, wrap: bool = False) -> list[Content]:
    """``Label          value`` in ``width`` cells: elided, or wrapped under the value."""
    room = max(8, width - LABEL_WIDTH)
    head = Content.styled(label.ljust(LABEL_WIDTH)[:LABEL_WIDTH], "$text-muted")
    if not clean(value):
        return [Content.assemble(head, ("—", "dim"))]
    if wrap:
        lines = _wrap(value, room)
    else:
        line = clean(value)
        lines = [line if len(line) <= room else line[: room - 1] + "…"]
    indent = " " * LABEL_WIDTH
    return [Content.assemble(head if i == 0 else indent, text) for i, text in enumerate(lines)]


def render_view(view: DetailView, width: int) -> Content:
    """The view laid out for ``width`` cells: every value in full (long ones wrapped)."""
    width = max(20, width)
    title = Content.styled(clean(view.title), "bold")
    badges = Content.assemble(*(
        piece for badge in view.badges for piece in (" ", (f" {badge} ", "reverse"))
    ))
    if title.cell_length + badges.cell_length + 1 <= width:
        lines: list[Content] = [Content.assemble(title, " ", badges)]
    else:
        lines = [title] + ([badges] if view.badges else [])
    if width >= TWO_COLUMNS_FROM:
        # In the view's order (the most important first), two short values to a line;
        # a long one takes a line of its own, wrapped if need be.
        half = (width - 2) // 2
        room = half - LABEL_WIDTH
        waiting: Content | None = None
        for label, value in view.pairs:
            if len(clean(value)) > room:
                if waiting is not None:
                    lines.append(waiting)
                    waiting = None
                lines.extend(_pair(label, value, width, wrap=True))
            elif waiting is None:
                waiting = _pair(label, value, half)[0]
            else:
                lines.append(Content.assemble(waiting.pad_right(half + 2 - waiting.cell_length),
                                              _pair(label, value, half)[0]))
                waiting = None
        if waiting is not None:
            lines.append(waiting)
    else:
        for label, value in view.pairs:
            lines.extend(_pair(label, value, width, wrap=True))
    for heading, text in view.texts:
        if text:
            lines.append(Content.styled(heading, "bold"))
            lines.extend(Content(line) for line in _wrap(text, width))
    return Content("\n").join(lines)


class DetailPanel(VerticalScroll, can_focus=True):
    """Shows a :class:`DetailView`, or a sentence when there is nothing to show.

    Tab puts the focus in the panel, where ↑ ↓ PgUp PgDn Home End scroll it (on a
    small terminal the details are longer than the panel); Esc or Tab goes back.
    While there is more below, the panel's bottom border says so.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,tab", "leave", "Back to the rows", show=False),
    ]

    DEFAULT_CSS = """
    DetailPanel {
        background: $surface;
        padding: 0 1;
        height: 1fr;
        scrollbar-size-vertical: 1;
        border-subtitle-color: $text-muted;
        border-subtitle-align: right;
    }
    DetailPanel:focus {
        background: $surface-lighten-1;
    }
    DetailPanel > Static {
        width: 1fr;
    }
    """

    def action_leave(self) -> None:
        self.screen.focus_previous()

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        self._update_more()

    def _update_more(self) -> None:
        below = self.max_scroll_y - round(self.scroll_y)
        self.border_subtitle = "more ↓ (tab)" if below > 0 and not self.has_focus else \
            "more ↓" if below > 0 else ""

    def on_focus(self) -> None:
        self._update_more()

    def on_blur(self) -> None:
        self._update_more()

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.view: DetailView | None = None
        self.message = ""

    def compose(self) -> ComposeResult:
        yield Static("", markup=False)

    def show_view(self, view: DetailView | None, message: str = "") -> None:
        self.view = view
        self.message = message
        self._render_view()

    def on_resize(self) -> None:
        self._render_view()
        self.call_after_refresh(self._update_more)

    def _render_view(self) -> None:
        if not self.is_mounted:
            return
        body = self.query_one(Static)
        if self.view is None:
            body.update(Content.styled(self.message, "$text-muted"))
        else:
            # The room left by the padding and a scrollbar (shown or not: no reflow).
            body.update(render_view(self.view, self.scrollable_content_region.width - 1))
        self.call_after_refresh(self._update_more)

    @property
    def text(self) -> str:
        return str(self.query_one(Static).content)
