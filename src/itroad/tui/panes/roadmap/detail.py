"""The details of one initiative, for the Roadmap tab's detail panel (plain data)."""

from __future__ import annotations

from itroad.domain.money import format_money
from itroad.output.text import kpi_text, progress_bar
from itroad.planning.calendar import quarter_index_label
from itroad.planning.roadmap import kpi_progress
from itroad.tui.cells import enum_label
from itroad.tui.data import PeopleIndex
from itroad.tui.panes.roadmap.view import RoadmapItem, quarters_text
from itroad.tui.widgets.detail_panel import DetailView


def initiative_detail(item: RoadmapItem, people: PeopleIndex) -> DetailView:
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
    amounts = " · ".join(f"{quarter_index_label(q)} {format_money(a)}"
                         for q, a in sorted(p.amounts.items()) if a)
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
        ("By quarter", amounts or "nothing counted from this quarter on"),
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
