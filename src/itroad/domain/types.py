"""Annotated field types shared by the models: money, rates, ISO dates, names."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated

from pydantic import BeforeValidator, PlainSerializer, Strict, StringConstraints

from itroad.domain.money import money_str
from itroad.domain.parse import parse_date, parse_money, parse_number, parse_rate


def number_str(value: Decimal) -> str:
    return format(value, "f")


#: An exact, non-negative amount of money; written ``"1400.00"``, at most 10^13.
Money = Annotated[Decimal, BeforeValidator(parse_money), PlainSerializer(money_str)]
#: A yearly rate; ``"0.03"`` is 3 %.
Rate = Annotated[Decimal, BeforeValidator(parse_rate), PlainSerializer(number_str)]
#: A plain decimal number written as a string.
Number = Annotated[Decimal, BeforeValidator(parse_number), PlainSerializer(number_str)]
#: A whole number: an integer, never a boolean or a string of digits.
Whole = Annotated[int, Strict()]
#: true or false, never 0, 1 or "yes".
Flag = Annotated[bool, Strict()]
#: A calendar date, no time of day, between 1900 and 2200.
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
