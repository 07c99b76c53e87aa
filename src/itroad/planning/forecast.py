"""The forecast: what a client will spend, by month, fiscal quarter or fiscal year.

DESIGN.md §2 "Forecast" and "Initiatives". The horizon is ``years`` fiscal years
starting with the fiscal year holding ``as_of``; the first period runs from
``as_of`` (nothing dated before it is counted) and the last one ends with the
last fiscal year.

Lines of every period:

- ``hardware``: the next replacement of each current asset at its due date
  (overdue assets land in the first period, at their cost not escalated);
- ``renewals`` and ``contracts``: their occurrences and payments;
- ``initiatives_one_time``: committed initiatives' one-time cost (plus the
  replacement cost of their linked assets) spread evenly over their months;
- ``initiatives_recurring``: committed initiatives' monthly cost from the month
  after their end;
- ``proposed``: the same two amounts for proposed initiatives, on one line;
- ``total``: the committed total, i.e. every line **except** ``proposed``.

Choices where DESIGN.md is silent (kept in one place so that the TUI, the CLI
and the report say the same thing):

- An initiative's monthly slices (one-time spread and recurring cost) belong to
  their calendar month. A slice counts when its month is not before the month
  of ``as_of``; it is dated the first of its month, or the initiative's start,
  or ``as_of``, whichever is latest. Spreading rounds every slice *down* to the
  cent and puts the remainder in the last month, so the slices add up exactly.
- An asset linked to a committed or proposed initiative is counted with that
  initiative only, whatever its own due date (overdue or unscheduled included):
  it is not in the hardware line nor in the overdue/unscheduled summaries, and is
  listed in :attr:`Forecast.linked_assets`. An asset linked to several counted
  initiatives goes to the first committed one by start date (else the first
  proposed one): it is never counted twice.
- An asset whose replacement cost is unknown is counted with 0.00 and listed in
  :attr:`Forecast.missing_cost`; an unscheduled asset's amount is its
  replacement cost not escalated (``None`` when unknown).
- Budget targets: a year row carries its fiscal year's target; month and
  quarter rows carry ``None`` — compare targets with :attr:`Forecast.fiscal_years`,
  which sums every view per fiscal year. The first fiscal year is partial (from
  ``as_of``).
- Grouping by ``category``: assets by their category, renewals by kind,
  contracts by kind, initiatives by category (so "support" renewals, contracts
  and initiatives share a group). By ``site``: assets by site; everything
  without a site (renewals, contracts, initiatives, assets without a site) in
  the ``None`` group. Groups always add up to the client's periods.
- Several clients: each keeps its own currency; combined totals only ever add
  clients that share both a currency and a fiscal start month (their periods
  are the same).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal
from typing import Any, NamedTuple

from itroad.domain.models import Client
from itroad.domain.money import CENT, ZERO, money_str, round_money
from itroad.planning.fiscal import (
    ONE_DAY,
    add_months,
    fiscal_year_bounds,
    fiscal_year_label,
    fiscal_year_of,
    month_from_index,
    month_index,
    month_label,
    quarter_label,
)
from itroad.planning.lifecycle import ScheduledAsset, escalate, schedule_assets
from itroad.planning.recurrence import contract_payments, renewal_occurrences

BY = ("month", "quarter", "year")
GROUP_BY = ("category", "site")
_STEP = {"month": 1, "quarter": 3, "year": 12}

HARDWARE = "hardware"
RENEWALS = "renewals"
CONTRACTS = "contracts"
INITIATIVES_ONE_TIME = "initiatives_one_time"
INITIATIVES_RECURRING = "initiatives_recurring"
PROPOSED = "proposed"
#: The lines of a period, in display order; ``total`` is all of them but ``proposed``.
LINES = (HARDWARE, RENEWALS, CONTRACTS, INITIATIVES_ONE_TIME, INITIATIVES_RECURRING, PROPOSED)
COMMITTED_LINES = LINES[:-1]
_LINE_INDEX = {line: i for i, line in enumerate(LINES)}


# --------------------------------------------------------------------------- results


class Entry(NamedTuple):
    """One dated amount counted in a forecast (what a period's line is made of).

    ``source`` is ``"asset"``, ``"renewal"``, ``"contract"`` or ``"initiative"``;
    ``ref`` the asset's tag, the renewal's name, the contract's or initiative's
    title; ``tags`` the assets whose cost the amount carries (the asset itself,
    or an initiative's linked assets); ``note`` a short detail for a drill-down.
    (A named tuple rather than a dataclass: a forecast makes thousands of them.)
    """

    date: dt.date
    line: str
    amount: Decimal
    source: str
    ref: str
    name: str
    category: str | None = None
    site: str | None = None
    tags: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True, slots=True)
class Period:
    """One row of a forecast. ``total`` excludes ``proposed``."""

    label: str
    start: dt.date
    end: dt.date
    fiscal_year: int
    hardware: Decimal = ZERO
    renewals: Decimal = ZERO
    contracts: Decimal = ZERO
    initiatives_one_time: Decimal = ZERO
    initiatives_recurring: Decimal = ZERO
    proposed: Decimal = ZERO
    total: Decimal = ZERO
    budget_target: Decimal | None = None

    def line(self, name: str) -> Decimal:
        """The amount of a line by name (``"total"`` included)."""
        if name != "total" and name not in _LINE_INDEX:
            raise KeyError(name)
        return getattr(self, name)


@dataclass(frozen=True, slots=True)
class AssetSummary:
    """Overdue or unscheduled assets reported beside the periods."""

    count: int
    amount: Decimal
    items: tuple[ScheduledAsset, ...]


@dataclass(frozen=True, slots=True)
class FiscalYearSummary:
    """A fiscal year of the horizon against its budget target (the first one from ``as_of``)."""

    fiscal_year: int
    label: str
    start: dt.date
    end: dt.date
    total: Decimal
    proposed: Decimal
    budget_target: Decimal | None

    @property
    def remaining(self) -> Decimal | None:
        """Budget target minus committed total (negative: over budget); None without a target."""
        return None if self.budget_target is None else self.budget_target - self.total


@dataclass(frozen=True)
class Forecast:
    client: str
    currency: str
    as_of: dt.date
    by: str
    years: int
    fiscal_year_start_month: int
    periods: tuple[Period, ...]
    overdue: AssetSummary
    unscheduled: AssetSummary
    fiscal_years: tuple[FiscalYearSummary, ...]
    #: Every dated amount counted, in date order: the drill-down behind the periods.
    entries: tuple[Entry, ...]
    #: The client's current assets and their next replacement (lifecycle.schedule_assets).
    schedule: tuple[ScheduledAsset, ...]
    #: Tag of each asset counted with an initiative → that initiative's title.
    linked_assets: Mapping[str, str]
    #: Scheduled assets (in the hardware line) whose replacement cost is unknown.
    missing_cost: tuple[ScheduledAsset, ...]
    group_by: str | None = None
    #: Per group key, the same periods restricted to the group (``group_by`` set).
    groups: Mapping[str | None, tuple[Period, ...]] = field(default_factory=dict)

    @property
    def start(self) -> dt.date:
        return self.as_of

    @property
    def end(self) -> dt.date:
        return self.periods[-1].end

    @property
    def grand_total(self) -> Decimal:
        """Committed total over the whole horizon."""
        return sum((p.total for p in self.periods), ZERO)

    def line_total(self, line: str) -> Decimal:
        return sum((p.line(line) for p in self.periods), ZERO)

    def to_json_dict(self) -> dict[str, Any]:
        return forecast_to_json_dict(self)


@dataclass(frozen=True)
class CombinedForecast:
    """Clients sharing a currency and a fiscal start month, added period by period."""

    currency: str
    fiscal_year_start_month: int
    clients: tuple[str, ...]
    periods: tuple[Period, ...]
    overdue_count: int
    overdue_amount: Decimal
    unscheduled_count: int
    unscheduled_amount: Decimal


@dataclass(frozen=True)
class PortfolioForecast:
    as_of: dt.date
    by: str
    years: int
    forecasts: tuple[Forecast, ...]
    combined: tuple[CombinedForecast, ...]


# --------------------------------------------------------------------------- periods


class _Grid:
    """The periods of a horizon and the O(1) index of the period holding a date."""

    def __init__(self, as_of: dt.date, by: str, years: int, start_month: int) -> None:
        if by not in _STEP:
            raise ValueError(f'unknown period "{by}" (expected month, quarter or year)')
        if years < 1:
            raise ValueError(f"a forecast covers at least one fiscal year, not {years}")
        self.as_of = as_of
        self.by = by
        self.start_month = start_month
        self.first_fy = fiscal_year_of(as_of, start_month)
        fy_first_day, _ = fiscal_year_bounds(self.first_fy, start_month)
        _, self.end = fiscal_year_bounds(self.first_fy + years - 1, start_month)
        self.base = month_index(fy_first_day)
        self.step = _STEP[by]
        self.offset = (month_index(as_of) - self.base) // self.step
        self.size = years * 12 // self.step - self.offset
        self.spans: list[tuple[str, dt.date, dt.date, int]] = []
        for i in range(self.size):
            j = i + self.offset
            first = add_months(fy_first_day, j * self.step)
            last = add_months(first, self.step) - ONE_DAY
            fiscal_year = fiscal_year_of(first, start_month)
            if by == "month":
                label = month_label(first)
            elif by == "quarter":
                label = quarter_label(fiscal_year, j % 4 + 1)
            else:
                label = fiscal_year_label(fiscal_year)
            self.spans.append((label, max(first, as_of), last, fiscal_year))

    def index(self, day: dt.date) -> int:
        if day < self.as_of or day > self.end:
            raise ValueError(f"{day} is outside the horizon {self.as_of}..{self.end}")
        return (month_index(day) - self.base) // self.step - self.offset


def _rows(
    sums: list[list[Decimal]], grid: _Grid, targets: Mapping[int, Decimal | None] | None
) -> tuple[Period, ...]:
    rows = []
    for (label, start, end, fiscal_year), amounts in zip(grid.spans, sums, strict=True):
        amounts = [round_money(a) for a in amounts]
        total = sum(amounts[:-1], ZERO)
        target = targets.get(fiscal_year) if targets is not None and grid.by == "year" else None
        rows.append(Period(label, start, end, fiscal_year, *amounts, total, target))
    return tuple(rows)


def _bucket(entries: Iterable[Entry], grid: _Grid) -> list[list[Decimal]]:
    sums = [[ZERO] * len(LINES) for _ in range(grid.size)]
    first, last = grid.as_of, grid.end
    shift, step = grid.base + grid.offset * grid.step, grid.step
    line_index = _LINE_INDEX
    for entry in entries:
        day = entry.date
        if day < first or day > last:
            raise ValueError(f"{day} is outside the horizon {first}..{last}")
        # == grid.index(day), inlined: this loop runs once per amount.
        sums[(day.year * 12 + day.month - 1 - shift) // step][line_index[entry.line]] += entry.amount
    return sums


# --------------------------------------------------------------------------- spreading


def spread(amount: Decimal, parts: int) -> list[Decimal]:
    """``amount`` in ``parts`` even slices, each rounded down to the cent, the
    remainder in the last one: the slices always add up exactly to the amount.

    >>> spread(Decimal("100.00"), 3)
    [Decimal('33.33'), Decimal('33.33'), Decimal('33.34')]
    """
    if parts < 1:
        raise ValueError(f"cannot spread over {parts} parts")
    amount = round_money(amount)
    if parts == 1:
        return [amount]
    slice_ = (amount / parts).quantize(CENT, rounding=ROUND_DOWN)
    return [slice_] * (parts - 1) + [amount - slice_ * (parts - 1)]


def _month_start(index: int) -> dt.date:
    year, month = month_from_index(index)
    return dt.date(year, month, 1)


# --------------------------------------------------------------------------- the plan


@dataclass
class _Plan:
    entries: list[Entry]
    schedule: list[ScheduledAsset]
    overdue: list[ScheduledAsset]
    unscheduled: list[ScheduledAsset]
    missing_cost: list[ScheduledAsset]
    linked: dict[str, str]


def _plan(client: Client, as_of: dt.date, horizon_end: dt.date) -> _Plan:
    """Every amount of a client dated within ``as_of..horizon_end``."""
    start_month = client.fiscal_year_start_month
    as_of_fy = fiscal_year_of(as_of, start_month)
    as_of_month = month_index(as_of)
    end_month = month_index(horizon_end)
    entries: list[Entry] = []

    # Which counted initiative takes each linked asset: committed first, then by start.
    initiatives = client.initiatives
    counted = [i for i, ini in enumerate(initiatives) if ini.status.counts]
    counted.sort(key=lambda i: (not initiatives[i].status.is_committed, initiatives[i].start, i))
    taker: dict[str, int] = {}
    for i in counted:
        for tag in initiatives[i].assets:
            taker.setdefault(tag.casefold(), i)
    extra: dict[int, Decimal] = {}
    extra_tags: dict[int, list[str]] = {}

    schedule = schedule_assets(client, as_of)
    overdue: list[ScheduledAsset] = []
    unscheduled: list[ScheduledAsset] = []
    missing_cost: list[ScheduledAsset] = []
    linked: dict[str, str] = {}
    for item in schedule:
        asset = item.asset
        i = taker.get(asset.tag.casefold()) if taker else None
        if i is not None:
            initiative = initiatives[i]
            cost = ZERO
            if item.base_cost is not None:
                cost = escalate(
                    item.base_cost,
                    client.escalation_rate,
                    as_of_fy,
                    fiscal_year_of(initiative.start, start_month),
                )
            extra[i] = extra.get(i, ZERO) + cost
            extra_tags.setdefault(i, []).append(asset.tag)
            linked[asset.tag] = initiative.title
            continue
        if item.unscheduled:
            unscheduled.append(item)
            continue
        assert item.due is not None
        if item.due > horizon_end:
            continue
        if item.cost is None:
            missing_cost.append(item)
        if item.overdue:
            overdue.append(item)
            note = f"overdue since {item.due.isoformat()}"
        else:
            note = item.basis
        entries.append(
            Entry(
                max(item.due, as_of),
                HARDWARE,
                item.cost if item.cost is not None else ZERO,
                "asset",
                asset.tag,
                asset.name,
                asset.category,
                asset.site,
                (asset.tag,),
                note,
            )
        )

    for renewal in client.renewals:
        kind = renewal.kind.value
        for occ in renewal_occurrences(renewal, as_of, horizon_end):
            entries.append(
                Entry(occ.date, RENEWALS, occ.amount, "renewal", renewal.name, renewal.name, kind)
            )

    for contract in client.contracts:
        kind = contract.kind.value
        for occ in contract_payments(contract, as_of, horizon_end):
            entries.append(
                Entry(occ.date, CONTRACTS, occ.amount, "contract", contract.title, contract.title, kind)
            )

    for i, initiative in enumerate(initiatives):
        if not initiative.status.counts:
            continue
        committed = initiative.status.is_committed
        category = initiative.category.value
        title = initiative.title
        first = month_index(initiative.start)
        last = month_index(initiative.end or initiative.start)
        one_time = initiative.one_time_cost + extra.get(i, ZERO)
        tags = tuple(extra_tags.get(i, ()))
        line = INITIATIVES_ONE_TIME if committed else PROPOSED
        if one_time:
            parts = spread(one_time, last - first + 1)
            for offset, amount in enumerate(parts):
                month = first + offset
                if month < as_of_month or month > end_month or not amount:
                    continue
                day = max(_month_start(month), initiative.start, as_of)
                note = f"one-time, month {offset + 1} of {len(parts)}"
                entries.append(
                    Entry(day, line, amount, "initiative", title, title, category, None, tags, note)
                )
        if initiative.monthly_cost:
            line = INITIATIVES_RECURRING if committed else PROPOSED
            for month in range(max(last + 1, as_of_month), end_month + 1):
                day = max(_month_start(month), as_of)
                entries.append(
                    Entry(
                        day, line, initiative.monthly_cost, "initiative", title, title,
                        category, None, (), "monthly",
                    )
                )

    entries.sort(key=lambda e: e.date)
    return _Plan(entries, schedule, overdue, unscheduled, missing_cost, linked)


def _fiscal_years(
    periods: Sequence[Period], grid: _Grid, targets: Mapping[int, Decimal | None]
) -> tuple[FiscalYearSummary, ...]:
    """Periods nest in fiscal years: add them up per fiscal year."""
    totals: dict[int, list[Decimal]] = {}
    for p in periods:
        sums = totals.setdefault(p.fiscal_year, [ZERO, ZERO])
        sums[0] += p.total
        sums[1] += p.proposed
    summaries = []
    for fiscal_year, (total, proposed) in totals.items():
        first, last = fiscal_year_bounds(fiscal_year, grid.start_month)
        summaries.append(
            FiscalYearSummary(
                fiscal_year, fiscal_year_label(fiscal_year), max(first, grid.as_of), last,
                total, proposed, targets.get(fiscal_year),
            )
        )
    return tuple(summaries)


def _summary(items: Sequence[ScheduledAsset]) -> AssetSummary:
    amount = sum((item.cost for item in items if item.cost is not None), ZERO)
    return AssetSummary(len(items), round_money(amount), tuple(items))


def _group_key(entry: Entry, group_by: str) -> str | None:
    return entry.category if group_by == "category" else entry.site


def forecast(
    client: Client,
    as_of: dt.date,
    by: str = "month",
    years: int = 1,
    group_by: str | None = None,
) -> Forecast:
    """A client's forecast over ``years`` fiscal years from the one holding ``as_of``.

    ``by`` is ``"month"``, ``"quarter"`` (fiscal) or ``"year"`` (fiscal);
    ``group_by`` (``None``, ``"category"`` or ``"site"``) adds per-group periods
    in :attr:`Forecast.groups`. See the module's docstring for the rules.
    """
    if group_by is not None and group_by not in GROUP_BY:
        raise ValueError(f'unknown grouping "{group_by}" (expected category or site)')
    start_month = client.fiscal_year_start_month
    grid = _Grid(as_of, by, years, start_month)
    plan = _plan(client, as_of, grid.end)
    targets = {
        fy: client.budget_target(fy) for fy in range(grid.first_fy, grid.first_fy + years)
    }
    periods = _rows(_bucket(plan.entries, grid), grid, targets)

    fiscal_years = _fiscal_years(periods, grid, targets)

    groups: dict[str | None, tuple[Period, ...]] = {}
    if group_by is not None:
        by_key: dict[str | None, list[Entry]] = {}
        for entry in plan.entries:
            by_key.setdefault(_group_key(entry, group_by), []).append(entry)
        for key in sorted(by_key, key=lambda k: (k is None, k or "")):
            groups[key] = _rows(_bucket(by_key[key], grid), grid, None)

    return Forecast(
        client=client.code,
        currency=client.currency,
        as_of=as_of,
        by=by,
        years=years,
        fiscal_year_start_month=start_month,
        periods=periods,
        overdue=_summary(plan.overdue),
        unscheduled=_summary(plan.unscheduled),
        fiscal_years=fiscal_years,
        entries=tuple(plan.entries),
        schedule=tuple(plan.schedule),
        linked_assets=plan.linked,
        missing_cost=tuple(plan.missing_cost),
        group_by=group_by,
        groups=groups,
    )


def _add_periods(rows: Sequence[Sequence[Period]]) -> tuple[Period, ...]:
    combined = []
    for same in zip(*rows, strict=True):
        first = same[0]
        amounts = [sum((p.line(line) for p in same), ZERO) for line in LINES]
        targets = [p.budget_target for p in same]
        target = None if any(t is None for t in targets) else sum(targets, ZERO)  # type: ignore[arg-type]
        combined.append(
            Period(
                first.label, first.start, first.end, first.fiscal_year, *amounts,
                sum(amounts[:-1], ZERO), target,
            )
        )
    return tuple(combined)


def forecast_portfolio(
    clients: Iterable[Client],
    as_of: dt.date,
    by: str = "month",
    years: int = 1,
    group_by: str | None = None,
) -> PortfolioForecast:
    """A forecast per client, plus combined periods for clients that share a currency
    and a fiscal start month (different currencies are never added). A combined
    budget target is the sum of the clients' targets when every one of them has one."""
    forecasts = tuple(forecast(c, as_of, by, years, group_by) for c in clients)
    by_kind: dict[tuple[str, int], list[Forecast]] = {}
    for f in forecasts:
        by_kind.setdefault((f.currency, f.fiscal_year_start_month), []).append(f)
    combined = tuple(
        CombinedForecast(
            currency,
            start_month,
            tuple(f.client for f in members),
            _add_periods([f.periods for f in members]),
            sum(f.overdue.count for f in members),
            sum((f.overdue.amount for f in members), ZERO),
            sum(f.unscheduled.count for f in members),
            sum((f.unscheduled.amount for f in members), ZERO),
        )
        for (currency, start_month), members in sorted(by_kind.items())
    )
    return PortfolioForecast(as_of, by, years, forecasts, combined)


# --------------------------------------------------------------------------- JSON


def _money(amount: Decimal | None) -> str | None:
    return None if amount is None else money_str(amount)


def period_to_json_dict(period: Period) -> dict[str, Any]:
    row: dict[str, Any] = {
        "label": period.label,
        "start": period.start.isoformat(),
        "end": period.end.isoformat(),
    }
    for line in LINES:
        row[line] = money_str(period.line(line))
    row["total"] = money_str(period.total)
    row["budget_target"] = _money(period.budget_target)
    return row


def forecast_to_json_dict(f: Forecast) -> dict[str, Any]:
    """The ``itroad forecast --json`` shape: amounts as strings with two decimals,
    dates as ISO strings; ``group_by``/``groups`` only when grouped."""
    data: dict[str, Any] = {
        "client": f.client,
        "currency": f.currency,
        "as_of": f.as_of.isoformat(),
        "by": f.by,
        "periods": [period_to_json_dict(p) for p in f.periods],
        "overdue": {
            "count": f.overdue.count,
            "amount": money_str(f.overdue.amount),
            "items": [
                {
                    "tag": item.tag,
                    "name": item.name,
                    "due": item.due.isoformat() if item.due else None,
                    "amount": _money(item.cost),
                }
                for item in f.overdue.items
            ],
        },
        "unscheduled": {
            "count": f.unscheduled.count,
            "amount": money_str(f.unscheduled.amount),
            "items": [
                {"tag": item.tag, "name": item.name, "amount": _money(item.cost)}
                for item in f.unscheduled.items
            ],
        },
    }
    if f.group_by is not None:
        data["group_by"] = f.group_by
        data["groups"] = [
            {"key": key, "periods": [period_to_json_dict(p) for p in rows]}
            for key, rows in f.groups.items()
        ]
    return data


def portfolio_to_json_dict(p: PortfolioForecast) -> dict[str, Any]:
    return {
        "as_of": p.as_of.isoformat(),
        "by": p.by,
        "clients": [forecast_to_json_dict(f) for f in p.forecasts],
        "combined": [
            {
                "currency": c.currency,
                "fiscal_year_start_month": c.fiscal_year_start_month,
                "clients": list(c.clients),
                "periods": [period_to_json_dict(row) for row in c.periods],
                "overdue": {"count": c.overdue_count, "amount": money_str(c.overdue_amount)},
                "unscheduled": {
                    "count": c.unscheduled_count,
                    "amount": money_str(c.unscheduled_amount),
                },
            }
            for c in p.combined
        ],
    }
