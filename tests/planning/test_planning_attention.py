"""Badges: text for what needs attention, from the same rules as the planning engine."""

from datetime import date

from itroad.domain.models import Contract, Renewal
from itroad.planning.attention import asset_badges, contract_badges, renewal_badges

AS_OF = date(2026, 11, 22)


def texts(badges):
    return [b.text for b in badges]


def test_asset_badges():
    assert texts(asset_badges("in_use", date(2026, 1, 1), date(2027, 1, 1), date(2022, 1, 1), AS_OF)) == [
        "OVERDUE", "WARRANTY ENDS"]
    assert texts(asset_badges("in_use", date(2027, 5, 1), date(2026, 1, 1), date(2023, 5, 1), AS_OF)) == [
        "DUE SOON", "NO WARRANTY"]
    assert texts(asset_badges("spare", None, None, None, AS_OF)) == ["NEEDS DATA"]
    assert texts(asset_badges("in_use", None, None, date(2024, 1, 1), AS_OF)) == ["NO POLICY"]
    assert asset_badges("retired", date(2020, 1, 1), None, None, AS_OF) == []
    assert asset_badges("in_use", date(2030, 1, 1), date(2030, 1, 1), date(2025, 1, 1), AS_OF) == []


def renewal(**kw):
    return Renewal(**{"name": "R", "unit_cost": "10.00", **kw})


def test_renewal_badges_follow_the_series():
    assert texts(renewal_badges(renewal(next_renewal="2026-12-10", notice_days=14, auto_renew=True), AS_OF)) == [
        "CANCEL BY SOON"]
    assert texts(renewal_badges(renewal(next_renewal="2026-12-10"), AS_OF)) == ["RENEW SOON"]
    # An annual renewal whose cancel-by passed: locked in for a year.
    missed = renewal_badges(renewal(next_renewal="2027-01-01", notice_days=90, auto_renew=True), AS_OF)
    assert texts(missed) == ["NOTICE MISSED"] and missed[0].severity == "error"
    # A monthly one with 60 days' notice is always "missed" for the next month: a warning.
    monthly = renewal_badges(renewal(next_renewal="2026-12-01", period_months=1, notice_days=60), AS_OF)
    assert monthly[0].severity == "warning"
    # A stale recorded date rolls forward: 2025-03-31 yearly -> 2027-03-31, cancel by 2027-03-01.
    assert renewal_badges(renewal(next_renewal="2025-03-31", notice_days=30, auto_renew=True), AS_OF) == []
    assert texts(renewal_badges(renewal(next_renewal="2025-03-31", end_date="2026-01-01"), AS_OF)) == ["ENDED"]


def test_contract_badges():
    msp = Contract(title="MSP", start="2024-01-01", end="2027-03-31", amount="1.00", notice_days=120)
    assert texts(contract_badges(msp, AS_OF)) == ["CANCEL BY SOON", "ENDS SOON"]
    late = msp.model_copy(update={"notice_days": 180})
    assert texts(contract_badges(late, AS_OF)) == ["NOTICE MISSED", "ENDS SOON"]
    renewing = msp.model_copy(update={"auto_renew": True, "notice_days": 30, "end": date(2027, 6, 30)})
    assert contract_badges(renewing, AS_OF) == []
    ended = Contract(title="Old", start="2020-01-01", end="2021-01-01", amount="1.00")
    assert texts(contract_badges(ended, AS_OF)) == ["ENDED"]
    assert contract_badges(Contract(title="Open", start="2020-01-01", amount="1.00"), AS_OF) == []
