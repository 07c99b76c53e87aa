"""The due list for the terminal: one Rich table, late dates in red.

The items come from :func:`itroad.planning.due.due_items_for`. They are shown per
client (and currency), then per kind with a subtotal, then the client's total:
amounts in two currencies are never added. A kind with more than
:data:`SUMMARY_OVER` items for one client is one line (how many, the dates they
span, their total) unless every item is asked for.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from rich.table import Table
from rich.text import Text

from itroad.domain.money import format_money
from itroad.planning.due import DueGroup, DueItem, due_groups, due_totals

#: A kind with more items than this (for one client) is summarised as one line.
SUMMARY_OVER = 8

_PLURAL = {"renewal": "renewals", "contract": "contracts", "replacement": "replacements",
           "warranty": "warranties"}


def _unknown(count: int) -> str:
    return f" ({count} without a cost)" if count else ""


def _amount(amount: Decimal | None) -> Text:
    return Text(format_money(amount) if amount is not None else "—")


def _summary_row(table: Table, group: DueGroup) -> None:
    first, last = group.items[0], group.items[-1]
    late = sum(1 for item in group.items if item.late)
    action = f"{late} late; " if late else ""
    action += (f"{first.date.isoformat()} to {last.date.isoformat()}{_unknown(group.unknown)}; "
               "--all lists each")
    table.add_row(Text(first.date.isoformat(), style="bold red" if first.late else ""),
                  Text(f"{len(group.items)} {_PLURAL[group.kind]}"), Text(action),
                  Text(""), _amount(group.amount))


def due_table(items: Sequence[DueItem], within: int, as_of: dt.date, *,
              show_all: bool = False) -> Table:
    """What ``itroad due`` prints: date, what, action, owner and amount, one row per item
    (a long group of one kind as one line unless ``show_all``), a subtotal per kind and
    a total per client and currency."""
    table = Table(title=Text(f"Due within {within} days of {as_of.isoformat()}", style="bold"),
                  title_justify="left",
                  pad_edge=False)
    totals = {(t.client, t.currency): t for t in due_totals(items)}
    # The widest amount is a total (or, with a negative cost, an item): never cut either.
    width = max((len(format_money(a)) for a in [*(i.amount for i in items), *(t.amount for t in totals.values())]
                 if a is not None), default=6)
    table.add_column("Date", no_wrap=True, min_width=10)
    table.add_column("What", overflow="fold")
    table.add_column("Action", overflow="fold")
    table.add_column("Owner", overflow="fold")
    table.add_column("Amount", justify="right", no_wrap=True, min_width=max(width, 6))
    groups = due_groups(items)
    for n, group in enumerate(groups):
        key = (group.client, group.currency)
        if n == 0 or (groups[n - 1].client, groups[n - 1].currency) != key:
            table.add_row(Text(""), Text(f"{group.client} ({group.currency})", style="bold"))
        if len(group.items) > SUMMARY_OVER and not show_all:
            _summary_row(table, group)
        else:
            for item in group.items:
                what = f"{item.tag} {item.name}" if item.tag else item.name
                date = Text(item.date.isoformat(), style="bold red" if item.late else "")
                table.add_row(date, Text(f"{item.kind}: {what}"), Text(item.action),
                              Text(item.owner or "—"), _amount(item.amount))
        table.add_row(Text(""), Text(f"Subtotal {_PLURAL[group.kind]}{_unknown(group.unknown)}",
                                     style="italic"),
                      Text(""), Text(""), Text(format_money(group.amount), style="italic"),
                      end_section=True)
        if n + 1 == len(groups) or (groups[n + 1].client, groups[n + 1].currency) != key:
            total = totals[key]
            table.add_row(Text(""), Text(f"Total {group.client}{_unknown(total.unknown)}",
                                         style="bold"),
                          Text(""), Text(group.currency, style="bold"),
                          Text(format_money(total.amount), style="bold"), end_section=True)
    return table
