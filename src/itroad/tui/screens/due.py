"""What's due: what needs a decision or a payment soon, for this client or all (``D``).

``D`` from any tab (or "What's due…" in the palette) opens this screen over the
workspace. It lists the items of :func:`itroad.planning.due.due_items_for` (the
items ``itroad due`` prints) within 30, 90 or 365 days of the day the figures are
computed for, soonest first, grouped by kind (renewals, contracts, replacements,
warranties). Each group starts with a row saying how many items it holds, how many
are late and what they add up to (its subtotal); a total row per currency closes
the list (two currencies are never added: :func:`~itroad.planning.due.due_groups`
and :func:`~itroad.planning.due.due_totals` group them, as for ``itroad due``).

A long group (more than :data:`~itroad.output.due.SUMMARY_OVER` items, such as
dozens of overdue replacements) starts folded, as ``itroad due`` summarises it:
its row carries the count and the subtotal, so the list fits a terminal of 80×24
and still adds up; space (or Enter on the group's row) shows its items. The row
under the cursor is spelled out under the table: the whole action, the owner, the
client. Enter on an item closes the screen and shows the record in its tab
(:meth:`~itroad.tui.screens.main.MainScreen.jump_to`), the cursor on it.

It opens again where it was left (window, scope, folds, the row under the
cursor), so that a list can be worked through: Enter, change the record, ``D``.

The clients are read in a thread worker with its own read-only connection
(``Reading…`` meanwhile), once per scope; a change of window computes the items
again from what was read. Text from the data is shown literally (``Text`` cells,
``Content``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar
from weakref import WeakKeyDictionary

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static
from textual.worker import get_current_worker

from itroad.domain.models import Client
from itroad.domain.money import format_money
from itroad.output.due import SUMMARY_OVER
from itroad.planning.due import (
    CONTRACT,
    RENEWAL,
    DueGroup,
    DueItem,
    DueTotal,
    due_groups,
    due_items,
    due_items_for,
    due_totals,
)
from itroad.store import load_client, load_clients, open_database
from itroad.store.lookups import record_id
from itroad.tui.cells import NO_CLIENT, Column, TableData, clean, date_cell, text_cell
from itroad.tui.widgets.record_table import RecordTable

if TYPE_CHECKING:
    from itroad.tui.screens.main import MainScreen

#: The windows offered, in days: ``w`` goes from one to the next.
WINDOWS = (30, 90, 365)
DEFAULT_WINDOW = 90
#: The scopes: the workspace's current client, or every client in the database.
THIS_CLIENT, ALL_CLIENTS = "client", "all"

_PLURAL = {"renewal": "Renewals", "contract": "Contracts", "replacement": "Replacements",
           "warranty": "Warranties"}
#: Where each kind of item is kept: its table in the store and the tab that shows it.
_RECORD_OF_KIND = {RENEWAL: ("renewals", "renewals"), CONTRACT: ("contracts", "contracts"),
                   "replacement": ("assets", "hardware"), "warranty": ("assets", "hardware")}
#: Longest text of each column (the whole of it is under the table).
_WHAT_LIMIT, _OWNER_LIMIT, _CLIENT_LIMIT, _ACTION_LIMIT = 28, 16, 12, 60
#: With a client column, the name is shorter so that the owner shows at 80 columns.
_WHAT_LIMIT_ALL = 22

#: Where Enter leads: the client's code, the tab and the record's row id.
Target = tuple[str, str, int]


def record_of(item: DueItem) -> tuple[str, str, str]:
    """``(table, tab, key)``: where the record behind ``item`` is, and what names it
    there (an asset's tag, a renewal's name, a contract's title)."""
    table, tab = _RECORD_OF_KIND[item.kind]
    key = item.tag if table == "assets" and item.tag is not None else item.name
    return table, tab, key


def read_clients(db_path: Path, code: str | None) -> tuple[Client, ...]:
    """Client ``code`` (None: every client) with a private read-only connection."""
    db = open_database(db_path, readonly=True)
    try:
        if code is None:
            return tuple(load_clients(db))
        return (load_client(db, code),)
    finally:
        db.close()


def namesake(item: DueItem, clients: Sequence[Client], as_of: date, within: int) -> int:
    """Which of the client's renewals (or contracts) bearing ``item``'s name is the one
    behind it, counted in the order they were made (0: the first, also when it cannot
    be told): two renewals of one name, one per site, are two rows of the view. An
    asset is named by its tag, which no other asset of the client has."""
    client = next((c for c in clients if c.code == item.client), None)
    if client is None or item.kind not in (RENEWAL, CONTRACT):
        return 0
    if item.kind == RENEWAL:
        alike = [client.model_copy(update={"renewals": [r], "contracts": [], "assets": []})
                 for r in client.renewals if r.name == item.name]
    else:
        alike = [client.model_copy(update={"renewals": [], "contracts": [c], "assets": []})
                 for c in client.contracts if c.title == item.name]
    if len(alike) < 2:
        return 0
    return next((n for n, alone in enumerate(alike) if item in due_items(alone, as_of, within)), 0)


def find_record(db_path: Path, item: DueItem, nth: int = 0) -> Target | None:
    """Where the record behind ``item`` is shown (None: it is gone); ``nth``: which of
    the records named alike it is (:func:`namesake`)."""
    table, tab, key = record_of(item)
    db = open_database(db_path, readonly=True)
    try:
        row_id = record_id(db, item.client, table, key, nth)
    finally:
        db.close()
    return None if row_id is None else (item.client, tab, row_id)


def when(item: DueItem, as_of: date) -> str:
    """How soon, in words: ``late``, ``today``, ``in 9 d``."""
    if item.late:
        return "late"
    days = (item.date - as_of).days
    return "today" if days == 0 else f"in {days} d"


def _what(item: DueItem) -> str:
    return f"{item.tag} {item.name}" if item.tag else item.name


def _amount(amount: Decimal | None, *, style: str = "") -> Text:
    shown = format_money(amount) if amount is not None else "—"
    return Text(shown, style=style, justify="right", no_wrap=True)


def _unknown(count: int) -> str:
    return f", {count} without a cost" if count else ""


@dataclass(frozen=True)
class DueRows:
    """The table of the Due view as plain data, and what each row stands for."""

    table: TableData
    items: dict[str, DueItem] = field(default_factory=dict)
    groups: dict[str, DueGroup] = field(default_factory=dict)
    totals: dict[str, DueTotal] = field(default_factory=dict)


def group_key(group: DueGroup) -> str:
    return f"group:{group.currency}:{group.kind}"


def is_open(group: DueGroup, toggled: set[str]) -> bool:
    """A group shows its items unless it is long; ``toggled`` holds the groups the
    user folded or unfolded."""
    return (len(group.items) <= SUMMARY_OVER) != (group_key(group) in toggled)


def due_rows(items: Sequence[DueItem], as_of: date, *, all_clients: bool,
             toggled: set[str] | None = None, empty: str = "Nothing due.") -> DueRows:
    """The rows of the Due view: per currency, a row per kind (count, late, subtotal)
    followed by its items when the group is open, then the currency's total."""
    toggled = toggled or set()
    groups = due_groups(items, per_client=False)
    totals = {t.currency: t for t in due_totals(items, per_client=False)}
    currencies = len(totals) > 1
    columns = [Column("date", "Date"), Column("when", "When")]
    if all_clients:
        columns.append(Column("client", "Client"))
    columns += [Column("what", "What"), Column("amount", "Amount", numeric=True),
                Column("owner", "Owner"), Column("action", "Action")]
    rows: list[tuple[Text, ...]] = []
    keys: list[str] = []
    items_of: dict[str, DueItem] = {}
    groups_of: dict[str, DueGroup] = {}
    totals_of: dict[str, DueTotal] = {}

    def add(key: str, date_: Text, when_: Text, client: Text, what: Text, amount: Text,
            owner: Text, action: Text) -> None:
        cells = [date_, when_] + ([client] if all_clients else []) + [what, amount, owner, action]
        rows.append(tuple(cells))
        keys.append(key)

    what_limit = _WHAT_LIMIT_ALL if all_clients else _WHAT_LIMIT
    blank = Text("")
    seen: dict[str, int] = {}
    for n, group in enumerate(groups):
        key = group_key(group)
        groups_of[key] = group
        late = sum(1 for item in group.items if item.late)
        shown = is_open(group, toggled)
        label = _PLURAL[group.kind] + (f", {group.currency}" if currencies else "")
        count = f"{len(group.items)} item" + ("s" if len(group.items) > 1 else "")
        summary = f"{count}{f', {late} late' if late else ''}{_unknown(group.unknown)}"
        add(key, blank, text_cell(f"{late} late" if late else "", style="bold"), blank,
            text_cell(f"{'▾' if shown else '▸'} {label} ({len(group.items)})", style="bold",
                      limit=what_limit),
            _amount(group.amount, style="bold"), blank,
            text_cell(summary + ("" if shown else "; space shows them"), style="bold",
                      limit=_ACTION_LIMIT))
        if shown:
            for item in group.items:
                base = f"item:{item.client}:{item.kind}:{item.tag or item.name}:{item.date}"
                seen[base] = seen.get(base, 0) + 1
                item_key = base if seen[base] == 1 else f"{base}:{seen[base]}"
                items_of[item_key] = item
                add(item_key, date_cell(item.date, style="bold" if item.late else ""),
                    text_cell(when(item, as_of), style="bold red" if item.late else ""),
                    text_cell(item.client, limit=_CLIENT_LIMIT),
                    text_cell("  " + clean(_what(item)), limit=what_limit),
                    _amount(item.amount), text_cell(item.owner or "—", limit=_OWNER_LIMIT),
                    text_cell(item.action, limit=_ACTION_LIMIT))
        if n + 1 == len(groups) or groups[n + 1].currency != group.currency:
            total = totals[group.currency]
            total_key = f"total:{group.currency}"
            totals_of[total_key] = total
            add(total_key, blank, blank, blank,
                text_cell(f"Total {group.currency}", style="bold", limit=what_limit),
                _amount(total.amount, style="bold"), blank,
                text_cell(f"{total.count} item" + ("s" if total.count > 1 else "")
                          + _unknown(total.unknown), style="bold", limit=_ACTION_LIMIT))
    return DueRows(TableData(tuple(columns), rows, keys, empty=empty), items_of, groups_of, totals_of)


@dataclass(frozen=True)
class Place:
    """Where the user left the Due view: it opens there again (the window, the scope,
    the groups folded or unfolded, the row under the cursor)."""

    within: int = DEFAULT_WINDOW
    scope: str = THIS_CLIENT
    toggled: frozenset[str] = frozenset()
    key: str | None = None


#: Where each workspace's Due view was left.
_PLACES: WeakKeyDictionary[MainScreen, Place] = WeakKeyDictionary()


@dataclass(frozen=True)
class _Read:
    scope: str
    within: int
    clients: tuple[Client, ...]
    items: tuple[DueItem, ...]


class DueScreen(Screen[Target | None]):
    """The Due view; dismisses with the record chosen (Enter on an item) or None (Esc)."""

    DEFAULT_CSS = """
    DueScreen {
        layout: vertical;
    }
    DueScreen #due-title {
        height: 1;
        text-style: bold;
        background: $panel;
        padding: 0 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    DueScreen #due-empty {
        padding: 1 2;
        color: $text-muted;
    }
    DueScreen #due-detail {
        height: 2;
        padding: 0 1;
        color: $text-muted;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", tooltip="Close the Due view"),
        Binding("enter", "open", "Open", priority=True,
                tooltip="Show the record in its tab (on a group's row: show or hide its items)"),
        Binding("space", "fold", "Fold", tooltip="Show or hide the items of the row's group"),
        Binding("w", "next_window", "Window", tooltip="The next window: 30, 90, 365 days"),
        Binding("3", "window(30)", "30 days", show=False, tooltip="Due within 30 days"),
        Binding("9", "window(90)", "90 days", show=False, tooltip="Due within 90 days"),
        Binding("y", "window(365)", "A year", show=False, tooltip="Due within 365 days"),
        Binding("a", "scope('all')", "All clients", tooltip="Every client (again: this client)"),
        Binding("a", "scope('client')", "This client", tooltip="Only the current client"),
    ]

    def __init__(self, db_path: Path, as_of: date, code: str | None, *,
                 place: Place | None = None) -> None:
        super().__init__()
        place = place or Place()
        self.db_path = Path(db_path)
        self.as_of = as_of
        self.code = code
        self.within = place.within
        self.scope = place.scope if code is not None else ALL_CLIENTS
        self.reading = False
        self.items: tuple[DueItem, ...] = ()
        #: The window and clients the items shown were worked out for.
        self._items_of: tuple[int, tuple[Client, ...]] = (self.within, ())
        self.rows: DueRows | None = None
        self.toggled: set[str] = set(place.toggled)
        self._restore_key = place.key
        self._clients: dict[str, tuple[Client, ...]] = {}
        self._error: str | None = None
        #: A sentence about the row under the cursor, until the cursor moves.
        self._note: str | None = None

    def compose(self) -> ComposeResult:
        yield Static(Content(self.title_text()), id="due-title")
        yield Static("", id="due-empty", markup=False)
        yield RecordTable(id="due-table")
        yield Static("", id="due-detail", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#due-empty", Static).display = False
        self.table.focus()
        self.read()

    @property
    def table(self) -> RecordTable:
        return self.query_one("#due-table", RecordTable)

    # ------------------------------------------------------------------ reading

    def title_text(self) -> str:
        """``Due within 90 days of 2026-11-22 · Acme Dental (acme)``."""
        if self.scope == ALL_CLIENTS:
            count = len(self._clients.get(ALL_CLIENTS, ()))
            whose = f"all {count} clients" if count else "all clients"
        else:
            clients = self._clients.get(THIS_CLIENT, ())
            whose = (f"{' '.join(clean(clients[0].name).split())} ({clean(self.code)})"
                     if clients else clean(self.code))
        return f"Due within {self.within} days of {self.as_of.isoformat()} · {whose}"

    def read(self) -> None:
        """Read the scope's clients (once), then work out their items in the window."""
        self.reading = True
        self._show_detail()
        self._read(self.scope, self.within, self._clients.get(self.scope))

    @work(thread=True, exclusive=True, group="due", name="read due items", exit_on_error=False)
    def _read(self, scope: str, within: int, clients: tuple[Client, ...] | None) -> None:
        worker = get_current_worker()
        try:
            if clients is None:
                clients = read_clients(self.db_path, self.code if scope == THIS_CLIENT else None)
            items = tuple(due_items_for(clients, self.as_of, within))
        except Exception as error:  # noqa: BLE001 - shown to the user, the screen stays
            if not worker.is_cancelled:
                self.app.call_from_thread(self._failed, f"Could not read {self.db_path}: {error}")
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show, _Read(scope, within, clients, items))

    def _failed(self, message: str) -> None:
        self.reading = False
        self._error = message
        self._show_detail()

    def _show(self, read: _Read) -> None:
        self._clients[read.scope] = read.clients
        if (read.scope, read.within) != (self.scope, self.within):
            return  # another window or scope was asked for meanwhile
        self.reading = False
        self._error = None
        self.items = read.items
        self._items_of = (read.within, read.clients)
        self.query_one("#due-title", Static).update(Content(self.title_text()))
        self._refill()

    def _empty_text(self) -> str:
        if self.scope == ALL_CLIENTS and not self._clients.get(ALL_CLIENTS):
            return NO_CLIENT
        whose = "any client" if self.scope == ALL_CLIENTS else "this client"
        return (f"Nothing due for {whose} within {self.within} days of "
                f"{self.as_of.isoformat()}: w tries a longer window"
                + ("." if self.scope == ALL_CLIENTS else ", a every client."))

    def _refill(self) -> None:
        self.rows = due_rows(self.items, self.as_of, all_clients=self.scope == ALL_CLIENTS,
                             toggled=self.toggled, empty=self._empty_text())
        table = self.table
        table.show(self.rows.table)
        if self._restore_key is not None:
            if self._restore_key in self.rows.table.keys:
                table.move_cursor(row=self.rows.table.keys.index(self._restore_key), animate=False)
            self._restore_key = None
        has_rows = bool(self.rows.table.rows)
        table.display = has_rows
        empty = self.query_one("#due-empty", Static)
        empty.update(Content(self.rows.table.empty))
        empty.display = not has_rows
        self._show_detail()
        self.refresh_bindings()

    def place(self) -> Place:
        """Where the user is now (to open there next time)."""
        return Place(self.within, self.scope, frozenset(self.toggled), self.current_key)

    # ------------------------------------------------------------------ the row

    @property
    def current_key(self) -> str | None:
        return self.table.current_key if self.table.display else None

    @property
    def current_item(self) -> DueItem | None:
        key = self.current_key
        return None if key is None or self.rows is None else self.rows.items.get(key)

    def _current_group(self) -> DueGroup | None:
        """The group of the row under the cursor (its own row or one of its items)."""
        key, rows = self.current_key, self.rows
        if key is None or rows is None:
            return None
        if key in rows.groups:
            return rows.groups[key]
        item = rows.items.get(key)
        if item is None:
            return None
        return next((g for g in rows.groups.values()
                     if g.currency == item.currency and g.kind == item.kind), None)

    def detail_text(self) -> str:
        """What the line under the table says of the row under the cursor."""
        if self.reading:
            return "Reading…"
        if self._error is not None:
            return self._error
        if self._note is not None:
            return clean(self._note)
        key, rows = self.current_key, self.rows
        if key is None or rows is None:
            return ""
        if (item := rows.items.get(key)) is not None:
            parts = ["late" if item.late else when(item, self.as_of), item.action,
                     f"owner {item.owner}" if item.owner else "no owner"]
            if self.scope == ALL_CLIENTS:
                parts.append(f"client {item.client}")
            return clean(" · ".join(parts))
        if (group := rows.groups.get(key)) is not None:
            first, last = group.items[0].date, group.items[-1].date
            state = "space hides them" if is_open(group, self.toggled) else "space shows them"
            return (f"{len(group.items)} {_PLURAL[group.kind].lower()}, due {first.isoformat()}"
                    f" to {last.isoformat()}, {format_money(group.amount)} {group.currency}"
                    f"{_unknown(group.unknown)}; {state}")
        if (total := rows.totals.get(key)) is not None:
            return (f"{total.count} items add up to {format_money(total.amount)} {total.currency}"
                    f"{_unknown(total.unknown)} (an item without a cost counts nothing)")
        return ""

    def _show_detail(self) -> None:
        self.query_one("#due-detail", Static).update(Content(self.detail_text()))

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self._note = None
        self._show_detail()

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    # ------------------------------------------------------------------ actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "scope":
            if self.code is None:
                return False  # no current client: every client it is
            return parameters[0] != self.scope
        return True

    def action_close(self) -> None:
        self.dismiss(None)

    def action_window(self, days: int) -> None:
        if days != self.within:
            self.within = days
            self.read()

    def action_next_window(self) -> None:
        index = WINDOWS.index(self.within) if self.within in WINDOWS else -1
        self.action_window(WINDOWS[(index + 1) % len(WINDOWS)])

    def action_scope(self, scope: str) -> None:
        if scope != self.scope and self.code is not None:
            self.scope = scope
            self.query_one("#due-title", Static).update(Content(self.title_text()))
            self.refresh_bindings()
            self.read()

    def action_fold(self) -> None:
        group = self._current_group()
        if group is None:
            return
        key = group_key(group)
        self.toggled ^= {key}
        self._refill()
        if self.rows is not None and key in self.rows.table.keys:
            self.table.move_cursor(row=self.rows.table.keys.index(key), animate=False)

    def action_open(self) -> None:
        key = self.current_key
        if key is None or self.rows is None:
            return
        if key in self.rows.groups:
            self.action_fold()
        elif (item := self.rows.items.get(key)) is not None:
            self._find(item, *self._items_of)

    @work(thread=True, exclusive=True, group="due open", name="find due record", exit_on_error=False)
    def _find(self, item: DueItem, within: int, clients: tuple[Client, ...]) -> None:
        try:
            target = find_record(self.db_path, item, namesake(item, clients, self.as_of, within))
        except Exception as error:  # noqa: BLE001 - shown to the user, the screen stays
            self.app.call_from_thread(self._failed, f"Could not read {self.db_path}: {error}")
            return
        self.app.call_from_thread(self._found, item, target)

    def _found(self, item: DueItem, target: Target | None) -> None:
        if target is None:
            self._note = f"{_what(item)} is no longer in the database (deleted or renamed since)."
            self._show_detail()
            return
        self.dismiss(target)


def open_due(main: MainScreen) -> None:
    """Open the Due view over the workspace, on its current client (unless it is open
    already), where the user left it; Enter on an item shows its record there
    (:meth:`MainScreen.jump_to`)."""
    app = main.app
    if any(isinstance(screen, DueScreen) for screen in app.screen_stack):
        return

    screen = DueScreen(main.db_path, main.as_of, main.client_code, place=_PLACES.get(main))

    def chosen(target: Target | None) -> None:
        _PLACES[main] = screen.place()
        if target is not None:
            main.jump_to(*target)

    app.push_screen(screen, chosen)
