"""Whole portfolios in and out of the database.

An import is one transaction: it either applies completely or leaves the
database exactly as it was. Records are matched by natural key (a client's
code, an asset's tag, a person's email or name, a renewal's name and vendor, a
contract's title and vendor, an initiative's title), updated in place when they
changed and added when new. An import never deletes: records in the database
that the file does not mention are kept and counted in the report.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from pydantic import ValidationError
from sqlite_utils import Database

from itroad.domain.errors import error_field
from itroad.domain.models import (
    Client,
    Initiative,
    Kpi,
    Portfolio,
    RoleAssignment,
)
from itroad.planning.lifecycle import policies_by_category, replacement_due
from itroad.store.errors import StoreError
from itroad.store.initiative_children import (
    InitiativeChildren,
    goal_ids,
    goal_index,
    kpi_from_row,
    kpi_row,
    role_from_row,
)
from itroad.store.records import (
    CHECKED,
    TRUSTED,
    Namesakes,
    Reading,
    asset_from_row,
    asset_row,
    contract_from_row,
    contract_row,
    fold,
    index_people,
    initiative_from_row,
    initiative_row,
    person_from_row,
    person_index,
    person_ref,
    person_row,
    policy_from_row,
    policy_row,
    renewal_from_row,
    renewal_row,
)
from itroad.store.roles import (
    TARGETS,
    added_role_names,
    assignment_row,
    ensure_role,
    load_assignments,
    target_ids,
)
from itroad.store.rows import cents, decimal_text, inserted_id, iso, money, without_none
from itroad.store.strategy import (
    goal_row,
    load_actuals,
    load_goals,
    load_strategy,
    save_strategy,
    served_goals,
    sync_actuals,
)
from itroad.store.transactions import read_transaction, write_transaction


@dataclass
class Tally:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    kept: int = 0  # in the database, not in the file: left as they were

    def describe(self, noun: str) -> str:
        total = self.added + self.updated + self.unchanged
        parts = [f"{n:,} {label}" for n, label in (
            (self.added, "new"), (self.updated, "updated"), (self.unchanged, "unchanged"),
        ) if n]
        text = f"{total:,} {one(noun) if total == 1 else noun}"
        text += f" ({', '.join(parts)})" if parts else ""
        if self.kept:
            text += f"; {self.kept:,} more in the database, not in the file, kept"
        return text


#: The one of each plural a report counts.
_SINGULAR = {"people": "person", "policies": "policy"}


def one(noun: str) -> str:
    """``assets`` -> ``asset``, ``people`` -> ``person``, ``budget targets`` -> ``budget target``."""
    return _SINGULAR.get(noun, noun.removesuffix("s"))


@dataclass
class ClientReport:
    code: str
    name: str
    created: bool
    tallies: dict[str, Tally] = field(default_factory=dict)
    #: The client's own settings (name, currency, fiscal year, rates) changed.
    settings_changed: bool = False

    @property
    def changed(self) -> bool:
        """Anything of this client was added or changed by the import."""
        return self.created or self.settings_changed or any(
            t.added or t.updated for t in self.tallies.values())

    def describe(self) -> str:
        if not self.changed:
            return (f"unchanged client {self.code} ({self.name}): nothing in the file differs "
                    "from the database")
        verb = "added" if self.created else "updated"
        lines = [f"{verb} client {self.code} ({self.name}):"]
        for noun, tally in self.tallies.items():
            lines.append(f"  {tally.describe(noun)}")
        return "\n".join(lines)


@dataclass
class ImportReport:
    clients: list[ClientReport] = field(default_factory=list)
    dry_run: bool = False

    def describe(self) -> str:
        text = "\n".join(report.describe() for report in self.clients) or "no clients in the file"
        if self.dry_run:
            text += "\n(dry run: nothing was written)"
        return text


class _DryRun(Exception):
    """Raised inside the import transaction to roll it back after counting."""


#: How long an import waits for another itroad that is writing (a big import takes a while).
IMPORT_WAIT_SECONDS = 60.0


def import_portfolio(db: Database, portfolio: Portfolio, *, dry_run: bool = False,
                     wait_seconds: float | None = IMPORT_WAIT_SECONDS) -> ImportReport:
    """Write a validated portfolio to the database in one transaction.

    Another itroad writing to the database is waited for up to ``wait_seconds``
    (None: the connection's busy timeout), then :class:`DatabaseBusy` is raised.
    """
    report = ImportReport(dry_run=dry_run)
    try:
        with write_transaction(db, wait_seconds=wait_seconds):

            for role in portfolio.roles:
                ensure_role(db, role)
            for client in portfolio.clients:
                report.clients.append(_import_client(db, client))
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return report


# -- writing -----------------------------------------------------------------

def _client_row(client: Client) -> dict[str, Any]:
    return {
        "code": client.code,
        "name": client.name,
        "currency": client.currency,
        "fiscal_year_start_month": client.fiscal_year_start_month,
        "escalation_rate": decimal_text(client.escalation_rate),
        "decimal_separator": client.decimal_separator,
    }


def _changed(old: dict[str, Any], new: dict[str, Any]) -> bool:
    return any(old.get(key) != value for key, value in new.items())


def _sync(
    db: Database,
    table: str,
    client_id: int,
    items: Iterable[Any],
    key_of_item: Callable[[Any], Any],
    key_of_row: Callable[[dict[str, Any]], Any],
    row_of_item: Callable[[Any], dict[str, Any]],
    tally: Tally,
    versioned: bool = True,
    children: Callable[[Any, int], bool] | None = None,
) -> list[int]:
    """Upsert ``items`` into ``table`` for one client; returns their ids in order.

    Items are matched to existing rows by key, in order: the n-th item with a
    key matches the n-th row with that key, so duplicates pair up stably.
    ``children(item, id)`` writes the rows an item keeps in other tables and says
    whether they changed; a row whose children changed is updated too (its
    version moves on, so a form opened on it before is refused).
    """
    existing: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    rows = db.execute(f"SELECT * FROM [{table}] WHERE client_id = ? ORDER BY id", [client_id])
    columns = [c[0] for c in rows.description]
    for values in rows.fetchall():
        row = dict(zip(columns, values))
        existing[key_of_row(row)].append(row)
    ids: list[int] = []
    for item in items:
        new = {"client_id": client_id, **row_of_item(item)}
        matches = existing.get(key_of_item(item))
        if matches:
            old = matches.pop(0)
            row_changed = _changed(old, new)
            if row_changed:
                sets = ", ".join(f"[{col}] = ?" for col in new)
                bump = ", version = version + 1" if versioned else ""
                db.execute(
                    f"UPDATE [{table}] SET {sets}{bump} WHERE id = ?", [*new.values(), old["id"]]
                )
            children_changed = children is not None and children(item, old["id"])
            if children_changed and not row_changed and versioned:
                db.execute(f"UPDATE [{table}] SET version = version + 1 WHERE id = ?", [old["id"]])
            if row_changed or children_changed:
                tally.updated += 1
            else:
                tally.unchanged += 1
            ids.append(old["id"])
        else:
            cols = ", ".join(f"[{col}]" for col in new)
            marks = ", ".join("?" for _ in new)
            new_id = inserted_id(
                db.execute(f"INSERT INTO [{table}] ({cols}) VALUES ({marks})", list(new.values())))
            ids.append(new_id)
            if children is not None:
                children(item, new_id)
            tally.added += 1
    tally.kept += sum(len(rest) for rest in existing.values())
    return ids


def _import_client(db: Database, client: Client) -> ClientReport:
    row = db.execute("SELECT * FROM clients WHERE code = ?", [client.code]).fetchone()
    new = _client_row(client)
    report = ClientReport(code=client.code, name=client.name, created=row is None)
    if row is None:
        client_id = inserted_id(db.execute(
            "INSERT INTO clients (code, name, currency, fiscal_year_start_month, escalation_rate,"
            " decimal_separator) VALUES (:code, :name, :currency, :fiscal_year_start_month,"
            " :escalation_rate, :decimal_separator)",
            new,
        ))
    else:
        client_id = row[0]
        columns = [c[0] for c in db.execute("SELECT * FROM clients LIMIT 0").description]
        if _changed(dict(zip(columns, row)), new):
            report.settings_changed = True
            db.execute(
                "UPDATE clients SET name = :name, currency = :currency,"
                " fiscal_year_start_month = :fiscal_year_start_month,"
                " escalation_rate = :escalation_rate, decimal_separator = :decimal_separator,"
                " version = version + 1 WHERE id = :id",
                {**new, "id": client_id},
            )

    t = report.tallies
    t["budget targets"] = Tally()
    _sync_targets(db, client_id, client.budget_targets, t["budget targets"])

    t["policies"] = Tally()
    _sync(db, "policies", client_id, client.policies,
          lambda p: p.category, lambda r: r["category"], policy_row, t["policies"])
    policies = policies_by_category(
        policy_from_row(r) for r in _rows(db, "SELECT * FROM policies WHERE client_id = ?", [client_id])
    )

    t["people"] = Tally()
    person_ids = _sync(db, "people", client_id, client.people,
                       lambda p: fold(p.email) or ("name", fold(p.name)),
                       lambda r: fold(r["email"]) or ("name", fold(r["name"])),
                       lambda p: {**person_row(p), "deleted_at": None}, t["people"])
    people = _person_index(db, client_id, client.people, person_ids)

    t["assets"] = Tally()
    asset_ids = _sync(db, "assets", client_id, client.assets,
                      lambda a: fold(a.tag), lambda r: fold(r["tag"]),
                      lambda a: {**asset_row(a, people), "deleted_at": None,
                                 "replace_due": iso(replacement_due(a, policies.get(a.category))[0])},
                      t["assets"])
    tags = {fold(a.tag): aid for a, aid in zip(client.assets, asset_ids)}
    for aid, tag in db.execute("SELECT id, tag FROM assets WHERE client_id = ?", [client_id]).fetchall():
        tags.setdefault(fold(tag), aid)

    t["renewals"] = Tally()
    _sync(db, "renewals", client_id, client.renewals,
          lambda r: (fold(r.name), fold(r.vendor)), lambda r: (fold(r["name"]), fold(r["vendor"])),
          lambda r: {**renewal_row(r, people), "deleted_at": None}, t["renewals"])

    t["contracts"] = Tally()
    _sync(db, "contracts", client_id, client.contracts,
          lambda c: (fold(c.title), fold(c.vendor)),
          lambda r: (fold(r["title"]), fold(r["vendor"])),
          lambda c: {**contract_row(c, people), "deleted_at": None}, t["contracts"],
          children=lambda c, cid: _sync_links(db, "contract_assets", "contract_id", cid,
                                              [tags[fold(tag)] for tag in c.assets]))

    t["strategy"] = Tally()
    if not client.strategy.is_empty:
        setattr(t["strategy"], save_strategy(db, client_id, client.strategy), 1)
    elif db.execute("SELECT 1 FROM strategies WHERE client_id = ?", [client_id]).fetchone():
        t["strategy"].kept = 1

    t["goals"] = Tally()
    _sync(db, "goals", client_id, client.goals,
          lambda g: fold(g.title), lambda r: fold(r["title"]),
          lambda g: {**goal_row(g, people), "deleted_at": None}, t["goals"])
    goals = goal_index(db, client_id)

    t["initiatives"] = Tally()
    _sync(db, "initiatives", client_id, client.initiatives,
          lambda i: fold(i.title), lambda r: fold(r["title"]),
          lambda i: {**initiative_row(i), "deleted_at": None}, t["initiatives"],
          children=lambda i, iid: _sync_initiative_children(db, iid, i, tags, people, goals))

    t["assignments"] = Tally()
    _sync_assignments(db, client_id, client.assignments, people, t["assignments"])

    t["actual payments"] = Tally(*sync_actuals(db, client_id, client.actuals))
    # The kinds a file may leave out entirely are reported only when there are some,
    # in the file's order.
    optional = ("strategy", "goals", "actual payments")
    order = ("budget targets", "strategy", "policies", "people", "assets", "renewals",
             "contracts", "goals", "initiatives", "assignments", "actual payments")
    report.tallies = {noun: t[noun] for noun in order
                      if noun not in optional or any(
                          (t[noun].added, t[noun].updated, t[noun].unchanged, t[noun].kept))}
    return report


def _sync_assignments(db: Database, client_id: int, assignments: list,
                      people: dict[str, int | Namesakes], tally: Tally) -> None:
    """Add the file's assignments that the database lacks (revive deleted ones); an
    assignment is all its fields, so it is either there unchanged or new."""
    columns = ("role_id", "person_id", *(target[2] for target in TARGETS.values()))
    existing: dict[tuple, list[dict[str, Any]]] = defaultdict(list)
    for row in _rows(db, "SELECT * FROM assignments WHERE client_id = ? ORDER BY id", [client_id]):
        existing[tuple(row[c] for c in columns)].append(row)
    targets = {scope: target_ids(db, client_id, scope) for scope in TARGETS}
    for assignment in assignments:
        row = assignment_row(db, client_id, assignment, people, targets)
        matches = existing.get(tuple(row[c] for c in columns))
        if matches:
            old = matches.pop(0)
            if old["deleted_at"] is not None:
                db.execute("UPDATE assignments SET deleted_at = NULL, version = version + 1"
                           " WHERE id = ?", [old["id"]])
                tally.updated += 1
            else:
                tally.unchanged += 1
        else:
            cols = ", ".join(f"[{c}]" for c in row)
            marks = ", ".join("?" for _ in row)
            db.execute(f"INSERT INTO assignments (client_id, {cols}) VALUES (?, {marks})",
                       [client_id, *row.values()])
            tally.added += 1
    tally.kept += sum(1 for rows in existing.values() for row in rows if row["deleted_at"] is None)


def _sync_targets(db: Database, client_id: int, targets: dict[str, Decimal], tally: Tally) -> None:
    existing = dict(db.execute(
        "SELECT fiscal_year, amount_cents FROM budget_targets WHERE client_id = ?", [client_id]
    ).fetchall())
    for key, amount in targets.items():
        year, value = int(key[2:]), cents(amount)
        if year not in existing:
            tally.added += 1
        elif existing.pop(year) != value:
            tally.updated += 1
        else:
            tally.unchanged += 1
            continue
        db.execute(
            "INSERT INTO budget_targets (client_id, fiscal_year, amount_cents) VALUES (?, ?, ?)"
            " ON CONFLICT (client_id, fiscal_year) DO UPDATE SET amount_cents = excluded.amount_cents",
            [client_id, year, value])
    tally.kept += len(existing)


def _sync_links(db: Database, table: str, owner_col: str, owner_id: int,
                asset_ids: list[int]) -> bool:
    """Make a record's asset links these (in order); False when they already are."""
    wanted = list(dict.fromkeys(asset_ids))
    current = [aid for (aid,) in db.execute(
        f"SELECT asset_id FROM [{table}] WHERE [{owner_col}] = ? ORDER BY position", [owner_id])]
    if current == wanted:
        return False
    db.execute(f"DELETE FROM [{table}] WHERE [{owner_col}] = ?", [owner_id])
    for position, asset_id in enumerate(wanted):
        db.execute(f"INSERT INTO [{table}] ([{owner_col}], asset_id, position) VALUES (?, ?, ?)",
                   [owner_id, asset_id, position])
    return True


def _sync_initiative_children(db: Database, iid: int, initiative: Initiative,
                              tags: dict[str, int], people: dict[str, int | Namesakes],
                              goals: dict[str, int]) -> bool:
    """Make an initiative's asset links, goals served, RACI roles and KPIs the file's;
    False when they already are (then nothing is written)."""
    roles = dict.fromkeys((person_ref(people, r.person), r.raci.value) for r in initiative.roles)
    wanted = {
        "initiative_assets": list(dict.fromkeys(tags[fold(tag)] for tag in initiative.assets)),
        "initiative_goals": goal_ids(goals, initiative.serves),
        "initiative_roles": [list(role) for role in roles],
        "kpis": [kpi_row(kpi) for kpi in initiative.kpis],
    }
    children = InitiativeChildren()
    if children.image(db, iid) == wanted:
        return False
    children.restore(db, iid, wanted)
    return True


def _person_index(db: Database, client_id: int, people: list, ids: list[int]
                  ) -> dict[str, int | Namesakes]:
    """How the file's records refer to people: the file's own people first (its
    references were checked against them), then the others in the database."""
    in_file = index_people((pid, p.name, p.email) for p, pid in zip(people, ids))
    return {**person_index(db, client_id), **in_file}


# -- reading -----------------------------------------------------------------

def _rows(db: Database, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    cursor = db.execute(sql, params)
    columns = [c[0] for c in cursor.description]
    return [dict(zip(columns, values)) for values in cursor.fetchall()]


def client_codes(db: Database) -> list[str]:
    return [code for (code,) in db.execute("SELECT code FROM clients ORDER BY id").fetchall()]


def load_client(db: Database, code: str) -> Client:
    """The whole client as domain models, in the order the records were added.

    Deleted records are left out, and so are links to them. Read in one
    transaction, so a write made meanwhile is either all in it or not at all.
    """
    with read_transaction(db):
        return _read_client(db, code)


def load_clients(db: Database, codes: list[str] | None = None) -> list[Client]:
    """The clients named by ``codes`` (all when None), read in one transaction so
    that they all show one state of the database."""
    with read_transaction(db):
        return [_read_client(db, code) for code in (client_codes(db) if codes is None else codes)]


def _read_client(db: Database, code: str) -> Client:
    """The client as models, built from its rows without validating them again
    (:data:`~itroad.store.records.TRUSTED`). A stored value the models refuse (written
    by an older itroad, or by hand) is a :class:`StoreError` naming it, not a crash: when
    the trusted read meets a value it cannot take as it is, the client is read again
    with every model validated, which names the value."""
    try:
        return _client_from_rows(db, code, TRUSTED)
    except (ValueError, ArithmeticError, TypeError):
        pass
    try:
        return _client_from_rows(db, code, CHECKED)
    except ValidationError as exc:
        error = exc.errors()[0]
        field = (".".join(str(part) for part in error["loc"] if isinstance(part, str))
                 or error_field(error) or "record")
        reason = str((error.get("ctx") or {}).get("error", error["msg"]))
        raise StoreError(
            f'client "{code}": a stored {exc.title.lower()} holds a value this itroad refuses '
            f"({field}: {reason}); correct it in the database file"
        ) from None


def _client_from_rows(db: Database, code: str, reading: Reading) -> Client:
    found = _rows(db, "SELECT * FROM clients WHERE code = ?", [code])
    if not found:
        raise KeyError(code)
    c = found[0]
    cid = c["id"]

    def live(table: str) -> list[dict[str, Any]]:
        return _rows(db, f"SELECT * FROM [{table}] WHERE client_id = ? AND deleted_at IS NULL"
                         " ORDER BY id", [cid])

    targets = {f"FY{year}": money(amount) for year, amount in db.execute(
        "SELECT fiscal_year, amount_cents FROM budget_targets WHERE client_id = ?"
        " ORDER BY fiscal_year", [cid]).fetchall()}
    people_rows = live("people")
    people = [person_from_row(r, reading=reading) for r in people_rows]
    person_key = {r["id"]: p.key for r, p in zip(people_rows, people)}
    asset_rows = live("assets")
    tag_of = {r["id"]: r["tag"] for r in asset_rows}

    def linked(table: str, owner_col: str) -> dict[int, list[str]]:
        links: dict[int, list[str]] = defaultdict(list)
        for owner, asset in db.execute(
            f"SELECT l.[{owner_col}], l.asset_id FROM [{table}] l JOIN assets a ON a.id = l.asset_id"
            f" WHERE a.client_id = ? AND a.deleted_at IS NULL ORDER BY l.[{owner_col}], l.position",
            [cid]).fetchall():
            links[owner].append(tag_of[asset])
        return links

    contract_assets = linked("contract_assets", "contract_id")
    initiative_assets = linked("initiative_assets", "initiative_id")
    roles: dict[int, list[RoleAssignment]] = defaultdict(list)
    for iid, pid, raci in db.execute(
        "SELECT r.initiative_id, r.person_id, r.raci FROM initiative_roles r"
        " JOIN initiatives i ON i.id = r.initiative_id WHERE i.client_id = ?"
        " ORDER BY r.initiative_id, r.position", [cid]).fetchall():
        if pid in person_key:
            roles[iid].append(role_from_row(person_key[pid], raci, reading=reading))
    readings: dict[int, list[list[str]]] = defaultdict(list)
    for kid, day, value in db.execute(
            "SELECT r.kpi_id, r.day, r.value FROM kpi_readings r JOIN kpis k ON k.id = r.kpi_id"
            " JOIN initiatives i ON i.id = k.initiative_id WHERE i.client_id = ?"
            " ORDER BY r.kpi_id, r.day", [cid]).fetchall():
        readings[kid].append([day, value])
    kpis: dict[int, list[Kpi]] = defaultdict(list)
    for r in _rows(db, "SELECT k.* FROM kpis k JOIN initiatives i ON i.id = k.initiative_id"
                       " WHERE i.client_id = ? ORDER BY k.initiative_id, k.position", [cid]):
        kpis[r["initiative_id"]].append(
            kpi_from_row({**r, "history": readings.get(r["id"], [])}, reading=reading))
    serves = served_goals(db, cid)

    # The client itself is validated either way: one model, whose validators normalise
    # its code, currency and budget targets; its records are taken as they are built.
    return Client(**without_none({
        "code": c["code"], "name": c["name"], "currency": c["currency"],
        "fiscal_year_start_month": c["fiscal_year_start_month"],
        "escalation_rate": Decimal(c["escalation_rate"]),
        "decimal_separator": c["decimal_separator"],
        "budget_targets": targets,
        "strategy": load_strategy(db, cid, reading=reading),
        "policies": [policy_from_row(r, reading=reading) for r in _rows(
            db, "SELECT * FROM policies WHERE client_id = ? ORDER BY id", [cid])],
        "people": people,
        "assets": [asset_from_row(r, person_key, reading=reading) for r in asset_rows],
        "renewals": [renewal_from_row(r, person_key, reading=reading) for r in live("renewals")],
        "contracts": [contract_from_row(r, person_key, contract_assets.get(r["id"], []),
                                        reading=reading) for r in live("contracts")],
        "goals": load_goals(db, cid, person_key, reading=reading),
        "initiatives": [initiative_from_row(
            r, person_key, assets=initiative_assets.get(r["id"], []),
            kpis=kpis.get(r["id"], []), roles=roles.get(r["id"], []),
            serves=serves.get(r["id"], []), reading=reading)
            for r in live("initiatives")],
        "assignments": [model for _, model in load_assignments(db, cid, person_key,
                                                               reading=reading)],
        "actuals": load_actuals(db, cid, reading=reading),
    }))


def load_portfolio(db: Database, codes: list[str] | None = None) -> Portfolio:
    """The clients named by ``codes`` (all when None), as one portfolio."""
    with read_transaction(db):
        return Portfolio(roles=added_role_names(db), clients=load_clients(db, codes))
