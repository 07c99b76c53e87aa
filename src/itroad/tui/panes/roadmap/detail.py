"""The details of one initiative, for the Roadmap tab's detail panel (plain data)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal

from itroad.domain.money import format_money
from itroad.output.text import kpi_text, progress_bar
from itroad.planning.calendar import quarter_index_label
from itroad.planning.roadmap import PlannedInitiative, kpi_progress
from itroad.tui.cells import enum_label
from itroad.tui.data import PeopleIndex
from itroad.tui.panes.roadmap.view import RoadmapItem, quarters_text
from itroad.tui.widgets.detail_panel import DetailView


def by_quarter(amounts: Mapping[int, Decimal], *, runs_of_equal: bool = False) -> str:
    """``FY2027-Q1 600.00 · FY2027-Q2 1,200.00``; with ``runs_of_equal``, equal amounts
    in a row as ``FY2028-Q1 to FY2029-Q1 1,950.00 each``."""
    runs: list[tuple[int, int, Decimal]] = []
    for q, amount in sorted(amounts.items()):
        if not amount:
            continue
        if runs_of_equal and runs and runs[-1][1] == q - 1 and runs[-1][2] == amount:
            runs[-1] = (runs[-1][0], q, amount)
        else:
            runs.append((q, q, amount))
    return " · ".join(
        f"{quarter_index_label(first)} {format_money(amount)}" if first == last else
        f"{quarter_index_label(first)} to {quarter_index_label(last)} {format_money(amount)} each"
        for first, last, amount in runs)


def slices_text(p: PlannedInitiative, as_of: date) -> tuple[str, str]:
    """What it counts per quarter, its one-time budget's slices and its monthly cost's
    apart, each with its whole (nothing before the month of ``as_of`` counts)."""
    if not p.status.counts:
        return "not counted (deferred or cancelled)", ""
    one_time = by_quarter(p.one_time_amounts)
    if one_time:
        counted = sum(p.one_time_amounts.values(), Decimal(0))
        one_time += f" = {format_money(counted)} of {format_money(p.one_time_budget)}"
        if p.one_time_before:
            one_time += f"; {format_money(p.one_time_before)} before {as_of:%Y-%m} not counted"
        if p.one_time_after:
            one_time += f"; {format_money(p.one_time_after)} later"
    elif p.one_time_budget and p.one_time_before == p.one_time_budget:
        one_time = f"none counted from {as_of:%Y-%m} (all {format_money(p.one_time_budget)} before)"
    monthly = by_quarter(p.recurring_amounts, runs_of_equal=True)
    if monthly:
        monthly = f"{format_money(p.initiative.monthly_cost)} a month: {monthly}"
    return one_time, monthly


def initiative_detail(item: RoadmapItem, people: PeopleIndex, as_of: date) -> DetailView:
    """What matters first at a review: status, quarters, budget, who; then goal and KPIs."""
    p = item.planned
    initiative = p.initiative
    counted = "committed" if p.committed else "proposed" if p.proposed else "not counted"
    budget = format_money(initiative.one_time_cost)
    if p.assets:
        noun = "asset" if len(p.assets) == 1 else "assets"
        budget += (f" + {len(p.assets)} {noun} {format_money(p.assets_cost)}"
                   f" = {format_money(p.one_time_budget)}")
    letters = " · ".join(f"{r.raci.value} {people.name_of(r.person)}" for r in initiative.roles)
    one_time_slices, monthly_slices = slices_text(p, as_of)
    pairs = [
        ("Status", f"{enum_label(initiative.status)} ({counted})"),
        ("Quarters", quarters_text(p)),
        ("One-time", budget),
        ("Monthly", format_money(initiative.monthly_cost) if initiative.monthly_cost else ""),
        ("RACI", letters),
        ("Priority", enum_label(initiative.priority)),
        ("Category", enum_label(initiative.category)),
        ("Start – end", initiative.start.isoformat()
         + (f" – {initiative.end.isoformat()}" if initiative.end else "")),
        ("Slices", one_time_slices or "nothing counted from this quarter on"),
        *([("Monthly slices", monthly_slices)] if monthly_slices else []),
    ]
    if not initiative.kpis:
        pairs.append(("KPIs", "none yet (k adds one)"))
    for kpi in initiative.kpis:
        progress = kpi_progress(kpi)
        percent = "" if progress is None else f" {int(progress * 100)}%"
        due = f" · due {kpi.due.isoformat()}" if kpi.due else ""
        pairs.append(("KPI", f"{kpi.name} {progress_bar(progress)}{percent} · {kpi_text(kpi)}{due}"))
    badges = ("BREAKS RACI",) if p.warnings else ()
    texts = [("RACI", "; ".join(p.warnings))] if p.warnings else []
    texts += [("Goal", initiative.goal or "no goal yet (k)"), ("Notes", initiative.notes or "")]
    return DetailView(initiative.title, badges, tuple(pairs), tuple(texts))
