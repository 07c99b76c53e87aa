"""The Schedule tab's pane: its keys on top of what it shows
(:mod:`~itroad.tui.panes.schedule.display`); the changes they make are
:mod:`~itroad.tui.panes.schedule.flows`. What the tab does:
:mod:`itroad.tui.panes.schedule`."""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from textual import on
from textual.binding import Binding, BindingType
from textual.widgets import DataTable

from itroad.planning.lifecycle import ScheduledAsset
from itroad.tui.panes.schedule.dialogs import PeriodItems
from itroad.tui.panes.schedule.display import ScheduleDisplay
from itroad.tui.panes.schedule.figures import GROUP_CHOICES, MAX_YEARS, MIN_YEARS
from itroad.tui.panes.schedule.flows import PlanFlows
from itroad.tui.panes.schedule.policies import PolicyEditor
from itroad.tui.panes.schedule.policy_line import BasisToggle
from itroad.tui.panes.schedule.replacements import schedule_table

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


class SchedulePane(ScheduleDisplay):
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
        self.flows = PlanFlows(self)

    # ------------------------------------------------------------------ keys

    def action_view(self, view: str) -> None:
        self.view = view
        self.show_panels()
        self.focus_view(view)
        self.refresh_bindings()

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
            self.recompute()

    def action_years(self, step: int) -> None:
        years = min(MAX_YEARS, max(MIN_YEARS, self.settings.years + step))
        if years == self.settings.years:
            self.app.bell()
            return
        self.settings = replace(self.settings, years=years)
        self.recompute()

    def action_group(self) -> None:
        index = GROUP_CHOICES.index(self.settings.group)
        self.settings = replace(self.settings, group=GROUP_CHOICES[(index + 1) % len(GROUP_CHOICES)])
        self.recompute()

    def action_stacked(self) -> None:
        self.stacked = not self.stacked
        self.show_chart()

    @on(DataTable.RowSelected, "#forecast-table")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        row = self._period(event)
        if row is not None and self.computed is not None:
            self.app.push_screen(PeriodItems(row, self.computed.currency))

    @on(DataTable.RowSelected, "#schedule-table")
    def _asset_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()

    # ------------------------------------------------------------------ changes (flows.py)

    def action_mark(self) -> None:
        if self.assets.toggle_mark() and self.computed is not None:
            self.assets.show_summary(self.computed)

    def _selected_items(self) -> list[ScheduledAsset]:
        """The marked assets, else the one under the cursor."""
        if self.computed is None:
            return []
        items = self.computed.schedule_items
        return [items[key] for key in self.assets.selected_keys(self.computed.schedule.keys)
                if key in items]

    def action_defer(self) -> None:
        self.flows.redate(self._selected_items(), forward=False)

    def action_forward(self) -> None:
        self.flows.redate(self._selected_items(), forward=True)

    @on(PolicyEditor.Save)
    def _save_policy(self, event: PolicyEditor.Save) -> None:
        event.stop()
        self.flows.save_policy(event.policy, event.line.original)

    def action_rate(self) -> None:
        self.flows.change_rate()

    def action_what_if(self) -> None:
        self.flows.toggle_what_if()

    def action_apply(self) -> None:
        self.flows.apply()

    def action_discard(self) -> None:
        self.flows.discard()

    # ------------------------------------------------------------------ help

    @classmethod
    def help_bindings(cls) -> list[Binding]:
        """Every key of the tab, for the help screen (its own, the policies' lines)."""
        keys = [b for b in Binding.make_bindings(cls.BINDINGS) if not b.system]
        keys += [
            Binding("enter", "items", "Forecast: every item of the period under the cursor"),
            Binding("enter", "save", "Policies: save the line (in a what-if: try it)"),
        ]
        keys += [b for b in Binding.make_bindings(PolicyEditor.BINDINGS)]
        keys += [b for b in Binding.make_bindings(BasisToggle.BINDINGS) if b.key == "space"]
        return keys

