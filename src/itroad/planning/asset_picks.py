"""Picking the assets an initiative replaces: the candidates and the quick picks.

What the Roadmap tab's asset picker lists: each current asset by due date, with
what it would add to the initiative's budget (its replacement cost escalated to
the fiscal year of the initiative's start) and the other initiatives it is
linked to; and per category, the overdue ones and those due in each fiscal year.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from itroad.domain.models import Client
from itroad.domain.money import ZERO
from itroad.planning.calendar import fiscal_year_of
from itroad.planning.lifecycle import escalate, schedule_assets


@dataclass(frozen=True)
class Candidate:
    """A current asset that could be linked to an initiative, with what it would add."""

    tag: str
    name: str
    category: str
    due: dt.date | None
    fiscal_year: int | None  # of the due date
    overdue: bool
    #: Replacement cost escalated to the fiscal year of the initiative's start (or,
    #: without a start yet, to that of its own due date); None when unknown.
    cost: Decimal | None
    #: Other initiatives it is linked to (titles).
    elsewhere: tuple[str, ...] = ()


def asset_candidates(client: Client, as_of: dt.date, start: dt.date | None = None,
                     initiative_index: int | None = None) -> list[Candidate]:
    """The client's current assets by due date (overdue first, no date last)."""
    start_month = client.fiscal_year_start_month
    as_of_fy = fiscal_year_of(as_of, start_month)
    linked: dict[str, list[str]] = {}
    for i, initiative in enumerate(client.initiatives):
        if i == initiative_index:
            continue
        for tag in initiative.assets:
            linked.setdefault(tag.casefold(), []).append(initiative.title)
    found = []
    for item in schedule_assets(client, as_of):
        if item.base_cost is None:
            cost = None
        elif start is not None:
            cost = escalate(item.base_cost, client.escalation_rate, as_of_fy,
                            fiscal_year_of(start, start_month))
        else:
            cost = item.cost
        found.append(Candidate(
            item.asset.tag, item.asset.name, item.asset.category, item.due, item.fiscal_year,
            item.overdue, cost, tuple(linked.get(item.asset.tag.casefold(), ()))))
    return found


@dataclass(frozen=True)
class AssetGroup:
    """Assets of one category due in one fiscal year (or overdue): one quick pick."""

    category: str
    fiscal_year: int | None  # None: overdue
    tags: tuple[str, ...]
    cost: Decimal

    @property
    def label(self) -> str:
        when = "overdue" if self.fiscal_year is None else f"due in FY{self.fiscal_year}"
        count = "the one" if len(self.tags) == 1 else f"all {len(self.tags)}"
        return f"{self.category}: {count} {when} ({self.cost:,.2f})"


def asset_groups(candidates: Iterable[Candidate]) -> list[AssetGroup]:
    """Quick picks: per category, the overdue ones and those due in each fiscal year."""
    groups: dict[tuple[str, int | None], list[Candidate]] = {}
    for c in candidates:
        if c.due is None:
            continue
        key = (c.category, None if c.overdue else c.fiscal_year)
        groups.setdefault(key, []).append(c)
    ordered = sorted(groups.items(), key=lambda kv: (
        kv[0][1] is not None, kv[0][1] or 0, kv[0][0]))
    return [AssetGroup(category, year, tuple(c.tag for c in items),
                       sum((c.cost or ZERO for c in items), ZERO))
            for (category, year), items in ordered]
