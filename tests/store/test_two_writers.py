"""Two itroads on one database: writers wait for each other, readers see one state.

No test here measures time: overlap is arranged with a held lock, events and
barriers, and every outcome asserted is one that must hold whichever side wins.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from itroad.domain.models import Asset, Client, Person, Portfolio
from itroad.interchange.toml_format import dumps_portfolio
from itroad.store import import_portfolio, load_client, load_portfolio, open_database
from itroad.store import portfolio as portfolio_module
from itroad.store.editing import StaleRecordError, load_record, save_record
from itroad.store.kinds import ASSET
from itroad.store.transactions import (
    DatabaseBusy,
    read_transaction,
    write_transaction,
)

ITROAD = Path(sys.executable).with_name("itroad")


def _client(code: str, assets: int, label: str = "") -> Client:
    return Client(
        code=code, name=f"{code.capitalize()} {label}".strip(),
        people=[Person(name="Jane Doe", email=f"jane@{code}.example")],
        assets=[Asset(tag=f"{code.upper()}-{i:05d}", name=f"Laptop {i} {label}".strip(),
                      category="laptop", assigned_to=f"jane@{code}.example")
                for i in range(assets)],
    )


@pytest.fixture
def db(db_path):
    database = open_database(db_path)
    import_portfolio(database, Portfolio(clients=[_client("acme", 3)]))
    yield database
    database.close()


@pytest.fixture
def lock_holder(db, db_path):
    """Another connection that holds the write lock until the test releases it."""
    other = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    yield other
    if other.in_transaction:
        other.execute("ROLLBACK")
    other.close()


# -- writers wait -------------------------------------------------------------------------


def _has_open(pid: int, path: Path) -> bool:
    try:
        return any(os.path.realpath(f"/proc/{pid}/fd/{fd}") == str(path.resolve())
                   for fd in os.listdir(f"/proc/{pid}/fd"))
    except OSError:  # not started yet, or already gone
        return False


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc to see open files")
def test_two_imports_at_once_both_run(tmp_path, db, db_path, lock_holder):
    files = []
    for code in ("north", "south"):
        path = tmp_path / f"{code}.toml"
        path.write_text(dumps_portfolio(Portfolio(clients=[_client(code, 1500)])), encoding="utf-8")
        files.append(path)
    # Both start while a third writer holds the lock, so both must wait for it and
    # then for each other; each gets a big import to do.
    runs = [subprocess.Popen([str(ITROAD), "import", "toml", str(f), "--db", str(db_path)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for f in files]
    for run in runs:  # wait until each has the database open (it has read its file)
        while run.poll() is None and not _has_open(run.pid, db_path):
            threading.Event().wait(0.01)
    lock_holder.execute("ROLLBACK")
    results = [run.communicate(timeout=300) for run in runs]
    for run, (out, err) in zip(runs, results):
        assert run.returncode == 0, err
        assert "locked" not in err and "Traceback" not in err
        assert "1,500 assets (1,500 new)" in out
    db = open_database(db_path)
    try:
        assert {c: len(load_client(db, c).assets) for c in ("acme", "north", "south")} == {
            "acme": 3, "north": 1500, "south": 1500}
    finally:
        db.close()


def test_a_writer_that_cannot_get_the_lock_says_so_in_one_sentence(db, db_path, lock_holder):
    with pytest.raises(DatabaseBusy) as caught:
        with write_transaction(db, wait_seconds=0.05):
            pass  # pragma: no cover - never reached
    message = str(caught.value)
    assert message.startswith(f"{db_path}: another itroad is writing to this database")
    assert "try again" in message and "\n" not in message and "locked" not in message
    assert not db.conn.in_transaction
    (timeout,) = db.execute("PRAGMA busy_timeout").fetchone()
    assert timeout == 5000  # the wait asked for was only for that transaction


def test_an_import_and_a_save_that_cannot_wait_change_nothing(db, lock_holder):
    before = load_client(db, "acme")
    with pytest.raises(DatabaseBusy):
        import_portfolio(db, Portfolio(clients=[_client("acme", 5, "v2")]), wait_seconds=0.05)
    model, version, client_id = load_record(db, ASSET, 1)
    db.execute("PRAGMA busy_timeout = 50")
    with pytest.raises(DatabaseBusy, match="another itroad is writing"):
        save_record(db, ASSET, client_id, model.model_copy(update={"name": "Mine"}),
                    row_id=1, expected_version=version)
    lock_holder.execute("ROLLBACK")
    assert load_client(db, "acme") == before


def test_a_nested_write_is_a_savepoint_of_the_outer_one(db):
    with pytest.raises(RuntimeError):
        with write_transaction(db):
            db.execute("UPDATE clients SET name = 'Outer'")
            with pytest.raises(ValueError):
                with write_transaction(db):
                    db.execute("UPDATE clients SET name = 'Inner'")
                    raise ValueError
            assert db.execute("SELECT name FROM clients").fetchone()[0] == "Outer"
            raise RuntimeError
    assert db.execute("SELECT name FROM clients").fetchone()[0] == "Acme"


def test_a_write_inside_a_read_transaction_is_refused(db):
    with read_transaction(db), pytest.raises(RuntimeError):
        with write_transaction(db):
            pass  # pragma: no cover
    assert not db.conn.in_transaction


# -- one row, two savers -------------------------------------------------------------------


def _save_from(db_path: Path, name: str, version: int, start: threading.Barrier,
               results: dict[str, object]) -> None:
    db = open_database(db_path)
    db.execute("PRAGMA busy_timeout = 60000")  # a loaded machine may be slow to let go
    try:
        model, _, client_id = load_record(db, ASSET, 1)
        start.wait()
        try:
            results[name] = save_record(db, ASSET, client_id,
                                        model.model_copy(update={"name": name}),
                                        row_id=1, expected_version=version)
        except Exception as exc:  # noqa: BLE001 - the test looks at what it was
            results[name] = exc
    finally:
        db.close()


@pytest.mark.parametrize("round_", range(10))
def test_one_row_saved_from_two_connections_at_once(db, db_path, round_):
    _, version, _ = load_record(db, ASSET, 1)
    start = threading.Barrier(2)
    results: dict[str, object] = {}
    threads = [threading.Thread(target=_save_from, args=(db_path, name, version, start, results))
               for name in ("left", "right")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    stale = {n: r for n, r in results.items() if isinstance(r, StaleRecordError)}
    saved = {n: r for n, r in results.items() if not isinstance(r, Exception)}
    assert len(saved) == 1 and len(stale) == 1, results
    (winner,), (loser,) = saved, stale
    assert "changed elsewhere since you opened it" in str(stale[loser])
    assert stale[loser].current.name == winner  # the latest values, to show in the form
    assert stale[loser].version == version + 1
    model, now, _ = load_record(db, ASSET, 1)
    assert (model.name, now) == (winner, version + 1)  # nothing lost, nothing doubled


def test_the_losing_save_waits_for_the_lock_then_sees_the_winner(db, db_path):
    """The loser starts while the winner holds the lock; it waits, then is told it is stale."""
    model, version, client_id = load_record(db, ASSET, 1)
    winner_wrote, loser_started = threading.Event(), threading.Event()
    results: dict[str, object] = {}

    def win() -> None:
        mine = open_database(db_path)
        try:
            with write_transaction(mine):
                save_record(mine, ASSET, client_id, model.model_copy(update={"name": "Winner"}),
                            row_id=1, expected_version=version)
                winner_wrote.set()
                loser_started.wait(timeout=60)
        finally:
            mine.close()

    def lose() -> None:
        mine = open_database(db_path)
        mine.execute("PRAGMA busy_timeout = 60000")
        try:
            winner_wrote.wait(timeout=60)
            loser_started.set()
            results["loser"] = save_record(
                mine, ASSET, client_id, model.model_copy(update={"name": "Loser"}),
                row_id=1, expected_version=version)
        except Exception as exc:  # noqa: BLE001
            results["loser"] = exc
        finally:
            mine.close()

    threads = [threading.Thread(target=win), threading.Thread(target=lose)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    refused = results["loser"]
    assert isinstance(refused, StaleRecordError), refused
    assert refused.current.name == "Winner" and refused.version == version + 1
    assert load_record(db, ASSET, 1)[0].name == "Winner"


# -- readers see one state -----------------------------------------------------------------


def test_an_export_during_an_import_sees_one_state(db, db_path, monkeypatch):
    """An import commits after the export has read one client and before the next."""
    def generation(label: str) -> Portfolio:
        return Portfolio(clients=[_client("acme", 3, label), _client("bolt", 3, label)])

    import_portfolio(db, generation("one"))
    read_client = portfolio_module._read_client
    calls = []

    def read_then_import(conn, code):
        found = read_client(conn, code)
        if not calls:
            writer = open_database(db_path)
            try:
                import_portfolio(writer, generation("two"))
            finally:
                writer.close()
        calls.append(code)
        return found

    monkeypatch.setattr(portfolio_module, "_read_client", read_then_import)
    exported = load_portfolio(db, ["acme", "bolt"])
    assert calls == ["acme", "bolt"]  # the import really came in between
    assert [c.name for c in exported.clients] == ["Acme one", "Bolt one"]
    assert {a.name.split()[-1] for c in exported.clients for a in c.assets} == {"one"}
    monkeypatch.undo()
    assert [c.name for c in load_portfolio(db, ["acme", "bolt"]).clients] == ["Acme two", "Bolt two"]


# -- the screens -----------------------------------------------------------------------------


async def test_a_save_that_cannot_get_the_lock_is_refused_in_one_sentence(tui_db, frozen_blink,
                                                                           monkeypatch):
    """Another itroad holds the write lock beyond the busy timeout: the form says so
    and keeps what was typed (no crash, no raw "database is locked")."""
    from tests.conftest import AS_OF

    from itroad.store import database
    from itroad.tui.app import build_app
    from itroad.tui.forms import RecordForm
    from itroad.tui.testing import capture_notifications, settle, type_into, wait_for

    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 50)
    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, RecordForm))
        form = app.screen
        await type_into(pilot, form.field("name"), "Mine")
        other = sqlite3.connect(tui_db, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        try:
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert app.screen is form
            assert "another itroad is writing to this database" in form.message
            assert "locked" not in form.message
            assert form.field("name").input.value == "Mine"
            await pilot.press("escape")  # "discard your changes?"
            await settle(pilot)
            await pilot.press("d")
            await settle(pilot)
            assert app.screen is app.main_screen
            notes = capture_notifications(app)
            await pilot.press("d")  # delete: the question, then the refusal as a notification
            await settle(pilot)
            await pilot.press("d")
            await settle(pilot)
        finally:
            other.execute("ROLLBACK")
            other.close()
        busy = [n for n in notes if "another itroad is writing" in n["message"]]
        assert busy and busy[0]["markup"] is False and "\n" not in busy[0]["message"], notes
