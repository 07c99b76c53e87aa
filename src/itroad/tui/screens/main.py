"""The workspace: a header naming the current client, a tab per kind of record, the footer.

The screen owns "which client is current". Loading happens in a thread worker
with its own read-only connection, in two steps: the client summary first
(:func:`itroad.tui.data.load_client_summary`: the header, the Portfolio tab and
the inventory tabs, which page their rows from SQLite themselves, show at once),
then the client's records (:func:`itroad.tui.data.load_client_data`) for the tabs
built from them. Each tab's contents are built in the worker too, and put on
screen back on the UI thread.

The screen also owns the :class:`~itroad.tui.editing.EditController` (the
editing flows and the undo stack, ``u``); after a write a tab posts
:class:`~itroad.tui.messages.RecordsChanged` and :meth:`records_changed`
reads everything again.

The Portfolio tab's figures (the dashboard) are computed in the background only
once the client's tabs are on screen, one client at a time; a write makes the
dashboard forget only the current client's figures, ``r`` (reload) every client's.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, TabbedContent, Tabs
from textual.worker import get_current_worker

from itroad.store.clients import set_decimal_separator
from itroad.store.editing import EditError
from itroad.tui.data import ClientData, load_client_data, load_client_summary
from itroad.tui.editing import Change, EditController
from itroad.tui.messages import RecordsChanged
from itroad.tui.number_formats import NUMBER_FORMATS
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
        Binding("u", "undo", "Undo", tooltip="Undo your last change (edit, delete, bulk change)"),
        Binding("u", "nothing_to_undo", show=False),
        Binding("r", "reload", "Reload", show=False, tooltip="Read the database again"),
    ]

    def __init__(self, db_path: Path, as_of: date, client: str | None = None) -> None:
        super().__init__()
        self.db_path = Path(db_path)
        self.as_of = as_of
        self.requested_client = client
        #: What is on screen; None until the first load finishes.
        self.data: ClientData | None = None
        self._tab_after_load: str | None = None
        #: The editing flows and the undo stack.
        self.editor = EditController(self, self.db_path)

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield ClientHeader(self.as_of, id="header")
        with TabbedContent(id="tabs"):
            for pane in PANES:
                yield pane()
        yield Footer(compact=True)

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
            summary = load_client_summary(self.db_path, code, self.as_of)
            first = {pane.PANE_ID: pane.build(summary) for pane in PANES if not pane.NEEDS_RECORDS}
        except Exception as error:  # noqa: BLE001 - shown to the user, the app keeps running
            if not worker.is_cancelled:
                self.app.call_from_thread(self._load_failed, error)
            return
        if worker.is_cancelled:
            return
        self.app.call_from_thread(self._show_summary, summary, first)
        try:
            data = load_client_data(self.db_path, summary.code, self.as_of)
            tables = {pane.PANE_ID: pane.build(data) for pane in PANES if pane.NEEDS_RECORDS}
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

    def _show_summary(self, data: ClientData, contents: dict[str, Any]) -> None:
        """The header and the tabs that need no records, as soon as the client is known."""
        first_load = self.data is None
        self.data = data
        self.requested_client = data.code
        self.query_one(ClientHeader).show_client(data.name, data.code, data.currency)
        for pane_id, content in contents.items():
            self.pane(pane_id).show(content)
        portfolio = self.pane(PortfolioPane.PANE_ID)
        keys = contents[PortfolioPane.PANE_ID].keys
        if data.code in keys:
            portfolio.table.move_cursor(row=keys.index(data.code), animate=False)
        if data.note:
            self.notify(data.note, title="Client", severity="warning", markup=False)
        target, self._tab_after_load = self._tab_after_load, None
        if target is not None and self.tabs.active == target:
            self.action_show_tab(target)
        elif first_load or self.focused is None or not self.focused.display:
            self.action_show_tab(self.tabs.active)

    def _show(self, data: ClientData, contents: dict[str, Any]) -> None:
        """The tabs built from the client's records."""
        if self.data is not None and self.data.code != data.code:
            return  # another client was opened meanwhile
        self.data = data
        for pane_id, content in contents.items():
            self.pane(pane_id).show(content)
        if self.focused is None or not self.focused.display:
            self.action_show_tab(self.tabs.active)
        # The dashboard's figures: after the tabs have painted, in the background.
        self.call_after_refresh(self.portfolio.fill_in, self.db_path, self.as_of)

    @property
    def portfolio(self) -> PortfolioPane:
        pane = self.pane(PortfolioPane.PANE_ID)
        assert isinstance(pane, PortfolioPane)
        return pane

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
            if code is not None and code != self.requested_client:
                self.select_client(code)

        self.app.push_screen(ClientSwitcher(clients, current=self.client_code), chosen)

    def action_reload(self) -> None:
        self.portfolio.forget()
        self.load(self.client_code)

    def records_changed(self) -> None:
        """Something was written: read the client again (each tab keeps its place); the
        dashboard computes the current client's figures again, and only those."""
        self.portfolio.forget(self.client_code)
        self.load(self.client_code)

    @on(RecordsChanged)
    def _records_changed(self, event: RecordsChanged) -> None:
        event.stop()
        self.records_changed()

    def set_number_format(self, separator: str | None) -> None:
        """Declare how the current client's amounts are typed (the palette's
        "Number format" commands); its forms show and use it from then on."""
        code = self.client_code
        if code is None:
            return

        async def flow() -> None:

            try:
                changed = await self.editor.write(set_decimal_separator, code, separator)
            except EditError as error:  # the database is read-only, or busy
                self.notify(str(error), title="Number format", severity="error", markup=False)
                return
            text = NUMBER_FORMATS[separator][0]
            self.notify(text if changed else f"{text}: already so", title="Number format",
                        markup=False)
            if changed:
                self.records_changed()

        self.run_worker(flow(), group="dialog", name="number format", exit_on_error=False)

    def action_undo(self) -> None:
        def undone(change: Change) -> None:
            self.records_changed()

        self.editor.undo(undone)

    def action_nothing_to_undo(self) -> None:
        self.notify("Nothing to undo in this session.", title="Undo", markup=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # "u Undo" is in the footer only when there is something to undo; with
        # nothing, u falls through to the binding that says so.
        if action == "undo":
            return bool(self.editor.undo_stack)
        return True

    def jump_to(self, code: str, pane_id: str, row_id: int) -> None:
        """Show record ``row_id`` in tab ``pane_id`` of client ``code`` (the filters are cleared)."""
        pane = self.pane(pane_id)
        reveal = getattr(pane, "reveal", None)
        if reveal is not None:
            reveal(row_id)
        if code != self.requested_client:
            self.select_client(code, tab=pane_id)
        else:
            self.action_show_tab(pane_id)
            pane.reload()  # type: ignore[attr-defined]

    def new_record(self, pane_id: str) -> None:
        """Show tab ``pane_id`` and open its form for a new record."""
        self.action_show_tab(pane_id)
        action = getattr(self.pane(pane_id), "action_new", None)
        if action is not None:
            action()

    def import_file(self) -> None:
        """Open the Import screen (the current client chosen); after an import it posts
        :class:`RecordsChanged` (through the Portfolio tab, which then computes every client's
        figures again), so every tab and the client list are read again.
        The screen and the file readers load when first opened, not at start-up."""
        from itroad.tui.screens.import_file import ImportScreen

        clients = self.data.clients if self.data else ()
        # Told through the Portfolio tab: an import may write any client, so the
        # dashboard forgets every client's figures; the news then reaches this screen.
        self.app.push_screen(ImportScreen(self.db_path, self.as_of, clients, self.client_code,
                                          changed=self.portfolio))

    @on(PortfolioPane.ClientChosen)
    def _client_chosen(self, event: PortfolioPane.ClientChosen) -> None:
        self.select_client(event.code, tab="hardware")
