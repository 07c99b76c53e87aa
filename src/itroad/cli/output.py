"""What a command writes: stdout in flushed pieces, Rich consoles, JSON, files.

What is printed is laid out by :mod:`itroad.output`; this module only puts it on
stdout (or in a file) so that a closed pipe or a full disk says so.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from rich.console import Console

from itroad.cli.errors import CommandError
from itroad.safe_text import escape_machine, visible
from itroad.store.database import file_exists

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


class PipeAwareConsole(Console):
    """A Rich console whose closed pipe raises BrokenPipeError (see :func:`terminal`)."""

    def on_broken_pipe(self) -> None:
        self.quiet = True
        raise BrokenPipeError


def terminal(**options: Any) -> Console:
    """A Rich console on stdout whose closed pipe ends itroad with status 141.

    Rich's own answer to a closed pipe is ``SystemExit(1)``, which would read as
    "something is due"; this one raises BrokenPipeError for :func:`itroad.cli.main`.
    """
    if sys.stdout is not None:  # else Rich writes nowhere, as it should
        options.setdefault("file", _ChunkedStdout())
    return PipeAwareConsole(**options)


def print_json(data: Any) -> None:
    """Print JSON with every control character escaped (json escapes only C0)."""
    write_stdout(escape_machine(json.dumps(data, indent=2, ensure_ascii=False)) + "\n")


def file_mode(target: Path) -> int:
    """The permissions a file written over ``target`` gets: those of the file it
    replaces, else what the umask gives a new file (as ``> FILE`` would), never the
    owner-only mode of a temporary file."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


#: The first bytes of every SQLite database file.
SQLITE_HEADER = b"SQLite format 3\x00"


def check_output_target(target: Path) -> None:
    """Refuse to write output over a folder or over a database file (``-o`` naming
    the database, a typo that would replace every record with a report)."""
    if not file_exists(target):
        return
    if target.is_dir():
        raise CommandError(f"{target}: is a folder; give a file name")
    try:
        with target.open("rb") as handle:
            head = handle.read(len(SQLITE_HEADER))
    except OSError:
        return  # not readable: writing it says what is wrong
    if head == SQLITE_HEADER:
        raise CommandError(f"{target}: is a database file; give the output another file name")


def write_output(text: str, output: str | None) -> None:
    """Write to stdout, or atomically to a file (a temp file renamed into place)."""
    if output is None:
        write_stdout(text)
        return
    target = Path(output).expanduser()
    check_output_target(target)
    if not target.parent.is_dir():
        raise CommandError(f"{target}: the folder {target.parent} does not exist; create it first")
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise CommandError(f"{target}: cannot write the file ({exc.strerror})") from None
    try:
        os.chmod(tmp, file_mode(target))
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise CommandError(f"{target}: cannot write the file ({exc.strerror})") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
