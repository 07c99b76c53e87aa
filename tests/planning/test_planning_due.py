"""What needs a decision or an action soon (``itroad due``)."""

from datetime import date
from decimal import Decimal

from itroad.domain.models import Asset, Client, Contract, Initiative, Person, Renewal
from itroad.planning.due import due_items, due_items_for

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
