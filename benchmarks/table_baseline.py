"""The same 100,000 rows in Textual's stock DataTable and in itroad's PagedTable.

Run in its own process: ``python -m benchmarks.table_baseline DB datatable|paged STARTED``.
Prints one JSON line: seconds from process start to the first rows painted, and
the peak RSS. Both tables show every asset of every client, 8 columns, at 120×40.
"""

from __future__ import annotations

import json
import sys
import time

STARTED = time.time()

from benchmarks.memory import peak_rss_mb  # noqa: E402  (after the clock starts)

COLUMNS = ("tag", "name", "category", "model", "site", "person", "status", "purchase_date")


def _datatable_app(db_path: str):
    from textual.app import App
    from textual.widgets import DataTable

    from itroad.store import open_database
    from itroad.store.browse import ASSETS, Query, fetch_page

    class Baseline(App):
        def compose(self):
            yield DataTable()

        def on_mount(self) -> None:
            db = open_database(db_path, readonly=True)
            try:
                query = Query(ASSETS, as_of=__import__("datetime").date(2026, 11, 22))
                rows = fetch_page(db, query, 0, 10**9)
            finally:
                db.close()
            table = self.query_one(DataTable)
            table.add_columns(*COLUMNS)
            table.add_rows([[str(row[c] or "") for c in COLUMNS] for row in rows])
            self.rows = len(rows)

    return Baseline()


def _paged_app(db_path: str):
    from datetime import date

    from rich.text import Text
    from textual.app import App

    from itroad.store.browse import ASSETS, Query
    from itroad.tui.data import QueryPages
    from itroad.tui.widgets.paged_table import PagedTable
    from itroad.tui.widgets.table_columns import TableColumn

    class Paged(App):
        def compose(self):
            yield PagedTable([TableColumn(c, 14, c) for c in COLUMNS],
                             lambda row: [Text(str(row[c] or "")) for c in COLUMNS])

        def on_mount(self) -> None:
            self.query_one(PagedTable).show(QueryPages(db_path, Query(ASSETS, as_of=date(2026, 11, 22))))

    return Paged()


async def measure(db_path: str, kind: str, started: float) -> dict:
    import asyncio

    from itroad.tui.widgets.paged_table import PagedTable

    app = _datatable_app(db_path) if kind == "datatable" else _paged_app(db_path)
    async with app.run_test(size=(120, 40)) as pilot:
        if kind == "paged":
            table = app.query_one(PagedTable)
            while not (table.row_count and table.row_at(0) is not None):
                await pilot.pause(0.005)
            rows = table.row_count
        else:
            await pilot.pause()
            rows = app.rows
        future = asyncio.get_running_loop().create_future()
        app.call_after_refresh(lambda: future.set_result(time.time()))
        painted = await future
    return {"kind": kind, "rows": rows, "first_paint_s": painted - started,
            "peak_rss_mb": peak_rss_mb()}


if __name__ == "__main__":
    import asyncio

    started = float(sys.argv[3]) if len(sys.argv) > 3 else STARTED
    print(json.dumps(asyncio.run(measure(sys.argv[1], sys.argv[2], started))))
