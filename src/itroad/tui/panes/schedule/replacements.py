"""The Schedule tab's replacement schedule: overdue first, then "needs data", then
by due date, each row saying what a what-if moved. Plain data and Rich text.

:func:`schedule_table` is the tab's part of a client's load (in the worker);
:func:`schedule_rows` is what the tab shows once the figures are computed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from rich.text import Text

from itroad.domain.models import Client
from itroad.domain.money import format_money
from itroad.planning.calendar import fiscal_year_label
from itroad.planning.lifecycle import ScheduledAsset, schedule_assets
from itroad.tui.cells import NO_CLIENT, Column, TableData, date_cell, money_cell, text_cell
from itroad.tui.data import ClientData
from itroad.tui.panes.schedule.rows import DEFAULT_STYLES

#: The replacement schedule shows this many rows at most: the most urgent ones
#: (a stock DataTable is slow beyond a few thousand rows; a client of 100,000
#: assets pages through them in the Hardware tab).
SCHEDULE_LIMIT = 1000

OVERDUE = "OVERDUE"
NEEDS_DATA = "needs data"
MOVED = "what-if"
#: An asset replaced as part of an initiative: counted there, not on its own.
LINKED = "initiative"


@dataclass(frozen=True)
class ScheduleRows(TableData):
    """The replacement schedule's rows; ``total`` counts the current assets, shown or not."""

    total: int = 0


SCHEDULE_COLUMNS = (
    Column("mark", "✓"),
    Column("due", "Due"),
    Column("state", "State"),
    Column("tag", "Tag"),
    Column("name", "Name"),
    Column("cost", "Cost", numeric=True),
    Column("fy", "FY"),
    Column("category", "Category"),
    Column("basis", "Basis"),
)


def schedule_order(
    items: Iterable[ScheduledAsset], linked: Mapping[str, str] | None = None
) -> list[ScheduledAsset]:
    """Overdue first, then "needs data", then by due date (ties by tag).

    Assets replaced by an initiative (``linked``: tag → initiative) are counted
    with it, not on their own: they go with the dated rows, whatever their date.
    """
    items = list(items)
    linked = linked or {}
    own = [i for i in items if i.asset.tag not in linked]
    overdue = [i for i in own if i.overdue]
    missing = [i for i in own if i.unscheduled]
    rest = [i for i in items if i.asset.tag in linked or not (i.overdue or i.unscheduled)]
    rest.sort(key=lambda i: (i.due is None, i.due or date.max, i.asset.tag.casefold()))
    return overdue + missing + rest


def schedule_rows(
    client: Client,
    as_of: date,
    *,
    baseline: Client | None = None,
    styles: Mapping[str, str] = DEFAULT_STYLES,
    items: Sequence[ScheduledAsset] | None = None,
    linked: Mapping[str, str] | None = None,
) -> tuple[TableData, dict[str, ScheduledAsset]]:
    """The replacement schedule of ``client`` (a what-if's client, with ``baseline``
    the client as it is: rows whose date or cost moved say so). ``linked``: the
    assets an initiative replaces (:attr:`Forecast.linked_assets`)."""
    linked = linked or {}
    scheduled = items if items is not None else schedule_assets(client, as_of)
    before: dict[str, ScheduledAsset] = {}
    if baseline is not None:
        before = {i.asset.tag: i for i in schedule_assets(baseline, as_of)}
    rows: list[tuple[Text, ...]] = []
    keys = []
    found: dict[str, ScheduledAsset] = {}
    ordered = schedule_order(scheduled, linked)
    for item in ordered[:SCHEDULE_LIMIT]:
        old = before.get(item.asset.tag)
        moved = old is not None and (old.due, old.cost) != (item.due, item.cost)
        if item.unscheduled:
            state = text_cell(NEEDS_DATA, style="bold italic")
            due = text_cell("?")
            fy = text_cell("")
        else:
            state = text_cell(OVERDUE if item.overdue else "", style=styles["over"] if item.overdue else "")
            due = date_cell(item.due, style="bold" if item.overdue else "")
            fy = text_cell(fiscal_year_label(item.fiscal_year) if item.fiscal_year else "")
        basis = item.basis
        initiative = linked.get(item.asset.tag)
        if initiative is not None:
            state = text_cell(LINKED, style="italic")
            basis = f"replaced by the initiative {initiative!r} ({basis})"
        if moved:
            assert old is not None
            if not item.overdue and not item.unscheduled:
                state = text_cell(MOVED, style=f"{styles['moved']} bold")
            due.stylize(styles["moved"])
            was = old.due.isoformat() if old.due else "no date"
            cost = format_money(old.cost) if old.cost is not None else "no cost"
            basis = f"what-if (was {was}, {cost}): {basis}"
        rows.append((
            text_cell(""),
            due,
            state,
            text_cell(item.asset.tag),
            text_cell(item.asset.name, limit=26),
            money_cell(item.cost),
            fy,
            text_cell(item.asset.category, limit=16),
            text_cell(basis, limit=80),
        ))
        keys.append(item.asset.tag)
        found[item.asset.tag] = item
    return (
        ScheduleRows(
            SCHEDULE_COLUMNS, rows, keys=keys,
            empty=f"No current hardware to schedule for {client.name}.",
            total=len(ordered),
        ),
        found,
    )


@dataclass(frozen=True)
class ScheduleData(TableData):
    """The replacement schedule, plus the client it was built from (for the forecast)."""

    client: Client | None = None
    as_of: date | None = None
    db_path: Path | None = None


def schedule_table(data: ClientData) -> ScheduleData:
    """The tab's part of a client's load: the client, not yet its rows. The rows (overdue
    first, then "needs data", then by due date; retired and disposed left out) come with
    the figures, which the tab computes once it shows the client
    (:func:`~itroad.tui.panes.schedule.figures.compute`, through :func:`schedule_rows`)."""
    client = data.client
    if client is None:
        return ScheduleData(SCHEDULE_COLUMNS, empty=NO_CLIENT)
    return ScheduleData(SCHEDULE_COLUMNS, client=client, as_of=data.as_of, db_path=data.db_path)
