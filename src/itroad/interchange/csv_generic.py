"""Any CSV file as assets, renewals or contracts (``itroad import csv``).

A column named like one of itroad's fields is read as that field: the case,
spaces and punctuation do not matter (``Purchase Date`` and ``PurchaseDate`` are
``purchase_date``, compared by :func:`~itroad.interchange.csv_file.header_key`).
Other columns go through a mapping file
(:mod:`~itroad.interchange.csv_mapping`); a column that feeds nothing is
reported once, never dropped silently. A ``client`` column (itroad's own export
of several clients writes one) gives each record's client code; ``--client``
gives the client of records without one. A mapping's ``[values]`` fill a field
where the file gives none (no column, or an empty cell): a new record takes them,
one already in itroad keeps its own value. Cells are read back from what itroad's export writes
(:func:`~itroad.interchange.csv_file.unformula`), so an export imports as the
same records.

How the file writes its values comes from the command line, else from the
mapping, else the defaults (``,`` or the delimiter the header uses, a decimal
point, month first, UTF-8): every option is None when not given.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from itroad.domain.incoming import ClientKey, Incoming, Place, ReadItem, RecordKind, RowProblem, client_code
from itroad.domain.models import Person
from itroad.domain.parse import DateOrder, ParseError
from itroad.interchange.csv_fields import (
    KEYS,
    MODELS,
    PERSON_FIELDS,
    ReadOptions,
    RecordBuilder,
    mangled_notice,
    mangled_number,
    person_of,
)
from itroad.interchange.csv_file import CsvFileError, CsvRecord, Header, header_key, unformula
from itroad.interchange.csv_mapping import CsvMapping, CsvMappingError, named_delimiter, toml_key
from itroad.interchange.csv_source import CsvSource

#: The column that names each record's client.
CLIENT_COLUMN = "client"


def required_fields(kind: RecordKind) -> list[str]:
    """The fields a record of ``kind`` cannot do without, in model order."""
    return [name for name, info in MODELS[kind].model_fields.items() if info.is_required()]


def person_named(place: Place, column: str | None, value: str) -> Person | RowProblem | None:
    """The person a record's ``assigned_to`` or ``owner`` names: an email when it is one
    (then also the person's name until one is known), else a name."""
    if "@" in value:
        found = person_of(place, (column, value), (column, value))
        if isinstance(found, Person):
            return found
    return person_of(place, (column, value), (column, ""))


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
        delimiter = named_delimiter(delimiter) if delimiter else given.delimiter
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
        known = {header_key(name): name for name in builder.kinds}
        feeds: dict[str, list[str]] = {}
        used: set[str] = set()
        for name in header.names:
            mapped = self.mapping.fields_of(name) if self.mapping else None
            if mapped is not None:
                used.add(name)
                for target in mapped:
                    feeds.setdefault(target, []).append(name)
            elif header_key(name) in known:
                used.add(name)
                feeds.setdefault(known[header_key(name)], []).append(name)
            elif header_key(name) == CLIENT_COLUMN and self.client_column is None:
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
                        if header_key(column) == header_key(target)}
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
        # A mapping's value stands in for an empty cell, or a field without a column.
        fixed = {name: value for name, value in self.fixed.items()
                 if not cells.get(name, ("", ""))[1].strip()}
        for name in fixed:
            cells.pop(name, None)
        fixed_keys = {name: self._fixed_key(name) for name in fixed}
        built, problems = self._builder.build(place, cells, fixed, fixed_keys)
        if built is None:
            yield from problems
            return
        people: list[Person] = []
        for name in sorted(PERSON_FIELDS & (set(cells) | set(fixed))):
            value = getattr(built, name, None)
            if not value:
                continue
            column = cells[name][0] if name in cells else fixed_keys[name]
            person = person_named(place, column, value)
            if isinstance(person, RowProblem):
                yield person
                return
            if person is not None:
                people.append(person)
        notices = tuple(
            mangled_notice(name.replace("_", " "), text,
                           "the original (format the column as text before saving)")
            for name, (column, text) in cells.items()
            if self._builder.kinds[name] == "text" and mangled_number(text))
        yield Incoming(place, client, built, frozenset(cells), tuple(people), notices,
                       columns={**dict(self.sources), **fixed_keys},
                       fills=frozenset(fixed))

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
