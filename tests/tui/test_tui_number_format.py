"""Typing amounts in forms: ``12,99`` is refused until the client declares a decimal
comma, then read as 12.99; the convention is shown under every money field."""

from __future__ import annotations

from decimal import Decimal

import pytest
from tests.conftest import AS_OF
from tests.tui.test_tui_editing import open_form, open_tab, save

from itroad.store import open_database
from itroad.store.clients import set_decimal_separator
from itroad.tui.app import build_app
from itroad.tui.number_formats import NUMBER_FORMATS
from itroad.tui.testing import capture_notifications, screen_text, settle, type_into, wait_for


@pytest.fixture(autouse=True)
def _no_blink(frozen_blink):
    pass


def unit_cost(db_path, name: str) -> Decimal | None:
    db = open_database(db_path, readonly=True)
    try:
        row = db.execute("SELECT unit_cost_cents FROM renewals WHERE name = ?", [name]).fetchone()
    finally:
        db.close()
    return None if row is None else Decimal(row[0]) / 100


def declare(db_path, separator: str) -> None:
    """Set acme's number format, as the palette's "Number format" commands do."""
    db = open_database(db_path)
    try:
        set_decimal_separator(db, "acme", separator)
    finally:
        db.close()


async def new_renewal(pilot, name: str, cost: str):
    form = await open_form(pilot, "n")
    await type_into(pilot, form.field("name"), name)
    await type_into(pilot, form.field("next_renewal"), "2027-01-01")
    field = form.field("unit_cost")
    await type_into(pilot, field, cost)
    return form, field


async def test_a_decimal_comma_is_refused_until_declared_then_read(tui_db):
    app = build_app(tui_db, client="acme", as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tab(pilot, "renewals")
        form, cost = await new_renewal(pilot, "Backup", "12.00")
        assert cost.hint.endswith("1249.50 or 1,249.50 (^p: number format)")  # the convention
        assert "1249.50 or 1,249.50 (^p: number" in screen_text(app)
        await type_into(pilot, cost, "12,99")
        assert cost.error == ('amount "12,99" reads as 12.99 only with a decimal comma: type '
                              "12.99, or set the client's number format (^p)")
        await save(pilot)
        assert app.screen is form  # refused: nothing saved, never 1299.00
        assert unit_cost(tui_db, "Backup") is None
        await pilot.press("escape", "d")  # cancel, discarding what was typed
        await settle(pilot)
        assert app.screen is app.main_screen

        # ctrl+p → "Number format: decimal comma"
        app.main_screen.set_number_format(",")
        await wait_for(pilot, lambda: app.main_screen.pane("renewals").context is not None
                       and app.main_screen.pane("renewals").context.client.decimal_separator == ",")
        form, cost = await new_renewal(pilot, "Backup", "12,99")
        assert cost.error is None
        assert cost.hint.endswith("Decimal comma: 1.249,50")
        assert "Per unit, per period. Decimal comma: 1.249,50" in screen_text(app)
        await save(pilot)
        assert unit_cost(tui_db, "Backup") == Decimal("12.99")


async def test_a_declared_decimal_point_reads_grouped_amounts(tui_db):
    declare(tui_db, ".")
    app = build_app(tui_db, client="acme", as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tab(pilot, "renewals")
        _form, cost = await new_renewal(pilot, "Support", "1,234")
        assert cost.error is None  # declared: 1,234 is one thousand two hundred and thirty-four
        await type_into(pilot, cost, "12,99")
        assert "uses a decimal comma, but this client's amounts use a decimal point" in cost.error
        await type_into(pilot, cost, "$1,234")
        await save(pilot)
        assert unit_cost(tui_db, "Support") == Decimal("1234.00")


def test_the_palette_offers_every_number_format():
    assert set(NUMBER_FORMATS) == {".", ",", None}
    assert all(text.startswith("Number format: ") for text, _ in NUMBER_FORMATS.values())


async def test_an_edit_form_shows_amounts_in_the_clients_format(tui_db):
    declare(tui_db, ",")
    app = build_app(tui_db, client="acme", as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tab(pilot, "renewals")
        form = await open_form(pilot, "e")
        assert form.field("unit_cost").input.value == "22,00"
        assert form.field("escalation_rate").input.value in ("", "0")
        await save(pilot)  # unchanged, read back the same
        assert unit_cost(tui_db, "Microsoft 365 Business Premium") == Decimal("22.00")


async def test_a_read_only_database_refuses_the_number_format_in_one_sentence(tui_db, monkeypatch):
    from itroad.tui.screens import main

    def read_only(db, code, separator):
        from itroad.store.database import ReadOnlyDatabaseError

        raise ReadOnlyDatabaseError(f"{tui_db}: this database is read-only for you")

    monkeypatch.setattr(main, "set_decimal_separator", read_only)
    app = build_app(tui_db, client="acme", as_of=AS_OF)
    seen = capture_notifications(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.main_screen.set_number_format(",")
        await wait_for(pilot, lambda: any(n["title"] == "Number format" for n in seen))
        (note,) = [n for n in seen if n["title"] == "Number format"]
        assert note["severity"] == "error" and "read-only" in note["message"]
