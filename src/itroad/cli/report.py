"""``itroad report``: one client's quarterly review, as HTML, Markdown or PDF.

Reads the client in one transaction, gathers the review with
:func:`itroad.planning.review.client_review` and lays it out with
:mod:`itroad.output.report`. HTML and Markdown go to ``-o FILE`` (written atomically) or
stdout; a PDF is the HTML printed by headless Chromium (:func:`print_pdf`), to a file only.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from itroad.cli.database import database_path, reading, select_clients
from itroad.cli.errors import EXIT_OK, CommandError, UsageError
from itroad.cli.options import Once, as_of_option, db_option, debug_option, file_path
from itroad.cli.output import check_output_target, file_mode, write_output
from itroad.output.report import report_html, report_markdown
from itroad.planning.review import ReviewError, client_review, parse_quarter
from itroad.safe_text import visible
from itroad.store import load_clients
from itroad.store.transactions import read_transaction

FORMATS = ("html", "md", "pdf")
#: The browsers that print a PDF, by the names Debian, other distributions and Google give them.
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
NO_BROWSER = ("itroad report --format pdf needs Chromium: install it (Debian/Ubuntu: apt install "
              "chromium) or use --format html and print from a browser.")
#: Seconds headless Chromium may take to print the report.
PDF_TIMEOUT = 120

DESCRIPTION = """\
The review a vCIO presents to one client each quarter: an executive summary (health,
this fiscal year committed against budget, next year's forecast, the three biggest
items, the decisions needed), the budget by fiscal quarter with a chart, renewals and
contracts of the next 90 and 365 days with their cancel-by dates, the hardware
lifecycle, the roadmap with its owners, KPIs and RACI gaps, and an appendix of assets.
Its figures are those of itroad forecast, due and roadmap for the same --as-of.

HTML (the default) is one self-contained file, for the screen and for print;
Markdown is the same content for a ticket or a wiki; PDF is the HTML printed by
headless Chromium (needs -o)."""


def quarter_option(text: str) -> int:
    """An argparse type: a fiscal quarter, ``FY2027-Q1``."""
    try:
        return parse_quarter(text)
    except ReviewError as problem:
        raise argparse.ArgumentTypeError(str(problem)) from None


def add_report_parser(commands: Any) -> None:
    parser = commands.add_parser(
        "report", help="one client's quarterly review: HTML, Markdown or PDF",
        description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("client", metavar="CLIENT", nargs="?", default=None,
                        help="the client's code (or give --client before the command)")
    parser.add_argument("--format", action=Once, choices=FORMATS, default="html",
                        help="html (default), md (Markdown) or pdf (needs -o and Chromium)")
    parser.add_argument("-o", "--output", action=Once, metavar="PATH", type=file_path,
                        help="write to this file (default: stdout; a PDF needs a file)")
    parser.add_argument("--quarter", action=Once, metavar="FY2027-Q1", type=quarter_option,
                        help="the fiscal quarter the budget and roadmap centre on "
                        "(default: the quarter after the one holding --as-of)")
    as_of_option(parser)
    db_option(parser)
    debug_option(parser)


def cmd_report(args: argparse.Namespace) -> int:
    code = _one_client(args.client)
    if args.format == "pdf" and args.output is None:
        raise UsageError("--format pdf needs -o FILE: a PDF is written to a file, not to the terminal")
    as_of = args.as_of or date.today()
    database = database_path(args.db)
    if args.output is not None:
        _not_the_database(Path(args.output).expanduser(), database)
    with reading(database) as db, read_transaction(db):
        (client,) = load_clients(db, select_clients(db, [code]))
    try:
        review = client_review(client, as_of, args.quarter)
    except ReviewError as problem:
        raise UsageError(f"--quarter: {problem}") from None
    if args.format == "md":
        write_output(report_markdown(review, _shown), args.output)
    elif args.format == "html":
        write_output(report_html(review, _shown), args.output)
    else:
        print_pdf(report_html(review, _shown), Path(args.output).expanduser())
    return EXIT_OK


def _not_the_database(target: Path, database: Path) -> None:
    """Refuse ``-o`` naming the database file (a typo that would replace every record)."""
    try:
        same = os.path.samefile(target, database)
    except OSError:  # one of them does not exist yet
        same = False
    if same:
        raise CommandError(f"{target}: is the database itself; give the report another file name")


def _shown(text: str) -> str:
    """User text in a report: control characters shown, never obeyed (lines kept)."""
    return visible(text, keep_lines=True)


def _one_client(value: str | list[str] | None) -> str:
    codes = [value] if isinstance(value, str) else list(value or [])
    if not codes:
        raise UsageError("name the client: itroad report CLIENT (see itroad report --help)")
    if len(codes) > 1:
        raise UsageError(f"a report covers one client, not {', '.join(codes)}; give one")
    return codes[0]


# --------------------------------------------------------------------------- PDF


def find_browser() -> str | None:
    """The path of a Chromium (or Chrome) on PATH, else None."""
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    return None


def browser_command(browser: str, profile: str, *extra: str) -> list[str]:
    """Headless Chromium with nothing of its own going on: no first run, no network of its
    own, no sync, a throw-away profile (and no sandbox as root, where it refuses to start)."""
    command = [browser, "--headless", "--disable-gpu", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--disable-extensions", f"--user-data-dir={profile}"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--no-sandbox")
    return [*command, *extra]


def print_pdf(html: str, target: Path) -> None:
    """Print the page to ``target`` with headless Chromium, atomically (a temp file renamed
    into place); a missing browser or a failed print is a :class:`CommandError`."""
    browser = find_browser()
    if browser is None:
        raise CommandError(NO_BROWSER)
    check_output_target(target)
    if not target.parent.is_dir():
        raise CommandError(f"{target}: the folder {target.parent} does not exist; create it first")
    with tempfile.TemporaryDirectory(prefix="itroad-report-") as work:
        page = Path(work) / "report.html"
        page.write_text(html, encoding="utf-8")
        try:
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        except OSError as exc:
            raise CommandError(f"{target}: cannot write the file ({exc.strerror})") from None
        os.close(fd)
        try:
            command = browser_command(browser, str(Path(work) / "profile"), "--no-pdf-header-footer",
                                      f"--print-to-pdf={tmp}", page.as_uri())
            try:
                done = subprocess.run(command, capture_output=True, timeout=PDF_TIMEOUT,
                                      stdin=subprocess.DEVNULL, check=False)
            except subprocess.TimeoutExpired:
                raise CommandError(f"{browser} did not print the report within {PDF_TIMEOUT} s") from None
            if done.returncode != 0 or Path(tmp).stat().st_size == 0:
                raise CommandError(f"{browser} could not print the report (exit status {done.returncode})")
            os.chmod(tmp, file_mode(target))
            os.replace(tmp, target)
        finally:
            Path(tmp).unlink(missing_ok=True)
