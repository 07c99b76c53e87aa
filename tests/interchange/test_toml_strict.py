"""The portfolio file accepts only canonical values, within the limits, and exports
text exactly, with control characters escaped so that printing it is safe."""

from __future__ import annotations

import tomllib

import pytest

from itroad.interchange import toml_format
from itroad.interchange.toml_format import (
    PortfolioFileError,
    dumps_portfolio,
    parse_portfolio,
    portfolio_json,
    read_portfolio,
)

BASE = """
format = "itroad/1"

[[clients]]
code = "acme"
name = "Acme Dental"
escalation_rate = "0.03"

  [[clients.policies]]
  category = "laptop"
  lifecycle_months = 48

  [[clients.assets]]
  tag = "A-1"
  name = "Laptop"
  category = "laptop"
  purchase_date = 2024-01-15
  purchase_cost = "1249.50"

  [[clients.renewals]]
  name = "Microsoft 365"
  unit_cost = "22.00"
  next_renewal = 2026-12-01
  auto_renew = true
"""


def problems(text: str) -> list[str]:
    with pytest.raises(PortfolioFileError) as refused:
        parse_portfolio(text, "p.toml")
    return refused.value.problems


@pytest.mark.parametrize("old, new, expected", [
    ('unit_cost = "22.00"', 'unit_cost = "22,00"',
     'clients[0].renewals[0].unit_cost: amount "22,00" is not in the file\'s form: write it as "22.00"'),
    ('unit_cost = "22.00"', 'unit_cost = "1,2,3"', 'clients[0].renewals[0].unit_cost: invalid amount "1,2,3"'),
    ('unit_cost = "22.00"', 'unit_cost = "$22.00"', 'write it as "22.00"'),
    ('unit_cost = "22.00"', 'unit_cost = "1e9"', 'invalid amount "1e9"'),
    ('unit_cost = "22.00"', 'unit_cost = "100000000000000000000000000"', "larger than the largest"),
    ('unit_cost = "22.00"', "unit_cost = 22", 'unit_cost: amount 22 must be written as a string like "22.00"'),
    ('escalation_rate = "0.03"', "escalation_rate = 1", 'rate 1 must be written as a string like "1"'),
    ('escalation_rate = "0.03"', 'escalation_rate = "1e-99999999"',
     'clients[0].escalation_rate: invalid rate "1e-99999999"'),
    ('escalation_rate = "0.03"', 'escalation_rate = "1e-999999999"', 'invalid rate'),
    ("lifecycle_months = 48", "lifecycle_months = true",
     "clients[0].policies[0].lifecycle_months: expected a whole number, got true"),
    ("lifecycle_months = 48", 'lifecycle_months = "48"',
     'clients[0].policies[0].lifecycle_months: expected a whole number, got "48"'),
    ("auto_renew = true", "auto_renew = 1", "clients[0].renewals[0].auto_renew: expected true or false, got 1"),
    ("auto_renew = true", 'auto_renew = "yes"', 'expected true or false, got "yes"'),
    ("purchase_date = 2024-01-15", "purchase_date = 9999-01-15",
     "clients[0].assets[0].purchase_date: date 9999-01-15 is outside the supported range 1900–2200"),
    ("next_renewal = 2026-12-01", "next_renewal = 0001-01-01", "outside the supported range"),
    ('name = "Acme Dental"', 'name = "Acme Dental"\ndecimal_separator = ";"',
     "clients[0].decimal_separator: unsupported value \";\""),
])
def test_non_canonical_values_are_refused_naming_the_field(old, new, expected):
    assert old in BASE
    found = problems(BASE.replace(old, new, 1))
    assert len(found) == 1 and expected in found[0], found


def test_deep_nesting_is_refused_not_a_crash():
    deep = BASE + "\n  [[clients.contracts]]\n  notes = " + "[" * 500 + "]" * 500 + "\n"
    assert problems(deep) == ["tables and lists are nested too deeply (at most 20 levels)"]
    deeper = 'format = "itroad/1"\nx = ' + "[" * 5000 + "]" * 5000
    assert problems(deeper) == ["tables and lists are nested too deeply (at most 20 levels)"]


def test_a_file_over_the_size_limit_is_refused(tmp_path, monkeypatch):
    path = tmp_path / "big.toml"
    path.write_text(BASE, encoding="utf-8")
    monkeypatch.setattr(toml_format, "MAX_FILE_BYTES", 100)
    with pytest.raises(PortfolioFileError) as refused:
        read_portfolio(path)
    assert "larger than" in refused.value.problems[0]


def test_a_folder_is_not_a_portfolio_file(tmp_path):
    with pytest.raises(PortfolioFileError, match="is a folder"):
        read_portfolio(tmp_path)


def test_decimal_separator_round_trips():
    text = BASE.replace('name = "Acme Dental"', 'name = "Acme Dental"\ndecimal_separator = ","')
    portfolio = parse_portfolio(text)
    assert portfolio.clients[0].decimal_separator == ","
    exported = dumps_portfolio(portfolio)
    assert 'decimal_separator = ","' in exported
    assert parse_portfolio(exported) == portfolio
    # Not declared: not written.
    assert "decimal_separator" not in dumps_portfolio(parse_portfolio(BASE))


HOSTILE = "a\x1b[2J\x1b]0;t\x07\x7f\x9b\u202eb"


def test_exports_escape_control_characters_and_round_trip_exactly():
    text = BASE.replace('name = "Laptop"', 'name = "Laptop"\nnotes = "x"')
    portfolio = parse_portfolio(text)
    portfolio.clients[0].assets[0].notes = HOSTILE
    exported = dumps_portfolio(portfolio)
    as_json = portfolio_json(portfolio)
    for document in (exported, as_json):
        assert not any(ord(c) < 0x20 and c != "\n" or 0x7F <= ord(c) <= 0x9F or c == "\u202e"
                       for c in document)
    assert "\\u001b[2J" in exported and "\\u009b" in exported and "\\u202e" in exported
    assert parse_portfolio(exported).clients[0].assets[0].notes == HOSTILE
    import json

    assert json.loads(as_json)["clients"][0]["assets"][0]["notes"] == HOSTILE
    assert tomllib.loads(exported)["clients"][0]["assets"][0]["notes"] == HOSTILE
