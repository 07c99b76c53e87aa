"""Schedule: when each current asset is due for replacement, and at what cost."""

from __future__ import annotations

from itroad.planning.fiscal import fiscal_year_label
from itroad.planning.lifecycle import schedule_assets
from itroad.tui.cells import (
    NO_CLIENT,
    Column,
    TableData,
    date_cell,
    money_cell,
    text_cell,
)
from itroad.tui.data import ClientData
from itroad.tui.panes.base import TablePane

#: Due date, what, and cost first, so that they fit in 80 columns; the rest scrolls.
COLUMNS = (
    Column("due", "Due"),
    Column("state", "State"),
    Column("tag", "Tag"),
    Column("name", "Name"),
    Column("cost", "Cost", numeric=True),
    Column("fy", "FY"),
    Column("category", "Category"),
    Column("basis", "Basis"),
)

OVERDUE = "OVERDUE"
NEEDS_DATA = "needs data"


def schedule_table(data: ClientData) -> TableData:
    """Overdue first, then by due date; unschedulable assets last, marked "needs data"."""
    client = data.client
    if client is None:
        return TableData(COLUMNS, empty=NO_CLIENT)
    rows = []
    for item in schedule_assets(client, data.as_of):
        if item.unscheduled:
            state = text_cell(NEEDS_DATA, style="bold italic")
            due = text_cell("?")
            fy = text_cell("")
        else:
            state = text_cell(OVERDUE if item.overdue else "", style="bold")
            due = date_cell(item.due, style="bold" if item.overdue else "")
            fy = text_cell(fiscal_year_label(item.fiscal_year) if item.fiscal_year else "")
        rows.append((
            due,
            state,
            text_cell(item.asset.tag),
            text_cell(item.asset.name, limit=26),
            money_cell(item.cost),
            fy,
            text_cell(item.asset.category, limit=16),
            text_cell(item.basis, limit=60),
        ))
    return TableData(
        COLUMNS, rows, empty=f"No current hardware to schedule for {client.name}."
    )


class SchedulePane(TablePane):
    PANE_ID = "schedule"
    TITLE = "Schedule"
    DESCRIPTION = "replacement due dates and escalated costs; overdue first, 'needs data' last"
    build = staticmethod(schedule_table)
