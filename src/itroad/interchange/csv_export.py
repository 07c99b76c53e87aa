"""Records as a CSV sheet (``itroad export csv``), which ``itroad import csv`` reads back.

One row per record, headed by itroad's field names in the model's order; a
``client`` column first when the sheet holds several clients. Values are
written canonically (money ``1249.50``, dates ``2026-12-01``, flags
``true``/``false``, choices by their value, a list one item per line), and
every cell passes through :func:`~itroad.interchange.csv_file.formula_safe`, so
a spreadsheet never runs a cell as a formula. Importing the sheet
(:class:`~itroad.interchange.csv_generic.GenericCsvSource`) gives the same
records.

Lines end with CRLF, as RFC 4180 and spreadsheets write them; a line break
inside a cell is kept as it is (the cell is quoted).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import TextIO

from itroad.domain.incoming import ImportedRecord, RecordKind
from itroad.domain.models import Client
from itroad.domain.money import money_str
from itroad.interchange.csv_fields import MODELS, field_kinds, join_list
from itroad.interchange.csv_file import formula_safe

#: The first column of a sheet of several clients (each record's client code).
CLIENT_COLUMN = "client"
LINE_END = "\r\n"


def csv_header(kind: RecordKind, with_client: bool) -> list[str]:
    """The header of a sheet of ``kind``: the model's fields, ``client`` first if asked."""
    fields = list(MODELS[kind].model_fields)
    return [CLIENT_COLUMN, *fields] if with_client else fields


def cell(value: object, kind: str) -> str:
    """One value as the text of its cell (before :func:`formula_safe`)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, Decimal):
        return money_str(value) if kind == "money" else format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return join_list([str(v) for v in value])
    return str(value)


def csv_rows(clients: list[Client], kind: RecordKind) -> Iterator[list[str]]:
    """The header, then one row per record of ``kind`` of every client (a ``client``
    column first when there is more than one client)."""
    with_client = len(clients) > 1
    yield csv_header(kind, with_client)
    kinds = field_kinds(MODELS[kind])
    for client in clients:
        code = formula_safe(client.code)
        records: list[ImportedRecord] = getattr(client, kind)
        for record in records:
            cells = [formula_safe(cell(getattr(record, name), kinds[name])) for name in kinds]
            yield [code, *cells] if with_client else cells


def write_csv(rows: Iterable[list[str]], stream: TextIO) -> None:
    """Write ``rows`` as CSV (comma, CRLF, quoted where needed); open the file with
    ``newline=""`` so line breaks in cells stay as they are."""
    writer = csv.writer(stream, lineterminator=LINE_END)
    for row in rows:
        writer.writerow(row)


def template(kind: RecordKind) -> str:
    """An empty sheet of ``kind``: the header line only (``itroad export csv --template``)."""
    out = io.StringIO(newline="")
    write_csv([csv_header(kind, with_client=False)], out)
    return out.getvalue()
