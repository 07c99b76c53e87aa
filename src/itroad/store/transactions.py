"""Transactions for several itroads on one database file.

Python's sqlite3 starts a *deferred* transaction: it reads first and asks for
the write lock only at its first write. When two such writers meet, SQLite
cannot let the second one wait for the upgrade (that could deadlock), so it
fails at once with ``database is locked``. :func:`write_transaction` takes the
write lock up front (``BEGIN IMMEDIATE``), so a second writer waits for the
first to finish (up to the busy timeout) and then runs on what the first one
wrote. When the wait is over it raises :class:`DatabaseBusy`, a sentence for the
user.

:func:`read_transaction` wraps a read of several tables (an export, a report,
the forecast of every client) so that it sees one state of the database even
while another process is writing (in WAL mode a read transaction keeps its
snapshot and never blocks the writer).
"""

from __future__ import annotations

import secrets
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from sqlite_utils import Database

from itroad.store.errors import StoreError


class DatabaseBusy(StoreError):
    """Another connection held the write lock for longer than we could wait."""


#: Connections inside a :func:`read_transaction` (by id): a write there would be lost.
_reading: set[int] = set()


def database_file(db: Database) -> str:
    """The file of the connection's main database ("the database" when in memory)."""
    for _seq, name, file in db.execute("PRAGMA database_list").fetchall():
        if name == "main" and file:
            return file
    return "the database"


def busy_error(db: Database) -> DatabaseBusy:
    return DatabaseBusy(
        f"{database_file(db)}: another itroad is writing to this database; "
        "try again when it has finished")


def _is_busy(error: sqlite3.OperationalError) -> bool:
    code = getattr(error, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
    return "locked" in str(error) or "busy" in str(error)


@contextmanager
def _busy_timeout(db: Database, wait_seconds: float | None) -> Iterator[None]:
    """Set the connection's busy timeout for the block (None: leave it as it is)."""
    if wait_seconds is None:
        yield
        return
    (previous,) = db.conn.execute("PRAGMA busy_timeout").fetchone()
    db.conn.execute(f"PRAGMA busy_timeout = {max(0, int(wait_seconds * 1000))}")
    try:
        yield
    finally:
        db.conn.execute(f"PRAGMA busy_timeout = {int(previous)}")


@contextmanager
def _savepoint(db: Database) -> Iterator[Database]:
    """A nested block inside the open transaction (as ``Database.atomic`` does it)."""
    name = f"itroad_{secrets.token_hex(8)}"
    db.conn.execute(f"SAVEPOINT {name}")
    try:
        yield db
    except BaseException:
        # An error may already have ended the whole transaction, savepoint included.
        if db.conn.in_transaction:
            db.conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
            db.conn.execute(f"RELEASE SAVEPOINT {name}")
        raise
    db.conn.execute(f"RELEASE SAVEPOINT {name}")


def _rollback(db: Database) -> None:
    if db.conn.in_transaction:
        db.conn.execute("ROLLBACK")


@contextmanager
def write_transaction(db: Database, *, wait_seconds: float | None = None) -> Iterator[Database]:
    """One write transaction holding the write lock from its start.

    Waits for another writer up to ``wait_seconds`` (None: the connection's busy
    timeout) and raises :class:`DatabaseBusy` when it is still writing. Nested
    use is a savepoint of the outer transaction: it all commits or rolls back
    with the outer one.
    """
    if id(db.conn) in _reading:
        raise RuntimeError("write_transaction inside read_transaction: the write would be lost")
    if db.conn.in_transaction:
        with _savepoint(db):
            yield db
        return
    try:
        with _busy_timeout(db, wait_seconds):
            db.conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        if _is_busy(exc):
            raise busy_error(db) from None
        raise
    try:
        yield db
    except BaseException:
        _rollback(db)
        raise
    try:
        db.conn.execute("COMMIT")
    except sqlite3.OperationalError as exc:
        _rollback(db)
        if _is_busy(exc):
            raise busy_error(db) from None
        raise
    except BaseException:
        _rollback(db)
        raise


@contextmanager
def read_transaction(db: Database) -> Iterator[Database]:
    """Several reads that see one state of the database (nested use: the outer one's).

    The snapshot is taken at the first read inside the block and kept until its
    end; writers in other connections go on meanwhile.
    """
    if db.conn.in_transaction:
        yield db
        return
    db.conn.execute("BEGIN")
    _reading.add(id(db.conn))
    try:
        yield db
    finally:
        _reading.discard(id(db.conn))
        _rollback(db)  # it only read: nothing to keep
