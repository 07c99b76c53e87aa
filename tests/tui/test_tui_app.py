"""The app shell through Pilot: tabs, keys, client switching, help, sizes, empty database."""

from __future__ import annotations

import pytest
from tests.conftest import AS_OF
from textual.widgets import Input, OptionList

from itroad.tui.app import ItroadApp, build_app
from itroad.tui.panes import TABS, pane_classes
from itroad.tui.screens.client_switcher import ClientSwitcher
from itroad.tui.screens.help import HelpScreen
from itroad.tui.testing import (
    capture_notifications,
    column,
    open_tab,
    pane,
    rendered,
    screen_text,
    settle,
)
from itroad.tui.widgets.client_header import ClientHeader

TAB_IDS = ["portfolio", "hardware", "renewals", "contracts", "schedule", "roadmap", "people"]


@pytest.fixture(autouse=True)
def _no_blink(frozen_blink):
    pass


def client_rows(app: ItroadApp) -> int:
    """How many rows of the Portfolio tab are clients (the currency totals follow)."""
    keys = pane(app, "portfolio").table.data.keys
    return sum(1 for key in keys if not key.startswith("total:"))


def portfolio_codes(app: ItroadApp) -> list[str]:
    return [code.lstrip("▸ ") for code in column(app, "portfolio", "code")[:client_rows(app)]]


def current_marks(app: ItroadApp) -> list[bool]:
    return [code.startswith("▸") for code in column(app, "portfolio", "code")[:client_rows(app)]]


def header_text(app: ItroadApp) -> str:
    return app.main_screen.query_one(ClientHeader).text


def test_tabs_are_in_key_order():
    assert [tab.pane_id for tab in TABS] == TAB_IDS


def test_the_tab_list_agrees_with_the_panes():
    for tab, pane_class in zip(TABS, pane_classes(), strict=True):
        assert (pane_class.PANE_ID, pane_class.TITLE) == (tab.pane_id, tab.title)


def test_build_app_reads_today_once(tui_db):
    from datetime import date

    app = build_app(tui_db)
    assert app.as_of == date.today()
    assert build_app(tui_db, as_of=AS_OF).as_of == AS_OF


async def test_opens_on_first_client_with_header(tui_db):
    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.main_screen.tabs.active == "portfolio"
        header = header_text(app)
        assert "Acme Dental" in header
        assert "acme" in header and "USD" in header and "2026-11-22" in header
        assert portfolio_codes(app) == ["acme", "zenith"]
        assert current_marks(app) == [True, False]
        # the dashboard's figures, then a total per currency (USD and EUR never added)
        assert column(app, "portfolio", "raci") == ["2", "0", "2", "0"]
        assert column(app, "portfolio", "code")[2:] == ["  Total USD", "  Total EUR"]
        assert isinstance(app.focused, type(pane(app, "portfolio").table))


async def test_number_keys_switch_tabs_and_show_real_rows(tui_db):
    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        expected_first = {
            "portfolio": ("code", "▸ acme"),
            "hardware": ("tag", "ACME-0001"),
            "renewals": ("name", "Microsoft 365 Business Premium"),
            "contracts": ("title", "Managed services"),
            "schedule": ("tag", "ACME-0001"),  # overdue: purchased 2020 + 60 months
            "roadmap": ("title", "Multi-factor authentication"),
            "people": ("name", "Jane Doe"),
        }
        for number, tab in enumerate(TAB_IDS, start=1):
            await pilot.press(str(number))
            await pilot.pause()
            assert app.main_screen.tabs.active == tab
            # the keys work while a table has the focus, and the focus follows the tab
            if tab == "schedule":  # opens on its forecast; the replacements are one key away
                assert app.focused is pane(app, tab).forecast_table
                await pilot.press("a")
                await pilot.pause()
            assert app.focused is pane(app, tab).table
            key, first = expected_first[tab]
            assert column(app, tab, key)[0] == first
            assert first[:20] in rendered(pane(app, tab).table)
        # back to 2 from a table of another tab
        await pilot.press("2")
        await pilot.pause()
        assert app.main_screen.tabs.active == "hardware"


async def test_tab_contents(tui_db):
    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert column(app, "hardware", "assigned")[:3] == ["Jane Doe", "[bold]x[/bold]", "[/foo]"]
        assert column(app, "hardware", "model")[0] == "Dell OptiPlex 7010"
        assert column(app, "hardware", "status") == ["in use", "in use", "in use", "retired"]
        assert column(app, "renewals", "cancel_by")[0] == "2026-11-01"
        assert column(app, "renewals", "badges")[0] == "NOTICE MISSED"
        assert column(app, "renewals", "unit_cost") == ["22.00", "15.00"]
        assert column(app, "contracts", "cancel_by") == ["2027-10-02"]
        assert column(app, "contracts", "amount") == ["1,500.00"]
        for tab in ("schedule", "roadmap", "people"):
            await open_tab(pilot, tab)
        # schedule: overdue first, then "needs data", then by due date; retired left out
        assert column(app, "schedule", "tag") == ["ACME-0001", "ACME-0003", "ACME-0002"]
        assert column(app, "schedule", "state") == ["OVERDUE", "needs data", ""]
        assert column(app, "schedule", "cost") == ["899.00", "", "1,442.00"]
        assert column(app, "roadmap", "accountable") == ["Jane Doe", ""]
        assert column(app, "roadmap", "warnings")[0] == "no one is Responsible"
        assert "no one is Accountable" in column(app, "roadmap", "warnings")[1]
        assert column(app, "people", "assets") == ["1", "1", "1"]
        assert column(app, "people", "renewals") == ["1", "0", "0"]
        assert column(app, "people", "contracts") == ["1", "0", "0"]
        assert column(app, "people", "roles") == ["1", "0", "0"]


async def test_enter_on_a_client_opens_its_hardware(tui_db):
    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert app.main_screen.tabs.active == "hardware"
        assert app.main_screen.client_code == "zenith"
        assert column(app, "hardware", "tag") == ["ZEN-001"]
        assert "Zenith Law LLP" in header_text(app) and "EUR" in header_text(app)
        assert app.focused is pane(app, "hardware").table
        # the portfolio marks the current client
        assert current_marks(app) == [False, True]


async def test_switch_client_with_c_reloads_every_open_tab(tui_db):
    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_tab(pilot, "people")
        await open_tab(pilot, "schedule")
        await pilot.press("3")
        before = column(app, "renewals", "name")
        await pilot.press("c")
        await pilot.pause()
        switcher = app.screen
        assert isinstance(switcher, ClientSwitcher)
        assert isinstance(app.focused, Input)
        await pilot.press(*"zen")
        await pilot.pause()
        assert [c.code for c in switcher.shown] == ["zenith"]
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, ClientSwitcher)
        assert app.main_screen.client_code == "zenith"
        assert app.main_screen.tabs.active == "renewals"  # the tab stays, its rows change
        assert column(app, "renewals", "name") == ["Clio"] != before
        assert column(app, "hardware", "tag") == ["ZEN-001"]
        assert column(app, "people", "name") == ["Zoe Zed"]
        assert column(app, "schedule", "tag") == ["ZEN-001"]
        assert "Zenith Law LLP" in header_text(app)
        assert not app.main_screen.is_open("roadmap")  # never shown: never built


async def test_choosing_the_shown_client_while_another_is_still_loading_goes_back_to_it(
        tui_db, monkeypatch):
    """c → zenith, and before zenith is read, c → acme (still on screen): acme it is."""
    import threading

    import itroad.tui.screens.main as main_module

    gate = threading.Event()
    real = main_module.load_client_summary

    def slow(db_path, code, as_of):
        if code == "zenith":
            gate.wait(10)
        return real(db_path, code, as_of)

    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        monkeypatch.setattr(main_module, "load_client_summary", slow)
        app.main_screen.select_client("zenith")
        await pilot.pause()
        assert app.main_screen.client_code == "acme"  # zenith is not read yet
        await pilot.press("c")
        await pilot.pause()
        await pilot.press(*"acm", "enter")
        await pilot.pause()
        gate.set()
        await settle(pilot)
        assert app.main_screen.client_code == "acme"
        assert "Acme" in header_text(app)


async def test_client_switcher_arrows_escape_and_no_match(tui_db):
    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await pilot.pause()
        switcher = app.screen
        assert isinstance(switcher, ClientSwitcher)
        options = switcher.query_one(OptionList)
        assert options.highlighted == 0  # the current client
        await pilot.press("down")
        assert options.highlighted == 1
        await pilot.press(*"nobody")
        await pilot.pause()
        assert switcher.shown == []
        await pilot.press("enter")  # nothing to choose: stays open
        assert app.screen is switcher
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is app.main_screen
        assert app.main_screen.client_code == "acme"


async def test_command_palette_switches_client(tui_db):
    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Client: Zenith")
        await pilot.pause(0.3)  # the palette searches in a worker, batched
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.main_screen.client_code == "zenith"

        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Switch client")
        await pilot.pause(0.3)
        await settle(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ClientSwitcher)


async def test_help_lists_every_key_and_closes(tui_db):
    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = app.screen.text
        for expected in ("Show the Portfolio tab", "Show the People tab", "Switch to another client",
                         "Show this help", "Quit itroad", "Command palette", "Scroll right", "Close help", "^p"):
            assert expected in text, expected
        for number in "1234567":
            assert f"\n  {number} " in text
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.main_screen
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("q")  # closes help, does not quit
        await pilot.pause()
        assert app.screen is app.main_screen
        assert app.is_running


async def test_q_quits(tui_db):
    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_header_and_footer_readable_at_80x24(tui_db):
    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        lines = screen_text(app).splitlines()
        assert len(lines) == 24 and all(len(line) == 80 for line in lines)
        header, tabs, footer = lines[0], lines[1], lines[-1]
        assert "Acme Dental" in header and "acme · USD · as of 2026-11-22" in header
        for label in ("Tabs", "Client", "Help", "Quit", "palette"):
            assert label in footer, footer
        for title in ("Portfolio", "Hardware", "Renewals", "Contracts", "Schedule", "Roadmap", "People"):
            assert title in tabs, tabs


async def test_large_terminal(tui_db):
    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await pilot.pause()
        table = pane(app, "hardware").table
        shown = rendered(table)
        # at 160 columns the table shows tag … site, and the details sit beside it
        assert "Site" in shown and "Main office" in shown
        assert table.size.height >= 40
        details = pane(app, "hardware").detail.text
        assert "Warranty end" in details and "2023-03-15" in details
        await pilot.press("7")
        await pilot.pause()
        assert "Roles" in rendered(pane(app, "people").table)


async def test_long_client_name_keeps_code_currency_and_date(tmp_path):
    from itroad.domain.models import Client, Portfolio
    from itroad.store import import_portfolio, open_database

    path = tmp_path / "long.db"
    db = open_database(path)
    import_portfolio(db, Portfolio(clients=[Client(code="long", name="L" * 150, currency="GBP")]))
    db.close()
    app = build_app(path, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        header = screen_text(app).splitlines()[0]
        assert "long · GBP · as of 2026-11-22" in header
        assert "…" in header


async def test_empty_database_says_how_to_get_data_in(empty_db):
    app = build_app(empty_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        message = screen_text(app)
        assert "No clients yet" in message
        assert "itroad import toml FILE" in message
        assert "itroad demo" in message
        assert "no clients yet" in header_text(app)
        for number in "234567":
            await pilot.press(number)
            await pilot.pause()
            assert "No client to show" in screen_text(app)
        notes = capture_notifications(app)
        await pilot.press("c")
        await pilot.pause()
        assert app.screen is app.main_screen
        assert notes and "itroad import toml FILE" in notes[0]["message"]
        assert notes[0]["markup"] is False


async def test_unknown_client_falls_back_with_a_notification(tui_db):
    app = build_app(tui_db, client="nope", as_of=AS_OF)
    notes = capture_notifications(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.main_screen.client_code == "acme"
        assert any('No client "nope"' in n["message"] and n["markup"] is False for n in notes)


async def test_client_option_opens_that_client(tui_db):
    app = build_app(tui_db, client="zenith", as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.main_screen.client_code == "zenith"
        assert "Zenith Law LLP" in header_text(app)
        assert current_marks(app) == [False, True]


async def test_reload_reads_the_database_again(tui_db):
    from itroad.domain.models import Client, Portfolio
    from itroad.store import import_portfolio, open_database

    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        db = open_database(tui_db)
        import_portfolio(db, Portfolio(clients=[Client(code="third", name="Third Co")]))
        db.close()
        await pilot.press("r")
        await settle(pilot)
        assert portfolio_codes(app) == ["acme", "zenith", "third"]


async def test_missing_database_is_reported_not_fatal(tmp_path):
    app = build_app(tmp_path / "missing.db", as_of=AS_OF)
    notes = capture_notifications(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.is_running
        assert any(n["severity"] == "error" and "missing.db" in n["message"] for n in notes)
        assert "cannot read the database" in header_text(app)
        assert all(n["markup"] is False for n in notes)


async def test_keyboard_only_with_mouse_disabled(tui_db):
    """Focus moves with tab / shift+tab and the arrows stay inside the tab (no mouse needed)."""
    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("tab")  # the focus moves to the tab bar and back
        await pilot.press("shift+tab")
        await pilot.press("5")
        await pilot.pause()
        assert app.main_screen.tabs.active == "schedule"
        await pilot.press("right", "left", "down")
        assert app.main_screen.tabs.active == "schedule"
