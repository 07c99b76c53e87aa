"""The one recurrence engine behind renewals and contracts.

The rules: docs/rules.md, "Renewals" and "Contracts".

A series starts at an anchor date and repeats every ``period_months`` months;
occurrence ``k`` falls on ``add_months(anchor, k × period)``
(:mod:`itroad.planning.calendar`, docs/rules.md "Calendar"): always worked out
from the anchor, so a series on the 31st stays on the last day of short months
and returns to the 31st. A period of 0 is a single occurrence. Series stop
after their end date; open-ended series are bounded by the caller's horizon
(``until``).

Renewals: occurrence ``k`` (from ``next_renewal``) costs
``quantity × unit_cost × (1 + escalation) ^ floor(k × period / 12)``; its
cancel-by date is ``renewal date − notice_days``.

Contracts: payments of ``amount`` from ``start`` every ``period_months`` until
``end`` (period 0: one payment on the start date). With auto-renew the contract
is assumed renewed term after term beyond its end; each renewed term starts the
day after the previous one ends, lasts ``renewal_term_months`` (default: the
original term's length in whole months, at least 1) and has its payments from
its own first day, like the original term. Cancel-by is ``term end − notice_days``
for the current term.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

from itroad.domain.models import Contract, Renewal
from itroad.domain.money import round_money
from itroad.planning.calendar import (
    ONE_DAY,
    add_months,
    cancel_by,
    clamp_day,
    month_index,
    months_between,
)

ONE = Decimal(1)

#: Notice states: the cancel-by date is still ahead (or today), or already past.
OPEN = "open"
MISSED = "missed"


class Occurrence(NamedTuple):
    """One dated amount of a series: occurrence ``k`` (0-based, counted from the anchor)."""

    date: date
    amount: Decimal
    k: int


@dataclass(frozen=True, slots=True)
class Notice:
    """Where a renewal or contract stands with its notice period as of a date.

    ``date`` is the upcoming renewal date (for a contract: the end of the
    current term), ``cancel_by`` is ``date − notice_days``; ``state`` is
    ``"open"`` while ``cancel_by >= as_of`` and ``"missed"`` once the cancel-by
    date has passed with ``date`` still ahead. ``days_left`` is negative when missed.
    """

    date: dt.date
    cancel_by: dt.date
    state: str
    days_left: int
    auto_renew: bool

    @property
    def missed(self) -> bool:
        return self.state == MISSED


# --------------------------------------------------------------------------- engine


def occurrence_range(
    anchor: date,
    period_months: int,
    *,
    until: date,
    start: date | None = None,
    end: date | None = None,
) -> range:
    """The ``k`` of the occurrences with ``start <= date <= min(until, end)``, as a range.

    Worked out arithmetically from month indices: only the first and the last
    month can hold an occurrence outside the bounds (the day, clamped to the
    month's end from the anchor's day, decides). ``k`` counts from the anchor
    even when the first occurrences fall before ``start``; ``period_months == 0``
    is one occurrence (``k == 0``).
    """
    if period_months < 0:
        raise ValueError(f"period of {period_months} months is negative")
    last = until if end is None or end > until else end
    if period_months == 0:
        found = anchor <= last and (start is None or anchor >= start)
        return range(1) if found else range(0)
    if last < anchor:
        return range(0)
    anchor_month = month_index(anchor)
    anchor_day = anchor.day
    first = 0
    if start is not None and start > anchor:
        # The first occurrence in start's month or later, then past start's day.
        start_month = month_index(start)
        first = -(-(start_month - anchor_month) // period_months)
        month = anchor_month + first * period_months
        if month == start_month and clamp_day(start.year, start.month, anchor_day) < start.day:
            first += 1
    # The last occurrence in last's month or earlier (last >= anchor: never below 0).
    last_month = month_index(last)
    final = (last_month - anchor_month) // period_months
    month = anchor_month + final * period_months
    if month == last_month and clamp_day(last.year, last.month, anchor_day) > last.day:
        final -= 1
    return range(first, max(first, final + 1))


def occurrences(
    anchor: date,
    period_months: int,
    *,
    until: date,
    start: date | None = None,
    end: date | None = None,
) -> Iterator[tuple[int, date]]:
    """``(k, date)`` of a series with ``start <= date <= min(until, end)``.

    ``k`` counts from the anchor even when the first occurrences are skipped
    because they fall before ``start``. ``period_months == 0`` is one occurrence.
    """
    for k in occurrence_range(anchor, period_months, until=until, start=start, end=end):
        yield k, add_months(anchor, k * period_months)


class Run(NamedTuple):
    """Occurrences of a series that share one amount, by month.

    ``times`` occurrences falling in months ``month``, ``month + step``, …
    (:func:`~itroad.planning.calendar.month_index` values; ``step`` is the
    series' period, 0 for a single payment). What a forecast needs to add them
    up by period without dating (or creating) each one.
    """

    month: int
    step: int
    #: How many occurrences (not ``count``, which would hide ``tuple.count``).
    times: int
    amount: Decimal


def first_on_or_after(
    anchor: date, period_months: int, day: date, *, end: date | None = None
) -> tuple[int, date] | None:
    """The first occurrence on or after ``day`` (None when the series has ended)."""
    if end is not None and end < day:
        return None
    if anchor >= day:
        return (0, anchor) if end is None or anchor <= end else None
    horizon = day if period_months == 0 else add_months(day, period_months + 1)
    for found in occurrences(anchor, period_months, until=horizon, start=day, end=end):
        return found
    return None


def _notice(renewal_date: date, notice_days: int, as_of: date, auto_renew: bool) -> Notice:
    last_day = cancel_by(renewal_date, notice_days)
    state = OPEN if last_day >= as_of else MISSED
    return Notice(renewal_date, last_day, state, (last_day - as_of).days, auto_renew)


# --------------------------------------------------------------------------- renewals


def renewal_amount(renewal: Renewal, k: int) -> Decimal:
    """Cost of occurrence k: ``quantity × unit_cost × (1 + escalation) ^ floor(k × period / 12)``."""
    exponent = k * renewal.period_months // 12
    amount = renewal.quantity * renewal.unit_cost
    if exponent and renewal.escalation_rate:
        amount = amount * _growth(renewal.escalation_rate, exponent)
    return round_money(amount)


@lru_cache(maxsize=1024)
def _growth(rate: Decimal, exponent: int) -> Decimal:
    """``(1 + rate) ^ exponent``: shared by every renewal with the same rate."""
    return (ONE + rate) ** exponent


def renewal_occurrences(renewal: Renewal, start: date, end: date) -> list[Occurrence]:
    """The renewal's dated amounts with ``start <= date <= end`` (stopping after ``end_date``)."""
    found = []
    by_exponent: dict[int, Decimal] = {}
    period = renewal.period_months
    for k, day in occurrences(
        renewal.next_renewal, period, until=end, start=start, end=renewal.end_date
    ):
        exponent = k * period // 12
        amount = by_exponent.get(exponent)
        if amount is None:
            amount = by_exponent[exponent] = renewal_amount(renewal, k)
        found.append(Occurrence(day, amount, k))
    return found


#: ``Run`` from a tuple, without the keyword handling of ``Run(...)`` (many are made).
_run = tuple.__new__


def renewal_runs(renewal: Renewal, start: date, end: date) -> list[Run]:
    """:func:`renewal_occurrences` as runs of equal amounts (one per escalation step).

    The same occurrences and amounts, without a date or an object per occurrence.
    """
    period = renewal.period_months
    ks = occurrence_range(
        renewal.next_renewal, period, until=end, start=start, end=renewal.end_date
    )
    if not ks:
        return []
    anchor_month = month_index(renewal.next_renewal)
    k, stop = ks.start, ks.stop
    amount = renewal.quantity * renewal.unit_cost
    rate = renewal.escalation_rate
    if not rate or period == 0:  # one amount throughout (period 0: one occurrence)
        return [_run(Run, (anchor_month + k * period, period, stop - k, round_money(amount)))]
    runs = []
    while k < stop:
        exponent = k * period // 12
        # The first k of the next escalation step: k × period >= 12 × (exponent + 1).
        following = min(stop, -(-12 * (exponent + 1) // period))
        escalated = amount * _growth(rate, exponent) if exponent else amount
        runs.append(
            _run(Run, (anchor_month + k * period, period, following - k, round_money(escalated)))
        )
        k = following
    return runs


def next_renewal_on_or_after(renewal: Renewal, as_of: date) -> Occurrence | None:
    """The upcoming occurrence as of a date (``next_renewal`` itself while it is ahead).

    When the recorded ``next_renewal`` is already past, the series carries on
    (as the forecast assumes) and the next occurrence on or after ``as_of`` is
    returned; None once the renewal has ended (``end_date`` before it).
    """
    found = first_on_or_after(
        renewal.next_renewal, renewal.period_months, as_of, end=renewal.end_date
    )
    if found is None:
        return None
    k, day = found
    return Occurrence(day, renewal_amount(renewal, k), k)


def renewal_cancel_by(renewal: Renewal, as_of: date | None = None) -> date | None:
    """``next_renewal − notice_days``; with ``as_of``, that of the upcoming occurrence."""
    if as_of is None:
        return cancel_by(renewal.next_renewal, renewal.notice_days)
    upcoming = next_renewal_on_or_after(renewal, as_of)
    if upcoming is None:
        return None
    return cancel_by(upcoming.date, renewal.notice_days)


def renewal_notice(renewal: Renewal, as_of: date) -> Notice | None:
    """Notice status of the upcoming occurrence; None when the renewal has ended."""
    upcoming = next_renewal_on_or_after(renewal, as_of)
    if upcoming is None:
        return None
    return _notice(upcoming.date, renewal.notice_days, as_of, renewal.auto_renew)


# --------------------------------------------------------------------------- contracts


def contract_term_months(contract: Contract) -> int | None:
    """Length of a renewed term: ``renewal_term_months``, else the original term in whole
    months (at least 1); None for an open-ended contract (no end)."""
    if contract.renewal_term_months:
        return contract.renewal_term_months
    if contract.end is None:
        return None
    return max(1, months_between(contract.start, contract.end + ONE_DAY))


def contract_terms(contract: Contract, until: date) -> Iterator[tuple[date, date | None]]:
    """``(first day, last day)`` of each term starting on or before ``until``.

    The original term runs from ``start`` to ``end`` (``None``: open-ended);
    with auto-renew, renewed terms follow back to back, each
    :func:`contract_term_months` long (clamped to month ends from the day after
    the original end).
    """
    yield contract.start, contract.end
    if contract.end is None or not contract.auto_renew:
        return
    term = contract_term_months(contract) or 1
    renewal_start = contract.end + ONE_DAY
    n = 0
    while True:
        first = add_months(renewal_start, n * term)
        if first > until:
            return
        last = add_months(renewal_start, (n + 1) * term) - ONE_DAY
        yield first, last
        n += 1


def contract_payments(contract: Contract, start: date, end: date) -> list[Occurrence]:
    """The contract's payments with ``start <= date <= end``, renewed terms included.

    ``k`` counts payments from the first day of their own term.
    """
    found = []
    for term_start, term_end in contract_terms(contract, end):
        if term_end is not None and term_end < start:
            continue
        for k, day in occurrences(
            term_start, contract.period_months, until=end, start=start, end=term_end
        ):
            found.append(Occurrence(day, contract.amount, k))
    return found


def contract_runs(contract: Contract, start: date, end: date) -> list[Run]:
    """:func:`contract_payments` as runs (one per term), without an object per payment."""
    runs = []
    period = contract.period_months
    for term_start, term_end in contract_terms(contract, end):
        if term_end is not None and term_end < start:
            continue
        ks = occurrence_range(term_start, period, until=end, start=start, end=term_end)
        if ks:
            runs.append(
                Run(month_index(term_start) + ks.start * period, period, len(ks), contract.amount)
            )
    return runs


def contract_current_term(contract: Contract, as_of: date) -> tuple[date, date | None] | None:
    """The term holding ``as_of`` (or the first one still ahead); None once the contract ended."""
    for first, last in contract_terms(contract, max(as_of, contract.start)):
        if last is None or last >= as_of:
            return first, last
    return None


def contract_cancel_by(contract: Contract, as_of: date | None = None) -> date | None:
    """``end − notice_days``; with ``as_of``, for the current term of an auto-renewing contract.

    None for an open-ended contract or, with ``as_of``, one that has ended.
    """
    if as_of is None:
        if contract.end is None:
            return None
        return cancel_by(contract.end, contract.notice_days)
    notice = contract_notice(contract, as_of)
    return notice.cancel_by if notice else None


def contract_notice(contract: Contract, as_of: date) -> Notice | None:
    """Notice status of the current term; None when open-ended or already ended."""
    term = contract_current_term(contract, as_of)
    if term is None or term[1] is None:
        return None
    return _notice(term[1], contract.notice_days, as_of, contract.auto_renew)
