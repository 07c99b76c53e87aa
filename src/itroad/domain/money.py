"""Exact money: ``Decimal`` in Python, integer minor units (cents) in storage.

Amounts are rounded half-up to the cent, once, at the end of a computation
(:func:`round_money`). Floats are refused everywhere: ``0.1 + 0.2`` is not money.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


class MoneyError(ValueError):
    """A value that is not an exact amount of money."""


def _shown(value: object) -> str:
    return f'"{value}"' if isinstance(value, str) else str(value)


def parse_money(value: object) -> Decimal:
    """Read an amount written as a string (``"1400.00"``), an int or a Decimal.

    At most two decimals; floats are refused because they cannot be exact.
    """
    if isinstance(value, bool) or isinstance(value, float):
        raise MoneyError(f"amount {_shown(value)} must be written as a string like \"1400.00\"")
    if isinstance(value, int):
        return Decimal(value).quantize(CENT)
    if isinstance(value, Decimal):
        amount = value
    elif isinstance(value, str):
        text = value.strip().replace(",", "").replace("_", "")
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise MoneyError(f"invalid amount {_shown(value)}") from None
    else:
        raise MoneyError(f"invalid amount {_shown(value)}")
    if not amount.is_finite():
        raise MoneyError(f"invalid amount {_shown(value)}")
    if amount != amount.quantize(CENT, rounding=ROUND_HALF_UP):
        raise MoneyError(f"amount {_shown(value)} has more than two decimals")
    return amount.quantize(CENT)


def round_money(amount: Decimal) -> Decimal:
    """Round half-up to the cent: the one rounding step of every computed amount."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def to_cents(amount: Decimal) -> int:
    """The integer number of cents of an amount already exact to the cent."""
    cents = amount * 100
    if cents != cents.to_integral_value():
        raise MoneyError(f"amount {amount} is not exact to the cent")
    return int(cents)


def from_cents(cents: int) -> Decimal:
    return (Decimal(cents) / 100).quantize(CENT)


def format_money(amount: Decimal | None, currency: str | None = None) -> str:
    """``1234.5`` -> ``"1,234.50"`` (``"USD 1,234.50"`` with a currency)."""
    if amount is None:
        return ""
    text = f"{round_money(amount):,.2f}"
    return f"{currency} {text}" if currency else text


def money_str(amount: Decimal) -> str:
    """The interchange form of an amount: two decimals, no grouping (``"1400.00"``)."""
    return f"{round_money(amount):.2f}"


def parse_rate(value: object) -> Decimal:
    """A yearly rate written as a string (``"0.03"`` is 3 %)."""
    if isinstance(value, bool) or isinstance(value, float):
        raise MoneyError(f"rate {_shown(value)} must be written as a string like \"0.03\"")
    try:
        rate = Decimal(str(value).strip()) if not isinstance(value, Decimal) else value
    except InvalidOperation:
        raise MoneyError(f"invalid rate {_shown(value)}") from None
    if not rate.is_finite():
        raise MoneyError(f"invalid rate {_shown(value)}")
    if rate <= -1 or rate > 1:
        raise MoneyError(f"rate {_shown(value)} must be between -1 and 1 (\"0.03\" is 3 %)")
    return rate
