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
from itroad.interchange.csv_fields import ReadOptions
from itroad.interchange.csv_file import DELIMITERS
from itroad.interchange.csv_generic import GenericCsvSource
from itroad.interchange.csv_mapping import CsvMapping, load_mapping, shipped_mappings
from itroad.interchange.csv_source import CsvSource
from itroad.interchange.intune import IntuneSource
from itroad.interchange.snipeit import SnipeitSource
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


def _file_options(parser: argparse.ArgumentParser, *, conventions: bool = True) -> None:
    """The options every CSV import takes: how the file is written, and a dry run."""
    parser.add_argument("file", metavar="FILE", type=file_path, help="the CSV file to import")
    parser.add_argument("--encoding", action=Once, metavar="NAME", default=None,
                        help="the file's text encoding (default: utf-8; cp1252 for many "
                        "files saved on Windows)")
    parser.add_argument("--delimiter", action=Once, metavar="CHAR", type=delimiter, default=None,
                        help="the delimiter: , ; tab or | (default: read from the header)")
    if conventions:
        parser.add_argument("--date-order", action=Once, choices=DATE_ORDERS, default=None,
                            help="dates that are not ISO: mdy (7/13/2012, the default) or dmy "
                            "(13/07/2012)")
        parser.add_argument("--decimal-comma", action=argparse.BooleanOptionalAction,
                            default=None, help="amounts use a decimal comma (1.249,50); "
                            "--no-decimal-comma overrides a mapping that says they do")
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
    _file_options(snipe)
    client_option(snipe, help="put every row in this client (created when new); default: "
                  "one client per value of the Company column")
    snipe.add_argument("--kind", action=Once, choices=("assets", "licenses"), default=None,
                       help="what the file holds (default: read from its header)")
    as_of_option(snipe, help="the day that decides which licenses have expired (default: today)")

    intune = formats.add_parser(
        "intune", help="an Intune device export (All devices, Export)",
        description="Import the CSV that Intune's Devices > All devices > Export writes. A "
        "device is matched by serial number, then by device name (its tag).")
    _file_options(intune, conventions=False)
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
    _file_options(generic)
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


def _options(args: argparse.Namespace) -> ReadOptions:
    return ReadOptions(date_order=args.date_order or "mdy",
                       decimal_separator="," if args.decimal_comma else ".")


def _mapping(args: argparse.Namespace) -> CsvMapping | None:
    return load_mapping(args.map) if args.map else None


def _source(args: argparse.Namespace, db: Database) -> CsvSource:
    """The source the command line asks for (``db``: what Intune matches serial numbers to)."""
    client = _one_client(args)
    common: dict[str, Any] = {"client": client, "encoding": args.encoding or "utf-8",
                              "delimiter": args.delimiter}
    if args.format == "snipeit":
        return SnipeitSource(args.file, kind=args.kind, as_of=args.as_of or date.today(),
                             options=_options(args), **common)
    if args.format == "intune":
        if client is None:
            raise UsageError("name the client the devices belong to with --client CODE")
        mapping = _mapping(args)
        return IntuneSource(args.file, enrolled_as_purchased=args.enrolled_as_purchased,
                            categories=mapping.categories if mapping else None,
                            serial_tags=serial_tags(db, client),
                            include_personal=args.include_personal, **common)
    return GenericCsvSource(args.file, kind=args.kind, mapping=_mapping(args), client=client,
                            encoding=args.encoding, delimiter=args.delimiter,
                            date_order=args.date_order, decimal_comma=args.decimal_comma)


def cmd_import_csv(args: argparse.Namespace) -> int:
    with writing(database_path(args.db)) as db:
        source = _source(args, db)
        try:
            report = import_records(db, with_progress(source, source, f"importing {Path(args.file).name}"),
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
    """What an import did, for a person: the store's report, then what the file had
    that went nowhere."""
    lines = [f"{source.file}: {source.records:,} records read as {source.label}"]
    if source.unused:
        names = ", ".join(f'"{name}"' for name in source.unused)
        lines.append(f"columns not imported (they feed no field of itroad): {names}")
    lines.extend(source.notices)
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
