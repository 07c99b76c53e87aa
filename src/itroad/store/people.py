"""People: what a person holds, and removing one who still holds things.

A person is saved like any other record (``kinds.PERSON``; the uniqueness of their
email or name is checked in :mod:`itroad.store.person_children`).

Removing a person who owns renewals or contracts, has assets assigned, holds
RACI letters or roles asks where those go (the People screen). :func:`remove_person`
hands every one of them to a successor, or leaves them without a holder, and
soft-deletes the person: one transaction, one batch, so ``u`` undoes it all.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from sqlite_utils import Database

from itroad.domain.models import Initiative, Person
from itroad.planning.roadmap import replace_person
from itroad.store import kinds, records
from itroad.store.editing import (
    EditError,
    delete_records,
    load_record,
    new_batch,
    person_keys,
    save_record,
)
from itroad.store.transactions import write_transaction


@dataclass(frozen=True)
class Holdings:
    """What a person holds, by kind (ids of the rows)."""

    assets: tuple[int, ...] = ()
    renewals: tuple[int, ...] = ()
    contracts: tuple[int, ...] = ()
    initiatives: tuple[int, ...] = ()  # initiatives where they hold a RACI letter
    assignments: tuple[int, ...] = ()

    @property
    def total(self) -> int:
        return (len(self.assets) + len(self.renewals) + len(self.contracts)
                + len(self.initiatives) + len(self.assignments))

    def describe(self) -> str:
        """``3 assets, 1 renewal and 2 initiatives`` (empty when nothing)."""
        parts = []
        for count, noun in ((len(self.assets), "asset"), (len(self.renewals), "renewal"),
                            (len(self.contracts), "contract"),
                            (len(self.initiatives), "initiative role"),
                            (len(self.assignments), "role assignment")):
            if count:
                parts.append(f"{count} {noun}{'' if count == 1 else 's'}")
        if len(parts) > 1:
            return ", ".join(parts[:-1]) + " and " + parts[-1]
        return parts[0] if parts else ""


def _ids(db: Database, sql: str, params: list) -> tuple[int, ...]:
    return tuple(rid for (rid,) in db.execute(sql, params).fetchall())


def holdings(db: Database, person_id: int) -> Holdings:
    """Live rows that name the person."""
    return Holdings(
        assets=_ids(db, "SELECT id FROM assets WHERE assigned_to = ? AND deleted_at IS NULL"
                        " ORDER BY id", [person_id]),
        renewals=_ids(db, "SELECT id FROM renewals WHERE owner_id = ? AND deleted_at IS NULL"
                          " ORDER BY id", [person_id]),
        contracts=_ids(db, "SELECT id FROM contracts WHERE owner_id = ? AND deleted_at IS NULL"
                           " ORDER BY id", [person_id]),
        initiatives=_ids(db, "SELECT DISTINCT i.id FROM initiative_roles r"
                             " JOIN initiatives i ON i.id = r.initiative_id"
                             " WHERE r.person_id = ? AND i.deleted_at IS NULL ORDER BY i.id",
                         [person_id]),
        assignments=_ids(db, "SELECT id FROM assignments WHERE person_id = ?"
                             " AND deleted_at IS NULL ORDER BY id", [person_id]),
    )


def person_id(db: Database, client_id: int, ref: str) -> int | None:
    """The live person a reference (email or name, any case) names (None: nobody);
    :class:`~itroad.store.records.AmbiguousReference` when several people have that name."""
    try:
        return records.person_ref(records.person_index(db, client_id), ref)
    except records.AmbiguousReference:
        raise
    except records.UnknownReference:
        return None


def remove_person(db: Database, person_id: int, successor_id: int | None = None, *,
                  batch: str | None = None) -> str:
    """Hand everything a person holds to ``successor_id`` (None: to nobody) and
    soft-delete them. One transaction and one batch; returns the batch for undo."""

    batch = batch or new_batch()
    with write_transaction(db):
        loaded, _, client_id = load_record(db, kinds.PERSON, person_id)
        person = cast(Person, loaded)  # the model of kinds.PERSON
        keys = person_keys(db, client_id)
        if successor_id is not None:
            if successor_id == person_id:
                raise EditError("choose someone else to hand their items to", code="same_person")
            if successor_id not in keys:
                raise EditError("the person chosen to take over was deleted in the meantime",
                                code="unknown_person")
        successor = None if successor_id is None else keys[successor_id]
        held = holdings(db, person_id)

        def hand_over(kind: records.Kind, ids: tuple[int, ...], field: str) -> None:
            for rid in ids:
                model, version, _ = load_record(db, kind, rid)
                changed = type(model).model_validate({**model.model_dump(), field: successor})
                save_record(db, kind, client_id, changed, row_id=rid, expected_version=version,
                            batch=batch)

        hand_over(kinds.ASSET, held.assets, "assigned_to")
        hand_over(kinds.RENEWAL, held.renewals, "owner")
        hand_over(kinds.CONTRACT, held.contracts, "owner")
        for rid in held.initiatives:
            model, version, _ = load_record(db, kinds.INITIATIVE, rid)
            save_record(db, kinds.INITIATIVE, client_id,
                        replace_person(cast(Initiative, model), person.key, successor),
                        row_id=rid, expected_version=version, batch=batch)
        if successor is None:
            delete_records(db, kinds.ASSIGNMENT, held.assignments, batch=batch)
        else:
            for rid in held.assignments:
                model, version, _ = load_record(db, kinds.ASSIGNMENT, rid)
                changed = model.model_copy(update={"person": successor})
                try:
                    save_record(db, kinds.ASSIGNMENT, client_id, changed, row_id=rid,
                                expected_version=version, batch=batch)
                except EditError:  # the successor already has that role: one is enough
                    delete_records(db, kinds.ASSIGNMENT, [rid], batch=batch)
        delete_records(db, kinds.PERSON, [person_id], batch=batch)
    return batch
