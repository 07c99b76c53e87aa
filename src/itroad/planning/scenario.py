"""What-if scenarios, and the changes to a client's plan they stand for.

A :class:`Scenario` holds changed policies, a changed escalation rate and
deferred (or brought forward) assets. :meth:`Scenario.apply` gives the client
as it would be — the planning engine then forecasts it like any client, so a
what-if is compared with two forecasts made by the same function. Nothing here
writes: :meth:`Scenario.changes` turns a scenario into a :class:`PlanChanges`,
the one transaction the store applies (``itroad.store.policies.apply_changes``).

The change types name what each change expects to find (the policy or rate
that was shown): the store refuses a change whose expectation no longer holds.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from itroad.domain.models import Client, LifecyclePolicy


@dataclass(frozen=True)
class PolicyChange:
    """Set the policy of ``policy.category``; ``expected`` is the policy the screen
    showed (None: there was none, the change adds one)."""

    policy: LifecyclePolicy
    expected: LifecyclePolicy | None


@dataclass(frozen=True)
class RateChange:
    """Set the client's yearly escalation rate; ``expected`` is the rate shown."""

    rate: Decimal
    expected: Decimal


@dataclass(frozen=True)
class Deferral:
    """Replace asset ``tag`` on ``replace_on`` for ``reason`` (a later date defers,
    an earlier one brings forward); ``replace_on`` None removes a deferral."""

    tag: str
    replace_on: date | None
    reason: str | None = None


@dataclass(frozen=True)
class PlanChanges:
    """Everything a what-if scenario changes, written together in one transaction."""

    policies: tuple[PolicyChange, ...] = ()
    rate: RateChange | None = None
    deferrals: tuple[Deferral, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.policies and self.rate is None and not self.deferrals


def _fold(tag: str) -> str:
    return tag.casefold()


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
        """What the store writes to make the scenario real, expecting ``client``'s values."""
        originals = {p.category: p for p in client.policies}
        return PlanChanges(
            policies=tuple(
                PolicyChange(policy, originals.get(category))
                for category, policy in self.policies.items()
            ),
            rate=None if self.rate is None else RateChange(self.rate, client.escalation_rate),
            deferrals=tuple(self.deferrals.values()),
        )
