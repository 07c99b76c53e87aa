"""The roadmap: initiatives by fiscal quarter, their budgets, statuses and RACI.

The rules: docs/rules.md, "Initiatives and spreading", "Committed and proposed" and
"People and RACI".

Pure functions over the domain models, shared by the Roadmap screen and
``itroad roadmap``:

- **quarters**: the running quarter numbers of :mod:`itroad.planning.calendar`
  (:func:`~itroad.planning.calendar.quarter_index`), labels ``FY2027-Q1``.
- **budget**: an initiative's one-time budget is its own one-time cost plus the
  replacement cost of its linked assets (escalated to the fiscal year of its
  start, never below exponent 0). The amounts counted in each quarter follow
  the forecast's rules exactly (:mod:`itroad.planning.forecast`): the one-time
  budget spread evenly over the months from start to end, the monthly cost from
  the month after the end, nothing before the month of ``as_of``; committed
  (approved, in progress, done) and proposed apart; deferred and cancelled
  nowhere; an asset linked to several counted initiatives counted once, with the
  first committed one by start date (else the first proposed one). So a
  quarter's committed total here is the forecast's two initiative lines for that
  quarter, and its proposed total the forecast's proposed line.
- **shifting** an initiative by whole quarters moves its start, end and KPI due
  dates by three months each (a month's last day stays the last day:
  ``month_end_sticks``), so its budget moves with it, quarter for quarter.
- **status workflow**: proposed → approved → in progress → done; deferred and
  cancelled aside (:func:`next_status`).
- **RACI**: exactly one Accountable, at least one Responsible
  (:meth:`~itroad.domain.models.Initiative.raci_problems`, codes); :func:`toggle_raci`
  edits one letter and keeps Accountable with one person.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from itroad.domain.enums import InitiativeStatus, Raci
from itroad.domain.models import Client, Initiative, Kpi
from itroad.domain.money import ZERO
from itroad.domain.problems import Problem, describe_all
from itroad.planning.calendar import (
    add_months,
    fiscal_year_of,
    month_index,
    quarter_index,
    quarter_index_bounds,
    quarter_index_label,
    quarter_index_of_month,
)
from itroad.planning.forecast import spread
from itroad.planning.lifecycle import base_replacement_cost, escalate, policies_by_category

# --------------------------------------------------------------------------- quarters


def quarter_span(initiative: Initiative, start_month: int = 1) -> tuple[int, int]:
    """First and last quarter (running numbers) an initiative runs in (no end: its start)."""
    first = quarter_index(initiative.start, start_month)
    return first, quarter_index(initiative.end or initiative.start, start_month)


# --------------------------------------------------------------------------- shifting


def _revalidated(model: Any, **changes: Any) -> Any:
    """A copy of a model with changes, validated as a whole (``model_copy`` is not)."""
    return type(model).model_validate({**model.model_dump(), **changes})


def shift_initiative(initiative: Initiative, quarters: int) -> Initiative:
    """The initiative moved by ``quarters`` fiscal quarters (negative: earlier)."""
    if quarters == 0:
        return initiative
    months = 3 * quarters

    def moved(day: dt.date) -> dt.date:
        return add_months(day, months, month_end_sticks=True)

    kpis = [
        kpi if kpi.due is None else _revalidated(kpi, due=moved(kpi.due))
        for kpi in initiative.kpis
    ]
    return _revalidated(
        initiative,
        start=moved(initiative.start),
        end=None if initiative.end is None else moved(initiative.end),
        kpis=[kpi.model_dump() for kpi in kpis],
    )


# --------------------------------------------------------------------------- statuses

#: The workflow an initiative advances along (``a`` in the Roadmap screen).
WORKFLOW = (
    InitiativeStatus.PROPOSED,
    InitiativeStatus.APPROVED,
    InitiativeStatus.IN_PROGRESS,
    InitiativeStatus.DONE,
)


def next_status(status: InitiativeStatus) -> InitiativeStatus | None:
    """The next step of the workflow; a deferred initiative comes back as proposed;
    None for done and cancelled (set those by hand)."""
    if status is InitiativeStatus.DEFERRED:
        return InitiativeStatus.PROPOSED
    if status in WORKFLOW:
        position = WORKFLOW.index(status)
        return WORKFLOW[position + 1] if position + 1 < len(WORKFLOW) else None
    return None


# --------------------------------------------------------------------------- RACI


def _same(a: str, b: str) -> bool:
    return a.casefold() == b.casefold()


def raci_letters(initiative: Initiative, person: str) -> str:
    """The letters a person holds on an initiative, in R A C I order (``"AR"`` → ``"RA"``)."""
    held = {role.raci for role in initiative.roles if _same(role.person, person)}
    return "".join(letter.value for letter in Raci if letter in held)


def accountable(initiative: Initiative) -> str | None:
    """The person (reference) who is Accountable; the first one when there are several."""
    for role in initiative.roles:
        if role.raci is Raci.ACCOUNTABLE:
            return role.person
    return None


def raci_ok(initiative: Initiative) -> bool:
    return not initiative.raci_problems()


@dataclass(frozen=True)
class RaciChange:
    initiative: Initiative
    #: People who lost Accountable because it moved to someone else.
    moved_from: tuple[str, ...] = ()
    on: bool = True


def toggle_raci(
    initiative: Initiative, person: str, letter: Raci | str, *, on: bool | None = None
) -> RaciChange:
    """Turn one letter of a person on or off (``on=None``: the other way round).

    Accountable is exclusive: giving it to someone takes it from whoever had it,
    so the matrix can never make two Accountables (an imported plan can, and is
    flagged).
    """
    letter = Raci(letter)
    has = any(_same(r.person, person) and r.raci is letter for r in initiative.roles)
    turn_on = (not has) if on is None else on
    roles = [r.model_dump() for r in initiative.roles
             if not (_same(r.person, person) and r.raci is letter)]
    moved: list[str] = []
    if turn_on:
        if letter is Raci.ACCOUNTABLE:
            moved = [r["person"] for r in roles
                     if r["raci"] == Raci.ACCOUNTABLE and not _same(r["person"], person)]
            roles = [r for r in roles if r["raci"] != Raci.ACCOUNTABLE]
        roles.append({"person": person, "raci": letter})
    return RaciChange(_revalidated(initiative, roles=roles), tuple(moved), turn_on)


def replace_person(initiative: Initiative, person: str, successor: str | None) -> Initiative:
    """The initiative with every role of ``person`` handed to ``successor`` (or dropped)."""
    roles: list[dict[str, Any]] = []
    for role in initiative.roles:
        ref = role.person
        if _same(ref, person):
            if successor is None:
                continue
            ref = successor
        entry = {"person": ref, "raci": role.raci}
        if not any(_same(e["person"], ref) and e["raci"] == role.raci for e in roles):
            roles.append(entry)
    return _revalidated(initiative, roles=roles)


# --------------------------------------------------------------------------- budgets


def _takers(client: Client) -> dict[str, int]:
    """Which counted initiative carries each linked asset (casefolded tag → index):
    committed ones first, then by start, then in order (as the forecast does)."""
    initiatives = client.initiatives
    counted = [i for i, ini in enumerate(initiatives) if ini.status.counts]
    counted.sort(key=lambda i: (not initiatives[i].status.is_committed, initiatives[i].start, i))
    taker: dict[str, int] = {}
    for i in counted:
        for tag in initiatives[i].assets:
            taker.setdefault(tag.casefold(), i)
    return taker


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
    start_month = client.fiscal_year_start_month
    as_of_fy = fiscal_year_of(as_of, start_month)
    policies = policies_by_category(client.policies)
    by_tag = {a.tag.casefold(): a for a in client.assets if a.status.is_current}
    taker = _takers(client)
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
            cost = ZERO if base is None else escalate(
                base, client.escalation_rate, as_of_fy,
                fiscal_year_of(initiative.start, start_month))
            items.append(LinkedAsset(asset.tag, asset.name, asset.category, cost,
                                     known_cost=base is not None))
        found[i] = items
    return found


def monthly_amounts(
    initiative: Initiative, one_time: Decimal, first_month: int, last_month: int
) -> dict[int, Decimal]:
    """What an initiative costs in each month (:func:`~itroad.planning.calendar.month_index`)
    from ``first_month`` to ``last_month``: the one-time budget spread from start to
    end, the monthly cost from the month after the end."""
    amounts: dict[int, Decimal] = {}
    first = month_index(initiative.start)
    last = month_index(initiative.end or initiative.start)
    if one_time:
        for offset, amount in enumerate(spread(one_time, last - first + 1)):
            month = first + offset
            if first_month <= month <= last_month and amount:
                amounts[month] = amounts.get(month, ZERO) + amount
    if initiative.monthly_cost:
        for month in range(max(last + 1, first_month), last_month + 1):
            amounts[month] = amounts.get(month, ZERO) + initiative.monthly_cost
    return amounts


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
        if initiative.status.counts:
            one_time = initiative.one_time_cost + sum((a.cost for a in assets), ZERO)
            for month, amount in monthly_amounts(initiative, one_time, first_month,
                                                 last_month).items():
                q = quarter_index_of_month(month, start_month)
                per_quarter[q] = per_quarter.get(q, ZERO) + amount
            totals = committed if initiative.status.is_committed else proposed
            for q, amount in per_quarter.items():
                totals[q] += amount
        ref = accountable(initiative)
        planned.append(PlannedInitiative(
            i, initiative, first, last, assets, per_quarter, initiative.raci_problems(),
            None if ref is None else names.get(ref.casefold(), ref),
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
    from itroad.domain.enums import InitiativeCategory

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
    is as far along as one that should go up. Without a baseline it starts from 0."""
    if kpi.current is None:
        return None
    baseline = kpi.baseline if kpi.baseline is not None else Decimal(0)
    span = kpi.target - baseline
    if span == 0:
        return Decimal(1) if kpi.current == kpi.target else Decimal(0)
    done = (kpi.current - baseline) / span
    return max(Decimal(0), min(Decimal(1), done))


# --------------------------------------------------------------------------- picking assets


@dataclass(frozen=True)
class Candidate:
    """A current asset that could be linked to an initiative, with what it would add."""

    tag: str
    name: str
    category: str
    due: dt.date | None
    fiscal_year: int | None  # of the due date
    overdue: bool
    #: Replacement cost escalated to the fiscal year of the initiative's start (or,
    #: without a start yet, to that of its own due date); None when unknown.
    cost: Decimal | None
    #: Other initiatives it is linked to (titles).
    elsewhere: tuple[str, ...] = ()


def asset_candidates(client: Client, as_of: dt.date, start: dt.date | None = None,
                     initiative_index: int | None = None) -> list[Candidate]:
    """The client's current assets by due date (overdue first, no date last)."""
    from itroad.planning.lifecycle import schedule_assets

    start_month = client.fiscal_year_start_month
    as_of_fy = fiscal_year_of(as_of, start_month)
    linked: dict[str, list[str]] = {}
    for i, initiative in enumerate(client.initiatives):
        if i == initiative_index:
            continue
        for tag in initiative.assets:
            linked.setdefault(tag.casefold(), []).append(initiative.title)
    found = []
    for item in schedule_assets(client, as_of):
        if item.base_cost is None:
            cost = None
        elif start is not None:
            cost = escalate(item.base_cost, client.escalation_rate, as_of_fy,
                            fiscal_year_of(start, start_month))
        else:
            cost = item.cost
        found.append(Candidate(
            item.asset.tag, item.asset.name, item.asset.category, item.due, item.fiscal_year,
            item.overdue, cost, tuple(linked.get(item.asset.tag.casefold(), ()))))
    return found


@dataclass(frozen=True)
class AssetGroup:
    """Assets of one category due in one fiscal year (or overdue): one quick pick."""

    category: str
    fiscal_year: int | None  # None: overdue
    tags: tuple[str, ...]
    cost: Decimal

    @property
    def label(self) -> str:
        when = "overdue" if self.fiscal_year is None else f"due in FY{self.fiscal_year}"
        count = "the one" if len(self.tags) == 1 else f"all {len(self.tags)}"
        return f"{self.category}: {count} {when} ({self.cost:,.2f})"


def asset_groups(candidates: Iterable[Candidate]) -> list[AssetGroup]:
    """Quick picks: per category, the overdue ones and those due in each fiscal year."""
    groups: dict[tuple[str, int | None], list[Candidate]] = {}
    for c in candidates:
        if c.due is None:
            continue
        key = (c.category, None if c.overdue else c.fiscal_year)
        groups.setdefault(key, []).append(c)
    ordered = sorted(groups.items(), key=lambda kv: (
        kv[0][1] is not None, kv[0][1] or 0, kv[0][0]))
    return [AssetGroup(category, year, tuple(c.tag for c in items),
                       sum((c.cost or ZERO for c in items), ZERO))
            for (category, year), items in ordered]
