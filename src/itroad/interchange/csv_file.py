"""Reading a CSV file as the tools people keep inventories in write it, one record at a time.

:class:`CsvFile` streams a file (memory does not grow with it) and yields each
record as a :class:`CsvRecord`: its number, the line it starts on, and its
cells by column name. It takes what spreadsheets, Snipe-IT, Intune, GLPI and
Lansweeper write: UTF-8 with or without a byte-order mark (or another encoding
when told, e.g. ``cp1252``), CRLF, LF or old-Mac CR line endings, quoted cells
holding delimiters, doubled quotes and line breaks, blank lines, trailing empty
columns, and a delimiter of ``,``, ``;``, tab or ``|`` (read from the header line
when not given).

A file that cannot be read as CSV raises :class:`CsvFileError`, one sentence
naming the file and where (the byte offset of text that is not in the encoding,
the line of a broken record).
"""

from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from io import BufferedReader
from pathlib import Path
from typing import BinaryIO

from itroad.domain.errors import ItroadError

#: The delimiters a file may use (``--delimiter``), and the one taken when the header says nothing.
DELIMITERS = (",", ";", "\t", "|")
DEFAULT_DELIMITER = ","
#: The longest cell read, in characters (csv's own limit is 128 KiB; notes can be long).
MAX_CELL = 1_000_000
#: The longest line read, in characters: a file with longer lines is not a CSV file.
MAX_LINE = 16 * 2**20
_CHUNK = 1 << 20
#: How a workbook (.xlsx, .ods: a zip file) or an old .xls begins.
_WORKBOOK = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)")


_NOT_KEY = re.compile(r"[\W_]+")


def header_key(name: str) -> str:
    """A column name as sources compare them, without regard to case, spaces and
    punctuation: ``"Model No."`` -> ``"modelno"``, ``"asset_tag"`` -> ``"assettag"``."""
    return _NOT_KEY.sub("", name.casefold())


class CsvFileError(ItroadError):
    """A file that cannot be read as CSV; the message names the file and where."""


def encoding_known(name: str) -> bool:
    """Whether ``name`` is a text encoding Python knows (not a codec such as base64)."""
    try:
        return codecs.lookup(name)._is_text_encoding
    except LookupError:
        return False


@dataclass(frozen=True)
class CsvRecord:
    """One record: ``number`` counts records from 1, ``line`` is where it starts.

    ``cells`` has a value (stripped of surrounding spaces) for every named column
    of the header, ``""`` for a cell the record leaves out.
    """

    number: int
    line: int
    cells: dict[str, str]


@dataclass
class Header:
    """The header line, made usable.

    ``names`` are the columns, in order, each once: a name the header repeats is
    kept as ``Name (column 9)`` after its first use, and listed in
    ``repeated``. Columns without a name are left out of ``names`` (their
    positions are in ``unnamed``; a value under one is counted in
    ``unnamed_values``).
    """

    names: list[str]
    positions: list[int]
    repeated: dict[str, list[int]] = field(default_factory=dict)
    unnamed: list[int] = field(default_factory=list)
    unnamed_values: int = 0

    @classmethod
    def of(cls, cells: list[str]) -> Header:
        names: list[str] = []
        positions: list[int] = []
        seen: dict[str, int] = {}
        repeated: dict[str, list[int]] = {}
        unnamed: list[int] = []
        for i, raw in enumerate(cells):
            name = raw.strip()
            if not name:
                unnamed.append(i)
                continue
            key = name.casefold()
            if key in seen:
                repeated.setdefault(cells[seen[key]].strip(), [seen[key] + 1]).append(i + 1)
                name = f"{name} (column {i + 1})"
            else:
                seen[key] = i
            names.append(name)
            positions.append(i)
        return cls(names, positions, repeated, unnamed)

    def column_number(self, name: str) -> int:
        """The 1-based position of a column in the file."""
        return self.positions[self.names.index(name)] + 1


class _Lines:
    """The physical lines of a binary file, decoded, each with its line ending.

    Counts the bytes read (for progress) and turns a decoding failure into a
    :class:`CsvFileError` naming the byte offset.
    """

    def __init__(self, stream: BinaryIO, path: str, encoding: str) -> None:
        self.stream = stream
        self.path = path
        self.encoding = encoding
        self.bytes_read = 0
        self.decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
        self.bom = codecs.lookup(encoding).name == "utf-8"

    def _decode(self, chunk: bytes, final: bool) -> str:
        pending = len(self.decoder.getstate()[0])
        try:
            return self.decoder.decode(chunk, final)
        except UnicodeDecodeError as exc:
            offset = self.bytes_read - len(chunk) - pending + exc.start
            hint = " (if it was saved by Excel or Windows, try --encoding cp1252)" \
                if self.bom else ""
            raise CsvFileError(f"{self.path}: not {self.encoding} text at byte {offset}{hint}") \
                from None

    def _read(self) -> bytes:
        try:
            return self.stream.read(_CHUNK)
        except OSError as exc:
            raise CsvFileError(f"{self.path}: cannot read the file ({exc.strerror})") from None

    def __iter__(self) -> Iterator[str]:
        pending: list[str] = []  # the start of a line that no chunk has ended yet
        waiting = 0
        lines = 0
        first = True
        while True:
            chunk = self._read()
            self.bytes_read += len(chunk)
            text = self._decode(chunk, final=not chunk)
            if first and text:
                first = False
                if self.bom and text.startswith("\ufeff"):
                    text = text[1:]
            if not chunk:
                tail = "".join(pending) + text
                if tail:
                    yield tail
                return
            # Up to the last line break (a \r at the very end may be the half of a \r\n).
            body = text[:-1] if text.endswith("\r") else text
            cut = max(body.rfind("\n"), body.rfind("\r")) + 1
            if cut == 0:
                pending.append(text)
                waiting += len(text)
                if waiting > MAX_LINE:
                    raise CsvFileError(f"{self.path}: line {lines + 1} is longer than "
                                       f"{MAX_LINE:,} characters (is it a CSV file?)")
                continue
            head = "".join(pending) + text[:cut]
            pending, waiting = [text[cut:]], len(text) - cut
            for found in _LINE.finditer(head):
                lines += 1
                yield found.group()


class CsvFile:
    """A CSV file to read record by record; open it with ``with``.

    >>> with CsvFile("export.csv") as sheet:
    ...     for record in sheet:
    ...         record.cells["Asset Tag"]
    """

    def __init__(self, path: Path | str, *, encoding: str = "utf-8",
                 delimiter: str | None = None) -> None:
        self.path = Path(path)
        self.name = str(path)
        if not encoding_known(encoding):
            raise CsvFileError(f'unknown encoding "{encoding}" (for example utf-8 or cp1252)')
        if delimiter is not None and delimiter not in DELIMITERS:
            raise CsvFileError(f'unsupported delimiter "{delimiter}" (use one of , ; tab |)')
        self.encoding = encoding
        self.delimiter = delimiter
        self._stream: BufferedReader | None = None
        self._lines: _Lines | None = None
        self._rows: Iterator[list[str]] | None = None
        self.header = Header([], [])
        self.total_bytes = 0

    # -- opening ---------------------------------------------------------------------

    def __enter__(self) -> CsvFile:
        self.open()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def open(self) -> None:
        try:
            if self.path.is_dir():
                raise CsvFileError(f"{self.name}: is a folder, not a CSV file")
            self._stream = self.path.open("rb")
            self.total_bytes = self.path.stat().st_size
        except FileNotFoundError:
            raise CsvFileError(f"{self.name}: no such file") from None
        except OSError as exc:
            raise CsvFileError(f"{self.name}: cannot read the file ({exc.strerror})") from None
        self._lines = _Lines(self._stream, self.name, self.encoding)
        lines = iter(self._lines)
        try:
            magic = self._stream.peek(4)[:4]  # a pipe (<(cat file)) cannot seek back
        except OSError as exc:
            raise CsvFileError(f"{self.name}: cannot read the file ({exc.strerror})") from None
        if magic in _WORKBOOK:
            raise CsvFileError(f"{self.name}: is a spreadsheet workbook, not CSV: save it as "
                               "CSV first (in Excel: Save As, CSV UTF-8)")
        first = next(lines, "")
        blank = 0
        while first.strip() == "":  # blank lines above the header
            if first == "":
                raise CsvFileError(f"{self.name}: the file is empty (expected a header line "
                                   "naming the columns)")
            blank += 1
            first = next(lines, "")
        self.delimiter = self.delimiter or sniff_delimiter(first)
        csv.field_size_limit(MAX_CELL)
        self._line_iter = _Chain(first, lines, blank)
        self._rows = csv.reader(self._line_iter, delimiter=self.delimiter, strict=True,
                                skipinitialspace=True)
        self.header = Header.of(self._next_row(blank + 1) or [])

    def close(self) -> None:
        if self._stream is not None:
            self._stream.close()
            self._stream = None

    @property
    def bytes_read(self) -> int:
        return self._lines.bytes_read if self._lines else 0

    # -- reading ---------------------------------------------------------------------

    def _next_row(self, start: int) -> list[str] | None:
        """The next row, which starts on line ``start``."""
        assert self._rows is not None
        try:
            return next(self._rows)
        except StopIteration:
            return None
        except _LineProblem as exc:
            raise CsvFileError(f"{self.name}: {exc}") from None
        except csv.Error as exc:
            raise CsvFileError(f"{self.name}: {_csv_problem(str(exc), start, self._line_iter.count)}"
                               ) from None

    def __iter__(self) -> Iterator[CsvRecord]:
        if self._rows is None:
            self.open()
        header = self.header
        width = len(header.positions) + len(header.unnamed)
        number = 0
        while True:
            start = self._line_iter.count + 1
            row = self._next_row(start)
            if row is None:
                return
            if not any(cell.strip() for cell in row):
                continue  # a blank line, or a row of empty cells
            number += 1
            if len(row) > width and any(cell.strip() for cell in row[width:]):
                raise CsvFileError(
                    f"{self.name}: record {number} (line {start}) has {len(row)} values but "
                    f"the header names {width} columns (is a delimiter inside an unquoted "
                    "value, or is the delimiter another one? see --delimiter)")
            for i in header.unnamed:
                if i < len(row) and row[i].strip():
                    header.unnamed_values += 1
            cells = {name: (row[i].strip() if i < len(row) else "")
                     for name, i in zip(header.names, header.positions)}
            yield CsvRecord(number, start, cells)


class _LineProblem(CsvFileError):
    """A line that is not text (said without the file's name, which the reader adds)."""


class _Chain:
    """The header line, then the rest, counting the lines handed to csv."""

    def __init__(self, first: str, rest: Iterator[str], skipped: int) -> None:
        self.first: str | None = first
        self.rest = rest
        self.count = skipped

    def __iter__(self) -> _Chain:
        return self

    def __next__(self) -> str:
        if self.first is not None:
            line, self.first = self.first, None
        else:
            line = next(self.rest)
        self.count += 1
        if "\0" in line:
            raise _LineProblem(f"line {self.count}: has a NUL character, which text files do "
                               "not have (is it a CSV file?)")
        return line


def _csv_problem(error: str, start: int, line: int) -> str:
    """What Python's csv reader said, in the user's words."""
    if "unexpected end of data" in error:
        return (f"line {start}: a quote opens a value that is never closed (the rest of the "
                "file would be read into it); close it, or double a quote meant as text")
    if "expected after" in error:
        return (f"line {line}: a quoted value is followed by more text before the next "
                'delimiter; quote the whole value (a quote inside it doubled: "5"" screen")')
    if "field larger than field limit" in error:
        return f"line {start}: a value is longer than {MAX_CELL:,} characters"
    return f"line {line}: cannot be read as CSV ({error})"


def sniff_delimiter(header_line: str) -> str:
    """The delimiter a header line uses: the one of :data:`DELIMITERS` it has most of
    outside quotes (``,`` when it has none: a file of one column)."""
    outside = re.sub(r'"[^"]*"', "", header_line)
    counts = {d: outside.count(d) for d in DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else DEFAULT_DELIMITER


# -- cells a spreadsheet would run ---------------------------------------------------

#: The first characters that make a spreadsheet read a cell as a formula (OWASP,
#: "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _needs_quote(value: str) -> bool:
    if value.startswith(FORMULA_STARTS):
        return True
    return value.startswith("'") and _needs_quote(value[1:])


def formula_safe(value: str) -> str:
    """A cell a spreadsheet shows as text: a value it would run as a formula gets a
    leading ``'``, as OWASP advises (and so does one that would read back as such)."""
    return "'" + value if _needs_quote(value) else value


def unformula(value: str) -> str:
    """Undo exactly :func:`formula_safe`: ``unformula(formula_safe(v)) == v`` for every ``v``."""
    return value[1:] if value.startswith("'") and _needs_quote(value[1:]) else value
