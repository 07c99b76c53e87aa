"""What needs a decision or an action soon (``itroad due``)."""

from datetime import date
from decimal import Decimal

import pytest

from itroad.domain.models import Asset, Client, Contract, Initiative, Person, Renewal
from itroad.planning.due import due_groups, due_items, due_items_for, due_totals, next_term_amount
from itroad.planning.forecast import forecast

AS_OF = date(2026, 11, 22)


def make_client(code="t", **fields) -> Client:
    return Client(code=code, name=code.upper(), people=[Person(name="Jane Doe", email="jane@t.example")], **fields)


def test_auto_renewal_with_cancel_by_in_the_window():
    c = make_client(renewals=[Renewal(name="M365", unit_cost="22.00", quantity=12, period_months=12,
                                      next_renewal=date(2026, 12, 31), auto_renew=True, notice_days=30,
                                      owner="jane@t.example")])
    [item] = due_items(c, AS_OF, 30)
    assert (item.kind, item.name, item.date, item.owner, item.amount) == (
        "renewal", "M365", date(2026, 12, 1), "Jane Doe", Decimal("264.00"))
    assert item.action == "Decide whether to renew (cancel by 2026-12-01)"
    assert not item.late
    assert due_items(c, AS_OF, 8) == []  # cancel-by is 9 days away


def test_auto_renewal_with_missed_notice_is_listed_first():
    c = make_client(
        renewals=[Renewal(name="Backup", unit_cost="10.00", period_months=12, next_renewal=date(2026, 12, 15),
                          auto_renew=True, notice_days=30)],
        assets=[Asset(tag="A-1", name="Laptop", category="laptop", replace_on=date(2026, 12, 1),
                      assigned_to="jane@t.example")],
    )
    items = due_items(c, AS_OF, 30)
    assert [i.kind for i in items] == ["renewal", "replacement"]
    missed = items[0]
    assert missed.late and missed.date == date(2026, 11, 15)
    assert missed.action == (
        "Notice window missed (cancel by was 2026-11-15): renews on 2026-12-15; "
        "cancel by 2027-11-15 to stop the one after"
    )
    assert items[1].action == "Replace by 2026-12-01" and items[1].owner == "Jane Doe"
    assert items[1].tag == "A-1"


def test_manual_renewal_coming_up():
    c = make_client(renewals=[Renewal(name="example.com", kind="domain", unit_cost="15.00",
                                      next_renewal=date(2026, 12, 15), owner="Someone Else")])
    [item] = due_items(c, AS_OF, 30)
    assert item.action == "Renew manually before 2026-12-15"
    assert item.owner == "Someone Else"
    assert due_items(c, AS_OF, 10) == []


def test_manual_renewal_whose_date_has_passed():
    c = make_client(renewals=[Renewal(name="cert", kind="certificate", unit_cost="15.00",
                                      next_renewal=date(2026, 10, 1))])
    [item] = due_items(c, AS_OF, 0)
    assert item.late and item.date == date(2026, 10, 1)
    assert item.action.startswith("Renewal was due on 2026-10-01")


def test_contract_cancel_by_in_window_and_missed():
    c = make_client(contracts=[
        Contract(title="MSP", start=date(2025, 1, 1), end=date(2027, 1, 31), amount="1500.00",
                 auto_renew=True, renewal_term_months=12, notice_days=60),
        Contract(title="Telecom", start=date(2025, 1, 1), end=date(2026, 12, 31), amount="80.00",
                 auto_renew=True, renewal_term_months=12, notice_days=60),
        Contract(title="Lease", start=date(2024, 1, 1), end=date(2026, 12, 20), amount="80.00"),
        Contract(title="Open", start=date(2024, 1, 1), amount="80.00", notice_days=30),
    ])
    items = due_items(c, AS_OF, 30)
    assert [(i.name, i.date) for i in items] == [
        ("Telecom", date(2026, 11, 1)), ("MSP", date(2026, 12, 2)), ("Lease", date(2026, 12, 20))]
    assert items[0].action.startswith("Notice window missed (cancel by was 2026-11-01)")
    assert items[1].action == "Decide whether to renew (cancel by 2026-12-02)"
    assert items[2].action == "Contract ends on 2026-12-20: renew or replace it"


def test_replacements_overdue_and_warranties_ending():
    c = make_client(
        assets=[
            Asset(tag="PC-1", name="Old PC", category="desktop", replace_on=date(2025, 9, 30),
                  replacement_cost="900.00"),
            Asset(tag="PC-2", name="New PC", category="desktop", purchase_date=date(2024, 1, 1),
                  warranty_end=date(2026, 12, 10), lifecycle_months=60),
            Asset(tag="PC-3", name="Gone", category="desktop", status="retired", replace_on=date(2025, 1, 1),
                  warranty_end=date(2026, 12, 1)),
        ],
        initiatives=[Initiative(title="Refresh", category="infrastructure", start=date(2027, 1, 1),
                                assets=["PC-1"], status="approved")],
    )
    items = due_items(c, AS_OF, 30)
    assert [(i.kind, i.tag, i.date) for i in items] == [
        ("replacement", "PC-1", date(2025, 9, 30)), ("warranty", "PC-2", date(2026, 12, 10))]
    assert items[0].action == 'Replace (overdue since 2025-09-30) (planned in "Refresh")'
    assert items[1].action == "Warranty ends: extend or plan replacement"


def test_several_clients_soonest_first():
    a = make_client("a", renewals=[Renewal(name="R", unit_cost="1.00", next_renewal=date(2026, 12, 20))])
    b = make_client("b", renewals=[Renewal(name="R", unit_cost="1.00", next_renewal=date(2026, 12, 1))])
    items = due_items_for([a, b], AS_OF, 60)
    assert [(i.client, i.date) for i in items] == [("b", date(2026, 12, 1)), ("a", date(2026, 12, 20))]


def _forecast_line(client, line: str, day: date, years: int = 1) -> Decimal:
    """The forecast's amount on ``line`` for the month holding ``day``."""
    f = forecast(client, AS_OF, by="month", years=years)
    [period] = [p for p in f.periods if p.start <= day <= p.end]
    return getattr(period, line)


def test_amounts_are_what_the_forecast_counts_for_the_same_item():
    renewal = Renewal(name="M365", unit_cost="22.00", quantity=12, period_months=12, escalation_rate="0.10",
                      next_renewal=date(2025, 12, 31), auto_renew=True, notice_days=30)
    asset = Asset(tag="PC-9", name="CAD PC", category="desktop", replace_on=date(2027, 2, 15),
                  replacement_cost="2000.00")
    c = make_client(escalation_rate="0.05", renewals=[renewal], assets=[asset])
    items = {i.kind: i for i in due_items(c, AS_OF, 90)}
    # The upcoming occurrence is the second (k=1): escalated once, 264.00 × 1.10.
    assert items["renewal"].amount == Decimal("290.40")
    assert items["renewal"].amount == _forecast_line(c, "renewals", date(2026, 12, 31))
    # Due in FY2027, one fiscal year after as_of: 2000.00 × 1.05.
    assert items["replacement"].amount == Decimal("2100.00")
    assert items["replacement"].amount == _forecast_line(c, "hardware", date(2027, 2, 15), years=2)


def test_a_warranty_ending_is_left_out_when_the_replacement_is_listed_so_its_cost_counts_once():
    c = make_client(assets=[
        # Overdue, its warranty still running into the window.
        Asset(tag="PC-1", name="Old PC", category="desktop", replace_on=date(2025, 9, 30),
              warranty_end=date(2026, 12, 5), replacement_cost="900.00"),
        # Due in the window, its warranty ending earlier in the same window.
        Asset(tag="PC-2", name="Due PC", category="desktop", replace_on=date(2027, 2, 1),
              warranty_end=date(2026, 12, 20), replacement_cost="1000.00"),
        # Due after the window: the warranty ending is the only thing to decide now.
        Asset(tag="PC-3", name="Later PC", category="desktop", replace_on=date(2028, 2, 1),
              warranty_end=date(2026, 12, 20), replacement_cost="800.00"),
    ])
    items = due_items(c, AS_OF, 90)
    assert [(i.kind, i.tag) for i in items] == [
        ("replacement", "PC-1"), ("warranty", "PC-3"), ("replacement", "PC-2")]
    (total,) = due_totals(items)
    assert total.amount == Decimal("2700.00")


def test_an_overdue_replacement_is_not_escalated_and_a_warranty_carries_the_replacement_cost():
    c = make_client(escalation_rate="0.05", assets=[
        Asset(tag="PC-1", name="Old PC", category="desktop", replace_on=date(2025, 9, 30),
              replacement_cost="900.00"),
        Asset(tag="PC-2", name="New PC", category="desktop", purchase_date=date(2024, 1, 1),
              warranty_end=date(2026, 12, 10), lifecycle_months=60, replacement_cost="1000.00"),
        Asset(tag="PC-3", name="No cost", category="desktop", replace_on=date(2025, 1, 1)),
    ])
    amounts = {(i.kind, i.tag): i.amount for i in due_items(c, AS_OF, 30)}
    assert amounts == {("replacement", "PC-1"): Decimal("900.00"),
                       ("replacement", "PC-3"): None,
                       # Replaced on 2029-01-01 (FY2029, three years on): 1000.00 × 1.05³.
                       ("warranty", "PC-2"): Decimal("1157.63")}
    assert _forecast_line(c, "hardware", AS_OF) == Decimal("900.00")  # overdue: first period


def test_a_contract_amount_is_its_next_term():
    c = make_client(contracts=[
        Contract(title="MSP", start=date(2025, 1, 1), end=date(2027, 1, 31), amount="1500.00",
                 auto_renew=True, renewal_term_months=12, notice_days=60),
        Contract(title="Quarterly", start=date(2025, 1, 1), end=date(2026, 12, 31), amount="300.00",
                 period_months=3, auto_renew=True, renewal_term_months=12, notice_days=60),
        Contract(title="Lease", start=date(2024, 1, 1), end=date(2026, 12, 20), amount="80.00"),
    ])
    amounts = {i.name: i.amount for i in due_items(c, AS_OF, 30)}
    # Twelve monthly payments; four quarterly ones; a lease not set to renew is
    # priced as if renewed for its own length (35 whole months).
    assert amounts == {"MSP": Decimal("18000.00"), "Quarterly": Decimal("1200.00"),
                       "Lease": Decimal("2800.00")}
    # The forecast counts the same payments over the renewed term (February 2027 to January 2028).
    msp = make_client(contracts=c.contracts[:1])
    f = forecast(msp, AS_OF, by="month", years=3)
    renewed = [p.contracts for p in f.periods if date(2027, 2, 1) <= p.start <= date(2028, 1, 1)]
    assert len(renewed) == 12 and sum(renewed, Decimal(0)) == amounts["MSP"]
    assert next_term_amount(Contract(title="Open", start=date(2024, 1, 1), amount="80.00"), AS_OF) is None


def test_a_manual_renewal_already_late_carries_the_payment_that_was_due():
    c = make_client(renewals=[Renewal(name="cert", kind="certificate", unit_cost="15.00", quantity=2,
                                      next_renewal=date(2026, 10, 1))])
    [item] = due_items(c, AS_OF, 0)
    assert item.amount == Decimal("30.00")


def test_kinds_filter_and_totals_per_client_and_currency():
    a = make_client("a", renewals=[Renewal(name="R", unit_cost="1.00", next_renewal=date(2026, 12, 20))],
                    assets=[Asset(tag="X", name="X", category="desktop", replace_on=date(2026, 12, 1),
                                  replacement_cost="10.00")])
    b = make_client("b", currency="EUR", renewals=[Renewal(name="R", unit_cost="2.00",
                                                           next_renewal=date(2026, 12, 1))])
    items = due_items_for([a, b], AS_OF, 60)
    assert [(t.client, t.currency, t.amount, t.count) for t in due_totals(items)] == [
        ("b", "EUR", Decimal("2.00"), 1), ("a", "USD", Decimal("11.00"), 2)]
    assert [(g.client, g.kind, g.amount) for g in due_groups(items)] == [
        ("b", "renewal", Decimal("2.00")), ("a", "renewal", Decimal("1.00")),
        ("a", "replacement", Decimal("10.00"))]
    only = due_items_for([a, b], AS_OF, 60, kinds=["replacement"])
    assert [(i.client, i.kind) for i in only] == [("a", "replacement")]
    with pytest.raises(ValueError, match="no such kind of due item: renewals"):
        due_items_for([a], AS_OF, 60, kinds=["renewals"])
