"""What the screens read, loaded off the UI thread.

:func:`load_client_data` is called from a ``@work(thread=True)`` worker. It opens
its own read-only connection and closes it before returning (a SQLite connection
belongs to the thread that opened it), and returns plain models: the widgets are
updated back on the UI thread. Nothing in this module imports Textual.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from itroad.domain.models import Client, Person
from itroad.store import ClientSummary, list_clients, load_client, open_database


@dataclass(frozen=True)
class ClientData:
    """Everything the tabs show for one moment: every client's summary, the current client.

    ``client`` is None when the database has no client. ``note`` is a sentence for
    the user when the requested client was not found and another one was opened.
    """

    db_path: Path
    as_of: date
    clients: tuple[ClientSummary, ...] = ()
    client: Client | None = None
    note: str | None = None

    @property
    def code(self) -> str | None:
        return self.client.code if self.client else None

    @property
    def currency(self) -> str | None:
        return self.client.currency if self.client else None


def load_client_data(db_path: Path, code: str | None, as_of: date) -> ClientData:
    """Read the client list and one client (``code``, else the first) with a private connection."""
    db = open_database(db_path, readonly=True)
    try:
        clients = tuple(list_clients(db))
        note = None
        codes = [c.code for c in clients]
        if code is not None and code not in codes:
            if clients:
                note = f'No client "{code}" in the database; showing "{clients[0].code}" instead.'
            else:
                note = f'No client "{code}" in the database: it has no clients yet.'
            code = None
        if code is None and clients:
            code = clients[0].code
        client = load_client(db, code) if code is not None else None
    finally:
        db.close()
    return ClientData(db_path=Path(db_path), as_of=as_of, clients=clients, client=client, note=note)


@dataclass
class PeopleIndex:
    """Find a client's person from a reference (an email or a name, any case)."""

    client: Client
    _by_key: dict[str, Person] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        for person in self.client.people:
            self._by_key.setdefault(person.name.casefold(), person)
            if person.email:
                self._by_key[person.email.casefold()] = person

    def find(self, ref: str | None) -> Person | None:
        if not ref:
            return None
        return self._by_key.get(ref.casefold())

    def name_of(self, ref: str | None) -> str:
        """The person's name; the reference itself when it names nobody known."""
        person = self.find(ref)
        if person is not None:
            return person.name
        return ref or ""
