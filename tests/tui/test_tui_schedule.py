"""The Schedule tab through Pilot: periods, grouping, policies, deferrals, what-if, chart."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from decimal import Decimal

import pytest
from tests.conftest import AS_OF

from itroad.store import load_client, open_database
from itroad.store.policies import escalation_rate, load_policies
from itroad.tui.app import build_app
from itroad.tui.panes.schedule import SchedulePane
from itroad.tui.panes.schedule.dialogs import (
    LeaveWhatIf,
    PeriodItems,
    RateDialog,
    RedateDialog,
)
from itroad.tui.testing import (
    capture_notifications,
    column,
    pane,
    screen_text,
    settle,
    wait_for,
)


@pytest.fixture(autouse=True)
def _no_blink(frozen_blink):
    pass


def dump(path) -> list[str]:
    db = open_database(path, readonly=True)
    try:
        return list(db.conn.iterdump())
    finally:
        db.close()


def schedule(app) -> SchedulePane:
    found = pane(app, "schedule")
    assert isinstance(found, SchedulePane)
    return found


def forecast_column(app, key: str) -> list[str]:
    table = schedule(app).computed.table
    return table.column_values(key)


def amount(text: str) -> Decimal:
    return Decimal(text.replace(",", "").replace("−", "-").replace("+", "").replace("–", "0"))


async def open_schedule(pilot, *keys: str) -> SchedulePane:
    await settle(pilot)
    await pilot.press("5")
    await settle(pilot)
    if keys:
        await pilot.press(*keys)
        await settle(pilot)
    return schedule(pilot.app)


async def type_in(pilot, text: str) -> None:
    await pilot.press(*list(text))


# --------------------------------------------------------------------------- forecast


async def test_opens_on_the_forecast_at_the_next_fiscal_year(sample_db):
    app = build_app(sample_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        sch = await open_schedule(pilot)
        assert app.focused is sch.forecast_table
        assert sch.forecast_table.current_key == "FY2027"
        text = screen_text(app)
        # the owner's question, answered on the first screen
        assert "FY2027 (Jan–Dec 2027): 58,268.15 · budget 56,000.00 · OVER by 2,268.15" in text
        assert "Managed services" in text and "Replace front desk and operatory PCs" in text
        assert "OVER by 2,268.15" in text  # flagged in words, not only in colour
        assert "Overdue: 5 assets 4,350.00 (in FY2026)" in text
        lines = text.splitlines()
        assert len(lines) == 24 and all(len(line) == 80 for line in lines)


async def test_switch_periods_horizon_and_grouping(sample_db):
    app = build_app(sample_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        sch = await open_schedule(pilot)
        grand = sum(amount(t) for t in forecast_column(app, "total"))
        assert forecast_column(app, "period") == ["FY2026", "FY2027", "FY2028"]

        await pilot.press("Q")
        await settle(pilot)
        periods = forecast_column(app, "period")
        assert periods[:3] == ["FY2026-Q4", "FY2026 total", "FY2027-Q1"]
        assert sch.forecast_table.current_key == "FY2027 total"  # the same stretch of time
        quarters = [t for p, t in zip(periods, forecast_column(app, "total")) if "total" not in p]
        assert sum(amount(t) for t in quarters) == grand
        assert "Fiscal quarters FY2026–FY2028" in screen_text(app)

        await pilot.press("m")
        await settle(pilot)
        assert forecast_column(app, "period")[:3] == ["2026-11", "2026-12", "FY2026 total"]

        await pilot.press("Y", "plus")
        await settle(pilot)
        assert forecast_column(app, "period") == ["FY2026", "FY2027", "FY2028", "FY2029"]
        await pilot.press("minus", "minus", "minus", "minus")
        await settle(pilot)
        assert forecast_column(app, "period") == ["FY2026"]  # one fiscal year at least

        await pilot.press("plus", "plus", "g")
        await settle(pilot)
        keys = [c.key for c in sch.computed.table.columns]
        assert "group:msp" in keys and "group:laptop" in keys and "hardware" not in keys
        assert "by category" in screen_text(app)
        await pilot.press("g")
        await settle(pilot)
        assert "group:" in [c.key for c in sch.computed.table.columns][-1][:6]
        assert "(no site)" in [c.label for c in sch.computed.table.columns]
        await pilot.press("g")
        await settle(pilot)
        assert "hardware" in [c.key for c in sch.computed.table.columns]


async def test_enter_lists_every_item_of_the_period(sample_db):
    app = build_app(sample_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        sch = await open_schedule(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PeriodItems)
        row = sch.computed.rows["FY2027"]
        items = app.screen.query_one("#items-table")
        amounts = [amount(items.get_row_at(i)[1].plain) for i in range(items.row_count)]
        assert sum(amounts) == row.total == Decimal("58268.15")
        assert "Managed services" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is app.main_screen


async def test_chart_view(sample_db):
    app = build_app(sample_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        sch = await open_schedule(pilot, "v")
        chart = sch.chart
        assert app.focused is chart
        assert chart.plot is not None  # textual-plotext was loaded when the tab was shown
        assert list(chart.bars) == ["hardware", "renewals", "contracts", "initiatives"]
        text = screen_text(app)
        assert "FY2027▲" in text and "▲ OVER budget: FY2027 by 2,268.15" in text
        assert "██ hardware" in text and "━━ budget" in text and "stacked" in text
        await pilot.press("s")
        await settle(pilot)
        assert "side by side" in screen_text(app)
        await pilot.press("Q")
        await settle(pilot)
        assert len(chart.data.labels) == 9


def test_textual_plotext_is_imported_only_when_the_tab_is_shown(sample_db):
    code = f"""
import asyncio, sys
from datetime import date
from itroad.tui.app import build_app
from itroad.tui.testing import settle

async def main():
    app = build_app({str(sample_db)!r}, as_of=date(2026, 11, 22))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("2", "3")
        await settle(pilot)
        print("before", "textual_plotext" in sys.modules)
        await pilot.press("5")
        await settle(pilot)
        print("after", "textual_plotext" in sys.modules)

asyncio.run(main())
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "before False" in out.stdout and "after True" in out.stdout


# --------------------------------------------------------------------------- policies


async def test_edit_a_policy_in_place_and_the_forecast_follows(tui_db):
    app = build_app(tui_db, as_of=AS_OF)
    notes = capture_notifications(app)
    async with app.run_test(size=(80, 24)) as pilot:
        sch = await open_schedule(pilot)
        due_before = dict(zip(column(app, "schedule", "tag"), column(app, "schedule", "due")))
        assert due_before["ACME-0002"] == "2028-05-01"
        await pilot.press("p")
        await settle(pilot)
        line = sch.policies.line("laptop")
        assert app.focused is line.months_input  # the first line is laptop
        await type_in(pilot, "60")  # the value is selected on focus: typing replaces it
        assert "changed: Enter saves" in line.state_text
        await pilot.press("enter")
        await settle(pilot)
        db = open_database(tui_db, readonly=True)
        assert load_policies(db, "acme")[0].lifecycle_months == 60
        db.close()
        due_after = dict(zip(column(app, "schedule", "tag"), column(app, "schedule", "due")))
        assert due_after["ACME-0002"] == "2029-05-01"
        assert sch.policies.line("laptop").months_input.value == "60"
        assert any(n["message"] == "Saved: policy laptop." for n in notes)


async def test_policy_mistakes_are_explained_and_nothing_is_written(tui_db):
    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        before = dump(tui_db)
        sch = await open_schedule(pilot, "p")
        line = sch.policies.line("laptop")
        await pilot.press("backspace", "enter")
        await settle(pilot)
        assert "type the lifecycle in months" in line.state_text
        await type_in(pilot, "700")
        await pilot.press("enter")
        await settle(pilot)
        assert "between 1 and 600" in line.state_text
        await pilot.press("escape")
        assert line.months_input.value == "48"
        assert dump(tui_db) == before


async def test_basis_and_a_new_policy_for_a_category_that_needs_data(tui_db):
    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        sch = await open_schedule(pilot, "p")
        printer = sch.policies.line("printer")  # ACME-0003 has no policy
        assert "no policy: 1 need data" in printer.state_text
        await pilot.press("down", "down")
        assert app.focused is printer.months_input
        await type_in(pilot, "72")
        await pilot.press("tab")
        await type_in(pilot, "450")
        await pilot.press("tab", "space")
        assert printer.basis_toggle.basis.value == "warranty"
        await pilot.press("enter")
        await settle(pilot)
        db = open_database(tui_db, readonly=True)
        policy = load_policies(db, "acme")[-1]
        db.close()
        assert (policy.category, policy.lifecycle_months, policy.replacement_cost, policy.basis.value) == (
            "printer", 72, Decimal("450.00"), "warranty",
        )


async def test_a_line_being_edited_survives_saving_another(sample_db):
    app = build_app(sample_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        sch = await open_schedule(pilot, "p")
        await type_in(pilot, "72")  # access-point: 60 → 72, not saved yet
        await pilot.press("down")
        await type_in(pilot, "66")  # desktop: 60 → 66, saved
        await pilot.press("enter")
        await settle(pilot)
        assert sch.policies.line("desktop").months_input.value == "66"
        access_point = sch.policies.line("access-point")
        assert access_point.months_input.value == "72"
        assert "changed: Enter saves" in access_point.state_text
        db = open_database(sample_db, readonly=True)
        months = {p.category: p.lifecycle_months for p in load_policies(db, "harbor")}
        db.close()
        assert (months["access-point"], months["desktop"]) == (60, 66)


async def test_escalation_rate(tui_db):
    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_schedule(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, RateDialog)
        assert app.screen.query_one("#rate-value").value == "3"
        app.screen.query_one("#rate-value").value = ""
        await type_in(pilot, "abc")  # refused: not a number
        await type_in(pilot, "4.5")
        await pilot.press("enter")
        await settle(pilot)
        db = open_database(tui_db, readonly=True)
        assert escalation_rate(db, "acme") == Decimal("0.045")
        db.close()


# --------------------------------------------------------------------------- replacements


async def test_defer_an_asset_and_the_forecast_moves(tui_db):
    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        sch = await open_schedule(pilot)
        totals = dict(zip(forecast_column(app, "period"), forecast_column(app, "total")))
        await pilot.press("a")
        await settle(pilot)
        assert sch.table.current_key == "ACME-0001"  # overdue first: in FY2027 at 899.00
        await pilot.press("f")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, RedateDialog)
        dialog.query_one("#redate-when").value = ""
        await type_in(pilot, "2028-09-30")
        await pilot.press("enter")  # to the reason
        await type_in(pilot, "budget")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is app.main_screen
        db = open_database(tui_db, readonly=True)
        asset = load_client(db, "acme").assets[0]
        db.close()
        assert (asset.replace_on, asset.replace_reason) == (date(2028, 9, 30), "budget")
        after = dict(zip(forecast_column(app, "period"), forecast_column(app, "total")))
        # 899.00 leaves FY2027 and lands in FY2029, escalated 3 % a year twice
        assert amount(totals["FY2027"]) - amount(after["FY2027"]) == Decimal("899.00")
        assert amount(after["FY2029"]) - amount(totals["FY2029"]) == Decimal("953.75")
        assert column(app, "schedule", "tag")[0] == "ACME-0003"  # no longer overdue
        # the deferral is on the undo stack of the workspace
        await pilot.press("u")
        await settle(pilot)
        db = open_database(tui_db, readonly=True)
        assert load_client(db, "acme").assets[0].replace_on is None
        db.close()


async def test_mark_several_and_defer_them_together(sample_db):
    app = build_app(sample_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        sch = await open_schedule(pilot, "a")
        assert column(app, "schedule", "tag")[:3] == ["HFD-0003", "HFD-0014", "HFD-0009"]
        await pilot.press("down", "space", "space")  # HFD-0014 and HFD-0009
        assert sch.marks == {"HFD-0014", "HFD-0009"}
        assert column(app, "schedule", "mark")[:3] == ["", "✓", "✓"]
        assert "2 marked" in screen_text(app)
        await pilot.press("f")
        await settle(pilot)
        assert "Defer 2 assets" in screen_text(app)
        await pilot.press("enter")  # "+12m" is there already; the reason is asked for
        await type_in(pilot, "budget FY2027")
        await pilot.press("enter")
        await settle(pilot)
        db = open_database(sample_db, readonly=True)
        assets = {a.tag: a for a in load_client(db, "harbor").assets}
        db.close()
        assert assets["HFD-0014"].replace_on == date(2026, 10, 12)  # 2025-10-12 + 12 months
        assert assets["HFD-0009"].replace_on == date(2027, 3, 2)
        assert assets["HFD-0003"].replace_on is None
        assert sch.marks == set()


async def test_redate_dialog_explains_mistakes(sample_db):
    app = build_app(sample_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        before = dump(sample_db)
        await open_schedule(pilot, "a")
        await pilot.press("b")  # bring forward an overdue asset: it cannot be earlier
        await settle(pilot)
        await type_in(pilot, "2027-01-01")
        await pilot.press("tab")
        await type_in(pilot, "x")
        await pilot.press("enter")
        assert "is not earlier than HFD-0003's due date" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is app.main_screen
        assert dump(sample_db) == before


# --------------------------------------------------------------------------- what-if


async def make_what_if(pilot) -> SchedulePane:
    """laptops 48 → 60 months, escalation 3 % → 5 %, the overdue UPS deferred a year."""
    app = pilot.app
    sch = await open_schedule(pilot, "w")
    assert "WHAT-IF" in screen_text(app)
    assert [c.key for c in sch.computed.table.columns][1:4] == ["baseline", "scenario", "difference"]
    await pilot.press("p")
    await settle(pilot)
    sch.policies.line("laptop").months_input.focus()
    await pilot.pause()
    await type_in(pilot, "60")
    await pilot.press("enter")
    await settle(pilot)
    await pilot.press("e")
    await settle(pilot)
    app.screen.query_one("#rate-value").value = ""
    await type_in(pilot, "5")
    await pilot.press("enter")
    await settle(pilot)
    await pilot.press("a")
    await settle(pilot)
    assert sch.table.current_key == "HFD-0003"
    await pilot.press("f")
    await settle(pilot)
    await pilot.press("enter")
    await type_in(pilot, "what if")
    await pilot.press("enter")
    await settle(pilot)
    assert sch.computed.phrases == ("laptop 48→60 mo", "escalation 3 %→5 %", "1 asset re-dated")
    await pilot.press("t")
    await settle(pilot)
    return sch


async def test_what_if_then_discard_writes_nothing(sample_db):
    app = build_app(sample_db, as_of=AS_OF)
    notes = capture_notifications(app)
    async with app.run_test(size=(80, 24)) as pilot:
        before = dump(sample_db)
        sch = await make_what_if(pilot)
        text = screen_text(app)
        assert "Baseline" in text and "What-if" in text and "Difference" in text
        assert "laptop 48→60 mo; escalation 3 %→5 %; 1 asset re-dated" in text
        differences = forecast_column(app, "difference")
        assert any(d != "–" for d in differences)
        assert sch.policies.line("laptop").months_input.value == "60"
        assert dump(sample_db) == before  # nothing written while trying
        await pilot.press("D")
        await settle(pilot)
        assert not sch.what_if and "WHAT-IF" not in screen_text(app)
        assert "hardware" in [c.key for c in sch.computed.table.columns]
        assert sch.policies.line("laptop").months_input.value == "48"
        assert dump(sample_db) == before
        assert any("nothing was written" in n["message"] for n in notes)


async def test_what_if_drill_down_shows_changes_then_items(sample_db):
    app = build_app(sample_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        sch = await make_what_if(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PeriodItems)
        table = app.screen.query_one("#items-table")
        ranks = [table.get_row_at(i)[0].plain for i in range(table.row_count)]
        row = sch.computed.rows["FY2027"]
        changes = [amount(table.get_row_at(i)[1].plain) for i, r in enumerate(ranks) if r.startswith("Δ")]
        items = [amount(table.get_row_at(i)[1].plain) for i, r in enumerate(ranks) if not r.startswith("Δ")]
        assert sum(changes) == row.total - row.baseline != 0
        assert sum(items) == row.total


async def test_what_if_then_apply_writes_it_all(sample_db):
    app = build_app(sample_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        before = dump(sample_db)
        sch = await make_what_if(pilot)
        expected = forecast_column(app, "scenario")
        await pilot.press("A")
        await settle(pilot)
        assert not sch.what_if
        assert dump(sample_db) != before
        db = open_database(sample_db, readonly=True)
        client = load_client(db, "harbor")
        db.close()
        laptop = next(p for p in client.policies if p.category == "laptop")
        assert laptop.lifecycle_months == 60
        assert client.escalation_rate == Decimal("0.05")
        ups = next(a for a in client.assets if a.tag == "HFD-0003")
        assert (ups.replace_on, ups.replace_reason) == (date(2025, 8, 27), "what if")
        # what the what-if showed is now the forecast
        assert forecast_column(app, "total") == expected


async def test_leaving_a_what_if_with_changes_asks(sample_db):
    app = build_app(sample_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        before = dump(sample_db)
        sch = await make_what_if(pilot)
        await pilot.press("w")
        await settle(pilot)
        assert isinstance(app.screen, LeaveWhatIf)
        await pilot.press("escape")  # keep trying
        await settle(pilot)
        assert sch.what_if
        await pilot.press("w", "d")
        await settle(pilot)
        assert not sch.what_if and dump(sample_db) == before


async def test_what_if_is_dropped_when_the_client_changes(sample_db):
    app = build_app(sample_db, as_of=AS_OF)
    notes = capture_notifications(app)
    async with app.run_test(size=(80, 24)) as pilot:
        sch = await make_what_if(pilot)
        app.main_screen.select_client("lindqvist")
        await settle(pilot)
        assert not sch.what_if and sch.scenario.empty
        assert any("what-if was discarded" in n["message"] for n in notes)


async def test_a_stale_policy_is_refused(tui_db):
    from itroad.domain.models import LifecyclePolicy
    from itroad.store.policies import save_policy

    app = build_app(tui_db, as_of=AS_OF)
    notes = capture_notifications(app)
    async with app.run_test(size=(80, 24)) as pilot:
        sch = await open_schedule(pilot, "p")
        db = open_database(tui_db)  # another window changes the policy meanwhile
        laptop = LifecyclePolicy(category="laptop", lifecycle_months=48, replacement_cost=Decimal("1400"))
        save_policy(db, "acme", laptop.model_copy(update={"lifecycle_months": 36}), expected=laptop)
        db.close()
        await type_in(pilot, "60")
        await pilot.press("enter")
        await settle(pilot)
        assert any("changed elsewhere" in n["message"] and n["severity"] == "error" for n in notes)
        assert sch.policies.line("laptop").months_input.value == "36"  # shown as it is now


# --------------------------------------------------------------------------- sizes, help, empty


async def test_everything_at_once_at_160x50(sample_db):
    app = build_app(sample_db, as_of=AS_OF)
    async with app.run_test(size=(160, 50)) as pilot:
        sch = await open_schedule(pilot)
        assert sch.has_class("-wide")
        for panel in ("#panel-forecast", "#panel-chart", "#panel-assets", "#panel-policies"):
            assert sch.query_one(panel).region.height > 5, panel
        # The panels are drawn a refresh or two after the tab's first showing.
        await wait_for(pilot, lambda: "HFD-0003" in screen_text(app))
        text = screen_text(app)
        for words in ("Forecast (t)", "Spend per period (v)", "Replacements (a)",
                      "Lifecycle policies (p)", "OVER by 2,268.15", "workstation"):
            assert words in text, words
        await pilot.press("a")
        assert app.focused is sch.table
        await pilot.press("f")  # the replacement keys work where the focus is
        await settle(pilot)
        assert isinstance(app.screen, RedateDialog)


async def test_help_lists_the_schedule_keys(tui_db):
    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_schedule(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        text = app.screen.text
        assert "On the Schedule tab (5)" in text
        for words in ("Forecast by fiscal quarter", "Replacements: defer", "Start or leave a what-if",
                      "What-if: apply every change", "Policies: put the line back"):
            assert words in text, words


async def test_no_client(empty_db):
    app = build_app(empty_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("5")
        await settle(pilot)
        assert "No client to show" in screen_text(app)
        await pilot.press("m", "w", "f")
        assert app.is_running
