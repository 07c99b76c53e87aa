"""Column widths of the paged tables: from the cells and the screen, never narrowing
while the same rows are scrolled, the first columns as they were at 80×24."""

from __future__ import annotations

import pytest
from tests.conftest import AS_OF, _database_with

from itroad.domain.models import Asset, Client, Portfolio
from itroad.tui.app import build_app
from itroad.tui.panes.hardware import COLUMNS
from itroad.tui.testing import pane, screen_text, settle
from itroad.tui.widgets.table_columns import MARK_WIDTH, TableColumn, fit_widths, line_width

LONG_NAME = "Reception workstation by the north entrance"  # 43 cells
LAST_MODEL = "ThinkCentre M90q Gen 5 Tiny 12TH"  # 32 cells: only on the last page
ASSETS = 230  # three pages of 100


@pytest.fixture(autouse=True)
def _no_blink(frozen_blink):
    pass


@pytest.fixture
def wide_db(tmp_path):
    """One client whose tags and names are longer than the columns' least widths."""
    assets = [
        Asset(tag=f"CLIENT-00-{i:05d}", name=LONG_NAME if i % 7 == 0 else f"Desktop {i}",
              category="desktop", site="Main office", model=LAST_MODEL if i == ASSETS else None)
        for i in range(1, ASSETS + 1)
    ]
    client = Client(code="client-00", name="Client 00", assets=assets)
    return _database_with(tmp_path / "wide.db", Portfolio(clients=[client]))


async def hardware(pilot):
    await settle(pilot)
    await pilot.press("2")
    await settle(pilot)
    return pane(pilot.app, "hardware").table


def header(app) -> str:
    return next(line for line in screen_text(app).splitlines() if "Tag" in line)


def width_of(table, key: str) -> int:
    return table.widths[[c.key for c in table.columns].index(key)]


async def test_tags_are_whole_at_120_columns(wide_db):
    app = build_app(wide_db, as_of=AS_OF)
    async with app.run_test(size=(120, 30)) as pilot:
        table = await hardware(pilot)
        shown = screen_text(app)
        assert "CLIENT-00-00001 " in shown and "CLIENT-00-00010 " in shown
        assert "CLIENT-00…" not in shown
        assert width_of(table, "tag") == len("CLIENT-00-00001")
        assert LONG_NAME not in shown  # the rest of the screen went to the name, no more
        # the columns that fit at their least widths still do: Category is on screen
        assert "Category" in header(app)


async def test_tags_stay_whole_at_80_columns(wide_db):
    app = build_app(wide_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        table = await hardware(pilot)
        assert "CLIENT-00-00001 " in screen_text(app) and "CLIENT-00…" not in screen_text(app)
        # the tag took five cells: "Assigned to" no longer fits, its room went to the name
        assert "Assigned" not in header(app) and width_of(table, "name") == 30


async def test_the_name_column_takes_the_room_of_a_wide_terminal(sample_db):
    server = "HFD-SRV01 (Dentrix server)"
    app = build_app(sample_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        table = await hardware(pilot)
        narrow = width_of(table, "name")
        assert narrow == 18 and "HFD-SRV01 (Dentri…" in screen_text(app)
        await pilot.resize_terminal(200, 30)
        await settle(pilot)
        assert width_of(table, "name") > narrow and f"{server} " in screen_text(app)
        await pilot.resize_terminal(80, 24)  # and back: the 80-column layout again
        await settle(pilot)
        assert width_of(table, "name") == narrow


async def test_a_later_page_widens_a_column_and_nothing_narrows(wide_db):
    app = build_app(wide_db, as_of=AS_OF)
    async with app.run_test(size=(120, 30)) as pilot:
        table = await hardware(pilot)
        before = list(table.widths)
        assert width_of(table, "model") == 24  # no model on the first page
        await pilot.press("end")
        await settle(pilot)
        after = list(table.widths)
        assert all(new >= old for new, old in zip(after, before))
        assert width_of(table, "model") == len(LAST_MODEL)  # beyond the screen: its cells' width
        await pilot.press("home")
        await settle(pilot)
        assert table.widths == after


async def test_80_by_24_shows_the_columns_it_always_showed(sample_db):
    app = build_app(sample_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        table = await hardware(pilot)
        assert header(app).rstrip() == "  Tag ▲      Name               Status    Badges               Assigned to"
        assert table.widths[:5] == [c.width for c in COLUMNS[:5]]
        for key, first in (("3", "Name"), ("4", "Title")):
            await pilot.press(key)
            await settle(pilot)
            line = next(line for line in screen_text(app).splitlines() if line.startswith(f"  {first}"))
            # the first columns whole, the room left to the name (it no longer cuts "Every")
            assert line.split()[1:5] in (["Next", "▲", "Cancel", "by"], ["End", "▲", "Cancel", "by"])
            assert line.rstrip().endswith(("Cost", "Amount")) and len(line.rstrip()) == 80


def _columns(*specs: tuple[int, int | None, bool]) -> list[TableColumn]:
    return [TableColumn(f"C{i}", width, maximum=maximum, grow=grow)
            for i, (width, maximum, grow) in enumerate(specs)]


def test_every_column_fits_and_the_grow_column_takes_the_rest():
    columns = _columns((6, None, False), (10, 30, True), (5, 8, False))
    widths = fit_widths(columns, [2, 4, 2], [9, 20, 12], 100)
    assert widths[0] == 9 and widths[2] == 8  # content, then the cap
    assert widths[1] == 30  # the room left, up to its maximum
    assert fit_widths(columns, [2, 4, 2], [9, 20, 12], 45)[1] == 45 - line_width([9, 0, 8])


def test_a_long_cell_never_pushes_a_column_off_the_screen():
    columns = _columns((6, None, False), (10, 40, True), (5, None, False), (20, None, False))
    # at least widths the first three fit in 30 cells (2 + 6 + 10 + 5 + 2 gaps = 25)
    widths = fit_widths(columns, [2] * 4, [6, 40, 5, 35], 30)
    assert line_width(widths[:3]) == 30  # the name took the 5 cells beside them
    assert widths[1] == 15 and widths[3] == 35  # the column beyond has its natural width


def test_the_key_column_is_whole_unless_the_screen_is_narrower():
    columns = _columns((10, 12, False), (18, None, True))
    assert fit_widths(columns, [3, 4], [15, 18], 40)[0] == 15  # its maximum does not cut it
    assert fit_widths(columns, [3, 4], [15, 18], 14)[0] == 14 - MARK_WIDTH
    assert fit_widths(columns, [3, 4], [15, 18], 5)[0] == 10  # never under its least width


def test_a_header_is_never_cut():
    columns = _columns((4, 4, False), (4, None, False))
    assert fit_widths(columns, [9, 11], [1, 1], 10) == [9, 11]


async def test_measuring_renders_no_line_beyond_the_first_page_and_the_screen(wide_db):
    app = build_app(wide_db, as_of=AS_OF)
    async with app.run_test(size=(120, 30)) as pilot:
        table = await hardware(pilot)
        rendered_rows = []
        render = table.render_row
        table.render_row = lambda row: rendered_rows.append(row["id"]) or render(row)
        await pilot.press("end")  # the last page: read, then only its lines on screen drawn
        await settle(pilot)
        assert 0 < len(rendered_rows) <= table.size.height
        assert width_of(table, "model") == len(LAST_MODEL)
