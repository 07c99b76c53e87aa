"""``itroad forecast``, ``due`` and ``roadmap``: the planning engine's figures, printed.

Each reads its clients in one transaction (:func:`~itroad.cli.database.clients_asked`),
computes with :mod:`itroad.planning` and prints what :mod:`itroad.output` lays out.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date
from typing import Any

from itroad.cli.database import clients_asked
from itroad.cli.errors import EXIT_ATTENTION, EXIT_OK
from itroad.cli.options import (
    EVERY_CLIENT,
    Once,
    as_of_option,
    client_option,
    db_option,
    debug_option,
    json_option,
    one_client_asked,
    whole_number,
)
from itroad.cli.output import print_json, say, terminal, write_stdout
from itroad.domain.limits import MAX_DUE_DAYS, MAX_FORECAST_YEARS
from itroad.output.due import SUMMARY_OVER, due_table
from itroad.output.forecast import forecast_csv, forecast_notes, forecast_tables
from itroad.output.json import due_to_json_dict, forecast_to_json_dict, roadmap_to_json_dict
from itroad.output.roadmap import roadmap_renderable
from itroad.planning.due import KINDS as DUE_KINDS
from itroad.planning.due import due_items_for
from itroad.planning.forecast import forecast
from itroad.planning.roadmap import plan_roadmap
from itroad.safe_text import visible

NO_CLIENTS = "No clients yet: import a portfolio with 'itroad import toml FILE'."


def _planning_parser(commands: Any, name: str, help: str,
                     options: Callable[[argparse.ArgumentParser], None] | None = None,
                     *, csv: str | None = None) -> None:
    """A planning command's sub-parser, the same frame for each: the clients (every
    one unless named), the command's own ``options``, ``--as-of``, ``--json`` (or,
    with ``csv`` its help, ``--csv`` instead), the database and ``--debug``."""
    parser = commands.add_parser(name, help=help)
    client_option(parser, help=EVERY_CLIENT)
    if options is not None:
        options(parser)
    as_of_option(parser)
    out = parser.add_mutually_exclusive_group() if csv else parser
    json_option(out)
    if csv:
        out.add_argument("--csv", action="store_true", help=csv)
    db_option(parser)
    debug_option(parser)


def _forecast_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--by", action=Once, choices=["month", "quarter", "year"], default="year",
        help="period length: month, fiscal quarter or fiscal year (default: year)")
    parser.add_argument(
        "--years", action=Once, type=whole_number(1, MAX_FORECAST_YEARS, "years"), default=1,
        metavar="N", help="fiscal years to cover, starting with the one holding --as-of "
        f"(default: 1, at most {MAX_FORECAST_YEARS})")
    parser.add_argument("--group-by", action=Once, choices=["category", "site"],
                        help="also split each period by asset category or site (JSON only)")


def _due_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--within", action=Once, type=whole_number(0, MAX_DUE_DAYS, "days"),
                        default=90, metavar="DAYS",
                        help=f"how far ahead to look (default: 90 days, at most {MAX_DUE_DAYS})")
    parser.add_argument("--kind", action="append", choices=list(DUE_KINDS), metavar="KIND",
                        help="only this kind: renewal, contract, replacement or warranty "
                        "(repeat for several; default: every kind)")
    parser.add_argument("--all", action="store_true",
                        help=f"list every item, even in a kind with more than {SUMMARY_OVER} "
                        "(otherwise summarised as one line)")


def add_forecast_parser(commands: Any) -> None:
    _planning_parser(
        commands, "forecast",
        "what replacements, renewals, contracts and initiatives will cost, by period",
        _forecast_options, csv="CSV, one row per client and period")


def add_due_parser(commands: Any) -> None:
    _planning_parser(
        commands, "due", "what needs a decision or action soon; exit status 1 when anything does",
        _due_options)


def add_roadmap_parser(commands: Any) -> None:
    _planning_parser(
        commands, "roadmap",
        "initiatives by fiscal quarter: status, budget, owner and RACI warnings")


def cmd_forecast(args: argparse.Namespace) -> int:
    as_of = args.as_of or date.today()
    clients = clients_asked(args)
    forecasts = [forecast(c, as_of, by=args.by, years=args.years, group_by=args.group_by)
                 for c in clients]
    if args.json:
        data = [forecast_to_json_dict(f) for f in forecasts]
        print_json(data[0] if one_client_asked(args) else data)
    elif args.csv:
        text = forecast_csv(forecasts)
        # Files and pipes get the exact text; a terminal sees controls, never obeys them.
        write_stdout(visible(text, keep_lines=True) if sys.stdout.isatty() else text)
    else:
        console = terminal()
        if not clients:
            console.print(NO_CLIENTS)
        for client, f in zip(clients, forecasts):
            for table in forecast_tables(f, client.name, console.width):
                console.print(table)
            for note in forecast_notes(f):
                console.print(note, highlight=False, markup=False)
            console.print()
    return EXIT_OK


def cmd_due(args: argparse.Namespace) -> int:
    as_of = args.as_of or date.today()
    items = due_items_for(clients_asked(args), as_of, args.within, args.kind)
    if args.json:
        print_json(due_to_json_dict(items, as_of, args.within))
    elif items:
        terminal().print(due_table(items, args.within, as_of, show_all=args.all))
    else:
        say(f"Nothing needs action within {args.within} days of {as_of.isoformat()}.")
    return EXIT_ATTENTION if items else EXIT_OK


def cmd_roadmap(args: argparse.Namespace) -> int:
    as_of = args.as_of or date.today()
    clients = clients_asked(args)
    roadmaps = [plan_roadmap(c, as_of) for c in clients]
    if args.json:
        data = [roadmap_to_json_dict(r) for r in roadmaps]
        print_json(data[0] if one_client_asked(args) else data)
        return EXIT_OK
    console = terminal(highlight=False)
    if not clients:
        console.print(NO_CLIENTS, markup=False)
    for roadmap in roadmaps:
        console.print(roadmap_renderable(roadmap, console.width))
        console.print()
    return EXIT_OK
