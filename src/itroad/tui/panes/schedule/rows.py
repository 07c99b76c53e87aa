"""A row of the Schedule tab's forecast and what it is made of: plain data and Rich text.

- :class:`Row`: a period (or a fiscal year's total row) with its total against
  the budget target, its baseline in a what-if, its drivers;
- the drivers of a row: what its amount is made of, biggest first (replacements
  of one category together, every renewal, contract and initiative on its
  own), from :attr:`~itroad.planning.forecast.Forecast.entries`; in a what-if,
  what the scenario changes item by item;
- the row in one sentence (:func:`headline`), its biggest items
  (:func:`driver_lines`) and all of them (:func:`drivers_table`, the drill-down).

Nothing here touches a widget.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from rich.text import Text

from itroad.domain.money import ZERO, format_money
from itroad.planning.calendar import fiscal_year_label
from itroad.planning.forecast import HARDWARE, PROPOSED, Entry
from itroad.tui.cells import Column, TableData, money_cell, text_cell

#: Rich styles of the flags; the pane passes the theme's colours instead.
DEFAULT_STYLES: Mapping[str, str] = {
    "over": "bold red",
    "ok": "green",
    "muted": "dim",
    "moved": "italic",
    "total": "bold",
}


@dataclass(frozen=True)
class Span:
    """The stretch of time of a row of the forecast table: a period, or the total
    row of a fiscal year after its months or quarters (``subtotal``)."""

    key: str
    label: str
    start: date
    end: date
    fiscal_year: int
    subtotal: bool

    @property
    def whole_year(self) -> bool:
        """A fiscal year's row (in the year view) or its total row (months, quarters)."""
        return self.subtotal or self.key == fiscal_year_label(self.fiscal_year)

    @property
    def span(self) -> str:
        """``Jan–Dec 2027``, ``Jan 2027–Jun 2028``; ``from 2026-11-22 to Dec 2026`` for a
        period cut by the as-of date."""
        end = f"{self.end:%b %Y}"
        if self.start.day != 1:
            return f"from {self.start.isoformat()} to {end}"
        if self.start.year == self.end.year:
            if self.start.month == self.end.month:
                return end
            return f"{self.start:%b}–{end}"
        return f"{self.start:%b %Y}–{end}"


@dataclass(frozen=True)
class Driver:
    """One item of a period: a replacement (or a category's replacements), a renewal,
    a contract or an initiative, with what it costs in the period."""

    label: str
    kind: str
    count: int
    amount: Decimal


@dataclass(frozen=True)
class Row(Span):
    """One row of the forecast table, as the drill-down and the headline need it."""

    #: The amount shown against the budget: the scenario's when there is one.
    total: Decimal
    baseline: Decimal
    proposed: Decimal
    target: Decimal | None
    #: "over", "ok", "none" (no target), "partial" (the fiscal year holding the
    #: as-of date, counted from that day only, within its target), or "" (a month
    #: or quarter within its fiscal year's budget).
    status: str
    drivers: tuple[Driver, ...] = ()
    #: What the scenario changes in the row, biggest change first.
    changes: tuple[Driver, ...] = ()

    @property
    def over_by(self) -> Decimal | None:
        if self.target is None or self.total <= self.target:
            return None
        return self.total - self.target


# --------------------------------------------------------------------------- text


def signed_money(amount: Decimal) -> str:
    """``+1,234.00`` / ``−1,234.00`` / ``–`` for zero."""
    if not amount:
        return "–"
    return ("+" if amount > 0 else "−") + format_money(abs(amount))


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


# --------------------------------------------------------------------------- drivers


def _driver_key(entry: Entry) -> tuple[str, str]:
    if entry.line == HARDWARE:
        return ("hardware", entry.category or "")
    return (entry.source, entry.ref)


class Bucket:
    """What one item adds up to in a row: amount, how many entries, the first of them."""

    __slots__ = ("amount", "count", "first")

    def __init__(self, first: Entry) -> None:
        self.amount = ZERO
        self.count = 0
        self.first = first


def row_drivers(buckets: Mapping[tuple[str, str], Bucket]) -> tuple[Driver, ...]:
    drivers = []
    for (kind, _), bucket in buckets.items():
        first = bucket.first
        if kind == "hardware":
            if bucket.count == 1:
                label = f"{first.ref} {first.name}"
                what = f"{first.category} replacement"
            else:
                label = f"{bucket.count} {first.category} replacements"
                what = "hardware"
        else:
            label = first.name
            what = kind
            if kind == "initiative" and first.tags:
                what = f"initiative + {plural(len(first.tags), 'asset')}"
        drivers.append(Driver(label, what, bucket.count, bucket.amount))
    drivers.sort(key=lambda d: (-d.amount, d.label.casefold()))
    return tuple(drivers)


def bucket_entries(
    entries: Iterable[Entry], starts: Sequence[date], keys: Sequence[str], fy_keys: Mapping[str, str]
) -> dict[str, dict[tuple[str, str], Bucket]]:
    """Committed entries added up per row (and per fiscal-year row) and per item."""
    found: dict[str, dict[tuple[str, str], Bucket]] = {}
    for entry in entries:
        if entry.line == PROPOSED or not entry.amount:
            continue
        index = bisect.bisect_right(starts, entry.date) - 1
        if index < 0:
            continue
        key = keys[index]
        item = _driver_key(entry)
        for row_key in (key, fy_keys.get(key)):
            if row_key is None:
                continue
            buckets = found.setdefault(row_key, {})
            bucket = buckets.get(item)
            if bucket is None:
                bucket = buckets[item] = Bucket(entry)
            bucket.amount += entry.amount
            bucket.count += 1
    return found


def row_changes(
    before: Mapping[tuple[str, str], Bucket], after: Mapping[tuple[str, str], Bucket]
) -> tuple[Driver, ...]:
    """What a scenario changes in a row, item by item, biggest change first.

    Replacements are compared per category: ``3 fewer laptop replacements`` in
    the row, or ``laptop replacements: another cost`` (the same ones, escalated
    differently or at another standard cost).
    """
    changes = []
    for item in set(before) | set(after):
        old, new = before.get(item), after.get(item)
        delta = (new.amount if new else ZERO) - (old.amount if old else ZERO)
        if not delta:
            continue
        count = (new.count if new else 0) - (old.count if old else 0)
        sample = (new or old).first  # type: ignore[union-attr]
        if item[0] == "hardware":
            if count:
                more = "more" if count > 0 else "fewer"
                label = f"{abs(count)} {more} {sample.category} replacement{'s' if abs(count) != 1 else ''}"
            else:
                label = f"{sample.category} replacements: another cost"
            kind = "hardware"
        else:
            label, kind = sample.name, item[0]
        changes.append(Driver(label, kind, count, delta))
    changes.sort(key=lambda d: (-abs(d.amount), d.label.casefold()))
    return tuple(changes)


# --------------------------------------------------------------------------- headline


def headline(row: Row, currency: str, styles: Mapping[str, str] = DEFAULT_STYLES) -> Text:
    """``FY2027 (Jan–Dec 2027): 58,268.15 · budget 56,000.00 · OVER by 2,268.15``

    (the currency is in the header line of the app)."""
    parts: list[tuple[str, str] | str] = [
        (row.label, "bold"),
        f" ({row.span}): ",
        (format_money(row.total), "bold"),
    ]
    if row.target is not None:
        parts.append(f" · budget {format_money(row.target)} · ")
        if row.over_by is not None:
            parts.append((f"OVER by {format_money(row.over_by)}", styles["over"]))
        elif row.status == "partial":
            parts.append(("only the rest of the year is forecast", styles["muted"]))
        else:
            parts.append((f"{format_money(row.target - row.total)} left", styles["ok"]))
    elif row.status == "over":
        parts += [" · ", ("the fiscal year's budget is passed", styles["over"])]
    elif row.status == "none":
        parts.append(" · no budget target")
    if row.total != row.baseline:
        parts += [f" · baseline {format_money(row.baseline)} ",
                  (signed_money(row.total - row.baseline), "bold")]
    return Text.assemble(*parts, no_wrap=True, overflow="ellipsis")


def _driver_line(rank: int, driver: Driver, total: Decimal, *, change: bool) -> Text:
    if change:
        amount, share = signed_money(driver.amount), ""
    else:
        amount = format_money(driver.amount)
        share = f"{driver.amount * 100 / total:.0f} %" if total else ""
    return Text.assemble(
        f"{rank:>2}. ", (amount.rjust(12), "bold"), (f" {share:>5}", "dim"),
        "  ", text_cell(driver.label, limit=60), (f"  {driver.kind}", "dim"),
        no_wrap=True, overflow="ellipsis",
    )


def driver_lines(row: Row, limit: int = 3) -> list[Text]:
    """The biggest items of a row, numbered; in a what-if, first what it changes."""
    lines = []
    if row.changes:
        lines.append(Text("What the what-if changes:", style="bold"))
        lines += [
            _driver_line(rank, change, row.total, change=True)
            for rank, change in enumerate(row.changes[:3], start=1)
        ]
        lines.append(Text("Biggest items:", style="bold"))
    lines += [
        _driver_line(rank, driver, row.total, change=False)
        for rank, driver in enumerate(row.drivers[:limit], start=1)
    ]
    return lines


def drivers_table(row: Row) -> TableData:
    """Every item of a row, biggest first (the drill-down); in a what-if, what it
    changes first (ranked Δ1, Δ2…, amounts signed). The item comes before its kind:
    at 80 columns the kind is what scrolls off."""
    columns = (
        Column("rank", "#", numeric=True),
        Column("amount", "Amount", numeric=True),
        Column("share", "Share", numeric=True),
        Column("item", "Item"),
        Column("kind", "Kind"),
        Column("count", "Count", numeric=True),
    )
    rows: list[tuple[Text, ...]] = []
    keys = []
    for rank, change in enumerate(row.changes, start=1):
        rows.append((
            Text(f"Δ{rank}", justify="right", style="bold"),
            Text(signed_money(change.amount), justify="right", no_wrap=True, style="bold"),
            Text(""),
            text_cell(change.label, limit=40),
            text_cell(f"what-if: {change.kind}", limit=30),
            Text(f"{change.count:+d}" if change.count else "", justify="right"),
        ))
        keys.append(f"change-{rank}")
    for rank, d in enumerate(row.drivers, start=1):
        share = f"{d.amount * 100 / row.total:.0f} %" if row.total else ""
        rows.append((
            Text(str(rank), justify="right"),
            money_cell(d.amount),
            Text(share, justify="right", no_wrap=True),
            text_cell(d.label, limit=40),
            text_cell(d.kind, limit=30),
            Text(str(d.count), justify="right"),
        ))
        keys.append(f"item-{rank}")
    return TableData(columns, rows, keys=keys, empty="Nothing is counted in this period.")
