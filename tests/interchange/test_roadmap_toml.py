"""Initiatives, roles and assignments in the TOML file: the canonical layout, an exact
round trip through the database, and one clear line per problem."""

from __future__ import annotations

import pytest
from sqlite_utils import Database

from itroad.interchange.toml_format import PortfolioFileError, dumps_portfolio, parse_portfolio
from itroad.store import import_portfolio, load_portfolio
from itroad.store.database import migrate

TEXT = '''# itroad portfolio (format itroad/1): edit freely, then `itroad import toml FILE`.
# Money is written as strings ("1400.00"), dates as 2026-12-01, rates as "0.03".

format = "itroad/1"
roles = ["security officer"]

[[clients]]
code = "acme"
name = "Acme Dental"
currency = "USD"
fiscal_year_start_month = 7

  [[clients.people]]
  name = "Jane Doe"
  email = "jane@acme.example"

  [[clients.people]]
  name = "Sam Roe"
  email = "sam@bluesky.example"
  organisation = "BlueSky IT"

  [[clients.assets]]
  tag = "ACME-0001"
  name = "Front desk PC"
  category = "desktop"
  status = "in_use"

  [[clients.renewals]]
  name = "Microsoft 365"
  kind = "subscription"
  unit_cost = "22.00"
  period_months = 1
  next_renewal = 2026-12-01
  auto_renew = true

  [[clients.initiatives]]
  title = "MFA for all staff"
  category = "security"
  priority = "high"
  status = "approved"
  start = 2027-01-04
  end = 2027-03-26
  one_time_cost = "3000.00"
  monthly_cost = "120.00"
  assets = ["ACME-0001"]
  goal = "Stop account takeover"
  kpis = [{ name = "Staff enrolled", unit = "%", baseline = "0", target = "100", current = "40", due = 2027-03-26 }]
  roles = [{ person = "jane@acme.example", raci = "A" }, { person = "sam@bluesky.example", raci = "R" }]

  [[clients.assignments]]
  role = "vCIO"
  person = "sam@bluesky.example"

  [[clients.assignments]]
  role = "security officer"
  person = "sam@bluesky.example"
  initiative = "MFA for all staff"

  [[clients.assignments]]
  role = "budget owner"
  person = "jane@acme.example"
  renewal = "Microsoft 365"

  [[clients.assignments]]
  role = "technical lead"
  person = "sam@bluesky.example"
  asset = "ACME-0001"
'''


def _through_database(portfolio):
    db = Database(memory=True)
    db.execute("PRAGMA foreign_keys = ON")
    migrate(db)
    import_portfolio(db, portfolio)
    return load_portfolio(db)


def test_canonical_layout_round_trips_byte_for_byte():
    portfolio = parse_portfolio(TEXT)
    assert dumps_portfolio(portfolio) == TEXT
    assert dumps_portfolio(_through_database(portfolio)) == TEXT
    client = portfolio.clients[0]
    assert [a.scope.value for a in client.assignments] == ["client", "initiative", "renewal", "asset"]


def _problems(text: str) -> list[str]:
    with pytest.raises(PortfolioFileError) as caught:
        parse_portfolio(text, "p.toml")
    return caught.value.problems


def test_unknown_role_person_and_record():
    text = TEXT.replace('role = "vCIO"', 'role = "chief wizard"').replace(
        'renewal = "Microsoft 365"', 'renewal = "Zoom"').replace(
        'person = "jane@acme.example"\n  renewal', 'person = "bob@acme.example"\n  renewal')
    assert _problems(text) == [
        'clients[0].assignments[2].person: unknown person "bob@acme.example" (not in this client\'s people)',
        'clients[0].assignments[2].renewal: unknown renewal "Zoom" (not in this client\'s renewals)',
        'clients[0].assignments[0].role: unknown role "chief wizard" (add it to roles = [...] at the top '
        "of the file, or use one of: vCIO, account manager, technical lead, client sponsor, primary "
        "contact, budget owner, security officer)",
    ]


def test_an_assignment_names_one_record_and_roles_are_listed_once():
    text = TEXT.replace('  asset = "ACME-0001"\n', '  asset = "ACME-0001"\n  contract = "MSP"\n')
    assert _problems(text) == [
        "clients[0].assignments[3]: an assignment is for the client or for one record, not asset and contract"]
    assert _problems(TEXT.replace('roles = ["security officer"]', 'roles = ["vcio", "security officer"]')) == [
        'roles: "vcio" is a default role: list only the roles you add to vCIO, account manager, '
        "technical lead, client sponsor, primary contact, budget owner"]


def test_a_name_used_twice_is_ambiguous():
    twice = TEXT.replace('''  [[clients.initiatives]]''', '''  [[clients.renewals]]
  name = "Microsoft 365"
  vendor = "Reseller"
  kind = "subscription"
  unit_cost = "20.00"
  period_months = 12
  next_renewal = 2027-01-01
  auto_renew = false

  [[clients.initiatives]]''')
    assert _problems(twice) == [
        'clients[0].assignments[2].renewal: 2 renewals are called "Microsoft 365": rename one to assign it']
