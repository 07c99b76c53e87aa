"""The workspace: a header naming the current client, a tab per kind of record, the footer.

The screen owns "which client is current". Loading happens in a thread worker
with its own read-only connection (:func:`itroad.tui.data.load_client_data`);
each tab's rows are built there too, and put on screen back on the UI thread.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, TabbedContent, Tabs
from textual.worker import get_current_worker

from itroad.tui.cells import TableData
from itroad.tui.data import ClientData, load_client_data
from itroad.tui.panes import PANES, PortfolioPane, TablePane
from itroad.tui.screens.client_switcher import ClientSwitcher
from itroad.tui.widgets.client_header import ClientHeader


def tab_bindings() -> list[Binding]:
    """Keys 1–7: one per tab, in tab order."""
    last = len(PANES)
    return [
        Binding(
            str(number),
            f"show_tab('{pane.PANE_ID}')",
            "Tabs" if number == 1 else pane.TITLE,
            show=number == 1,
            key_display=f"1-{last}" if number == 1 else None,
            tooltip=f"Show the {pane.TITLE} tab",
        )
        for number, pane in enumerate(PANES, start=1)
    ]


class MainScreen(Screen[None]):
    """Tabs over the current client's records."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *tab_bindings(),
        Binding("c", "switch_client", "Client", tooltip="Switch to another client"),
        Binding("r", "reload", "Reload", tooltip="Read the database again"),
    ]

    def __init__(self, db_path: Path, as_of: date, client: str | None = None) -> None:
        super().__init__()
        self.db_path = Path(db_path)
        self.as_of = as_of
        self.requested_client = client
        #: What is on screen; None until the first load finishes.
        self.data: ClientData | None = None
        self._tab_after_load: str | None = None

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield ClientHeader(self.as_of, id="header")
        with TabbedContent(id="tabs"):
            for pane in PANES:
                yield pane()
        yield Footer()

    def on_mount(self) -> None:
        self.load(self.requested_client)

    @property
    def tabs(self) -> TabbedContent:
        return self.query_one(TabbedContent)

    @property
    def active_pane(self) -> TablePane:
        pane = self.tabs.active_pane
        assert isinstance(pane, TablePane)
        return pane

    def pane(self, pane_id: str) -> TablePane:
        pane = self.tabs.get_pane(pane_id)
        assert isinstance(pane, TablePane)
        return pane

    # ------------------------------------------------------------------ loading

    @property
    def client_code(self) -> str | None:
        """The current client's code (None before the first load or with no clients)."""
        return self.data.code if self.data else self.requested_client

    def load(self, code: str | None) -> None:
        """Read the client list and client ``code`` (None: the first), then refresh every tab."""
        self.requested_client = code
        self._load(code)

    @work(thread=True, exclusive=True, group="load", name="load client", exit_on_error=False)
    def _load(self, code: str | None) -> None:
        worker = get_current_worker()
        try:
            data = load_client_data(self.db_path, code, self.as_of)
            tables = {pane.PANE_ID: pane.build(data) for pane in PANES}
        except Exception as error:  # noqa: BLE001 - shown to the user, the app keeps running
            if not worker.is_cancelled:
                self.app.call_from_thread(self._load_failed, error)
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show, data, tables)

    def _load_failed(self, error: Exception) -> None:
        if self.data is None:
            self.query_one(ClientHeader).show_message("cannot read the database")
        self.notify(
            f"Could not read {self.db_path}: {error}",
            title="Database",
            severity="error",
            markup=False,
            timeout=10,
        )

    def _show(self, data: ClientData, tables: dict[str, TableData]) -> None:
        first_load = self.data is None
        self.data = data
        self.requested_client = data.code
        client = data.client
        self.query_one(ClientHeader).show_client(
            client.name if client else None, data.code, data.currency
        )
        for pane in PANES:
            self.pane(pane.PANE_ID).show(tables[pane.PANE_ID])
        portfolio = self.pane(PortfolioPane.PANE_ID).table
        if data.code in (tables[PortfolioPane.PANE_ID].keys):
            portfolio.move_cursor(
                row=tables[PortfolioPane.PANE_ID].keys.index(data.code), animate=False
            )
        if data.note:
            self.notify(data.note, title="Client", severity="warning", markup=False)
        target, self._tab_after_load = self._tab_after_load, None
        if target is not None and self.tabs.active == target:
            self.action_show_tab(target)
        elif first_load or self.focused is None or not self.focused.display:
            self.action_show_tab(self.tabs.active)

    # ------------------------------------------------------------------ actions

    def action_show_tab(self, pane_id: str) -> None:
        """Show a tab and put the focus in it (tab first, then focus: see TEXTUAL_NOTES.md)."""
        self.tabs.active = pane_id
        pane = self.pane(pane_id)
        pane.focus_content()
        if not pane.table.display:
            self.tabs.query_one(Tabs).focus()

    def select_client(self, code: str, *, tab: str | None = None) -> None:
        """Make ``code`` the current client and reload every tab; then show ``tab``."""
        if tab is not None:
            self.action_show_tab(tab)
            self._tab_after_load = tab
        self.load(code)

    def action_switch_client(self) -> None:
        clients = self.data.clients if self.data else ()
        if not clients:
            self.notify(
                "No clients yet: import a portfolio with `itroad import toml FILE`, "
                "or try `itroad demo`.",
                title="Client",
                markup=False,
            )
            return

        def chosen(code: str | None) -> None:
            if code is not None and code != self.client_code:
                self.select_client(code)

        self.app.push_screen(ClientSwitcher(clients, current=self.client_code), chosen)

    def action_reload(self) -> None:
        self.load(self.client_code)

    @on(PortfolioPane.ClientChosen)
    def _client_chosen(self, event: PortfolioPane.ClientChosen) -> None:
        self.select_client(event.code, tab="hardware")
