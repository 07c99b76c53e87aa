"""Reading CSV files as spreadsheets and inventory tools write them (interchange/csv_file.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from itroad.interchange import csv_file
from itroad.interchange.csv_file import (
    CsvFile,
    CsvFileError,
    Header,
    formula_safe,
    sniff_delimiter,
    unformula,
)


def records(path: Path, **options: str) -> list[tuple[int, int, dict[str, str]]]:
    with CsvFile(path, **options) as sheet:
        return [(r.number, r.line, r.cells) for r in sheet]


def written(tmp_path: Path, data: bytes, name: str = "sheet.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("ending", [b"\r\n", b"\n", b"\r"])
@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_line_endings_and_byte_order_mark(tmp_path: Path, ending: bytes, bom: bytes) -> None:
    data = bom + ending.join([b"Tag,Name", b"A1,First", b"A2,Second", b""])
    assert records(written(tmp_path, data)) == [
        (1, 2, {"Tag": "A1", "Name": "First"}), (2, 3, {"Tag": "A2", "Name": "Second"})]


def test_quoted_cells_keep_delimiters_quotes_and_line_breaks(tmp_path: Path) -> None:
    data = (b'Tag,Notes,Cost\r\n'
            b'A1,"Lap, top ""15""",  "1,249.50"\r\n'
            b'A2,"two\r\nlines",5\r\n'
            b'A3,after,6\r\n')
    assert records(written(tmp_path, data)) == [
        (1, 2, {"Tag": "A1", "Notes": 'Lap, top "15"', "Cost": "1,249.50"}),
        (2, 3, {"Tag": "A2", "Notes": "two\r\nlines", "Cost": "5"}),
        (3, 5, {"Tag": "A3", "Notes": "after", "Cost": "6"}),  # line 5: the break counts
    ]


def test_blank_lines_and_rows_of_empty_cells_are_skipped(tmp_path: Path) -> None:
    data = b"\r\n\r\nTag,Name\r\n\r\nA1,x\r\n,\r\n   \r\nA2,y\r\n\r\n"
    assert records(written(tmp_path, data)) == [
        (1, 5, {"Tag": "A1", "Name": "x"}), (2, 8, {"Tag": "A2", "Name": "y"})]


def test_trailing_empty_columns_and_short_rows(tmp_path: Path) -> None:
    data = b"Tag,Name,Site,,\r\nA1,x,,,,,\r\nA2\r\n"
    assert records(written(tmp_path, data)) == [
        (1, 2, {"Tag": "A1", "Name": "x", "Site": ""}), (2, 3, {"Tag": "A2", "Name": "", "Site": ""})]


def test_a_record_with_more_values_than_the_header_is_refused(tmp_path: Path) -> None:
    path = written(tmp_path, b"Tag,Name\nA1,x\nA2,Lap, top\n")
    with pytest.raises(CsvFileError) as refused:
        records(path)
    assert str(refused.value) == (
        f"{path}: record 2 (line 3) has 3 values but the header names 2 columns (is a "
        "delimiter inside an unquoted value, or is the delimiter another one? see --delimiter)")


def test_empty_and_repeated_header_names() -> None:
    header = Header.of(["Tag", " ", "Notes", "notes", "NOTES", ""])
    assert header.names == ["Tag", "Notes", "notes (column 4)", "NOTES (column 5)"]
    assert header.repeated == {"Notes": [3, 4, 5]}
    assert header.unnamed == [1, 5]
    assert header.column_number("notes (column 4)") == 4


def test_values_under_a_column_without_a_name_are_counted(tmp_path: Path) -> None:
    path = written(tmp_path, b"Tag,,Name\nA1,lost,x\nA2,,y\n")
    with CsvFile(path) as sheet:
        assert [r.cells for r in sheet] == [{"Tag": "A1", "Name": "x"}, {"Tag": "A2", "Name": "y"}]
        assert sheet.header.unnamed_values == 1


def test_a_file_not_in_utf8_names_the_byte_and_the_way_out(tmp_path: Path) -> None:
    data = "Tag,Name\r\nA1,Café\r\n".encode("cp1252")
    path = written(tmp_path, data)
    with pytest.raises(CsvFileError) as refused:
        records(path)
    offset = data.index(b"\xe9")
    assert str(refused.value) == (f"{path}: not utf-8 text at byte {offset} (if it "
                                  "was saved by Excel or Windows, try --encoding cp1252)")
    assert records(path, encoding="cp1252") == [(1, 2, {"Tag": "A1", "Name": "Café"})]


def test_a_file_that_stops_being_utf8_far_into_it_is_named_once(tmp_path: Path) -> None:
    data = b"Tag,Name\n" + b"A1,x\n" * 300_000 + b"B1,\xe9\n"
    path = written(tmp_path, data)
    with pytest.raises(CsvFileError) as refused:
        records(path)
    assert str(refused.value).startswith(f"{path}: not utf-8 text at byte {len(data) - 2} ")


def test_the_byte_offset_is_exact_far_into_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                                  ) -> None:
    monkeypatch.setattr(csv_file, "_CHUNK", 7)  # many chunks, a character split between two
    good = "Tag,Name\n" + "".join(f"A{i},Zoë\n" for i in range(50))
    data = good.encode() + b"B1,\xff\n"
    path = written(tmp_path, data)
    with pytest.raises(CsvFileError) as refused:
        records(path)
    assert f"at byte {len(good.encode()) + 3} " in str(refused.value)


def test_chunks_that_split_a_crlf_do_not_make_blank_records(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(csv_file, "_CHUNK", 3)
    data = b"T,N\r\nA1,x\r\nA2,\"y\r\nz\"\r\nA3,w\r\n"
    assert records(written(tmp_path, data)) == [
        (1, 2, {"T": "A1", "N": "x"}), (2, 3, {"T": "A2", "N": "y\r\nz"}), (3, 5, {"T": "A3", "N": "w"})]


@pytest.mark.parametrize("line, delimiter", [
    ("Tag,Name,Cost\n", ","), ("Nom;Numéro de série;Date\n", ";"), ("Tag\tName\n", "\t"),
    ("Tag|Name\n", "|"), ('"Name, full";Tag\n', ";"), ("Tag\n", ","),
])
def test_the_delimiter_is_read_from_the_header(line: str, delimiter: str) -> None:
    assert sniff_delimiter(line) == delimiter


def test_a_given_delimiter_wins(tmp_path: Path) -> None:
    path = written(tmp_path, b"Tag;Name,with comma\nA1;x,y\n")
    assert records(path, delimiter=";") == [(1, 2, {"Tag": "A1", "Name,with comma": "x,y"})]


@pytest.mark.parametrize("make, said", [
    (lambda p: p, "no such file"),
    (lambda p: (p.mkdir(), p)[1], "is a folder, not a CSV file"),
    (lambda p: (p.write_bytes(b"\r\n\n"), p)[1],
     "the file is empty (expected a header line naming the columns)"),
])
def test_files_that_cannot_be_read(tmp_path: Path, make, said: str) -> None:
    path = make(tmp_path / "in.csv")
    with pytest.raises(CsvFileError) as refused:
        records(path)
    assert str(refused.value) == f"{path}: {said}"


def test_unknown_encoding_and_delimiter(tmp_path: Path) -> None:
    with pytest.raises(CsvFileError, match='unknown encoding "klingon"'):
        CsvFile(tmp_path / "x.csv", encoding="klingon")
    with pytest.raises(CsvFileError, match='unsupported delimiter ":"'):
        CsvFile(tmp_path / "x.csv", delimiter=":")


def test_a_nul_byte_names_the_line(tmp_path: Path) -> None:
    path = written(tmp_path, b"Tag,Name\nA1,x\nA2,\x00\n")
    with pytest.raises(CsvFileError) as refused:
        records(path)
    assert str(refused.value) == (f"{path}: line 3: has a NUL character, which text files do "
                                  "not have (is it a CSV file?)")


def test_progress_counts_the_bytes_read(tmp_path: Path) -> None:
    path = written(tmp_path, b"Tag\n" + b"A\n" * 1000)
    with CsvFile(path) as sheet:
        assert sheet.total_bytes == 2004
        assert sum(1 for _ in sheet) == 1000
        assert sheet.bytes_read == 2004


# -- formula-safe cells --------------------------------------------------------------


@pytest.mark.parametrize("value, safe", [
    ("=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")"),
    ("+1", "'+1"), ("-5", "'-5"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("\rx", "'\rx"),
    ("'=x", "''=x"), ("'ok", "'ok"), ("ok", "ok"), ("", ""), ("a=b", "a=b"),
])
def test_formula_like_cells_get_a_quote(value: str, safe: str) -> None:
    assert formula_safe(value) == safe
    assert unformula(safe) == value


@given(st.text())
def test_unformula_undoes_formula_safe_exactly(value: str) -> None:
    assert unformula(formula_safe(value)) == value
    assert not formula_safe(value).startswith(csv_file.FORMULA_STARTS)


@pytest.mark.parametrize("magic", [b"PK\x03\x04\x14\x00", b"\xd0\xcf\x11\xe0\xa1\xb1"])
def test_a_workbook_is_told_to_be_saved_as_csv(tmp_path: Path, magic: bytes) -> None:
    path = written(tmp_path, magic + b"\x00\x01binary", "inventory.xlsx")
    with pytest.raises(CsvFileError) as refused:
        records(path)
    assert str(refused.value) == (f"{path}: is a spreadsheet workbook, not CSV: save it as CSV "
                                  "first (in Excel: Save As, CSV UTF-8)")


def test_a_quote_never_closed_is_refused_not_read_into_one_cell(tmp_path: Path) -> None:
    path = written(tmp_path, b'Tag,Notes\nA1,"Charger 65W\nA2,x\nA3,y\n')
    with pytest.raises(CsvFileError) as refused:
        records(path)
    assert str(refused.value) == (
        f"{path}: line 2: a quote opens a value that is never closed (the rest of the file "
        "would be read into it); close it, or double a quote meant as text")


def test_text_after_a_closing_quote_is_refused(tmp_path: Path) -> None:
    path = written(tmp_path, b'Tag,Notes\nA1,"15" screen\n')
    with pytest.raises(CsvFileError, match=r"line 2: a quoted value is followed by more text"):
        records(path)
    path = written(tmp_path, b'Tag,Notes\nA1,15" screen\n')  # a quote inside a value: text
    assert records(path) == [(1, 2, {"Tag": "A1", "Notes": '15" screen'})]


def test_a_long_line_across_many_chunks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(csv_file, "_CHUNK", 64)
    notes = "word " * 2000
    path = written(tmp_path, f"Tag,Notes\r\nA1,{notes}\r\nA2,short".encode())
    assert records(path) == [(1, 2, {"Tag": "A1", "Notes": notes.strip()}),
                             (2, 3, {"Tag": "A2", "Notes": "short"})]


def test_a_line_longer_than_a_csv_file_has_is_refused(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(csv_file, "_CHUNK", 64)
    monkeypatch.setattr(csv_file, "MAX_LINE", 1000)
    path = written(tmp_path, b"Tag,Notes\nA1," + b"x" * 5000 + b"\n")
    with pytest.raises(CsvFileError) as refused:
        records(path)
    assert str(refused.value) == f"{path}: line 2 is longer than 1,000 characters (is it a CSV file?)"


def test_a_pipe_is_read(tmp_path: Path) -> None:
    import os
    import threading

    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)

    def feed() -> None:
        with open(fifo, "wb") as pipe:
            pipe.write(b"Tag,Name\nA1,x\n")

    writer = threading.Thread(target=feed)
    writer.start()
    try:
        assert records(fifo) == [(1, 2, {"Tag": "A1", "Name": "x"})]
    finally:
        writer.join(5)


@pytest.mark.parametrize("name", ["base64", "hex", "rot13", "zlib"])
def test_a_codec_that_is_not_a_text_encoding_is_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(CsvFileError, match=f'unknown encoding "{name}"'):
        CsvFile(tmp_path / "x.csv", encoding=name)


def test_the_byte_order_mark_goes_whatever_utf8_is_called(tmp_path: Path) -> None:
    path = written(tmp_path, b"\xef\xbb\xbfTag\nA1\n")
    assert records(path, encoding="U8") == [(1, 2, {"Tag": "A1"})]


def test_a_value_longer_than_itroad_keeps_is_refused(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(csv_file, "MAX_CELL", 100)
    path = written(tmp_path, b"Tag,Notes\nA1,ok\nA2," + b"x" * 101 + b"\n")
    with pytest.raises(CsvFileError) as refused:
        records(path)
    assert str(refused.value) == f"{path}: line 3: a value is longer than 100 characters"
