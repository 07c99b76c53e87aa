"""``itroad import snipeit|intune|csv`` and ``itroad export csv``: inventories in and out as CSV.

Each import reads the file with its source (``interchange/``), hands the records to
the store's importer in one transaction, and prints what it added, updated and
left alone; a file with any problem is refused whole, one line per problem on
stderr, with the database unchanged (docs/architecture.md, "Importing files").
"""

from __future__ import annotations

import argparse
import io
import sys
from datetime import date
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from itroad.cli.database import database_path, reading, select_clients, writing
from itroad.cli.errors import EXIT_OK, EXIT_USAGE, CommandError, UsageError, one_line
from itroad.cli.options import Once, as_of_option, client_option, db_option, debug_option, file_path
from itroad.cli.output import say, write_output
from itroad.cli.progress import with_progress
from itroad.domain.incoming import RECORD_KINDS
from itroad.domain.parse import DATE_ORDERS
from itroad.interchange.csv_export import csv_rows, template, write_csv
from itroad.interchange.csv_file import DELIMITERS
from itroad.interchange.csv_mapping import shipped_mappings
from itroad.interchange.csv_source import CsvSource
from itroad.interchange.import_choices import (
    ImportChoices,
    SourceName,
    build_source,
    client_code_problem,
    reading_lines,
)
from itroad.store import load_clients
from itroad.store.lookups import serial_tags
from itroad.store.record_import import ImportProblems, RecordImportReport, import_records
from itroad.store.transactions import read_transaction

#: How ``--delimiter`` may spell a tab.
_TAB = {"tab": "\t", "\\t": "\t"}


def delimiter(text: str) -> str:
    """An argparse type: one of the delimiters a CSV file may use."""
    value = _TAB.get(text.casefold(), text)
    if value not in DELIMITERS:
        raise argparse.ArgumentTypeError(f'"{text}" is not a delimiter itroad reads (use , ; tab or |)')
    return value


#: ``--date-order``'s help, when no mapping can say.
DATES = "dates that are not ISO: mdy (7/13/2012, the default) or dmy (13/07/2012)"


def _file_options(parser: argparse.ArgumentParser, *, dates: str = DATES,
                  amounts: str | None = None) -> None:
    """The options every CSV import takes: how the file is written, and a dry run.
    ``dates`` and ``amounts`` are the help of ``--date-order`` and ``--decimal-comma``
    (``amounts`` None: the file has no amounts to read)."""
    parser.add_argument("file", metavar="FILE", type=file_path, help="the CSV file to import")
    parser.add_argument("--encoding", action=Once, metavar="NAME", default=None,
                        help="the file's text encoding (default: utf-8; cp1252 for many "
                        "files saved on Windows)")
    parser.add_argument("--delimiter", action=Once, metavar="CHAR", type=delimiter, default=None,
                        help="the delimiter: , ; tab or | (default: read from the header)")
    parser.add_argument("--date-order", action=Once, choices=DATE_ORDERS, default=None,
                        help=dates)
    if amounts is not None:
        parser.add_argument("--decimal-comma", action=argparse.BooleanOptionalAction,
                            default=None, help=amounts)
    parser.add_argument("--dry-run", action="store_true",
                        help="check the whole file and say what would change; write nothing")
    db_option(parser)
    debug_option(parser)


def add_csv_import_parsers(formats: Any) -> None:
    """``import snipeit``, ``import intune`` and ``import csv`` (beside ``import toml``)."""
    snipe = formats.add_parser(
        "snipeit", help="a Snipe-IT asset or license export (CSV)",
        description="Import a Snipe-IT asset or license CSV export. Records are matched by "
        "asset tag (licenses: name and vendor): a second import of the same file changes "
        "nothing, a changed row updates its record, nothing is ever deleted.")
    _file_options(snipe, amounts="amounts use a decimal comma (1.249,50)")
    client_option(snipe, help="put every row in this client (created when new); default: "
                  "one client per value of the Company column")
    snipe.add_argument("--kind", action=Once, choices=("assets", "licenses"), default=None,
                       help="what the file holds (default: read from its header)")
    as_of_option(snipe, help="the day that decides which licenses have expired (default: today)")

    intune = formats.add_parser(
        "intune", help="an Intune device export (All devices, Export)",
        description="Import the CSV that Intune's Devices > All devices > Export writes. A "
        "device is matched by serial number, then by device name (its tag).")
    _file_options(intune, dates="enrollment dates that are not ISO: mdy (7/13/2012, the "
                  "default) or dmy (13/07/2012)")
    client_option(intune, help="the client the devices belong to (required)")
    intune.add_argument("--enrolled-as-purchased", action="store_true",
                        help="take the enrollment date as the purchase date when there is none "
                        "(else such a device needs data)")
    intune.add_argument("--include-personal", action="store_true",
                        help="import personally owned devices too (left out by default)")
    intune.add_argument("--map", action=Once, metavar="MAP", default=None,
                        help="a mapping file whose [categories] name the category of models")

    generic = formats.add_parser(
        "csv", help="any CSV: a spreadsheet, an itroad export, GLPI, Lansweeper",
        description="Import any CSV. Columns named like itroad's fields import as they are; "
        f"others through a mapping file (--map FILE, or a shipped one: "
        f"{', '.join(shipped_mappings())}). "
        "Columns that feed nothing are listed, never silently dropped.")
    _file_options(generic, dates="dates that are not ISO: mdy (7/13/2012) or dmy (13/07/2012); "
                  "default: the mapping's, else mdy", amounts="amounts use a decimal comma (1.249,50); "
                  "--no-decimal-comma overrides a mapping that says they do")
    client_option(generic, help="the client the rows belong to (not needed when the file has "
                  "a client column)")
    generic.add_argument("--kind", action=Once, choices=RECORD_KINDS, default=None,
                         help="what the rows are (required unless the mapping says)")
    generic.add_argument("--map", action=Once, metavar="MAP", default=None,
                         help="a mapping file (TOML), or the name of a shipped one")


def _one_client(args: argparse.Namespace) -> str | None:
    clients = args.client or []
    if len(clients) > 1:
        raise UsageError(f"an import goes to one client, not {', '.join(clients)}; give "
                         "--client once")
    return clients[0] if clients else None


#: ``itroad import``'s formats, as the choices name their sources.
_FORMATS: dict[str, SourceName] = {"snipeit": "snipeit", "intune": "intune", "csv": "csv"}


def choices(args: argparse.Namespace) -> ImportChoices:
    """What the command line asks for. Refuses (a usage error) more than one client, a
    client code that cannot be one, Intune without a client."""
    client = _one_client(args)
    if client is not None:
        client = client.strip()
        problem = client_code_problem(client)
        if problem:
            raise UsageError(f"--client {problem}")
    if args.format == "intune" and client is None:
        raise UsageError("name the client the devices belong to with --client CODE")
    return ImportChoices(
        path=args.file, source=_FORMATS[args.format], kind=getattr(args, "kind", None), client=client,
        date_order=args.date_order, decimal_comma=getattr(args, "decimal_comma", None),
        encoding=args.encoding or "", delimiter=args.delimiter, mapping=getattr(args, "map", None) or "",
        enrolled_as_purchased=getattr(args, "enrolled_as_purchased", False),
        include_personal=getattr(args, "include_personal", False))


def _source(args: argparse.Namespace, chosen: ImportChoices, db: Database) -> CsvSource:
    """The source the command line asks for (``db``: what Intune matches serial numbers to)."""
    tags = serial_tags(db, chosen.client) if chosen.source == "intune" and chosen.client else None
    return build_source(chosen, as_of=getattr(args, "as_of", None) or date.today(),
                        serial_tags=tags)


def cmd_import_csv(args: argparse.Namespace) -> int:
    chosen = choices(args)  # refused before the file is read or the database opened
    with writing(database_path(args.db)) as db:
        source = _source(args, chosen, db)
        try:
            report = import_records(db, with_progress(source, f"importing {Path(args.file).name}"),
                                    dry_run=args.dry_run)
        except ImportProblems as refused:
            for problem in refused.problems:
                sys.stderr.write(one_line(str(problem)))
            more = refused.total - len(refused.problems)
            if more:
                sys.stderr.write(one_line(f"… and {more:,} more problems"))
            sys.stderr.write(one_line(f"{args.file}: nothing was imported; fix the file and "
                                      "import it again"))
            return EXIT_USAGE
    say(describe(source, report))
    return EXIT_OK


def describe(source: CsvSource, report: RecordImportReport) -> str:
    """What an import did, for a person: what the file had that went nowhere, then the
    store's report (the Import screen words it the same)."""
    lines = reading_lines(source.file, records=source.records, label=source.label,
                          unused=source.unused, notices=source.notices)
    lines.append(report.describe())
    return "\n".join(lines)


# -- export csv --------------------------------------------------------------------------


def cmd_export_csv(args: argparse.Namespace) -> int:
    if args.template:
        if args.client or args.kind:
            raise UsageError("--template writes an empty sheet; it takes no --client or --kind")
        write_output(template(args.template), args.output)
        return EXIT_OK
    if args.kind is None:
        raise UsageError("say which records to export with --kind assets, renewals or contracts")
    with reading(database_path(args.db)) as db, read_transaction(db):
        clients = load_clients(db, select_clients(db, args.client))
    if not clients:
        raise CommandError("no clients in the database yet: nothing to export")
    text = io.StringIO(newline="")
    write_csv(csv_rows(clients, args.kind), text)
    write_output(text.getvalue(), args.output)
    return EXIT_OK
