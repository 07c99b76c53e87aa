"""Browsing the inventory tabs through Pilot: filter as you type, sort, quick filters,
the status line, the detail panel, marks, paging, the palette jump, literal user text."""

from __future__ import annotations

import pytest
from tests.conftest import AS_OF, TRICKY_TEXT

from itroad.domain.models import Asset, Client, Contract, Portfolio
from itroad.store import import_portfolio, open_database
from itroad.store.editing import save_record
from itroad.store.kinds import CONTRACT
from itroad.tui.app import build_app
from itroad.tui.forms import RecordForm
from itroad.tui.testing import column, pane, rendered, screen_text, settle, wait_for

BOLD, CLICK, CLOSE, PATH = TRICKY_TEXT
TAGS = ["ACME-0001", "ACME-0002", "ACME-0003", "ACME-0004"]


@pytest.fixture(autouse=True)
def _no_blink(frozen_blink):
    pass


async def hardware(pilot):
    await settle(pilot)
    await pilot.press("2")
    await settle(pilot)
    return pane(pilot.app, "hardware")


async def test_filter_as_you_type_and_escape_clears(tui_db):
    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        tab = await hardware(pilot)
        await pilot.press("slash")
        assert app.focused is tab.filter_input
        for key, expected in (("f", ["ACME-0001", "ACME-0003"]),  # Front…, [@click…]/[/foo] site
                              ("r", ["ACME-0001"]), ("o", ["ACME-0001"])):
            await pilot.press(key)
            await settle(pilot)
            assert column(app, "hardware", "tag") == expected
        assert 'filter “fro”' in tab.status_text and "1 of 4 assets" in tab.status_text
        await pilot.press("down")  # back to the rows, the filter kept
        assert app.focused is tab.table
        assert column(app, "hardware", "tag") == ["ACME-0001"]
        await pilot.press("escape")
        await settle(pilot)
        assert column(app, "hardware", "tag") == TAGS
        assert "filter" not in tab.status_text.split("·")[1]
        # words match anywhere: the person's name, the category, the site
        await pilot.press("slash", *"laptop [bold]")
        await settle(pilot)
        assert column(app, "hardware", "tag") == ["ACME-0002"]
        await pilot.press("escape")  # Esc in the filter line clears it too
        await settle(pilot)
        assert column(app, "hardware", "tag") == TAGS and app.focused is tab.table
        await pilot.press("slash", *"nothing like it")
        await settle(pilot)
        assert "No assets match" in rendered(tab.table)


async def test_sort_keys_and_header_click(tui_db):
    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        tab = await hardware(pilot)
        assert "Tag ▲" in rendered(tab.table) and "sorted by Tag ▲" in tab.status_text
        await pilot.press("s")  # next column: name
        await settle(pilot)
        assert column(app, "hardware", "name") == sorted(column(app, "hardware", "name"))
        assert "Name ▲" in rendered(tab.table)
        await pilot.press("S")  # reversed
        await settle(pilot)
        names = column(app, "hardware", "name")
        assert names == sorted(names, reverse=True) and "Name ▼" in rendered(tab.table)
        await pilot.press("s")  # status
        await settle(pilot)
        assert column(app, "hardware", "status")[-1] == "retired"
        assert "sorted by Status ▲" in tab.status_text
        # a click on a header sorts by it; again reverses
        header = rendered(tab.table).splitlines()[0]
        await pilot.click(tab.table, offset=(header.index("Tag") + 1, 0))
        await settle(pilot)
        assert column(app, "hardware", "tag") == TAGS
        await pilot.click(tab.table, offset=(header.index("Tag") + 1, 0))
        await settle(pilot)
        assert column(app, "hardware", "tag") == TAGS[::-1]
        # the cursor stays on its row through a sort
        tab.table.move_cursor(1)
        await settle(pilot)
        kept = tab.table.cursor_data["tag"]
        await pilot.press("S")
        await settle(pilot)
        assert tab.table.cursor_data["tag"] == kept


async def test_quick_filters_status_and_attention(tui_db):
    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        tab = await hardware(pilot)
        await pilot.press("f")  # current: in use, spare, in repair
        await settle(pilot)
        assert column(app, "hardware", "tag") == TAGS[:3]
        assert "status: current" in tab.status_text and "3 of 4 assets" in tab.status_text
        await pilot.press("f")  # in use
        await settle(pilot)
        assert "status: in use" in tab.status_text
        for _ in range(3):  # spare, in repair, retired
            await pilot.press("f")
        await settle(pilot)
        assert column(app, "hardware", "tag") == ["ACME-0004"]
        await pilot.press("escape")
        await settle(pilot)
        assert column(app, "hardware", "tag") == TAGS
        await pilot.press("exclamation_mark")  # needs attention: overdue (0001) and no purchase date (0003)
        await settle(pilot)
        assert column(app, "hardware", "tag") == ["ACME-0001", "ACME-0003"]
        assert column(app, "hardware", "badges") == ["OVERDUE, NO WARRANTY", "NEEDS DATA"]
        assert "needs attention" in tab.status_text
        await pilot.press("exclamation_mark")
        await settle(pilot)
        assert column(app, "hardware", "tag") == TAGS
        # renewals and contracts have the attention filter, not the status one
        await pilot.press("3", "exclamation_mark")
        await settle(pilot)
        assert column(app, "renewals", "name") == ["Microsoft 365 Business Premium"]
        await pilot.press("f")
        await settle(pilot)
        assert "status" not in pane(app, "renewals").status_text


async def test_detail_panel_toggled_at_80x24(tui_db):
    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        tab = await hardware(pilot)
        assert not tab.detail.display or not tab.details_shown
        await pilot.press("enter")
        await settle(pilot)
        assert tab.details_shown
        details = tab.detail.text
        # every field, and the computed replacement: 2020-03-15 + 60 months, overdue,
        # no policy cost so the purchase cost, not escalated (overdue)
        for expected in ("ACME-0001", "Front desk PC", "Dell", "OptiPlex 7010", "Main office",
                         "Jane Doe <jane@acme.example>, Office manager", "2020-03-15",
                         "USD 899.00", "2023-03-15", "60 months (desktop policy)",
                         "2025-03-15 OVERDUE", "OVERDUE", "NO WARRANTY"):
            assert expected in details, expected
        await pilot.press("down")  # the details follow the cursor
        await settle(pilot)
        details = tab.detail.text
        # 1,400.00 from the laptop policy, escalated 3 % a year to FY2028 (July fiscal years)
        assert BOLD in details and PATH in details and "USD 1,442.00 in FY2028" in details
        assert "ACME-0001" in rendered(tab.table)  # the table keeps a few rows
        await pilot.press("enter")
        await settle(pilot)
        assert not tab.details_shown


async def test_detail_panel_beside_the_table_when_wide(tui_db):
    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=(160, 50)) as pilot:
        tab = await hardware(pilot)
        assert tab.details_shown and tab.detail.region.x > tab.table.region.x
        assert tab.detail.region.y == tab.table.region.y
        # a retired asset is not planned; a contract and an initiative link to assets
        await pilot.press("end")
        await settle(pilot)
        assert "not planned (retired)" in tab.detail.text
        await pilot.press("3")
        await settle(pilot)
        details = pane(app, "renewals").detail.text
        assert "Cancel by" in details and "2026-11-01: notice window MISSED" in details
        assert "About a year" in details and "USD 3,168.00" in details
        await pilot.press("4")
        await settle(pilot)
        details = pane(app, "contracts").detail.text
        assert "Current term" in details and "2025-01-01 – 2027-12-31" in details
        assert "Cancel by" in details and "2027-10-02" in details


async def test_asset_details_name_linked_contracts_and_initiatives(tmp_path):
    from itroad.domain.models import Initiative

    path = tmp_path / "links.db"
    db = open_database(path)
    import_portfolio(db, Portfolio(clients=[Client(
        code="one", name="One", assets=[Asset(tag="A-1", name="Copier", category="printer")],
        contracts=[Contract(title="Copier lease", start="2025-01-01", amount="9.00", assets=["A-1"])],
        initiatives=[Initiative(title="Print less", category="strategy", start="2027-01-01",
                                assets=["A-1"], status="approved")],
    )]))
    db.close()
    app = build_app(path, as_of=AS_OF)
    async with app.run_test(size=(160, 50)) as pilot:
        tab = await hardware(pilot)
        details = tab.detail.text
        assert "Copier lease" in details and "Print less (approved)" in details
        await pilot.press("4")
        await settle(pilot)
        assert "A-1 Copier" in pane(app, "contracts").detail.text


async def test_marks(tui_db):
    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        tab = await hardware(pilot)
        await pilot.press("space")
        assert tab.table.marks == {1} and tab.table.cursor_row == 1
        assert "● ACME-0001" in rendered(tab.table)
        await pilot.press("up", "space")
        assert tab.table.marks == set()
        await pilot.press("asterisk")
        await settle(pilot)
        assert tab.table.marks == {1, 2, 3, 4} and "4 marked" in tab.status_text
        await pilot.press("escape")
        assert tab.table.marks == set()
        # marks are row ids: they survive a filter
        await pilot.press("home", "space", "slash", *"old")
        await settle(pilot)
        assert tab.table.marks == {1}


async def test_paging_through_many_rows(tmp_path):
    path = tmp_path / "many.db"
    db = open_database(path)
    import_portfolio(db, Portfolio(clients=[Client(code="big", name="Big", assets=[
        Asset(tag=f"T-{i:04d}", name=f"Thing {i}", category="laptop") for i in range(450)
    ])]))
    db.close()
    app = build_app(path, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        tab = await hardware(pilot)
        assert "450 assets" in tab.status_text
        await pilot.press("end")
        await settle(pilot)
        assert tab.table.cursor_data["tag"] == "T-0449"
        assert "T-0449" in rendered(tab.table)  # the cursor's row is on screen
        await pilot.press("pageup")
        await settle(pilot)
        assert tab.table.cursor_row < 449 and tab.table.cursor_data is not None
        await pilot.press("home")
        await settle(pilot)
        assert tab.table.cursor_data["tag"] == "T-0000"


async def test_empty_tab_says_how_to_add(tui_db):
    app = build_app(tui_db, client="zenith", as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)
        assert "No contracts recorded for Zenith Law LLP yet: n adds one." in screen_text(app)


async def test_every_inventory_tab_shows_markup_like_text_literally(tui_db):
    db = open_database(tui_db)
    save_record(db, CONTRACT, 1, Contract(title=CLICK, vendor=PATH, kind="lease", start="2026-01-01",
                                          end="2026-12-31", amount="1.00", owner="bold@acme.example"))
    db.close()
    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=(160, 50)) as pilot:
        tab = await hardware(pilot)
        assert column(app, "hardware", "name")[1:3] == [BOLD, CLICK]
        assert column(app, "hardware", "assigned")[1:3] == [BOLD, CLOSE]
        await pilot.press("down")
        await settle(pilot)
        shown = screen_text(app)
        assert BOLD in shown and PATH in shown  # the table and the details
        await pilot.press("down")
        await settle(pilot)
        assert CLICK in tab.detail.text and CLICK in screen_text(app)

        await pilot.press("3", "down")
        await settle(pilot)
        assert column(app, "renewals", "name")[1] == PATH
        assert column(app, "renewals", "vendor")[1] == BOLD
        shown = screen_text(app)
        assert PATH in shown and BOLD in shown

        await pilot.press("4")
        await settle(pilot)
        assert CLICK in column(app, "contracts", "title")
        contracts = pane(app, "contracts")
        contracts.table.move_cursor(column(app, "contracts", "title").index(CLICK))
        await settle(pilot)
        shown = screen_text(app)
        assert PATH in shown and f"{BOLD} <bold@acme.example>" in contracts.detail.text
        assert CLICK in contracts.detail.text
        # clicking on it runs nothing
        line = shown.splitlines()
        row = next(i for i, text in enumerate(line) if CLICK[:20] in text)
        await pilot.click(offset=(line[row].index(CLICK[:20]) + 2, row))
        await settle(pilot)
        assert app.is_running
        # and the filter line takes it literally too
        await pilot.press("slash", *"[@click")
        await settle(pilot)
        assert column(app, "contracts", "title") == [CLICK]


async def test_palette_finds_a_record_in_any_client_and_jumps_to_it(tui_db):
    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        tab = await hardware(pilot)
        await pilot.press("slash", *"front")  # a filter that hides the target is cleared
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"zen-001")
        await pilot.pause(0.3)  # the palette searches in a worker, batched
        await settle(pilot)
        assert "Partner laptop" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert app.main_screen.client_code == "zenith"
        assert app.main_screen.tabs.active == "hardware"
        assert tab.table.cursor_data["tag"] == "ZEN-001"
        # a renewal by its vendor, back in the first client
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"BlueSky")
        await pilot.pause(0.3)
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.main_screen.client_code == "acme"
        assert app.main_screen.tabs.active == "contracts"
        assert pane(app, "contracts").table.cursor_data["title"] == "Managed services"
        # a tag further down the list, in the current client
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"ACME-0004")
        await pilot.pause(0.3)
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.main_screen.tabs.active == "hardware"
        assert tab.table.cursor_data["tag"] == "ACME-0004"


async def test_palette_new_record_commands(tui_db):
    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"New renewal")
        await pilot.pause(0.3)
        await settle(pilot)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, RecordForm))
        assert app.screen.title_text == "New renewal at Acme Dental"
        assert app.main_screen.tabs.active == "renewals"
