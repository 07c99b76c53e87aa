"""Small reads the editing screens need: a client's id and settings, its people,
sites and categories to pick from, what links to a record, the next free tag.

Each function is one or two indexed queries; the inventory screens call them in
thread workers, never for every row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from sqlite_utils import Database

from itroad.domain.models import LifecyclePolicy
from itroad.store.records import fold, policy_from_row


@dataclass(frozen=True)
class ClientRef:
    """A client's identity and the settings that figures on a record depend on."""

    id: int
    code: str
    name: str
    currency: str
    fiscal_year_start_month: int
    escalation_rate: Decimal
    #: "." or "," when the client has declared how its amounts are typed.
    decimal_separator: str | None = None


@dataclass(frozen=True)
class PersonRef:
    id: int
    name: str
    email: str | None
    title: str | None = None
    organisation: str | None = None

    @property
    def key(self) -> str:
        """How records refer to this person: the email, else the name."""
        return self.email or self.name


@dataclass(frozen=True)
class Linked:
    """A record that points at another one (a contract or an initiative covering an asset)."""

    id: int
    title: str
    detail: str = ""


@dataclass(frozen=True)
class AssetLinks:
    contracts: tuple[Linked, ...] = ()
    initiatives: tuple[Linked, ...] = ()


def client_ref(db: Database, code: str) -> ClientRef | None:
    row = db.execute(
        "SELECT id, code, name, currency, fiscal_year_start_month, escalation_rate,"
        " decimal_separator FROM clients WHERE code = ?", [code]).fetchone()
    if row is None:
        return None
    return ClientRef(row[0], row[1], row[2], row[3], row[4], Decimal(row[5] or "0"), row[6])


def client_people(db: Database, client_id: int) -> list[PersonRef]:
    """The client's people, by name."""
    return [PersonRef(*row) for row in db.execute(
        "SELECT id, name, email, title, organisation FROM people"
        " WHERE client_id = ? AND deleted_at IS NULL ORDER BY name COLLATE NOCASE, id",
        [client_id]).fetchall()]


def find_person(db: Database, client_id: int, ref: str) -> PersonRef | None:
    """The person a reference (email or name, any case) names, if any."""
    key = fold(ref.strip())
    for person in client_people(db, client_id):
        if key in (fold(person.email), fold(person.name)):
            return person
    return None


def client_sites(db: Database, client_id: int) -> list[str]:
    """Every site the client's assets are at, by name."""
    return [site for (site,) in db.execute(
        "SELECT DISTINCT site FROM assets WHERE client_id = ? AND deleted_at IS NULL"
        " AND site IS NOT NULL AND site != '' ORDER BY site COLLATE NOCASE", [client_id])]


def client_categories(db: Database, client_id: int) -> list[str]:
    """The categories with a lifecycle policy, then those only assets use, by name."""
    found = {c for (c,) in db.execute(
        "SELECT category FROM policies WHERE client_id = ?"
        " UNION SELECT DISTINCT category FROM assets WHERE client_id = ? AND deleted_at IS NULL",
        [client_id, client_id])}
    return sorted(found, key=str.casefold)


def client_policies(db: Database, client_id: int) -> dict[str, LifecyclePolicy]:
    cursor = db.execute("SELECT * FROM policies WHERE client_id = ? ORDER BY id", [client_id])
    cols = [c[0] for c in cursor.description]
    policies: dict[str, LifecyclePolicy] = {}
    for values in cursor.fetchall():
        policy = policy_from_row(dict(zip(cols, values)))
        policies.setdefault(policy.category, policy)
    return policies


def asset_links(db: Database, asset_id: int) -> AssetLinks:
    """The live contracts and initiatives that name an asset."""
    contracts = tuple(Linked(i, t, v or "") for i, t, v in db.execute(
        "SELECT k.id, k.title, k.vendor FROM contract_assets l JOIN contracts k ON k.id = l.contract_id"
        " WHERE l.asset_id = ? AND k.deleted_at IS NULL ORDER BY k.title", [asset_id]))
    initiatives = tuple(Linked(i, t, s.replace("_", " ")) for i, t, s in db.execute(
        "SELECT n.id, n.title, n.status FROM initiative_assets l"
        " JOIN initiatives n ON n.id = l.initiative_id"
        " WHERE l.asset_id = ? AND n.deleted_at IS NULL ORDER BY n.start, n.title", [asset_id]))
    return AssetLinks(contracts, initiatives)


def contract_asset_titles(db: Database, contract_id: int) -> list[tuple[str, str]]:
    """``(tag, name)`` of the live assets a contract covers, in its order."""
    return [(t, n) for t, n in db.execute(
        "SELECT a.tag, a.name FROM contract_assets l JOIN assets a ON a.id = l.asset_id"
        " WHERE l.contract_id = ? AND a.deleted_at IS NULL ORDER BY l.position", [contract_id])]


def tag_taken(db: Database, client_id: int, tag: str) -> bool:
    """Whether the client has an asset (live or deleted) with this tag, any case."""
    return db.execute("SELECT 1 FROM assets WHERE client_id = ? AND tag = ? COLLATE NOCASE",
                      [client_id, tag]).fetchone() is not None


_TRAILING_NUMBER = re.compile(r"^(.*?)(\d+)$")


def suggest_tag(db: Database, client_id: int, tag: str) -> str | None:
    """The next free tag after ``tag`` with the same prefix and width
    (``LT-0042`` -> ``LT-0043``, or further on when taken); None when the tag
    does not end with a number."""
    match = _TRAILING_NUMBER.match(tag.strip())
    if match is None:
        return None
    prefix, digits = match.groups()
    # The highest number in use with this prefix: next after it, so ten duplicates
    # in a row get ten fresh tags without trying each one.
    highest = int(digits)
    pattern = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    for (other,) in db.execute(
            "SELECT tag FROM assets WHERE client_id = ? AND tag LIKE ? ESCAPE '\\'",
            [client_id, pattern]):
        found = _TRAILING_NUMBER.match(other)
        if found and fold(found.group(1)) == fold(prefix):
            highest = max(highest, int(found.group(2)))
    candidate = f"{prefix}{highest + 1:0{len(digits)}d}"
    while tag_taken(db, client_id, candidate):  # pragma: no cover - defensive
        highest += 1
        candidate = f"{prefix}{highest + 1:0{len(digits)}d}"
    return candidate


def serial_tags(db: Database, code: str) -> dict[str, str]:
    """The tag of each serial number a client's assets have (casefolded serial -> tag),
    so that a device export matches an asset by its serial before its name: a live
    asset's before a deleted one's, else the first made. Empty for a client not in
    the database yet."""
    rows = db.execute(
        "SELECT a.serial, a.tag FROM assets a JOIN clients c ON c.id = a.client_id"
        " WHERE c.code = ? AND a.serial IS NOT NULL AND a.serial != ''"
        " ORDER BY a.deleted_at IS NOT NULL, a.id", [code])
    found: dict[str, str] = {}
    for serial, tag in rows.fetchall():
        found.setdefault(fold(serial), tag)
    return found


#: The column that names a record of each inventory table (what a due item carries).
_NAMING_COLUMN = {"assets": "tag", "renewals": "name", "contracts": "title"}


def record_id(db: Database, code: str, table: str, key: str, nth: int = 0) -> int | None:
    """The id of client ``code``'s live record of ``table`` named ``key``: an asset by
    its tag (any case), a renewal by its name, a contract by its title; when several
    share the name, the ``nth`` made (0: the first; the order a client's records are
    loaded in). None when there is none (deleted, or renamed since)."""
    column = _NAMING_COLUMN[table]
    collate = " COLLATE NOCASE" if table == "assets" else ""
    row = db.execute(
        f"SELECT x.id FROM [{table}] x JOIN clients c ON c.id = x.client_id"
        f" WHERE c.code = ? AND x.{column} = ?{collate} AND x.deleted_at IS NULL"
        " ORDER BY x.id LIMIT 1 OFFSET ?", [code, key, max(nth, 0)]).fetchone()
    return None if row is None else row[0]
