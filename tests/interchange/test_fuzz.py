"""Fuzzing the portfolio importer with mutated files (cases from tests/fuzz_portfolios.py).

Each case is imported with the real command line into a copy of a database that
already holds the base portfolio. Whatever the file holds:

- the exit status is 0 or 2, and nothing prints a traceback;
- refused (2): the database is byte for byte what it was;
- accepted (0): ``due`` and ``forecast`` over the longest horizons run on what was
  stored, and imported into an empty database the stored portfolio is exactly the
  file's (its canonical export equals the file read and written again).

``make test`` runs a few hundred cases; ``make fuzz`` runs thousands
(``ITROAD_FUZZ_CASES``; ``ITROAD_FUZZ_START`` picks the first case number).
"""

from __future__ import annotations

import io
import os
import shutil
import tomllib
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from tests.interchange.fuzz_portfolios import BASE, Case, make_case

from itroad.cli import main
from itroad.interchange.toml_format import dumps_portfolio, parse_portfolio
from itroad.store import import_portfolio, load_portfolio, open_database

CASES = int(os.environ.get("ITROAD_FUZZ_CASES", "300"))
START = int(os.environ.get("ITROAD_FUZZ_START", "0"))


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        status = main(list(argv))
    return status, out.getvalue(), err.getvalue()


def database_bytes(path: Path) -> bytes:
    """The database as stored: the file and any write-ahead log beside it."""
    wal = path.with_name(path.name + "-wal")
    return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    """The base portfolio as text and parsed, and a database that holds it."""
    folder = tmp_path_factory.mktemp("fuzz")
    text = dumps_portfolio(parse_portfolio(BASE))
    seeded = folder / "seeded.db"
    db = open_database(seeded)
    try:
        import_portfolio(db, parse_portfolio(text))
    finally:
        db.close()
    return text, tomllib.loads(text), seeded


def check(case: Case, seeded: Path, work: Path) -> None:
    source = work / "case.toml"
    source.write_text(case.text, encoding="utf-8")
    target = work / "case.db"
    shutil.copyfile(seeded, target)
    before = database_bytes(target)
    where = f"case {case.number} ({case.what})"

    status, out, err = run("import", "toml", str(source), "--db", str(target))
    assert status in (0, 2), f"{where}: exit {status}\n{err}"
    assert "Traceback" not in out + err, f"{where}: a traceback\n{err}"
    if status == 2:
        assert err.strip(), f"{where}: refused without saying why"
        assert database_bytes(target) == before, f"{where}: refused, but the database changed"
        return
    # Accepted: what was stored can be planned with, to the limits.
    for command in (("due", "--within", "3660"), ("forecast", "--years", "50")):
        status, out, err = run(*command, "--db", str(target), "--as-of", "2026-11-22")
        assert status in (0, 1), f"{where}: {' '.join(command)} exit {status}\n{err}"
    # Accepted: the stored values are the file's, exactly.
    expected = dumps_portfolio(parse_portfolio(case.text))
    empty = work / "empty.db"
    empty.unlink(missing_ok=True)
    status, _, err = run("import", "toml", str(source), "--db", str(empty))
    assert status == 0, f"{where}: accepted once, refused into an empty database\n{err}"
    db = open_database(empty, readonly=True)
    try:
        stored = dumps_portfolio(load_portfolio(db))
    finally:
        db.close()
    assert stored == expected, f"{where}: stored values differ from the file's"


def test_mutated_portfolio_files_are_imported_exactly_or_refused_cleanly(base, tmp_path):
    text, data, seeded = base
    outcomes = {"accepted": 0, "refused": 0}
    for number in range(START, START + CASES):
        case = make_case(number, data, text)
        work = tmp_path / "work"
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir()
        check(case, seeded, work)
        target_changed = (work / "empty.db").exists()
        outcomes["accepted" if target_changed else "refused"] += 1
    # The mutations reach both outcomes: a harness that only ever refuses tests little.
    assert outcomes["accepted"] > CASES // 20 and outcomes["refused"] > CASES // 4, outcomes


def test_the_cases_are_reproducible(base):
    text, data, _ = base
    assert make_case(7, data, text) == make_case(7, data, text)
    assert len({make_case(n, data, text).text for n in range(50)}) > 40
