"""The inventory tabs (Hardware, Renewals, Contracts): one browsing and editing screen.

:class:`InventoryPane` shows a client's records of one kind in a
:class:`~itroad.tui.widgets.paged_table.PagedTable` read from SQLite a page at a
time, so a client with 100,000 assets opens as fast as one with 100. Above the
table a filter line (``/``), below it a status line (how many rows, which
filters, which order, how many marked), beside or under it a detail panel
(every field of the row under the cursor, with the computed figures).

The filter line, the shared keys, the detail panel's place and the status line
come from :class:`~itroad.tui.panes.list_pane.ListPane`. A subclass says what
its kind of record is: the list spec and store kind, its
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
from textual.content import Content
from textual.widgets import Input
from textual.worker import get_current_worker

from itroad.store import open_database
from itroad.store.browse import ListSpec, Query
from itroad.tui.cells import NO_CLIENT
from itroad.tui.data import ClientData, InventoryContext, QueryPages, load_inventory_context
from itroad.tui.editing import BulkAction, EditableDefaults, EditController
from itroad.tui.forms import FormField
from itroad.tui.keys import LIST_ACTIONS, class_bindings, list_keys
from itroad.tui.panes.list_pane import ListPane
from itroad.tui.screens.confirm import Answer, ConfirmScreen
from itroad.tui.widgets.detail_panel import DetailView
from itroad.tui.widgets.page_source import Row
from itroad.tui.widgets.paged_table import PagedTable
from itroad.tui.widgets.table_columns import TableColumn

#: Seconds the cursor rests on a row before its details are read.
DETAIL_DELAY = 0.05


@dataclass(frozen=True)
class StatusFilter:
    """A quick filter on status: its name in the status line and the statuses it keeps."""

    label: str
    statuses: tuple[str, ...]


class InventoryPane(EditableDefaults, ListPane):
    """A tab browsing and editing one kind of record of the current client."""

    DEFAULT_CSS = """
    InventoryPane > .list-status {
        height: 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        *list_keys(
            filter="Filter the rows as you type (tag, name, serial, site, person…)",
            quick_filter="Hardware: quick filter by status (all, current, in use, spare, …)",
            delete="Delete (or retire) the marked records or the one under the cursor",
            duplicate="Add a copy of the record under the cursor (the tag moves on to the next free one)",
            bulk="Change the marked rows at once (set status, site, person; defer…)",
            sort="Sort by the next column (or click a header)",
            details="Show or hide the details of the row (beside the table on wide screens)",
        ),
        Binding("exclamation_mark", "attention", "Attention", key_display="!", show=False,
                tooltip="Quick filter: only what needs attention (the Badges column)"),
    ]

    OFFERS = frozenset(LIST_ACTIONS)
    QUICK_LABEL = "status: "

    SPEC: ClassVar[ListSpec]
    COLUMNS: ClassVar[tuple[TableColumn, ...]] = ()
    STATUS_FILTERS: ClassVar[tuple[StatusFilter, ...]] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.STATUS_FILTERS:
            cls.QUICK_FILTERS = tuple(f.label for f in cls.STATUS_FILTERS)

    def __init__(self) -> None:
        super().__init__()
        self.context: InventoryContext | None = None
        self.attention = False
        self.sort: str | None = None
        self.count = 0
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

    @classmethod
    def help_bindings(cls) -> list[Binding]:
        """The keys of every inventory tab (one help section for the three)."""
        own = class_bindings(InventoryPane)
        keys = {binding.key for binding in own}
        return own + [b for b in class_bindings(PagedTable) if b.key not in keys]

    # -- loading (build runs in the loading worker) ---------------------------------------

    @classmethod
    def build(cls, data: ClientData) -> InventoryContext | None:
        return load_inventory_context(data, cls.SPEC)

    def compose_views(self) -> ComposeResult:
        yield PagedTable(self.COLUMNS, self.render_row, id=f"{self.PANE_ID}-table")

    @property
    def table(self) -> PagedTable:  # type: ignore[override]
        return self.query_one(PagedTable)

    @property
    def filter_input(self) -> Input:
        return self.filter_line.input

    @property
    def has_client(self) -> bool:
        return self.context is not None

    def show(self, context: InventoryContext | None) -> None:  # type: ignore[override]
        """Show a client's rows (keeping filters, order and cursor for the same client)."""
        if context is None:
            self.context = None
            self.show_empty(NO_CLIENT)
            return
        same_client = self.context is not None and self.context.client.id == context.client.id
        self.context = context
        if not same_client:
            self.reset_filters()
        self.show_body()
        self.table.empty_text = self._empty_text()
        query = self.current_query()
        if not same_client and self._reveal is None and query is not None and query == context.first_query:
            # A client just opened: its first rows came with the context.
            self.table.preload(QueryPages(context.db_path, query), context.total, context.first_rows)
            self.update_status()
            return
        self._query(keep_current=same_client)

    def reset_filters(self) -> None:
        super().reset_filters()
        self.attention = False
        self.sort = None
        self.table.clear_marks()

    def reveal(self, row_id: int) -> None:
        """Put the cursor on ``row_id`` at the next load (the filters are cleared)."""
        self._reveal = row_id
        self.text = ""
        self.quick = 0
        self.attention = False
        self.filter_line.reset()

    def reload(self) -> None:
        """Read the rows again (after an edit), keeping the cursor's row."""
        if self.context is not None:
            self._query(keep_current=True)

    @property
    def statuses(self) -> tuple[str, ...]:
        if not self.STATUS_FILTERS:
            return ()
        return self.STATUS_FILTERS[self.quick].statuses

    def current_query(self) -> Query | None:
        """The store query the table shows (None without a client)."""
        if self.context is None:
            return None
        return Query(
            self.SPEC, self.context.as_of, client_id=self.context.client.id, text=self.text,
            statuses=self.statuses, attention=self.attention, sort=self.sort,
            descending=self.descending,
        )

    def refilter(self, *, to_top: bool = False) -> None:
        self._query(keep_current=True, fallback_row=0 if to_top else None)

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
        self.table.show(QueryPages(self.context.db_path, query), keep_row_id=keep,
                        fallback_row=fallback_row)
        self.update_status()

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

    @property
    def quick_filtered(self) -> bool:
        return bool(self.quick) or self.attention

    def clear_quick(self) -> bool:
        had = self.quick_filtered
        self.quick, self.attention = 0, False
        return had

    def status_content(self) -> Content:
        """``12 of 269 assets · filter "lap" · status: in use · needs attention · sorted by Tag ▲``."""
        total = self.context.total if self.context else 0
        count = self.table.row_count if self.table.loaded else total
        parts = [self.count_content(count, total, self.NOUN, self.PLURAL), *self.filter_content()]
        if self.attention:
            parts.append(Content.styled("needs attention", "bold"))
        arrow = "▼" if self.descending else "▲"
        parts.append(Content(f"sorted by {self._sort_label()} {arrow}"))
        marks = len(self.table.marks)
        if marks:
            parts.append(Content.styled(f"{marks:,} marked (b bulk, d delete)", "bold"))
        hints = [] if self.text.strip() or self.quick_filtered else ["/ filter"]
        if self.STATUS_FILTERS:
            hints.append("f status")
        hints += ["! attention", "s sort"]
        if not marks:
            parts.append(Content.styled("  ".join(hints), "dim"))
        return Content(" · ").join(parts)

    @on(PagedTable.Loaded)
    def _loaded(self, event: PagedTable.Loaded) -> None:
        event.stop()
        self.count = event.count
        self.update_status()

    # -- details ------------------------------------------------------------------------

    def layout_details(self) -> None:
        super().layout_details()
        if self.details_shown:
            self.call_after_refresh(self.table._scroll_cursor_into_view)

    @on(PagedTable.Selected)
    def _selected(self, event: PagedTable.Selected) -> None:
        event.stop()
        self.action_details()

    @on(PagedTable.CursorMoved)
    def _cursor_moved(self, event: PagedTable.CursorMoved) -> None:
        event.stop()
        self.load_detail()

    def load_detail(self, *, again: bool = False) -> None:
        if self.context is None or not self.details_shown:
            return
        if again:
            self._detail_for = None
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

    # -- sorting and the attention filter -------------------------------------------------

    def next_sort(self) -> None:
        columns = [c.sort_key for c in self.COLUMNS if c.sort_key]
        current = self.sort or self.SPEC.default_sort
        index = columns.index(current) if current in columns else -1
        self.sort = columns[(index + 1) % len(columns)]
        self.descending = False

    @on(PagedTable.SortRequested)
    def _sort_clicked(self, event: PagedTable.SortRequested) -> None:
        event.stop()
        if event.sort_key == (self.sort or self.SPEC.default_sort):
            self.descending = not self.descending
        else:
            self.sort, self.descending = event.sort_key, False
        self.refilter()

    def action_attention(self) -> None:
        self.attention = not self.attention
        self.refilter(to_top=True)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "bulk" and not self.BULK_ACTIONS:
            return False
        return super().check_action(action, parameters)

    # -- marks --------------------------------------------------------------------------

    @property
    def marks(self) -> int:
        return len(self.table.marks)

    def clear_marks(self) -> None:
        self.table.clear_marks()

    def action_mark(self) -> None:
        if self.table.cursor_data is None:
            return
        self.table.toggle_mark()
        self.table.action_cursor_down()
        self.update_status()

    def action_mark_all(self) -> None:
        query = self.current_query()
        if query is None or self.context is None:
            return
        if self.table.marks:
            self.table.clear_marks()
            self.update_status()
            return
        self._mark_all(query, self.context)

    @work(thread=True, exclusive=True, group="mark-all", exit_on_error=False)
    def _mark_all(self, query: Query, context: InventoryContext) -> None:
        with QueryPages(context.db_path, query).reader() as reader:
            ids = reader.ids()

        def mark() -> None:
            self.table.set_marks(ids)
            self.update_status()

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
        self.changed()

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
        answers: list[Answer] = [(action.key, action.label, action, "default") for action in self.BULK_ACTIONS]
        answers.append(("escape", "Cancel", None, "default"))

        def chosen(action: BulkAction | None) -> None:
            if action is not None:
                self.editor.bulk(self, context, ids, action, self._after_write)

        self.app.push_screen(ConfirmScreen(f"Change {what}", Content(
            f"What to change on {what}? (press a key)"), answers, vertical=True), chosen)
