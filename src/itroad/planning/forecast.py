"""The forecast: what a client will spend, by month, fiscal quarter or fiscal year.

docs/rules.md, "Forecast" and "Initiatives and spreading". The horizon is ``years``
fiscal years starting with the fiscal year holding ``as_of``; the first period runs from
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

Choices where the rules leave room (docs/rules.md, "Readings the code chose where the
rules leave room"; kept here so that the TUI, the CLI and the report say the same thing):

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

How it is computed (a 5-year monthly forecast of 100,000 assets and 20,000
renewals must take well under a second): the periods are added up without an
object per amount — assets through ``lifecycle._Scheduler.slot``, renewal and
contract payments as runs of equal amounts by month (``recurrence.renewal_runs``
and ``contract_runs``), exact ``Decimal`` sums rounded once per period as
before. The drill-down — :attr:`Forecast.entries`, :attr:`Forecast.schedule`
and the ``items`` of the overdue and unscheduled summaries — is built only when
read, from the same records. ``tests/test_planning_reference.py`` checks that
both ways agree, entry for entry and to the cent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal
from functools import cached_property
from typing import NamedTuple

from itroad.domain.enums import CURRENT_ASSET_STATUSES
from itroad.domain.models import Asset, Client, LifecyclePolicy
from itroad.domain.money import ZERO, round_money
from itroad.planning.calendar import (
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
from itroad.planning.lifecycle import (
    ScheduledAsset,
    _Scheduler,
    _sort_key,
    escalate,
    policies_by_category,
    schedule_assets,
)
from itroad.planning.recurrence import (
    Run,
    contract_payments,
    contract_runs,
    renewal_occurrences,
    renewal_runs,
)

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
    """Overdue or unscheduled assets reported beside the periods.

    ``items`` are sorted like the schedule (by due date, then tag). They may be
    given as a function that builds them: they are then built on first access
    (a forecast finds thousands of overdue assets, and most callers only read
    ``count`` and ``amount``). Two summaries are equal when their count and
    amount are.
    """

    count: int
    amount: Decimal
    _items: tuple[ScheduledAsset, ...] | Callable[[], Iterable[ScheduledAsset]] = field(
        repr=False, compare=False
    )

    @property
    def items(self) -> tuple[ScheduledAsset, ...]:
        items = self._items
        if callable(items):
            items = tuple(items())
            object.__setattr__(self, "_items", items)
        return items


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
    #: Tag of each asset counted with an initiative → that initiative's title.
    linked_assets: Mapping[str, str]
    #: Scheduled assets (in the hardware line) whose replacement cost is unknown.
    missing_cost: tuple[ScheduledAsset, ...]
    group_by: str | None = None
    #: Per group key, the same periods restricted to the group (``group_by`` set).
    groups: Mapping[str | None, tuple[Period, ...]] = field(default_factory=dict)
    #: Builds :attr:`entries` and :attr:`schedule` on first use.
    _detail: _Detail | None = field(default=None, repr=False, compare=False)

    @property
    def entries(self) -> tuple[Entry, ...]:
        """Every dated amount counted, in date order: the drill-down behind the periods.

        Built on first access (a 5-year monthly forecast of a large client counts
        hundreds of thousands of renewal and contract payments that the periods
        add up without dating each one), from the same client records, as they
        were when :func:`forecast` was called — the planning engine never changes
        its inputs, and neither should its callers in between.
        """
        return self._detail.entries if self._detail is not None else ()

    @property
    def schedule(self) -> tuple[ScheduledAsset, ...]:
        """The client's current assets and their next replacement
        (:func:`~itroad.planning.lifecycle.schedule_assets`), built on first access
        like :attr:`entries`."""
        return self._detail.schedule if self._detail is not None else ()

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
    slice_ = round_money(amount / parts, ROUND_DOWN)
    return [slice_] * (parts - 1) + [amount - slice_ * (parts - 1)]


def _month_start(index: int) -> dt.date:
    year, month = month_from_index(index)
    return dt.date(year, month, 1)


# --------------------------------------------------------------------------- the plan


def _takers(client: Client) -> dict[str, int]:
    """Which counted initiative takes each linked asset (by casefolded tag → index):
    committed ones first, then by start, then in order."""
    initiatives = client.initiatives
    counted = [i for i, ini in enumerate(initiatives) if ini.status.counts]
    counted.sort(key=lambda i: (not initiatives[i].status.is_committed, initiatives[i].start, i))
    taker: dict[str, int] = {}
    for i in counted:
        for tag in initiatives[i].assets:
            taker.setdefault(tag.casefold(), i)
    return taker


class _Months:
    """Amounts per line and month of the horizon (month 0 is the month of ``as_of``).

    Single amounts are added to their month; runs of equal amounts every
    ``step`` months are noted in a difference array per (line, step, month
    modulo step) and spread out once, in :meth:`columns`: a monthly renewal
    costs a few additions, not one per month. Everything stays an exact Decimal.
    """

    __slots__ = ("lines", "runs", "size")

    def __init__(self, size: int) -> None:
        self.size = size
        self.lines = [[ZERO] * size for _ in LINES]
        self.runs: dict[tuple[int, int, int], list[Decimal]] = {}

    def add_runs(self, line: int, runs: Iterable[Run], first_month: int) -> None:
        """Add runs of a line (their months are month indices; ``first_month`` is month 0)."""
        column, size = self.lines[line], self.size
        for month, step, count, amount in runs:
            month -= first_month
            if count == 1 or step == 0:
                column[month] += amount
                continue
            key = (line, step, month % step)
            diff = self.runs.get(key)
            if diff is None:
                diff = self.runs[key] = [ZERO] * (size // step + 2)
            j = month // step
            diff[j] += amount
            diff[j + count] -= amount

    def columns(self) -> list[list[Decimal]]:
        """The amount of every line in every month."""
        for (line, step, residue), diff in self.runs.items():
            column = self.lines[line]
            running = ZERO
            for month, change in zip(range(residue, self.size, step), diff, strict=False):
                running += change
                column[month] += running
        self.runs.clear()
        return self.lines


class _Scheduled:
    """The :class:`ScheduledAsset` of each (asset, policy), sorted like the schedule:
    built when called (a function object rather than a closure, so that a
    forecast can still be pickled)."""

    __slots__ = ("found", "scheduler")

    def __init__(
        self, scheduler: _Scheduler, found: list[tuple[Asset, LifecyclePolicy | None]]
    ) -> None:
        self.scheduler = scheduler
        self.found = found

    def __call__(self) -> list[ScheduledAsset]:
        items = [self.scheduler(asset, policy) for asset, policy in self.found]
        items.sort(key=_sort_key)  # type: ignore[arg-type]
        return items  # type: ignore[return-value]


@dataclass
class _Totals:
    """What :func:`forecast` needs of a client: amounts per month, and the few assets
    listed beside them."""

    months: dict[str | None, _Months]
    overdue: AssetSummary
    unscheduled: AssetSummary
    missing_cost: tuple[ScheduledAsset, ...]
    linked: dict[str, str]


def _totals(client: Client, as_of: dt.date, horizon_end: dt.date, group_by: str | None) -> _Totals:
    """Every amount of a client dated within ``as_of..horizon_end``, added up by month
    (and by group). The same amounts as :func:`_entries`, without an object per amount:
    assets through :meth:`_Scheduler.slot`, renewals and contracts through runs."""
    start_month = client.fiscal_year_start_month
    as_of_fy = fiscal_year_of(as_of, start_month)
    first_month = month_index(as_of)
    end_month = month_index(horizon_end)
    size = end_month - first_month + 1
    by_group: dict[str | None, _Months] = {}

    def months_of(key: str | None) -> _Months:
        found = by_group.get(key)
        if found is None:
            found = by_group[key] = _Months(size)
        return found

    ungrouped = months_of(None) if group_by is None else None
    by_category = group_by == "category"
    hardware_index, renewals_index, contracts_index = (
        _LINE_INDEX[HARDWARE], _LINE_INDEX[RENEWALS], _LINE_INDEX[CONTRACTS],
    )

    initiatives = client.initiatives
    taker = _takers(client)
    extra: dict[int, Decimal] = {}
    linked_found: list[tuple[tuple[int, dt.date, str], str, str]] = []

    scheduler = _Scheduler(as_of, start_month, client.escalation_rate)
    slot = scheduler.slot
    policies = policies_by_category(client.policies)
    current = CURRENT_ASSET_STATUSES
    overdue: list[tuple[Asset, LifecyclePolicy | None]] = []
    overdue_amount = ZERO
    unscheduled: list[tuple[Asset, LifecyclePolicy | None]] = []
    unscheduled_amount = ZERO
    missing_cost: list[tuple[Asset, LifecyclePolicy | None]] = []
    hardware = ungrouped.lines[hardware_index] if ungrouped is not None else None
    for asset in client.assets:
        if asset.status not in current:
            continue
        policy = policies.get(asset.category)
        if taker:
            i = taker.get(asset.tag.casefold())
            if i is not None:
                item = scheduler(asset, policy)
                assert item is not None
                initiative = initiatives[i]
                cost = ZERO
                if item.base_cost is not None:
                    cost = escalate(
                        item.base_cost, client.escalation_rate, as_of_fy,
                        fiscal_year_of(initiative.start, start_month),
                    )
                extra[i] = extra.get(i, ZERO) + cost
                linked_found.append((_sort_key(item), asset.tag, initiative.title))
                continue
        month, is_overdue, cost = slot(asset, policy)
        if month is None:
            unscheduled.append((asset, policy))
            if cost is not None:
                unscheduled_amount += cost
            continue
        if month > end_month:
            continue
        if cost is None:
            missing_cost.append((asset, policy))
            cost = ZERO
        if is_overdue:
            overdue.append((asset, policy))
            overdue_amount += cost
            month = 0
        else:
            month -= first_month
        if hardware is not None:
            hardware[month] += cost
        else:
            key = asset.category if by_category else asset.site
            months_of(key).lines[hardware_index][month] += cost
    linked_found.sort(key=lambda found: found[0])
    linked = {tag: title for _, tag, title in linked_found}

    for renewal in client.renewals:
        runs = renewal_runs(renewal, as_of, horizon_end)
        if runs:
            target = ungrouped or months_of(renewal.kind.value if by_category else None)
            target.add_runs(renewals_index, runs, first_month)

    for contract in client.contracts:
        runs = contract_runs(contract, as_of, horizon_end)
        if runs:
            target = ungrouped or months_of(contract.kind.value if by_category else None)
            target.add_runs(contracts_index, runs, first_month)

    for i, initiative in enumerate(initiatives):
        if not initiative.status.counts:
            continue
        committed = initiative.status.is_committed
        first = month_index(initiative.start)
        last = month_index(initiative.end or initiative.start)
        one_time = initiative.one_time_cost + extra.get(i, ZERO)
        category = initiative.category.value if by_category else None
        line = _LINE_INDEX[INITIATIVES_ONE_TIME if committed else PROPOSED]
        if one_time:
            for offset, amount in enumerate(spread(one_time, last - first + 1)):
                month = first + offset
                if month < first_month or month > end_month or not amount:
                    continue
                (ungrouped or months_of(category)).lines[line][month - first_month] += amount
        if initiative.monthly_cost:
            line = _LINE_INDEX[INITIATIVES_RECURRING if committed else PROPOSED]
            begin = max(last + 1, first_month)
            if begin <= end_month:
                run = Run(begin, 1, end_month - begin + 1, initiative.monthly_cost)
                (ungrouped or months_of(category)).add_runs(line, (run,), first_month)

    return _Totals(
        by_group,
        AssetSummary(len(overdue), round_money(overdue_amount), _Scheduled(scheduler, overdue)),
        AssetSummary(
            len(unscheduled), round_money(unscheduled_amount), _Scheduled(scheduler, unscheduled)
        ),
        tuple(_Scheduled(scheduler, missing_cost)()),
        linked,
    )


def _period_sums(months: _Months, grid: _Grid) -> list[list[Decimal]]:
    """Monthly amounts added up into the grid's periods (a period holds whole months)."""
    sums = [[ZERO] * len(LINES) for _ in range(grid.size)]
    first = month_index(grid.as_of) - grid.base - grid.offset * grid.step
    step = grid.step
    for line, column in enumerate(months.columns()):
        for month, amount in enumerate(column):
            if amount:
                sums[(first + month) // step][line] += amount
    return sums


class _Detail:
    """The drill-down of a forecast, built on first use: every dated amount (an
    :class:`Entry` each) and the full asset schedule."""

    def __init__(self, client: Client, as_of: dt.date, horizon_end: dt.date) -> None:
        self.client = client
        self.as_of = as_of
        self.horizon_end = horizon_end

    @cached_property
    def schedule(self) -> tuple[ScheduledAsset, ...]:
        return tuple(schedule_assets(self.client, self.as_of))

    @cached_property
    def entries(self) -> tuple[Entry, ...]:
        return tuple(_entries(self.client, self.as_of, self.horizon_end, self.schedule))


def _entries(
    client: Client, as_of: dt.date, horizon_end: dt.date, schedule: Sequence[ScheduledAsset]
) -> list[Entry]:
    """Every amount of a client dated within ``as_of..horizon_end``, one entry each,
    in date order (ties in the order: assets, renewals, contracts, initiatives)."""
    start_month = client.fiscal_year_start_month
    as_of_fy = fiscal_year_of(as_of, start_month)
    as_of_month = month_index(as_of)
    end_month = month_index(horizon_end)
    entries: list[Entry] = []

    initiatives = client.initiatives
    taker = _takers(client)
    extra: dict[int, Decimal] = {}
    extra_tags: dict[int, list[str]] = {}

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
            continue
        if item.unscheduled:
            continue
        assert item.due is not None
        if item.due > horizon_end:
            continue
        if item.overdue:
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
    return entries


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
    totals = _totals(client, as_of, grid.end, group_by)
    targets = {
        fy: client.budget_target(fy) for fy in range(grid.first_fy, grid.first_fy + years)
    }
    groups: dict[str | None, tuple[Period, ...]] = {}
    if group_by is None:
        sums = _period_sums(totals.months[None], grid)
    else:
        sums = [[ZERO] * len(LINES) for _ in range(grid.size)]
        for key in sorted(totals.months, key=lambda k: (k is None, k or "")):
            group_sums = _period_sums(totals.months[key], grid)
            for row, group_row in zip(sums, group_sums, strict=True):
                for line, amount in enumerate(group_row):
                    row[line] += amount
            groups[key] = _rows(group_sums, grid, None)
    periods = _rows(sums, grid, targets)

    return Forecast(
        client=client.code,
        currency=client.currency,
        as_of=as_of,
        by=by,
        years=years,
        fiscal_year_start_month=start_month,
        periods=periods,
        overdue=totals.overdue,
        unscheduled=totals.unscheduled,
        fiscal_years=_fiscal_years(periods, grid, targets),
        linked_assets=totals.linked,
        missing_cost=totals.missing_cost,
        group_by=group_by,
        groups=groups,
        _detail=_Detail(client, as_of, grid.end),
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
