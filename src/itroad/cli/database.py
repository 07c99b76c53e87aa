"""Which database a command works on, opened to read or to write, and the clients it covers."""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database

from itroad.cli.errors import CommandError
from itroad.domain.models import Client
from itroad.paths import default_database_path, is_default_data_dir
from itroad.store import client_codes, load_clients
from itroad.store.database import open_database, open_for_reading
from itroad.store.transactions import read_transaction


def database_path(option: str | None) -> Path:
    """``--db``, else ``$ITROAD_DB``, else the user data directory."""
    if option:
        return Path(option).expanduser()
    if os.environ.get("ITROAD_DB"):
        return Path(os.environ["ITROAD_DB"]).expanduser()
    return default_database_path()


@contextmanager
def writing(path: Path) -> Iterator[Database]:
    """The database to change, created if missing (its folder only if the default one)."""
    db = open_database(path, create_folder=is_default_data_dir(path.parent))
    try:
        yield db
    finally:
        db.close()


@contextmanager
def reading(path: Path) -> Iterator[Database]:
    """An existing database to read; a read-only one serves too."""
    db = open_for_reading(path)
    try:
        yield db
    finally:
        db.close()


def select_clients(db: Database, wanted: list[str] | None) -> list[str]:
    """The codes of the clients asked for (default: every client), each checked."""
    codes = client_codes(db)
    if not wanted:
        return codes
    for code in wanted:
        if code not in codes:
            known = ", ".join(codes) or "none yet"
            raise CommandError(f'no client "{code}" in the database (clients: {known})')
    return wanted


def clients_asked(args: argparse.Namespace) -> list[Client]:
    """The clients a planning command covers, as models (read in one transaction)."""
    with reading(database_path(args.db)) as db, read_transaction(db):
        return load_clients(db, select_clients(db, args.client))
