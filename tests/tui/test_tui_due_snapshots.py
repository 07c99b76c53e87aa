"""SVG snapshots of the Due view (D) at 80×24 on the sample portfolio, as of 2026-11-22.

Regenerate after a deliberate change with
``pytest tests/tui/test_tui_due_snapshots.py --snapshot-update``, then look at the SVGs
(tests/tui/__snapshots__/test_tui_due_snapshots/) before committing them.
"""

from __future__ import annotations

import pytest
from tests.tui_helpers import press_then_settle, snapshot_app

pytestmark = pytest.mark.snapshot


@pytest.fixture(autouse=True)
def _no_blink(frozen_blink):
    pass


def test_due_view_this_client(snap_compare, sample_db):
    """The first client within 90 days: a long group folded, the cursor on an item
    whose whole action is spelled out under the table."""
    assert snap_compare(
        snapshot_app(sample_db), terminal_size=(80, 24),
        run_before=press_then_settle("D", "down"),
    )


def test_due_view_all_clients_a_year(snap_compare, sample_db):
    assert snap_compare(
        snapshot_app(sample_db), terminal_size=(80, 24),
        run_before=press_then_settle("D", "a", "y"),
    )
