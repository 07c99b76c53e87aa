"""``itroad import``, ``export`` and ``backup``: portfolio files in and out, copies of the database."""

from __future__ import annotations

import argparse
from typing import Any

from itroad.cli.database import database_path, reading, select_clients, writing
from itroad.cli.errors import EXIT_OK, CommandError
from itroad.cli.options import Once, client_option, db_option, debug_option, file_path
from itroad.cli.output import say, write_output
from itroad.interchange.toml_format import dumps_portfolio, portfolio_json, read_portfolio
from itroad.store import backup_database, import_portfolio, load_portfolio
from itroad.store.transactions import read_transaction


def add_import_parser(commands: Any) -> None:
    imp = commands.add_parser("import", help="import a portfolio file into the database")
    imp.add_argument("format", choices=["toml"], help="file format (toml: the itroad/1 portfolio format)")
    imp.add_argument("file", metavar="FILE", help="the file to import")
    client_option(imp, help="import only this client from the file (repeat for several)")
    imp.add_argument("--dry-run", action="store_true", help="check and report, write nothing")
    db_option(imp)
    debug_option(imp)


def add_export_parser(commands: Any) -> None:
    exp = commands.add_parser("export", help="write clients out as a portfolio file")
    exp.add_argument("format", choices=["toml", "json"], help="file format")
    client_option(exp, help="only this client (repeat for several; default: all)")
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
