"""An initiative's rows beyond its own: asset links, goals served, RACI roles and KPIs.

:class:`InitiativeChildren` lets :mod:`itroad.store.editing` save, journal, undo
and load an initiative like any other record (``kinds.INITIATIVE``): its linked
assets (``initiative_assets``), the goals it serves (``initiative_goals``), roles
(``initiative_roles``) and KPIs (``kpis``, with their dated readings in
``kpi_readings``) are written in the same transaction as the row and put back by
undo. An import (:mod:`itroad.store.portfolio`) writes them through it too.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlite_utils import Database

from itroad.domain.enums import Raci
from itroad.domain.models import Initiative, Kpi, KpiReading, RoleAssignment
from itroad.store import records
from itroad.store.records import TRUSTED, Reading
from itroad.store.rows import decimal_text, inserted_id, iso


def _asset_index(db: Database, client_id: int) -> dict[str, int]:
    return {records.fold(tag): aid for aid, tag in db.execute(
        "SELECT id, tag FROM assets WHERE client_id = ? AND deleted_at IS NULL", [client_id])}


def goal_index(db: Database, client_id: int) -> dict[str, int]:
    """A client's live goals: casefolded title -> id."""
    return {records.fold(title): gid for gid, title in db.execute(
        "SELECT id, title FROM goals WHERE client_id = ? AND deleted_at IS NULL ORDER BY id",
        [client_id])}


def goal_ids(goals: dict[str, int], titles: list[str]) -> list[int]:
    """The ids of the goals ``titles`` name (in order, each once);
    :class:`~itroad.store.records.UnknownReference` about ``serves`` for one the client
    does not have."""
    missing = [title for title in titles if records.fold(title) not in goals]
    if missing:
        raise records.UnknownReference(f'unknown goal "{missing[0]}"', field="serves",
                                       code="unknown_goal", value=missing[0])
    return list(dict.fromkeys(goals[records.fold(title)] for title in titles))


class InitiativeChildren:
    """An initiative's asset links, goals, roles and KPIs (see :class:`records.Children`)."""

    def row(self, db: Database, client_id: int, model: Initiative,
            row_id: int | None) -> dict[str, Any]:
        clash = db.execute(
            "SELECT id FROM initiatives WHERE client_id = ? AND deleted_at IS NULL"
            " AND title = ? COLLATE NOCASE AND id IS NOT ?", [client_id, model.title, row_id],
        ).fetchone()
        if clash is not None:
            raise records.RecordConflict(
                f'another initiative of this client is already called "{model.title}"',
                field="title", code="title_used", value=model.title)
        return records.initiative_row(model)

    def write(self, db: Database, client_id: int, row_id: int, model: Initiative) -> None:
        assets = _asset_index(db, client_id)
        missing = [tag for tag in model.assets if records.fold(tag) not in assets]
        if missing:
            raise records.UnknownReference(f'unknown asset "{missing[0]}"', field="assets",
                                           code="unknown_asset", value=missing[0])
        people = records.person_index(db, client_id)
        roles: list[tuple[int, str]] = []
        for role in model.roles:
            pid = records.person_ref(people, role.person, "roles")
            if (pid, role.raci.value) not in roles:
                roles.append((pid, role.raci.value))
        self.restore(db, row_id, {
            "initiative_assets": list(dict.fromkeys(assets[records.fold(t)] for t in model.assets)),
            "initiative_goals": goal_ids(goal_index(db, client_id), model.serves),
            "initiative_roles": [list(r) for r in roles],
            "kpis": [kpi_row(kpi) for kpi in model.kpis],
        })

    def image(self, db: Database, row_id: int) -> dict[str, Any]:
        kpis = db.execute(
            "SELECT id, name, unit, baseline, target, current, due FROM kpis"
            " WHERE initiative_id = ? ORDER BY position", [row_id])
        columns = [c[0] for c in kpis.description]
        found = [dict(zip(columns, values)) for values in kpis.fetchall()]
        readings: dict[int, list[list[str]]] = {kpi["id"]: [] for kpi in found}
        for kid, day, value in db.execute(
                "SELECT r.kpi_id, r.day, r.value FROM kpi_readings r JOIN kpis k ON k.id = r.kpi_id"
                " WHERE k.initiative_id = ? ORDER BY r.kpi_id, r.day", [row_id]):
            readings[kid].append([day, value])
        return {
            "initiative_assets": [aid for (aid,) in db.execute(
                "SELECT asset_id FROM initiative_assets WHERE initiative_id = ? ORDER BY position",
                [row_id])],
            "initiative_goals": [gid for (gid,) in db.execute(
                "SELECT goal_id FROM initiative_goals WHERE initiative_id = ? ORDER BY position",
                [row_id])],
            "initiative_roles": [[pid, raci] for pid, raci in db.execute(
                "SELECT person_id, raci FROM initiative_roles WHERE initiative_id = ?"
                " ORDER BY position", [row_id])],
            "kpis": [{**{k: v for k, v in kpi.items() if k != "id"}, "history": readings[kpi["id"]]}
                     for kpi in found],
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
        db.execute("DELETE FROM initiative_goals WHERE initiative_id = ?", [row_id])
        for position, gid in enumerate(image.get("initiative_goals", [])):
            db.execute("INSERT OR IGNORE INTO initiative_goals (initiative_id, goal_id, position)"
                       " VALUES (?, ?, ?)", [row_id, gid, position])
        db.execute("DELETE FROM kpi_readings WHERE kpi_id IN"
                   " (SELECT id FROM kpis WHERE initiative_id = ?)", [row_id])
        db.execute("DELETE FROM kpis WHERE initiative_id = ?", [row_id])
        for position, kpi in enumerate(image.get("kpis", [])):
            kid = inserted_id(db.execute(
                "INSERT INTO kpis (initiative_id, position, name, unit, baseline, target,"
                " current, due) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [row_id, position, kpi["name"], kpi["unit"], kpi["baseline"],
                 kpi["target"], kpi["current"], kpi["due"]]))
            for day, value in kpi.get("history", []):
                db.execute("INSERT INTO kpi_readings (kpi_id, day, value) VALUES (?, ?, ?)",
                           [kid, day, value])

    def load(self, db: Database, row: Mapping[str, Any],
             person_key: Mapping[int, str]) -> Initiative:
        row_id = row["id"]
        tags = [t for (t,) in db.execute(
            "SELECT a.tag FROM initiative_assets l JOIN assets a ON a.id = l.asset_id"
            " WHERE l.initiative_id = ? AND a.deleted_at IS NULL ORDER BY l.position", [row_id])]
        roles = [role_from_row(person_key[pid], raci) for pid, raci in db.execute(
            "SELECT person_id, raci FROM initiative_roles WHERE initiative_id = ?"
            " ORDER BY position", [row_id]) if pid in person_key]
        serves = [title for (title,) in db.execute(
            "SELECT g.title FROM initiative_goals l JOIN goals g ON g.id = l.goal_id"
            " WHERE l.initiative_id = ? AND g.deleted_at IS NULL ORDER BY l.position", [row_id])]
        return records.initiative_from_row(
            row, person_key, assets=tags, roles=roles, serves=serves,
            kpis=[kpi_from_row(k) for k in self.image(db, row_id)["kpis"]])


def kpi_row(kpi: Kpi) -> dict[str, Any]:
    """A KPI's values in its ``kpis`` row (without the initiative and position), and its
    dated readings as ``history``: ``[[ISO day, decimal text], …]`` (its
    ``kpi_readings`` rows)."""
    return {"name": kpi.name, "unit": kpi.unit, "baseline": decimal_text(kpi.baseline),
            "target": decimal_text(kpi.target), "current": decimal_text(kpi.current),
            "due": iso(kpi.due),
            "history": [[r.date.isoformat(), format(r.value, "f")] for r in kpi.history]}


def kpi_from_row(r: Mapping[str, Any], *, reading: Reading = TRUSTED) -> Kpi:
    """A KPI of its ``kpis`` row, with its readings in ``r["history"]`` (as
    :func:`kpi_row` writes them, in date order; none when absent)."""
    number = reading.number
    history = [reading.model(KpiReading, {"date": reading.day(day), "value": number(value)})
               for day, value in r.get("history") or ()]
    return reading.model(Kpi, {"name": r["name"], "unit": r["unit"], "baseline": number(r["baseline"]),
                               "target": number(r["target"]), "current": number(r["current"]),
                               "history": history, "due": reading.day(r["due"])})


def role_from_row(person: str, raci: str, *, reading: Reading = TRUSTED) -> RoleAssignment:
    """A RACI role of an ``initiative_roles`` row, the person already as their key."""
    return reading.model(RoleAssignment, {"person": person, "raci": reading.member(Raci, raci)})
