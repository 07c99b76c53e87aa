"""Editing one record at a time, safely, with two terminals on one database.

- Every row carries a ``version``. A save names the version its form was opened
  on; when another process saved the row since, the save is refused with
  :class:`StaleRecordError`, which carries the latest values. Nothing is lost
  silently.
- Delete is soft: the row gets ``deleted_at`` and disappears from screens and
  exports; undo brings it back.
- Every change is journaled in ``history`` with the row before and after, under
  a *batch* (one user action, possibly many rows). :func:`undo_batch` restores
  the before-images of a batch, refusing when a row has changed since.
- Each call is one transaction.

A refusal is an :class:`EditError` (or its :class:`StaleRecordError` and
:class:`RecordGone`), defined in :mod:`itroad.store.errors` so that the record
kinds below this module can raise them too. It names the model field it concerns
(``field``: ``"tag"`` for a tag already used, the person field for an unknown
person, ``"assets"`` for an unknown asset) and what was refused (``code``).
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, ValidationError
from sqlite_utils import Database

from itroad.domain.errors import error_field
from itroad.domain.models import Asset, Contract
from itroad.planning.lifecycle import policies_by_category, replacement_due
from itroad.store.errors import EditError, RecordGone, StaleRecordError
from itroad.store.kinds import ASSET, CONTRACT, KINDS
from itroad.store.records import (
    Kind,
    RecordConflict,
    UnknownReference,
    asset_from_row,
    fold,
    person_index,
    policy_from_row,
)
from itroad.store.rows import inserted_id, iso
from itroad.store.transactions import write_transaction


@dataclass(frozen=True)
class Saved:
    id: int
    version: int
    batch: str


def new_batch() -> str:
    return uuid.uuid4().hex


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _row(db: Database, table: str, row_id: int) -> dict[str, Any] | None:
    cursor = db.execute(f"SELECT * FROM [{table}] WHERE id = ?", [row_id])
    values = cursor.fetchone()
    if values is None:
        return None
    return dict(zip([c[0] for c in cursor.description], values))


def _links(db: Database, kind: Kind, row_id: int) -> list[int] | None:
    if kind is not CONTRACT:
        return None
    return [aid for (aid,) in db.execute(
        "SELECT asset_id FROM contract_assets WHERE contract_id = ? ORDER BY position", [row_id])]


def _image(db: Database, kind: Kind, row_id: int) -> dict[str, Any] | None:
    row = _row(db, kind.table, row_id)
    if row is None:
        return None
    links = _links(db, kind, row_id)
    children = kind.children.image(db, row_id) if kind.children is not None else {}
    return {"row": row, **({"assets": links} if links is not None else {}), **children}


def _journal(db: Database, batch: str, kind: Kind, client_id: int, row_id: int, action: str,
             before: dict[str, Any] | None, after: dict[str, Any] | None) -> None:
    db.execute(
        "INSERT INTO history (batch, at, client_id, table_name, row_id, action, before, after)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [batch, _now(), client_id, kind.table, row_id, action,
         None if before is None else json.dumps(before), None if after is None else json.dumps(after)])


def person_keys(db: Database, client_id: int) -> dict[int, str]:
    """Person id -> the key records use to refer to them (email, else name)."""
    return {pid: email or name for pid, name, email in db.execute(
        "SELECT id, name, email FROM people WHERE client_id = ? AND deleted_at IS NULL",
        [client_id]).fetchall()}


def _due(db: Database, client_id: int, asset) -> str | None:
    rows = db.execute("SELECT * FROM policies WHERE client_id = ? AND category = ?",
                      [client_id, asset.category])
    cols = [c[0] for c in rows.description]
    policies = policies_by_category(policy_from_row(dict(zip(cols, r))) for r in rows.fetchall())
    return iso(replacement_due(asset, policies.get(asset.category))[0])


def _label(kind: Kind, model: BaseModel) -> str:
    return f'{kind.name} "{getattr(model, kind.label_column)}"'


def load_record(db: Database, kind: Kind, row_id: int) -> tuple[BaseModel, int, int]:
    """``(model, version, client_id)`` of a live row; :class:`RecordGone` if deleted."""
    row = _row(db, kind.table, row_id)
    if row is None or row.get("deleted_at"):
        raise RecordGone(f"that {kind.name} was deleted (by you or in another window)")
    keys = person_keys(db, row["client_id"])
    if kind is CONTRACT:
        tags = [t for (t,) in db.execute(
            "SELECT a.tag FROM contract_assets l JOIN assets a ON a.id = l.asset_id"
            " WHERE l.contract_id = ? AND a.deleted_at IS NULL ORDER BY l.position", [row_id])]
        model = kind.from_row(row, keys, tags)
    elif kind.children is not None:
        model = kind.children.load(db, row, keys)
    else:
        model = kind.from_row(row, keys)
    return model, row["version"], row["client_id"]


def _write_row(db: Database, kind: Kind, client_id: int, model: BaseModel,
               row_id: int | None) -> int:
    try:
        if kind.children is not None:
            values = kind.children.row(db, client_id, model, row_id)
        else:
            values = kind.to_row(model, person_index(db, client_id))
    except (UnknownReference, RecordConflict) as exc:
        raise EditError.wrapping(f"{_label(kind, model)}: {exc}", exc) from None
    if kind is ASSET:
        values["replace_due"] = _due(db, client_id, model)
    try:
        if row_id is None:
            cols = ", ".join(f"[{c}]" for c in values)
            marks = ", ".join("?" for _ in values)
            row_id = inserted_id(db.execute(
                f"INSERT INTO [{kind.table}] (client_id, {cols}) VALUES (?, {marks})",
                [client_id, *values.values()]))
        else:
            sets = ", ".join(f"[{c}] = ?" for c in values)
            db.execute(f"UPDATE [{kind.table}] SET {sets}, version = version + 1 WHERE id = ?",
                       [*values.values(), row_id])
    except sqlite3.IntegrityError as exc:
        if isinstance(model, Asset) and "UNIQUE" in str(exc):
            raise EditError(f'asset tag "{model.tag}" is already used by another asset of this client',
                            field="tag", code="tag_used", value=model.tag) from None
        raise EditError(f"{_label(kind, model)} cannot be saved ({exc})", code="integrity") from None
    if isinstance(model, Contract):
        tags = {fold(t): aid for aid, t in db.execute(
            "SELECT id, tag FROM assets WHERE client_id = ? AND deleted_at IS NULL", [client_id])}
        missing = [t for t in model.assets if fold(t) not in tags]
        if missing:
            raise EditError(f'{_label(kind, model)}: unknown asset "{missing[0]}"',
                            field="assets", code="unknown_asset", value=missing[0])
        db.execute("DELETE FROM contract_assets WHERE contract_id = ?", [row_id])
        for position, aid in enumerate(dict.fromkeys(tags[fold(t)] for t in model.assets)):
            db.execute("INSERT INTO contract_assets (contract_id, asset_id, position) VALUES (?, ?, ?)",
                       [row_id, aid, position])
    if kind.children is not None:
        try:
            kind.children.write(db, client_id, row_id, model)
        except (UnknownReference, RecordConflict) as exc:
            raise EditError.wrapping(f"{_label(kind, model)}: {exc}", exc) from None
    return row_id


def save_record(db: Database, kind: Kind, client_id: int, model: BaseModel, *,
                row_id: int | None = None, expected_version: int | None = None,
                batch: str | None = None) -> Saved:
    """Insert (``row_id`` None) or update a record, refusing a stale update."""
    batch = batch or new_batch()
    with write_transaction(db):
        before = None
        if row_id is not None:
            before = _image(db, kind, row_id)
            if before is None or before["row"]["deleted_at"]:
                raise RecordGone(f"{_label(kind, model)} was deleted in the meantime; nothing was saved")
            current = before["row"]["version"]
            if expected_version is not None and current != expected_version:
                latest, _, _ = load_record(db, kind, row_id)
                raise StaleRecordError(
                    f"{_label(kind, latest)} was changed elsewhere since you opened it "
                    f"(version {expected_version}, now {current}); nothing was saved. "
                    "The form now shows the latest values: make your change again.",
                    latest, current)
        row_id = _write_row(db, kind, client_id, model, row_id)
        after = _image(db, kind, row_id)
        if after is None:
            raise RecordGone(f"{_label(kind, model)} could not be read back after saving")
        _journal(db, batch, kind, client_id, row_id, "insert" if before is None else "update", before, after)
    return Saved(row_id, after["row"]["version"], batch)


def delete_records(db: Database, kind: Kind, row_ids: Iterable[int], *,
                   batch: str | None = None) -> str:
    """Soft-delete rows (one batch, one transaction). Returns the batch for undo."""
    batch = batch or new_batch()
    with write_transaction(db):
        for row_id in row_ids:
            before = _image(db, kind, row_id)
            if before is None or before["row"]["deleted_at"]:
                continue
            db.execute(f"UPDATE [{kind.table}] SET deleted_at = ?, version = version + 1 WHERE id = ?",
                       [_now(), row_id])
            _journal(db, batch, kind, before["row"]["client_id"], row_id, "delete", before,
                     _image(db, kind, row_id))
    return batch


def update_records(db: Database, kind: Kind, row_ids: Iterable[int], changes: dict[str, Any], *,
                   batch: str | None = None) -> str:
    """Apply the same field changes to several rows: each row is re-validated as a
    whole by its model, and all are saved in one transaction (or none)."""
    batch = batch or new_batch()
    with write_transaction(db):
        for row_id in row_ids:
            model, version, client_id = load_record(db, kind, row_id)
            try:
                changed = kind.model.model_validate({**model.model_dump(), **changes})
            except ValidationError as exc:
                first = exc.errors()[0]
                field = ".".join(str(p) for p in first["loc"]) or "record"
                raise EditError(f"{_label(kind, model)}: {field}: "
                                f"{first['msg'].removeprefix('Value error, ')}",
                                field=error_field(first), code="invalid") from None
            save_record(db, kind, client_id, changed, row_id=row_id, expected_version=version,
                        batch=batch)
    return batch


def _content(image: dict[str, Any] | None) -> dict[str, Any] | None:
    """A journal image without the row's version."""
    if image is None:
        return None
    return {**image, "row": {k: v for k, v in image["row"].items() if k != "version"}}


def undo_batch(db: Database, batch: str) -> int:
    """Put back every row of a batch as it was before; returns how many rows.

    Refused (nothing changed) when a row was changed again since the batch.
    """
    undo = new_batch()
    with write_transaction(db):
        entries = db.execute(
            "SELECT id, table_name, row_id, before, after, client_id FROM history"
            " WHERE batch = ? AND undone = 0 ORDER BY id DESC", [batch]).fetchall()
        if not entries:
            raise EditError("nothing to undo", code="nothing_to_undo")
        for hid, table, row_id, before_json, after_json, client_id in entries:
            kind = KINDS[table]
            after = json.loads(after_json)
            now = _row(db, table, row_id)
            current = _image(db, kind, row_id)
            # Changed since when its content differs from what the batch left (the version
            # alone moves on when a later batch was undone, which leaves it as it was).
            if now is None or _content(current) != _content(after):
                raise StaleRecordError(
                    f"cannot undo: that {kind.name} was changed again since (in this or another "
                    "window); nothing was undone", None, None if now is None else now["version"])
            if before_json is None:  # undo an insert: soft-delete the new row
                db.execute(f"UPDATE [{table}] SET deleted_at = ?, version = version + 1 WHERE id = ?",
                           [_now(), row_id])
            else:
                old = json.loads(before_json)
                values = {k: v for k, v in old["row"].items() if k not in ("id", "version")}
                sets = ", ".join(f"[{c}] = ?" for c in values)
                db.execute(f"UPDATE [{table}] SET {sets}, version = version + 1 WHERE id = ?",
                           [*values.values(), row_id])
                if kind.children is not None:
                    kind.children.restore(db, row_id, old)
                if "assets" in old:
                    db.execute("DELETE FROM contract_assets WHERE contract_id = ?", [row_id])
                    for position, aid in enumerate(old["assets"]):
                        db.execute("INSERT INTO contract_assets (contract_id, asset_id, position)"
                                   " VALUES (?, ?, ?)", [row_id, aid, position])
            _journal(db, undo, kind, client_id, row_id, "undo", current, _image(db, kind, row_id))
            db.execute("UPDATE history SET undone = 1 WHERE id = ?", [hid])
    return len(entries)


def refresh_due_dates(db: Database, client_id: int, category: str | None = None) -> int:
    """Recompute the stored replacement due dates after a policy change."""
    sql = "SELECT * FROM assets WHERE client_id = ?" + (" AND category = ?" if category else "")
    changed = 0
    with write_transaction(db):
        keys = person_keys(db, client_id)
        cursor = db.execute(sql, [client_id, category] if category else [client_id])
        cols = [c[0] for c in cursor.description]
        rows = [dict(zip(cols, r)) for r in cursor.fetchall()]
        for row in rows:
            due = _due(db, client_id, asset_from_row(row, keys))
            if due != row["replace_due"]:
                db.execute("UPDATE assets SET replace_due = ? WHERE id = ?", [due, row["id"]])
                changed += 1
    return changed
