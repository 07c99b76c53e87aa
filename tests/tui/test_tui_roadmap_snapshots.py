"""SVG snapshots of the Roadmap list, its timeline and the RACI matrix at 80×24,
from the sample portfolio as of 2026-11-22 (Northfield: the client whose plan
has an initiative without an Accountable).

Regenerate after a deliberate change with
``pytest tests/tui/test_tui_roadmap_snapshots.py --snapshot-update``, then look at the
SVGs (tests/tui/__snapshots__/test_tui_roadmap_snapshots/) before keeping them.
"""

from __future__ import annotations

import pytest
from tests.tui_helpers import done, snapshot_app

pytestmark = pytest.mark.snapshot


@pytest.fixture(autouse=True)
def _no_blink(frozen_blink):
    pass


def northfield(sample_db):
    return snapshot_app(sample_db, client="northfield")


def keys(*pressed: str):
    async def run_before(pilot) -> None:
        await done(pilot)
        for key in pressed:
            await pilot.press(key)
            await done(pilot)
        await pilot.pause(0.5)  # the stock DataTable measures its columns on idle
        pilot.app.clear_notifications()  # they time out by the clock: not in a snapshot
        await pilot.pause()

    return run_before


def test_roadmap_list(snap_compare, sample_db):
    assert snap_compare(northfield(sample_db), terminal_size=(80, 24), run_before=keys("6"))


def test_roadmap_timeline(snap_compare, sample_db):
    assert snap_compare(northfield(sample_db), terminal_size=(80, 24), run_before=keys("6", "t"))


def test_raci_matrix(snap_compare, sample_db):
    assert snap_compare(northfield(sample_db), terminal_size=(80, 24), run_before=keys("7", "m"))
