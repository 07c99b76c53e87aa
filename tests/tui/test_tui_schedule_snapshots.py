"""SVG snapshots of the Schedule tab from the sample portfolio, as of 2026-11-22.

At 80×24 one view at a time (forecast, chart, what-if); at 160×50 the four views
together. Regenerate after a deliberate change with
``pytest tests/tui/test_tui_schedule_snapshots.py --snapshot-update`` and look at the
SVGs (tests/tui/__snapshots__/test_tui_schedule_snapshots/) before committing them.
"""

from __future__ import annotations

import pytest
from tests.tui_helpers import press_then_settle, snapshot_app

pytestmark = pytest.mark.snapshot


@pytest.fixture(autouse=True)
def _no_blink(frozen_blink):
    pass


def test_schedule_forecast_80x24(snap_compare, sample_db):
    assert snap_compare(
        snapshot_app(sample_db), terminal_size=(80, 24), run_before=press_then_settle("5")
    )


def test_schedule_quarters_80x24(snap_compare, sample_db):
    assert snap_compare(
        snapshot_app(sample_db), terminal_size=(80, 24), run_before=press_then_settle("5", "Q")
    )


def test_schedule_chart_80x24(snap_compare, sample_db):
    assert snap_compare(
        snapshot_app(sample_db), terminal_size=(80, 24), run_before=press_then_settle("5", "v")
    )


def test_schedule_replacements_80x24(snap_compare, sample_db):
    assert snap_compare(
        snapshot_app(sample_db), terminal_size=(80, 24), run_before=press_then_settle("5", "a")
    )


def test_schedule_what_if_80x24(snap_compare, sample_db):
    """Laptops kept 60 months instead of 48, as a what-if: baseline, what-if, difference."""
    keys = ("5", "w", "p", "down", "down", "down", "down", "6", "0", "enter", "t")
    assert snap_compare(
        snapshot_app(sample_db), terminal_size=(80, 24), run_before=press_then_settle(*keys)
    )


def test_schedule_160x50(snap_compare, sample_db):
    assert snap_compare(
        snapshot_app(sample_db), terminal_size=(160, 50), run_before=press_then_settle("5")
    )
