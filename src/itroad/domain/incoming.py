"""Records read from a file on their way into the database (docs/architecture.md,
"Importing files").

A reader of a file (``interchange/``: Snipe-IT, Intune, any CSV) yields, for each
record of the file, either an :class:`Incoming` (a checked record, the client it
goes to, the people it names) or a :class:`RowProblem` (why it cannot be
imported); the store's importer writes the first and collects the second, so
that a file with any problem writes nothing. Both say where in the file they come
from, so every line of a report points at a record, a line and a column.
Pure data: no I/O.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

from itroad.domain.models import Asset, Contract, Person, Renewal

#: The kinds of record a CSV file can hold, as ``--kind`` names them.
RecordKind = Literal["assets", "renewals", "contracts"]
RECORD_KINDS: tuple[RecordKind, ...] = ("assets", "renewals", "contracts")


@dataclass(frozen=True)
class Place:
    """Where a record is in its file: ``inventory.csv: record 12 (line 14)``.

    ``record`` counts the file's records from 1 (the header is not one); ``line``
    is the physical line the record starts on (a quoted line break makes a
    record longer than a line, so the two differ).
    """

    file: str
    record: int
    line: int

    def __str__(self) -> str:
        return f"{self.file}: record {self.record} (line {self.line})"


@dataclass(frozen=True)
class ClientKey:
    """The client a record goes to.

    ``code`` when the user named the client (``--client CODE``, or a ``client``
    column of an itroad export): the client with that code, created when new and
    then named ``name`` (the file's Company column) or, when the file gives no
    one name, after the code. Else ``name``: the client of that name (matched
    case-insensitively), created when new with a code made from the name.
    """

    code: str | None = None
    name: str | None = None


ImportedRecord = Asset | Renewal | Contract


@dataclass(frozen=True)
class Incoming:
    """One record of a file, checked and ready to be written.

    ``given`` lists the record's fields the file has a column for: a record
    already in the database is updated in those only, so that a file without a
    Notes column does not wipe the notes kept in itroad. ``people`` are the
    people the record names (an asset's assigned person, a renewal's owner),
    matched in the client by email (else by name) and created when new.
    ``notices`` are things the report should say about this record without
    refusing it ("expired on 2025-03-31"). ``fills`` are fields written only where
    the database has none.
    """

    place: Place
    client: ClientKey
    record: ImportedRecord
    given: frozenset[str]
    people: tuple[Person, ...] = ()
    notices: tuple[str, ...] = ()
    #: The column each given field came from, for problems found when writing.
    columns: dict[str, str] = field(default_factory=dict)
    #: Fields the file fills in only where the record in the database has no value
    #: (Intune's enrollment date standing in for a missing purchase date).
    fills: frozenset[str] = frozenset()

    @property
    def kind(self) -> RecordKind:
        return kind_of(self.record)


def kind_of(record: ImportedRecord) -> RecordKind:
    if isinstance(record, Asset):
        return "assets"
    if isinstance(record, Renewal):
        return "renewals"
    return "contracts"


#: The most characters of a value a problem's line shows.
SHOWN_VALUE = 80


@dataclass(frozen=True)
class RowProblem:
    """Why a record (or the file, when ``place`` is None) cannot be imported.

    One line each: ``inventory.csv: record 12 (line 14), column "Purchase Date",
    value "2/30/2023": no such date (expected M/D/YYYY)``. A value longer than
    :data:`SHOWN_VALUE` characters is shown cut short (``value`` keeps it whole).
    """

    place: Place | None
    message: str
    column: str | None = None
    value: str | None = None
    file: str | None = None

    def __str__(self) -> str:
        parts = [str(self.place) if self.place else (self.file or "")]
        if self.column is not None:
            parts.append(f'column "{self.column}"')
        if self.value is not None:
            shown = self.value if len(self.value) <= SHOWN_VALUE else \
                self.value[:SHOWN_VALUE] + "…"
            parts.append(f'value "{shown}"')
        where = ", ".join(p for p in parts if p)
        return f"{where}: {self.message}" if where else self.message


#: What a reader yields for each record of a file.
ReadItem = Incoming | RowProblem


def client_code(name: str) -> str:
    """A client code made from a name: ``"Müller & Sons, Ltd."`` -> ``"muller-sons-ltd"``
    (lower-case letters, digits and hyphens, at most 40)."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    code = re.sub(r"[^a-z0-9]+", "-", plain.casefold()).strip("-")[:40].strip("-")
    return code or "client"
