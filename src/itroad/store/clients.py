"""The list of clients with what each holds: the Portfolio tab and the client switcher."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from itroad.store.rows import current_asset_sql
from itroad.store.transactions import write_transaction


@dataclass(frozen=True)
class ClientSummary:
    code: str
    name: str
    currency: str
    fiscal_year_start_month: int
    people: int
    assets: int
    active_assets: int
    renewals: int
    contracts: int
    initiatives: int


def list_clients(db: Database) -> list[ClientSummary]:
    """Every client in the order they were added, with record counts."""
    return [ClientSummary(*row) for row in db.execute(list_clients_sql()).fetchall()]


def list_clients_sql() -> str:
    """The client list's query; its counts are read from the partial indexes of
    records not deleted (migration 4 in store/schema.py)."""
    return f"""
        SELECT c.code, c.name, c.currency, c.fiscal_year_start_month,
            (SELECT count(*) FROM people WHERE client_id = c.id AND deleted_at IS NULL),
            (SELECT count(*) FROM assets WHERE client_id = c.id AND deleted_at IS NULL),
            (SELECT count(*) FROM assets WHERE client_id = c.id AND deleted_at IS NULL
                AND {current_asset_sql('status')}),
            (SELECT count(*) FROM renewals WHERE client_id = c.id AND deleted_at IS NULL),
            (SELECT count(*) FROM contracts WHERE client_id = c.id AND deleted_at IS NULL),
            (SELECT count(*) FROM initiatives WHERE client_id = c.id AND deleted_at IS NULL)
        FROM clients c ORDER BY c.id
    """


def set_decimal_separator(db: Database, code: str, separator: str | None) -> bool:
    """Declare how amounts are typed for client ``code``: ``"."``, ``","`` or None
    (not declared). Returns False when it already was so."""

    if separator not in (".", ",", None):
        raise ValueError(f"unknown decimal separator {separator!r}")
    with write_transaction(db):
        row = db.execute("SELECT id, decimal_separator FROM clients WHERE code = ?",
                         [code]).fetchone()
        if row is None:
            raise KeyError(code)
        if row[1] == separator:
            return False
        db.execute("UPDATE clients SET decimal_separator = ?, version = version + 1"
                   " WHERE id = ?", [separator, row[0]])
    return True
