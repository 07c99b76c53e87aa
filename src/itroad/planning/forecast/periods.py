"""The periods of a forecast: the grid of a horizon, amounts by month, sums by period.

Amounts are added up by calendar month first (:class:`Months`, month 0 being the
month of ``as_of``), then by period of the grid (:func:`period_sums`); a period
holds whole months, the first one starting at ``as_of``. Each line of a period is
rounded once (:func:`period_rows`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

from itroad.domain.money import ZERO, round_money
from itroad.planning.calendar import (
    ONE_DAY,
    add_months,
    fiscal_year_bounds,
    fiscal_year_label,
    fiscal_year_of,
    month_index,
    month_label,
    quarter_label,
)
from itroad.planning.forecast.results import LINES, FiscalYearSummary, Period
from itroad.planning.recurrence import Run

#: Months per period.
STEP = {"month": 1, "quarter": 3, "year": 12}


class Grid:
    """The periods of a horizon and the O(1) index of the period holding a date."""

    def __init__(self, as_of: dt.date, by: str, years: int, start_month: int) -> None:
        if by not in STEP:
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
        self.step = STEP[by]
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


class Months:
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
        for month, step, times, amount in runs:
            month -= first_month
            if times == 1 or step == 0:
                column[month] += amount
                continue
            key = (line, step, month % step)
            diff = self.runs.get(key)
            if diff is None:
                diff = self.runs[key] = [ZERO] * (size // step + 2)
            j = month // step
            diff[j] += amount
            diff[j + times] -= amount

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



def period_sums(months: Months, grid: Grid) -> list[list[Decimal]]:
    """Monthly amounts added up into the grid's periods (a period holds whole months)."""
    sums = [[ZERO] * len(LINES) for _ in range(grid.size)]
    first = month_index(grid.as_of) - grid.base - grid.offset * grid.step
    step = grid.step
    for line, column in enumerate(months.columns()):
        for month, amount in enumerate(column):
            if amount:
                sums[(first + month) // step][line] += amount
    return sums



def period_rows(
    sums: list[list[Decimal]], grid: Grid, targets: Mapping[int, Decimal | None] | None
) -> tuple[Period, ...]:
    """The grid's periods of their sums, each line rounded once; a year row carries
    its fiscal year's budget target (``targets``), month and quarter rows none."""
    rows = []
    for (label, start, end, fiscal_year), amounts in zip(grid.spans, sums, strict=True):
        target = targets.get(fiscal_year) if targets is not None and grid.by == "year" else None
        rows.append(Period.of_lines(label, start, end, fiscal_year, [round_money(a) for a in amounts], target))
    return tuple(rows)


def fiscal_year_summaries(
    periods: Sequence[Period], grid: Grid, targets: Mapping[int, Decimal | None]
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

