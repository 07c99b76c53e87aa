"""The Roadmap tab through the keyboard (Pilot), on the sample portfolio as of 2026-11-22.

Lindqvist & Moreau's fiscal year starts in July: 2026-11-22 is in FY2027, and
"next year" is FY2028, when seven of its laptops fall due.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from tests.conftest import AS_OF
from tests.tui_helpers import done as settle

from itroad.domain.enums import InitiativeStatus
from itroad.domain.money import format_money
from itroad.planning.forecast import forecast
from itroad.store import load_client, open_database
from itroad.tui.app import build_app
from itroad.tui.testing import capture_notifications, column, pane, screen_text

ZERO = Decimal("0.00")


def _client(app):
    return app.main_screen.records.client


def _initiative(app, title):
    return next(i for i in _client(app).initiatives if i.title == title)


def _fy(f, label):
    return next(y for y in f.fiscal_years if y.label == label)


async def _open_roadmap(pilot):
    await settle(pilot)
    await pilot.press("6")
    await settle(pilot)


async def _wait_for_table(pilot):
    """The stock DataTable measures its columns on idle: let it."""
    await settle(pilot)
    await pilot.pause(0.3)


async def test_create_link_approve_and_shift_an_initiative(sample_db):
    app = build_app(sample_db, as_of=AS_OF, client="lindqvist")
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_roadmap(pilot)
        roadmap = pane(app, "roadmap")
        before = forecast(_client(app), AS_OF, by="year", years=2)

        # A new initiative; the end typed before the start is refused at the field.
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        await pilot.press(*"Laptop refresh FY2028", "tab", "tab", "tab", "tab")
        await pilot.press("ctrl+u", *"2027-07-05", "tab", "ctrl+u", *"2027-06-30", "tab", *"2000")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert form.field("end").error == "end 2027-06-30 is before start 2027-07-05"
        assert app.focused is form.field("end").control
        # A negative cost is refused as it is typed.
        await pilot.press("tab", "ctrl+u", "minus", "5")
        assert form.field("one_time_cost").error == 'amount "-5" must not be negative'
        await pilot.press("ctrl+u", *"2000", "shift+tab", "ctrl+u", *"2027-09-24")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is app.main_screen
        assert roadmap.current.planned.title == "Laptop refresh FY2028"
        assert "Laptop refresh FY2028" in column(app, "roadmap", "title")
        row = column(app, "roadmap", "title").index("Laptop refresh FY2028")
        assert column(app, "roadmap", "raci")[row] == "no A/R"
        assert column(app, "roadmap", "one_time")[row] == "2,000.00"

        # Link the laptops due next year in one action: the quick pick.
        await pilot.press("l")
        await pilot.pause()
        picker = app.screen
        group = next(n for n, g in enumerate(picker.groups)
                     if g.label == "laptop: all 7 due in FY2028 (10,192.00)")
        await pilot.press("g")
        await pilot.pause()
        await pilot.press(*["down"] * (group + 1), "enter")
        await pilot.pause()
        assert len(picker.marked) == 7 and picker.marked_cost == Decimal("10192.00")
        assert "7 assets marked: 10,192.00 joins the initiative's budget" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        initiative = _initiative(app, "Laptop refresh FY2028")
        assert len(initiative.assets) == 7
        row = column(app, "roadmap", "title").index("Laptop refresh FY2028")
        assert column(app, "roadmap", "one_time")[row] == "12,192.00"
        linked = forecast(_client(app), AS_OF, by="year", years=2)
        # The laptops left FY2028's hardware line and joined the proposed line.
        assert _fy(before, "FY2028").total - _fy(linked, "FY2028").total == Decimal("10192.00")
        assert _fy(linked, "FY2028").proposed - _fy(before, "FY2028").proposed == Decimal("12192.00")

        # Approve it: its budget moves from proposed into the committed forecast
        # (the Schedule tab reads the same client through the same forecast).
        await pilot.press("a")
        await settle(pilot)
        assert _initiative(app, "Laptop refresh FY2028").status is InitiativeStatus.APPROVED
        approved = forecast(_client(app), AS_OF, by="year", years=2)
        assert _fy(approved, "FY2028").proposed == _fy(before, "FY2028").proposed
        assert _fy(approved, "FY2028").total - _fy(linked, "FY2028").total == Decimal("12192.00")
        # ...and the Schedule tab shows the new FY2028 total, not the old one.
        await pilot.press("5")
        await settle(pilot)
        shown = screen_text(app)
        assert format_money(_fy(approved, "FY2028").total) in shown
        assert format_money(_fy(linked, "FY2028").total) not in shown
        await pilot.press("6")
        await settle(pilot)

        # The timeline: shift it a quarter later and watch the quarters' totals move.
        await pilot.press("t")
        await pilot.pause()
        timeline = roadmap.timeline
        assert app.focused is timeline
        assert timeline.current.planned.title == "Laptop refresh FY2028"
        q1 = timeline.budget("FY2028-Q1")
        q2 = timeline.budget("FY2028-Q2")
        assert "FY2028-Q1" in screen_text(app)
        await pilot.press("greater_than_sign")
        await settle(pilot)
        moved = _initiative(app, "Laptop refresh FY2028")
        assert (moved.start, moved.end) == (date(2027, 10, 5), date(2027, 12, 24))
        assert timeline.current.planned.title == "Laptop refresh FY2028"
        q1_after, q2_after = timeline.budget("FY2028-Q1"), timeline.budget("FY2028-Q2")

        def amount(text: str) -> Decimal:
            return Decimal(text.replace(",", "")) if text not in ("", "–") else ZERO

        assert amount(q1[0]) - amount(q1_after[0]) == Decimal("12192.00")
        assert amount(q2_after[0]) - amount(q2[0]) == Decimal("12192.00")
        # and back with <, then u undoes the approval's successor steps one by one
        await pilot.press("less_than_sign")
        await settle(pilot)
        assert _initiative(app, "Laptop refresh FY2028").start == date(2027, 7, 5)


async def test_advance_and_set_status_and_undo(sample_db):
    app = build_app(sample_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_roadmap(pilot)
        notes = capture_notifications(app)
        roadmap = pane(app, "roadmap")
        titles = column(app, "roadmap", "title")
        row = next(n for n, t in enumerate(titles) if t.startswith("HIPAA security risk"))
        await pilot.press(*["down"] * row)
        assert roadmap.current.planned.status is InitiativeStatus.PROPOSED
        await pilot.press("a")
        await settle(pilot)
        assert roadmap.current.planned.status is InitiativeStatus.APPROVED
        assert "now committed" in notes[-1]["message"] and notes[-1]["markup"] is False
        await pilot.press("A")
        await pilot.pause()
        await pilot.press("f")  # deferred
        await settle(pilot)
        assert roadmap.current.planned.status is InitiativeStatus.DEFERRED
        await pilot.press("u")
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert roadmap.current.planned.status is InitiativeStatus.PROPOSED


async def test_filter_sort_and_raci_flags(sample_db):
    app = build_app(sample_db, as_of=AS_OF, client="northfield")
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_roadmap(pilot)
        roadmap = pane(app, "roadmap")
        flags = dict(zip(column(app, "roadmap", "title"), column(app, "roadmap", "raci")))
        assert flags["Teams Phone migration"] == "no A"
        assert sum(1 for f in flags.values() if f) == 1
        await pilot.press("f", "f")  # all → this quarter → next quarter
        await pilot.pause()
        assert "next quarter (FY2027-Q2)" in roadmap.query_one(".list-status").content.plain
        assert column(app, "roadmap", "title") == [
            "CMMC Level 2 readiness", "OT network segmentation on th…", "ERP server replacement",
            "Office laptop refresh FY2027"]
        await pilot.press("f", "f", "f", "f")  # committed → proposed → deferred → RACI
        await pilot.pause()
        assert column(app, "roadmap", "title") == ["Teams Phone migration"]
        assert "breaking RACI" in roadmap.query_one(".list-status").content.plain
        await pilot.press("escape")
        await pilot.press("slash", *"laptop")
        await pilot.pause()
        found = column(app, "roadmap", "title")
        assert "Office laptop refresh FY2027" in found and 0 < len(found) < 10
        assert f"{len(found)} of 10 initiatives" in roadmap.query_one(".list-status").content.plain
        await pilot.press("escape")
        await pilot.press("s", "s")  # by status
        await pilot.pause()
        statuses = column(app, "roadmap", "status")
        order = [s.value.replace("_", " ") for s in InitiativeStatus]
        assert statuses == sorted(statuses, key=order.index)


async def test_kpis_goal_and_progress(sample_db):
    app = build_app(sample_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_roadmap(pilot)
        roadmap = pane(app, "roadmap")
        assert roadmap.current.planned.title == "Multi-factor authentication for all staff"
        detail = roadmap.detail.text
        assert "Staff enrolled ██████░░░░ 58%" in detail and "58% (target 100%, from 0%)" in detail
        await pilot.press("k")
        await pilot.pause()
        assert "Staff enrolled" in screen_text(app)
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("tab", "tab", "tab", "tab", "ctrl+u", *"90", "ctrl+s")
        await settle(pilot)
        assert "90% (target 100%" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Hardware keys issued", "tab", "tab", "tab", "ctrl+s")
        await pilot.pause()
        assert app.screen.field("target").error == "is required"
        await pilot.press(*"2", "tab", *"1", "ctrl+s")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        kpis = next(i for i in _client(app).initiatives if i.title.startswith("Multi-factor")).kpis
        assert [(k.name, str(k.current)) for k in kpis] == [
            ("Staff enrolled", "90"), ("Hardware keys issued", "1")]
        assert "90%" in roadmap.detail.text


async def test_delete_and_undo_put_back_links_and_roles(sample_db):
    app = build_app(sample_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_roadmap(pilot)
        await pilot.press("down")  # Replace front desk and operatory PCs (five PCs linked)
        title = pane(app, "roadmap").current.planned.title
        assert title == "Replace front desk and operatory PCs"
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("d")
        await settle(pilot)
        assert title not in [i.title for i in _client(app).initiatives]
        await pilot.press("u")
        await settle(pilot)
        back = _initiative(app, title)
        assert len(back.assets) == 5 and len(back.roles) == 4 and len(back.kpis) == 1


async def test_replacement_initiative_from_a_quick_pick(sample_db):
    app = build_app(sample_db, as_of=AS_OF, client="lindqvist")
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_roadmap(pilot)
        await pilot.press("L")
        await pilot.pause()
        picker = app.screen
        picker.choose_group(next(g for g in picker.groups if g.label.startswith("laptop: all 7")))
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert form.field("title").raw() == "Replace laptop due in FY2028"
        assert form.field("start").raw() == "2028-01-01"  # the quarter of the first one due
        await pilot.press("ctrl+s")
        await settle(pilot)
        created = _initiative(app, "Replace laptop due in FY2028")
        assert len(created.assets) == 7


async def test_unknown_person_is_refused_at_the_field(sample_db):
    """The person chosen as Accountable was removed in another window meanwhile."""
    app = build_app(sample_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_roadmap(pilot)
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        db = open_database(sample_db)
        try:
            from itroad.store.editing import delete_records
            from itroad.store.kinds import PERSON
            from itroad.store.people import person_id

            rachel = person_id(db, 1, "rachel@harborfamilydental.example")
            delete_records(db, PERSON, [rachel])
        finally:
            db.close()
        await pilot.press("ctrl+s")
        await pilot.pause(0.5)
        assert app.screen is form
        assert 'unknown person "rachel@harborfamilydental.example"' in form.field("accountable").error


@pytest.mark.parametrize("size", [(80, 24), (160, 50)])
async def test_timeline_fits_and_keeps_the_totals_in_view(sample_db, size):
    app = build_app(sample_db, as_of=AS_OF, client="northfield")
    async with app.run_test(size=size) as pilot:
        await _open_roadmap(pilot)
        await pilot.press("t")
        await pilot.pause()
        text = screen_text(app)
        assert "Committed" in text and "Proposed (not in total)" in text
        assert "FY2027-Q1" in text and "! Teams Phone" in text
        timeline = pane(app, "roadmap").timeline
        shown = timeline.quarters_shown()
        assert len(shown) == (5 if size[0] == 80 else 12)
        await pilot.press("right")
        assert timeline.quarters_shown()[0] == shown[0] + 1 or len(shown) > 10
        await pilot.press(*["down"] * 20)
        assert timeline.current is not None
        assert "Committed" in screen_text(app)


async def test_markup_like_titles_stay_literal(tui_db):
    from tests.conftest import TRICKY_TEXT

    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_roadmap(pilot)
        await pilot.press("t")
        await pilot.pause()
        assert TRICKY_TEXT[1][:20] in screen_text(app)
        assert app.is_running


def test_store_agrees_after_the_flows(sample_db):
    db = open_database(sample_db, readonly=True)
    try:
        assert len(load_client(db, "lindqvist").initiatives) == 8
    finally:
        db.close()


async def test_forms_and_pickers_show_markup_like_titles_literally(tui_db):
    from tests.conftest import TRICKY_TEXT

    click = TRICKY_TEXT[1]
    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_roadmap(pilot)
        await pilot.press("down", "e")
        await settle(pilot)
        assert f"Edit “{click}”" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("l")
        await pilot.pause(0.3)
        assert f"Assets replaced by “{click}”" in screen_text(app)
        await pilot.press("escape", "k")
        await pilot.pause(0.3)
        assert f"Goal and KPIs: {click}" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert app.is_running


async def test_timeline_shows_the_chosen_initiatives_slices_beside_its_budget(sample_db):
    """Northfield as of 2026-11-22: CMMC's 42,000.00 counts 4,666.66 from November in
    FY2027-Q1 (its earlier months are spent), its monthly 650.00 after its end."""
    app = build_app(sample_db, as_of=AS_OF, client="northfield")
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_roadmap(pilot)
        await pilot.press("t")
        await settle(pilot)
        timeline = pane(app, "roadmap").timeline
        roadmap = timeline.view.roadmap
        p = timeline.current.planned
        assert p.title == "CMMC Level 2 readiness"
        text = screen_text(app)
        assert "Slice of 42,000.00" in text
        slices = {q.label: timeline.slice_of(q.label) for q in roadmap.quarters[:5]}
        assert slices == {"FY2027-Q1": "4,666.66", "FY2027-Q2": "6,999.99",
                          "FY2027-Q3": "6,999.99", "FY2027-Q4": "7,000.05",
                          "FY2028-Q1": "1,950.00"}
        line = next(row for row in text.splitlines() if "Slice of" in row)
        assert line.split()[3:] == ["4,666.66", "6,999.99", "6,999.99", "7,000.05", "┈1,950.00"]
        # every initiative's slices of a quarter add up to what the quarter shows
        for quarter in roadmap.quarters:
            total = sum((i.slice(quarter.index).total for i in roadmap.initiatives), ZERO)
            assert total == quarter.committed + quarter.proposed
        # the details say what they are, and what of the budget is not counted
        detail = pane(app, "roadmap").current_detail()
        pairs = dict(detail.pairs)
        assert pairs["Slices"] == ("FY2027-Q1 4,666.66 · FY2027-Q2 6,999.99 · FY2027-Q3 6,999.99"
                                   " · FY2027-Q4 7,000.05 = 25,666.69 of 42,000.00;"
                                   " 16,333.31 before 2026-11 not counted")
        assert pairs["Monthly slices"].startswith("650.00 a month: FY2028-Q1 to ")
        await pilot.press("up")
        await settle(pilot)
        assert timeline.current.planned.title != "CMMC Level 2 readiness"
        chosen = timeline.current.planned
        assert f"Slice of {format_money(chosen.one_time_budget)}" in screen_text(app)


async def test_editing_an_initiative_or_a_kpi_keeps_its_goals_delivery_and_readings(sample_db):
    from itroad.domain.models import Goal, KpiReading, Portfolio
    from itroad.store import import_portfolio

    title = "Multi-factor authentication for all staff"
    db = open_database(sample_db)
    try:
        code = "harbor"
        client = load_client(db, code)
        initiatives = [i if i.title != title else i.model_copy(update={
            "serves": ["Pass the cyber-insurance audit"], "completed_on": date(2026, 11, 20),
            "actual_cost": Decimal("950.00"),
            "kpis": [i.kpis[0].model_copy(update={"current": None, "history": [
                KpiReading(date=date(2026, 10, 1), value=Decimal("40")),
                KpiReading(date=date(2026, 11, 15), value=Decimal("58"))]}), *i.kpis[1:]]})
            for i in client.initiatives]
        import_portfolio(db, Portfolio(clients=[client.model_copy(update={
            "goals": [Goal(title="Pass the cyber-insurance audit", horizon="short")],
            "initiatives": initiatives})]))
        before = next(i for i in load_client(db, code).initiatives if i.title == title)
    finally:
        db.close()
    app = build_app(sample_db, as_of=AS_OF, client=code)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_roadmap(pilot)
        roadmap = pane(app, "roadmap")
        assert roadmap.current.planned.title == title
        # The latest dated reading is the KPI's value.
        assert "58% (target 100%, from 0%)" in roadmap.detail.text
        await pilot.press("k")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("ctrl+u", *"Staff enrolled in MFA", "ctrl+s")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        kpi = _initiative(app, title).kpis[0]
        assert (kpi.name, kpi.history, kpi.current) == ("Staff enrolled in MFA",
                                                        before.kpis[0].history, None)
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("ctrl+u", *"MFA for all staff", "ctrl+s")
        await settle(pilot)
        after = _initiative(app, "MFA for all staff")
        assert (after.serves, after.completed_on, after.actual_cost) == (
            before.serves, before.completed_on, before.actual_cost)
        assert after.kpis[0].history == before.kpis[0].history
