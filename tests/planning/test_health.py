"""A client's health: figures read off the engine, and the mark with its reasons."""

from datetime import date
from decimal import Decimal

from itroad.domain.models import Asset, Client, Contract, Initiative, LifecyclePolicy, Renewal, RoleAssignment
from itroad.planning.due import due_items
from itroad.planning.forecast import forecast
from itroad.planning.health import ACT, GOOD, WATCH, DueSum, client_health

AS_OF = date(2026, 11, 22)
FY_START = date(2027, 1, 1)  # a fiscal year starting in January: AS_OF is in FY2026, partial


def make_client(**fields) -> Client:
    return Client(code="t", name="Test Co", currency="EUR", **fields)


def test_an_empty_client_is_good_and_has_no_budget():
    h = client_health(make_client(), AS_OF)
    assert h.mark == GOOD and h.reasons == ()
    assert (h.code, h.name, h.currency, h.as_of) == ("t", "Test Co", "EUR", AS_OF)
    assert h.due_30 == h.due_90 == DueSum(0, Decimal("0.00"), 0)
    assert h.budget_this_fy is None and h.budget_next_fy is None
    assert (h.fiscal_year, h.next_fiscal_year) == ("FY2026", "FY2027")
    assert (h.overdue_assets, h.needs_data_assets, h.missed_notices, h.raci_gaps) == (0, 0, 0, 0)


def test_partial_first_year_over_the_whole_years_budget_is_act_and_says_partial():
    client = make_client(
        budget_targets={"FY2026": "1000.00", "FY2027": "100000.00"},
        renewals=[Renewal(name="Big", unit_cost="1500.00", next_renewal=date(2026, 12, 15))],
    )
    h = client_health(client, AS_OF)
    year = forecast(client, AS_OF, by="year", years=2).fiscal_years[0]
    assert h.partial_this_fy is True
    assert h.committed_this_fy == year.total == Decimal("1500.00")
    assert h.budget_this_fy == Decimal("1000.00")
    assert h.mark == ACT
    assert h.reasons[0] == "FY2026 already over the whole year's budget by EUR 500.00 (from 2026-11-22)"


def test_partial_first_year_under_its_target_is_not_called_within():
    client = make_client(budget_targets={"FY2026": "5000.00"},
                         renewals=[Renewal(name="Small", unit_cost="100.00", next_renewal=date(2026, 12, 15))])
    h = client_health(client, AS_OF)
    assert h.partial_this_fy and h.committed_this_fy == Decimal("100.00")
    assert not any("budget" in r for r in h.reasons)


def test_a_whole_first_year_is_not_partial():
    client = make_client(budget_targets={"FY2027": "100.00"},
                         renewals=[Renewal(name="R", unit_cost="300.00", next_renewal=date(2027, 3, 1))])
    h = client_health(client, FY_START)
    assert h.fiscal_year == "FY2027" and not h.partial_this_fy
    assert h.mark == ACT and h.reasons == ("FY2027 over budget by EUR 200.00",)


def test_next_year_over_budget_is_watch():
    client = make_client(budget_targets={"FY2027": "100.00"},
                         renewals=[Renewal(name="R", unit_cost="300.00", next_renewal=date(2027, 3, 1))])
    h = client_health(client, AS_OF)
    assert h.committed_next_fy == Decimal("300.00") and h.budget_next_fy == Decimal("100.00")
    assert h.mark == WATCH
    assert h.reasons == ("FY2027 forecast over budget by EUR 200.00",)


def test_due_windows_are_the_due_lists():
    client = make_client(
        renewals=[
            Renewal(name="Soon", unit_cost="10.00", next_renewal=date(2026, 12, 10)),
            Renewal(name="Later", unit_cost="20.00", next_renewal=date(2027, 2, 1)),
        ],
        assets=[Asset(tag="A-1", name="Box", category="server", replace_on=date(2027, 1, 15))],
    )
    h = client_health(client, AS_OF)
    assert h.due_30 == DueSum(1, Decimal("10.00"), 0)
    assert h.due_30.count == len(due_items(client, AS_OF, 30))
    assert h.due_90 == DueSum(3, Decimal("30.00"), 1)  # the asset has no known cost
    assert h.mark == WATCH and h.reasons == ("1 item not yet late due within 30 days (EUR 10.00)",)


def test_a_missed_annual_notice_is_act_a_monthly_one_watch():
    annual = Renewal(name="Annual", unit_cost="10.00", next_renewal=date(2027, 1, 1), notice_days=90,
                     auto_renew=True)
    monthly = Renewal(name="Monthly", unit_cost="10.00", period_months=1, next_renewal=date(2026, 12, 1),
                      notice_days=60, auto_renew=True)
    contract = Contract(title="MSP", start=date(2026, 1, 1), end=date(2026, 12, 31), amount="100.00",
                        auto_renew=True, notice_days=60)
    h = client_health(make_client(renewals=[annual, monthly], contracts=[contract]), AS_OF)
    assert h.missed_notices == 3
    assert h.mark == ACT
    assert h.reasons[0] == "2 notice windows missed (locks in a year or more)"
    assert "1 notice window missed (monthly or quarterly)" in h.reasons
    h = client_health(make_client(renewals=[monthly]), AS_OF)
    assert h.mark == WATCH and h.missed_notices == 1


def test_overdue_and_needs_data_assets_are_the_forecasts_and_only_watch():
    client = make_client(
        policies=[LifecyclePolicy(category="laptop", lifecycle_months=36, replacement_cost="1000.00")],
        assets=[
            Asset(tag="L-1", name="Old", category="laptop", purchase_date=date(2020, 1, 1)),
            Asset(tag="L-2", name="Older", category="laptop", purchase_date=date(2019, 1, 1)),
            Asset(tag="X-1", name="Unknown", category="laptop"),
        ],
    )
    h = client_health(client, AS_OF)
    f = forecast(client, AS_OF, by="year", years=2)
    assert (h.overdue_assets, h.needs_data_assets) == (f.overdue.count, f.unscheduled.count) == (2, 1)
    assert h.mark == WATCH
    assert h.reasons == ("2 replacements overdue and not planned", "1 asset needs data")


def test_raci_gaps_count_only_counted_initiatives():
    def initiative(title, status, roles=()):
        return Initiative(title=title, category="security", status=status, start=date(2027, 3, 1),
                          roles=list(roles))
    ok_roles = [RoleAssignment(person="Ann", raci="A"), RoleAssignment(person="Bob", raci="R")]
    client = make_client(initiatives=[
        initiative("No roles", "approved"),
        initiative("Proposed, no roles", "proposed"),
        initiative("Deferred", "deferred"),
        initiative("Cancelled", "cancelled"),
        initiative("Fine", "approved", ok_roles),
    ])
    h = client_health(client, AS_OF)
    assert h.raci_gaps == 2
    assert h.mark == WATCH and h.reasons == ("2 initiatives with RACI gaps",)


def test_reasons_most_serious_first():
    client = make_client(
        budget_targets={"FY2026": "1.00"},
        renewals=[Renewal(name="Annual", unit_cost="10.00", next_renewal=date(2027, 1, 1), notice_days=90,
                          auto_renew=True),
                  Renewal(name="Soon", unit_cost="10.00", next_renewal=date(2026, 12, 10))],
    )
    h = client_health(client, AS_OF)
    assert h.mark == ACT
    assert h.reasons[0].startswith("1 notice window missed")
    assert h.reasons[1].startswith("FY2026 already over")
    assert h.reasons[-1].startswith("1 item not yet late due within 30 days")
