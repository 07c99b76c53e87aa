"""Initiatives in the database: the row plus its asset links, RACI roles and KPIs.

:class:`InitiativeChildren` lets :mod:`itroad.store.editing` save, journal, undo
and load an initiative like any other record (``records.INITIATIVE``): its
linked assets (``initiative_assets``), roles (``initiative_roles``) and KPIs
(``kpis``) are written in the same transaction as the row and put back by undo.

The roadmap's own edits (advance a status, shift by a quarter, set a RACI letter,
link assets) are functions here that load the initiative, change the model
through :mod:`itroad.planning.roadmap` and save it through
:func:`~itroad.store.editing.save_record`: one transaction, one batch, undoable.
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping

from sqlite_utils import Database

from itroad.domain.enums import InitiativeStatus, Raci
from itroad.domain.models import Initiative, Kpi, RoleAssignment
from itroad.store import records
from itroad.store.rows import day, decimal_text, iso, without_none
from itroad.store.transactions import write_transaction


def _asset_index(db: Database, client_id: int) -> dict[str, int]:
    return {records.fold(tag): aid for aid, tag in db.execute(
        "SELECT id, tag FROM assets WHERE client_id = ? AND deleted_at IS NULL", [client_id])}


class InitiativeChildren:
    """An initiative's asset links, roles and KPIs (see :class:`records.Children`)."""

    def row(self, db: Database, client_id: int, model: Initiative,
            row_id: int | None) -> dict[str, Any]:
        clash = db.execute(
            "SELECT id FROM initiatives WHERE client_id = ? AND deleted_at IS NULL"
            " AND title = ? COLLATE NOCASE AND id IS NOT ?", [client_id, model.title, row_id],
        ).fetchone()
        if clash is not None:
            raise records.RecordConflict(
                f'another initiative of this client is already called "{model.title}"')
        return records.initiative_row(model)

    def write(self, db: Database, client_id: int, row_id: int, model: Initiative) -> None:
        assets = _asset_index(db, client_id)
        missing = [tag for tag in model.assets if records.fold(tag) not in assets]
        if missing:
            raise records.UnknownReference(f'unknown asset "{missing[0]}"')
        people = records.person_index(db, client_id)
        roles: list[tuple[int, str]] = []
        for role in model.roles:
            pid = records.person_ref(people, role.person)
            if (pid, role.raci.value) not in roles:
                roles.append((pid, role.raci.value))
        self.restore(db, row_id, {
            "initiative_assets": list(dict.fromkeys(assets[records.fold(t)] for t in model.assets)),
            "initiative_roles": [list(r) for r in roles],
            "kpis": [kpi_row(kpi) for kpi in model.kpis],
        })

    def image(self, db: Database, row_id: int) -> dict[str, Any]:
        kpis = db.execute(
            "SELECT name, unit, baseline, target, current, due FROM kpis"
            " WHERE initiative_id = ? ORDER BY position", [row_id])
        columns = [c[0] for c in kpis.description]
        return {
            "initiative_assets": [aid for (aid,) in db.execute(
                "SELECT asset_id FROM initiative_assets WHERE initiative_id = ? ORDER BY position",
                [row_id])],
            "initiative_roles": [[pid, raci] for pid, raci in db.execute(
                "SELECT person_id, raci FROM initiative_roles WHERE initiative_id = ?"
                " ORDER BY position", [row_id])],
            "kpis": [dict(zip(columns, values)) for values in kpis.fetchall()],
        }

    def restore(self, db: Database, row_id: int, image: dict[str, Any]) -> None:
        db.execute("DELETE FROM initiative_assets WHERE initiative_id = ?", [row_id])
        for position, aid in enumerate(image.get("initiative_assets", [])):
            db.execute("INSERT INTO initiative_assets (initiative_id, asset_id, position)"
                       " VALUES (?, ?, ?)", [row_id, aid, position])
        db.execute("DELETE FROM initiative_roles WHERE initiative_id = ?", [row_id])
        for position, (pid, raci) in enumerate(image.get("initiative_roles", [])):
            db.execute("INSERT OR IGNORE INTO initiative_roles"
                       " (initiative_id, person_id, raci, position) VALUES (?, ?, ?, ?)",
                       [row_id, pid, raci, position])
        db.execute("DELETE FROM kpis WHERE initiative_id = ?", [row_id])
        for position, kpi in enumerate(image.get("kpis", [])):
            db.execute("INSERT INTO kpis (initiative_id, position, name, unit, baseline, target,"
                       " current, due) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       [row_id, position, kpi["name"], kpi["unit"], kpi["baseline"],
                        kpi["target"], kpi["current"], kpi["due"]])

    def load(self, db: Database, row: Mapping[str, Any],
             person_key: Mapping[int, str]) -> Initiative:
        row_id = row["id"]
        tags = [t for (t,) in db.execute(
            "SELECT a.tag FROM initiative_assets l JOIN assets a ON a.id = l.asset_id"
            " WHERE l.initiative_id = ? AND a.deleted_at IS NULL ORDER BY l.position", [row_id])]
        roles = [RoleAssignment(person=person_key[pid], raci=raci) for pid, raci in db.execute(
            "SELECT person_id, raci FROM initiative_roles WHERE initiative_id = ?"
            " ORDER BY position", [row_id]) if pid in person_key]
        return records.initiative_from_row(
            row, person_key, assets=tags, roles=roles,
            kpis=[_kpi_from_row(k) for k in self.image(db, row_id)["kpis"]])


def kpi_row(kpi: Kpi) -> dict[str, Any]:
    """A KPI's values in its ``kpis`` row (without the initiative and position)."""
    return {"name": kpi.name, "unit": kpi.unit, "baseline": decimal_text(kpi.baseline),
            "target": decimal_text(kpi.target), "current": decimal_text(kpi.current),
            "due": iso(kpi.due)}


def _kpi_from_row(r: Mapping[str, Any]) -> Kpi:
    return Kpi(**without_none({"name": r["name"], "unit": r["unit"], "baseline": r["baseline"],
                               "target": r["target"], "current": r["current"],
                               "due": day(r["due"])}))


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
    from itroad.store.editing import load_record, save_record

    with write_transaction(db):
        model, version, client_id = load_record(db, records.INITIATIVE, row_id)
        changed = change(model)
        return save_record(db, records.INITIATIVE, client_id, changed, row_id=row_id,
                           expected_version=version, batch=batch)


def set_status(db: Database, row_id: int, status: InitiativeStatus, *, batch: str | None = None):
    return change_initiative(db, row_id, lambda m: m.model_copy(update={"status": status}),
                             batch=batch)


def shift_initiatives(db: Database, row_ids: Iterable[int], quarters: int, *,
                      batch: str | None = None) -> str:
    """Move initiatives by whole fiscal quarters (dates and KPI due dates), one batch."""
    from itroad.planning.roadmap import shift_initiative
    from itroad.store.editing import new_batch

    batch = batch or new_batch()
    with write_transaction(db):
        for row_id in row_ids:
            change_initiative(db, row_id, lambda m: shift_initiative(m, quarters), batch=batch)
    return batch


def set_raci(db: Database, row_id: int, person: str, letter: Raci, on: bool | None = None, *,
             batch: str | None = None):
    """Turn one RACI letter of a person on an initiative on, off or over (``on=None``);
    Accountable stays with one person (see :func:`itroad.planning.roadmap.toggle_raci`)."""
    from itroad.planning.roadmap import toggle_raci

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
    from itroad.planning.roadmap import replace_person

    return change_initiative(db, row_id, lambda m: replace_person(m, person, None), batch=batch)
