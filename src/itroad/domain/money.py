"""Exact money: ``Decimal`` in Python, integer minor units (cents) in storage.

Amounts are rounded half-up to the cent, once, at the end of a computation
(:func:`round_money`). Floats are refused everywhere: ``0.1 + 0.2`` is not money.
Reading amounts from text is :mod:`itroad.domain.parse`'s job.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext

from itroad.domain.errors import ItroadError

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
#: Amounts of 10^24 and more are rounded in a wider context (:func:`round_money`).
_WIDE = 24


class MoneyError(ItroadError, ValueError):
    """A value that is not an exact amount of money."""


def round_money(amount: Decimal, rounding: str = ROUND_HALF_UP) -> Decimal:
    """Round half-up to the cent: the one rounding step of every computed amount.

    An amount with more digits than Decimal's context holds (28) is rounded in a
    context wide enough for it: only a portfolio at the limits compounded for decades
    gets there (a million licences at 10^13 rising 100 % a year), and such an amount
    is exact to 28 significant digits, not to the cent.
    """
    if amount.adjusted() < _WIDE:
        return amount.quantize(CENT, rounding=rounding)
    with localcontext() as wide:
        wide.prec = amount.adjusted() + 4
        return amount.quantize(CENT, rounding=rounding)


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
