"""Fields typed as text on one line: free text, dates, money, rates, whole numbers, lists.

Each parses what is typed with :mod:`itroad.domain.parse` (the typed strictness:
docs/rules.md, "Typing money") and shows a value back in the client's number
format.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from textual import on
from textual.widget import Widget
from textual.widgets import Input

from itroad.domain.parse import (
    DecimalSeparator,
    ParseError,
    parse_date,
    parse_money,
    parse_rate,
    parse_typed_money,
    parse_typed_rate,
    parse_typed_whole,
    typed_text,
)
from itroad.tui.forms.fields import FieldError, FormField


class TextField(FormField):
    """Free text on one line; empty reads as None."""

    def __init__(self, name: str, label: str, *, required: bool = False, placeholder: str = "",
                 hint: str | None = None, max_length: int = 0) -> None:
        super().__init__(name, label, required=required, hint=hint)
        self.placeholder = placeholder
        self.max_length = max_length
        self._initial = ""

    def make_control(self) -> Widget:
        return Input(self._initial, placeholder=self.placeholder, compact=True,
                     max_length=self.max_length, select_on_focus=False)

    @property
    def input(self) -> Input:
        return self.query_one(Input)

    def raw(self) -> str:
        return self.input.value if self.is_mounted else self._initial

    def parse(self, text: str) -> Any:
        return text

    def format(self, value: Any) -> str:
        return "" if value is None else str(value)

    def read(self) -> Any:
        text = self.raw().strip()
        if not text:
            return None
        return self.parse(text)

    def write(self, value: Any) -> None:
        text = self.format(value)
        if self.is_mounted:
            with self.input.prevent(Input.Changed):
                self.input.value = text
            self.input.cursor_position = len(text)
        else:
            self._initial = text

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        self.changed()

    @on(Input.Blurred)
    def _left(self, event: Input.Blurred) -> None:
        event.stop()
        if self.raw().strip():
            self.touched = True
        if self.touched:
            self.check()


_DATE_PREFIX = re.compile(r"^\d{0,4}(-(\d{0,2}(-\d{0,1})?)?)?$")


class DateField(TextField):
    """An ISO date, ``YYYY-MM-DD``."""

    def __init__(self, name: str, label: str, *, required: bool = False, hint: str | None = None) -> None:
        super().__init__(name, label, required=required, placeholder="YYYY-MM-DD", hint=hint,
                         max_length=10)

    def parse(self, text: str) -> date:
        try:
            return parse_date(text)
        except ValueError as problem:
            raise FieldError(str(problem)) from None

    def format(self, value: Any) -> str:
        if isinstance(value, date):
            return value.isoformat()
        return super().format(value)

    def partial(self) -> bool:
        text = self.raw().strip()
        return self.input.has_focus and len(text) < 10 and bool(_DATE_PREFIX.match(text))


def separator_hint(decimal_separator: DecimalSeparator | None) -> str:
    """How amounts are typed for the client, as shown beside a money field."""
    if decimal_separator == ",":
        return "Decimal comma: 1.249,50"
    if decimal_separator == ".":
        return "Decimal point: 1,249.50"
    return "1249.50 or 1,249.50 (^p: number format)"


def _canonical(value: Any, parse: Callable[[Any], Decimal]) -> Any:
    """``value`` as a Decimal when it is a number in its canonical text, else as it is."""
    if isinstance(value, str) and value:
        try:
            return parse(value)
        except ParseError:
            return value
    return value


def where_to_declare(problem: ParseError) -> str:
    """The refusal, saying where the number format is set when that would help."""
    return f"{problem} (^p)" if problem.convention else str(problem)


def _joined(*parts: str | None) -> str:
    return " ".join(part for part in parts if part)


class MoneyField(TextField):
    """An amount of money: at least 0, at most two decimals (``1400``, ``$1,400.50``).

    A decimal comma (``12,99``) is read only when the client declares it
    (``decimal_separator=","``); the convention is shown under the field.
    """

    def __init__(self, name: str, label: str, *, required: bool = False, hint: str | None = None,
                 decimal_separator: DecimalSeparator | None = None,
                 currency: str | None = None) -> None:
        super().__init__(name, label, required=required,
                         hint=_joined(hint, separator_hint(decimal_separator)))
        self.decimal_separator = decimal_separator
        self.currency = currency

    def parse(self, text: str) -> Decimal:
        try:
            return parse_typed_money(text, decimal_separator=self.decimal_separator,
                                     currency=self.currency)
        except ParseError as problem:
            raise FieldError(where_to_declare(problem)) from None

    def format(self, value: Any) -> str:
        value = _canonical(value, parse_money)  # a model's dump holds "1400.00"
        if isinstance(value, Decimal):
            return typed_text(value, self.decimal_separator, places=2)
        return super().format(value)


class RateField(TextField):
    """A yearly rate: ``0.03`` or ``3 %`` is 3 % (``0,03`` with a decimal comma)."""

    def __init__(self, name: str, label: str, *, required: bool = False, hint: str | None = None,
                 decimal_separator: DecimalSeparator | None = None) -> None:
        super().__init__(name, label, required=required, placeholder="0.03 = 3 %", hint=hint)
        self.decimal_separator = decimal_separator

    def parse(self, text: str) -> Decimal:
        try:
            return parse_typed_rate(text, decimal_separator=self.decimal_separator)
        except ParseError as problem:
            raise FieldError(where_to_declare(problem)) from None

    def format(self, value: Any) -> str:
        value = _canonical(value, parse_rate)
        if isinstance(value, Decimal):
            return typed_text(value, self.decimal_separator)
        return super().format(value)


class IntegerField(TextField):
    """A whole number between ``minimum`` and ``maximum``."""

    def __init__(self, name: str, label: str, *, required: bool = False, minimum: int | None = None,
                 maximum: int | None = None, placeholder: str = "", hint: str | None = None) -> None:
        super().__init__(name, label, required=required, placeholder=placeholder, hint=hint)
        self.minimum = minimum
        self.maximum = maximum

    def parse(self, text: str) -> int:
        try:
            number = parse_typed_whole(text)
        except ParseError as problem:
            raise FieldError(str(problem)) from None
        if self.minimum is not None and number < self.minimum:
            raise FieldError(f"must be at least {self.minimum}")
        if self.maximum is not None and number > self.maximum:
            raise FieldError(f"must be at most {self.maximum}")
        return number


class ListField(TextField):
    """Several short values separated by commas (``LT-1, LT-2``); empty reads as []."""

    def __init__(self, name: str, label: str, *, placeholder: str = "", hint: str | None = None) -> None:
        super().__init__(name, label, placeholder=placeholder, hint=hint)

    def read(self) -> list[str]:
        return [part.strip() for part in self.raw().split(",") if part.strip()]

    def format(self, value: Any) -> str:
        if isinstance(value, (list, tuple)):
            return ", ".join(str(item) for item in value)
        return super().format(value)
