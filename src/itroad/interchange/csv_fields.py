"""From the text cells of one record to an itroad record, or problems naming columns.

Every source (Snipe-IT, Intune, any CSV) ends here: it says which column feeds
which field of :class:`~itroad.domain.models.Asset`, ``Renewal`` or ``Contract``,
and :class:`RecordBuilder` reads each cell with the one parser
(:mod:`itroad.domain.parse`, its *typed* strictness: ``$1,249.50``, ``1/23/23``),
then validates the whole record with the model. A problem names the column and
the value that caused it and says what was expected.
"""

from __future__ import annotations

import re
import types
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic.functional_validators import BeforeValidator

from itroad.domain.errors import ItroadError, error_field
from itroad.domain.incoming import ImportedRecord, Place, RecordKind, RowProblem
from itroad.domain.models import Asset, Contract, Person, Renewal
from itroad.domain.parse import (
    DateOrder,
    DecimalSeparator,
    ParseError,
    parse_money,
    parse_rate,
    parse_typed_date,
    parse_typed_money,
    parse_typed_rate,
    parse_typed_whole,
)
from itroad.interchange.problems import describe_error

MODELS: dict[RecordKind, type[BaseModel]] = {
    "assets": Asset, "renewals": Renewal, "contracts": Contract,
}
#: The fields of a record that hold a person (an email or a name).
PERSON_FIELDS = {"assigned_to", "owner"}
#: The key of each kind: what makes a row the same record on a second import.
KEYS: dict[RecordKind, tuple[str, ...]] = {
    "assets": ("tag",), "renewals": ("name", "vendor"), "contracts": ("title", "vendor"),
}

FieldKind = Literal["text", "money", "rate", "date", "whole", "flag", "enum", "list"]


@dataclass(frozen=True)
class ReadOptions:
    """How a file writes its values (the command's options, or a mapping file's)."""

    date_order: DateOrder = "mdy"
    decimal_separator: DecimalSeparator = "."
    #: The client's currency, when known: an amount in another currency is refused.
    currency: str | None = None
    #: Whether a date may carry a time of day (dropped): Snipe-IT and Intune write one.
    time_allowed: bool = False


def _kind_of(annotation: Any, metadata: list[Any]) -> FieldKind:
    validators = [m.func for m in metadata if isinstance(m, BeforeValidator)]
    if get_origin(annotation) in (Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        annotation = args[0]
    origin = get_origin(annotation)
    if origin is list:
        return "list"
    if hasattr(annotation, "__metadata__"):  # Annotated, inside an Optional
        validators += [m.func for m in annotation.__metadata__ if isinstance(m, BeforeValidator)]
        annotation = get_args(annotation)[0]
    if parse_money in validators:
        return "money"
    if parse_rate in validators:
        return "rate"
    if annotation is date:
        return "date"
    if annotation is bool:
        return "flag"
    if annotation is int:
        return "whole"
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return "enum"
    return "text"


def field_kinds(model: type[BaseModel]) -> dict[str, FieldKind]:
    """Each field of a record model and how its cell is read."""
    return {name: _kind_of(info.annotation, list(info.metadata))
            for name, info in model.model_fields.items()}


def field_enum(model: type[BaseModel], name: str) -> type[Enum] | None:
    annotation = model.model_fields[name].annotation
    for candidate in (annotation, *get_args(annotation)):
        if isinstance(candidate, type) and issubclass(candidate, Enum):
            return candidate
    return None


_TRUE = {"true", "yes", "y", "1", "x"}
_FALSE = {"false", "no", "n", "0", ""}
#: A number a spreadsheet shortened into an exponent (``6.37702E+15``): digits lost.
_MANGLED = re.compile(r"[0-9](?:[.,][0-9]+)?[Ee]\+[0-9]{1,3}")


def mangled_number(text: str) -> bool:
    """Whether ``text`` looks like a long number a spreadsheet wrote as an exponent."""
    return bool(_MANGLED.fullmatch(text.strip()))


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def mangled_notice(what: str, value: str, source_name: str) -> str:
    """The notice of a cell :func:`mangled_number` finds: ``serial "6.37702E+15" looks
    like a long number a spreadsheet shortened (the digits after the 6th are lost):
    check it in Snipe-IT``; ``source_name`` is where the whole number is kept."""
    mantissa = re.split(r"[Ee]", value.strip())[0]
    digits = len(re.sub(r"\D", "", mantissa))
    return (f'{what} "{value.strip()}" looks like a long number a spreadsheet shortened (the '
            f"digits after the {_ordinal(digits)} are lost): check it in {source_name}")


def count(n: int, one: str, many: str) -> str:
    """``count(1, "device was", "devices were")`` -> ``"1 device was"``; 2 -> ``"2 devices were"``."""
    return f"{n} {one if n == 1 else many}"


#: A cell of a record: the column it is in (None when the file has no such column)
#: and its text.
Cell = tuple[str | None, str]


def person_of(place: Place, name: Cell, email: Cell) -> Person | RowProblem | None:
    """The person a record names by a name and an email (either may be empty): None
    when both are, else the person (named by the email until a name is known), or
    the problem naming the column at fault."""
    (name_column, name_text), (email_column, email_text) = name, email
    name_text, email_text = name_text.strip(), email_text.strip()
    if not (name_text or email_text):
        return None
    try:
        return Person(name=name_text or email_text, email=email_text or None)
    except ValidationError as exc:
        error = exc.errors()[0]
        if error["loc"][:1] == ("email",):
            return RowProblem(place, "expected an email address (name@example.org)",
                              email_column, email_text)
        column, text = (name_column, name_text) if name_text else (email_column, email_text)
        return RowProblem(place, f"a person's name {describe_error(error)}", column, text)


def split_list(text: str) -> list[str]:
    """A list cell (a contract's asset tags): one per line, else separated by ``;``."""
    parts = text.splitlines() if "\n" in text or "\r" in text else text.split(";")
    return [part.strip() for part in parts if part.strip()]


def join_list(values: list[str]) -> str:
    """A list as a cell :func:`split_list` reads back (one value per line)."""
    return "\n".join(values)


class RecordBuilder:
    """Builds records of one kind from ``{field: (column, text)}``.

    >>> builder = RecordBuilder("assets", ReadOptions())
    >>> record, problems = builder.build(place, {"tag": ("Asset Tag", "LAP-1"), ...})
    """

    def __init__(self, kind: RecordKind, options: ReadOptions,
                 hint: Callable[[str], str] | None = None) -> None:
        self.kind = kind
        self.model = MODELS[kind]
        self.options = options
        self.kinds = field_kinds(self.model)
        #: What to add to a refusal the file's conventions would lift ("use --date-order dmy").
        self.hint = hint or (lambda what: "")
        self._enums = {name: field_enum(self.model, name) for name, k in self.kinds.items()
                       if k == "enum"}

    def value(self, name: str, text: str) -> Any:
        """The cell ``text`` as the value of field ``name``; :class:`ParseError` if it is not one.

        An empty cell is None (the field's default when the record is built).
        """
        kind = self.kinds[name]
        text = text.strip()
        if kind == "list":
            return split_list(text)
        if not text:
            return None
        o = self.options
        try:
            if kind == "money":
                return parse_typed_money(text, decimal_separator=o.decimal_separator,
                                         currency=o.currency)
            if kind == "date":
                return parse_typed_date(text, order=o.date_order, time_allowed=o.time_allowed)
            if kind == "whole":
                return parse_typed_whole(text)
            if kind == "rate":
                return parse_typed_rate(text, decimal_separator=o.decimal_separator)
        except ParseError as problem:
            hint = self.hint("date" if kind == "date" else "number") if problem.convention \
                or "decimal comma" in str(problem) or "decimal point" in str(problem) else ""
            said = str(problem).replace("this client's amounts", "this file's amounts")
            raise ParseError(f"{said}{hint}") from None
        if kind == "flag":
            folded = text.casefold()
            if folded in _TRUE or folded in _FALSE:
                return folded in _TRUE
            raise ParseError(f'expected yes or no (or true or false), got "{text}"')
        if kind == "enum":
            return self._enum(name, text)
        return text

    def _enum(self, name: str, text: str) -> Enum:
        enum = self._enums[name]
        assert enum is not None
        wanted = re.sub(r"[\s-]+", "_", text.strip().casefold())
        for member in enum:
            if wanted in (str(member.value).casefold(), member.name.casefold()):
                return member
        choices = ", ".join(str(m.value) for m in enum)
        raise ParseError(f'unknown {name.replace("_", " ")} "{text}" (expected one of: {choices})')

    def build(self, place: Place, cells: Mapping[str, tuple[str, str]],
              values: Mapping[str, Any] | None = None,
              columns: Mapping[str, str] | None = None
              ) -> tuple[ImportedRecord | None, list[RowProblem]]:
        """A record from ``cells`` (``{field: (column, text)}``) and ``values`` (fields a
        source worked out itself, such as a warranty end); or the problems, one per
        column at fault. ``columns`` (field -> column) names the column a field of
        ``values`` came from, for its problems."""
        fields: dict[str, Any] = {}
        problems: list[RowProblem] = []
        for name, (column, text) in cells.items():
            try:
                value = self.value(name, text)
            except ParseError as problem:
                problems.append(RowProblem(place, str(problem), column, text))
                continue
            if value is not None and value != []:
                fields[name] = value
        if problems:
            return None, problems
        fields.update({k: v for k, v in (values or {}).items() if v is not None})
        try:
            return self.model.model_validate(fields), []  # type: ignore[return-value]
        except ValidationError as exc:
            return None, [self._problem(place, cells, fields, columns or {}, error)
                          for error in exc.errors()]

    def _problem(self, place: Place, cells: Mapping[str, tuple[str, str]],
                 fields: Mapping[str, Any], columns: Mapping[str, str], error: Any
                 ) -> RowProblem:
        name = error_field(error)
        column: str | None = None
        text: str | None = None
        if name is not None and name in cells:
            column, text = cells[name]
        elif name is not None:
            column = columns.get(name)
            value = fields.get(name)
            text = value if isinstance(value, str) else None
        message = describe_error(error)
        if error["type"] == "missing":
            message = f"{name} is required" + ("" if column else
                                               f" (no column of the file gives {name})")
            return RowProblem(place, message, column, None)
        if column is None and name:
            message = f"{name}: {message}"
        return RowProblem(place, message, column, text or None)


def problem_of(place: Place, exc: ItroadError, column: str | None = None,
               value: str | None = None) -> RowProblem:
    """An error raised about one record, as a problem of it."""
    return RowProblem(place, str(exc), column, value)
