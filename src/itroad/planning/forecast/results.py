"""What a forecast is made of: its lines, its periods, the assets beside them, its totals.

The dataclasses :func:`itroad.planning.forecast.forecast` returns; the rules that
fill them are in the package's docstring.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple, Protocol

from itroad.domain.money import ZERO
from itroad.planning.lifecycle import ScheduledAsset


class Detail(Protocol):
    """The drill-down of a forecast, built when read (:class:`~itroad.planning.forecast.entries.Detail`)."""

    @property
    def entries(self) -> tuple[Entry, ...]: ...

    @property
    def schedule(self) -> tuple[ScheduledAsset, ...]: ...

BY = ("month", "quarter", "year")
GROUP_BY = ("category", "site")

HARDWARE = "hardware"
RENEWALS = "renewals"
CONTRACTS = "contracts"
INITIATIVES_ONE_TIME = "initiatives_one_time"
INITIATIVES_RECURRING = "initiatives_recurring"
PROPOSED = "proposed"
#: The lines of a period, in display order; ``total`` is all of them but ``proposed``.
LINES = (HARDWARE, RENEWALS, CONTRACTS, INITIATIVES_ONE_TIME, INITIATIVES_RECURRING, PROPOSED)
COMMITTED_LINES = LINES[:-1]
#: Each line's position in :data:`LINES` (the column of the sums behind a period).
LINE_INDEX = {line: i for i, line in enumerate(LINES)}


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

    @classmethod
    def of_lines(
        cls, label: str, start: dt.date, end: dt.date, fiscal_year: int,
        amounts: Sequence[Decimal], budget_target: Decimal | None,
    ) -> Period:
        """A period of its line amounts (in :data:`LINES` order); its total is every
        line but ``proposed``."""
        hardware, renewals, contracts, one_time, recurring, proposed = amounts
        return cls(label, start, end, fiscal_year, hardware, renewals, contracts, one_time,
                   recurring, proposed, sum(amounts[:-1], ZERO), budget_target)

    def line(self, name: str) -> Decimal:
        """The amount of a line by name (``"total"`` included)."""
        if name != "total" and name not in LINE_INDEX:
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
    _detail: Detail | None = field(default=None, repr=False, compare=False)

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


