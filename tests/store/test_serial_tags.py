"""``serial_tags``: what a device export's serial numbers match, live assets first."""

from __future__ import annotations

from itroad.domain.models import Asset, Client, Portfolio
from itroad.store import import_portfolio, open_database
from itroad.store.editing import delete_records
from itroad.store.kinds import ASSET
from itroad.store.lookups import serial_tags


def test_a_live_asset_wins_over_a_deleted_one_with_the_same_serial(db_path):
    db = open_database(db_path)
    try:
        import_portfolio(db, Portfolio(clients=[
            Client(code="acme", name="Acme", assets=[
                Asset(tag="OLD-1", name="Old laptop", category="laptop", serial="SN-1"),
                Asset(tag="GONE-2", name="Gone laptop", category="laptop", serial="SN-2"),
                Asset(tag="NEW-1", name="New laptop", category="laptop", serial="sn-1"),
                Asset(tag="NONE", name="No serial", category="laptop"),
            ]),
            Client(code="other", name="Other", assets=[
                Asset(tag="O-1", name="Elsewhere", category="laptop", serial="SN-3")]),
        ]))
        ids = {tag: row_id for row_id, tag in db.execute("SELECT id, tag FROM assets").fetchall()}
        assert ids["OLD-1"] < ids["NEW-1"]
        assert serial_tags(db, "acme") == {"sn-1": "OLD-1", "sn-2": "GONE-2"}  # the first made
        delete_records(db, ASSET, [ids["OLD-1"], ids["GONE-2"]])
        # the live one, though made later; a deleted one still answers for its serial alone
        assert serial_tags(db, "acme") == {"sn-1": "NEW-1", "sn-2": "GONE-2"}
        assert serial_tags(db, "nobody") == {}
    finally:
        db.close()
