"""The Schedule tab's forecast table: its rows laid out, its columns and cells.

A row per period (month, fiscal quarter or fiscal year), with a fiscal-year
total row after each fiscal year's months or quarters; the total against the
budget target, flagged in words ("OVER by …") as well as in colour; then the
lines, the groups, or baseline / what-if / difference. Year rows carry their
fiscal year's target; a month or quarter row is flagged once the fiscal year's
spending to date has passed the target. Plain data and Rich text.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from rich.text import Text

from itroad.domain.money import ZERO, format_money
from itroad.planning.forecast import LINES, PROPOSED, Forecast, Period
from itroad.tui.cells import Column, TableData, money_cell, text_cell
from itroad.tui.panes.schedule.rows import Row, Span, signed_money

#: The forecast's lines in its order, each with its column heading.
LINE_COLUMNS = tuple(zip(
    LINES, ("Hardware", "Renewals", "Contracts", "Initiatives", "Init. monthly", "Proposed"),
    strict=True))


@dataclass(frozen=True)
class Line(Span):
    """A row of the table as laid out, before its figures: the periods it adds up."""

    periods: tuple[int, ...]


def layout(f: Forecast) -> list[Line]:
    """Period rows, with a fiscal-year total row after each fiscal year (months, quarters)."""
    lines: list[Line] = []
    if f.by == "year":
        for i, p in enumerate(f.periods):
            lines.append(Line(p.label, p.label, p.start, p.end, p.fiscal_year, False, (i,)))
        return lines
    summaries = {s.fiscal_year: s for s in f.fiscal_years}
    pending: list[int] = []
    for i, p in enumerate(f.periods):
        lines.append(Line(p.label, p.label, p.start, p.end, p.fiscal_year, False, (i,)))
        pending.append(i)
        last = i + 1 == len(f.periods) or f.periods[i + 1].fiscal_year != p.fiscal_year
        if last:
            s = summaries[p.fiscal_year]
            label = f"{s.label} total"
            lines.append(Line(label, label, s.start, s.end, p.fiscal_year, True, tuple(pending)))
            pending = []
    return lines


def line_sum(f: Forecast, indexes: Sequence[int], line: str) -> Decimal:
    return sum((f.periods[i].line(line) for i in indexes), ZERO)


def group_sum(rows: Sequence[Period], indexes: Sequence[int]) -> Decimal:
    return sum((rows[i].total for i in indexes), ZERO)


def line_cell(amount: Decimal, *, style: str = "") -> Text:
    """An amount in a line column: ``–`` for nothing, so that the figures stand out."""
    if not amount:
        return Text("–", style="dim", justify="right", no_wrap=True)
    return money_cell(amount, style=style)


def status_cell(row: Row, crossed: bool, styles: Mapping[str, str]) -> Text:
    if row.status == "over":
        if row.whole_year:
            return text_cell(f"OVER by {format_money(row.over_by)}", style=styles["over"])
        return text_cell("OVER FY budget" if crossed else "over FY budget", style=styles["over"])
    if row.status == "ok":
        assert row.target is not None
        return text_cell(f"left {format_money(row.target - row.total)}", style=styles["ok"])
    if row.status == "partial":
        return text_cell(f"from {row.start:%b %d} only", style=styles["muted"])
    if row.status == "none":
        return text_cell("no target", style=styles["muted"])
    return text_cell("")


def forecast_table(
    shown: Forecast,
    baseline: Forecast,
    lines: Sequence[Line],
    rows: Mapping[str, Row],
    crossed: Mapping[str, bool],
    group: str,
    what_if: bool,
    styles: Mapping[str, str],
) -> TableData:
    columns = [Column("period", "Period")]
    if what_if:
        columns += [
            Column("baseline", "Baseline", numeric=True),
            Column("scenario", "What-if", numeric=True),
            Column("difference", "Difference", numeric=True),
        ]
    else:
        columns.append(Column("total", "Total", numeric=True))
    columns += [Column("budget", "Budget", numeric=True), Column("status", "vs budget")]
    groups: list[str | None] = []
    if not what_if and group == "line":
        columns += [Column(line, label, numeric=True) for line, label in LINE_COLUMNS]
    elif not what_if:
        totals = {key: sum((p.total for p in periods), ZERO) for key, periods in shown.groups.items()}
        groups = [k for k in sorted(totals, key=lambda k: (-totals[k], k is None, k or "")) if totals[k]]
        none_label = "(no site)" if group == "site" else "(none)"
        columns += [
            Column(f"group:{k or ''}", none_label if k is None else k, numeric=True) for k in groups
        ]

    data_rows = []
    for line in lines:
        row = rows[line.key]
        strong = styles["total"] if line.subtotal else ""
        cells = [text_cell(line.label, style=strong)]
        if what_if:
            diff = row.total - row.baseline
            diff_style = styles["over"] if diff > 0 else styles["ok"] if diff < 0 else styles["muted"]
            cells += [
                money_cell(row.baseline, style=strong),
                money_cell(row.total, style=strong),
                Text(signed_money(diff), style=diff_style, justify="right", no_wrap=True),
            ]
        else:
            cells.append(money_cell(row.total, style=strong))
        cells.append(money_cell(row.target, style=strong) if row.target is not None else text_cell(""))
        cells.append(status_cell(row, crossed.get(line.key, False), styles))
        if not what_if and group == "line":
            for name, _ in LINE_COLUMNS:
                amount = line_sum(shown, line.periods, name)
                style = styles["muted"] if name == PROPOSED and amount else strong
                cells.append(line_cell(amount, style=style))
        elif not what_if:
            for key in groups:
                cells.append(line_cell(group_sum(shown.groups[key], line.periods), style=strong))
        data_rows.append(tuple(cells))
    return TableData(tuple(columns), data_rows, keys=[line.key for line in lines])
