"""The one parser for amounts, rates, numbers and dates, used by every way in.

Two strictnesses (docs/rules.md, "Typing money"):

- **Canonical**, for the portfolio file and other machine formats:
  :func:`parse_money` (``"1249.50"``), :func:`parse_rate` (``"0.03"``),
  :func:`parse_number` (``"40"``, ``"-2.5"``) and :func:`parse_date`
  (``2026-12-01``). Anything else (a thousands separator, a currency sign, a
  decimal comma, an exponent, non-ASCII digits, more decimals than allowed) is
  refused with a sentence showing the canonical form.
- **Typed**, for what people type into forms (and, later, spreadsheets):
  :func:`parse_typed_money` also takes ``1,249.50``, ``$1,249.50`` and
  ``USD 1,249.50``, and a decimal comma (``1.249,50``, ``12,99``) only when the
  convention is declared (``decimal_separator=","``). A value that reads two
  ways under no declared convention (``12,99``, ``1,234``) is refused with a
  sentence saying why and how to declare the convention: never guessed.

Every value is checked against :mod:`itroad.domain.limits`. Errors are
:class:`ParseError` (a ``ValueError``) with a sentence that does not name the
field: the caller knows where the value came from and prefixes that.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from itroad.domain.errors import ItroadError
from itroad.domain.limits import (
    MAX_DECIMALS,
    MAX_MONEY,
    MAX_NUMBER,
    MAX_NUMBER_TEXT,
    date_problem,
)
from itroad.domain.money import CENT

#: How a client writes the decimal separator when typing amounts: ``"."``,
#: ``","``, or None when it has not said (then only unambiguous amounts are taken).
DecimalSeparator = Literal[".", ","]
SEPARATORS: tuple[DecimalSeparator, ...] = (".", ",")



class ParseError(ItroadError, ValueError):
    """A value that is not what its field needs; the message is one sentence.

    ``convention`` is true when declaring the client's number format would let the
    value through (a form then says where that is set). ``field`` is None: the
    parser does not know which field the value came from (the caller does).
    """

    def __init__(self, message: str, *, convention: bool = False) -> None:
        super().__init__(message)
        self.convention = convention


def _shown(value: object) -> str:
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (dict, list)):
        return "a table" if isinstance(value, dict) else "a list"
    return str(value)


def _decimals(number: Decimal) -> int:
    exponent = number.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _not_float(value: object, what: str, example: str) -> None:
    if isinstance(value, (bool, float)):
        raise ParseError(f'{what} {_shown(value)} must be written as a string like "{example}"')


# -- money ---------------------------------------------------------------------

_CANONICAL_MONEY = re.compile(r"(-?)([0-9]+)(?:\.([0-9]{1,2}))?")


def check_money(amount: Decimal, *, shown: str | None = None, signed: bool = False) -> Decimal:
    """``amount`` to the cent, or :class:`ParseError` when it breaks a limit."""
    shown = shown or format(amount, "f")
    if not amount.is_finite():
        raise ParseError(f"{shown} is not an amount of money")
    if _decimals(amount.normalize()) > 2:
        raise ParseError(f"amount {shown} has more than two decimals")
    if amount < 0 and not signed:
        raise ParseError(f"amount {shown} must not be negative")
    if abs(amount) > MAX_MONEY:
        raise ParseError(f"amount {shown} is larger than the largest amount itroad keeps "
                         f"({MAX_MONEY:,} to the cent)")
    return amount.quantize(CENT)


def parse_money(value: object, *, signed: bool = False) -> Decimal:
    """An amount in its canonical form: the string ``"1249.50"`` (or a Decimal, from code).

    At most two decimals, no sign unless ``signed``. A number that is not a string
    (``22``, ``12.5``) is refused with the string to write: one form, and floats
    cannot be exact.
    """
    _not_float(value, "amount", "1249.50")
    if isinstance(value, Decimal):
        return check_money(value, signed=signed)
    if isinstance(value, int) and not isinstance(value, bool):
        raise ParseError(f'amount {value} must be written as a string like "{value}.00"')
    if not isinstance(value, str):
        raise ParseError(f'expected an amount written as a string like "1249.50", got {_shown(value)}')
    text = value.strip()
    found = _CANONICAL_MONEY.fullmatch(text) if len(text) <= MAX_NUMBER_TEXT else None
    if found is None or (found.group(1) and not signed):
        raise ParseError(_canonical_money_problem(value, signed))
    return check_money(Decimal(text), shown=_shown(value), signed=signed)


def _canonical_money_problem(value: str, signed: bool) -> str:
    """Why ``value`` is not canonical, with the canonical form when it is clear."""
    if value.strip().startswith("-") and not signed:
        return f"amount {_shown(value)} must not be negative"
    if re.fullmatch(r"-?[0-9]+\.[0-9]{3,}", value.strip()):
        return f"amount {_shown(value)} has more than two decimals"
    readings = {amount for separator in SEPARATORS
                if (amount := _typed_amount(value, separator)[0]) is not None}
    if len(readings) == 1:
        (amount,) = readings
        if _decimals(amount.normalize()) <= 2 and abs(amount) <= MAX_MONEY:
            return (f"amount {_shown(value)} is not in the file's form: write it as "
                    f'"{amount.quantize(CENT)}" (digits and a decimal point only)')
    return (f"invalid amount {_shown(value)}: write it like \"1249.50\" (digits and a decimal "
            "point, at most two decimals; no thousands separators, currency signs or exponents)")


_CURRENCY_CODE = re.compile(r"[A-Za-z]{3}")
_CURRENCY_SIGNS = "$€£¥"
#: The currencies a sign other than ``$`` can stand for (``$``: any code ending in D).
_SIGN_CURRENCIES = {"€": ("EUR",), "£": ("GBP",), "¥": ("JPY", "CNY")}
#: How a refusal says that a declared convention would read the value.
DECLARE = "set the client's number format"
#: Characters that group thousands, by decimal separator.
_GROUPING = {".": ",' \u00a0\u202f", ",": ". \u00a0\u202f"}


_DIGITS = re.compile(r"[0-9]+")
_FIRST_GROUP = re.compile(r"[0-9]{1,3}")
_GROUP = re.compile(r"[0-9]{3}")
_NUMBER_CHARACTERS = re.compile(r"[0-9.,' \u00a0\u202f]+")


def _reading(core: str, separator: DecimalSeparator) -> Decimal | None:
    """``core`` read with ``separator`` as the decimal mark, or None if it cannot be.

    The integer part may group thousands (``1,249``, ``12 345 678``) with one kind
    of grouping mark, in groups of three after the first.
    """
    if core.count(separator) > 1:
        return None
    whole, mark, fraction = core.partition(separator)
    if mark and not _DIGITS.fullmatch(fraction):
        return None
    marks = {c for c in whole if not c.isascii() or not c.isdigit()}
    if not marks:
        if not _DIGITS.fullmatch(whole):
            return None
    else:
        if len(marks) > 1 or not marks <= set(_GROUPING[separator]):
            return None
        groups = whole.split(marks.pop())
        if not _FIRST_GROUP.fullmatch(groups[0]) or not all(
                _GROUP.fullmatch(g) for g in groups[1:]):
            return None
        whole = "".join(groups)
    return Decimal(f"{whole}.{fraction}" if mark else whole)


def _split_currency(text: str) -> tuple[str, str | None]:
    """``"USD 1,249.50"`` -> ``("1,249.50", "USD")``, ``"$5"`` -> ``("5", "$")``: one
    currency sign or code, before or after the number."""
    for sign in _CURRENCY_SIGNS:
        if text.startswith(sign):
            return text[1:].strip(), sign
        if text.endswith(sign):
            return text[:-1].strip(), sign
    head, _, rest = text.partition(" ")
    if rest and _CURRENCY_CODE.fullmatch(head):
        return rest.strip(), head.upper()
    body, _, tail = text.rpartition(" ")
    if body and _CURRENCY_CODE.fullmatch(tail):
        return body.strip(), tail.upper()
    return text, None


def _same_currency(mark: str, currency: str) -> bool:
    """Whether a typed currency sign or code can mean the client's ``currency``."""
    if len(mark) == 3:
        return mark == currency
    return currency in _SIGN_CURRENCIES.get(mark, ()) or (mark == "$" and currency.endswith("D"))


def _typed_amount(text: str, separator: DecimalSeparator | None) -> tuple[Decimal | None, str]:
    """Read typed text as a signed amount; ``(None, why)`` when it cannot be read."""
    text = text.strip()
    if not text:
        return None, "is empty"
    if len(text) > MAX_NUMBER_TEXT:
        return None, "is too long to be an amount"
    negative = text.startswith("-")
    body, _ = _split_currency(text.removeprefix("-").strip())
    if body.startswith("-") and not negative:  # $-5: the sign after the currency
        negative, body = True, body[1:].strip()
    if not body or not _NUMBER_CHARACTERS.fullmatch(body) or not body[0].isdigit():
        return None, "is not a number"
    point, comma = _reading(body, "."), _reading(body, ",")
    sign = -1 if negative else 1
    if separator == ".":
        if point is None:
            return None, ("uses a decimal comma, but this client's amounts use a decimal point"
                          if comma is not None else "is not a number")
        return sign * point, ""
    if separator == ",":
        if comma is None:
            return None, ("uses a decimal point, but this client's amounts use a decimal comma"
                          if point is not None else "is not a number")
        return sign * comma, ""
    if point is not None and comma is not None and point != comma:
        return None, (f"could be {point:f} or {comma:f}: type it without the separator, "
                      f"or {DECLARE}")
    if point is None and comma is not None:
        return None, f"reads as {comma:f} only with a decimal comma: type {comma:f}, or {DECLARE}"
    if point is None:
        return None, "is not a number"
    return sign * point, ""


def typed_text(number: Decimal, decimal_separator: DecimalSeparator | None,
               places: int | None = None) -> str:
    """``number`` as a person of the client would type it back: ``1249.50``, or
    ``1249,50`` with a decimal comma (no grouping, so every convention reads it)."""
    text = f"{number:.{places}f}" if places is not None else format(number, "f")
    return text.replace(".", ",") if decimal_separator == "," else text


def parse_typed_money(text: str, *, decimal_separator: DecimalSeparator | None = None,
                      currency: str | None = None, signed: bool = False) -> Decimal:
    """An amount as a person types it: ``1249.50``, ``1,249.50``, ``$1,249.50``,
    ``USD 1,249.50``; ``1.249,50`` and ``12,99`` with ``decimal_separator=","``.

    A currency code must be the client's ``currency`` when that is given.
    """
    amount, why = _typed_amount(text, decimal_separator)
    shown = _shown(text.strip())
    if amount is None:
        raise ParseError(f"amount {shown} {why}", convention=why.endswith(DECLARE))
    _, mark = _split_currency(text.strip().removeprefix("-").strip())
    if mark and currency and not _same_currency(mark, currency.upper()):
        raise ParseError(f"amount {shown} is in {mark}, but this client's amounts are in "
                         f"{currency.upper()}")
    return check_money(amount, shown=shown, signed=signed)


def parse_typed_whole(text: str) -> int:
    """A whole number as typed: ``48``, ``1,000`` or ``1 000`` (groups of three only:
    ``1,5`` is refused, never read as 15)."""
    body = text.strip()
    sign = -1 if body.startswith("-") else 1
    body = body.removeprefix("-").removeprefix("+").strip()
    number = _reading(body, ".") if len(body) <= MAX_NUMBER_TEXT and "." not in body else None
    if number is None or not body[:1].isdigit():
        raise ParseError(f'expected a whole number, got "{text.strip()}"')
    return sign * int(number)


# -- rates and plain numbers -----------------------------------------------------

_CANONICAL_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")


def _check_number(number: Decimal, shown: str, what: str) -> Decimal:
    if not number.is_finite():
        raise ParseError(f"invalid {what} {shown}")
    if _decimals(number.normalize()) > MAX_DECIMALS:
        raise ParseError(f"{what} {shown} has more than {MAX_DECIMALS} decimals")
    if abs(number) > MAX_NUMBER:
        raise ParseError(f"{what} {shown} is too large (at most {MAX_NUMBER:,})")
    return number


def _canonical_decimal(value: object, what: str, example: str) -> Decimal:
    _not_float(value, what, example)
    if isinstance(value, Decimal):
        return _check_number(value, str(value), what)
    if isinstance(value, int) and not isinstance(value, bool):
        raise ParseError(f'{what} {value} must be written as a string like "{value}"')
    if not isinstance(value, str):
        raise ParseError(f'expected a {what} written as a string like "{example}", got {_shown(value)}')
    text = value.strip()
    if len(text) > MAX_NUMBER_TEXT or not _CANONICAL_NUMBER.fullmatch(text):
        raise ParseError(f'invalid {what} {_shown(value)}: write it like "{example}" (digits '
                         "and a decimal point; no separators, signs of currency or exponents)")
    return _check_number(Decimal(text), _shown(value), what)


def check_rate(rate: Decimal, shown: str) -> Decimal:
    if rate <= -1 or rate > 1:
        raise ParseError(f'rate {shown} must be above -100 % and at most 100 % ("0.03" is 3 %)')
    return rate


def parse_rate(value: object) -> Decimal:
    """A yearly rate in its canonical form: ``"0.03"`` is 3 %; above -1, at most 1."""
    rate = _canonical_decimal(value, "rate", "0.03")
    return check_rate(rate, _shown(value if isinstance(value, str) else format(rate, "f")))


def parse_typed_rate(text: str, *, decimal_separator: DecimalSeparator | None = None) -> Decimal:
    """A rate as typed: ``0.03``, ``3 %`` or ``3%`` (and ``0,03`` with a decimal comma)."""
    shown = _shown(text.strip())
    body = text.strip()
    percent = body.endswith("%")
    body = body.removesuffix("%").strip()
    unsigned = body.removeprefix("-").strip()
    if _split_currency(unsigned)[0] != unsigned:
        raise ParseError(f"rate {shown} is not a rate (type 0.03, or 3 % for 3 %)")
    number, why = _typed_amount(body, decimal_separator)
    if number is None:
        hint = " (type 0.03, or 3 % for 3 %)" if why == "is not a number" else ""
        raise ParseError(f"rate {shown} {why}{hint}", convention=why.endswith(DECLARE))
    rate = number / 100 if percent else number
    return check_rate(_check_number(rate, shown, "rate"), shown)


def parse_number(value: object) -> Decimal:
    """A plain decimal number such as a KPI value, canonical: ``"40"``, ``"-2.5"``."""
    return _canonical_decimal(value, "number", "40")


# -- dates -----------------------------------------------------------------------

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_date(value: object) -> date:
    """An ISO date (``2026-12-01``): a TOML date or a string in that form, 1900–2200."""
    if isinstance(value, datetime):
        raise ParseError(f'invalid date "{value.isoformat()}": a date has no time of day')
    if isinstance(value, date):
        day = value
    elif isinstance(value, str) and _ISO_DATE.fullmatch(value.strip()):
        try:
            day = date.fromisoformat(value.strip())
        except ValueError:
            raise ParseError(f'no such date "{value}" (expected YYYY-MM-DD)') from None
    else:
        raise ParseError(f"invalid date {_shown(value)} (expected YYYY-MM-DD)")
    problem = date_problem(day)
    if problem:
        raise ParseError(problem)
    return day


# -- dates as spreadsheets and other tools write them -------------------------------

#: The order of day, month and year in a date that is not ISO: ``"mdy"`` (US,
#: ``7/13/2012``) or ``"dmy"`` (most of Europe, ``13/07/2012``).
DateOrder = Literal["mdy", "dmy"]
DATE_ORDERS: tuple[DateOrder, ...] = ("mdy", "dmy")
_DATE_SHAPES = {"mdy": "M/D/YYYY", "dmy": "D/M/YYYY"}
_TYPED_DATE = re.compile(r"([0-9]{1,4})([/.-])([0-9]{1,2})\2([0-9]{1,4})")
#: A time of day after a date (``00:00:00``, ``15:22:10.0000000Z``, ``12:34 PM``).
_TIME_OF_DAY = re.compile(
    r"[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?\s*(?:[AaPp][Mm])?\s*(?:Z|[+-][0-9]{2}:?[0-9]{2})?")


def full_year(year: str) -> int:
    """A year as written: four digits as they are, two as POSIX ``%y`` reads them
    (69–99 are 1969–1999, 00–68 are 2000–2068)."""
    number = int(year)
    if len(year) == 2:
        return number + (1900 if number >= 69 else 2000)
    return number


def _day_of(year: int, month: int, day_: int, shown: str, shape: str) -> date:
    try:
        day = date(year, month, day_)
    except ValueError:
        raise ParseError(f"no such date {shown} (read as {shape})") from None
    problem = date_problem(day)
    if problem:
        raise ParseError(problem)
    return day


def parse_typed_date(text: str, *, order: DateOrder = "mdy", time_allowed: bool = False) -> date:
    """A date as a spreadsheet, Snipe-IT or Intune writes it: ISO ``2023-01-23``
    (also ``2023/01/23``), or day, month and year in ``order``: ``1/23/23`` and
    ``07/13/2012`` (``"mdy"``), ``23/01/2023`` and ``23.01.2023`` (``"dmy"``).

    A two-digit year reads as :func:`full_year` says. A time of day after the date
    (``2023-01-23 00:00:00``, ``5/4/2023 12:34 PM``) is dropped when
    ``time_allowed``, else refused. A date that does not exist (``2/30/2023``) is
    refused, and so is one that exists only in the other order (``13/01/2023``
    read month first): that :class:`ParseError` has ``convention`` set, so the
    caller can say how to declare the order.
    """
    body = text.strip()
    shown = _shown(body)
    if time_allowed:
        for sep in ("T", " "):
            head, mark, tail = body.partition(sep)
            if mark and _TIME_OF_DAY.fullmatch(tail.strip()):
                body = head.strip()
                break
    shape = _DATE_SHAPES[order]
    found = _TYPED_DATE.fullmatch(body) if len(body) <= MAX_NUMBER_TEXT else None
    if found is None:
        time = " (a time of day is not taken here)" if not time_allowed and ":" in body else ""
        raise ParseError(f"invalid date {shown}{time} (expected YYYY-MM-DD or {shape})")
    first, separator, middle, last = found.groups()
    if len(first) == 4:  # year first: always year, month, day
        if len(last) > 2:
            raise ParseError(f"invalid date {shown} (expected YYYY-MM-DD or {shape})")
        return _day_of(int(first), int(middle), int(last), shown, "YYYY-MM-DD")
    if len(first) > 2 or len(last) not in (2, 4) or separator == "-" and order == "mdy":
        raise ParseError(f"invalid date {shown} (expected YYYY-MM-DD or {shape})")
    year = full_year(last)
    month, day_ = (int(first), int(middle)) if order == "mdy" else (int(middle), int(first))
    try:
        return _day_of(year, month, day_, shown, shape)
    except ParseError as problem:
        other: DateOrder = "dmy" if order == "mdy" else "mdy"
        if 1 <= day_ <= 12 and month > 12:
            try:
                _day_of(year, day_, month, shown, _DATE_SHAPES[other])
            except ParseError:
                raise problem from None
            raise ParseError(f"no such date {shown} (read as {shape}; it reads as "
                             f"{_DATE_SHAPES[other]})", convention=True) from None
        raise
