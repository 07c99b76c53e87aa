"""Forecast speed at the benchmark's size: ``python -m benchmarks.forecast_bench [DB]``.

The target (100,000 assets, 20,000 renewals, 5,000 contracts): a 5-year monthly
forecast of one client takes ≤ 50 ms and of all clients together ≤ 1 s.

Clients are loaded once (loading is measured elsewhere); each figure is the
median of 5 runs of :func:`itroad.planning.forecast.forecast` on the loaded
models, in milliseconds. Build the database first with
``python -m benchmarks.generate /tmp/large.db``.
"""

from __future__ import annotations

import sqlite3
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

AS_OF = date(2026, 11, 22)
BY = "month"
YEARS = 5
RUNS = 5
DEFAULT_DB = "/tmp/large.db"


def _median_ms(work: Callable[[], object], runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def _size(client) -> int:  # type: ignore[no-untyped-def]
    return len(client.assets) + len(client.renewals) + len(client.contracts)


def run(db_path: str | Path = DEFAULT_DB, runs: int = RUNS) -> dict[str, object]:
    """Load every client of ``db_path`` once and time the 5-year monthly forecast of
    (a) the largest client, (b) the median-sized one, (c) all clients one after the other.

    Returns milliseconds (medians of ``runs`` runs) under ``largest_ms``,
    ``median_ms`` and ``all_ms``, with the clients' codes and sizes beside them.
    """
    from itroad.planning.forecast import forecast
    from itroad.store import client_codes, load_client, open_database

    db = open_database(str(db_path), readonly=True)
    try:
        clients = [load_client(db, code) for code in client_codes(db)]
    finally:
        db.close()
    if not clients:
        raise ValueError(f"{db_path} holds no clients")
    by_size = sorted(clients, key=_size)
    largest, median = by_size[-1], by_size[len(by_size) // 2]

    def one(client) -> Callable[[], object]:  # type: ignore[no-untyped-def]
        return lambda: forecast(client, AS_OF, by=BY, years=YEARS)

    def every() -> None:
        for client in clients:
            forecast(client, AS_OF, by=BY, years=YEARS)

    forecast(largest, AS_OF, by=BY, years=YEARS)  # warm up (imports, caches of the process)
    return {
        "clients": len(clients),
        "assets": sum(len(c.assets) for c in clients),
        "largest_client": largest.code,
        "largest_assets": len(largest.assets),
        "largest_ms": round(_median_ms(one(largest), runs), 2),
        "median_client": median.code,
        "median_assets": len(median.assets),
        "median_ms": round(_median_ms(one(median), runs), 2),
        "all_ms": round(_median_ms(every, runs), 2),
    }


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    path = Path(args[0] if args else DEFAULT_DB)
    if not path.exists():
        print(f"{path} not found: build it with python -m benchmarks.generate {path}",
              file=sys.stderr)
        return 2
    try:
        result = run(path)
    except sqlite3.Error as error:
        print(f"{path}: {error} (built by an older version? rebuild it with "
              f"python -m benchmarks.generate {path})", file=sys.stderr)
        return 2
    print(f"5-year monthly forecast as of {AS_OF.isoformat()}, median of {RUNS} runs:")
    print(f"  (a) largest client {result['largest_client']} "
          f"({result['largest_assets']} assets): {result['largest_ms']:.1f} ms  (target ≤ 50 ms)")
    print(f"  (b) median client {result['median_client']} "
          f"({result['median_assets']} assets): {result['median_ms']:.1f} ms")
    print(f"  (c) all {result['clients']} clients ({result['assets']} assets): "
          f"{result['all_ms']:.1f} ms  (target ≤ 1000 ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
