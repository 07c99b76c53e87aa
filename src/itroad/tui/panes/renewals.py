"""Renewals: subscriptions, licenses, domains, certificates, support."""

from __future__ import annotations

from itroad.planning.recurrence import renewal_cancel_by
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
    Column("name", "Name"),
    Column("next", "Next renewal"),
    Column("cancel_by", "Cancel by"),
    Column("quantity", "Qty", numeric=True),
    Column("unit_cost", "Unit cost", numeric=True),
    Column("period", "Every"),
    Column("auto", "Auto"),
    Column("vendor", "Vendor"),
    Column("kind", "Kind"),
)


def renewals_table(data: ClientData) -> TableData:
    client = data.client
    if client is None:
        return TableData(COLUMNS, empty=NO_CLIENT)
    rows = []
    for renewal in client.renewals:
        cancel_by = renewal_cancel_by(renewal)
        missed = cancel_by is not None and cancel_by < data.as_of <= renewal.next_renewal
        cancel = date_cell(cancel_by, style="bold" if missed else "")
        if missed:
            cancel.append(" missed", style="bold")
        rows.append((
            text_cell(renewal.name, limit=30),
            date_cell(renewal.next_renewal),
            cancel,
            number_cell(renewal.quantity),
            money_cell(renewal.unit_cost),
            text_cell(months_label(renewal.period_months)),
            yes_no(renewal.auto_renew),
            text_cell(renewal.vendor, limit=24),
            text_cell(enum_label(renewal.kind)),
        ))
    return TableData(COLUMNS, rows, empty=f"No renewals recorded for {client.name} yet.")


class RenewalsPane(TablePane):
    PANE_ID = "renewals"
    TITLE = "Renewals"
    DESCRIPTION = "subscriptions, licenses, domains…; cancel by = next renewal − notice days"
    build = staticmethod(renewals_table)
