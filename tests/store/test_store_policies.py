"""store.policies: policies, escalation rate and deferrals, each write one transaction."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from itroad.domain.models import LifecyclePolicy
from itroad.store import load_client, open_database
from itroad.store.editing import EditError, undo_batch
from itroad.store.policies import (
    Deferral,
    PlanChanges,
    PlanConflict,
    PolicyChange,
    RateChange,
    apply_changes,
    defer_assets,
    escalation_rate,
    load_policies,
    save_escalation_rate,
    save_policy,
)

LAPTOP = LifecyclePolicy(category="laptop", lifecycle_months=48, replacement_cost=Decimal("1400.00"))
DESKTOP = LifecyclePolicy(category="desktop", lifecycle_months=60)


@pytest.fixture
def db(tui_db):
    database = open_database(tui_db)
    yield database
    database.close()


def dump(db) -> list[str]:
    return list(db.conn.iterdump())


def stored_due(db, tag: str) -> str | None:
    return db.execute("SELECT replace_due FROM assets WHERE tag = ?", [tag]).fetchone()[0]


def version(db, table: str, where: str, value: object) -> int:
    return db.execute(f"SELECT version FROM {table} WHERE {where} = ?", [value]).fetchone()[0]


def test_load_policies_and_rate(db):
    assert load_policies(db, "acme") == [LAPTOP, DESKTOP]
    assert escalation_rate(db, "acme") == Decimal("0.03")
    with pytest.raises(EditError, match='no client "nope"'):
        load_policies(db, "nope")


def test_save_policy_changes_it_and_refreshes_due_dates_of_its_category(db):
    assert stored_due(db, "ACME-0001") == "2025-03-15"  # desktop, 2020-03-15 + 60 months
    assert stored_due(db, "ACME-0002") == "2028-05-01"  # laptop, untouched below
    before = version(db, "policies", "category", "desktop")
    longer = DESKTOP.model_copy(update={"lifecycle_months": 72})
    applied = save_policy(db, "acme", longer, expected=DESKTOP)
    assert applied.policies == 1 and applied.due_dates_refreshed == 1
    assert applied.batch is None
    assert stored_due(db, "ACME-0001") == "2026-03-15"
    assert stored_due(db, "ACME-0002") == "2028-05-01"
    assert version(db, "policies", "category", "desktop") == before + 1
    assert load_client(db, "acme").policies[1] == longer


def test_save_policy_adds_a_missing_one(db):
    printer = LifecyclePolicy(category="printer", lifecycle_months=72, replacement_cost=Decimal("450"))
    applied = save_policy(db, "acme", printer, expected=None)
    assert applied.policies == 1
    assert load_policies(db, "acme")[-1] == printer


def test_saving_the_same_policy_writes_nothing(db):
    before = dump(db)
    assert save_policy(db, "acme", LAPTOP, expected=LAPTOP).policies == 0
    assert dump(db) == before


def test_stale_policy_is_refused_and_nothing_written(db):
    before = dump(db)
    stale = LAPTOP.model_copy(update={"lifecycle_months": 36})
    with pytest.raises(PlanConflict, match='"laptop" policy was changed elsewhere'):
        save_policy(db, "acme", LAPTOP.model_copy(update={"lifecycle_months": 60}), expected=stale)
    with pytest.raises(PlanConflict):
        save_policy(db, "acme", LAPTOP, expected=None)  # "adding" one that exists
    assert dump(db) == before


def test_escalation_rate(db):
    before = version(db, "clients", "code", "acme")
    applied = save_escalation_rate(db, "acme", Decimal("0.05"), expected=Decimal("0.03"))
    assert applied.rate
    assert escalation_rate(db, "acme") == Decimal("0.05")
    assert version(db, "clients", "code", "acme") == before + 1
    snapshot = dump(db)
    with pytest.raises(PlanConflict, match="escalation rate was changed elsewhere"):
        save_escalation_rate(db, "acme", Decimal("0.04"), expected=Decimal("0.03"))
    assert dump(db) == snapshot


def test_escalation_rate_is_validated(db):
    with pytest.raises(Exception, match="above -100 % and at most 100 %"):
        save_escalation_rate(db, "acme", Decimal("2"), expected=Decimal("0.03"))
    assert escalation_rate(db, "acme") == Decimal("0.03")


def test_defer_assets_one_batch_undoable(db):
    applied = defer_assets(db, "acme", [
        Deferral("ACME-0001", date(2027, 6, 30), "budget"),
        Deferral("acme-0002", date(2029, 1, 31), "still fine"),  # tags in any case
    ])
    assert applied.assets == 2 and applied.batch
    client = load_client(db, "acme")
    assert (client.assets[0].replace_on, client.assets[0].replace_reason) == (date(2027, 6, 30), "budget")
    assert client.assets[1].replace_on == date(2029, 1, 31)
    assert stored_due(db, "ACME-0001") == "2027-06-30"
    rows = db.execute("SELECT count(*) FROM history WHERE batch = ?", [applied.batch]).fetchone()[0]
    assert rows == 2
    assert undo_batch(db, applied.batch) == 2
    assert load_client(db, "acme").assets[0].replace_on is None
    assert stored_due(db, "ACME-0001") == "2025-03-15"


def test_clearing_a_deferral(db):
    defer_assets(db, "acme", [Deferral("ACME-0001", date(2027, 6, 30), "budget")])
    defer_assets(db, "acme", [Deferral("ACME-0001", None, "ignored")])
    asset = load_client(db, "acme").assets[0]
    assert asset.replace_on is None and asset.replace_reason is None
    assert stored_due(db, "ACME-0001") == "2025-03-15"


def test_apply_changes_is_all_or_nothing(db):
    before = dump(db)
    changes = PlanChanges(
        policies=(PolicyChange(LAPTOP.model_copy(update={"lifecycle_months": 60}), LAPTOP),),
        rate=RateChange(Decimal("0.05"), Decimal("0.03")),
        deferrals=(Deferral("ACME-0001", date(2027, 6, 30), "x"), Deferral("GONE-1", date(2027, 1, 1), "x")),
    )
    with pytest.raises(EditError, match='"GONE-1" is no longer in the database'):
        apply_changes(db, "acme", changes)
    assert dump(db) == before


def test_apply_changes_writes_everything(db):
    changes = PlanChanges(
        policies=(PolicyChange(LAPTOP.model_copy(update={"lifecycle_months": 60}), LAPTOP),),
        rate=RateChange(Decimal("0.05"), Decimal("0.03")),
        deferrals=(Deferral("ACME-0001", date(2027, 6, 30), "budget"),),
    )
    applied = apply_changes(db, "acme", changes)
    assert (applied.policies, applied.rate, applied.assets) == (1, True, 1)
    assert applied.categories == ("laptop",)
    client = load_client(db, "acme")
    assert client.policies[0].lifecycle_months == 60
    assert client.escalation_rate == Decimal("0.05")
    assert client.assets[0].replace_on == date(2027, 6, 30)
    assert stored_due(db, "ACME-0002") == "2029-05-01"  # 2024-05-01 + 60 months


def test_invalid_deferral_is_refused_by_the_model(db):
    before = dump(db)
    with pytest.raises(EditError, match="replace_reason"):
        defer_assets(db, "acme", [Deferral("ACME-0001", date(2027, 1, 1), "x" * 5000)])
    assert dump(db) == before


def test_empty_changes():
    assert PlanChanges().empty
    assert not PlanChanges(rate=RateChange(Decimal("0"), Decimal("0"))).empty
