"""A client's strategy, goals and actual payments in their tables.

The rows of :mod:`itroad.domain.strategy`'s models: the mission and vision
(``strategies``, one row per client once it has a strategy) and the SWOT
(``swot_items``, in order); goals (``goals``: the owner as a person's id, soft
deleted like other records); actual payments (``actuals``: money in cents, the day
as ISO text, the record paid for as the id of a renewal, asset, contract or
initiative). Which initiative serves which goal is the initiative's
(:mod:`itroad.store.initiative_children`). Whole portfolios come and go through
:mod:`itroad.store.portfolio`, which calls the functions here inside its transaction.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from sqlite_utils import Database

from itroad.domain.enums import GoalHorizon, SpendLine, SwotKind
from itroad.domain.strategy import ACTUAL_TARGETS, Actual, Goal, Strategy, SwotItem
from itroad.store import records
from itroad.store.records import TRUSTED, Reading
from itroad.store.roles import TARGETS, target_ids
from itroad.store.rows import cents, inserted_id, iso, money

#: Actual field -> its column (the tables are those of :data:`~itroad.store.roles.TARGETS`).
ACTUAL_COLUMNS = {scope: TARGETS[scope][2] for scope in ACTUAL_TARGETS}


def _rows(db: Database, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    cursor = db.execute(sql, params)
    columns = [c[0] for c in cursor.description]
    return [dict(zip(columns, values)) for values in cursor.fetchall()]


# --------------------------------------------------------------------------- strategy


def _strategy_image(db: Database, client_id: int) -> tuple[Any, ...] | None:
    row = db.execute("SELECT mission, vision FROM strategies WHERE client_id = ?",
                     [client_id]).fetchone()
    if row is None:
        return None
    swot = tuple(db.execute("SELECT kind, text FROM swot_items WHERE client_id = ?"
                            " ORDER BY position", [client_id]).fetchall())
    return (row[0], row[1], swot)


def save_strategy(db: Database, client_id: int, strategy: Strategy) -> str:
    """Make the client's strategy this one (mission, vision and the whole SWOT);
    ``"added"``, ``"updated"`` or ``"unchanged"``."""
    wanted = (strategy.mission, strategy.vision,
              tuple((item.kind.value, item.text) for item in strategy.swot))
    before = _strategy_image(db, client_id)
    if before == wanted:
        return "unchanged"
    if before is None:
        db.execute("INSERT INTO strategies (client_id, mission, vision) VALUES (?, ?, ?)",
                   [client_id, strategy.mission, strategy.vision])
    else:
        db.execute("UPDATE strategies SET mission = ?, vision = ?, version = version + 1"
                   " WHERE client_id = ?", [strategy.mission, strategy.vision, client_id])
    db.execute("DELETE FROM swot_items WHERE client_id = ?", [client_id])
    for position, (kind, text) in enumerate(wanted[2]):
        db.execute("INSERT INTO swot_items (client_id, position, kind, text) VALUES (?, ?, ?, ?)",
                   [client_id, position, kind, text])
    return "added" if before is None else "updated"


def load_strategy(db: Database, client_id: int, *, reading: Reading = TRUSTED) -> Strategy:
    """The client's strategy (empty when it has none)."""
    image = _strategy_image(db, client_id)
    if image is None:
        return reading.model(Strategy, {"mission": None, "vision": None, "swot": []})
    mission, vision, swot = image
    return reading.model(Strategy, {
        "mission": mission, "vision": vision,
        "swot": [reading.model(SwotItem, {"kind": reading.member(SwotKind, kind), "text": text})
                 for kind, text in swot]})


# --------------------------------------------------------------------------- goals


def goal_row(goal: Goal, people: records.PersonIndex) -> dict[str, Any]:
    return {"title": goal.title, "horizon": goal.horizon.value, "target": iso(goal.target),
            "owner_id": records.person_ref(people, goal.owner, "owner")}


def goal_from_row(r: Mapping[str, Any], person_key: Mapping[int, str], *,
                  reading: Reading = TRUSTED) -> Goal:
    owner = None if r["owner_id"] is None else person_key.get(r["owner_id"])
    return reading.model(Goal, {"title": r["title"],
                                "horizon": reading.member(GoalHorizon, r["horizon"]),
                                "target": reading.day(r["target"]), "owner": owner})


def load_goals(db: Database, client_id: int, person_key: Mapping[int, str], *,
               reading: Reading = TRUSTED) -> list[Goal]:
    """The client's live goals, in the order they were added."""
    return [goal_from_row(r, person_key, reading=reading) for r in _rows(
        db, "SELECT * FROM goals WHERE client_id = ? AND deleted_at IS NULL ORDER BY id",
        [client_id])]


def served_goals(db: Database, client_id: int) -> dict[int, list[str]]:
    """Initiative id -> the titles of the live goals it serves, in its order."""
    served: dict[int, list[str]] = defaultdict(list)
    for iid, title in db.execute(
            "SELECT l.initiative_id, g.title FROM initiative_goals l JOIN goals g ON g.id = l.goal_id"
            " WHERE g.client_id = ? AND g.deleted_at IS NULL ORDER BY l.initiative_id, l.position",
            [client_id]).fetchall():
        served[iid].append(title)
    return served


# --------------------------------------------------------------------------- actuals


def actual_row(actual: Actual, targets: Mapping[str, Mapping[str, int]]) -> dict[str, Any]:
    """The row of a payment; ``targets`` are :func:`actual_targets`. The record it names
    must exist (:class:`~itroad.store.records.UnknownReference` about its field)."""
    row: dict[str, Any] = {"day": iso(actual.date), "amount_cents": cents(actual.amount),
                           "line": actual.line.value, "note": actual.note}
    for scope, column in ACTUAL_COLUMNS.items():
        name = getattr(actual, scope)
        rid = None if name is None else targets[scope].get(records.fold(name))
        if name is not None and rid is None:
            raise records.UnknownReference(f'unknown {scope} "{name}"', field=scope,
                                           code=f"unknown_{scope}", value=name)
        row[column] = rid
    return row


def actual_targets(db: Database, client_id: int) -> dict[str, dict[str, int]]:
    """What a payment can name: per field, casefolded natural key -> live record's id."""
    return {scope: target_ids(db, client_id, scope) for scope in ACTUAL_TARGETS}


def actual_from_row(r: Mapping[str, Any], names: Mapping[str, Mapping[int, str]], *,
                    reading: Reading = TRUSTED) -> Actual:
    """The payment of a row; a record it named that was deleted since is left out (the
    payment stays)."""
    values: dict[str, Any] = {"date": reading.day(r["day"]), "amount": money(r["amount_cents"]),
                              "line": reading.member(SpendLine, r["line"]), "note": r["note"]}
    for scope, column in ACTUAL_COLUMNS.items():
        rid = r[column]
        values[scope] = None if rid is None else names[scope].get(rid)
    return reading.model(Actual, values)


def _names(db: Database, client_id: int) -> dict[str, dict[int, str]]:
    """id -> natural key of every live record a payment can name."""
    names: dict[str, dict[int, str]] = {}
    for scope in ACTUAL_TARGETS:
        table, column, _ = TARGETS[scope]
        names[scope] = dict(db.execute(
            f"SELECT id, [{column}] FROM [{table}] WHERE client_id = ? AND deleted_at IS NULL",
            [client_id]).fetchall())
    return names


def load_actuals(db: Database, client_id: int, *, reading: Reading = TRUSTED) -> list[Actual]:
    """The client's live payments, in the order they were recorded."""
    names = _names(db, client_id)
    return [actual_from_row(r, names, reading=reading) for r in _rows(
        db, "SELECT * FROM actuals WHERE client_id = ? AND deleted_at IS NULL ORDER BY id",
        [client_id])]


def sync_actuals(db: Database, client_id: int, actuals: list[Actual]) -> tuple[int, int, int, int]:
    """Add the file's payments that the database lacks (reviving deleted ones): a payment
    is all its fields, so it is either there unchanged or new; two equal payments pair up
    with two rows. ``(added, updated, unchanged, kept)``: kept are live rows the file
    does not list."""
    columns = ("day", "amount_cents", "line", "note", *ACTUAL_COLUMNS.values())
    existing: dict[tuple[Any, ...], list[dict[str, Any]]] = defaultdict(list)
    for row in _rows(db, "SELECT * FROM actuals WHERE client_id = ? ORDER BY id", [client_id]):
        existing[tuple(row[c] for c in columns)].append(row)
    # Live rows first, so a payment listed again matches the one already there.
    for rows in existing.values():
        rows.sort(key=lambda row: row["deleted_at"] is not None)
    targets = actual_targets(db, client_id)
    added = updated = unchanged = 0
    for actual in actuals:
        row = actual_row(actual, targets)
        matches = existing.get(tuple(row[c] for c in columns))
        if matches:
            old = matches.pop(0)
            if old["deleted_at"] is not None:
                db.execute("UPDATE actuals SET deleted_at = NULL, version = version + 1"
                           " WHERE id = ?", [old["id"]])
                updated += 1
            else:
                unchanged += 1
            continue
        cols = ", ".join(f"[{c}]" for c in row)
        marks = ", ".join("?" for _ in row)
        inserted_id(db.execute(f"INSERT INTO actuals (client_id, {cols}) VALUES (?, {marks})",
                               [client_id, *row.values()]))
        added += 1
    kept = sum(1 for rows in existing.values() for row in rows if row["deleted_at"] is None)
    return added, updated, unchanged, kept
