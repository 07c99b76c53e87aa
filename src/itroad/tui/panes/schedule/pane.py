"""Schedule: what must be replaced when, what it all costs per period against the
budget, and what-ifs.

Four views of the current client (parts in :mod:`itroad.tui.panes.schedule`):

- **Forecast** (``t``): a row per month / fiscal quarter / fiscal year (``m`` ``Q``
  ``Y``) over 1–10 fiscal years (``+`` ``-``), by line, category or site (``g``);
  the total against the budget target, over-budget rows flagged in words; under
  the table, the row under the cursor in one sentence and its three biggest
  items (Enter: all of them);
- **Chart** (``v``): the same periods as bars, stacked by line or side by side (``s``);
- **Replacements** (``a``): overdue first, then "needs data", then by due date;
  ``space`` marks, ``f`` defers, ``b`` brings forward (the marked assets, else the
  one under the cursor);
- **Policies** (``p``): per category, edited in place; ``e`` the escalation rate.

``w`` starts a what-if: policy, rate and date changes are then tried, not saved;
the forecast shows baseline, what-if and difference side by side; ``A`` applies
them all in one transaction, ``D`` discards them (nothing is written).

At 80×24 one view shows at a time; from 120×34 (the pane's size) all four are
on screen together and the view keys move the focus between them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.color import Color
from textual.containers import Container, Vertical
from textual.content import Content
from textual.timer import Timer
from textual.widgets import DataTable, Static
from textual.worker import get_current_worker

from itroad.domain.models import Client
from itroad.domain.money import format_money
from itroad.planning.forecast import forecast
from itroad.planning.scenario import PlanChanges, PolicyChange, RateChange, Scenario
from itroad.store.editing import EditError
from itroad.store.policies import Applied, PlanConflict
from itroad.tui.cells import NO_CLIENT, TableData
from itroad.tui.data import ClientData
from itroad.tui.panes.base import TablePane
from itroad.tui.panes.schedule.chart import SpendChart, load_plot_class
from itroad.tui.panes.schedule.dialogs import (
    LeaveWhatIf,
    PeriodItems,
    RateDialog,
    RedateDialog,
)
from itroad.tui.panes.schedule.figures import (
    DEFAULT_STYLES,
    GROUP_CHOICES,
    MAX_YEARS,
    MIN_YEARS,
    NEEDS_DATA,
    OVERDUE,
    SCHEDULE_COLUMNS,
    Computed,
    Row,
    ScheduleRows,
    Settings,
    compute,
    driver_lines,
    headline,
    schedule_rows,
)
from itroad.tui.panes.schedule.policies import PolicyEditor, PolicyLine
from itroad.tui.panes.schedule.work import describe_applied, write_changes
from itroad.tui.widgets.record_table import RecordTable

__all__ = ["NEEDS_DATA", "OVERDUE", "ScheduleData", "SchedulePane", "schedule_table"]

VIEWS = ("forecast", "chart", "assets", "policies")
VIEW_KEYS = {"forecast": "t", "chart": "v", "assets": "a", "policies": "p"}
VIEW_TITLES = {
    "forecast": "Forecast",
    "chart": "Chart",
    "assets": "Replacements",
    "policies": "Policies",
}
#: From this pane size on, the four views are on screen together.
WIDE = (120, 34)
MARK = "✓"


@dataclass(frozen=True)
class ScheduleData(TableData):
    """The replacement schedule, plus the client it was built from (for the forecast)."""

    client: Client | None = None
    as_of: date | None = None
    db_path: Path | None = None


def schedule_table(data: ClientData) -> ScheduleData:
    """Overdue first, then "needs data", then by due date; retired and disposed left out."""
    client = data.client
    if client is None:
        return ScheduleData(SCHEDULE_COLUMNS, empty=NO_CLIENT)
    linked = forecast(client, data.as_of).linked_assets
    table, _ = schedule_rows(client, data.as_of, linked=linked)
    return ScheduleData(
        table.columns, table.rows, table.keys, table.empty,
        client=client, as_of=data.as_of, db_path=data.db_path,
    )


class ForecastTable(RecordTable):
    """The forecast, a row per period; the period column stays put when scrolling sideways."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.fixed_columns = 1
        self.zebra_stripes = False


class ScheduleTable(RecordTable):
    """The replacement schedule."""


_PERIOD = Binding.Group("Period")
_HORIZON = Binding.Group("Horizon")


def _key(
    key: str, action: str, description: str, tooltip: str, *, show: bool = False, **options: object
) -> Binding:
    """A key of the tab. A priority binding: it works from the policies' number
    fields too (they take digits only and let other keys through)."""
    return Binding(
        key, action, description, show=show, tooltip=tooltip, priority=True, **options  # type: ignore[arg-type]
    )


class SchedulePane(TablePane):
    PANE_ID = "schedule"
    TITLE = "Schedule"
    DESCRIPTION = (
        "forecast against budget, spend chart, replacements (overdue and 'needs data' first), "
        "lifecycle policies, what-if"
    )
    build = staticmethod(schedule_table)

    BINDINGS: ClassVar[list[BindingType]] = [
        _key("t", "view('forecast')", "Forecast",
             "Forecast table: periods against the budget, the biggest items"),
        _key("v", "view('chart')", "Chart", "Bar chart of spend per period"),
        _key("a", "view('assets')", "Replacements",
             "Replacement schedule: overdue, needs data, then by due date"),
        _key("p", "view('policies')", "Policies", "Lifecycle policies per category, edited in place"),
        _key("m", "by('month')", "Months", "Forecast by month", group=_PERIOD),
        _key("Q", "by('quarter')", "Quarters", "Forecast by fiscal quarter", group=_PERIOD),
        _key("Y", "by('year')", "Fiscal years", "Forecast by fiscal year", group=_PERIOD),
        _key("plus", "years(1)", "Longer", "One fiscal year more in the forecast (up to 10)",
             group=_HORIZON, key_display="+"),
        _key("equals_sign", "years(1)", "Longer", "", system=True),
        _key("minus", "years(-1)", "Shorter", "One fiscal year less in the forecast",
             group=_HORIZON, key_display="-"),
        _key("g", "group", "Group", "Forecast columns: by line, by category, by site"),
        _key("s", "stacked", "Stack", "Chart: stacked by line, or side by side"),
        # Not a priority key: space also switches a policy's basis.
        Binding("space", "mark", "Mark", show=False,
                tooltip="Replacements: mark or unmark the asset (f and b act on all marked)"),
        _key("f", "defer", "Defer",
             "Replacements: defer (a new date and a reason), or remove a deferral", show=True),
        _key("b", "forward", "Forward", "Replacements: bring the replacement forward"),
        _key("e", "rate", "Escalation", "Change the yearly escalation rate of replacement costs"),
        _key("w", "what_if", "What-if", "Start or leave a what-if: changes are tried, not saved",
             show=True),
        _key("A", "apply", "Apply", "What-if: apply every change (one transaction)"),
        _key("D", "discard", "Discard", "What-if: discard every change (nothing is written)"),
    ]

    DEFAULT_CSS = """
    SchedulePane #schedule-main {
        height: 1fr;
    }
    SchedulePane #schedule-viewbar {
        height: 1;
        background: $panel;
    }
    SchedulePane #schedule-whatif {
        height: 1;
        background: $warning 25%;
        padding: 0 1;
    }
    SchedulePane #schedule-body {
        height: 1fr;
    }
    SchedulePane .panel {
        height: 1fr;
    }
    SchedulePane .line {
        height: 1;
        padding: 0 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    SchedulePane #forecast-drivers {
        height: 1fr;
        min-height: 3;
        padding: 0 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    SchedulePane RecordTable {
        height: 1fr;
    }
    SchedulePane ForecastTable {
        height: auto;
        max-height: 65%;
    }
    SchedulePane.-wide #schedule-body {
        layout: grid;
        grid-size: 2 2;
        grid-columns: 3fr 2fr;
        grid-rows: 1fr 1fr;
    }
    SchedulePane.-wide .panel {
        display: block;
        border: round $panel-lighten-2;
        border-title-color: $text-muted;
        border-title-style: bold;
    }
    SchedulePane.-wide .panel:focus-within {
        border: round $primary;
        border-title-color: $text;
    }
    """

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
        self.marks: set[str] = set()
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
                forecast = Vertical(id="panel-forecast", classes="panel")
                forecast.border_title = "Forecast (t)"
                with forecast:
                    yield Static("", id="forecast-caption", classes="line", markup=False)
                    yield ForecastTable(id="forecast-table")
                    yield Static("", id="forecast-headline", classes="line", markup=False)
                    yield Static("", id="forecast-drivers", markup=False)
                    yield Static("", id="forecast-notes", classes="line", markup=False)
                chart = SpendChart(id="panel-chart", classes="panel")
                chart.border_title = "Spend per period (v)"
                yield chart
                assets = Vertical(id="panel-assets", classes="panel")
                assets.border_title = "Replacements (a)"
                with assets:
                    yield Static("", id="assets-summary", classes="line", markup=False)
                    yield ScheduleTable(id="schedule-table")
                policies = PolicyEditor(id="panel-policies", classes="panel")
                policies.border_title = "Lifecycle policies (p)"
                yield policies

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#schedule-main").display = False
        self.query_one("#schedule-whatif").display = False
        self._show_panels()
        # The flags take the theme's colours: draw again when the theme changes.
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._recompute())

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

    def on_resize(self, event: events.Resize) -> None:
        wide = event.size.width >= WIDE[0] and event.size.height >= WIDE[1]
        if wide != self.wide:
            self.wide = wide
            self.set_class(wide, "-wide")
            self._show_panels()
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
        """A (re)load of the client: keep the settings, recompute everything."""
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
        self.table.show(data)
        self._recompute()

    def _styles(self) -> dict[str, str]:
        variables = self.app.theme_variables

        def colour(name: str, fallback: str) -> str:
            try:
                return Color.parse(variables.get(name, fallback)).rich_color.name
            except Exception:  # noqa: BLE001 - a theme without the colour: plain text
                return fallback

        return {
            **DEFAULT_STYLES,
            "over": f"bold {colour('error', 'red')}",
            "ok": colour("success", "green"),
        }

    def _recompute(self) -> None:
        if self.client is None or self.as_of is None:
            return
        scenario = self.scenario if self.what_if else None
        if self._busy_timer is None:
            # A big client takes a second or two: say so, unless it is quick.
            self._busy_timer = self.set_timer(0.3, self._show_busy)
        self._compute(self.client, self.as_of, self.settings, scenario, self._styles())

    def _show_busy(self) -> None:
        self._busy_timer = None
        busy = Text("Computing the forecast…", style="italic")
        self.query_one("#forecast-caption", Static).update(busy)
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

    def _compute_failed(self, error: Exception) -> None:
        if self._busy_timer is not None:
            self._busy_timer.stop()
            self._busy_timer = None
        message = Text(f"Could not compute the forecast: {error}", style="bold")
        self.query_one("#forecast-caption", Static).update(message)
        self.notify(str(message), title="Schedule", severity="error", markup=False)

    def _show_computed(self, client: Client, result: Computed) -> None:
        if client is not self.client:
            return  # a newer load is on its way
        if self._busy_timer is not None:
            self._busy_timer.stop()
            self._busy_timer = None
        self.computed = result
        self.query_one("#schedule-whatif").display = self.what_if
        table = self.forecast_table
        table.show(result.table)
        key = self._row_for(result)
        if key in result.table.keys:
            table.move_cursor(row=result.table.keys.index(key), animate=False)
        self._show_row(result.rows.get(table.current_key or "", None))
        self.query_one("#forecast-caption", Static).update(self._caption(
            "m Q Y period · + - years · g group · ↵ items"
        ))
        self.query_one("#forecast-notes", Static).update(result.notes)
        self._show_chart()
        self._show_schedule(result)
        self.policies.show_policies(
            client, self.scenario if self.what_if else Scenario(), result.categories, self.what_if
        )
        self._show_banner()
        self._show_viewbar()
        self.refresh_bindings()

    def _show_chart(self) -> None:
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
        caption = settings.caption(first)
        if self.what_if:
            caption = caption.rsplit(" · ", 1)[0] + " · baseline vs what-if"
        elif chart:
            caption += " · stacked" if self.stacked else " · side by side"
        return Text.assemble((caption, "bold"), "  ", (keys, "dim"), no_wrap=True, overflow="ellipsis")

    def _row_for(self, result: Computed) -> str:
        """Keep the cursor on the same stretch of time when the periods change."""
        previous = self._cursor
        if previous is None:
            return result.default_key
        if previous.key in result.rows:
            return previous.key
        rows = list(result.rows.values())
        if previous.whole_year:
            for row in rows:
                if row.whole_year and row.fiscal_year == previous.fiscal_year:
                    return row.key
        for row in rows:
            if not row.subtotal and row.start <= previous.start <= row.end:
                return row.key
        return result.default_key

    def _show_row(self, row: Row | None) -> None:
        headline_widget = self.query_one("#forecast-headline", Static)
        drivers = self.query_one("#forecast-drivers", Static)
        if row is None or self.computed is None:
            headline_widget.update("")
            drivers.update("")
            return
        self._cursor = row
        headline_widget.update(headline(row, self.computed.currency, self._styles()))
        lines = driver_lines(row, limit=10)
        if not lines:
            lines = [Text("Nothing counted in this period.", style="dim")]
        drivers.update(Text("\n").join(lines))

    def _show_schedule(self, result: Computed) -> None:
        table = self.table
        table.show(result.schedule)
        self.marks &= set(result.schedule.keys)
        for key in self.marks:
            table.update_cell(key, "mark", Text(MARK, style="bold"))
        self._show_assets_summary()

    def _show_assets_summary(self) -> None:
        if self.computed is None:
            return
        shown = self.computed.scenario or self.computed.baseline
        parts: list[tuple[str, str] | str] = []
        if shown.overdue.count:
            parts.append((f"Overdue {shown.overdue.count}", "bold"))
            parts.append(f" · {format_money(shown.overdue.amount)}  ")
        if shown.unscheduled.count:
            parts.append((f"Needs data {shown.unscheduled.count}", "bold"))
            parts.append(f" · {format_money(shown.unscheduled.amount)}  ")
        schedule = self.computed.schedule
        total = schedule.total if isinstance(schedule, ScheduleRows) else len(schedule.rows)
        if total > len(schedule.rows):
            parts.append((f"the first {len(schedule.rows):,} of {total:,}  ", "italic"))
        if self.marks:
            parts.append((f"{len(self.marks)} marked", "bold reverse"))
            parts.append(" · ")
        parts.append(("space mark · f defer · b forward", "dim"))
        self.query_one("#assets-summary", Static).update(
            Text.assemble(*parts, no_wrap=True, overflow="ellipsis")
        )

    def _show_banner(self) -> None:
        banner = self.query_one("#schedule-whatif", Static)
        if not self.what_if or self.computed is None:
            banner.update("")
            return
        phrases = list(self.computed.phrases)
        said = "; ".join(phrases) if phrases else "change a policy (p), the rate (e) or dates (a, f)"
        banner.update(Text.assemble(
            ("WHAT-IF ", "bold"), ("(nothing saved): ", "italic"), said, "   ",
            ("A apply · D discard · w leave", "bold"),
            no_wrap=True, overflow="ellipsis",
        ))

    def _show_viewbar(self) -> None:
        parts: list[tuple[str, str] | str] = [" "]
        for view in VIEWS:
            label = f" {VIEW_KEYS[view]} {VIEW_TITLES[view]} "
            parts.append((label, "reverse bold" if view == self.view else ""))
            parts.append(" ")
        parts.append(("│ w what-if  e escalation  ? help", "dim"))
        self.query_one("#schedule-viewbar", Static).update(
            Text.assemble(*parts, no_wrap=True, overflow="ellipsis")
        )

    # ------------------------------------------------------------------ views

    def _show_panels(self) -> None:
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
        self._focus_view(self.view)

    def _focus_view(self, view: str) -> None:
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

    def action_view(self, view: str) -> None:
        self.view = view
        self._show_panels()
        self._focus_view(view)
        self.refresh_bindings()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """At full size the four views are all shown: the focused one is the current one."""
        node = event.widget
        while node is not None and node is not self:
            if node.id and node.id.startswith("panel-"):
                view = node.id.removeprefix("panel-")
                if view != self.view:
                    self.view = view
                    self._show_panels()
                    self.refresh_bindings()
                return
            node = node.parent  # type: ignore[assignment]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("view", "by", "years", "group", "stacked", "mark", "defer", "forward",
                      "rate", "what_if", "apply", "discard") and self.client is None:
            return False
        if action in ("by", "years", "group"):
            return self.wide or self.view in ("forecast", "chart")
        if action == "stacked":
            return self.view == "chart"
        if action in ("mark", "defer", "forward"):
            return self.view == "assets"
        if action in ("apply", "discard"):
            return self.what_if
        return True

    # ------------------------------------------------------------------ forecast keys

    def action_by(self, by: str) -> None:
        if by != self.settings.by:
            self.settings = replace(self.settings, by=by)
            self._recompute()

    def action_years(self, step: int) -> None:
        years = min(MAX_YEARS, max(MIN_YEARS, self.settings.years + step))
        if years == self.settings.years:
            self.app.bell()
            return
        self.settings = replace(self.settings, years=years)
        self._recompute()

    def action_group(self) -> None:
        index = GROUP_CHOICES.index(self.settings.group)
        self.settings = replace(self.settings, group=GROUP_CHOICES[(index + 1) % len(GROUP_CHOICES)])
        self._recompute()

    def action_stacked(self) -> None:
        self.stacked = not self.stacked
        self._show_chart()

    @on(DataTable.RowHighlighted, "#forecast-table")
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if self.computed is not None and event.row_key.value in self.computed.rows:
            self._show_row(self.computed.rows[event.row_key.value])

    @on(DataTable.RowSelected, "#forecast-table")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if self.computed is not None and event.row_key.value in self.computed.rows:
            self.app.push_screen(
                PeriodItems(self.computed.rows[event.row_key.value], self.computed.currency)
            )

    @on(DataTable.RowSelected, "#schedule-table")
    def _asset_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()

    # ------------------------------------------------------------------ replacements

    def action_mark(self) -> None:
        table = self.table
        key = table.current_key
        if key is None:
            return
        if key in self.marks:
            self.marks.discard(key)
            table.update_cell(key, "mark", Text(""))
        else:
            self.marks.add(key)
            table.update_cell(key, "mark", Text(MARK, style="bold"))
        if table.cursor_row < table.row_count - 1:
            table.move_cursor(row=table.cursor_row + 1, animate=False)
        self._show_assets_summary()

    def _selected_items(self) -> list:
        if self.computed is None:
            return []
        items = self.computed.schedule_items
        if self.marks:
            return [items[key] for key in self.computed.schedule.keys if key in self.marks]
        key = self.table.current_key
        return [items[key]] if key in items else []

    def action_defer(self) -> None:
        self._redate(forward=False)

    def action_forward(self) -> None:
        self._redate(forward=True)

    def _redate(self, *, forward: bool) -> None:
        items = self._selected_items()
        if not items or self.client is None or self.as_of is None:
            self.app.bell()
            return
        client = self.client

        def done(deferrals) -> None:
            if not deferrals or self.client is not client:
                return
            self.marks.clear()
            if self.what_if:
                self.scenario = self.scenario.with_deferrals(deferrals, client)
                self._recompute()
            else:
                self._write(PlanChanges(deferrals=tuple(deferrals)))

        self.app.push_screen(
            RedateDialog(items, forward=forward, as_of=self.as_of, what_if=self.what_if), done
        )

    # ------------------------------------------------------------------ policies and rate

    @on(PolicyEditor.Save)
    def _save_policy(self, event: PolicyEditor.Save) -> None:
        event.stop()
        client = self.client
        if client is None:
            return
        line: PolicyLine = event.line
        if self.what_if:
            self.scenario = self.scenario.with_policy(event.policy, line.original)
            self._recompute()
        else:
            self._write(PlanChanges(policies=(PolicyChange(event.policy, line.original),)))

    def action_rate(self) -> None:
        client = self.client
        if client is None:
            return
        current = self.scenario.rate_for(client) if self.what_if else client.escalation_rate

        def done(rate) -> None:
            if rate is None or self.client is not client:
                return
            if self.what_if:
                self.scenario = self.scenario.with_rate(rate, client.escalation_rate)
                self._recompute()
            elif rate != client.escalation_rate:
                self._write(PlanChanges(rate=RateChange(rate, client.escalation_rate)))

        self.app.push_screen(
            RateDialog(current, client.escalation_rate, what_if=self.what_if,
                       decimal_separator=client.decimal_separator), done
        )

    # ------------------------------------------------------------------ what-if

    def action_what_if(self) -> None:
        if not self.what_if:
            self.what_if = True
            self.scenario = Scenario()
            self.notify(
                "What-if: policy, rate and date changes are tried, not saved. "
                "A applies them all, D discards them.",
                title="What-if", markup=False,
            )
            self._recompute()
            return
        if self.scenario.empty:
            self._leave_what_if()
            return

        def chosen(choice: str | None) -> None:
            if choice == "apply":
                self.action_apply()
            elif choice == "discard":
                self.action_discard()

        self.app.push_screen(LeaveWhatIf(self.computed.phrases if self.computed else ()), chosen)

    def _leave_what_if(self) -> None:
        self.what_if = False
        self.scenario = Scenario()
        self._recompute()

    def action_discard(self) -> None:
        if not self.what_if:
            return
        had_changes = not self.scenario.empty
        self._leave_what_if()
        self.notify(
            "What-if discarded; nothing was written." if had_changes else "What-if left.",
            title="What-if", markup=False,
        )

    def action_apply(self) -> None:
        if not self.what_if or self.client is None:
            return
        if self.scenario.empty:
            self._leave_what_if()
            self.notify("The what-if had no changes; nothing to save.", title="What-if",
                        markup=False)
            return
        self._write(self.scenario.changes(self.client), after=self._leave_what_if)

    # ------------------------------------------------------------------ writing

    def _write(self, changes: PlanChanges, after: Callable[[], None] | None = None) -> None:
        if self.client is None or self.db_path is None:
            return
        self._write_worker(self.db_path, self.client.code, changes, after)

    @work(thread=True, group="schedule-write", exit_on_error=False)
    def _write_worker(
        self, db_path: Path, code: str, changes: PlanChanges, after: Callable[[], None] | None
    ) -> None:
        try:
            applied = write_changes(db_path, code, changes)
        except Exception as error:  # noqa: BLE001 - told to the user; nothing was written
            self.app.call_from_thread(self._write_failed, error)
            return
        self.app.call_from_thread(self._written, code, changes, applied, after)

    def _written(
        self,
        code: str,
        changes: PlanChanges,
        applied: Applied,
        after: Callable[[], None] | None,
    ) -> None:
        if after is not None:
            after()
        self.notify(describe_applied(applied), title="Schedule", markup=False)
        self._remember(code, changes, applied)
        self._reload()

    def _remember(self, code: str, changes: PlanChanges, applied: Applied) -> None:
        """Put a change of dates alone on the workspace's undo stack (``u``).

        Policies and the rate are not journaled by the store, so a change that
        holds them is not offered for undo (it would only be undone in part)."""
        editor = getattr(self.screen, "editor", None)
        if editor is None or applied.batch is None or changes.policies or changes.rate:
            return
        from itroad.tui.editing import Change

        count = len(changes.deferrals)
        what = f"new replacement date of {count} asset{'s' if count != 1 else ''}"
        editor.remember(Change(applied.batch, what, "assets", code))

    def _write_failed(self, error: Exception) -> None:
        conflict = isinstance(error, PlanConflict)
        text = str(error) if isinstance(error, EditError) else f"Could not save: {error}"
        self.notify(text, title="Schedule", severity="error", markup=False, timeout=10)
        if conflict:
            self._reload()
        elif self.computed is not None and self.client is not None:
            # Show the policies as stored again (the line said "saving…").
            self.policies.show_policies(
                self.client, self.scenario if self.what_if else Scenario(),
                self.computed.categories, self.what_if,
            )

    def _reload(self) -> None:
        """Read the client again (every tab), as after any edit."""
        reload = getattr(self.screen, "records_changed", None) or getattr(
            self.screen, "action_reload", None
        )
        if reload is not None:
            reload()

    # ------------------------------------------------------------------ help

    @classmethod
    def help_bindings(cls) -> list[Binding]:
        """Every key of the tab, for the help screen (its own, the policies' lines)."""
        from itroad.tui.panes.schedule.policies import BasisToggle

        keys = [b for b in Binding.make_bindings(cls.BINDINGS) if not b.system]
        keys += [
            Binding("enter", "items", "Forecast: every item of the period under the cursor"),
            Binding("enter", "save", "Policies: save the line (in a what-if: try it)"),
        ]
        keys += [b for b in Binding.make_bindings(PolicyEditor.BINDINGS)]
        keys += [b for b in Binding.make_bindings(BasisToggle.BINDINGS) if b.key == "space"]
        return keys
