"""The choices of a CSV import, as ``itroad import`` and the Import screen both take them.

:class:`ImportChoices` holds what the command line's options or the screen's fields
say; :func:`build_source` makes the reader they name (Snipe-IT, Intune, any CSV), so
that both faces read a file the same way. :func:`reading_lines` words what a reading
found, for the report of either face. Nothing here touches the database: Intune's
serial numbers are given by the caller (``store.lookups.serial_tags``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

from itroad.domain.errors import ItroadError
from itroad.domain.incoming import RECORD_KINDS, client_code
from itroad.domain.models import Client
from itroad.domain.parse import DateOrder
from itroad.interchange.csv_fields import ReadOptions
from itroad.interchange.csv_generic import GenericCsvSource
from itroad.interchange.csv_mapping import CsvMapping, load_mapping
from itroad.interchange.csv_source import CsvSource
from itroad.interchange.intune import IntuneSource
from itroad.interchange.snipeit import SnipeitKind, SnipeitSource

SourceName = Literal["snipeit", "intune", "csv"]
SNIPEIT_KINDS: tuple[SnipeitKind, ...] = ("assets", "licenses")


class ImportChoiceError(ItroadError):
    """Choices that cannot make a source (no path, Intune without a client, a client
    code that is not one)."""


@dataclass(frozen=True)
class ImportChoices:
    """What the options or the fields say.

    ``kind`` is Snipe-IT's ``assets`` or ``licenses`` (None: told by the header) or
    a CSV's ``assets``, ``renewals`` or ``contracts`` (None: the mapping's). ``client``
    None: Snipe-IT's Company column (one client per company), a CSV's ``client``
    column. ``date_order`` and ``decimal_comma`` None and an empty ``encoding``: the
    mapping's (a CSV), else month first, a decimal point, UTF-8. ``mapping`` is the
    name of a shipped mapping or a path (a CSV's columns, Intune's categories).
    """

    path: str
    source: SourceName = "snipeit"
    kind: str | None = None
    client: str | None = None
    date_order: DateOrder | None = None
    decimal_comma: bool | None = None
    encoding: str = ""
    #: None: the mapping's, else the one the header line uses.
    delimiter: str | None = None
    mapping: str = ""
    enrolled_as_purchased: bool = False
    #: Intune: personally owned devices too.
    include_personal: bool = False

    @property
    def file(self) -> Path:
        """The path typed, ``~`` expanded."""
        return Path(self.path.strip()).expanduser()


def client_code_problem(code: str) -> str | None:
    """Why ``code`` cannot be a client's code (the rule of :class:`~itroad.domain.models.Client`),
    with the code its letters would make; None when it can."""
    try:
        Client(code=code, name="client")
    except ValueError:
        return (f'"{code}" is not a client code: use lower-case letters, digits and hyphens, '
                f'such as "{client_code(code)}"')
    return None


def build_source(choices: ImportChoices, *, as_of: date,
                 serial_tags: Mapping[str, str] | None = None) -> CsvSource:
    """The reader of ``choices``' file; ``as_of`` decides which Snipe-IT licenses have
    expired, ``serial_tags`` (serial -> tag) the assets Intune's devices match. Raises
    :class:`ImportChoiceError`, ``CsvMappingError`` and ``CsvFileError`` (an unknown
    encoding, a kind the mapping contradicts)."""
    if not choices.path.strip():
        raise ImportChoiceError("Type the path of the CSV file to import.")
    client = choices.client.strip() if choices.client else None
    if client is not None:
        problem = client_code_problem(client)
        if problem:
            raise ImportChoiceError(f"The client: {problem}.")
    path = choices.file
    encoding = choices.encoding.strip() or None
    mapping = load_mapping(choices.mapping.strip()) if choices.mapping.strip() else None
    options = ReadOptions(date_order=choices.date_order or "mdy",
                          decimal_separator="," if choices.decimal_comma else ".")
    if choices.source == "snipeit":
        kind = next((k for k in SNIPEIT_KINDS if k == choices.kind), None)
        return SnipeitSource(path, as_of=as_of, kind=kind, client=client,
                             encoding=encoding or "utf-8", delimiter=choices.delimiter,
                             options=options)
    if choices.source == "intune":
        if not client:
            raise ImportChoiceError("Intune's export names no client: choose the client "
                                    "the devices belong to.")
        source = IntuneSource(path, client=client, encoding=encoding or "utf-8",
                              delimiter=choices.delimiter, options=options,
                              enrolled_as_purchased=choices.enrolled_as_purchased,
                              categories=mapping.categories if mapping else None,
                              serial_tags=serial_tags,
                              include_personal=choices.include_personal)
        if mapping is not None:
            source.notices.extend(_unused_by_intune(mapping))
        return source
    record_kind = next((kind for kind in RECORD_KINDS if kind == choices.kind), None)
    return GenericCsvSource(path, kind=record_kind, client=client, mapping=mapping,
                            decimal_comma=choices.decimal_comma, date_order=choices.date_order,
                            encoding=encoding, delimiter=choices.delimiter)


def _unused_by_intune(mapping: CsvMapping) -> list[str]:
    """What an Intune import does not take of a mapping (it reads only [categories])."""
    settings = {"kind": mapping.kind, "delimiter": mapping.delimiter,
                "encoding": mapping.encoding, "decimal_comma": mapping.decimal_comma,
                "date_order": mapping.date_order}
    parts = [name for name, value in settings.items() if value is not None]
    parts += [f"[{table}]" for table, entries in (("columns", mapping.columns),
                                                  ("values", mapping.values)) if entries]
    if not parts:
        return []
    named = parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"
    verb = "is" if len(parts) == 1 and not parts[0].startswith("[") else "are"
    return [f"the mapping's {named} {verb} not used by an Intune import; only its "
            "[categories] are"]


def reading_lines(file: str, *, records: int, label: str, unused: Sequence[str],
                  notices: Sequence[str]) -> list[str]:
    """What reading ``file`` found, a line each: the records read, the columns that fed
    nothing, the notices about the file as a whole."""
    lines = [f"{file}: {records:,} record{'' if records == 1 else 's'} read as {label}"]
    if unused:
        names = ", ".join(f'"{name}"' for name in unused)
        lines.append(f"columns not imported (they feed no field of itroad): {names}")
    lines.extend(notices)
    return lines
