"""Intune's export of all devices read as assets (interchange/intune.py)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from itroad.domain.incoming import ClientKey, Incoming, ReadItem, RowProblem
from itroad.domain.models import Asset, Person
from itroad.interchange.csv_fields import ReadOptions
from itroad.interchange.csv_file import header_key
from itroad.interchange.intune import IntuneSource

FIXTURES = Path(__file__).parent / "fixtures" / "intune"
EXPORT = FIXTURES / "intune-devices.csv"
BAD = FIXTURES / "intune-bad.csv"


def read(path: Path, **options: Any) -> tuple[IntuneSource, list[ReadItem]]:
    source = IntuneSource(path, client="acme", **options)
    return source, list(source)


def assets(items: list[ReadItem]) -> dict[str, Incoming]:
    found = {}
    for item in items:
        assert isinstance(item, Incoming), str(item)
        found[asset(item).tag] = item
    return found


def asset(item: Incoming) -> Asset:
    assert isinstance(item.record, Asset)
    return item.record


def written(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "export.csv"
    path.write_text(text, encoding="utf-8")
    return path


# -- the export as the portal writes it (UTF-8 with a BOM, CRLF) -----------------------

def test_the_fixture_is_as_intune_writes_it() -> None:
    data = EXPORT.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfDevice ID,Device name,")
    assert data.count(b"\r\n") == 21 and data.count(b"\n") == 21


def test_every_company_device_is_an_asset_of_the_client() -> None:
    source, items = read(EXPORT)
    found = assets(items)
    assert list(found) == [
        "ACME-LT-001", "ACME-LT-002", "ACME-LT-003", "ACME-LT-004", "ACME-LT-005",
        "ACME-DT-001", "ACME-DT-002", "ACME-DT-003", "Janes-MacBook-Pro", "ACME-MAC-02",
        "iPhone", "G6TZD9XYN72J", "Priya's iPad", "Galaxy S23", "Galaxy Tab S8",
        "4KJW7R3", "ACME-VM-01", "ACME-KIOSK-01", "ACME-LT-006",
    ]
    assert source.kind == "assets" and source.label == "Intune devices"
    assert source.records == 20
    assert {item.client for item in items if isinstance(item, Incoming)} == {
        ClientKey(code="acme")}
    # The Pixel is personally owned (record 15): records 16 on start one line lower.
    assert [(i.place.record, i.place.line) for i in found.values()][14:16] == [(16, 17), (17, 18)]
    assert source.notices == ['1 personally owned device was not imported (Ownership "Personal")']


def test_a_device_as_an_asset() -> None:
    item = assets(read(EXPORT)[1])["ACME-LT-001"]
    assert asset(item) == Asset(
        tag="ACME-LT-001", name="ACME-LT-001", category="laptop", manufacturer="Dell Inc.",
        model="Latitude 7440", serial="7HQX2Y3", os="Windows 10.0.22631.2861",
        assigned_to="jane.doe@acme.example")
    assert item.people == (Person(name="Jane Doe", email="jane.doe@acme.example"),)
    assert item.given == {"tag", "name", "category", "manufacturer", "model", "serial", "os",
                          "assigned_to"}
    assert item.columns == {
        "serial": "Serial number", "tag": "Device name", "name": "Device name",
        "manufacturer": "Manufacturer", "model": "Model", "os": "OS",
        "assigned_to": "Primary user email address"}
    assert item.notices == ()


def test_categories_from_the_model_and_the_system() -> None:
    found = assets(read(EXPORT)[1])
    assert {tag: asset(item).category for tag, item in found.items()} == {
        "ACME-LT-001": "laptop", "ACME-LT-002": "device", "ACME-LT-003": "laptop",
        "ACME-LT-004": "laptop", "ACME-LT-005": "laptop", "ACME-DT-001": "desktop",
        "ACME-DT-002": "desktop", "ACME-DT-003": "desktop", "Janes-MacBook-Pro": "laptop",
        "ACME-MAC-02": "desktop", "iPhone": "phone", "G6TZD9XYN72J": "phone",
        "Priya's iPad": "tablet", "Galaxy S23": "phone", "Galaxy Tab S8": "tablet",
        "4KJW7R3": "laptop", "ACME-VM-01": "device", "ACME-KIOSK-01": "desktop",
        "ACME-LT-006": "laptop",
    }
    # A category no rule gave is not given: an asset in itroad keeps the one it has.
    assert "category" not in found["ACME-LT-002"].given
    assert "category" not in found["ACME-VM-01"].given
    assert "category" in found["iPhone"].given


def test_the_operating_system_with_its_version() -> None:
    found = assets(read(EXPORT)[1])
    assert asset(found["iPhone"]).os == "iOS 17.2"
    assert asset(found["Priya's iPad"]).os == "iPadOS 17.1.2"
    assert asset(found["Galaxy S23"]).os == "Android 14"
    assert asset(found["Janes-MacBook-Pro"]).os == "macOS 14.2.1 (23C71)"
    assert asset(found["ACME-DT-001"]).os == "Windows 10.0.19045.3803"


def test_a_repeated_device_name_is_tagged_by_the_serial() -> None:
    found = assets(read(EXPORT)[1])
    first, second = found["iPhone"], found["G6TZD9XYN72J"]
    assert (asset(first).serial, asset(first).assigned_to) == ("F17XK2ABQ1GH", "tom.baker@acme.example")
    assert asset(second).name == "iPhone"
    assert second.columns["tag"] == "Serial number"
    assert second.notices == ('device name "iPhone" is already record 11\'s tag: tagged by its '
                              'serial number "G6TZD9XYN72J"',)


def test_a_device_without_a_name_is_tagged_by_its_serial_and_named_by_its_model() -> None:
    item = assets(read(EXPORT)[1])["4KJW7R3"]
    assert (asset(item).name, asset(item).serial) == ("Latitude 5430", "4KJW7R3")
    assert "name" not in item.given  # the name an asset in itroad has is kept
    assert item.columns["tag"] == "Serial number" and item.columns["name"] == "Model"


def test_a_device_without_a_serial_keeps_the_serial_itroad_has() -> None:
    item = assets(read(EXPORT)[1])["ACME-VM-01"]
    assert asset(item).serial is None
    assert "serial" not in item.given


def test_a_device_without_a_primary_user_keeps_the_assignment_itroad_has() -> None:
    found = assets(read(EXPORT)[1])
    for tag in ("ACME-KIOSK-01", "Galaxy Tab S8"):
        assert asset(found[tag]).assigned_to is None
        assert found[tag].people == ()
        assert "assigned_to" not in found[tag].given


def test_people_keep_their_accents() -> None:
    item = assets(read(EXPORT)[1])["ACME-DT-001"]
    assert item.people == (Person(name="Ana García", email="ana.garcia@acme.example"),)


def test_columns_that_feed_nothing_are_listed_once() -> None:
    source, _ = read(EXPORT)
    assert source.unused[:4] == ["Device ID", "Enrollment date", "Last check-in",
                                 "Azure AD Device ID"]
    assert {"IMEI", "Compliance", "Total storage", "Category", "Wi-Fi MAC"} <= set(source.unused)
    used = {"Device name", "Serial number", "Manufacturer", "Model", "OS", "OS version",
            "Primary user UPN", "Primary user email address", "Primary user display name",
            "Ownership"}
    assert not used & set(source.unused)
    assert source.columns == {"Device name": "name", "Serial number": "serial",
                              "Manufacturer": "manufacturer", "Model": "model"}


def test_personal_devices_when_asked_for() -> None:
    source, items = read(EXPORT, include_personal=True)
    item = assets(items)["Pixel 8"]
    assert (asset(item).category, asset(item).os) == ("phone", "Android 14")
    assert len(items) == 20 and source.notices == []
    assert "Ownership" in source.unused


# -- enrollment dates ------------------------------------------------------------------

def test_no_purchase_date_unless_enrollment_dates_stand_in() -> None:
    source, items = read(EXPORT)
    assert all(asset(item).purchase_date is None for item in assets(items).values())
    assert not any("enrollment" in notice for notice in source.notices)


def test_enrollment_dates_as_purchase_dates_for_new_assets() -> None:
    source, items = read(EXPORT, enrolled_as_purchased=True)
    found = assets(items)
    assert asset(found["ACME-LT-001"]).purchase_date == date(2023, 3, 14)
    assert asset(found["ACME-DT-001"]).purchase_date == date(2021, 5, 10)
    assert all("purchase_date" not in item.given for item in found.values())
    assert "Enrollment date" not in source.unused
    assert source.notices == [
        '1 personally owned device was not imported (Ownership "Personal")',
        "19 enrollment dates stand in for purchase dates (an asset already in itroad keeps "
        "its own)"]


def test_enrollment_dates_as_us_portals_write_them(tmp_path: Path) -> None:
    path = written(tmp_path, "Device name,Enrollment date\n"
                   "A,3/14/2023 3:22:10 PM\nB,1/1/0001 12:00:00 AM\nC,0001-01-01 00:00:00.0000000\n"
                   "D,2023-03-14T15:22:10Z\n")
    found = assets(read(path, enrolled_as_purchased=True)[1])
    assert [asset(i).purchase_date for i in found.values()] == [
        date(2023, 3, 14), None, None, date(2023, 3, 14)]


def test_day_first_enrollment_dates(tmp_path: Path) -> None:
    path = written(tmp_path, "Device name,Enrollment date\nA,14/03/2023 15:22:10\n")
    options = ReadOptions(date_order="dmy")
    found = assets(read(path, enrolled_as_purchased=True, options=options)[1])
    assert asset(found["A"]).purchase_date == date(2023, 3, 14)


# -- a file with problems --------------------------------------------------------------

BAD_LINES = [
    f'{BAD}: record 2 (line 3), column "Device name": the device has neither a name nor a '
    "serial number (expected one, to tag the asset)",
    f'{BAD}: record 4 (line 5), column "Primary user UPN", value "li.wei": expected an '
    "email address (name@example.org)",
    f'{BAD}: record 5 (line 6), column "Serial number", value "7HQX2Y3": the same serial '
    "number as record 1 (a device enrolled twice?); keep one of the two",
    f'{BAD}: record 7 (line 8), column "Device name", value "ACME-LT-101": the device name is '
    "already record 1's tag, and the device has no serial number to be tagged by instead "
    "(rename the device in Intune)",
]


def problems(items: list[ReadItem]) -> list[str]:
    return [str(item) for item in items if isinstance(item, RowProblem)]


def test_problems_name_the_record_the_line_and_the_column() -> None:
    source, items = read(BAD)
    assert problems(items) == BAD_LINES
    assert [asset(i).tag for i in items if isinstance(i, Incoming)] == [
        "ACME-LT-101", "ACME-LT-102", "Zebra TC52"]
    assert source.unused == ["Enrollment date", "IMEI"]


def test_a_bad_enrollment_date_is_a_problem_only_when_it_is_read() -> None:
    _, items = read(BAD, enrolled_as_purchased=True)
    assert problems(items) == [
        BAD_LINES[0],
        f'{BAD}: record 3 (line 4), column "Enrollment date", value "2/30/2023 10:00:00 AM": '
        'no such date "2/30/2023 10:00:00 AM" (read as M/D/YYYY)',
        *BAD_LINES[1:],
    ]


def test_a_serial_a_spreadsheet_shortened_is_kept_as_text_with_a_notice() -> None:
    found = {asset(i).tag: i for i in read(BAD)[1] if isinstance(i, Incoming)}
    item = found["Zebra TC52"]
    assert asset(item).serial == "2.03E+13"
    assert "serial" not in item.given
    assert item.notices == ('serial number "2.03E+13" looks like a long number a spreadsheet '
                            "shortened (the digits after the 3rd are lost): check it in "
                            "Intune; kept as text for a new asset, an asset already in itroad "
                            "keeps its own",)


def test_a_file_that_is_not_an_intune_export(tmp_path: Path) -> None:
    path = written(tmp_path, "Asset Tag,Name\nLAP-1,Laptop\n")
    _, items = read(path)
    assert problems(items) == [
        f'{path}: the header has no "Device name" and no "Serial number" column (expected '
        "Intune's export of all devices)"]


def test_a_column_named_twice(tmp_path: Path) -> None:
    path = written(tmp_path, "Device name,Model,Model\nA,Latitude 7440,OptiPlex 7010\n")
    _, items = read(path)
    assert problems(items) == [f'{path}, column "Model": the header names "Model" 2 times '
                               "(columns 2 and 3); rename all but one"]


# -- matching devices itroad has -------------------------------------------------------

def test_a_known_serial_keeps_the_tag_of_its_asset() -> None:
    found = assets(read(EXPORT, serial_tags={"7hqx2y3 ": "LAP-0042"})[1])
    item = found["LAP-0042"]
    assert (asset(item).name, asset(item).serial) == ("ACME-LT-001", "7HQX2Y3")
    assert item.notices == ()
    assert "ACME-LT-001" not in found


def test_a_name_that_is_the_tag_of_an_asset_with_another_serial() -> None:
    found = assets(read(EXPORT, serial_tags={"OLD-SERIAL": "ACME-LT-003"})[1])
    item = found["5CG3284XYZ"]
    assert asset(item).name == "ACME-LT-003"
    assert item.notices == ('device name "ACME-LT-003" is the tag of an asset with another '
                            'serial number: tagged by its serial number "5CG3284XYZ"',)


def test_a_device_without_a_serial_goes_by_its_name() -> None:
    found = assets(read(EXPORT, serial_tags={"HV-123": "ACME-VM-01"})[1])
    assert asset(found["ACME-VM-01"]).name == "ACME-VM-01"
    assert found["ACME-VM-01"].notices == ()


# -- the categories mapping ------------------------------------------------------------

def test_the_categories_mapping_comes_first() -> None:
    categories = {"20XW": "laptop", "kiosk": "kiosk", "VIRTUAL MACHINE": "virtual-machine",
                  "surface": "tablet", "Surface Laptop": "laptop", "iOS/iPadOS": "mobile"}
    source, items = read(EXPORT, categories=categories)
    found = assets(items)
    assert {tag: asset(found[tag]).category for tag in (
        "ACME-LT-002", "ACME-KIOSK-01", "ACME-VM-01", "ACME-LT-004", "ACME-LT-005",
        "iPhone", "Priya's iPad", "ACME-LT-001")} == {
        "ACME-LT-002": "laptop",  # inside the model
        "ACME-KIOSK-01": "kiosk",  # Intune's device category
        "ACME-VM-01": "virtual-machine",  # the model, ignoring case
        "ACME-LT-004": "laptop",  # the longest key inside the model
        "ACME-LT-005": "tablet",
        "iPhone": "mobile", "Priya's iPad": "mobile",  # the system
        "ACME-LT-001": "laptop",  # no key: the rules
    }
    assert "category" in found["ACME-VM-01"].given
    assert "Category" not in source.unused


@pytest.mark.parametrize(("model", "system", "category"), [
    ("iPhone 15 Pro", "iOS/iPadOS", "phone"),
    ("iPad Air (5th generation)", "iOS/iPadOS", "tablet"),
    ("Galaxy Tab A8", "Android", "tablet"),
    ("SM-T510", "AndroidEnterprise", "tablet"),
    ("Lenovo Tab P11", "Android (fully managed)", "tablet"),
    ("Pixel 7a", "Android", "phone"),
    ("MacBookPro18,3", "macOS", "laptop"),
    ("MacBook Air (M2, 2022)", "macOS", "laptop"),
    ("Mac mini", "macOS", "desktop"),
    ("Mac Studio", "macOS", "desktop"),
    ("ThinkPad X1 Carbon Gen 11", "Windows", "laptop"),
    ("Surface Go 3", "Windows", "laptop"),
    ("XPS 13 9315", "Windows", "laptop"),
    ("ZenBook UX425EA", "Windows", "laptop"),
    ("Precision Tower 3620", "Windows", "desktop"),
    ("HP ProDesk 400 G7 Microtower PC", "Windows", "desktop"),
    ("ThinkPad T14 Gen 3", "Linux", "laptop"),
    ("Virtual Machine", "Windows", "device"),
    ("", "", "device"),
])
def test_category_rules(model: str, system: str, category: str) -> None:
    source = IntuneSource(EXPORT, client="acme")
    assert source.category_of(model, system)[0] == category


@pytest.mark.parametrize(("system", "version", "model", "shown"), [
    ("Windows", "10.0.22631.2861", "Latitude 7440", "Windows 10.0.22631.2861"),
    ("iOS/iPadOS", "17.2", "iPhone 14", "iOS 17.2"),
    ("iOS/iPadOS", "17.1", "iPad (10th generation)", "iPadOS 17.1"),
    ("AndroidEnterprise", "13", "SM-X700", "Android 13"),
    ("Windows", "", "", "Windows"),
    ("", "14", "", "14"),
])
def test_os_of(system: str, version: str, model: str, shown: str) -> None:
    assert IntuneSource.os_of(system, version, model) == shown


# -- other headers and cells -----------------------------------------------------------

def test_a_graph_export_reads_too(tmp_path: Path) -> None:
    path = written(tmp_path, "deviceName;serialNumber;operatingSystem;osVersion;model;"
                   "userPrincipalName;userDisplayName;managedDeviceOwnerType\n"
                   "ACME-LT-9;7HQX2Y3;Windows;10.0.22631.2861;Latitude 7440;"
                   "jane.doe@acme.example;;company\n"
                   "Pixel;X1;Android;14;Pixel 8;ana.garcia@acme.example;Ana;personal\n")
    source, items = read(path)
    item = assets(items)["ACME-LT-9"]
    assert (asset(item).category, asset(item).os) == ("laptop", "Windows 10.0.22631.2861")
    assert item.people == (Person(name="jane.doe@acme.example", email="jane.doe@acme.example"),)
    assert item.columns["assigned_to"] == "userPrincipalName"
    assert source.unused == [] and source.personal == 1


def test_a_display_name_without_an_email(tmp_path: Path) -> None:
    path = written(tmp_path, "Device name,Primary user display name\nA,Jane Doe\n")
    item = assets(read(path)[1])["A"]
    assert asset(item).assigned_to == "Jane Doe"
    assert item.people == (Person(name="Jane Doe"),)
    assert item.columns["assigned_to"] == "Primary user display name"


@pytest.mark.parametrize("serial", ["To be filled by O.E.M.", "Default string", "0",
                                    "System Serial Number", "N/A"])
def test_placeholder_serials_are_no_serial(tmp_path: Path, serial: str) -> None:
    path = written(tmp_path, f"Device name,Serial number\nA,{serial}\nB,{serial}\n")
    found = assets(read(path)[1])
    assert [asset(i).serial for i in found.values()] == [None, None]
    assert all("serial" not in i.given for i in found.values())


def test_a_serial_tagged_device_does_not_take_a_later_devices_name(tmp_path: Path) -> None:
    path = written(tmp_path, "Device name,Serial number\n,S1\nS1,S2\n")
    found = assets(read(path)[1])
    assert list(found) == ["S1", "S2"]
    assert found["S2"].notices == ('device name "S1" is already record 1\'s tag: tagged by its '
                                   'serial number "S2"',)


def test_names_differing_in_case_are_one_tag(tmp_path: Path) -> None:
    path = written(tmp_path, "Device name,Serial number\nipad,S1\niPad,S2\n")
    assert list(assets(read(path)[1])) == ["ipad", "S2"]


@pytest.mark.parametrize(("name", "key"), [
    ("Primary user UPN", "primaryuserupn"), ("Wi-Fi MAC", "wifimac"),
    ("  Serial_Number ", "serialnumber"), ("OS version", "osversion"),
])
def test_header_key(name: str, key: str) -> None:
    assert header_key(name) == key
