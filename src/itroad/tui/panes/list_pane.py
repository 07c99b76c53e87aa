"""The base of every list tab (Hardware, Renewals, Contracts, Roadmap, People).

A :class:`ListPane` lays out what the list tabs share, top to bottom: the filter
line (:class:`~itroad.tui.widgets.filter_line.FilterLine`), the tab's own views
(:meth:`ListPane.compose_views`: a table, a timeline, a matrix…), the detail panel
(:class:`~itroad.tui.widgets.detail_panel.DetailPanel`, under the rows or beside
them on a wide screen) and one status line. It owns the keys of
:data:`~itroad.tui.keys.LIST_KEYS` and what they do:

- ``/`` filters as you type, ``f`` steps through the tab's quick filters, ``s`` and
  ``S`` sort; ``Esc`` goes one step back (the filter, the quick filters, the marks,
  then the tab's main view);
- ``n`` ``e`` ``d`` ``y`` add, edit, delete, duplicate; ``space`` ``*`` ``b`` mark
  and change marked rows;
- ``Enter`` shows or hides the details of the row under the cursor.

A tab says which of them it offers (:attr:`ListPane.OFFERS`); the others are not
in its footer or help and do nothing. After a write a tab posts
:class:`~itroad.tui.messages.RecordsChanged` (:meth:`ListPane.changed`): the
workspace reads the client again and every tab keeps its place.
"""

from __future__ import annotations

from collections.abc import Coroutine
from typing import Any, ClassVar, Protocol, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Container, Vertical
from textual.content import Content
from textual.widgets import Input, Static

from itroad.domain.models import Client
from itroad.tui.cells import TableData
from itroad.tui.editing import DIALOG_GROUP, Change, EditController
from itroad.tui.keys import LIST_ACTIONS, list_keys
from itroad.tui.messages import RecordsChanged
from itroad.tui.panes.base import TablePane
from itroad.tui.widgets.detail_panel import DetailPanel, DetailView
from itroad.tui.widgets.filter_line import FilterLine

#: From this width on, the detail panel sits beside the rows (and is shown by default).
WIDE = 140
#: The shared keys every list tab has a use for (the marks and bulk changes are the inventory's).
BASIC = frozenset({"filter", "clear", "quick_filter", "sort", "reverse", "new", "edit", "delete", "details"})


class ListPane(TablePane):
    """A tab that lists records: filter line, views, detail panel, status line."""

    DEFAULT_CSS = """
    ListPane > .list-body {
        layout: vertical;
        height: 1fr;
    }
    ListPane.-wide > .list-body {
        layout: horizontal;
    }
    ListPane .list-main {
        height: 1fr;
        width: 1fr;
    }
    ListPane DetailPanel {
        display: none;
        height: 55%;
        border-top: solid $primary;
    }
    ListPane.-wide DetailPanel {
        height: 1fr;
        width: 38%;
        min-width: 46;
        border-top: none;
        border-left: solid $primary;
    }
    ListPane.-details DetailPanel {
        display: block;
    }
    ListPane.-no-client > .list-body, ListPane.-no-client > .list-status {
        display: none;
    }
    ListPane > .list-status {
        height: 1;
        background: $panel;
        color: $text-muted;
        padding: 0 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [*list_keys()]

    #: The shared keys this tab has a use for (the others are hidden).
    OFFERS: ClassVar[frozenset[str]] = BASIC
    #: The filter line's placeholder: what a filter matches.
    FILTER_HINT: ClassVar[str] = "type to filter"
    #: The quick filters ``f`` steps through; the first one shows everything.
    QUICK_FILTERS: ClassVar[tuple[str, ...]] = ("all",)
    #: How the status line names the quick filter: ``showing this quarter``.
    QUICK_LABEL: ClassVar[str] = "showing "
    #: Show the detail panel at first on a narrow screen too.
    DETAILS_AT_FIRST: ClassVar[bool] = False
    #: On a wide screen the details sit beside the rows (and show at first); False: always under.
    DETAILS_BESIDE: ClassVar[bool] = True

    def __init__(self) -> None:
        super().__init__()
        self.text = ""
        self.quick = 0
        self.descending = False
        #: Enter's choice for the detail panel (None: as DETAILS_AT_FIRST, or shown when wide).
        self.details_wanted: bool | None = None

    # -- what a tab provides ------------------------------------------------------------

    def compose_views(self) -> ComposeResult:  # pragma: no cover - each tab has its own
        """The tab's views of its rows, under the filter line."""
        raise NotImplementedError

    def refilter(self, *, to_top: bool = False) -> None:  # pragma: no cover - each tab has its own
        """Show the rows again for the current filter, quick filter and order.

        The cursor stays on its row when the row is still shown; else it goes to
        the first row (``to_top``) or stays at the same position."""
        raise NotImplementedError

    def next_sort(self) -> None:
        """``s``: sort by the next column (ascending)."""

    def clear_quick(self) -> bool:
        """``Esc``: back to the first quick filter (False: nothing was set)."""
        if not self.quick:
            return False
        self.quick = 0
        return True

    @property
    def quick_filtered(self) -> bool:
        """A quick filter hides rows."""
        return bool(self.quick)

    def leave_view(self) -> bool:
        """``Esc`` with nothing else to clear: back to the main view (False: already there)."""
        return False

    def before_filter(self) -> None:
        """``/`` is about to open the filter line (a tab may switch to its list first)."""

    @property
    def marks(self) -> int:
        """How many rows are marked."""
        return 0

    def clear_marks(self) -> None:
        """Unmark every row."""

    def current_detail(self) -> DetailView | None:
        """The details of the row under the cursor (None: no row)."""
        return None

    @property
    def has_client(self) -> bool:  # pragma: no cover - each tab has its own
        raise NotImplementedError

    def update_status(self) -> None:
        """Write the status line again."""
        self.query_one(".list-status", Static).update(self.status_content(), layout=False)

    def status_content(self) -> Content:  # pragma: no cover - each tab has its own
        raise NotImplementedError

    # -- layout -----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static("", classes="empty", markup=False)
        with Container(classes="list-body"):
            with Vertical(classes="list-main"):
                yield FilterLine(self.FILTER_HINT, id=f"{self.PANE_ID}-filter")
                yield from self.compose_views()
            yield DetailPanel(id=f"{self.PANE_ID}-detail")
        yield Static("", classes="list-status", markup=False)

    def on_mount(self) -> None:
        super().on_mount()
        self.set_class(True, "-no-client")

    @property
    def filter_line(self) -> FilterLine:
        return self.query_one(FilterLine)

    @property
    def detail(self) -> DetailPanel:
        return self.query_one(DetailPanel)

    @property
    def status_text(self) -> str:
        return str(self.query_one(".list-status", Static).content)

    def show_empty(self, sentence: str) -> None:
        """No client: the sentence instead of the views."""
        self.set_class(True, "-no-client")
        empty = self.query_one(".empty", Static)
        empty.update(Content(sentence))
        empty.display = True

    def show_waiting(self, sentence: str) -> None:
        self.show_empty(sentence)

    def show_body(self) -> None:
        """A client: the views instead of the sentence."""
        self.set_class(False, "-no-client")
        self.query_one(".empty", Static).display = False

    def reset_filters(self) -> None:
        """Back to no filter and the first quick filter (another client is shown)."""
        self.text = ""
        self.quick = 0
        self.descending = False
        self.filter_line.reset()

    # -- the shared keys ----------------------------------------------------------------------

    @classmethod
    def offers(cls, action: str) -> bool:
        """The tab has a use for ``action`` (every action but a shared one it leaves out)."""
        if action not in LIST_ACTIONS:
            return True
        if action == "quick_filter" and len(cls.QUICK_FILTERS) < 2:
            return False
        return action in cls.OFFERS

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "filter" and isinstance(self.screen.focused, Input):
            return False  # a "/" typed into the filter line (or another field) is text
        return self.offers(action)

    def action_filter(self) -> None:
        if not self.has_client:
            return
        self.before_filter()
        self.filter_line.open()

    @on(FilterLine.Changed)
    def _filter_typed(self, event: FilterLine.Changed) -> None:
        event.stop()
        self.text = event.text
        self.refilter(to_top=True)

    @on(FilterLine.Done)
    def _filter_done(self, event: FilterLine.Done) -> None:
        event.stop()
        self.filter_line.close()
        self.focus_content()

    @on(FilterLine.Cleared)
    def _filter_cleared(self, event: FilterLine.Cleared) -> None:
        event.stop()
        self.action_clear()

    def action_clear(self) -> None:
        """Esc, one step back: the filter text, the quick filter, the marks, the main view."""
        line = self.filter_line
        if self.text or line.input.has_focus:
            had_text = bool(self.text)
            self.text = ""
            line.reset()
            self.focus_content()
            if had_text:
                self.refilter()
            return
        if self.clear_quick():
            self.refilter()
            return
        if self.marks:
            self.clear_marks()
            self.update_status()
            self.refresh_bindings()
            return
        self.leave_view()

    def action_quick_filter(self) -> None:
        self.quick = (self.quick + 1) % len(self.QUICK_FILTERS)
        self.refilter(to_top=True)

    def action_sort(self) -> None:
        self.next_sort()
        self.refilter()

    def action_reverse(self) -> None:
        self.descending = not self.descending
        self.refilter()

    # -- details ----------------------------------------------------------------------------

    def on_resize(self) -> None:
        self.layout_details()

    @property
    def wide(self) -> bool:
        """The screen has room for the details beside the rows (and the tab puts them there)."""
        return self.DETAILS_BESIDE and self.app.size.width >= WIDE

    @property
    def details_shown(self) -> bool:
        if self.details_wanted is not None:
            return self.details_wanted
        return self.wide or self.DETAILS_AT_FIRST

    def layout_details(self) -> None:
        self.set_class(self.wide, "-wide")
        was = self.has_class("-details")
        self.set_class(self.details_shown, "-details")
        if self.details_shown and not was:
            self.load_detail(again=True)

    def action_details(self) -> None:
        had_focus = self.detail.has_focus
        self.details_wanted = not self.details_shown
        self.layout_details()
        if had_focus:  # the panel is hidden now: back to the rows, never to nothing
            self.focus_content()

    def load_detail(self, *, again: bool = False) -> None:
        """Show the details of the cursor's row (when the panel is shown)."""
        if self.details_shown and self.has_client:
            view = self.current_detail()
            self.detail.show_view(view, "" if view is not None else "Nothing selected.")

    # -- writes -------------------------------------------------------------------------------

    @property
    def editor(self) -> EditController:
        """The workspace's editing flows and undo stack."""
        return cast(EditController, getattr(self.screen, "editor"))  # noqa: B009 - the screen is not typed here

    def flow(self, coroutine: Coroutine[Any, Any, Any], name: str) -> None:
        """Run a flow that waits on the user (forms, questions) in a worker."""
        self.run_worker(coroutine, group=DIALOG_GROUP, name=name, exit_on_error=False)

    def changed(self) -> None:
        """After a write: every tab reads the client again (this one keeps its cursor)."""
        self.post_message(RecordsChanged())

    def count_content(self, shown: int, total: int, noun: str, plural: str) -> Content:
        """``12 of 269 assets`` when something is filtered, else ``269 assets``."""
        filtered = bool(self.text.strip()) or self.quick_filtered
        if filtered:
            return Content.styled(f"{shown:,} of {total:,} {noun if total == 1 else plural}", "bold")
        return Content.styled(f"{shown:,} {noun if shown == 1 else plural}", "bold")

    def filter_content(self) -> list[Content]:
        """``filter “lap”`` and ``showing: in use``, for what is set."""
        parts: list[Content] = []
        if self.text.strip():
            parts.append(Content.assemble("filter “", (self.text.strip(), "bold"), "”"))
        if self.quick:
            parts.append(Content.assemble(self.QUICK_LABEL, (self.quick_name(), "bold")))
        return parts

    def quick_name(self) -> str:
        """The quick filter shown, as the status line names it."""
        return self.QUICK_FILTERS[self.quick]


class ClientView(Protocol):
    """The plain data a :class:`ViewListPane` shows (built in the loading worker)."""

    @property
    def client(self) -> Client | None: ...

    @property
    def empty(self) -> str:
        """What the tab says when there is nothing to show (no client)."""
        ...


class ViewListPane(ListPane):
    """A list tab built from the whole client in the loading worker (a view of plain
    data: Roadmap, People) and shown in a :class:`~itroad.tui.widgets.record_table.RecordTable`.

    Rows are keyed by their row id as text; after a write the tab names the row to
    keep the cursor on (:meth:`done`), and the next load puts it there.
    """

    def __init__(self) -> None:
        super().__init__()
        self.view: ClientView | None = None
        #: The row to put the cursor on after the next load (a new one).
        self._reveal: str | None = None

    def show(self, view: ClientView) -> None:  # type: ignore[override]
        """Show a view (keeping filters and cursor for the same client)."""
        same_client = (self.view is not None and self.view.client is not None
                       and view.client is not None and self.view.client.code == view.client.code)
        if not same_client:
            self.reset_filters()
        key = self._reveal or self.current_key
        self._reveal = None
        self.view = view
        if view.client is None:
            self.show_empty(view.empty)
            return
        self.show_body()
        self.refill(key)
        self.show_views(key)
        self.update_status()
        self.layout_details()
        self.load_detail()

    def show_views(self, key: str | None) -> None:
        """Show :attr:`view` in the tab's views other than the list (a timeline, a matrix)."""

    def filtered_rows(self) -> TableData:  # pragma: no cover - each tab has its own
        """The view's rows for the current filter, quick filter and order."""
        raise NotImplementedError

    def has_key(self, key: str) -> bool:  # pragma: no cover - each tab has its own
        """The view has a row ``key``."""
        raise NotImplementedError

    @property
    def current_key(self) -> str | None:
        """The key of the row under the cursor."""
        return self.table.current_key

    @property
    def has_client(self) -> bool:
        return self.view is not None and self.view.client is not None

    def show_key(self, key: str) -> None:
        """Show the rows with the cursor on ``key``."""
        self.refill(key)

    def refill(self, key: str | None = None) -> None:
        """Show the rows again, the cursor on ``key`` when it is among them."""
        if self.view is None:
            return
        data = self.filtered_rows()
        table = self.table
        table.show(data)
        if key is not None and key in data.keys:
            table.move_cursor(row=data.keys.index(key), animate=False)
        self.update_status()
        self.load_detail()

    def refilter(self, *, to_top: bool = False) -> None:
        self.refill(self.current_key)

    def reveal(self, row_id: int) -> None:
        """Put the cursor on row ``row_id`` in the list (filters cleared): now when the
        client's rows are shown, else at the next load."""
        key = str(row_id)
        self.leave_view()
        self.text, self.quick = "", 0
        self.filter_line.reset()
        self._reveal = key
        if self.view is not None and self.has_key(key):
            self._reveal = None
            self.show_key(key)

    def reload(self) -> None:
        self.refill(self._reveal or self.current_key)
        self._reveal = None

    def done(self, row_id: int | None) -> None:
        """After a write: every tab reads the client again; the cursor goes to ``row_id``
        (None: stays where it is)."""
        if row_id is not None:
            self._reveal = str(row_id)
        self.changed()

    def remember(self, batch: str, description: str, table: str) -> None:
        """Put a write on the undo stack."""
        assert self.view is not None and self.view.client is not None
        self.editor.remember(Change(batch, description, table, self.view.client.code))
