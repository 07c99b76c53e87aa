"""What an initiative costs, and when: the rules the forecast and the roadmap share.

docs/rules.md, "Initiatives and spreading" and "Which initiative takes an asset
linked to two?":

- **linked assets**: an asset linked to counted initiatives (committed or
  proposed) is carried by one only (:func:`takers`): committed before proposed,
  then the earliest start, then the first in the client's list. It adds its
  replacement cost, escalated from the fiscal year of ``as_of`` to that of the
  initiative's start (:func:`linked_cost`), to the initiative's one-time cost;
- **spreading**: the one-time cost is spread over the calendar months from the
  start's month to the end's month (:func:`spread`), the monthly cost runs from
  the month after the end's month (:func:`monthly_amounts`).
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_DOWN, Decimal

from itroad.domain.models import Client, Initiative
from itroad.domain.money import ZERO, round_money
from itroad.planning.calendar import fiscal_year_of, month_from_index, month_index
from itroad.planning.lifecycle import escalate


def takers(client: Client) -> dict[str, int]:
    """Which counted initiative takes each linked asset (casefolded tag → index in
    ``client.initiatives``): committed ones first, then by start, then in order."""
    initiatives = client.initiatives
    counted = [i for i, ini in enumerate(initiatives) if ini.status.counts]
    counted.sort(key=lambda i: (not initiatives[i].status.is_committed, initiatives[i].start, i))
    taker: dict[str, int] = {}
    for i in counted:
        for tag in initiatives[i].assets:
            taker.setdefault(tag.casefold(), i)
    return taker


def linked_cost(base: Decimal, client: Client, as_of_fy: int, initiative: Initiative) -> Decimal:
    """A linked asset's base replacement cost, escalated from the fiscal year of
    ``as_of`` (``as_of_fy``) to that of the initiative's start (never below exponent 0)."""
    return escalate(base, client.escalation_rate, as_of_fy,
                    fiscal_year_of(initiative.start, client.fiscal_year_start_month))


def spread(amount: Decimal, parts: int) -> list[Decimal]:
    """``amount`` in ``parts`` even slices, each rounded down to the cent, the
    remainder in the last one: the slices always add up exactly to the amount.

    >>> spread(Decimal("100.00"), 3)
    [Decimal('33.33'), Decimal('33.33'), Decimal('33.34')]
    """
    if parts < 1:
        raise ValueError(f"cannot spread over {parts} parts")
    amount = round_money(amount)
    if parts == 1:
        return [amount]
    slice_ = round_money(amount / parts, ROUND_DOWN)
    return [slice_] * (parts - 1) + [amount - slice_ * (parts - 1)]


def month_start(index: int) -> dt.date:
    """The first day of a month given as :func:`~itroad.planning.calendar.month_index`."""
    year, month = month_from_index(index)
    return dt.date(year, month, 1)


def monthly_amounts(
    initiative: Initiative, one_time: Decimal, first_month: int, last_month: int
) -> dict[int, Decimal]:
    """What an initiative costs in each month (:func:`~itroad.planning.calendar.month_index`)
    from ``first_month`` to ``last_month``: the one-time budget spread from start to
    end, the monthly cost from the month after the end."""
    amounts: dict[int, Decimal] = {}
    first = month_index(initiative.start)
    last = month_index(initiative.end or initiative.start)
    if one_time:
        for offset, amount in enumerate(spread(one_time, last - first + 1)):
            month = first + offset
            if first_month <= month <= last_month and amount:
                amounts[month] = amounts.get(month, ZERO) + amount
    if initiative.monthly_cost:
        for month in range(max(last + 1, first_month), last_month + 1):
            amounts[month] = amounts.get(month, ZERO) + initiative.monthly_cost
    return amounts
