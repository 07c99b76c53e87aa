"""A forecast's drill-down: every dated amount it counts, one :class:`Entry` each.

Built only when read (:attr:`Forecast.entries`, :attr:`Forecast.schedule`), from
the same records as the sums of :mod:`itroad.planning.forecast.totals`;
``tests/planning/test_planning_reference.py`` checks that both ways agree, entry for
entry and to the cent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from functools import cached_property

from itroad.domain.models import Client
from itroad.domain.money import ZERO
from itroad.planning.calendar import fiscal_year_of, month_index
from itroad.planning.forecast.results import (
    CONTRACTS,
    HARDWARE,
    INITIATIVES_ONE_TIME,
    INITIATIVES_RECURRING,
    PROPOSED,
    RENEWALS,
    Entry,
)
from itroad.planning.initiative_costs import linked_cost, month_start, spread, takers
from itroad.planning.lifecycle import ScheduledAsset, schedule_assets
from itroad.planning.recurrence import contract_payments, renewal_occurrences


class Detail:
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
        return tuple(client_entries(self.client, self.as_of, self.horizon_end, self.schedule))


def client_entries(
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
    taker = takers(client)
    extra: dict[int, Decimal] = {}
    extra_tags: dict[int, list[str]] = {}

    for item in schedule:
        asset = item.asset
        i = taker.get(asset.tag.casefold()) if taker else None
        if i is not None:
            initiative = initiatives[i]
            cost = ZERO if item.base_cost is None else linked_cost(
                item.base_cost, client, as_of_fy, initiative)
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
                day = max(month_start(month), initiative.start, as_of)
                note = f"one-time, month {offset + 1} of {len(parts)}"
                entries.append(
                    Entry(day, line, amount, "initiative", title, title, category, None, tags, note)
                )
        if initiative.monthly_cost:
            line = INITIATIVES_RECURRING if committed else PROPOSED
            for month in range(max(last + 1, as_of_month), end_month + 1):
                day = max(month_start(month), as_of)
                entries.append(
                    Entry(
                        day, line, initiative.monthly_cost, "initiative", title, title,
                        category, None, (), "monthly",
                    )
                )

    entries.sort(key=lambda e: e.date)
    return entries

