"""The program: the parser of every command, the table of commands, and ``main``.

``main`` turns whatever happens into an exit status (docs/rules.md, "Exit codes"):
errors the user can fix are one line on stderr with status 2, anything else one
line with status 3 (the trace with ``--debug``), Ctrl-C 130, a closed pipe 141.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from itroad import __version__
from itroad.cli import app, calendar_feed, files, planning, report
from itroad.cli.errors import (
    EXIT_ATTENTION,
    EXIT_CLOSED_PIPE,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_UNEXPECTED,
    EXIT_USAGE,
    CommandError,
    UsageError,
    closed_pipe,
    one_line,
    system_problem,
    unexpected,
)
from itroad.cli.options import (
    BEFORE,
    Parser,
    app_options,
    as_of_option,
    client_option,
    db_option,
    debug_option,
    json_option,
    merge_global_options,
)
from itroad.domain.errors import ItroadError
from itroad.interchange.toml_format import PortfolioFileError
from itroad.safe_text import guard_terminal
from itroad.store.errors import StoreError

EPILOG = f"""\
exit status:
  {EXIT_OK}    success (for due: nothing needs action)
  {EXIT_ATTENTION}    due only: something needs action
  {EXIT_USAGE}    an error you can fix, said in one line on stderr
  {EXIT_UNEXPECTED}    an unexpected failure, said in one line (run again with --debug for the trace)
  {EXIT_INTERRUPTED}  interrupted (Ctrl-C)
  {EXIT_CLOSED_PIPE}  the output was closed early (e.g. piped into head), silently

--db, --client, --as-of, --json and --debug mean the same before or after the
command; given on both sides they must agree, and one a command does not take
is refused."""


def build_parser() -> argparse.ArgumentParser:
    """The whole command line: the global options, then each command's sub-parser
    (added by the module of its group, in the order ``--help`` lists them)."""
    parser = Parser(
        prog="itroad",
        description="IT inventory, renewals, contracts and roadmaps in the terminal. "
        "With no command, opens the app on the database.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"itroad {__version__}")
    db_option(parser, BEFORE)
    client_option(parser, BEFORE, help="the app opens on this client; a command covers only it")
    as_of_option(parser, BEFORE, help="the day treated as today (default: today)")
    json_option(parser, BEFORE)
    app_options(parser, BEFORE)
    debug_option(parser, BEFORE)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    app.add_demo_parser(commands)
    files.add_import_parser(commands)
    files.add_export_parser(commands)
    planning.add_forecast_parser(commands)
    planning.add_due_parser(commands)
    planning.add_roadmap_parser(commands)
    calendar_feed.add_ical_parser(commands)
    report.add_report_parser(commands)
    files.add_backup_parser(commands)
    return parser


#: Each command's function, by name (None: no command, the app).
COMMANDS: dict[str | None, Callable[[argparse.Namespace], int]] = {
    None: app.cmd_tui,
    "demo": app.cmd_demo,
    "import": files.cmd_import,
    "export": files.cmd_export,
    "backup": files.cmd_backup,
    "forecast": planning.cmd_forecast,
    "due": planning.cmd_due,
    "roadmap": planning.cmd_roadmap,
    "ical": calendar_feed.cmd_ical,
    "report": report.cmd_report,
}


def run(args: argparse.Namespace) -> int:
    """Run the command; an error the user can fix becomes one line and status 2."""
    try:
        merge_global_options(args)
        status = COMMANDS[args.command](args)
        if sys.stdout is not None:  # None: started with stdout closed (>&-)
            sys.stdout.flush()  # a closed pipe or a full disk shows here, not at shutdown
        return status
    except PortfolioFileError as exc:
        for line in str(exc).splitlines():
            sys.stderr.write(one_line(line))
        return EXIT_USAGE
    except UsageError as exc:
        prog = f"itroad {args.command}" if args.command else "itroad"
        sys.stderr.write(one_line(f"{prog}: {exc}"))
        return EXIT_USAGE
    except (CommandError, StoreError) as exc:
        sys.stderr.write(one_line(f"itroad: {exc}"))
        return EXIT_USAGE
    except ItroadError as exc:  # any other refusal (a CSV or mapping file): a line each
        for line in str(exc).splitlines() or [type(exc).__name__]:
            sys.stderr.write(one_line(f"itroad: {line}"))
        return EXIT_USAGE
    except OSError as exc:
        problem = system_problem(exc)
        if problem is None:
            raise
        sys.stderr.write(one_line(f"itroad: {problem}"))
        return EXIT_USAGE


def main(argv: Sequence[str] | None = None) -> int:
    guard_terminal()
    args: argparse.Namespace | None = None
    try:
        args = build_parser().parse_args(argv)
        return run(args)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return closed_pipe()
    except Exception as exc:  # the top: nothing unexpected ends in a raw traceback
        return unexpected(exc, _debug_asked(args, argv))


def _debug_asked(args: argparse.Namespace | None, argv: Sequence[str] | None) -> bool:
    if args is None:  # the command line itself could not be read
        return "--debug" in (sys.argv[1:] if argv is None else argv)
    return bool(getattr(args, "debug", None) or getattr(args, BEFORE + "debug", None))
