"""Global options mean the same before or after the command, or are refused: never ignored.

A cron line written ``itroad --client bolt --as-of 2027-06-01 due`` used to report
every client as of today without a word.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from itroad.cli.errors import UsageError
from itroad.cli.options import Spelling, merge_global_options, one_meaning
from itroad.cli.program import build_parser


def itroad(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "itroad", *args], capture_output=True, text=True,
                          timeout=60)


def parsed(*argv: str):
    args = build_parser().parse_args(argv)
    merge_global_options(args)
    return args


def refusal(*argv: str) -> str:
    with pytest.raises(UsageError) as caught:
        parsed(*argv)
    return str(caught.value)


# -- through the real command line ---------------------------------------------------------


@pytest.mark.parametrize("command", [
    ["due", "--within", "120"],
    ["forecast", "--by", "quarter"],
    ["roadmap"],
])
def test_options_before_the_command_equal_options_after_it(sample_db, command):
    options = ["--db", str(sample_db), "--client", "harbor", "--as-of", "2030-01-01", "--json"]
    before = itroad(*options, *command)
    after = itroad(*command, *options)
    assert before.returncode == after.returncode and before.returncode in (0, 1), before.stderr
    assert before.stdout == after.stdout and before.stdout.startswith("{")
    assert '"harbor"' in before.stdout and '"lindqvist"' not in before.stdout
    assert "2030-01-01" in before.stdout or "FY2030" in before.stdout  # the --as-of was used
    # Some before, some after: still the same.
    mixed = itroad("--client", "harbor", "--as-of", "2030-01-01", *command, "--db", str(sample_db),
                   "--json")
    assert mixed.stdout == before.stdout


def test_the_same_value_on_both_sides_is_fine_and_a_different_one_is_an_error(sample_db):
    db = str(sample_db)
    same = itroad("--as-of", "2027-06-01", "due", "--as-of", "2027-06-01", "--db", db, "--json")
    assert same.returncode in (0, 1) and '"as_of": "2027-06-01"' in same.stdout
    other = itroad("--as-of", "2027-06-01", "due", "--as-of", "2027-07-01", "--db", db)
    assert other.returncode == 2 and other.stdout == ""
    assert other.stderr == ("itroad due: --as-of 2027-06-01 before the command and --as-of "
                            "2027-07-01 after it disagree; give it once\n")


def test_an_option_the_command_does_not_take_is_refused(sample_db):
    result = itroad("--as-of", "2027-01-01", "export", "toml", "--db", str(sample_db))
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == ("itroad export: --as-of does not apply to export "
                             "(it was given before the command)\n")


# -- the merge rules, without a subprocess -------------------------------------------------


def test_every_global_option_is_merged_for_every_command_that_takes_it():
    args = parsed("--db", "x.db", "--client", "a", "--as-of", "2027-06-01", "--json", "--debug",
                  "due")
    assert (args.db, args.client, args.as_of.isoformat(), args.json, args.debug) == (
        "x.db", ["a"], "2027-06-01", True, True)
    args = parsed("due", "--db", "x.db", "--client", "a", "--as-of", "2027-06-01", "--json",
                  "--debug")
    assert (args.db, args.client, args.as_of.isoformat(), args.json, args.debug) == (
        "x.db", ["a"], "2027-06-01", True, True)
    for command in (["import", "toml", "f.toml"], ["export", "toml"], ["forecast"], ["roadmap"]):
        assert parsed("--db", "x.db", "--client", "a", *command).db == "x.db"
        assert parsed("--db", "x.db", "--client", "a", *command).client == ["a"]
        assert parsed("--debug", *command).debug is True
    assert parsed("--db", "x.db", "--debug", "backup", "b.db").db == "x.db"
    assert parsed("--as-of", "2027-01-01", "--json", "forecast").json is True
    assert parsed("--as-of", "2027-01-01", "--json", "roadmap").as_of.isoformat() == "2027-01-01"


def test_client_lists_agree_as_sets_and_name_both_sides_when_they_do_not():
    args = parsed("--client", "a", "--client", "b", "forecast", "--client", "b", "--client", "a")
    assert args.client == ["b", "a"]
    assert parsed("--client", "a", "due", "--client", "a", "--client", "a").client == ["a"]
    assert refusal("--client", "bolt", "due", "--client", "acme") == (
        "--client bolt before the command and --client acme after it disagree; give it once")
    assert refusal("--client", "a", "due", "--client", "a", "--client", "b") == (
        "--client a before the command and --client a --client b after it disagree; give it once")


def test_db_paths_that_name_the_same_file_agree(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert parsed("--db", "x.db", "due", "--db", str(tmp_path / "x.db")).db == str(tmp_path / "x.db")
    assert "--db x.db before the command and --db y.db after it disagree" in refusal(
        "--db", "x.db", "due", "--db", "y.db")


@pytest.mark.parametrize("argv, flag, command", [
    (["--as-of", "2027-01-01", "export", "toml"], "--as-of", "export"),
    (["--as-of", "2027-01-01", "import", "toml", "f.toml"], "--as-of", "import"),
    (["--json", "export", "json"], "--json", "export"),
    (["--json", "import", "toml", "f.toml"], "--json", "import"),
    (["--theme", "dark", "due"], "--theme", "due"),
    (["--no-mouse", "forecast"], "--no-mouse", "forecast"),
    (["--db", "x.db", "demo"], "--db", "demo"),
    (["--client", "acme", "backup", "b.db"], "--client", "backup"),
    (["--as-of", "2027-01-01", "backup", "b.db"], "--as-of", "backup"),
    (["--json", "demo"], "--json", "demo"),
])
def test_misplaced_options_are_refused(argv, flag, command):
    assert refusal(*argv) == f"{flag} does not apply to {command} (it was given before the command)"


def test_the_app_and_demo_take_their_options():
    app = parsed("--db", "x.db", "--client", "a", "--theme", "dark", "--as-of", "2027-01-01",
                 "--no-mouse")
    assert (app.command, app.db, app.client, app.theme, app.as_of.isoformat(), app.no_mouse) == (
        None, "x.db", ["a"], "dark", "2027-01-01", True)
    before = parsed("--client", "a", "--theme", "dark", "--as-of", "2027-01-01", "--no-mouse", "demo")
    after = parsed("demo", "--client", "a", "--theme", "dark", "--as-of", "2027-01-01", "--no-mouse")
    for args in (before, after):
        assert (args.client, args.theme, args.as_of.isoformat(), args.no_mouse) == (
            ["a"], "dark", "2027-01-01", True)
    assert "--theme dark before the command and --theme light after it disagree" in refusal(
        "--theme", "dark", "demo", "--theme", "light")
    assert refusal("--json") == "--json needs a command (the app does not take it)"


def test_the_app_opens_on_one_client():
    result = itroad("--client", "a", "--client", "b", "--db", "/nonexistent/x.db")
    assert result.returncode == 2
    assert result.stderr == "itroad: the app opens on one client, not a, b; give --client once\n"


def test_json_before_and_csv_after_cannot_be_used_together():
    assert refusal("--json", "forecast", "--csv") == "--json and --csv cannot be used together; choose one"


# -- one meaning, for any two spellings (a positional CLIENT later) ------------------------


def test_one_meaning_takes_whichever_spelling_was_given():
    assert one_meaning(Spelling("CLIENT", None), Spelling("--client", None)) is None
    assert one_meaning(Spelling("CLIENT", "acme"), Spelling("--client", None)) == "acme"
    assert one_meaning(Spelling("CLIENT", None), Spelling("--client", ["acme"])) == ["acme"]
    assert one_meaning(Spelling("CLIENT", "acme"), Spelling("--client", "acme")) == "acme"
    assert one_meaning(Spelling("CLIENT", "acme"), Spelling("--client", ["acme"])) == ["acme"]


def test_one_meaning_refuses_contradicting_spellings_naming_both():
    with pytest.raises(UsageError) as caught:
        one_meaning(Spelling("CLIENT", "acme"), Spelling("--client", "bolt"))
    assert str(caught.value) == "acme and --client bolt disagree; give it once"
    with pytest.raises(UsageError, match="acme and --client acme --client bolt disagree"):
        one_meaning(Spelling("CLIENT", "acme"), Spelling("--client", ["acme", "bolt"]))


@pytest.mark.parametrize("argv, line", [
    (["due", "--as-of", "2027-01-01", "--as-of", "2027-02-01"],
     "argument --as-of: given twice, as 2027-01-01 and 2027-02-01; give it once"),
    (["--db", "a.db", "--db", "b.db", "due"], "argument --db: given twice, as a.db and b.db"),
    (["forecast", "--years", "2", "--years", "3"], "argument --years: given twice, as 2 and 3"),
    (["due", "--within", "30", "--within", "60"], "argument --within: given twice, as 30 and 60"),
])
def test_an_option_given_twice_on_one_side_with_different_values_is_refused(argv, line):
    result = itroad(*argv)
    assert result.returncode == 2 and line in result.stderr and result.stderr.count("\n") == 1


def test_an_option_repeated_with_the_same_value_is_fine():
    args = parsed("due", "--within", "30", "--within", "30", "--as-of", "2027-01-01",
                  "--as-of", "2027-01-01")
    assert (args.within, args.as_of.isoformat()) == (30, "2027-01-01")
