"""The TOML interchange format: exact round trips and one line per problem."""

from __future__ import annotations

import tomllib

import pytest
from hypothesis import HealthCheck, given, settings
from sqlite_utils import Database
from tests.strategies import portfolios

from itroad.interchange.toml_format import (
    PortfolioFileError,
    dumps_portfolio,
    parse_portfolio,
    portfolio_to_dict,
    read_portfolio,
)
from itroad.store import import_portfolio, load_portfolio
from itroad.store.database import migrate


def _through_database(portfolio):
    db = Database(memory=True)
    db.execute("PRAGMA foreign_keys = ON")
    migrate(db)
    import_portfolio(db, portfolio)
    return load_portfolio(db)


def test_sample_round_trip_is_byte_identical(sample_path, tmp_path):
    original = sample_path.read_text(encoding="utf-8")
    first = dumps_portfolio(_through_database(read_portfolio(sample_path)))
    second = dumps_portfolio(_through_database(parse_portfolio(first)))
    assert first == second
    # The shipped file is itself in canonical form: import then export gives the same file.
    assert first == original


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(portfolios())
def test_any_portfolio_round_trips_exactly(portfolio):
    text = dumps_portfolio(portfolio)
    expected = {k: v for k, v in portfolio_to_dict(portfolio).items() if v != []}
    assert tomllib.loads(text) == expected
    assert parse_portfolio(text) == portfolio
    exported = dumps_portfolio(_through_database(parse_portfolio(text)))
    assert exported == text
    assert dumps_portfolio(_through_database(parse_portfolio(exported))) == exported


GOOD = """
format = "itroad/1"

[[clients]]
code = "acme"
name = "Acme Dental"
currency = "USD"

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


def _problems(text: str) -> list[str]:
    with pytest.raises(PortfolioFileError) as caught:
        parse_portfolio(text, "p.toml")
    return caught.value.problems


def test_good_file_parses():
    portfolio = parse_portfolio(GOOD)
    assert portfolio.clients[0].assets[0].purchase_cost == 899


def test_bad_toml_syntax_names_line_and_column():
    problems = _problems(GOOD.replace("[[clients.assets]]", "[[clients.assets]"))
    assert len(problems) == 1
    assert problems == [
        "line 13, column 19: invalid TOML: expected ']]' at the end of an array declaration"
    ]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (('purchase_date = 2023-03-15', 'purchase_date = "2023-02-30"'),
         'clients[0].assets[0].purchase_date: no such date "2023-02-30" (expected YYYY-MM-DD)'),
        (('purchase_cost = "899.00"', 'purchase_cost = "-5.00"'),
         'clients[0].assets[0].purchase_cost: amount "-5.00" must not be negative'),
        (('purchase_cost = "899.00"', 'purchase_cost = "899.001"'),
         'clients[0].assets[0].purchase_cost: amount "899.001" has more than two decimals'),
        (('purchase_cost = "899.00"', 'purchase_cost = 899.5'),
         'clients[0].assets[0].purchase_cost: amount 899.5 must be written as a string like "1249.50"'),
        (('category = "desktop"', 'category = "desktop"\n  status = "lost"'),
         'clients[0].assets[0].status: unknown status "lost" '
         "(expected one of: in_use, spare, in_repair, retired, disposed)"),
        (('assigned_to = "jane@acme.example"', 'assigned_to = "bob@acme.example"'),
         'clients[0].assets[0].assigned_to: unknown person "bob@acme.example" (not in this client\'s people)'),
        (('category = "desktop"', 'category = "desktop"\n  colour = "red"'),
         "clients[0].assets[0].colour: unknown field (check its spelling)"),
        (('purchase_date = 2023-03-15', 'purchase_date = 2023-03-15\n  warranty_end = 2022-01-01'),
         "clients[0].assets[0]: warranty_end 2022-01-01 is before purchase_date 2023-03-15"),
        (('code = "acme"', 'code = "Acme Inc"'),
         'clients[0].code: invalid client code "Acme Inc": use lower-case letters, digits and hyphens'),
        (('name = "Front desk PC"\n', ''), "clients[0].assets[0].name: is required"),
    ],
)
def test_each_problem_is_one_clear_line(change, expected):
    old, new = change
    assert old in GOOD
    assert _problems(GOOD.replace(old, new, 1)) == [expected]


def test_duplicate_tag_and_several_problems_reported_together():
    text = GOOD + """
  [[clients.assets]]
  tag = "acme-0001"
  name = "Spare PC"
  category = "desktop"
  assigned_to = "nobody@acme.example"
"""
    assert _problems(text) == [
        'clients[0].assets[1].tag: duplicate asset tag "acme-0001" (also assets[0])',
        'clients[0].assets[1].assigned_to: unknown person "nobody@acme.example" (not in this client\'s people)',
    ]


def test_initiative_problems():
    text = GOOD + """
  [[clients.initiatives]]
  title = "MFA"
  category = "security"
  start = 2027-03-01
  end = 2027-01-01
  one_time_cost = "-1.00"
"""
    assert _problems(text) == [
        'clients[0].initiatives[0].one_time_cost: amount "-1.00" must not be negative',
    ]
    fixed = text.replace('"-1.00"', '"1.00"')
    assert _problems(fixed) == ["clients[0].initiatives[0]: end 2027-01-01 is before start 2027-03-01"]
    unknown = fixed.replace("end = 2027-01-01", 'assets = ["NOPE"]\n  roles = [{ person = "x@y.example", raci = "A" }]')
    assert _problems(unknown) == [
        'clients[0].initiatives[0].assets[0]: unknown asset "NOPE" (not in this client\'s assets)',
        'clients[0].initiatives[0].roles[0].person: unknown person "x@y.example" (not in this client\'s people)',
    ]


def test_missing_format_and_wrong_format():
    assert _problems(GOOD.replace('format = "itroad/1"', "")) == [
        'format: is required (the first line should be format = "itroad/1")'
    ]
    assert _problems(GOOD.replace('"itroad/1"', '"itroad/9"')) == [
        "format: unsupported value \"itroad/9\" (expected 'itroad/1')"
    ]


def test_unreadable_files(tmp_path):
    with pytest.raises(PortfolioFileError) as caught:
        read_portfolio(tmp_path / "missing.toml")
    assert caught.value.problems == ["no such file"]
    binary = tmp_path / "b.toml"
    binary.write_bytes(b"\xff\xfe")
    with pytest.raises(PortfolioFileError) as caught:
        read_portfolio(binary)
    assert caught.value.problems == ["not UTF-8 text (byte 0)"]
