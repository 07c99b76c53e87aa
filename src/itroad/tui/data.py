"""What the screens read, loaded off the UI thread.

:func:`load_client_data` is called from a ``@work(thread=True)`` worker. It opens
its own read-only connection and closes it before returning (a SQLite connection
belongs to the thread that opened it), and returns plain models: the widgets are
updated back on the UI thread. Nothing in this module imports Textual.

Opening a client happens in two steps so that the inventory tabs never wait for
a whole client to be read: :func:`load_client_summary` (the client list and the
client's identity, a few milliseconds even with 100,000 assets), then
:func:`load_client_data` (every record of the client, for the tabs that need
them). :func:`load_inventory_context` is what an inventory tab needs to page
through its rows and fill its forms; :class:`QueryPages` is a list query as the
paged table reads it (over the table's own long-lived connection, see
:mod:`itroad.tui.page_reader`). :func:`client_figures` is what the
Portfolio dashboard computes in the background, one client at a time.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlite_utils import Database

from itroad.domain.models import Client, LifecyclePolicy, Person
from itroad.planning.health import ClientHealth, client_health
from itroad.store import ClientSummary, list_clients, load_client, open_database
from itroad.store.browse import ListSpec, Query, count_rows, fetch_ids, fetch_page, row_position
from itroad.store.lookups import (
    ClientRef,
    PersonRef,
    client_categories,
    client_people,
    client_policies,
    client_ref,
    client_sites,
)
from itroad.store.roster import Roster, load_with_roster, matches, read_roster

if TYPE_CHECKING:  # only a type: importing tui.widgets would import Textual into the
    # dashboard's child process, which imports this module
    from itroad.tui.widgets.page_source import PageConnection


@dataclass(frozen=True)
class ClientData:
    """Everything the tabs show for one moment: every client's summary, the current client.

    ``client`` is None when the database has no client, and in a summary
    (``complete`` False: the records are not read yet); ``ref`` names the client
    in both. ``note`` is a sentence for the user when the requested client was
    not found and another one was opened.
    """

    db_path: Path
    as_of: date
    clients: tuple[ClientSummary, ...] = ()
    client: Client | None = None
    note: str | None = None
    ref: ClientRef | None = None
    complete: bool = True

    @property
    def code(self) -> str | None:
        if self.client is not None:
            return self.client.code
        return self.ref.code if self.ref else None

    @property
    def currency(self) -> str | None:
        if self.client is not None:
            return self.client.currency
        return self.ref.currency if self.ref else None

    @property
    def name(self) -> str | None:
        if self.client is not None:
            return self.client.name
        return self.ref.name if self.ref else None


def _open_summary(db: Database, code: str | None) -> tuple[tuple[ClientSummary, ...], str | None, str | None]:
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
    return clients, code, note


def load_client_summary(db_path: Path, code: str | None, as_of: date) -> ClientData:
    """The client list and which client is open (``code``, else the first), without its records."""
    db = open_database(db_path, readonly=True)
    try:
        clients, code, note = _open_summary(db, code)
        ref = client_ref(db, code) if code is not None else None
    finally:
        db.close()
    return ClientData(db_path=Path(db_path), as_of=as_of, clients=clients, note=note, ref=ref,
                      complete=False)


def load_client_data(db_path: Path, code: str | None, as_of: date) -> ClientData:
    """Read the client list and one client (``code``, else the first) with a private connection."""
    db = open_database(db_path, readonly=True)
    try:
        clients, code, note = _open_summary(db, code)
        client = load_client(db, code) if code is not None else None
        ref = client_ref(db, code) if code is not None else None
    finally:
        db.close()
    return ClientData(db_path=Path(db_path), as_of=as_of, clients=clients, client=client, note=note,
                      ref=ref)


def client_figures(db_path: Path, codes: Iterable[str], as_of: date
                   ) -> Iterator[tuple[str, ClientHealth | Exception]]:
    """Each client's :func:`~itroad.planning.health.client_health`, one client at a time
    (read, computed, yielded, then the next), with a private read-only connection opened
    on first use, in the thread that iterates. An exception: that client's figures could
    not be computed (the others still are)."""
    db = open_database(db_path, readonly=True)
    try:
        for code in codes:
            result: ClientHealth | Exception
            try:
                result = client_health(load_client(db, code), as_of)
            except Exception as error:  # noqa: BLE001 - shown on the client's row
                result = error
            yield code, result
    finally:
        db.close()


@dataclass(frozen=True)
class InventoryContext:
    """What an inventory tab needs for one client: where to read its rows, and the
    people, sites and categories its forms offer to pick from."""

    db_path: Path
    as_of: date
    client: ClientRef
    total: int  # rows of the tab's kind, before any filter
    people: tuple[PersonRef, ...] = ()
    sites: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    policies: dict[str, LifecyclePolicy] = field(default_factory=dict)
    #: The first rows of the tab's unfiltered list, read with the rest (no second trip).
    first_query: Query | None = None
    first_rows: tuple[dict, ...] = ()

    def money(self) -> dict[str, Any]:
        """How the client's amounts are typed, for its money and rate fields:
        ``MoneyField("cost", "Cost", **context.money())``."""
        return {"decimal_separator": self.client.decimal_separator,
                "currency": self.client.currency}

    def rates(self) -> dict[str, Any]:
        """The same for rate fields (a rate has no currency)."""
        return {"decimal_separator": self.client.decimal_separator}

    def person(self, ref: str | None) -> PersonRef | None:
        """The person a record refers to (by email or name, any case)."""
        if not ref:
            return None
        key = ref.casefold()
        for person in self.people:
            if key in ((person.email or "").casefold(), person.name.casefold()):
                return person
        return None


def load_inventory_context(data: ClientData, spec: ListSpec, *, first_rows: int = 100
                           ) -> InventoryContext | None:
    """Read what an inventory tab needs for ``data``'s client (None: no client), with
    the first ``first_rows`` rows of its unfiltered list."""
    if data.ref is None:
        return None
    db = open_database(data.db_path, readonly=True)
    try:
        client_id = data.ref.id
        query = Query(spec, data.as_of, client_id=client_id)
        return InventoryContext(
            db_path=data.db_path,
            as_of=data.as_of,
            client=data.ref,
            total=count_rows(db, query),
            people=tuple(client_people(db, client_id)),
            sites=tuple(client_sites(db, client_id)),
            categories=tuple(client_categories(db, client_id)),
            policies=client_policies(db, client_id),
            first_query=query,
            first_rows=tuple(fetch_page(db, query, 0, first_rows)),
        )
    finally:
        db.close()


def read_with_roster(data: ClientData) -> tuple[Client, Roster | None, ClientRef | None]:
    """``data``'s client with the row ids behind its records (a
    :class:`~itroad.store.roster.Roster`), read with a private read-only connection (in
    the loading worker). When the database changed since ``data`` was read, the client
    is read again together with its ids."""
    client = data.client
    assert client is not None
    db = open_database(data.db_path, readonly=True)
    try:
        roster = read_roster(db, client.code)
        if roster is not None and not matches(roster, client):
            loaded = load_with_roster(db, client.code)
            if loaded is not None:
                client, roster = loaded
        ref = data.ref or client_ref(db, client.code)
    finally:
        db.close()
    return client, roster, ref


def roster_context(data: ClientData, client: Client, roster: Roster | None, ref: ClientRef | None,
                   total: int) -> InventoryContext | None:
    """What the forms of a tab built from the whole client need (its people with their
    row ids); None without the row ids."""
    if roster is None or ref is None:
        return None
    people = sorted((PersonRef(pid, p.name, p.email, p.title, p.organisation)
                     for pid, p in zip(roster.people, client.people)),
                    key=lambda p: (p.name.casefold(), p.id))
    return InventoryContext(db_path=data.db_path, as_of=data.as_of, client=ref, total=total,
                            people=tuple(people))


@dataclass(frozen=True)
class _QueryReader:
    db: Database
    query: Query

    def count(self) -> int:
        return count_rows(self.db, self.query)

    def page(self, offset: int, limit: int) -> list[dict[str, Any]]:
        return fetch_page(self.db, self.query, offset, limit)

    def position(self, row_id: int) -> int | None:
        return row_position(self.db, self.query, row_id)

    def ids(self) -> list[int]:
        return fetch_ids(self.db, self.query)


@dataclass(frozen=True)
class _ReadConnection:
    """A read-only connection a paged table's reader thread keeps between requests
    (autocommit: no read transaction is held between two queries)."""

    db: Database

    def interrupt(self) -> None:
        self.db.conn.interrupt()

    def close(self) -> None:
        self.db.close()


@dataclass(frozen=True)
class QueryPages:
    """The rows of a list query in a database file, for a paged table: read over the
    table's own long-lived connection (:meth:`connect`, :meth:`reader_on`), or in one
    trip with a read-only connection of its own (:meth:`reader`, in the worker's thread)."""

    db_path: Path
    query: Query

    @property
    def sort_key(self) -> str:
        return self.query.sort or self.query.spec.default_sort

    @property
    def descending(self) -> bool:
        return self.query.descending

    @property
    def database(self) -> Path:
        return Path(self.db_path).expanduser().absolute()

    def connect(self) -> _ReadConnection:
        return _ReadConnection(open_database(self.db_path, readonly=True))

    def reader_on(self, connection: PageConnection) -> _QueryReader:
        assert isinstance(connection, _ReadConnection)
        return _QueryReader(connection.db, self.query)

    @contextmanager
    def reader(self) -> Iterator[_QueryReader]:
        db = open_database(self.db_path, readonly=True)
        try:
            yield _QueryReader(db, self.query)
        finally:
            db.close()


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
