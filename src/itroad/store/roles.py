"""The roles catalogue (one per database) and assignments of people to roles.

The catalogue starts with :data:`~itroad.domain.models.DEFAULT_ROLES` (migration 2)
and users add their own; a default role cannot be removed, an added one can when
no assignment uses it. An assignment puts a person in a role for the whole
client or for one initiative, asset, renewal or contract (``kinds.ASSIGNMENT``):
it is saved, journaled, deleted and undone through :mod:`itroad.store.editing`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from itroad.domain.errors import ItroadError
from itroad.domain.models import ASSIGNMENT_TARGETS, Assignment
from itroad.store import records
from itroad.store.errors import RecordGone
from itroad.store.rows import inserted_id
from itroad.store.transactions import write_transaction

#: Assignment field -> (table, the column naming a row, the assignments column).
TARGETS: dict[str, tuple[str, str, str]] = {
    "initiative": ("initiatives", "title", "initiative_id"),
    "asset": ("assets", "tag", "asset_id"),
    "renewal": ("renewals", "name", "renewal_id"),
    "contract": ("contracts", "title", "contract_id"),
}


class RoleError(ItroadError, ValueError):
    """A change to the catalogue that cannot be made, with a sentence saying why.

    It concerns the role's ``name`` (``field``); ``code`` is ``"name_missing"``,
    ``"name_too_long"``, ``"role_exists"``, ``"unknown_role"``, ``"default_role"``
    or ``"role_used"``.
    """

    def __init__(self, message: str, *, code: str, value: str | None = None) -> None:
        super().__init__(message, field="name", code=code, value=value)


@dataclass(frozen=True)
class Role:
    id: int
    name: str
    builtin: bool
    used: int = 0  # live assignments in every client


def list_roles(db: Database) -> list[Role]:
    """The catalogue: the defaults first, then added roles in the order they were added."""
    return [Role(rid, name, bool(builtin), used) for rid, name, builtin, used in db.execute(
        "SELECT r.id, r.name, r.builtin, (SELECT count(*) FROM assignments a"
        " WHERE a.role_id = r.id AND a.deleted_at IS NULL) FROM roles r"
        " ORDER BY r.builtin DESC, r.id").fetchall()]


def role_names(db: Database) -> list[str]:
    return [role.name for role in list_roles(db)]


def added_role_names(db: Database) -> list[str]:
    """The roles beyond the defaults, as a portfolio file lists them."""
    return [role.name for role in list_roles(db) if not role.builtin]


def ensure_role(db: Database, name: str) -> int:
    """The id of a role, adding it to the catalogue when it is new (any case matches)."""
    name = name.strip()
    if not name:
        raise RoleError("a role needs a name", code="name_missing")
    if len(name) > 200:
        raise RoleError("a role's name is at most 200 characters", code="name_too_long")
    found = db.execute("SELECT id FROM roles WHERE name = ? COLLATE NOCASE", [name]).fetchone()
    if found is not None:
        return found[0]
    return inserted_id(db.execute("INSERT INTO roles (name, builtin) VALUES (?, 0)", [name]))


def add_role(db: Database, name: str) -> Role:
    """Add a role to the catalogue (one transaction); refused when it is already there."""
    with write_transaction(db):
        if db.execute("SELECT 1 FROM roles WHERE name = ? COLLATE NOCASE",
                      [name.strip()]).fetchone():
            raise RoleError(f'the catalogue already has a role "{name.strip()}"', code="role_exists",
                            value=name.strip())
        rid = ensure_role(db, name)
    return next(role for role in list_roles(db) if role.id == rid)


def remove_role(db: Database, name: str) -> None:
    """Remove an added role that no live assignment uses (assignments deleted earlier go too)."""
    with write_transaction(db):
        found = db.execute("SELECT id, name, builtin FROM roles WHERE name = ? COLLATE NOCASE",
                           [name.strip()]).fetchone()
        if found is None:
            raise RoleError(f'there is no role "{name.strip()}"', code="unknown_role",
                            value=name.strip())
        rid, real, builtin = found
        if builtin:
            raise RoleError(f'"{real}" is one of the default roles; it cannot be removed',
                            code="default_role", value=real)
        used = db.execute("SELECT count(*) FROM assignments WHERE role_id = ? AND deleted_at IS NULL",
                          [rid]).fetchone()[0]
        if used:
            plural = "assignment uses" if used == 1 else "assignments use"
            raise RoleError(f'{used} {plural} "{real}": remove or change them first',
                            code="role_used", value=real)
        db.execute("DELETE FROM assignments WHERE role_id = ?", [rid])
        db.execute("DELETE FROM roles WHERE id = ?", [rid])


# --------------------------------------------------------------------------- assignments


def target_ids(db: Database, client_id: int, scope: str) -> dict[str, int]:
    """Live records an assignment of ``scope`` can name: casefolded name -> id (first wins)."""
    table, column, _ = TARGETS[scope]
    index: dict[str, int] = {}
    for rid, name in db.execute(
        f"SELECT id, [{column}] FROM [{table}] WHERE client_id = ? AND deleted_at IS NULL"
        " ORDER BY id", [client_id]).fetchall():
        index.setdefault(records.fold(name), rid)
    return index


def assignment_row(db: Database, client_id: int, model: Assignment,
                   people: records.PersonIndex | None = None,
                   targets: Mapping[str, Mapping[str, int]] | None = None) -> dict[str, Any]:
    """The row of an assignment: role, person and target as ids (the role is added to the
    catalogue when new)."""
    if people is None:
        people = records.person_index(db, client_id)
    row: dict[str, Any] = {
        "role_id": ensure_role(db, model.role),
        "person_id": records.person_ref(people, model.person, "person"),
    }
    for scope in ASSIGNMENT_TARGETS:
        column = TARGETS[scope][2]
        name = getattr(model, scope)
        if name is None:
            row[column] = None
            continue
        index = targets[scope] if targets is not None else target_ids(db, client_id, scope)
        rid = index.get(records.fold(name))
        if rid is None:
            raise records.UnknownReference(f'unknown {scope} "{name}"', field=scope,
                                           code=f"unknown_{scope}", value=name)
        row[column] = rid
    return row


def _names(db: Database, client_id: int) -> dict[str, dict[int, str]]:
    """id -> natural key of every record an assignment can name (live ones only)."""
    names: dict[str, dict[int, str]] = {}
    for scope, (table, column, _) in TARGETS.items():
        names[scope] = dict(db.execute(
            f"SELECT id, [{column}] FROM [{table}] WHERE client_id = ? AND deleted_at IS NULL",
            [client_id]).fetchall())
    return names


def assignment_from_row(row: Mapping[str, Any], role_name: str, person_key: Mapping[int, str],
                        names: Mapping[str, Mapping[int, str]], *,
                        reading: records.Reading = records.TRUSTED) -> Assignment | None:
    """The model of a row; None when its person or record is gone (deleted)."""
    person = person_key.get(row["person_id"])
    if person is None:
        return None
    fields: dict[str, Any] = {"role": role_name, "person": person}
    for scope in ASSIGNMENT_TARGETS:
        rid = row[TARGETS[scope][2]]
        name = None
        if rid is not None:
            name = names[scope].get(rid)
            if name is None:
                return None
        fields[scope] = name
    return reading.model(Assignment, fields)


def load_assignments(db: Database, client_id: int, person_key: Mapping[int, str], *,
                     reading: records.Reading = records.TRUSTED) -> list[tuple[int, Assignment]]:
    """``(row id, assignment)`` of a client's live assignments, in the order added."""
    cursor = db.execute(
        "SELECT a.*, r.name AS role_name FROM assignments a JOIN roles r ON r.id = a.role_id"
        " WHERE a.client_id = ? AND a.deleted_at IS NULL ORDER BY a.id", [client_id])
    columns = [c[0] for c in cursor.description]
    names = _names(db, client_id)
    found = []
    for values in cursor.fetchall():
        row = dict(zip(columns, values))
        model = assignment_from_row(row, row["role_name"], person_key, names, reading=reading)
        if model is not None:
            found.append((row["id"], model))
    return found


class AssignmentChildren(records.NoChildRows):
    """An assignment's references are ids found in the database (see :class:`records.Children`)."""

    def row(self, db: Database, client_id: int, model: Assignment,
            row_id: int | None) -> dict[str, Any]:
        row = assignment_row(db, client_id, model)
        clash = db.execute(
            "SELECT 1 FROM assignments WHERE client_id = ? AND deleted_at IS NULL AND id IS NOT ?"
            " AND role_id = ? AND person_id = ? AND initiative_id IS ? AND asset_id IS ?"
            " AND renewal_id IS ? AND contract_id IS ?",
            [client_id, row_id, row["role_id"], row["person_id"], row["initiative_id"],
             row["asset_id"], row["renewal_id"], row["contract_id"]]).fetchone()
        if clash is not None:
            what = f"{model.scope.value} \"{model.target}\"" if model.target else "the client"
            raise records.RecordConflict(
                f'"{model.person}" already has the role "{model.role}" for {what}',
                field="role", code="role_held", value=model.role)
        return row

    def load(self, db: Database, row: Mapping[str, Any],
             person_key: Mapping[int, str]) -> Assignment:
        role = db.execute("SELECT name FROM roles WHERE id = ?", [row["role_id"]]).fetchone()
        model = assignment_from_row(row, role[0] if role else "?", person_key,
                                    _names(db, row["client_id"]))
        if model is None:
            raise RecordGone("that assignment's person or record was deleted")
        return model
