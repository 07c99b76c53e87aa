"""What the Import screen runs in its worker: a CSV file read as records and imported.

:func:`~itroad.interchange.import_choices.build_source` makes the reader the screen's
choices name (Snipe-IT, Intune, any CSV), the one ``itroad import`` uses;
:func:`run_import` reads the file through it and hands the records to
:func:`~itroad.store.record_import.import_records` (``dry_run`` for a check), with
its own read-write connection, reporting progress as it goes. Nothing here imports
Textual, so it is tested without a Pilot; the preview's cells are plain
:class:`rich.text.Text` (never markup).

A run can be stopped (``stop()`` returning true) while the file is read: the
reading raises :class:`ImportStopped`, and the import's one transaction is rolled
back, so nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from rich.text import Text

from itroad.domain.incoming import Incoming, ReadItem, RecordKind
from itroad.interchange.csv_mapping import CsvMappingError
from itroad.interchange.csv_source import CsvSource
from itroad.interchange.import_choices import (
    ImportChoices,
    SourceName,
    build_source,
    reading_lines,
)
from itroad.store import open_database
from itroad.store.lookups import serial_tags
from itroad.store.record_import import ImportProblems, RecordImportReport, import_records
from itroad.tui.cells import clean, date_cell, money_cell, text_cell

#: The sources the screen offers, as it names them.
SOURCES: dict[SourceName, str] = {"snipeit": "Snipe-IT", "intune": "Intune", "csv": "CSV"}
#: The delimiters the screen offers (None: as the header line or the mapping says).
DELIMITER_CHOICES: tuple[tuple[str, str], ...] = (
    (", comma", ","), ("; semicolon", ";"), ("tab", "\t"), ("| bar", "|"))
#: How many records the preview shows.
PREVIEW_ROWS = 5
#: How many records are read between two progress reports.
PROGRESS_EVERY = 200


class ImportStopped(Exception):
    """The user stopped the run while the file was read: nothing was written."""


@dataclass(frozen=True)
class Progress:
    """How far a run is: records read, bytes read of the file's size."""

    records: int
    bytes_read: int
    total_bytes: int


@dataclass
class ImportOutcome:
    """What a check (a dry run) or an import found.

    ``problems`` are the first problems, one line each, and ``total_problems``
    counts them all; ``report`` is None when there were problems (nothing
    written). ``preview`` holds the first records as they were read.
    """

    dry_run: bool
    #: The file read, as the problems name it.
    file: str = ""
    label: str = ""
    kind: RecordKind = "assets"
    records: int = 0
    preview: list[Incoming] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    total_problems: int = 0
    unused: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    report: RecordImportReport | None = None

    @property
    def ok(self) -> bool:
        """Nothing stands in the way of importing."""
        return self.report is not None and not self.total_problems

    @property
    def more_problems(self) -> int:
        return self.total_problems - len(self.problems)


def run_import(db_path: Path, choices: ImportChoices, *, as_of: date, dry_run: bool,
               progress: Callable[[Progress], None] | None = None,
               stop: Callable[[], bool] | None = None,
               every: int = PROGRESS_EVERY) -> ImportOutcome:
    """Read ``choices``' file and import it into ``db_path`` (``dry_run``: count, write
    nothing), with a connection of its own.

    ``progress`` is called every ``every`` records and once at the end; ``stop``
    is asked at each record, and when it says so :class:`ImportStopped` is raised
    (nothing written). A problem with a mapping is an outcome's problem; other
    refusals (``ItroadError``: no path, no client for Intune, a client code that
    cannot be one, a busy database, a read-only file) are raised.
    """
    outcome = ImportOutcome(dry_run=dry_run, file=str(choices.file))
    db = open_database(db_path)
    try:
        try:
            tags = serial_tags(db, choices.client.strip()) \
                if choices.source == "intune" and choices.client else None
            source = build_source(choices, as_of=as_of, serial_tags=tags)
        except CsvMappingError as error:
            outcome.problems, outcome.total_problems = list(error.problems), len(error.problems)
            return outcome
        outcome.label = source.label
        items = _watched(source, outcome, progress, stop, every)
        try:
            outcome.report = import_records(db, items, dry_run=dry_run)
        except ImportProblems as refused:
            outcome.problems = [str(problem) for problem in refused.problems]
            outcome.total_problems = refused.total
        outcome.kind = source.kind
        outcome.label = source.label
        outcome.records = source.records
        outcome.unused = list(source.unused)
        outcome.notices = list(source.notices)
        if progress is not None:
            progress(Progress(source.records, source.sheet.bytes_read, source.sheet.total_bytes))
        return outcome
    finally:
        db.close()


def _watched(source: CsvSource, outcome: ImportOutcome,
             progress: Callable[[Progress], None] | None, stop: Callable[[], bool] | None,
             every: int) -> Iterator[ReadItem]:
    """The source's items, the first records kept for the preview, progress told and
    ``stop`` obeyed on the way."""
    seen = 0
    for item in source:
        if stop is not None and stop():
            raise ImportStopped
        if isinstance(item, Incoming) and len(outcome.preview) < PREVIEW_ROWS:
            outcome.preview.append(item)
        seen += 1
        if progress is not None and seen % every == 0:
            progress(Progress(source.records, source.sheet.bytes_read, source.sheet.total_bytes))
        yield item
    outcome.records = source.records


# -- the preview -----------------------------------------------------------------------

#: The preview's columns: (heading, field), by kind; an asset file without purchases
#: (a device list) shows serials and people instead.
PREVIEW_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "assets": (("Tag", "tag"), ("Name", "name"), ("Category", "category"),
               ("Purchased", "purchase_date"), ("Cost", "purchase_cost")),
    "devices": (("Tag", "tag"), ("Name", "name"), ("Category", "category"),
                ("Serial", "serial"), ("Assigned to", "assigned_to")),
    "renewals": (("Name", "name"), ("Vendor", "vendor"), ("Next renewal", "next_renewal"),
                 ("Qty", "quantity"), ("Unit cost", "unit_cost")),
    "contracts": (("Title", "title"), ("Vendor", "vendor"), ("Start", "start"), ("End", "end"),
                  ("Amount", "amount")),
}
_LIMITS = {"tag": 20, "name": 24, "title": 24, "category": 14, "vendor": 18, "serial": 16,
           "assigned_to": 20}


def preview_table(outcome: ImportOutcome, *, with_client: bool
                  ) -> tuple[list[str], list[list[Text]]]:
    """The preview's headings and rows: each record's key fields as cells (literal text),
    and its client when the file names the clients (``with_client``)."""
    layout: str = outcome.kind
    given = outcome.preview[0].given if outcome.preview else frozenset()
    if layout == "assets" and not given & {"purchase_date", "purchase_cost"}:
        layout = "devices"
    columns = PREVIEW_COLUMNS[layout]
    headings = [heading for heading, _ in columns] + (["Client"] if with_client else [])
    rows = []
    for item in outcome.preview:
        cells = [_cell(getattr(item.record, name, None), name) for _, name in columns]
        if with_client:
            cells.append(text_cell(item.client.code or item.client.name, limit=20))
        rows.append(cells)
    return headings, rows


def _cell(value: object, name: str) -> Text:
    if isinstance(value, Decimal):
        return money_cell(value)
    if isinstance(value, date):
        return date_cell(value)
    if isinstance(value, int):
        return Text(str(value), justify="right", no_wrap=True)
    return text_cell(value, limit=_LIMITS.get(name, 24))


def problem_lines(outcome: ImportOutcome) -> list[str]:
    """The problems as the screen lists them, one line each (control characters shown),
    the file named by its name alone (the File field names it whole)."""
    prefix = f"{outcome.file}: "
    short = f"{Path(outcome.file).name}: "
    lines = [clean(short + problem.removeprefix(prefix) if problem.startswith(prefix) else problem)
             for problem in outcome.problems]
    if outcome.more_problems:
        lines.append(f"… and {outcome.more_problems:,} more")
    return lines


def ready_sentence(outcome: ImportOutcome) -> tuple[str, bool]:
    """The status line after a run, and whether it is good news."""
    records = f"{outcome.records:,} record{'' if outcome.records == 1 else 's'}"
    if outcome.total_problems:
        problems = f"{outcome.total_problems:,} problem{'' if outcome.total_problems == 1 else 's'}"
        return f"{problems}, nothing imported: fix, then check again (ctrl+r).", False
    if not outcome.dry_run:
        return f"Imported {records} of {outcome.label}.", True
    if not outcome.records:
        return "The file has no records: there is nothing to import.", False
    return f"{records} of {outcome.label} read, no problem: ctrl+s imports them.", True


def outcome_text(outcome: ImportOutcome) -> Text:
    """Problems, what the reading found (worded as ``itroad import`` words it) and the
    report, as literal text."""
    text = Text()

    def heading(words: str) -> None:
        if text:
            text.append("\n")
        text.append(words, style="bold")
        text.append("\n")

    if outcome.total_problems:
        heading(f"Problems ({outcome.total_problems:,}):")
        text.append("\n".join(problem_lines(outcome)))
        text.append("\n")
    if outcome.label and (outcome.records or not outcome.total_problems):
        heading("About the file:")
        lines = reading_lines(Path(outcome.file).name, records=outcome.records,
                              label=outcome.label, unused=outcome.unused, notices=outcome.notices)
        text.append("\n".join(clean(line) for line in lines))
        text.append("\n")
    if outcome.report is not None:
        heading("What the import would do:" if outcome.dry_run else "What the import did:")
        text.append("\n".join(clean(line) for line in outcome.report.describe().splitlines()))
    text.rstrip()
    return text
