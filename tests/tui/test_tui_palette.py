"""The command palette finds people and initiatives in any client and shows them in
their tab, the cursor on them; user text in its lines stays literal."""

from __future__ import annotations

import pytest
from tests.conftest import AS_OF, TRICKY_TEXT
from textual.content import Content

from itroad.tui.app import build_app
from itroad.tui.commands import literal_markup
from itroad.tui.testing import pane, screen_text, settle

BOLD, CLICK, CLOSE, PATH = TRICKY_TEXT


@pytest.fixture(autouse=True)
def _no_blink(frozen_blink):
    pass


async def palette(pilot, query: str) -> None:
    """Search ``query`` in the palette and choose the first line found."""
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*query)
    await pilot.pause(0.3)  # the palette searches in a worker, batched
    await settle(pilot)


async def choose(pilot) -> None:
    await pilot.press("enter")
    await settle(pilot)


def person_on_cursor(app) -> str:
    people = pane(app, "people")
    row = people.view.row(people.table.current_key)
    return row.person.name


def initiative_on_cursor(app) -> str:
    roadmap = pane(app, "roadmap")
    return roadmap.view.item(roadmap.current_key).planned.initiative.title


async def test_palette_finds_a_person_in_any_client_and_shows_them(tui_db):
    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await palette(pilot, "zoe@zenith")
        assert "Person" in screen_text(app) and "Zoe Zed" in screen_text(app)
        await choose(pilot)
        assert app.main_screen.client_code == "zenith"
        assert app.main_screen.tabs.active == "people"
        assert person_on_cursor(app) == "Zoe Zed"
        # by job title, back in the first client; the name is shown as typed, not as markup
        await palette(pilot, "Dentist")
        assert CLOSE in screen_text(app)
        await choose(pilot)
        assert app.main_screen.client_code == "acme"
        assert app.main_screen.tabs.active == "people"
        assert person_on_cursor(app) == CLOSE
        # in the same client, with a filter that hides the person: the filter is cleared
        await pilot.press("slash", *"jane")
        await settle(pilot)
        await pilot.press("enter")
        await palette(pilot, "bold@acme")
        assert BOLD in screen_text(app)
        await choose(pilot)
        assert person_on_cursor(app) == BOLD
        assert pane(app, "people").text == ""


async def test_palette_finds_an_initiative_and_shows_it_in_the_roadmap(tui_db):
    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("6")  # the Roadmap, filtered to what it is not
        await settle(pilot)
        await pilot.press("slash", *"multi")
        await settle(pilot)
        await pilot.press("enter")
        await pilot.press("2")
        await settle(pilot)
        await palette(pilot, "strategy")  # by category; the title is markup-like
        assert "Initiative" in screen_text(app) and CLICK in screen_text(app)
        await choose(pilot)
        assert app.main_screen.tabs.active == "roadmap"
        assert initiative_on_cursor(app) == CLICK
        assert pane(app, "roadmap").text == ""
        # from the other client
        app.main_screen.select_client("zenith")
        await settle(pilot)
        await palette(pilot, "Multi-factor")
        await choose(pilot)
        assert app.main_screen.client_code == "acme"
        assert app.main_screen.tabs.active == "roadmap"
        assert initiative_on_cursor(app) == "Multi-factor authentication"


@pytest.mark.parametrize("text", [*TRICKY_TEXT, "a\\", "\\[x]", "[[b]]", "cost $5", "[", "\\\\[b]"])
def test_help_lines_are_literal(text):
    shown = Content.from_markup(literal_markup(text))
    assert shown.plain == text and not shown.spans
