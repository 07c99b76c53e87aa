"""The row ids behind a loaded client, for the screens that edit it by the record.

:func:`~itroad.store.portfolio.load_client` returns models (natural keys, no ids).
The Roadmap and People screens show those models and edit rows: a
:class:`Roster` says which row each model came from, position for position
(live rows in id order, as ``load_client`` reads them), plus the roles catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from itroad.domain.models import Client
from itroad.store.portfolio import load_client
from itroad.store.roles import Role, list_roles, load_assignments
from itroad.store.transactions import read_transaction


@dataclass(frozen=True)
class Roster:
    client_id: int
    initiatives: tuple[int, ...] = ()  # ids, in the order of client.initiatives
    people: tuple[int, ...] = ()  # ids, in the order of client.people
    assignments: tuple[int, ...] = ()  # ids, in the order of client.assignments
    roles: tuple[Role, ...] = ()
    #: What names each row (titles, person keys), to check that a roster and a
    #: client read apart (two connections) describe the same rows.
    titles: tuple[str, ...] = ()
    keys: tuple[str, ...] = ()


def _rows(db: Database, table: str, columns: str, client_id: int) -> list[tuple]:
    return db.execute(
        f"SELECT id, {columns} FROM [{table}] WHERE client_id = ? AND deleted_at IS NULL"
        " ORDER BY id", [client_id]).fetchall()


def read_roster(db: Database, code: str) -> Roster | None:
    """The ids of a client's live initiatives, people and assignments (None: no such client)."""
    found = db.execute("SELECT id FROM clients WHERE code = ?", [code]).fetchone()
    if found is None:
        return None
    client_id = found[0]
    people = _rows(db, "people", "name, email", client_id)
    initiatives = _rows(db, "initiatives", "title", client_id)
    keys = {pid: email or name for pid, name, email in people}
    return Roster(
        client_id=client_id,
        initiatives=tuple(rid for rid, _ in initiatives),
        people=tuple(rid for rid, _, _ in people),
        assignments=tuple(rid for rid, _ in load_assignments(db, client_id, keys)),
        roles=tuple(list_roles(db)),
        titles=tuple(title for _, title in initiatives),
        keys=tuple(email or name for _, name, email in people),
    )


def matches(roster: Roster, client: Client) -> bool:
    """Whether the roster was read from the same state as the client (same rows)."""
    return (roster.titles == tuple(i.title for i in client.initiatives)
            and roster.keys == tuple(p.key for p in client.people)
            and len(roster.assignments) == len(client.assignments))


def load_with_roster(db: Database, code: str) -> tuple[Client, Roster] | None:
    """The client and its roster read in one transaction (so they agree)."""

    with read_transaction(db):
        roster = read_roster(db, code)
        if roster is None:
            return None
        return load_client(db, code), roster
