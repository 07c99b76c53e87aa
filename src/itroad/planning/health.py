"""A client's health at a glance: what needs attention, and why (the Portfolio dashboard).

docs/rules.md, "Client health". Every figure is read off the engine that computes it
elsewhere, never computed a second way:

- ``due_30`` / ``due_90``: the items of :func:`itroad.planning.due.due_items` for a
  30- and a 90-day window (so things already late, such as overdue replacements,
  are counted in both, as ``itroad due`` lists them), their count, the sum of
  their known amounts and how many have no amount;
- this fiscal year (the one holding ``as_of``) and the next: the committed totals
  and budget targets of :attr:`Forecast.fiscal_years`
  (:func:`itroad.planning.forecast.forecast`, by year, two years); this year is
  *partial* when it is forecast from ``as_of`` after its first day — then only
  the rest of the year is committed, and it is never said to be "within" the whole
  year's target (as ``itroad forecast`` says it);
- ``overdue_assets`` / ``needs_data_assets``: the forecast's overdue and unscheduled
  summaries (current assets not planned in a counted initiative: an asset an
  initiative replaces is counted with it);
- ``missed_notices``: the renewals and contracts whose badge
  (:mod:`itroad.planning.attention`) says "NOTICE MISSED";
- ``raci_gaps``: counted initiatives (committed or proposed, not deferred or
  cancelled) with :meth:`~itroad.domain.models.Initiative.raci_problems`.

The mark, with its reasons in words (most serious first):

- **act**: a notice window missed that locks in a year or more (the NOTICE MISSED
  badge at error severity: a contract, or a renewal of a year or more); this
  fiscal year's commitment over its budget target (for a partial year: already
  over the whole year's target with only the rest of the year counted);
- **watch**: a notice window missed on a monthly or quarterly renewal; next fiscal
  year's commitment over its target; replacements overdue; assets that need data
  (no due date); initiatives with RACI gaps; items not yet late due within 30
  days;
- **good**: none of these.

Overdue replacements make a client "watch", never "act": most portfolios carry
some, and a mark that is "act" everywhere says nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from itroad.domain.models import Client
from itroad.domain.money import ZERO, format_money
from itroad.planning.attention import ERROR, Badge, contract_badges, renewal_badges
from itroad.planning.calendar import fiscal_year_bounds
from itroad.planning.due import DueItem, due_items
from itroad.planning.forecast import FiscalYearSummary, forecast

GOOD, WATCH, ACT = "good", "watch", "act"
MARKS = (ACT, WATCH, GOOD)

#: The two windows of the dashboard, in days from ``as_of``.
NEAR_DAYS, FAR_DAYS = 30, 90

_NOTICE_MISSED = "NOTICE MISSED"


@dataclass(frozen=True)
class DueSum:
    """Items of ``itroad due``'s list (:mod:`itroad.planning.due`) in a window."""

    count: int
    amount: Decimal  # sum of the known amounts (ZERO when none)
    unpriced: int  # items whose amount is None

    @classmethod
    def of(cls, items: Iterable[DueItem]) -> DueSum:
        count, amount, unpriced = 0, ZERO, 0
        for item in items:
            count += 1
            if item.amount is None:
                unpriced += 1
            else:
                amount += item.amount
        return cls(count, amount, unpriced)


@dataclass(frozen=True)
class ClientHealth:
    code: str
    name: str
    currency: str
    as_of: date
    due_30: DueSum
    due_90: DueSum
    fiscal_year: str  # "FY2027", the fiscal year holding as_of
    committed_this_fy: Decimal  # the forecast's committed total for that FY (from as_of)
    budget_this_fy: Decimal | None
    partial_this_fy: bool  # the forecast's FY starts after the FY's first day (from as_of)
    next_fiscal_year: str
    committed_next_fy: Decimal
    budget_next_fy: Decimal | None
    overdue_assets: int
    needs_data_assets: int
    missed_notices: int  # renewals + contracts whose notice window is missed
    raci_gaps: int  # counted (non-deferred/cancelled) initiatives failing the RACI rule
    mark: str  # GOOD / WATCH / ACT
    reasons: tuple[str, ...]  # in words, most serious first, e.g. "2 notice windows missed"

    @property
    def over_this_fy(self) -> Decimal | None:
        """How far this year's commitment is over its target (negative: under); None
        without a target."""
        return None if self.budget_this_fy is None else self.committed_this_fy - self.budget_this_fy

    @property
    def over_next_fy(self) -> Decimal | None:
        return None if self.budget_next_fy is None else self.committed_next_fy - self.budget_next_fy


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _missed(badges: Iterable[Badge]) -> Badge | None:
    return next((b for b in badges if b.text == _NOTICE_MISSED), None)


def client_health(client: Client, as_of: date) -> ClientHealth:
    """The client's figures and mark as of a date (see the module doc for the rules)."""
    near = due_items(client, as_of, NEAR_DAYS)
    far = due_items(client, as_of, FAR_DAYS)
    f = forecast(client, as_of, by="year", years=2)
    this_fy: FiscalYearSummary = f.fiscal_years[0]
    next_fy: FiscalYearSummary = f.fiscal_years[1]
    partial = this_fy.start > fiscal_year_bounds(this_fy.fiscal_year, f.fiscal_year_start_month)[0]

    missed = [b for b in (
        *(_missed(renewal_badges(r, as_of)) for r in client.renewals),
        *(_missed(contract_badges(c, as_of)) for c in client.contracts),
    ) if b is not None]
    missed_serious = sum(1 for b in missed if b.severity == ERROR)
    missed_minor = len(missed) - missed_serious
    raci_gaps = sum(1 for i in client.initiatives if i.status.counts and i.raci_problems())

    def money(amount: Decimal) -> str:
        return format_money(amount, client.currency)

    act: list[str] = []
    watch: list[str] = []
    if missed_serious:
        act.append(_plural(missed_serious, "notice window missed", "notice windows missed")
                   + " (locks in a year or more)")
    if this_fy.budget_target is not None and this_fy.total > this_fy.budget_target:
        over = money(this_fy.total - this_fy.budget_target)
        if partial:
            act.append(f"{this_fy.label} already over the whole year's budget by {over} "
                       f"(from {this_fy.start.isoformat()})")
        else:
            act.append(f"{this_fy.label} over budget by {over}")
    if missed_minor:
        watch.append(_plural(missed_minor, "notice window missed", "notice windows missed")
                     + " (monthly or quarterly)")
    if next_fy.budget_target is not None and next_fy.total > next_fy.budget_target:
        watch.append(f"{next_fy.label} forecast over budget by "
                     f"{money(next_fy.total - next_fy.budget_target)}")
    if f.overdue.count:
        watch.append(_plural(f.overdue.count, "replacement overdue", "replacements overdue")
                     + " and not planned")
    if f.unscheduled.count:
        watch.append(_plural(f.unscheduled.count, "asset needs data", "assets need data"))
    if raci_gaps:
        watch.append(_plural(raci_gaps, "initiative with RACI gaps", "initiatives with RACI gaps"))
    coming = DueSum.of(item for item in near if not item.late)
    if coming.count:
        priced = f" ({money(coming.amount)})" if coming.amount else ""
        watch.append(_plural(coming.count, "item", "items") + f" not yet late due within {NEAR_DAYS} days{priced}")

    mark = ACT if act else WATCH if watch else GOOD
    return ClientHealth(
        code=client.code,
        name=client.name,
        currency=client.currency,
        as_of=as_of,
        due_30=DueSum.of(near),
        due_90=DueSum.of(far),
        fiscal_year=this_fy.label,
        committed_this_fy=this_fy.total,
        budget_this_fy=this_fy.budget_target,
        partial_this_fy=partial,
        next_fiscal_year=next_fy.label,
        committed_next_fy=next_fy.total,
        budget_next_fy=next_fy.budget_target,
        overdue_assets=f.overdue.count,
        needs_data_assets=f.unscheduled.count,
        missed_notices=len(missed),
        raci_gaps=raci_gaps,
        mark=mark,
        reasons=(*act, *watch),
    )

