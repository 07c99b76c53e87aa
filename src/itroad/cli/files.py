"""``itroad import``, ``export`` and ``backup``: portfolio files in and out, copies of the
database; the CSV family of ``import`` and ``export`` is in :mod:`itroad.cli.imports`."""

from __future__ import annotations

import argparse
from typing import Any

from itroad.cli.database import database_path, reading, select_clients, writing
from itroad.cli.errors import EXIT_OK, CommandError, UsageError
from itroad.cli.imports import add_csv_import_parsers, cmd_export_csv, cmd_import_csv
from itroad.cli.options import Once, client_option, db_option, debug_option, file_path
from itroad.cli.output import say, write_output
from itroad.domain.incoming import RECORD_KINDS
from itroad.interchange.toml_format import dumps_portfolio, portfolio_json, read_portfolio
from itroad.store import backup_database, import_portfolio, load_portfolio
from itroad.store.transactions import read_transaction


def add_import_parser(commands: Any) -> None:
    imp = commands.add_parser(
        "import", help="bring records in: a portfolio file, a Snipe-IT or Intune export, any CSV",
        description="Import a file into the database, in one transaction: a file with any "
        "problem is refused whole (one line per problem) and nothing is written.")
    formats = imp.add_subparsers(dest="format", metavar="FORMAT", required=True)
    toml = formats.add_parser("toml", help="an itroad portfolio file (format itroad/1)",
                              description="Import an itroad portfolio file (TOML).")
    toml.add_argument("file", metavar="FILE", help="the file to import")
    client_option(toml, help="import only this client from the file (repeat for several)")
    toml.add_argument("--dry-run", action="store_true", help="check and report, write nothing")
    db_option(toml)
    debug_option(toml)
    add_csv_import_parsers(formats)


def add_export_parser(commands: Any) -> None:
    exp = commands.add_parser("export", help="write clients out as a portfolio file or a CSV sheet")
    exp.add_argument("format", choices=["toml", "json", "csv"], help="file format")
    client_option(exp, help="only this client (repeat for several; default: all)")
    exp.add_argument("--kind", action=Once, choices=RECORD_KINDS, default=None,
                     help="csv only: the records to write, one row each")
    exp.add_argument("--template", action=Once, choices=RECORD_KINDS, default=None,
                     help="csv only: write an empty sheet with the headers of this kind")
    exp.add_argument("-o", "--output", action=Once, metavar="PATH", type=file_path,
                     help="write to this file (default: stdout)")
    db_option(exp)
    debug_option(exp)


def add_backup_parser(commands: Any) -> None:
    backup = commands.add_parser("backup", help="write a consistent copy of the database")
    backup.add_argument("file", metavar="FILE", help="the new file to write")
    db_option(backup)
    debug_option(backup)


def cmd_import(args: argparse.Namespace) -> int:
    if args.format != "toml":
        return cmd_import_csv(args)
    portfolio = read_portfolio(args.file)
    if args.client:
        in_file = [c.code for c in portfolio.clients]
        for code in args.client:
            if code not in in_file:
                codes = ", ".join(in_file) or "none"
                raise CommandError(f'{args.file}: no client "{code}" in the file (it has: {codes})')
        chosen = [c for c in portfolio.clients if c.code in args.client]
        portfolio = portfolio.model_copy(update={"clients": chosen})
    with writing(database_path(args.db)) as db:
        report = import_portfolio(db, portfolio, dry_run=args.dry_run)
    say(report.describe())
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    if args.format == "csv":
        return cmd_export_csv(args)
    for given, flag in ((args.kind, "--kind"), (args.template, "--template")):
        if given:
            raise UsageError(f"{flag} is for export csv; a {args.format} export holds every kind")
    with reading(database_path(args.db)) as db, read_transaction(db):
        portfolio = load_portfolio(db, select_clients(db, args.client))
    text = dumps_portfolio(portfolio) if args.format == "toml" else portfolio_json(portfolio)
    write_output(text, args.output)
    return EXIT_OK


def cmd_backup(args: argparse.Namespace) -> int:
    with reading(database_path(args.db)) as db:
        target = backup_database(db, args.file)
    say(f"backed up to {target}")
    return EXIT_OK
