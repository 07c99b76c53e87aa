"""Roadmap: the client's initiatives, with who is Accountable and RACI warnings."""

from __future__ import annotations

from itroad.domain.enums import Raci
from itroad.tui.cells import (
    NO_CLIENT,
    Column,
    TableData,
    enum_label,
    money_cell,
    text_cell,
)
from itroad.tui.data import ClientData, PeopleIndex
from itroad.tui.panes.base import TablePane

COLUMNS = (
    Column("title", "Title"),
    Column("status", "Status"),
    Column("priority", "Priority"),
    Column("when", "Start – end"),
    Column("one_time", "One-time", numeric=True),
    Column("monthly", "Monthly", numeric=True),
    Column("accountable", "Accountable"),
    Column("warnings", "RACI warnings"),
    Column("category", "Category"),
)


def roadmap_table(data: ClientData) -> TableData:
    client = data.client
    if client is None:
        return TableData(COLUMNS, empty=NO_CLIENT)
    people = PeopleIndex(client)
    rows = []
    for initiative in client.initiatives:
        counted = initiative.status.counts
        style = "" if counted else "dim"
        when = initiative.start.isoformat()
        if initiative.end:
            when += f" – {initiative.end.isoformat()}"
        accountable = ", ".join(
            people.name_of(role.person)
            for role in initiative.roles
            if role.raci is Raci.ACCOUNTABLE
        )
        warnings = "; ".join(initiative.raci_warnings())
        rows.append((
            text_cell(initiative.title, style=style, limit=30),
            text_cell(enum_label(initiative.status), style=style),
            text_cell(enum_label(initiative.priority), style=style),
            text_cell(when, style=style),
            money_cell(initiative.one_time_cost, style=style),
            money_cell(initiative.monthly_cost, style=style),
            text_cell(accountable, style=style, limit=24),
            text_cell(warnings, style="bold" if warnings else "", limit=80),
            text_cell(enum_label(initiative.category), style=style),
        ))
    return TableData(COLUMNS, rows, empty=f"No initiatives on {client.name}'s roadmap yet.")


class RoadmapPane(TablePane):
    PANE_ID = "roadmap"
    TITLE = "Roadmap"
    DESCRIPTION = "initiatives; deferred and cancelled dimmed; RACI warnings in the last column"
    build = staticmethod(roadmap_table)
