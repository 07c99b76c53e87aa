"""One definition of a current asset: the enum's, from which the Python and the SQL come."""

import sqlite3

from itroad.domain.enums import CURRENT_ASSET_STATUSES, AssetStatus
from itroad.store.rows import current_asset_sql


def test_retired_and_disposed_assets_are_not_current():
    assert CURRENT_ASSET_STATUSES == (AssetStatus.IN_USE, AssetStatus.SPARE, AssetStatus.IN_REPAIR)
    assert [s for s in AssetStatus if s.is_current] == list(CURRENT_ASSET_STATUSES)


def test_the_store_sql_agrees_with_the_enum():
    db = sqlite3.connect(":memory:")
    for status in AssetStatus:
        (current,) = db.execute(
            f"SELECT {current_asset_sql('s.status')} FROM (SELECT ? AS status) s", [status.value]
        ).fetchone()
        assert bool(current) is status.is_current, status
