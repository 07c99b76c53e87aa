"""Initiatives in the database: finding them by title, and the roadmap's edits.

An initiative is saved, journaled and undone with its asset links, RACI roles
and KPIs like any other record (``kinds.INITIATIVE``, whose rows beyond its own
are in :mod:`itroad.store.initiative_children`).

The roadmap's own edits (advance a status, shift by a quarter, set a RACI letter,
link assets) are functions here that load the initiative, change the model
through :mod:`itroad.planning.roadmap` and save it through
:func:`~itroad.store.editing.save_record`: one transaction, one batch, undoable.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlite_utils import Database

from itroad.domain.enums import InitiativeStatus, Raci
from itroad.domain.models import Initiative
from itroad.planning.roadmap import replace_person, shift_initiative, toggle_raci
from itroad.store import kinds, records
from itroad.store.editing import load_record, new_batch, save_record
from itroad.store.transactions import write_transaction

# --------------------------------------------------------------------------- queries


def initiative_ids(db: Database, client_id: int) -> dict[str, int]:
    """Live initiatives of a client: casefolded title -> id."""
    return {records.fold(title): iid for iid, title in db.execute(
        "SELECT id, title FROM initiatives WHERE client_id = ? AND deleted_at IS NULL ORDER BY id",
        [client_id])}


def initiative_id(db: Database, client_id: int, title: str) -> int | None:
    return initiative_ids(db, client_id).get(records.fold(title))


# --------------------------------------------------------------------------- edits


def change_initiative(db: Database, row_id: int, change, *, batch: str | None = None):
    """Load an initiative, apply ``change(model) -> model`` and save it (one transaction,
    refused when the row changed in between). Returns the :class:`~editing.Saved`."""
    with write_transaction(db):
        model, version, client_id = load_record(db, kinds.INITIATIVE, row_id)
        changed = change(model)
        return save_record(db, kinds.INITIATIVE, client_id, changed, row_id=row_id,
                           expected_version=version, batch=batch)


def set_status(db: Database, row_id: int, status: InitiativeStatus, *, batch: str | None = None):
    return change_initiative(db, row_id, lambda m: m.model_copy(update={"status": status}),
                             batch=batch)


def shift_initiatives(db: Database, row_ids: Iterable[int], quarters: int, *,
                      batch: str | None = None) -> str:
    """Move initiatives by whole fiscal quarters (dates and KPI due dates), one batch."""

    batch = batch or new_batch()
    with write_transaction(db):
        for row_id in row_ids:
            change_initiative(db, row_id, lambda m: shift_initiative(m, quarters), batch=batch)
    return batch


def set_raci(db: Database, row_id: int, person: str, letter: Raci, on: bool | None = None, *,
             batch: str | None = None):
    """Turn one RACI letter of a person on an initiative on, off or over (``on=None``);
    Accountable stays with one person (see :func:`itroad.planning.roadmap.toggle_raci`)."""

    return change_initiative(
        db, row_id, lambda m: toggle_raci(m, person, letter, on=on).initiative, batch=batch)


def link_assets(db: Database, row_id: int, tags: Iterable[str], *, replace: bool = False,
                batch: str | None = None):
    """Add assets (by tag) to an initiative's linked assets, or replace them all."""
    wanted = list(tags)

    def change(model: Initiative) -> Initiative:
        current = [] if replace else list(model.assets)
        seen = {records.fold(t) for t in current}
        for tag in wanted:
            if records.fold(tag) not in seen:
                current.append(tag)
                seen.add(records.fold(tag))
        return model.model_copy(update={"assets": current})

    return change_initiative(db, row_id, change, batch=batch)


def clear_raci(db: Database, row_id: int, person: str, *, batch: str | None = None):
    """Take every RACI letter of a person off an initiative."""

    return change_initiative(db, row_id, lambda m: replace_person(m, person, None), batch=batch)
