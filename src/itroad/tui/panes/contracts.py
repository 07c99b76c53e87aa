"""Contracts: MSP, telecom, leases, maintenance, support, cloud."""

from __future__ import annotations

from itroad.planning.recurrence import contract_cancel_by
from itroad.tui.cells import (
    NO_CLIENT,
    Column,
    TableData,
    date_cell,
    enum_label,
    money_cell,
    months_label,
    number_cell,
    text_cell,
    yes_no,
)
from itroad.tui.data import ClientData
from itroad.tui.panes.base import TablePane

#: What to decide soon comes first, so that it fits in 80 columns; the rest scrolls.
COLUMNS = (
    Column("title", "Title"),
    Column("end", "End"),
    Column("cancel_by", "Cancel by"),
    Column("amount", "Amount", numeric=True),
    Column("period", "Every"),
    Column("notice", "Notice d", numeric=True),
    Column("auto", "Auto"),
    Column("vendor", "Vendor"),
    Column("kind", "Kind"),
    Column("start", "Start"),
)


def contracts_table(data: ClientData) -> TableData:
    client = data.client
    if client is None:
        return TableData(COLUMNS, empty=NO_CLIENT)
    rows = []
    for contract in client.contracts:
        cancel_by = contract_cancel_by(contract)
        missed = (
            cancel_by is not None
            and contract.end is not None
            and cancel_by < data.as_of <= contract.end
        )
        cancel = date_cell(cancel_by, style="bold" if missed else "")
        if missed:
            cancel.append(" missed", style="bold")
        rows.append((
            text_cell(contract.title, limit=30),
            date_cell(contract.end) if contract.end else text_cell("open-ended"),
            cancel,
            money_cell(contract.amount),
            text_cell(months_label(contract.period_months)),
            number_cell(contract.notice_days),
            yes_no(contract.auto_renew),
            text_cell(contract.vendor, limit=24),
            text_cell(enum_label(contract.kind)),
            date_cell(contract.start),
        ))
    return TableData(COLUMNS, rows, empty=f"No contracts recorded for {client.name} yet.")


class ContractsPane(TablePane):
    PANE_ID = "contracts"
    TITLE = "Contracts"
    DESCRIPTION = "service contracts; cancel by = end − notice days"
    build = staticmethod(contracts_table)
