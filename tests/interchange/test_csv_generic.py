"""Any CSV as records: columns by field name or through a mapping, options, problems."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from itroad.domain.incoming import ClientKey, Incoming, Place, RowProblem
from itroad.domain.models import Asset, Contract, Person, Renewal
from itroad.interchange.csv_file import CsvFileError
from itroad.interchange.csv_generic import GenericCsvSource, person_named
from itroad.interchange.csv_mapping import load_mapping, parse_mapping

FIXTURES = Path(__file__).parent / "fixtures" / "csv"


def _items(source: GenericCsvSource) -> list:
    return list(source)


def _records(source: GenericCsvSource) -> list:
    items = _items(source)
    problems = [str(i) for i in items if isinstance(i, RowProblem)]
    assert problems == []
    return [i.record for i in items]


def _lines(source: GenericCsvSource) -> list[str]:
    return [str(i) for i in source if isinstance(i, RowProblem)]


def _sheet(tmp_path: Path, text: str, name: str = "sheet.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize("column", ["Purchase Date", " purchase-DATE ", "Purchase__date",
                                    "PurchaseDate", "Purchase.Date"])
def test_a_column_named_like_a_field_ignoring_case_spaces_and_punctuation(tmp_path, column):
    path = _sheet(tmp_path, f'tag,name,category,"{column}",Client\nA,a,x,2023-01-23,acme\n')
    source = GenericCsvSource(path, kind="assets")
    [record] = _records(source)
    assert record.purchase_date == date(2023, 1, 23)
    assert source.client_column == "Client"
    assert "purchase_date" in source.columns.values()


def test_glpi_export_through_the_shipped_mapping():
    path = FIXTURES / "glpi-computers.csv"
    source = GenericCsvSource(path, client="acme", mapping=load_mapping("glpi-computers"))
    items = _items(source)
    assert all(isinstance(i, Incoming) for i in items), [str(i) for i in items]
    first, server, spare = items
    assert first.client == ClientKey(code="acme")
    assert first.place == Place(str(path), 1, 2)
    assert first.record == Asset(
        tag="PC-ACC-01", name="PC-ACC-01", category="laptop", manufacturer="Dell Inc.",
        model="Latitude 5420", serial="5CG1234XYZ", site="HQ > Accounting",
        assigned_to="jane.doe@acme.example", purchase_date=date(2023, 1, 23),
        purchase_cost=Decimal("1249.50"), warranty_end=date(2026, 1, 23), os="Windows 10 Pro")
    assert first.people == (Person(name="jane.doe@acme.example", email="jane.doe@acme.example"),)
    assert first.columns["tag"] == "Name"
    assert first.columns["purchase_cost"] == "Financial and administrative information - Value"
    assert server.record.purchase_cost == Decimal("7980.00")
    assert server.record.category == "server"
    # The Type is empty: the mapping's fixed category, for a new asset only.
    assert spare.record.category == "computer"
    assert spare.people == (Person(name="Bob Martin"),)
    assert "category" in spare.fills and "category" not in spare.given
    assert "category" in server.given and "notes" not in spare.given
    # Every column is mapped (the ignored ones on purpose): none reported unused.
    assert source.unused == []


def test_lansweeper_report_through_the_shipped_mapping():
    source = GenericCsvSource(FIXTURES / "lansweeper-assets.csv", client="acme",
                              mapping=load_mapping("lansweeper-assets"))
    records = _records(source)
    assert [(r.tag, r.category, r.assigned_to) for r in records] == [
        ("WS-001", "computer", "jsmith"), ("LT-007", "laptop", "akim"),
        ("SW-CORE", "switch", None)]
    assert records[0].purchase_date == date(2022, 3, 15)
    assert records[0].warranty_end == date(2025, 3, 15)
    assert records[1].os == "Win 11"
    assert source.unused == []


def test_hand_made_spreadsheet():
    path = FIXTURES / "spreadsheet.csv"
    source = GenericCsvSource(path, kind="assets", client="acme")
    items = _items(source)
    assert all(isinstance(i, Incoming) for i in items), [str(i) for i in items]
    laptop, desktop = items
    assert laptop.record == Asset(
        tag="LAP-001", name="Finance laptop", category="laptop", serial="6.37702E+15",
        assigned_to="Jane Doe", purchase_date=date(2023, 1, 23),
        purchase_cost=Decimal("1249.50"), notes="Keyboard replaced\r\nunder warranty")
    # The blank line and the row of empty cells are not records; lines still count.
    assert laptop.place == Place(str(path), 1, 3)
    assert desktop.place == Place(str(path), 2, 6)
    assert laptop.notices == (
        'serial "6.37702E+15" looks like a long number a spreadsheet shortened (the digits '
        "after the 6th are lost): check it in the original (format the column as text before "
        "saving)",)
    assert desktop.record.name == "Reception PC, front desk"
    assert desktop.record.purchase_cost == Decimal("899.00")
    assert desktop.people == (Person(name="reception@acme.example", email="reception@acme.example"),)
    # The repeated header name is kept twice, reported once as unused; the column
    # without a name is a notice.
    assert source.unused == ["Comment", "Comment (column 10)"]
    assert source.notices == ["1 value was under a column without a name, not imported"]


def test_missing_key_column_is_a_file_problem():
    path = FIXTURES / "no-tag.csv"
    assert _lines(GenericCsvSource(path, kind="assets", client="acme")) == [
        f"{path}: no column gives tag: records of assets need the columns tag, name, category "
        "(tag tells one record from another); name the columns so, or map the file's columns "
        "to them with --map"]


@pytest.mark.parametrize(("kind", "line"), [
    ("renewals", "no column gives unit_cost, next_renewal: records of renewals need the columns "
                 "name, unit_cost, next_renewal (name, vendor tells one record from another)"),
    ("contracts", "no column gives title, start, amount: records of contracts need the columns "
                  "title, start, amount (title, vendor tells one record from another)"),
])
def test_required_columns_by_kind(tmp_path, kind, line):
    path = _sheet(tmp_path, "name,vendor\r\nx,y\r\n")
    assert _lines(GenericCsvSource(path, kind=kind, client="acme")) == [
        f"{path}: {line}; name the columns so, or map the file's columns to them with --map"]


def test_a_date_that_does_not_exist():
    path = FIXTURES / "bad-date.csv"
    items = _items(GenericCsvSource(path, kind="assets", client="acme"))
    assert isinstance(items[0], Incoming)
    assert [str(i) for i in items[1:]] == [
        f'{path}: record 2 (line 3), column "purchase_date", value "2/30/2023": no such date '
        '"2/30/2023" (read as M/D/YYYY)']


def test_a_date_in_the_other_order_says_how_to_declare_it(tmp_path):
    path = _sheet(tmp_path, "tag,name,category,purchase_date\nA,a,x,23/01/2023\n")
    assert _lines(GenericCsvSource(path, kind="assets", client="acme")) == [
        f'{path}: record 1 (line 2), column "purchase_date", value "23/01/2023": no such date '
        '"23/01/2023" (read as M/D/YYYY; it reads as D/M/YYYY) (for day-first dates use '
        "--date-order dmy)"]
    assert _records(GenericCsvSource(path, kind="assets", client="acme", date_order="dmy"))[0] \
        .purchase_date == date(2023, 1, 23)


def test_a_time_of_day_is_refused(tmp_path):
    path = _sheet(tmp_path, "tag,name,category,purchase_date\nA,a,x,2023-01-23 00:00:00\n")
    assert _lines(GenericCsvSource(path, kind="assets", client="acme")) == [
        f'{path}: record 1 (line 2), column "purchase_date", value "2023-01-23 00:00:00": '
        'invalid date "2023-01-23 00:00:00" (a time of day is not taken here) (expected '
        "YYYY-MM-DD or M/D/YYYY)"]


def test_no_client_is_a_file_problem():
    path = FIXTURES / "bad-date.csv"
    assert _lines(GenericCsvSource(path, kind="assets")) == [
        f'{path}: which client are the records for? Give --client CODE, or a "client" column '
        "with each record's client code"]


def test_no_kind_is_refused():
    with pytest.raises(CsvFileError) as caught:
        GenericCsvSource(FIXTURES / "bad-date.csv", client="acme")
    assert str(caught.value) == (f"{FIXTURES / 'bad-date.csv'}: which records does the file "
                                 "hold? Give --kind assets, renewals or contracts")


def test_client_column_gives_each_record_its_client(tmp_path):
    path = _sheet(tmp_path, "Client,tag,name,category\nacme,A,a,x\nbeta,B,b,x\n,C,c,x\n"
                            "Big Co,D,d,x\n")
    items = _items(GenericCsvSource(path, kind="assets"))
    assert [i.client for i in items[:2]] == [ClientKey(code="acme"), ClientKey(code="beta")]
    assert [str(i) for i in items[2:]] == [
        f'{path}: record 3 (line 4), column "Client": no client code (the cell is empty and no '
        "--client was given)",
        f'{path}: record 4 (line 5), column "Client", value "Big Co": not a client code '
        '(expected lower-case letters, digits and hyphens, like "big-co")']
    # With --client, a record without a code goes to that client.
    items = _items(GenericCsvSource(path, kind="assets", client="acme"))
    assert items[2].client == ClientKey(code="acme")


def test_two_columns_for_one_field(tmp_path):
    path = _sheet(tmp_path, "tag,name,category,Serial,S/N\nA,a,x,1,2\n")
    mapping = parse_mapping('[columns]\n"S/N" = "serial"\n', "map.toml")
    assert _lines(GenericCsvSource(path, kind="assets", client="acme", mapping=mapping)) == [
        f'{path}: columns "Serial" and "S/N" both give serial: keep one (or map the others to '
        '"" in a mapping file)']


def test_a_repeated_column_that_is_read_is_a_problem(tmp_path):
    path = _sheet(tmp_path, "tag,name,category,name\nA,a,x,b\n")
    assert _lines(GenericCsvSource(path, kind="assets", client="acme")) == [
        f'{path}, column "name": the header names "name" 2 times (columns 2 and 4); rename '
        "all but one"]


def test_unused_columns_are_kept_to_report_and_empty_mapping_means_on_purpose(tmp_path):
    path = _sheet(tmp_path, "tag,name,category,Colour,Ignored column\nA,a,x,red,y\n")
    mapping = parse_mapping('[columns]\n"Ignored column" = ""\n')
    source = GenericCsvSource(path, kind="assets", client="acme", mapping=mapping)
    _records(source)
    assert source.unused == ["Colour"]


def test_the_command_line_wins_over_the_mapping(tmp_path):
    text = "tag;name;category;purchase_date;purchase_cost\nA;a;x;03/04/2023;1.249,50\n"
    path = _sheet(tmp_path, text, encoding="cp1252")
    mapping = parse_mapping('delimiter = ";"\ndecimal_comma = true\ndate_order = "dmy"\n'
                            'encoding = "cp1252"\n', "map.toml")
    record = _records(GenericCsvSource(path, kind="assets", client="acme", mapping=mapping))[0]
    assert (record.purchase_date, record.purchase_cost) == (date(2023, 4, 3), Decimal("1249.50"))
    record = _records(GenericCsvSource(path, kind="assets", client="acme", mapping=mapping,
                                       date_order="mdy"))[0]
    assert record.purchase_date == date(2023, 3, 4)
    assert _lines(GenericCsvSource(path, kind="assets", client="acme", mapping=mapping,
                                   decimal_comma=False)) == [
        f'{path}: record 1 (line 2), column "purchase_cost", value "1.249,50": amount '
        "\"1.249,50\" uses a decimal comma, but this file's amounts use a decimal point (for a "
        "decimal comma use --decimal-comma)"]


def test_encoding_of_the_mapping_and_of_the_command_line(tmp_path):
    path = _sheet(tmp_path, "tag,name,category\nA,Café,x\n", encoding="cp1252")
    problems = _lines(GenericCsvSource(path, kind="assets", client="acme"))
    assert problems == [f"{path}: not utf-8 text at byte 23 (if it was saved by Excel or "
                        "Windows, try --encoding cp1252)"]
    mapping = parse_mapping('encoding = "cp1252"\n')
    assert _records(GenericCsvSource(path, kind="assets", client="acme", mapping=mapping))[0] \
        .name == "Café"
    assert _records(GenericCsvSource(path, kind="assets", client="acme",
                                     encoding="cp1252"))[0].name == "Café"


def test_fixed_values_fill_fields_the_file_leaves_empty(tmp_path):
    path = _sheet(tmp_path, "tag,name,category\nA,a,\nB,b,desktop\n")
    mapping = parse_mapping('[values]\ncategory = "computer"\nlifecycle_months = 48\n'
                            'purchase_date = 2023-01-23\n')
    first, second = _records(GenericCsvSource(path, kind="assets", client="acme",
                                              mapping=mapping))
    assert (first.category, second.category) == ("computer", "desktop")
    assert first.lifecycle_months == 48 and first.purchase_date == date(2023, 1, 23)


def test_a_fixed_value_that_does_not_read_is_a_file_problem(tmp_path):
    path = _sheet(tmp_path, "tag,name,category\nA,a,x\n")
    mapping = parse_mapping('[values]\npurchase_cost = "lots"\n', "map.toml")
    assert _lines(GenericCsvSource(path, kind="assets", client="acme", mapping=mapping)) == [
        f'{path}: map.toml: values.purchase_cost: amount "lots" is not a number']


def test_categories_are_rewritten(tmp_path):
    path = _sheet(tmp_path, "tag,name,Type\nA,a,NOTEBOOK\nB,b,Tower\n")
    mapping = parse_mapping('[columns]\nType = "category"\n[categories]\nNotebook = "laptop"\n')
    assert [r.category for r in _records(GenericCsvSource(path, kind="assets", client="acme",
                                                          mapping=mapping))] == ["laptop", "tower"]


def test_renewals_and_contracts(tmp_path):
    path = _sheet(tmp_path, "Name,Vendor,Unit Cost,Next Renewal,Owner,Auto-Renew\n"
                            "M365,Microsoft,$12.50,2027-01-31,it@acme.example,yes\n")
    renewal = _records(GenericCsvSource(path, kind="renewals", client="acme"))[0]
    assert renewal == Renewal(name="M365", vendor="Microsoft", unit_cost=Decimal("12.50"),
                              next_renewal=date(2027, 1, 31), owner="it@acme.example",
                              auto_renew=True)
    path = _sheet(tmp_path, "title,start,amount,assets\nLease,2024-01-01,100,T-1;T-2\n", "c.csv")
    contract = _records(GenericCsvSource(path, kind="contracts", client="acme"))[0]
    assert contract == Contract(title="Lease", start=date(2024, 1, 1), amount=Decimal("100"),
                                assets=["T-1", "T-2"])


def test_formula_guard_is_undone_on_import(tmp_path):
    path = _sheet(tmp_path, "tag,name,category,notes\n'-5,'=SUM(A1),x,''=x\n")
    record = _records(GenericCsvSource(path, kind="assets", client="acme"))[0]
    assert (record.tag, record.name, record.notes) == ("-5", "=SUM(A1)", "'=x")


def test_a_person_too_long_for_a_name(tmp_path):
    long = "x" * 201
    path = _sheet(tmp_path, f"tag,name,category,assigned_to\nA,a,x,{long}\n")
    assert _lines(GenericCsvSource(path, kind="assets", client="acme")) == [
        f'{path}: record 1 (line 2), column "assigned_to", value "{long[:80]}…": a person\'s '
        "name is too long (at most 200 characters)"]


def test_a_fixed_person_is_a_person_of_the_record(tmp_path):
    path = _sheet(tmp_path, "tag,name,category\nA,a,x\n")
    mapping = parse_mapping('[values]\nassigned_to = "it@acme.example"\n')
    [item] = _items(GenericCsvSource(path, kind="assets", client="acme", mapping=mapping))
    assert item.people == (Person(name="it@acme.example", email="it@acme.example"),)
    assert "assigned_to" in item.fills and "assigned_to" not in item.given
    assert item.columns["assigned_to"] == "<mapping>: values.assigned_to"


def test_person_named():
    place = Place("a.csv", 1, 2)
    assert person_named(place, "Owner", "Jane Doe") == Person(name="Jane Doe")
    assert person_named(place, "Owner", "jane@acme.example") == Person(
        name="jane@acme.example", email="jane@acme.example")
    assert person_named(place, "Owner", "@SUM(A1)") == Person(name="@SUM(A1)")
    assert person_named(place, "Owner", "x@y.example" + "z" * 250) == RowProblem(
        place, "a person's name is too long (at most 200 characters)", "Owner",
        "x@y.example" + "z" * 250)


def test_delimiter_by_name_and_unknown_options(tmp_path):
    path = _sheet(tmp_path, "tag\tname\tcategory\nA\ta, b\tx\n")
    assert _records(GenericCsvSource(path, kind="assets", client="acme", delimiter="tab"))[0] \
        .name == "a, b"
    with pytest.raises(CsvFileError) as caught:
        GenericCsvSource(path, kind="assets", client="acme", encoding="klingon")
    assert str(caught.value) == 'unknown encoding "klingon" (for example utf-8 or cp1252)'
    with pytest.raises(CsvFileError) as caught:
        GenericCsvSource(path, kind="assets", client="acme", delimiter=":")
    assert str(caught.value) == 'unsupported delimiter ":" (use one of , ; tab |)'


def _import_twice(tmp_path, first: str, second: str, mapping_text: str):
    from itroad.store import import_records, load_client, open_database

    mapping = parse_mapping(mapping_text, "map.toml")
    db = open_database(tmp_path / "itroad.db")
    try:
        for n, text in enumerate((first, second)):
            path = _sheet(tmp_path, text, f"sheet-{n}.csv")
            import_records(db, GenericCsvSource(path, kind="assets", client="acme",
                                                mapping=mapping))
        return load_client(db, "acme")
    finally:
        db.close()


def test_a_mapping_value_does_not_overwrite_a_value_kept_in_itroad(tmp_path):
    mapping = '[values]\ncategory = "computer"\nlifecycle_months = 48\n'
    client = _import_twice(tmp_path, "tag,name,category,lifecycle_months\nA,a,desktop,60\n",
                           "tag,name,category\nA,a,\n", mapping)
    [kept] = client.assets
    assert (kept.category, kept.lifecycle_months) == ("desktop", 60)


def test_a_mapping_value_fills_a_new_record_and_a_cell_overwrites(tmp_path):
    mapping = '[values]\ncategory = "computer"\n'
    client = _import_twice(tmp_path, "tag,name,category\nA,a,\nB,b,laptop\n",
                           "tag,name,category\nA,a,\nB,b,desktop\n", mapping)
    assert [(a.tag, a.category) for a in client.assets] == [("A", "computer"), ("B", "desktop")]


def test_a_problem_of_a_mapping_value_names_its_key(tmp_path):
    path = _sheet(tmp_path, "tag,name,category,purchase_date\nA,a,x,2023-01-23\n")
    mapping = parse_mapping("[values]\nwarranty_end = 2020-01-01\n", "map.toml")
    [problem] = [i for i in GenericCsvSource(path, kind="assets", client="acme", mapping=mapping)
                 if isinstance(i, RowProblem)]
    assert problem.column == "map.toml: values.warranty_end"
    assert problem.message == "warranty_end 2020-01-01 is before purchase_date 2023-01-23"

