"""What a person sees: itroad in a real pseudo-terminal, timed to the screen.

``python -m benchmarks.seen_bench DB CLIENT [--runs N] [--record]`` runs itroad on
the benchmark database in a 120×40 pseudo-terminal (:mod:`benchmarks.pty_driver`)
and times, from process start and from each key, the moment the expected text is
on the emulated screen. In each run a bare Textual app (:mod:`benchmarks.bare_app`)
is timed the same way just before, and every figure is also given as a ratio to the
bare app's first screen in that run: on a shared machine absolute times vary by 2×
from run to run, ratios much less.

Each run starts four fresh itroad processes on the largest client:

- **at once** (``now_…``): the first screen (the tab bar), then at once ``2`` and
  the Hardware tab's rows; ``/`` then ``latitu`` one key at a time (each until its
  count is on screen); Esc (every row again); ``s`` three times (each until a page
  of rows in the new order is on screen); ``End`` (the last row); ``n`` (the
  new-asset form's title); each other tab's first opening, 3–7; the Due view ``D``;
  the dashboard ``1``; then ``c`` (the client switcher), the second-largest
  client's code, Enter (its name in the header, then its Hardware rows), and the
  same back to the largest client. Each key goes as soon as the last one's text is
  seen, so all of this happens while the app's start-up work (the client's
  records, the dashboard's figures) still runs, as it does for a quick user;
- **once idle** (``idle_…``): the same keys, each sent only once the app's CPU
  has stayed under 5 % for half a second (read from ``/proc``): what each step
  costs on its own; also how long after start the app first goes idle;
- **dashboard**: no key at all: the dashboard's figures for the client, then for
  every client on its first page (computed in the background);
- **schedule**: ``5`` as soon as the tab bar shows: the Schedule tab's forecast.

The expected text is worked out from the database through the store (counts, the
first rows of a sort, the last row), never read back from the app. Prints one JSON
line: the median of each figure over the runs (seconds, and the ratio as
``…_ratio``), and every run's figures. ``--record`` also writes them into
``benchmarks/results.json`` (the ``seen`` section), keeping the other figures.
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from benchmarks.pty_driver import Expectation, PtyApp, clean_environment, matcher

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SIZE = (120, 40)
FILTER_TEXT = "latitu"
SORTS = 3
#: Seconds to wait for any one expectation before the run is given up.
TIMEOUT = 60.0
#: Seconds to wait for a chosen client to show before the switch is counted as ignored.
SWITCH_TIMEOUT = 15.0

#: Figures from process start (seconds), in report order.
START_FIGURES: list[tuple[str, str]] = [
    ("bare_first_screen", "Bare Textual app: first screen"),
    ("first_screen", "itroad: first screen (the tab bar)"),
    ("hardware_rows", "Hardware rows (2 pressed at the first screen)"),
    ("dashboard_client", "Dashboard (no key): the client's own figures"),
    ("dashboard_page", "Dashboard: every client on its first page"),
    ("schedule_early_forecast", "Schedule forecast (5 pressed at the first screen)"),
    ("idle_after", "The app goes idle (its CPU under 5 % for 0.5 s)"),
]

#: Figures from a key (seconds), each taken twice: keys pressed at once, while the
#: app's start-up work still runs ("now_…"), and again in another process once it
#: has gone idle ("idle_…").
KEY_FIGURES: list[tuple[str, str]] = [
    ("bare_key", "Bare Textual app: a key to its new text (median of 5)"),
    ("hardware_key", "Hardware tab (2): its rows"),
    ("filter_open", "Filter: / to the filter line"),
    ("filter_median", "Filter: median keystroke of 6 (latitu)"),
    ("filter_changed_median", "  keystrokes that change the rows (la, lat): median"),
    ("filter_worst", "  worst keystroke"),
    ("filter_clear", "Filter: Esc to all rows again (with Textual's 100 ms Esc wait)"),
    ("sort_median", "Sort by the next column (median of 3)"),
    ("scroll_end", "Jump to the last row (End)"),
    ("form_open", "New-asset form: n to its title"),
    ("tab_renewals", "First opening: Renewals (3)"),
    ("tab_contracts", "First opening: Contracts (4)"),
    ("tab_schedule", "First opening: Schedule (5), the forecast"),
    ("tab_roadmap", "First opening: Roadmap (6)"),
    ("tab_people", "First opening: People (7)"),
    ("due_view", "Due view: D to its totals"),
    ("tab_dashboard", "Dashboard (1) again, the client's figures"),
    ("switcher_open", "Client switcher: c to the list"),
    ("switch_header", "Switch to the 2nd-largest client: Enter to the header"),
    ("switch_rows", "  … to its Hardware rows"),
    ("switch_back_header", "Switch back to the largest client: Enter to the header"),
    ("switch_back_rows", "  … to its Hardware rows"),
    ("schedule_early_key", "Schedule forecast, 5 pressed at the first screen"),
]
PHASES = ("now", "idle")


def figure_keys() -> list[str]:
    """Every figure's key in a run's record (each also has a ``…_ratio``)."""
    keys = [key for key, _ in START_FIGURES] + ["bare_key", "schedule_early_key"]
    keys += [f"{phase}_{key}" for phase in PHASES for key, _ in KEY_FIGURES
             if key not in ("bare_key", "schedule_early_key")]
    return keys


# -- what the screen should show, from the database -------------------------------------


@dataclass(frozen=True)
class ClientFacts:
    code: str
    name: str
    assets: int
    first_tags: list[str]
    filter_counts: list[int]
    sorts: list[tuple[str, dict[str, int]]]  # per s: the status line's label, each tag's place
    tag_order: dict[str, int]  # each tag's place in the default order
    renewals: int
    first_renewal: str
    contracts: int
    first_contract: str


def client_facts(db_path: Path, code: str, as_of: date) -> ClientFacts:
    from itroad.store import list_clients, open_database
    from itroad.store.browse import ASSETS, CONTRACTS, RENEWALS, Query, count_rows, fetch_page
    from itroad.store.lookups import client_ref
    from itroad.tui.panes.hardware import COLUMNS

    db = open_database(db_path, readonly=True)
    try:
        ref = client_ref(db, code)
        assert ref is not None, code
        base = Query(ASSETS, as_of, client_id=ref.id)

        def tags(query: Query, offset: int = 0, limit: int = 3) -> list[str]:
            return [row["tag"] for row in fetch_page(db, query, offset, limit)]

        def order(query: Query) -> dict[str, int]:
            return {tag: place for place, tag in enumerate(tags(query, 0, 1 << 30))}

        sortable = [(c.label, c.sort_key) for c in COLUMNS if c.sort_key]
        keys = [key for _, key in sortable]
        index = keys.index(ASSETS.default_sort)
        sorts = []
        for step in range(1, SORTS + 1):
            label, key = sortable[(index + step) % len(sortable)]
            sorts.append((label, order(Query(ASSETS, as_of, client_id=ref.id, sort=key))))
        total = count_rows(db, base)
        renewals = Query(RENEWALS, as_of, client_id=ref.id)
        contracts = Query(CONTRACTS, as_of, client_id=ref.id)
        first_renewal = fetch_page(db, renewals, 0, 1)
        first_contract = fetch_page(db, contracts, 0, 1)
        name = next(c.name for c in list_clients(db) if c.code == code)
        return ClientFacts(
            code=code, name=name, assets=total, first_tags=tags(base),
            filter_counts=[count_rows(db, Query(ASSETS, as_of, client_id=ref.id, text=FILTER_TEXT[:n]))
                           for n in range(1, len(FILTER_TEXT) + 1)],
            sorts=sorts, tag_order=order(base),
            renewals=count_rows(db, renewals), first_renewal=first_renewal[0]["name"] if first_renewal else "",
            contracts=count_rows(db, contracts), first_contract=first_contract[0]["title"] if first_contract else "",
        )
    finally:
        db.close()


def rows_shown(tags: list[str]) -> Callable[[list[str]], bool]:
    """These tags head consecutive table lines, in this order."""
    def test(lines: list[str]) -> bool:
        for i in range(len(lines) - len(tags) + 1):
            if all(tag in lines[i + j].split()[:2] for j, tag in enumerate(tags)):
                return True
        return False
    return test


PLACEHOLDER = re.compile(r"^\s{1,3}…(\s|$)")


def page_in_order(places: dict[str, int], least: int = 10) -> Callable[[list[str]], bool]:
    """A page of real rows (no placeholder) that follow each other in this order.

    Wherever the table's cursor is (a sort keeps the row under it), a page whose
    rows are consecutive in the new order is the new order on screen.
    """
    def test(lines: list[str]) -> bool:
        if any(PLACEHOLDER.match(line) for line in lines):
            return False
        seen = [place for line in lines for token in line.split()[:2] if (place := places.get(token)) is not None]
        return len(seen) >= least and all(b == a + 1 for a, b in zip(seen, seen[1:]))
    return test


def all_of(*tests: Callable[[list[str]], bool] | str | re.Pattern[str]) -> Callable[[list[str]], bool]:
    made = [matcher(t) for t in tests]
    return lambda lines: all(t(lines) for t in made)


def none_of(text: str) -> Callable[[list[str]], bool]:
    return lambda lines: not any(text in line for line in lines)


ROADMAP_ROW = re.compile(r"^ \S.*\s(proposed|approved|in progress|done|cancelled)\s", re.M)
TAB_BAR = re.compile(r"Portfolio\s+Hardware\s+Renewals\s+Contracts")
FORECAST = re.compile(r"FY\d{4}\s+[\d,]+\.\d\d\s")


def hardware_shown(facts: ClientFacts) -> Callable[[list[str]], bool]:
    return all_of(f"{facts.assets:,} assets · sorted by Tag ▲", rows_shown(facts.first_tags))


def dashboard_row(code: str) -> re.Pattern[str]:
    return re.compile(rf"{re.escape(code)}\s+\d[\d,]* · ")


def dashboard_page(lines: list[str]) -> bool:
    rows = [line for line in lines if re.search(r"\bclient-\d+\b", line) and "·" in line]
    pending = [line for line in lines if re.match(r"\s*…\s+\S*\s*client-\d+", line)]
    return len(rows) > 1 and not pending


# -- the runs ----------------------------------------------------------------------------


class Run:
    def __init__(self, db_path: Path, facts: ClientFacts, other: ClientFacts, config_dir: Path,
                 source: Path | None = None) -> None:
        self.db_path, self.facts, self.other = db_path, facts, other
        extra = {"PYTHONPATH": str(source)} if source is not None else None
        self.env = clean_environment(columns=SIZE[0], lines=SIZE[1], config_dir=config_dir, extra=extra)
        self.figures: dict[str, float | None] = {}
        #: Each keystroke of the filter and each sort, by phase.
        self.strokes: dict[str, list[float]] = {}
        self.sorts: dict[str, list[float]] = {}
        #: What went wrong in the app and was counted rather than timed.
        self.notes: list[str] = []

    def spawn(self, argv: list[str]) -> PtyApp:
        return PtyApp(argv, size=SIZE, env=self.env, cwd=ROOT).start()

    def itroad(self) -> PtyApp:
        return self.spawn([sys.executable, "-m", "itroad", "--db", str(self.db_path), "--client", self.facts.code])

    def bare(self) -> None:
        with self.spawn([sys.executable, "-m", "benchmarks.bare_app"]) as app:
            self.figures["bare_first_screen"] = app.wait_for("ready", TIMEOUT, "bare app") - app.started
            keys = [app.key_to_screen("k", f"pressed {n}", TIMEOUT) for n in range(1, 6)]
            self.figures["bare_key"] = statistics.median(keys)

    def main(self) -> None:
        """Keys at once, as soon as each screen is there: start-up work still running."""
        facts, f = self.facts, self.figures
        with self.itroad() as app:
            f["first_screen"] = app.wait_for(TAB_BAR, TIMEOUT, "the tab bar") - app.started
            rows = app.expect(hardware_shown(facts))
            sent = app.press("2")  # at once: the first moment a person could
            seen = app.seen(rows, TIMEOUT, "Hardware rows")
            f["now_hardware_key"] = seen - sent
            f["hardware_rows"] = seen - app.started
            self.session_or_note(app, "now")

    def idle(self) -> None:
        """The same keys in a fresh process, each step once the app has gone idle."""
        facts, f = self.facts, self.figures
        with self.itroad() as app:
            app.wait_for(TAB_BAR, TIMEOUT, "the tab bar")
            quiet = app.wait_idle(timeout=4 * TIMEOUT)
            f["idle_after"] = None if quiet is None else quiet - app.started
            f["idle_hardware_key"] = app.key_to_screen("2", hardware_shown(facts), TIMEOUT, "Hardware rows")
            self.session_or_note(app, "idle", settle=True)

    def session_or_note(self, app: PtyApp, phase: str, settle: bool = False) -> None:
        """:meth:`session`; a step whose text never shows ends the phase with a note."""
        try:
            self.session(app, phase, settle)
        except TimeoutError as error:
            first, _, screen = str(error).partition("\n")
            first = first.removesuffix("; the screen was:")
            self.notes.append(f"{first} (the rest of this phase not measured); the screen began: "
                              + " / ".join(line.strip() for line in screen.splitlines()[:6] if line.strip()))

    def session(self, app: PtyApp, phase: str, settle: bool = False) -> None:
        """From the Hardware tab: filter, sort, End, a form, each other tab, the Due view,
        the dashboard, and switching client and back; ``settle``: each once the app is idle."""
        facts, other, f = self.facts, self.other, self.figures

        def step(name: str, key: str, expect: Expectation) -> None:
            if settle:
                app.wait_idle(timeout=TIMEOUT)
            f[f"{phase}_{name}"] = app.key_to_screen(key, expect, TIMEOUT, f"{phase}: {name}")

        step("filter_open", "/", "Filter /")
        strokes = self.strokes[phase] = []
        for n, count in enumerate(facts.filter_counts, start=1):
            if settle:
                app.wait_idle(timeout=TIMEOUT)
            status = f"{count:,} of {facts.assets:,} assets · filter “{FILTER_TEXT[:n]}”"
            strokes.append(app.key_to_screen(FILTER_TEXT[n - 1], status, TIMEOUT, status))
        f.update({f"{phase}_{key}": value for key, value in filter_figures(strokes, facts).items()})
        step("filter_clear", "escape",
             all_of(f"{facts.assets:,} assets · sorted by Tag ▲", page_in_order(facts.tag_order)))

        sorts = self.sorts[phase] = []
        for label, places in facts.sorts:
            if settle:
                app.wait_idle(timeout=TIMEOUT)
            shown = all_of(f"sorted by {label} ▲", page_in_order(places))
            sorts.append(app.key_to_screen("s", shown, TIMEOUT, f"sorted by {label}"))
        f[f"{phase}_sort_median"] = statistics.median(sorts)
        last = facts.sorts[-1][1]
        step("scroll_end", "end", rows_shown([max(last, key=last.__getitem__)]))

        title = f"New asset at {facts.name}"
        step("form_open", "n", title)
        app.press("escape")
        app.wait_for(none_of(title), TIMEOUT, "the form closed")

        step("tab_renewals", "3", all_of(f"{facts.renewals:,} renewals · ", facts.first_renewal[:20]))
        step("tab_contracts", "4", all_of(f"{facts.contracts:,} contracts · ", facts.first_contract[:20]))
        step("tab_schedule", "5", all_of("Forecast", FORECAST))
        step("tab_roadmap", "6", all_of(re.compile(r"\b\d[\d,]* initiatives · "), ROADMAP_ROW))
        step("tab_people", "7", re.compile(r"\b\d[\d,]* people · "))
        step("due_view", "D", all_of("Due within", re.compile(r"Total [A-Z]{3}\s+[\d,]+\.\d\d")))
        app.press("escape")
        app.wait_for(TAB_BAR, TIMEOUT, "back from the Due view")
        step("tab_dashboard", "1", dashboard_row(facts.code))
        app.key_to_screen("2", f"{facts.assets:,} assets · sorted by", TIMEOUT, "Hardware again")

        for prefix, target, back in (("switch", other, facts), ("switch_back", facts, other)):
            if settle:
                app.wait_idle(timeout=TIMEOUT)
            opened = app.key_to_screen("c", "Switch client", TIMEOUT, "the client switcher")
            if prefix == "switch":
                f[f"{phase}_switcher_open"] = opened
            app.type(target.code)
            app.wait_for(all_of(f"{target.name}  {target.code} · ", none_of(f"{back.name}  {back.code} · ")),
                         TIMEOUT, f"the switcher showing {target.code}")
            if settle:
                app.wait_idle(timeout=TIMEOUT)
            header = app.expect(re.compile(rf"^ itroad {re.escape(target.name)}\s", re.M))
            sent = app.press("enter")
            try:
                f[f"{phase}_{prefix}_header"] = app.seen(header, SWITCH_TIMEOUT, f"{target.code} in the header") - sent
            except TimeoutError:
                # Seen in this app: Enter on a client chosen soon after the last switch
                # sometimes leaves the previous client on screen. Counted, not timed.
                f[f"{phase}_{prefix}_ignored"] = 1.0
                self.notes.append(f"{phase}: Enter on {target.code} in the switcher left {back.code} "
                                  f"in the header for {SWITCH_TIMEOUT:g} s")
                return
            f[f"{phase}_{prefix}_rows"] = app.wait_for(hardware_shown(target), TIMEOUT,
                                                        f"{target.code}'s rows") - sent

    def dashboard(self) -> None:
        with self.itroad() as app:
            self.figures["dashboard_client"] = app.wait_for(dashboard_row(self.facts.code), TIMEOUT,
                                                            "the dashboard's figures") - app.started
            try:
                self.figures["dashboard_page"] = app.wait_for(dashboard_page, 2 * TIMEOUT) - app.started
            except TimeoutError:
                self.figures["dashboard_page"] = None

    def schedule(self) -> None:
        with self.itroad() as app:
            app.wait_for(TAB_BAR, TIMEOUT, "the tab bar")
            forecast = app.expect(all_of("Forecast", FORECAST))
            sent = app.press("5")
            seen = app.seen(forecast, TIMEOUT, "the forecast")
            self.figures["schedule_early_key"] = seen - sent
            self.figures["schedule_early_forecast"] = seen - app.started


def _median(values: list[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return statistics.median(present) if present else None


def measure(db_path: Path, client: str, runs: int = 3, source: Path | None = None) -> dict:
    from itroad.store import list_clients, open_database

    db = open_database(db_path, readonly=True)
    try:
        by_size = sorted(list_clients(db), key=lambda c: -c.assets)
    finally:
        db.close()
    second = next(c.code for c in by_size if c.code != client)
    as_of = date.today()
    facts, other = client_facts(db_path, client, as_of), client_facts(db_path, second, as_of)
    all_runs: list[dict[str, float | None]] = []
    with tempfile.TemporaryDirectory(prefix="itroad-seen-") as config:
        for number in range(1, runs + 1):
            run = Run(db_path, facts, other, Path(config), source)
            run.bare()
            run.main()
            run.idle()
            run.dashboard()
            run.schedule()
            bare = run.figures["bare_first_screen"]
            assert bare
            for key in figure_keys():
                value = run.figures.get(key)
                run.figures[f"{key}_ratio"] = None if value is None else value / bare
            print(f"  run {number}/{runs}: bare app {bare:.2f} s, Hardware rows {run.figures['hardware_rows']:.2f} s "
                  f"({run.figures['hardware_rows_ratio']:.1f}x), filter keystrokes at once "
                  f"{', '.join(f'{s * 1000:.0f}' for s in run.strokes['now'])} ms, once idle "
                  f"{', '.join(f'{s * 1000:.0f}' for s in run.strokes['idle'])} ms",
                  file=sys.stderr, flush=True)
            all_runs.append({**run.figures, "filter_strokes": run.strokes, "sort_strokes": run.sorts,
                             "notes": run.notes})
    medians: dict[str, float | None] = {}
    for key in figure_keys():
        medians[key] = _median([r.get(key) for r in all_runs])
        medians[f"{key}_ratio"] = _median([r.get(f"{key}_ratio") for r in all_runs])
    return {"client": client, "client_assets": facts.assets, "other_client": second,
            "other_client_assets": other.assets, "size": list(SIZE), "runs": runs,
            "filter_counts": facts.filter_counts, "medians": medians,
            "notes": [note for r in all_runs for note in r["notes"]], "each_run": all_runs}


def filter_figures(strokes: list[float], facts: ClientFacts) -> dict[str, float | None]:
    """Median and worst of a filter round, and the median of the keys that change the rows.

    A key that leaves the count as it was (``lati`` after ``lat``) leaves the same
    rows on screen: it is seen as soon as the filter line echoes it, whatever the
    query behind it costs.
    """
    before = [facts.assets, *facts.filter_counts[:-1]]
    changed = [s for s, was, now in zip(strokes, before, facts.filter_counts) if was != now]
    return {"filter_median": statistics.median(strokes), "filter_worst": max(strokes),
            "filter_changed_median": statistics.median(changed) if changed else None}


def _shown(value: float) -> str:
    return f"{value:.2f} s" if value >= 1 else f"{value * 1000:.0f} ms"


def _figure(seen: dict, key: str) -> str:
    """``412 ms  2.2x (180 ms–520 ms)``: the median, its ratio to the bare app, the range."""
    value, ratio = seen["medians"].get(key), seen["medians"].get(f"{key}_ratio")
    if value is None:
        return "not seen"
    each = [r[key] for r in seen["each_run"] if r.get(key) is not None]
    spread = f" ({_shown(min(each))}–{_shown(max(each))})" if len(each) > 1 else ""
    return f"{_shown(value):>7} {ratio:5.2f}x{spread}"


def report(seen: dict) -> str:
    """The figures as two tables: from process start, and from a key (at once / once idle)."""
    lines = [f"Seen in a {SIZE[0]}x{SIZE[1]} pseudo-terminal, {seen['client']} ({seen['client_assets']:,} assets), "
             f"median of {seen['runs']} runs, x the bare app's first screen in the same run (range):",
             "", f"{'from process start':<58}{'median':>7}"]
    lines += [f"{label:<58}{_figure(seen, key)}" for key, label in START_FIGURES]
    lines += ["", f"{'from the key':<58}{'keys at once':<34}once the app is idle"]
    for key, label in KEY_FIGURES:
        if key in ("bare_key", "schedule_early_key"):
            lines.append(f"{label:<58}{_figure(seen, key)}")
        else:
            lines.append(f"{label:<58}{_figure(seen, f'now_{key}'):<34}{_figure(seen, f'idle_{key}')}")
    if seen.get("notes"):
        lines += ["", "Counted, not timed:", *(f"  {note}" for note in seen["notes"])]
    return "\n".join(lines)


#: Issue 12's targets for what is seen: (figure, target, how it is read).
TARGETS: list[tuple[str, float, str]] = [
    ("filter_median", 0.050, "s"),
    ("filter_changed_median", 0.050, "s"),
    ("sort_median", 0.050, "s above the bare app's key"),
    ("scroll_end", 0.050, "s above the bare app's key"),
    *((key, 0.100, "s") for key in (
        "hardware_key", "tab_renewals", "tab_contracts", "tab_schedule", "tab_roadmap", "tab_people", "due_view",
        "tab_dashboard", "form_open", "switcher_open", "switch_rows", "switch_back_rows")),
]


VERDICT_LABELS = {
    "filter_changed_median": "Filter: keystrokes that change the rows, median",
    "switch_rows": "Switch to the 2nd-largest client: its Hardware rows",
    "switch_back_rows": "Switch back to the largest client: its Hardware rows",
}


def verdicts(seen: dict) -> str:
    """Each figure against its target: met, or missed by how much (at once / once idle)."""
    labels = dict(KEY_FIGURES)
    medians = seen["medians"]
    ratio = medians["hardware_rows_ratio"]
    lines = [f"{'against the targets':<58}{'target':>10}  {'keys at once':<30}once the app is idle",
             f"{'Hardware rows from process start, x the bare app':<58}{'2.5x':>10}  "
             f"{ratio:.2f}x: {'met' if ratio <= 2.5 else f'missed by {ratio - 2.5:.2f}x'}"]
    for key, target, unit in TARGETS:
        cells = []
        for phase in PHASES:
            value = medians.get(f"{phase}_{key}")
            if value is None:
                cells.append("not seen")
                continue
            if unit.startswith("s above"):
                value -= medians["bare_key"]
            sign = "+" if unit.startswith("s above") else ""
            cells.append(f"{sign}{value * 1000:.0f} ms: " + (
                "met" if value <= target else f"missed by {(value - target) * 1000:.0f} ms"))
        goal = f"{'+' if unit.startswith('s above') else ''}{target * 1000:.0f} ms"
        label = VERDICT_LABELS.get(key, labels[key].strip(" …"))
        lines.append(f"{label:<58}{goal:>10}  {cells[0]:<30}{cells[1]}")
    early = medians.get("schedule_early_key")
    if early is not None:
        verdict = "met" if early <= 0.1 else f"missed by {(early - 0.1) * 1000:.0f} ms"
        lines.append(f"{'Schedule forecast, 5 pressed at the first screen':<58}{'100 ms':>10}  "
                     f"{early * 1000:.0f} ms: {verdict}")
    return "\n".join(lines)


def record(seen: dict, path: Path = HERE / "results.json") -> None:
    """Write ``seen`` into results.json, keeping every other figure there."""
    data = json.loads(path.read_text()) if path.exists() else {}
    seen = {**seen, "measured": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
            "machine": {"python": platform.python_version(), "platform": platform.platform(),
                        "cpus": __import__("os").cpu_count()}}
    data["seen"] = seen
    results = data.setdefault("results", {})
    for key, value in seen["medians"].items():
        results[f"seen_{key}"] = value
    path.write_text(json.dumps(data, indent=2, default=str) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("db", type=Path)
    parser.add_argument("client")
    parser.add_argument("started", nargs="?", help="(the harness's start time: not used)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--record", action="store_true", help="write the figures into benchmarks/results.json")
    parser.add_argument("--source", type=Path, metavar="DIR",
                        help="run the itroad package found in DIR (its PYTHONPATH: a snapshot of one commit's "
                             "src/, say) instead of the installed one")
    args = parser.parse_args(argv)
    seen = measure(args.db, args.client, args.runs, args.source)
    if args.source is not None:
        seen["source"] = str(args.source)
    if args.record:
        print(report(seen) + "\n\n" + verdicts(seen), file=sys.stderr)
        record(seen)
    print(json.dumps(seen, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
