"""Reads build models from the database's own rows without validating them again
(``records.TRUSTED``): the models must be the very ones validation gives
(``records.CHECKED``), value for value and type for type."""

from __future__ import annotations

import sqlite3
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from pydantic import BaseModel
from sqlite_utils import Database
from tests.strategies import portfolios

from itroad.domain.enums import AssetStatus
from itroad.domain.models import Asset, Client
from itroad.store import StoreError, import_portfolio, load_client, open_database
from itroad.store import portfolio as portfolio_module
from itroad.store.database import migrate
from itroad.store.editing import load_record
from itroad.store.kinds import ASSET, ASSIGNMENT, CONTRACT, INITIATIVE, PERSON, RENEWAL
from itroad.store.policies import load_policies
from itroad.store.records import CHECKED, TRUSTED, Reading


def assert_same(trusted: Any, checked: Any, where: str = "client") -> None:
    """Equal, and of the same type all the way down: a model's fields in the same order
    and set the same way; ``Decimal("1.00")`` is not ``Decimal("1.0")`` nor ``1``, a
    date is not its text, an enum member is not its value (a ``StrEnum`` equals it)."""
    assert type(trusted) is type(checked), f"{where}: {type(trusted)} is not {type(checked)}"
    if isinstance(checked, BaseModel):
        assert list(trusted.__dict__) == list(checked.__dict__), f"{where}: fields"
        assert trusted.model_fields_set == checked.model_fields_set, f"{where}: fields set"
        for name, value in checked.__dict__.items():
            assert_same(trusted.__dict__[name], value, f"{where}.{name}")
        assert trusted == checked, where
    elif isinstance(checked, list):
        assert len(trusted) == len(checked), f"{where}: length"
        for i, (left, right) in enumerate(zip(trusted, checked)):
            assert_same(left, right, f"{where}[{i}]")
    elif isinstance(checked, dict):
        assert list(trusted) == list(checked), f"{where}: keys"
        for key, value in checked.items():
            assert_same(trusted[key], value, f"{where}[{key!r}]")
    else:
        assert isinstance(checked, (str, int, bool, Decimal, date, Enum, type(None))), where
        assert repr(trusted) == repr(checked), f"{where}: {trusted!r} is not {checked!r}"


def _read(db: Database, code: str, reading: Reading) -> Client:
    # The rows as they are, each way; no fallback from one to the other.
    return portfolio_module._client_from_rows(db, code, reading)


def _codes(db: Database) -> list[str]:
    return portfolio_module.client_codes(db)


def test_the_sample_reads_as_validation_gives(sample_db):
    db = open_database(sample_db, readonly=True)
    try:
        for code in _codes(db):
            checked = _read(db, code, CHECKED)
            assert_same(_read(db, code, TRUSTED), checked)
            # Every kind of record is there to compare.
            assert all((checked.policies, checked.people, checked.assets, checked.renewals,
                        checked.contracts, checked.initiatives, checked.assignments)), code
            assert any(i.kpis and i.roles for i in checked.initiatives)
            assert_same(load_client(db, code), checked)
    finally:
        db.close()


def test_one_record_reads_as_validation_gives(sample_db):
    """A form's record (``load_record``, each kind's own query) is the client's record."""
    db = open_database(sample_db, readonly=True)
    try:
        for code in _codes(db):
            checked = _read(db, code, CHECKED)
            cid = db.execute("SELECT id FROM clients WHERE code = ?", [code]).fetchone()[0]
            for kind, models in ((ASSET, checked.assets), (RENEWAL, checked.renewals),
                                 (CONTRACT, checked.contracts), (PERSON, checked.people),
                                 (INITIATIVE, checked.initiatives),
                                 (ASSIGNMENT, checked.assignments)):
                ids = [rid for (rid,) in db.execute(
                    f"SELECT id FROM [{kind.table}] WHERE client_id = ? AND deleted_at IS NULL"
                    " ORDER BY id", [cid])]
                assert len(ids) == len(models), kind.name
                for rid, model in zip(ids, models):
                    assert_same(load_record(db, kind, rid)[0], model, f"{code} {kind.name} {rid}")
            assert_same(load_policies(db, code), checked.policies, f"{code} policies")
    finally:
        db.close()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(portfolios())
def test_any_portfolio_reads_as_validation_gives(portfolio):
    db = Database(memory=True)
    db.execute("PRAGMA foreign_keys = ON")
    migrate(db)
    import_portfolio(db, portfolio)
    for code in _codes(db):
        assert_same(_read(db, code, TRUSTED), _read(db, code, CHECKED))


def test_the_comparison_sees_a_value_of_the_wrong_type():
    """What a trusted read could get wrong without validation to catch it."""
    checked = Asset(tag="T-1", name="PC", category="laptop", status="in_use",
                    purchase_date="2024-05-01", purchase_cost="899.00")
    fields = dict(checked.__dict__)
    assert_same(TRUSTED.model(Asset, dict(fields)), checked)
    for wrong in ({"purchase_cost": 89900}, {"purchase_cost": Decimal("899.0")},
                  {"purchase_date": "2024-05-01"}, {"status": "in_use"}):
        with pytest.raises(AssertionError):
            assert_same(TRUSTED.model(Asset, {**fields, **wrong}), checked)
    reordered = {"name": fields.pop("name"), **fields}
    with pytest.raises(AssertionError):
        assert_same(TRUSTED.model(Asset, reordered), checked)
    assert checked.status is AssetStatus.IN_USE


def _change(path, sql: str) -> None:
    conn = sqlite3.connect(path)
    conn.execute(sql)
    conn.commit()
    conn.close()


@pytest.mark.parametrize(("sql", "said"), [
    ("UPDATE renewals SET kind = 'lease' WHERE id = (SELECT min(id) FROM renewals)",
     'a stored renewal holds a value this itroad refuses (kind: Input should be'),
    ("UPDATE assets SET warranty_end = '2001-01-01', purchase_date = '2002-01-01'"
     " WHERE tag = 'HFD-0001'",
     "a stored asset holds a value this itroad refuses (warranty_end: warranty_end 2001-01-01 "
     "is before purchase_date 2002-01-01)"),
    ("UPDATE kpis SET target = 'many' WHERE id = (SELECT min(id) FROM kpis)",
     'a stored kpi holds a value this itroad refuses (target: invalid number "many"'),
])
def test_a_stored_value_the_trusted_read_cannot_take_is_named(sample_db, sql, said):
    """Values no itroad writes: the trusted read gives way to the checked one, which
    names the value (as for a date out of range, in test_store.py)."""
    _change(sample_db, sql)
    db = open_database(sample_db)
    try:
        with pytest.raises(StoreError) as refused:
            for code in _codes(db):
                load_client(db, code)
        assert said in str(refused.value)
    finally:
        db.close()
