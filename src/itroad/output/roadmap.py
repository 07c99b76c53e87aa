"""The roadmap for the terminal (``itroad roadmap``): per fiscal quarter, its budget and its initiatives.

The numbers come from :func:`itroad.planning.roadmap.plan_roadmap`, the same
function the Roadmap screen's timeline calls. Each quarter's table shows what
every initiative counts in that quarter ("This quarter": its slice, the one-time
budget's share and the monthly cost counted there) beside its whole one-time
budget ("One-time total") and its monthly cost: the "This quarter" column adds up
to the quarter's committed and proposed totals in its title. An initiative whose
monthly cost still runs after its end is listed in the quarters it counts in,
marked "(monthly cost)".
"""

from __future__ import annotations

from decimal import Decimal

from rich import box
from rich.console import Group
from rich.table import Table
from rich.text import Text

from itroad.domain.money import format_money
from itroad.planning.roadmap import PlannedInitiative, Roadmap

STATUS_WIDTH = 11  # "in progress"
GAPS = 2 * 5  # six columns: a (collapsed) padding cell and the blank rule between two

EXPLANATION = (
    "This quarter: what an initiative counts in the quarter (its one-time budget's "
    "share, spread over its months, and its monthly cost from the month after its end); "
    "these add up to the quarter's committed and proposed. One-time total: its whole "
    "one-time budget."
)


def _amount_width(roadmap: Roadmap, heading: int, amounts: list[Decimal]) -> int:
    return max([heading, *(len(format_money(a)) for a in amounts)])


def roadmap_renderable(roadmap: Roadmap, width: int = 80) -> Group:
    """A heading, then one table per quarter (``width`` cells wide); RACI warnings
    under the initiative. The amount columns are as wide as their widest amount,
    so none is cut; the title and accountable columns share the rest. Too narrow
    for both (under about 72 cells), the accountable person goes under the title
    and the status wraps, so the amounts still show whole."""
    rows: list[tuple[int, PlannedInitiative, bool]] = []  # quarter, initiative, after its end
    for quarter in roadmap.quarters:
        rows += [(quarter.index, p, False) for p in roadmap.in_quarter(quarter.index)]
        rows += [(quarter.index, p, True) for p in roadmap.monthly_after_end(quarter.index)]
    slice_width = _amount_width(roadmap, len("quarter"), [p.slice(q).total for q, p, _ in rows])
    total_width = _amount_width(roadmap, len("One-time"), [p.one_time_budget for _, p, _ in rows])
    monthly_width = _amount_width(roadmap, len("Monthly"),
                                  [p.initiative.monthly_cost for _, p, _ in rows])
    amounts = slice_width + total_width + monthly_width
    rest = width - STATUS_WIDTH - amounts - GAPS
    narrow = rest < 30
    status_width = STATUS_WIDTH
    if narrow:  # five columns: the accountable under the title, "in progress" on two lines
        status_width = len("progress")
        rest = width - status_width - amounts - GAPS + 2
    accountable_width = 0 if narrow else max(10, min(16, rest * 2 // 5))
    title_width = max(12, rest - accountable_width)

    parts: list = [Text.assemble(
        (f"{roadmap.name} ({roadmap.client})", "bold"),
        f" — roadmap as of {roadmap.as_of.isoformat()}, amounts in {roadmap.currency}",
    ), Text(EXPLANATION, style="dim")]
    for quarter in roadmap.quarters:
        since = roadmap.counted_from(quarter.index)
        title = Text.assemble(
            (quarter.label, "bold"), f" from {since.isoformat()}" if since else "",
            f"  committed {format_money(quarter.committed)}",
            ("  proposed ", "italic"), (format_money(quarter.proposed), "italic"),
        )
        if title.cell_len > width:  # never "proposed" at the end of a line, its amount under it
            title = Text.assemble(
                (quarter.label, "bold"), f" from {since.isoformat()}" if since else "",
                f"\ncommitted {format_money(quarter.committed)}",
                ("  proposed ", "italic"), (format_money(quarter.proposed), "italic"),
            )
        table = Table(
            title=title,
            title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False, expand=False,
            show_edge=False, collapse_padding=True,
        )
        # The same widths in every quarter, so the tables line up one under the other.
        table.add_column("Initiative", overflow="fold", width=title_width)
        table.add_column("Status", no_wrap=not narrow, width=status_width)
        table.add_column("This\nquarter", justify="right", no_wrap=True, width=slice_width)
        table.add_column("One-time\ntotal", justify="right", no_wrap=True, width=total_width)
        table.add_column("Monthly", justify="right", no_wrap=True, width=monthly_width)
        if not narrow:
            table.add_column("Accountable", overflow="fold", width=accountable_width)
        running = [(p, after) for q, p, after in rows if q == quarter.index]
        for p, after in running:
            title = Text("! ", style="bold") if p.warnings else Text()
            title.append(p.title)
            if after:
                title.append(" (monthly cost)", style="dim")
            amount = p.slice(quarter.index).total
            cells = [
                title, Text(p.status.value.replace("_", " ")),
                Text(format_money(amount) if p.status.counts else "—"),
                Text(format_money(p.one_time_budget)),
                Text(format_money(p.initiative.monthly_cost)),
            ]
            if narrow:
                title.append("\nAccountable: ", style="dim")
                title.append(p.accountable or "—")
            else:
                cells.append(Text(p.accountable or "—"))
            table.add_row(*cells)
        if not running:
            table.add_row(Text("(no initiative runs in this quarter)", style="dim"),
                          *[""] * (4 if narrow else 5))
        parts.append(Text(""))
        parts.append(table)
        for p, after in running:
            if p.warnings and not after:
                parts.append(Text.assemble(("! ", "bold"), p.title, ": ", ("; ".join(p.warnings), "bold")))
    flagged = roadmap.flagged
    if flagged:
        parts.append(Text(
            f"RACI: {len(flagged)} initiative{'s' if len(flagged) != 1 else ''} "
            "without exactly one Accountable and at least one Responsible: "
            + ", ".join(p.title for p in flagged), style="bold"))
    return Group(*parts)
