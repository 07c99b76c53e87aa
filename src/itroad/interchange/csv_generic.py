"""Any CSV file as assets, renewals or contracts (``itroad import csv``).

A column named like one of itroad's fields is read as that field: the case and
spaces, underscores and hyphens do not matter (``Purchase Date`` is
``purchase_date``). Other columns go through a mapping file
(:mod:`~itroad.interchange.csv_mapping`); a column that feeds nothing is
reported once, never dropped silently. A ``client`` column (itroad's own export
of several clients writes one) gives each record's client code; ``--client``
gives the client of records without one. Cells are read back from what itroad's export writes
(:func:`~itroad.interchange.csv_file.unformula`), so an export imports as the
same records.

How the file writes its values comes from the command line, else from the
mapping, else the defaults (``,`` or the delimiter the header uses, a decimal
point, month first, UTF-8): every option is None when not given.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from itroad.domain.incoming import ClientKey, Incoming, Place, ReadItem, RecordKind, RowProblem, client_code
from itroad.domain.models import Person
from itroad.domain.parse import DateOrder, ParseError
from itroad.interchange.csv_fields import (
    KEYS,
    MODELS,
    PERSON_FIELDS,
    ReadOptions,
    RecordBuilder,
    mangled_number,
)
from itroad.interchange.csv_file import CsvFileError, CsvRecord, Header, unformula
from itroad.interchange.csv_mapping import CsvMapping, CsvMappingError, toml_key
from itroad.interchange.csv_source import CsvSource
from itroad.interchange.problems import describe_error

#: The column that names each record's client.
CLIENT_COLUMN = "client"
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def field_key(column: str) -> str:
    """A column name as the field it names: ``"Purchase Date"`` -> ``"purchase_date"``."""
    return re.sub(r"[\s_-]+", "_", column.strip().casefold()).strip("_")


def required_fields(kind: RecordKind) -> list[str]:
    """The fields a record of ``kind`` cannot do without, in model order."""
    return [name for name, info in MODELS[kind].model_fields.items() if info.is_required()]


def person_of(value: str) -> Person:
    """The person a record's ``assigned_to`` or ``owner`` names: an email (then also the
    person's name until one is known) or a name. Raises ``ValidationError``."""
    email = value if _EMAIL.fullmatch(value) else None
    return Person(name=value, email=email)


class GenericCsvSource(CsvSource):
    """A CSV file of records of one kind, its columns named like itroad's fields or mapped.

    ``kind`` may be left to the mapping; when both say one and they differ the
    source is refused. Raises :class:`~itroad.interchange.csv_mapping.CsvMappingError`
    for a mapping that does not fit the kind, and
    :class:`~itroad.interchange.csv_file.CsvFileError` for options that cannot be
    used (no kind, an unknown encoding or delimiter).
    """

    label = "CSV"

    def __init__(self, path: Path | str, *, kind: RecordKind | None = None,
                 client: str | None = None, mapping: CsvMapping | None = None,
                 delimiter: str | None = None, decimal_comma: bool | None = None,
                 date_order: DateOrder | None = None, encoding: str | None = None,
                 currency: str | None = None) -> None:
        chosen = kind or (mapping.kind if mapping else None)
        if chosen is None:
            raise CsvFileError(f"{path}: which records does the file hold? Give --kind assets, "
                               "renewals or contracts")
        if mapping is not None:
            problems = mapping.problems(chosen)
            if problems:
                raise CsvMappingError(problems)
        given = mapping or CsvMapping(file="")
        if decimal_comma is None:
            decimal_comma = given.decimal_comma
        options = ReadOptions(date_order=date_order or given.date_order or "mdy",
                              decimal_separator="," if decimal_comma else ".",
                              currency=currency, time_allowed=False)
        delimiter = delimiter or given.delimiter
        if delimiter is not None and delimiter.casefold() == "tab":
            delimiter = "\t"
        super().__init__(path, client=client, encoding=encoding or given.encoding or "utf-8",
                         delimiter=delimiter, options=options)
        self.kind = chosen
        self.mapping = mapping
        self.label = f"CSV {chosen}"
        #: field -> the column that feeds it (named like the field, or mapped).
        self.sources: dict[str, str] = {}
        #: The column naming each record's client, when the file has one.
        self.client_column: str | None = None
        #: Fields the mapping fills where the file gives no value, as values.
        self.fixed: dict[str, Any] = {}
        self._builder = self.builder()

    # -- the header -------------------------------------------------------------------

    def prepare(self, header: Header) -> list[RowProblem]:
        builder = self._builder = self.builder()
        known = set(builder.kinds)
        feeds: dict[str, list[str]] = {}
        used: set[str] = set()
        for name in header.names:
            mapped = self.mapping.fields_of(name) if self.mapping else None
            if mapped is not None:
                used.add(name)
                for target in mapped:
                    feeds.setdefault(target, []).append(name)
            elif field_key(name) in known:
                used.add(name)
                feeds.setdefault(field_key(name), []).append(name)
            elif field_key(name) == CLIENT_COLUMN and self.client_column is None:
                used.add(name)
                self.client_column = name
        problems = self.repeated_problems(header, used)
        for target, names in feeds.items():
            if len(names) > 1:
                shown = " and ".join(f'"{n}"' for n in names)
                problems.append(self.file_problem(
                    f"columns {shown} both give {target}: keep one (or map the others to \"\" "
                    "in a mapping file)"))
        self.sources = {target: names[0] for target, names in feeds.items()}
        self.columns = {column: target for target, column in self.sources.items()
                        if field_key(column) == target}
        if self.mapping is not None:
            problems += self._fixed_values(builder)
        needed = required_fields(self.kind)
        missing = [name for name in needed if name not in self.sources and name not in self.fixed]
        if missing:
            keys = ", ".join(KEYS[self.kind])
            problems.append(self.file_problem(
                f"no column gives {', '.join(missing)}: records of {self.kind} need the columns "
                f"{', '.join(needed)} ({keys} tells one record from another); name the columns "
                "so, or map the file's columns to them with --map"))
        if not self.client and self.client_column is None:
            problems.append(self.file_problem(
                "which client are the records for? Give --client CODE, or a \"client\" column "
                "with each record's client code"))
        self.note_unused(header, used)
        return problems

    def _fixed_values(self, builder: RecordBuilder) -> list[RowProblem]:
        assert self.mapping is not None
        problems = []
        for name, text in self.mapping.values.items():
            try:
                value = builder.value(name, text)
            except ParseError as problem:
                problems.append(self.file_problem(
                    f'{self.mapping.file}: {toml_key("values", name)}: {problem}'))
                continue
            if value is not None and value != []:
                self.fixed[name] = value
        return problems

    # -- the records ------------------------------------------------------------------

    def read(self, record: CsvRecord, place: Place) -> Iterator[ReadItem]:
        client = self._client(record, place)
        if isinstance(client, RowProblem):
            yield client
            return
        cells: dict[str, tuple[str, str]] = {}
        for name, column in self.sources.items():
            text = unformula(record.cells[column])
            if name == "category" and self.mapping is not None and text:
                text = self.mapping.category(text)
            cells[name] = (column, text)
        fixed = {name: value for name, value in self.fixed.items()
                 if not cells.get(name, ("", ""))[1].strip()}
        built, problems = self._builder.build(place, cells, fixed)
        if built is None:
            yield from problems
            return
        people = []
        for name in sorted(PERSON_FIELDS & (set(self.sources) | set(fixed))):
            value = getattr(built, name, None)
            if not value:
                continue
            try:
                people.append(person_of(value))
            except ValidationError as exc:
                column, text = cells.get(name) or (self._fixed_key(name), value)
                reason = "; ".join(describe_error(e) for e in exc.errors())
                yield RowProblem(place, f"a person's name {reason}", column, text)
                return
        notices = tuple(
            f'column "{column}": "{text}" looks like a long number a spreadsheet shortened '
            "(digits may be lost; format the column as text before saving)"
            for name, (column, text) in cells.items()
            if self._builder.kinds[name] == "text" and mangled_number(text))
        given = frozenset(self.sources) | frozenset(self.fixed)
        yield Incoming(place, client, built, given, tuple(people), notices,
                       columns=dict(self.sources))

    def _fixed_key(self, name: str) -> str:
        return f'{self.mapping.file if self.mapping else ""}: {toml_key("values", name)}'

    def _client(self, record: CsvRecord, place: Place) -> ClientKey | RowProblem:
        code = unformula(record.cells[self.client_column]).strip() if self.client_column else ""
        if not code:
            if self.client:
                return ClientKey(code=self.client)
            column = self.client_column or CLIENT_COLUMN
            return RowProblem(place, "no client code (the cell is empty and no --client was "
                              "given)", column, None)
        if client_code(code) != code:
            return RowProblem(place, "not a client code (expected lower-case letters, digits "
                              f'and hyphens, like "{client_code(code)}")', self.client_column,
                              code)
        return ClientKey(code=code)
