"""The Import screen: a CSV file checked (the first records, the problems, what would
change), then imported, the tabs and the client list read again; file text literal.
And the worker's functions (tui/import_run.py) without a Pilot."""

from __future__ import annotations

import time
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from tests.conftest import AS_OF, ROOT
from tests.tui_helpers import press_then_settle, snapshot_app

from itroad.domain.errors import ItroadError
from itroad.store import list_clients, open_database
from itroad.tui.app import build_app
from itroad.tui.import_run import (
    ImportChoices,
    ImportOutcome,
    ImportStopped,
    Progress,
    outcome_text,
    preview_table,
    run_import,
)
from itroad.tui.screens.import_file import ImportScreen
from itroad.tui.testing import column, screen_text, settle

SNIPEIT = ROOT / "tests" / "interchange" / "fixtures" / "snipeit"
INTUNE = ROOT / "tests" / "interchange" / "fixtures" / "intune"
CSV = ROOT / "tests" / "interchange" / "fixtures" / "csv"
HOSTILE = ("[bold]x[/]", "[@click=app.quit]Quit?[/]")


@pytest.fixture(autouse=True)
def _no_blink(frozen_blink):
    pass


def hostile_file(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.csv"
    bold, click = HOSTILE
    path.write_text("Company,Asset Tag,Asset Name,Category,Purchase Date,Purchase Cost\n"
                    f"{bold},HX-1,{click},laptop,1/2/2024,$100.00\n"
                    f"{bold},HX-2,{bold},laptop,3/4/2024,\"$1,200.50\"\n", encoding="utf-8")
    return path


def asset_tags(db: Path) -> set[str]:
    conn = open_database(db, readonly=True)
    try:
        return {row[0] for row in conn.execute("SELECT tag FROM assets").fetchall()}
    finally:
        conn.close()


async def open_import(pilot) -> ImportScreen:
    await settle(pilot)
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*"Import a file")
    await pilot.pause(0.3)  # the palette searches in a worker, batched
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ImportScreen)
    return screen


async def check(pilot, path: Path | str) -> None:
    """Type ``path`` in the File field and check (Enter)."""
    await pilot.press(*str(path), "enter")
    await settle(pilot)


# -- the screen ---------------------------------------------------------------------


async def test_check_shows_the_first_records_and_the_report(sample_db):
    app = build_app(sample_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_import(pilot)
        assert screen.field("client").read() == "harbor"  # the client open
        before = asset_tags(sample_db)
        await check(pilot, SNIPEIT / "assets-us.csv")
        text = screen_text(app)
        assert "6 records of Snipe-IT assets read, no problem" in screen.status
        assert "Tag" in text and "Purchased" in text
        assert "ACME-0010" in text and "1,249.50" in text and "2023-01-23" in text
        assert "would update client harbor" in screen.details
        # worded as itroad import words it
        assert "About the file:\nassets-us.csv: 6 records read as Snipe-IT assets\n" \
            "columns not imported (they feed no field of itroad): " in screen.details
        assert asset_tags(sample_db) == before  # a check writes nothing


async def test_a_bad_file_shows_its_problems_and_cannot_be_imported(sample_db):
    app = build_app(sample_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_import(pilot)
        await pilot.press("ctrl+s")
        assert "Check the file first" in screen.status
        await check(pilot, SNIPEIT / "assets-bad.csv")
        details = screen.details
        assert "6 problems, nothing imported" in screen.status
        assert ('assets-bad.csv: record 2 (line 3), column "Purchase Date", value "2/30/2023"'
                in details)
        assert "What the import would do" not in details
        before = asset_tags(sample_db)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Check the file first" in screen.status
        assert asset_tags(sample_db) == before
        # a file that is not there: one sentence, no crash
        await pilot.press("ctrl+u")
        await check(pilot, "~/no-such-file-here.csv")
        assert "1 problem, nothing imported" in screen.status
        assert "no-such-file-here.csv: no such file" in screen.details
        await pilot.press("ctrl+u")
        await check(pilot, "")
        assert screen.status == "Type the path of the CSV file to import."


async def test_an_import_shows_the_new_tag_in_the_hardware_tab(sample_db):
    app = build_app(sample_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_import(pilot)
        await check(pilot, SNIPEIT / "assets-us.csv")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert screen.status == "Imported 6 records of Snipe-IT assets."
        assert "What the import did:" in screen.details
        assert "ACME-0010" in asset_tags(sample_db)
        await pilot.press("ctrl+s")  # once is enough
        assert "Imported already" in screen.status
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is app.main_screen
        await pilot.press("2")
        await settle(pilot)
        assert "ACME-0010" in column(app, "hardware", "tag")


async def test_changed_choices_need_a_new_check(sample_db):
    app = build_app(sample_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_import(pilot)
        await check(pilot, SNIPEIT / "assets-us.csv")
        screen.field("date_order").write("dmy")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "The choices changed since the check" in screen.status
        assert "ACME-0010" not in asset_tags(sample_db)


async def test_a_client_per_company_reaches_the_client_list(sample_db, tmp_path):
    app = build_app(sample_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_import(pilot)
        screen.field("client").write(None)  # (from the file): one client per Company
        await check(pilot, hostile_file(tmp_path))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert screen.status == "Imported 2 records of Snipe-IT assets."
        await pilot.press("escape")
        await settle(pilot)
        assert "bold-x" in [c.code for c in app.main_screen.data.clients]
        await pilot.press("c")
        await settle(pilot)
        assert "bold-x" in screen_text(app)


async def test_text_from_the_file_is_shown_literally(sample_db, tmp_path):
    app = build_app(sample_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_import(pilot)
        screen.field("client").write(None)
        await check(pilot, hostile_file(tmp_path))
        text = screen_text(app)
        bold, click = HOSTILE
        assert bold in text  # a name in the preview, the client's name in the report
        assert "[@click=app.quit]Quit?[" in text
        assert f"would add client bold-x ({bold}, named after" in text
        await pilot.click("#import-preview")
        await settle(pilot)
        assert app.is_running


async def test_an_error_is_shown_literally(sample_db, monkeypatch):
    from itroad.tui.screens import import_file

    bold, click = HOSTILE

    def refused(db_path, choices, **options):
        raise ItroadError(f"{bold} cannot be read: {click}\x1b[2J")

    monkeypatch.setattr(import_file, "run_import", refused)
    app = build_app(sample_db, as_of=AS_OF)
    async with app.run_test(size=(120, 24)) as pilot:
        screen = await open_import(pilot)
        await check(pilot, "x.csv")
        assert screen.status == f"{bold} cannot be read: {click}␛[2J"
        assert f"{bold} cannot be read: {click}" in screen_text(app)
        assert app.is_running


async def test_intune_offers_enrollment_dates_and_personal_devices(sample_db):
    app = build_app(sample_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_import(pilot)
        assert not screen.field("enrolled").display and not screen.field("personal").display
        screen.field("source").write("intune")
        screen.field("source").changed()  # as choosing it does
        await settle(pilot)
        assert screen.field("enrolled").display and screen.field("personal").display
        assert "Personal devices too" in screen_text(app)
        assert not screen.choices().include_personal
        screen.field("personal").write(True)
        assert screen.choices().include_personal
        screen.field("source").write("snipeit")
        screen.field("source").changed()
        await settle(pilot)
        assert not screen.choices().include_personal  # Intune's alone


async def test_esc_during_an_import_stops_it_and_nothing_is_written(sample_db, monkeypatch):
    from itroad.tui.screens import import_file

    real = import_file.run_import

    def slow(db_path, choices, *, stop, **options):
        def waiting() -> bool:  # the first record waits for Esc (at most 5 s)
            deadline = time.monotonic() + 5
            while not stop() and time.monotonic() < deadline:
                time.sleep(0.01)
            return stop()

        return real(db_path, choices, stop=stop if options["dry_run"] else waiting, **options)

    monkeypatch.setattr(import_file, "run_import", slow)
    app = build_app(sample_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_import(pilot)
        await check(pilot, SNIPEIT / "assets-us.csv")
        await pilot.press("ctrl+s")
        assert screen.running == "import"
        assert "Esc stops the import: nothing is written" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen
        assert screen.status == "Stopped: nothing was written."
        assert "ACME-0010" not in asset_tags(sample_db)


async def test_esc_closes_the_screen(sample_db):
    app = build_app(sample_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_import(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is app.main_screen


@pytest.mark.snapshot
def test_import_screen_checked(snap_compare, sample_db, monkeypatch):
    monkeypatch.chdir(SNIPEIT)  # the path typed is the same on every machine

    async def run_before(pilot) -> None:
        await open_import(pilot)
        await press_then_settle(*"assets-us.csv", "enter")(pilot)

    assert snap_compare(snapshot_app(sample_db), terminal_size=(80, 24), run_before=run_before)


# -- the worker's functions ---------------------------------------------------------


def empty_database(tmp_path: Path) -> Path:
    path = tmp_path / "empty.db"
    open_database(path).close()
    return path


def test_run_import_reports_progress_and_writes(tmp_path):
    db = empty_database(tmp_path)
    seen: list[Progress] = []
    choices = ImportChoices(path=str(SNIPEIT / "assets-us.csv"))
    checked = run_import(db, choices, as_of=AS_OF, dry_run=True, progress=seen.append, every=2)
    assert checked.ok and checked.dry_run and checked.records == 6
    assert [p.records for p in seen] == [2, 4, 6, 6]
    assert seen[-1].bytes_read == seen[-1].total_bytes == (SNIPEIT / "assets-us.csv").stat().st_size
    assert [item.record.tag for item in checked.preview] == [
        "ACME-0010", "ACME-0011", "ACME-0012", "BV-0001", "BV-0002"]
    assert asset_tags(db) == set()
    imported = run_import(db, choices, as_of=AS_OF, dry_run=False)
    assert imported.ok and not imported.dry_run
    assert {"ACME-0010", "BV-0001"} <= asset_tags(db)
    conn = open_database(db, readonly=True)
    try:
        assert {c.code for c in list_clients(conn)} == {"acme-dental", "bayview-law"}
    finally:
        conn.close()


def test_a_stopped_import_writes_nothing(tmp_path):
    db = empty_database(tmp_path)
    asked = []

    def stop() -> bool:
        asked.append(1)
        return len(asked) > 3

    with pytest.raises(ImportStopped):
        run_import(db, ImportChoices(path=str(SNIPEIT / "assets-us.csv")), as_of=AS_OF,
                   dry_run=False, stop=stop)
    assert asset_tags(db) == set()


def test_problems_are_listed_with_the_file_name(tmp_path):
    db = empty_database(tmp_path)
    outcome = run_import(db, ImportChoices(path=str(SNIPEIT / "assets-bad.csv")), as_of=AS_OF,
                         dry_run=True)
    assert not outcome.ok and outcome.report is None and outcome.total_problems == 7
    text = outcome_text(outcome).plain
    assert text.startswith("Problems (7):\nassets-bad.csv: record 2 (line 3)")
    assert str(SNIPEIT) not in text


def test_intune_is_read_with_the_serial_numbers_of_the_database(tmp_path):
    db = empty_database(tmp_path)
    devices = ImportChoices(path=str(INTUNE / "intune-devices.csv"), source="intune",
                            client="acme")
    first = run_import(db, devices, as_of=date(2026, 1, 1), dry_run=False)
    assert first.ok
    conn = open_database(db)
    try:
        conn.execute("UPDATE assets SET tag = 'RENAMED' WHERE tag = 'ACME-LT-001'")
        conn.commit()
    finally:
        conn.close()
    again = run_import(db, devices, as_of=date(2026, 1, 1), dry_run=False)
    assert again.ok and "ACME-LT-001" not in asset_tags(db)  # found by its serial number
    personal = run_import(db, ImportChoices(path=devices.path, source="intune", client="acme",
                                            include_personal=True),
                          as_of=date(2026, 1, 1), dry_run=True)
    assert personal.ok and personal.report is not None
    assert "personally owned device" not in outcome_text(personal).plain
    assert "personally owned device" in outcome_text(again).plain


def test_a_mapping_that_does_not_fit_is_a_problem(tmp_path):
    db = empty_database(tmp_path)
    outcome = run_import(db, ImportChoices(path=str(CSV / "glpi-computers.csv"), source="csv",
                                           kind="renewals", client="acme",
                                           mapping="glpi-computers"),
                         as_of=AS_OF, dry_run=True)
    assert outcome.total_problems == 1 and "the mapping is for assets" in outcome.problems[0]


def test_intune_devices_as_assets(tmp_path):
    db = empty_database(tmp_path)
    outcome = run_import(db, ImportChoices(path=str(INTUNE / "intune-devices.csv"),
                                           source="intune", client="acme"),
                         as_of=date(2026, 1, 1), dry_run=False)
    assert outcome.ok and outcome.label == "Intune devices"
    assert "ACME-LT-001" in asset_tags(db)


def test_preview_cells_are_text():
    from itroad.domain.incoming import ClientKey, Incoming, Place
    from itroad.domain.models import Asset

    bold, _ = HOSTILE
    item = Incoming(Place("f.csv", 1, 2), ClientKey(name=bold),
                    Asset(tag="T-1", name=bold, category="laptop", purchase_cost=Decimal("5")),
                    frozenset({"tag", "purchase_cost"}))
    outcome = ImportOutcome(dry_run=True, preview=[item])
    headings, rows = preview_table(outcome, with_client=True)
    assert headings == ["Tag", "Name", "Category", "Purchased", "Cost", "Client"]
    assert [c.plain for c in rows[0]] == ["T-1", bold, "laptop", "", "5.00", bold]
    assert not any(c.spans for c in rows[0])
    # a device list (no purchases): serials and people instead
    device = Incoming(Place("f.csv", 1, 2), ClientKey(code="acme"),
                      Asset(tag="PC-1", name="PC-1", category="laptop", serial="S1",
                            assigned_to="jo@acme.example"), frozenset({"tag", "serial"}))
    headings, rows = preview_table(ImportOutcome(dry_run=True, preview=[device]),
                                   with_client=False)
    assert headings == ["Tag", "Name", "Category", "Serial", "Assigned to"]
    assert [c.plain for c in rows[0]] == ["PC-1", "PC-1", "laptop", "S1", "jo@acme.example"]
