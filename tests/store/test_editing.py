"""Editing records: versions, stale saves, soft delete, history and undo."""

from __future__ import annotations

import pytest

from itroad.domain.models import Asset, Client, Contract, Person, Portfolio
from itroad.store import import_portfolio, load_client, open_database
from itroad.store.editing import (
    EditError,
    RecordGone,
    StaleRecordError,
    delete_records,
    load_record,
    refresh_due_dates,
    save_record,
    undo_batch,
    update_records,
)
from itroad.store.kinds import ASSET, CONTRACT


@pytest.fixture
def db(db_path):
    database = open_database(db_path)
    import_portfolio(database, Portfolio(clients=[Client(
        code="acme", name="Acme",
        policies=[{"category": "laptop", "lifecycle_months": 48}],
        people=[Person(name="Jane Doe", email="jane@acme.example"), Person(name="Raj Patel")],
        assets=[Asset(tag=f"LT-{i}", name=f"Laptop {i}", category="laptop",
                      purchase_date="2024-01-31", assigned_to="jane@acme.example") for i in range(3)],
        contracts=[Contract(title="Copier lease", start="2025-01-01", amount="99.00", assets=["LT-0"])],
    )]))
    yield database
    database.close()


def _id(db, tag):
    return db.execute("SELECT id FROM assets WHERE tag = ?", [tag]).fetchone()[0]


def test_add_edit_and_stale_refusal(db):
    client_id = 1
    saved = save_record(db, ASSET, client_id, Asset(tag="PC-9", name="New PC", category="desktop"))
    assert saved.version == 1
    model, version, _ = load_record(db, ASSET, saved.id)
    assert model.name == "New PC" and version == 1
    # Another process changes the row...
    other = model.model_copy(update={"site": "Plant"})
    save_record(db, ASSET, client_id, other, row_id=saved.id, expected_version=1)
    # ...so this window's save, made on version 1, is refused with the latest values.
    mine = model.model_copy(update={"name": "Renamed"})
    with pytest.raises(StaleRecordError) as caught:
        save_record(db, ASSET, client_id, mine, row_id=saved.id, expected_version=1)
    assert caught.value.current.site == "Plant" and caught.value.version == 2
    assert "changed elsewhere" in str(caught.value)
    assert load_record(db, ASSET, saved.id)[0].name == "New PC"


def test_replacement_due_date_is_kept_in_the_row(db):
    row_id = _id(db, "LT-0")
    assert db.execute("SELECT replace_due FROM assets WHERE id = ?", [row_id]).fetchone()[0] == "2028-01-31"
    model, version, _ = load_record(db, ASSET, row_id)
    save_record(db, ASSET, 1, model.model_copy(update={"purchase_date": model.purchase_date.replace(year=2025)}),
                row_id=row_id, expected_version=version)
    assert db.execute("SELECT replace_due FROM assets WHERE id = ?", [row_id]).fetchone()[0] == "2029-01-31"
    db.execute("UPDATE policies SET lifecycle_months = 60")
    assert refresh_due_dates(db, 1, "laptop") == 3
    assert db.execute("SELECT replace_due FROM assets WHERE id = ?", [row_id]).fetchone()[0] == "2030-01-31"


def test_duplicate_tag_and_unknown_person_are_clear_errors(db):
    with pytest.raises(EditError, match='asset tag "LT-1" is already used'):
        save_record(db, ASSET, 1, Asset(tag="LT-1", name="Dup", category="laptop"))
    with pytest.raises(EditError, match='unknown person "ghost@acme.example"'):
        save_record(db, ASSET, 1, Asset(tag="X", name="X", category="laptop", assigned_to="ghost@acme.example"))
    assert db.execute("SELECT count(*) FROM assets").fetchone()[0] == 3


def test_delete_and_undo(db):
    row_id = _id(db, "LT-0")
    batch = delete_records(db, ASSET, [row_id])
    assert [a.tag for a in load_client(db, "acme").assets] == ["LT-1", "LT-2"]
    assert load_client(db, "acme").contracts[0].assets == []  # links to deleted assets are hidden
    with pytest.raises(RecordGone):
        load_record(db, ASSET, row_id)
    assert undo_batch(db, batch) == 1
    assert [a.tag for a in load_client(db, "acme").assets] == ["LT-0", "LT-1", "LT-2"]
    assert load_client(db, "acme").contracts[0].assets == ["LT-0"]
    with pytest.raises(EditError, match="nothing to undo"):
        undo_batch(db, batch)


def test_undo_an_edit_and_an_insert(db):
    row_id = _id(db, "LT-1")
    model, version, _ = load_record(db, ASSET, row_id)
    edit = save_record(db, ASSET, 1, model.model_copy(update={"name": "Renamed"}),
                       row_id=row_id, expected_version=version)
    undo_batch(db, edit.batch)
    assert load_record(db, ASSET, row_id)[0].name == "Laptop 1"
    added = save_record(db, ASSET, 1, Asset(tag="NEW", name="N", category="laptop"))
    undo_batch(db, added.batch)
    assert "NEW" not in [a.tag for a in load_client(db, "acme").assets]


def test_undo_refused_when_changed_again(db):
    row_id = _id(db, "LT-1")
    model, version, _ = load_record(db, ASSET, row_id)
    first = save_record(db, ASSET, 1, model.model_copy(update={"name": "A"}), row_id=row_id,
                        expected_version=version)
    save_record(db, ASSET, 1, model.model_copy(update={"name": "B"}), row_id=row_id,
                expected_version=first.version)
    with pytest.raises(StaleRecordError, match="changed again"):
        undo_batch(db, first.batch)
    assert load_record(db, ASSET, row_id)[0].name == "B"


def test_bulk_update_is_validated_and_atomic(db):
    ids = [_id(db, t) for t in ("LT-0", "LT-1", "LT-2")]
    batch = update_records(db, ASSET, ids, {"site": "Plant", "assigned_to": "Raj Patel"})
    assert {a.site for a in load_client(db, "acme").assets} == {"Plant"}
    assert {a.assigned_to for a in load_client(db, "acme").assets} == {"Raj Patel"}
    with pytest.raises(EditError, match="replace_on"):
        update_records(db, ASSET, ids, {"replace_on": "not a date"})
    assert undo_batch(db, batch) == 3
    assert {a.site for a in load_client(db, "acme").assets} == {None}


def test_contract_links_survive_edit_and_undo(db):
    row_id = db.execute("SELECT id FROM contracts").fetchone()[0]
    model, version, _ = load_record(db, CONTRACT, row_id)
    assert model.assets == ["LT-0"]
    saved = save_record(db, CONTRACT, 1, model.model_copy(update={"assets": ["LT-1", "LT-2"]}),
                        row_id=row_id, expected_version=version)
    assert load_record(db, CONTRACT, row_id)[0].assets == ["LT-1", "LT-2"]
    undo_batch(db, saved.batch)
    assert load_record(db, CONTRACT, row_id)[0].assets == ["LT-0"]


def test_every_change_is_journaled(db):
    row_id = _id(db, "LT-2")
    delete_records(db, ASSET, [row_id])
    before, after = db.execute("SELECT before, after FROM history WHERE row_id = ?", [row_id]).fetchone()
    assert '"deleted_at": null' in before and '"deleted_at": null' not in after
