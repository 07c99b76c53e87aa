"""Strategy, goals, KPI history and actual payments in the portfolio file: exact round
trips, and one clear line per problem."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlite_utils import Database

from itroad.interchange.toml_format import PortfolioFileError, dumps_portfolio, parse_portfolio
from itroad.store import import_portfolio, load_portfolio
from itroad.store.database import migrate

FIXTURE = Path(__file__).parent / "fixtures" / "strategy.toml"


def _through_database(text: str) -> str:
    db = Database(memory=True)
    db.execute("PRAGMA foreign_keys = ON")
    migrate(db)
    import_portfolio(db, parse_portfolio(text))
    return dumps_portfolio(load_portfolio(db))


def _problems(text: str) -> list[str]:
    with pytest.raises(PortfolioFileError) as caught:
        parse_portfolio(text, "p.toml")
    return caught.value.problems


def test_the_example_round_trips_byte_for_byte_through_the_database():
    text = FIXTURE.read_text(encoding="utf-8")
    assert dumps_portfolio(parse_portfolio(text)) == text
    assert _through_database(text) == text


def test_the_example_reads_as_the_models_say():
    client = parse_portfolio(FIXTURE.read_text(encoding="utf-8")).clients[0]
    assert client.strategy.mission.startswith("Keep every chair")
    assert [(s.kind.value, s.text[:8]) for s in client.strategy.swot] == [
        ("strength", "Staff ar"), ("threat", "Ransomwa")]
    assert [(g.title, g.horizon.value, g.owner) for g in client.goals] == [
        ("Pass the cyber-insurance audit", "short", "raj@msp.example"),
        ("Patients book online", "long", None)]
    mfa = client.initiatives[0]
    assert mfa.serves == ["Pass the cyber-insurance audit"]
    assert (str(mfa.completed_on), str(mfa.actual_cost)) == ("2026-12-15", "950.00")
    enrolled, phish = mfa.kpis
    assert [(str(r.date), str(r.value)) for r in enrolled.history] == [
        ("2026-10-01", "20"), ("2026-11-15", "40")]
    assert (enrolled.current, str(enrolled.latest)) == (None, "40")
    assert (phish.history, str(phish.latest)) == ([], "20")
    assert [(a.line.value, a.target) for a in client.actuals] == [
        ("renewals", ("renewal", "Microsoft 365 Business Premium")),
        ("initiatives_one_time", ("initiative", "MFA")), ("other", None)]


def test_a_file_without_the_new_sections_writes_none_of_them():
    text = FIXTURE.read_text(encoding="utf-8")
    start = text.index("  [clients.strategy]")
    plain = text[:start] + text[text.index("  [[clients.people]]"):]
    written = dumps_portfolio(parse_portfolio(plain))
    assert "strategy" not in written and "[[clients.actuals]]" in written
    bare = parse_portfolio('format = "itroad/1"\n\n[[clients]]\ncode = "a"\nname = "A"\n')
    written = dumps_portfolio(bare)
    for word in ("strategy", "goals", "actuals", "serves", "history"):
        assert word not in written


def test_readings_out_of_date_order_are_kept_in_date_order():
    text = FIXTURE.read_text(encoding="utf-8").replace(
        '[{ date = 2026-10-01, value = "20" }, { date = 2026-11-15, value = "40" }]',
        '[{ date = 2026-11-15, value = "40" }, { date = 2026-10-01, value = "20" }]')
    kpi = parse_portfolio(text).clients[0].initiatives[0].kpis[0]
    assert [str(r.date) for r in kpi.history] == ["2026-10-01", "2026-11-15"]
    assert str(kpi.latest) == "40"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('serves = ["Pass the cyber-insurance audit"]', 'serves = ["Pass the audit"]',
         'clients[0].initiatives[0].serves[0]: unknown goal "Pass the audit" '
         "(not in this client's goals)"),
        ('serves = ["Pass the cyber-insurance audit"]',
         'serves = ["Pass the cyber-insurance audit", "pass the CYBER-insurance audit"]',
         'clients[0].initiatives[0].serves[1]: goal "pass the CYBER-insurance audit" is listed twice'),
        ('title = "Patients book online"', 'title = "PASS the cyber-insurance audit"',
         'clients[0].goals[1].title: duplicate goal "PASS the cyber-insurance audit" (also goals[0])'),
        ('owner = "raj@msp.example"', 'owner = "ola@msp.example"',
         'clients[0].goals[0].owner: unknown person "ola@msp.example" (not in this client\'s people)'),
        ('horizon = "long"', 'horizon = "someday"',
         'clients[0].goals[1].horizon: unknown horizon "someday" (expected one of: short, long)'),
        ('renewal = "Microsoft 365 Business Premium"', 'renewal = "Office 365"',
         'clients[0].actuals[0].renewal: unknown renewal "Office 365" (not in this client\'s renewals)'),
        ('initiative = "MFA"', 'initiative = "MFA"\n  asset = "NOPE"',
         "clients[0].actuals[1]: a payment is for at most one record, not asset and initiative"),
        ('initiative = "MFA"', 'contract = "MFA"',
         'clients[0].actuals[1].contract: unknown contract "MFA" (not in this client\'s contracts)'),
        ('line = "other"', 'line = "travel"',
         "clients[0].actuals[2].line: unknown line \"travel\" (expected one of: hardware, renewals, "
         "contracts, initiatives_one_time, initiatives_recurring, other)"),
        ('amount = "80.00"', 'amount = "-80.00"',
         'clients[0].actuals[2].amount: amount "-80.00" must not be negative'),
        ('{ kind = "threat",', '{ kind = "risk",',
         'clients[0].strategy.swot[1].kind: unknown kind "risk" '
         "(expected one of: strength, weakness, opportunity, threat)"),
        ('text = "Ransomware aimed at dental offices"', 'text = " "',
         "clients[0].strategy.swot[1].text: must not be empty"),
        ('target = "10", current = "20"',
         'target = "10", current = "20", history = [{ date = 2026-10-01, value = "25" }]',
         "clients[0].initiatives[0].kpis[1]: a KPI has either current (one undated reading) or "
         "history (dated readings), not both: move current into history with its date"),
        ('{ date = 2026-11-15, value = "40" }', '{ date = 2026-10-01, value = "40" }',
         "clients[0].initiatives[0].kpis[0]: two readings on 2026-10-01: a KPI has one reading a day"),
        ('{ date = 2026-11-15, value = "40" }', '{ date = 2026-11-15, value = 40 }',
         "clients[0].initiatives[0].kpis[0].history[1].value: number 40 must be written as a "
         'string like "40"'),
    ],
)
def test_each_problem_is_one_line_naming_client_section_entry_and_field(old, new, expected):
    text = FIXTURE.read_text(encoding="utf-8")
    assert old in text
    assert _problems(text.replace(old, new, 1)) == [expected]


def test_a_payment_for_a_name_two_renewals_share_is_refused():
    text = FIXTURE.read_text(encoding="utf-8").replace("""  [[clients.goals]]""", """  [[clients.renewals]]
  name = "Microsoft 365 business premium"
  vendor = "Reseller"
  kind = "subscription"
  unit_cost = "20.00"
  period_months = 12
  next_renewal = 2027-01-01
  auto_renew = false

  [[clients.goals]]""", 1)
    assert _problems(text) == [
        'clients[0].actuals[0].renewal: 2 renewals are called "Microsoft 365 Business Premium": '
        "rename one to say which this payment is for"]
