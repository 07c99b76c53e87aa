"""The shared cursor keys of tui/keys.py: one key per move, whatever a widget calls it."""

import pytest

from itroad.tui.keys import row_keys, sideways_keys
from itroad.tui.panes.roadmap.timeline import Timeline
from itroad.tui.widgets.paged_table import PagedTable
from itroad.tui.widgets.record_table import RecordTable


def test_row_keys_bind_the_moves_given_in_order_and_hidden():
    bindings = row_keys(up="cursor(-1)", down="cursor(1)", last="cursor(1000)",
                        help={"last": "Last initiative"})
    assert [(b.key, b.action, b.description, b.show) for b in bindings] == [
        ("up", "cursor(-1)", "Up", False),
        ("down", "cursor(1)", "Down", False),
        ("end", "cursor(1000)", "Last initiative", False),
    ]


def test_sideways_keys_take_more_keys_for_a_move():
    left, right = sideways_keys(left="pan(-1)", right="pan(1)", keys={"left": "left,h"})
    assert (left.key, left.action, left.description) == ("left,h", "pan(-1)", "Scroll left")
    assert (right.key, right.action, right.description) == ("right", "pan(1)", "Scroll right")


def test_a_move_that_is_not_one_is_refused():
    with pytest.raises(ValueError, match="not a cursor move: top"):
        row_keys(up="a", down="b", help={"top": "Top"})
    with pytest.raises(ValueError, match="not a cursor move: up"):
        sideways_keys(left="a", right="b", keys={"up": "k"})


def test_every_cursor_widget_uses_the_same_keys_for_the_same_moves():
    def keys(cls: type) -> dict[str, str]:
        return {b.key: b.description for b in cls.BINDINGS}

    paged, timeline, record = keys(PagedTable), keys(Timeline), keys(RecordTable)
    assert paged["home"] == "First row" and timeline["home"] == "First initiative"
    assert paged["left"] == "Scroll left" and record["left"] == "Scroll left"
    assert timeline["left,left_square_bracket"] == "Earlier quarters"
    assert record["right"] == "Scroll right (wide tables)"
