"""Typing into the filter over a thin link: does the screen keep up with the keys?

itroad runs at 80×24 with ``--no-mouse`` in a pseudo-terminal whose reader takes the
program's output at a fixed rate (:class:`benchmarks.pty_driver.PtyApp` with ``rate``):
once the terminal's buffer is full the program's writes wait, as over ssh. On the
largest client, once the app is idle on the Hardware tab, ``/`` opens the filter and
``latitu`` is typed at 60 ms a key; the figure is the time from the first key until the
screen shows the filter ``latitu`` with its count, and the bytes the app wrote for it.
A bare ↓ (the cursor one row down) is counted in bytes too. Latency adds its round trip
on top of these figures and is not imitated.

    python -m benchmarks.slow_link DB CLIENT [START]   (prints one JSON line last)
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from benchmarks.pty_driver import PtyApp, clean_environment
from benchmarks.seen_bench import FILTER_TEXT, TAB_BAR, client_facts, hardware_shown

ROOT = Path(__file__).resolve().parent.parent
SIZE = (80, 24)
#: Bytes a second: a modest link, and a thin one.
RATES = (64_000, 16_000)
KEY_GAP = 0.06
TIMEOUT = 120.0
RUNS = 2


def settle(app: PtyApp, window: float = 0.5) -> None:
    """Wait until the app is idle and nothing more reaches the terminal for ``window`` s."""
    app.wait_idle(timeout=TIMEOUT)
    deadline = time.monotonic() + TIMEOUT
    seen = -1
    while app.bytes_read != seen and time.monotonic() < deadline:
        seen = app.bytes_read
        time.sleep(window)


def one_run(db_path: Path, client: str, rate: int, final: str, hardware) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as config:
        env = clean_environment(columns=SIZE[0], lines=SIZE[1], config_dir=Path(config))
        argv = [sys.executable, "-m", "itroad", "--db", str(db_path), "--client", client, "--no-mouse"]
        with PtyApp(argv, size=SIZE, env=env, cwd=ROOT, rate=rate) as app:
            app.wait_for(TAB_BAR, TIMEOUT, "the tab bar")
            settle(app)
            app.key_to_screen("2", hardware, TIMEOUT, "Hardware rows")
            settle(app)
            before = app.bytes_read
            app.press("down")
            settle(app)
            down_bytes = app.bytes_read - before
            app.key_to_screen("slash", "Filter /", TIMEOUT, "the filter line")
            settle(app)
            before = app.bytes_read
            waiter = app.expect(final)
            first = time.monotonic()
            for key in FILTER_TEXT:
                app.press(key)
                time.sleep(KEY_GAP)
            typed = time.monotonic() - first
            seen = app.seen(waiter, TIMEOUT, f"the filter {FILTER_TEXT!r}") - first
            settle(app)
            return {"seen_s": seen, "typed_s": typed, "filter_bytes": app.bytes_read - before,
                    "down_bytes": down_bytes}


def measure(db_path: Path, client: str, runs: int = RUNS) -> dict:
    facts = client_facts(db_path, client, date.today())
    final = f"{facts.filter_counts[-1]:,} of {facts.assets:,} assets · filter “{FILTER_TEXT}”"
    hardware = hardware_shown(facts)
    links = {}
    for rate in RATES:
        measured = [one_run(db_path, client, rate, final, hardware) for _ in range(runs)]
        links[str(rate)] = {key: statistics.median(run[key] for run in measured) for key in measured[0]}
        print(f"  {rate // 1000} KB/s: {FILTER_TEXT!r} on screen {links[str(rate)]['seen_s']:.2f} s "
              f"after the first key, {links[str(rate)]['filter_bytes'] / 1000:.1f} KB written", flush=True)
    return {"links": links, "keys": len(FILTER_TEXT), "key_gap_s": KEY_GAP}


def report(measured: dict) -> str:
    lines = [f"Over a thin link (80x24, --no-mouse): {FILTER_TEXT!r} typed at "
             f"{measured['key_gap_s'] * 1000:.0f} ms a key, on screen after the first key"]
    for rate, figures in measured["links"].items():
        lines.append(f"  {int(rate) // 1000:>3} KB/s: {figures['seen_s']:5.2f} s "
                     f"(typed in {figures['typed_s']:.2f} s), "
                     f"{figures['filter_bytes'] / 1000:5.1f} KB for the six keys, "
                     f"{figures['down_bytes'] / 1000:.1f} KB for one ↓")
    return "\n".join(lines)


if __name__ == "__main__":
    print(json.dumps(measure(Path(sys.argv[1]), sys.argv[2])))
