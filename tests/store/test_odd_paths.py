"""Odd places for the database: one sentence each, exit 2, nothing written.

Permission tests need a user that file permission bits apply to. The suite and CI
run as root, which ignores them: there the CLI runs in a subprocess without the
two capabilities that let root bypass them (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH,
dropped from its bounding set before exec). Root then obeys the bits of the files
it owns like any user, and can still run the interpreter in /root. As any other
user the CLI simply runs as that user.
"""

from __future__ import annotations

import ctypes
import hashlib
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import PLANNING_FIXTURE

from itroad.store import StoreError
from itroad.store.database import ReadOnlyDatabaseError, open_database, open_for_reading
from itroad.store.schema import SCHEMA_VERSION

SAMPLE = Path(__file__).resolve().parents[2] / "sample_data" / "portfolio.toml"
PR_CAPBSET_DROP = 24
CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH = 1, 2


def itroad(*args: str, unprivileged: bool = False, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "itroad", *args], capture_output=True, text=True,
                          timeout=60, preexec_fn=_obey_permissions if unprivileged else None,
                          **kwargs)


def _obey_permissions() -> None:
    """In the child, before exec: make root subject to permission bits."""
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
        if libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


@pytest.fixture(scope="session")
def permissions_apply(tmp_path_factory) -> None:
    """Skip (saying why) unless a child process really is refused a read-only file."""
    if not sys.platform.startswith("linux") and os.geteuid() == 0:
        pytest.skip("running as root outside Linux: no way to make permission bits apply")
    probe = tmp_path_factory.mktemp("probe") / "locked"
    probe.write_text("x")
    probe.chmod(0o444)
    try:
        result = subprocess.run([sys.executable, "-c", f"open({str(probe)!r}, 'a')"],
                                capture_output=True, preexec_fn=_obey_permissions, timeout=60)
    except (OSError, subprocess.SubprocessError) as exc:
        pytest.skip(f"cannot start a process that obeys permission bits ({exc})")
    if result.returncode == 0:
        pytest.skip("this process ignores file permission bits (root with its capabilities)")


def one_line(result: subprocess.CompletedProcess) -> str:
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def sample_file_db(tmp_path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "x.db"
    assert itroad("import", "toml", str(SAMPLE), "--db", str(path)).returncode == 0
    return path


@pytest.fixture
def restore_modes():
    """chmod for the test, undone afterwards so pytest can clean up."""
    changed: list[tuple[Path, int]] = []

    def chmod(path: Path, mode: int) -> None:
        changed.append((path, stat.S_IMODE(path.stat().st_mode)))
        path.chmod(mode)

    yield chmod
    for path, mode in reversed(changed):
        path.chmod(mode)


# -- folders -------------------------------------------------------------------------------


@pytest.mark.parametrize("command", [["forecast"], ["import", "toml", str(SAMPLE)], ["export", "toml"]])
def test_a_file_where_a_folder_should_be(tmp_path, command):
    (tmp_path / "afile").write_text("notes")
    db = tmp_path / "afile" / "x.db"
    result = itroad(*command, "--db", str(db))
    assert result.returncode == 2
    assert one_line(result) == f"itroad: {db}: {tmp_path / 'afile'} is a file, not a folder"
    assert (tmp_path / "afile").read_text() == "notes"


def test_a_missing_folder_is_named_and_not_created(tmp_path, sample_file_db):
    missing = tmp_path / "nowhere"
    result = itroad("import", "toml", str(SAMPLE), "--db", str(missing / "x.db"))
    assert result.returncode == 2
    assert one_line(result) == (
        f"itroad: {missing / 'x.db'}: the folder {missing} does not exist; create it first")
    result = itroad("backup", str(missing / "b.db"), "--db", str(sample_file_db))
    assert result.returncode == 2
    assert one_line(result) == (
        f"itroad: {missing / 'b.db'}: the folder {missing} does not exist; create it first")
    result = itroad("export", "toml", "-o", str(missing / "x.toml"), "--db", str(sample_file_db))
    assert result.returncode == 2 and f"the folder {missing} does not exist" in one_line(result)
    assert not missing.exists()


def test_the_default_data_directory_is_created(tmp_path):
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "xdg")}
    env.pop("ITROAD_DB", None)
    result = itroad("import", "toml", str(SAMPLE), env=env)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "xdg" / "itroad" / "itroad.db").stat().st_size > 0


def test_a_folder_given_as_the_database(tmp_path):
    result = itroad("forecast", "--db", str(tmp_path))
    assert result.returncode == 2
    assert one_line(result) == f"itroad: {tmp_path}: is a folder, not a database file"


# -- empty files ---------------------------------------------------------------------------


@pytest.mark.parametrize("command", [["forecast"], ["due"], ["import", "toml", str(SAMPLE)],
                                     ["backup", "copy.db"]])
def test_an_empty_file_is_not_adopted(tmp_path, command):
    empty = tmp_path / "empty.db"
    empty.touch()
    an_hour_ago = empty.stat().st_mtime - 3600  # not one another itroad is creating now
    os.utime(empty, (an_hour_ago, an_hour_ago))
    result = itroad(*command, "--db", str(empty), cwd=tmp_path)
    assert result.returncode == 2
    assert one_line(result) == (
        f"itroad: {empty}: the file is empty, not an itroad database; delete it to start a new "
        "database there, or choose another file")
    assert empty.stat().st_size == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.db"]


def test_a_new_database_that_cannot_be_finished_is_removed(tmp_path, monkeypatch):
    from itroad.store import database

    def failing(db):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(database, "migrate", failing)
    with pytest.raises(RuntimeError):
        open_database(tmp_path / "new.db")
    assert list(tmp_path.iterdir()) == []  # not an empty file that the next run refuses


# -- permissions ---------------------------------------------------------------------------

READING = [["forecast", "--as-of", "2027-01-01"], ["due", "--as-of", "2027-01-01", "--json"],
           ["roadmap", "--json"], ["export", "toml"]]


@pytest.mark.parametrize("where", ["file", "folder"])
def test_a_read_only_database_serves_reading_and_refuses_writing(
        where, sample_file_db, restore_modes, permissions_apply, tmp_path):
    expected = {tuple(c): itroad(*c, "--db", str(sample_file_db)) for c in READING}
    restore_modes(sample_file_db if where == "file" else sample_file_db.parent,
                  0o444 if where == "file" else 0o555)
    before = digest(sample_file_db)
    for command in READING:
        result = itroad(*command, "--db", str(sample_file_db), unprivileged=True)
        assert result.stderr == "" and result.returncode in (0, 1), (command, result.stderr)
        assert result.stdout == expected[tuple(command)].stdout, command
    backup = tmp_path / "copy.db"
    result = itroad("backup", str(backup), "--db", str(sample_file_db), unprivileged=True)
    assert result.returncode == 0, result.stderr
    assert itroad("export", "toml", "--db", str(backup)).stdout == expected[("export", "toml")].stdout
    refused = itroad("import", "toml", str(SAMPLE), "--db", str(sample_file_db), unprivileged=True)
    assert refused.returncode == 2
    assert one_line(refused) == (
        f"itroad: {sample_file_db}: the database is read-only for you (the file or its folder "
        "may not be written), so it cannot be changed")
    assert digest(sample_file_db) == before
    # Nothing left beside it: a read-only -shm would later break the owner's writes.
    assert sorted(p.name for p in sample_file_db.parent.iterdir()) == ["x.db"]


def test_a_read_only_shm_left_beside_a_writable_database_is_explained(
        sample_file_db, restore_modes, permissions_apply):
    shm = sample_file_db.with_name("x.db-shm")
    shm.write_bytes(b"")
    restore_modes(shm, 0o444)
    result = itroad("import", "toml", str(SAMPLE), "--db", str(sample_file_db), unprivileged=True)
    assert result.returncode == 2
    assert one_line(result) == (
        f"itroad: {sample_file_db}: its x.db-shm file is read-only for you, so the database cannot "
        f"be changed; it is safe to delete {shm} when no itroad has the database open")


APP = ("import sys, itroad.cli as c, itroad.cli.app as a\n"
       "a.run_tui = lambda path, args: print('the app opens on', path, a.one_client(args)) or 0\n"
       "raise SystemExit(c.main(sys.argv[1:]))\n")


def test_the_app_opens_a_read_only_database(sample_file_db, restore_modes, permissions_apply):
    restore_modes(sample_file_db.parent, 0o555)
    result = subprocess.run([sys.executable, "-c", APP, "--db", str(sample_file_db), "--client",
                             "harbor"], capture_output=True, text=True, timeout=60,
                            preexec_fn=_obey_permissions)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"the app opens on {sample_file_db} harbor\n"


def test_a_read_only_database_that_needs_an_upgrade_says_so(
        sample_file_db, restore_modes, permissions_apply):
    conn = sqlite3.connect(sample_file_db)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
    conn.close()
    restore_modes(sample_file_db, 0o444)
    before = digest(sample_file_db)
    result = itroad("forecast", "--db", str(sample_file_db), unprivileged=True)
    assert result.returncode == 2
    assert one_line(result) == (
        f"itroad: {sample_file_db}: this database has an older schema (version "
        f"{SCHEMA_VERSION - 1} of {SCHEMA_VERSION}); it is read-only for you, so it cannot be "
        "upgraded: make it writable, or read it with the itroad that wrote it")
    assert digest(sample_file_db) == before


def test_a_folder_the_user_may_not_enter(sample_file_db, restore_modes, permissions_apply):
    folder = sample_file_db.parent
    restore_modes(folder, 0o000)
    for command in (["forecast"], ["import", "toml", str(SAMPLE)], ["backup", "/tmp/never.db"]):
        result = itroad(*command, "--db", str(sample_file_db), unprivileged=True)
        assert result.returncode == 2
        assert one_line(result) == (
            f"itroad: {sample_file_db}: permission denied: you may not open the folder {folder}")


def test_a_new_database_in_a_read_only_folder(tmp_path, restore_modes, permissions_apply):
    folder = tmp_path / "ro"
    folder.mkdir()
    restore_modes(folder, 0o555)
    result = itroad("import", "toml", str(SAMPLE), "--db", str(folder / "x.db"), unprivileged=True)
    assert result.returncode == 2
    assert one_line(result) == f"itroad: {folder / 'x.db'}: cannot create the file (Permission denied)"


# -- the store's API ------------------------------------------------------------------------


def test_store_api_for_odd_paths(tmp_path, sample_file_db):
    with pytest.raises(StoreError, match="no such database"):
        open_for_reading(tmp_path / "none.db")
    assert not (tmp_path / "none.db").exists()
    with pytest.raises(StoreError, match="does not exist; create it first"):
        open_database(tmp_path / "a" / "b" / "x.db")
    db = open_database(tmp_path / "a" / "b" / "x.db", create_folder=True)
    db.close()
    db = open_for_reading(sample_file_db)
    try:
        assert db.execute("SELECT count(*) FROM clients").fetchone()[0] == 3
    finally:
        db.close()
    assert issubclass(ReadOnlyDatabaseError, StoreError)


def test_a_read_only_folder_with_changes_left_in_the_wal_is_not_read_stale(
        sample_file_db, restore_modes, permissions_apply):
    script = ("import os, sqlite3, sys\n"
              "c = sqlite3.connect(sys.argv[1]); c.execute('PRAGMA wal_autocheckpoint = 0')\n"
              "c.execute(\"UPDATE clients SET name = 'Changed' WHERE code = 'harbor'\"); c.commit()\n"
              "os._exit(0)\n")  # no checkpoint: the change stays in x.db-wal
    subprocess.run([sys.executable, "-c", script, str(sample_file_db)], check=True, timeout=60)
    sample_file_db.with_name("x.db-shm").unlink()
    restore_modes(sample_file_db.parent, 0o555)
    result = itroad("export", "json", "--db", str(sample_file_db), unprivileged=True)
    assert result.returncode == 2
    assert one_line(result) == (
        f"itroad: {sample_file_db}: its x.db-wal file holds changes that only someone who may "
        "write the folder can apply; open it once with itroad as them")


# -- another program's file; several itroads creating one database -------------------------

FIXTURE = PLANNING_FIXTURE


def test_another_programs_sqlite_file_is_refused_untouched(tmp_path):
    import sqlite3

    path = tmp_path / "notes.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    for command in (["forecast"], ["import", "toml", str(FIXTURE)], ["export", "toml"]):
        result = itroad(*command, "--db", str(path))
        assert result.returncode == 2, result.stderr
        assert result.stderr.strip() == (
            f"itroad: {path}: a SQLite database of another program (it holds tables such as "
            "notes), not an itroad database; the file was not changed")
    assert path.read_bytes() == before


def test_several_itroads_creating_one_new_database_all_succeed(tmp_path):
    """Started together on a file that does not exist yet, each import either creates
    the database or waits for the one that does, then runs: none is told the file is
    empty or already exists."""
    for round_ in range(4):
        path = tmp_path / f"new-{round_}.db"
        go = tmp_path / f"go-{round_}"
        script = ("import os, sys, time\n"
                  f"while not os.path.exists({str(go)!r}): time.sleep(0.001)\n"
                  "from itroad.cli import main\n"
                  f"sys.exit(main(['import', 'toml', {str(FIXTURE)!r}, '--db', {str(path)!r}]))\n")
        runs = [subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True) for _ in range(3)]
        go.touch()
        results = [(run.wait(timeout=120), run.stderr.read()) for run in runs]
        assert all(status == 0 for status, _ in results), results
        assert itroad("export", "toml", "--db", str(path)).returncode == 0
