"""One reader per paged table: a long-lived thread owning one read-only connection.

A :class:`~itroad.tui.widgets.paged_table.PagedTable` asks for its rows' count and
pages through a :class:`PageThread`. Each request names the *generation* it was made
for (the table's query: a new filter keystroke or sort is a new generation) and a job,
a function of a :class:`~itroad.tui.widgets.page_source.PageReader`; :meth:`PageThread.submit`
returns a :class:`~concurrent.futures.Future` of the job's result. The thread serves
the requests one at a time, in order, over a connection it opens on first use (with
:meth:`PageSource.connect <itroad.tui.widgets.page_source.PageSource.connect>`) and
keeps until :meth:`PageThread.close`.

A request for a newer generation makes the older ones obsolete: those still waiting
are dropped unrun, and the one running is stopped (the connection's ``interrupt()``,
called from the submitting thread, the one call a SQLite connection allows from
another thread; and no further read of that job starts). An obsolete request's future
raises :class:`Obsolete`, whatever it was doing; the error its interrupted query
raised is swallowed. So typing fast never queues work: at most one query runs, and it
is one the screen still wants.

The connection must hold no read transaction between requests (the store's read-only
connections read in autocommit): each query sees what was committed before it
started, so after a write the table's next read sees it.

Nothing here imports Textual: the table awaits the future in an async worker (no
thread of its own), so the app's workers say when the table has what it asked for.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Hashable
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from itroad.tui.widgets.page_source import PageConnection, PageReader, PageSource, Row

T = TypeVar("T")


class Obsolete(Exception):
    """A newer generation made the request obsolete: it was dropped unrun, or stopped."""


@dataclass(eq=False)
class _Request(Generic[T]):
    generation: int
    source: PageSource
    job: Callable[[PageReader], T]
    future: Future[T] = field(default_factory=Future)
    #: Set (under the thread's lock) when a newer generation or closing stopped it.
    obsolete: bool = False


class _Guarded:
    """A request's reader: once the request is obsolete, no further read starts (an
    interrupt lands only on a query already running)."""

    def __init__(self, reader: PageReader, request: _Request[Any]) -> None:
        self._reader = reader
        self._request = request

    def _check(self) -> None:
        if self._request.obsolete:
            raise Obsolete

    def count(self) -> int:
        self._check()
        return self._reader.count()

    def page(self, offset: int, limit: int) -> list[Row]:
        self._check()
        return self._reader.page(offset, limit)

    def position(self, row_id: int) -> int | None:
        self._check()
        return self._reader.position(row_id)


class PageThread:
    """A thread and a connection serving one table's requests, newest generation first
    (see the module's docstring). The thread starts at the first request; after
    :meth:`close` no request is served."""

    def __init__(self, name: str = "page-reader") -> None:
        self.name = name
        self._lock = threading.Lock()
        self._wake = threading.Condition(self._lock)
        self._queue: deque[_Request[Any]] = deque()
        self._running: _Request[Any] | None = None
        self._latest: int | None = None
        self._thread: threading.Thread | None = None
        self._connection: PageConnection | None = None
        self._database: Hashable = None
        self._closed = False
        #: Requests run, dropped unrun, stopped while running (for tests and figures).
        self.ran = 0
        self.dropped = 0
        self.stopped = 0

    @property
    def closed(self) -> bool:
        return self._closed

    @property
    def thread(self) -> threading.Thread | None:
        """The thread, once a request started it."""
        return self._thread

    def submit(self, generation: int, source: PageSource, job: Callable[[PageReader], T]) -> Future[T]:
        """Run ``job`` on ``source``'s reader in the thread, after the requests of its
        generation made before it; older generations' requests become obsolete. A
        request for a generation older than one already asked for is obsolete at once."""
        request: _Request[T] = _Request(generation, source, job)
        with self._lock:
            if self._closed or (self._latest is not None and generation < self._latest):
                self._drop(request)
                return request.future
            if self._latest is None or generation > self._latest:
                self._latest = generation
                self._obsolete_before(generation)
            self._queue.append(request)
            if self._thread is None:
                self._thread = threading.Thread(target=self._serve, name=self.name, daemon=True)
                self._thread.start()
            self._wake.notify()
        return request.future

    def close(self, timeout: float | None = None) -> None:
        """Drop what waits, stop what runs, and end the thread (its connection closed);
        waits for it to end (at most ``timeout`` seconds when given)."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            self._obsolete_before(None)
            self._wake.notify()
            thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)

    # -- under the lock ----------------------------------------------------------------

    def _drop(self, request: _Request[Any]) -> None:
        self.dropped += 1
        request.future.set_exception(Obsolete())

    def _obsolete_before(self, generation: int | None) -> None:
        """Drop the waiting requests older than ``generation`` (None: all of them) and
        stop the running one if it is older."""
        keep: deque[_Request[Any]] = deque()
        for request in self._queue:
            if generation is None or request.generation < generation:
                self._drop(request)
            else:
                keep.append(request)
        self._queue = keep
        running = self._running
        if running is not None and not running.obsolete and (
                generation is None or running.generation < generation):
            running.obsolete = True
            self.stopped += 1
            if self._connection is not None:
                self._connection.interrupt()

    # -- in the thread -----------------------------------------------------------------

    def _serve(self) -> None:
        try:
            while True:
                with self._lock:
                    while not self._queue and not self._closed:
                        self._wake.wait()
                    if self._closed:
                        return
                    request = self._queue.popleft()
                    if not request.future.set_running_or_notify_cancel():
                        self.dropped += 1  # whoever waited for it went away
                        continue
                    self._running = request
                self._run(request)
        finally:
            with self._lock:
                connection, self._connection = self._connection, None
            if connection is not None:
                connection.close()

    def _run(self, request: _Request[Any]) -> None:
        result: Any = None
        error: Exception | None = None
        try:
            connection = self._connect(request.source)
            result = request.job(_Guarded(request.source.reader_on(connection), request))
        except Exception as exc:  # noqa: BLE001 - handed to whoever waits for the result
            error = exc
        with self._lock:
            self._running = None
            obsolete = request.obsolete
            self.ran += 1
        if obsolete:  # its interrupted query's error, or a result no one wants
            request.future.set_exception(Obsolete())
        elif error is not None:
            request.future.set_exception(error)
        else:
            request.future.set_result(result)

    def _connect(self, source: PageSource) -> PageConnection:
        """The connection to the source's database (another database: the old one closed)."""
        connection = self._connection
        if connection is not None and self._database == source.database:
            return connection
        with self._lock:
            self._connection = None
        if connection is not None:
            connection.close()
        connection = source.connect()
        with self._lock:
            self._connection, self._database = connection, source.database
        return connection
