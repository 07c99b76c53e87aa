"""A portfolio at the limits (largest amounts, quantities and rates, earliest and latest
dates) is planned with, shown and exported: never a crash, never a traceback."""

from __future__ import annotations

import pytest
from tests.conftest import AS_OF
from tests.interchange.test_fuzz import run

from itroad.tui.app import build_app
from itroad.tui.testing import screen_text, settle

AT_THE_LIMITS = """
format = "itroad/1"

[[clients]]
code = "big"
name = "Big"
escalation_rate = "1"
budget_targets = { FY2027 = "10000000000000.00" }

  [[clients.policies]]
  category = "server"
  lifecycle_months = 600
  replacement_cost = "10000000000000.00"

  [[clients.assets]]
  tag = "S-1"
  name = "Server"
  category = "server"
  purchase_date = 2200-12-31
  purchase_cost = "10000000000000.00"

  [[clients.assets]]
  tag = "S-2"
  name = "Old server"
  category = "server"
  purchase_date = 1900-01-01

  [[clients.renewals]]
  name = "Everything"
  quantity = 1000000
  unit_cost = "10000000000000.00"
  period_months = 1
  next_renewal = 1900-01-31
  escalation_rate = "1"
  notice_days = 3650

  [[clients.contracts]]
  title = "Everything"
  start = 1900-01-01
  amount = "10000000000000.00"
  period_months = 1
  auto_renew = true

  [[clients.initiatives]]
  title = "Everything"
  category = "security"
  status = "approved"
  start = 2026-12-01
  end = 2200-12-31
  one_time_cost = "10000000000000.00"
  monthly_cost = "10000000000000.00"
  assets = ["S-1"]
"""


@pytest.fixture
def limits_db(tmp_path):
    source = tmp_path / "limits.toml"
    source.write_text(AT_THE_LIMITS, encoding="utf-8")
    db = tmp_path / "limits.db"
    status, _, err = run("import", "toml", str(source), "--db", str(db))
    assert status == 0, err
    return db


@pytest.mark.parametrize("command, as_of", [
    ("due --within 3660", "2026-11-22"), ("due --within 3660 --json", "2200-12-31"),
    ("forecast --years 50 --by month", "1900-01-01"), ("forecast --years 50 --json", "2200-12-31"),
    ("forecast --years 50 --csv", "2026-11-22"), ("roadmap", "2026-11-22"),
    ("roadmap --json", "2200-12-31"),
])
def test_planning_at_the_limits_never_crashes(limits_db, command, as_of):
    status, out, err = run(*command.split(), "--db", str(limits_db), "--as-of", as_of)
    assert status in (0, 1), err
    assert out and "Traceback" not in out + err


@pytest.fixture(autouse=True)
def _no_blink(frozen_blink):
    pass


@pytest.mark.parametrize("tab", ["1", "2", "3", "4", "5", "6", "7"])
async def test_the_app_shows_a_portfolio_at_the_limits(limits_db, tab):
    app = build_app(limits_db, client="big", as_of=AS_OF)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        await pilot.press(tab)
        await settle(pilot)
        assert "Big" in screen_text(app)
