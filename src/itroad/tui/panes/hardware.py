"""Hardware: the client's assets."""

from __future__ import annotations

from itroad.tui.cells import (
    NO_CLIENT,
    Column,
    TableData,
    date_cell,
    enum_label,
    text_cell,
)
from itroad.tui.data import ClientData, PeopleIndex
from itroad.tui.panes.base import TablePane

COLUMNS = (
    Column("tag", "Tag"),
    Column("name", "Name"),
    Column("category", "Category"),
    Column("model", "Model"),
    Column("site", "Site"),
    Column("assigned", "Assigned to"),
    Column("status", "Status"),
    Column("purchased", "Purchased"),
    Column("warranty", "Warranty end"),
)


def hardware_table(data: ClientData) -> TableData:
    client = data.client
    if client is None:
        return TableData(COLUMNS, empty=NO_CLIENT)
    people = PeopleIndex(client)
    rows = []
    for asset in client.assets:
        gone = not asset.status.is_current
        style = "dim" if gone else ""
        model = " ".join(part for part in (asset.manufacturer, asset.model) if part)
        warranty_style = style
        if asset.warranty_end and asset.warranty_end < data.as_of and not gone:
            warranty_style = "italic"
        rows.append((
            text_cell(asset.tag, style=style),
            text_cell(asset.name, style=style, limit=30),
            text_cell(asset.category, style=style, limit=16),
            text_cell(model, style=style, limit=24),
            text_cell(asset.site, style=style, limit=20),
            text_cell(people.name_of(asset.assigned_to), style=style, limit=24),
            text_cell(enum_label(asset.status), style=style),
            date_cell(asset.purchase_date, style=style),
            date_cell(asset.warranty_end, style=warranty_style),
        ))
    return TableData(COLUMNS, rows, empty=f"No hardware recorded for {client.name} yet.")


class HardwarePane(TablePane):
    PANE_ID = "hardware"
    TITLE = "Hardware"
    DESCRIPTION = "the client's assets; retired and disposed ones dimmed"
    build = staticmethod(hardware_table)
