"""Mapping files: what they say, and every problem as one line naming the file and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from itroad.domain.incoming import RECORD_KINDS
from itroad.interchange.csv_fields import MODELS
from itroad.interchange.csv_generic import GenericCsvSource
from itroad.interchange.csv_mapping import (
    CsvMapping,
    CsvMappingError,
    load_mapping,
    named_delimiter,
    parse_mapping,
    shipped_mappings,
    toml_key,
)

FIXTURES = Path(__file__).parent / "fixtures" / "csv"


def _problems(text: str) -> list[str]:
    with pytest.raises(CsvMappingError) as caught:
        parse_mapping(text, "map.toml")
    assert str(caught.value) == "\n".join(caught.value.problems)
    return caught.value.problems


def test_a_mapping_says_how_the_file_is_written():
    mapping = parse_mapping('''
kind = "assets"
delimiter = ";"
decimal_comma = true
date_order = "dmy"
encoding = "cp1252"
[columns]
"Serial number" = "serial"
"Name" = ["tag", "name"]
"Ignored column" = ""
[values]
category = "computer"
lifecycle_months = 48
auto = true
[categories]
"Notebook" = "laptop"
''', "map.toml")
    assert mapping == CsvMapping(
        file="map.toml", kind="assets", delimiter=";", decimal_comma=True, date_order="dmy",
        encoding="cp1252",
        columns={"Serial number": ("serial",), "Name": ("tag", "name"), "Ignored column": ()},
        values={"category": "computer", "lifecycle_months": "48", "auto": "true"},
        categories={"notebook": "laptop"})
    assert mapping.fields_of("serial NUMBER") == ("serial",)
    assert mapping.fields_of("Other") is None
    assert mapping.category("NOTEBOOK") == "laptop"
    assert mapping.category("Tablet") == "Tablet"
    assert parse_mapping('delimiter = "tab"').delimiter == "\t"


def test_every_shape_problem_is_a_line_naming_the_key():
    assert _problems('''
kind = "computers"
delimiter = ":"
decimal_comma = "yes"
date_order = "ymd"
encoding = "klingon"
colour = "blue"
[columns]
"Serial" = 3
[values]
purchase_cost = 12.5
''') == [
        'map.toml: kind: unsupported kind "computers" (expected assets, renewals, contracts)',
        'map.toml: delimiter: unsupported delimiter ":" (use one of ",", ";", "tab", "|")',
        'map.toml: decimal_comma: expected true or false, got "yes"',
        'map.toml: date_order: unsupported date order "ymd" (expected mdy or dmy)',
        'map.toml: encoding: unknown encoding "klingon" (for example "utf-8" or "cp1252")',
        'map.toml: columns.Serial: expected the name of a field, a list of them, or "" to '
        "leave the column out",
        "map.toml: values.purchase_cost: expected text, a whole number, true or false, or a date",
        "map.toml: colour: unknown key (expected kind, delimiter, decimal_comma, date_order, "
        "encoding, [columns], [values] or [categories])",
    ]


def test_columns_and_categories_problems():
    assert _problems('''
[columns]
"Name" = ["tag", "tag"]
"name" = "name"
" " = ""
[categories]
"Notebook" = " "
''') == [
        "map.toml: columns.Name: a field is listed twice",
        "map.toml: columns.name: the column is mapped twice (also as columns.Name)",
        'map.toml: columns." ": a column needs a name',
        "map.toml: categories.Notebook: the category must not be empty",
    ]


def test_toml_syntax_error_names_the_line():
    assert _problems('kind = "assets"\n[columns\n') == [
        "map.toml: line 2, column 9: invalid TOML: expected ']' at the end of a table declaration"]


def test_unknown_field_lists_the_fields_of_the_kind():
    mapping = load_mapping(FIXTURES / "unknown-field.toml")
    fields = ", ".join(MODELS["assets"].model_fields)
    assert mapping.problems("assets") == [
        f'{FIXTURES / "unknown-field.toml"}: columns."Serial number": unknown assets field '
        f'"serail" (the fields of assets: {fields}; "" to leave the column out)']
    with pytest.raises(CsvMappingError) as caught:
        GenericCsvSource(FIXTURES / "glpi-computers.csv", client="acme", mapping=mapping)
    assert caught.value.problems == mapping.problems("assets")


def test_values_and_categories_must_fit_the_kind():
    mapping = parse_mapping('[values]\nnotes_x = "a"\n[categories]\nA = "b"\n', "map.toml")
    fields = ", ".join(MODELS["renewals"].model_fields)
    assert mapping.problems("renewals") == [
        f'map.toml: values.notes_x: unknown renewals field "notes_x" (the fields of renewals: '
        f"{fields})",
        "map.toml: categories: renewals have no category (only assets do)",
    ]


def test_kind_of_the_mapping_and_of_the_command_must_agree():
    glpi = load_mapping("glpi-computers")
    with pytest.raises(CsvMappingError) as caught:
        GenericCsvSource(FIXTURES / "glpi-computers.csv", kind="renewals", client="acme",
                         mapping=glpi)
    assert str(caught.value) == ("glpi-computers.toml: kind: the mapping is for assets, but the "
                                 "import is of renewals (change --kind or the mapping's kind)")
    # Saying the same kind twice is fine; the mapping's kind is enough on its own.
    assert GenericCsvSource(FIXTURES / "glpi-computers.csv", kind="assets", client="acme",
                            mapping=glpi).kind == "assets"
    assert GenericCsvSource(FIXTURES / "glpi-computers.csv", client="acme",
                            mapping=glpi).kind == "assets"


@pytest.mark.parametrize("name", ["glpi-computers", "lansweeper-assets"])
def test_shipped_mappings_load_and_fit_assets(name):
    assert name in shipped_mappings()
    mapping = load_mapping(name)
    assert mapping.kind == "assets"
    assert mapping.problems("assets") == []
    assert "tag" in {f for fields in mapping.columns.values() for f in fields}


def test_shipped_mappings_are_package_data():
    folder = Path(__file__).resolve().parents[2] / "src" / "itroad" / "interchange" / "mappings"
    assert sorted(p.stem for p in folder.glob("*.toml")) == shipped_mappings()


@pytest.mark.parametrize(("spec", "line"), [
    ("nope", 'unknown mapping "nope" (the mappings itroad ships: glpi-computers, '
             "lansweeper-assets; or give the path of a .toml file)"),
    ("missing.toml", "missing.toml: no such mapping file"),
])
def test_unknown_mapping(spec, line):
    with pytest.raises(CsvMappingError) as caught:
        load_mapping(spec)
    assert caught.value.problems == [line]


def test_a_mapping_file_in_another_encoding_is_refused(tmp_path):
    path = tmp_path / "latin.toml"
    path.write_bytes('[columns]\n"Numéro" = "serial"\n'.encode("cp1252"))
    with pytest.raises(CsvMappingError) as caught:
        load_mapping(path)
    assert caught.value.problems == [f"{path}: not UTF-8 text at byte 14 (TOML files are UTF-8)"]


def test_a_mapping_with_a_bom_reads(tmp_path):
    path = tmp_path / "bom.toml"
    path.write_bytes(b'\xef\xbb\xbfkind = "renewals"\n')
    assert load_mapping(path).kind == "renewals"


def test_toml_key_quotes_what_is_not_bare():
    assert toml_key("columns", "Serial number") == 'columns."Serial number"'
    assert toml_key("values", "purchase_cost") == "values.purchase_cost"
    assert toml_key("columns", 'a "b"') == 'columns."a \\"b\\""'


@pytest.mark.parametrize("kind", RECORD_KINDS)
def test_every_field_of_a_kind_may_be_mapped(kind):
    columns = "\n".join(f'"Column {name}" = "{name}"' for name in MODELS[kind].model_fields)
    assert parse_mapping(f"[columns]\n{columns}\n").problems(kind) == []


def test_columns_are_matched_ignoring_case_spaces_and_punctuation() -> None:
    mapping = parse_mapping('[columns]\n"Serial number" = "serial"\n"#" = "notes"\n')
    assert mapping.fields_of("Serial-Number") == ("serial",)
    assert mapping.fields_of("SerialNumber") == ("serial",)
    assert mapping.fields_of("#") == ("notes",)
    assert mapping.fields_of("%") is None  # no letters or digits: only its own name


def test_two_spellings_of_a_column_may_feed_the_same_fields_only() -> None:
    mapping = parse_mapping('[columns]\n"Serial number" = "serial"\nSerialnumber = "serial"\n')
    assert mapping.fields_of("serialnumber") == ("serial",)
    with pytest.raises(CsvMappingError) as caught:
        parse_mapping('[columns]\n"Serial number" = "serial"\nSerial_Number = "notes"\n', "m.toml")
    assert caught.value.problems == [
        'm.toml: columns.Serial_Number: the column is mapped twice (also as columns."Serial number")']


def test_tab_is_a_delimiter_by_name_in_a_mapping() -> None:
    assert parse_mapping('delimiter = "TAB"\n').delimiter == "\t"
    assert named_delimiter("Tab") == "\t" and named_delimiter(";") == ";"
