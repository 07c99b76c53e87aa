"""The forecast (docs/rules.md, "Forecast", "Initiatives and spreading",
"Replacement cost and escalation")."""

from datetime import date
from decimal import Decimal

import pytest

from itroad.domain.models import (
    Asset,
    Client,
    Contract,
    Initiative,
    LifecyclePolicy,
    Renewal,
)
from itroad.planning.forecast import (
    LINES,
    forecast,
    forecast_portfolio,
    spread,
)

AS_OF = date(2026, 11, 22)
D = Decimal


def asset(tag, **fields) -> Asset:
    values = {"name": f"Asset {tag}", "category": "laptop"}
    values.update(fields)
    return Asset(tag=tag, **values)


def initiative(title="Project", **fields) -> Initiative:
    values = {"category": "infrastructure", "status": "approved", "start": date(2027, 1, 1)}
    values.update(fields)
    return Initiative(title=title, **values)


def make_client(**fields) -> Client:
    values = {"code": "t", "name": "T"}
    values.update(fields)
    return Client(**values)


def acme() -> Client:
    """The example of the forecast's JSON (the issue)."""
    return make_client(
        code="acme",
        currency="USD",
        assets=[
            asset("PC-017", name="Reception PC", replacement_cost="1450.00", replace_on=date(2025, 9, 30)),
            asset("PC-020", name="Office PC", replacement_cost="1500.00", replace_on=date(2026, 3, 31)),
            asset("PC-031", name="Lab PC", purchase_cost="1200.00"),
            asset("PC-040", name="Old PC", status="retired", purchase_date=date(2018, 1, 1),
                  purchase_cost="999.00", lifecycle_months=12),
        ],
        renewals=[Renewal(name="Domain", unit_cost="412.50", period_months=12, next_renewal=date(2026, 12, 10))],
        contracts=[Contract(title="MSP", start=date(2026, 1, 1), end=date(2026, 12, 31), amount="900.00")],
        initiatives=[initiative("Wi-Fi", status="proposed", start=date(2026, 12, 1), one_time_cost="250.00")],
    )


def test_total_excludes_proposed():
    [row] = forecast(acme(), AS_OF, by="year").periods
    assert row.total == (row.hardware + row.renewals + row.contracts + row.initiatives_one_time
                         + row.initiatives_recurring)
    assert row.proposed == D("250.00")


def test_periods_by_month_quarter_and_year_start_at_as_of():
    c = make_client(fiscal_year_start_month=7)
    months = forecast(c, AS_OF, by="month", years=1).periods
    assert [p.label for p in months] == [
        "2026-11", "2026-12", "2027-01", "2027-02", "2027-03", "2027-04", "2027-05", "2027-06"]
    assert months[0].start == AS_OF and months[0].end == date(2026, 11, 30)
    assert months[1].start == date(2026, 12, 1)
    quarters = forecast(c, AS_OF, by="quarter", years=2).periods
    assert [p.label for p in quarters] == [
        "FY2027-Q2", "FY2027-Q3", "FY2027-Q4", "FY2028-Q1", "FY2028-Q2", "FY2028-Q3", "FY2028-Q4"]
    assert (quarters[0].start, quarters[0].end) == (AS_OF, date(2026, 12, 31))
    assert quarters[-1].end == date(2028, 6, 30)
    years = forecast(c, AS_OF, by="year", years=3).periods
    assert [(p.label, p.start, p.end) for p in years] == [
        ("FY2027", AS_OF, date(2027, 6, 30)),
        ("FY2028", date(2027, 7, 1), date(2028, 6, 30)),
        ("FY2029", date(2028, 7, 1), date(2029, 6, 30)),
    ]


def test_nothing_before_as_of_is_counted():
    c = make_client(
        renewals=[Renewal(name="R", unit_cost="10.00", period_months=1, next_renewal=date(2026, 1, 5))],
        contracts=[Contract(title="C", start=date(2026, 1, 1), end=None, amount="100.00", period_months=1)],
        initiatives=[initiative(start=date(2026, 1, 1), end=date(2026, 12, 31), one_time_cost="1200.00",
                                monthly_cost="5.00")],
    )
    f = forecast(c, AS_OF, by="year")
    [row] = f.periods
    assert row.renewals == D("10.00")  # 2026-12-05 only
    assert row.contracts == D("100.00")  # 2026-12-01 only
    assert row.initiatives_one_time == D("200.00")  # November (the month of as_of) and December
    assert row.initiatives_recurring == D("0.00")  # runs from 2027-01
    assert all(e.date >= AS_OF for e in f.entries)


def test_overdue_lands_in_the_first_period_and_is_flagged():
    c = make_client(assets=[asset("O-1", replace_on=date(2024, 2, 1), replacement_cost="700.00")])
    f = forecast(c, AS_OF, by="month", years=2)
    assert f.periods[0].hardware == D("700.00")
    assert all(p.hardware == 0 for p in f.periods[1:])
    assert f.overdue.count == 1 and f.overdue.amount == D("700.00")
    assert f.overdue.items[0].tag == "O-1"


def test_overdue_is_not_escalated_but_future_is():
    c = make_client(
        escalation_rate="0.10",
        assets=[
            asset("O-1", replace_on=date(2024, 2, 1), replacement_cost="100.00"),
            asset("F-1", replace_on=date(2028, 2, 1), replacement_cost="100.00"),
        ],
    )
    rows = forecast(c, AS_OF, by="year", years=3).periods
    assert [p.hardware for p in rows] == [D("100.00"), D("0.00"), D("121.00")]


def test_unscheduled_assets_are_reported_beside_the_periods():
    c = make_client(
        policies=[LifecyclePolicy(category="laptop", lifecycle_months=48, replacement_cost="1400.00")],
        escalation_rate="0.10",
        assets=[asset("U-1"), asset("U-2", category="nas")],
    )
    f = forecast(c, AS_OF, by="year", years=3)
    assert f.grand_total == 0
    assert f.unscheduled.count == 2
    assert f.unscheduled.amount == D("1400.00")  # not escalated; U-2 has no known cost
    assert [i.tag for i in f.unscheduled.items] == ["U-1", "U-2"]
    assert f.unscheduled.items[1].cost is None


def test_each_asset_counted_once_at_its_next_due_date():
    c = make_client(
        policies=[LifecyclePolicy(category="laptop", lifecycle_months=12, replacement_cost="500.00")],
        assets=[asset("A-1", purchase_date=date(2026, 6, 1))],
    )
    f = forecast(c, AS_OF, by="year", years=5)
    assert [p.hardware for p in f.periods] == [D("0.00"), D("500.00"), D("0"), D("0"), D("0")]


def test_asset_due_beyond_the_horizon_is_not_counted():
    c = make_client(assets=[asset("A-1", replace_on=date(2027, 1, 1), replacement_cost="500.00")])
    assert forecast(c, AS_OF, by="year", years=1).grand_total == 0
    assert forecast(c, AS_OF, by="year", years=2).grand_total == D("500.00")


def test_retired_assets_are_not_forecast():
    c = make_client(assets=[asset("R-1", status="disposed", replace_on=date(2026, 12, 1), replacement_cost="500.00")])
    f = forecast(c, AS_OF, by="year")
    assert f.grand_total == 0 and f.overdue.count == 0 and f.unscheduled.count == 0


def test_renewal_escalation_in_the_forecast_counts_k_from_next_renewal():
    c = make_client(renewals=[Renewal(name="R", unit_cost="100.00", period_months=12,
                                      next_renewal=date(2024, 12, 1), escalation_rate="0.10")])
    [row] = forecast(c, AS_OF, by="year").periods
    assert row.renewals == D("121.00")  # k = 2 on 2026-12-01


def test_contract_auto_renew_beyond_end_in_the_forecast():
    c = make_client(contracts=[Contract(title="C", start=date(2025, 1, 1), end=date(2026, 12, 31),
                                        amount="100.00", period_months=1, auto_renew=True)])
    rows = forecast(c, AS_OF, by="year", years=3).periods
    assert [p.contracts for p in rows] == [D("100.00"), D("1200.00"), D("1200.00")]


def test_one_time_cost_spread_evenly_exact_to_the_cent():
    c = make_client(initiatives=[initiative(start=date(2027, 1, 10), end=date(2027, 3, 5), one_time_cost="100.00")])
    rows = {p.label: p for p in forecast(c, AS_OF, by="month", years=2).periods}
    assert [rows[m].initiatives_one_time for m in ("2027-01", "2027-02", "2027-03")] == [
        D("33.33"), D("33.33"), D("33.34")]
    assert rows["2027-04"].initiatives_one_time == 0
    assert spread(D("0.05"), 10) == [D("0.00")] * 9 + [D("0.05")]
    assert sum(spread(D("1000.00"), 7)) == D("1000.00")


def test_one_time_cost_without_end_falls_in_the_start_month():
    c = make_client(initiatives=[initiative(start=date(2027, 2, 14), one_time_cost="3000.00")])
    rows = {p.label: p for p in forecast(c, AS_OF, by="month", years=2).periods}
    assert rows["2027-02"].initiatives_one_time == D("3000.00")
    assert sum(p.initiatives_one_time for p in rows.values()) == D("3000.00")


def test_monthly_cost_runs_from_the_month_after_the_end():
    c = make_client(initiatives=[initiative(start=date(2027, 1, 1), end=date(2027, 3, 31), monthly_cost="120.00")])
    rows = forecast(c, AS_OF, by="month", years=2).periods
    recurring = {p.label: p.initiatives_recurring for p in rows}
    assert recurring["2027-03"] == 0
    assert recurring["2027-04"] == D("120.00")
    assert recurring["2027-12"] == D("120.00")
    assert sum(recurring.values()) == D("1080.00")  # April..December 2027


def test_monthly_cost_without_end_runs_from_the_month_after_the_start():
    c = make_client(initiatives=[initiative(start=date(2027, 1, 15), monthly_cost="10.00")])
    recurring = {p.label: p.initiatives_recurring for p in forecast(c, AS_OF, by="month", years=2).periods}
    assert recurring["2027-01"] == 0 and recurring["2027-02"] == D("10.00")


def test_proposed_is_its_own_line_and_never_in_committed_totals():
    c = make_client(initiatives=[
        initiative("P", status="proposed", start=date(2027, 1, 1), one_time_cost="500.00", monthly_cost="50.00"),
        initiative("A", status="approved", start=date(2027, 1, 1), one_time_cost="300.00"),
    ])
    f = forecast(c, AS_OF, by="year", years=2)
    row = f.periods[1]
    assert row.initiatives_one_time == D("300.00")
    assert row.proposed == D("500.00") + 11 * D("50.00")
    assert row.total == D("300.00")
    assert f.fiscal_years[1].total == D("300.00") and f.fiscal_years[1].proposed == row.proposed


@pytest.mark.parametrize("status", ["approved", "in_progress", "done"])
def test_committed_statuses(status):
    c = make_client(initiatives=[initiative(status=status, start=date(2027, 1, 1), one_time_cost="300.00")])
    assert forecast(c, AS_OF, by="year", years=2).periods[1].initiatives_one_time == D("300.00")


@pytest.mark.parametrize("status", ["deferred", "cancelled"])
def test_deferred_and_cancelled_count_nowhere(status):
    c = make_client(
        assets=[asset("A-1", replace_on=date(2027, 6, 1), replacement_cost="800.00")],
        initiatives=[initiative(status=status, start=date(2027, 1, 1), one_time_cost="300.00",
                                monthly_cost="20.00", assets=["A-1"])],
    )
    f = forecast(c, AS_OF, by="year", years=2)
    row = f.periods[1]
    assert (row.initiatives_one_time, row.initiatives_recurring, row.proposed) == (0, 0, 0)
    assert row.hardware == D("800.00")  # its linked asset stays in the hardware line
    assert f.linked_assets == {}


def test_linked_asset_moves_to_its_initiative_escalated_to_the_start_fiscal_year():
    c = make_client(
        fiscal_year_start_month=7,
        escalation_rate="0.10",
        assets=[asset("A-1", replace_on=date(2030, 1, 1), replacement_cost="1000.00")],
        initiatives=[initiative(start=date(2027, 8, 1), end=date(2027, 9, 30), one_time_cost="500.00",
                                assets=["a-1"])],
    )
    f = forecast(c, AS_OF, by="month", years=2)
    rows = {p.label: p for p in f.periods}
    # FY(as_of) = 2027, FY(start) = 2028: one year -> 1100.00; (500 + 1100) / 2 months
    assert rows["2027-08"].initiatives_one_time == D("800.00")
    assert rows["2027-09"].initiatives_one_time == D("800.00")
    assert sum(p.hardware for p in f.periods) == 0
    assert f.linked_assets == {"A-1": "Project"}
    slice_ = next(e for e in f.entries if e.line == "initiatives_one_time")
    assert slice_.tags == ("A-1",)


def test_linked_asset_escalation_never_below_exponent_zero():
    c = make_client(
        escalation_rate="0.10",
        assets=[asset("A-1", replace_on=date(2024, 1, 1), replacement_cost="1000.00")],
        initiatives=[initiative(status="in_progress", start=date(2025, 3, 1), end=date(2027, 2, 28),
                                assets=["A-1"])],
    )
    f = forecast(c, AS_OF, by="year", years=2)
    # 24 months of 41.66, the last 41.82: from November 2026 (as_of's month) on, 4 months counted.
    assert [p.initiatives_one_time for p in f.periods] == [D("83.32"), D("83.48")]
    assert f.overdue.count == 0 and sum(p.hardware for p in f.periods) == 0


def test_linked_asset_of_a_proposed_initiative_moves_to_the_proposed_line():
    c = make_client(
        assets=[asset("A-1", replace_on=date(2027, 5, 1), replacement_cost="1000.00")],
        initiatives=[initiative(status="proposed", start=date(2027, 1, 1), assets=["A-1"])],
    )
    row = forecast(c, AS_OF, by="year", years=2).periods[1]
    assert (row.hardware, row.proposed, row.total) == (D("0.00"), D("1000.00"), D("0.00"))


def test_an_asset_linked_twice_is_counted_once_with_the_committed_initiative():
    c = make_client(
        assets=[asset("A-1", replace_on=date(2027, 5, 1), replacement_cost="1000.00")],
        initiatives=[
            initiative("P", status="proposed", start=date(2027, 1, 1), assets=["A-1"]),
            initiative("C", status="approved", start=date(2027, 3, 1), assets=["A-1"]),
        ],
    )
    f = forecast(c, AS_OF, by="year", years=2)
    assert f.linked_assets == {"A-1": "C"}
    row = f.periods[1]
    assert (row.initiatives_one_time, row.proposed) == (D("1000.00"), D("0.00"))


def test_budget_target_on_year_rows_and_fiscal_year_summaries():
    c = make_client(
        fiscal_year_start_month=7,
        budget_targets={"FY2028": "5000.00"},
        renewals=[Renewal(name="R", unit_cost="1000.00", period_months=12, next_renewal=date(2027, 9, 1))],
    )
    years = forecast(c, AS_OF, by="year", years=2)
    assert [p.budget_target for p in years.periods] == [None, D("5000.00")]
    quarters = forecast(c, AS_OF, by="quarter", years=2)
    assert all(p.budget_target is None for p in quarters.periods)
    summary = quarters.fiscal_years[1]
    assert (summary.label, summary.total, summary.budget_target, summary.remaining) == (
        "FY2028", D("1000.00"), D("5000.00"), D("4000.00"))


def test_group_by_category_and_site_add_up_to_the_periods():
    c = make_client(
        assets=[
            asset("A-1", site="HQ", replace_on=date(2027, 1, 1), replacement_cost="100.00"),
            asset("A-2", category="server", site="Lab", replace_on=date(2027, 2, 1), replacement_cost="200.00"),
            asset("A-3", replace_on=date(2027, 3, 1), replacement_cost="300.00"),
        ],
        renewals=[Renewal(name="R", kind="support", unit_cost="10.00", next_renewal=date(2027, 1, 1))],
    )
    f = forecast(c, AS_OF, by="quarter", years=2, group_by="category")
    assert set(f.groups) == {"laptop", "server", "support"}
    assert sum(p.hardware for p in f.groups["laptop"]) == D("400.00")
    assert sum(p.renewals for p in f.groups["support"]) == D("10.00")
    sites = forecast(c, AS_OF, by="quarter", years=2, group_by="site")
    assert list(sites.groups) == ["HQ", "Lab", None]
    assert sum(p.total for p in sites.groups[None]) == D("310.00")
    for grouped in (f, sites):
        for i, period in enumerate(grouped.periods):
            for line in (*LINES, "total"):
                assert sum(rows[i].line(line) for rows in grouped.groups.values()) == period.line(line)


def test_several_clients_never_add_different_currencies():
    def one(code, currency, amount):
        return make_client(code=code, currency=currency, renewals=[
            Renewal(name="R", unit_cost=amount, period_months=12, next_renewal=date(2026, 12, 1))])

    p = forecast_portfolio(
        [one("a", "USD", "100.00"), one("b", "EUR", "50.00"), one("c", "USD", "10.00")], AS_OF, by="year")
    assert [f.client for f in p.forecasts] == ["a", "b", "c"]
    combined = {c.currency: c for c in p.combined}
    assert combined["USD"].clients == ("a", "c")
    assert combined["USD"].periods[0].total == D("110.00")
    assert combined["EUR"].periods[0].total == D("50.00")
    assert [c.currency for c in p.combined] == ["EUR", "USD"]


def test_bad_arguments():
    with pytest.raises(ValueError):
        forecast(make_client(), AS_OF, by="week")
    with pytest.raises(ValueError):
        forecast(make_client(), AS_OF, years=0)
    with pytest.raises(ValueError):
        forecast(make_client(), AS_OF, group_by="colour")
