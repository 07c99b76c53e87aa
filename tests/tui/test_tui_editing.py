"""Editing in the inventory tabs through Pilot: add, edit, delete, retire, undo,
duplicate, bulk changes, inline people and sites, and the stale-version refusal."""

from __future__ import annotations

import pytest
from tests.conftest import AS_OF, TRICKY_TEXT
from textual.widgets import Select

from itroad.domain.models import Contract
from itroad.store import open_database
from itroad.store.editing import load_record, save_record
from itroad.store.kinds import ASSET, CONTRACT
from itroad.tui.app import ItroadApp, build_app
from itroad.tui.forms import RecordForm
from itroad.tui.forms.select import NEW
from itroad.tui.screens.confirm import ConfirmScreen
from itroad.tui.testing import (
    capture_notifications,
    column,
    pane,
    screen_text,
    settle,
    type_into,
    wait_for,
)

BOLD, CLICK, CLOSE, PATH = TRICKY_TEXT


@pytest.fixture(autouse=True)
def _no_blink(frozen_blink):
    pass


async def open_tab(pilot, tab: str = "hardware") -> None:
    await settle(pilot)
    await pilot.press({"hardware": "2", "renewals": "3", "contracts": "4"}[tab])
    await settle(pilot)


async def open_form(pilot, key: str) -> RecordForm:
    await pilot.press(key)
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, RecordForm))
    return pilot.app.screen


async def save(pilot) -> None:
    await pilot.press("ctrl+s")
    await settle(pilot)


async def go_to(pilot, app: ItroadApp, tab: str, tag: str) -> None:
    """Put the cursor on the row whose first column is ``tag``."""
    table = pane(app, tab).table
    index = column(app, tab, table.columns[0].key).index(tag)
    table.move_cursor(index)
    await settle(pilot)


def asset(db_path, tag):
    db = open_database(db_path, readonly=True)
    try:
        row_id = db.execute("SELECT id FROM assets WHERE tag = ?", [tag]).fetchone()[0]
        return load_record(db, ASSET, row_id)
    finally:
        db.close()


async def test_add_an_asset_with_an_error_shown_then_corrected(tui_db):
    app = build_app(tui_db, as_of=AS_OF)
    notes = capture_notifications(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tab(pilot)
        form = await open_form(pilot, "n")
        assert form.title_text == "New asset at Acme Dental"
        assert app.focused is form.field("tag").input
        await pilot.press(*"ACME-0100")
        await type_into(pilot, form.field("name"), "Reception laptop")
        form.field("category").select.value = "laptop"
        form.field("site").select.value = "Main office"
        # a date checked as it is typed: not flagged half-way, flagged once wrong
        date = form.field("purchase_date")
        await type_into(pilot, date, "2026-1", by_key=True)
        assert date.error is None
        await type_into(pilot, date, "2026-13-01", by_key=True)
        assert "expected YYYY-MM-DD" in date.error
        assert "expected YYYY-MM-DD" in screen_text(app)
        cost = form.field("purchase_cost")
        await type_into(pilot, cost, "1249.999", by_key=True)
        assert "more than two decimals" in cost.error
        await type_into(pilot, cost, "-5")
        assert "must not be negative" in cost.error
        await type_into(pilot, cost, "1,249.00")
        assert cost.error is None
        # saving with an error refuses, says why and goes to the field
        await save(pilot)
        assert app.screen is form
        assert "check the fields marked below" in form.message
        assert app.focused is date.input
        await type_into(pilot, date, "2026-01-15")
        assert date.error is None
        await save(pilot)
        assert app.screen is app.main_screen
        assert "ACME-0100" in column(app, "hardware", "tag")
        hardware = pane(app, "hardware")
        assert hardware.table.cursor_data["tag"] == "ACME-0100"  # the cursor is on the new row
        assert "5 assets" in hardware.status_text
        saved, _version, _client = asset(tui_db, "ACME-0100")
        assert (saved.name, saved.category, saved.site, str(saved.purchase_cost)) == (
            "Reception laptop", "laptop", "Main office", "1249.00")
        assert any("Added the asset" in n["message"] for n in notes)
        assert all(n["markup"] is False for n in notes)


async def test_whole_record_is_validated_by_the_model(tui_db):
    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tab(pilot)
        form = await open_form(pilot, "n")
        await save(pilot)  # nothing filled in: the required fields say so
        assert form.field("tag").error == "is required"
        assert form.field("category").error == "is required"
        await pilot.press(*"X-1")
        await type_into(pilot, form.field("name"), "Thing")
        form.field("category").select.value = "laptop"
        await type_into(pilot, form.field("purchase_date"), "2026-06-01")
        await type_into(pilot, form.field("warranty_end"), "2026-01-01")
        await save(pilot)
        # the model's own rule, under the field it names, in the words of the form
        assert app.screen is form
        assert form.field("warranty_end").error == (
            "warranty end 2026-01-01 is before purchased 2026-06-01")
        # a tag already used (the store's rule) goes under the tag
        await type_into(pilot, form.field("warranty_end"), "")
        await type_into(pilot, form.field("tag"), "acme-0001")
        await save(pilot)
        assert app.screen is form
        assert 'already used' in form.field("tag").error


async def test_edit_an_asset(tui_db):
    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tab(pilot)
        form = await open_form(pilot, "e")
        assert form.title_text == "Edit asset ACME-0001"
        assert form.field("name").input.value == "Front desk PC"
        assert form.field("assigned_to").select.value == "jane@acme.example"
        await type_into(pilot, form.field("name"), "Front desk PC (old)")
        form.field("status").select.value = "spare"
        await save(pilot)
        assert app.screen is app.main_screen
        assert column(app, "hardware", "name")[0] == "Front desk PC (old)"
        assert column(app, "hardware", "status")[0] == "spare"
        model, version, _ = asset(tui_db, "ACME-0001")
        assert model.name == "Front desk PC (old)" and version == 2
        # u puts it back
        await pilot.press("u")
        await settle(pilot)
        assert column(app, "hardware", "name")[0] == "Front desk PC"


async def test_escape_asks_before_losing_changes(tui_db):
    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tab(pilot)
        form = await open_form(pilot, "e")
        await pilot.press("escape")  # nothing changed: closes at once
        await settle(pilot)
        assert app.screen is app.main_screen
        form = await open_form(pilot, "e")
        await type_into(pilot, form.field("name"), "Changed")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")  # keep editing
        await settle(pilot)
        assert app.screen is form and form.field("name").input.value == "Changed"
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("d")  # discard
        await settle(pilot)
        assert app.screen is app.main_screen
        assert asset(tui_db, "ACME-0001")[0].name == "Front desk PC"


async def test_delete_and_undo(tui_db):
    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tab(pilot)
        await go_to(pilot, app, "hardware", "ACME-0002")
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert 'asset ACME-0002 "[bold]x[/bold]"' in app.screen.text  # literally
        await pilot.press("d")
        await settle(pilot)
        assert column(app, "hardware", "tag") == ["ACME-0001", "ACME-0003", "ACME-0004"]
        assert "3 assets" in pane(app, "hardware").status_text
        assert pane(app, "hardware").table.cursor_data["tag"] == "ACME-0003"
        await pilot.press("u")
        await settle(pilot)
        assert column(app, "hardware", "tag") == ["ACME-0001", "ACME-0002", "ACME-0003", "ACME-0004"]
        notes = capture_notifications(app)
        await pilot.press("u")  # nothing left to undo: says so
        await settle(pilot)
        assert notes and "Nothing to undo" in notes[0]["message"]


async def test_retire_from_delete_and_undo(tui_db):
    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tab(pilot)
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("r")
        await settle(pilot)
        assert column(app, "hardware", "status")[0] == "retired"
        assert pane(app, "hardware").table.cursor_data["tag"] == "ACME-0001"
        await pilot.press("u")
        await settle(pilot)
        assert column(app, "hardware", "status")[0] == "in use"


async def test_delete_can_be_cancelled(tui_db):
    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tab(pilot)
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("escape")
        await settle(pilot)
        assert len(column(app, "hardware", "tag")) == 4


async def test_duplicate_suggests_the_next_tag(tui_db):
    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tab(pilot)
        form = await open_form(pilot, "y")
        assert form.title_text == "Copy of asset ACME-0001"
        assert form.field("tag").input.value == "ACME-0005"
        assert form.field("name").input.value == "Front desk PC"
        assert form.field("serial").input.value == ""
        await save(pilot)
        assert column(app, "hardware", "tag")[-1] == "ACME-0005"
        # ten identical laptops: duplicate again, the tag moves on
        form = await open_form(pilot, "y")
        assert form.field("tag").input.value == "ACME-0006"
        await pilot.press("escape")


async def test_bulk_defer_marked_rows_then_undo(tui_db):
    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tab(pilot)
        await pilot.press("space", "space")  # marks ACME-0001 and ACME-0002
        hardware = pane(app, "hardware")
        assert len(hardware.table.marks) == 2
        assert "2 marked" in hardware.status_text
        await pilot.press("b")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        assert "2 marked assets" in app.screen.text
        await pilot.press("r")  # Defer replacement
        await wait_for(pilot, lambda: isinstance(app.screen, RecordForm))
        form = app.screen
        assert form.title_text == "Defer replacement: 2 assets"
        await pilot.press(*"2027-12-31")
        await save(pilot)
        assert form.field("replace_reason").error == "is required"
        await type_into(pilot, form.field("replace_reason"), "budget in FY2028")
        await save(pilot)
        assert app.screen is app.main_screen
        for tag in ("ACME-0001", "ACME-0002"):
            model = asset(tui_db, tag)[0]
            assert str(model.replace_on) == "2027-12-31" and model.replace_reason == "budget in FY2028"
        assert column(app, "hardware", "due")[:2] == ["2027-12-31", "2027-12-31"]
        assert hardware.table.marks == {1, 2}  # still marked: another change can follow
        await pilot.press("u")
        await settle(pilot)
        assert asset(tui_db, "ACME-0001")[0].replace_on is None
        assert column(app, "hardware", "due")[0] == "2025-03-15"


async def test_bulk_set_site_with_a_new_site(tui_db):
    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tab(pilot)
        await pilot.press("asterisk")  # every row the filters show
        await settle(pilot)
        assert len(pane(app, "hardware").table.marks) == 4
        await pilot.press("b")
        await wait_for(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("s")
        await wait_for(pilot, lambda: isinstance(app.screen, RecordForm))
        form = app.screen
        form.field("site").select.value = NEW  # "+ New site…"
        await wait_for(pilot, lambda: app.screen is not form)
        await pilot.press(*"Annex [2]")
        await pilot.press("enter")  # Enter on the last field saves
        await wait_for(pilot, lambda: app.screen is form)
        assert form.field("site").select.value == "Annex [2]"
        await save(pilot)
        assert set(column(app, "hardware", "site")) == {"Annex [2]"}


async def test_add_a_person_inline_and_assign_them(tui_db):
    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tab(pilot)
        form = await open_form(pilot, "e")
        form.field("assigned_to").select.value = NEW  # "+ Add a person…"
        await wait_for(pilot, lambda: app.screen is not form)
        person = app.screen
        assert isinstance(person, RecordForm) and person.title_text == "New person at Acme Dental"
        await pilot.press(*"Jane Doe")
        await save(pilot)
        assert "already one of Acme Dental's people" in person.field("name").error
        await type_into(pilot, person.field("name"), "Raj Patel")
        await type_into(pilot, person.field("email"), "not-an-email")
        await save(pilot)
        assert "invalid email" in person.field("email").error
        await type_into(pilot, person.field("email"), "raj@acme.example")
        await save(pilot)
        assert app.screen is form
        assert form.field("assigned_to").select.value == "raj@acme.example"
        await save(pilot)
        assert column(app, "hardware", "assigned")[0] == "Raj Patel"
        assert asset(tui_db, "ACME-0001")[0].assigned_to == "raj@acme.example"


async def test_stale_version_is_refused_with_the_latest_values(tui_db):
    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tab(pilot)
        form = await open_form(pilot, "e")
        await type_into(pilot, form.field("name"), "Mine")
        # Another terminal saves the same asset meanwhile.
        db = open_database(tui_db)
        model, version, client_id = asset(tui_db, "ACME-0001")
        save_record(db, ASSET, client_id, model.model_copy(update={"site": "Theirs", "name": "Their name"}),
                    row_id=1, expected_version=version)
        db.close()
        await save(pilot)
        assert app.screen is form  # refused, nothing lost
        assert "changed elsewhere" in form.message and "nothing was saved" in form.message
        assert form.field("site").select.value == "Theirs"  # the latest values are shown
        assert form.field("name").input.value == "Their name"
        assert "you had: Mine" in screen_text(app)
        assert asset(tui_db, "ACME-0001")[0].name == "Their name"
        # saving again, on the latest version, works
        await type_into(pilot, form.field("name"), "Mine after all")
        await save(pilot)
        assert app.screen is app.main_screen
        model = asset(tui_db, "ACME-0001")[0]
        assert (model.name, model.site) == ("Mine after all", "Theirs")


async def test_edit_of_a_row_deleted_elsewhere(tui_db):
    from itroad.store.editing import delete_records

    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tab(pilot)
        form = await open_form(pilot, "e")
        db = open_database(tui_db)
        delete_records(db, ASSET, [1])
        db.close()
        await type_into(pilot, form.field("name"), "Mine")
        await save(pilot)
        assert app.screen is form and "deleted" in form.message


async def test_new_renewal_and_contract_with_an_unknown_asset(tui_db):
    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tab(pilot, "renewals")
        form = await open_form(pilot, "n")
        await pilot.press(*"Backup [daily]")
        await type_into(pilot, form.field("unit_cost"), "40")
        await type_into(pilot, form.field("next_renewal"), "2027-01-31")
        await type_into(pilot, form.field("period_months"), "0")
        assert form.field("period_months").error == "must be at least 1"
        await type_into(pilot, form.field("period_months"), "1")
        await save(pilot)
        assert "Backup [daily]" in column(app, "renewals", "name")

        await pilot.press("4")
        await settle(pilot)
        form = await open_form(pilot, "n")
        await pilot.press(*"Copier lease")
        await type_into(pilot, form.field("start"), "2026-01-01")
        await type_into(pilot, form.field("amount"), "99")
        await type_into(pilot, form.field("assets"), "ACME-0001, NOPE-9")
        await save(pilot)
        assert app.screen is form
        assert 'unknown asset "NOPE-9"' in form.field("assets").error
        await type_into(pilot, form.field("assets"), "ACME-0001")
        await save(pilot)
        assert "Copier lease" in column(app, "contracts", "title")
        db = open_database(tui_db, readonly=True)
        row_id = db.execute("SELECT id FROM contracts WHERE title = 'Copier lease'").fetchone()[0]
        assert load_record(db, CONTRACT, row_id)[0].assets == ["ACME-0001"]
        db.close()


async def test_forms_show_markup_like_values_literally(tui_db):
    db = open_database(tui_db)
    save_record(db, CONTRACT, 1, Contract(title=CLICK, vendor=PATH, start="2026-01-01", amount="1.00",
                                          owner="bold@acme.example"))
    db.close()
    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_tab(pilot)
        await go_to(pilot, app, "hardware", "ACME-0002")
        form = await open_form(pilot, "e")
        assert form.field("name").input.value == BOLD
        assert form.field("site").select.value == PATH
        shown = screen_text(app)
        assert BOLD in shown and PATH in shown
        assert f"{BOLD} <bold@acme.example>" in shown  # the person picked, by name
        await save(pilot)  # unchanged values save back as they were
        assert asset(tui_db, "ACME-0002")[0].site == PATH
        await pilot.press("4")
        await settle(pilot)
        await go_to(pilot, app, "contracts", CLICK)
        form = await open_form(pilot, "e")
        assert form.field("title").input.value == CLICK
        shown = screen_text(app)
        assert CLICK in shown and PATH in shown
        await pilot.press("escape")
        await settle(pilot)
        assert app.is_running


async def test_select_options_are_never_markup(tui_db):
    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_tab(pilot)
        form = await open_form(pilot, "n")
        people = form.field("assigned_to")
        people.select.focus()
        await pilot.press("enter")  # open the list
        await settle(pilot)
        shown = screen_text(app)
        assert f"{BOLD} <bold@acme.example>" in shown and CLOSE in shown
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(people.select, Select)
