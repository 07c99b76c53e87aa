"""What every CSV source (Snipe-IT, Intune, any CSV) shares: the file, the columns
it uses and those it does not, the client of each record, and how a file's
problems become :class:`~itroad.domain.incoming.RowProblem` lines.

A source is iterated once and yields a :class:`~itroad.domain.incoming.ReadItem`
per record; the store's importer (``store/record_import.py``) writes them. Its
``sheet`` tells how far the reading is (bytes read of the total), for a
progress bar.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from itroad.domain.incoming import ClientKey, Place, ReadItem, RecordKind, RowProblem
from itroad.interchange.csv_fields import ReadOptions, RecordBuilder
from itroad.interchange.csv_file import CsvFile, CsvFileError, CsvRecord, Header


def option_hint(what: str) -> str:
    """How to declare a file's convention on the command line (the TUI has the same
    choices by these names)."""
    if what == "date":
        return " (for day-first dates use --date-order dmy)"
    return " (for a decimal comma use --decimal-comma)"


class CsvSource:
    """A CSV file read as records of one kind.

    Subclasses decide the kind and the columns in :meth:`prepare` (given the
    header) and turn each record into items in :meth:`read`.
    """

    #: What the source is, for the report ("Snipe-IT assets").
    label = "CSV"

    def __init__(self, path: Path | str, *, client: str | None = None,
                 encoding: str = "utf-8", delimiter: str | None = None,
                 options: ReadOptions | None = None) -> None:
        self.sheet = CsvFile(path, encoding=encoding, delimiter=delimiter)
        self.file = str(path)
        self.client = client
        self.options = options or ReadOptions()
        self.kind: RecordKind = "assets"
        #: column -> field, for the columns the source reads as they are.
        self.columns: dict[str, str] = {}
        #: Columns of the file that feed nothing, reported once.
        self.unused: list[str] = []
        #: Things the report says about the file as a whole.
        self.notices: list[str] = []
        self.records = 0

    # -- to override -----------------------------------------------------------------

    def prepare(self, header: Header) -> list[RowProblem]:
        """Decide the kind and the columns from the header; problems of the file as a whole."""
        raise NotImplementedError

    def read(self, record: CsvRecord, place: Place) -> Iterator[ReadItem]:
        """The items of one record of the file."""
        raise NotImplementedError

    # -- shared ----------------------------------------------------------------------

    def builder(self) -> RecordBuilder:
        return RecordBuilder(self.kind, self.options, hint=option_hint)

    def file_problem(self, message: str, column: str | None = None) -> RowProblem:
        return RowProblem(None, message, column, file=self.file)

    def client_of(self, company: str | None) -> ClientKey | None:
        """The client of a record: ``--client`` (named after ``company`` when created),
        else the client named ``company``; None when neither is known."""
        company = (company or "").strip() or None
        if self.client:
            return ClientKey(code=self.client, name=company)
        if company:
            return ClientKey(name=company)
        return None

    def repeated_problems(self, header: Header, used: set[str]) -> list[RowProblem]:
        """A column the source reads must be named once in the header."""
        problems = []
        for name, positions in header.repeated.items():
            if name in used:
                where = " and ".join(str(p) for p in positions)
                problems.append(self.file_problem(
                    f'the header names "{name}" {len(positions)} times (columns {where}); '
                    "rename all but one", name))
        return problems

    def note_unused(self, header: Header, used: set[str]) -> None:
        """Keep the columns of the header that feed nothing, to report them once."""
        self.unused = [name for name in header.names if name not in used]

    def __iter__(self) -> Iterator[ReadItem]:
        try:
            with self.sheet:
                problems = self.prepare(self.sheet.header)
                if problems:
                    yield from problems
                    return
                for record in self.sheet:
                    self.records += 1
                    yield from self.read(record, Place(self.file, record.number, record.line))
                unnamed = self.sheet.header.unnamed_values
                if unnamed:
                    self.notices.append(
                        f"{unnamed} value{'s were' if unnamed > 1 else ' was'} under a column "
                        "without a name, not imported")
        except CsvFileError as problem:
            yield RowProblem(None, str(problem))

