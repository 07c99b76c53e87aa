"""The roadmap: initiatives by fiscal quarter, their budgets, RACI flags and KPIs.

The rules: docs/rules.md, "Initiatives and spreading", "Committed and proposed" and
"People and RACI".

Pure functions over the domain models, shared by the Roadmap screen and
``itroad roadmap``:

- **quarters**: the running quarter numbers of :mod:`itroad.planning.calendar`
  (:func:`~itroad.planning.calendar.quarter_index`), labels ``FY2027-Q1``.
- **budget**: an initiative's one-time budget is its own one-time cost plus the
  replacement cost of its linked assets (escalated to the fiscal year of its
  start, never below exponent 0). The amounts counted in each quarter follow
  the forecast's rules exactly (:mod:`itroad.planning.initiative_costs`, shared
  with :mod:`itroad.planning.forecast`): the one-time
  budget spread evenly over the months from start to end, the monthly cost from
  the month after the end, nothing before the month of ``as_of``; committed
  (approved, in progress, done) and proposed apart; deferred and cancelled
  nowhere; an asset linked to several counted initiatives counted once, with the
  first committed one by start date (else the first proposed one). So a
  quarter's committed total here is the forecast's two initiative lines for that
  quarter, and its proposed total the forecast's proposed line.
- **slices**: what an initiative counts in one quarter (:class:`QuarterSlice`,
  :meth:`PlannedInitiative.slice`): the part of its one-time budget spread into the
  quarter's months and its monthly cost counted there, apart. They are the same
  amounts as :attr:`PlannedInitiative.amounts`, so a quarter's slices add up to its
  committed and proposed totals, and an initiative's slices to its one-time budget
  less what fell before the month of ``as_of`` (:attr:`~PlannedInitiative.one_time_before`)
  or after the last quarter shown, plus its monthly cost counted. An initiative whose
  monthly cost runs in a quarter after its end is in :meth:`Roadmap.monthly_after_end`.
- **RACI**: exactly one Accountable, at least one Responsible
  (:meth:`~itroad.domain.models.Initiative.raci_problems`, codes), flagged per
  initiative.
- **KPIs**: how far each has come (:func:`kpi_progress`).

Editing an initiative (shifting it by quarters, its status workflow, its RACI
letters) is :mod:`itroad.planning.initiative_edits`; the assets it could replace,
:mod:`itroad.planning.asset_picks`. Both are re-exported here for their importers.
"""


from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from itroad.domain.enums import InitiativeCategory, InitiativeStatus
from itroad.domain.models import Client, Initiative, Kpi
from itroad.domain.money import ZERO
from itroad.domain.problems import Problem, describe_all
from itroad.planning.asset_picks import AssetGroup, Candidate, asset_candidates, asset_groups
from itroad.planning.calendar import (
    fiscal_year_of,
    month_index,
    quarter_index,
    quarter_index_bounds,
    quarter_index_label,
    quarter_index_of_month,
)
from itroad.planning.initiative_costs import linked_cost, monthly_amounts, takers
from itroad.planning.initiative_edits import (
    WORKFLOW,
    RaciChange,
    accountable,
    next_status,
    raci_letters,
    raci_ok,
    replace_person,
    shift_initiative,
    toggle_raci,
)
from itroad.planning.lifecycle import base_replacement_cost, policies_by_category

__all__ = [
    # this module's
    "LinkedAsset", "PlannedInitiative", "QuarterSlice", "Roadmap", "RoadmapQuarter",
    "default_last_quarter",
    "group_by_category", "kpi_progress", "linked_assets", "plan_roadmap", "quarter_span",
    # re-exported: initiative_costs, initiative_edits, asset_picks
    "monthly_amounts", "WORKFLOW", "RaciChange", "accountable", "next_status", "raci_letters",
    "raci_ok", "replace_person", "shift_initiative", "toggle_raci", "AssetGroup", "Candidate",
    "asset_candidates", "asset_groups",
]

# --------------------------------------------------------------------------- quarters


def quarter_span(initiative: Initiative, start_month: int = 1) -> tuple[int, int]:
    """First and last quarter (running numbers) an initiative runs in (no end: its start)."""
    first = quarter_index(initiative.start, start_month)
    return first, quarter_index(initiative.end or initiative.start, start_month)


# --------------------------------------------------------------------------- budgets


@dataclass(frozen=True)
class LinkedAsset:
    tag: str
    name: str
    category: str
    cost: Decimal  # replacement cost escalated to the fiscal year of the initiative's start
    #: Title of the initiative that carries it instead (linked to several), else None.
    counted_with: str | None = None
    known_cost: bool = True


def linked_assets(client: Client, as_of: dt.date) -> dict[int, list[LinkedAsset]]:
    """Per initiative (by index), its linked current assets and what each adds to its budget.

    An asset carried by another initiative (linked to several) is listed with
    ``counted_with`` and adds nothing here; retired, disposed and unknown tags are
    left out. For deferred and cancelled initiatives the amounts are what the
    assets *would* add if it were counted.
    """
    as_of_fy = fiscal_year_of(as_of, client.fiscal_year_start_month)
    policies = policies_by_category(client.policies)
    by_tag = {a.tag.casefold(): a for a in client.assets if a.status.is_current}
    taker = takers(client)
    found: dict[int, list[LinkedAsset]] = {}
    for i, initiative in enumerate(client.initiatives):
        items = []
        seen: set[str] = set()
        for tag in initiative.assets:
            key = tag.casefold()
            asset = by_tag.get(key)
            if asset is None or key in seen:
                continue
            seen.add(key)
            carrier = taker.get(key)
            if carrier is not None and carrier != i:
                items.append(LinkedAsset(asset.tag, asset.name, asset.category, ZERO,
                                         client.initiatives[carrier].title))
                continue
            base = base_replacement_cost(asset, policies.get(asset.category))
            cost = ZERO if base is None else linked_cost(base, client, as_of_fy, initiative)
            items.append(LinkedAsset(asset.tag, asset.name, asset.category, cost,
                                     known_cost=base is not None))
        found[i] = items
    return found


@dataclass(frozen=True)
class QuarterSlice:
    """What an initiative counts in one quarter: its one-time budget's share and its
    monthly cost, both as counted (nothing before the month of ``as_of``)."""

    one_time: Decimal = ZERO
    recurring: Decimal = ZERO

    @property
    def total(self) -> Decimal:
        return self.one_time + self.recurring


@dataclass(frozen=True)
class PlannedInitiative:
    """One initiative on the roadmap, with its budget and what it counts per quarter."""

    index: int  # position in ``client.initiatives``
    initiative: Initiative
    first: int  # quarter numbers (see quarter_index)
    last: int
    assets: tuple[LinkedAsset, ...]
    #: Quarter number → amount counted in it (from ``as_of``); empty when not counted.
    amounts: Mapping[int, Decimal]
    #: What breaks the RACI rule, as codes (:meth:`Initiative.raci_problems`).
    problems: tuple[Problem, ...]
    accountable: str | None  # the person's name (or the reference when unknown)
    #: Quarter number → the one-time budget's share counted in it (``amounts`` split
    #: in two with :attr:`recurring_amounts`); empty when not counted.
    one_time_amounts: Mapping[int, Decimal] = field(default_factory=dict)
    #: Quarter number → the monthly cost counted in it (from the month after the end).
    recurring_amounts: Mapping[int, Decimal] = field(default_factory=dict)
    #: The one-time budget's share spread over months before the month of ``as_of``:
    #: spent, counted nowhere (zero when not counted).
    one_time_before: Decimal = ZERO
    #: Its share spread over months after the roadmap's last quarter.
    one_time_after: Decimal = ZERO

    def slice(self, quarter: int) -> QuarterSlice:
        """What it counts in a quarter (zeros when nothing, or when not counted)."""
        return QuarterSlice(self.one_time_amounts.get(quarter, ZERO),
                            self.recurring_amounts.get(quarter, ZERO))

    @property
    def counted(self) -> Decimal:
        """All it counts on the roadmap: the sum of its slices."""
        return sum(self.amounts.values(), ZERO)

    @property
    def title(self) -> str:
        return self.initiative.title

    @property
    def warnings(self) -> tuple[str, ...]:
        """The sentences of :attr:`problems` (:func:`~itroad.domain.problems.describe`)."""
        return describe_all(self.problems)

    @property
    def status(self) -> InitiativeStatus:
        return self.initiative.status

    @property
    def committed(self) -> bool:
        return self.initiative.status.is_committed

    @property
    def proposed(self) -> bool:
        return self.initiative.status is InitiativeStatus.PROPOSED

    @property
    def assets_cost(self) -> Decimal:
        return sum((a.cost for a in self.assets), ZERO)

    @property
    def one_time_budget(self) -> Decimal:
        """Own one-time cost plus the linked assets' replacement cost."""
        return self.initiative.one_time_cost + self.assets_cost

    def spans(self, quarter: int) -> bool:
        return self.first <= quarter <= self.last


@dataclass(frozen=True)
class RoadmapQuarter:
    index: int
    label: str
    start: dt.date  # the quarter's first day (the first quarter's amounts count from as_of)
    end: dt.date
    committed: Decimal
    proposed: Decimal


@dataclass(frozen=True)
class Roadmap:
    client: str
    name: str
    currency: str
    as_of: dt.date
    fiscal_year_start_month: int
    quarters: tuple[RoadmapQuarter, ...]
    initiatives: tuple[PlannedInitiative, ...]
    _by_index: dict[int, RoadmapQuarter] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_index.update({q.index: q for q in self.quarters})

    @property
    def first(self) -> int:
        return self.quarters[0].index

    @property
    def last(self) -> int:
        return self.quarters[-1].index

    def quarter(self, index: int) -> RoadmapQuarter | None:
        return self._by_index.get(index)

    def in_quarter(self, index: int) -> list[PlannedInitiative]:
        """Initiatives running in a quarter, by start then title."""
        found = [p for p in self.initiatives if p.spans(index)]
        found.sort(key=lambda p: (p.initiative.start, p.title.casefold()))
        return found

    def monthly_after_end(self, index: int) -> list[PlannedInitiative]:
        """Initiatives ended before a quarter whose monthly cost counts in it, by start
        then title: with :meth:`in_quarter`, every initiative with a slice there."""
        found = [p for p in self.initiatives
                 if p.last < index and p.recurring_amounts.get(index, ZERO)]
        found.sort(key=lambda p: (p.initiative.start, p.title.casefold()))
        return found

    def counted_from(self, index: int) -> dt.date | None:
        """``as_of`` when a quarter starts before it (its earlier months count
        nothing), else None."""
        quarter = self.quarter(index)
        return self.as_of if quarter is not None and quarter.start < self.as_of else None

    @property
    def committed(self) -> Decimal:
        return sum((q.committed for q in self.quarters), ZERO)

    @property
    def proposed(self) -> Decimal:
        return sum((q.proposed for q in self.quarters), ZERO)

    @property
    def flagged(self) -> list[PlannedInitiative]:
        """Initiatives breaking the RACI rule."""
        return [p for p in self.initiatives if p.warnings]


def default_last_quarter(client: Client, as_of: dt.date) -> int:
    """The last quarter a roadmap shows by default: the end of the fiscal year holding
    ``as_of``, or further when an initiative still runs later."""
    start_month = client.fiscal_year_start_month
    first = quarter_index(as_of, start_month)
    last = fiscal_year_of(as_of, start_month) * 4 + 3
    for initiative in client.initiatives:
        _, end = quarter_span(initiative, start_month)
        if end >= first:
            last = max(last, end)
    return last


def plan_roadmap(
    client: Client, as_of: dt.date, *, last_quarter: int | None = None
) -> Roadmap:
    """A client's roadmap from the quarter holding ``as_of`` to ``last_quarter``
    (default: :func:`default_last_quarter`)."""
    start_month = client.fiscal_year_start_month
    first_q = quarter_index(as_of, start_month)
    last_q = default_last_quarter(client, as_of) if last_quarter is None else last_quarter
    last_q = max(last_q, first_q)
    first_month = month_index(as_of)
    last_month = month_index(quarter_index_bounds(last_q, start_month)[1])

    names: dict[str, str] = {}
    for person in client.people:
        names.setdefault(person.name.casefold(), person.name)
        if person.email:
            names[person.email.casefold()] = person.name

    linked = linked_assets(client, as_of)
    committed = {q: ZERO for q in range(first_q, last_q + 1)}
    proposed = dict(committed)
    planned = []
    for i, initiative in enumerate(client.initiatives):
        assets = tuple(linked.get(i, ()))
        first, last = quarter_span(initiative, start_month)
        per_quarter: dict[int, Decimal] = {}
        recurring: dict[int, Decimal] = {}
        before = after = ZERO
        if initiative.status.counts:
            one_time = initiative.one_time_cost + sum((a.cost for a in assets), ZERO)
            for month, amount in monthly_amounts(initiative, one_time, first_month,
                                                 last_month).items():
                q = quarter_index_of_month(month, start_month)
                per_quarter[q] = per_quarter.get(q, ZERO) + amount
            # The monthly cost alone (a zero one-time budget), to tell the slices apart.
            for month, amount in monthly_amounts(initiative, ZERO, first_month,
                                                 last_month).items():
                q = quarter_index_of_month(month, start_month)
                recurring[q] = recurring.get(q, ZERO) + amount
            # The whole spread, over its own months (the monthly cost starts after them).
            spread_months = monthly_amounts(initiative, one_time, month_index(initiative.start),
                                            month_index(initiative.end or initiative.start))
            before = sum((a for m, a in spread_months.items() if m < first_month), ZERO)
            after = sum((a for m, a in spread_months.items() if m > last_month), ZERO)
            totals = committed if initiative.status.is_committed else proposed
            for q, amount in per_quarter.items():
                totals[q] += amount
        one_time_part = {q: a - recurring.get(q, ZERO) for q, a in per_quarter.items()}
        ref = accountable(initiative)
        planned.append(PlannedInitiative(
            i, initiative, first, last, assets, per_quarter, initiative.raci_problems(),
            None if ref is None else names.get(ref.casefold(), ref),
            {q: a for q, a in one_time_part.items() if a},
            {q: a for q, a in recurring.items() if a}, before, after,
        ))
    quarters = []
    for q in range(first_q, last_q + 1):
        start, end = quarter_index_bounds(q, start_month)
        quarters.append(RoadmapQuarter(q, quarter_index_label(q), start, end, committed[q], proposed[q]))
    return Roadmap(client.code, client.name, client.currency, as_of, start_month,
                   tuple(quarters), tuple(planned))


# --------------------------------------------------------------------------- grouping


def group_by_category(
    initiatives: Iterable[PlannedInitiative],
) -> list[tuple[str, list[PlannedInitiative]]]:
    """Initiatives grouped by category (in the category's order), each group by start."""
    order = {category: n for n, category in enumerate(InitiativeCategory)}
    groups: dict[InitiativeCategory, list[PlannedInitiative]] = {}
    for p in initiatives:
        groups.setdefault(p.initiative.category, []).append(p)
    return [
        (category.value, sorted(items, key=lambda p: (p.initiative.start, p.title.casefold())))
        for category, items in sorted(groups.items(), key=lambda kv: order[kv[0]])
    ]


# --------------------------------------------------------------------------- KPIs


def kpi_progress(kpi: Kpi) -> Decimal | None:
    """How far a KPI has come from its baseline to its target, 0 to 1 (None: not
    measured yet). Works both ways: a KPI that should go down (phish-prone 31 % → 10 %)
    is as far along as one that should go up. Without a baseline it starts from 0.
    The value is the latest reading (:attr:`~itroad.domain.models.Kpi.latest`)."""
    current = kpi.latest
    if current is None:
        return None
    baseline = kpi.baseline if kpi.baseline is not None else Decimal(0)
    span = kpi.target - baseline
    if span == 0:
        return Decimal(1) if current == kpi.target else Decimal(0)
    done = (current - baseline) / span
    return max(Decimal(0), min(Decimal(1), done))
