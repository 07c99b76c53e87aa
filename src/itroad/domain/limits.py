"""The bounds every value must keep, wherever it comes from (file, form, command line).

A value outside them is refused with a sentence naming the field; nothing outside
them is ever stored or computed with. They are wide enough for any real portfolio
and narrow enough that every figure fits SQLite's 64-bit integers and Python's
dates (docs/rules.md, "Limits").
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

#: The largest amount of money, in major units (ten trillion), to the cent.
MAX_MONEY = Decimal(10) ** 13
#: Dates are between these two days, inclusive.
MIN_DATE = date(1900, 1, 1)
MAX_DATE = date(2200, 12, 31)
#: A forecast covers at most this many fiscal years.
MAX_FORECAST_YEARS = 50
#: ``itroad due --within`` looks at most this many days ahead (ten years).
MAX_DUE_DAYS = 3660
#: At most this many decimals in a rate (``"0.035"``) or a plain number (a KPI value).
MAX_DECIMALS = 6
#: The largest plain number (a KPI value), in absolute value.
MAX_NUMBER = Decimal(10) ** 15
#: The largest portfolio file itroad reads, in bytes.
MAX_FILE_BYTES = 256 * 1024 * 1024
#: How deeply tables and lists may nest in a portfolio file (the format needs 5).
MAX_NESTING = 20
#: The longest piece of text read as a number, in characters.
MAX_NUMBER_TEXT = 40


def date_problem(day: date) -> str | None:
    """Why ``day`` is outside the supported range, or None when it is inside."""
    if MIN_DATE <= day <= MAX_DATE:
        return None
    return f"date {day.isoformat()} is outside the supported range {MIN_DATE.year}–{MAX_DATE.year}"
