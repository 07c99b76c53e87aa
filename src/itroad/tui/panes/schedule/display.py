"""What the Schedule tab shows and where: its four views, the figures computed
off the UI thread and put in the panels.

:class:`ScheduleDisplay` holds the tab's state (the client, the settings, the
what-if) and fills the panels from it; :class:`~itroad.tui.panes.schedule.pane.SchedulePane`
adds the keys. At 80×24 one view shows at a time, with a view bar; from 120×34
(the pane's size) all four are on screen together, and the focused one is the
current view.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.containers import Container, Vertical
from textual.content import Content
from textual.timer import Timer
from textual.widgets import DataTable, Static, Tabs
from textual.worker import get_current_worker

from itroad.domain.models import Client
from itroad.planning.scenario import Scenario
from itroad.tui.cells import TableData
from itroad.tui.panes.base import TablePane
from itroad.tui.panes.schedule.chart import SpendChart, load_plot_class
from itroad.tui.panes.schedule.figures import Computed, Settings, compute
from itroad.tui.panes.schedule.panels import (
    VIEWS,
    AssetsPanel,
    ForecastPanel,
    ForecastTable,
    ScheduleTable,
    banner_text,
    caption_text,
    theme_styles,
    viewbar_text,
)
from itroad.tui.panes.schedule.policies import PolicyEditor
from itroad.tui.panes.schedule.replacements import ScheduleData
from itroad.tui.panes.schedule.rows import Row
from itroad.tui.widgets.record_table import RecordTable

#: From this pane size on, the four views are on screen together.
WIDE = (120, 34)


class ScheduleDisplay(TablePane):
    """The Schedule tab without its keys: the panels, the view shown, the figures."""

    def __init__(self) -> None:
        super().__init__()
        self.client: Client | None = None
        self.as_of: date | None = None
        self.db_path: Path | None = None
        self.view = "forecast"
        self.wide = False
        self.settings = Settings()
        self.what_if = False
        self.scenario = Scenario()
        self.stacked = True
        self.computed: Computed | None = None
        self._cursor: Row | None = None
        self._chart_requested = False
        self._busy_timer: Timer | None = None

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield Static("", classes="empty", markup=False)
        with Vertical(id="schedule-main"):
            yield Static("", id="schedule-viewbar", markup=False)
            yield Static("", id="schedule-whatif", markup=False)
            with Container(id="schedule-body"):
                yield ForecastPanel(id="panel-forecast", classes="panel")
                chart = SpendChart(id="panel-chart", classes="panel")
                chart.border_title = "Spend per period (v)"
                yield chart
                yield AssetsPanel(id="panel-assets", classes="panel")
                policies = PolicyEditor(id="panel-policies", classes="panel")
                policies.border_title = "Lifecycle policies (p)"
                yield policies

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#schedule-main").display = False
        self.query_one("#schedule-whatif").display = False
        self.show_panels()
        # The flags take the theme's colours: draw again when the theme changes.
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.recompute())

    @property
    def table(self) -> RecordTable:
        """The replacement schedule (what the app shell's helpers read)."""
        return self.query_one("#schedule-table", ScheduleTable)

    @property
    def forecast_table(self) -> ForecastTable:
        return self.query_one("#forecast-table", ForecastTable)

    @property
    def chart(self) -> SpendChart:
        return self.query_one(SpendChart)

    @property
    def policies(self) -> PolicyEditor:
        return self.query_one(PolicyEditor)

    @property
    def assets(self) -> AssetsPanel:
        return self.query_one(AssetsPanel)

    @property
    def marks(self) -> set[str]:
        """The tags of the marked replacements."""
        return self.assets.marks

    def on_resize(self, event: events.Resize) -> None:
        wide = event.size.width >= WIDE[0] and event.size.height >= WIDE[1]
        if wide != self.wide:
            self.wide = wide
            self.set_class(wide, "-wide")
            self.show_panels()
            self.refresh_bindings()

    def on_show(self) -> None:
        """textual-plotext is imported the first time the tab is shown, off the UI thread."""
        if not self._chart_requested:
            self._chart_requested = True
            self._load_chart()

    @work(thread=True, group="schedule-chart", exit_on_error=False)
    def _load_chart(self) -> None:
        plot_class = load_plot_class()
        self.app.call_from_thread(self.chart.attach, plot_class)

    # ------------------------------------------------------------------ data

    def show(self, data: TableData) -> None:
        """A (re)load of the client: keep the settings, recompute everything (the
        replacement rows come with the figures; until then a reload keeps the rows shown)."""
        assert isinstance(data, ScheduleData)
        empty = self.query_one(".empty", Static)
        main = self.query_one("#schedule-main")
        client = data.client
        if client is None:
            self.client = None
            self.computed = None
            empty.update(Content(data.empty))
            empty.display = True
            main.display = False
            self.table.display = False
            self.refresh_bindings()
            return
        if self.client is None or self.client.code != client.code:
            self.table.show(data)  # no rows until the figures come: not the last client's
        if self.client is not None and self.client.code != client.code:
            if self.what_if and not self.scenario.empty:
                self.notify(
                    "The what-if was discarded (another client is shown); nothing was written.",
                    title="What-if", markup=False,
                )
            self.what_if = False
            self.scenario = Scenario()
            self.marks.clear()
            self._cursor = None
        self.client, self.as_of, self.db_path = client, data.as_of, data.db_path
        empty.display = False
        main.display = True
        self.table.display = True
        self.recompute()  # the figures bring the rows too

    def recompute(self) -> None:
        """Compute the figures again (settings, what-if or theme changed), off the UI thread."""
        if self.client is None or self.as_of is None:
            return
        scenario = self.scenario if self.what_if else None
        if self._busy_timer is None:
            # A big client takes a second or two: say so, unless it is quick.
            self._busy_timer = self.set_timer(0.3, self._show_busy)
        self._compute(self.client, self.as_of, self.settings, scenario, theme_styles(self))

    def _show_busy(self) -> None:
        self._busy_timer = None
        busy = Text("Computing the forecast…", style="italic")
        self.query_one(ForecastPanel).show_caption(busy)
        self.chart.query_one("#chart-caption", Static).update(busy)

    @work(thread=True, exclusive=True, group="schedule-forecast", exit_on_error=False)
    def _compute(
        self,
        client: Client,
        as_of: date,
        settings: Settings,
        scenario: Scenario | None,
        styles: dict[str, str],
    ) -> None:
        worker = get_current_worker()
        try:
            result = compute(client, as_of, settings, scenario, styles)
        except Exception as error:  # noqa: BLE001 - shown, the app keeps running
            if not worker.is_cancelled:
                self.app.call_from_thread(self._compute_failed, error)
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show_computed, client, result)

    def _stop_busy(self) -> None:
        if self._busy_timer is not None:
            self._busy_timer.stop()
            self._busy_timer = None

    def _compute_failed(self, error: Exception) -> None:
        self._stop_busy()
        message = Text(f"Could not compute the forecast: {error}", style="bold")
        self.query_one(ForecastPanel).show_caption(message)
        self.notify(str(message), title="Schedule", severity="error", markup=False)

    def _show_computed(self, client: Client, result: Computed) -> None:
        if client is not self.client:
            return  # a newer load is on its way
        self._stop_busy()
        first = self.computed is None
        self.computed = result
        self.query_one("#schedule-whatif").display = self.what_if
        panel = self.query_one(ForecastPanel)
        panel.show(result, result.key_near(self._cursor))
        self._show_row(result.rows.get(self.forecast_table.current_key or "", None))
        panel.show_caption(self._caption("m Q Y period · + - years · g group · ↵ items"))
        self.show_chart()
        self.assets.show(result)
        self.policies.show_policies(
            client, self.scenario if self.what_if else Scenario(), result.categories, self.what_if
        )
        self.query_one("#schedule-whatif", Static).update(
            banner_text(result.phrases) if self.what_if else ""
        )
        self._show_viewbar()
        self.refresh_bindings()
        focused = self.app.focused
        if first and self.is_on_screen and (focused is None or isinstance(focused, Tabs)):
            # Shown before its first figures came, the tab had nothing to focus (the
            # focus was dropped, or left on the tab bar): its keys would do nothing.
            self.call_after_refresh(self.focus_content)

    def show_chart(self) -> None:
        if self.computed is None:
            return
        self.chart.show_chart(
            self.computed.chart,
            [r for r in self.computed.rows.values() if r.target is not None],
            self._caption("m Q Y · + - years · s stack", chart=True),
            self.stacked,
        )

    def _caption(self, keys: str, *, chart: bool = False) -> Text:
        first = self.computed.baseline.fiscal_years[0].fiscal_year if self.computed else None
        # The chart always shows the lines (or baseline and what-if).
        settings = replace(self.settings, group="line") if chart else self.settings
        return caption_text(settings, first, keys, what_if=self.what_if, chart=chart,
                            stacked=self.stacked)

    def _show_row(self, row: Row | None) -> None:
        if row is None or self.computed is None:
            self.query_one(ForecastPanel).show_row(None, "", {})
            return
        self._cursor = row
        self.query_one(ForecastPanel).show_row(row, self.computed.currency, theme_styles(self))

    def _show_viewbar(self) -> None:
        self.query_one("#schedule-viewbar", Static).update(viewbar_text(self.view))

    # ------------------------------------------------------------------ views

    def show_panels(self) -> None:
        """At 80×24 the current view only; at full size all four.

        ``display`` is set on the panels themselves: a class on the pane would
        restyle every widget of the tab at each key (a noticeable pause)."""
        for view in VIEWS:
            self.query_one(f"#panel-{view}").display = self.wide or view == self.view
        self.query_one("#schedule-viewbar").display = not self.wide
        self._show_viewbar()

    def focus_content(self) -> None:
        if self.client is None:
            return
        self.focus_view(self.view)

    def focus_view(self, view: str) -> None:
        if view == "forecast":
            self.forecast_table.focus()
        elif view == "chart":
            self.chart.focus()
        elif view == "assets":
            self.table.focus()
        else:
            lines = self.policies.lines
            if lines:
                lines[0].months_input.focus()
            else:
                self.policies.focus()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """At full size the four views are all shown: the focused one is the current one."""
        node = event.widget
        while node is not None and node is not self:
            if node.id and node.id.startswith("panel-"):
                view = node.id.removeprefix("panel-")
                if view != self.view:
                    self.view = view
                    self.show_panels()
                    self.refresh_bindings()
                return
            node = node.parent  # type: ignore[assignment]

    def _period(self, event: DataTable.RowHighlighted | DataTable.RowSelected) -> Row | None:
        key = event.row_key.value
        if self.computed is None or key is None:
            return None
        return self.computed.rows.get(key)

    @on(DataTable.RowHighlighted, "#forecast-table")
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        row = self._period(event)
        if row is not None:
            self._show_row(row)
