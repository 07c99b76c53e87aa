"""Fixtures shared by the whole suite.

Every test runs with its own user config directory and no ITROAD_DB, so
nothing reads or writes the developer's real settings or database.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample_data" / "portfolio.toml"
#: The "today" of every frozen figure in the suite.
AS_OF = date(2026, 11, 22)


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory, monkeypatch):
    config = tmp_path_factory.mktemp("config")
    monkeypatch.setenv("ITROAD_CONFIG_DIR", str(config))
    monkeypatch.delenv("ITROAD_DB", raising=False)
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
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
