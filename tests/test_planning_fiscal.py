"""Fiscal years, quarters and month arithmetic (DESIGN.md §2 "Dates", "Fiscal years")."""

from datetime import date

import pytest

from itroad.planning.fiscal import (
    add_months,
    fiscal_quarter_bounds,
    fiscal_quarter_label,
    fiscal_quarter_of,
    fiscal_year_bounds,
    fiscal_year_of,
    month_label,
    months_between,
)


def test_add_months_clamps_to_month_end():
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2023, 1, 31), 1) == date(2023, 2, 28)
    assert add_months(date(2024, 3, 31), 1) == date(2024, 4, 30)
    assert add_months(date(2024, 1, 15), -2) == date(2023, 11, 15)
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)


def test_add_months_from_the_anchor_day_returns_to_the_31st():
    feb = add_months(date(2024, 1, 31), 1)
    assert feb == date(2024, 2, 29)
    # Chaining from the clamped date would lose the 31st; the anchor keeps it.
    assert add_months(feb, 1) == date(2024, 3, 29)
    assert add_months(feb, 1, anchor_day=31) == date(2024, 3, 31)


def test_months_between():
    assert months_between(date(2025, 1, 1), date(2028, 1, 1)) == 36
    assert months_between(date(2025, 1, 15), date(2026, 1, 14)) == 11
    assert months_between(date(2025, 1, 31), date(2025, 2, 28)) == 1
    assert months_between(date(2025, 3, 1), date(2025, 2, 1)) == 0


def test_fiscal_year_is_named_by_the_year_it_ends_start_month_7():
    assert fiscal_year_of(date(2026, 7, 1), 7) == 2027
    assert fiscal_year_of(date(2027, 6, 30), 7) == 2027
    assert fiscal_year_of(date(2026, 6, 30), 7) == 2026
    assert fiscal_year_bounds(2027, 7) == (date(2026, 7, 1), date(2027, 6, 30))


def test_fiscal_year_with_start_month_1_is_the_calendar_year():
    assert fiscal_year_of(date(2026, 1, 1), 1) == 2026
    assert fiscal_year_of(date(2026, 12, 31), 1) == 2026
    assert fiscal_year_bounds(2026, 1) == (date(2026, 1, 1), date(2026, 12, 31))
    assert fiscal_year_bounds(2024, 3) == (date(2023, 3, 1), date(2024, 2, 29))


def test_fiscal_quarters_start_at_the_fiscal_start_month():
    assert fiscal_quarter_of(date(2026, 7, 1), 7) == (2027, 1)
    assert fiscal_quarter_of(date(2026, 9, 30), 7) == (2027, 1)
    assert fiscal_quarter_of(date(2026, 10, 1), 7) == (2027, 2)
    assert fiscal_quarter_of(date(2027, 6, 30), 7) == (2027, 4)
    assert fiscal_quarter_label(date(2026, 8, 15), 7) == "FY2027-Q1"
    assert fiscal_quarter_label(date(2026, 11, 22), 1) == "FY2026-Q4"
    assert fiscal_quarter_bounds(2027, 2, 7) == (date(2026, 10, 1), date(2026, 12, 31))
    assert month_label(date(2027, 1, 9)) == "2027-01"


def test_start_month_is_checked():
    with pytest.raises(ValueError):
        fiscal_year_of(date(2026, 1, 1), 13)
