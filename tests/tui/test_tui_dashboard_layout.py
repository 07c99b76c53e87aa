"""The Portfolio dashboard at 80×24 with many clients: the lines under the table
(the mark's reasons, then the exact figures) are all on screen, the last included,
even for a client with many reasons and a long name."""

from __future__ import annotations

import pytest
from tests.conftest import AS_OF, _database_with

from itroad.domain.models import Portfolio
from itroad.tui.app import build_app
from itroad.tui.panes.portfolio import PortfolioPane
from itroad.tui.testing import pane, screen_text, settle


@pytest.fixture(autouse=True)
def _no_blink(frozen_blink):
    pass


def _many(sample_portfolio) -> Portfolio:
    """Fourteen copies of the sample's busiest client, the first with the longest name."""
    busiest = next(c for c in sample_portfolio.clients if c.code == "northfield")
    return Portfolio(clients=[
        busiest.model_copy(update={"code": f"n{n:02}",
                                   "name": ("Northfield " + "W" * 189) if n == 0 else busiest.name})
        for n in range(14)
    ])


async def test_every_line_under_the_table_is_on_screen(tmp_path, sample_portfolio):
    db_path = _database_with(tmp_path / "many.db", _many(sample_portfolio))
    app = build_app(db_path, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        dashboard = pane(app, "portfolio")
        assert isinstance(dashboard, PortfolioPane)
        assert dashboard.table.current_key == "n00"
        text = dashboard.details_text
        assert "act — " in text  # computed, with its reasons
        shown = " ".join(screen_text(app).split())
        # the next fiscal year's sentence ends the lines: it is on screen
        last = " ".join(text.split()[-6:])
        assert last in shown, (last, screen_text(app))
        # and the table still shows several clients
        assert sum(f"n{n:02}" in shown for n in range(14)) >= 5
