"""`itroad forecast` and `itroad due` as a user (or cron) runs them."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from tests.conftest import PLANNING_FIXTURE

FIXTURE = PLANNING_FIXTURE


def itroad(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "itroad", *args], capture_output=True, text=True,
                          timeout=60)


@pytest.fixture
def db(tmp_path) -> str:
    path = str(tmp_path / "planning.db")
    assert itroad("import", "toml", str(FIXTURE), "--db", path).returncode == 0
    return path


def test_forecast_json_by_year(db):
    result = itroad("forecast", "--db", db, "--client", "acme", "--as-of", "2026-11-22", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data == {
        "client": "acme", "currency": "USD", "as_of": "2026-11-22", "by": "year",
        "periods": [{
            "label": "FY2027", "start": "2026-11-22", "end": "2027-06-30",
            # Two overdue machines: the laptop at its policy cost, the desktop at its
            # purchase cost (no policy cost), never escalated.
            "hardware": "2950.00",
            # 12 seats x 22.00, monthly from 2026-12-01 to 2027-06-01: 7 times.
            "renewals": "1848.00",
            # 900.00 on the 1st of each month, December to June: 7 payments.
            "contracts": "6300.00",
            "initiatives_one_time": "0.00", "initiatives_recurring": "0.00",
            "proposed": "250.00",
            "total": "11098.00",
            "budget_target": "10000.00",
        }],
        "overdue": {"count": 2, "amount": "2950.00", "items": [
            {"tag": "PC-017", "name": "Reception laptop", "due": "2025-09-30", "amount": "1450.00"},
            {"tag": "PC-018", "name": "Back office PC", "due": "2026-01-15", "amount": "1500.00"},
        ]},
        "unscheduled": {"count": 1, "amount": "1200.00", "items": [
            {"tag": "PC-031", "name": "Mystery desktop", "amount": "1200.00"},
        ]},
    }


def test_forecast_views_agree_and_cover_every_client(db):
    totals = {}
    for by in ("month", "quarter", "year"):
        result = itroad("forecast", "--db", db, "--as-of", "2026-11-22", "--by", by, "--years", "2", "--json")
        assert result.returncode == 0, result.stderr
        data = json.loads(result.stdout)
        assert isinstance(data, list) and [d["client"] for d in data] == ["acme"]
        totals[by] = sum(float(p["total"]) * 100 for p in data[0]["periods"])  # cents, for comparison
        labels = [p["label"] for p in data[0]["periods"]]
        assert labels[0] == {"month": "2026-11", "quarter": "FY2027-Q2", "year": "FY2027"}[by]
    assert len({round(t) for t in totals.values()}) == 1


def test_forecast_table_and_csv(db):
    table = itroad("forecast", "--db", db, "--as-of", "2026-11-22")
    assert table.returncode == 0
    assert "11,098.00" in table.stdout and "OVER 10,000.00" in table.stdout
    assert "Overdue (in the first period): 2 assets, 2,950.00" in table.stdout
    csv = itroad("forecast", "--db", db, "--as-of", "2026-11-22", "--csv")
    assert csv.stdout.splitlines()[1] == (
        "acme,USD,FY2027,2026-11-22,2027-06-30,2950.00,1848.00,6300.00,0.00,0.00,250.00,11098.00,10000.00")


def test_due_json_and_exit_status(db):
    result = itroad("due", "--db", db, "--as-of", "2026-11-22", "--within", "30", "--json")
    assert result.returncode == 1  # something needs action: cron can alert on it
    data = json.loads(result.stdout)
    assert data["as_of"] == "2026-11-22" and data["within"] == 30
    kinds = [(i["kind"], i["tag"] or i["name"]) for i in data["items"]]
    assert kinds == [("replacement", "PC-017"), ("replacement", "PC-018"), ("renewal", "Microsoft 365")]
    first = data["items"][0]
    assert first == {**first, "client": "acme", "date": "2025-09-30", "owner": "Jane Doe",
                     "action": "Replace (overdue since 2025-09-30)"}
    dates = [i["date"] for i in data["items"]]
    assert dates == sorted(dates)


def test_due_json_amounts_and_totals(db):
    result = itroad("due", "--db", db, "--as-of", "2026-11-22", "--within", "30", "--json")
    data = json.loads(result.stdout)
    amounts = [i["amount"] for i in data["items"]]
    assert amounts == ["1450.00", "1500.00", "264.00"]  # Microsoft 365: one monthly payment
    assert data["totals"] == [{"client": "acme", "currency": "USD", "amount": "3214.00"}]


def test_due_kind_filters_text_and_json_and_keeps_the_exit_status(db):
    args = ("due", "--db", db, "--as-of", "2026-11-22", "--within", "30")
    result = itroad(*args, "--kind", "renewal", "--json")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert [i["name"] for i in data["items"]] == ["Microsoft 365"]
    assert data["totals"] == [{"client": "acme", "currency": "USD", "amount": "264.00"}]
    both = json.loads(itroad(*args, "--kind", "renewal", "--kind", "replacement", "--json").stdout)
    assert len(both["items"]) == 3
    text = itroad(*args, "--kind", "replacement")
    assert text.returncode == 1
    assert "PC-017" in text.stdout and "Microsoft 365" not in text.stdout
    assert "2,950.00" in text.stdout
    nothing = itroad(*args, "--kind", "warranty")
    assert nothing.returncode == 0 and "Nothing needs action" in nothing.stdout
    bad = itroad(*args, "--kind", "renewals")
    assert bad.returncode == 2 and "--kind" in bad.stderr


def test_due_summarises_long_groups_unless_all(sample_db):
    args = ("due", "--db", str(sample_db), "--as-of", "2026-11-22", "--within", "90")
    short = itroad(*args)
    every = itroad(*args, "--all")
    assert short.returncode == every.returncode == 1
    assert "52 replacements" in short.stdout and "--all" in short.stdout
    assert "52 replacements" not in every.stdout
    # The same totals either way.
    for out in (short.stdout, every.stdout):
        totals = [line for line in out.splitlines() if "Total" in line]
        assert len(totals) == 3 and "174,479.00" in totals[0] and "36,764.72" in totals[2]
    data = json.loads(itroad(*args, "--json").stdout)
    assert all(i["amount"] is not None for i in data["items"])  # contracts included
    assert {t["client"]: t["amount"] for t in data["totals"]}["northfield"] == "174479.00"


def test_due_nothing_to_do_exits_0(db):
    # Seen from long ago, nothing is within one day.
    result = itroad("due", "--db", db, "--as-of", "2020-01-01", "--within", "1")
    assert result.returncode == 0
    assert "Nothing needs action" in result.stdout


def test_bad_options_are_clear(db):
    result = itroad("forecast", "--db", db, "--years", "0")
    assert result.returncode == 2 and '"0" is not a whole number of 1 or more' in result.stderr
    result = itroad("due", "--db", db, "--as-of", "2026-02-30")
    assert result.returncode == 2 and 'no such date "2026-02-30"' in result.stderr
    result = itroad("forecast", "--db", db, "--client", "nope")
    assert result.returncode == 2 and 'no client "nope"' in result.stderr


def test_markup_like_names_are_printed_literally(tmp_path):
    text = FIXTURE.read_text().replace('name = "Acme Dental"', 'name = "[bold]Acme[/bold] [/x]"').replace(
        'name = "Reception laptop"', 'name = "C:\\\\temp\\\\[x]"')
    path = tmp_path / "tricky.toml"
    path.write_text(text)
    db = str(tmp_path / "t.db")
    assert itroad("import", "toml", str(path), "--db", db).returncode == 0
    table = itroad("forecast", "--db", db, "--as-of", "2026-11-22")
    assert table.returncode == 0, table.stderr
    assert "[bold]Acme[/bold] [/x]" in table.stdout
    due = itroad("due", "--db", db, "--as-of", "2026-11-22", "--within", "30")
    assert "C:\\temp\\[x]" in due.stdout
