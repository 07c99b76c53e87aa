"""Fiscal years, fiscal quarters and month arithmetic (DESIGN.md §2 "Dates", "Fiscal years").

A fiscal year is named by the calendar year in which it ends: with a start
month of 7, July 2026 to June 2027 is FY2027; with a start month of 1 the
fiscal year is the calendar year. Fiscal quarters start at the fiscal start
month: with start month 7, Q1 is July–September.

Month arithmetic clamps to the month's end and always works from an *anchor*
day (by default the day of the date given), so that a series anchored on the
31st stays on the last day of short months and returns to the 31st.
"""

from __future__ import annotations

from datetime import date, timedelta

ONE_DAY = timedelta(days=1)


def _check_start_month(start_month: int) -> None:
    if not 1 <= start_month <= 12:
        raise ValueError(f"fiscal year start month {start_month} is not between 1 and 12")


_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def days_in_month(year: int, month: int) -> int:
    if month == 2 and _is_leap(year):
        return 29
    return _DAYS[month]


def month_index(day: date) -> int:
    """A running month number (``year × 12 + month − 1``): consecutive months differ by 1."""
    return day.year * 12 + day.month - 1


def month_from_index(index: int) -> tuple[int, int]:
    """``(year, month)`` of a :func:`month_index`."""
    year, month0 = divmod(index, 12)
    return year, month0 + 1


def first_of_month(day: date) -> date:
    return day.replace(day=1)


def last_of_month(day: date) -> date:
    return day.replace(day=days_in_month(day.year, day.month))


def add_months(day: date, months: int, anchor_day: int | None = None) -> date:
    """``day`` moved by ``months`` months, clamped to the end of the target month.

    ``anchor_day`` (default ``day.day``) is the day of the month wanted: pass the
    day of a series' original date so that the 31st comes back after a short
    month (``add_months(date(2024, 2, 29), 1, anchor_day=31)`` is 2024-03-31).

    >>> add_months(date(2024, 1, 31), 1)
    datetime.date(2024, 2, 29)
    """
    year, month0 = divmod(day.year * 12 + day.month - 1 + months, 12)
    month = month0 + 1
    wanted = day.day if anchor_day is None else anchor_day
    if wanted > 28:
        length = 29 if month == 2 and _is_leap(year) else _DAYS[month]
        wanted = min(wanted, length)
    return date(year, month, wanted)


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


def fiscal_year_of(day: date, start_month: int = 1) -> int:
    """The fiscal year holding ``day``, named by the calendar year in which it ends.

    >>> fiscal_year_of(date(2026, 7, 1), 7), fiscal_year_of(date(2026, 6, 30), 7)
    (2027, 2026)
    """
    _check_start_month(start_month)
    if start_month != 1 and day.month >= start_month:
        return day.year + 1
    return day.year


def fiscal_year_bounds(fiscal_year: int, start_month: int = 1) -> tuple[date, date]:
    """First and last day of a fiscal year: FY2027 with start month 7 is 2026-07-01..2027-06-30."""
    _check_start_month(start_month)
    first = date(fiscal_year if start_month == 1 else fiscal_year - 1, start_month, 1)
    return first, add_months(first, 12) - ONE_DAY


def fiscal_year_label(fiscal_year: int) -> str:
    return f"FY{fiscal_year}"


def fiscal_quarter_of(day: date, start_month: int = 1) -> tuple[int, int]:
    """``(fiscal year, quarter 1–4)`` of a date; Q1 starts at the fiscal start month."""
    _check_start_month(start_month)
    quarter = (day.month - start_month) % 12 // 3 + 1
    return fiscal_year_of(day, start_month), quarter


def fiscal_quarter_label(day: date, start_month: int = 1) -> str:
    """``"FY2027-Q1"`` for 2026-08-15 with start month 7."""
    fiscal_year, quarter = fiscal_quarter_of(day, start_month)
    return quarter_label(fiscal_year, quarter)


def quarter_label(fiscal_year: int, quarter: int) -> str:
    return f"FY{fiscal_year}-Q{quarter}"


def fiscal_quarter_bounds(fiscal_year: int, quarter: int, start_month: int = 1) -> tuple[date, date]:
    """First and last day of a fiscal quarter."""
    if not 1 <= quarter <= 4:
        raise ValueError(f"quarter {quarter} is not between 1 and 4")
    first_of_year, _ = fiscal_year_bounds(fiscal_year, start_month)
    first = add_months(first_of_year, 3 * (quarter - 1))
    return first, add_months(first, 3) - ONE_DAY


def month_label(day: date) -> str:
    """``"2027-01"``: the calendar month of a date."""
    return f"{day.year:04d}-{day.month:02d}"
