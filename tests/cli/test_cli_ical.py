"""`itroad ical` as a user runs it: the sample portfolio's calendar feed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from icalendar import Calendar

SAMPLE = Path(__file__).resolve().parents[2] / "sample_data" / "portfolio.toml"


def itroad(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "itroad", *args], capture_output=True, text=True,
                          timeout=60)


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("ical") / "sample.db")
    assert itroad("import", "toml", str(SAMPLE), "--db", path).returncode == 0
    return path


def test_writes_the_file_the_same_twice(db, tmp_path):
    out = tmp_path / "itroad.ics"
    result = itroad("ical", "--db", db, "--as-of", "2026-11-22", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout == "" and result.stderr == ""
    data = out.read_bytes()
    assert data.startswith(b"BEGIN:VCALENDAR\r\n")
    events = list(Calendar.from_ical(data).walk("VEVENT"))
    assert events and len({str(e["UID"]) for e in events}) == len(events)
    again = tmp_path / "again.ics"
    assert itroad("ical", "--db", db, "--as-of", "2026-11-22", "-o", str(again)).returncode == 0
    assert again.read_bytes() == data


def test_one_client_to_stdout(db):
    result = itroad("ical", "--db", db, "--client", "harbor", "--as-of", "2026-11-22", "--months", "3")
    assert result.returncode == 0, result.stderr
    events = list(Calendar.from_ical(result.stdout.replace("\n", "\r\n")).walk("VEVENT"))
    assert events
    assert all("(harbor)" in str(e["DESCRIPTION"]) for e in events)
    starts = [e.decoded("DTSTART").isoformat() for e in events]
    assert "2026-11-22" <= min(starts) and max(starts) <= "2027-02-22"


def test_unknown_client_is_one_line_exit_2(db):
    result = itroad("ical", "--db", db, "--client", "nobody")
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert 'no client "nobody"' in result.stderr


def test_months_zero_is_refused_with_a_sentence(db):
    result = itroad("ical", "--db", db, "--months", "0")
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        'itroad ical: argument --months: "0" is not a whole number of 1 or more (see itroad ical --help)']


def test_help_says_what_is_left_out():
    result = itroad("ical", "--help")
    assert result.returncode == 0
    assert "itroad due" in result.stdout and "UID" in result.stdout
