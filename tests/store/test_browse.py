"""Browsing lists a page at a time: filters, quick filters, sorting, positions."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from itroad.domain.models import Asset, Client, Contract, Person, Portfolio, Renewal
from itroad.store import import_portfolio, open_database
from itroad.store.browse import ASSETS, CONTRACTS, RENEWALS, Query, count_rows, fetch_ids, fetch_page, row_position
from itroad.store.editing import delete_records
from itroad.store.kinds import ASSET

AS_OF = date(2026, 11, 22)


@pytest.fixture
def db(db_path):
    database = open_database(db_path)
    import_portfolio(database, Portfolio(clients=[
        Client(
            code="acme", name="Acme",
            policies=[{"category": "laptop", "lifecycle_months": 48}],
            people=[Person(name="Jane Doe", email="jane@acme.example")],
            assets=[
                Asset(tag="A-1", name="Old laptop", category="laptop", model="Latitude 5410",
                      purchase_date="2020-01-15", assigned_to="jane@acme.example"),
                Asset(tag="A-2", name="New laptop", category="laptop", model="Latitude 5440",
                      purchase_date="2026-06-01", warranty_end="2029-06-01", serial="SN_100%"),
                Asset(tag="A-3", name="Mystery box", category="desktop"),
                Asset(tag="A-4", name="Gone", category="laptop", status="retired", purchase_date="2019-01-01"),
            ],
            renewals=[
                Renewal(name="M365", unit_cost="22.00", period_months=1, next_renewal="2026-12-01"),
                Renewal(name="Domain", unit_cost="18.00", next_renewal="2027-09-01", notice_days=30),
                # Recorded long ago and never rolled forward: the series carries on, so the
                # upcoming renewal is 2027-06-01, cancel by 2027-05-02: nothing to do yet.
                Renewal(name="Backup", unit_cost="420.00", next_renewal="2026-06-01",
                        notice_days=30, auto_renew=True),
            ],
            contracts=[
                Contract(title="MSP", start="2025-01-01", end="2027-03-31", amount="1500.00", notice_days=90),
                Contract(title="ISP", start="2025-01-01", end="2029-01-01", amount="99.00"),
            ],
        ),
        Client(code="other", name="Other", assets=[Asset(tag="O-1", name="Laptop elsewhere", category="laptop")]),
    ]))
    yield database
    database.close()


def tags(db, q):
    return [r.get("tag") or r.get("name") or r.get("title") for r in fetch_page(db, q, 0, 100)]


def test_client_scope_and_text_filter(db):
    q = Query(ASSETS, AS_OF, client_id=1)
    assert count_rows(db, q) == 4
    assert tags(db, replace(q, text="laptop")) == ["A-1", "A-2", "A-4"]  # names and categories
    assert tags(db, replace(q, text="  LAPTOP   jane ")) == ["A-1"]  # every word, any field
    assert tags(db, replace(q, text="laptop nobody")) == []
    assert tags(db, replace(q, text="jane")) == ["A-1"]  # the assigned person's name
    assert tags(db, replace(q, text="5440")) == ["A-2"]  # the model
    assert tags(db, replace(q, text="_100%")) == ["A-2"]  # LIKE wildcards are literal
    assert tags(db, replace(q, text="100_")) == []
    assert count_rows(db, Query(ASSETS, AS_OF)) == 5  # every client


def test_status_and_attention_quick_filters(db):
    q = Query(ASSETS, AS_OF, client_id=1)
    assert tags(db, replace(q, statuses=("retired",))) == ["A-4"]
    # Overdue and needs data; the new laptop and the retired one are fine.
    assert tags(db, replace(q, attention=True)) == ["A-1", "A-3"]
    r = Query(RENEWALS, AS_OF, client_id=1, attention=True)
    assert tags(db, r) == ["M365"]  # cancel by 2026-12-01, within 30 days
    c = Query(CONTRACTS, AS_OF, client_id=1, attention=True)
    assert tags(db, c) == ["MSP"]


def test_sorting_and_positions(db):
    q = Query(ASSETS, AS_OF, client_id=1, sort="name")
    assert tags(db, q) == ["A-4", "A-3", "A-2", "A-1"]
    assert tags(db, replace(q, descending=True)) == ["A-1", "A-2", "A-3", "A-4"]
    assert tags(db, replace(q, sort="replace_due")) == ["A-3", "A-4", "A-1", "A-2"]
    a2 = db.execute("SELECT id FROM assets WHERE tag = 'A-2'").fetchone()[0]
    assert row_position(db, q, a2) == 2
    assert row_position(db, replace(q, text="old"), a2) is None
    assert fetch_ids(db, replace(q, text="laptop")) == [4, 2, 1]
    assert [r["next_renewal"] for r in fetch_page(db, Query(RENEWALS, AS_OF, client_id=1), 0, 9)] == [
        "2026-06-01", "2026-12-01", "2027-09-01"]


def test_deleted_rows_are_not_listed(db):
    q = Query(ASSETS, AS_OF, client_id=1)
    delete_records(db, ASSET, [1])
    assert tags(db, q) == ["A-2", "A-3", "A-4"]
    assert count_rows(db, q) == 3


def test_unknown_sort_column_is_an_error(db):
    with pytest.raises(KeyError):
        fetch_page(db, Query(ASSETS, AS_OF, sort="colour"), 0, 10)
