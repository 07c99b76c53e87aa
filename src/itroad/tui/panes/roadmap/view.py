"""What the Roadmap tab shows, as plain data built in the loading worker.

:func:`build_view` plans the client's roadmap (:func:`itroad.planning.roadmap.plan_roadmap`,
the function ``itroad roadmap`` calls too), makes a row of cells per initiative,
and reads the row ids behind the models (a :class:`~itroad.store.roster.Roster`)
with its own read-only connection. Filtering and sorting the list happen on the
UI thread over these prepared rows (a client has tens of initiatives).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from rich.text import Text

from itroad.domain.enums import InitiativeStatus, Priority
from itroad.domain.models import Client
from itroad.domain.money import format_money
from itroad.domain.problems import Problem
from itroad.planning.calendar import quarter_index, quarter_index_label, quarter_of_index
from itroad.planning.roadmap import (
    PlannedInitiative,
    Roadmap,
    default_last_quarter,
    plan_roadmap,
)
from itroad.store.lookups import ClientRef
from itroad.store.roster import Roster
from itroad.tui.cells import NO_CLIENT, Column, TableData, enum_label, money_cell, text_cell
from itroad.tui.data import ClientData, InventoryContext, PeopleIndex, read_with_roster, roster_context

COLUMNS = (
    Column("title", "Title"),
    Column("raci", "RACI"),
    Column("status", "Status"),
    Column("quarters", "Quarters"),
    Column("one_time", "One-time", numeric=True),
    Column("monthly", "Monthly", numeric=True),
    Column("accountable", "Accountable"),
    Column("priority", "Priority"),
    Column("category", "Category"),
    Column("when", "Start – end"),
    Column("warnings", "RACI warnings"),
)

#: How many quarters the timeline can show past the default horizon.
EXTRA_QUARTERS = 4


def short_quarter(index: int) -> str:
    """``FY27 Q1``."""
    fiscal_year, quarter = quarter_of_index(index)
    return f"FY{fiscal_year % 100:02d} Q{quarter}"


def quarters_text(p: PlannedInitiative) -> str:
    """``FY27 Q1`` / ``FY27 Q1–Q3`` / ``FY27 Q4–FY28 Q1``."""
    if p.first == p.last:
        return short_quarter(p.first)
    first_year, _ = quarter_of_index(p.first)
    last_year, last_q = quarter_of_index(p.last)
    end = f"Q{last_q}" if first_year == last_year else short_quarter(p.last)
    return f"{short_quarter(p.first)}–{end}"


def raci_flag(problems: tuple[Problem, ...]) -> str:
    """A short flag for the list: ``no A``, ``no R``, ``no A/R``, ``2 A``; empty when fine."""
    missing = [letter for code, letter in (("no_accountable", "A"), ("no_responsible", "R"))
               if any(p.code == code for p in problems)]
    extra = [f"{p.param('count')} A" for p in problems if p.code == "many_accountable"]
    flag = ("no " + "/".join(missing)) if missing else ""
    return ", ".join([f for f in (flag, *extra) if f])


STATUS_ORDER = {status: n for n, status in enumerate(InitiativeStatus)}
PRIORITY_ORDER = {priority: n for n, priority in enumerate(Priority)}


@dataclass(frozen=True)
class StatusFilter:
    """A quick filter (``f``); ``first`` is the quarter holding as_of (a running number)."""

    name: str
    keep: Callable[[PlannedInitiative, int], bool]

    def label(self, first: int) -> str:
        if self.name == "this quarter":
            return f"this quarter ({quarter_index_label(first)})"
        if self.name == "next quarter":
            return f"next quarter ({quarter_index_label(first + 1)})"
        return self.name


STATUS_FILTERS = (
    StatusFilter("all", lambda p, q: True),
    StatusFilter("this quarter", lambda p, q: p.spans(q)),
    StatusFilter("next quarter", lambda p, q: p.spans(q + 1)),
    StatusFilter("committed", lambda p, q: p.committed),
    StatusFilter("proposed", lambda p, q: p.proposed),
    StatusFilter("deferred or cancelled", lambda p, q: not p.status.counts),
    StatusFilter("breaking RACI", lambda p, q: bool(p.warnings)),
)

#: Sort orders ``s`` cycles through: (label, key).
SORTS: tuple[tuple[str, Callable[[PlannedInitiative], object]], ...] = (
    ("start", lambda p: (p.initiative.start, p.title.casefold())),
    ("title", lambda p: p.title.casefold()),
    ("status", lambda p: (STATUS_ORDER[p.status], p.initiative.start)),
    ("priority", lambda p: (PRIORITY_ORDER[p.initiative.priority], p.initiative.start)),
    ("category", lambda p: (p.initiative.category.value, p.initiative.start)),
    ("one-time cost", lambda p: (p.one_time_budget, p.initiative.start)),
    ("accountable", lambda p: ((p.accountable or "\uffff").casefold(), p.initiative.start)),
)


@dataclass(frozen=True)
class RoadmapItem:
    key: str  # the row id as text ("i3" by position when the id is unknown)
    row_id: int | None
    planned: PlannedInitiative
    cells: tuple[Text, ...]
    haystack: str  # what the filter matches, casefolded


@dataclass(frozen=True)
class RoadmapView:
    """Everything the Roadmap tab shows for one client (None client: nothing to show)."""

    db_path: object
    as_of: date
    client: Client | None = None
    roadmap: Roadmap | None = None
    items: tuple[RoadmapItem, ...] = ()
    roster: Roster | None = None
    context: InventoryContext | None = None
    empty: str = NO_CLIENT
    people: PeopleIndex | None = field(default=None, compare=False)

    @property
    def rows(self) -> list[tuple[Text, ...]]:
        """The list's rows as first shown (a tab's contents read like a ``TableData``)."""
        return self.table().rows

    def item(self, key: str | None) -> RoadmapItem | None:
        for item in self.items:
            if item.key == key:
                return item
        return None

    def table(self, text: str = "", status: int = 0, sort: int = 0,
              descending: bool = False) -> TableData:
        """The list, filtered by ``text`` (title, category, status, accountable, goal)
        and a status filter, in a sort order."""
        wanted = text.strip().casefold()
        keep = STATUS_FILTERS[status].keep
        first = self.roadmap.first if self.roadmap is not None else 0
        items = [i for i in self.items
                 if keep(i.planned, first) and (not wanted or wanted in i.haystack)]
        _, key = SORTS[sort]
        items.sort(key=lambda i: key(i.planned), reverse=descending)  # type: ignore[arg-type, return-value]
        return TableData(COLUMNS, [i.cells for i in items], [i.key for i in items],
                         empty=self.empty if not self.items else
                         "No initiative matches. Esc clears the filter.")


def _row(p: PlannedInitiative, people: PeopleIndex) -> tuple[Text, ...]:
    initiative = p.initiative
    counted = initiative.status.counts
    style = "" if counted else "dim"
    when = initiative.start.isoformat()
    if initiative.end:
        when += f" – {initiative.end.isoformat()}"
    warnings = "; ".join(p.warnings)
    return (
        text_cell(initiative.title, style=style, limit=30),
        text_cell(raci_flag(p.problems), style="bold red" if p.problems else ""),
        text_cell(enum_label(initiative.status), style=style),
        text_cell(quarters_text(p), style=style),
        money_cell(p.one_time_budget, style=style),
        money_cell(initiative.monthly_cost, style=style),
        text_cell(p.accountable or "", style=style, limit=24),
        text_cell(enum_label(initiative.priority), style=style),
        text_cell(enum_label(initiative.category), style=style),
        text_cell(when, style=style),
        text_cell(warnings, style="bold" if warnings else "", limit=80),
    )


def make_view(data: ClientData, client: Client | None, roster: Roster | None,
              ref: ClientRef | None) -> RoadmapView:
    """The view of a client (no database access: ``roster`` and ``ref`` are given)."""
    if client is None:
        return RoadmapView(data.db_path, data.as_of)
    last = default_last_quarter(client, data.as_of)
    first = quarter_index(data.as_of, client.fiscal_year_start_month)
    roadmap = plan_roadmap(client, data.as_of,
                           last_quarter=max(last, first + 7) + EXTRA_QUARTERS)
    people = PeopleIndex(client)
    items = []
    for p in roadmap.initiatives:
        row_id = roster.initiatives[p.index] if roster is not None else None
        key = str(row_id) if row_id is not None else f"i{p.index}"
        initiative = p.initiative
        haystack = " ".join(filter(None, (
            initiative.title, initiative.category.value, enum_label(initiative.status),
            initiative.priority.value, p.accountable, initiative.goal,
            *(people.name_of(r.person) for r in initiative.roles),
        ))).casefold()
        items.append(RoadmapItem(key, row_id, p, _row(p, people), haystack))
    context = roster_context(data, client, roster, ref, total=len(client.initiatives))
    return RoadmapView(data.db_path, data.as_of, client, roadmap, tuple(items), roster, context,
                       empty=f"No initiatives on {client.name}'s roadmap yet: n adds one.",
                       people=people)


def read_view(data: ClientData) -> RoadmapView:
    """The view with the row ids behind it (in the loading worker, its own connection)."""
    if data.client is None:
        return make_view(data, None, None, None)
    return make_view(data, *read_with_roster(data))


def money_short(amount: Decimal, width: int = 10) -> str:
    """An amount in at most ``width`` cells: ``57,329.15``, ``1,234,568``, ``12.35M``."""
    text = format_money(amount)
    if len(text) <= width:
        return text
    text = f"{amount.to_integral_value():,}"
    if len(text) <= width:
        return text
    return f"{amount / 1_000_000:,.2f}M"
