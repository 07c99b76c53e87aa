"""The list of clients with what each holds: the Portfolio tab and the client switcher."""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database


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
    sql = """
        SELECT c.code, c.name, c.currency, c.fiscal_year_start_month,
            (SELECT count(*) FROM people WHERE client_id = c.id AND deleted_at IS NULL),
            (SELECT count(*) FROM assets WHERE client_id = c.id AND deleted_at IS NULL),
            (SELECT count(*) FROM assets WHERE client_id = c.id AND deleted_at IS NULL
                AND status NOT IN ('retired', 'disposed')),
            (SELECT count(*) FROM renewals WHERE client_id = c.id AND deleted_at IS NULL),
            (SELECT count(*) FROM contracts WHERE client_id = c.id AND deleted_at IS NULL),
            (SELECT count(*) FROM initiatives WHERE client_id = c.id AND deleted_at IS NULL)
        FROM clients c ORDER BY c.id
    """
    return [ClientSummary(*row) for row in db.execute(sql).fetchall()]
