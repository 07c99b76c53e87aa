"""The due list for the terminal: one Rich table, late dates in red.

The items come from :func:`itroad.planning.due.due_items_for`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from rich.table import Table
from rich.text import Text

from itroad.planning.due import DueItem


def due_table(items: Sequence[DueItem], within: int, as_of: dt.date) -> Table:
    """What ``itroad due`` prints: date, client, what, action and owner, one row per item."""
    table = Table(title=Text(f"Due within {within} days of {as_of.isoformat()}", style="bold"),
                  title_justify="left",
                  pad_edge=False)
    table.add_column("Date", no_wrap=True)
    table.add_column("Client", no_wrap=True)
    table.add_column("What")
    table.add_column("Action")
    table.add_column("Owner")
    for item in items:
        what = f"{item.tag} {item.name}" if item.tag else item.name
        date = Text(item.date.isoformat(), style="bold red" if item.late else "")
        table.add_row(date, Text(item.client), Text(f"{item.kind}: {what}"), Text(item.action),
                      Text(item.owner or "—"))
    return table
