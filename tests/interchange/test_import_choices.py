"""The choices of a CSV import made into a source, the same for ``itroad import`` and
the Import screen; and the words of what a reading found."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from itroad.interchange.import_choices import (
    ImportChoiceError,
    ImportChoices,
    build_source,
    client_code_problem,
    reading_lines,
)
from itroad.interchange.intune import IntuneSource

AS_OF = date(2026, 12, 1)
INTUNE = Path(__file__).resolve().parent / "fixtures" / "intune" / "intune-devices.csv"


def test_path_expanded(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    assert ImportChoices(path=" ~/x.csv ").file == tmp_path / "x.csv"


def test_each_source_gets_the_choices_that_concern_it():
    snipeit = build_source(ImportChoices(path="a.csv", kind="licenses", date_order="dmy",
                                         decimal_comma=True), as_of=AS_OF)
    assert snipeit.label == "Snipe-IT licenses"
    assert snipeit.options.date_order == "dmy" and snipeit.options.decimal_separator == ","
    semicolons = build_source(ImportChoices(path="a.csv", source="csv", kind="assets",
                                            client="acme", delimiter=";"), as_of=AS_OF)
    assert semicolons.sheet.delimiter == ";"
    generic = build_source(ImportChoices(path="a.csv", source="csv", kind=None, client="acme",
                                         mapping="glpi-computers"), as_of=AS_OF)
    assert generic.kind == "assets" and generic.label == "CSV assets"


def test_intune_takes_the_date_order_personal_devices_and_serial_numbers():
    intune = build_source(ImportChoices(path="a.csv", source="intune", client="acme",
                                        date_order="dmy", enrolled_as_purchased=True,
                                        include_personal=True),
                          as_of=AS_OF, serial_tags={"SN1": "acme-1"})
    assert isinstance(intune, IntuneSource)
    assert intune.options.date_order == "dmy"
    assert intune.enrolled_as_purchased and intune.include_personal
    assert intune.serial_tags == {"sn1": "acme-1"}
    plain = build_source(ImportChoices(path="a.csv", source="intune", client="acme"), as_of=AS_OF)
    assert isinstance(plain, IntuneSource)
    assert not plain.include_personal and plain.options.date_order == "mdy"
    assert plain.notices == []


def test_choices_that_make_no_source():
    with pytest.raises(ImportChoiceError, match="choose the client"):
        build_source(ImportChoices(path="a.csv", source="intune"), as_of=AS_OF)
    with pytest.raises(ImportChoiceError, match="Type the path"):
        build_source(ImportChoices(path="  "), as_of=AS_OF)
    with pytest.raises(ImportChoiceError) as refused:
        build_source(ImportChoices(path="a.csv", client="Acme Corp"), as_of=AS_OF)
    assert str(refused.value) == ('The client: "Acme Corp" is not a client code: use lower-case '
                                  'letters, digits and hyphens, such as "acme-corp".')


@pytest.mark.parametrize("code, fine", [("acme", True), ("acme-2", True), (" acme ", True),
                                        ("Acme", False), ("acme corp", False), ("", False),
                                        ("-acme", False), ("a" * 41, False)])
def test_client_codes_by_the_client_rule(code, fine):
    assert (client_code_problem(code) is None) is fine


def test_an_intune_import_says_what_of_a_mapping_it_does_not_use(tmp_path):
    mapping = tmp_path / "devices.toml"
    mapping.write_text('kind = "assets"\n\n[columns]\n"Device name" = "tag"\n\n'
                       '[values]\nsite = "HQ"\n\n[categories]\n"Latitude 7440" = "laptop"\n',
                       encoding="utf-8")
    source = build_source(ImportChoices(path=str(INTUNE), source="intune", client="acme",
                                        mapping=str(mapping)), as_of=AS_OF)
    assert isinstance(source, IntuneSource)
    assert source.categories == {"latitude 7440": "laptop"}
    list(source)
    assert source.notices[0] == ("the mapping's kind, [columns] and [values] are not used by an "
                                 "Intune import; only its [categories] are")
    categories_only = tmp_path / "categories.toml"
    categories_only.write_text('[categories]\n"Latitude 7440" = "laptop"\n', encoding="utf-8")
    quiet = build_source(ImportChoices(path=str(INTUNE), source="intune", client="acme",
                                       mapping=str(categories_only)), as_of=AS_OF)
    assert not any("mapping" in notice for notice in quiet.notices)


def test_reading_lines():
    assert reading_lines("a.csv", records=1, label="Intune devices", unused=[],
                         notices=[]) == ["a.csv: 1 record read as Intune devices"]
    assert reading_lines("a.csv", records=1200, label="CSV assets", unused=["Notes", "X"],
                         notices=["2 values were under a column without a name, not imported"]
                         ) == ["a.csv: 1,200 records read as CSV assets",
                               'columns not imported (they feed no field of itroad): "Notes", "X"',
                               "2 values were under a column without a name, not imported"]
