"""The command line: `itroad` opens the app; subcommands import, export, back up and plan.

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

The modules:

- :mod:`~itroad.cli.program`   the parser, the table of commands, ``main`` and its exit statuses
- :mod:`~itroad.cli.options`   the global options, their values, and one meaning before or after
- :mod:`~itroad.cli.errors`    exit statuses and the errors said in one line
- :mod:`~itroad.cli.output`    stdout in flushed pieces, Rich consoles, JSON, files
- :mod:`~itroad.cli.database`  which database, opened to read or to write, and its clients
- :mod:`~itroad.cli.app`       ``itroad`` and ``itroad demo``: the app
- :mod:`~itroad.cli.files`     ``import``, ``export``, ``backup``
- :mod:`~itroad.cli.planning`  ``forecast``, ``due``, ``roadmap``
"""

from itroad.cli.program import main

__all__ = ["main"]
