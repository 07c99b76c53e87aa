"""The dashboard's figures are computed in a separate process (itroad.tui.figures_process):
the same figures as in the app's process, a failure there shown as that client's, and the
app's own thread computing them when the child cannot start or stops."""

from __future__ import annotations

import multiprocessing
import os
import pickle
import re
import subprocess
import sys

import pytest
from tests.conftest import AS_OF

import itroad.tui.data as tui_data
import itroad.tui.figures_process as figures_process
from itroad.planning.health import client_health
from itroad.tui.app import build_app
from itroad.tui.panes.portfolio import PortfolioPane
from itroad.tui.testing import column, pane, settle


@pytest.fixture(autouse=True)
def _no_blink(frozen_blink):
    pass


def health_in_child(client, as_of):
    """Stands in for client_health in the child (imported there by name): zenith's
    figures fail, saying which process computed them."""
    if client.code == "zenith":
        raise RuntimeError(f"computed in process {os.getpid()}")
    return client_health(client, as_of)


def dies_in_child(client, as_of):
    """Stops the child process dead; computes the figures anywhere else."""
    if multiprocessing.parent_process() is not None:
        os._exit(3)
    return client_health(client, as_of)


def _codes(db_path) -> list[str]:
    from itroad.store import list_clients, open_database

    db = open_database(db_path, readonly=True)
    try:
        return [c.code for c in list_clients(db)]
    finally:
        db.close()


@pytest.fixture
def fresh_pool(monkeypatch):
    """A pool of this test's own (the shared one comes back after it)."""
    monkeypatch.setattr(figures_process, "_pool", None)
    monkeypatch.setattr(figures_process, "_unavailable", None)
    monkeypatch.setattr(figures_process, "_served", False)


async def test_figures_come_from_another_process_and_a_failure_there_shows(tui_db, monkeypatch):
    monkeypatch.setattr(tui_data, "client_health", health_in_child)
    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        dashboard = pane(app, "portfolio")
        assert isinstance(dashboard, PortfolioPane)
        from tests.conftest import tui_portfolio

        acme = next(c for c in tui_portfolio().clients if c.code == "acme")
        assert column(app, "portfolio", "mark")[:2] == [client_health(acme, AS_OF).mark, "error"]
        await pilot.press("down")
        await pilot.pause()
        assert dashboard.table.current_key == "zenith"
        said = re.search(r"the figures could not be computed: an unexpected error "
                         r"\(RuntimeError: computed in process (\d+)\)", dashboard.details_text)
        assert said, dashboard.details_text
        assert int(said.group(1)) != os.getpid()


def test_the_same_figures_as_in_the_apps_process(sample_db):
    codes = _codes(sample_db)
    here = list(tui_data.client_figures(sample_db, codes, AS_OF))
    there = list(figures_process.client_figures(sample_db, codes, AS_OF))
    assert [code for code, _ in there] == codes
    assert there == here
    assert figures_process._pool is not None  # they did come from the child
    assert all(pickle.loads(pickle.dumps(h)) == h for _, h in here)


def test_a_client_that_cannot_be_read_is_that_clients_failure(tui_db):
    figures = dict(figures_process.client_figures(tui_db, ["acme", "nobody", "zenith"], AS_OF))
    assert isinstance(figures["nobody"], Exception)
    assert type(figures["nobody"]) is type(next(
        f for c, f in tui_data.client_figures(tui_db, ["nobody"], AS_OF)))
    assert not isinstance(figures["acme"], Exception)
    assert not isinstance(figures["zenith"], Exception)


def test_no_child_computes_in_the_thread(tui_db, monkeypatch, fresh_pool):
    def no_spawn():
        raise OSError("no processes here")

    monkeypatch.setattr(figures_process, "_start_pool", no_spawn)
    codes = ["acme", "zenith"]
    assert (list(figures_process.client_figures(tui_db, codes, AS_OF))
            == list(tui_data.client_figures(tui_db, codes, AS_OF)))
    assert figures_process._pool is None
    assert "no processes here" in (figures_process._unavailable or "")


def test_a_child_that_dies_leaves_the_figures_to_the_thread(tui_db, monkeypatch, fresh_pool):
    monkeypatch.setattr(tui_data, "client_health", dies_in_child)
    codes = ["acme", "zenith"]
    figures = list(figures_process.client_figures(tui_db, codes, AS_OF))
    assert [code for code, _ in figures] == codes
    assert not any(isinstance(h, Exception) for _, h in figures)
    assert figures == list(tui_data.client_figures(tui_db, codes, AS_OF))
    # a child that never brought a result is not started again
    assert figures_process._pool is None and figures_process._unavailable


def test_a_replaced_function_is_computed_in_the_thread(tui_db, monkeypatch, fresh_pool):
    seen = []

    def spy(client, as_of):
        seen.append(client.code)
        return client_health(client, as_of)

    monkeypatch.setattr(tui_data, "client_health", spy)
    list(figures_process.client_figures(tui_db, ["acme", "zenith"], AS_OF))
    assert seen == ["acme", "zenith"]
    assert figures_process._pool is None  # no child was needed


def test_the_child_imports_no_textual():
    code = ("import sys, itroad.tui.figures_process; "
            "print(any(m == 'textual' or m.startswith('textual.') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert out.stdout.strip() == "False"
