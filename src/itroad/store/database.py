"""Opening the SQLite file: where it is, permissions, pragmas and migrations.

Every connection gets foreign keys on and a busy timeout; the file is in WAL
mode so a screen can read while another process writes. A database made by a
newer itroad is refused before anything is written to it.

Odd places are one sentence each, never a traceback: a folder that does not
exist (only the default data directory is created), a file where a folder
should be, a folder the user may not enter, an empty file (never adopted as a
new database). A database the user may only read serves every reading command
(:func:`open_for_reading`, opened read-only, or ``immutable`` when its folder is
read-only too) and is refused for writing (:class:`ReadOnlyDatabaseError`).
"""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

from sqlite_utils import Database

from itroad.store.errors import StoreError
from itroad.store.schema import MIGRATIONS, SCHEMA_VERSION
from itroad.store.transactions import write_transaction

BUSY_TIMEOUT_MS = 5000


class SchemaTooNewError(StoreError):
    pass


class ReadOnlyDatabaseError(StoreError):
    """The user may read the database but not write it (the file or its folder)."""


# -- where the file is ----------------------------------------------------------------


def _first_closed_folder(path: Path) -> Path:
    """The outermost folder on the way to ``path`` that the user may not enter."""
    for folder in reversed(path.parents):
        if folder.is_dir() and not os.access(folder, os.X_OK):
            return folder
    return path.parent


def _file_in_the_way(path: Path) -> Path:
    """The outermost part of ``path``'s folders that is a file, not a folder."""
    for folder in reversed(path.parents):
        if folder.exists() and not folder.is_dir():
            return folder
    return path.parent


def file_exists(path: Path) -> bool:
    """Whether ``path`` exists; a StoreError when its folders cannot hold or show it."""
    try:
        os.stat(path)
    except FileNotFoundError:
        return False
    except NotADirectoryError:
        raise StoreError(f"{path}: {_file_in_the_way(path)} is a file, not a folder") from None
    except PermissionError:
        raise StoreError(
            f"{path}: permission denied: you may not open the folder {_first_closed_folder(path)}"
        ) from None
    return True


def _existing_database(path: Path) -> bool:
    """Whether a database file is at ``path``: refuses folders and empty files."""
    if not file_exists(path):
        return False
    if path.is_dir():
        raise StoreError(f"{path}: is a folder, not a database file")
    if path.stat().st_size == 0 and not _being_created(path):
        raise StoreError(
            f"{path}: the file is empty, not an itroad database; delete it to start a new "
            "database there, or choose another file"
        )
    return True


#: An empty file this recent may be a database another itroad is creating right now.
JUST_CREATED_SECONDS = 10.0


def _being_created(path: Path) -> bool:
    """Whether the empty file at ``path`` became a database while we waited (up to the
    busy timeout): another itroad made it an instant ago and is writing its schema."""

    if time.time() - path.stat().st_mtime > JUST_CREATED_SECONDS:
        return False
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while time.monotonic() < deadline:
        time.sleep(0.02)
        if not file_exists(path) or path.stat().st_size > 0:
            return True
    return False


def ensure_folder(path: Path, *, create: bool = False) -> None:
    """Check that the folder for the file ``path`` exists (``create``: make it)."""
    folder = path.parent
    if folder.is_dir():
        return
    if not create:
        raise StoreError(f"{path}: the folder {folder} does not exist; create it first")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"{folder}: cannot create the folder ({exc.strerror})") from None


def _create_private_file(path: Path) -> None:
    """Create an empty file readable by its owner only (0600), in an existing folder."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise FileExistsError(path) from None
    except OSError as exc:
        raise StoreError(f"{path}: cannot create the file ({exc.strerror})") from None
    os.close(fd)


def _remove_new_database(path: Path) -> None:
    """Remove a database this call created and could not finish (and its WAL files)."""
    for name in (path, _beside(path, "-wal"), _beside(path, "-shm")):
        name.unlink(missing_ok=True)


def _beside(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def may_write(path: Path) -> bool:
    """Whether the user may change the database file (WAL also writes beside it)."""
    return (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK | os.X_OK)
            and all(os.access(f, os.W_OK) for f in (_beside(path, "-wal"), _beside(path, "-shm"))
                    if f.exists()))


def _read_only_problem(path: Path) -> str:
    """Why the user may not change the database, in one sentence."""
    shm = _beside(path, "-shm")
    if os.access(path, os.W_OK) and os.access(path.parent, os.W_OK) and not os.access(shm, os.W_OK):
        return (f"{path}: its {shm.name} file is read-only for you, so the database cannot be "
                f"changed; it is safe to delete {shm} when no itroad has the database open")
    return (f"{path}: the database is read-only for you (the file or its folder may not be "
            "written), so it cannot be changed")


# -- versions and migrations ----------------------------------------------------------


def schema_version(db: Database) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


def _check_version(db: Database, path: Path | str) -> int:
    version = schema_version(db)
    if version == 0:
        foreign = [name for (name,) in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name LIMIT 3")]
        if foreign:
            raise StoreError(
                f"{path}: a SQLite database of another program (it holds tables such as "
                f"{', '.join(foreign)}), not an itroad database; the file was not changed"
            )
    if version > SCHEMA_VERSION:
        raise SchemaTooNewError(
            f"{path}: this database was written by a newer itroad (schema version {version}; "
            f"this itroad understands up to {SCHEMA_VERSION}). Upgrade itroad to open it; "
            "the file was not changed."
        )
    return version


def migrate(db: Database) -> int:
    """Apply the missing migrations, each in one transaction. Returns the new version.

    The version is read again under the write lock: another itroad opening the
    same file at the same moment may have applied the migration meanwhile.
    """
    while schema_version(db) < SCHEMA_VERSION:
        with write_transaction(db):
            number = schema_version(db) + 1
            if number > SCHEMA_VERSION:
                break
            for statement in MIGRATIONS[number - 1]:
                db.execute(statement)
            db.execute(f"PRAGMA user_version = {number}")
    return schema_version(db)


def _connect_readonly(path: Path) -> sqlite3.Connection:
    """A read-only connection; ``immutable`` where a reader may not write.

    Reading a WAL database needs its ``-shm`` file. SQLite cannot create it in a
    folder the user may not write, and beside a file the user may not write it
    would create one as read-only as the file, which later breaks the owner's
    writes. So when no one has the database open (no ``-shm``, no pending
    ``-wal``) and the user may not write it, it is opened as immutable, leaving
    nothing behind; the price is that a write made meanwhile by its owner is
    not seen.
    """
    uri = path.absolute().as_uri()
    closed = not _beside(path, "-shm").exists() and _no_pending_wal(path)
    if closed and not os.access(path, os.W_OK):
        return _connect(f"{uri}?mode=ro&immutable=1")
    conn = _connect(f"{uri}?mode=ro")
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError:
        conn.close()
        if os.access(path.parent, os.W_OK):
            raise
    if not _no_pending_wal(path):
        raise StoreError(
            f"{path}: its {path.name}-wal file holds changes that only someone who may write "
            "the folder can apply; open it once with itroad as them"
        )
    return _connect(f"{uri}?mode=ro&immutable=1")


def _connect(uri: str) -> sqlite3.Connection:
    return sqlite3.connect(uri, uri=True, check_same_thread=False)


def _no_pending_wal(path: Path) -> bool:
    wal = _beside(path, "-wal")
    return not wal.exists() or wal.stat().st_size == 0


def _open_readonly(path: Path, *, older: str) -> Database:
    """A read-only connection to the current schema; ``older`` says what to do if not."""
    try:
        db = Database(_connect_readonly(path))
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: not an itroad database ({exc})") from None
    try:
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        try:
            version = _check_version(db, path)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: not an itroad database ({exc})") from None
        if version < SCHEMA_VERSION:
            raise StoreError(
                f"{path}: this database has an older schema (version {version} of "
                f"{SCHEMA_VERSION}); {older}"
            )
    except BaseException:
        db.close()
        raise
    return db


def open_database(
    path: Path | str, *, readonly: bool = False, create: bool = True, create_folder: bool = False
) -> Database:
    """Open (and create or migrate) the database at ``path``, to read and write.

    ``readonly=True`` opens an existing file for reading only, as screen workers
    do: each worker thread opens its own connection. Otherwise the file must be
    writable (:class:`ReadOnlyDatabaseError` if not); a missing file is created
    when ``create`` is true, in an existing folder (``create_folder``: make the
    folder too, for the default data directory).
    """
    path = Path(path).expanduser()
    if readonly:
        if not _existing_database(path):
            raise StoreError(f"{path}: no such database")
        return _open_readonly(path, older="open it once with itroad to upgrade it")

    created = False
    if _existing_database(path):
        if not may_write(path):
            raise ReadOnlyDatabaseError(_read_only_problem(path))
    else:
        if not create:
            raise StoreError(f"{path}: no such database")
        ensure_folder(path, create=create_folder)
        try:
            _create_private_file(path)
            created = True
        except FileExistsError:  # another itroad created it this instant: use theirs
            if not _existing_database(path):
                raise StoreError(f"{path}: another itroad created and removed this file just "
                                 "now; try again") from None
            if not may_write(path):
                raise ReadOnlyDatabaseError(_read_only_problem(path)) from None
    try:
        return _connect_and_migrate(path)
    except BaseException:
        if created:
            _remove_new_database(path)
        raise


def _connect_and_migrate(path: Path) -> Database:
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


def open_for_reading(path: Path | str) -> Database:
    """Open an existing database for a command that only reads it.

    A database the user may write is opened as by :func:`open_database` (so an
    older one is upgraded); one they may only read is opened read-only, and if
    it would need an upgrade first, that is said in one sentence.
    """
    path = Path(path).expanduser()
    if not _existing_database(path):
        raise StoreError(f"{path}: no such database")
    if may_write(path):
        return open_database(path, create=False)
    return _open_readonly(
        path, older="it is read-only for you, so it cannot be upgraded: make it writable, "
        "or read it with the itroad that wrote it",
    )


def backup_database(db: Database, target: Path | str) -> Path:
    """Write a consistent copy of the open database to ``target`` (0600), a new file."""
    target = Path(target).expanduser()
    if file_exists(target):
        raise StoreError(f"{target}: already exists; choose a new file name")
    ensure_folder(target)
    try:
        _create_private_file(target)
    except FileExistsError:
        raise StoreError(f"{target}: already exists; choose a new file name") from None
    try:
        dest = sqlite3.connect(str(target))
        try:
            db.conn.backup(dest)
        finally:
            dest.close()
    except BaseException:
        _remove_new_database(target)
        raise
    return target
