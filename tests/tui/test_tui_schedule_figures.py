"""The Schedule tab's pure parts: the forecast layout, drivers, what-if scenarios, dates."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from tests.conftest import AS_OF, tui_portfolio

from itroad.planning.forecast import forecast
from itroad.planning.lifecycle import schedule_assets
from itroad.planning.scenario import Deferral, Scenario
from itroad.tui.panes.schedule.chart import nice_ticks, short_money
from itroad.tui.panes.schedule.figures import BY_CHOICES, GROUP_CHOICES, Settings, compute
from itroad.tui.panes.schedule.replacements import schedule_order
from itroad.tui.panes.schedule.rows import driver_lines, headline, signed_money
from itroad.tui.panes.schedule.scenario_text import describe_scenario, parse_percent, percent_text, plan_dates


@pytest.fixture(scope="module")
def acme():
    return tui_portfolio().clients[0]


@pytest.fixture(scope="module")
def harbor(sample_portfolio):
    return next(c for c in sample_portfolio.clients if c.code == "harbor")


def plain(table, key):
    return table.column_values(key)


def money(text: str) -> Decimal:
    return Decimal(text.replace(",", "").replace("−", "-").replace("+", "") or "0")


# --------------------------------------------------------------------------- layout


@pytest.mark.parametrize("by", BY_CHOICES)
@pytest.mark.parametrize("group", GROUP_CHOICES)
def test_rows_add_up_to_the_planning_engine(harbor, by, group):
    """Every view shows the engine's numbers: the period rows add up to the same total
    as ``itroad forecast``, fiscal-year rows to their fiscal year, drivers to their row."""
    result = compute(harbor, AS_OF, Settings(by=by, years=3, group=group))
    engine = forecast(harbor, AS_OF, by=by, years=3)
    periods = [r for r in result.rows.values() if not r.subtotal]
    assert [r.label for r in periods] == [p.label for p in engine.periods]
    assert sum(r.total for r in periods) == engine.grand_total
    for row in result.rows.values():
        assert sum((d.amount for d in row.drivers), Decimal(0)) == row.total, row.label
    for summary in engine.fiscal_years:
        rows = [r for r in result.rows.values() if r.fiscal_year == summary.fiscal_year]
        total_row = rows[-1]
        assert total_row.total == summary.total
        assert total_row.target == summary.budget_target
    if group != "line":
        table = result.table
        group_keys = [c.key for c in table.columns if c.key.startswith("group:")]
        for row in table.rows:
            total = money(row[table.column_index("total")].plain)
            assert sum(money(row[table.column_index(k)].plain.replace("–", "")) for k in group_keys) == total


def test_year_view_flags_over_budget_in_words(harbor):
    result = compute(harbor, AS_OF, Settings(by="year", years=3))
    table = result.table
    assert plain(table, "period") == ["FY2026", "FY2027", "FY2028"]
    # FY2026 is counted from 2026-11-22 only: "left" would mislead
    assert plain(table, "status") == ["from Nov 22 only", "OVER by 2,268.15", "left 4,534.27"]
    assert plain(table, "budget") == ["48,000.00", "56,000.00", "50,000.00"]
    # the next fiscal year is where the cursor starts: the owner's question
    assert result.default_key == "FY2027"
    row = result.rows["FY2027"]
    assert headline(row, "USD").plain == (
        "FY2027 (Jan–Dec 2027): 58,268.15 · budget 56,000.00 · OVER by 2,268.15"
    )


def test_quarter_view_has_fiscal_year_rows_and_flags_the_crossing(harbor):
    result = compute(harbor, AS_OF, Settings(by="quarter", years=2))
    labels = plain(result.table, "period")
    assert labels == [
        "FY2026-Q4", "FY2026 total",
        "FY2027-Q1", "FY2027-Q2", "FY2027-Q3", "FY2027-Q4", "FY2027 total",
    ]
    status = dict(zip(labels, plain(result.table, "status")))
    assert status["FY2027-Q3"] == ""
    assert status["FY2027-Q4"] == "OVER FY budget"  # the quarter the year's budget is passed
    assert status["FY2027 total"] == "OVER by 2,268.15"
    assert result.default_key == "FY2027 total"


def test_drivers_name_the_three_biggest_items(harbor):
    row = compute(harbor, AS_OF, Settings()).rows["FY2027"]
    top = [d.label for d in row.drivers[:3]]
    assert top == [
        "Managed services",
        "Replace front desk and operatory PCs",
        "HFD-0002 HFD-SRV01 (Dentrix server)",
    ]
    assert row.drivers[1].kind == "initiative + 5 assets"
    lines = [line.plain for line in driver_lines(row)]
    assert lines[0].startswith(" 1.    17,400.00  30 %  Managed services")


def test_replacements_of_a_category_are_added_up(harbor):
    row = compute(harbor, AS_OF, Settings()).rows["FY2028"]
    laptops = [d for d in row.drivers if "laptop" in d.label]
    assert laptops and laptops[0].label.endswith("laptop replacements")
    assert laptops[0].count > 1


def test_notes_say_overdue_and_needs_data(harbor):
    notes = compute(harbor, AS_OF, Settings()).notes.plain
    assert notes == "Overdue: 5 assets 4,350.00 (in FY2026) · Needs data: 1 asset 750.00 (not counted)"


def test_chart_series_are_the_committed_lines(harbor):
    result = compute(harbor, AS_OF, Settings())
    series = dict(result.chart.series)
    assert list(series) == ["hardware", "renewals", "contracts", "initiatives"]
    totals = [sum(values) for values in zip(*series.values())]
    assert totals == [r.total for r in result.rows.values()]
    assert result.chart.over == (False, True, False)
    assert result.chart.targets == (Decimal("48000.00"), Decimal("56000.00"), Decimal("50000.00"))
    quarters = compute(harbor, AS_OF, Settings(by="quarter")).chart
    assert set(quarters.targets) == {None}  # a quarter has no target of its own


# --------------------------------------------------------------------------- schedule


def test_schedule_overdue_then_needs_data_then_by_date(harbor):
    result = compute(harbor, AS_OF, Settings())
    states = plain(result.schedule, "state")
    first_other = next(i for i, s in enumerate(states) if s not in ("OVERDUE", "needs data"))
    assert states[:first_other] == ["OVERDUE"] * 5 + ["needs data"]
    # assets an initiative replaces are counted there, and say so
    assert states[first_other:first_other + 5] == ["initiative"] * 5
    dues = [d for d in plain(result.schedule, "due")[first_other:]]
    assert dues == sorted(dues)


def test_schedule_order_keeps_everything(acme):
    items = schedule_assets(acme, AS_OF)
    ordered = schedule_order(items)
    assert sorted(i.tag for i in ordered) == sorted(i.tag for i in items)
    assert [i.tag for i in ordered] == ["ACME-0001", "ACME-0003", "ACME-0002"]


# --------------------------------------------------------------------------- what-if


def test_what_if_compares_baseline_and_scenario(harbor):
    laptop = next(p for p in harbor.policies if p.category == "laptop")
    longer = laptop.model_copy(update={"lifecycle_months": 60})
    scenario = Scenario().with_policy(longer, laptop).with_rate(Decimal("0.05"), harbor.escalation_rate)
    assert describe_scenario(scenario, harbor) == ["laptop 48→60 mo", "escalation 3 %→5 %"]
    result = compute(harbor, AS_OF, Settings(), scenario)
    table = result.table
    assert [c.key for c in table.columns][:6] == [
        "period", "baseline", "scenario", "difference", "budget", "status",
    ]
    baseline = forecast(harbor, AS_OF, by="year", years=3)
    changed = forecast(scenario.apply(harbor), AS_OF, by="year", years=3)
    for row, before, after in zip(table.rows, baseline.periods, changed.periods):
        cells = dict(zip([c.key for c in table.columns], (c.plain for c in row)))
        assert money(cells["baseline"]) == before.total
        assert money(cells["scenario"]) == after.total
        assert money(cells["difference"].replace("–", "")) == after.total - before.total
    # the row explains its difference item by item
    row = result.rows["FY2027"]
    assert sum((c.amount for c in row.changes), Decimal(0)) == row.total - row.baseline
    assert any(c.label == "1 fewer laptop replacement" for c in row.changes)
    # the client itself is untouched
    assert laptop.lifecycle_months == 48 and harbor.escalation_rate == Decimal("0.03")


def test_an_empty_scenario_compares_equal(harbor):
    result = compute(harbor, AS_OF, Settings(), Scenario())
    assert set(plain(result.table, "difference")) == {"–"}


# --------------------------------------------------------------------------- dates and rates


def items(client, *tags):
    scheduled = {i.tag: i for i in schedule_assets(client, AS_OF)}
    return [scheduled[t] for t in tags]


def test_defer_by_a_relative_amount_from_each_due_date(harbor):
    chosen = items(harbor, "HFD-0009", "HFD-0011")  # due 2026-03-02, 2026-04-14
    plan = plan_dates(chosen, "+12m", "budget", forward=False, as_of=AS_OF)
    assert plan.error is None
    assert [(d.tag, d.replace_on) for d in plan.deferrals] == [
        ("HFD-0009", date(2027, 3, 2)), ("HFD-0011", date(2027, 4, 14)),
    ]
    by_a_year = plan_dates(chosen, "+1y", "x", forward=False, as_of=AS_OF)
    assert by_a_year.deferrals[0].replace_on == date(2027, 3, 2)


def test_defer_to_a_date(harbor):
    plan = plan_dates(
        items(harbor, "HFD-0009"), "2027-06-30", "  budget   moved ", forward=False, as_of=AS_OF
    )
    assert plan.deferrals == (Deferral("HFD-0009", date(2027, 6, 30), "budget moved"),)


@pytest.mark.parametrize("when, reason, forward, message", [
    ("2026-01-01", "x", False, "is not later than HFD-0009's due date"),
    ("+12m", "", False, "give a reason"),
    ("next year", "x", False, "is not a date"),
    ("+0m", "x", False, "at least one month"),
    ("", "x", True, "type the new date"),
])
def test_date_mistakes_are_explained(harbor, when, reason, forward, message):
    plan = plan_dates(items(harbor, "HFD-0009"), when, reason, forward=forward, as_of=AS_OF)
    assert plan.deferrals == () and message in plan.error


def test_bring_forward_rules(harbor):
    upcoming = items(harbor, "HFD-0002")  # the server, due 2027-06-30 (warranty end)

    def forward(when: str):
        return plan_dates(upcoming, when, "office move", forward=True, as_of=AS_OF)

    assert forward("2027-01-31").deferrals[0].replace_on == date(2027, 1, 31)
    assert "before today" in forward("2026-01-01").error
    assert "use f to defer" in forward("2028-01-01").error
    assert forward("-6m").deferrals[0].replace_on == date(2026, 12, 30)


def test_relative_date_needs_a_due_date(harbor):
    plan = plan_dates(items(harbor, "HFD-0031"), "+12m", "x", forward=False, as_of=AS_OF)
    assert "no due date to count from" in plan.error
    dated = plan_dates(
        items(harbor, "HFD-0031"), "2027-02-01", "bought, date unknown", forward=False, as_of=AS_OF
    )
    assert dated.deferrals[0].replace_on == date(2027, 2, 1)  # "needs data" gets a date


def test_empty_date_removes_a_deferral(acme):
    deferred = acme.model_copy(update={"assets": [
        acme.assets[0].model_copy(update={"replace_on": date(2027, 6, 30), "replace_reason": "x"}),
        *acme.assets[1:],
    ]})
    plan = plan_dates(items(deferred, "ACME-0001", "ACME-0002"), "", "", forward=False, as_of=AS_OF)
    assert plan.deferrals == (Deferral("ACME-0001", None, None),)
    nothing = plan_dates(items(acme, "ACME-0002"), "", "", forward=False, as_of=AS_OF)
    assert "none of these has a deferral" in nothing.error


@pytest.mark.parametrize("text, rate", [
    ("3", Decimal("0.03")), ("3.5 %", Decimal("0.035")), (" 0 ", Decimal("0")), ("-1", Decimal("-0.01")),
])
def test_parse_percent(text, rate):
    assert parse_percent(text) == rate


def test_parse_percent_reads_a_decimal_comma_only_when_declared():
    assert parse_percent("2,5", ",") == Decimal("0.025")
    with pytest.raises(ValueError, match="only with a decimal comma"):
        parse_percent("2,5")


@pytest.mark.parametrize("text", ["", "abc", "-100", "101", "NaN"])
def test_parse_percent_refuses(text):
    with pytest.raises(ValueError):
        parse_percent(text)


def test_small_formats():
    assert percent_text(Decimal("0.035")) == "3.5 %" and percent_text(Decimal("0.03")) == "3 %"
    assert signed_money(Decimal("1234.5")) == "+1,234.50"
    assert signed_money(Decimal("-2")) == "−2.00" and signed_money(Decimal(0)) == "–"
    assert [short_money(v) for v in (950, 12000, 12500, 1_200_000)] == ["950", "12k", "12.5k", "1.2M"]
    assert nice_ticks(58268) == [0, 20000, 40000, 60000]
    assert nice_ticks(0) == [0.0, 1.0]


def test_schedule_shows_the_most_urgent_rows_of_a_big_client(harbor, monkeypatch):
    import itroad.tui.panes.schedule.replacements as replacements

    monkeypatch.setattr(replacements, "SCHEDULE_LIMIT", 4)
    table, items = replacements.schedule_rows(harbor, AS_OF)
    assert len(table.rows) == 4 and table.total == 30  # current assets
    assert plain(table, "state") == ["OVERDUE"] * 4
    assert set(items) == set(table.keys)


def test_the_cursor_keeps_its_stretch_of_time_when_the_periods_change(harbor):
    years = compute(harbor, AS_OF, Settings(by="year"))
    quarters = compute(harbor, AS_OF, Settings(by="quarter"))
    months = compute(harbor, AS_OF, Settings(by="month"))
    assert years.key_near(None) == years.default_key == "FY2027"  # the next fiscal year
    assert quarters.key_near(years.rows["FY2027"]) == "FY2027 total"  # a whole year stays one
    assert years.key_near(quarters.rows["FY2027 total"]) == "FY2027"
    assert months.key_near(quarters.rows["FY2027-Q1"]) == "2027-01"  # the period holding its start
    assert quarters.key_near(months.rows["2027-02"]) == "FY2027-Q1"
    assert quarters.key_near(quarters.rows["FY2027-Q3"]) == "FY2027-Q3"
