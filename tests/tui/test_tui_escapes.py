"""Text holding terminal escape sequences reaches the screen as text, never as control.

Names come from client staff and other systems. Textual, like Rich, strips only
BEL, BS, VT, FF and CR; without :func:`itroad.safe_text.guard_terminal`, a name
holding ``ESC[2J`` would clear the user's screen and ``ESC]52`` write their
clipboard. These tests read the exact bytes the app would send to the terminal.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from tests.conftest import AS_OF, _database_with

from itroad.domain.models import Asset, Client, Contract, Initiative, Person, Portfolio, Renewal
from itroad.tui.app import build_app
from itroad.tui.testing import settle

#: What a hostile name may hold: clear screen, window title, hidden hyperlink,
#: clipboard write, alternate screen, a C1 CSI and a right-to-left override.
PAYLOADS = {
    "clear": "\x1b[2J",
    "title": "\x1b]0;pwned\x07",
    "link": "\x1b]8;;https://evil.example\x1b\\",
    "clipboard": "\x1b]52;c;cm0gLXJmIH4=\x07",
    "alt-screen": "\x1b[?1049h",
    "c1": "\x9b31m",
    "bidi": "\u202etxt.exe",
}
HOSTILE = "X" + "".join(PAYLOADS.values())


def _hostile_portfolio() -> Portfolio:
    return Portfolio(clients=[Client(
        code="evil", name=f"Evil {PAYLOADS['title']}Corp",
        people=[Person(name=f"Eve {PAYLOADS['clipboard']}", email="eve@evil.example",
                       title=PAYLOADS["link"])],
        assets=[Asset(tag="EV-1", name=HOSTILE, category="laptop", site=PAYLOADS["clear"],
                      assigned_to="eve@evil.example", purchase_date=date(2022, 1, 1),
                      purchase_cost=Decimal("900.00"), notes=HOSTILE)],
        renewals=[Renewal(name=HOSTILE, vendor=PAYLOADS["c1"], unit_cost=Decimal("10.00"),
                          next_renewal=date(2026, 12, 15), owner="eve@evil.example")],
        contracts=[Contract(title=HOSTILE, vendor=PAYLOADS["bidi"], start=date(2025, 1, 1),
                            amount=Decimal("100.00"))],
        initiatives=[Initiative(title=HOSTILE, category="security", status="approved",
                                start=date(2027, 1, 1), one_time_cost=Decimal("500.00"),
                                goal=PAYLOADS["alt-screen"])],
    )])


@pytest.fixture
def hostile_db(tmp_path):
    return _database_with(tmp_path / "hostile.db", _hostile_portfolio())


@pytest.fixture(autouse=True)
def _no_blink(frozen_blink):
    pass


def terminal_output(app) -> str:
    """The bytes a full repaint of the screen sends to the terminal (Textual's own
    cursor moves and colours included)."""
    update = app.screen._compositor.render_update(full=True)
    return "".join(update.render_segments(app.console))


def assert_harmless(output: str) -> None:
    for what, payload in PAYLOADS.items():
        assert payload not in output, f"{what} sequence reached the terminal raw"
    assert "\x9b" not in output and "\u202e" not in output and "\x07" not in output


@pytest.mark.parametrize("tab", ["1", "2", "3", "4", "5", "6", "7"])
async def test_no_tab_sends_escape_sequences_from_the_data(hostile_db, tab):
    app = build_app(hostile_db, client="evil", as_of=AS_OF)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        await pilot.press(tab)
        await settle(pilot)
        assert_harmless(terminal_output(app))


async def test_names_with_escapes_are_shown_as_visible_text(hostile_db):
    app = build_app(hostile_db, client="evil", as_of=AS_OF)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        shown = terminal_output(app)
        assert "X␛[2J␛]0;pwned␇" in shown  # the asset's name, as text
        assert "Evil ␛]0;pwned␇Corp" in shown  # the client's name in the header


async def test_detail_panel_and_edit_form_show_escapes_as_text(hostile_db):
    app = build_app(hostile_db, client="evil", as_of=AS_OF)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("enter")  # the detail panel (notes, person, site)
        await settle(pilot)
        assert_harmless(terminal_output(app))
        await pilot.press("e")  # the edit form, its inputs filled from the record
        await settle(pilot)
        shown = terminal_output(app)
        assert_harmless(shown)
        assert "X␛[2J" in shown


async def test_a_message_shows_escapes_as_text(hostile_db):
    """Labels, static text and notifications render through Content, like this one."""
    from textual.content import Content
    from textual.widgets import Static

    app = build_app(hostile_db, client="evil", as_of=AS_OF)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await app.screen.mount(Static(Content(f"Saved {HOSTILE}")))
        await pilot.pause()
        shown = terminal_output(app)
        assert_harmless(shown)
        assert "Saved X␛[2J" in shown
