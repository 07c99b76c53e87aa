"""What the Schedule screen writes: lifecycle policies, the escalation rate, deferrals.

Every entry point is **one transaction**: a policy and the stored due dates of
its category (:func:`~itroad.store.editing.refresh_due_dates`), or a whole
what-if scenario (policies, escalation rate and deferred assets together,
:func:`apply_changes`) — all of it or nothing.

Concurrency is checked by value: each change (a type of
:mod:`itroad.planning.scenario`) names what it expects to find (the policy or
rate the screen was showing). When another window or process changed it since,
the write is refused with :class:`PlanConflict` and nothing is written. Asset
deferrals go through :func:`~itroad.store.editing.update_records`, so they are
validated, versioned and journaled under one batch (undoable with
:func:`~itroad.store.editing.undo_batch`). Policy and escalation-rate changes
are not journaled: the undo journal only knows the record kinds of
:data:`~itroad.store.kinds.KINDS`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlite_utils import Database

from itroad.domain.models import LifecyclePolicy
from itroad.domain.parse import parse_rate
from itroad.planning.scenario import Deferral, PlanChanges, PolicyChange, RateChange
from itroad.store.editing import EditError, new_batch, refresh_due_dates, update_records
from itroad.store.kinds import ASSET
from itroad.store.records import fold, policy_from_row, policy_row
from itroad.store.rows import decimal_text
from itroad.store.transactions import write_transaction


class PlanConflict(EditError):
    """What a change expected to replace was changed elsewhere; nothing was written."""


@dataclass(frozen=True)
class Applied:
    """What a write did. ``batch`` is the undo batch of the asset edits (None without any)."""

    policies: int = 0
    rate: bool = False
    assets: int = 0
    due_dates_refreshed: int = 0
    batch: str | None = None
    categories: tuple[str, ...] = field(default=())


def client_id(db: Database, code: str) -> int:
    """The row id of client ``code``; :class:`EditError` when there is none."""
    row = db.execute("SELECT id FROM clients WHERE code = ?", [code]).fetchone()
    if row is None:
        raise EditError(f'no client "{code}" in the database', code="unknown_client", value=code)
    return int(row[0])


def _policy(db: Database, cid: int, category: str) -> tuple[int, LifecyclePolicy] | None:
    cursor = db.execute(
        "SELECT * FROM policies WHERE client_id = ? AND category = ?", [cid, category]
    )
    values = cursor.fetchone()
    if values is None:
        return None
    row = dict(zip([c[0] for c in cursor.description], values))
    return row["id"], policy_from_row(row)


def load_policies(db: Database, code: str) -> list[LifecyclePolicy]:
    """Client ``code``'s policies in the order they were added."""
    cid = client_id(db, code)
    cursor = db.execute("SELECT * FROM policies WHERE client_id = ? ORDER BY id", [cid])
    columns = [c[0] for c in cursor.description]
    return [policy_from_row(dict(zip(columns, values))) for values in cursor.fetchall()]


def escalation_rate(db: Database, code: str) -> Decimal:
    row = db.execute("SELECT escalation_rate FROM clients WHERE code = ?", [code]).fetchone()
    if row is None:
        raise EditError(f'no client "{code}" in the database', code="unknown_client", value=code)
    return Decimal(row[0])


def _describe(policy: LifecyclePolicy | None) -> str:
    if policy is None:
        return "no policy"
    cost = "no standard cost" if policy.replacement_cost is None else f"{policy.replacement_cost}"
    return f"{policy.lifecycle_months} months, {cost}, basis {policy.basis.value}"


def _write_policy(db: Database, cid: int, change: PolicyChange) -> bool:
    """Write one policy (the caller holds the transaction); False when nothing changes."""
    category = change.policy.category
    found = _policy(db, cid, category)
    current = found[1] if found else None
    if current != change.expected:
        raise PlanConflict(
            f'the "{category}" policy was changed elsewhere since it was shown '
            f"(now: {_describe(current)}); nothing was saved. It is shown again as it is now.",
            code="stale", value=category,
        )
    if current == change.policy:
        return False
    values = policy_row(change.policy)
    if found is None:
        db.execute(
            "INSERT INTO policies (client_id, category, lifecycle_months, replacement_cost_cents,"
            " basis) VALUES (?, ?, ?, ?, ?)",
            [cid, values["category"], values["lifecycle_months"],
             values["replacement_cost_cents"], values["basis"]],
        )
    else:
        db.execute(
            "UPDATE policies SET lifecycle_months = ?, replacement_cost_cents = ?, basis = ?,"
            " version = version + 1 WHERE id = ?",
            [values["lifecycle_months"], values["replacement_cost_cents"], values["basis"],
             found[0]],
        )
    return True


def _write_rate(db: Database, cid: int, change: RateChange) -> bool:
    rate = parse_rate(change.rate)
    (text,) = db.execute("SELECT escalation_rate FROM clients WHERE id = ?", [cid]).fetchone()
    current = Decimal(text)
    if current != change.expected:
        raise PlanConflict(
            "the escalation rate was changed elsewhere since it was shown "
            f"(now {current}); nothing was saved.", field="escalation_rate", code="stale"
        )
    if current == rate:
        return False
    db.execute(
        "UPDATE clients SET escalation_rate = ?, version = version + 1 WHERE id = ?",
        [decimal_text(rate), cid],
    )
    return True


def asset_ids(db: Database, cid: int, tags: Iterable[str]) -> dict[str, int]:
    """Row ids of the client's live assets by tag (any case); :class:`EditError` for an
    unknown tag."""
    known = {
        fold(tag): aid
        for aid, tag in db.execute(
            "SELECT id, tag FROM assets WHERE client_id = ? AND deleted_at IS NULL", [cid]
        ).fetchall()
    }
    found = {}
    for tag in tags:
        aid = known.get(fold(tag))
        if aid is None:
            raise EditError(f'asset "{tag}" is no longer in the database; nothing was saved',
                            field="tag", code="unknown_asset", value=tag)
        found[tag] = aid
    return found


def _write_deferrals(db: Database, cid: int, deferrals: Sequence[Deferral], batch: str) -> int:
    ids = asset_ids(db, cid, [d.tag for d in deferrals])
    same: dict[tuple[date | None, str | None], list[int]] = {}
    for deferral in deferrals:
        reason = deferral.reason.strip() if deferral.reason else None
        key = (deferral.replace_on, reason if deferral.replace_on is not None else None)
        same.setdefault(key, []).append(ids[deferral.tag])
    for (replace_on, reason), row_ids in same.items():
        update_records(
            db, ASSET, row_ids, {"replace_on": replace_on, "replace_reason": reason}, batch=batch
        )
    return len(ids)


def apply_changes(db: Database, code: str, changes: PlanChanges) -> Applied:
    """Write policies, then the escalation rate, then deferrals: one transaction.

    The stored due dates of every category whose policy changed are recomputed in
    the same transaction. Raises :class:`PlanConflict` (or another
    :class:`~itroad.store.editing.EditError`) with nothing written.
    """
    categories = [c.policy.category for c in changes.policies]
    if len(set(categories)) != len(categories):
        raise EditError("a category's policy is changed twice in one go", field="category",
                        code="changed_twice")
    batch = new_batch() if changes.deferrals else None
    with write_transaction(db):
        cid = client_id(db, code)
        written = [c.policy.category for c in changes.policies if _write_policy(db, cid, c)]
        rate = _write_rate(db, cid, changes.rate) if changes.rate is not None else False
        refreshed = 0  # the rate moves costs, never due dates: only policies do
        for category in written:
            refreshed += refresh_due_dates(db, cid, category)
        assets = _write_deferrals(db, cid, changes.deferrals, batch) if batch else 0
    return Applied(
        policies=len(written),
        rate=rate,
        assets=assets,
        due_dates_refreshed=refreshed,
        batch=batch,
        categories=tuple(written),
    )


def save_policy(
    db: Database, code: str, policy: LifecyclePolicy, *, expected: LifecyclePolicy | None
) -> Applied:
    """Add or change one policy (and refresh its category's due dates): one transaction."""
    return apply_changes(db, code, PlanChanges(policies=(PolicyChange(policy, expected),)))


def save_escalation_rate(db: Database, code: str, rate: Decimal, *, expected: Decimal) -> Applied:
    """Change the client's yearly escalation rate: one transaction."""
    return apply_changes(db, code, PlanChanges(rate=RateChange(rate, expected)))


def defer_assets(db: Database, code: str, deferrals: Iterable[Deferral]) -> Applied:
    """Set (or clear) the replacement date of assets, all in one transaction and one undo batch."""
    return apply_changes(db, code, PlanChanges(deferrals=tuple(deferrals)))
