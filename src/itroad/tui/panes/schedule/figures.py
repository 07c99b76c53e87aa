"""The Schedule tab's figures, computed off the UI thread: plain data and Rich text.

:func:`compute` forecasts the client (and the what-if scenario, when there is
one) with :func:`itroad.planning.forecast.forecast` — the same function as
``itroad forecast`` — and lays the result out for the screen: the forecast
table (:mod:`~itroad.tui.panes.schedule.forecast_table`), the drivers of every
row (:mod:`~itroad.tui.panes.schedule.rows`), the series of the bar chart, the
notes beside the periods and the replacement schedule
(:mod:`~itroad.tui.panes.schedule.replacements`). Nothing here touches a widget.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from rich.text import Text

from itroad.domain.models import Client
from itroad.domain.money import ZERO, format_money
from itroad.planning.calendar import fiscal_year_bounds, fiscal_year_label
from itroad.planning.forecast import (
    CONTRACTS,
    HARDWARE,
    INITIATIVES_ONE_TIME,
    INITIATIVES_RECURRING,
    RENEWALS,
    Forecast,
    forecast,
)
from itroad.planning.lifecycle import ScheduledAsset
from itroad.planning.scenario import Scenario
from itroad.tui.cells import TableData
from itroad.tui.panes.schedule.forecast_table import Line, forecast_table, layout, line_sum
from itroad.tui.panes.schedule.replacements import schedule_rows
from itroad.tui.panes.schedule.rows import (
    DEFAULT_STYLES,
    Row,
    bucket_entries,
    plural,
    row_changes,
    row_drivers,
)
from itroad.tui.panes.schedule.scenario_text import describe_scenario

BY_CHOICES = ("month", "quarter", "year")
GROUP_CHOICES = ("line", "category", "site")
MIN_YEARS, MAX_YEARS = 1, 10

#: How the caption names a period length.
BY_WORDS = {"month": "months", "quarter": "fiscal quarters", "year": "fiscal years"}


@dataclass(frozen=True)
class Settings:
    """What the forecast shows: period length, horizon in fiscal years, grouping."""

    by: str = "year"
    years: int = 3
    group: str = "line"

    def caption(self, first_fy: int | None = None) -> str:
        """``Fiscal years FY2026–FY2028 · by line``."""
        group = {"line": "by line", "category": "by category", "site": "by site"}[self.group]
        if first_fy is None:
            span = f"{self.years} fiscal year{'s' if self.years != 1 else ''}"
        elif self.years == 1:
            span = fiscal_year_label(first_fy)
        else:
            span = f"{fiscal_year_label(first_fy)}–{fiscal_year_label(first_fy + self.years - 1)}"
        return f"{BY_WORDS[self.by].capitalize()} {span} · {group}"


@dataclass(frozen=True)
class ChartData:
    """The bar chart's series: one bar per period (no fiscal-year total rows)."""

    labels: tuple[str, ...]
    series: tuple[tuple[str, tuple[Decimal, ...]], ...]
    over: tuple[bool, ...]
    what_if: bool = False
    #: Each bar's budget target (fiscal-year bars only; months and quarters have none).
    targets: tuple[Decimal | None, ...] = ()


@dataclass(frozen=True)
class Computed:
    """Everything the Schedule tab shows for one client, settings and scenario."""

    settings: Settings
    currency: str
    baseline: Forecast
    scenario: Forecast | None
    table: TableData
    rows: Mapping[str, Row]
    #: The row to put the cursor on first: the next fiscal year's (the question
    #: owners ask), else the first.
    default_key: str
    chart: ChartData
    schedule: TableData
    schedule_items: Mapping[str, ScheduledAsset]
    notes: Text
    phrases: tuple[str, ...] = ()
    #: Per current asset category: how many current assets, how many need data.
    categories: Mapping[str, tuple[int, int]] = field(default_factory=dict)

    def key_near(self, previous: Row | None) -> str:
        """The row for the cursor that was on ``previous`` (in other settings): the same
        row, else the same fiscal year's, else the period holding its start."""
        if previous is None:
            return self.default_key
        if previous.key in self.rows:
            return previous.key
        rows = list(self.rows.values())
        if previous.whole_year:
            for row in rows:
                if row.whole_year and row.fiscal_year == previous.fiscal_year:
                    return row.key
        for row in rows:
            if not row.subtotal and row.start <= previous.start <= row.end:
                return row.key
        return self.default_key


def compute(
    client: Client,
    as_of: date,
    settings: Settings,
    scenario: Scenario | None = None,
    styles: Mapping[str, str] = DEFAULT_STYLES,
) -> Computed:
    """Forecast ``client`` and lay out everything the tab shows.

    With a ``scenario`` (even an empty one: the what-if has just started) the
    table compares the baseline with the scenario period by period.
    """
    group_by = None if settings.group == "line" else settings.group
    what_if = scenario is not None
    baseline = forecast(client, as_of, by=settings.by, years=settings.years, group_by=group_by)
    changed = scenario.apply(client) if scenario is not None else client
    shown = (
        forecast(changed, as_of, by=settings.by, years=settings.years, group_by=group_by)
        if changed is not client
        else baseline
    )
    lines = layout(shown)
    fy_targets = {s.fiscal_year: s.budget_target for s in shown.fiscal_years}
    start_month = client.fiscal_year_start_month

    # Drivers: every committed entry of a row, added up per item.
    period_lines = [line for line in lines if not line.subtotal]
    starts = [line.start for line in period_lines]
    keys = [line.key for line in period_lines]
    fy_totals = {line.fiscal_year: line.key for line in lines if line.subtotal}
    fy_keys = {
        line.key: fy_totals[line.fiscal_year] for line in period_lines if line.fiscal_year in fy_totals
    }
    shown_buckets = bucket_entries(shown.entries, starts, keys, fy_keys)
    base_buckets = (
        bucket_entries(baseline.entries, starts, keys, fy_keys) if what_if else shown_buckets
    )

    rows: dict[str, Row] = {}
    cumulative: dict[int, Decimal] = {}
    crossed: dict[str, bool] = {}
    for line in lines:
        idx = line.periods
        total = line_sum(shown, idx, "total")
        base_total = line_sum(baseline, idx, "total")
        proposed = line_sum(shown, idx, "proposed")
        target = fy_targets.get(line.fiscal_year)
        if line.subtotal or settings.by == "year":
            status = "none" if target is None else ("over" if total > target else "ok")
            if status == "ok" and line.start != fiscal_year_bounds(line.fiscal_year, start_month)[0]:
                # Only the rest of the year is forecast: "left" would mislead.
                status = "partial"
        else:
            before = cumulative.get(line.fiscal_year, ZERO)
            after = before + total
            cumulative[line.fiscal_year] = after
            status = "over" if target is not None and after > target else ""
            crossed[line.key] = status == "over" and before <= (target or ZERO)
        rows[line.key] = Row(
            line.key, line.label, line.start, line.end, line.fiscal_year, line.subtotal,
            total, base_total, proposed,
            target if (line.subtotal or settings.by == "year") else None,
            status,
            row_drivers(shown_buckets.get(line.key, {})),
            row_changes(base_buckets.get(line.key, {}), shown_buckets.get(line.key, {}))
            if what_if
            else (),
        )

    table = forecast_table(shown, baseline, lines, rows, crossed, settings.group, what_if, styles)
    chart = _chart(shown, baseline, lines, rows, what_if)
    next_fy = shown.fiscal_years[1] if len(shown.fiscal_years) > 1 else shown.fiscal_years[0]
    if settings.by == "year":
        default_key = next_fy.label
    else:
        default_key = next(
            (line.key for line in lines if line.subtotal and line.fiscal_year == next_fy.fiscal_year),
            lines[0].key,
        )
    schedule, items = schedule_rows(
        changed, as_of, baseline=client if what_if else None, styles=styles,
        items=shown.schedule, linked=shown.linked_assets,
    )
    return Computed(
        settings=settings,
        currency=client.currency,
        baseline=baseline,
        scenario=shown if what_if else None,
        table=table,
        rows=rows,
        default_key=default_key,
        chart=chart,
        schedule=schedule,
        schedule_items=items,
        notes=_notes(shown, styles),
        phrases=tuple(describe_scenario(scenario, client)) if scenario is not None else (),
        categories=_categories(shown),
    )


def _categories(f: Forecast) -> dict[str, tuple[int, int]]:
    counts: dict[str, list[int]] = {}
    for item in f.schedule:
        pair = counts.setdefault(item.asset.category, [0, 0])
        pair[0] += 1
        if item.unscheduled:
            pair[1] += 1
    return {category: (n, missing) for category, (n, missing) in counts.items()}


def _chart(
    shown: Forecast, baseline: Forecast, lines: Sequence[Line], rows: Mapping[str, Row], what_if: bool
) -> ChartData:
    periods = [line for line in lines if not line.subtotal]
    labels = tuple(line.label for line in periods)
    over = tuple(rows[line.key].status == "over" for line in periods)
    targets = tuple(rows[line.key].target for line in periods)
    series: tuple[tuple[str, tuple[Decimal, ...]], ...]
    if what_if:
        series = (
            ("baseline", tuple(line_sum(baseline, line.periods, "total") for line in periods)),
            ("what-if", tuple(line_sum(shown, line.periods, "total") for line in periods)),
        )
        return ChartData(labels, series, over, what_if=True, targets=targets)
    series = (
        ("hardware", tuple(line_sum(shown, line.periods, HARDWARE) for line in periods)),
        ("renewals", tuple(line_sum(shown, line.periods, RENEWALS) for line in periods)),
        ("contracts", tuple(line_sum(shown, line.periods, CONTRACTS) for line in periods)),
        (
            "initiatives",
            tuple(
                line_sum(shown, line.periods, INITIATIVES_ONE_TIME)
                + line_sum(shown, line.periods, INITIATIVES_RECURRING)
                for line in periods
            ),
        ),
    )
    return ChartData(labels, series, over, targets=targets)


def _notes(f: Forecast, styles: Mapping[str, str]) -> Text:
    """Overdue and "needs data" beside the periods."""
    parts: list[tuple[str, str] | str] = []
    first = f.periods[0].label
    if f.overdue.count:
        parts += [
            (f"Overdue: {plural(f.overdue.count, 'asset')} {format_money(f.overdue.amount)}",
             styles["over"]),
            f" (in {first})",
        ]
    if f.unscheduled.count:
        if parts:
            parts.append(" · ")
        parts += [
            (f"Needs data: {plural(f.unscheduled.count, 'asset')} "
             f"{format_money(f.unscheduled.amount)}", "bold"),
            " (not counted)",
        ]
    if f.missing_cost:
        if parts:
            parts.append(" · ")
        parts.append(f"no cost known: {plural(len(f.missing_cost), 'asset')}")
    if not parts:
        parts.append("Nothing overdue; every current asset has a due date.")
    return Text.assemble(*parts, no_wrap=True, overflow="ellipsis")
