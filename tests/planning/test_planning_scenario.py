"""What-if scenarios (planning/scenario.py): changes that drop out when they undo
themselves, the client as a scenario makes it, and the changes the store writes."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from tests.conftest import AS_OF, tui_portfolio

from itroad.domain.models import LifecyclePolicy
from itroad.planning.forecast import forecast
from itroad.planning.scenario import Deferral, Scenario


@pytest.fixture(scope="module")
def acme():
    return tui_portfolio().clients[0]


def test_scenario_drops_changes_back_to_the_original(acme):
    laptop = acme.policies[0]
    scenario = Scenario().with_policy(laptop.model_copy(update={"lifecycle_months": 60}), laptop)
    assert not scenario.empty
    assert scenario.with_policy(laptop, laptop).empty
    assert Scenario().with_rate(acme.escalation_rate, acme.escalation_rate).empty
    deferred = Scenario().with_deferrals([Deferral("ACME-0001", date(2027, 6, 30), "x")], acme)
    assert not deferred.empty
    assert deferred.with_deferrals([Deferral("acme-0001", None, None)], acme).empty


def test_scenario_changes_expect_what_the_client_has(acme):
    laptop = acme.policies[0]
    printer = LifecyclePolicy(category="printer", lifecycle_months=72)
    scenario = (
        Scenario()
        .with_policy(laptop.model_copy(update={"lifecycle_months": 60}), laptop)
        .with_policy(printer, None)
        .with_rate(Decimal("0.05"), acme.escalation_rate)
        .with_deferrals([Deferral("ACME-0001", date(2027, 6, 30), "budget")], acme)
    )
    changes = scenario.changes(acme)
    assert [(c.policy.category, c.expected) for c in changes.policies] == [
        ("laptop", laptop), ("printer", None),
    ]
    assert changes.rate.expected == Decimal("0.03") and changes.rate.rate == Decimal("0.05")
    assert changes.deferrals == (Deferral("ACME-0001", date(2027, 6, 30), "budget"),)
    applied = scenario.apply(acme)
    assert [p.category for p in applied.policies] == ["laptop", "desktop", "printer"]
    assert applied.assets[0].replace_on == date(2027, 6, 30)
    assert acme.assets[0].replace_on is None


def test_a_deferred_asset_is_forecast_at_its_new_date(acme):
    """The what-if's client goes through the same forecast: the overdue laptop
    deferred to 2027-09-30 leaves the overdue summary and counts in FY2028
    (fiscal years from July), escalated by one fiscal year."""
    scenario = Scenario().with_deferrals([Deferral("ACME-0001", date(2027, 9, 30), "budget")], acme)
    before = forecast(acme, AS_OF, by="year", years=2)
    after = forecast(scenario.apply(acme), AS_OF, by="year", years=2)
    assert [i.asset.tag for i in before.schedule if i.overdue] == ["ACME-0001"]
    assert not [i for i in after.schedule if i.overdue]
    assert before.overdue.amount == Decimal("899.00") and after.overdue.count == 0
    first, second = (p.line("hardware") for p in after.periods)
    assert first == before.periods[0].line("hardware") - Decimal("899.00")
    assert second == before.periods[1].line("hardware") + Decimal("925.97")  # 899.00 × 1.03
