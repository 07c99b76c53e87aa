"""A modal list of clients: type to filter, Enter to choose, Esc to cancel."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from itroad.store import ClientSummary
from itroad.tui.widgets.dialog import Dialog


def client_prompt(summary: ClientSummary, current: bool) -> Content:
    """``▸ Acme Dental  acme · USD``, user text kept literal."""
    marker = "▸ " if current else "  "
    name = " ".join(summary.name.split())
    return Content.assemble(
        marker,
        (name, "bold" if current else ""),
        "  ",
        (f"{summary.code} · {summary.currency}", "dim"),
    )


def matches(summary: ClientSummary, query: str) -> bool:
    """Every word of the query is in the client's name or code (any case)."""
    haystack = f"{summary.name} {summary.code}".casefold()
    return all(word in haystack for word in query.casefold().split())


class ClientSwitcher(Dialog[str | None]):
    """Dismisses with the chosen client's code, or None when cancelled."""

    DEFAULT_CSS = """
    ClientSwitcher > .dialog--frame {
        width: 64;
        max-height: 90%;
    }
    ClientSwitcher #switcher-title {
        text-style: bold;
        width: 1fr;
    }
    ClientSwitcher Input {
        margin: 0 0 1 0;
    }
    ClientSwitcher OptionList {
        height: auto;
        max-height: 14;
        border: none;
        padding: 0;
    }
    ClientSwitcher #switcher-hint {
        color: $text-muted;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("enter", "choose", "Choose", priority=True),
        Binding("down", "move(1)", "Next client", show=False, priority=True),
        Binding("up", "move(-1)", "Previous client", show=False, priority=True),
        Binding("pagedown", "move(10)", "Ten down", show=False),
        Binding("pageup", "move(-10)", "Ten up", show=False),
    ]

    def __init__(self, clients: Sequence[ClientSummary], current: str | None = None) -> None:
        super().__init__()
        self.clients = list(clients)
        self.current = current
        self.shown: list[ClientSummary] = []

    def compose(self) -> ComposeResult:
        with self.frame(""):
            yield Label("Switch client", id="switcher-title")
            yield Input(placeholder="Type to filter by name or code", id="switcher-filter")
            yield OptionList(id="switcher-list")
            yield Label("↑↓ move · Enter choose · Esc cancel", id="switcher-hint")

    def on_mount(self) -> None:
        self.refilter("")
        self.query_one(Input).focus()

    @property
    def option_list(self) -> OptionList:
        return self.query_one(OptionList)

    def refilter(self, query: str) -> None:
        self.shown = [c for c in self.clients if matches(c, query)]
        options = self.option_list
        options.clear_options()
        options.add_options(
            Option(client_prompt(c, c.code == self.current), id=c.code) for c in self.shown
        )
        if not self.shown:
            options.add_option(Option(Content("no client matches"), disabled=True))
            return
        codes = [c.code for c in self.shown]
        options.highlighted = codes.index(self.current) if self.current in codes else 0

    @on(Input.Changed)
    def _filter(self, event: Input.Changed) -> None:
        self.refilter(event.value)

    def action_move(self, step: int) -> None:
        if not self.shown:
            return
        options = self.option_list
        index = 0 if options.highlighted is None else options.highlighted
        options.highlighted = max(0, min(len(self.shown) - 1, index + step))

    def action_choose(self) -> None:
        index = self.option_list.highlighted
        if self.shown and index is not None and 0 <= index < len(self.shown):
            self.dismiss(self.shown[index].code)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.dismiss(event.option.id)

