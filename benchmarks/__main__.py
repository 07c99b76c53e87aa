"""The benchmark harness: ``make bench`` (``python -m benchmarks``).

Builds (once) a deterministic 100,000-asset portfolio of 50 clients, then
measures, each in a fresh process so start-up is counted honestly:

- the Hardware tab of the largest client: first rows painted from process
  start, filter latency per keystroke, sort, jump to the last row, peak RSS;
- what a person sees: the same and every tab's first opening, a form, the
  client switcher, the Schedule forecast, timed to the screen of a real
  pseudo-terminal, against a bare Textual app in the same run;
- Textual's stock DataTable loaded with the same rows, for the ratio;
- typing into the filter over a thin link (64 and 16 KB/s), seen and in bytes;
- the 5-year monthly forecast of one client and of all clients.

Prints a table against the targets and writes ``benchmarks/results.json``.
"""

from __future__ import annotations

import json
import platform
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
RESULTS = HERE / "results.json"

#: (key, label, target, unit): lower is better everywhere.
TARGETS = [
    ("first_paint_s", "Hardware tab: first rows painted from process start", 1.0, "s"),
    ("filter_median_ms", "Filter: median keystroke (6 characters)", 50.0, "ms"),
    ("filter_worst_ms", "Filter: worst keystroke", None, "ms"),
    ("sort_ms", "Sort by the next column", 100.0, "ms"),
    ("scroll_end_ms", "Jump to the last row", 50.0, "ms"),
    ("harness_floor_ms", "(Pilot's own cost of a key that does nothing)", None, "ms"),
    ("peak_rss_mb", "Peak memory (RSS) of the app process", 200.0, "MB"),
    ("paged_all_first_paint_s", "All 100,000 assets in itroad's table: first paint", 1.0, "s"),
    ("datatable_first_paint_s", "The same rows in Textual's stock DataTable", None, "s"),
    ("forecast_largest_ms", "Forecast, 5 years monthly: largest client", 50.0, "ms"),
    ("forecast_median_ms", "Forecast, 5 years monthly: median client", 50.0, "ms"),
    ("forecast_all_ms", "Forecast, 5 years monthly: all 50 clients", 1000.0, "ms"),
    ("import_100k_s", "Import 100,000 Snipe-IT asset rows (check and write)", 15.0, "s"),
    ("reimport_100k_s", "The same import again (nothing changes)", 15.0, "s"),
    ("import_100k_peak_mb", "Peak memory of that import: 100,000 rows", None, "MB"),
    ("import_10k_peak_mb", "Peak memory of the same import: 10,000 rows", None, "MB"),
]


def _child(module: str, *args: str, timeout: float = 600) -> dict:
    started = time.time()
    done = subprocess.run([sys.executable, "-m", module, *args, str(started)],
                          capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        raise SystemExit(f"{module} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _database() -> tuple[Path, dict]:
    from benchmarks.generate import SIZES, build_database

    path = DATA / "large.db"
    DATA.mkdir(parents=True, exist_ok=True)
    if path.exists():
        from itroad.store import open_database

        open_database(path).close()  # brings an older benchmark database up to date
        return path, {"generated": "reused"}
    print("Generating the benchmark portfolio "
          f"({', '.join(f'{n:,} {k}' for k, n in SIZES.items())})...", flush=True)
    timings = build_database(path)
    print(f"  generated in {timings['generate_s']:.1f} s, imported in {timings['import_s']:.1f} s",
          flush=True)
    return path, timings


def _largest_client(path: Path) -> tuple[str, int]:
    from itroad.store import list_clients, open_database

    db = open_database(path, readonly=True)
    try:
        biggest = max(list_clients(db), key=lambda c: c.assets)
    finally:
        db.close()
    return biggest.code, biggest.assets


def main() -> int:
    path, generation = _database()
    client, assets = _largest_client(path)
    print(f"Measuring on {client} ({assets:,} assets) at 120x40...", flush=True)
    results: dict[str, float] = {}
    results.update(_child("benchmarks.first_paint", str(path), client))
    print("Measuring what a person sees, in a 120x40 pseudo-terminal...", flush=True)
    # Three runs of four app processes; on a loaded machine one run can take minutes.
    seen = _child("benchmarks.seen_bench", str(path), client, timeout=1800)
    results.update({f"seen_{key}": value for key, value in seen["medians"].items()})
    print("Typing into the filter over a thin link (80x24)...", flush=True)
    slow = _child("benchmarks.slow_link", str(path), client, timeout=1800)
    for rate, figures in slow["links"].items():
        for key, value in figures.items():
            results[f"slow_{int(rate) // 1000}k_{key}"] = value
    for kind in ("paged", "datatable"):
        print(f"Measuring every asset of every client in the {kind} table...", flush=True)
        measured = _child("benchmarks.table_baseline", str(path), kind)
        key = "paged_all" if kind == "paged" else "datatable"
        results[f"{key}_first_paint_s"] = measured["first_paint_s"]
        results[f"{key}_peak_rss_mb"] = measured["peak_rss_mb"]
        results[f"{key}_rows"] = measured["rows"]

    from benchmarks.forecast_bench import run as forecast_run

    forecast = forecast_run(path)
    for key in ("largest", "median", "all"):
        results[f"forecast_{key}_ms"] = forecast[f"{key}_ms"]

    for rows in (10_000, 100_000):
        print(f"Importing {rows:,} Snipe-IT asset rows...", flush=True)
        imported = _child("benchmarks.import_bench", str(rows))
        label = "100k" if rows == 100_000 else "10k"
        results[f"import_{label}_peak_mb"] = imported["import_peak_mb"]
        if rows == 100_000:
            results.update({"import_100k_s": imported["import_s"],
                            "reimport_100k_s": imported["reimport_s"],
                            "import_100k_csv_read_s": imported["csv_read_s"]})

    print()
    print(f"{'measure':<56}{'result':>11}{'target':>10}  verdict")
    for key, label, target, unit in TARGETS:
        value = results[key]
        shown = f"{value:.2f} {unit}" if unit == "s" else f"{value:.0f} {unit}"
        if target is None:
            verdict, goal = "", ""
        else:
            goal = f"{target:g} {unit}"
            verdict = "met" if value <= target else f"missed by {value - target:.{2 if unit == 's' else 0}f} {unit}"
        print(f"{label:<56}{shown:>11}{goal:>10}  {verdict}")
    ratio = results["datatable_first_paint_s"] / results["paged_all_first_paint_s"]
    print(f"\nOn the same {int(results['datatable_rows']):,} rows the stock DataTable takes "
          f"{ratio:.0f}x as long to show its first rows "
          f"({results['datatable_peak_rss_mb']:.0f} MB against "
          f"{results['paged_all_peak_rss_mb']:.0f} MB peak).")
    from benchmarks.seen_bench import report, verdicts

    print()
    print(report(seen))
    print()
    print(verdicts(seen))
    from benchmarks.slow_link import report as slow_report

    print()
    print(slow_report(slow))
    print()
    print("Under Pilot (above) and seen in the terminal (keys at once / once the app is idle), median:")
    pairs = (("filter_median_ms", "filter_median", "Filter keystroke"),
             ("sort_ms", "sort_median", "Sort"),
             ("scroll_end_ms", "scroll_end", "Jump to the last row"))
    print(f"  {'Hardware rows from process start':<34}{results['first_paint_s']:>7.2f} s under Pilot"
          f"{seen['medians']['hardware_rows']:>7.2f} s seen")
    for pilot, seen_key, label in pairs:
        at_once, idle = (seen["medians"][f"{phase}_{seen_key}"] * 1000 for phase in ("now", "idle"))
        print(f"  {label:<34}{results[pilot]:>7.0f} ms under Pilot{at_once:>7.0f} / {idle:.0f} ms seen")
    print(f"Importing 100,000 rows takes {results['import_100k_s'] / results['import_100k_csv_read_s']:.0f}x "
          f"as long as reading the file with Python's csv module alone "
          f"({results['import_100k_csv_read_s']:.2f} s).")

    RESULTS.write_text(json.dumps({
        "machine": {"python": platform.python_version(), "platform": platform.platform(),
                    "cpus": __import__("os").cpu_count()},
        "database": {"client": client, "client_assets": assets, **generation},
        "results": results,
        "forecast": forecast,
        "seen": seen,
    }, indent=2, default=str) + "\n")
    print(f"Written to {RESULTS.relative_to(HERE.parent)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
