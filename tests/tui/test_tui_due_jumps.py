"""The Due view's Enter on a record that shares its name with another: the jump lands
on the record the row stands for, not on the first of that name."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from tests.conftest import AS_OF, _database_with
from tests.tui_helpers import done

from itroad.domain.models import Client, Contract, Portfolio, Renewal
from itroad.tui.app import build_app
from itroad.tui.screens.due import DueScreen
from itroad.tui.testing import pane, settle


@pytest.fixture(autouse=True)
def _no_blink(frozen_blink):
    pass


def _twins() -> Portfolio:
    """Two renewals named alike (one per site, renewing on different days) and two
    contracts titled alike; of each, the second made (vendor B) is due first."""
    return Portfolio(clients=[Client(
        code="twins", name="Twin Sites", currency="USD",
        renewals=[
            Renewal(name="Microsoft 365", vendor="A", unit_cost=Decimal("100.00"),
                    next_renewal=date(2027, 6, 20)),
            Renewal(name="Microsoft 365", vendor="B", unit_cost=Decimal("200.00"),
                    next_renewal=date(2026, 12, 10)),
        ],
        contracts=[
            Contract(title="Managed services", vendor="A", start=date(2025, 3, 1),
                     end=date(2027, 2, 28), amount=Decimal("300.00"), notice_days=30),
            Contract(title="Managed services", vendor="B", start=date(2025, 1, 1),
                     end=date(2026, 12, 31), amount=Decimal("400.00"), notice_days=10),
        ],
    )])


@pytest.mark.parametrize(("kind", "tab"), [("renewal", "renewals"), ("contract", "contracts")])
async def test_enter_opens_the_record_of_the_row_among_namesakes(tmp_path, kind, tab):
    db_path = _database_with(tmp_path / "twins.db", _twins())
    app = build_app(db_path, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for n in (0, 1):
            await pilot.press("D")
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, DueScreen)
            await pilot.press("y")
            await settle(pilot)
            keys = [k for k, item in screen.rows.items.items() if item.kind == kind]
            assert len(keys) == 2
            item = screen.rows.items[keys[n]]
            screen.table.move_cursor(row=screen.rows.table.keys.index(keys[n]), animate=False)
            await pilot.pause()
            await pilot.press("enter")
            await done(pilot)
            assert app.main_screen.tabs.active == tab
            shown = pane(app, tab).table.cursor_data
            assert shown is not None
            # B (the second made) is due this year, A next year
            assert shown["vendor"] == ("B" if item.date < date(2027, 1, 1) else "A")
