"""``itroad import snipeit|intune|csv`` and ``itroad export csv``, run as a user runs them."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "interchange" / "fixtures"
SNIPEIT = FIXTURES / "snipeit"
AS_OF = ("--as-of", "2026-12-01")


def itroad(*args: str | Path, stderr_tty: bool = False) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "itroad", *map(str, args)]
    if not stderr_tty:
        return subprocess.run(command, capture_output=True, text=True, timeout=120)
    # stderr on a pseudo-terminal, as when a person runs the command
    import pty

    leader, follower = pty.openpty()
    try:
        done = subprocess.run(command, stdout=subprocess.PIPE, stderr=follower, text=True,
                              timeout=120, env={**os.environ, "COLUMNS": "100", "TERM": "xterm"})
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                break
            if not chunk:
                break
            chunks.append(chunk)
        done.stderr = b"".join(chunks).decode(errors="replace")
        return done
    finally:
        os.close(leader)


def _dump(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def _tags(db: Path, code: str) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        return [tag for (tag,) in conn.execute(
            "SELECT a.tag FROM assets a JOIN clients c ON c.id = a.client_id WHERE c.code = ?"
            " ORDER BY a.tag", [code])]
    finally:
        conn.close()


def test_snipeit_twice_changes_nothing_the_second_time_and_says_so(tmp_path: Path) -> None:
    db = tmp_path / "it.db"
    first = itroad("import", "snipeit", SNIPEIT / "assets-iso.csv", "--db", db, *AS_OF)
    assert first.returncode == 0, first.stderr
    assert first.stderr == ""  # piped: no progress bar
    assert "10 records read as Snipe-IT assets" in first.stdout
    assert "added client acme-dental (Acme Dental, named after the file's Company column):" \
        in first.stdout
    assert "4 assets (4 new)" in first.stdout
    assert 'columns not imported (they feed no field of itroad): "Warranty Expires"' in first.stdout
    assert _tags(db, "acme-dental")[:2] == ["ACME-0001", "ACME-0002"]
    dump = _dump(db)
    again = itroad("import", "snipeit", SNIPEIT / "assets-iso.csv", "--db", db, *AS_OF)
    assert again.returncode == 0, again.stderr
    assert "unchanged client acme-dental (Acme Dental): nothing in the file differs" in again.stdout
    assert "new" not in again.stdout and "updated" not in again.stdout
    assert _dump(db) == dump


def test_a_file_with_problems_is_refused_whole(tmp_path: Path) -> None:
    db = tmp_path / "it.db"
    assert itroad("import", "snipeit", SNIPEIT / "assets-iso.csv", "--db", db, *AS_OF).returncode == 0
    dump = _dump(db)
    bad = SNIPEIT / "assets-bad.csv"
    refused = itroad("import", "snipeit", bad, "--db", db, *AS_OF)
    assert refused.returncode == 2
    lines = refused.stderr.splitlines()
    assert f'{bad}: record 2 (line 3), column "Purchase Date", value "2/30/2023": no such date ' \
        '"2/30/2023" (read as M/D/YYYY)' in lines
    assert lines[-1] == f"{bad}: nothing was imported; fix the file and import it again"
    assert refused.stdout == ""
    assert _dump(db) == dump


def test_a_file_not_in_utf8_says_which_byte_and_how(tmp_path: Path) -> None:
    db = tmp_path / "it.db"
    path = SNIPEIT / "assets-cp1252.csv"
    refused = itroad("import", "snipeit", path, "--db", db, *AS_OF)
    assert refused.returncode == 2
    assert refused.stderr.splitlines()[0].startswith(f"{path}: not utf-8 text at byte ")
    assert "try --encoding cp1252" in refused.stderr
    taken = itroad("import", "snipeit", path, "--db", db, "--encoding", "cp1252", *AS_OF)
    assert taken.returncode == 0, taken.stderr
    assert "Café Lumière" in taken.stdout


def test_dry_run_lists_and_writes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "it.db"
    assert itroad("import", "snipeit", SNIPEIT / "assets-iso.csv", "--db", db, *AS_OF).returncode == 0
    dump = _dump(db)
    dry = itroad("import", "snipeit", SNIPEIT / "licenses.csv", "--db", db, "--dry-run", *AS_OF)
    assert dry.returncode == 0, dry.stderr
    assert "would add Microsoft 365 Business Premium (Microsoft)" in dry.stdout
    assert "expired on 2026-03-31" in dry.stdout
    assert dry.stdout.rstrip().endswith("(dry run: nothing was written)")
    assert _dump(db) == dump


def test_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    path = tmp_path / "many.csv"
    rows = "".join(f"Acme,T-{i:05d},Laptops,2023-01-{1 + i % 28:02d},$1,{i % 9}99.00\n"
                   .replace(",$1,", ',"$1,').replace(".00\n", '.00"\n') for i in range(3000))
    path.write_text("Company,Asset Tag,Category,Purchase Date,Purchase Cost\n" + rows)
    done = itroad("import", "snipeit", path, "--db", tmp_path / "it.db", *AS_OF, stderr_tty=True)
    assert done.returncode == 0, done.stderr
    assert "3,000 assets (3,000 new)" in done.stdout
    assert "importing" in done.stderr and "records" in done.stderr


def test_a_spreadsheet_in_then_fixed_and_in_again(tmp_path: Path) -> None:
    db = tmp_path / "it.db"
    sheet = tmp_path / "assets.csv"
    template = itroad("export", "csv", "--template", "assets")
    assert template.returncode == 0
    assert template.stdout.startswith("tag,name,category,manufacturer,model,serial,site,")
    sheet.write_text(template.stdout + "LAP-1,Finance laptop,Laptop,Dell,,,,,,1/23/2023,"
                     '"$1,249.50",,,,,,,Keyboard =replaced\r\n'
                     "LAP-2,Reception PC,desktop,,,,,,,12/1/2021,899.00,,,,,,,\r\n",
                     encoding="utf-8", newline="")
    first = itroad("import", "csv", sheet, "--client", "acme", "--kind", "assets", "--db", db)
    assert first.returncode == 0, first.stderr
    assert "added client acme (acme, named after its code):" in first.stdout
    assert "2 assets (2 new)" in first.stdout
    sheet.write_text(sheet.read_text(encoding="utf-8").replace("899.00", "949.00"),
                     encoding="utf-8", newline="")
    second = itroad("import", "csv", sheet, "--client", "acme", "--kind", "assets", "--db", db)
    assert second.returncode == 0, second.stderr
    assert "2 assets (1 updated, 1 unchanged)" in second.stdout
    exported = itroad("export", "csv", "--kind", "assets", "--db", db)
    assert "LAP-2,Reception PC,desktop,,,,,,in_use,2021-12-01,949.00" in exported.stdout


HOSTILE = """format = "itroad/1"

[[clients]]
code = "acme"
name = "Acme Dental"

  [[clients.assets]]
  tag = "=HYPERLINK(\\"http://evil.example\\",\\"x\\")"
  name = "[bold]Desk[/bold] <script>alert(1)</script>"
  category = "desktop"
  notes = "+1, -5 and @SUM(A1)\\nsecond line \\"quoted\\""

  [[clients.assets]]
  tag = "'=already quoted"
  name = "\\u001b[2Jclear"
  category = "laptop"

  [[clients.renewals]]
  name = "Backup"
  unit_cost = "1249.50"
  next_renewal = 2027-03-31

[[clients]]
code = "globex"
name = "Globex"

  [[clients.assets]]
  tag = "@G-1"
  name = "+Router"
  category = "network"

  [[clients.renewals]]
  name = "-Antivirus"
  vendor = "@vendor"
  unit_cost = "12.50"
  next_renewal = 2027-01-01
  escalation_rate = "-0.05"
"""


@pytest.mark.parametrize("kind", ["assets", "renewals"])
def test_export_then_import_gives_the_same_records(tmp_path: Path, kind: str) -> None:
    source, target = tmp_path / "a.db", tmp_path / "b.db"
    portfolio = tmp_path / "p.toml"
    portfolio.write_text(HOSTILE, encoding="utf-8")
    assert itroad("import", "toml", portfolio, "--db", source).returncode == 0
    sheet = tmp_path / f"{kind}.csv"
    assert itroad("export", "csv", "--kind", kind, "--db", source, "-o", sheet).returncode == 0
    text = sheet.read_text(encoding="utf-8")
    assert text.startswith("client,")
    for line in text.splitlines()[1:]:
        for cell in line.split(","):
            assert not cell.startswith(("=", "+", "-", "@")), line
    taken = itroad("import", "csv", sheet, "--kind", kind, "--db", target)
    assert taken.returncode == 0, taken.stderr
    again = itroad("export", "csv", "--kind", kind, "--db", target)
    assert again.stdout == text.replace("\r\n", "\n") or again.stdout == text


def test_intune_needs_a_client(tmp_path: Path) -> None:
    devices = FIXTURES / "intune" / "intune-devices.csv"
    refused = itroad("import", "intune", devices, "--db", tmp_path / "it.db")
    assert refused.returncode == 2
    assert refused.stderr == ("itroad import: name the client the devices belong to with "
                              "--client CODE\n")
    taken = itroad("import", "intune", devices, "--client", "acme", "--db", tmp_path / "it.db")
    assert taken.returncode == 0, taken.stderr
    assert "read as Intune devices" in taken.stdout


def test_glpi_through_its_shipped_mapping(tmp_path: Path) -> None:
    taken = itroad("import", "csv", FIXTURES / "csv" / "glpi-computers.csv", "--map",
                   "glpi-computers", "--client", "acme", "--db", tmp_path / "it.db")
    assert taken.returncode == 0, taken.stderr
    assert "PC-ACC-01" in itroad("export", "csv", "--kind", "assets", "--db",
                                 tmp_path / "it.db").stdout


@pytest.mark.parametrize("args, said", [
    (["export", "toml", "--kind", "assets"],
     "itroad export: --kind is for export csv; a toml export holds every kind"),
    (["export", "csv"], "itroad export: say which records to export with --kind assets, "
                        "renewals or contracts"),
    (["import", "csv", "x.csv", "--client", "acme"],
     "itroad: x.csv: which records does the file hold? Give --kind assets, renewals or contracts"),
    (["import", "csv", "x.csv", "--kind", "assets", "--map", "nosuch"],
     'itroad: unknown mapping "nosuch" (the mappings itroad ships: glpi-computers, '
     "lansweeper-assets; or give the path of a .toml file)"),
    (["import", "snipeit", "x.csv", "--client", "a", "--client", "b"],
     "itroad import: an import goes to one client, not a, b; give --client once"),
    (["import", "snipeit", "x.csv", "--delimiter", ":"],
     'itroad import snipeit: argument --delimiter: "x" is not a delimiter itroad reads '
     "(use , ; tab or |) (see itroad import snipeit --help)"),
])
def test_usage_errors_are_one_line(tmp_path: Path, args: list[str], said: str) -> None:
    done = itroad(*args, "--db", tmp_path / "it.db")
    assert done.returncode == 2
    assert done.stderr == said.replace('"x"', '":"') + "\n"


def test_the_progress_bar_shows_a_file_name_as_it_is(tmp_path: Path) -> None:
    path = tmp_path / "[bold]x[-bold].csv"
    path.write_text("Company,Asset Tag,Category\nAcme,T-1,Laptops\n")
    done = itroad("import", "snipeit", path, "--db", tmp_path / "it.db", *AS_OF, stderr_tty=True)
    assert done.returncode == 0, done.stderr
    assert "importing [bold]x[-bold].csv" in done.stderr


def test_a_client_code_that_cannot_be_one_is_refused_once_before_reading(tmp_path: Path) -> None:
    db = tmp_path / "it.db"
    for command in (["snipeit", SNIPEIT / "assets-iso.csv", *AS_OF],
                    ["intune", FIXTURES / "intune" / "intune-devices.csv"],
                    ["csv", SNIPEIT / "assets-iso.csv", "--kind", "assets"]):
        refused = itroad("import", *command, "--client", "Acme Corp", "--db", db)
        assert refused.returncode == 2
        assert refused.stderr == ('itroad import: --client "Acme Corp" is not a client code: use '
                                  'lower-case letters, digits and hyphens, such as "acme-corp"\n')
        assert refused.stdout == ""
    assert not db.exists()  # refused before the database was opened


def test_intune_reads_day_first_enrollment_dates(tmp_path: Path) -> None:
    devices = tmp_path / "devices.csv"
    devices.write_text("Device name,Enrollment date,Serial number,Manufacturer,Model\n"
                       "PC-1,13/07/2023 10:00,SN1,Dell Inc.,Latitude 7440\n", encoding="utf-8")
    db = tmp_path / "it.db"
    common = ("import", "intune", devices, "--client", "acme", "--enrolled-as-purchased",
              "--db", db)
    refused = itroad(*common)
    assert refused.returncode == 2
    assert "use --date-order dmy" in refused.stderr
    taken = itroad(*common, "--date-order", "dmy")
    assert taken.returncode == 0, taken.stderr
    assert f"{devices}: 1 record read as Intune devices" in taken.stdout  # one: singular
    exported = itroad("export", "csv", "--kind", "assets", "--db", db)
    assert "2023-07-13" in exported.stdout


def test_intune_says_what_of_a_mapping_it_does_not_use(tmp_path: Path) -> None:
    mapping = tmp_path / "devices.toml"
    mapping.write_text('[columns]\n"Device name" = "tag"\n\n[categories]\n'
                       '"Latitude 7440" = "laptop"\n', encoding="utf-8")
    taken = itroad("import", "intune", FIXTURES / "intune" / "intune-devices.csv", "--client",
                   "acme", "--map", mapping, "--dry-run", "--db", tmp_path / "it.db")
    assert taken.returncode == 0, taken.stderr
    assert ("the mapping's [columns] are not used by an Intune import; only its [categories] "
            "are") in taken.stdout.splitlines()


def test_each_import_helps_with_its_own_options() -> None:
    def help_of(format: str) -> str:
        done = itroad("import", format, "--help")
        assert done.returncode == 0
        return " ".join(done.stdout.split())

    snipeit, intune, generic = help_of("snipeit"), help_of("intune"), help_of("csv")
    assert "--decimal-comma" in snipeit and "mapping" not in snipeit
    assert "comma overrides a mapping that says they do" in generic
    assert "default: the mapping's, else mdy" in generic
    assert "--date-order" in intune and "--decimal-comma" not in intune
    assert "--include-personal" in intune
