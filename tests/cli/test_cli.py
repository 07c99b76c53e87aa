"""The command line, run as a user runs it: a subprocess, stdout, stderr, exit status."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys

import pytest

from itroad.cli.output import write_output

GOOD = """format = "itroad/1"

[[clients]]
code = "acme"
name = "Acme Dental"

  [[clients.people]]
  name = "Jane Doe"
  email = "jane@acme.example"

  [[clients.assets]]
  tag = "ACME-0001"
  name = "Front desk PC"
  category = "desktop"
  purchase_date = 2023-03-15
  purchase_cost = "899.00"
  assigned_to = "jane@acme.example"
"""


def itroad(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "itroad", *args], capture_output=True, text=True, timeout=60
    )


def _dump(path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


@pytest.fixture
def good_file(tmp_path):
    path = tmp_path / "acme.toml"
    path.write_text(GOOD, encoding="utf-8")
    return path


def test_import_export_round_trip(tmp_path, good_file, db_path):
    result = itroad("import", "toml", str(good_file), "--db", str(db_path))
    assert result.returncode == 0, result.stderr
    assert "added client acme (Acme Dental)" in result.stdout
    exported = itroad("export", "toml", "--db", str(db_path))
    assert exported.returncode == 0, exported.stderr
    assert 'tag = "ACME-0001"' in exported.stdout
    # Exporting to a file, importing that into a new database, exporting again: identical.
    out = tmp_path / "out.toml"
    assert itroad("export", "toml", "--db", str(db_path), "-o", str(out)).returncode == 0
    other = tmp_path / "other.db"
    assert itroad("import", "toml", str(out), "--db", str(other)).returncode == 0
    again = itroad("export", "toml", "--db", str(other))
    assert again.stdout == out.read_text(encoding="utf-8") == exported.stdout


def test_a_written_file_has_the_mode_of_the_file_it_replaces_else_the_umasks(tmp_path, monkeypatch):
    """-o writes through a temporary file, whose owner-only mode must not stick: a
    report or an export is handed on like any file the user makes."""
    new = tmp_path / "new.txt"
    old_mask = os.umask(0o022)
    try:
        write_output("x", str(new))
    finally:
        os.umask(old_mask)
    assert stat.S_IMODE(new.stat().st_mode) == 0o644
    kept = tmp_path / "kept.txt"
    kept.write_text("old", encoding="utf-8")
    kept.chmod(0o600)
    write_output("y", str(kept))
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600 and kept.read_text(encoding="utf-8") == "y"


@pytest.mark.parametrize("command", [("export", "toml"), ("export", "json"), ("ical",),
                                     ("export", "csv", "--kind", "assets")])
def test_output_is_never_written_over_a_database_file(tmp_path, good_file, db_path, command):
    assert itroad("import", "toml", str(good_file), "--db", str(db_path)).returncode == 0
    other = tmp_path / "other.db"
    assert itroad("import", "toml", str(good_file), "--db", str(other)).returncode == 0
    before = other.read_bytes()
    result = itroad(*command, "--db", str(db_path), "-o", str(other))
    assert result.returncode == 2
    assert result.stderr == f"itroad: {other}: is a database file; give the output another file name\n"
    assert other.read_bytes() == before


def test_reimport_says_what_changed(good_file, db_path):
    itroad("import", "toml", str(good_file), "--db", str(db_path))
    result = itroad("import", "toml", str(good_file), "--db", str(db_path))
    assert result.stdout.splitlines() == [
        "unchanged client acme (Acme Dental): nothing in the file differs from the database"]
    changed = good_file.read_text(encoding="utf-8").replace('"899.00"', '"950.00"')
    good_file.write_text(changed, encoding="utf-8")
    result = itroad("import", "toml", str(good_file), "--db", str(db_path))
    assert "updated client acme" in result.stdout
    assert "1 asset (1 updated)" in result.stdout


def test_bad_file_lists_every_problem_exits_2_and_writes_nothing(tmp_path, good_file, db_path):
    assert itroad("import", "toml", str(good_file), "--db", str(db_path)).returncode == 0
    before = _dump(db_path)
    bad = tmp_path / "bad.toml"
    bad.write_text(
        GOOD.replace("purchase_date = 2023-03-15", 'purchase_date = "2023-02-30"')
        .replace('assigned_to = "jane@acme.example"', 'assigned_to = "bob@acme.example"')
        .replace('name = "Acme Dental"', 'name = "Acme Dental (renamed)"'),
        encoding="utf-8",
    )
    result = itroad("import", "toml", str(bad), "--db", str(db_path))
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f'{bad}: clients[0].assets[0].purchase_date: no such date "2023-02-30" (expected YYYY-MM-DD)',
    ]
    fixed_date = bad.read_text().replace('"2023-02-30"', "2023-02-28")
    bad.write_text(fixed_date)
    result = itroad("import", "toml", str(bad), "--db", str(db_path))
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f'{bad}: clients[0].assets[0].assigned_to: unknown person "bob@acme.example" (not in this client\'s people)',
    ]
    assert _dump(db_path) == before


def test_bad_syntax_and_missing_file(tmp_path, db_path):
    bad = tmp_path / "syntax.toml"
    bad.write_text('format = "itroad/1"\n[[clients]\n')
    result = itroad("import", "toml", str(bad), "--db", str(db_path))
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"{bad}: line 2, column 10: invalid TOML: expected ']]' at the end of an array declaration"
    )
    missing = itroad("import", "toml", str(tmp_path / "nope.toml"), "--db", str(db_path))
    assert missing.returncode == 2
    assert missing.stderr.strip() == f"{tmp_path / 'nope.toml'}: no such file"


def test_dry_run_and_client_selection(good_file, db_path):
    assert itroad("export", "toml", "--db", str(db_path)).returncode == 2  # no database yet
    result = itroad("import", "toml", str(good_file), "--db", str(db_path), "--dry-run")
    assert result.returncode == 0 and "dry run: nothing was written" in result.stdout
    assert "added client acme" in result.stdout
    none = itroad("export", "toml", "--db", str(db_path))
    assert "[[clients]]" not in none.stdout
    wrong = itroad("import", "toml", str(good_file), "--db", str(db_path), "--client", "nope")
    assert wrong.returncode == 2
    assert 'no client "nope" in the file (it has: acme)' in wrong.stderr
    missing = itroad("export", "toml", "--db", str(db_path), "--client", "nope")
    assert missing.returncode == 2 and 'no client "nope" in the database' in missing.stderr


def test_export_json_and_backup(tmp_path, good_file, db_path):
    import json

    itroad("import", "toml", str(good_file), "--db", str(db_path))
    data = json.loads(itroad("export", "json", "--db", str(db_path)).stdout)
    assert data["clients"][0]["assets"][0]["purchase_cost"] == "899.00"
    assert data["clients"][0]["assets"][0]["purchase_date"] == "2023-03-15"
    target = tmp_path / "backup.db"
    result = itroad("backup", str(target), "--db", str(db_path))
    assert result.returncode == 0 and target.exists()
    again = itroad("backup", str(target), "--db", str(db_path))
    assert again.returncode == 2 and "already exists" in again.stderr


def test_export_of_missing_database_is_an_error(tmp_path):
    result = itroad("export", "toml", "--db", str(tmp_path / "none.db"))
    assert result.returncode == 2 and "no such database" in result.stderr
    assert not (tmp_path / "none.db").exists()


def test_env_var_names_the_database(tmp_path, good_file, monkeypatch):
    path = tmp_path / "env.db"
    monkeypatch.setenv("ITROAD_DB", str(path))
    assert itroad("import", "toml", str(good_file)).returncode == 0
    assert path.exists()


def test_help_lists_the_commands():
    result = itroad("--help")
    for word in ("demo", "import", "export", "backup", "--db", "--theme", "--no-mouse"):
        assert word in result.stdout


def test_strategy_goals_readings_and_payments_survive_import_then_export(tmp_path, db_path):
    from pathlib import Path

    example = Path(__file__).parents[1] / "interchange" / "fixtures" / "strategy.toml"
    result = itroad("import", "toml", str(example), "--db", str(db_path))
    assert result.returncode == 0, result.stderr
    assert "3 actual payments (3 new)" in result.stdout
    exported = itroad("export", "toml", "--db", str(db_path))
    assert exported.returncode == 0, exported.stderr
    assert exported.stdout == example.read_text(encoding="utf-8")
