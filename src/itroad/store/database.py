"""Opening the SQLite file: permissions, pragmas and migrations.

Every connection gets foreign keys on and a busy timeout; the file is in WAL
mode so a screen can read while another process writes. A database made by a
newer itroad is refused before anything is written to it.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from sqlite_utils import Database

from itroad.store.schema import MIGRATIONS, SCHEMA_VERSION

BUSY_TIMEOUT_MS = 5000


class StoreError(Exception):
    """A database that cannot be used, with a sentence saying why."""


class SchemaTooNewError(StoreError):
    pass


def _create_private_file(path: Path) -> None:
    """Create an empty database file readable by its owner only (0600)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)


def schema_version(db: Database) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


def _check_version(db: Database, path: Path | str) -> int:
    version = schema_version(db)
    if version > SCHEMA_VERSION:
        raise SchemaTooNewError(
            f"{path}: this database was written by a newer itroad (schema version {version}; "
            f"this itroad understands up to {SCHEMA_VERSION}). Upgrade itroad to open it; "
            "the file was not changed."
        )
    return version


def migrate(db: Database) -> int:
    """Apply the missing migrations, each in one transaction. Returns the new version."""
    version = schema_version(db)
    for number in range(version + 1, SCHEMA_VERSION + 1):
        with db.atomic():
            for statement in MIGRATIONS[number - 1]:
                db.execute(statement)
            db.execute(f"PRAGMA user_version = {number}")
    return schema_version(db)


def open_database(path: Path | str, *, readonly: bool = False, create: bool = True) -> Database:
    """Open (and create or migrate) the database at ``path``.

    ``readonly=True`` opens an existing file for reading only, as screen workers
    do: each worker thread opens its own connection.
    """
    path = Path(path).expanduser()
    if readonly:
        if not path.exists():
            raise StoreError(f"{path}: no such database")
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        db = Database(conn)
        try:
            db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            version = _check_version(db, path)
            if version < SCHEMA_VERSION:
                raise StoreError(
                    f"{path}: this database has an older schema (version {version} of "
                    f"{SCHEMA_VERSION}); open it once with itroad to upgrade it"
                )
        except BaseException:
            db.close()
            raise
        return db

    if not path.exists():
        if not create:
            raise StoreError(f"{path}: no such database")
        _create_private_file(path)
    try:
        conn = sqlite3.connect(str(path), check_same_thread=False)
    except sqlite3.Error as exc:
        raise StoreError(f"{path}: cannot open database ({exc})") from exc
    db = Database(conn)
    try:
        try:
            db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            _check_version(db, path)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: not an itroad database ({exc})") from exc
        db.execute("PRAGMA foreign_keys = ON")
        with db.ensure_autocommit_on():
            db.execute("PRAGMA journal_mode = WAL")
        migrate(db)
    except BaseException:
        db.close()
        raise
    return db


def backup_database(db: Database, target: Path | str) -> Path:
    """Write a consistent copy of the open database to ``target`` (0600)."""
    target = Path(target).expanduser()
    if target.exists():
        raise StoreError(f"{target}: already exists; choose a new file name")
    _create_private_file(target)
    dest = sqlite3.connect(str(target))
    try:
        db.conn.backup(dest)
    finally:
        dest.close()
    return target
