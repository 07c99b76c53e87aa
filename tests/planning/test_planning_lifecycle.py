"""Replacement due dates and costs (docs/rules.md, "Replacement due date",
"Replacement cost and escalation")."""

from datetime import date
from decimal import Decimal

from itroad.domain.models import Asset, Client, LifecyclePolicy
from itroad.planning.lifecycle import (
    base_replacement_cost,
    escalate,
    replacement_due,
    schedule_assets,
)

AS_OF = date(2026, 11, 22)
LAPTOP_48 = LifecyclePolicy(category="laptop", lifecycle_months=48, replacement_cost="1400.00")
DESKTOP_WARRANTY = LifecyclePolicy(
    category="desktop", lifecycle_months=60, replacement_cost="900.00", basis="warranty"
)


def asset(tag="A-1", category="laptop", **fields) -> Asset:
    return Asset(tag=tag, name=f"Asset {tag}", category=category, **fields)


def client(*assets, rate="0", start_month=1, policies=(LAPTOP_48, DESKTOP_WARRANTY)) -> Client:
    return Client(
        code="t", name="T", assets=list(assets), policies=list(policies),
        escalation_rate=rate, fiscal_year_start_month=start_month,
    )


def test_age_basis_is_purchase_plus_lifecycle_months_clamped():
    due, basis = replacement_due(asset(purchase_date=date(2024, 1, 31)), LifecyclePolicy(
        category="laptop", lifecycle_months=1))
    assert due == date(2024, 2, 29)
    assert basis == "purchased + 1 months"
    due, basis = replacement_due(asset(purchase_date=date(2023, 3, 15)), LAPTOP_48)
    assert (due, basis) == (date(2027, 3, 15), "purchased + 48 months")


def test_asset_lifecycle_override_beats_the_policy():
    due, basis = replacement_due(asset(purchase_date=date(2023, 3, 15), lifecycle_months=36), LAPTOP_48)
    assert (due, basis) == (date(2026, 3, 15), "purchased + 36 months")


def test_warranty_basis_uses_the_warranty_end():
    a = asset(category="desktop", purchase_date=date(2023, 3, 15), warranty_end=date(2026, 3, 15))
    assert replacement_due(a, DESKTOP_WARRANTY) == (date(2026, 3, 15), "warranty end")


def test_warranty_basis_without_warranty_end_falls_back_to_age():
    a = asset(category="desktop", purchase_date=date(2023, 3, 15))
    assert replacement_due(a, DESKTOP_WARRANTY) == (date(2028, 3, 15), "purchased + 60 months")


def test_age_basis_ignores_the_warranty_end():
    a = asset(purchase_date=date(2023, 3, 15), warranty_end=date(2026, 3, 15))
    assert replacement_due(a, LAPTOP_48)[0] == date(2027, 3, 15)


def test_replace_on_wins_over_everything():
    a = asset(
        category="desktop", purchase_date=date(2020, 1, 1), warranty_end=date(2023, 1, 1),
        replace_on=date(2027, 9, 1), replace_reason="budget",
    )
    assert replacement_due(a, DESKTOP_WARRANTY) == (date(2027, 9, 1), "replace_on (deferred: budget)")
    assert replacement_due(asset(replace_on=date(2027, 9, 1)), None) == (date(2027, 9, 1), "replace_on")


def test_unscheduled_when_data_is_missing():
    due, basis = replacement_due(asset(), LAPTOP_48)
    assert due is None and basis == "needs data: no purchase date"
    due, basis = replacement_due(asset(category="printer", purchase_date=date(2024, 1, 1)), None)
    assert due is None and basis.startswith("needs data: no lifecycle months")


def test_unscheduled_assets_are_counted_not_dropped():
    items = schedule_assets(
        client(asset("U-1", purchase_cost="300.00"), asset("S-1", purchase_date=date(2024, 1, 1))), AS_OF)
    assert [i.tag for i in items] == ["S-1", "U-1"]
    unscheduled = items[-1]
    assert unscheduled.unscheduled and unscheduled.due is None
    assert unscheduled.cost == Decimal("1400.00")  # the policy's cost, not escalated
    assert unscheduled.basis == "needs data: no purchase date"


def test_retired_and_disposed_are_never_scheduled():
    c = client(
        asset("R-1", status="retired", purchase_date=date(2020, 1, 1)),
        asset("D-1", status="disposed", replace_on=date(2027, 1, 1)),
        asset("S-1", status="spare", purchase_date=date(2024, 1, 1)),
        asset("F-1", status="in_repair", purchase_date=date(2024, 1, 1)),
    )
    assert {i.tag for i in schedule_assets(c, AS_OF)} == {"S-1", "F-1"}


def test_overdue_when_due_before_as_of():
    c = client(asset("O-1", purchase_date=date(2022, 11, 21)), asset("T-1", purchase_date=date(2022, 11, 22)))
    items = {i.tag: i for i in schedule_assets(c, AS_OF)}
    assert items["O-1"].overdue and items["O-1"].due == date(2026, 11, 21)
    assert not items["T-1"].overdue  # due on as_of itself is not overdue


def test_replacement_cost_order_override_policy_purchase():
    overridden = asset(replacement_cost="2000.00", purchase_cost="900.00")
    assert base_replacement_cost(overridden, LAPTOP_48) == Decimal("2000.00")
    assert base_replacement_cost(asset(purchase_cost="900.00"), LAPTOP_48) == Decimal("1400.00")
    assert base_replacement_cost(asset(purchase_cost="900.00"), None) == Decimal("900.00")
    assert base_replacement_cost(asset(), None) is None


def test_escalation_per_fiscal_year_between_as_of_and_due():
    # start month 7: as_of 2026-11-22 is FY2027; due 2028-08-01 is FY2029 -> 2 years.
    c = client(asset(replace_on=date(2028, 8, 1), replacement_cost="1000.00"), rate="0.03", start_month=7)
    [item] = schedule_assets(c, AS_OF)
    assert item.fiscal_year == 2029
    assert item.cost == Decimal("1060.90")  # 1000 × 1.03²
    assert item.base_cost == Decimal("1000.00")


def test_escalation_is_by_fiscal_year_not_elapsed_time():
    # Due 40 days later but in the next fiscal year: one year of escalation.
    c = client(asset(replace_on=date(2027, 1, 1), replacement_cost="1000.00"), rate="0.05")
    assert schedule_assets(c, date(2026, 12, 31))[0].cost == Decimal("1050.00")
    # Due nearly a year later in the same fiscal year: none.
    c = client(asset(replace_on=date(2026, 12, 31), replacement_cost="1000.00"), rate="0.05")
    assert schedule_assets(c, date(2026, 1, 1))[0].cost == Decimal("1000.00")


def test_overdue_exponent_is_zero():
    c = client(asset(replace_on=date(2024, 5, 1), replacement_cost="1000.00"), rate="0.10")
    [item] = schedule_assets(c, AS_OF)
    assert item.overdue and item.cost == Decimal("1000.00")


def test_escalate_rounds_half_up_once_and_never_below_exponent_0():
    assert escalate(Decimal("10.00"), Decimal("0.0005"), 2026, 2027) == Decimal("10.01")  # 10.005
    assert escalate(Decimal("100.00"), Decimal("0.03"), 2026, 2024) == Decimal("100.00")
    assert escalate(Decimal("333.33"), Decimal("0.03"), 2026, 2029) == Decimal("364.24")  # 364.2387…


def test_schedule_is_sorted_overdue_then_due_then_unscheduled():
    c = client(
        asset("U-1"),
        asset("L-2", replace_on=date(2028, 1, 1)),
        asset("L-1", replace_on=date(2027, 1, 1)),
        asset("O-1", replace_on=date(2025, 1, 1)),
    )
    assert [i.tag for i in schedule_assets(c, AS_OF)] == ["O-1", "L-1", "L-2", "U-1"]
