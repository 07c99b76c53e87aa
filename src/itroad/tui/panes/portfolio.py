"""Portfolio: every client with what it holds; Enter opens a client."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable

from itroad.tui.cells import Column, TableData, number_cell, text_cell
from itroad.tui.data import ClientData
from itroad.tui.panes.base import TablePane
from itroad.tui.widgets.record_table import RecordTable

COLUMNS = (
    Column("code", "  Code"),
    Column("name", "Client"),
    Column("assets", "Assets", numeric=True),
    Column("renewals", "Renewals", numeric=True),
    Column("contracts", "Contracts", numeric=True),
    Column("initiatives", "Initiatives", numeric=True),
    Column("people", "People", numeric=True),
    Column("currency", "Cur"),
)

EMPTY = (
    "No clients yet.\n\n"
    "To get data in, import a portfolio file from a shell:\n\n"
    "    itroad import toml FILE\n\n"
    "or explore the sample portfolio with:\n\n"
    "    itroad demo"
)


def portfolio_table(data: ClientData) -> TableData:
    rows: list[tuple[Text, ...]] = []
    for summary in data.clients:
        current = summary.code == data.code
        style = "bold" if current else ""
        rows.append((
            text_cell(("▸ " if current else "  ") + summary.code, style=style),
            text_cell(summary.name, style=style, limit=36),
            text_cell(f"{summary.active_assets}/{summary.assets}", right=True),
            number_cell(summary.renewals),
            number_cell(summary.contracts),
            number_cell(summary.initiatives),
            number_cell(summary.people),
            text_cell(summary.currency),
        ))
    return TableData(COLUMNS, rows, keys=[c.code for c in data.clients], empty=EMPTY)


class ClientTable(RecordTable):
    """The clients; Enter (shown in the footer) opens the client under the cursor."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Open client", tooltip="Make this client current"),
    ]


class PortfolioPane(TablePane):
    PANE_ID = "portfolio"
    TITLE = "Portfolio"
    DESCRIPTION = "every client with its counts (assets active/total); Enter opens a client"

    class ClientChosen(Message):
        """The user picked a client in the portfolio (Enter on its row)."""

        def __init__(self, code: str) -> None:
            super().__init__()
            self.code = code

    TABLE_CLASS = ClientTable
    NEEDS_RECORDS = False  # the client list is in the summary
    build = staticmethod(portfolio_table)

    @on(DataTable.RowSelected)
    def _chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.post_message(self.ClientChosen(str(event.row_key.value)))
