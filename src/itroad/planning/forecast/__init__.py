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
renewals must take well under a second), one module each:

- :mod:`~itroad.planning.forecast.results`   the lines and the dataclasses returned;
- :mod:`~itroad.planning.forecast.totals`    every amount added up by month without an
  object per amount (assets through ``lifecycle.Scheduler.slot``, renewal and
  contract payments as runs of equal amounts, ``recurrence.renewal_runs`` and
  ``contract_runs``), exact ``Decimal`` sums;
- :mod:`~itroad.planning.forecast.periods`   the grid of periods, months added up into
  it, each line rounded once per period;
- :mod:`~itroad.planning.forecast.entries`   the drill-down (:attr:`Forecast.entries`,
  :attr:`Forecast.schedule` and the ``items`` of the overdue and unscheduled
  summaries), built only when read, from the same records;
- :mod:`~itroad.planning.forecast.assemble`  :func:`forecast`, putting them together;
- :mod:`~itroad.planning.forecast.portfolio` :func:`forecast_portfolio`, the roll-up
  of several clients.

What initiatives cost and when (linked assets, spreading) is shared with the
roadmap: :mod:`itroad.planning.initiative_costs`. ``tests/planning/test_planning_reference.py``
checks that the sums and the drill-down agree with an independent implementation,
entry for entry and to the cent.
"""

from itroad.planning.forecast.assemble import forecast
from itroad.planning.forecast.portfolio import forecast_portfolio
from itroad.planning.forecast.results import (
    BY,
    COMMITTED_LINES,
    CONTRACTS,
    GROUP_BY,
    HARDWARE,
    INITIATIVES_ONE_TIME,
    INITIATIVES_RECURRING,
    LINES,
    PROPOSED,
    RENEWALS,
    AssetSummary,
    CombinedForecast,
    Entry,
    FiscalYearSummary,
    Forecast,
    Period,
    PortfolioForecast,
)
from itroad.planning.initiative_costs import spread

__all__ = [
    "BY",
    "COMMITTED_LINES",
    "CONTRACTS",
    "GROUP_BY",
    "HARDWARE",
    "INITIATIVES_ONE_TIME",
    "INITIATIVES_RECURRING",
    "LINES",
    "PROPOSED",
    "RENEWALS",
    "AssetSummary",
    "CombinedForecast",
    "Entry",
    "FiscalYearSummary",
    "Forecast",
    "Period",
    "PortfolioForecast",
    "forecast",
    "forecast_portfolio",
    "spread",
]
