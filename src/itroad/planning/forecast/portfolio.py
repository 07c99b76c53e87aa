"""Several clients' forecasts, and the roll-up of those that can be added up.

Clients are added up only when they share a currency and a fiscal start month
(their periods are then the same); different currencies never are.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from itroad.domain.models import Client
from itroad.domain.money import ZERO
from itroad.planning.forecast.assemble import forecast
from itroad.planning.forecast.results import LINES, CombinedForecast, Forecast, Period, PortfolioForecast


def add_periods(rows: Sequence[Sequence[Period]]) -> tuple[Period, ...]:
    """Several clients' periods (the same grid) added line by line; a budget target
    only when every client has one."""
    combined = []
    for same in zip(*rows, strict=True):
        first = same[0]
        amounts = [sum((p.line(line) for p in same), ZERO) for line in LINES]
        targets = [p.budget_target for p in same if p.budget_target is not None]
        target = sum(targets, ZERO) if len(targets) == len(same) else None
        combined.append(Period.of_lines(first.label, first.start, first.end, first.fiscal_year, amounts, target))
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
            add_periods([f.periods for f in members]),
            sum(f.overdue.count for f in members),
            sum((f.overdue.amount for f in members), ZERO),
            sum(f.unscheduled.count for f in members),
            sum((f.unscheduled.amount for f in members), ZERO),
        )
        for (currency, start_month), members in sorted(by_kind.items())
    )
    return PortfolioForecast(as_of, by, years, forecasts, combined)
