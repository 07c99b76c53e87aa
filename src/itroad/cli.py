"""The command line: `itroad` opens the app; subcommands import, export and back up.

The CLI and the TUI are two faces over the same store and planning functions.

What a cron line can rely on:

- The global options (``--db``, ``--client``, ``--as-of``, ``--json``, ``--debug``)
  mean the same before or after the command. Given on both sides they must agree;
  given before a command that does not take them they are refused, never ignored.
- Exit status: 0 success, 1 only for "something is due" (``itroad due``), 2 an
  error the user can fix (one line on stderr naming where), 3 anything
  unexpected (one line; ``--debug`` shows the trace), 130 Ctrl-C, 141 a closed
  pipe (silently). Never a raw traceback.
- Text from the data is never terminal control: everything printed for a person
  goes through :func:`itroad.safe_text.visible`, JSON through
  :func:`itroad.safe_text.escape_machine`.
"""

from __future__ import annotations

import argparse
import errno
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from itroad import __version__
from itroad.domain.limits import MAX_DUE_DAYS, MAX_FORECAST_YEARS
from itroad.safe_text import escape_machine, guard_terminal, visible

EXIT_OK = 0
#: ``itroad due`` only: something needs action.
EXIT_ATTENTION = 1
#: An error the user can fix, said in one line on stderr.
EXIT_USAGE = 2
#: Anything unexpected (a bug), said in one line; ``--debug`` shows the trace.
EXIT_UNEXPECTED = 3
EXIT_INTERRUPTED = 130
#: The reader of stdout went away (``itroad due | head -1``), as other Unix tools do.
EXIT_CLOSED_PIPE = 141

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

#: The options that may be given before the command, by ``dest``.
GLOBAL_OPTIONS = {
    "db": "--db",
    "client": "--client",
    "as_of": "--as-of",
    "json": "--json",
    "theme": "--theme",
    "no_mouse": "--no-mouse",
    "debug": "--debug",
}
#: The ``dest`` prefix of the copies given before the command.
BEFORE = "before_"
#: What the app (no command) takes; it has no copy after a command to merge with.
APP_OPTIONS = {"db", "client", "as_of", "theme", "no_mouse", "debug"}


class CommandError(Exception):
    """A failure to report as one line on stderr with exit status 2."""


class UsageError(CommandError):
    """A command line that does not make sense, reported as ``itroad COMMAND: ...``."""


# -- argparse, with errors of one line ------------------------------------------------


class Parser(argparse.ArgumentParser):
    """argparse whose errors are one line naming the command, with exit status 2."""

    def error(self, message: str):
        self.exit(EXIT_USAGE, _line(f"{self.prog}: {message} (see {self.prog} --help)"))

    def parse_args(self, args=None, namespace=None):
        """As argparse's, but words it does not know are blamed on the command given."""
        parsed, unknown = self.parse_known_args(args, namespace)
        if unknown:
            command = getattr(parsed, "command", None)
            prog = f"{self.prog} {command}" if command else self.prog
            self.exit(EXIT_USAGE, _line(
                f"{prog}: unrecognized arguments: {' '.join(unknown)} (see {prog} --help)"))
        return parsed


class Once(argparse.Action):
    """Store an option's value, refusing a second, different one (argparse keeps the last)."""

    def __call__(self, parser, namespace, values, option_string=None):
        given = namespace.__dict__.setdefault("_given_once", {})
        if self.dest in given and given[self.dest] != values:
            raise argparse.ArgumentError(
                self, f"given twice, as {_shown(given[self.dest])} and {_shown(values)}; give it once")
        given[self.dest] = values
        setattr(namespace, self.dest, values)


def _line(text: str) -> str:
    """``text`` as one line for stderr, with nothing a terminal would obey."""
    return visible(text) + "\n"


# -- option values ----------------------------------------------------------------------

def _as_of(text: str) -> date:
    """An argparse type: a day, ``YYYY-MM-DD``, within the supported range."""
    from itroad.domain.parse import ParseError, parse_date

    try:
        return parse_date(text)
    except ParseError as problem:
        raise argparse.ArgumentTypeError(str(problem)) from None


def _whole_number(low: int, high: int, unit: str) -> Callable[[str], int]:
    """An argparse type: a whole number from ``low`` to ``high``, ASCII digits only."""

    def parse(text: str) -> int:
        digits = text.isascii() and text.isdigit()
        if digits and (len(text.lstrip("0")) > len(str(high)) or int(text) > high):
            raise argparse.ArgumentTypeError(f'"{text}" is more than the limit of {high} {unit}')
        if not digits or int(text) < low:
            raise argparse.ArgumentTypeError(f'"{text}" is not a whole number of {low} or more')
        return int(text)

    return parse


def _path(text: str) -> str:
    if not text.strip():
        raise argparse.ArgumentTypeError("an empty path names no file")
    return text


# -- the options, each added before the command (prefix BEFORE) or after it -----------


def _db_option(parser: argparse.ArgumentParser, prefix: str = "") -> None:
    parser.add_argument(
        "--db", action=Once, dest=prefix + "db", metavar="PATH", type=_path, default=None,
        help="the database file (default: $ITROAD_DB, else the user data directory)",
    )


def _client_option(parser: argparse.ArgumentParser, prefix: str = "", *, help: str) -> None:
    parser.add_argument("--client", dest=prefix + "client", metavar="CODE", action="append",
                        default=None, help=help)


def _as_of_option(parser: argparse.ArgumentParser, prefix: str = "", *,
                  help: str = "the day to plan from (default: today)") -> None:
    parser.add_argument("--as-of", action=Once, dest=prefix + "as_of", metavar="YYYY-MM-DD",
                        type=_as_of, default=None, help=help)


def _json_option(parser: Any, prefix: str = "") -> None:
    parser.add_argument("--json", dest=prefix + "json", action="store_true", default=None,
                        help="machine-readable JSON")


def _debug_option(parser: argparse.ArgumentParser, prefix: str = "") -> None:
    parser.add_argument("--debug", dest=prefix + "debug", action="store_true", default=None,
                        help="on an unexpected failure, print the full trace")


def _app_options(parser: argparse.ArgumentParser, prefix: str = "") -> None:
    parser.add_argument("--theme", action=Once, dest=prefix + "theme", metavar="NAME",
                        default=None, help="colour theme to use")
    parser.add_argument("--no-mouse", dest=prefix + "no_mouse", action="store_true", default=None,
                        help="ignore the mouse (keyboard only)")


EVERY_CLIENT = "only this client (repeat for several; default: every client)"


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="itroad",
        description="IT inventory, renewals, contracts and roadmaps in the terminal. "
        "With no command, opens the app on the database.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"itroad {__version__}")
    _db_option(parser, BEFORE)
    _client_option(parser, BEFORE, help="the app opens on this client; a command covers only it")
    _as_of_option(parser, BEFORE, help="the day treated as today (default: today)")
    _json_option(parser, BEFORE)
    _app_options(parser, BEFORE)
    _debug_option(parser, BEFORE)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = commands.add_parser("demo", help="open the app on a fresh copy of the sample portfolio")
    _client_option(demo, help="open on this client")
    _as_of_option(demo, help="the day the app treats as today (default: today)")
    _app_options(demo)
    _debug_option(demo)

    imp = commands.add_parser("import", help="import a portfolio file into the database")
    imp.add_argument("format", choices=["toml"], help="file format (toml: the itroad/1 portfolio format)")
    imp.add_argument("file", metavar="FILE", help="the file to import")
    _client_option(imp, help="import only this client from the file (repeat for several)")
    imp.add_argument("--dry-run", action="store_true", help="check and report, write nothing")
    _db_option(imp)
    _debug_option(imp)

    exp = commands.add_parser("export", help="write clients out as a portfolio file")
    exp.add_argument("format", choices=["toml", "json"], help="file format")
    _client_option(exp, help="only this client (repeat for several; default: all)")
    exp.add_argument("-o", "--output", action=Once, metavar="PATH", type=_path,
                     help="write to this file (default: stdout)")
    _db_option(exp)
    _debug_option(exp)

    forecast = commands.add_parser(
        "forecast", help="what replacements, renewals, contracts and initiatives will cost, by period")
    _client_option(forecast, help=EVERY_CLIENT)
    forecast.add_argument(
        "--by", action=Once, choices=["month", "quarter", "year"], default="year",
        help="period length: month, fiscal quarter or fiscal year (default: year)")
    forecast.add_argument(
        "--years", action=Once, type=_whole_number(1, MAX_FORECAST_YEARS, "years"), default=1,
        metavar="N", help="fiscal years to cover, starting with the one holding --as-of "
        f"(default: 1, at most {MAX_FORECAST_YEARS})")
    forecast.add_argument("--group-by", action=Once, choices=["category", "site"],
                          help="also split each period by asset category or site (JSON only)")
    _as_of_option(forecast)
    out = forecast.add_mutually_exclusive_group()
    _json_option(out)
    out.add_argument("--csv", action="store_true", help="CSV, one row per client and period")
    _db_option(forecast)
    _debug_option(forecast)

    due = commands.add_parser(
        "due", help="what needs a decision or action soon; exit status 1 when anything does")
    _client_option(due, help=EVERY_CLIENT)
    due.add_argument("--within", action=Once, type=_whole_number(0, MAX_DUE_DAYS, "days"),
                     default=90, metavar="DAYS",
                     help=f"how far ahead to look (default: 90 days, at most {MAX_DUE_DAYS})")
    _as_of_option(due)
    _json_option(due)
    _db_option(due)
    _debug_option(due)

    roadmap = commands.add_parser(
        "roadmap", help="initiatives by fiscal quarter: status, budget, owner and RACI warnings")
    _client_option(roadmap, help=EVERY_CLIENT)
    _as_of_option(roadmap)
    _json_option(roadmap)
    _db_option(roadmap)
    _debug_option(roadmap)

    backup = commands.add_parser("backup", help="write a consistent copy of the database")
    backup.add_argument("file", metavar="FILE", help="the new file to write")
    _db_option(backup)
    _debug_option(backup)
    return parser


# -- before or after the command: one meaning -------------------------------------------


@dataclass(frozen=True)
class Spelling:
    """One way a value was given: ``--client`` before the command, ``CLIENT``, …"""

    how: str
    value: Any
    where: str = ""

    def shown(self) -> str:
        values = self.value if isinstance(self.value, list) else [self.value]
        text = " ".join(f"{self.how} {_shown(v)}" if self.how.startswith("-") else _shown(v)
                        for v in values)
        return f"{text} {self.where}".strip()


def _shown(value: Any) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


def _meaning(value: Any, how: str) -> frozenset:
    """What a value means, for comparing two spellings of it.

    Order and repeats do not matter (``--client a --client b`` is ``--client b
    --client a``), one value is a list of one (CLIENT ``acme`` is ``--client acme``),
    and two spellings of one path are the same ``--db``.
    """
    values = value if isinstance(value, list) else [value]
    if how == "--db":
        return frozenset(os.path.abspath(os.path.expanduser(v)) for v in values)
    return frozenset(values)


def one_meaning(*spellings: Spelling) -> Any:
    """The value said by every spelling that was given (None when none was).

    Both spellings of one thing (an option before and after the command, or a
    positional CLIENT and ``--client``) mean the same; when they contradict each
    other that is a :class:`UsageError` naming both.
    """
    given = [s for s in spellings if s.value is not None]
    if not given:
        return None
    first = given[0]
    for other in given[1:]:
        if _meaning(other.value, other.how) != _meaning(first.value, first.how):
            raise UsageError(f"{first.shown()} and {other.shown()} disagree; give it once")
    value = given[-1].value
    return list(dict.fromkeys(value)) if isinstance(value, list) else value


def merge_global_options(args: argparse.Namespace) -> None:
    """Give each global option one value, whichever side of the command it was on."""
    command = args.command
    for name, flag in GLOBAL_OPTIONS.items():
        before = getattr(args, BEFORE + name)
        if command is None:
            if before is not None and name not in APP_OPTIONS:
                raise UsageError(f"{flag} needs a command (the app does not take it)")
            setattr(args, name, before)
        elif before is not None and not hasattr(args, name):
            raise UsageError(f"{flag} does not apply to {command} (it was given before the command)")
        elif hasattr(args, name):
            setattr(args, name, one_meaning(
                Spelling(flag, before, "before the command"),
                Spelling(flag, getattr(args, name), "after it"),
            ))
    if getattr(args, "json", None) and getattr(args, "csv", False):
        raise UsageError("--json and --csv cannot be used together; choose one")


def _one_client(args: argparse.Namespace) -> str | None:
    """The single client the app opens on."""
    clients = args.client or []
    if len(clients) > 1:
        raise UsageError(f"the app opens on one client, not {', '.join(clients)}; give --client once")
    return clients[0] if clients else None


# -- the database -------------------------------------------------------------------------


def database_path(option: str | None) -> Path:
    """``--db``, else ``$ITROAD_DB``, else the user data directory."""
    if option:
        return Path(option).expanduser()
    if os.environ.get("ITROAD_DB"):
        return Path(os.environ["ITROAD_DB"]).expanduser()
    from itroad.paths import default_database_path

    return default_database_path()


@contextmanager
def _writing(path: Path) -> Iterator:
    """The database to change, created if missing (its folder only if the default one)."""
    from itroad.paths import is_default_data_dir
    from itroad.store.database import open_database

    db = open_database(path, create_folder=is_default_data_dir(path.parent))
    try:
        yield db
    finally:
        db.close()


@contextmanager
def _reading(path: Path) -> Iterator:
    """An existing database to read; a read-only one serves too."""
    from itroad.store.database import open_for_reading

    db = open_for_reading(path)
    try:
        yield db
    finally:
        db.close()


# -- output -------------------------------------------------------------------------------


#: Output goes to stdout in pieces of this many characters, each flushed: a reader that
#: stops early (``| head -1``) then ends itroad with 141 instead of a silently short write.
CHUNK = 16 * 1024


def write_stdout(text: str) -> None:
    """Write ``text`` to stdout piece by piece (see :data:`CHUNK`)."""
    if sys.stdout is None:  # started with stdout closed (>&-): nothing to write to
        return
    for start in range(0, len(text), CHUNK):
        sys.stdout.write(text[start:start + CHUNK])
        sys.stdout.flush()


class _ChunkedStdout:
    """stdout as Rich's console file: its writes go through :func:`write_stdout`."""

    def write(self, text: str) -> int:
        write_stdout(text)
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(sys.stdout, name)


def say(text: str) -> None:
    """Print text for a person: control characters shown, never obeyed."""
    write_stdout(visible(text, keep_lines=True) + "\n")


def terminal(**options: Any):
    """A Rich console on stdout whose closed pipe ends itroad with status 141.

    Rich's own answer to a closed pipe is ``SystemExit(1)``, which would read as
    "something is due"; this one raises BrokenPipeError for :func:`main`.
    """
    from rich.console import Console

    class PipeAwareConsole(Console):
        def on_broken_pipe(self) -> None:
            self.quiet = True
            raise BrokenPipeError

    if sys.stdout is not None:  # else Rich writes nowhere, as it should
        options.setdefault("file", _ChunkedStdout())
    return PipeAwareConsole(**options)


def print_json(data: Any) -> None:
    """Print JSON with every control character escaped (json escapes only C0)."""
    import json

    write_stdout(escape_machine(json.dumps(data, indent=2, ensure_ascii=False)) + "\n")


def _write_output(text: str, output: str | None) -> None:
    """Write to stdout, or atomically to a file (a temp file renamed into place)."""
    if output is None:
        write_stdout(text)
        return
    from itroad.store.database import file_exists

    target = Path(output).expanduser()
    if file_exists(target) and target.is_dir():
        raise CommandError(f"{target}: is a folder; give a file name")
    if not target.parent.is_dir():
        raise CommandError(f"{target}: the folder {target.parent} does not exist; create it first")
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise CommandError(f"{target}: cannot write the file ({exc.strerror})") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise CommandError(f"{target}: cannot write the file ({exc.strerror})") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# -- the commands -------------------------------------------------------------------------


def cmd_import(args: argparse.Namespace) -> int:
    from itroad.interchange.toml_format import read_portfolio
    from itroad.store import import_portfolio

    portfolio = read_portfolio(args.file)
    if args.client:
        in_file = [c.code for c in portfolio.clients]
        for code in args.client:
            if code not in in_file:
                codes = ", ".join(in_file) or "none"
                raise CommandError(f'{args.file}: no client "{code}" in the file (it has: {codes})')
        chosen = [c for c in portfolio.clients if c.code in args.client]
        portfolio = portfolio.model_copy(update={"clients": chosen})
    with _writing(database_path(args.db)) as db:
        report = import_portfolio(db, portfolio, dry_run=args.dry_run)
    say(report.describe())
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
    from itroad.store.transactions import read_transaction

    with _reading(database_path(args.db)) as db, read_transaction(db):
        portfolio = load_portfolio(db, _select_clients(db, args.client))
    text = dumps_portfolio(portfolio) if args.format == "toml" else portfolio_json(portfolio)
    _write_output(text, args.output)
    return EXIT_OK


def cmd_backup(args: argparse.Namespace) -> int:
    from itroad.store import backup_database

    with _reading(database_path(args.db)) as db:
        target = backup_database(db, args.file)
    say(f"backed up to {target}")
    return EXIT_OK


def _clients(args: argparse.Namespace):
    """The clients a planning command covers, as models (read in one transaction)."""
    from itroad.store import load_clients
    from itroad.store.transactions import read_transaction

    with _reading(database_path(args.db)) as db, read_transaction(db):
        return load_clients(db, _select_clients(db, args.client))


def _one_client_asked(args: argparse.Namespace) -> bool:
    return args.client is not None and len(args.client) == 1


def cmd_forecast(args: argparse.Namespace) -> int:
    from itroad.output.forecast import forecast_csv, forecast_notes, forecast_tables
    from itroad.output.json import forecast_to_json_dict
    from itroad.planning.forecast import forecast

    as_of = args.as_of or date.today()
    clients = _clients(args)
    forecasts = [forecast(c, as_of, by=args.by, years=args.years, group_by=args.group_by)
                 for c in clients]
    if args.json:
        data = [forecast_to_json_dict(f) for f in forecasts]
        print_json(data[0] if _one_client_asked(args) else data)
    elif args.csv:
        text = forecast_csv(forecasts)
        # Files and pipes get the exact text; a terminal sees controls, never obeys them.
        write_stdout(visible(text, keep_lines=True) if sys.stdout.isatty() else text)
    else:
        console = terminal()
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
    from itroad.output.due import due_table
    from itroad.output.json import due_to_json_dict
    from itroad.planning.due import due_items_for

    as_of = args.as_of or date.today()
    items = due_items_for(_clients(args), as_of, args.within)
    if args.json:
        print_json(due_to_json_dict(items, as_of, args.within))
    elif items:
        terminal().print(due_table(items, args.within, as_of))
    else:
        say(f"Nothing needs action within {args.within} days of {as_of.isoformat()}.")
    return EXIT_ATTENTION if items else EXIT_OK


def cmd_roadmap(args: argparse.Namespace) -> int:
    from itroad.output.json import roadmap_to_json_dict
    from itroad.planning.roadmap import plan_roadmap

    as_of = args.as_of or date.today()
    clients = _clients(args)
    roadmaps = [plan_roadmap(c, as_of) for c in clients]
    if args.json:
        data = [roadmap_to_json_dict(r) for r in roadmaps]
        print_json(data[0] if _one_client_asked(args) else data)
        return EXIT_OK
    from itroad.output.roadmap import roadmap_renderable

    console = terminal(highlight=False)
    if not clients:
        console.print("No clients yet: import a portfolio with 'itroad import toml FILE'.",
                      markup=False)
    for roadmap in roadmaps:
        console.print(roadmap_renderable(roadmap, console.width))
        console.print()
    return EXIT_OK


def run_tui(db_path: Path, args: argparse.Namespace) -> int:
    from itroad.tui.app import build_app

    app = build_app(db_path, client=_one_client(args), theme=args.theme, as_of=args.as_of)
    app.run(mouse=not args.no_mouse)
    return app.return_code or EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from itroad.interchange.toml_format import read_portfolio
    from itroad.paths import sample_data_path
    from itroad.store import import_portfolio

    _one_client(args)  # before the import, so a wrong command line is said at once
    portfolio = read_portfolio(sample_data_path())
    workdir = Path(tempfile.mkdtemp(prefix="itroad-demo-"))
    try:
        db_path = workdir / "demo.db"
        with _writing(db_path) as db:
            import_portfolio(db, portfolio)
        return run_tui(db_path, args)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def cmd_tui(args: argparse.Namespace) -> int:
    from itroad.store.database import file_exists

    _one_client(args)
    path = database_path(args.db)
    # Create, migrate or check the file before the app starts, so errors print here.
    with _reading(path) if file_exists(path) else _writing(path):
        pass
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


# -- main: exit codes ---------------------------------------------------------------------


def _run(args: argparse.Namespace) -> int:
    from itroad.interchange.toml_format import PortfolioFileError
    from itroad.store import StoreError

    try:
        merge_global_options(args)
        status = COMMANDS[args.command](args)
        if sys.stdout is not None:  # None: started with stdout closed (>&-)
            sys.stdout.flush()  # a closed pipe or a full disk shows here, not at shutdown
        return status
    except PortfolioFileError as exc:
        for line in str(exc).splitlines():
            sys.stderr.write(_line(line))
        return EXIT_USAGE
    except UsageError as exc:
        prog = f"itroad {args.command}" if args.command else "itroad"
        sys.stderr.write(_line(f"{prog}: {exc}"))
        return EXIT_USAGE
    except (CommandError, StoreError) as exc:
        sys.stderr.write(_line(f"itroad: {exc}"))
        return EXIT_USAGE
    except OSError as exc:
        problem = _system_problem(exc)
        if problem is None:
            raise
        sys.stderr.write(_line(f"itroad: {problem}"))
        return EXIT_USAGE


#: Failures of the system around itroad that the user can fix, naming a file.
_FILE_ERRNOS = {errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOENT, errno.ENOTDIR,
                errno.EISDIR, errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO}
#: The same, writing stdout (no file name): a full disk, say.
_OUTPUT_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO}


def _system_problem(exc: OSError) -> str | None:
    """One sentence for an OSError the user can fix, naming the file (or the output)."""
    if isinstance(exc, BrokenPipeError):
        return None
    if exc.filename and exc.errno in _FILE_ERRNOS:
        return f"{exc.filename}: {exc.strerror}"
    if not exc.filename and exc.errno in _OUTPUT_ERRNOS:
        return f"cannot write the output ({exc.strerror})"
    return None


def _closed_pipe() -> int:
    """End quietly when the reader of stdout has gone.

    Later writes (Python flushes stdout once more at exit) go to /dev/null instead
    of raising again, as the Python documentation recommends for SIGPIPE.
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    return EXIT_CLOSED_PIPE


def _unexpected(exc: BaseException, debug: bool) -> int:
    """A bug: one sentence, and the full trace only when asked for."""
    if debug:
        import traceback

        sys.stderr.write(visible("".join(traceback.format_exception(exc)), keep_lines=True))
    detail = str(exc)
    detail = detail if len(detail) <= 200 else detail[:199] + "…"
    summary = f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__
    hint = "" if debug else "; run again with --debug for the full trace"
    sys.stderr.write(_line(f"itroad: unexpected error ({summary}){hint}"))
    return EXIT_UNEXPECTED


def main(argv: Sequence[str] | None = None) -> int:
    guard_terminal()
    args: argparse.Namespace | None = None
    try:
        args = build_parser().parse_args(argv)
        return _run(args)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return _closed_pipe()
    except Exception as exc:  # the top: nothing unexpected ends in a raw traceback
        return _unexpected(exc, _debug_asked(args, argv))


def _debug_asked(args: argparse.Namespace | None, argv: Sequence[str] | None) -> bool:
    if args is None:  # the command line itself could not be read
        return "--debug" in (sys.argv[1:] if argv is None else argv)
    return bool(getattr(args, "debug", None) or getattr(args, BEFORE + "debug", None))
