"""The roadmap for the terminal (``itroad roadmap``): per fiscal quarter, its budget and its initiatives.

The numbers come from :func:`itroad.planning.roadmap.plan_roadmap`, the same
function the Roadmap screen's timeline calls.
"""

from __future__ import annotations

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

from itroad.domain.money import format_money
from itroad.planning.roadmap import Roadmap


def roadmap_renderable(roadmap: Roadmap, width: int = 80) -> Group:
    """A heading, then one table per quarter (``width`` cells wide); RACI warnings
    under the initiative."""
    title_width = max(20, width - (11 + 12 + 9 + 16) - 10)
    parts: list = [Text.assemble(
        (f"{roadmap.name} ({roadmap.client})", "bold"),
        f" — roadmap as of {roadmap.as_of.isoformat()}, amounts in {roadmap.currency}",
    )]
    for quarter in roadmap.quarters:
        table = Table(
            title=Text.assemble(
                (quarter.label, "bold"),
                f"  committed {format_money(quarter.committed)}",
                ("  proposed ", "italic"), (format_money(quarter.proposed), "italic"),
            ),
            title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False, expand=False,
            show_edge=False,
        )
        # The same widths in every quarter, so the tables line up one under the other.
        table.add_column("Initiative", overflow="fold", width=title_width)
        table.add_column("Status", no_wrap=True, width=11)
        table.add_column("One-time", justify="right", no_wrap=True, width=12)
        table.add_column("Monthly", justify="right", no_wrap=True, width=9)
        table.add_column("Accountable", overflow="fold", width=16)
        running = roadmap.in_quarter(quarter.index)
        for p in running:
            title = Text("! ", style="bold") if p.warnings else Text()
            title.append(p.title)
            table.add_row(
                title, Text(p.status.value.replace("_", " ")),
                Text(format_money(p.one_time_budget)),
                Text(format_money(p.initiative.monthly_cost)),
                Text(p.accountable or "—"),
            )
        if not running:
            table.add_row(Text("(no initiative runs in this quarter)", style="dim"), "", "", "", "")
        parts.append(Text(""))
        parts.append(table)
        for p in running:
            if p.warnings:
                parts.append(Text.assemble(("! ", "bold"), p.title, ": ", ("; ".join(p.warnings), "bold")))
    flagged = roadmap.flagged
    if flagged:
        parts.append(Text(
            f"RACI: {len(flagged)} initiative{'s' if len(flagged) != 1 else ''} "
            "without exactly one Accountable and at least one Responsible: "
            + ", ".join(p.title for p in flagged), style="bold"))
    return Group(*parts)
