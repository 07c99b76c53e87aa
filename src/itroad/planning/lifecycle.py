"""When each asset must be replaced, and what the replacement will cost.

The rules: docs/rules.md, "Replacement due date" and "Replacement cost and escalation".

Replacement due date, first rule that applies:

1. ``replace_on`` when set (a deferral, with its reason);
2. the policy's basis is ``warranty`` and the warranty end is known: the warranty end;
3. purchase date + lifecycle months (asset override, else the category's policy),
   clamped to the month's end;
4. otherwise the asset is *unscheduled* ("needs data"): counted, never dropped.

Retired and disposed assets are never scheduled. An asset due before ``as_of``
is *overdue*.

Replacement cost: the asset's override, else the policy's standard cost, else
the purchase cost; escalated by the client's yearly rate for each fiscal year
from the fiscal year of ``as_of`` to that of the due date (exponent 0 when overdue).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from itroad.domain.enums import CURRENT_ASSET_STATUSES, LifecycleBasis
from itroad.domain.models import Asset, Client, LifecyclePolicy
from itroad.domain.money import round_money
from itroad.planning.calendar import add_months, fiscal_year_of, fiscal_year_of_month, month_index

ONE = Decimal(1)
_WARRANTY = LifecycleBasis.WARRANTY  # (an enum member looked up once, not per asset)


@dataclass(frozen=True, slots=True)
class ScheduledAsset:
    """One current asset and its next replacement.

    ``cost`` is the replacement cost escalated to the fiscal year of ``due``
    (for an unscheduled asset: the replacement cost, not escalated);
    ``base_cost`` is the same cost before escalation. Both are ``None`` when no
    cost is known (no override, no policy cost, no purchase cost).
    """

    asset: Asset
    due: date | None
    cost: Decimal | None
    base_cost: Decimal | None
    overdue: bool
    unscheduled: bool
    basis: str
    fiscal_year: int | None = None

    @property
    def tag(self) -> str:
        return self.asset.tag

    @property
    def name(self) -> str:
        return self.asset.name


def policies_by_category(policies: Iterable[LifecyclePolicy]) -> dict[str, LifecyclePolicy]:
    """The policy of each category (the first one wins when a category repeats)."""
    found: dict[str, LifecyclePolicy] = {}
    for policy in policies:
        found.setdefault(policy.category, policy)
    return found


def replacement_due(asset: Asset, policy: LifecyclePolicy | None) -> tuple[date | None, str]:
    """``(due date or None, basis)``: the first of the four rules that applies.

    The basis is a short human reason: ``"replace_on (deferred: budget)"``,
    ``"warranty end"``, ``"purchased + 48 months"``, ``"needs data: no purchase date"``.
    Status is not looked at here (see :func:`schedule_asset`).
    """
    if asset.replace_on is not None:
        reason = f" (deferred: {asset.replace_reason})" if asset.replace_reason else ""
        return asset.replace_on, f"replace_on{reason}"
    if (
        policy is not None
        and policy.basis is LifecycleBasis.WARRANTY
        and asset.warranty_end is not None
    ):
        return asset.warranty_end, "warranty end"
    months = asset.lifecycle_months or (policy.lifecycle_months if policy else None)
    if asset.purchase_date is not None and months:
        return add_months(asset.purchase_date, months), f"purchased + {months} months"
    missing = []
    if asset.purchase_date is None:
        missing.append("no purchase date")
    if not months:
        missing.append(f'no lifecycle months (no policy for "{asset.category}")')
    return None, "needs data: " + ", ".join(missing)


def base_replacement_cost(asset: Asset, policy: LifecyclePolicy | None) -> Decimal | None:
    """Asset override, else the policy's standard cost, else the purchase cost, else None."""
    if asset.replacement_cost is not None:
        return asset.replacement_cost
    if policy is not None and policy.replacement_cost is not None:
        return policy.replacement_cost
    return asset.purchase_cost


def escalate(cost: Decimal, rate: Decimal, fy_from: int, fy_to: int) -> Decimal:
    """``cost × (1 + rate) ^ (fy_to − fy_from)``, the exponent never below 0, rounded to the cent."""
    exponent = max(0, fy_to - fy_from)
    if exponent == 0 or not rate:
        return round_money(cost)
    return round_money(cost * (ONE + rate) ** exponent)


def schedule_asset(
    asset: Asset,
    policy: LifecyclePolicy | None,
    as_of: date,
    *,
    start_month: int = 1,
    rate: Decimal = Decimal(0),
) -> ScheduledAsset | None:
    """The next replacement of one asset as of a date; None for a retired or disposed asset."""
    return Scheduler(as_of, start_month, rate)(asset, policy)


class Scheduler:
    """:func:`schedule_asset` with what is shared by all the assets of a client computed once.

    :meth:`slot` is the same computation for a forecast: no date, no basis text, no
    :class:`ScheduledAsset`, and costs memoised on what assets share (base cost
    and escalation exponent).
    """

    def __init__(self, as_of: date, start_month: int, rate: Decimal) -> None:
        self.as_of = as_of
        self.start_month = start_month
        self.rate = rate
        self.as_of_fy = fiscal_year_of(as_of, start_month)
        self.as_of_month = month_index(as_of)
        self.factors: dict[int, Decimal] = {}
        #: Escalation exponent → base cost → cost.
        self.costs: dict[int, dict[Decimal, Decimal]] = {}

    def __call__(self, asset: Asset, policy: LifecyclePolicy | None) -> ScheduledAsset | None:
        if asset.status not in CURRENT_ASSET_STATUSES:
            return None
        due, basis = replacement_due(asset, policy)
        base = base_replacement_cost(asset, policy)
        if due is None:
            cost = round_money(base) if base is not None else None
            return ScheduledAsset(asset, None, cost, base, False, True, basis, None)
        overdue = due < self.as_of
        fiscal_year = fiscal_year_of(due, self.start_month)
        cost = None if base is None else self.escalated(base, 0 if overdue else fiscal_year - self.as_of_fy)
        return ScheduledAsset(asset, due, cost, base, overdue, False, basis, fiscal_year)

    def escalated(self, base: Decimal, exponent: int) -> Decimal:
        """``base × (1 + rate)^exponent`` rounded (:func:`escalate` with the exponent
        worked out; never below 0), each power of the rate computed once."""
        if exponent <= 0 or not self.rate:
            return round_money(base)
        factor = self.factors.get(exponent)
        if factor is None:
            factor = self.factors[exponent] = (ONE + self.rate) ** exponent
        return round_money(base * factor)

    def slot(
        self, asset: Asset, policy: LifecyclePolicy | None
    ) -> tuple[int | None, bool, Decimal | None]:
        """``(month of the due date, overdue, cost)`` of a *current* asset, as
        :meth:`__call__` has them, without a date, a text or an object.

        The month is a :func:`~itroad.planning.calendar.month_index` (None: the asset
        is unscheduled, and its cost is its base cost rounded, not escalated).
        The caller checks the status. What a forecast of 100,000 assets needs.
        """
        # The rules of replacement_due(), in the same order.
        due = asset.replace_on
        if due is None and policy is not None and policy.basis is _WARRANTY:
            due = asset.warranty_end
        if due is not None:
            month: int | None = month_index(due)
            overdue = due < self.as_of
        else:
            months = asset.lifecycle_months or (policy.lifecycle_months if policy else None)
            purchased = asset.purchase_date
            if purchased is not None and months:
                # add_months(purchased, months), compared with as_of without the date.
                month = month_index(purchased) + months
                # In as_of's month, the day decides; clamping it to the month's end
                # never changes the comparison (as_of's day is in that month too).
                if month != self.as_of_month:
                    overdue = month < self.as_of_month
                else:
                    overdue = purchased.day < self.as_of.day
            else:
                month, overdue = None, False
        # base_replacement_cost(), then the escalation of __call__.
        base = asset.replacement_cost
        if base is None:
            base = policy.replacement_cost if policy is not None else None
            if base is None:
                base = asset.purchase_cost
                if base is None:
                    return month, overdue, None
        if month is None or overdue or not self.rate:
            exponent = 0
        else:
            exponent = max(0, fiscal_year_of_month(month, self.start_month) - self.as_of_fy)
        costs = self.costs.get(exponent)
        if costs is None:
            costs = self.costs[exponent] = {}
        cost = costs.get(base)
        if cost is None:
            cost = costs[base] = self.escalated(base, exponent)
        return month, overdue, cost


def schedule_order(item: ScheduledAsset) -> tuple[int, date, str]:
    if item.due is None:
        return (1, date.max, item.asset.tag.casefold())
    return (0, item.due, item.asset.tag.casefold())


def schedule_assets(
    client: Client,
    as_of: date,
    *,
    assets: Iterable[Asset] | None = None,
    policies: Mapping[str, LifecyclePolicy] | None = None,
) -> list[ScheduledAsset]:
    """Every current asset of a client with its next replacement.

    Sorted: overdue first, then by due date, unscheduled last (ties by tag).
    Retired and disposed assets are left out. ``assets`` and ``policies`` default
    to the client's own.
    """
    by_category = policies if policies is not None else policies_by_category(client.policies)
    schedule = Scheduler(as_of, client.fiscal_year_start_month, client.escalation_rate)
    scheduled = []
    for asset in client.assets if assets is None else assets:
        item = schedule(asset, by_category.get(asset.category))
        if item is not None:
            scheduled.append(item)
    scheduled.sort(key=schedule_order)
    return scheduled
