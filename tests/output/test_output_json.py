"""The ``--json`` documents (itroad.output.json): their shapes, amounts as strings."""

from datetime import date
from decimal import Decimal

from tests.conftest import AS_OF

from itroad.domain.models import (
    Asset,
    Client,
    Contract,
    Initiative,
    LifecyclePolicy,
    Person,
    Renewal,
    RoleAssignment,
)
from itroad.output.json import (
    due_item_to_json_dict,
    due_to_json_dict,
    forecast_to_json_dict,
    portfolio_to_json_dict,
    roadmap_to_json_dict,
)
from itroad.planning.due import due_items_for
from itroad.planning.forecast import forecast, forecast_portfolio
from itroad.planning.roadmap import plan_roadmap


def asset(tag, **fields) -> Asset:
    return Asset(tag=tag, **{"name": f"Asset {tag}", "category": "laptop", **fields})


def acme() -> Client:
    return Client(
        code="acme", name="Acme", currency="USD",
        assets=[
            asset("PC-017", name="Reception PC", replacement_cost="1450.00", replace_on=date(2025, 9, 30)),
            asset("PC-020", name="Office PC", replacement_cost="1500.00", replace_on=date(2026, 3, 31)),
            asset("PC-031", name="Lab PC", purchase_cost="1200.00"),
            asset("PC-040", name="Old PC", status="retired", purchase_date=date(2018, 1, 1),
                  purchase_cost="999.00", lifecycle_months=12),
        ],
        renewals=[Renewal(name="Domain", unit_cost="412.50", period_months=12, next_renewal=date(2026, 12, 10))],
        contracts=[Contract(title="MSP", start=date(2026, 1, 1), end=date(2026, 12, 31), amount="900.00")],
        initiatives=[Initiative(title="Wi-Fi", category="infrastructure", status="proposed",
                                start=date(2026, 12, 1), one_time_cost="250.00")],
    )


def test_forecast_json_shape():
    data = forecast_to_json_dict(forecast(acme(), AS_OF, by="year"))
    assert data == {
        "client": "acme", "currency": "USD", "as_of": "2026-11-22", "by": "year",
        "periods": [{
            "label": "FY2026", "start": "2026-11-22", "end": "2026-12-31",
            "hardware": "2950.00", "renewals": "412.50", "contracts": "900.00",
            "initiatives_one_time": "0.00", "initiatives_recurring": "0.00",
            "proposed": "250.00", "total": "4262.50", "budget_target": None,
        }],
        "overdue": {"count": 2, "amount": "2950.00", "items": [
            {"tag": "PC-017", "name": "Reception PC", "due": "2025-09-30", "amount": "1450.00"},
            {"tag": "PC-020", "name": "Office PC", "due": "2026-03-31", "amount": "1500.00"},
        ]},
        "unscheduled": {"count": 1, "amount": "1200.00", "items": [
            {"tag": "PC-031", "name": "Lab PC", "amount": "1200.00"},
        ]},
    }


def test_an_unknown_cost_is_null_and_a_budget_target_a_string():
    c = Client(code="t", name="T", budget_targets={"FY2026": "5000.00"},
               policies=[LifecyclePolicy(category="laptop", lifecycle_months=48, replacement_cost="1400.00")],
               assets=[asset("U-1"), asset("U-2", category="nas")])
    data = forecast_to_json_dict(forecast(c, AS_OF, by="year"))
    assert data["unscheduled"]["items"] == [
        {"tag": "U-1", "name": "Asset U-1", "amount": "1400.00"},
        {"tag": "U-2", "name": "Asset U-2", "amount": None}]
    assert data["periods"][0]["budget_target"] == "5000.00"
    assert "group_by" not in data and "groups" not in data


def test_grouped_forecast_lists_its_groups_in_order():
    c = Client(code="t", name="T", assets=[
        asset("A-1", site="HQ", replace_on=date(2027, 1, 1), replacement_cost="100.00"),
        asset("A-2", site="Lab", replace_on=date(2027, 2, 1), replacement_cost="200.00"),
        asset("A-3", replace_on=date(2027, 3, 1), replacement_cost="300.00"),
    ])
    data = forecast_to_json_dict(forecast(c, AS_OF, by="quarter", years=2, group_by="site"))
    assert data["group_by"] == "site"
    assert [g["key"] for g in data["groups"]] == ["HQ", "Lab", None]
    assert [p["hardware"] for p in data["groups"][0]["periods"]][:2] == ["0.00", "100.00"]


def test_portfolio_json_combines_only_one_currency():
    def one(code, currency, amount):
        return Client(code=code, name=code, currency=currency, renewals=[
            Renewal(name="R", unit_cost=amount, period_months=12, next_renewal=date(2026, 12, 1))])

    p = forecast_portfolio(
        [one("a", "USD", "100.00"), one("b", "EUR", "50.00"), one("c", "USD", "10.00")], AS_OF, by="year")
    data = portfolio_to_json_dict(p)
    assert [f["client"] for f in data["clients"]] == ["a", "b", "c"]
    assert [(c["currency"], c["clients"]) for c in data["combined"]] == [("EUR", ["b"]), ("USD", ["a", "c"])]
    usd = data["combined"][1]
    assert usd["periods"][0]["total"] == "110.00"
    assert usd["overdue"] == {"count": 0, "amount": "0.00"}
    assert usd["fiscal_year_start_month"] == 1


def test_due_json_shape():
    c = Client(code="t", name="T", people=[Person(name="Jane Doe", email="jane@t.example")],
               renewals=[Renewal(name="M365", unit_cost="22.00", quantity=12, period_months=12,
                                 next_renewal=date(2026, 12, 31), auto_renew=True, notice_days=30,
                                 owner="jane@t.example")])
    items = due_items_for([c], AS_OF, 30)
    assert due_item_to_json_dict(items[0]) == {
        "client": "t", "kind": "renewal", "name": "M365", "tag": None, "date": "2026-12-01",
        "action": "Decide whether to renew (cancel by 2026-12-01)", "owner": "Jane Doe",
        "amount": "264.00", "currency": "USD", "late": False}
    assert due_to_json_dict(items, AS_OF, 30) == {
        "as_of": "2026-11-22", "within": 30, "items": [due_item_to_json_dict(items[0])],
        "totals": [{"client": "t", "currency": "USD", "amount": "264.00"}]}


def test_due_json_totals_one_per_client_and_currency():
    def client(code: str, currency: str, cost: str) -> Client:
        return Client(code=code, name=code, currency=currency, renewals=[
            Renewal(name="R", unit_cost=cost, next_renewal=date(2026, 12, 1)),
            Renewal(name="S", unit_cost=cost, quantity=2, next_renewal=date(2026, 12, 2))])
    items = due_items_for([client("a", "USD", "10.00"), client("b", "EUR", "0.50")], AS_OF, 30)
    assert due_to_json_dict(items, AS_OF, 30)["totals"] == [
        {"client": "a", "currency": "USD", "amount": "30.00"},
        {"client": "b", "currency": "EUR", "amount": "1.50"}]
    assert due_to_json_dict([], AS_OF, 30)["totals"] == []


def test_roadmap_json_shape():
    client = Client(
        code="acme", name="Acme", fiscal_year_start_month=7, escalation_rate=Decimal("0.03"),
        policies=[LifecyclePolicy(category="laptop", lifecycle_months=48, replacement_cost=Decimal("1000.00"))],
        people=[Person(name="Jane", email="jane@acme.example"), Person(name="Raj")],
        assets=[Asset(tag=f"LT-{i}", name=f"Laptop {i}", category="laptop", purchase_date=date(2023, 9, 1))
                for i in range(5)],
        initiatives=[Initiative(
            title="Laptop refresh", category="infrastructure", status="proposed",
            start=date(2027, 7, 5), end=date(2027, 9, 24), one_time_cost=Decimal("600.00"),
            assets=[f"LT-{i}" for i in range(5)],
            roles=[RoleAssignment(person="jane@acme.example", raci="A"),
                   RoleAssignment(person="Raj", raci="R")])],
    )
    data = roadmap_to_json_dict(plan_roadmap(client, AS_OF))
    assert data["client"] == "acme"
    assert [q["label"] for q in data["quarters"]] == ["FY2027-Q2", "FY2027-Q3", "FY2027-Q4", "FY2028-Q1"]
    assert data["quarters"][0]["initiatives"] == []
    assert data["quarters"][-1] == {
        "label": "FY2028-Q1", "committed": "0.00", "proposed": "5750.00", "initiatives": [{
            "title": "Laptop refresh", "status": "proposed", "one_time_cost": "5750.00",
            "monthly_cost": "0.00", "accountable": "Jane", "warnings": [],
            # its slice of the quarter: all of it (it runs in this quarter only)
            "quarter_one_time": "5750.00", "quarter_recurring": "0.00",
            "quarter_total": "5750.00"}],
        "start": "2027-07-01", "end": "2027-09-30", "monthly_after_end": []}
    assert (data["currency"], data["as_of"]) == (client.currency, AS_OF.isoformat())
    # the first quarter began before as_of: its amounts count from as_of, as in the forecast
    assert data["quarters"][0]["start"] == AS_OF.isoformat()


def test_roadmap_json_slices_of_an_initiative_over_three_quarters():
    """1,800.00 spread over six months from 2027-01 to 2027-06 (fiscal year from
    January), 100.00 a month after: each quarter carries its slice, the whole
    budget stays in one_time_cost."""
    client = Client(code="acme", name="Acme", fiscal_year_start_month=1, initiatives=[Initiative(
        title="Move", category="infrastructure", status="approved", start=date(2027, 1, 10),
        end=date(2027, 6, 20), one_time_cost=Decimal("1800.00"), monthly_cost=Decimal("100.00"))])
    data = roadmap_to_json_dict(plan_roadmap(client, date(2027, 2, 14)))
    rows = {q["label"]: (q["initiatives"] + q["monthly_after_end"]) for q in data["quarters"]}
    slices = {label: [(r["quarter_one_time"], r["quarter_recurring"], r["one_time_cost"])
                      for r in found] for label, found in rows.items()}
    # 2027-01 is before as_of's month: its 300.00 count nowhere
    assert slices == {"FY2027-Q1": [("600.00", "0.00", "1800.00")],
                      "FY2027-Q2": [("900.00", "0.00", "1800.00")],
                      "FY2027-Q3": [("0.00", "300.00", "1800.00")],
                      "FY2027-Q4": [("0.00", "300.00", "1800.00")]}
    assert [len(q["monthly_after_end"]) for q in data["quarters"]] == [0, 0, 1, 1]
    assert data["quarters"][0]["start"] == "2027-02-14"
