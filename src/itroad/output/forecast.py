"""A forecast for the terminal (Rich tables and notes) and for files (CSV).

The numbers come from :func:`itroad.planning.forecast.forecast`; this module only
lays them out, so the CLI prints exactly what the Schedule screen shows.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from decimal import Decimal

from rich import box
from rich.table import Table
from rich.text import Text

from itroad.domain.money import format_money, money_str
from itroad.planning.calendar import fiscal_year_bounds
from itroad.planning.forecast import LINES, Forecast


def _amount(value: Decimal | None) -> str:
    return format_money(value) if value else "–"


ROW_HEADINGS = {
    "hardware": "Hardware",
    "renewals": "Renewals",
    "contracts": "Contracts",
    "initiatives_one_time": "Initiatives once",
    "initiatives_recurring": "Initiatives monthly",
}


PROPOSED_HEADING = "Proposed (not in total)"


def forecast_tables(f: Forecast, client_name: str | None = None, width: int = 80) -> list[Table]:
    """One client's forecast laid out like a budget sheet: the lines down the side,
    the periods across, as many tables as the width needs. Amounts are never cut."""
    label_width = max(len(h) for h in (*ROW_HEADINGS.values(), PROPOSED_HEADING, "Budget target"))
    cell = max([len(format_money(f.line_total(line))) for line in LINES]
               + [len(format_money(f.grand_total))]
               + [len(format_money(p.budget_target)) + 5 for p in f.periods if p.budget_target is not None]
               + [len(p.label) for p in f.periods]) + 1
    per_table = max(1, (width - label_width - 1) // (cell + 1))
    chunks = [f.periods[i:i + per_table] for i in range(0, len(f.periods), per_table)] or [()]
    show_total = len(chunks) == 1 and len(f.periods) > 1 and len(f.periods) < per_table
    tables = []
    for number, periods in enumerate(chunks):
        title = None
        if number == 0:
            title = Text(f"{client_name or f.client} ({f.client}) — {f.currency}, "
                         f"as of {f.as_of.isoformat()}", style="bold")
        table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False,
                      padding=(0, 0, 0, 1), collapse_padding=True)
        table.add_column("", no_wrap=True, min_width=label_width)
        for period in periods:
            table.add_column(period.label, justify="right", no_wrap=True, min_width=cell)
        if show_total:
            table.add_column("All", justify="right", no_wrap=True, min_width=cell, style="bold")
        for line, heading in ROW_HEADINGS.items():
            extra = [_amount(f.line_total(line))] if show_total else []
            table.add_row(heading, *[_amount(p.line(line)) for p in periods], *extra)
        table.add_section()
        extra = [_amount(f.grand_total)] if show_total else []
        table.add_row(Text("Total", style="bold"),
                      *[Text(_amount(p.total), style="bold") for p in periods], *extra)
        if any(p.budget_target is not None for p in f.periods):
            cells = []
            for p in periods:
                if p.budget_target is None:
                    cells.append(Text("–"))
                elif p.total > p.budget_target:
                    cells.append(Text(f"OVER {format_money(p.budget_target)}", style="bold red"))
                else:
                    cells.append(Text(format_money(p.budget_target)))
            table.add_row("Budget target", *cells, *([""] if show_total else []))
        extra = [_amount(f.line_total("proposed"))] if show_total else []
        table.add_row(Text(PROPOSED_HEADING, style="italic"),
                      *[Text(_amount(p.proposed), style="italic") for p in periods], *extra)
        tables.append(table)
    return tables


def forecast_notes(f: Forecast) -> list[str]:
    """What stands beside the periods: overdue, needs data, each fiscal year against its
    budget (the first one, when it starts after its first day, said to be only the rest
    of the year, never "within" the whole year's budget)."""
    parts = [
        f"Overdue (in the first period): {_assets(f.overdue.count)}, {format_money(f.overdue.amount)}",
        f"Needs data (not scheduled): {_assets(f.unscheduled.count)}, "
        f"{format_money(f.unscheduled.amount)}",
    ]
    for year in f.fiscal_years:
        if year.budget_target is None:
            continue
        total, target = format_money(year.total), format_money(year.budget_target)
        if year.start > fiscal_year_bounds(year.fiscal_year, f.fiscal_year_start_month)[0]:
            # Only the rest of the year is forecast: set against the whole year's target,
            # "within" would say nothing of the months already spent.
            verdict = (f"already over the whole year's {target} budget"
                       if year.total > year.budget_target
                       else f"the whole year's budget is {target}")
            parts.append(f"{year.label} from {year.start.isoformat()} (the rest of the year): "
                         f"{total} committed; {verdict}")
        else:
            state = "over" if year.total > year.budget_target else "within"
            parts.append(f"{year.label}: {total} committed, {state} the {target} budget")
    return parts


def forecast_csv(forecasts: Iterable[Forecast]) -> str:
    """Every period of every forecast, one row each (amounts with two decimals)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["client", "currency", "period", "start", "end", *LINES, "total", "budget_target"])
    for f in forecasts:
        for p in f.periods:
            writer.writerow([f.client, f.currency, p.label, p.start.isoformat(), p.end.isoformat(),
                             *[money_str(p.line(line)) for line in LINES], money_str(p.total),
                             "" if p.budget_target is None else money_str(p.budget_target)])
    return out.getvalue()


def _assets(count: int) -> str:
    return f"{count} asset" if count == 1 else f"{count} assets"
