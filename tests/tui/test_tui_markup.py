"""User text that looks like markup is shown exactly as typed, and never acted on."""

from __future__ import annotations

import pytest
from rich.text import Text
from tests.conftest import AS_OF, TRICKY_TEXT

from itroad.tui.app import build_app
from itroad.tui.panes import TABS
from itroad.tui.testing import (
    capture_notifications,
    column,
    open_tab,
    pane,
    rows,
    screen_text,
    settle,
)

BOLD, CLICK, CLOSE, PATH = TRICKY_TEXT


@pytest.fixture(autouse=True)
def _no_blink(frozen_blink):
    pass


async def test_cells_are_text_never_markup_strings(tui_db):
    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for number, tab in enumerate(TABS, start=1):
            await pilot.press(str(number))
            await settle(pilot)
            for cells in rows(app, tab.pane_id):
                assert all(isinstance(cell, Text) for cell in cells)


@pytest.mark.parametrize("size", [(80, 24), (160, 50)])
async def test_hardware_shows_markup_like_names_literally(tui_db, size):
    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await pilot.pause()
        assert column(app, "hardware", "name")[1:3] == [BOLD, CLICK]
        assert column(app, "hardware", "site")[1:3] == [PATH, CLOSE]
        assert column(app, "hardware", "assigned")[1:3] == [BOLD, CLOSE]
        shown = screen_text(app)
        width = pane(app, "hardware").table.widths[1]  # the name column's, from the screen
        assert BOLD in shown and CLICK[: width - 1] + "…" in shown  # elided, never interpreted
        if size[0] >= 160:  # site and assigned-to are further right
            assert PATH in shown and CLOSE in shown
        # the cells carry no style from the text: "[bold]x[/bold]" is not bold
        cell = rows(app, "hardware")[1][1]
        assert cell.plain == BOLD and not cell.spans


@pytest.mark.parametrize("size", [(80, 24), (160, 50)])
async def test_people_shows_markup_like_names_literally(tui_db, size):
    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("7")
        await pilot.pause()
        assert column(app, "people", "name") == ["Jane Doe", BOLD, CLOSE]
        assert column(app, "people", "title")[1] == CLICK
        assert column(app, "people", "organisation")[1] == PATH
        shown = screen_text(app)
        assert BOLD in shown and CLOSE in shown and CLICK in shown
        if size[0] >= 160:
            assert PATH in shown


async def test_clicking_a_click_action_name_does_not_quit(tui_db):
    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await pilot.pause()
        line = screen_text(app).splitlines()
        row = next(i for i, text in enumerate(line) if CLICK[:17] in text)
        await pilot.click(offset=(line[row].index(CLICK[:17]) + 2, row))
        await pilot.pause()
        assert app.is_running


async def test_other_tabs_show_markup_like_text_literally(tui_db):
    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        assert column(app, "renewals", "name")[1] == PATH
        assert column(app, "renewals", "vendor")[1] == BOLD
        await open_tab(pilot, "roadmap")
        await open_tab(pilot, "schedule")
        assert column(app, "roadmap", "title")[1] == CLICK
        assert column(app, "schedule", "name")[1:] == [CLICK, BOLD]  # needs data, then by date
        await pilot.press("3")
        await pilot.pause()
        assert PATH in screen_text(app)


async def test_client_switcher_and_header_show_names_literally(tmp_path):
    from itroad.domain.models import Client, Portfolio
    from itroad.store import import_portfolio, open_database

    path = tmp_path / "odd.db"
    db = open_database(path)
    import_portfolio(db, Portfolio(clients=[
        Client(code="one", name=CLICK),
        Client(code="two", name=CLOSE),
        Client(code="three", name=PATH),
    ]))
    db.close()
    app = build_app(path, as_of=AS_OF)
    notes = capture_notifications(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert CLICK in screen_text(app).splitlines()[0]
        await pilot.press("c")
        await pilot.pause()
        shown = screen_text(app)
        assert CLICK in shown and CLOSE in shown and PATH in shown
        await pilot.press("down", "down", "enter")
        await settle(pilot)
        assert app.main_screen.client_code == "three"
        assert PATH in screen_text(app).splitlines()[0]
        # the command palette lists every client, literally
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Client:")
        await pilot.pause(0.3)
        await settle(pilot)
        shown = screen_text(app)
        assert f"Client: {CLOSE} (two)" in shown and f"Client: {PATH} (three)" in shown
        await pilot.press("escape")
        assert all(n["markup"] is False for n in notes)
