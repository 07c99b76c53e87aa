"""One reader per paged table (itroad.tui.page_reader): requests of older generations
dropped unrun, a running query interrupted, writes seen by the long-lived connection,
the thread and its connection gone with the table.

Nothing here waits for a time: the reader thread is held and let go with events (the
timeouts only keep a broken reader from hanging the suite)."""

from __future__ import annotations

import threading
from concurrent.futures import Future
from typing import Any

import pytest
from tests.conftest import AS_OF

from itroad.domain.models import Asset
from itroad.store import open_database
from itroad.store.browse import ASSETS, Query, count_rows, fetch_page
from itroad.store.editing import save_record
from itroad.store.kinds import ASSET
from itroad.store.lookups import client_ref
from itroad.tui import data
from itroad.tui.app import build_app
from itroad.tui.data import QueryPages
from itroad.tui.page_reader import Obsolete, PageThread
from itroad.tui.testing import pane, settle
from itroad.tui.widgets.page_source import PageConnection, PageReader

#: How long a test waits for the reader before calling it broken (never reached when it works).
HANG = 60


class FakeConnection:
    def __init__(self) -> None:
        self.interrupts = 0
        self.closed = False

    def interrupt(self) -> None:
        self.interrupts += 1

    def close(self) -> None:
        self.closed = True


class FakeReader:
    def count(self) -> int:
        return 7

    def page(self, offset: int, limit: int) -> list[dict[str, Any]]:
        return [{"id": offset + i} for i in range(limit)]

    def position(self, row_id: int) -> int | None:
        return row_id


class FakeSource:
    """A source without a database: the jobs below are what the test watches."""

    sort_key = "id"
    descending = False
    database = "fake"

    def __init__(self) -> None:
        self.connections: list[FakeConnection] = []

    def connect(self) -> FakeConnection:
        self.connections.append(FakeConnection())
        return self.connections[-1]

    def reader_on(self, connection: PageConnection) -> FakeReader:
        return FakeReader()

    def reader(self) -> Any:  # pragma: no cover - the table's one-trip reads are not tested here
        raise NotImplementedError


def outcome(future: Future[Any]) -> Any:
    """The future's result, or the class of its error."""
    try:
        return future.result(timeout=HANG)
    except Exception as error:  # noqa: BLE001
        return type(error)


@pytest.fixture
def reader():
    thread = PageThread("page-reader-test")
    yield thread
    thread.close(timeout=HANG)


def test_requests_of_older_generations_are_dropped_unrun(reader):
    source = FakeSource()
    running, release = threading.Event(), threading.Event()
    ran: list[str] = []

    def blocking(page_reader: PageReader) -> int:
        ran.append("first")
        running.set()
        release.wait(HANG)
        return page_reader.count()  # obsolete by now: this read does not start

    def spy(name: str):
        def job(page_reader: PageReader) -> int:
            ran.append(name)
            return page_reader.count()
        return job

    first = reader.submit(1, source, blocking)
    assert running.wait(HANG)
    same_generation = reader.submit(1, source, spy("same generation"))
    also_waiting = reader.submit(1, source, spy("also waiting"))
    newer = reader.submit(2, source, spy("newer"))
    assert outcome(same_generation) is Obsolete and outcome(also_waiting) is Obsolete
    late = reader.submit(1, source, spy("late"))  # asked for a generation already replaced
    assert outcome(late) is Obsolete
    assert source.connections[0].interrupts == 1  # the running one was told to stop
    release.set()
    assert outcome(first) is Obsolete
    assert outcome(newer) == 7
    assert ran == ["first", "newer"]
    assert (reader.ran, reader.dropped, reader.stopped) == (2, 3, 1)
    assert len(source.connections) == 1  # one connection for every request


def test_requests_of_one_generation_run_in_order(reader):
    source = FakeSource()
    futures = [reader.submit(5, source, lambda r, n=n: (n, r.page(n * 10, 2))) for n in range(4)]
    assert [outcome(f) for f in futures] == [(n, [{"id": n * 10}, {"id": n * 10 + 1}]) for n in range(4)]
    assert reader.dropped == 0


def test_an_error_reaches_whoever_waits(reader):
    def broken(page_reader: PageReader) -> int:
        raise ValueError("no such column")

    assert outcome(reader.submit(1, FakeSource(), broken)) is ValueError
    assert outcome(reader.submit(1, FakeSource(), lambda r: r.count())) == 7  # the thread goes on


def test_closing_ends_the_thread_and_closes_the_connection():
    source = FakeSource()
    thread = PageThread("page-reader-closing")
    assert thread.thread is None  # no thread before the first request
    assert outcome(thread.submit(1, source, lambda r: r.count())) == 7
    assert thread.thread is not None and thread.thread.is_alive()
    thread.close()
    assert not thread.thread.is_alive()
    assert source.connections[0].closed
    assert outcome(thread.submit(2, source, lambda r: r.count())) is Obsolete  # nothing runs after


# -- over SQLite ---------------------------------------------------------------------------

def acme_query(path, text: str = "") -> Query:
    db = open_database(path, readonly=True)
    try:
        ref = client_ref(db, "acme")
    finally:
        db.close()
    assert ref is not None
    return Query(ASSETS, AS_OF, client_id=ref.id, text=text)


class EndlessCount:
    """A reader whose count never ends on its own: a recursive CTE with no bound,
    through the same connection; ``running`` is set once the query runs in SQLite."""

    def __init__(self, db: Any, running: threading.Event) -> None:
        self.db, self.running = db, running

    def count(self) -> int:
        def progress() -> int:
            self.running.set()
            return 0

        self.db.conn.set_progress_handler(progress, 1000)
        try:
            return self.db.execute(
                "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT count(*) FROM n"
            ).fetchone()[0]
        finally:
            self.db.conn.set_progress_handler(None, 0)

    def page(self, offset: int, limit: int) -> list[dict[str, Any]]:  # pragma: no cover
        raise NotImplementedError

    def position(self, row_id: int) -> int | None:  # pragma: no cover
        raise NotImplementedError


class EndlessPages(QueryPages):
    running = threading.Event()

    def reader_on(self, connection: PageConnection) -> Any:
        return EndlessCount(super().reader_on(connection).db, self.running)


def test_a_running_query_is_interrupted(reader, tui_db):
    query = acme_query(tui_db)
    endless = EndlessPages(tui_db, query)
    stuck = reader.submit(1, endless, lambda r: r.count())
    assert endless.running.wait(HANG)
    newer = reader.submit(2, QueryPages(tui_db, query), lambda r: r.count())
    # Only the interrupt can end the endless count; its "interrupted" error is swallowed.
    assert outcome(stuck) is Obsolete
    db = open_database(tui_db, readonly=True)
    try:
        expected = count_rows(db, query)
    finally:
        db.close()
    assert outcome(newer) == expected  # the same connection, usable after the interrupt
    assert reader.stopped == 1


def test_writes_made_after_the_reader_started_are_seen(reader, tui_db):
    query = acme_query(tui_db)
    pages = QueryPages(tui_db, query)
    before = outcome(reader.submit(1, pages, lambda r: (r.count(), r.page(0, 100))))
    db = open_database(tui_db)
    try:
        save_record(db, ASSET, query.client_id or 0, Asset(tag="ACME-0100", name="Seen", category="laptop"))
    finally:
        db.close()
    # The same generation, the same connection: nothing new but the data.
    after = outcome(reader.submit(1, pages, lambda r: (r.count(), r.page(0, 100))))
    assert after[0] == before[0] + 1
    assert "ACME-0100" in {row["tag"] for row in after[1]} - {row["tag"] for row in before[1]}
    assert reader.thread is not None and reader.ran == 2


# -- in the app ----------------------------------------------------------------------------

def reader_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith("page-reader-")]


async def test_the_reader_ends_with_the_table(tui_db, frozen_blink):
    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        table = pane(app, "hardware").table
        await pilot.press("s")  # sorted: read through the table's reader
        await settle(pilot)
        thread = table.reader.thread
        assert thread is not None and thread.is_alive()
        assert table.reader._connection is not None
    assert not thread.is_alive()
    assert table.reader._connection is None
    assert reader_threads() == []


async def test_typing_fast_runs_only_the_last_filter(tui_db, frozen_blink, monkeypatch):
    counted: list[str] = []
    entered, release = threading.Event(), threading.Event()
    original = data.count_rows

    def held_count(db: Any, query: Query) -> int:
        if query.text:
            counted.append(query.text)
            entered.set()
            release.wait(HANG)  # the reader thread is busy while keys arrive
        return original(db, query)

    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        tab = pane(app, "hardware")
        monkeypatch.setattr(data, "count_rows", held_count)
        await pilot.press("slash", "f")
        assert entered.wait(HANG)
        await pilot.press("r", "o")
        release.set()
        await settle(pilot)
        assert counted == ["f", "fro"]  # "fr" was dropped unrun; "f" stopped after its count
        assert tab.table.reader.dropped >= 1 and tab.table.reader.stopped >= 1
        db = open_database(tui_db, readonly=True)
        try:
            expected = [row["tag"] for row in fetch_page(db, acme_query(tui_db, "fro"), 0, 100)]
        finally:
            db.close()
        assert [row["tag"] for row in tab.table.loaded_rows()] == expected
        assert tab.table.row_count == len(expected)
