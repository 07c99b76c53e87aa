"""`itroad report` as a user runs it on the sample portfolio: formats, files, errors."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from itroad.cli.report import NO_BROWSER
from itroad.domain.money import format_money

SAMPLE = Path(__file__).resolve().parents[2] / "sample_data" / "portfolio.toml"
AS_OF = "2026-11-22"


def itroad(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "itroad", *args], capture_output=True, text=True,
                          timeout=180, env=env)


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("report") / "sample.db")
    assert itroad("import", "toml", str(SAMPLE), "--db", path).returncode == 0
    return path


def test_html_is_the_default_on_stdout(db):
    result = itroad("report", "harbor", "--db", db, "--as-of", AS_OF)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("<!DOCTYPE html>") and result.stdout.rstrip().endswith("</html>")
    assert "Harbor Family Dental" in result.stdout and result.stderr == ""


def test_markdown_to_a_file(db, tmp_path):
    out = tmp_path / "review.md"
    result = itroad("report", "harbor", "--db", db, "--as-of", AS_OF, "--format", "md", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout == "" and result.stderr == ""
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Harbor Family Dental: quarterly IT review for FY2027-Q1")
    assert [p.name for p in tmp_path.iterdir()] == ["review.md"]  # no temp file left


def test_the_client_may_be_given_before_the_command(db):
    result = itroad("--client", "lindqvist", "report", "--db", db, "--as-of", AS_OF, "--format", "md")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# Lindqvist & Moreau CPAs")


def test_the_budget_table_is_itroad_forecasts(db):
    """End to end: the quarter figures the report prints are forecast --json's."""
    for code in ("harbor", "lindqvist", "northfield"):
        data = json.loads(itroad("forecast", "--client", code, "--db", db, "--as-of", AS_OF,
                                 "--by", "quarter", "--years", "3", "--json").stdout)
        periods = {p["label"]: p for p in data["periods"]}
        md = itroad("report", code, "--db", db, "--as-of", AS_OF, "--format", "md").stdout
        header = next(line for line in md.splitlines() if line.startswith("| | FY"))
        labels = [c.strip().removesuffix(" (focus)") for c in header.strip("|").split("|")[1:]]
        total = next(line for line in md.splitlines() if line.startswith("| **Committed total**"))
        cells = [c.strip() for c in total.strip("|").split("|")[1:]]
        assert cells == [format_money(Decimal(periods[label]["total"])) for label in labels], code


def test_quarter_centres_the_report(db):
    result = itroad("report", "harbor", "--db", db, "--as-of", AS_OF, "--format", "md",
                    "--quarter", "FY2027-Q3")
    assert result.returncode == 0, result.stderr
    assert "quarterly IT review for FY2027-Q3" in result.stdout
    assert re.search(r"\| FY2027-Q3 \(focus\) \|", result.stdout)


@pytest.mark.parametrize(("args", "message"), [
    (["report", "harbor", "--format", "pdf"],
     "itroad report: --format pdf needs -o FILE: a PDF is written to a file, not to the terminal"),
    (["report", "nobody"], 'itroad: no client "nobody" in the database (clients: harbor, lindqvist, northfield)'),
    (["report", "harbor", "--quarter", "FY27"],
     'itroad report: argument --quarter: "FY27" is not a fiscal quarter; write it as FY2027-Q1 (Q1 to Q4) '
     "(see itroad report --help)"),
    (["report", "harbor", "--quarter", "FY2026-Q3", "--as-of", AS_OF],
     "itroad report: --quarter: FY2026-Q3 is before FY2026-Q4, the quarter holding 2026-11-22: "
     "the report plans from --as-of on"),
    (["report"], "itroad report: name the client: itroad report CLIENT (see itroad report --help)"),
])
def test_errors_are_one_line_exit_2(db, args, message):
    result = itroad(*args, "--db", db)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [message]


def test_an_unknown_format_is_refused(db):
    result = itroad("report", "harbor", "--db", db, "--format", "docx")
    assert result.returncode == 2 and result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert "argument --format: invalid choice: 'docx'" in result.stderr


def test_a_missing_folder_is_said(db, tmp_path):
    result = itroad("report", "harbor", "--db", db, "-o", str(tmp_path / "nope" / "r.html"))
    assert result.returncode == 2
    assert "does not exist; create it first" in result.stderr


def test_pdf_without_chromium_says_how_to_get_it(db, tmp_path):
    empty = tmp_path / "bin"
    empty.mkdir()
    env = {**os.environ, "PATH": str(empty)}
    out = tmp_path / "r.pdf"
    result = itroad("report", "harbor", "--db", db, "--format", "pdf", "-o", str(out), env=env)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [f"itroad: {NO_BROWSER}"]
    assert not out.exists()


def test_help_names_the_formats():
    result = itroad("report", "--help")
    assert result.returncode == 0
    assert "--quarter" in result.stdout and "Chromium" in result.stdout


@pytest.mark.parametrize("fmt", ["html", "md", "pdf"])
def test_the_report_is_never_written_over_the_database(tmp_path, fmt):
    path = tmp_path / "sample.db"
    assert itroad("import", "toml", str(SAMPLE), "--db", str(path)).returncode == 0
    before = path.read_bytes()
    result = itroad("report", "harbor", "--db", str(path), "--format", fmt, "-o", str(tmp_path / "." / "sample.db"))
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.splitlines() == [
        f"itroad: {tmp_path / '.' / 'sample.db'}: is the database itself; give the report another file name"]
    assert path.read_bytes() == before
    assert itroad("report", "harbor", "--db", str(path), "--format", "md").returncode == 0
