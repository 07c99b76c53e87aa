"""Exit statuses, and the errors a command reports: each said in one line on stderr.

docs/rules.md, "Exit codes".
"""

from __future__ import annotations

import errno
import os
import sys
import traceback

from itroad.safe_text import visible

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


class CommandError(Exception):
    """A failure to report as one line on stderr with exit status 2."""


class UsageError(CommandError):
    """A command line that does not make sense, reported as ``itroad COMMAND: ...``."""


def one_line(text: str) -> str:
    """``text`` as one line for stderr, with nothing a terminal would obey."""
    return visible(text) + "\n"


#: Failures of the system around itroad that the user can fix, naming a file.
_FILE_ERRNOS = {errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOENT, errno.ENOTDIR,
                errno.EISDIR, errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO}
#: The same, writing stdout (no file name): a full disk, say.
_OUTPUT_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO}


def system_problem(exc: OSError) -> str | None:
    """One sentence for an OSError the user can fix, naming the file (or the output)."""
    if isinstance(exc, BrokenPipeError):
        return None
    if exc.filename and exc.errno in _FILE_ERRNOS:
        return f"{exc.filename}: {exc.strerror}"
    if not exc.filename and exc.errno in _OUTPUT_ERRNOS:
        return f"cannot write the output ({exc.strerror})"
    return None


def closed_pipe() -> int:
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


def unexpected(exc: BaseException, debug: bool) -> int:
    """A bug: one sentence, and the full trace only when asked for."""
    if debug:
        sys.stderr.write(visible("".join(traceback.format_exception(exc)), keep_lines=True))
    detail = str(exc)
    detail = detail if len(detail) <= 200 else detail[:199] + "…"
    summary = f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__
    hint = "" if debug else "; run again with --debug for the full trace"
    sys.stderr.write(one_line(f"itroad: unexpected error ({summary}){hint}"))
    return EXIT_UNEXPECTED
