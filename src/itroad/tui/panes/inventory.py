"""The inventory tabs (Hardware, Renewals, Contracts): one browsing and editing screen.

:class:`InventoryPane` shows a client's records of one kind in a
:class:`~itroad.tui.widgets.paged_table.PagedTable` read from SQLite a page at a
time, so a client with 100,000 assets opens as fast as one with 100. Above the
table a filter line (``/``), below it a status line (how many rows, which
filters, which order, how many marked), beside or under it a detail panel
(every field of the row under the cursor, with the computed figures).

A subclass says what its kind of record is: the list spec and store kind, its
columns and how a row becomes cells, its detail view, its form, its quick
filters and bulk actions. Editing flows are run by the workspace's
:class:`~itroad.tui.editing.EditController`.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from sqlite_utils import Database
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Label, Static
from textual.worker import get_current_worker

from itroad.store import open_database
from itroad.store.browse import ListSpec, Query, fetch_ids
from itroad.store.records import Kind
from itroad.tui.cells import NO_CLIENT
from itroad.tui.data import ClientData, InventoryContext, load_inventory_context
from itroad.tui.editing import BulkAction, EditController
from itroad.tui.forms import FormField
from itroad.tui.panes.base import TablePane
from itroad.tui.widgets.detail_panel import DetailPanel, DetailView
from itroad.tui.widgets.paged_table import PagedTable, Row, TableColumn

#: From this width on, the detail panel sits beside the table (and is shown by default).
WIDE = 140
#: Seconds the cursor rests on a row before its details are read.
DETAIL_DELAY = 0.05


@dataclass(frozen=True)
class StatusFilter:
    """A quick filter on status: its name in the status line and the statuses it keeps."""

    label: str
    statuses: tuple[str, ...]


class FilterInput(Input):
    """The filter line: ↓ (or Enter) goes back to the rows, keeping the filter; Esc clears it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "leave", "Rows", key_display="↓", tooltip="Back to the rows, keeping the filter"),
        Binding("escape", "clear", "Clear", tooltip="Clear the filter"),
    ]

    class Leave(Message):
        pass

    class Clear(Message):
        pass

    def action_leave(self) -> None:
        self.post_message(self.Leave())

    def action_clear(self) -> None:
        self.post_message(self.Clear())


class InventoryPane(TablePane):
    """A tab browsing and editing one kind of record of the current client."""

    DEFAULT_CSS = """
    InventoryPane > .inventory-body {
        layout: vertical;
        height: 1fr;
    }
    InventoryPane.-wide > .inventory-body {
        layout: horizontal;
    }
    InventoryPane .inventory-main {
        height: 1fr;
        width: 1fr;
    }
    InventoryPane .inventory-filter {
        display: none;
        height: 1;
        background: $panel;
    }
    InventoryPane.-filtering .inventory-filter {
        display: block;
    }
    InventoryPane .inventory-filter > Label {
        width: auto;
        padding: 0 1;
        text-style: bold;
    }
    InventoryPane .inventory-filter > Input {
        width: 1fr;
    }
    InventoryPane DetailPanel {
        display: none;
        height: 55%;
        border-top: solid $primary;
    }
    InventoryPane.-wide DetailPanel {
        height: 1fr;
        width: 38%;
        min-width: 46;
        border-top: none;
        border-left: solid $primary;
    }
    InventoryPane.-details DetailPanel {
        display: block;
    }
    InventoryPane > .inventory-status {
        height: 1;
        background: $panel;
        color: $text-muted;
        padding: 0 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "filter", "Find", tooltip="Filter the rows as you type (tag, name, serial, site, person…)"),
        Binding("escape", "clear", "Clear", show=False,
                tooltip="Clear the filter, then the quick filters, then the marks"),
        Binding("n", "new", "New", tooltip="Add a record"),
        Binding("e", "edit", "Edit", tooltip="Edit the record under the cursor"),
        Binding("d", "delete", "Delete", tooltip="Delete (or retire) the marked records or the one under the cursor"),
        Binding("y", "duplicate", "Duplicate", show=False,
                tooltip="Add a copy of the record under the cursor (the tag moves on to the next free one)"),
        Binding("space", "mark", "Mark", show=False, tooltip="Mark or unmark the row (and move down)"),
        Binding("asterisk", "mark_all", "Mark all", show=False,
                tooltip="Mark every row the filters show (again: clear the marks)"),
        Binding("b", "bulk", "Bulk", show=False,
                tooltip="Change the marked rows at once (set status, site, person; defer…)"),
        Binding("s", "sort", "Sort", show=False, tooltip="Sort by the next column (or click a header)"),
        Binding("S", "reverse", "Reverse", show=False, tooltip="Reverse the sort order"),
        Binding("f", "status_filter", "Status", show=False,
                tooltip="Hardware: quick filter by status (all, current, in use, spare, …)"),
        Binding("a", "attention", "Attention", show=False,
                tooltip="Quick filter: only what needs attention (the Badges column)"),
        Binding("enter", "details", "Details", show=False,
                tooltip="Show or hide the details of the row (beside the table on wide screens)"),
    ]

    #: Not built from the client's records: the tab reads its rows page by page.
    NEEDS_RECORDS = False

    SPEC: ClassVar[ListSpec]
    KIND: ClassVar[Kind]
    NOUN: ClassVar[str] = "record"
    PLURAL: ClassVar[str] = "records"
    COLUMNS: ClassVar[tuple[TableColumn, ...]] = ()
    FILTER_HINT: ClassVar[str] = "type to filter"
    STATUS_FILTERS: ClassVar[tuple[StatusFilter, ...]] = ()
    PERSON_FIELD: ClassVar[str | None] = None
    BULK_ACTIONS: ClassVar[tuple[BulkAction, ...]] = ()
    RETIRE: ClassVar[dict[str, Any] | None] = None

    def __init__(self) -> None:
        super().__init__()
        self.context: InventoryContext | None = None
        self.text = ""
        self.status_index = 0
        self.attention = False
        self.sort: str | None = None
        self.descending = False
        self.count = 0
        #: Enter's choice for the detail panel (None: shown when the screen is wide).
        self.details_wanted: bool | None = None
        self._reveal: int | None = None
        self._detail_for: tuple[int, int] | None = None

    # -- what a subclass provides ------------------------------------------------------

    def render_row(self, row: Row) -> Sequence[Text]:  # pragma: no cover - each tab has its own
        raise NotImplementedError

    @classmethod
    def detail_view(cls, db: Database, row_id: int, context: InventoryContext) -> DetailView:
        """The detail panel's view of a row (runs in a worker thread)."""
        raise NotImplementedError  # pragma: no cover

    def form_fields(self, context: InventoryContext, editor: EditController) -> list[FormField]:
        raise NotImplementedError  # pragma: no cover

    def new_values(self, context: InventoryContext) -> dict[str, Any]:
        return {}

    def copy_values(self, model: Any, context: InventoryContext) -> dict[str, Any]:
        return model.model_dump()

    def label(self, model: Any) -> str:
        return f'{self.NOUN} "{getattr(model, self.KIND.label_column)}"'

    @classmethod
    def help_bindings(cls) -> list[Binding]:
        """The keys of every inventory tab (one help section for the three)."""
        from itroad.tui.screens.help import class_bindings

        own = class_bindings(InventoryPane)
        keys = {binding.key for binding in own}
        return own + [b for b in class_bindings(PagedTable) if b.key not in keys]

    # -- loading (build runs in the loading worker) ---------------------------------------

    @classmethod
    def build(cls, data: ClientData) -> InventoryContext | None:
        return load_inventory_context(data, cls.SPEC)

    def compose(self) -> ComposeResult:
        yield Static("", classes="empty", markup=False)
        with Container(classes="inventory-body"):
            with Vertical(classes="inventory-main"):
                with Horizontal(classes="inventory-filter"):
                    yield Label("Filter /")
                    yield FilterInput(placeholder=self.FILTER_HINT, compact=True,
                                      id=f"{self.PANE_ID}-filter", select_on_focus=False)
                yield PagedTable(self.COLUMNS, self.render_row, id=f"{self.PANE_ID}-table")
            yield DetailPanel(id=f"{self.PANE_ID}-detail")
        yield Static("", classes="inventory-status", markup=False)

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(".inventory-body").display = False
        self.query_one(".inventory-status").display = False

    @property
    def table(self) -> PagedTable:  # type: ignore[override]
        return self.query_one(PagedTable)

    @property
    def filter_input(self) -> Input:
        return self.query_one(Input)

    @property
    def detail(self) -> DetailPanel:
        return self.query_one(DetailPanel)

    @property
    def editor(self) -> EditController:
        return self.screen.editor  # type: ignore[attr-defined]

    @property
    def status_text(self) -> str:
        return str(self.query_one(".inventory-status", Static).content)

    def show(self, context: InventoryContext | None) -> None:  # type: ignore[override]
        """Show a client's rows (keeping filters, order and cursor for the same client)."""
        empty = self.query_one(".empty", Static)
        body = self.query_one(".inventory-body")
        status = self.query_one(".inventory-status")
        if context is None:
            self.context = None
            body.display = status.display = self.table.display = False
            empty.update(Content(NO_CLIENT))
            empty.display = True
            return
        same_client = self.context is not None and self.context.client.id == context.client.id
        self.context = context
        if not same_client:
            self._reset()
        empty.display = False
        body.display = status.display = self.table.display = True
        self.table.empty_text = self._empty_text()
        query = self.current_query()
        if not same_client and self._reveal is None and query == context.first_query:
            # A client just opened: its first rows came with the context.
            self.table.preload(context.db_path, query, context.total, context.first_rows)
            self._update_status()
            return
        self._query(keep_current=same_client)

    def _reset(self) -> None:
        self.text = ""
        self.status_index = 0
        self.attention = False
        self.sort = None
        self.descending = False
        self.table.clear_marks()
        with self.filter_input.prevent(Input.Changed):
            self.filter_input.value = ""
        self.remove_class("-filtering")

    def reveal(self, row_id: int) -> None:
        """Put the cursor on ``row_id`` at the next load (the filters are cleared)."""
        self._reveal = row_id
        self.text = ""
        self.status_index = 0
        self.attention = False
        with self.filter_input.prevent(Input.Changed):
            self.filter_input.value = ""
        self.remove_class("-filtering")

    def reload(self) -> None:
        """Read the rows again (after an edit), keeping the cursor's row."""
        if self.context is not None:
            self._query(keep_current=True)

    @property
    def statuses(self) -> tuple[str, ...]:
        if not self.STATUS_FILTERS:
            return ()
        return self.STATUS_FILTERS[self.status_index].statuses

    def current_query(self) -> Query | None:
        """The store query the table shows (None without a client)."""
        if self.context is None:
            return None
        return Query(
            self.SPEC, self.context.as_of, client_id=self.context.client.id, text=self.text,
            statuses=self.statuses, attention=self.attention, sort=self.sort,
            descending=self.descending,
        )

    def _query(self, *, keep_current: bool = False, fallback_row: int | None = None) -> None:
        query = self.current_query()
        if query is None or self.context is None:
            return
        keep = None
        if self._reveal is not None:
            keep, self._reveal = self._reveal, None
            fallback_row = 0
        elif keep_current:
            current = self.table.cursor_data
            keep = current["id"] if current else None
        self.table.show(self.context.db_path, query, keep_row_id=keep, fallback_row=fallback_row)
        self._update_status()

    # -- the status line --------------------------------------------------------------

    def _empty_text(self) -> str:
        if self.context is None:
            return ""
        if self.context.total == 0:
            return f"No {self.PLURAL} recorded for {self.context.client.name} yet: n adds one."
        return f"No {self.PLURAL} match. Esc clears the filter."

    def _sort_label(self) -> str:
        key = self.sort or self.SPEC.default_sort
        for column in self.COLUMNS:
            if column.sort_key == key:
                return column.label
        return key.replace("_", " ")

    def status_content(self) -> Content:
        """``12 of 269 assets · filter "lap" · status: in use · needs attention · sorted by Tag ▲``."""
        total = self.context.total if self.context else 0
        count = self.table.row_count if self.table.loaded else total
        parts: list[Content] = []
        filtered = bool(self.text.strip()) or self.statuses or self.attention
        noun = self.NOUN if (total if filtered else count) == 1 else self.PLURAL
        head = f"{count:,} of {total:,} {noun}" if filtered else f"{count:,} {noun}"
        parts.append(Content.styled(head, "bold"))
        if self.text.strip():
            parts.append(Content.assemble("filter “", (self.text.strip(), "bold"), "”"))
        if self.STATUS_FILTERS and self.status_index:
            parts.append(Content.assemble("status: ", (self.STATUS_FILTERS[self.status_index].label, "bold")))
        if self.attention:
            parts.append(Content.styled("needs attention", "bold"))
        arrow = "▼" if self.descending else "▲"
        parts.append(Content(f"sorted by {self._sort_label()} {arrow}"))
        marks = len(self.table.marks)
        if marks:
            parts.append(Content.styled(f"{marks:,} marked (b bulk, d delete)", "bold"))
        hints = [] if filtered else ["/ filter"]
        if self.STATUS_FILTERS:
            hints.append("f status")
        hints += ["a attention", "s sort"]
        if not marks:
            parts.append(Content.styled("  ".join(hints), "dim"))
        return Content(" · ").join(parts)

    def _update_status(self) -> None:
        # One line, always: no layout pass needed.
        self.query_one(".inventory-status", Static).update(self.status_content(), layout=False)

    @on(PagedTable.Loaded)
    def _loaded(self, event: PagedTable.Loaded) -> None:
        event.stop()
        self.count = event.count
        self._update_status()

    # -- details ------------------------------------------------------------------------

    def on_resize(self) -> None:
        self._layout_details()

    @property
    def wide(self) -> bool:
        return self.app.size.width >= WIDE

    @property
    def details_shown(self) -> bool:
        return self.details_wanted if self.details_wanted is not None else self.wide

    def _layout_details(self) -> None:
        self.set_class(self.wide, "-wide")
        was = self.has_class("-details")
        self.set_class(self.details_shown, "-details")
        if self.details_shown and not was:
            self._detail_for = None
            self._load_detail()
        if self.details_shown:
            self.call_after_refresh(self.table._scroll_cursor_into_view)

    def action_details(self) -> None:
        self.details_wanted = not self.details_shown
        self._layout_details()

    @on(PagedTable.Selected)
    def _selected(self, event: PagedTable.Selected) -> None:
        event.stop()
        self.action_details()

    @on(PagedTable.CursorMoved)
    def _cursor_moved(self, event: PagedTable.CursorMoved) -> None:
        event.stop()
        if self.details_shown:
            self._load_detail()

    def _load_detail(self) -> None:
        if self.context is None:
            return
        row = self.table.cursor_data
        if row is None:
            if self.table.loaded and self.table.row_count == 0:
                self._detail_for = None
                self.detail.show_view(None, "Nothing selected.")
            return
        key = (row["id"], row.get("version") or 0)
        if key == self._detail_for:
            return
        self._detail_for = key
        self._read_detail(row["id"], self.context)

    @work(thread=True, exclusive=True, group="detail", exit_on_error=False)
    def _read_detail(self, row_id: int, context: InventoryContext) -> None:
        worker = get_current_worker()
        # While a key is held down the cursor moves on before this pause ends, and
        # this read is cancelled: the details follow once the cursor rests.
        time.sleep(DETAIL_DELAY)
        if worker.is_cancelled:
            return
        db = open_database(context.db_path, readonly=True)
        try:
            view = self.detail_view(db, row_id, context)
            message = ""
        except Exception as error:  # noqa: BLE001 - shown in the panel
            view, message = None, f"Cannot show this row: {error}"
        finally:
            db.close()
        if not worker.is_cancelled:
            self.app.call_from_thread(self.detail.show_view, view, message)

    # -- filtering and sorting ------------------------------------------------------------

    def action_filter(self) -> None:
        if self.context is None:
            return
        self.add_class("-filtering")
        self.filter_input.focus()

    @on(Input.Changed)
    def _filter_typed(self, event: Input.Changed) -> None:
        event.stop()
        self.text = event.value
        self._query(fallback_row=0)

    @on(Input.Submitted)
    def _filter_done(self, event: Input.Submitted) -> None:
        event.stop()
        self._leave_filter()

    def _leave_filter(self) -> None:
        if not self.text.strip():
            self.remove_class("-filtering")
        self.table.focus()

    @on(FilterInput.Leave)
    def _filter_left(self, event: FilterInput.Leave) -> None:
        event.stop()
        self._leave_filter()

    @on(FilterInput.Clear)
    def _filter_cleared(self, event: FilterInput.Clear) -> None:
        event.stop()
        self.action_clear()

    def action_clear(self) -> None:
        """Esc: the filter text first, then the quick filters, then the marks."""
        if self.text or self.filter_input.has_focus:
            had_text = bool(self.text)
            self.text = ""
            with self.filter_input.prevent(Input.Changed):
                self.filter_input.value = ""
            self.remove_class("-filtering")
            self.table.focus()
            if had_text:
                self._query(keep_current=True)
            return
        if self.status_index or self.attention:
            self.status_index = 0
            self.attention = False
            self._query(keep_current=True)
            return
        if self.table.marks:
            self.table.clear_marks()
            self._update_status()
            self.refresh_bindings()

    def _sortable(self) -> list[TableColumn]:
        return [c for c in self.COLUMNS if c.sort_key]

    def action_sort(self) -> None:
        columns = [c.sort_key for c in self._sortable()]
        current = self.sort or self.SPEC.default_sort
        index = columns.index(current) if current in columns else -1
        self.sort = columns[(index + 1) % len(columns)]
        self.descending = False
        self._query(keep_current=True)

    def action_reverse(self) -> None:
        self.descending = not self.descending
        self._query(keep_current=True)

    @on(PagedTable.SortRequested)
    def _sort_clicked(self, event: PagedTable.SortRequested) -> None:
        event.stop()
        if event.sort_key == (self.sort or self.SPEC.default_sort):
            self.descending = not self.descending
        else:
            self.sort, self.descending = event.sort_key, False
        self._query(keep_current=True)

    def action_status_filter(self) -> None:
        if not self.STATUS_FILTERS:
            return
        self.status_index = (self.status_index + 1) % len(self.STATUS_FILTERS)
        self._query(keep_current=True, fallback_row=0)

    def action_attention(self) -> None:
        self.attention = not self.attention
        self._query(keep_current=True, fallback_row=0)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "status_filter" and not self.STATUS_FILTERS:
            return False
        if action == "bulk" and not self.BULK_ACTIONS:
            return False
        return True

    # -- marks --------------------------------------------------------------------------

    def action_mark(self) -> None:
        if self.table.cursor_data is None:
            return
        self.table.toggle_mark()
        self.table.action_cursor_down()
        self._update_status()

    def action_mark_all(self) -> None:
        query = self.current_query()
        if query is None or self.context is None:
            return
        if self.table.marks:
            self.table.clear_marks()
            self._update_status()
            return
        self._mark_all(query, self.context)

    @work(thread=True, exclusive=True, group="mark-all", exit_on_error=False)
    def _mark_all(self, query: Query, context: InventoryContext) -> None:
        db = open_database(context.db_path, readonly=True)
        try:
            ids = fetch_ids(db, query)
        finally:
            db.close()

        def mark() -> None:
            self.table.set_marks(ids)
            self._update_status()

        self.app.call_from_thread(mark)

    def _targets(self) -> tuple[list[int], str] | None:
        """The marked rows, else the cursor's row; with words naming them."""
        if self.table.marks:
            ids = sorted(self.table.marks)
            if len(ids) == 1:
                return ids, f"the marked {self.NOUN}"
            return ids, f"{len(ids):,} marked {self.PLURAL}"
        row = self.table.cursor_data
        if row is None:
            return None
        return [row["id"]], self.row_label(row)

    def row_label(self, row: Row) -> str:
        return f'{self.NOUN} "{row.get(self.KIND.label_column) or ""}"'

    # -- editing ---------------------------------------------------------------------------

    def _after_write(self, row_id: int | None) -> None:
        """Read everything again (this tab keeps its cursor; ``row_id`` gets it when given)."""
        if row_id is not None:
            self._reveal = row_id  # the filters stay: a row they hide leaves the cursor on top
        self.screen.records_changed()  # type: ignore[attr-defined]

    def action_new(self) -> None:
        if self.context is not None:
            self.editor.new(self, self.context, self._after_write)

    def action_edit(self) -> None:
        row = self.table.cursor_data
        if self.context is not None and row is not None:
            self.editor.edit(self, self.context, row["id"], self._after_write)

    def action_duplicate(self) -> None:
        row = self.table.cursor_data
        if self.context is not None and row is not None:
            self.editor.duplicate(self, self.context, row["id"], self._after_write)

    def action_delete(self) -> None:
        targets = self._targets()
        if self.context is None or targets is None:
            return
        ids, what = targets

        def done(_row: int | None) -> None:
            self.table.clear_marks()
            self._after_write(None)

        self.editor.delete(self, self.context, ids, what, done)

    def action_bulk(self) -> None:
        targets = self._targets()
        if self.context is None or targets is None or not self.BULK_ACTIONS:
            return
        ids, what = targets
        context = self.context
        from itroad.tui.screens.confirm import ConfirmScreen

        answers = [(action.key, action.label, action, "default") for action in self.BULK_ACTIONS]
        answers.append(("escape", "Cancel", None, "default"))

        def chosen(action: BulkAction | None) -> None:
            if action is not None:
                self.editor.bulk(self, context, ids, action, self._after_write)

        self.app.push_screen(ConfirmScreen(f"Change {what}", Content(
            f"What to change on {what}? (press a key)"), answers, vertical=True), chosen)
