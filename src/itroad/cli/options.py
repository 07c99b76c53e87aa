"""The global options, the values options take, and one meaning before or after the command.

``--db``, ``--client``, ``--as-of``, ``--json`` and ``--debug`` may be given before
the command (as ``before_*`` copies) or after it; :func:`merge_global_options` gives
each one value, refusing two that disagree and one a command does not take.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, NoReturn

from itroad.cli.errors import EXIT_USAGE, UsageError, one_line
from itroad.domain.parse import ParseError, parse_date

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

EVERY_CLIENT = "only this client (repeat for several; default: every client)"


# -- argparse, with errors of one line ------------------------------------------------


class Parser(argparse.ArgumentParser):
    """argparse whose errors are one line naming the command, with exit status 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, one_line(f"{self.prog}: {message} (see {self.prog} --help)"))

    def parse_args(self, args: Sequence[str] | None = None,  # type: ignore[override]
                   namespace: argparse.Namespace | None = None) -> argparse.Namespace:
        """As argparse's, but words it does not know are blamed on the command given."""
        parsed, unknown = self.parse_known_args(args, namespace)
        if unknown:
            command = getattr(parsed, "command", None)
            prog = f"{self.prog} {command}" if command else self.prog
            self.exit(EXIT_USAGE, one_line(
                f"{prog}: unrecognized arguments: {' '.join(unknown)} (see {prog} --help)"))
        return parsed


class Once(argparse.Action):
    """Store an option's value, refusing a second, different one (argparse keeps the last)."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: Any, option_string: str | None = None) -> None:
        given = namespace.__dict__.setdefault("_given_once", {})
        if self.dest in given and given[self.dest] != values:
            raise argparse.ArgumentError(
                self, f"given twice, as {shown(given[self.dest])} and {shown(values)}; give it once")
        given[self.dest] = values
        setattr(namespace, self.dest, values)


# -- option values ----------------------------------------------------------------------


def as_of_date(text: str) -> date:
    """An argparse type: a day, ``YYYY-MM-DD``, within the supported range."""
    try:
        return parse_date(text)
    except ParseError as problem:
        raise argparse.ArgumentTypeError(str(problem)) from None


def whole_number(low: int, high: int, unit: str) -> Callable[[str], int]:
    """An argparse type: a whole number from ``low`` to ``high``, ASCII digits only."""

    def parse(text: str) -> int:
        digits = text.isascii() and text.isdigit()
        if digits and (len(text.lstrip("0")) > len(str(high)) or int(text) > high):
            raise argparse.ArgumentTypeError(f'"{text}" is more than the limit of {high} {unit}')
        if not digits or int(text) < low:
            raise argparse.ArgumentTypeError(f'"{text}" is not a whole number of {low} or more')
        return int(text)

    return parse


def file_path(text: str) -> str:
    """An argparse type: a path, which cannot be empty."""
    if not text.strip():
        raise argparse.ArgumentTypeError("an empty path names no file")
    return text


# -- the options, each added before the command (prefix BEFORE) or after it -----------


def db_option(parser: argparse.ArgumentParser, prefix: str = "") -> None:
    parser.add_argument(
        "--db", action=Once, dest=prefix + "db", metavar="PATH", type=file_path, default=None,
        help="the database file (default: $ITROAD_DB, else the user data directory)",
    )


def client_option(parser: argparse.ArgumentParser, prefix: str = "", *, help: str) -> None:
    parser.add_argument("--client", dest=prefix + "client", metavar="CODE", action="append",
                        default=None, help=help)


def as_of_option(parser: argparse.ArgumentParser, prefix: str = "", *,
                 help: str = "the day to plan from (default: today)") -> None:
    parser.add_argument("--as-of", action=Once, dest=prefix + "as_of", metavar="YYYY-MM-DD",
                        type=as_of_date, default=None, help=help)


def json_option(parser: Any, prefix: str = "") -> None:
    """``--json`` (``parser`` may be a mutually exclusive group)."""
    parser.add_argument("--json", dest=prefix + "json", action="store_true", default=None,
                        help="machine-readable JSON")


def debug_option(parser: argparse.ArgumentParser, prefix: str = "") -> None:
    parser.add_argument("--debug", dest=prefix + "debug", action="store_true", default=None,
                        help="on an unexpected failure, print the full trace")


def app_options(parser: argparse.ArgumentParser, prefix: str = "") -> None:
    parser.add_argument("--theme", action=Once, dest=prefix + "theme", metavar="NAME",
                        default=None, help="colour theme to use")
    parser.add_argument("--no-mouse", dest=prefix + "no_mouse", action="store_true", default=None,
                        help="ignore the mouse (keyboard only)")


# -- before or after the command: one meaning -------------------------------------------


@dataclass(frozen=True)
class Spelling:
    """One way a value was given: ``--client`` before the command, ``CLIENT``, …"""

    how: str
    value: Any
    where: str = ""

    def shown(self) -> str:
        values = self.value if isinstance(self.value, list) else [self.value]
        text = " ".join(f"{self.how} {shown(v)}" if self.how.startswith("-") else shown(v)
                        for v in values)
        return f"{text} {self.where}".strip()


def shown(value: Any) -> str:
    """An option's value as the user would type it."""
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


def one_client(args: argparse.Namespace) -> str | None:
    """The single client the app opens on."""
    clients = args.client or []
    if len(clients) > 1:
        raise UsageError(f"the app opens on one client, not {', '.join(clients)}; give --client once")
    return clients[0] if clients else None


def one_client_asked(args: argparse.Namespace) -> bool:
    """Whether exactly one ``--client`` was given (a planning command's JSON is then one object)."""
    return args.client is not None and len(args.client) == 1
