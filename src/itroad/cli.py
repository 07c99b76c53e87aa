"""The command line: `itroad` opens the app; subcommands import, export and back up.

The CLI and the TUI are two faces over the same store and planning functions.
Errors go to stderr as one sentence naming what was wrong and where, with exit
status 2, and nothing half-written.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Iterator, Sequence

from itroad import __version__

EXIT_OK = 0
EXIT_ATTENTION = 1
EXIT_USAGE = 2


class CommandError(Exception):
    """A failure to report as one line on stderr with exit status 2."""


def _as_of(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f'invalid date "{text}" (expected YYYY-MM-DD)') from None


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f'"{text}" is not a whole number of 1 or more')
    return int(text)


def _non_negative(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f'"{text}" is not a whole number of 0 or more')
    return int(text)


def _as_of_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--as-of", metavar="YYYY-MM-DD", type=_as_of, default=None,
                        help="the day to plan from (default: today)")


def database_path(option: str | None) -> Path:
    """``--db``, else ``$ITROAD_DB``, else the user data directory."""
    if option:
        return Path(option).expanduser()
    if os.environ.get("ITROAD_DB"):
        return Path(os.environ["ITROAD_DB"]).expanduser()
    from itroad.paths import default_database_path

    return default_database_path()


def _common(parser: argparse.ArgumentParser, *, top: bool = False) -> None:
    default = None if top else argparse.SUPPRESS
    parser.add_argument(
        "--db", metavar="PATH", default=default,
        help="the database file (default: $ITROAD_DB, else the user data directory)",
    )


def _tui_options(parser: argparse.ArgumentParser, *, top: bool = False) -> None:
    default = None if top else argparse.SUPPRESS
    parser.add_argument("--client", metavar="CODE", default=default, help="open on this client")
    parser.add_argument("--theme", metavar="NAME", default=default, help="colour theme to use")
    parser.add_argument(
        "--as-of", metavar="YYYY-MM-DD", type=_as_of, default=default,
        help="the day the app treats as today (default: today)",
    )
    parser.add_argument(
        "--no-mouse", action="store_true", default=False if top else argparse.SUPPRESS,
        help="ignore the mouse (keyboard only)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="itroad",
        description="IT inventory, renewals, contracts and roadmaps in the terminal. "
        "With no command, opens the app on the database.",
    )
    parser.add_argument("--version", action="version", version=f"itroad {__version__}")
    _common(parser, top=True)
    _tui_options(parser, top=True)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = commands.add_parser("demo", help="open the app on a fresh copy of the sample portfolio")
    _tui_options(demo)

    imp = commands.add_parser("import", help="import a portfolio file into the database")
    imp.add_argument("format", choices=["toml"], help="file format (toml: the itroad/1 portfolio format)")
    imp.add_argument("file", metavar="FILE", help="the file to import")
    imp.add_argument("--client", metavar="CODE", help="import only this client from the file")
    imp.add_argument("--dry-run", action="store_true", help="check and report, write nothing")
    _common(imp)

    exp = commands.add_parser("export", help="write clients out as a portfolio file")
    exp.add_argument("format", choices=["toml", "json"], help="file format")
    exp.add_argument("--client", metavar="CODE", action="append",
                     help="only this client (repeat for several; default: all)")
    exp.add_argument("-o", "--output", metavar="PATH", help="write to this file (default: stdout)")
    _common(exp)

    forecast = commands.add_parser(
        "forecast", help="what replacements, renewals, contracts and initiatives will cost, by period")
    forecast.add_argument("--client", metavar="CODE", action="append",
                          help="only this client (repeat for several; default: every client)")
    forecast.add_argument("--by", choices=["month", "quarter", "year"], default="year",
                          help="period length: month, fiscal quarter or fiscal year (default: year)")
    forecast.add_argument("--years", type=_positive, default=1, metavar="N",
                          help="fiscal years to cover, starting with the one holding --as-of (default: 1)")
    forecast.add_argument("--group-by", choices=["category", "site"],
                          help="also split each period by asset category or site (JSON only)")
    _as_of_option(forecast)
    out = forecast.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="machine-readable JSON")
    out.add_argument("--csv", action="store_true", help="CSV, one row per client and period")
    _common(forecast)

    due = commands.add_parser(
        "due", help="what needs a decision or action soon; exit status 1 when anything does")
    due.add_argument("--client", metavar="CODE", action="append",
                     help="only this client (repeat for several; default: every client)")
    due.add_argument("--within", type=_non_negative, default=90, metavar="DAYS",
                     help="how far ahead to look (default: 90 days)")
    _as_of_option(due)
    due.add_argument("--json", action="store_true", help="machine-readable JSON")
    _common(due)

    roadmap = commands.add_parser(
        "roadmap", help="initiatives by fiscal quarter: status, budget, owner and RACI warnings")
    roadmap.add_argument("--client", metavar="CODE", action="append",
                         help="only this client (repeat for several; default: every client)")
    _as_of_option(roadmap)
    roadmap.add_argument("--json", action="store_true", help="machine-readable JSON")
    _common(roadmap)

    backup = commands.add_parser("backup", help="write a consistent copy of the database")
    backup.add_argument("file", metavar="FILE", help="the new file to write")
    _common(backup)
    return parser


@contextmanager
def _open(path: Path, *, create: bool = True) -> Iterator:
    from itroad.store import open_database

    db = open_database(path, create=create)
    try:
        yield db
    finally:
        db.close()


def _write_output(text: str, output: str | None) -> None:
    """Write to stdout, or atomically to a file (a temp file renamed into place)."""
    if output is None:
        sys.stdout.write(text)
        return
    target = Path(output).expanduser()
    if not target.parent.is_dir():
        raise CommandError(f"{target.parent}: no such directory")
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def cmd_import(args: argparse.Namespace) -> int:
    from itroad.interchange.toml_format import read_portfolio
    from itroad.store import import_portfolio

    portfolio = read_portfolio(args.file)
    if args.client:
        chosen = [c for c in portfolio.clients if c.code == args.client]
        if not chosen:
            codes = ", ".join(c.code for c in portfolio.clients) or "none"
            raise CommandError(f'{args.file}: no client "{args.client}" in the file (it has: {codes})')
        portfolio = portfolio.model_copy(update={"clients": chosen})
    with _open(database_path(args.db)) as db:
        report = import_portfolio(db, portfolio, dry_run=args.dry_run)
    print(report.describe())
    return EXIT_OK


def _select_clients(db, wanted: list[str] | None) -> list[str]:
    from itroad.store import client_codes

    codes = client_codes(db)
    if not wanted:
        return codes
    for code in wanted:
        if code not in codes:
            known = ", ".join(codes) or "none yet"
            raise CommandError(f'no client "{code}" in the database (clients: {known})')
    return wanted


def cmd_export(args: argparse.Namespace) -> int:
    from itroad.interchange.toml_format import dumps_portfolio, portfolio_json
    from itroad.store import load_portfolio

    with _open(database_path(args.db), create=False) as db:
        portfolio = load_portfolio(db, _select_clients(db, args.client))
    text = dumps_portfolio(portfolio) if args.format == "toml" else portfolio_json(portfolio)
    _write_output(text, args.output)
    return EXIT_OK


def cmd_backup(args: argparse.Namespace) -> int:
    from itroad.store import backup_database

    with _open(database_path(args.db), create=False) as db:
        target = backup_database(db, args.file)
    print(f"backed up to {target}")
    return EXIT_OK


def _clients(args: argparse.Namespace):
    """The clients a planning command covers, as models."""
    from itroad.store import load_client

    with _open(database_path(args.db), create=False) as db:
        return [load_client(db, code) for code in _select_clients(db, args.client)]


def cmd_forecast(args: argparse.Namespace) -> int:
    import json

    from itroad.interchange.planning_output import forecast_csv, forecast_notes, forecast_tables
    from itroad.planning.forecast import forecast

    as_of = args.as_of or date.today()
    clients = _clients(args)
    forecasts = [forecast(c, as_of, by=args.by, years=args.years, group_by=args.group_by)
                 for c in clients]
    if args.json:
        data = [f.to_json_dict() for f in forecasts]
        single = args.client is not None and len(args.client) == 1
        print(json.dumps(data[0] if single else data, indent=2))
    elif args.csv:
        sys.stdout.write(forecast_csv(forecasts))
    else:
        from rich.console import Console

        console = Console()
        if not clients:
            console.print("No clients yet: import a portfolio with 'itroad import toml FILE'.")
        for client, f in zip(clients, forecasts):
            for table in forecast_tables(f, client.name, console.width):
                console.print(table)
            for note in forecast_notes(f):
                console.print(note, highlight=False, markup=False)
            console.print()
    return EXIT_OK


def cmd_due(args: argparse.Namespace) -> int:
    import json

    from itroad.interchange.planning_output import due_table
    from itroad.planning.due import due_items_for

    as_of = args.as_of or date.today()
    items = due_items_for(_clients(args), as_of, args.within)
    if args.json:
        print(json.dumps({"as_of": as_of.isoformat(), "within": args.within,
                          "items": [item.to_json_dict() for item in items]}, indent=2))
    elif items:
        from rich.console import Console

        Console().print(due_table(items, args.within, as_of))
    else:
        print(f"Nothing needs action within {args.within} days of {as_of.isoformat()}.")
    return EXIT_ATTENTION if items else EXIT_OK


def cmd_roadmap(args: argparse.Namespace) -> int:
    import json

    from itroad.planning.roadmap import plan_roadmap, roadmap_to_json_dict

    as_of = args.as_of or date.today()
    clients = _clients(args)
    roadmaps = [plan_roadmap(c, as_of) for c in clients]
    if args.json:
        data = [roadmap_to_json_dict(r) for r in roadmaps]
        single = args.client is not None and len(args.client) == 1
        print(json.dumps(data[0] if single else data, indent=2, ensure_ascii=False))
        return EXIT_OK
    from rich.console import Console

    from itroad.interchange.roadmap_output import roadmap_renderable

    console = Console(highlight=False)
    if not clients:
        console.print("No clients yet: import a portfolio with 'itroad import toml FILE'.",
                      markup=False)
    for roadmap in roadmaps:
        console.print(roadmap_renderable(roadmap, console.width))
        console.print()
    return EXIT_OK


def run_tui(db_path: Path, args: argparse.Namespace) -> int:
    from itroad.tui.app import build_app

    app = build_app(
        db_path,
        client=getattr(args, "client", None),
        theme=getattr(args, "theme", None),
        as_of=getattr(args, "as_of", None),
    )
    app.run(mouse=not getattr(args, "no_mouse", False))
    return app.return_code or EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from itroad.interchange.toml_format import read_portfolio
    from itroad.paths import sample_data_path
    from itroad.store import import_portfolio

    portfolio = read_portfolio(sample_data_path())
    workdir = Path(tempfile.mkdtemp(prefix="itroad-demo-"))
    try:
        db_path = workdir / "demo.db"
        with _open(db_path) as db:
            import_portfolio(db, portfolio)
        return run_tui(db_path, args)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def cmd_tui(args: argparse.Namespace) -> int:
    path = database_path(args.db)
    with _open(path):
        pass  # create or migrate before the app starts, so errors print here
    return run_tui(path, args)


COMMANDS = {
    None: cmd_tui,
    "demo": cmd_demo,
    "import": cmd_import,
    "export": cmd_export,
    "backup": cmd_backup,
    "forecast": cmd_forecast,
    "due": cmd_due,
    "roadmap": cmd_roadmap,
}


def main(argv: Sequence[str] | None = None) -> int:
    from itroad.interchange.toml_format import PortfolioFileError
    from itroad.store import StoreError

    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except PortfolioFileError as exc:
        for line in str(exc).splitlines():
            print(line, file=sys.stderr)
        return EXIT_USAGE
    except (CommandError, StoreError) as exc:
        print(f"itroad: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
