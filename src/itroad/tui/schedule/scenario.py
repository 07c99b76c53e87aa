"""What-if scenarios as data, and the rules for typing a replacement date.

A :class:`Scenario` holds changed policies, a changed escalation rate and
deferred (or brought forward) assets. :meth:`Scenario.apply` gives the client
as it would be — the planning engine then forecasts it like any client, so the
screen compares two forecasts made by the same function. Nothing here writes:
:meth:`Scenario.changes` turns it into the one transaction the store applies.

Pure: no Textual, no database.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from itroad.domain.models import Client, LifecyclePolicy
from itroad.domain.money import format_money
from itroad.domain.parse import DecimalSeparator, parse_date, parse_typed_rate
from itroad.planning.calendar import add_months
from itroad.planning.lifecycle import ScheduledAsset
from itroad.store.policies import Deferral, PlanChanges, PolicyChange, RateChange


def _fold(tag: str) -> str:
    return tag.casefold()


def percent_text(rate: Decimal) -> str:
    """``Decimal("0.035")`` -> ``"3.5 %"``."""
    value = (rate * 100).normalize()
    text = format(value, "f")
    return f"{text} %"


def parse_percent(text: str, decimal_separator: DecimalSeparator | None = None) -> Decimal:
    """A yearly rate typed as a percentage: ``"3"``, ``"3.5 %"``, ``"-1"`` -> 0.03, 0.035, -0.01."""
    if not text.strip():
        raise ValueError("type a percentage, such as 3 or 3.5")
    return parse_typed_rate(f"{text.strip().removesuffix('%').strip()} %",
                            decimal_separator=decimal_separator)


@dataclass(frozen=True)
class Scenario:
    """Changes to try, keyed by category (policies) and folded tag (deferrals)."""

    policies: Mapping[str, LifecyclePolicy] = field(default_factory=dict)
    rate: Decimal | None = None
    deferrals: Mapping[str, Deferral] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not self.policies and self.rate is None and not self.deferrals

    # ------------------------------------------------------------------ building

    def with_policy(self, policy: LifecyclePolicy, original: LifecyclePolicy | None) -> Scenario:
        """The scenario with ``policy``; a policy equal to the client's own drops out."""
        policies = dict(self.policies)
        if policy == original:
            policies.pop(policy.category, None)
        else:
            policies[policy.category] = policy
        return Scenario(policies, self.rate, self.deferrals)

    def with_rate(self, rate: Decimal, original: Decimal) -> Scenario:
        return Scenario(self.policies, None if rate == original else rate, self.deferrals)

    def with_deferrals(self, deferrals: Iterable[Deferral], client: Client) -> Scenario:
        """The scenario with these replacement dates; one equal to the asset's own drops out."""
        merged = dict(self.deferrals)
        assets = {_fold(a.tag): a for a in client.assets}
        for deferral in deferrals:
            key = _fold(deferral.tag)
            asset = assets.get(key)
            reason = deferral.reason if deferral.replace_on is not None else None
            if asset is not None and (asset.replace_on, asset.replace_reason) == (
                deferral.replace_on, reason
            ):
                merged.pop(key, None)
            else:
                merged[key] = Deferral(deferral.tag, deferral.replace_on, reason)
        return Scenario(self.policies, self.rate, merged)

    def policy_for(self, category: str, client: Client) -> LifecyclePolicy | None:
        """The policy of a category as the scenario has it."""
        if category in self.policies:
            return self.policies[category]
        return next((p for p in client.policies if p.category == category), None)

    def rate_for(self, client: Client) -> Decimal:
        return client.escalation_rate if self.rate is None else self.rate

    # ------------------------------------------------------------------ using

    def apply(self, client: Client) -> Client:
        """The client as the scenario would make it (the client itself is not changed)."""
        if self.empty:
            return client
        update: dict[str, object] = {}
        if self.policies:
            seen = set()
            policies = []
            for policy in client.policies:
                seen.add(policy.category)
                policies.append(self.policies.get(policy.category, policy))
            policies.extend(p for c, p in self.policies.items() if c not in seen)
            update["policies"] = policies
        if self.rate is not None:
            update["escalation_rate"] = self.rate
        if self.deferrals:
            assets = []
            for asset in client.assets:
                deferral = self.deferrals.get(_fold(asset.tag))
                if deferral is not None:
                    asset = asset.model_copy(
                        update={"replace_on": deferral.replace_on, "replace_reason": deferral.reason}
                    )
                assets.append(asset)
            update["assets"] = assets
        return client.model_copy(update=update)

    def changes(self, client: Client) -> PlanChanges:
        """What :func:`itroad.store.policies.apply_changes` writes, expecting ``client``'s values."""
        originals = {p.category: p for p in client.policies}
        return PlanChanges(
            policies=tuple(
                PolicyChange(policy, originals.get(category))
                for category, policy in self.policies.items()
            ),
            rate=None if self.rate is None else RateChange(self.rate, client.escalation_rate),
            deferrals=tuple(self.deferrals.values()),
        )

    def describe(self, client: Client) -> list[str]:
        """One short phrase per change, for the what-if banner."""
        phrases = []
        originals = {p.category: p for p in client.policies}
        for category, policy in self.policies.items():
            old = originals.get(category)
            if old is None:
                phrases.append(f"{category}: new policy {policy.lifecycle_months} mo")
                continue
            if old.lifecycle_months != policy.lifecycle_months:
                phrases.append(f"{category} {old.lifecycle_months}→{policy.lifecycle_months} mo")
            if old.replacement_cost != policy.replacement_cost:
                phrases.append(
                    f"{category} cost {format_money(old.replacement_cost) or 'none'}"
                    f"→{format_money(policy.replacement_cost) or 'none'}"
                )
            if old.basis != policy.basis:
                phrases.append(f"{category} basis {old.basis.value}→{policy.basis.value}")
        if self.rate is not None:
            phrases.append(
                f"escalation {percent_text(client.escalation_rate)}→{percent_text(self.rate)}"
            )
        if self.deferrals:
            count = len(self.deferrals)
            phrases.append(f"{count} asset{'s' if count != 1 else ''} re-dated")
        return phrases


# --------------------------------------------------------------------------- dates

_RELATIVE = re.compile(r"^([+-])\s*(\d{1,3})\s*([mMyY])$")

#: What the date field of the defer dialog accepts, in a sentence.
DATE_HELP = "a date (2027-06-30), or +6m / +1y (-6m, -1y) from each asset's due date"


@dataclass(frozen=True)
class DatePlan:
    """The replacement dates a typed answer gives, or the sentence saying what is wrong."""

    deferrals: tuple[Deferral, ...] = ()
    error: str | None = None


def plan_dates(
    items: Sequence[ScheduledAsset],
    when: str,
    reason: str,
    *,
    forward: bool,
    as_of: date,
) -> DatePlan:
    """Turn the defer (``forward=False``) or bring-forward dialog's answer into deferrals.

    ``when`` is a date, ``+Nm``/``+Ny`` (``-`` to bring forward) from each asset's
    current due date, or empty to remove a deferral (defer only). A deferral must
    move each dated asset later, a bring-forward earlier but not before ``as_of``.
    A reason is required for a new date.
    """
    text = when.strip()
    reason = " ".join(reason.split())
    if not items:
        return DatePlan(error="no asset is selected")
    if not text:
        if forward:
            return DatePlan(error=f"type the new date: {DATE_HELP}")
        undeferred = [i for i in items if i.asset.replace_on is not None]
        if not undeferred:
            return DatePlan(error="none of these has a deferral to remove: type a new date")
        return DatePlan(tuple(Deferral(i.asset.tag, None, None) for i in undeferred))
    if not reason:
        return DatePlan(error="give a reason (it is kept with the asset and shown in the schedule)")
    if len(reason) > 4000:
        return DatePlan(error="the reason is too long (4,000 characters at most)")
    relative = _RELATIVE.match(text)
    deferrals = []
    for item in items:
        tag = item.asset.tag
        if relative:
            if item.due is None:
                return DatePlan(error=f"{tag} has no due date to count from: type a date instead")
            sign, number, unit = relative.groups()
            months = int(number) * (12 if unit in "yY" else 1) * (-1 if sign == "-" else 1)
            if months == 0:
                return DatePlan(error="move by at least one month")
            new = add_months(item.due, months)
        else:
            try:
                new = parse_date(text)
            except ValueError:
                return DatePlan(error=f'"{text}" is not a date: type {DATE_HELP}')
        if forward:
            if new < as_of:
                return DatePlan(error=f"{new} is before today ({as_of}): choose {as_of} or later")
            if item.due is not None and new >= item.due:
                return DatePlan(
                    error=f"{new} is not earlier than {tag}'s due date {item.due}: "
                    "use f to defer instead"
                )
        elif item.due is not None and new <= item.due:
            return DatePlan(
                error=f"{new} is not later than {tag}'s due date {item.due}: "
                "use b to bring it forward instead"
            )
        deferrals.append(Deferral(tag, new, reason))
    return DatePlan(tuple(deferrals))
