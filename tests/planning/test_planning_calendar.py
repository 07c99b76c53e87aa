"""The calendar: months, fiscal years and quarters, cancel-by dates (docs/rules.md, "Calendar")."""

import calendar as stdlib_calendar
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from itroad.planning.calendar import (
    add_months,
    cancel_by,
    clamp_day,
    fiscal_quarter_bounds,
    fiscal_quarter_of,
    fiscal_year_bounds,
    fiscal_year_of,
    fiscal_year_of_month,
    month_index,
    month_label,
    months_between,
    quarter_index,
    quarter_index_bounds,
    quarter_index_label,
    quarter_index_of_month,
    quarter_label,
    quarter_of_index,
)

SETTINGS = settings(max_examples=300, deadline=None)
days = st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31))
months = st.integers(-600, 600)
start_months = st.integers(1, 12)


def _last_day(year: int, month: int) -> int:
    return stdlib_calendar.monthrange(year, month)[1]


# --------------------------------------------------------------------------- month ends


def test_add_months_clamps_to_month_end():
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2023, 1, 31), 1) == date(2023, 2, 28)
    assert add_months(date(2024, 3, 31), 1) == date(2024, 4, 30)
    assert add_months(date(2024, 1, 15), -2) == date(2023, 11, 15)
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)


def test_a_series_worked_out_from_its_anchor_returns_to_the_31st():
    anchor = date(2024, 1, 31)
    assert [add_months(anchor, k) for k in range(4)] == [
        date(2024, 1, 31), date(2024, 2, 29), date(2024, 3, 31), date(2024, 4, 30)]
    # Chaining from the clamped date would lose the 31st: series never chain.
    assert add_months(add_months(anchor, 1), 1) == date(2024, 3, 29)


def test_a_sticking_month_end_stays_the_last_day():
    assert add_months(date(2027, 1, 31), 3, month_end_sticks=True) == date(2027, 4, 30)
    assert add_months(date(2027, 4, 30), -3, month_end_sticks=True) == date(2027, 1, 31)
    assert add_months(date(2027, 4, 30), 3, month_end_sticks=True) == date(2027, 7, 31)
    assert add_months(date(2027, 2, 28), 12, month_end_sticks=True) == date(2028, 2, 29)
    # Not a month's end: the ordinary rule.
    assert add_months(date(2027, 1, 15), -3, month_end_sticks=True) == date(2026, 10, 15)
    assert add_months(date(2027, 4, 30), 3) == date(2027, 7, 30)


@SETTINGS
@given(day=days, n=months)
def test_add_months_keeps_the_day_or_clamps_it_to_the_month_end(day, n):
    moved = add_months(day, n)
    assert month_index(moved) - month_index(day) == n
    assert moved.day == min(day.day, _last_day(moved.year, moved.month))
    assert clamp_day(moved.year, moved.month, day.day) == moved.day


@SETTINGS
@given(day=days, n=months)
def test_a_sticking_month_end_lands_on_a_month_end(day, n):
    moved = add_months(day, n, month_end_sticks=True)
    assert month_index(moved) - month_index(day) == n
    if day.day == _last_day(day.year, day.month):
        assert moved.day == _last_day(moved.year, moved.month)
    else:
        assert moved == add_months(day, n)


@SETTINGS
@given(day=days, n=st.integers(-40, 40))
def test_sticking_there_and_back_gives_the_day_back_or_its_month_end(day, n):
    back = add_months(add_months(day, n, month_end_sticks=True), -n, month_end_sticks=True)
    # Back in the same month; the day itself only moves at a month's end (from the 28th
    # on: a day that met the end of a shorter month on the way is then kept at month ends).
    assert (back.year, back.month) == (day.year, day.month)
    assert back == day or (back.day > day.day >= 28)


@SETTINGS
@given(year=st.integers(1900, 2200), month=st.sampled_from([1, 3, 5, 7, 8, 10, 12]),
       n=st.integers(0, 600))
def test_a_series_on_the_31st_is_on_the_last_day_of_every_month(year, month, n):
    moved = add_months(date(year, month, 31), n)
    assert moved.day == _last_day(moved.year, moved.month)


def test_months_between():
    assert months_between(date(2025, 1, 1), date(2028, 1, 1)) == 36
    assert months_between(date(2025, 1, 15), date(2026, 1, 14)) == 11
    assert months_between(date(2025, 1, 31), date(2025, 2, 28)) == 1
    assert months_between(date(2025, 3, 1), date(2025, 2, 1)) == 0


# --------------------------------------------------------------------------- fiscal years


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


@SETTINGS
@given(day=days, start_month=start_months)
def test_a_day_lies_in_the_bounds_of_its_fiscal_year(day, start_month):
    fiscal_year = fiscal_year_of(day, start_month)
    first, last = fiscal_year_bounds(fiscal_year, start_month)
    assert first <= day <= last
    assert (first.month, first.day) == (start_month, 1)
    assert last.year == fiscal_year  # named by the calendar year in which it ends
    assert fiscal_year_of_month(month_index(day), start_month) == fiscal_year


def test_fiscal_quarters_start_at_the_fiscal_start_month():
    assert fiscal_quarter_of(date(2026, 7, 1), 7) == (2027, 1)
    assert fiscal_quarter_of(date(2026, 9, 30), 7) == (2027, 1)
    assert fiscal_quarter_of(date(2026, 10, 1), 7) == (2027, 2)
    assert fiscal_quarter_of(date(2027, 6, 30), 7) == (2027, 4)
    assert quarter_label(*fiscal_quarter_of(date(2026, 8, 15), 7)) == "FY2027-Q1"
    assert quarter_label(*fiscal_quarter_of(date(2026, 11, 22), 1)) == "FY2026-Q4"
    assert fiscal_quarter_bounds(2027, 1, 7) == (date(2026, 7, 1), date(2026, 9, 30))
    assert fiscal_quarter_bounds(2027, 2, 7) == (date(2026, 10, 1), date(2026, 12, 31))
    assert month_label(date(2027, 1, 9)) == "2027-01"


def test_quarter_numbers_run_across_fiscal_years():
    q4 = quarter_index(date(2027, 6, 30), 7)
    assert quarter_of_index(q4) == (2027, 4)
    assert quarter_of_index(q4 + 1) == (2028, 1)
    assert quarter_index_label(q4 + 1) == "FY2028-Q1"
    assert quarter_index_bounds(q4 + 1, 7) == (date(2027, 7, 1), date(2027, 9, 30))


@SETTINGS
@given(day=days, start_month=start_months)
def test_a_day_lies_in_the_bounds_of_its_fiscal_quarter(day, start_month):
    index = quarter_index(day, start_month)
    assert quarter_index_of_month(month_index(day), start_month) == index
    first, last = quarter_index_bounds(index, start_month)
    assert first <= day <= last
    assert quarter_index_bounds(index + 1, start_month)[0] == last + timedelta(days=1)
    fiscal_year, quarter = quarter_of_index(index)
    assert fiscal_year == fiscal_year_of(day, start_month)
    assert quarter_index(fiscal_year_bounds(fiscal_year, start_month)[0], start_month) == (
        index - quarter + 1)


def test_start_month_is_checked():
    with pytest.raises(ValueError):
        fiscal_year_of(date(2026, 1, 1), 13)
    with pytest.raises(ValueError):
        quarter_index(date(2026, 1, 1), 0)


# --------------------------------------------------------------------------- notice


def test_cancel_by_is_the_date_less_the_notice_days():
    assert cancel_by(date(2027, 3, 1), 30) == date(2027, 1, 30)
    assert cancel_by(date(2027, 3, 1), 0) == date(2027, 3, 1)
