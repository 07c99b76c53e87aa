"""Strategy, goals, KPI readings and actual payments in the database: migration 5,
import and export through the portfolio, edits of an initiative keeping them."""

from __future__ import annotations

import sqlite3
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from itroad.domain.models import KpiReading, Portfolio
from itroad.interchange.toml_format import dumps_portfolio, parse_portfolio
from itroad.store import import_portfolio, load_client, load_portfolio, open_database
from itroad.store.editing import delete_records, load_record, save_record, undo_batch
from itroad.store.initiatives import initiative_id
from itroad.store.kinds import INITIATIVE, RENEWAL
from itroad.store.schema import MIGRATIONS

FIXTURE = Path(__file__).parents[1] / "interchange" / "fixtures" / "strategy.toml"


def _example() -> Portfolio:
    return parse_portfolio(FIXTURE.read_text(encoding="utf-8"))


@pytest.fixture
def db(db_path):
    database = open_database(db_path)
    import_portfolio(database, _example())
    yield database
    database.close()


def test_import_then_export_gives_back_the_file(db):
    assert dumps_portfolio(load_portfolio(db)) == FIXTURE.read_text(encoding="utf-8")


def test_the_report_counts_the_new_kinds_and_a_second_import_changes_nothing(db_path):
    database = open_database(db_path)
    try:
        first = import_portfolio(database, _example()).describe()
        assert "  1 strategy (1 new)" in first
        assert "  2 goals (2 new)" in first
        assert "  3 actual payments (3 new)" in first
        again = import_portfolio(database, _example()).describe()
        assert again == ("unchanged client acme (Acme Dental): nothing in the file differs "
                         "from the database")
    finally:
        database.close()


def test_a_file_without_them_reports_none_and_keeps_the_databases(db):
    bare = Portfolio.model_validate({"clients": [{"code": "acme", "name": "Acme Dental"}]})
    tallies = import_portfolio(db, bare).clients[0].tallies
    assert (tallies["strategy"].kept, tallies["goals"].kept, tallies["actual payments"].kept) == (
        1, 2, 3)
    client = load_client(db, "acme")
    assert client.strategy == _example().clients[0].strategy
    assert len(client.goals) == 2 and len(client.actuals) == 3
    other = Portfolio.model_validate({"clients": [{"code": "zen", "name": "Zenith"}]})
    text = import_portfolio(db, other).clients[0].describe()
    assert "strategy" not in text and "goals" not in text and "actual" not in text


def test_a_changed_strategy_replaces_the_stored_one(db):
    portfolio = _example()
    client = portfolio.clients[0]
    client.strategy = client.strategy.model_copy(update={"swot": client.strategy.swot[1:],
                                                         "vision": None})
    assert "  1 strategy (1 updated)" in import_portfolio(db, portfolio).describe()
    stored = load_client(db, "acme").strategy
    assert (stored.vision, [s.kind.value for s in stored.swot]) == (None, ["threat"])


def test_editing_an_initiative_keeps_its_goals_delivery_and_readings_and_undo_puts_them_back(db):
    iid = initiative_id(db, 1, "MFA")
    model, version, client_id = load_record(db, INITIATIVE, iid)
    assert model == _example().clients[0].initiatives[0]
    kpi = model.kpis[0]
    changed = model.model_copy(update={
        "serves": ["Patients book online", "Pass the cyber-insurance audit"],
        "actual_cost": Decimal("990.00"),
        "kpis": [kpi.model_copy(update={"history": [
            *kpi.history, KpiReading(date=date(2026, 12, 1), value=Decimal("55"))]})]})
    saved = save_record(db, INITIATIVE, client_id, changed, row_id=iid, expected_version=version)
    assert load_record(db, INITIATIVE, iid)[0] == changed
    assert load_client(db, "acme").initiatives[0] == changed
    undo_batch(db, saved.batch)
    assert load_record(db, INITIATIVE, iid)[0] == model


def test_an_initiative_serving_a_goal_the_client_lacks_is_refused_about_serves(db):
    from itroad.store.errors import EditError

    iid = initiative_id(db, 1, "MFA")
    model, version, client_id = load_record(db, INITIATIVE, iid)
    with pytest.raises(EditError) as caught:
        save_record(db, INITIATIVE, client_id, model.model_copy(update={"serves": ["Nope"]}),
                    row_id=iid, expected_version=version)
    assert (caught.value.field, caught.value.code, str(caught.value)) == (
        "serves", "unknown_goal", 'initiative "MFA": unknown goal "Nope"')


def test_a_payment_for_a_deleted_renewal_is_kept_without_it(db):
    (rid,) = db.execute("SELECT id FROM renewals").fetchone()
    delete_records(db, RENEWAL, [rid])
    first = load_client(db, "acme").actuals[0]
    assert (first.amount, first.renewal, first.target) == (Decimal("1320.00"), None, None)


def test_money_is_stored_in_cents_and_days_as_iso_text(db):
    assert db.execute("SELECT day, amount_cents, line, renewal_id IS NOT NULL FROM actuals"
                      " ORDER BY id LIMIT 1").fetchone() == ("2026-10-05", 132000, "renewals", 1)
    assert db.execute("SELECT completed_on, actual_cost_cents FROM initiatives WHERE title = 'MFA'"
                      ).fetchone() == ("2026-12-15", 95000)
    assert db.execute("SELECT day, value FROM kpi_readings ORDER BY day").fetchall() == [
        ("2026-10-01", "20"), ("2026-11-15", "40")]
    assert db.execute("SELECT current FROM kpis WHERE name = 'Phish-prone'").fetchone() == ("20",)


def test_a_database_of_the_previous_schema_is_upgraded_keeping_its_kpis(db_path):
    conn = sqlite3.connect(db_path)
    for statement in (s for migration in MIGRATIONS[:4] for s in migration):
        conn.execute(statement)
    conn.execute("PRAGMA user_version = 4")
    conn.execute("INSERT INTO clients (code, name) VALUES ('acme', 'Acme Dental')")
    conn.execute("INSERT INTO initiatives (client_id, title, category, start, one_time_cost_cents)"
                 " VALUES (1, 'MFA', 'security', '2027-01-01', 300000)")
    conn.execute("INSERT INTO kpis (initiative_id, position, name, unit, baseline, target, current)"
                 " VALUES (1, 0, 'Staff enrolled', '%', '0', '100', '40')")
    conn.commit()
    conn.close()
    database = open_database(db_path)
    try:
        assert database.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS) == 5
        client = load_client(database, "acme")
        [mfa] = client.initiatives
        assert (mfa.serves, mfa.completed_on, mfa.actual_cost) == ([], None, None)
        assert (mfa.kpis[0].current, mfa.kpis[0].history) == (Decimal("40"), [])
        assert client.strategy.is_empty and client.goals == [] and client.actuals == []
        # And it takes the new records.
        import_portfolio(database, _example())
        assert dumps_portfolio(load_portfolio(database, ["acme"])).count("[[clients.goals]]") == 2
    finally:
        database.close()
