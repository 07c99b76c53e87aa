"""The Portfolio dashboard when a client's figures cannot be computed: the row says
so, the other clients are still computed, and the lines under the table say why in
words (never a Python repr such as ``[<class 'decimal.Overflow'>]``)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from tests.conftest import AS_OF

import itroad.tui.data as tui_data
from itroad.tui.app import build_app
from itroad.tui.panes.portfolio import PortfolioPane, failure_text
from itroad.tui.testing import column, pane, settle


@pytest.fixture(autouse=True)
def _no_blink(frozen_blink):
    pass


def _overflow() -> None:
    Decimal("1e999999") * Decimal("1e999999")


@pytest.mark.parametrize(("fail", "said"), [
    (_overflow, "an amount too large to compute"),
    (lambda: {}["x"], "an unexpected error (KeyError: 'x')"),
])
async def test_a_client_whose_figures_fail_says_why_in_words(tui_db, monkeypatch, fail, said):
    real = tui_data.client_health

    def failing(client, as_of):
        if client.code == "zenith":
            fail()
        return real(client, as_of)

    monkeypatch.setattr(tui_data, "client_health", failing)
    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        dashboard = pane(app, "portfolio")
        assert isinstance(dashboard, PortfolioPane)
        marks = column(app, "portfolio", "mark")
        assert marks[1] == "error" and marks[0] not in ("error", "…")
        await pilot.press("down")
        await pilot.pause()
        assert dashboard.table.current_key == "zenith"
        text = dashboard.details_text
        assert "the figures could not be computed: " + said in text
        assert "<class" not in text


def test_failure_text_keeps_a_refusal_as_it_is_said():
    from itroad.domain.errors import ItroadError

    assert failure_text(ItroadError("the start is after the end")) == "the start is after the end"
    assert failure_text(RuntimeError()) == "an unexpected error (RuntimeError)"
