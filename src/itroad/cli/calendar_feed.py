"""``itroad ical``: the dates to act on, as an iCalendar file a calendar can import.

Reads the clients in one transaction (:func:`~itroad.cli.database.clients_asked`),
dates their events with :mod:`itroad.planning.calendar_events` and writes what
:mod:`itroad.output.ical` lays out, to ``-o FILE`` or stdout.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import Any

from itroad.cli.database import clients_asked
from itroad.cli.errors import EXIT_OK
from itroad.cli.options import (
    EVERY_CLIENT,
    Once,
    as_of_option,
    client_option,
    db_option,
    debug_option,
    file_path,
    whole_number,
)
from itroad.cli.output import write_output
from itroad.domain.limits import MAX_FORECAST_YEARS
from itroad.output.ical import calendar_ical
from itroad.planning.calendar_events import DEFAULT_MONTHS, REMINDER_DAYS, calendar_events_for
from itroad.safe_text import visible

MAX_MONTHS = MAX_FORECAST_YEARS * 12

DESCRIPTION = f"""\
An iCalendar (RFC 5545) file of all-day events per client: each cancel-by date of
renewals and contracts and each manual renewal (with a reminder {REMINDER_DAYS} days
before), renewal dates, contract ends, warranty ends, replacements due, initiative
starts and ends, from --as-of to --months later. Things already late (overdue replacements, missed notice
windows) are not in it: 'itroad due' lists them. Each event keeps its UID from one
run to the next, so importing the file again updates a calendar instead of adding
copies."""


def add_ical_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "ical", help="the dates to act on, as an iCalendar file (.ics)", description=DESCRIPTION)
    client_option(parser, help=EVERY_CLIENT)
    parser.add_argument("-o", "--output", action=Once, metavar="PATH", type=file_path,
                        help="write to this file (default: stdout)")
    parser.add_argument(
        "--months", action=Once, type=whole_number(1, MAX_MONTHS, "months"),
        default=DEFAULT_MONTHS, metavar="N",
        help=f"how many months ahead of --as-of (default: {DEFAULT_MONTHS}, at most {MAX_MONTHS})")
    as_of_option(parser)
    db_option(parser)
    debug_option(parser)


def cmd_ical(args: argparse.Namespace) -> int:
    as_of = args.as_of or date.today()
    events = calendar_events_for(clients_asked(args), as_of, args.months)
    text = calendar_ical(events, as_of)
    if args.output is None and sys.stdout is not None and sys.stdout.isatty():
        # A terminal sees the data's controls, never obeys them; files and pipes get the exact text.
        text = visible(text.replace("\r\n", "\n"), keep_lines=True)
    write_output(text, args.output)
    return EXIT_OK
