"""One client's forecast, assembled: the grid, the sums by month, the periods and the summaries."""

from __future__ import annotations

import datetime as dt

from itroad.domain.models import Client
from itroad.domain.money import ZERO
from itroad.planning.forecast.entries import Detail
from itroad.planning.forecast.periods import Grid, fiscal_year_summaries, period_rows, period_sums
from itroad.planning.forecast.results import GROUP_BY, LINES, Forecast, Period
from itroad.planning.forecast.totals import client_totals


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
    in :attr:`Forecast.groups`. See :mod:`itroad.planning.forecast` for the rules.
    """
    if group_by is not None and group_by not in GROUP_BY:
        raise ValueError(f'unknown grouping "{group_by}" (expected category or site)')
    start_month = client.fiscal_year_start_month
    grid = Grid(as_of, by, years, start_month)
    totals = client_totals(client, as_of, grid.end, group_by)
    targets = {
        fy: client.budget_target(fy) for fy in range(grid.first_fy, grid.first_fy + years)
    }
    groups: dict[str | None, tuple[Period, ...]] = {}
    if group_by is None:
        sums = period_sums(totals.months[None], grid)
    else:
        sums = [[ZERO] * len(LINES) for _ in range(grid.size)]
        for key in sorted(totals.months, key=lambda k: (k is None, k or "")):
            group_sums = period_sums(totals.months[key], grid)
            for row, group_row in zip(sums, group_sums, strict=True):
                for line, amount in enumerate(group_row):
                    row[line] += amount
            groups[key] = period_rows(group_sums, grid, None)
    periods = period_rows(sums, grid, targets)

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
        fiscal_years=fiscal_year_summaries(periods, grid, targets),
        linked_assets=totals.linked,
        missing_cost=totals.missing_cost,
        group_by=group_by,
        groups=groups,
        _detail=Detail(client, as_of, grid.end),
    )
