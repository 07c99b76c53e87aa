"""SVG snapshots of the main screens at 80×24 from the sample portfolio, as of 2026-11-22.

Regenerate after a deliberate change with ``pytest tests/tui/test_snapshots.py --snapshot-update``,
then look at the SVGs (tests/tui/__snapshots__/test_snapshots/) before committing them.
"""

from __future__ import annotations

import pytest
from tests.tui_helpers import press_then_settle, snapshot_app

from itroad.tui.testing import settle

pytestmark = pytest.mark.snapshot


@pytest.fixture(autouse=True)
def _no_blink(frozen_blink):
    pass


def test_portfolio_tab(snap_compare, sample_db):
    assert snap_compare(snapshot_app(sample_db), terminal_size=(80, 24), run_before=press_then_settle())


def test_hardware_tab(snap_compare, sample_db):
    assert snap_compare(
        snapshot_app(sample_db), terminal_size=(80, 24), run_before=press_then_settle("2")
    )


def test_hardware_tab_with_details(snap_compare, sample_db):
    assert snap_compare(
        snapshot_app(sample_db), terminal_size=(80, 24), run_before=press_then_settle("2", "down", "enter")
    )


def test_renewals_tab(snap_compare, sample_db):
    assert snap_compare(
        snapshot_app(sample_db), terminal_size=(80, 24), run_before=press_then_settle("3")
    )


def test_contracts_tab(snap_compare, sample_db):
    assert snap_compare(
        snapshot_app(sample_db), terminal_size=(80, 24), run_before=press_then_settle("4")
    )


def test_asset_form(snap_compare, sample_db):
    async def run_before(pilot) -> None:
        from itroad.tui.forms import RecordForm
        from itroad.tui.testing import wait_for

        await press_then_settle("2", "e")(pilot)
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, RecordForm))
        await settle(pilot)

    assert snap_compare(snapshot_app(sample_db), terminal_size=(80, 24), run_before=run_before)
