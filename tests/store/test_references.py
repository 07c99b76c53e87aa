"""References by name must be unique, and an unchanged import changes nothing."""

from __future__ import annotations

import pytest

from itroad.domain.models import (
    Asset,
    Client,
    Initiative,
    Kpi,
    Person,
    Portfolio,
    RoleAssignment,
    reference_problems,
)
from itroad.interchange.toml_format import PortfolioFileError, dumps_portfolio, parse_portfolio
from itroad.store import import_portfolio, load_client, load_portfolio, open_database
from itroad.store.editing import EditError, load_record, save_record
from itroad.store.kinds import ASSET, INITIATIVE
from itroad.store.people import person_id
from itroad.store.records import AmbiguousReference, Namesakes, index_people

TWO_SAMS = [Person(name="Sam Lee", email="sam.lee@acme.example"),
            Person(name="Sam Lee", email="slee@acme.example"),
            Person(name="Ann Bell")]

FILE = '''format = "itroad/1"

[[clients]]
code = "acme"
name = "Acme"

  [[clients.people]]
  name = "Sam Lee"
  email = "sam.lee@acme.example"

  [[clients.people]]
  name = "Sam Lee"
  email = "slee@acme.example"

  [[clients.assets]]
  tag = "LT-1"
  name = "Laptop"
  category = "laptop"
  assigned_to = "{ref}"
'''


@pytest.fixture
def db(db_path):
    database = open_database(db_path)
    import_portfolio(database, Portfolio(clients=[Client(
        code="acme", name="Acme", people=TWO_SAMS,
        assets=[Asset(tag="LT-1", name="Laptop", category="laptop")],
        initiatives=[Initiative(title="Refresh", category="infrastructure", start="2027-01-01")])]))
    yield database
    database.close()


# -- the pure check -----------------------------------------------------------------------


def test_an_ambiguous_name_in_a_file_is_refused_listing_the_candidates():
    with pytest.raises(PortfolioFileError) as caught:
        parse_portfolio(FILE.format(ref="sam lee"))
    (problem,) = caught.value.problems
    assert problem.startswith("clients[0].assets[0].assigned_to: ambiguous person")
    assert "sam.lee@acme.example" in problem and "slee@acme.example" in problem
    assert "use the email" in problem


def test_an_email_is_exact_even_when_the_name_is_shared():
    portfolio = parse_portfolio(FILE.format(ref="SLEE@acme.example"))
    assert portfolio.clients[0].assets[0].assigned_to == "SLEE@acme.example"


def test_every_kind_of_person_reference_is_checked():
    client = Client(
        code="acme", name="Acme", people=TWO_SAMS,
        assets=[Asset(tag="LT-1", name="Laptop", category="laptop", assigned_to="Sam Lee")],
        renewals=[{"name": "M365", "vendor": "Microsoft", "kind": "subscription",
                   "unit_cost": "10.00", "period_months": 12, "next_renewal": "2027-01-01",
                   "owner": "Sam Lee"}],
        initiatives=[Initiative(title="Refresh", category="infrastructure", start="2027-01-01",
                                roles=[RoleAssignment(person="Sam Lee", raci="R")])],
        assignments=[{"role": "Owner", "person": "Sam Lee"}],
    )
    where = [loc for loc, problem in reference_problems(client) if problem.code == "ambiguous_person"]
    assert where == [("assets", 0, "assigned_to"), ("renewals", 0, "owner"),
                     ("initiatives", 0, "roles", 0, "person"), ("assignments", 0, "person")]


def test_the_one_namesake_without_an_email_is_named_by_the_name():
    """That name is the person's key (what an export writes), so it stays exact."""
    client = Client(code="acme", name="Acme",
                    people=[Person(name="Sam Lee", email="sam.lee@acme.example"),
                            Person(name="Sam Lee")],
                    assets=[Asset(tag="LT-1", name="Laptop", category="laptop",
                                  assigned_to="Sam Lee")])
    assert reference_problems(client) == []
    assert index_people([(1, "Sam Lee", "sam.lee@acme.example"), (2, "Sam Lee", None)]) == {
        "sam.lee@acme.example": 1, "sam lee": 2}


def test_the_store_index_marks_a_shared_name():
    index = index_people([(1, "Sam Lee", "a@x"), (2, "sam lee", "b@x"), (3, "Ann", None)])
    assert index == {"a@x": 1, "b@x": 2, "sam lee": Namesakes(("a@x", "b@x")), "ann": 3}


# -- the store ------------------------------------------------------------------------------


def test_an_ambiguous_name_in_a_store_edit_is_refused(db):
    model, version, client_id = load_record(db, ASSET, 1)
    with pytest.raises(EditError) as caught:
        save_record(db, ASSET, client_id, model.model_copy(update={"assigned_to": "Sam Lee"}),
                    row_id=1, expected_version=version)
    message = str(caught.value)
    assert 'ambiguous person "Sam Lee"' in message
    assert "sam.lee@acme.example" in message and "slee@acme.example" in message
    assert load_record(db, ASSET, 1)[1] == version  # nothing saved
    saved = save_record(db, ASSET, client_id,
                        model.model_copy(update={"assigned_to": "slee@acme.example"}),
                        row_id=1, expected_version=version)
    assert load_record(db, ASSET, saved.id)[0].assigned_to == "slee@acme.example"


def test_an_ambiguous_raci_person_is_refused(db):
    model, version, client_id = load_record(db, INITIATIVE, 1)
    changed = model.model_copy(update={"roles": [RoleAssignment(person="sam lee", raci="A")]})
    with pytest.raises(EditError, match="ambiguous person"):
        save_record(db, INITIATIVE, client_id, changed, row_id=1, expected_version=version)


def test_person_id_refuses_a_shared_name(db):
    assert person_id(db, 1, "Ann Bell") == 3
    assert person_id(db, 1, "nobody") is None
    with pytest.raises(AmbiguousReference):
        person_id(db, 1, "Sam Lee")


def test_an_import_names_the_files_own_person_when_the_database_has_a_namesake(db):
    """The file has one Sam Lee (unique there, so the check let it through): its
    reference means that one, not the database's other Sam Lee."""
    import_portfolio(db, Portfolio(clients=[Client(
        code="acme", name="Acme", people=[Person(name="Sam Lee", email="slee@acme.example")],
        assets=[Asset(tag="LT-2", name="Laptop", category="laptop", assigned_to="Sam Lee")])]))
    assets = {a.tag: a for a in load_client(db, "acme").assets}
    assert assets["LT-2"].assigned_to == "slee@acme.example"


# -- an unchanged import changes nothing -----------------------------------------------------


def test_an_unchanged_reimport_changes_nothing(sample_db, sample_portfolio):
    db = open_database(sample_db)
    try:
        before = db.conn.total_changes
        report = import_portfolio(db, sample_portfolio)
        assert db.conn.total_changes == before
        for client in report.clients:
            for tally in client.tallies.values():
                assert (tally.added, tally.updated, tally.kept) == (0, 0, 0)
        assert " new" not in report.describe() and "updated (" not in report.describe()
        # And the exported file imports as unchanged too.
        again = parse_portfolio(dumps_portfolio(load_portfolio(db)))
        import_portfolio(db, again)
        assert db.conn.total_changes == before
    finally:
        db.close()


def test_a_changed_kpi_updates_its_initiative_and_moves_its_version(db):
    def with_kpi(target: str) -> Portfolio:
        return Portfolio(clients=[Client(
            code="acme", name="Acme", people=TWO_SAMS,
            assets=[Asset(tag="LT-1", name="Laptop", category="laptop")],
            initiatives=[Initiative(title="Refresh", category="infrastructure", start="2027-01-01", assets=["LT-1"],
                                    kpis=[Kpi(name="Done", unit="count", target=target)])])])

    import_portfolio(db, with_kpi("5"))
    _, version, _ = load_record(db, INITIATIVE, 1)
    report = import_portfolio(db, with_kpi("6"))
    assert report.clients[0].tallies["initiatives"].updated == 1
    model, now, _ = load_record(db, INITIATIVE, 1)
    assert now == version + 1 and str(model.kpis[0].target) == "6"
    before = db.conn.total_changes
    assert import_portfolio(db, with_kpi("6")).clients[0].tallies["initiatives"].unchanged == 1
    assert db.conn.total_changes == before
