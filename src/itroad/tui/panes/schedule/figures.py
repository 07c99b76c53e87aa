"""The Schedule tab's figures, computed off the UI thread: plain data and Rich text.

:func:`compute` forecasts the client (and the what-if scenario, when there is
one) with :func:`itroad.planning.forecast.forecast` — the same function as
``itroad forecast`` — and lays the result out for the screen:

- the forecast table: a row per period (month, fiscal quarter or fiscal year),
  with a fiscal-year total row after each fiscal year's months or quarters; the
  total against the budget target, flagged in words ("OVER by …") as well as in
  colour; then the lines, the groups, or baseline / scenario / difference;
- the drivers of every row: what the row's amount is made of, biggest first
  (replacements of one category together, every renewal, contract and
  initiative on its own), from :attr:`Forecast.entries`;
- the series of the bar chart;
- the replacement schedule: overdue first, then "needs data", then by due date.

Nothing here touches a widget; budgets: year rows carry their fiscal year's
target; a month or quarter row is flagged once the fiscal year's spending to
date has passed the target.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping, Sequence
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
    PROPOSED,
    RENEWALS,
    Entry,
    Forecast,
    Period,
    forecast,
)
from itroad.planning.lifecycle import ScheduledAsset
from itroad.planning.scenario import Scenario
from itroad.tui.cells import Column, TableData, date_cell, money_cell, text_cell
from itroad.tui.panes.schedule.scenario_text import describe_scenario

BY_CHOICES = ("month", "quarter", "year")
GROUP_CHOICES = ("line", "category", "site")
MIN_YEARS, MAX_YEARS = 1, 10

#: How the caption names a period length.
BY_WORDS = {"month": "months", "quarter": "fiscal quarters", "year": "fiscal years"}
LINE_COLUMNS = (
    (HARDWARE, "Hardware"),
    (RENEWALS, "Renewals"),
    (CONTRACTS, "Contracts"),
    (INITIATIVES_ONE_TIME, "Initiatives"),
    (INITIATIVES_RECURRING, "Init. monthly"),
    (PROPOSED, "Proposed"),
)
#: The chart's series: the committed lines, the two initiative lines together.
CHART_SERIES = ("hardware", "renewals", "contracts", "initiatives")

#: Rich styles of the flags; the pane passes the theme's colours instead.
DEFAULT_STYLES: Mapping[str, str] = {
    "over": "bold red",
    "ok": "green",
    "muted": "dim",
    "moved": "italic",
    "total": "bold",
}

#: The replacement schedule shows this many rows at most: the most urgent ones
#: (a stock DataTable is slow beyond a few thousand rows; a client of 100,000
#: assets pages through them in the Hardware tab).
SCHEDULE_LIMIT = 1000

OVERDUE = "OVERDUE"
NEEDS_DATA = "needs data"
MOVED = "what-if"
#: An asset replaced as part of an initiative: counted there, not on its own.
LINKED = "initiative"


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
class Driver:
    """One item of a period: a replacement (or a category's replacements), a renewal,
    a contract or an initiative, with what it costs in the period."""

    label: str
    kind: str
    count: int
    amount: Decimal


@dataclass(frozen=True)
class Row:
    """One row of the forecast table, as the drill-down and the headline need it."""

    key: str
    label: str
    start: date
    end: date
    fiscal_year: int
    subtotal: bool
    #: The amount shown against the budget: the scenario's when there is one.
    total: Decimal
    baseline: Decimal
    proposed: Decimal
    target: Decimal | None
    #: "over", "ok", "none" (no target), "partial" (the fiscal year holding the
    #: as-of date, counted from that day only, within its target), or "" (a month
    #: or quarter within its fiscal year's budget).
    status: str
    drivers: tuple[Driver, ...] = ()
    #: What the scenario changes in the row, biggest change first.
    changes: tuple[Driver, ...] = ()

    @property
    def whole_year(self) -> bool:
        """A fiscal year's row (in the year view) or its total row (months, quarters)."""
        return self.subtotal or self.key == fiscal_year_label(self.fiscal_year)

    @property
    def over_by(self) -> Decimal | None:
        if self.target is None or self.total <= self.target:
            return None
        return self.total - self.target

    @property
    def span(self) -> str:
        """``Jan–Dec 2027``, ``Jan 2027–Jun 2028``; ``from 2026-11-22 to Dec 2026`` for a
        period cut by the as-of date."""
        end = f"{self.end:%b %Y}"
        if self.start.day != 1:
            return f"from {self.start.isoformat()} to {end}"
        if self.start.year == self.end.year:
            if self.start.month == self.end.month:
                return end
            return f"{self.start:%b}–{end}"
        return f"{self.start:%b %Y}–{end}"


@dataclass(frozen=True)
class ChartData:
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


# --------------------------------------------------------------------------- text


def signed_money(amount: Decimal) -> str:
    """``+1,234.00`` / ``−1,234.00`` / ``–`` for zero."""
    if not amount:
        return "–"
    return ("+" if amount > 0 else "−") + format_money(abs(amount))


def line_cell(amount: Decimal, *, style: str = "") -> Text:
    """An amount in a line column: ``–`` for nothing, so that the figures stand out."""
    if not amount:
        return Text("–", style="dim", justify="right", no_wrap=True)
    return money_cell(amount, style=style)


def short_money(amount: float) -> str:
    """Axis labels: ``950``, ``12k``, ``1.2M``."""
    value = abs(amount)
    sign = "-" if amount < 0 else ""
    if value >= 1_000_000:
        text = f"{value / 1_000_000:.1f}".rstrip("0").rstrip(".") + "M"
    elif value >= 1_000:
        text = f"{value / 1_000:.1f}".rstrip("0").rstrip(".") + "k"
    else:
        text = f"{value:.0f}"
    return sign + text


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


# --------------------------------------------------------------------------- drivers


def _driver_key(entry: Entry) -> tuple[str, str]:
    if entry.line == HARDWARE:
        return ("hardware", entry.category or "")
    return (entry.source, entry.ref)


class _Bucket:
    __slots__ = ("amount", "count", "first")

    def __init__(self, first: Entry) -> None:
        self.amount = ZERO
        self.count = 0
        self.first = first


def _drivers(buckets: Mapping[tuple[str, str], _Bucket]) -> tuple[Driver, ...]:
    drivers = []
    for (kind, _), bucket in buckets.items():
        first = bucket.first
        if kind == "hardware":
            if bucket.count == 1:
                label = f"{first.ref} {first.name}"
                what = f"{first.category} replacement"
            else:
                label = f"{bucket.count} {first.category} replacements"
                what = "hardware"
        else:
            label = first.name
            what = kind
            if kind == "initiative" and first.tags:
                what = f"initiative + {plural(len(first.tags), 'asset')}"
        drivers.append(Driver(label, what, bucket.count, bucket.amount))
    drivers.sort(key=lambda d: (-d.amount, d.label.casefold()))
    return tuple(drivers)


def _bucket_entries(
    entries: Iterable[Entry], starts: Sequence[date], keys: Sequence[str], fy_keys: Mapping[str, str]
) -> dict[str, dict[tuple[str, str], _Bucket]]:
    """Committed entries added up per row (and per fiscal-year row) and per item."""
    found: dict[str, dict[tuple[str, str], _Bucket]] = {}
    for entry in entries:
        if entry.line == PROPOSED or not entry.amount:
            continue
        index = bisect.bisect_right(starts, entry.date) - 1
        if index < 0:
            continue
        key = keys[index]
        item = _driver_key(entry)
        for row_key in (key, fy_keys.get(key)):
            if row_key is None:
                continue
            buckets = found.setdefault(row_key, {})
            bucket = buckets.get(item)
            if bucket is None:
                bucket = buckets[item] = _Bucket(entry)
            bucket.amount += entry.amount
            bucket.count += 1
    return found


def _changes(
    before: Mapping[tuple[str, str], _Bucket], after: Mapping[tuple[str, str], _Bucket]
) -> tuple[Driver, ...]:
    """What a scenario changes in a row, item by item, biggest change first.

    Replacements are compared per category: ``3 fewer laptop replacements`` in
    the row, or ``laptop replacements: another cost`` (the same ones, escalated
    differently or at another standard cost).
    """
    changes = []
    for item in set(before) | set(after):
        old, new = before.get(item), after.get(item)
        delta = (new.amount if new else ZERO) - (old.amount if old else ZERO)
        if not delta:
            continue
        count = (new.count if new else 0) - (old.count if old else 0)
        sample = (new or old).first  # type: ignore[union-attr]
        if item[0] == "hardware":
            if count:
                more = "more" if count > 0 else "fewer"
                label = f"{abs(count)} {more} {sample.category} replacement{'s' if abs(count) != 1 else ''}"
            else:
                label = f"{sample.category} replacements: another cost"
            kind = "hardware"
        else:
            label, kind = sample.name, item[0]
        changes.append(Driver(label, kind, count, delta))
    changes.sort(key=lambda d: (-abs(d.amount), d.label.casefold()))
    return tuple(changes)


# --------------------------------------------------------------------------- rows


@dataclass
class _Line:
    key: str
    label: str
    start: date
    end: date
    fiscal_year: int
    subtotal: bool
    base: Period | None  # None for a fiscal-year total row
    periods: list[int]  # indexes of the periods it adds up


def _layout(f: Forecast) -> list[_Line]:
    """Period rows, with a fiscal-year total row after each fiscal year (months, quarters)."""
    lines: list[_Line] = []
    if f.by == "year":
        for i, p in enumerate(f.periods):
            lines.append(_Line(p.label, p.label, p.start, p.end, p.fiscal_year, False, p, [i]))
        return lines
    summaries = {s.fiscal_year: s for s in f.fiscal_years}
    pending: list[int] = []
    for i, p in enumerate(f.periods):
        lines.append(_Line(p.label, p.label, p.start, p.end, p.fiscal_year, False, p, [i]))
        pending.append(i)
        last = i + 1 == len(f.periods) or f.periods[i + 1].fiscal_year != p.fiscal_year
        if last:
            s = summaries[p.fiscal_year]
            label = f"{s.label} total"
            lines.append(_Line(label, label, s.start, s.end, p.fiscal_year, True, None, pending))
            pending = []
    return lines


def _sum(f: Forecast, indexes: Sequence[int], line: str) -> Decimal:
    return sum((f.periods[i].line(line) for i in indexes), ZERO)


def _group_sum(rows: Sequence[Period], indexes: Sequence[int]) -> Decimal:
    return sum((rows[i].total for i in indexes), ZERO)


def _status_cell(row: Row, crossed: bool, styles: Mapping[str, str]) -> Text:
    if row.status == "over":
        if row.whole_year:
            return text_cell(f"OVER by {format_money(row.over_by)}", style=styles["over"])
        return text_cell("OVER FY budget" if crossed else "over FY budget", style=styles["over"])
    if row.status == "ok":
        assert row.target is not None
        return text_cell(f"left {format_money(row.target - row.total)}", style=styles["ok"])
    if row.status == "partial":
        return text_cell(f"from {row.start:%b %d} only", style=styles["muted"])
    if row.status == "none":
        return text_cell("no target", style=styles["muted"])
    return text_cell("")


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
    lines = _layout(shown)
    fy_targets = {s.fiscal_year: s.budget_target for s in shown.fiscal_years}
    start_month = client.fiscal_year_start_month

    # Drivers: every committed entry of a row, added up per item.
    period_lines = [line for line in lines if not line.subtotal]
    starts = [line.start for line in period_lines]
    keys = [line.key for line in period_lines]
    fy_keys = {
        line.key: next(
            (t.key for t in lines if t.subtotal and t.fiscal_year == line.fiscal_year), None
        )
        for line in period_lines
    }
    fy_keys = {k: v for k, v in fy_keys.items() if v is not None}
    shown_buckets = _bucket_entries(shown.entries, starts, keys, fy_keys)
    base_buckets = (
        _bucket_entries(baseline.entries, starts, keys, fy_keys) if what_if else shown_buckets
    )

    rows: dict[str, Row] = {}
    cumulative: dict[int, Decimal] = {}
    crossed: dict[str, bool] = {}
    for line in lines:
        idx = line.periods
        total = _sum(shown, idx, "total")
        base_total = _sum(baseline, idx, "total")
        proposed = _sum(shown, idx, "proposed")
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
            _drivers(shown_buckets.get(line.key, {})),
            _changes(base_buckets.get(line.key, {}), shown_buckets.get(line.key, {}))
            if what_if
            else (),
        )

    table = _table(shown, baseline, lines, rows, crossed, settings, what_if, styles)
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


def _table(
    shown: Forecast,
    baseline: Forecast,
    lines: Sequence[_Line],
    rows: Mapping[str, Row],
    crossed: Mapping[str, bool],
    settings: Settings,
    what_if: bool,
    styles: Mapping[str, str],
) -> TableData:
    columns = [Column("period", "Period")]
    if what_if:
        columns += [
            Column("baseline", "Baseline", numeric=True),
            Column("scenario", "What-if", numeric=True),
            Column("difference", "Difference", numeric=True),
        ]
    else:
        columns.append(Column("total", "Total", numeric=True))
    columns += [Column("budget", "Budget", numeric=True), Column("status", "vs budget")]
    groups: list[str | None] = []
    if not what_if and settings.group == "line":
        columns += [Column(line, label, numeric=True) for line, label in LINE_COLUMNS]
    elif not what_if:
        totals = {key: sum((p.total for p in periods), ZERO) for key, periods in shown.groups.items()}
        groups = [k for k in sorted(totals, key=lambda k: (-totals[k], k is None, k or "")) if totals[k]]
        none_label = "(no site)" if settings.group == "site" else "(none)"
        columns += [
            Column(f"group:{k or ''}", none_label if k is None else k, numeric=True) for k in groups
        ]

    data_rows = []
    for line in lines:
        row = rows[line.key]
        strong = styles["total"] if line.subtotal else ""
        cells = [text_cell(line.label, style=strong)]
        if what_if:
            diff = row.total - row.baseline
            diff_style = styles["over"] if diff > 0 else styles["ok"] if diff < 0 else styles["muted"]
            cells += [
                money_cell(row.baseline, style=strong),
                money_cell(row.total, style=strong),
                Text(signed_money(diff), style=diff_style, justify="right", no_wrap=True),
            ]
        else:
            cells.append(money_cell(row.total, style=strong))
        cells.append(money_cell(row.target, style=strong) if row.target is not None else text_cell(""))
        cells.append(_status_cell(row, crossed.get(line.key, False), styles))
        if not what_if and settings.group == "line":
            for name, _ in LINE_COLUMNS:
                amount = _sum(shown, line.periods, name)
                style = styles["muted"] if name == PROPOSED and amount else strong
                cells.append(line_cell(amount, style=style))
        elif not what_if:
            for key in groups:
                cells.append(line_cell(_group_sum(shown.groups[key], line.periods), style=strong))
        data_rows.append(tuple(cells))
    return TableData(tuple(columns), data_rows, keys=[line.key for line in lines])


def _chart(
    shown: Forecast, baseline: Forecast, lines: Sequence[_Line], rows: Mapping[str, Row], what_if: bool
) -> ChartData:
    periods = [line for line in lines if not line.subtotal]
    labels = tuple(line.label for line in periods)
    over = tuple(rows[line.key].status == "over" for line in periods)
    targets = tuple(rows[line.key].target for line in periods)
    if what_if:
        series = (
            ("baseline", tuple(_sum(baseline, line.periods, "total") for line in periods)),
            ("what-if", tuple(_sum(shown, line.periods, "total") for line in periods)),
        )
        return ChartData(labels, series, over, what_if=True, targets=targets)
    series = (
        ("hardware", tuple(_sum(shown, line.periods, HARDWARE) for line in periods)),
        ("renewals", tuple(_sum(shown, line.periods, RENEWALS) for line in periods)),
        ("contracts", tuple(_sum(shown, line.periods, CONTRACTS) for line in periods)),
        (
            "initiatives",
            tuple(
                _sum(shown, line.periods, INITIATIVES_ONE_TIME)
                + _sum(shown, line.periods, INITIATIVES_RECURRING)
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


# --------------------------------------------------------------------------- headline


def headline(row: Row, currency: str, styles: Mapping[str, str] = DEFAULT_STYLES) -> Text:
    """``FY2027 (Jan–Dec 2027): 58,268.15 · budget 56,000.00 · OVER by 2,268.15``

    (the currency is in the header line of the app)."""
    parts: list[tuple[str, str] | str] = [
        (row.label, "bold"),
        f" ({row.span}): ",
        (format_money(row.total), "bold"),
    ]
    if row.target is not None:
        parts.append(f" · budget {format_money(row.target)} · ")
        if row.over_by is not None:
            parts.append((f"OVER by {format_money(row.over_by)}", styles["over"]))
        elif row.status == "partial":
            parts.append(("only the rest of the year is forecast", styles["muted"]))
        else:
            parts.append((f"{format_money(row.target - row.total)} left", styles["ok"]))
    elif row.status == "over":
        parts += [" · ", ("the fiscal year's budget is passed", styles["over"])]
    elif row.status == "none":
        parts.append(" · no budget target")
    if row.total != row.baseline:
        parts += [f" · baseline {format_money(row.baseline)} ",
                  (signed_money(row.total - row.baseline), "bold")]
    return Text.assemble(*parts, no_wrap=True, overflow="ellipsis")


def _driver_line(rank: int, driver: Driver, total: Decimal, *, change: bool) -> Text:
    if change:
        amount, share = signed_money(driver.amount), ""
    else:
        amount = format_money(driver.amount)
        share = f"{driver.amount * 100 / total:.0f} %" if total else ""
    return Text.assemble(
        f"{rank:>2}. ", (amount.rjust(12), "bold"), (f" {share:>5}", "dim"),
        "  ", text_cell(driver.label, limit=60), (f"  {driver.kind}", "dim"),
        no_wrap=True, overflow="ellipsis",
    )


def driver_lines(row: Row, limit: int = 3) -> list[Text]:
    """The biggest items of a row, numbered; in a what-if, first what it changes."""
    lines = []
    if row.changes:
        lines.append(Text("What the what-if changes:", style="bold"))
        lines += [
            _driver_line(rank, change, row.total, change=True)
            for rank, change in enumerate(row.changes[:3], start=1)
        ]
        lines.append(Text("Biggest items:", style="bold"))
    lines += [
        _driver_line(rank, driver, row.total, change=False)
        for rank, driver in enumerate(row.drivers[:limit], start=1)
    ]
    return lines


def drivers_table(row: Row) -> TableData:
    """Every item of a row, biggest first (the drill-down); in a what-if, what it
    changes first (ranked Δ1, Δ2…, amounts signed). The item comes before its kind:
    at 80 columns the kind is what scrolls off."""
    columns = (
        Column("rank", "#", numeric=True),
        Column("amount", "Amount", numeric=True),
        Column("share", "Share", numeric=True),
        Column("item", "Item"),
        Column("kind", "Kind"),
        Column("count", "Count", numeric=True),
    )
    rows = []
    keys = []
    for rank, change in enumerate(row.changes, start=1):
        rows.append((
            Text(f"Δ{rank}", justify="right", style="bold"),
            Text(signed_money(change.amount), justify="right", no_wrap=True, style="bold"),
            Text(""),
            text_cell(change.label, limit=40),
            text_cell(f"what-if: {change.kind}", limit=30),
            Text(f"{change.count:+d}" if change.count else "", justify="right"),
        ))
        keys.append(f"change-{rank}")
    for rank, d in enumerate(row.drivers, start=1):
        share = f"{d.amount * 100 / row.total:.0f} %" if row.total else ""
        rows.append((
            Text(str(rank), justify="right"),
            money_cell(d.amount),
            Text(share, justify="right", no_wrap=True),
            text_cell(d.label, limit=40),
            text_cell(d.kind, limit=30),
            Text(str(d.count), justify="right"),
        ))
        keys.append(f"item-{rank}")
    return TableData(columns, rows, keys=keys, empty="Nothing is counted in this period.")


# --------------------------------------------------------------------------- schedule


@dataclass(frozen=True)
class ScheduleRows(TableData):
    """The replacement schedule's rows; ``total`` counts the current assets, shown or not."""

    total: int = 0


SCHEDULE_COLUMNS = (
    Column("mark", "✓"),
    Column("due", "Due"),
    Column("state", "State"),
    Column("tag", "Tag"),
    Column("name", "Name"),
    Column("cost", "Cost", numeric=True),
    Column("fy", "FY"),
    Column("category", "Category"),
    Column("basis", "Basis"),
)


def schedule_order(
    items: Iterable[ScheduledAsset], linked: Mapping[str, str] | None = None
) -> list[ScheduledAsset]:
    """Overdue first, then "needs data", then by due date (ties by tag).

    Assets replaced by an initiative (``linked``: tag → initiative) are counted
    with it, not on their own: they go with the dated rows, whatever their date.
    """
    items = list(items)
    linked = linked or {}
    own = [i for i in items if i.asset.tag not in linked]
    overdue = [i for i in own if i.overdue]
    missing = [i for i in own if i.unscheduled]
    rest = [i for i in items if i.asset.tag in linked or not (i.overdue or i.unscheduled)]
    rest.sort(key=lambda i: (i.due is None, i.due or date.max, i.asset.tag.casefold()))
    return overdue + missing + rest


def schedule_rows(
    client: Client,
    as_of: date,
    *,
    baseline: Client | None = None,
    styles: Mapping[str, str] = DEFAULT_STYLES,
    items: Sequence[ScheduledAsset] | None = None,
    linked: Mapping[str, str] | None = None,
) -> tuple[TableData, dict[str, ScheduledAsset]]:
    """The replacement schedule of ``client`` (a what-if's client, with ``baseline``
    the client as it is: rows whose date or cost moved say so). ``linked``: the
    assets an initiative replaces (:attr:`Forecast.linked_assets`)."""
    from itroad.planning.lifecycle import schedule_assets

    linked = linked or {}
    scheduled = items if items is not None else schedule_assets(client, as_of)
    before: dict[str, ScheduledAsset] = {}
    if baseline is not None:
        before = {i.asset.tag: i for i in schedule_assets(baseline, as_of)}
    rows = []
    keys = []
    found: dict[str, ScheduledAsset] = {}
    ordered = schedule_order(scheduled, linked)
    for item in ordered[:SCHEDULE_LIMIT]:
        old = before.get(item.asset.tag)
        moved = old is not None and (old.due, old.cost) != (item.due, item.cost)
        if item.unscheduled:
            state = text_cell(NEEDS_DATA, style="bold italic")
            due = text_cell("?")
            fy = text_cell("")
        else:
            state = text_cell(OVERDUE if item.overdue else "", style=styles["over"] if item.overdue else "")
            due = date_cell(item.due, style="bold" if item.overdue else "")
            fy = text_cell(fiscal_year_label(item.fiscal_year) if item.fiscal_year else "")
        basis = item.basis
        initiative = linked.get(item.asset.tag)
        if initiative is not None:
            state = text_cell(LINKED, style="italic")
            basis = f"replaced by the initiative {initiative!r} ({basis})"
        if moved:
            assert old is not None
            if not item.overdue and not item.unscheduled:
                state = text_cell(MOVED, style=f"{styles['moved']} bold")
            due.stylize(styles["moved"])
            was = old.due.isoformat() if old.due else "no date"
            cost = format_money(old.cost) if old.cost is not None else "no cost"
            basis = f"what-if (was {was}, {cost}): {basis}"
        rows.append((
            text_cell(""),
            due,
            state,
            text_cell(item.asset.tag),
            text_cell(item.asset.name, limit=26),
            money_cell(item.cost),
            fy,
            text_cell(item.asset.category, limit=16),
            text_cell(basis, limit=80),
        ))
        keys.append(item.asset.tag)
        found[item.asset.tag] = item
    return (
        ScheduleRows(
            SCHEDULE_COLUMNS, rows, keys=keys,
            empty=f"No current hardware to schedule for {client.name}.",
            total=len(ordered),
        ),
        found,
    )
