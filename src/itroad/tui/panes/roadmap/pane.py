"""The Roadmap tab: the list of initiatives or the timeline, the detail panel, the status line.

The writes (status, quarters, forms, KPIs, linked assets) are in
:mod:`itroad.tui.panes.roadmap.writes`; the shared keys and layout in
:class:`~itroad.tui.panes.list_pane.ListPane`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import DataTable

from itroad.tui.cells import TableData
from itroad.tui.data import ClientData, PeopleIndex
from itroad.tui.keys import class_bindings, list_keys
from itroad.tui.panes.roadmap.detail import initiative_detail
from itroad.tui.panes.roadmap.timeline import LEGEND, Timeline
from itroad.tui.panes.roadmap.view import SORTS, STATUS_FILTERS, RoadmapView, make_view, read_view
from itroad.tui.panes.roadmap.writes import RoadmapWrites
from itroad.tui.widgets.detail_panel import DetailView
from itroad.tui.widgets.record_table import RecordTable


def roadmap_table(data: ClientData) -> TableData:
    """The list as the tab shows it first (no database needed: for tests and reports)."""
    return make_view(data, data.client, None, None).table()


class RoadmapPane(RoadmapWrites):
    PANE_ID = "roadmap"
    TITLE = "Roadmap"
    DESCRIPTION = ("initiatives by fiscal quarter: status, budget, owner, RACI, goal and KPIs; "
                   "t shows the timeline")

    DEFAULT_CSS = """
    RoadmapPane Timeline {
        display: none;
    }
    RoadmapPane.-timeline Timeline {
        display: block;
    }
    RoadmapPane.-timeline RecordTable {
        display: none;
    }
    /* Room for the list or the timeline at 80×24: the details scroll (Tab). */
    RoadmapPane DetailPanel {
        height: 6;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        *list_keys(
            filter="Filter as you type (title, category, status, people, goal)",
            quick_filter="Quick filter: all, this quarter, next quarter, committed, proposed, "
                         "deferred or cancelled, breaking RACI",
            new="Add an initiative",
            edit="Edit the initiative under the cursor",
            delete="Delete the initiative (u brings it back)",
            details="Show or hide the initiative's details (goal, KPIs, budget, RACI)",
        ),
        Binding("t", "timeline", "Timeline", tooltip="Show the timeline by fiscal quarter, or the list"),
        Binding("a", "advance", "Advance",
                tooltip="Advance the status: proposed → approved → in progress → done"),
        Binding("l", "link", "Assets", show=False, tooltip="Link the assets it replaces (their cost joins its budget)"),
        Binding("k", "kpis", "KPIs", show=False, tooltip="Its goal and KPIs, with their progress"),
        Binding("less_than_sign", "shift(-1)", "Earlier", key_display="<", show=False,
                tooltip="Move it a quarter earlier (dates and KPI due dates)"),
        Binding("greater_than_sign", "shift(1)", "Later", key_display=">", show=False,
                tooltip="Move it a quarter later"),
        Binding("A", "set_status", "Status", show=False,
                tooltip="Set any status: proposed, approved, in progress, done, deferred, cancelled"),
        Binding("L", "replacement", "Replace assets", show=False,
                tooltip="A new replacement initiative from assets (say, all laptops due in FY2027)"),
    ]

    FILTER_HINT = "title, category, status, person, goal"
    QUICK_FILTERS = tuple(f.name for f in STATUS_FILTERS)
    DETAILS_AT_FIRST = True
    #: The timeline wants every column: the details stay under it, wide or not.
    DETAILS_BESIDE = False

    def __init__(self) -> None:
        super().__init__()
        self.sort_index = 0

    @staticmethod
    def build(data: ClientData) -> RoadmapView:
        return read_view(data)

    def compose_views(self) -> ComposeResult:
        yield RecordTable(id="roadmap-table")
        yield Timeline(id="roadmap-timeline")

    @property
    def timeline(self) -> Timeline:
        return self.query_one(Timeline)

    @property
    def in_timeline(self) -> bool:
        return self.has_class("-timeline")

    @classmethod
    def help_bindings(cls) -> list[Binding]:
        pans = [replace(b, tooltip=f"In the timeline: {b.description.lower()}")
                for b in class_bindings(Timeline) if b.action.startswith("pan")]
        return [*class_bindings(cls), *pans]

    def reset_filters(self) -> None:
        super().reset_filters()
        self.sort_index = 0

    def show_views(self, key: str | None) -> None:
        assert self.view is not None
        self.timeline.show(self.view, key)

    def filtered_rows(self) -> TableData:
        assert self.view is not None
        return self.view.table(self.text, self.quick, self.sort_index, self.descending)

    def has_key(self, key: str) -> bool:
        return self.view is not None and self.view.item(key) is not None

    def show_key(self, key: str) -> None:
        self.refill(key)
        self.select(key)

    def quick_name(self) -> str:
        first = self.view.roadmap.first if self.view is not None and self.view.roadmap else 0
        return STATUS_FILTERS[self.quick].label(first)

    def next_sort(self) -> None:
        self.sort_index = (self.sort_index + 1) % len(SORTS)

    def leave_view(self) -> bool:
        if not self.in_timeline:
            return False
        self.action_timeline()
        return True

    def before_filter(self) -> None:
        if self.in_timeline:
            self.action_timeline()

    def focus_content(self) -> None:
        if not self.has_client:
            return
        if self.in_timeline:
            self.timeline.focus()
        else:
            self.table.focus()

    # -- which initiative ------------------------------------------------------------------

    @property
    def current_key(self) -> str | None:
        if self.view is None:
            return None
        if self.in_timeline:
            return self.timeline.current_key
        return self.table.current_key

    def select(self, key: str | None) -> None:
        """Put both views' cursor on an initiative."""
        if key is None or self.table.data is None:
            return
        if key in self.table.data.keys:
            self.table.move_cursor(row=self.table.data.keys.index(key), animate=False)
        self.timeline.select(key)
        self.load_detail()

    # -- the detail and status lines -------------------------------------------------------------

    def current_detail(self) -> DetailView | None:
        item = self.current
        if item is None or self.view is None or self.view.client is None:
            return None
        return initiative_detail(item, self.view.people or PeopleIndex(self.view.client),
                                 self.view.as_of)

    def load_detail(self, *, again: bool = False) -> None:
        if not self.details_shown or not self.has_client:
            return
        view = self.current_detail()
        hint = "No initiative selected." if self.view and self.view.items else \
            "n adds an initiative; L makes one from assets due for replacement."
        self.detail.show_view(view, "" if view is not None else hint)

    def status_content(self) -> Content:
        if self.view is None or self.view.roadmap is None:
            return Content("")
        roadmap = self.view.roadmap
        parts: list[Content] = []
        if self.in_timeline:
            hidden = self.timeline.earlier
            parts.append(Content(LEGEND))
            parts.append(Content.styled("< > shift · ←→ quarters · Esc list", "dim"))
            if hidden:
                parts.append(Content(f"{hidden} ended earlier (list)"))
            return Content(" · ").join(parts)
        parts.append(self.count_content(self.table.row_count, len(self.view.items),
                                        "initiative", "initiatives"))
        parts += self.filter_content()
        flagged = len(roadmap.flagged)
        if flagged:
            parts.append(Content.styled(f"{flagged} breaking RACI", "bold $text-error"))
        if self.sort_index or self.descending:
            parts.append(Content(f"sorted by {SORTS[self.sort_index][0]} "
                                 f"{'▼' if self.descending else '▲'}"))
        parts.append(Content.styled("l assets · k KPIs · A status · / filter · f show · s sort", "dim"))
        return Content(" · ").join(parts)

    @on(DataTable.RowHighlighted)
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        if not self.in_timeline:
            self.load_detail()

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_details()

    @on(Timeline.Moved)
    def _timeline_moved(self, event: Timeline.Moved) -> None:
        event.stop()
        self.load_detail()

    # -- the timeline ----------------------------------------------------------------------

    def action_timeline(self) -> None:
        key = self.current_key
        self.toggle_class("-timeline")
        self.select(key)
        self.focus_content()
        self.update_status()
        if self.in_timeline:  # it has a size only now: scroll to the initiative
            self.call_after_refresh(self._reveal_in_timeline)

    def _reveal_in_timeline(self) -> None:
        self.timeline.reveal_current()
        self.timeline.refresh()
        self.update_status()
