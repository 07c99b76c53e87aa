"""The client review report: what a vCIO presents at a quarterly business review, for one client.

:func:`client_review` gathers the report's content from the engine, for one client and one
``as_of``; it computes no figure of its own. Every amount is read from what the engine
returns:

- budgets: :func:`~itroad.planning.forecast.forecast` by fiscal quarter (its periods and its
  fiscal years against their targets), the same figures ``itroad forecast --by quarter``
  prints for that ``as_of``; "one-time" is a quarter's hardware and initiative one-time
  lines, "recurring" its renewals, contracts and initiative recurring lines (the two add
  up to the quarter's committed total), proposed apart;
- renewals, contracts, replacements and warranties: :func:`~itroad.planning.due.due_items`
  (what ``itroad due --within 365`` lists, with the same amounts and dates);
- hardware lifecycle: the forecast's schedule (:func:`~itroad.planning.lifecycle.schedule_assets`)
  and its overdue and "needs data" summaries;
- the roadmap: :func:`~itroad.planning.roadmap.plan_roadmap` (quarter totals, each
  initiative's slice per quarter, RACI, KPI progress);
- health: :func:`~itroad.planning.health.client_health`.

**The quarters.** The report centres on a fiscal quarter, the *focus* (default: the quarter
after the one holding ``as_of``, the one the review prepares). Its budget, lifecycle and
roadmap sections cover the same window: the quarter before the focus (when it is not
before the quarter holding ``as_of``), the focus and the three quarters after it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from itroad.domain.enums import InitiativeStatus, Raci
from itroad.domain.errors import ItroadError
from itroad.domain.limits import MAX_FORECAST_YEARS
from itroad.domain.models import Asset, Client, Kpi
from itroad.domain.money import ZERO, format_money
from itroad.planning.calendar import (
    fiscal_year_bounds,
    fiscal_year_of,
    quarter_index,
    quarter_index_bounds,
    quarter_index_label,
)
from itroad.planning.due import CONTRACT, RENEWAL, REPLACEMENT, WARRANTY, DueItem, due_items, owner_names
from itroad.planning.forecast import AssetSummary, FiscalYearSummary, Forecast, Period, forecast
from itroad.planning.health import ClientHealth, client_health
from itroad.planning.lifecycle import ScheduledAsset
from itroad.planning.roadmap import PlannedInitiative, Roadmap, RoadmapQuarter, kpi_progress, plan_roadmap

#: Renewals and contracts: the near window and the far one, in days from ``as_of``.
NEAR_DAYS = 90
FAR_DAYS = 365
#: Quarters of the window after the focus.
QUARTERS_AFTER = 3
#: How many of the biggest items the summary names, and of the largest replacements.
BIGGEST = 3
LARGEST_REPLACEMENTS = 10

NameOf = Callable[[str | None], str | None]

_QUARTER = re.compile(r"FY(\d{4})-Q([1-4])")


class ReviewError(ItroadError):
    """A quarter the report cannot centre on (its message says why)."""


def parse_quarter(text: str) -> int:
    """``"FY2027-Q1"`` as a running quarter number (:func:`~itroad.planning.calendar.quarter_index`)."""
    found = _QUARTER.fullmatch(text.strip().upper())
    if found is None:
        raise ReviewError(f'"{text}" is not a fiscal quarter; write it as FY2027-Q1 (Q1 to Q4)')
    return int(found[1]) * 4 + int(found[2]) - 1


def default_focus(client: Client, as_of: dt.date) -> int:
    """The quarter after the one holding ``as_of``."""
    return quarter_index(as_of, client.fiscal_year_start_month) + 1


# --------------------------------------------------------------------------- content


@dataclass(frozen=True)
class BudgetQuarter:
    """One fiscal quarter of the forecast (its :class:`Period`, unchanged)."""

    period: Period
    focus: bool

    @property
    def label(self) -> str:
        return self.period.label

    @property
    def one_time(self) -> Decimal:
        """Hardware and initiatives' one-time cost (committed)."""
        return self.period.hardware + self.period.initiatives_one_time

    @property
    def recurring(self) -> Decimal:
        """Renewals, contracts and initiatives' monthly cost (committed)."""
        return self.period.renewals + self.period.contracts + self.period.initiatives_recurring

    @property
    def total(self) -> Decimal:
        return self.period.total

    @property
    def proposed(self) -> Decimal:
        return self.period.proposed


@dataclass(frozen=True)
class YearFigures:
    """A fiscal year of the forecast against its target; ``partial``: forecast from ``as_of``."""

    summary: FiscalYearSummary
    partial: bool

    @property
    def label(self) -> str:
        return self.summary.label

    @property
    def over(self) -> bool:
        target = self.summary.budget_target
        return target is not None and self.summary.total > target


@dataclass(frozen=True)
class Item:
    """One of the biggest items: what it is, its name, when, how much (from the engine)."""

    kind: str  # renewal, contract, replacement, initiative
    name: str
    date: dt.date | None
    amount: Decimal
    detail: str


@dataclass(frozen=True)
class Decision:
    """Something the client must decide, with its date and the amount at stake when known."""

    subject: str
    text: str
    date: dt.date | None
    amount: Decimal | None


@dataclass(frozen=True)
class LifecycleQuarter:
    """Current assets whose replacement falls in one fiscal quarter (from ``as_of``), those an
    initiative carries left out: their amount is the quarter's hardware line, less the
    overdue assets the forecast puts in its first period."""

    label: str
    items: tuple[ScheduledAsset, ...]

    @property
    def count(self) -> int:
        return len(self.items)

    @property
    def amount(self) -> Decimal:
        """The replacement costs of the quarter's assets as scheduled (known ones)."""
        return sum((i.cost for i in self.items if i.cost is not None), ZERO)

    @property
    def unknown(self) -> int:
        return sum(1 for i in self.items if i.cost is None)


@dataclass(frozen=True)
class KpiLine:
    kpi: Kpi
    progress: Decimal | None  # 0 to 1 (kpi_progress), None: not measured yet


@dataclass(frozen=True)
class InitiativeLine:
    """An initiative of the roadmap with the names of its people by RACI letter."""

    planned: PlannedInitiative
    accountable: tuple[str, ...]
    responsible: tuple[str, ...]
    consulted: tuple[str, ...]
    informed: tuple[str, ...]
    kpis: tuple[KpiLine, ...]

    @property
    def title(self) -> str:
        return self.planned.title


@dataclass(frozen=True)
class QuarterPlan:
    """A quarter of the roadmap: its totals and each initiative running in it with its slice."""

    quarter: RoadmapQuarter
    focus: bool
    initiatives: tuple[tuple[PlannedInitiative, Decimal | None], ...]

    @property
    def label(self) -> str:
        return self.quarter.label


@dataclass(frozen=True)
class AssetLine:
    """An asset of the appendix, with its next replacement when it is current."""

    asset: Asset
    assigned_to: str | None  # the person's name when known
    scheduled: ScheduledAsset | None
    planned_in: str | None  # the initiative that carries its replacement


@dataclass(frozen=True)
class Review:
    client: str
    name: str
    currency: str
    as_of: dt.date
    fiscal_year_start_month: int
    focus: str
    window: tuple[str, str]  # the first and last quarter's labels
    health: ClientHealth
    this_year: YearFigures
    next_year: YearFigures | None
    years: tuple[YearFigures, ...]  # this, next and every fiscal year of the window, in order
    biggest: tuple[Item, ...]
    decisions: tuple[Decision, ...]
    quarters: tuple[BudgetQuarter, ...]
    renewals_near: tuple[DueItem, ...]
    renewals_far: tuple[DueItem, ...]
    missed: tuple[DueItem, ...]
    overdue: AssetSummary
    unscheduled: AssetSummary
    lifecycle: tuple[LifecycleQuarter, ...]
    largest_replacements: tuple[ScheduledAsset, ...]
    warranties: tuple[DueItem, ...]
    linked_assets: dict[str, str]
    roadmap: Roadmap
    roadmap_quarters: tuple[QuarterPlan, ...]
    later: tuple[PlannedInitiative, ...]
    initiatives: tuple[InitiativeLine, ...]
    raci_gaps: tuple[PlannedInitiative, ...]
    assets: tuple[AssetLine, ...]
    forecast: Forecast


# --------------------------------------------------------------------------- assembly


def check_focus(client: Client, as_of: dt.date, focus: int) -> None:
    """Refuse a focus quarter before the one holding ``as_of`` or past the longest forecast."""
    start_month = client.fiscal_year_start_month
    current = quarter_index(as_of, start_month)
    if focus < current:
        raise ReviewError(
            f"{quarter_index_label(focus)} is before {quarter_index_label(current)}, the quarter "
            f"holding {as_of.isoformat()}: the report plans from --as-of on")
    last_fy = fiscal_year_of(as_of, start_month) + MAX_FORECAST_YEARS - 1
    if (focus + QUARTERS_AFTER) // 4 > last_fy:
        raise ReviewError(
            f"{quarter_index_label(focus)} is too far ahead: a forecast covers at most "
            f"{MAX_FORECAST_YEARS} fiscal years from {as_of.isoformat()}")


def client_review(client: Client, as_of: dt.date, focus: int | None = None) -> Review:
    """The review of one client as of a day, centred on the quarter ``focus`` (a running
    quarter number; default :func:`default_focus`)."""
    start_month = client.fiscal_year_start_month
    focus = default_focus(client, as_of) if focus is None else focus
    check_focus(client, as_of, focus)
    current = quarter_index(as_of, start_month)
    first_q, last_q = max(current, focus - 1), focus + QUARTERS_AFTER
    first_fy = fiscal_year_of(as_of, start_month)
    years = max(2, last_q // 4 - first_fy + 1)
    plan = forecast(client, as_of, by="quarter", years=years)
    names = owner_names(client)

    def name_of(ref: str | None) -> str | None:
        return None if ref is None else names.get(ref.casefold(), ref)

    # Budget by quarter: the forecast's periods of the window.
    quarters = tuple(
        BudgetQuarter(p, quarter_index(p.start, start_month) == focus)
        for p in plan.periods
        if first_q <= quarter_index(p.start, start_month) <= last_q
    )
    first_year_start = fiscal_year_bounds(first_fy, start_month)[0]
    this_year = YearFigures(plan.fiscal_years[0], plan.fiscal_years[0].start > first_year_start)
    next_year = YearFigures(plan.fiscal_years[1], False) if len(plan.fiscal_years) > 1 else None
    # The budget section's fiscal years: this one and the next, and every one the window touches.
    touched = {first_fy, first_fy + 1, *range(first_q // 4, last_q // 4 + 1)}
    years_shown = (this_year, *(YearFigures(s, False) for s in plan.fiscal_years[1:] if s.fiscal_year in touched))

    # Renewals, contracts, replacements, warranties: itroad due over a year.
    due = due_items(client, as_of, FAR_DAYS)
    near_end = as_of + dt.timedelta(days=NEAR_DAYS)
    agreements = [i for i in due if i.kind in (RENEWAL, CONTRACT)]
    missed = tuple(i for i in agreements if i.late)
    renewals_near = tuple(i for i in agreements if not i.late and i.date <= near_end)
    renewals_far = tuple(i for i in agreements if not i.late and i.date > near_end)
    warranties = tuple(i for i in due if i.kind == WARRANTY)

    # Hardware lifecycle: the schedule from as_of to the window's end, by quarter.
    window_end = quarter_index_bounds(last_q, start_month)[1]
    linked = {tag.casefold(): title for tag, title in plan.linked_assets.items()}
    upcoming: dict[int, list[ScheduledAsset]] = {}
    for item in plan.schedule:
        if (item.due is not None and not item.overdue and item.due <= window_end
                and item.tag.casefold() not in linked):
            upcoming.setdefault(quarter_index(item.due, start_month), []).append(item)
    lifecycle = tuple(
        LifecycleQuarter(quarter_index_label(q), tuple(upcoming.get(q, ())))
        for q in range(current, last_q + 1)
    )
    replaceable = [i for i in plan.schedule
                   if i.cost is not None and (i.overdue or (i.due is not None and i.due <= window_end))]
    replaceable.sort(key=lambda i: (-(i.cost or ZERO), i.due or dt.date.max, i.tag.casefold()))
    largest = tuple(replaceable[:LARGEST_REPLACEMENTS])

    # The roadmap over the window (and what starts later).
    roadmap = plan_roadmap(client, as_of, last_quarter=last_q)
    roadmap_quarters = []
    for q in range(first_q, last_q + 1):
        quarter = roadmap.quarter(q)
        if quarter is None:
            continue
        # Running in the quarter, or paying its monthly cost in it after its end.
        running = [p for p in roadmap.initiatives
                   if (p.spans(q) or p.amounts.get(q)) and p.status is not InitiativeStatus.CANCELLED]
        running.sort(key=lambda p: (p.initiative.start, p.title.casefold()))
        roadmap_quarters.append(QuarterPlan(quarter, q == focus, tuple((p, p.amounts.get(q)) for p in running)))
    later = tuple(sorted((p for p in roadmap.initiatives if p.first > last_q),
                         key=lambda p: (p.initiative.start, p.title.casefold())))
    # Running from as_of on, or still paying its monthly cost after its end (the roadmap's
    # quarters show that slice, so its own figures must be in the table).
    shown = [p for p in roadmap.initiatives if p.last >= current or any(p.amounts.values())]
    shown.sort(key=lambda p: (p.initiative.start, p.title.casefold()))
    initiatives = tuple(_initiative_line(p, name_of) for p in shown)
    # Every counted initiative breaking the RACI rule, ended or not: what the health counts.
    raci_gaps = tuple(sorted((p for p in roadmap.initiatives if p.warnings and p.status.counts),
                             key=lambda p: (p.initiative.start, p.title.casefold())))

    biggest = _biggest(due, linked, shown, first_q, last_q)
    decisions = _decisions(due, near_end, shown, focus, plan, raci_gaps)

    by_tag = {item.tag.casefold(): item for item in plan.schedule}
    assets = tuple(
        AssetLine(a, name_of(a.assigned_to), by_tag.get(a.tag.casefold()), linked.get(a.tag.casefold()))
        for a in sorted(client.assets, key=lambda a: a.tag.casefold())
    )
    return Review(
        client=client.code, name=client.name, currency=client.currency, as_of=as_of,
        fiscal_year_start_month=start_month, focus=quarter_index_label(focus),
        window=(quarter_index_label(first_q), quarter_index_label(last_q)),
        health=client_health(client, as_of),
        this_year=this_year, next_year=next_year, years=years_shown, biggest=biggest, decisions=decisions,
        quarters=quarters, renewals_near=renewals_near, renewals_far=renewals_far, missed=missed,
        overdue=plan.overdue, unscheduled=plan.unscheduled, lifecycle=lifecycle,
        largest_replacements=largest, warranties=warranties, linked_assets=linked,
        roadmap=roadmap, roadmap_quarters=tuple(roadmap_quarters), later=later,
        initiatives=initiatives, raci_gaps=raci_gaps, assets=assets, forecast=plan,
    )


def _initiative_line(p: PlannedInitiative, name_of: NameOf) -> InitiativeLine:
    def people(letter: Raci) -> tuple[str, ...]:
        found = [name_of(r.person) for r in p.initiative.roles if r.raci is letter]
        return tuple(dict.fromkeys(n for n in found if n))

    return InitiativeLine(
        p, people(Raci.ACCOUNTABLE), people(Raci.RESPONSIBLE), people(Raci.CONSULTED),
        people(Raci.INFORMED), tuple(KpiLine(k, kpi_progress(k)) for k in p.initiative.kpis),
    )


_KIND_WORD = {RENEWAL: "renewal", CONTRACT: "contract", REPLACEMENT: "replacement"}


def _biggest(due: Iterable[DueItem], linked: dict[str, str], initiatives: Iterable[PlannedInitiative],
             first_q: int, last_q: int) -> tuple[Item, ...]:
    """The largest amounts ahead: due items of the year (a replacement an initiative carries
    is counted with the initiative) and the counted initiatives running in the window."""
    items: list[Item] = []
    for d in due:
        if d.amount is None or d.kind not in _KIND_WORD:
            continue
        if d.kind == REPLACEMENT and d.tag is not None and d.tag.casefold() in linked:
            continue
        items.append(Item(_KIND_WORD[d.kind], d.name if d.tag is None else f"{d.name} ({d.tag})",
                          d.date, d.amount, d.action))
    for p in initiatives:
        # What is still to come of its one-time budget: the share of the months before
        # as_of is spent (counted nowhere, as in the forecast).
        ahead = p.one_time_budget - p.one_time_before
        if p.status.counts and p.first <= last_q and p.last >= first_q and ahead > 0:
            # "committed (in progress)", "proposed: not committed yet" (never "proposed (proposed)")
            state = (f"committed ({p.status.value.replace('_', ' ')})" if p.committed
                     else "proposed: not committed yet")
            detail = (f"one-time budget, {state}" if ahead == p.one_time_budget else
                      f"one-time budget still to come, of {format_money(p.one_time_budget)} in all; {state}")
            items.append(Item("initiative", p.title, p.initiative.start, ahead, detail))
    items.sort(key=lambda i: (-i.amount, i.date or dt.date.max, i.name.casefold()))
    return tuple(items[:BIGGEST])


def _decisions(due: Iterable[DueItem], near_end: dt.date, initiatives: Iterable[PlannedInitiative],
               focus: int, plan: Forecast, raci_gaps: Iterable[PlannedInitiative],
               ) -> tuple[Decision, ...]:
    """What the client must decide: missed notices, renewals and contracts to decide within
    90 days, proposed initiatives starting by the end of the focus quarter, overdue
    replacements, assets that need data, initiatives without their owners."""
    found: list[Decision] = []
    for d in due:
        if d.kind in (RENEWAL, CONTRACT) and (d.late or d.date <= near_end):
            # A missed notice has no "by": its cancel-by day is past (the text says what now).
            found.append(Decision(d.name, d.action, None if d.late else d.date, d.amount))
    focus_end = quarter_index_bounds(focus, plan.fiscal_year_start_month)[1]
    for p in initiatives:
        if p.proposed and p.initiative.start <= focus_end:
            found.append(Decision(p.title, f"Approve or defer (starts {p.initiative.start.isoformat()})",
                                  p.initiative.start, p.one_time_budget))
    if plan.overdue.count:
        assets = "asset is" if plan.overdue.count == 1 else "assets are"
        found.append(Decision("Overdue replacements",
                              f"{plan.overdue.count} {assets} overdue for replacement: replace, "
                              "or defer with a replace-on date and a reason", None, plan.overdue.amount))
    if plan.unscheduled.count:
        assets = "asset needs" if plan.unscheduled.count == 1 else "assets need"
        found.append(Decision("Needs data", f"{plan.unscheduled.count} {assets} a purchase date or a "
                              "lifecycle to be scheduled", None, None))
    for p in raci_gaps:
        found.append(Decision(p.title, "; ".join(p.warnings), None, None))
    return tuple(found)
