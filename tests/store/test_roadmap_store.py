"""Initiatives, roles and assignments in the store: saved with their links, journaled, undone."""

from __future__ import annotations

import sqlite3
from datetime import date
from decimal import Decimal

import pytest

from itroad.domain.enums import InitiativeStatus, Raci
from itroad.domain.models import (
    DEFAULT_ROLES,
    Asset,
    Assignment,
    Client,
    Contract,
    Initiative,
    Kpi,
    Person,
    Portfolio,
    Renewal,
    RoleAssignment,
)
from itroad.store import import_portfolio, load_client, load_portfolio, open_database
from itroad.store.editing import (
    EditError,
    StaleRecordError,
    delete_records,
    load_record,
    save_record,
    undo_batch,
)
from itroad.store.initiatives import initiative_id, link_assets, set_raci, set_status, shift_initiatives
from itroad.store.kinds import ASSET, ASSIGNMENT, INITIATIVE, PERSON
from itroad.store.people import holdings, person_id, remove_person
from itroad.store.roles import RoleError, add_role, list_roles, remove_role
from itroad.store.roster import load_with_roster
from itroad.store.schema import MIGRATIONS


def _client() -> Client:
    return Client(
        code="acme", name="Acme", fiscal_year_start_month=7,
        policies=[{"category": "laptop", "lifecycle_months": 48, "replacement_cost": "1400.00"}],
        people=[Person(name="Jane Doe", email="jane@acme.example"),
                Person(name="Raj Patel", email="raj@acme.example"),
                Person(name="Ola Berg")],
        assets=[Asset(tag=f"LT-{i}", name=f"Laptop {i}", category="laptop",
                      purchase_date="2023-03-01", assigned_to="raj@acme.example") for i in range(3)],
        renewals=[Renewal(name="M365", unit_cost="22.00", next_renewal="2027-01-01",
                          owner="raj@acme.example")],
        contracts=[Contract(title="MSP", start="2025-01-01", amount="900.00", owner="raj@acme.example")],
        initiatives=[Initiative(
            title="MFA", category="security", status="approved", start="2027-01-04",
            end="2027-03-26", one_time_cost="3000.00", assets=["LT-0"],
            kpis=[Kpi(name="Enrolled", unit="%", baseline="0", target="100", current="40",
                      due="2027-03-26")],
            roles=[RoleAssignment(person="jane@acme.example", raci="A"),
                   RoleAssignment(person="raj@acme.example", raci="R")])],
        assignments=[Assignment(role="technical lead", person="raj@acme.example", asset="LT-1"),
                     Assignment(role="vCIO", person="Ola Berg")],
    )


@pytest.fixture
def db(db_path):
    database = open_database(db_path)
    import_portfolio(database, Portfolio(clients=[_client()]))
    yield database
    database.close()


def test_migration_2_adds_the_default_roles_to_an_old_database(tmp_path):
    path = tmp_path / "v1.db"
    conn = sqlite3.connect(path)
    for statement in MIGRATIONS[0]:
        conn.execute(statement)
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    db = open_database(path)
    try:
        assert [r.name for r in list_roles(db)] == list(DEFAULT_ROLES)
        assert all(r.builtin for r in list_roles(db))
        assert "assignments" in db.table_names()
    finally:
        db.close()


def test_initiative_saves_and_loads_its_links_roles_and_kpis(db):
    iid = initiative_id(db, 1, "mfa")
    model, version, client_id = load_record(db, INITIATIVE, iid)
    assert model == _client().initiatives[0] and version == 1 and client_id == 1
    changed = model.model_copy(update={"assets": ["LT-1", "LT-2"], "kpis": [], "roles": [
        RoleAssignment(person="Ola Berg", raci="A")]})
    saved = save_record(db, INITIATIVE, 1, changed, row_id=iid, expected_version=1)
    assert load_record(db, INITIATIVE, iid)[0] == changed
    undo_batch(db, saved.batch)
    assert load_record(db, INITIATIVE, iid)[0] == _client().initiatives[0]
    assert load_client(db, "acme").initiatives[0] == _client().initiatives[0]


def test_initiative_save_refuses_unknown_people_assets_and_duplicate_titles(db):
    base = Initiative(title="Backup", category="infrastructure", start="2027-01-01")
    with pytest.raises(EditError, match='unknown person "nobody@acme.example"'):
        save_record(db, INITIATIVE, 1, base.model_copy(update={
            "roles": [RoleAssignment(person="nobody@acme.example", raci="R")]}))
    with pytest.raises(EditError, match='unknown asset "NOPE"'):
        save_record(db, INITIATIVE, 1, base.model_copy(update={"assets": ["NOPE"]}))
    with pytest.raises(EditError, match='already called "mfa"'):
        save_record(db, INITIATIVE, 1, base.model_copy(update={"title": "mfa"}))
    assert len(load_client(db, "acme").initiatives) == 1  # nothing half-written


def test_status_shift_raci_and_links_are_undoable_edits(db):
    iid = initiative_id(db, 1, "MFA")
    saved = set_status(db, iid, InitiativeStatus.IN_PROGRESS)
    assert load_record(db, INITIATIVE, iid)[0].status is InitiativeStatus.IN_PROGRESS
    batch = shift_initiatives(db, [iid], 1)
    moved = load_record(db, INITIATIVE, iid)[0]
    assert (moved.start, moved.end, moved.kpis[0].due) == (
        date(2027, 4, 4), date(2027, 6, 26), date(2027, 6, 26))
    undo_batch(db, batch)
    undo_batch(db, saved.batch)
    back = load_record(db, INITIATIVE, iid)[0]
    assert back == _client().initiatives[0]

    set_raci(db, iid, "Ola Berg", Raci.ACCOUNTABLE)  # A moves from Jane to Ola
    roles = load_record(db, INITIATIVE, iid)[0].roles
    assert [(r.person, r.raci.value) for r in roles] == [("raj@acme.example", "R"), ("Ola Berg", "A")]
    link_assets(db, iid, ["LT-2", "lt-0"])
    assert load_record(db, INITIATIVE, iid)[0].assets == ["LT-0", "LT-2"]


def test_a_stale_initiative_edit_is_refused(db):
    iid = initiative_id(db, 1, "MFA")
    model, version, _ = load_record(db, INITIATIVE, iid)
    set_status(db, iid, InitiativeStatus.DONE)  # another window
    with pytest.raises(StaleRecordError):
        save_record(db, INITIATIVE, 1, model.model_copy(update={"title": "MFA now"}),
                    row_id=iid, expected_version=version)


def test_roles_catalogue(db):
    assert [r.name for r in list_roles(db)][:6] == list(DEFAULT_ROLES)
    add_role(db, "Security officer")
    with pytest.raises(RoleError, match="already has"):
        add_role(db, "security OFFICER")
    with pytest.raises(RoleError, match="default roles"):
        remove_role(db, "vCIO")
    used = next(r for r in list_roles(db) if r.name == "technical lead")
    assert used.used == 1
    remove_role(db, "Security officer")
    assert "Security officer" not in [r.name for r in list_roles(db)]
    assert load_portfolio(db).roles == []


def test_assignments_save_refuse_duplicates_and_undo(db):
    a = Assignment(role="Budget owner", person="jane@acme.example")
    saved = save_record(db, ASSIGNMENT, 1, a)
    assert load_record(db, ASSIGNMENT, saved.id)[0].role == "budget owner"  # the catalogue's spelling
    with pytest.raises(EditError, match="already has the role"):
        save_record(db, ASSIGNMENT, 1, a)
    with pytest.raises(EditError, match='unknown contract "Nope"'):
        save_record(db, ASSIGNMENT, 1, Assignment(role="vCIO", person="Ola Berg", contract="Nope"))
    new_role = save_record(db, ASSIGNMENT, 1, Assignment(role="Auditor", person="Ola Berg",
                                                         contract="MSP"))
    assert load_portfolio(db).roles == ["Auditor"]
    undo_batch(db, new_role.batch)
    assert len(load_client(db, "acme").assignments) == 3


def test_people_refuse_a_second_person_with_the_same_email(db):
    with pytest.raises(EditError, match="already has the email"):
        save_record(db, PERSON, 1, Person(name="Jane Again", email="JANE@acme.example"))
    with pytest.raises(EditError, match='called "Ola Berg" without an email'):
        save_record(db, PERSON, 1, Person(name="ola berg"))


def test_removing_a_person_hands_everything_over_in_one_undoable_batch(db):
    raj = person_id(db, 1, "raj@acme.example")
    ola = person_id(db, 1, "Ola Berg")
    held = holdings(db, raj)
    assert held.describe() == "3 assets, 1 renewal, 1 contract, 1 initiative role and 1 role assignment"
    batch = remove_person(db, raj, ola)
    client = load_client(db, "acme")
    assert [p.name for p in client.people] == ["Jane Doe", "Ola Berg"]
    assert {a.assigned_to for a in client.assets} == {"Ola Berg"}
    assert client.renewals[0].owner == client.contracts[0].owner == "Ola Berg"
    assert [(r.person, r.raci.value) for r in client.initiatives[0].roles] == [
        ("jane@acme.example", "A"), ("Ola Berg", "R")]
    assert [(a.role, a.person) for a in client.assignments] == [
        ("technical lead", "Ola Berg"), ("vCIO", "Ola Berg")]
    undo_batch(db, batch)
    assert load_client(db, "acme") == _client()


def test_removing_a_person_to_nobody(db):
    raj = person_id(db, 1, "raj@acme.example")
    remove_person(db, raj, None)
    client = load_client(db, "acme")
    assert {a.assigned_to for a in client.assets} == {None}
    assert client.initiatives[0].raci_warnings() == ["no one is Responsible"]
    assert [a.person for a in client.assignments] == ["Ola Berg"]


def test_deleting_an_assets_hides_its_assignments_and_the_roster_agrees(db):
    lt1 = db.execute("SELECT id FROM assets WHERE tag = 'LT-1'").fetchone()[0]
    delete_records(db, ASSET, [lt1])
    client, roster = load_with_roster(db, "acme")
    assert [a.role for a in client.assignments] == ["vCIO"]
    assert len(roster.assignments) == 1 and len(roster.initiatives) == 1
    assert len(roster.people) == 3


def test_import_is_idempotent_for_assignments_and_revives_deleted_ones(db):
    report = import_portfolio(db, Portfolio(clients=[_client()]))
    assert report.describe().startswith("unchanged client acme")
    rid = db.execute("SELECT id FROM assignments ORDER BY id").fetchone()[0]
    delete_records(db, ASSIGNMENT, [rid])
    report = import_portfolio(db, Portfolio(clients=[_client()]))
    assert "1 updated" in report.describe()
    assert load_client(db, "acme") == _client()
    assert Decimal("0") == 0  # (money stays Decimal throughout; see test_roadmap.py)
