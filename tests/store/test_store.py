"""The SQLite store: safe files, migrations, one transaction per write."""

from __future__ import annotations

import hashlib
import sqlite3
import stat

import pytest

from itroad.domain.models import Asset, Client, Person, Portfolio
from itroad.store import (
    SchemaTooNewError,
    StoreError,
    backup_database,
    import_portfolio,
    list_clients,
    load_client,
    open_database,
    schema_version,
)
from itroad.store import portfolio as portfolio_module
from itroad.store.schema import SCHEMA_VERSION


def _client(**changes) -> Client:
    base = dict(
        code="acme", name="Acme Dental",
        people=[Person(name="Jane Doe", email="jane@acme.example")],
        assets=[
            Asset(tag=f"ACME-{i:04d}", name=f"PC {i}", category="desktop",
                  purchase_cost="899.00", assigned_to="jane@acme.example")
            for i in range(1, 6)
        ],
    )
    base.update(changes)
    return Client(**base)


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _dump(path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def test_new_database_is_private_wal_with_foreign_keys(db_path):
    db = open_database(db_path)
    try:
        assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert db.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000
        assert schema_version(db) == SCHEMA_VERSION
        assert {"clients", "assets", "renewals", "contracts", "initiatives", "people"} <= set(db.table_names())
    finally:
        db.close()


def test_indexes_cover_what_screens_sort_and_filter_by(db_path):
    db = open_database(db_path)
    try:
        plan = db.execute(
            "EXPLAIN QUERY PLAN SELECT * FROM assets WHERE client_id = 1 ORDER BY name"
        ).fetchall()
        assert any("assets_client_name" in row[-1] for row in plan)
        tag = db.execute("EXPLAIN QUERY PLAN SELECT * FROM assets WHERE client_id = 1 AND tag = 'x'").fetchall()
        assert any("INDEX" in row[-1] for row in tag)
    finally:
        db.close()


def test_the_client_list_counts_from_the_indexes_of_live_records(db_path):
    from itroad.store.clients import list_clients_sql

    db = open_database(db_path)
    try:
        plan = " ".join(row[-1] for row in db.execute(f"EXPLAIN QUERY PLAN {list_clients_sql()}"))
    finally:
        db.close()
    for index in ("people_live", "assets_live_status", "renewals_live", "contracts_live",
                  "initiatives_live"):
        assert index in plan, index


def test_newer_database_is_refused_and_left_untouched(db_path):
    open_database(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    before = _digest(db_path)
    with pytest.raises(SchemaTooNewError, match="newer itroad"):
        open_database(db_path)
    with pytest.raises(SchemaTooNewError):
        open_database(db_path, readonly=True)
    assert _digest(db_path) == before
    assert not db_path.with_name(db_path.name + "-wal").exists()


def test_not_a_database_is_a_clear_error(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("hello, this is not SQLite" * 100)
    with pytest.raises(StoreError, match="not an itroad database"):
        open_database(path)


def test_readonly_connection_cannot_write(db_path):
    open_database(db_path).close()
    db = open_database(db_path, readonly=True)
    try:
        with pytest.raises(sqlite3.OperationalError):
            db.execute("INSERT INTO clients (code, name) VALUES ('x', 'X')")
    finally:
        db.close()


def test_import_then_load_gives_the_same_client(db_path):
    db = open_database(db_path)
    try:
        client = _client()
        import_portfolio(db, Portfolio(clients=[client]))
        assert load_client(db, "acme") == client
        [summary] = list_clients(db)
        assert (summary.code, summary.assets, summary.people) == ("acme", 5, 1)
        assert db.execute("SELECT purchase_cost_cents FROM assets LIMIT 1").fetchone()[0] == 89900
    finally:
        db.close()


def test_reimport_updates_in_place_and_keeps_what_the_file_omits(db_path):
    db = open_database(db_path)
    try:
        import_portfolio(db, Portfolio(clients=[_client()]))
        ids = dict(db.execute("SELECT tag, id FROM assets").fetchall())
        changed = _client()
        changed.assets[0].name = "Reception PC"
        changed.assets = changed.assets[:4] + [Asset(tag="ACME-0099", name="New", category="laptop")]
        report = import_portfolio(db, Portfolio(clients=[changed]))
        text = report.describe()
        assert "updated client acme" in text
        assert "5 assets (1 new, 1 updated, 3 unchanged); 1 more in the database, not in the file, kept" in text
        after = dict(db.execute("SELECT tag, id FROM assets").fetchall())
        assert all(after[tag] == ids[tag] for tag in ids)  # same tags = same rows
        assert db.execute("SELECT name, version FROM assets WHERE tag = 'ACME-0001'").fetchone() == ("Reception PC", 2)
        assert db.execute("SELECT version FROM assets WHERE tag = 'ACME-0002'").fetchone() == (1,)
    finally:
        db.close()


def test_dry_run_writes_nothing(db_path):
    db = open_database(db_path)
    db.close()
    before = _dump(db_path)
    db = open_database(db_path)
    try:
        report = import_portfolio(db, Portfolio(clients=[_client()]), dry_run=True)
        assert "added client acme" in report.describe() and "dry run" in report.describe()
    finally:
        db.close()
    assert _dump(db_path) == before


def test_import_failing_half_way_leaves_database_exactly_as_it_was(db_path, monkeypatch):
    db = open_database(db_path)
    import_portfolio(db, Portfolio(clients=[_client(code="first", name="First")]))
    db.close()
    before = _dump(db_path)

    real = portfolio_module.asset_row
    calls = {"n": 0}

    def failing(asset, people):
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("disk on fire")
        return real(asset, people)

    monkeypatch.setattr(portfolio_module, "asset_row", failing)
    db = open_database(db_path)
    try:
        with pytest.raises(RuntimeError):
            import_portfolio(db, Portfolio(clients=[_client(code="first", name="Renamed"), _client()]))
    finally:
        db.close()
    assert _dump(db_path) == before


def test_backup_is_a_consistent_private_copy(db_path, tmp_path):
    db = open_database(db_path)
    try:
        import_portfolio(db, Portfolio(clients=[_client()]))
        target = backup_database(db, tmp_path / "copy.db")
        with pytest.raises(StoreError, match="already exists"):
            backup_database(db, target)
    finally:
        db.close()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    copy = open_database(target, readonly=True)
    try:
        assert load_client(copy, "acme") == _client()
    finally:
        copy.close()


def test_migrations_from_an_empty_file_and_reopening_is_a_no_op(db_path):
    open_database(db_path).close()
    before = _dump(db_path)
    open_database(db_path).close()
    assert _dump(db_path) == before


def test_readonly_open_of_an_older_schema_says_to_upgrade(db_path):
    from itroad.store.schema import MIGRATIONS

    conn = sqlite3.connect(db_path)  # a database from the itroad before the last migration
    for statement in (s for migration in MIGRATIONS[:-1] for s in migration):
        conn.execute(statement)
    conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) - 1}")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="older schema .* open it once with itroad"):
        open_database(db_path, readonly=True)


def test_a_database_of_the_previous_schema_is_upgraded_keeping_its_clients(db_path):
    from itroad.store import load_client
    from itroad.store.schema import MIGRATIONS

    conn = sqlite3.connect(db_path)
    for statement in (s for migration in MIGRATIONS[:2] for s in migration):
        conn.execute(statement)
    conn.execute("PRAGMA user_version = 2")
    conn.execute("INSERT INTO clients (code, name) VALUES ('acme', 'Acme Dental')")
    conn.commit()
    conn.close()
    db = open_database(db_path)
    try:
        assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        client = load_client(db, "acme")
        assert (client.name, client.decimal_separator) == ("Acme Dental", None)
    finally:
        db.close()


def test_a_stored_value_the_models_refuse_is_one_sentence(sample_db):
    """An older itroad took any date; such a value is named, not a crash."""
    from itroad.store import load_client, load_portfolio

    conn = sqlite3.connect(sample_db)
    conn.execute("UPDATE assets SET purchase_date = '9999-01-01' WHERE tag = 'HFD-0001'")
    conn.commit()
    conn.close()
    db = open_database(sample_db)
    try:
        for read in (lambda: load_client(db, "harbor"), lambda: load_portfolio(db)):
            with pytest.raises(StoreError) as refused:
                read()
            assert str(refused.value) == (
                'client "harbor": a stored asset holds a value this itroad refuses '
                "(purchase_date: date 9999-01-01 is outside the supported range 1900–2200); "
                "correct it in the database file")
    finally:
        db.close()
