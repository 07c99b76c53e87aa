"""Importing a large Snipe-IT asset export: ``python -m benchmarks.import_bench ROWS STARTED``.

Writes (once) a deterministic Snipe-IT asset CSV of ROWS rows to
``benchmarks/data/snipeit-ROWS.csv``, then, each in a fresh process:

- reads it with Python's ``csv`` module and nothing else: the floor any importer
  stands on, for the ratio;
- runs ``itroad import snipeit`` on it into a new database (check, then write, in
  one transaction), and measures its time and peak RSS;
- runs the same import again: nothing changes, which is the idempotent path.

Prints one JSON line with the figures.
"""

from __future__ import annotations

import csv
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"

HEADER = ["Company", "Asset Tag", "Asset Name", "Category", "Manufacturer", "Model Name",
          "Model Number", "Serial", "Location", "Purchase Date", "Purchase Cost", "Warranty",
          "Asset EOL Date", "Status", "Checked Out To", "Email", "Notes"]
MODELS = [("Laptops", "Dell", "Latitude 5440", 1249.50), ("Laptops", "Lenovo", "ThinkPad T14", 1399.00),
          ("Desktops", "HP", "EliteDesk 800 G6", 899.99), ("Monitors", "Dell", "P2422H", 229.00),
          ("Phones", "Apple", "iPhone 14", 799.00), ("Tablets", "Apple", "iPad Air", 649.00),
          ("Servers", "Dell", "PowerEdge R650", 8450.00), ("Switches", "Cisco", "C9200-24T", 3120.00)]
COMPANIES = ["Acme Corp", "Globex", "Initech", "Umbrella Health", "Stark Logistics"]
SITES = ["HQ", "Branch North", "Branch South", "Warehouse", "Remote"]


def write_export(path: Path, rows: int, seed: int = 10) -> None:
    """A Snipe-IT asset export as its custom report writes it (CRLF, US dates)."""
    rng = random.Random(seed)
    start = date(2018, 1, 1)
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle, lineterminator="\r\n")
        out.writerow(HEADER)
        for i in range(rows):
            category, maker, model, cost = MODELS[rng.randrange(len(MODELS))]
            bought = start + timedelta(days=rng.randrange(2900))
            person = rng.randrange(rows // 4 + 1)
            checked_out = rng.random() < 0.8
            out.writerow([
                COMPANIES[i % len(COMPANIES)], f"A{i:07d}", f"{model} {i}", category, maker, model,
                f"MN-{rng.randrange(1000)}", f"SN{rng.randrange(10**10):010d}", SITES[i % 5],
                f"{bought.month}/{bought.day}/{bought.year}", f"${cost * (1 + rng.random() / 10):,.2f}",
                rng.choice(["12", "24", "36", "36 months"]), "",
                "Deployed" if checked_out else "Ready to Deploy",
                f"Person {person}" if checked_out else "",
                f"person{person}@example.com" if checked_out else "",
                "" if rng.random() < 0.9 else "bought with the \"refresh\", see ticket 12,345",
            ])


def _peak_of(command: list[str]) -> tuple[float, float, str]:
    """Seconds and peak RSS (MB) of a child process (its own, from ``wait4``), and its stdout."""
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=errors)
        assert child.stdout is not None
        said = child.stdout.read().decode()
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            errors.seek(0)
            raise SystemExit(f"{' '.join(command)} failed ({child.returncode}):\n"
                             f"{errors.read().decode()[-3000:]}")
    return elapsed, usage.ru_maxrss / 1024, said


def measure(rows: int) -> dict[str, float]:
    DATA.mkdir(parents=True, exist_ok=True)
    export = DATA / f"snipeit-{rows}.csv"
    if not export.exists():
        write_export(export, rows)
    floor = [sys.executable, "-c", "import csv,sys; sum(1 for _ in csv.reader(open(sys.argv[1], "
             "newline='', encoding='utf-8')))", str(export)]
    csv_s, _, _ = _peak_of(floor)
    with tempfile.TemporaryDirectory() as folder:
        db = str(Path(folder) / "import.db")
        command = [sys.executable, "-m", "itroad", "import", "snipeit", str(export), "--db", db,
                   "--as-of", "2026-12-01"]
        first_s, first_mb, said = _peak_of(command)
        again_s, again_mb, said_again = _peak_of(command)
    if "unchanged" not in said_again:
        raise SystemExit(f"the second import changed something:\n{said_again[-2000:]}")
    return {"rows": rows, "csv_read_s": round(csv_s, 2), "import_s": round(first_s, 2),
            "import_ratio": round(first_s / csv_s, 1), "import_peak_mb": round(first_mb, 1),
            "reimport_s": round(again_s, 2), "reimport_peak_mb": round(again_mb, 1),
            "file_mb": round(export.stat().st_size / 2**20, 1)}


if __name__ == "__main__":
    print(json.dumps(measure(int(sys.argv[1]))))
