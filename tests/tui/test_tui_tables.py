"""The tabs' table builders: pure functions from a client to rows of Text cells (no app)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.text import Text
from tests.conftest import AS_OF, TRICKY_TEXT, tui_portfolio

from itroad.domain.models import Client
from itroad.store import open_database
from itroad.store.browse import ASSETS, CONTRACTS, RENEWALS, Query, fetch_page
from itroad.tui.cells import TableData, clean, money_cell, text_cell
from itroad.tui.data import ClientData, PeopleIndex, load_client_data
from itroad.tui.panes import TABS, pane_classes
from itroad.tui.panes.contracts import contract_cells
from itroad.tui.panes.hardware import asset_cells
from itroad.tui.panes.people import people_table
from itroad.tui.panes.portfolio import EMPTY, portfolio_table
from itroad.tui.panes.renewals import renewal_cells
from itroad.tui.panes.roadmap import roadmap_table
from itroad.tui.panes.schedule import NEEDS_DATA, OVERDUE, schedule_table
from itroad.tui.panes.schedule.figures import Settings, compute


def data_for(client: Client, clients=()) -> ClientData:
    return ClientData(db_path=Path("x.db"), as_of=AS_OF, clients=tuple(clients), client=client)


@pytest.fixture
def acme() -> Client:
    return tui_portfolio().clients[0]


def test_text_cells_keep_markup_and_backslashes_literally():
    for value in TRICKY_TEXT:
        cell = text_cell(value)
        assert isinstance(cell, Text) and cell.plain == value and not cell.spans


@given(st.text(max_size=80))
def test_text_cell_is_one_line_of_the_value(value):
    cell = text_cell(value)
    assert "\n" not in cell.plain and "\r" not in cell.plain
    assert len(cell.plain) <= 48
    if len(clean(value)) <= 48:
        assert cell.plain == clean(value)


def test_control_characters_are_shown_not_obeyed():
    assert text_cell("a\x1b[2J\tb\nc").plain == "a␛[2J b c"
    assert text_cell("\x9b31m\u202e").plain == "\\x9b31m\\u202e"


def test_money_is_grouped_two_decimals_right_aligned():
    cell = money_cell(Decimal("1234.5"))
    assert cell.plain == "1,234.50" and cell.justify == "right"
    assert money_cell(None).plain == ""


def test_table_data_checks_its_shape():
    table = people_table(data_for(None))
    with pytest.raises(ValueError):
        TableData(table.columns, [(Text("one cell"),)])


def test_people_index_finds_by_email_or_name_any_case(acme):
    people = PeopleIndex(acme)
    assert people.name_of("JANE@acme.example") == "Jane Doe"
    assert people.name_of("jane doe") == "Jane Doe"
    assert people.name_of("someone else") == "someone else"
    assert people.name_of(None) == ""


def test_every_tab_says_so_when_there_is_no_client():
    data = ClientData(db_path=Path("x.db"), as_of=AS_OF)
    assert portfolio_table(data).empty == EMPTY
    for tab, pane in zip(TABS[1:], pane_classes()[1:], strict=True):
        table = pane.build(data)
        if not tab.lazy:
            assert table is None  # an inventory tab: nothing to page through
            continue
        assert table.rows == [] and "No client" in table.empty


def _cells(db_path, spec, render):
    db = open_database(db_path, readonly=True)
    try:
        return [render(row, AS_OF) for row in fetch_page(db, Query(spec, AS_OF, client_id=1), 0, 100)]
    finally:
        db.close()


def _column(cells, index):
    return [row[index].plain for row in cells]


def test_hardware_rows(tui_db):
    cells = _cells(tui_db, ASSETS, asset_cells)
    assert _column(cells, 0) == ["ACME-0001", "ACME-0002", "ACME-0003", "ACME-0004"]
    assert _column(cells, 4) == ["Jane Doe", TRICKY_TEXT[0], TRICKY_TEXT[2], ""]
    assert _column(cells, 10)[0] == "2023-03-15"
    # badges in words: overdue (2020 + 60 months), no warranty; no purchase date; retired: none
    assert _column(cells, 3) == ["OVERDUE, NO WARRANTY", "", "NEEDS DATA", ""]
    assert cells[3][0].style == "dim"  # retired


def test_renewal_cancel_by_and_missed_notice(tui_db):
    cells = _cells(tui_db, RENEWALS, renewal_cells)
    # 2026-12-01 − 30 days = 2026-11-01, already past on 2026-11-22 with the renewal ahead
    assert _column(cells, 2) == ["2026-11-01", "2027-04-02"]
    assert _column(cells, 3) == ["NOTICE MISSED", ""]
    assert _column(cells, 5) == ["1 mo", "12 mo"]
    assert _column(cells, 6) == ["yes", "no"]
    assert _column(cells, 4) == ["264.00", "15.00"]  # 12 × 22.00 a month


def test_contract_cancel_by_is_end_minus_notice(tui_db):
    cells = _cells(tui_db, CONTRACTS, contract_cells)
    assert _column(cells, 2) == ["2027-10-02"]
    assert _column(cells, 5) == ["1 mo"]


def test_schedule_overdue_first_then_needs_data(acme):
    assert schedule_table(data_for(acme)).rows == []  # they come with the figures
    table = compute(acme, AS_OF, Settings()).schedule
    assert table.column_values("state") == [OVERDUE, NEEDS_DATA, ""]
    assert table.column_values("due") == ["2025-03-15", "?", "2028-05-01"]
    assert table.column_values("fy") == ["FY2025", "", "FY2028"]
    # 1400.00 escalated 3 % a year for FY2027 → FY2028 (July fiscal years)
    assert table.column_values("cost") == ["899.00", "", "1,442.00"]


def test_roadmap_accountable_and_warnings(acme):
    table = roadmap_table(data_for(acme))
    assert table.column_values("accountable") == ["Jane Doe", ""]
    assert table.column_values("warnings") == [
        "no one is Responsible",
        "no one is Accountable; no one is Responsible",
    ]
    assert table.column_values("when")[0] == "2027-01-01 – 2027-03-31"


def test_people_counts(acme):
    table = people_table(data_for(acme))
    assert table.column_values("assets") == ["1", "1", "1"]
    assert table.column_values("roles") == ["1", "0", "0"]


def test_load_client_data_uses_its_own_connection(tui_db):
    data = load_client_data(tui_db, None, AS_OF)
    assert data.code == "acme" and [c.code for c in data.clients] == ["acme", "zenith"]
    assert load_client_data(tui_db, "zenith", AS_OF).code == "zenith"
    fallback = load_client_data(tui_db, "nope", AS_OF)
    assert fallback.code == "acme" and 'No client "nope"' in fallback.note


def test_every_tab_builds_for_every_sample_client(sample_db):
    first = load_client_data(sample_db, None, AS_OF)
    assert first.clients, "the sample portfolio has clients"
    for summary in first.clients:
        data = load_client_data(sample_db, summary.code, AS_OF)
        client = data.client
        tables = {pane.PANE_ID: pane.build(data) for pane in pane_classes()}
        assert tables["portfolio"].keys[:len(first.clients)] == [c.code for c in first.clients]
        assert tables["hardware"].total == len(client.assets) == summary.assets
        assert tables["renewals"].total == summary.renewals
        assert tables["contracts"].total == summary.contracts
        assert tables["schedule"].client == client
        assert len(compute(client, AS_OF, Settings()).schedule.rows) == summary.active_assets
        assert len(tables["roadmap"].rows) == summary.initiatives
        assert len(tables["people"].rows) == summary.people
