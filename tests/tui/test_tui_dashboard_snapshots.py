"""SVG snapshots of the Portfolio dashboard at 80×24 from the sample portfolio, as of 2026-11-22.

Regenerate after a deliberate change with
``pytest tests/tui/test_tui_dashboard_snapshots.py --snapshot-update``, then look at the SVGs
(tests/tui/__snapshots__/test_tui_dashboard_snapshots/) before committing them.
"""

from __future__ import annotations

import pytest
from tests.tui_helpers import press_then_settle, snapshot_app

pytestmark = pytest.mark.snapshot


@pytest.fixture(autouse=True)
def _no_blink(frozen_blink):
    pass


def test_dashboard_80x24(snap_compare, sample_db):
    """Every client with its mark and figures, the USD total, the first client's reasons."""
    assert snap_compare(snapshot_app(sample_db), terminal_size=(80, 24), run_before=press_then_settle())


def test_dashboard_sorted_by_mark_80x24(snap_compare, sample_db):
    """``s``: by mark (act first); the cursor on the first client that needs acting on."""
    assert snap_compare(snapshot_app(sample_db), terminal_size=(80, 24),
                        run_before=press_then_settle("s", "ctrl+home"))


def test_dashboard_scrolled_right_80x24(snap_compare, sample_db):
    """→ to the last columns (RACI gaps, next fiscal year); the cursor on the USD total."""
    assert snap_compare(snapshot_app(sample_db), terminal_size=(80, 24),
                        run_before=press_then_settle("ctrl+end", "end"))
