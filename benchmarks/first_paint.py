"""The Hardware tab on the large database, headless at 120×40, driven like a user.

Run in its own process (``python -m benchmarks.first_paint DB CLIENT STARTED``):
prints one JSON line with seconds from process start to the Hardware tab's
first rows painted, the latency of each keystroke of a 6-character filter, of a
sort, of jumping to the last row, and the peak RSS.
"""

from __future__ import annotations

import json
import statistics
import sys
import time

STARTED = time.time()

from benchmarks.memory import peak_rss_mb  # noqa: E402  (after the clock starts)

FILTER_TEXT = "latitu"


async def _painted(app) -> float:
    import asyncio

    future = asyncio.get_running_loop().create_future()
    app.call_after_refresh(lambda: future.done() or future.set_result(time.time()))
    return await future


async def _settled(app, pilot, table) -> float:
    """Wait until every worker is done and the table has repainted; returns the time."""
    await app.workers.wait_for_complete()
    await pilot.pause()
    while table.cursor_data is None and table.row_count:
        await app.workers.wait_for_complete()
        await pilot.pause()
    return await _painted(app)


async def measure(db_path: str, client: str, started: float) -> dict[str, float]:
    from itroad.tui.app import build_app
    from itroad.tui.widgets.paged_table import PagedTable

    results: dict[str, float] = {}
    app = build_app(db_path, client=client)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        pane = app.screen.query_one("#hardware")
        table = pane.query_one(PagedTable)
        while not (table.row_count and table.row_at(0) is not None):
            await pilot.pause(0.005)
        results["first_paint_s"] = await _painted(app) - started
        results["rows"] = table.row_count

        # What the harness itself costs: a key that does nothing, waited for the
        # same way. The latencies below include it.
        floor = []
        for _ in range(5):
            t0 = time.time()
            await pilot.press("f12")
            floor.append((await _settled(app, pilot, table) - t0) * 1000)
        results["harness_floor_ms"] = statistics.median(floor)

        await pilot.press("/")
        latencies = []
        for char in FILTER_TEXT:
            t0 = time.time()
            await pilot.press(char)
            latencies.append((await _settled(app, pilot, table) - t0) * 1000)
        results["filter_median_ms"] = statistics.median(latencies)
        results["filter_worst_ms"] = max(latencies)
        results["filter_rows"] = table.row_count
        await pilot.press("escape")
        await _settled(app, pilot, table)
        table.focus()
        await pilot.pause()

        sorts = []
        for _ in range(3):
            t0 = time.time()
            await pilot.press("s")
            sorts.append((await _settled(app, pilot, table) - t0) * 1000)
        results["sort_ms"] = statistics.median(sorts)

        t0 = time.time()
        await pilot.press("end")
        results["scroll_end_ms"] = (await _settled(app, pilot, table) - t0) * 1000
        results["at_last_row"] = float(table.cursor_row == table.row_count - 1)
    results["peak_rss_mb"] = peak_rss_mb()
    return results


if __name__ == "__main__":
    import asyncio

    started = float(sys.argv[3]) if len(sys.argv) > 3 else STARTED
    print(json.dumps(asyncio.run(measure(sys.argv[1], sys.argv[2], started))))
