"""The small reads behind the inventory screens: client settings, pick lists, links,
next free tag, and finding records in every client."""

from __future__ import annotations

from decimal import Decimal

import pytest

from itroad.domain.models import (
    Asset,
    Client,
    Contract,
    Initiative,
    LifecyclePolicy,
    Person,
    Portfolio,
    Renewal,
)
from itroad.store import import_portfolio, open_database
from itroad.store.editing import delete_records
from itroad.store.kinds import ASSET
from itroad.store.lookups import (
    asset_links,
    client_categories,
    client_people,
    client_policies,
    client_ref,
    client_sites,
    contract_asset_titles,
    find_person,
    suggest_tag,
)
from itroad.store.search import find_records


@pytest.fixture
def db(db_path):
    database = open_database(db_path)
    import_portfolio(database, Portfolio(clients=[
        Client(
            code="acme", name="Acme", currency="EUR", fiscal_year_start_month=7,
            escalation_rate=Decimal("0.03"),
            policies=[LifecyclePolicy(category="laptop", lifecycle_months=48)],
            people=[Person(name="Zed Last", email="zed@acme.example"), Person(name="Ann First")],
            assets=[
                Asset(tag="LT-0041", name="Laptop", category="laptop", site="Plant", serial="SN-ABC"),
                Asset(tag="LT-0042", name="Laptop", category="laptop", site="Head office"),
                Asset(tag="lt-0050", name="Old laptop", category="laptop", site="plant b"),
                Asset(tag="SRV", name="Server", category="server", site="Plant"),
                Asset(tag="C:\\temp\\[x]", name="[bold]x[/bold]", category="desktop"),
            ],
            renewals=[Renewal(name="Domain acme.example", vendor="Gandi", unit_cost="18.00",
                              next_renewal="2027-01-01")],
            contracts=[Contract(title="Laptop lease", vendor="Leasy", start="2025-01-01",
                                amount="99.00", assets=["LT-0041", "LT-0042"])],
            initiatives=[Initiative(title="Refresh laptops", category="infrastructure",
                                    start="2027-01-01", assets=["LT-0041"])],
        ),
        Client(code="other", name="Other Co", assets=[
            Asset(tag="O-1", name="Laptop elsewhere", category="laptop", serial="SN-ABC-2")]),
    ]))
    yield database
    database.close()


def _asset_id(db, tag):
    return db.execute("SELECT id FROM assets WHERE tag = ?", [tag]).fetchone()[0]


def test_client_ref_and_pick_lists(db):
    ref = client_ref(db, "acme")
    assert (ref.code, ref.currency, ref.fiscal_year_start_month, ref.escalation_rate) == (
        "acme", "EUR", 7, Decimal("0.03"))
    assert client_ref(db, "nope") is None
    assert [p.name for p in client_people(db, ref.id)] == ["Ann First", "Zed Last"]
    assert [p.key for p in client_people(db, ref.id)] == ["Ann First", "zed@acme.example"]
    assert client_sites(db, ref.id) == ["Head office", "Plant", "plant b"]
    assert client_categories(db, ref.id) == ["desktop", "laptop", "server"]
    assert list(client_policies(db, ref.id)) == ["laptop"]
    assert find_person(db, ref.id, "ZED@acme.example").name == "Zed Last"
    assert find_person(db, ref.id, "ann first").key == "Ann First"
    assert find_person(db, ref.id, "nobody") is None


def test_links_of_an_asset_and_a_contract(db):
    links = asset_links(db, _asset_id(db, "LT-0041"))
    assert [c.title for c in links.contracts] == ["Laptop lease"]
    assert [(i.title, i.detail) for i in links.initiatives] == [("Refresh laptops", "proposed")]
    contract_id = db.execute("SELECT id FROM contracts").fetchone()[0]
    assert contract_asset_titles(db, contract_id) == [("LT-0041", "Laptop"), ("LT-0042", "Laptop")]
    delete_records(db, ASSET, [_asset_id(db, "LT-0042")])
    assert contract_asset_titles(db, contract_id) == [("LT-0041", "Laptop")]


def test_next_free_tag_keeps_prefix_and_width(db):
    client_id = client_ref(db, "acme").id
    # The highest number with the prefix (any case) is 50: ten copies in a row get fresh tags.
    assert suggest_tag(db, client_id, "LT-0041") == "LT-0051"
    assert suggest_tag(db, client_id, "SRV") is None
    assert suggest_tag(db, client_id, "X-9") == "X-10"


def test_find_records_in_every_client(db):
    found = find_records(db, "sn-abc")
    assert [(f.table, f.label, f.client_code, f.field, f.rank) for f in found] == [
        ("assets", "LT-0041", "acme", "serial", 0),
        ("assets", "O-1", "other", "serial", 1),
    ]
    tables = {(f.table, f.label) for f in find_records(db, "laptop")}
    assert ("contracts", "Laptop lease") in tables and ("assets", "O-1") in tables
    assert [f.label for f in find_records(db, "gandi")] == ["Domain acme.example"]
    assert find_records(db, "x") == []  # too short to search
    assert [f.label for f in find_records(db, "[bold]")] == ["C:\\temp\\[x]"]
    assert [f.label for f in find_records(db, "\\temp\\[")] == ["C:\\temp\\[x]"]
    assert find_records(db, "100%") == []  # LIKE wildcards are literal
    delete_records(db, ASSET, [_asset_id(db, "LT-0041")])
    assert [f.label for f in find_records(db, "sn-abc")] == ["O-1"]
