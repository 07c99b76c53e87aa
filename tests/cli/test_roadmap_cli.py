"""`itroad roadmap` as a user (or a script preparing a quarterly review) runs it."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest


def itroad(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "itroad", *args], capture_output=True, text=True,
                          timeout=60)


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    from tests.conftest import SAMPLE

    path = str(tmp_path_factory.mktemp("cli") / "sample.db")
    result = itroad("import", "toml", str(SAMPLE), "--db", path)
    assert result.returncode == 0, result.stderr
    return path


def test_roadmap_json_for_one_client(db):
    result = itroad("roadmap", "--db", db, "--client", "northfield", "--as-of", "2026-11-22", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"client", "quarters", "currency", "as_of"}
    assert (data["client"], data["currency"], data["as_of"]) == ("northfield", "USD", "2026-11-22")
    # Northfield's fiscal year starts in October: 2026-11-22 is in FY2027 Q1.
    assert [q["label"] for q in data["quarters"]] == [
        "FY2027-Q1", "FY2027-Q2", "FY2027-Q3", "FY2027-Q4", "FY2028-Q1"]
    for quarter in data["quarters"]:
        assert set(quarter) == {"label", "committed", "proposed", "initiatives", "start", "end",
                                "monthly_after_end"}
        for amount in (quarter["committed"], quarter["proposed"]):
            assert isinstance(amount, str) and amount.count(".") == 1 and len(amount.split(".")[1]) == 2
        for initiative in quarter["initiatives"] + quarter["monthly_after_end"]:
            assert set(initiative) == {"title", "status", "one_time_cost", "monthly_cost",
                                       "accountable", "warnings", "quarter_one_time",
                                       "quarter_recurring", "quarter_total"}
    q3 = next(q for q in data["quarters"] if q["label"] == "FY2027-Q3")
    assert (q3["committed"], q3["proposed"]) == ("16283.33", "25900.00")
    teams = next(i for i in q3["initiatives"] if i["title"] == "Teams Phone migration")
    # 7,500.00 spread over three months from 2027-06: one in this quarter
    assert teams == {"title": "Teams Phone migration", "status": "proposed",
                     "one_time_cost": "7500.00", "monthly_cost": "1140.00", "accountable": None,
                     "warnings": ["no one is Accountable"], "quarter_one_time": "2500.00",
                     "quarter_recurring": "0.00", "quarter_total": "2500.00"}
    laptops = next(i for i in q3["initiatives"] if i["title"] == "Office laptop refresh FY2027")
    assert laptops["accountable"] == "Kyle Brennan" and laptops["warnings"] == []


def test_roadmap_agrees_with_the_forecast(db):
    roadmap = json.loads(itroad("roadmap", "--db", db, "--client", "harbor", "--as-of",
                                "2026-11-22", "--json").stdout)
    forecast = json.loads(itroad("forecast", "--db", db, "--client", "harbor", "--as-of",
                                 "2026-11-22", "--by", "quarter", "--years", "2", "--json").stdout)
    periods = {p["label"]: p for p in forecast["periods"]}
    for quarter in roadmap["quarters"]:
        period = periods[quarter["label"]]
        committed = float(period["initiatives_one_time"]) + float(period["initiatives_recurring"])
        assert quarter["committed"] == f"{committed:.2f}"
        assert quarter["proposed"] == period["proposed"]


def test_every_client_and_the_table(db):
    result = itroad("roadmap", "--db", db, "--as-of", "2026-11-22", "--json")
    assert [r["client"] for r in json.loads(result.stdout)] == ["harbor", "lindqvist", "northfield"]
    table = itroad("roadmap", "--db", db, "--client", "northfield", "--as-of", "2026-11-22")
    assert table.returncode == 0, table.stderr
    assert "FY2027-Q3" in table.stdout and "Teams Phone migration" in table.stdout
    assert "! Teams Phone migration: no one is Accountable" in table.stdout
    assert "RACI: 1 initiative" in table.stdout
    # each quarter says what its amounts are: the quarter's slice beside the whole budget
    assert "FY2027-Q1 from 2026-11-22  committed 13,641.66" in table.stdout
    assert "This" in table.stdout and "One-time" in table.stdout
    cmmc = [line for line in table.stdout.splitlines() if line.startswith("CMMC Level 2")]
    # 42,000.00 over its months: 4,666.66 counted from November, then 6,999.99...; after
    # its end only its monthly cost (650.00 × 3), listed too so the quarter adds up
    assert [line.split()[-5:-3] for line in cmmc] == [
        ["4,666.66", "42,000.00"], ["6,999.99", "42,000.00"], ["6,999.99", "42,000.00"],
        ["7,000.05", "42,000.00"], ["1,950.00", "42,000.00"]]
    assert "readiness (monthly" in table.stdout


def test_errors_are_one_clear_line(db, tmp_path):
    result = itroad("roadmap", "--db", db, "--client", "nope")
    assert result.returncode == 2 and 'no client "nope"' in result.stderr
    result = itroad("roadmap", "--db", str(tmp_path / "missing.db"))
    assert result.returncode == 2 and "no such database" in result.stderr
