"""A refused edit says which field it concerns and what was refused: no sentence is read."""

from __future__ import annotations

import pytest

from itroad.domain.errors import ItroadError
from itroad.domain.models import (
    Asset,
    Assignment,
    Client,
    Contract,
    Initiative,
    Person,
    Portfolio,
    Renewal,
)
from itroad.store import StoreError, import_portfolio, open_database
from itroad.store.editing import (
    EditError,
    RecordGone,
    StaleRecordError,
    load_record,
    save_record,
    undo_batch,
    update_records,
)
from itroad.store.kinds import ASSET, ASSIGNMENT, CONTRACT, INITIATIVE, PERSON, RENEWAL
from itroad.store.policies import asset_ids, client_id
from itroad.store.roles import RoleError, add_role, remove_role

CLIENT = 1


@pytest.fixture
def db(db_path):
    database = open_database(db_path)
    import_portfolio(database, Portfolio(clients=[Client(
        code="acme", name="Acme",
        people=[Person(name="Jane Doe", email="jane@acme.example"), Person(name="Raj Patel"),
                Person(name="Sam Lee", email="sam1@acme.example"),
                Person(name="Sam Lee", email="sam2@acme.example")],
        assets=[Asset(tag="LT-1", name="Laptop", category="laptop")],
        initiatives=[Initiative(title="Wi-Fi refresh", category="infrastructure", start="2027-01-01")],
    )]))
    yield database
    database.close()


def _refused(db, kind, model, **kwargs) -> EditError:
    with pytest.raises(EditError) as caught:
        save_record(db, kind, CLIENT, model, **kwargs)
    return caught.value


def test_every_error_has_one_root():
    for error_type in (StoreError, EditError, StaleRecordError, RecordGone, RoleError):
        assert issubclass(error_type, ItroadError)
    assert issubclass(RoleError, ValueError)


def test_a_tag_already_used_concerns_the_tag(db):
    error = _refused(db, ASSET, Asset(tag="lt-1", name="Another", category="laptop"))
    assert (error.field, error.code, error.value) == ("tag", "tag_used", "lt-1")
    assert str(error) == 'asset tag "lt-1" is already used by another asset of this client'


@pytest.mark.parametrize(("kind", "model", "field"), [
    (ASSET, Asset(tag="LT-2", name="Laptop", category="laptop", assigned_to="nobody@acme.example"),
     "assigned_to"),
    (RENEWAL, Renewal(name="M365", unit_cost="10.00", next_renewal="2027-01-01",
                      owner="nobody@acme.example"), "owner"),
    (CONTRACT, Contract(title="Lease", start="2027-01-01", amount="5.00", owner="nobody@acme.example"),
     "owner"),
    (INITIATIVE, Initiative(title="Firewall", category="security", start="2027-01-01",
                            roles=[{"person": "nobody@acme.example", "raci": "A"}]), "roles"),
    (ASSIGNMENT, Assignment(role="vCIO", person="nobody@acme.example"), "person"),
])
def test_an_unknown_person_concerns_the_field_naming_them(db, kind, model, field):
    error = _refused(db, kind, model)
    assert (error.field, error.code, error.value) == (field, "unknown_person", "nobody@acme.example")
    assert 'unknown person "nobody@acme.example"' in str(error)


def test_an_ambiguous_person_concerns_the_field_naming_them(db):
    error = _refused(db, ASSET, Asset(tag="LT-2", name="Laptop", category="laptop", assigned_to="Sam Lee"))
    assert (error.field, error.code, error.value) == ("assigned_to", "ambiguous_person", "Sam Lee")


@pytest.mark.parametrize(("kind", "model"), [
    (CONTRACT, Contract(title="Lease", start="2027-01-01", amount="5.00", assets=["LT-1", "NOPE-9"])),
    (INITIATIVE, Initiative(title="Firewall", category="security", start="2027-01-01", assets=["NOPE-9"])),
])
def test_an_unknown_asset_concerns_the_assets(db, kind, model):
    error = _refused(db, kind, model)
    assert (error.field, error.code, error.value) == ("assets", "unknown_asset", "NOPE-9")


def test_clashes_concern_the_field_that_clashes(db):
    title = _refused(db, INITIATIVE, Initiative(title="WI-FI REFRESH", category="infrastructure", start="2027-01-01"))
    assert (title.field, title.code) == ("title", "title_used")
    email = _refused(db, PERSON, Person(name="Janet", email="JANE@acme.example"))
    assert (email.field, email.code) == ("email", "email_used")
    name = _refused(db, PERSON, Person(name="raj patel"))
    assert (name.field, name.code) == ("name", "name_used")
    save_record(db, ASSIGNMENT, CLIENT, Assignment(role="vCIO", person="jane@acme.example"))
    role = _refused(db, ASSIGNMENT, Assignment(role="vCIO", person="jane@acme.example"))
    assert (role.field, role.code) == ("role", "role_held")
    target = _refused(db, ASSIGNMENT, Assignment(role="vCIO", person="jane@acme.example", asset="NOPE-9"))
    assert (target.field, target.code, target.value) == ("asset", "unknown_asset", "NOPE-9")


def test_a_bulk_change_the_model_refuses_concerns_its_field(db):
    row_id = db.execute("SELECT id FROM assets WHERE tag = 'LT-1'").fetchone()[0]
    with pytest.raises(EditError) as caught:
        update_records(db, ASSET, [row_id], {"lifecycle_months": 0})
    assert (caught.value.field, caught.value.code) == ("lifecycle_months", "invalid")
    # a rule over the whole record: the field its validator names
    update_records(db, ASSET, [row_id], {"purchase_date": "2026-06-01"})
    with pytest.raises(EditError) as caught:
        update_records(db, ASSET, [row_id], {"warranty_end": "2026-01-01"})
    assert (caught.value.field, caught.value.code) == ("warranty_end", "invalid")
    assert "record: warranty_end 2026-01-01 is before purchase_date 2026-06-01" in str(caught.value)


def test_stale_gone_and_undo_have_codes(db):
    row_id = db.execute("SELECT id FROM assets WHERE tag = 'LT-1'").fetchone()[0]
    model, version, _ = load_record(db, ASSET, row_id)
    save_record(db, ASSET, CLIENT, model.model_copy(update={"site": "HQ"}), row_id=row_id)
    stale = _refused(db, ASSET, model, row_id=row_id, expected_version=version)
    assert isinstance(stale, StaleRecordError) and stale.code == "stale" and stale.field is None
    with pytest.raises(RecordGone) as gone:
        load_record(db, ASSET, 999)
    assert gone.value.code == "gone"
    with pytest.raises(EditError) as nothing:
        undo_batch(db, "no-such-batch")
    assert nothing.value.code == "nothing_to_undo"


def test_schedule_and_catalogue_refusals_have_codes(db):
    with pytest.raises(EditError) as caught:
        client_id(db, "nope")
    assert (caught.value.code, caught.value.value) == ("unknown_client", "nope")
    with pytest.raises(EditError) as caught:
        asset_ids(db, CLIENT, ["GONE-1"])
    assert (caught.value.field, caught.value.code, caught.value.value) == ("tag", "unknown_asset", "GONE-1")
    with pytest.raises(RoleError) as role:
        add_role(db, "VCIO")
    assert (role.value.field, role.value.code) == ("name", "role_exists")
    with pytest.raises(RoleError) as role:
        remove_role(db, "vCIO")
    assert role.value.code == "default_role"
