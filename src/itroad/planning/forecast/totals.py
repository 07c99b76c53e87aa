"""A forecast's amounts added up by month, without an object per amount.

What makes a 5-year monthly forecast of 100,000 assets and 20,000 renewals take
well under a second: assets through ``lifecycle.Scheduler.slot``, renewal and
contract payments as runs of equal amounts by month (``recurrence.renewal_runs``
and ``contract_runs``), exact ``Decimal`` sums rounded once per period later
(:func:`~itroad.planning.forecast.periods.period_rows`). The drill-down of the same
amounts, one entry each, is :mod:`itroad.planning.forecast.entries`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from itroad.domain.enums import CURRENT_ASSET_STATUSES
from itroad.domain.models import Asset, Client, LifecyclePolicy
from itroad.domain.money import ZERO, round_money
from itroad.planning.calendar import fiscal_year_of, month_index
from itroad.planning.forecast.periods import Months
from itroad.planning.forecast.results import (
    CONTRACTS,
    HARDWARE,
    INITIATIVES_ONE_TIME,
    INITIATIVES_RECURRING,
    LINE_INDEX,
    PROPOSED,
    RENEWALS,
    AssetSummary,
)
from itroad.planning.initiative_costs import linked_cost, spread, takers
from itroad.planning.lifecycle import ScheduledAsset, Scheduler, policies_by_category, schedule_order
from itroad.planning.recurrence import Run, contract_runs, renewal_runs


class Scheduled:
    """The :class:`ScheduledAsset` of each (asset, policy), sorted like the schedule:
    built when called (a function object rather than a closure, so that a
    forecast can still be pickled)."""

    __slots__ = ("found", "scheduler")

    def __init__(
        self, scheduler: Scheduler, found: list[tuple[Asset, LifecyclePolicy | None]]
    ) -> None:
        self.scheduler = scheduler
        self.found = found

    def __call__(self) -> list[ScheduledAsset]:
        items = [self.scheduler(asset, policy) for asset, policy in self.found]
        items.sort(key=schedule_order)  # type: ignore[arg-type]
        return items  # type: ignore[return-value]


@dataclass
class Totals:
    """What :func:`forecast` needs of a client: amounts per month, and the few assets
    listed beside them."""

    months: dict[str | None, Months]
    overdue: AssetSummary
    unscheduled: AssetSummary
    missing_cost: tuple[ScheduledAsset, ...]
    linked: dict[str, str]


def client_totals(client: Client, as_of: dt.date, horizon_end: dt.date, group_by: str | None) -> Totals:
    """Every amount of a client dated within ``as_of..horizon_end``, added up by month
    (and by group). The same amounts as :func:`~itroad.planning.forecast.entries.client_entries`,
    without an object per amount:
    assets through :meth:`Scheduler.slot`, renewals and contracts through runs."""
    start_month = client.fiscal_year_start_month
    as_of_fy = fiscal_year_of(as_of, start_month)
    first_month = month_index(as_of)
    end_month = month_index(horizon_end)
    size = end_month - first_month + 1
    by_group: dict[str | None, Months] = {}

    def months_of(key: str | None) -> Months:
        found = by_group.get(key)
        if found is None:
            found = by_group[key] = Months(size)
        return found

    ungrouped = months_of(None) if group_by is None else None
    by_category = group_by == "category"
    hardware_index, renewals_index, contracts_index = (
        LINE_INDEX[HARDWARE], LINE_INDEX[RENEWALS], LINE_INDEX[CONTRACTS],
    )

    initiatives = client.initiatives
    taker = takers(client)
    extra: dict[int, Decimal] = {}
    linked_found: list[tuple[tuple[int, dt.date, str], str, str]] = []

    scheduler = Scheduler(as_of, start_month, client.escalation_rate)
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
                cost = ZERO if item.base_cost is None else linked_cost(
                    item.base_cost, client, as_of_fy, initiative)
                extra[i] = extra.get(i, ZERO) + cost
                linked_found.append((schedule_order(item), asset.tag, initiative.title))
                continue
        month, is_overdue, known_cost = slot(asset, policy)
        if month is None:
            unscheduled.append((asset, policy))
            if known_cost is not None:
                unscheduled_amount += known_cost
            continue
        if month > end_month:
            continue
        if known_cost is None:
            missing_cost.append((asset, policy))
        cost = ZERO if known_cost is None else known_cost
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
        line = LINE_INDEX[INITIATIVES_ONE_TIME if committed else PROPOSED]
        if one_time:
            for offset, amount in enumerate(spread(one_time, last - first + 1)):
                month = first + offset
                if month < first_month or month > end_month or not amount:
                    continue
                (ungrouped or months_of(category)).lines[line][month - first_month] += amount
        if initiative.monthly_cost:
            line = LINE_INDEX[INITIATIVES_RECURRING if committed else PROPOSED]
            begin = max(last + 1, first_month)
            if begin <= end_month:
                run = Run(begin, 1, end_month - begin + 1, initiative.monthly_cost)
                (ungrouped or months_of(category)).add_runs(line, (run,), first_month)

    return Totals(
        by_group,
        AssetSummary(len(overdue), round_money(overdue_amount), Scheduled(scheduler, overdue)),
        AssetSummary(
            len(unscheduled), round_money(unscheduled_amount), Scheduled(scheduler, unscheduled)
        ),
        tuple(Scheduled(scheduler, missing_cost)()),
        linked,
    )

