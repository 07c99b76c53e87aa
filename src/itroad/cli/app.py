"""``itroad`` with no command, and ``itroad demo``: the app, on a database or on the sample."""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path
from typing import Any

from itroad.cli.database import database_path, reading, writing
from itroad.cli.errors import EXIT_OK
from itroad.cli.options import app_options, as_of_option, client_option, debug_option, one_client
from itroad.interchange.toml_format import read_portfolio
from itroad.paths import sample_data_path
from itroad.store import import_portfolio
from itroad.store.database import file_exists


def add_demo_parser(commands: Any) -> None:
    demo = commands.add_parser("demo", help="open the app on a fresh copy of the sample portfolio")
    client_option(demo, help="open on this client")
    as_of_option(demo, help="the day the app treats as today (default: today)")
    app_options(demo)
    debug_option(demo)


def run_tui(db_path: Path, args: argparse.Namespace) -> int:
    # Textual is imported only here, when the app starts: the other commands never load it.
    from itroad.tui.app import build_app

    app = build_app(db_path, client=one_client(args), theme=args.theme, as_of=args.as_of)
    app.run(mouse=not args.no_mouse)
    return app.return_code or EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    one_client(args)  # before the import, so a wrong command line is said at once
    portfolio = read_portfolio(sample_data_path())
    workdir = Path(tempfile.mkdtemp(prefix="itroad-demo-"))
    try:
        db_path = workdir / "demo.db"
        with writing(db_path) as db:
            import_portfolio(db, portfolio)
        return run_tui(db_path, args)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def cmd_tui(args: argparse.Namespace) -> int:
    one_client(args)
    path = database_path(args.db)
    # Create, migrate or check the file before the app starts, so errors print here.
    with reading(path) if file_exists(path) else writing(path):
        pass
    return run_tui(path, args)
