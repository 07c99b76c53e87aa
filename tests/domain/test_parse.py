"""The one parser for amounts, rates, numbers and dates (itroad.domain.parse)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from itroad.domain.limits import MAX_DATE, MAX_MONEY, MIN_DATE
from itroad.domain.money import format_money, money_str
from itroad.domain.parse import (
    ParseError,
    full_year,
    parse_date,
    parse_money,
    parse_number,
    parse_rate,
    parse_typed_date,
    parse_typed_money,
    parse_typed_rate,
    parse_typed_whole,
)

# -- the canonical form (the portfolio file) ---------------------------------------


@pytest.mark.parametrize("text, amount", [
    ("1249.50", "1249.50"), ("0", "0.00"), ("7.5", "7.50"), ("10000000000000.00", "1E13"),
    (" 12.00 ", "12.00"),
])
def test_canonical_money(text, amount):
    assert parse_money(text) == Decimal(amount)


@pytest.mark.parametrize("text, problem", [
    ("22,00", 'amount "22,00" is not in the file\'s form: write it as "22.00"'),
    ("1,50", 'write it as "1.50"'),
    ("1,249.50", 'write it as "1249.50"'),
    ("$1249.50", 'write it as "1249.50"'),
    ("1,2,3", 'invalid amount "1,2,3"'),
    ("1,234", 'invalid amount "1,234"'),  # reads two ways: no suggestion
    ("1e9", 'invalid amount "1e9"'),
    ("1e-99999999", 'invalid amount "1e-99999999"'),
    ("١٢٣", 'invalid amount "١٢٣"'),  # non-ASCII digits
    ("12.999", 'amount "12.999" has more than two decimals'),
    ("-5.00", 'amount "-5.00" must not be negative'),
    ("NaN", 'invalid amount "NaN"'),
    ("Infinity", 'invalid amount "Infinity"'),
    ("", 'invalid amount ""'),
    ("10000000000000.01", "larger than the largest amount itroad keeps (10,000,000,000,000"),
    ("1" * 27, "larger than the largest amount"),
    ("9" * 60, 'invalid amount "9999'),
])
def test_canonical_money_refuses_other_forms_and_shows_the_canonical_one(text, problem):
    with pytest.raises(ParseError) as refused:
        parse_money(text)
    assert problem in str(refused.value)


@pytest.mark.parametrize("value", [12.5, True, None, [1], {"a": 1}])
def test_canonical_money_refuses_other_types(value):
    with pytest.raises(ParseError):
        parse_money(value)


def test_decimals_from_code_are_exact_money_and_integers_are_refused():
    with pytest.raises(ParseError, match='amount 22 must be written as a string like "22.00"'):
        parse_money(22)
    assert parse_money(Decimal("1.5")) == Decimal("1.50")
    with pytest.raises(ParseError, match="more than two decimals"):
        parse_money(Decimal("0.001"))
    with pytest.raises(ParseError, match="larger than"):
        parse_money(Decimal(10) ** 26)
    with pytest.raises(ParseError, match="not an amount"):
        parse_money(Decimal("NaN"))
    assert parse_money("-3.00", signed=True) == Decimal("-3.00")


@pytest.mark.parametrize("text, rate", [("0.03", "0.03"), ("-0.5", "-0.5"), ("1", "1"),
                                        ("0.000001", "0.000001")])
def test_canonical_rates(text, rate):
    assert parse_rate(text) == Decimal(rate)


@pytest.mark.parametrize("text, problem", [
    ("1e-999999999", 'invalid rate "1e-999999999"'),
    ("1e-99999999", 'invalid rate "1e-99999999"'),
    ("3%", 'invalid rate "3%"'),
    ("0,03", 'invalid rate "0,03"'),
    ("0.0000001", "more than 6 decimals"),
    ("2", "above -100 % and at most 100 %"),
    ("-1", "above -100 % and at most 100 %"),
])
def test_canonical_rates_refused(text, problem):
    with pytest.raises(ParseError) as refused:
        parse_rate(text)
    assert problem in str(refused.value)


def test_numbers():
    assert parse_number("40") == Decimal("40")
    assert parse_number("-2.5") == Decimal("-2.5")
    for bad in ("1e5", "4,0", "40 %", "1" * 20):
        with pytest.raises(ParseError):
            parse_number(bad)


@pytest.mark.parametrize("value, day", [
    ("2026-12-01", date(2026, 12, 1)), (date(1900, 1, 1), MIN_DATE), (MAX_DATE, MAX_DATE),
])
def test_dates(value, day):
    assert parse_date(value) == day


@pytest.mark.parametrize("value, problem", [
    ("2023-02-30", "no such date"), ("12/01/2026", "expected YYYY-MM-DD"),
    (date(9999, 12, 31), "outside the supported range 1900–2200"),
    (date(1, 1, 1), "outside the supported range"), ("2201-01-01", "outside the supported range"),
    ("２０２６-01-01", "expected YYYY-MM-DD"),
])
def test_dates_refused(value, problem):
    with pytest.raises(ParseError, match=problem):
        parse_date(value)


# -- what people type (forms, later spreadsheets) -----------------------------------


@pytest.mark.parametrize("text, separator, amount", [
    ("1249.50", None, "1249.50"), ("1,249.50", None, "1249.50"), ("$1,249.50", None, "1249.50"),
    ("USD 1,249.50", None, "1249.50"), ("1,249.50 USD", None, "1249.50"),
    ("1,234,567", None, "1234567"), ("100", None, "100"), ("1 249.50", None, "1249.50"),
    ("12,99", ",", "12.99"), ("1.249,50", ",", "1249.50"), ("1 249,50", ",", "1249.50"),
    ("€ 12,99", ",", "12.99"), ("1,234", ".", "1234"), ("1.250", ".", "1.25"),
    ("1.250", ",", "1250"), ("1'249.50", ".", "1249.50"),
])
def test_typed_money(text, separator, amount):
    assert parse_typed_money(text, decimal_separator=separator) == Decimal(amount)


@pytest.mark.parametrize("text, separator, problem", [
    ("12,99", None, 'amount "12,99" reads as 12.99 only with a decimal comma: type 12.99, or set '
                    "the client's number format"),
    ("1,234", None, 'amount "1,234" could be 1234 or 1.234: type it without the separator, or '
                    "set the client's number format"),
    ("1.250", None, "could be 1.250 or 1250"),
    ("1.249,50", None, "reads as 1249.50 only with a decimal comma"),
    ("12,99", ".", "uses a decimal comma, but this client's amounts use a decimal point"),
    ("1,249.50", ",", "uses a decimal point, but this client's amounts use a decimal comma"),
    ("1,2,3", None, 'amount "1,2,3" is not a number'),
    ("1,2,3", ",", "is not a number"),
    ("12,3456", ",", "has more than two decimals"),
    ("1e9", None, "is not a number"),
    ("-5", None, "must not be negative"),
    ("twelve", None, "is not a number"),
    ("٣", None, "is not a number"),
    ("99999999999999", None, "larger than the largest amount"),
])
def test_typed_money_refused(text, separator, problem):
    with pytest.raises(ParseError) as refused:
        parse_typed_money(text, decimal_separator=separator)
    assert problem in str(refused.value)


def test_a_refusal_says_when_declaring_the_number_format_would_help():
    for text in ("12,99", "1,234"):
        with pytest.raises(ParseError) as refused:
            parse_typed_money(text)
        assert refused.value.convention
    with pytest.raises(ParseError) as refused:
        parse_typed_money("twelve")
    assert not refused.value.convention


def test_typed_money_checks_the_currency():
    assert parse_typed_money("EUR 5", currency="EUR") == Decimal("5.00")
    assert parse_typed_money("€5", currency="EUR") == Decimal("5.00")
    assert parse_typed_money("$5", currency="CAD") == Decimal("5.00")
    with pytest.raises(ParseError, match="is in USD, but this client's amounts are in EUR"):
        parse_typed_money("USD 5", currency="EUR")
    with pytest.raises(ParseError, match="is in €, but this client's amounts are in USD"):
        parse_typed_money("€5", currency="USD")
    with pytest.raises(ParseError, match="is in \\$, but this client's amounts are in EUR"):
        parse_typed_money("$5", currency="EUR")


@pytest.mark.parametrize("text", ["--5", "$$5", "$5$", "$-5-", "- -5", "€$5"])
def test_one_sign_and_one_currency_mark_at_most(text):
    with pytest.raises(ParseError):
        parse_typed_money(text, signed=True)


@pytest.mark.parametrize("text, separator, rate", [
    ("0.03", None, "0.03"), ("3%", None, "0.03"), ("3.5 %", None, "0.035"), ("-1 %", None, "-0.01"),
    ("0,03", ",", "0.03"), ("2,5 %", ",", "0.025"),
])
def test_typed_rates(text, separator, rate):
    assert parse_typed_rate(text, decimal_separator=separator) == Decimal(rate)


@pytest.mark.parametrize("text, problem", [
    ("0,03", "reads as 0.03 only with a decimal comma"), ("$3", "is not a rate"),
    ("150 %", "at most 100 %"), ("1e-999999999", "is not a number"),
])
def test_typed_rates_refused(text, problem):
    with pytest.raises(ParseError, match=problem):
        parse_typed_rate(text)


@pytest.mark.parametrize("text, number", [("48", 48), ("1,000", 1000), ("1 000", 1000),
                                          ("-3", -3)])
def test_typed_whole_numbers(text, number):
    assert parse_typed_whole(text) == number


@pytest.mark.parametrize("text", ["1,5", "1.5", "12,99", "1e3", "", "x"])
def test_typed_whole_numbers_refused(text):
    with pytest.raises(ParseError, match="expected a whole number"):
        parse_typed_whole(text)


# -- properties ----------------------------------------------------------------------

amounts = st.decimals(min_value=0, max_value=MAX_MONEY, places=2, allow_nan=False,
                      allow_infinity=False)


@given(amounts)
@example(MAX_MONEY)
def test_canonical_money_round_trips(amount):
    assert parse_money(money_str(amount)) == amount


@given(amounts)
def test_typed_money_round_trips_in_each_convention(amount):
    pointed = format_money(amount)  # 1,249.50
    commaed = pointed.translate({ord(","): ".", ord("."): ","})  # 1.249,50
    assert parse_typed_money(pointed, decimal_separator=".") == amount
    assert parse_typed_money(commaed, decimal_separator=",") == amount
    assert parse_typed_money(f"${pointed}", decimal_separator=".") == amount
    # With no convention declared, the point form is taken as it is or refused: never
    # read as another amount.
    try:
        assert parse_typed_money(pointed) == amount
    except ParseError as refused:
        assert "could be" in str(refused)


typed = st.text(alphabet="0123456789.,$ -USDE%'", max_size=16)


@given(typed, st.sampled_from([None, ".", ","]))
@example("12,99", None)
@example("1,234", None)
def test_a_typed_amount_has_one_reading_or_is_refused(text, separator):
    """Whatever is typed parses to exactly one amount, within the limits, or is refused;
    with no convention, it is never read a way that a declared convention reads otherwise."""
    try:
        amount = parse_typed_money(text, decimal_separator=separator)
    except ParseError:
        return
    assert amount == amount.quantize(Decimal("0.01")) and 0 <= amount <= MAX_MONEY
    if separator is None:
        for declared in (".", ","):
            try:
                assert parse_typed_money(text, decimal_separator=declared) == amount
            except ParseError:
                pass


@given(st.text(max_size=20))
def test_canonical_money_accepts_only_its_form(text):
    try:
        amount = parse_money(text)
    except ParseError:
        return
    assert parse_money(money_str(amount)) == amount
    assert text.strip().replace(".", "", 1).isascii() and text.strip().replace(".", "", 1).isdigit()


@given(st.decimals(min_value=Decimal("-0.999999"), max_value=1, places=6, allow_nan=False))
def test_rates_round_trip(rate):
    assert parse_rate(format(rate, "f")) == rate


# -- dates as spreadsheets and other tools write them -------------------------------


@pytest.mark.parametrize("text, order, day", [
    ("2023-01-23", "mdy", date(2023, 1, 23)),
    ("2023-01-23", "dmy", date(2023, 1, 23)),
    ("2023/01/23", "mdy", date(2023, 1, 23)),
    ("1/23/23", "mdy", date(2023, 1, 23)),
    ("07/13/2012", "mdy", date(2012, 7, 13)),
    ("13/07/2012", "dmy", date(2012, 7, 13)),
    ("13.07.2012", "dmy", date(2012, 7, 13)),
    ("13-07-2012", "dmy", date(2012, 7, 13)),
    ("2/29/2024", "mdy", date(2024, 2, 29)),
    ("29/2/24", "dmy", date(2024, 2, 29)),
    (" 3/4/2025 ", "mdy", date(2025, 3, 4)),
    (" 3/4/2025 ", "dmy", date(2025, 4, 3)),
])
def test_typed_dates(text: str, order: str, day: date) -> None:
    assert parse_typed_date(text, order=order) == day  # type: ignore[arg-type]


@pytest.mark.parametrize("year, full", [("69", 1969), ("99", 1999), ("00", 2000), ("68", 2068),
                                        ("2012", 2012)])
def test_two_digit_years_map_like_posix_y(year: str, full: int) -> None:
    assert full_year(year) == full
    assert parse_typed_date(f"1/2/{year}").year == full


@pytest.mark.parametrize("text, said", [
    ("2/30/2023", 'no such date "2/30/2023" (read as M/D/YYYY)'),
    ("2/29/2023", 'no such date "2/29/2023" (read as M/D/YYYY)'),
    ("2023-02-30", 'no such date "2023-02-30" (read as YYYY-MM-DD)'),
    ("1/2/3", 'invalid date "1/2/3" (expected YYYY-MM-DD or M/D/YYYY)'),
    ("20230123", 'invalid date "20230123" (expected YYYY-MM-DD or M/D/YYYY)'),
    ("23-01-2023", 'invalid date "23-01-2023" (expected YYYY-MM-DD or M/D/YYYY)'),
    ("next week", 'invalid date "next week" (expected YYYY-MM-DD or M/D/YYYY)'),
    ("2023-01-23 10:00", 'invalid date "2023-01-23 10:00" (a time of day is not taken here) '
                         "(expected YYYY-MM-DD or M/D/YYYY)"),
    ("1/1/1800", "date 1800-01-01 is outside the supported range 1900–2200"),
])
def test_typed_dates_refused(text: str, said: str) -> None:
    with pytest.raises(ParseError) as refused:
        parse_typed_date(text)
    assert str(refused.value) == said
    assert not refused.value.convention


def test_a_date_that_reads_only_the_other_way_says_so() -> None:
    with pytest.raises(ParseError) as refused:
        parse_typed_date("13/01/2023")
    assert str(refused.value) == 'no such date "13/01/2023" (read as M/D/YYYY; it reads as D/M/YYYY)'
    assert refused.value.convention
    with pytest.raises(ParseError) as refused:
        parse_typed_date("1/13/2023", order="dmy")
    assert refused.value.convention


@pytest.mark.parametrize("text, day", [
    ("2023-01-23 00:00:00", date(2023, 1, 23)),
    ("2023-03-14 15:22:10.0000000", date(2023, 3, 14)),
    ("2023-03-14T15:22:10Z", date(2023, 3, 14)),
    ("3/14/2023 3:22:10 PM", date(2023, 3, 14)),
    ("3/14/2023 15:22", date(2023, 3, 14)),
])
def test_a_time_of_day_is_dropped_where_allowed(text: str, day: date) -> None:
    assert parse_typed_date(text, time_allowed=True) == day


@given(st.dates(min_value=MIN_DATE, max_value=MAX_DATE))
def test_every_date_reads_back_in_each_style(day: date) -> None:
    assert parse_typed_date(day.isoformat()) == day
    assert parse_typed_date(f"{day.month}/{day.day}/{day.year}") == day
    assert parse_typed_date(f"{day.day:02}.{day.month:02}.{day.year}", order="dmy") == day
