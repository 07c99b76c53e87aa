"""The dashboard's figures, computed in a separate process so that the app's stays idle.

The Portfolio tab's worker thread (:mod:`itroad.tui.panes.portfolio`) iterates
:func:`client_figures`: the clients are sent, in the order given, to one child
process, which reads each with its own read-only connection and computes its
:func:`~itroad.planning.health.client_health`; each result comes back pickled as
soon as it is computed. Meanwhile the app's process only waits: the screen keeps
the interpreter (and its garbage collector) to itself, and a keystroke never waits
for a figure. A client whose figures cannot be computed comes back as the exception
(shown on its row), as :func:`itroad.tui.data.client_figures` gives it.

One child process serves the whole program: started on first use ("spawn": a new
interpreter, never a fork of a process that has threads), shared by every app of
the process (the tests run many), stopped at exit without waiting for the client
it is computing. It keeps one connection for each run of :func:`client_figures`,
from one client to the next, as the thread did.

The figures are computed in the calling thread instead, as
:func:`itroad.tui.data.client_figures` does, when the child cannot be started or
stops (a log line says why, nothing on screen), and when the functions that
compute them (``itroad.tui.data.load_client`` and ``client_health``) were replaced
by ones the child cannot import by name (a test's stand-in).

No Textual here: the child imports this module.
"""

from __future__ import annotations

import atexit
import itertools
import logging
import multiprocessing
import os
import pickle
import signal
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any

from itroad.domain.errors import ItroadError
from itroad.planning.health import ClientHealth
from itroad.store import open_database
from itroad.tui import data

log = logging.getLogger(__name__)

#: A client's figures, or why they could not be computed.
Figures = ClientHealth | Exception

#: Clients sent ahead of the one being waited for, so that the child goes on to the
#: next client while this process takes the last one's result. More would only be
#: computed for nothing when the run is cancelled (a queued client cannot be
#: taken back once the child has it).
AHEAD = 1

# --------------------------------------------------------------------------- this process

_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None
#: Why the figures are computed in the calling thread for the rest of the program.
_unavailable: str | None = None
#: The program is exiting: the child is stopped and nothing falls back to a thread.
_stopping = False
#: Whether the current pool ever brought a result (a pool that breaks before its
#: first one is a child that cannot start: it is not tried again).
_served = False
_runs = itertools.count(1)


def _start_tracker() -> None:
    """Start :mod:`multiprocessing`'s resource tracker, which every spawned process
    needs. It is started with the descriptor of ``sys.stderr``; while a Textual app
    runs that is a capture without one (``fileno()`` is -1) and the start fails, so
    it is then started with ``/dev/null`` (it never writes on the app's screen)."""
    from multiprocessing import resource_tracker

    try:
        usable = sys.stderr is not None and sys.stderr.fileno() >= 0
    except (AttributeError, OSError, ValueError):
        usable = False
    if usable:
        resource_tracker.ensure_running()
        return
    with open(os.devnull, "w", encoding="utf-8") as quiet:
        saved, sys.stderr = sys.stderr, quiet
        try:
            resource_tracker.ensure_running()
        finally:
            sys.stderr = saved


def _start_pool() -> ProcessPoolExecutor:
    _start_tracker()
    return ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_child_started)


def _shared_pool() -> ProcessPoolExecutor | None:
    """The child process's pool (created on first use), or None: compute here."""
    global _pool, _unavailable, _served
    with _lock:
        if _pool is None and _unavailable is None and not _stopping:
            try:
                _pool = _start_pool()
            except Exception as error:  # noqa: BLE001 - no spawn here: compute in the thread
                _unavailable = f"{type(error).__name__}: {error}"
                log.info("dashboard figures computed in the app's process: %s", _unavailable)
                return None
            _served = False
            _register_stop()
        return _pool


def _pool_failed(pool: ProcessPoolExecutor, error: BaseException) -> None:
    """The child stopped (or could not be given work): drop its pool. One that never
    brought a result is not started again."""
    global _pool, _unavailable
    with _lock:
        if _pool is not pool:
            return
        _pool = None
        if not _served:
            _unavailable = f"{type(error).__name__}: {error}"
    log.info("the dashboard's figures process stopped (%s: %s); computing in the app's process",
             type(error).__name__, error)
    pool.shutdown(wait=False, cancel_futures=True)


_stop_registered = False


def _register_stop() -> None:
    """Stop the child at exit, before ``concurrent.futures`` waits for its work: the
    interpreter joins the pool's threads before it runs :mod:`atexit` handlers, so the
    stop goes where those joins are registered (run in reverse order, ours first)."""
    global _stop_registered
    if _stop_registered:
        return
    _stop_registered = True
    register = getattr(threading, "_register_atexit", None)
    try:
        if register is None:
            raise RuntimeError("no threading exit hook")
        register(stop)
    except RuntimeError:  # already shutting down, or no such hook: the ordinary one
        atexit.register(stop)


def stop() -> None:
    """Stop the child process now, without waiting for the client it is computing;
    figures asked for after this are computed in the calling thread."""
    global _pool, _stopping
    with _lock:
        _stopping = True
        pool, _pool = _pool, None
    if pool is None:
        return
    children = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for child in children:
        if child.is_alive():
            child.terminate()


def _sendable(function: Callable[..., Any]) -> bool:
    """Whether the child gets this very function by importing it by name."""
    try:
        return pickle.loads(pickle.dumps(function)) is function
    except Exception:  # noqa: BLE001 - a local or replaced function: not by name
        return False


def client_figures(db_path: Path, codes: Iterable[str], as_of: date
                   ) -> Iterator[tuple[str, Figures]]:
    """Each client's figures, in the order of ``codes``, each yielded as soon as the
    child has computed it; an exception is that client's figures could not be
    computed. Closing the iterator (the run is cancelled) takes back the clients
    the child has not started."""
    global _served
    codes = list(codes)
    load, health = data.load_client, data.client_health
    pool = _shared_pool() if codes and _sendable(load) and _sendable(health) else None
    if pool is None:
        yield from data.client_figures(db_path, codes, as_of)
        return
    run = next(_runs)
    waiting: deque[tuple[str, Future[Figures]]] = deque()
    rest = deque(codes)
    try:
        while True:
            try:
                while rest and len(waiting) <= AHEAD:
                    future = pool.submit(compute, db_path, rest[0], as_of, load, health, run)
                    waiting.append((rest.popleft(), future))
                if not waiting:
                    return
                code, future = waiting[0]
                result = future.result()
            except Exception as error:  # noqa: BLE001 - the child could not start, or stopped
                _pool_failed(pool, error)
                break
            waiting.popleft()
            _served = True
            yield code, result
        # what the child did not compute, here (unless the program is exiting)
        left = [code for code, _ in waiting] + list(rest)
        for _, future in waiting:
            future.cancel()
        waiting.clear()
        if left and not _stopping:
            yield from data.client_figures(db_path, left, as_of)
    finally:
        for _, future in waiting:
            future.cancel()


# --------------------------------------------------------------------------- the child

#: The child's connection: the run it was opened for, and the connection.
_connection: tuple[tuple[str, int], Any] | None = None


def _child_started() -> None:
    """The child leaves Ctrl+C to the app (which stops it) and never writes on the
    app's terminal."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    os.close(devnull)


def _database(db_path: Path, run: int) -> Any:
    """The read-only connection of this run (the last run's is closed)."""
    global _connection
    key = (str(db_path), run)
    if _connection is not None and _connection[0] == key:
        return _connection[1]
    if _connection is not None:
        old, _connection = _connection[1], None
        old.close()
    db = open_database(db_path, readonly=True)
    _connection = (key, db)
    return db


def compute(db_path: Path, code: str, as_of: date, load: Callable[[Any, str], Any],
            health: Callable[[Any, date], ClientHealth], run: int) -> Figures:
    """In the child: one client's figures, or the exception that stopped them."""
    try:
        return health(load(_database(db_path, run), code), as_of)
    except Exception as error:  # noqa: BLE001 - shown on the client's row
        return _as_sent(error)


def _as_sent(error: Exception) -> Exception:
    """The exception itself when it survives the trip back; else one saying the same
    (a refusal stays a refusal: its sentence is what the row says)."""
    try:
        pickle.loads(pickle.dumps(error))
        return error
    except Exception:  # noqa: BLE001
        if isinstance(error, ItroadError):
            return ItroadError(str(error))
        return RuntimeError(f"{type(error).__name__}: {error}" if str(error) else type(error).__name__)
