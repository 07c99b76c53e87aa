"""What itroad writes to the terminal: the same screen in fewer bytes, and only what changed.

Over a thin ssh link every byte of a repaint is felt; these tests hold the two things
that cut them (repeated styles dropped from each frame; a table line repainted only
when its row changed) to drawing exactly the screen a full repaint draws.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pyte
import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.conftest import AS_OF
from textual.drivers.headless_driver import HeadlessDriver

from itroad.tui.app import build_app
from itroad.tui.terminal_output import compact_styles, compacting
from itroad.tui.testing import pane, settle

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.pty_driver import PtyApp, clean_environment  # noqa: E402

STYLES = ["38;2;213;218;225;48;2;38;42;48", "1;38;2;167;169;171", "7", "38;5;3", "0;1", "1", "2;3;4"]


def _screen(data: str, columns: int = 24, lines: int = 4) -> tuple:
    """Every cell's character and attributes, and the cursor, after ``data``."""
    screen = pyte.Screen(columns, lines)
    pyte.Stream(screen).feed(data)
    cells = tuple(
        (char.data, char.fg, char.bg, char.bold, char.italics, char.underscore, char.reverse)
        for y in range(lines) for char in (screen.buffer[y][x] for x in range(columns))
    )
    return cells, (screen.cursor.x, screen.cursor.y), screen.cursor.attrs


def test_neighbours_of_one_style_share_it():
    style = "\x1b[38;2;1;2;3;48;2;4;5;6m"
    text = f"\x1b[0m{style}ab\x1b[0m{style} \x1b[0m{style}cd\x1b[0m"
    assert compact_styles(text) == f"\x1b[0m{style}ab cd\x1b[0m"


def test_a_style_not_set_on_a_reset_terminal_is_kept():
    # The first style is added to whatever was in force before: after a reset the
    # same sequence means less, so both must stay.
    text = "\x1b[1mab\x1b[0m\x1b[1mcd\x1b[0m"
    assert compact_styles(text) == text
    assert compact_styles("\x1b[0m" + text) == "\x1b[0m\x1b[1mabcd\x1b[0m"


def test_anything_between_keeps_the_reset():
    text = "\x1b[0m\x1b[7m \x1b[0m\x1b[5;1H\x1b[7m \x1b[0m"
    assert compact_styles(text) == text
    assert compact_styles("plain text, no escapes") == "plain text, no escapes"


_ITEMS = st.one_of(
    st.tuples(st.just("segment"), st.sampled_from(STYLES), st.text("ab ", min_size=1, max_size=4)),
    st.tuples(st.just("style"), st.sampled_from(STYLES), st.just("")),
    st.tuples(st.just("reset"), st.just(""), st.just("")),
    st.tuples(st.just("text"), st.just(""), st.text("xy ", min_size=1, max_size=3)),
    st.tuples(st.just("move"), st.sampled_from(["1;1", "2;5", "3;20", "4;24"]), st.just("")),
)


def _write(items: list[tuple[str, str, str]]) -> str:
    out = []
    for kind, value, text in items:
        if kind == "segment":
            out.append(f"\x1b[{value}m{text}\x1b[0m")
        elif kind == "style":
            out.append(f"\x1b[{value}m")
        elif kind == "reset":
            out.append("\x1b[0m")
        elif kind == "text":
            out.append(text)
        else:
            out.append(f"\x1b[{value}H")
    return "".join(out)


@given(st.lists(_ITEMS, max_size=40))
def test_the_compacted_frame_draws_the_same_screen(items):
    text = _write(items)
    compact = compact_styles(text)
    assert len(compact) <= len(text)
    assert _screen(compact) == _screen(text)


def test_a_driver_class_is_wrapped_once_and_writes_compacted(monkeypatch):
    written = []
    monkeypatch.setattr(HeadlessDriver, "write", lambda self, data: written.append(data))
    driver_class = compacting(HeadlessDriver)
    assert issubclass(driver_class, HeadlessDriver) and compacting(driver_class) is driver_class
    driver = driver_class.__new__(driver_class)
    driver.write("\x1b[0m\x1b[7m \x1b[0m\x1b[7m \x1b[0m")
    assert written == ["\x1b[0m\x1b[7m  \x1b[0m"]


async def test_a_table_repaints_only_the_lines_whose_row_changed(tui_db, frozen_blink, monkeypatch):
    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        table = pane(app, "hardware").table
        refreshed: list[tuple] = []
        refresh = type(table).refresh

        def record(self, *regions, **flags):
            refreshed.append(regions)
            return refresh(self, *regions, **flags)

        monkeypatch.setattr(type(table), "refresh", record)
        table.reload()  # the same rows again, as after an edit elsewhere
        await settle(pilot)
        assert table.loaded and refreshed and all(regions for regions in refreshed), refreshed
        assert sum(region.height for regions in refreshed for region in regions) <= 2
        refreshed.clear()
        await pilot.press("down")  # the cursor moves: its old line and its new one
        await settle(pilot)
        assert refreshed and all(regions for regions in refreshed)
        assert {region.y for regions in refreshed for region in regions} == {1, 2}


def _pty_available() -> bool:
    try:
        master, slave = os.openpty()
    except OSError:
        return False
    os.close(master)
    os.close(slave)
    return True


@pytest.mark.skipif(not _pty_available(), reason="no pseudo-terminal available here")
def test_in_a_real_terminal_the_screen_follows_the_filter(tui_db, tmp_path):
    """Through the real driver (compacted frames, partial repaints), an emulated terminal
    shows exactly the rows each filter keeps, with no line left from the one before."""
    env = clean_environment(columns=80, lines=24, config_dir=tmp_path)
    argv = [sys.executable, "-m", "itroad", "--db", str(tui_db), "--as-of", AS_OF.isoformat(), "--no-mouse"]
    tags = ["ACME-0001", "ACME-0002", "ACME-0003", "ACME-0004"]

    def rows(*shown: str):
        def test(lines: list[str]) -> bool:
            text = "\n".join(lines)
            return all(tag in text for tag in shown) and not any(tag in text for tag in tags if tag not in shown)
        return test

    with PtyApp(argv, size=(80, 24), env=env, cwd=ROOT) as app:
        app.wait_for("Hardware", 30)
        app.press("2")
        app.wait_for(rows(*tags), 30, "all four assets")
        app.press("slash", "f")  # at once, as two keys come in one packet over ssh
        app.wait_for(rows("ACME-0001", "ACME-0003"), 30, "the rows with an f")
        app.press("r")
        app.wait_for(rows("ACME-0001"), 30, "the row with fr")
        app.press("escape")
        app.wait_for(rows(*tags), 30, "all four again")
