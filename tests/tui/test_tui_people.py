"""The People tab through the keyboard (Pilot): the RACI matrix, who owns what, roles,
and removing someone who still holds things."""

from __future__ import annotations

from datetime import date

import pytest
from tests.conftest import AS_OF
from tests.tui_helpers import done as settle

from itroad.domain.models import Initiative
from itroad.store import load_client, open_database
from itroad.store.editing import save_record
from itroad.store.kinds import INITIATIVE
from itroad.tui.app import build_app
from itroad.tui.testing import capture_notifications, column, open_tab, pane, screen_text


def _client(app):
    return app.main_screen.records.client


async def _open_people(pilot):
    await settle(pilot)
    await pilot.press("7")
    await settle(pilot)


async def _go_to_cell(pilot, matrix, initiative_title: str, person_name: str) -> None:
    """Move the matrix cursor with the arrow keys to an initiative's row and a person's column."""
    view = matrix.view
    row = next(n for n, r in enumerate(view.matrix_rows) if r.initiative.title == initiative_title)
    column_index = next(n for n, c in enumerate(view.matrix_columns) if c.person.name == person_name) + 1
    here = matrix.cursor_coordinate
    keys = (["down"] * (row - here.row) if row >= here.row else ["up"] * (here.row - row))
    keys += (["right"] * (column_index - here.column) if column_index >= here.column
             else ["left"] * (here.column - column_index))
    await pilot.press(*keys)


async def test_assign_r_and_a_in_the_matrix(sample_db):
    db = open_database(sample_db)
    try:
        save_record(db, INITIATIVE, 1, Initiative(
            title="Guest Wi-Fi", category="experience", start=date(2027, 2, 1)))
    finally:
        db.close()
    app = build_app(sample_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_people(pilot)
        people = pane(app, "people")
        await pilot.press("m")
        await pilot.pause()
        matrix = people.matrix
        assert app.focused is matrix
        row = next(r for r in matrix.view.matrix_rows if r.initiative.title == "Guest Wi-Fi")
        assert row.warnings == ("no one is Accountable", "no one is Responsible")
        assert "! Guest Wi-Fi" in screen_text(app)

        await _go_to_cell(pilot, matrix, "Guest Wi-Fi", "Marcus Ocampo")
        assert "Marcus Ocampo" in people.query_one(".list-status").content.plain
        await pilot.press("r")
        await settle(pilot)
        await _go_to_cell(pilot, matrix, "Guest Wi-Fi", "Rachel Novak")
        await pilot.press("a")
        await settle(pilot)
        wifi = next(i for i in _client(app).initiatives if i.title == "Guest Wi-Fi")
        assert [(r.person, r.raci.value) for r in wifi.roles] == [
            ("marcus.ocampo@bayline.example", "R"), ("rachel@harborfamilydental.example", "A")]
        assert wifi.raci_warnings() == []
        row = next(r for r in matrix.view.matrix_rows if r.initiative.title == "Guest Wi-Fi")
        assert row.warnings == ()
        assert "! Guest Wi-Fi" not in screen_text(app)
        # The cursor stayed on the cell; A moves when given to someone else.
        assert matrix.cursor_keys[1] == next(c.key for c in matrix.view.matrix_columns
                                             if c.person.name == "Rachel Novak")
        await _go_to_cell(pilot, matrix, "Guest Wi-Fi", "Elena Marchetti")
        await pilot.press("a")
        await settle(pilot)
        wifi = next(i for i in _client(app).initiatives if i.title == "Guest Wi-Fi")
        assert [(r.person, r.raci.value) for r in wifi.roles if r.raci.value == "A"] == [
            ("elena@harborfamilydental.example", "A")]
        # The Roadmap list agrees (no flag), and u takes the last letter back.
        await pilot.press("u")
        await settle(pilot)
        wifi = next(i for i in _client(app).initiatives if i.title == "Guest Wi-Fi")
        assert ("rachel@harborfamilydental.example", "A") in [(r.person, r.raci.value) for r in wifi.roles]
        await open_tab(pilot, "roadmap")
        flags = dict(zip(column(app, "roadmap", "title"), column(app, "roadmap", "raci")))
        assert flags["Guest Wi-Fi"] == ""


async def test_who_owns_what(sample_db):
    app = build_app(sample_db, as_of=AS_OF, client="lindqvist")
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_people(pilot)
        names = column(app, "people", "name")
        await pilot.press(*["down"] * names.index("Marcus Ocampo"))
        await pilot.press("o")
        await pilot.pause(0.3)
        screen = app.screen
        assert type(screen).__name__ == "OwnsScreen"
        text = screen_text(app)
        assert "Who owns what: Marcus Ocampo" in text
        dues = [h.due for h in screen.holdings if h.due is not None]
        assert dues == sorted(dues) and len(screen.holdings) >= 8
        assert {h.kind for h in screen.holdings} >= {"initiative"}
        assert "Responsible" in text
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.main_screen


async def test_remove_a_person_who_holds_things(sample_db):
    app = build_app(sample_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_people(pilot)
        notes = capture_notifications(app)
        names = column(app, "people", "name")
        await pilot.press(*["down"] * names.index("Marcus Ocampo"))
        await pilot.press("d")
        await pilot.pause()
        screen = app.screen
        assert type(screen).__name__ == "HandOverScreen"
        assert "Marcus Ocampo still holds" in screen_text(app)
        dana = next(n for n, (_, label) in enumerate(screen.people) if label.startswith("Dana Whitaker"))
        await pilot.press(*["down"] * dana, "enter")
        await settle(pilot)
        client = _client(app)
        assert "Marcus Ocampo" not in [p.name for p in client.people]
        held = [i.title for i in client.initiatives
                for r in i.roles if r.person == "dana.whitaker@bayline.example"]
        assert "Multi-factor authentication for all staff" in held
        assert "went to Dana Whitaker" in notes[-1]["message"]
        await pilot.press("u")
        await settle(pilot)
        assert "Marcus Ocampo" in [p.name for p in _client(app).people]


async def test_roles_assign_and_catalogue(sample_db):
    app = build_app(sample_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_people(pilot)
        people = pane(app, "people")
        names = column(app, "people", "name")
        row = names.index("Dana Whitaker")
        assert column(app, "people", "client_roles")[row] == "vCIO, account manager"
        await pilot.press(*["down"] * row)
        await pilot.press("g")
        await pilot.pause()
        assert people.mode == "roles"
        assert column(app, "people", "name")[row] == "Dana Whitaker"
        await pilot.press("g")  # back to the people, still on Dana
        await pilot.press("m", "m")
        assert people.mode == "people" and people.current_person.name == "Dana Whitaker"
        # assign from the people list: the form starts with Dana
        people.action_assign()
        await pilot.pause()
        await pilot.press("c")  # for the client
        await pilot.pause()
        form = app.screen
        assert form.field("person").read() == "dana.whitaker@bayline.example"
        form.field("role").write("vCIO")  # she is already: refused
        await pilot.press("ctrl+s")
        await pilot.pause(0.3)
        assert "already has the role" in form.message
        form.field("role").write("primary contact")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert column(app, "people", "client_roles")[row] == "vCIO, account manager, pr…"
        assignments = _client(app).assignments
        assert len(assignments) == 9
        assert (assignments[-1].role, assignments[-1].person, assignments[-1].target) == (
            "primary contact", "dana.whitaker@bayline.example", None)
        # a role for an asset, with a role of our own
        await pilot.press("g")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("a")  # for an asset
        await pilot.pause()
        form = app.screen
        form.field("role").add_option("security officer", "security officer")
        form.field("role").write("security officer")
        form.field("person").write("marcus.ocampo@bayline.example")
        form.field("asset").write("HFD-0001")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert len(_client(app).assignments) == 10
        assert "security officer" in [r.name for r in people.view.roles]
        # the catalogue: the new role cannot go while held; a default never
        await pilot.press("R")
        await pilot.pause()
        catalogue = app.screen
        await pilot.press(*["down"] * 6, "d")
        await settle(pilot)
        assert "security officer" in [r.name for r in catalogue.roles]
        await pilot.press("escape")
        await settle(pilot)
        # removing the assignment (the last one), then the role can go
        assert people.mode == "roles"
        await pilot.press("ctrl+end", "d")
        await settle(pilot)
        assert len(_client(app).assignments) == 9
        await pilot.press("R")
        await pilot.pause()
        await pilot.press(*["down"] * 6, "d")
        await settle(pilot)
        assert "security officer" not in [r.name for r in app.screen.roles]


async def test_new_person_and_a_duplicate_email(sample_db):
    app = build_app(sample_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_people(pilot)
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        await pilot.press(*"Sam Ortiz", "tab", *"rachel@harborfamilydental.example", "ctrl+s")
        await settle(pilot)
        assert app.screen is form
        assert "already has the email" in form.message
        await pilot.press("ctrl+u", *"sam@harborfamilydental.example", "ctrl+s")
        await settle(pilot)
        assert "Sam Ortiz" in [p.name for p in _client(app).people]
        row = column(app, "people", "name").index("Sam Ortiz")
        assert column(app, "people", "side")[row] == "client"


@pytest.mark.parametrize("size", [(80, 24), (160, 50)])
async def test_people_sides_and_markup(tui_db, size):
    from tests.conftest import TRICKY_TEXT

    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=size) as pilot:
        await _open_people(pilot)
        assert column(app, "people", "side") == ["client", "provider", "client"]
        await pilot.press("f", "f")  # provider side only
        await pilot.pause()
        assert column(app, "people", "name") == [TRICKY_TEXT[0]]
        await pilot.press("escape", "m")
        await pilot.pause()
        assert TRICKY_TEXT[1][:10] in screen_text(app) or size[0] == 80
        assert app.is_running


def test_database_after(sample_db):
    db = open_database(sample_db, readonly=True)
    try:
        assert [a.role for a in load_client(db, "harbor").assignments][:2] == ["vCIO", "account manager"]
    finally:
        db.close()


async def test_forms_and_dialogs_show_markup_like_names_literally(tui_db):
    from tests.conftest import TRICKY_TEXT

    bold, click, close, path = TRICKY_TEXT
    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_people(pilot)
        await pilot.press("down", "down", "e")  # "[/foo]"
        await settle(pilot)
        assert f"Edit “{close}”" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("o")
        await pilot.pause(0.3)
        assert f"Who owns what: {close}" in screen_text(app)
        await pilot.press("escape", "up", "d")  # "[bold]x[/bold]" holds an asset
        await settle(pilot)
        assert f"Remove {bold}" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert app.is_running and bold in [p.name for p in _client(app).people]
