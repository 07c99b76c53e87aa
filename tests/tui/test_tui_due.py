"""The Due view (D): what needs a decision or payment in 30, 90 or 365 days, for the
current client or all, grouped by kind with subtotals and a total per currency;
Enter shows the record in its tab, Esc goes back. The figures are checked against
the items of planning/due.py, added up here."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import date
from decimal import Decimal

import pytest
from tests.conftest import AS_OF, TRICKY_TEXT, _database_with
from tests.tui.test_tui_escapes import assert_harmless, terminal_output
from tests.tui_helpers import done

from itroad.domain.models import (
    Asset,
    Client,
    Contract,
    LifecyclePolicy,
    Person,
    Portfolio,
    Renewal,
)
from itroad.planning.due import DueItem, due_groups, due_items_for, due_totals
from itroad.store import load_clients, open_database
from itroad.tui.app import build_app
from itroad.tui.cells import NO_CLIENT
from itroad.tui.panes import TABS
from itroad.tui.screens import due as due_module
from itroad.tui.screens.due import DueScreen, when
from itroad.tui.testing import pane, rendered, screen_text, settle

BOLD, CLICK, CLOSE, PATH = TRICKY_TEXT
ESCAPE = "X\x1b[2J\x1b]0;pwned\x07"

_PLURAL = {"renewal": "Renewals", "contract": "Contracts", "replacement": "Replacements",
           "warranty": "Warranties"}


@pytest.fixture(autouse=True)
def _no_blink(frozen_blink):
    pass


def expected(db_path, within: int, code: str | None = None) -> list[DueItem]:
    """The items planning/due.py gives for the clients in the database."""
    db = open_database(db_path, readonly=True)
    try:
        clients = load_clients(db, None if code is None else [code])
    finally:
        db.close()
    return due_items_for(clients, AS_OF, within)


def money(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


async def open_due(pilot) -> DueScreen:
    await pilot.press("D")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, DueScreen)
    return screen


async def press(pilot, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


def table_rows(screen: DueScreen) -> list[tuple[str, dict[str, str]]]:
    """Each row's key and its cells' text by column."""
    table = screen.table
    columns = [c.key.value for c in table.ordered_columns]
    return [(key, dict(zip(columns, (cell.plain for cell in table.get_row_at(n)))))
            for n, key in enumerate(screen.rows.table.keys)]


def group_rows(screen: DueScreen) -> dict[str, dict[str, str]]:
    return {key: cells for key, cells in table_rows(screen) if key.startswith("group:")}


def total_rows(screen: DueScreen) -> dict[str, dict[str, str]]:
    return {cells["what"]: cells for key, cells in table_rows(screen) if key.startswith("total:")}


async def unfold_all(pilot, screen: DueScreen) -> None:
    """Open every folded group (space on its row)."""
    for key in list(screen.rows.groups):
        if screen.rows.groups[key] and "▸" in group_rows(screen)[key]["what"]:
            await move_to(pilot, screen, key)
            await press(pilot, "space")


async def move_to(pilot, screen: DueScreen, key: str) -> None:
    screen.table.move_cursor(row=screen.rows.table.keys.index(key), animate=False)
    await pilot.pause()


def item_key(screen: DueScreen, **match: str) -> str:
    for key, item in screen.rows.items.items():
        if all(getattr(item, name) == value for name, value in match.items()):
            return key
    raise AssertionError(f"no item {match} on screen")


# ---------------------------------------------------------------------------- opening


@pytest.mark.parametrize("number", range(1, len(TABS) + 1))
async def test_d_opens_the_due_view_from_every_tab_and_escape_comes_back(tui_db, number):
    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, str(number))
        tab = TABS[number - 1].pane_id
        assert app.main_screen.tabs.active == tab
        screen = await open_due(pilot)
        assert "Due within 90 days of 2026-11-22 · Acme Dental (acme)" in screen_text(app)
        await press(pilot, "D")  # not a second view over the first
        assert len(app.screen_stack) == 2
        await press(pilot, "escape")
        assert app.screen is app.main_screen
        assert app.main_screen.tabs.active == tab
        assert screen.items == tuple(expected(tui_db, 90, "acme"))


async def test_the_palette_opens_it_and_the_keys_are_in_the_footer_and_the_help(tui_db):
    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"what's due")
        await pilot.pause(0.3)  # the palette searches in a worker, batched
        await settle(pilot)
        await press(pilot, "enter")
        assert isinstance(app.screen, DueScreen)
        footer = screen_text(app).splitlines()[-1]
        for words in ("⏎ Open", "esc Close", "space Fold", "w Window", "a All clients"):
            assert words in footer
        await press(pilot, "question_mark")
        help_text = app.screen.text
        assert "In the Due view (D)" in help_text
        assert any(line.split()[:1] == ["D"] and "What's due" in line
                   for line in help_text.splitlines())  # among the keys of anywhere
        for words in ("Due within 30 days", "Due within 365 days", "The next window",
                      "Show the record in its tab", "What's due"):
            assert words in help_text


async def test_reading_is_said_while_the_clients_are_read(tui_db, monkeypatch):
    release = threading.Event()
    read = due_module.read_clients

    def slow_read(db_path, code):
        release.wait()
        return read(db_path, code)

    monkeypatch.setattr(due_module, "read_clients", slow_read)
    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("D")
        await pilot.pause()
        assert "Reading…" in screen_text(app)
        release.set()
        await settle(pilot)
        assert "Reading…" not in screen_text(app)
        assert isinstance(app.screen, DueScreen) and app.screen.items


async def test_without_a_client_it_says_how_to_get_data_in(empty_db):
    app = build_app(empty_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = await open_due(pilot)
        assert screen.scope == "all"
        assert NO_CLIENT.split(":")[0] in screen_text(app)


# ---------------------------------------------------------------------------- figures


async def test_the_window_changes_the_items(sample_db):
    app = build_app(sample_db, as_of=AS_OF, client="northfield")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = await open_due(pilot)
        counts = {}
        for key, within in (("3", 30), ("y", 365), ("9", 90), ("w", 365), ("w", 30)):
            await press(pilot, key)
            assert screen.within == within
            assert f"Due within {within} days of 2026-11-22" in screen_text(app)
            items = expected(sample_db, within, "northfield")
            assert screen.items == tuple(items)
            kinds = Counter(item.kind for item in items)
            shown = {g["what"].split(" ", 1)[1]: g for g in group_rows(screen).values()}
            assert shown.keys() == {f"{_PLURAL[kind]} ({n})" for kind, n in kinds.items()}
            counts[within] = len(items)
        assert counts[30] < counts[90] < counts[365]


async def test_subtotals_and_the_total_are_the_sums_of_the_items(sample_db):
    app = build_app(sample_db, as_of=AS_OF, client="northfield")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = await open_due(pilot)
        await press(pilot, "y")
        items = expected(sample_db, 365, "northfield")
        groups = group_rows(screen)
        for kind in {item.kind for item in items}:
            subtotal = sum((i.amount for i in items if i.kind == kind and i.amount is not None),
                           Decimal(0))
            assert money(groups[f"group:USD:{kind}"]["amount"]) == subtotal
            late = sum(1 for i in items if i.kind == kind and i.late)
            assert groups[f"group:USD:{kind}"]["when"] == (f"{late} late" if late else "")
        total = sum((i.amount for i in items if i.amount is not None), Decimal(0))
        assert money(total_rows(screen)["Total USD"]["amount"]) == total
        # a long group starts folded, as itroad due summarises it; space shows each item
        assert "▸ Replacements" in groups["group:USD:replacement"]["what"]
        await unfold_all(pilot, screen)
        rows = [cells for key, cells in table_rows(screen) if key.startswith("item:")]
        assert len(rows) == len(items)
        assert sum(money(r["amount"]) for r in rows if r["amount"] != "—") == total
        # soonest first within each kind, late ones said in words
        for kind in {item.kind for item in items}:
            dates = [i.date for i in screen.rows.items.values() if i.kind == kind]
            assert dates == sorted(dates)
        late_rows = [r for r in rows if r["when"] == "late"]
        assert len(late_rows) == sum(1 for i in items if i.late) > 0
        assert all(r["date"] < "2026-11-22" for r in late_rows)


async def test_this_client_or_every_client(tui_db):
    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = await open_due(pilot)
        await press(pilot, "y")
        assert {item.client for item in screen.items} == {"acme"}
        assert "a All clients" in screen_text(app)
        await press(pilot, "a")
        assert screen.scope == "all"
        assert screen.items == tuple(expected(tui_db, 365))
        assert {item.client for item in screen.items} == {"acme", "zenith"}
        text = screen_text(app)
        assert "all 2 clients" in text and "Client" in text and "a This client" in text
        await press(pilot, "a")
        assert {item.client for item in screen.items} == {"acme"}


async def test_two_currencies_give_two_totals_never_added(tui_db):
    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = await open_due(pilot)
        await press(pilot, "y", "a")
        items = expected(tui_db, 365)
        totals = total_rows(screen)
        assert set(totals) == {"Total USD", "Total EUR"}
        for currency in ("USD", "EUR"):
            known = [i.amount for i in items if i.currency == currency and i.amount is not None]
            assert money(totals[f"Total {currency}"]["amount"]) == sum(known, Decimal(0))
        labels = [cells["what"] for cells in group_rows(screen).values()]
        assert any("USD" in label for label in labels) and any("EUR" in label for label in labels)
        # each currency's groups come before its total
        keys = screen.rows.table.keys
        for n, key in enumerate(keys):
            if key.startswith("group:"):
                currency = key.split(":")[1]
                assert keys.index(f"total:{currency}") > n


# ---------------------------------------------------------------------------- Enter


async def test_enter_shows_the_record_in_its_tab(tui_db):
    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = await open_due(pilot)
        await press(pilot, "y")
        # a contract of this client
        await move_to(pilot, screen, item_key(screen, kind="contract", name="Managed services"))
        detail = " ".join(rendered(screen.query_one("#due-detail")).split())
        assert " ".join(screen.current_item.action.split()) in detail  # the whole action
        assert "owner Jane Doe" in detail
        await press(pilot, "enter")
        await done(pilot)
        assert app.screen is app.main_screen
        assert app.main_screen.tabs.active == "contracts"
        assert pane(app, "contracts").table.cursor_data["title"] == "Managed services"
        # a renewal of another client
        screen = await open_due(pilot)
        await press(pilot, "y", "a")
        await move_to(pilot, screen, item_key(screen, client="zenith", name="Clio"))
        await press(pilot, "enter")
        await done(pilot)
        assert app.main_screen.client_code == "zenith"
        assert app.main_screen.tabs.active == "renewals"
        assert pane(app, "renewals").table.cursor_data["name"] == "Clio"
        # Enter on a group's row folds it, and stays
        screen = await open_due(pilot)
        await move_to(pilot, screen, screen.rows.table.keys[0])
        await press(pilot, "enter")
        assert app.screen is screen and "▸" in table_rows(screen)[0][1]["what"]


async def test_it_opens_again_where_it_was_left(tui_db):
    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = await open_due(pilot)
        await press(pilot, "y", "a")
        key = item_key(screen, client="zenith", name="Clio")
        await move_to(pilot, screen, key)
        await press(pilot, "enter")  # to the record, in another client
        await done(pilot)
        screen = await open_due(pilot)
        assert (screen.within, screen.scope, screen.current_key) == (365, "all", key)
        await press(pilot, "3", "a", "escape")
        screen = await open_due(pilot)
        assert (screen.within, screen.scope) == (30, "client")
        assert {item.client for item in screen.items} <= {"zenith"}


async def test_enter_on_an_asset_shows_it_in_hardware(sample_db):
    app = build_app(sample_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = await open_due(pilot)
        await press(pilot, "a")
        await unfold_all(pilot, screen)
        item = [i for i in screen.rows.items.values() if i.kind == "replacement"][-1]
        assert item.client != app.main_screen.client_code
        await move_to(pilot, screen, item_key(screen, client=item.client, tag=item.tag))
        await press(pilot, "enter")
        await done(pilot)
        assert app.main_screen.client_code == item.client
        assert app.main_screen.tabs.active == "hardware"
        assert pane(app, "hardware").table.cursor_data["tag"] == item.tag


async def test_a_record_gone_since_is_said(tui_db):
    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = await open_due(pilot)
        await press(pilot, "y")
        db = open_database(tui_db)
        try:
            db.execute("UPDATE contracts SET deleted_at = '2026-11-22' WHERE title = 'Managed services'")
            db.conn.commit()
        finally:
            db.close()
        await move_to(pilot, screen, item_key(screen, kind="contract", name="Managed services"))
        await press(pilot, "enter")
        assert app.screen is screen
        assert "no longer in the database" in screen_text(app)


# ---------------------------------------------------------------------------- user text


def _hostile_portfolio() -> Portfolio:
    return Portfolio(clients=[Client(
        code="odd", name=f"Odd {BOLD}", currency="USD",
        policies=[LifecyclePolicy(category="laptop", lifecycle_months=48)],
        people=[Person(name=CLICK, email="click@odd.example"), Person(name=ESCAPE),
                Person(name=PATH)],
        assets=[Asset(tag="[ODD]-1", name=BOLD, category="laptop", assigned_to=ESCAPE,
                      purchase_date=date(2020, 1, 1), purchase_cost=Decimal("900.00"))],
        renewals=[Renewal(name=CLICK, vendor="v", unit_cost=Decimal("10.00"),
                          next_renewal=date(2026, 12, 15), owner="click@odd.example"),
                  Renewal(name=ESCAPE, vendor="v", unit_cost=Decimal("20.00"),
                          next_renewal=date(2026, 12, 20), owner=PATH)],
        contracts=[Contract(title=PATH, vendor="v", start=date(2025, 1, 1), end=date(2026, 12, 31),
                            amount=Decimal("100.00"), notice_days=10, owner=ESCAPE)],
    )])


async def test_names_are_shown_as_typed(tmp_path):
    db_path = _database_with(tmp_path / "odd.db", _hostile_portfolio())
    app = build_app(db_path, as_of=AS_OF)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        screen = await open_due(pilot)
        text = screen_text(app)
        for shown in (f"Odd {BOLD}", CLICK, PATH, "[ODD]-1 [bold]x", "X␛[2J␛]0;pwned␇"):
            assert shown in text
        assert "\x1b[2J" not in text
        assert_harmless(terminal_output(app))  # what reaches the terminal
        await move_to(pilot, screen, item_key(screen, name=CLICK))
        assert f"owner {CLICK}" in screen_text(app)
        await pilot.click("#due-detail")
        await settle(pilot)
        assert app.is_running


def test_how_soon_is_said_in_words():
    item = DueItem("c", "renewal", "n", None, date(2026, 11, 30), "a", None, None, "USD")
    assert when(item, date(2026, 11, 22)) == "in 8 d"
    assert when(item, date(2026, 11, 30)) == "today"
    late = DueItem("c", "renewal", "n", None, date(2026, 11, 1), "a", None, None, "USD", late=True)
    assert when(late, date(2026, 11, 22)) == "late"


def test_groups_over_every_client_keep_currencies_apart():
    def item(client: str, kind: str, amount: str | None, currency: str) -> DueItem:
        return DueItem(client, kind, "n", None, date(2026, 12, 1), "a", None,
                       None if amount is None else Decimal(amount), currency)

    items = [item("a", "renewal", "10.00", "USD"), item("b", "renewal", "5.00", "USD"),
             item("c", "renewal", "7.00", "EUR"), item("b", "contract", None, "USD")]
    groups = due_groups(items, per_client=False)
    assert [(g.currency, g.kind, g.amount, len(g.items), g.unknown) for g in groups] == [
        ("USD", "renewal", sum((Decimal("10.00"), Decimal("5.00"))), 2, 0),
        ("USD", "contract", Decimal(0), 1, 1),
        ("EUR", "renewal", Decimal("7.00"), 1, 0)]
    assert {g.client for g in groups} == {""}
    totals = due_totals(items, per_client=False)
    assert [(t.currency, t.amount, t.count, t.unknown) for t in totals] == [
        ("USD", Decimal("15.00"), 3, 1), ("EUR", Decimal("7.00"), 1, 0)]
    # per client, as itroad due shows them, unchanged
    assert [(t.client, t.amount) for t in due_totals(items)] == [
        ("a", Decimal("10.00")), ("b", Decimal("5.00")), ("c", Decimal("7.00"))]
