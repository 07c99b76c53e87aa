"""Schedule, Roadmap and People are imported, mounted and filled only when first shown.

The first screen imports none of their modules and reads none of the client's
records; the records are read once a tab built from them is open, and again
after a write only while one is.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import threading

from tests.conftest import AS_OF

from itroad.store import open_database
from itroad.store.editing import update_records
from itroad.store.kinds import ASSET
from itroad.tui.app import build_app
from itroad.tui.messages import RecordsChanged
from itroad.tui.panes import TAB_BY_ID
from itroad.tui.screens import main as main_module
from itroad.tui.testing import (
    capture_notifications,
    column,
    open_tab,
    screen_text,
    settle,
)

LAZY_MODULES = ("itroad.tui.panes.schedule", "itroad.tui.panes.roadmap", "itroad.tui.panes.people")

#: Runs the app headless in a fresh interpreter (this test process has imported every
#: tab already) and reports, after each step, which tab modules are imported and how
#: many times the client's records were read.
CHILD = textwrap.dedent("""
    import asyncio, json, sys
    from datetime import date

    from itroad.tui.screens import main
    from itroad.tui.app import build_app
    from itroad.tui.testing import settle

    reads = []
    read = main.load_client_data
    main.load_client_data = lambda *args: reads.append(args[1]) or read(*args)
    LAZY = {lazy!r}

    def state():
        return {{"imported": sorted(m for m in LAZY if m in sys.modules), "reads": len(reads)}}

    async def run():
        app = build_app(sys.argv[1], as_of=date.fromisoformat(sys.argv[2]))
        steps = {{}}
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            steps["start"] = state()
            await pilot.press("5")
            await settle(pilot)
            steps["schedule"] = state() | {{"active": app.main_screen.tabs.active}}
            await pilot.press("6")
            await settle(pilot)
            steps["roadmap"] = state()
        print(json.dumps(steps))

    asyncio.run(run())
""").format(lazy=LAZY_MODULES)


def test_opening_the_app_imports_no_schedule_roadmap_or_people_module(tui_db):
    done = subprocess.run([sys.executable, "-c", CHILD, str(tui_db), AS_OF.isoformat()],
                          capture_output=True, text=True, timeout=300, check=True)
    steps = json.loads(done.stdout.strip().splitlines()[-1])
    assert steps["start"] == {"imported": [], "reads": 0}
    assert steps["schedule"] == {"imported": ["itroad.tui.panes.schedule"], "reads": 1,
                                 "active": "schedule"}
    # The records read for Schedule serve Roadmap too: not read again.
    assert steps["roadmap"] == {"imported": ["itroad.tui.panes.roadmap",
                                             "itroad.tui.panes.schedule"], "reads": 1}


def _count_reads(monkeypatch) -> list[str]:
    reads: list[str] = []
    read = main_module.load_client_data

    def counting(db_path, code, as_of):
        reads.append(code)
        return read(db_path, code, as_of)

    monkeypatch.setattr(main_module, "load_client_data", counting)
    return reads


async def test_a_tab_shown_first_is_mounted_and_filled(tui_db):
    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert [app.main_screen.is_open(tab) for tab in ("schedule", "roadmap", "people")] == [
            False, False, False]
        await pilot.press("7")
        await settle(pilot)
        assert app.main_screen.is_open("people")
        assert app.main_screen.tabs.active == "people"
        assert app.focused is app.main_screen.pane("people").table
        assert column(app, "people", "assets") == ["1", "1", "1"]
        assert not app.main_screen.is_open("schedule")


async def test_a_write_reads_the_records_again_only_while_a_tab_needs_them(tui_db, monkeypatch):
    reads = _count_reads(monkeypatch)
    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        main = app.main_screen
        main.post_message(RecordsChanged())
        await settle(pilot)
        assert reads == []  # Hardware and the other first tabs page from SQL
        await open_tab(pilot, "schedule")
        assert reads == ["acme"]
        assert column(app, "schedule", "tag") == ["ACME-0001", "ACME-0003", "ACME-0002"]
        # An asset retired elsewhere leaves the schedule once the tab is told.
        db = open_database(tui_db)
        try:
            row_id = db.execute("select id from assets where tag = 'ACME-0003'").fetchone()[0]
            update_records(db, ASSET, [row_id], {"status": "retired"})
        finally:
            db.close()
        main.post_message(RecordsChanged())
        await settle(pilot)
        assert reads == ["acme", "acme"]
        assert column(app, "schedule", "tag") == ["ACME-0001", "ACME-0002"]


async def test_switching_client_while_a_tab_opens_shows_the_new_client(tui_db):
    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        main = app.main_screen
        main.action_show_tab("people")  # mounting starts...
        main.select_client("zenith")  # ...and another client is opened before it is done
        await settle(pilot)
        assert main.client_code == "zenith"
        assert column(app, "people", "name") == ["Zoe Zed"]


async def test_records_that_cannot_be_read_are_tried_again_by_the_next_tab(tui_db, monkeypatch):
    read = main_module.load_client_data
    failures = ["database is locked"]

    def flaky(db_path, code, as_of):
        if failures:
            raise OSError(failures.pop())
        return read(db_path, code, as_of)

    monkeypatch.setattr(main_module, "load_client_data", flaky)
    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        seen = capture_notifications(app)
        await settle(pilot)
        await open_tab(pilot, "people")
        assert [n["title"] for n in seen] == ["Database"]
        assert "database is locked" in seen[0]["message"]
        await open_tab(pilot, "roadmap")  # reads them again, and this time they come
        assert column(app, "roadmap", "accountable") == ["Jane Doe", ""]
        assert column(app, "people", "assets") == ["1", "1", "1"]


async def test_a_tab_that_waits_for_the_records_says_so(tui_db, monkeypatch):
    release = threading.Event()
    read = main_module.load_client_data

    def slow(db_path, code, as_of):
        release.wait(30)
        return read(db_path, code, as_of)

    monkeypatch.setattr(main_module, "load_client_data", slow)
    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("6")
        assert "TabPane" not in screen_text(app)  # an empty tab draws blank, not its name
        for _ in range(100):  # not settle(): it would wait for the read held above
            if "Reading Acme Dental's records…" in screen_text(app):
                break
            await pilot.pause(0.05)
        assert "Reading Acme Dental's records…" in screen_text(app)
        release.set()
        await settle(pilot)
        assert "Reading" not in screen_text(app)
        assert column(app, "roadmap", "accountable") == ["Jane Doe", ""]
        # The tab had nothing to focus while it waited; now its keys work.
        assert app.focused is app.main_screen.pane("roadmap").table


async def test_a_tab_filled_after_it_was_shown_takes_the_focus(sample_db):
    TAB_BY_ID["schedule"].pane_class()  # imported already: mounted at once, filled later
    app = build_app(sample_db, as_of=AS_OF)
    app.animation_level = "none"
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("5")  # Schedule: nothing to focus until its figures come
        await settle(pilot)
        schedule = app.main_screen.pane("schedule")
        assert app.focused is not None and schedule in app.focused.ancestors
        await pilot.press("Q")  # its keys work: quarters
        await settle(pilot)
        assert "Fiscal quarters" in screen_text(app)
