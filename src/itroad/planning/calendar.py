"""The calendar: months, fiscal years, fiscal quarters and cancel-by dates.

The one module that does arithmetic on months, fiscal years, quarters and
notice periods; the rules are written down in docs/rules.md, "Calendar".

- **Months** are counted by :func:`month_index` (consecutive months differ by 1).
  Moving a date by whole months keeps its day, clamped to the end of a shorter
  month (:func:`clamp_day`, the one month-end rule). A series is always worked
  out from its anchor (occurrence ``k`` is ``add_months(anchor, k × period)``),
  so a renewal on the 31st stays on the last day of short months and returns to
  the 31st. Where a month's last day must stay the last day (an initiative
  shifted by quarters), :func:`add_months` takes ``month_end_sticks=True``.
- **Fiscal years** are named by the calendar year in which they end: with a
  start month of 7, July 2026 to June 2027 is FY2027; with a start month of 1
  the fiscal year is the calendar year.
- **Fiscal quarters** start at the fiscal start month (start month 7: Q1 is
  July–September) and are counted by :func:`quarter_index` so that quarters of
  different fiscal years compare and subtract; labels read ``FY2027-Q1``.
- **Cancel-by**: the last day to give notice before a renewal or a term end is
  that date minus the notice days (:func:`cancel_by`).
"""

from __future__ import annotations

from datetime import date, timedelta

ONE_DAY = timedelta(days=1)

_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def days_in_month(year: int, month: int) -> int:
    if month == 2 and _is_leap(year):
        return 29
    return _DAYS[month]


# --------------------------------------------------------------------------- months


def month_index(day: date) -> int:
    """A running month number (``year × 12 + month − 1``): consecutive months differ by 1."""
    return day.year * 12 + day.month - 1


def month_from_index(index: int) -> tuple[int, int]:
    """``(year, month)`` of a :func:`month_index`."""
    year, month0 = divmod(index, 12)
    return year, month0 + 1


def month_label(day: date) -> str:
    """``"2027-01"``: the calendar month of a date."""
    return f"{day.year:04d}-{day.month:02d}"


def clamp_day(year: int, month: int, day: int) -> int:
    """The one month-end rule: ``day`` of that month, or its last day when the month is shorter."""
    if day <= 28:
        return day
    return min(day, days_in_month(year, month))


def add_months(day: date, months: int, *, month_end_sticks: bool = False) -> date:
    """``day`` moved by ``months`` months, its day clamped to the end of the target month.

    With ``month_end_sticks``, the last day of a month moves to the last day of
    the target month (2027-04-30 three months on is 2027-07-31, not the 30th).

    >>> add_months(date(2024, 1, 31), 1)
    datetime.date(2024, 2, 29)
    """
    year, month = month_from_index(month_index(day) + months)
    if month_end_sticks and day.day == days_in_month(day.year, day.month):
        return date(year, month, days_in_month(year, month))
    return date(year, month, clamp_day(year, month, day.day))


def months_between(start: date, end: date) -> int:
    """Whole months from ``start`` to ``end`` (month-end clamped from ``start``'s day).

    The largest ``n`` with ``add_months(start, n) <= end``; 0 when ``end`` is
    less than a month after ``start`` (or before it).
    """
    if end < start:
        return 0
    n = month_index(end) - month_index(start)
    while n > 0 and add_months(start, n) > end:
        n -= 1
    return n


# --------------------------------------------------------------------------- fiscal years


def days_between(start: date, end: date) -> int:
    """Whole days from ``start`` to ``end`` (negative when ``end`` is earlier)."""
    return (end - start).days


def _check_start_month(start_month: int) -> None:
    if not 1 <= start_month <= 12:
        raise ValueError(f"fiscal year start month {start_month} is not between 1 and 12")


def fiscal_year_of_month(index: int, start_month: int = 1) -> int:
    """The fiscal year holding a month (a :func:`month_index`), named by the
    calendar year in which it ends."""
    _check_start_month(start_month)
    year, month0 = divmod(index, 12)
    return year + 1 if start_month != 1 and month0 + 1 >= start_month else year


def fiscal_year_of(day: date, start_month: int = 1) -> int:
    """The fiscal year holding ``day``, named by the calendar year in which it ends.

    >>> fiscal_year_of(date(2026, 7, 1), 7), fiscal_year_of(date(2026, 6, 30), 7)
    (2027, 2026)
    """
    return fiscal_year_of_month(month_index(day), start_month)


def fiscal_year_bounds(fiscal_year: int, start_month: int = 1) -> tuple[date, date]:
    """First and last day of a fiscal year: FY2027 with start month 7 is 2026-07-01..2027-06-30."""
    _check_start_month(start_month)
    first = date(fiscal_year if start_month == 1 else fiscal_year - 1, start_month, 1)
    return first, add_months(first, 12) - ONE_DAY


def fiscal_year_label(fiscal_year: int) -> str:
    return f"FY{fiscal_year}"


# --------------------------------------------------------------------------- fiscal quarters


def quarter_index_of_month(index: int, start_month: int = 1) -> int:
    """A running quarter number of a month (a :func:`month_index`): consecutive
    fiscal quarters differ by 1, ``fiscal year × 4 + quarter − 1``."""
    quarter0 = (index - (start_month - 1)) % 12 // 3
    return fiscal_year_of_month(index, start_month) * 4 + quarter0


def quarter_index(day: date, start_month: int = 1) -> int:
    """The running quarter number of the fiscal quarter holding ``day``."""
    return quarter_index_of_month(month_index(day), start_month)


def quarter_of_index(index: int) -> tuple[int, int]:
    """``(fiscal year, quarter 1–4)`` of a :func:`quarter_index`."""
    fiscal_year, quarter0 = divmod(index, 4)
    return fiscal_year, quarter0 + 1


def fiscal_quarter_of(day: date, start_month: int = 1) -> tuple[int, int]:
    """``(fiscal year, quarter 1–4)`` of a date; Q1 starts at the fiscal start month."""
    return quarter_of_index(quarter_index(day, start_month))


def quarter_label(fiscal_year: int, quarter: int) -> str:
    """``"FY2027-Q1"``."""
    return f"FY{fiscal_year}-Q{quarter}"


def quarter_index_label(index: int) -> str:
    """``"FY2027-Q1"`` for a :func:`quarter_index`."""
    return quarter_label(*quarter_of_index(index))


def fiscal_quarter_bounds(
    fiscal_year: int, quarter: int, start_month: int = 1
) -> tuple[date, date]:
    """First and last day of a fiscal quarter."""
    if not 1 <= quarter <= 4:
        raise ValueError(f"quarter {quarter} is not between 1 and 4")
    first_of_year, _ = fiscal_year_bounds(fiscal_year, start_month)
    first = add_months(first_of_year, 3 * (quarter - 1))
    return first, add_months(first, 3) - ONE_DAY


def quarter_index_bounds(index: int, start_month: int = 1) -> tuple[date, date]:
    """First and last day of the fiscal quarter of a :func:`quarter_index`."""
    return fiscal_quarter_bounds(*quarter_of_index(index), start_month)


# --------------------------------------------------------------------------- notice


def cancel_by(day: date, notice_days: int) -> date:
    """The last day to give notice before a renewal or a term end on ``day``:
    ``day − notice_days`` (``next_renewal − notice_days``, ``end − notice_days``)."""
    return day - timedelta(days=notice_days)
