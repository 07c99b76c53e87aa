"""The shared parts of the list tabs (Hardware, Renewals, Contracts, Roadmap, People):
the same key does the same thing in each, and the detail panel scrolls at 80×24."""

from __future__ import annotations

import pytest
from tests.conftest import AS_OF
from tests.tui_helpers import done

from itroad.tui.app import build_app
from itroad.tui.forms import RecordForm
from itroad.tui.keys import LIST_ACTIONS, class_bindings
from itroad.tui.panes import pane_classes
from itroad.tui.panes.list_pane import ListPane
from itroad.tui.testing import pane, settle
from itroad.tui.widgets.detail_panel import DetailPanel

#: tab id, key, a word that narrows its rows in the sample data.
LIST_TABS = [
    ("hardware", "2", "laptop"),
    ("renewals", "3", "microsoft"),
    ("contracts", "4", "comcast"),
    ("roadmap", "6", "hipaa"),
    ("people", "7", "novak"),
]


@pytest.fixture(autouse=True)
def _no_blink(frozen_blink):
    pass


def test_every_list_tab_is_a_list_pane_with_the_shared_keys():
    lists = [p for p in pane_classes() if issubclass(p, ListPane)]
    assert sorted(p.PANE_ID for p in lists) == sorted(tab for tab, _, _ in LIST_TABS)
    for tab in lists:
        by_key = {b.key: b.action for b in class_bindings(tab)}
        for action, key in LIST_ACTIONS.items():
            # A shared key is never given another meaning (a tab may hide it).
            assert by_key.get(key, action) == action, (tab.PANE_ID, key)
        for action in ("filter", "clear", "new", "edit", "delete", "details"):
            assert action in tab.OFFERS, (tab.PANE_ID, action)


async def _rows(app, tab: str) -> int:
    return pane(app, tab).table.row_count


@pytest.mark.parametrize(("tab", "number", "word"), LIST_TABS)
async def test_the_same_keys_do_the_same_thing(sample_db, tab, number, word):
    app = build_app(sample_db, as_of=AS_OF, client="harbor")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(number)
        await settle(pilot)
        list_pane = pane(app, tab)
        assert isinstance(list_pane, ListPane)
        everything = await _rows(app, tab)
        assert everything > 1

        # / opens the filter line and typing narrows the rows; ↓ goes back to them.
        await pilot.press("slash")
        assert list_pane.filter_line.is_open and app.focused is list_pane.filter_line.input
        await pilot.press(*word)
        await settle(pilot)
        assert 0 < await _rows(app, tab) < everything
        assert f"filter “{word}”" in list_pane.status_text
        await pilot.press("down")
        assert app.focused is not list_pane.filter_line.input
        # Esc clears the filter; the line closes.
        await pilot.press("escape")
        await settle(pilot)
        assert await _rows(app, tab) == everything and not list_pane.filter_line.is_open

        # f steps to the next quick filter, Esc goes back to showing everything.
        if len(list_pane.QUICK_FILTERS) > 1:
            await pilot.press("f")
            await settle(pilot)
            assert list_pane.quick == 1
            await pilot.press("escape")
            await settle(pilot)
            assert list_pane.quick == 0 and await _rows(app, tab) == everything

        # Enter shows or hides the details of the row under the cursor.
        shown = list_pane.details_shown
        await pilot.press("enter")
        await settle(pilot)
        assert list_pane.details_shown is not shown
        if list_pane.details_shown:
            assert list_pane.detail.view is not None
        await pilot.press("enter")
        await settle(pilot)
        assert list_pane.details_shown is shown

        # n opens the form for a new record, e the form of the row; Esc closes them.
        for key in ("n", "e"):
            await pilot.press(key)
            await done(pilot)
            assert isinstance(app.screen, RecordForm), key
            await pilot.press("escape")
            await done(pilot)
            assert not isinstance(app.screen, RecordForm)


async def test_the_detail_panel_scrolls_at_80x24(sample_db):
    app = build_app(sample_db, as_of=AS_OF, client="harbor")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("2", "down", "enter")
        await settle(pilot)
        await pilot.pause(0.2)
        detail = pane(app, "hardware").detail
        assert detail.max_scroll_y > 0, "the sample server's details are longer than the panel"
        # The first lines carry what matters most: when, how much, who.
        first = detail.text.splitlines()[:6]
        assert any(line.startswith("Replace by") for line in first)
        assert any(line.startswith("Replacement") for line in first)
        assert str(detail.border_subtitle).startswith("more ↓")
        await pilot.press("tab")
        assert isinstance(app.focused, DetailPanel)
        await pilot.press("end")
        await pilot.pause()
        assert detail.scroll_y == detail.max_scroll_y
        assert "more" not in str(detail.border_subtitle)
        assert "Initiatives" in detail.text  # the last field, now on screen
        await pilot.press("escape")  # back to the rows
        assert app.focused is pane(app, "hardware").table
        await pilot.press("tab")
        assert isinstance(app.focused, DetailPanel)
        await pilot.press("tab")  # Tab goes back too
        assert app.focused is pane(app, "hardware").table
        await pilot.press("tab", "enter")  # hiding the focused panel: the rows get the focus
        await pilot.pause()
        assert not pane(app, "hardware").details_shown
        assert app.focused is pane(app, "hardware").table


def test_help_lists_only_the_shared_keys_a_tab_uses():
    from itroad.tui.panes.people import PeoplePane
    from itroad.tui.panes.renewals import RenewalsPane
    from itroad.tui.panes.roadmap import RoadmapPane

    assert not PeoplePane.offers("mark") and not PeoplePane.offers("sort")
    assert RoadmapPane.offers("sort") and not RoadmapPane.offers("bulk")
    assert RenewalsPane.offers("mark") and RenewalsPane.offers("new")
    assert not RenewalsPane.offers("quick_filter")  # one quick filter only: nothing to step through
