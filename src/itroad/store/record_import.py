"""Records read from CSV files (Snipe-IT, Intune, any CSV), written to the database.

A reader (``interchange/``) yields an :class:`~itroad.domain.incoming.Incoming`
for each record it could read and a :class:`~itroad.domain.incoming.RowProblem`
for each it could not; :func:`import_records` writes the first in one
transaction and collects the second. What an import does, as its user sees it:

- **All or nothing.** Any problem (one the reader found, or one found here while
  writing: a key the file repeats, an unknown asset tag, an ambiguous person)
  means nothing is written: :class:`ImportProblems` lists the first problems
  and counts them all. After a problem the rest of the file is still read and
  written (then rolled back), so that every problem is found in one go.
  ``dry_run`` counts everything, then writes nothing.
- **Clients.** A record names its client by code (the client with that code,
  created when new) or by name (the client of that name, matched
  case-insensitively, else created with a code made from the name, ``-2``,
  ``-3``… added when the code is taken). A client created by code is named
  after the file's Company column when every record gave it the same name,
  else after its code. New clients count in US dollars, their fiscal year
  starting in January.
- **Matching.** An asset is the same record as the client's asset of the same
  tag, a renewal as the one of the same name and vendor, a contract as the one
  of the same title and vendor (case-insensitively). A deleted record is
  brought back by importing it again. A key the file gives twice is a problem
  at its second record.
- **Updating.** A record already in the database changes only in the fields
  the file has a column for (so a file without a Notes column keeps the notes),
  and in those it fills only where the record has no value (``Incoming.fills``),
  and only when a value differs; the result is checked as a whole, as a form
  would. A contract's assets are linked by tag, only when the file lists them.
- **People.** The people a record names are found in the client by email (a
  person without an email: by name) and added when new.
- **Never deletes.** Records of the client that the file does not mention are
  kept, and counted in the report.

Memory does not grow with the file: the records of this import are noted in
temporary tables of the connection, not in Python.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError
from sqlite_utils import Database

from itroad.domain.errors import ItroadError, error_field
from itroad.domain.incoming import (
    ImportedRecord,
    Incoming,
    ReadItem,
    RecordKind,
    RowProblem,
    client_code,
)
from itroad.domain.models import Asset, Client, Contract, LifecyclePolicy, Person, Renewal
from itroad.planning.lifecycle import policies_by_category, replacement_due
from itroad.store.portfolio import IMPORT_WAIT_SECONDS, Tally, _DryRun, _sync_links
from itroad.store.records import (
    PersonIndex,
    UnknownReference,
    asset_from_row,
    asset_row,
    contract_from_row,
    contract_row,
    fold,
    index_people,
    person_ref,
    person_row,
    policy_from_row,
    renewal_from_row,
    renewal_row,
)
from itroad.store.rows import inserted_id, iso
from itroad.store.transactions import write_transaction

#: After this many assets added (or a quarter of the table, if more), the assets'
#: indexes are built once at the end instead of row by row (``_Importer._many_assets``).
BULK_ASSETS = 2000
#: How many notices a report keeps (the rest are counted).
MAX_NOTICES = 50
#: How many keys of each outcome a report keeps to list (a dry run shows them).
MAX_EXAMPLES = 10
NAMED_AFTER_COLUMN = "after the file's Company column"
NAMED_AFTER_CODE = "after its code"

_NOUN = {"assets": "asset", "renewals": "renewal", "contracts": "contract"}
#: The field of each kind a key problem names (its column is the one to fix).
_KEY_FIELD = {"assets": "tag", "renewals": "name", "contracts": "title"}
_PERSON_FIELD = {"assets": "assigned_to", "renewals": "owner", "contracts": "owner"}
#: Each kind's table column holding the person it names.
_PERSON_COLUMN = {"assets": "assigned_to", "renewals": "owner_id", "contracts": "owner_id"}


class ImportProblems(ItroadError):
    """The file has problems, so nothing was imported: ``problems`` are the first
    ones (up to the import's ``max_problems``), ``total`` counts them all."""

    def __init__(self, problems: list[RowProblem], total: int) -> None:
        first = str(problems[0]) if problems else "a problem"
        message = (f"nothing was imported: {first}" if total == 1 else
                   f"nothing was imported: {total:,} problems, the first: {first}")
        super().__init__(message, code="import_problems")
        self.problems = problems
        self.total = total


@dataclass
class Examples:
    """Keys of a client's records of one kind, up to :data:`MAX_EXAMPLES` per outcome."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    def note(self, outcome: str, key: str) -> None:
        keys: list[str] = getattr(self, outcome)
        if len(keys) < MAX_EXAMPLES:
            keys.append(key)


@dataclass
class RecordClientReport:
    """What an import did to one client.

    ``named_after`` says how a client the import created was named
    (:data:`NAMED_AFTER_COLUMN` or :data:`NAMED_AFTER_CODE`); None for a client
    that was there. ``tallies`` and ``examples`` are by kind, for the kinds the
    file holds.
    """

    code: str
    name: str
    created: bool
    named_after: str | None = None
    tallies: dict[RecordKind, Tally] = field(default_factory=dict)
    examples: dict[RecordKind, Examples] = field(default_factory=dict)
    people_added: int = 0

    @property
    def changed(self) -> bool:
        return self.created or bool(self.people_added) or any(
            t.added or t.updated for t in self.tallies.values())

    def describe(self, dry_run: bool = False) -> str:
        if not self.changed:
            head = f"unchanged client {self.code} ({self.name}): nothing in the file differs " \
                   "from the database"
        else:
            verb = ("would add" if dry_run else "added") if self.created else \
                ("would update" if dry_run else "updated")
            head = f"{verb} client {self.code} ({self.name}"
            head += f", named {self.named_after}):" if self.named_after else "):"
        lines = [head]
        for kind, tally in self.tallies.items():
            lines.append(f"  {tally.describe(kind)}")
            if dry_run:
                lines.extend(f"    {line}" for line in _example_lines(
                    tally, self.examples.get(kind) or Examples()))
        if self.people_added:
            people = "person" if self.people_added == 1 else "people"
            verb = "would be added" if dry_run else "added"
            lines.append(f"  {self.people_added:,} {people} {verb}")
        if self.created:
            lines.append(f"  a new client counts in USD, its fiscal year from January: to "
                         f"change that, itroad export toml --client {self.code}, edit, import")
        return "\n".join(lines)


def _example_lines(tally: Tally, examples: Examples) -> Iterator[str]:
    for label, keys, count in (("add", examples.added, tally.added),
                               ("update", examples.updated, tally.updated),
                               ("leave alone", examples.unchanged, tally.unchanged)):
        if count:
            more = f" and {count - len(keys):,} more" if count > len(keys) else ""
            yield f"would {label} {', '.join(keys)}{more}"


@dataclass
class RecordImportReport:
    """What an import of records did (or, ``dry_run``, would do).

    ``records`` counts the items read; ``notices`` are what the reader said about
    records it took (its place first), up to :data:`MAX_NOTICES`; ``more_notices``
    counts the others.
    """

    clients: list[RecordClientReport] = field(default_factory=list)
    records: int = 0
    notices: list[str] = field(default_factory=list)
    more_notices: int = 0
    dry_run: bool = False

    def describe(self) -> str:
        lines = [c.describe(self.dry_run) for c in self.clients] or ["no records in the file"]
        if self.notices:
            lines.append("notices:")
            lines.extend(f"  {notice}" for notice in self.notices)
            if self.more_notices:
                lines.append(f"  … and {self.more_notices:,} more")
        if self.dry_run:
            lines.append("(dry run: nothing was written)")
        return "\n".join(lines)

    def notice(self, text: str) -> None:
        if len(self.notices) < MAX_NOTICES:
            self.notices.append(text)
        else:
            self.more_notices += 1


def import_records(db: Database, items: Iterable[ReadItem], *, dry_run: bool = False,
                   wait_seconds: float | None = IMPORT_WAIT_SECONDS,
                   max_problems: int = 100) -> RecordImportReport:
    """Write the records a reader yields, in one transaction (see the module's text).

    ``items`` are consumed once. :class:`ImportProblems` (nothing written) when any
    item is a problem or a record cannot be written; another itroad writing is
    waited for up to ``wait_seconds``, then :class:`DatabaseBusy`.
    """
    report = RecordImportReport(dry_run=dry_run)
    problems: list[RowProblem] = []
    total = 0
    try:
        with write_transaction(db, wait_seconds=wait_seconds):
            importer = _Importer(db, report)
            for item in items:
                report.records += 1
                problem = item if isinstance(item, RowProblem) else None
                if isinstance(item, Incoming):
                    for notice in item.notices:
                        report.notice(f"{item.place}: {notice}")
                    try:
                        importer.write(item)
                        continue
                    except _Refused as refused:
                        problem = refused.problem
                total += 1
                if problem is not None and len(problems) < max_problems:
                    problems.append(problem)
            if total:
                raise ImportProblems(problems, total)
            importer.finish()
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return report


class _Refused(Exception):
    def __init__(self, problem: RowProblem) -> None:
        self.problem = problem


_FROM_ROW = {
    "assets": lambda row: asset_from_row(row, {}),
    "renewals": lambda row: renewal_from_row(row, {}),
    "contracts": lambda row: contract_from_row(row, {}),
}
_TO_ROW: dict[str, Callable[[Any, PersonIndex], dict[str, Any]]] = {
    "assets": asset_row, "renewals": renewal_row, "contracts": contract_row}


class _People:
    """A client's live people, as records refer to them, kept up to date as the
    import adds people.

    Only the index records refer by is kept (and the emails it has), not the
    people: the holders of a name are read from the database the first time a
    person added shares it, so memory stays small with a client of many people.
    """

    def __init__(self, db: Database, client_id: int) -> None:
        self.db = db
        self.client_id = client_id
        rows = db.execute("SELECT id, name, email FROM people WHERE client_id = ?"
                          " AND deleted_at IS NULL ORDER BY id", [client_id]).fetchall()
        self.index = index_people(rows)
        self.emails = {fold(email) for _, _, email in rows if email}
        #: The holders of each name that a person added shares with others.
        self.shared: dict[str, list[tuple[int, str, str | None]]] = {}

    def has(self, person: Person) -> bool:
        if person.email:
            return fold(person.email) in self.emails
        return fold(person.name) in self.index

    def add(self, pid: int, person: Person) -> None:
        if person.email:
            email = fold(person.email)
            self.emails.add(email)
            self.index.setdefault(email, pid)
        name = fold(person.name)
        if not name or name in self.emails:
            return
        if name not in self.index and name not in self.shared:
            self.index[name] = pid
            return
        holders = self.shared.get(name)
        if holders is None:  # the first namesake: who else has the name (pid among them)
            holders = self.shared[name] = [
                (i, n, e) for i, n, e in self.db.execute(
                    "SELECT id, name, email FROM people WHERE client_id = ?"
                    " AND deleted_at IS NULL ORDER BY id", [self.client_id])
                if fold(n) == name]
        else:
            holders.append((pid, person.name, person.email))
        found = index_people(holders).get(name)
        if found is not None:
            self.index[name] = found


@dataclass
class _Client:
    id: int
    report: RecordClientReport
    people: _People
    policies: dict[str, LifecyclePolicy]
    #: The Company name every record gave so far ("" once two differed or one gave none).
    file_name: str | None = None
    #: The kinds whose names are in ``temp.import_names``.
    named: set[str] = field(default_factory=set)


class _Importer:
    def __init__(self, db: Database, report: RecordImportReport) -> None:
        self.db = db
        self.report = report
        self.by_code: dict[str, _Client] = {}
        self.by_name: dict[str, _Client] = {}
        for sql in (
            "DROP TABLE IF EXISTS temp.import_touched",
            "DROP TABLE IF EXISTS temp.import_names",
            # The rows this import wrote or found unchanged, and the record that did.
            "CREATE TEMP TABLE import_touched (tbl TEXT NOT NULL, row_id INTEGER NOT NULL,"
            " file TEXT, record INTEGER, line INTEGER, PRIMARY KEY (tbl, row_id)) WITHOUT ROWID",
            # Renewal names and contract titles, casefolded, to match them by key.
            "CREATE TEMP TABLE import_names (tbl TEXT NOT NULL, client_id INTEGER NOT NULL,"
            " name TEXT NOT NULL, row_id INTEGER NOT NULL)",
            "CREATE INDEX temp.import_names_key ON import_names (tbl, client_id, name)",
        ):
            db.execute(sql)
        (self.assets_before,) = db.execute("SELECT count(*) FROM assets").fetchone()
        self.assets_added = 0
        #: The assets' secondary indexes while they are set aside (see :meth:`_many_assets`).
        self.set_aside: list[str] | None = None

    # -- clients -------------------------------------------------------------

    def client(self, item: Incoming) -> _Client:
        key = item.client
        name = (key.name or "").strip()
        if key.code is not None:
            code = key.code.strip()
            client = self.by_code.get(code) or self._client_by_code(item, code)
            if client.file_name != "":
                client.file_name = name if client.file_name in (None, name) else ""
            return client
        if name:
            return self.by_name.get(fold(name)) or self._client_by_name(item, name)
        raise _Refused(RowProblem(item.place, "the record names no client"))

    def _client_by_code(self, item: Incoming, code: str) -> _Client:
        row = self.db.execute("SELECT id, code, name FROM clients WHERE code = ?",
                              [code]).fetchone()
        if row is None:
            code = self._checked_code(item, code, code)
            client = self._create(code, code, None)
        else:
            client = self._known(*row)
        return client

    def _client_by_name(self, item: Incoming, name: str) -> _Client:
        for cid, code, known in self.db.execute("SELECT id, code, name FROM clients ORDER BY id"):
            if fold(known) == fold(name):
                client = self.by_code.get(code) or self._known(cid, code, known)
                break
        else:
            code = self._checked_code(item, self._free_code(client_code(name)), name)
            client = self._create(code, name, NAMED_AFTER_COLUMN)
        self.by_name[fold(name)] = client
        return client

    def _checked_code(self, item: Incoming, code: str, name: str) -> str:
        """The code of a new client, as the client model reads it; a problem of ``item``
        when the model refuses the code or the name."""
        try:
            return Client(code=code, name=name).code
        except ValidationError as exc:
            error = exc.errors()[0]
            field_name = error_field(error)
            what = "code" if field_name == "code" else "name"
            raise _Refused(RowProblem(item.place, f"the client's {what} cannot be used: "
                                      f"{_reason(error)}")) from None

    def _free_code(self, base: str) -> str:
        code, n = base, 1
        while self.db.execute("SELECT 1 FROM clients WHERE code = ?", [code]).fetchone():
            n += 1
            suffix = f"-{n}"
            code = base[:40 - len(suffix)].rstrip("-") + suffix
        return code

    def _known(self, cid: int, code: str, name: str) -> _Client:
        client = self._state(cid, RecordClientReport(code=code, name=name, created=False))
        self.by_code[code] = client
        return client

    def _create(self, code: str, name: str, named_after: str | None) -> _Client:
        cid = inserted_id(self.db.execute(
            "INSERT INTO clients (code, name, currency, fiscal_year_start_month)"
            " VALUES (?, ?, 'USD', 1)", [code, name]))
        report = RecordClientReport(code=code, name=name, created=True, named_after=named_after)
        client = self._state(cid, report)
        self.by_code[code] = client
        return client

    def _state(self, cid: int, report: RecordClientReport) -> _Client:
        self.report.clients.append(report)
        policies = policies_by_category(policy_from_row(dict(zip(
            ("category", "lifecycle_months", "replacement_cost_cents", "basis"), row)))
            for row in self.db.execute(
                "SELECT category, lifecycle_months, replacement_cost_cents, basis FROM policies"
                " WHERE client_id = ? ORDER BY id", [cid]))
        return _Client(cid, report, _People(self.db, cid), policies)

    # -- records -------------------------------------------------------------

    def write(self, item: Incoming) -> None:
        client = self.client(item)
        for person in item.people:
            if not client.people.has(person):
                pid = inserted_id(self.db.execute(
                    "INSERT INTO people (client_id, name, email, title, organisation)"
                    " VALUES (:client_id, :name, :email, :title, :organisation)",
                    {"client_id": client.id, **person_row(person)}))
                client.people.add(pid, person)
                client.report.people_added += 1
        kind = item.kind
        old = self._find(client, kind, item.record)
        if old is None:
            row_id = self._insert(client, item)
            outcome = "added"
            self._touch(kind, row_id, item)
        else:
            row_id = old["id"]
            self._touch(kind, row_id, item)
            outcome = "updated" if self._update(client, item, old) else "unchanged"
        tally = client.report.tallies.setdefault(kind, Tally())
        setattr(tally, outcome, getattr(tally, outcome) + 1)
        client.report.examples.setdefault(kind, Examples()).note(outcome, _label(item.record))

    def _find(self, client: _Client, kind: RecordKind, record: ImportedRecord
              ) -> dict[str, Any] | None:
        """The client's row of the record's key (a live one before a deleted one)."""
        if isinstance(record, Asset):
            return _row(self.db.execute("SELECT * FROM assets WHERE client_id = ? AND tag = ?",
                                        [client.id, record.tag]))
        name = record.name if isinstance(record, Renewal) else record.title
        if kind not in client.named:
            column = "name" if kind == "renewals" else "title"
            self.db.conn.executemany(
                "INSERT INTO temp.import_names VALUES (?, ?, ?, ?)",
                [(kind, client.id, fold(text), rid) for rid, text in self.db.execute(
                    f"SELECT id, [{column}] FROM [{kind}] WHERE client_id = ?", [client.id])])
            client.named.add(kind)
        cursor = self.db.execute(
            f"SELECT t.* FROM temp.import_names n JOIN [{kind}] t ON t.id = n.row_id"
            " WHERE n.tbl = ? AND n.client_id = ? AND n.name = ?"
            " ORDER BY t.deleted_at IS NOT NULL, t.id", [kind, client.id, fold(name)])
        columns = [c[0] for c in cursor.description]
        for values in cursor:
            row = dict(zip(columns, values))
            if fold(row["vendor"]) == fold(record.vendor):
                return row
        return None

    def _touch(self, kind: RecordKind, row_id: int, item: Incoming) -> None:
        """Note the row as this record's; refuse a record whose key an earlier record
        of the file had."""
        noted = self.db.execute("INSERT OR IGNORE INTO temp.import_touched VALUES (?, ?, ?, ?, ?)",
                                [kind, row_id, item.place.file, item.place.record,
                                 item.place.line])
        if noted.rowcount:
            return
        file, record, line = self.db.execute(
            "SELECT file, record, line FROM temp.import_touched WHERE tbl = ? AND row_id = ?",
            [kind, row_id]).fetchone()
        where = f"record {record} (line {line})" + ("" if file == item.place.file else
                                                    f" of {file}")
        raise _Refused(RowProblem(item.place, f"{_key_text(item.record)} is also {where}",
                                  item.columns.get(_KEY_FIELD[kind])))

    def _row_of(self, client: _Client, item: Incoming, model: ImportedRecord) -> dict[str, Any]:
        kind = item.kind
        person = _PERSON_FIELD[kind]
        try:
            row = _TO_ROW[kind](model, client.people.index)
        except UnknownReference as exc:
            raise _Refused(RowProblem(item.place, str(exc), item.columns.get(person))) from None
        if isinstance(model, Asset):
            row["replace_due"] = iso(replacement_due(model, client.policies.get(model.category))[0])
        return row

    def _insert(self, client: _Client, item: Incoming) -> int:
        kind = item.kind
        row = {"client_id": client.id, **self._row_of(client, item, item.record)}
        links = self._asset_ids(client, item) if isinstance(item.record, Contract) else []
        cols = ", ".join(f"[{col}]" for col in row)
        marks = ", ".join("?" for _ in row)
        row_id = inserted_id(self.db.execute(f"INSERT INTO [{kind}] ({cols}) VALUES ({marks})",
                                             list(row.values())))
        if kind == "assets":
            self._many_assets()
        if links:
            _sync_links(self.db, "contract_assets", "contract_id", row_id, links)
        if kind in client.named:
            key = row["name"] if kind == "renewals" else row["title"]
            self.db.execute("INSERT INTO temp.import_names VALUES (?, ?, ?, ?)",
                            [kind, client.id, fold(key), row_id])
        return row_id

    def _update(self, client: _Client, item: Incoming, old: dict[str, Any]) -> bool:
        """Write the file's fields over the row's; False when they are already its values."""
        kind, new = item.kind, item.record
        model_type = type(new)
        given = {name: getattr(new, name) for name in item.given if name in model_type.model_fields}
        try:
            stored = _FROM_ROW[kind](old)
        except ValidationError as exc:
            raise _Refused(RowProblem(item.place, f"the {_NOUN[kind]} in the database holds a "
                                      f"value this itroad refuses ({_reason(exc.errors()[0])}); "
                                      "correct it in itroad first")) from None
        given.update({name: getattr(new, name) for name in item.fills
                      if getattr(stored, name) is None and getattr(new, name) is not None})
        if old.get("deleted_at") is None and self._same(client, kind, stored, given, old):
            return False
        try:
            merged: ImportedRecord = model_type.model_validate({**stored.model_dump(), **given})
        except ValidationError as exc:
            error = exc.errors()[0]
            name = error_field(error)
            raise _Refused(RowProblem(item.place, f"with the values kept in the database: "
                                      f"{_reason(error)}",
                                      item.columns.get(name) if name else None)) from None
        row = {**self._row_of(client, item, merged), "deleted_at": None}
        person = _PERSON_COLUMN[kind]
        if _PERSON_FIELD[kind] not in given:
            row[person] = old[person]
        changed = any(old[col] != value for col, value in row.items())
        if changed:
            sets = ", ".join(f"[{col}] = ?" for col in row)
            self.db.execute(f"UPDATE [{kind}] SET {sets}, version = version + 1 WHERE id = ?",
                            [*row.values(), old["id"]])
        if isinstance(new, Contract) and "assets" in given:
            if _sync_links(self.db, "contract_assets", "contract_id", old["id"],
                           self._asset_ids(client, item)):
                if not changed:
                    self.db.execute("UPDATE contracts SET version = version + 1 WHERE id = ?",
                                    [old["id"]])
                changed = True
        return changed

    def _same(self, client: _Client, kind: RecordKind, stored: BaseModel,
              given: dict[str, Any], old: dict[str, Any]) -> bool:
        """Whether the file's values are already the row's (most rows of a second import),
        told without building the merged record."""
        person = _PERSON_FIELD[kind]
        if "assets" in given:
            return False
        if any(getattr(stored, name) != value for name, value in given.items()
               if name != person):
            return False
        if person not in given:
            return True
        try:
            return person_ref(client.people.index, given[person], person) == \
                old[_PERSON_COLUMN[kind]]
        except ItroadError:
            return False  # the full path says why

    def _asset_ids(self, client: _Client, item: Incoming) -> list[int]:
        assert isinstance(item.record, Contract)
        ids = []
        for tag in item.record.assets:
            found = self.db.execute("SELECT id FROM assets WHERE client_id = ? AND tag = ?"
                                    " AND deleted_at IS NULL", [client.id, tag]).fetchone()
            if found is None:
                raise _Refused(RowProblem(
                    item.place, f'unknown asset "{tag}": the client has no asset of that tag',
                    item.columns.get("assets"), tag))
            ids.append(found[0])
        return ids

    def _many_assets(self) -> None:
        """Set the assets' secondary indexes aside once this import has added many assets.

        Each asset added updates a dozen indexes, which is most of an import's time;
        building them again at the end (:meth:`finish`) is several times faster once
        the assets added are a good part of the table. They are dropped and built
        again inside the import's transaction, so a refused or failed import leaves
        them as they were; the unique index of tags stays, for matching.
        """
        self.assets_added += 1
        if self.set_aside is not None or \
                self.assets_added < max(BULK_ASSETS, self.assets_before // 4):
            return
        found = self.db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index'"
                                " AND tbl_name = 'assets' AND sql IS NOT NULL").fetchall()
        for name, _ in found:
            self.db.execute(f"DROP INDEX [{name}]")
        self.set_aside = [sql for _, sql in found]

    # -- the end -------------------------------------------------------------

    def finish(self) -> None:
        """Name the clients created by code; count the records the file did not mention;
        build again the indexes set aside."""
        for sql in self.set_aside or ():
            self.db.execute(sql)
        self.set_aside = None
        for client in self.by_code.values():
            report = client.report
            if report.created and report.named_after is None:
                name = client.file_name
                if name and _usable_name(report.code, name):
                    report.name, report.named_after = name, NAMED_AFTER_COLUMN
                    self.db.execute("UPDATE clients SET name = ? WHERE id = ?", [name, client.id])
                else:
                    report.named_after = NAMED_AFTER_CODE
            for kind, tally in report.tallies.items():
                (live,) = self.db.execute(f"SELECT count(*) FROM [{kind}] WHERE client_id = ?"
                                          " AND deleted_at IS NULL", [client.id]).fetchone()
                tally.kept = live - tally.added - tally.updated - tally.unchanged
        self.db.execute("DROP TABLE temp.import_touched")
        self.db.execute("DROP TABLE temp.import_names")


def _usable_name(code: str, name: str) -> bool:
    try:
        Client(code=code, name=name)
    except ValidationError:
        return False
    return True


def _row(cursor: Any) -> dict[str, Any] | None:
    values = cursor.fetchone()
    return None if values is None else dict(zip([c[0] for c in cursor.description], values))


def _reason(error: Mapping[str, Any]) -> str:
    return str((error.get("ctx") or {}).get("error", error["msg"])).removeprefix("Value error, ")


def _label(record: ImportedRecord) -> str:
    """How a report lists a record: its tag, or its name and vendor."""
    if isinstance(record, Asset):
        return record.tag
    name = record.name if isinstance(record, Renewal) else record.title
    return f"{name} ({record.vendor})" if record.vendor else name


def _key_text(record: ImportedRecord) -> str:
    if isinstance(record, Asset):
        return f'asset tag "{record.tag}"'
    noun, name = ("renewal", record.name) if isinstance(record, Renewal) else \
        ("contract", record.title)
    vendor = f'vendor "{record.vendor}"' if record.vendor else "no vendor"
    return f'{noun} "{name}" ({vendor})'


