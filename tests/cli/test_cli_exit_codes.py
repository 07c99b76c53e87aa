"""Exit codes cron can rely on, and text that never becomes terminal control.

0 success, 1 only for "something is due", 2 an error the user can fix (one line
on stderr), 3 anything unexpected (one line; the trace with --debug), 130 Ctrl-C,
141 a closed pipe (silently). Never a raw traceback.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import PLANNING_FIXTURE

from itroad.cli import planning, program
from itroad.cli.errors import EXIT_UNEXPECTED
from itroad.safe_text import visible

FIXTURE = PLANNING_FIXTURE
ESCAPES = "\x1b[2J\x1b]0;owned\x07\x1b]8;;https://evil.example\x1b\\x\x1b]8;;\x1b\\\x9b31m\u202e\x7f"


def itroad(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "itroad", *args], capture_output=True, text=True,
                          timeout=60, **kwargs)


def one_line(result: subprocess.CompletedProcess) -> str:
    """The single stderr line of a refusal (and no traceback)."""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.fixture
def db(tmp_path) -> str:
    path = str(tmp_path / "planning.db")
    assert itroad("import", "toml", str(FIXTURE), "--db", path).returncode == 0
    return path


# -- 0, 1, 2 ----------------------------------------------------------------------------------


def test_due_is_1_only_when_something_is_due(db):
    assert itroad("due", "--db", db, "--as-of", "2026-11-22").returncode == 1
    assert itroad("due", "--db", db, "--as-of", "2020-01-01", "--within", "1").returncode == 0
    assert itroad("forecast", "--db", db, "--as-of", "2026-11-22").returncode == 0


def test_argparse_errors_are_one_line_naming_the_command_without_usage():
    result = itroad("due", "--within", "soon")
    assert result.returncode == 2 and result.stdout == ""
    assert one_line(result) == ('itroad due: argument --within: "soon" is not a whole number of '
                                "0 or more (see itroad due --help)")
    unknown = itroad("frobnicate")
    assert unknown.returncode == 2
    assert one_line(unknown).startswith("itroad: argument COMMAND: invalid choice: 'frobnicate'")
    assert "usage:" not in unknown.stderr
    after = itroad("export", "toml", "--as-of", "2027-01-01")
    assert after.returncode == 2
    assert one_line(after) == ("itroad export: unrecognized arguments: --as-of 2027-01-01 "
                               "(see itroad export --help)")


@pytest.mark.parametrize("argv, line", [
    (["due", "--as-of", "9999-12-31"],
     "itroad due: argument --as-of: date 9999-12-31 is outside the supported range 1900–2200"),
    (["due", "--as-of", "0001-01-01"],
     "itroad due: argument --as-of: date 0001-01-01 is outside the supported range 1900–2200"),
    (["due", "--as-of", "20270601"],
     'itroad due: argument --as-of: invalid date "20270601" (expected YYYY-MM-DD)'),
    (["due", "--within", "999999999"],
     'itroad due: argument --within: "999999999" is more than the limit of 3660 days'),
    (["due", "--within", "3661"],
     'itroad due: argument --within: "3661" is more than the limit of 3660 days'),
    (["forecast", "--years", "100000"],
     'itroad forecast: argument --years: "100000" is more than the limit of 50 years'),
    (["forecast", "--years", "٣"],
     'itroad forecast: argument --years: "٣" is not a whole number of 1 or more'),
    pytest.param(["forecast", "--years", "9" * 5000],
                 'itroad forecast: argument --years: "' + "9" * 5000 + '" is more than the limit',
                 id="more-digits-than-int-reads"),
    (["--as-of", "2200-12-32", "roadmap"],
     'itroad: argument --as-of: no such date "2200-12-32" (expected YYYY-MM-DD)'),
])
def test_limits_on_options_are_one_line_naming_the_option(db, argv, line):
    result = itroad(*argv, "--db", db)
    assert result.returncode == 2 and result.stdout == ""
    assert one_line(result).startswith(line)


def test_the_limits_themselves_are_accepted(db):
    for argv in (["forecast", "--as-of", "2200-12-31", "--years", "50", "--by", "month", "--json"],
                 ["forecast", "--as-of", "1900-01-01", "--years", "50"],
                 ["due", "--as-of", "2200-12-31", "--within", "3660"],
                 ["due", "--as-of", "1900-01-01", "--within", "0"],
                 ["roadmap", "--as-of", "2200-12-31"]):
        result = itroad(*argv, "--db", db)
        assert result.returncode in (0, 1) and result.stderr == "", (argv, result.stderr)


def test_help_documents_the_exit_codes_and_the_before_after_rule():
    result = itroad("--help")
    assert result.returncode == 0
    text = " ".join(result.stdout.split())
    for phrase in ("0 success", "1 due only: something needs action", "2 an error you can fix",
                   "3 an unexpected failure", "--debug", "130 interrupted", "141 the output was closed",
                   "mean the same before or after the command"):
        assert phrase in text, phrase


# -- 3: unexpected ---------------------------------------------------------------------------

BUG = ("import sys, itroad.cli.program as c\n"
       "def broken(args): raise ValueError('bad \\x1b[2J value')\n"
       "c.COMMANDS['due'] = broken\n"
       "raise SystemExit(c.main(sys.argv[1:]))\n")


def test_an_unexpected_error_is_one_sentence_exit_3(db):
    result = subprocess.run([sys.executable, "-c", BUG, "due", "--db", db], capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 3
    assert one_line(result) == ("itroad: unexpected error (ValueError: bad ␛[2J value); "
                                "run again with --debug for the full trace")


@pytest.mark.parametrize("where", ["before", "after"])
def test_debug_before_or_after_the_command_shows_the_trace(db, where):
    argv = ["--debug", "due", "--db", db] if where == "before" else ["due", "--db", db, "--debug"]
    result = subprocess.run([sys.executable, "-c", BUG, *argv], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 3
    assert "Traceback (most recent call last)" in result.stderr and "in broken" in result.stderr
    assert "\x1b" not in result.stderr
    assert result.stderr.splitlines()[-1] == "itroad: unexpected error (ValueError: bad ␛[2J value)"


def test_ctrl_c_is_130_and_errors_are_never_1(monkeypatch, capsys):
    def interrupted(args):
        raise KeyboardInterrupt

    monkeypatch.setitem(program.COMMANDS, "roadmap", interrupted)
    assert program.main(["roadmap"]) == 130

    def crashing(args):
        raise RuntimeError("x" * 500)

    monkeypatch.setitem(program.COMMANDS, "roadmap", crashing)
    assert program.main(["roadmap"]) == EXIT_UNEXPECTED
    line = capsys.readouterr().err
    assert line.count("\n") == 1 and len(line) < 300  # a long message is cut, still one line


# -- 141: a closed pipe ----------------------------------------------------------------------


@pytest.mark.parametrize("argv", [
    ["due", "--json", "--as-of", "2026-11-22"],
    ["due", "--as-of", "2026-11-22"],
    ["forecast", "--as-of", "2026-11-22", "--by", "month", "--years", "3"],
    ["forecast", "--csv", "--as-of", "2026-11-22"],
    ["roadmap", "--as-of", "2026-11-22"],
    ["export", "toml"],
])
def test_a_closed_pipe_ends_silently_with_141(db, argv):
    """As ``itroad due --json | head -1`` when head has gone: the read end closed first."""
    proc = subprocess.Popen([sys.executable, "-m", "itroad", *argv, "--db", db],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()
    _, err = proc.communicate(timeout=60)
    assert err == b""
    assert proc.returncode == 141


def test_head_minus_one_on_a_shell_pipe(db):
    result = subprocess.run(f'"{sys.executable}" -m itroad due --json --db "{db}" '
                            '--as-of 2026-11-22 | head -1; echo "status ${PIPESTATUS[0]}" >&2',
                            shell=True, executable="/bin/bash", capture_output=True, text=True,
                            timeout=60)
    assert result.stdout == "{\n"
    assert result.stderr in ("status 141\n", "status 1\n")  # 1: it all fit in the pipe first


@pytest.mark.parametrize("command", ["export toml", "due --all --within 3660 --as-of 2026-11-22",
                                     "due --json --within 3660 --as-of 2026-11-22"])
def test_a_reader_that_stops_early_on_long_output_gives_141(sample_db, command):
    """Output longer than a pipe holds: the write after the reader has gone fails, and
    itroad says so with 141, never with 0 (or 1) over silently cut output."""
    result = subprocess.run(f'"{sys.executable}" -m itroad {command} --db "{sample_db}" '
                            '| head -1 > /dev/null; echo "${PIPESTATUS[0]}"',
                            shell=True, executable="/bin/bash", capture_output=True, text=True,
                            timeout=60)
    assert result.stdout == "141\n", result.stderr


# -- text is data, never terminal control ------------------------------------------------------


@pytest.fixture
def hostile_db(tmp_path) -> str:
    def toml_string(text: str) -> str:  # JSON's escapes are TOML's too, but for DEL
        return json.dumps(text).replace("\x7f", "\\u007f")

    text = (FIXTURE.read_text()
            .replace('name = "Acme Dental"', f"name = {toml_string('Acme ' + ESCAPES)}")
            .replace('name = "Reception laptop"', f"name = {toml_string('Laptop ' + ESCAPES)}"))
    path = tmp_path / "hostile.toml"
    path.write_text(text, encoding="utf-8")
    db = str(tmp_path / "hostile.db")
    result = itroad("import", "toml", str(path), "--db", db)
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout and "\x9b" not in result.stdout
    return db


RAW = ("\x1b", "\x9b", "\x07", "\u202e", "\x7f")


@pytest.mark.parametrize("argv", [
    ["forecast"], ["forecast", "--json"], ["forecast", "--by", "month", "--json", "--group-by", "site"],
    ["due", "--within", "3660"], ["due", "--json", "--within", "3660"],
    ["roadmap"], ["roadmap", "--json"], ["export", "json"], ["export", "toml"],
])
def test_no_command_prints_a_control_character_from_the_data(hostile_db, argv):
    result = itroad(*argv, "--db", hostile_db, "--as-of", "2026-11-22") if argv[0] != "export" \
        else itroad(*argv, "--db", hostile_db)
    assert result.returncode in (0, 1), result.stderr
    for raw in RAW:
        assert raw not in result.stdout and raw not in result.stderr, (raw, argv)
    if argv[0] != "roadmap" and ("--json" in argv or argv == ["export", "json"]):
        assert any(ESCAPES in text for text in strings(json.loads(result.stdout)))  # exact text


def strings(data):
    """Every string in a JSON document."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from strings(value)


@pytest.mark.parametrize("tty", [False, True])
def test_the_csv_is_exact_in_a_pipe_and_visible_on_a_terminal(monkeypatch, capsys, tty):
    monkeypatch.setattr(planning, "clients_asked", lambda args: [])
    monkeypatch.setattr(planning, "forecast_csv", lambda forecasts: f"a,b\nx,{ESCAPES}\n")
    monkeypatch.setattr(sys.stdout, "isatty", lambda: tty)
    assert program.main(["forecast", "--csv"]) == 0
    out = capsys.readouterr().out
    assert out == (f"a,b\nx,{visible(ESCAPES)}\n" if tty else f"a,b\nx,{ESCAPES}\n")


def test_error_lines_show_control_characters(hostile_db):
    result = itroad("due", "--db", hostile_db, "--client", "x\x1b[2J\x9by")
    assert result.returncode == 2
    assert one_line(result) == 'itroad: no client "x␛[2J\\x9by" in the database (clients: acme)'


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
def test_a_full_disk_is_one_line_exit_2(db):
    with open("/dev/full", "w") as full:
        result = subprocess.run([sys.executable, "-m", "itroad", "due", "--json", "--db", db],
                                stdout=full, stderr=subprocess.PIPE, text=True, timeout=60)
    assert result.returncode == 2
    assert one_line(result) == "itroad: cannot write the output (No space left on device)"


def test_stdout_closed_is_no_crash(db):
    result = subprocess.run([sys.executable, "-m", "itroad", "forecast", "--db", db],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, timeout=60,
                            preexec_fn=lambda: os.close(1))
    assert result.returncode == 0 and result.stderr == ""
