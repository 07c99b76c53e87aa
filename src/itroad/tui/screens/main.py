"""The workspace: a header naming the current client, a tab per kind of record, the footer.

The screen owns "which client is current". Loading happens in thread workers,
each with its own read-only connection, in two steps: the client summary first
(:func:`itroad.tui.data.load_client_summary`: the header, the Portfolio tab and
the inventory tabs, which page their rows from SQLite themselves, show at once),
then, only while a tab built from them is open, the client's records
(:func:`itroad.tui.data.load_client_data`). Each tab's contents are built in a
worker too, and put on screen back on the UI thread.

Schedule, Roadmap and People (the tabs built from the records) are imported and
mounted the first time they are shown (:data:`itroad.tui.panes.TABS`), so the
first screen neither imports them nor reads a record; :meth:`MainScreen.when_open`
runs something on such a tab once it is on screen.

The screen also owns the :class:`~itroad.tui.editing.EditController` (the
editing flows and the undo stack, ``u``); after a write a tab posts
:class:`~itroad.tui.messages.RecordsChanged` and :meth:`records_changed`
reads the client again (the records only for the tabs that are open).

The Portfolio tab's figures (the dashboard) are computed in the background once
the first tabs are on screen, one client at a time; a write makes the
dashboard forget only the current client's figures, ``r`` (reload) every client's.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, TabbedContent, TabPane, Tabs
from textual.worker import get_current_worker

from itroad.store.clients import set_decimal_separator
from itroad.store.editing import EditError
from itroad.tui.cells import clean
from itroad.tui.data import ClientData, load_client_data, load_client_summary
from itroad.tui.editing import Change, EditController
from itroad.tui.messages import RecordsChanged
from itroad.tui.number_formats import NUMBER_FORMATS
from itroad.tui.panes import TAB_BY_ID, TABS
from itroad.tui.panes.base import TablePane
from itroad.tui.panes.portfolio import PortfolioPane
from itroad.tui.screens.client_switcher import ClientSwitcher
from itroad.tui.widgets.client_header import ClientHeader

#: The tabs built from the client's records, mounted when first shown.
LAZY_TABS = tuple(tab.pane_id for tab in TABS if tab.lazy)
#: Seconds a tab shown for the first time may stay empty before it says what it waits
#: for (a large client's records take a second or two).
WAITING_AFTER = 0.2


def tab_bindings() -> list[Binding]:
    """Keys 1–7: one per tab, in tab order."""
    last = len(TABS)
    return [
        Binding(
            str(number),
            f"show_tab('{tab.pane_id}')",
            "Tabs" if number == 1 else tab.title,
            show=number == 1,
            key_display=f"1-{last}" if number == 1 else None,
            tooltip=f"Show the {tab.title} tab",
        )
        for number, tab in enumerate(TABS, start=1)
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
        #: The current client's records, once read (only while a tab needs them).
        self.records: ClientData | None = None
        self._tab_after_load: str | None = None
        #: Counts the loads: what a worker brings for an older one is dropped.
        self._generation = 0
        #: The load whose summary is on screen.
        self._shown = -1
        self._reading_records = False
        #: What waits for a tab being mounted: pane id -> callbacks.
        self._opening: dict[str, list[Callable[[TablePane], None]]] = {}
        #: The tabs that have been given contents at least once.
        self._filled: set[str] = set()
        #: The editing flows and the undo stack.
        self.editor = EditController(self, self.db_path)

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield ClientHeader(self.as_of, id="header")
        with TabbedContent(id="tabs"):
            for tab in TABS:
                panes = () if tab.lazy else (tab.pane_class()(),)
                yield TabPane(tab.title, *panes, id=tab.pane_id)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.load(self.requested_client)

    @property
    def tabs(self) -> TabbedContent:
        return self.query_one(TabbedContent)

    def is_open(self, pane_id: str) -> bool:
        """Whether tab ``pane_id``'s pane is on screen, composed (the first four always are)."""
        return pane_id not in self._opening and bool(
            self.tabs.get_pane(pane_id).query_children(TablePane))

    def pane(self, pane_id: str) -> TablePane:
        """Tab ``pane_id``'s pane; a tab mounted on first show must be open (:meth:`when_open`)."""
        if not self.is_open(pane_id):
            raise LookupError(f"the {pane_id} tab is not open yet")
        return self.tabs.get_pane(pane_id).query_children(TablePane).first()

    def when_open(self, pane_id: str, callback: Callable[[TablePane], None]) -> None:
        """Run ``callback(pane)`` once tab ``pane_id``'s pane is on screen: now if it is,
        else once it is imported and mounted (which this starts, the first time)."""
        if self.is_open(pane_id):
            callback(self.pane(pane_id))
            return
        opening = pane_id in self._opening
        self._opening.setdefault(pane_id, []).append(callback)
        if not opening:
            self.run_worker(self._open(pane_id), group="open tab", name=f"open {pane_id}",
                            exit_on_error=False)

    async def _open(self, pane_id: str) -> None:
        # Its records are read (if they are not yet) while its module is imported, off
        # the UI thread, and the pane mounted.
        self._need_records([pane_id])
        try:
            pane_class = await asyncio.to_thread(TAB_BY_ID[pane_id].pane_class)
            pane = pane_class()
            await self.tabs.get_pane(pane_id).mount(pane)
        except Exception as error:  # noqa: BLE001 - shown to the user, the app keeps running
            self._opening.pop(pane_id, None)
            self._load_failed(error)
            return
        for callback in self._opening.pop(pane_id, []):
            callback(pane)
        if pane_id not in self._filled:
            self.set_timer(WAITING_AFTER, partial(self._still_waiting, pane_id))

    def _still_waiting(self, pane_id: str) -> None:
        if pane_id in self._filled or not self.is_open(pane_id):
            return
        name = self.data.name if self.data is not None else None
        self.pane(pane_id).show_waiting(
            f"Reading {clean(name)}'s records…" if name else "Reading the database…")

    def _lazy_tabs_wanted(self) -> list[str]:
        """The tabs built from the records that are open or being opened."""
        return [pane_id for pane_id in LAZY_TABS if pane_id in self._opening
                or self.tabs.get_pane(pane_id).query_children(TablePane)]

    # ------------------------------------------------------------------ loading

    @property
    def client_code(self) -> str | None:
        """The current client's code (None before the first load or with no clients)."""
        return self.data.code if self.data else self.requested_client

    def load(self, code: str | None) -> None:
        """Read the client list and client ``code`` (None: the first), then refresh every
        open tab (the records are read again only if a tab built from them is open)."""
        self.requested_client = code
        self._generation += 1
        self.records = None
        self._reading_records = False
        self._load(code, self._generation)

    @work(thread=True, exclusive=True, group="load", name="load client", exit_on_error=False)
    def _load(self, code: str | None, generation: int) -> None:
        worker = get_current_worker()
        try:
            summary = load_client_summary(self.db_path, code, self.as_of)
            first = {tab.pane_id: tab.pane_class().build(summary) for tab in TABS if not tab.lazy}
        except Exception as error:  # noqa: BLE001 - shown to the user, the app keeps running
            if not worker.is_cancelled:
                self.app.call_from_thread(self._load_failed, error)
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show_summary, generation, summary, first)

    def _need_records(self, pane_ids: Iterable[str]) -> None:
        """Tabs ``pane_ids`` (built from the records) are open: fill them, reading the
        client's records first unless they are read already or being read."""
        pane_ids = list(pane_ids)
        if not pane_ids or self._shown != self._generation:
            return  # the summary's arrival asks again, for every open tab
        assert self.data is not None
        if self.data.code is None:  # no client at all: built from the summary
            self._build(self._generation, self.data, pane_ids)
        elif self.records is not None:
            self._build(self._generation, self.records, pane_ids)
        elif not self._reading_records:
            self._reading_records = True
            self._read_records(self._generation, self.data.code)

    @work(thread=True, exclusive=True, group="records", name="read records", exit_on_error=False)
    def _read_records(self, generation: int, code: str) -> None:
        worker = get_current_worker()
        try:
            data = load_client_data(self.db_path, code, self.as_of)
        except Exception as error:  # noqa: BLE001 - shown to the user, the app keeps running
            if not worker.is_cancelled:
                self.app.call_from_thread(self._records_failed, generation, error)
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self._records_read, generation, data)

    def _records_read(self, generation: int, data: ClientData) -> None:
        if generation != self._generation:
            return
        self.records = data
        self._reading_records = False
        self._build(generation, data, self._lazy_tabs_wanted())

    def _records_failed(self, generation: int, error: Exception) -> None:
        if generation == self._generation:
            self._reading_records = False  # the next tab opened, or r, tries again
        self._load_failed(error)

    @work(thread=True, group="build tabs", name="build tabs", exit_on_error=False)
    def _build(self, generation: int, data: ClientData, pane_ids: list[str]) -> None:
        worker = get_current_worker()
        try:
            tables = {pane_id: TAB_BY_ID[pane_id].pane_class().build(data) for pane_id in pane_ids}
        except Exception as error:  # noqa: BLE001 - shown to the user, the app keeps running
            if not worker.is_cancelled:
                self.app.call_from_thread(self._load_failed, error)
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show, generation, tables)

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

    def _show_summary(self, generation: int, data: ClientData, contents: dict[str, Any]) -> None:
        """The header and the tabs that need no records, as soon as the client is known."""
        if generation != self._generation:
            return
        first_load = self.data is None
        self.data = data
        self._shown = generation
        self.requested_client = data.code
        self.query_one(ClientHeader).show_client(data.name, data.code, data.currency)
        for pane_id, content in contents.items():
            self.pane(pane_id).show(content)
        portfolio = self.portfolio
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
        self._need_records(self._lazy_tabs_wanted())
        # The dashboard's figures: after the tabs have painted, in the background.
        self.call_after_refresh(self.portfolio.fill_in, self.db_path, self.as_of)

    def _show(self, generation: int, contents: dict[str, Any]) -> None:
        """Tabs built from the client's records."""
        if generation != self._generation:
            return  # another client was opened, or the client read again, meanwhile
        for pane_id, content in contents.items():
            # A tab still being mounted shows them once it is.
            self.when_open(pane_id, partial(self._fill, pane_id, content))
        if self.focused is None or not self.focused.display:
            self.action_show_tab(self.tabs.active)

    def _fill(self, pane_id: str, content: Any, pane: TablePane) -> None:
        first = pane_id not in self._filled
        self._filled.add(pane_id)
        pane.show(content)
        if first and self.tabs.active == pane_id and (
                self.focused is None or isinstance(self.focused, Tabs)):
            # Shown before it had contents, the tab left the focus on the tab bar: now
            # its keys must work.
            self.call_after_refresh(self.action_show_tab, pane_id)

    @property
    def portfolio(self) -> PortfolioPane:
        pane = self.pane(PortfolioPane.PANE_ID)
        assert isinstance(pane, PortfolioPane)
        return pane

    # ------------------------------------------------------------------ actions

    def action_show_tab(self, pane_id: str) -> None:
        """Show a tab and put the focus in it (tab first, then focus: see TEXTUAL_NOTES.md)."""
        self.tabs.active = pane_id

        def focus(pane: TablePane) -> None:
            if self.tabs.active != pane_id:
                return  # another tab was shown while this one was being mounted
            pane.focus_content()
            if not pane.table.display:
                self.tabs.query_one(Tabs).focus()

        self.when_open(pane_id, focus)

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
        """Show record ``row_id`` in tab ``pane_id`` of client ``code`` (the filters are cleared).

        The tab reveals the row (now if it is on screen, else when the tab next shows a
        client that has it), then the client is switched to, or the tab is shown and
        refilled (a tab opened just now is filled anyway)."""
        fresh = not self.is_open(pane_id)

        def reveal(pane: TablePane) -> None:
            reveal_row = getattr(pane, "reveal", None)
            if callable(reveal_row):
                reveal_row(row_id)
            if code != self.requested_client:
                self.select_client(code, tab=pane_id)
                return
            self.action_show_tab(pane_id)
            reload = getattr(pane, "reload", None)
            if callable(reload) and not fresh:
                reload()

        self.when_open(pane_id, reveal)

    def new_record(self, pane_id: str) -> None:
        """Show tab ``pane_id`` and open its form for a new record."""
        self.action_show_tab(pane_id)

        def new(pane: TablePane) -> None:
            action = getattr(pane, "action_new", None)
            if action is not None:
                action()

        self.when_open(pane_id, new)

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
