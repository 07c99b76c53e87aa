"""The top line: which client the screens show, in which currency, as of which day."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Label


class ClientHeader(Horizontal):
    """``itroad │ Acme Dental           acme · USD · as of 2026-11-22``.

    The client's name takes the room left and is elided when too long; the code,
    currency and as-of date are always shown. User text goes in as ``Content``,
    never as markup.
    """

    DEFAULT_CSS = """
    ClientHeader {
        height: 1;
        width: 1fr;
        dock: top;
        background: $panel;
        color: $foreground;
    }
    ClientHeader > Label {
        height: 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    ClientHeader > #header-app {
        padding: 0 1;
        text-style: bold;
        color: $text-accent;
    }
    ClientHeader > #header-client {
        width: 1fr;
        text-style: bold;
    }
    ClientHeader > #header-meta {
        padding: 0 1;
        color: $text-muted;
    }
    """

    def __init__(self, as_of: date, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.as_of = as_of

    def compose(self) -> ComposeResult:
        yield Label("itroad", id="header-app")
        yield Label("loading…", id="header-client")
        yield Label(Content(f"as of {self.as_of.isoformat()}"), id="header-meta")

    def show_client(self, name: str | None, code: str | None, currency: str | None) -> None:
        """Show a client, or "no client" when the database has none."""
        client = self.query_one("#header-client", Label)
        meta = self.query_one("#header-meta", Label)
        as_of = f"as of {self.as_of.isoformat()}"
        if code is None:
            client.update(Content("no clients yet"))
            meta.update(Content(as_of))
            return
        client.update(Content(" ".join((name or "").split())))
        meta.update(Content(f"{code} · {currency} · {as_of}"))

    def show_message(self, message: str) -> None:
        """Say something instead of a client (e.g. the database cannot be read)."""
        self.query_one("#header-client", Label).update(Content(message))

    @property
    def text(self) -> str:
        """The whole line as plain text (for tests)."""
        return " ".join(str(label.content) for label in self.query(Label))
