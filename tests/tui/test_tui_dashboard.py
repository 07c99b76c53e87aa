"""The Portfolio dashboard through Pilot: figures after the first paint, a total per
currency, sorting, Enter, and only the written client computed again."""

from __future__ import annotations

import threading
from collections import Counter

import pytest
from tests.conftest import AS_OF, TRICKY_TEXT, tui_portfolio

import itroad.tui.data as tui_data
import itroad.tui.panes.portfolio as portfolio_module
from itroad.domain.money import format_money
from itroad.planning.health import client_health
from itroad.tui.app import build_app
from itroad.tui.forms import RecordForm
from itroad.tui.panes.portfolio import PENDING, PortfolioPane, due_text, whole
from itroad.tui.testing import column, pane, rendered, settle, wait_for

BOLD, CLICK, CLOSE, PATH = TRICKY_TEXT


@pytest.fixture(autouse=True)
def _no_blink(frozen_blink):
    pass


@pytest.fixture
def computed(monkeypatch) -> Counter:
    """How many times each client's health was computed."""
    seen: Counter = Counter()
    real = tui_data.client_health

    def spy(client, as_of):
        seen[client.code] += 1
        return real(client, as_of)

    monkeypatch.setattr(tui_data, "client_health", spy)
    return seen


def dashboard(app) -> PortfolioPane:
    found = pane(app, "portfolio")
    assert isinstance(found, PortfolioPane)
    return found


def keys(app) -> list[str]:
    return list(dashboard(app).table.data.keys)


def details(app) -> str:
    """The lines under the table, as the tab wrote them."""
    return dashboard(app).details_text


def expected():
    return {c.code: client_health(c, AS_OF) for c in tui_portfolio().clients}


async def test_two_currencies_make_two_total_rows_never_added(tui_db, computed):
    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        health = expected()
        acme, zenith = health["acme"], health["zenith"]
        assert (acme.currency, zenith.currency) == ("USD", "EUR")
        assert keys(app) == ["acme", "zenith", "total:USD", "total:EUR"]
        assert column(app, "portfolio", "code")[2:] == ["  Total USD", "  Total EUR"]
        # each total is its own currency's clients only (one each here)
        assert column(app, "portfolio", "due_90") == [
            due_text(acme.due_90.count, acme.due_90.amount),
            due_text(zenith.due_90.count, zenith.due_90.amount),
            due_text(acme.due_90.count, acme.due_90.amount),
            due_text(zenith.due_90.count, zenith.due_90.amount),
        ]
        assert column(app, "portfolio", "mark")[:2] == [acme.mark, zenith.mark]
        assert column(app, "portfolio", "overdue") == [
            str(acme.overdue_assets), str(zenith.overdue_assets),
            str(acme.overdue_assets), str(zenith.overdue_assets)]
        assert computed == {"acme": 1, "zenith": 1}
        # the detail lines: the row under the cursor, the mark's reasons in words
        shown = details(app)
        assert f"{acme.mark} — {'; '.join(acme.reasons)}" in shown
        assert format_money(acme.due_90.amount) in shown
        on_screen = " ".join(rendered(dashboard(app).query_one("#portfolio-details")).split())
        assert f"Acme Dental (acme, USD): {acme.mark} — {acme.reasons[0]}" in on_screen
        await pilot.press("end")  # the last row: the EUR total
        await pilot.press("ctrl+end")
        await pilot.pause()
        assert dashboard(app).table.current_key == "total:EUR"
        assert "Total of 1 client in EUR" in details(app)
        assert format_money(zenith.due_90.amount) in details(app)


async def test_two_clients_in_one_currency_are_added(tmp_path):
    from itroad.domain.models import Client, Portfolio, Renewal
    from itroad.store import import_portfolio, open_database

    path = tmp_path / "two.db"
    db = open_database(path)

    def client(code, cost, currency="USD"):
        return Client(code=code, name=code.title(), currency=currency, renewals=[
            Renewal(name="R", unit_cost=cost, next_renewal="2026-12-10")])

    import_portfolio(db, Portfolio(clients=[client("a", "100.40"), client("b", "1000.00"),
                                            client("c", "7.00", "GBP")]))
    db.close()
    app = build_app(path, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert keys(app) == ["a", "b", "c", "total:USD", "total:GBP"]
        assert column(app, "portfolio", "due_30") == ["1 · 100", "1 · 1,000", "1 · 7", "2 · 1,100",
                                                      "1 · 7"]


async def test_figures_are_filled_in_after_the_first_paint(tui_db, monkeypatch):
    release = threading.Event()
    started: list[bool] = []
    real = portfolio_module.client_figures
    app = build_app(tui_db, as_of=AS_OF)

    def held(db_path, codes, as_of):
        # the client's first tabs were on screen before the dashboard began
        started.append(app.main_screen.data is not None and app.main_screen.data.code == "acme")
        release.wait(30)
        yield from real(db_path, codes, as_of)

    monkeypatch.setattr(portfolio_module, "client_figures", held)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(200):
            await pilot.pause()
            if started:
                break
        assert started == [True]
        # the client list is there, its figures not yet
        assert keys(app)[:2] == ["acme", "zenith"]
        assert column(app, "portfolio", "mark") == [PENDING, PENDING, "", ""]
        assert column(app, "portfolio", "due_90") == [PENDING] * 4  # the totals wait too
        assert "figures being computed" in details(app)
        # the other tabs did not wait
        assert column(app, "hardware", "tag")[0] == "ACME-0001"
        release.set()
        await settle(pilot)
        health = expected()
        assert column(app, "portfolio", "mark")[:2] == [health["acme"].mark, health["zenith"].mark]
        assert PENDING not in "".join(column(app, "portfolio", "due_30"))


async def test_sort_by_any_column_and_reverse(tui_db):
    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        health = expected()
        assert health["acme"].raci_gaps > health["zenith"].raci_gaps
        table = dashboard(app).table
        seen = []
        for _ in range(len(portfolio_module.COLUMNS)):
            await pilot.press("s")
            await pilot.pause()
            seen.append(dashboard(app).sort)
            assert keys(app)[2:] == ["total:USD", "total:EUR"]  # the totals stay under the clients
        assert seen == list(portfolio_module.COLUMN_KEYS)
        await pilot.press("s")  # back to the order the clients were added
        await pilot.pause()
        assert dashboard(app).sort is None
        while dashboard(app).sort != "raci":
            await pilot.press("s")
            await pilot.pause()
        assert keys(app)[:2] == ["zenith", "acme"]  # fewer RACI gaps first
        assert "RACI ▲" in [str(column.label) for column in table.columns.values()]
        await pilot.press("S")
        await pilot.pause()
        assert keys(app)[:2] == ["acme", "zenith"]
        # the cursor stays on its client through a sort
        table.move_cursor(row=keys(app).index("zenith"))
        await pilot.press("S")
        await pilot.pause()
        assert table.current_key == "zenith"


async def test_enter_opens_the_client_and_not_a_total(tui_db):
    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = dashboard(app).table
        table.move_cursor(row=keys(app).index("total:EUR"))
        await pilot.press("enter")
        await settle(pilot)
        assert app.main_screen.tabs.active == "portfolio" and app.main_screen.client_code == "acme"
        table.move_cursor(row=keys(app).index("zenith"))
        await pilot.press("enter")
        await settle(pilot)
        assert app.main_screen.tabs.active == "hardware"
        assert app.main_screen.client_code == "zenith"


async def test_a_write_computes_only_the_current_client_again(tui_db, computed):
    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert computed == {"acme": 1, "zenith": 1}
        assert column(app, "portfolio", "overdue")[0] == "1"
        # retire the overdue asset ACME-0001 in the Hardware tab
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, RecordForm))
        app.screen.field("status").select.value = "retired"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is app.main_screen
        assert computed == {"acme": 2, "zenith": 1}
        assert column(app, "portfolio", "overdue")[0] == "0"
        # switching clients computes nothing: the figures are kept
        await pilot.press("1")
        dashboard(app).table.move_cursor(row=keys(app).index("zenith"))
        await pilot.press("enter")
        await settle(pilot)
        assert computed == {"acme": 2, "zenith": 1}
        # u (undo) back in acme: a write to acme again
        await pilot.press("1")
        dashboard(app).table.move_cursor(row=keys(app).index("acme"))
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert computed == {"acme": 3, "zenith": 1}
        assert column(app, "portfolio", "overdue")[0] == "1"
        # r reads the database again: every client
        await pilot.press("r")
        await settle(pilot)
        assert computed == {"acme": 4, "zenith": 2}


async def test_an_import_computes_every_client_again(tui_db, computed):
    from itroad.tui.messages import RecordsChanged

    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert computed == {"acme": 1, "zenith": 1}
        # what the import screen does after an import: it tells the Portfolio tab
        dashboard(app).post_message(RecordsChanged())
        await settle(pilot)
        assert computed == {"acme": 2, "zenith": 2}


async def test_names_are_shown_literally(tmp_path):
    from itroad.domain.models import Client, Portfolio
    from itroad.store import import_portfolio, open_database

    path = tmp_path / "odd.db"
    db = open_database(path)
    import_portfolio(db, Portfolio(clients=[Client(code="one", name=CLICK), Client(code="two", name=PATH)]))
    db.close()
    app = build_app(path, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert CLICK in details(app)
        await pilot.press("down")
        await pilot.pause()
        assert PATH in details(app)
        assert column(app, "portfolio", "mark")[:2] == ["good", "good"]


def test_whole_units():
    from decimal import Decimal

    assert whole(Decimal("14243.50")) == "14,244"
    assert whole(Decimal("0.49")) == "0"
    assert whole(Decimal("2.041694201525630780780247646E+58")).startswith("20,416,942")
