"""Annotated field types shared by the models: money, rates, ISO dates, names."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Annotated

from pydantic import BeforeValidator, PlainSerializer, StringConstraints

from itroad.domain.money import money_str, parse_money, parse_rate

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_date(value: object) -> date:
    """An ISO date (``2026-12-01``); a TOML date or a string in that form."""
    if isinstance(value, datetime):
        raise ValueError(f'invalid date "{value.isoformat()}": a date has no time of day')
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValueError(f'invalid date "{value}" (expected YYYY-MM-DD)')


def _non_negative_money(value: object) -> Decimal:
    amount = parse_money(value)
    if amount < 0:
        raise ValueError(f'amount "{value}" must not be negative')
    return amount


def parse_number(value: object) -> Decimal:
    """A plain decimal number, such as a KPI value (``"40"``, ``"99.5"``)."""
    if isinstance(value, bool) or isinstance(value, float):
        raise ValueError(f'number {value!r} must be written as a string like "40"')
    if isinstance(value, Decimal):
        number = value
    else:
        try:
            number = Decimal(str(value).strip())
        except InvalidOperation:
            raise ValueError(f'invalid number "{value}"') from None
    if not number.is_finite():
        raise ValueError(f'invalid number "{value}"')
    return number


def number_str(value: Decimal) -> str:
    return format(value, "f")


#: An exact, non-negative amount of money; written ``"1400.00"``.
Money = Annotated[Decimal, BeforeValidator(_non_negative_money), PlainSerializer(money_str)]
#: A yearly rate; ``"0.03"`` is 3 %.
Rate = Annotated[Decimal, BeforeValidator(parse_rate), PlainSerializer(number_str)]
#: A plain decimal number written as a string.
Number = Annotated[Decimal, BeforeValidator(parse_number), PlainSerializer(number_str)]
#: A calendar date, no time of day.
IsoDate = Annotated[date, BeforeValidator(parse_date)]
#: A required piece of text: stripped, never empty.
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
#: Optional free text: stripped.
Text = Annotated[str, StringConstraints(strip_whitespace=True, max_length=4000)]
#: A category word such as ``laptop`` or ``access-point``.
Category = Annotated[
    str,
    StringConstraints(strip_whitespace=True, to_lower=True, min_length=1, max_length=60),
]
