"""Fixtures shared by the whole suite.

Every test runs with its own user config directory and no ITROAD_DB, so
nothing reads or writes the developer's real settings or database.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

# Textual reads this once, at import: set it before any test imports Textual.
os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample_data" / "portfolio.toml"
#: A small portfolio whose planning figures the CLI tests freeze.
PLANNING_FIXTURE = ROOT / "tests" / "fixtures" / "planning.toml"
#: The "today" of every frozen figure in the suite.
AS_OF = date(2026, 11, 22)


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory, monkeypatch):
    config = tmp_path_factory.mktemp("config")
    monkeypatch.setenv("ITROAD_CONFIG_DIR", str(config))
    monkeypatch.delenv("ITROAD_DB", raising=False)
    return config


@pytest.fixture
def sample_path() -> Path:
    return SAMPLE


@pytest.fixture(scope="session")
def sample_portfolio():
    from itroad.interchange.toml_format import read_portfolio

    return read_portfolio(SAMPLE)


@pytest.fixture
def db_path(tmp_path) -> Path:
    """A path for a database that does not exist yet."""
    return tmp_path / "itroad.db"


@pytest.fixture
def sample_db(tmp_path, sample_portfolio) -> Path:
    """A database file holding the sample portfolio."""
    from itroad.store import import_portfolio, open_database

    path = tmp_path / "sample.db"
    db = open_database(path)
    try:
        import_portfolio(db, sample_portfolio)
    finally:
        db.close()
    return path


# --------------------------------------------------------------------------- TUI

#: User text that looks like markup; the app must show it exactly as typed.
TRICKY_TEXT = ("[bold]x[/bold]", "[@click=app.quit]Quit?[/]", "[/foo]", "C:\\temp\\[x]")


def tui_portfolio():
    """A small two-client portfolio for the TUI tests, with markup-like user text."""
    from decimal import Decimal

    from itroad.domain.models import (
        Asset,
        Client,
        Contract,
        Initiative,
        LifecyclePolicy,
        Person,
        Portfolio,
        Renewal,
        RoleAssignment,
    )

    bold, click, close, path = TRICKY_TEXT
    acme = Client(
        code="acme",
        name="Acme Dental",
        currency="USD",
        fiscal_year_start_month=7,
        escalation_rate=Decimal("0.03"),
        policies=[
            LifecyclePolicy(category="laptop", lifecycle_months=48, replacement_cost=Decimal("1400.00")),
            LifecyclePolicy(category="desktop", lifecycle_months=60),
        ],
        people=[
            Person(name="Jane Doe", email="jane@acme.example", title="Office manager"),
            Person(name=bold, email="bold@acme.example", title=click, organisation=path),
            Person(name=close, title="Dentist"),
        ],
        assets=[
            Asset(tag="ACME-0001", name="Front desk PC", category="desktop", model="OptiPlex 7010",
                  manufacturer="Dell", site="Main office", assigned_to="jane@acme.example",
                  purchase_date="2020-03-15", purchase_cost=Decimal("899.00"),
                  warranty_end="2023-03-15"),
            Asset(tag="ACME-0002", name=bold, category="laptop", site=path,
                  assigned_to="bold@acme.example", purchase_date="2024-05-01"),
            Asset(tag="ACME-0003", name=click, category="printer", site=close,
                  assigned_to=close),
            Asset(tag="ACME-0004", name="Old server", category="server", status="retired",
                  purchase_date="2015-01-01"),
        ],
        renewals=[
            Renewal(name="Microsoft 365 Business Premium", vendor="Microsoft", quantity=12,
                    unit_cost=Decimal("22.00"), period_months=1, next_renewal="2026-12-01",
                    auto_renew=True, notice_days=30, owner="jane@acme.example"),
            Renewal(name=path, vendor=bold, kind="domain", unit_cost=Decimal("15.00"),
                    next_renewal="2027-04-02", notice_days=0),
        ],
        contracts=[
            Contract(title="Managed services", vendor="BlueSky IT", kind="msp", start="2025-01-01",
                     end="2027-12-31", amount=Decimal("1500.00"), period_months=1,
                     auto_renew=True, renewal_term_months=12, notice_days=90,
                     owner="jane@acme.example"),
        ],
        initiatives=[
            Initiative(title="Multi-factor authentication", category="security", priority="high",
                       status="approved", start="2027-01-01", end="2027-03-31",
                       one_time_cost=Decimal("3000.00"), monthly_cost=Decimal("120.00"),
                       roles=[RoleAssignment(person="jane@acme.example", raci="A")]),
            Initiative(title=click, category="strategy", start="2027-06-01"),
        ],
    )
    zenith = Client(
        code="zenith",
        name="Zenith Law LLP",
        currency="EUR",
        people=[Person(name="Zoe Zed", email="zoe@zenith.example")],
        assets=[
            Asset(tag="ZEN-001", name="Partner laptop", category="laptop", assigned_to="zoe@zenith.example",
                  purchase_date="2023-01-10", purchase_cost=Decimal("2100.00")),
        ],
        renewals=[
            Renewal(name="Clio", vendor="Clio", unit_cost=Decimal("89.00"), period_months=1,
                    next_renewal="2026-12-05", quantity=4),
        ],
    )
    return Portfolio(clients=[acme, zenith])


def _database_with(path, portfolio):
    from itroad.store import import_portfolio, open_database

    db = open_database(path)
    try:
        if portfolio is not None:
            import_portfolio(db, portfolio)
    finally:
        db.close()
    return path


@pytest.fixture
def tui_db(tmp_path) -> Path:
    """A database with the two small TUI clients (acme, zenith)."""
    return _database_with(tmp_path / "tui.db", tui_portfolio())


@pytest.fixture
def empty_db(tmp_path) -> Path:
    """A database with the schema and no client."""
    return _database_with(tmp_path / "empty.db", None)


@pytest.fixture
def frozen_blink(monkeypatch):
    """No blinking text cursor (snapshots and timings stay the same from run to run)."""
    from textual.widgets import Input

    monkeypatch.setattr(Input, "cursor_blink", False)
