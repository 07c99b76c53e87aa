"""The roadmap's rules: examples and properties.

The rules: docs/rules.md, "Initiatives and spreading", "Committed and proposed" and
"People and RACI".

- an approved initiative with linked assets never counts an amount twice;
- approving moves exactly its budget from the proposed line to the committed lines;
- moving an initiative a quarter moves exactly its budget, quarter for quarter;
- RACI: exactly one Accountable, at least one Responsible.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from tests.strategies import clients

from itroad.domain.enums import InitiativeStatus, Raci
from itroad.domain.models import Asset, Client, Initiative, Kpi, LifecyclePolicy, Person, RoleAssignment
from itroad.planning.calendar import quarter_index
from itroad.planning.forecast import forecast
from itroad.planning.roadmap import (
    accountable,
    asset_candidates,
    asset_groups,
    kpi_progress,
    linked_assets,
    next_status,
    plan_roadmap,
    raci_letters,
    replace_person,
    shift_initiative,
    toggle_raci,
)

AS_OF = date(2026, 11, 22)
ZERO = Decimal("0.00")


def _client(**changes) -> Client:
    """Acme: fiscal year from July, 3 % a year; five laptops due in FY2028, one overdue."""
    base = dict(
        code="acme", name="Acme", fiscal_year_start_month=7, escalation_rate=Decimal("0.03"),
        policies=[LifecyclePolicy(category="laptop", lifecycle_months=48,
                                  replacement_cost=Decimal("1000.00"))],
        people=[Person(name="Jane", email="jane@acme.example"), Person(name="Raj")],
        assets=[Asset(tag=f"LT-{i}", name=f"Laptop {i}", category="laptop",
                      purchase_date=date(2023, 9, 1)) for i in range(5)]
        + [Asset(tag="OLD-1", name="Old laptop", category="laptop", purchase_date=date(2020, 1, 1))],
        initiatives=[Initiative(
            title="Laptop refresh", category="infrastructure", status="proposed",
            start=date(2027, 7, 5), end=date(2027, 9, 24), one_time_cost=Decimal("600.00"),
            assets=[f"LT-{i}" for i in range(5)],
            roles=[RoleAssignment(person="jane@acme.example", raci="A"),
                   RoleAssignment(person="Raj", raci="R")])],
    )
    base.update(changes)
    return Client(**base)


def _lines(client: Client, years: int = 3):
    f = forecast(client, AS_OF, by="quarter", years=years)
    return {p.label: p for p in f.periods}


# --------------------------------------------------------------------------- examples


def test_quarters_follow_the_fiscal_year():
    # FY from July: 2026-11-22 is in FY2027 Q2 (October–December).
    client = _client()
    roadmap = plan_roadmap(client, AS_OF)
    assert roadmap.quarters[0].label == "FY2027-Q2"
    assert roadmap.quarters[0].start == date(2026, 10, 1)
    # the default horizon runs to the end of the last initiative (FY2028 Q1)
    assert roadmap.quarters[-1].label == "FY2028-Q1"
    planned = roadmap.initiatives[0]
    assert (planned.first, planned.last) == (quarter_index(date(2027, 7, 5), 7),) * 2


def test_linked_assets_join_the_budget_at_the_start_years_price_and_leave_hardware():
    client = _client()
    roadmap = plan_roadmap(client, AS_OF)
    planned = roadmap.initiatives[0]
    # FY2027 (as of) → FY2028 (start): one year of 3 %: 1,030.00 each.
    assert [a.cost for a in planned.assets] == [Decimal("1030.00")] * 5
    assert planned.one_time_budget == Decimal("600.00") + 5 * Decimal("1030.00")
    lines = _lines(client)
    # Proposed: the whole budget in FY2028-Q1; nothing of the five laptops in hardware.
    assert lines["FY2028-Q1"].proposed == Decimal("5750.00")
    assert lines["FY2028-Q1"].hardware == ZERO
    assert lines["FY2027-Q2"].hardware == Decimal("1000.00")  # OLD-1, overdue, not linked
    assert roadmap.quarter(quarter_index(date(2027, 7, 5), 7)).proposed == Decimal("5750.00")


def test_approving_moves_the_budget_from_proposed_to_committed():
    before = _lines(_client())
    approved = _client()
    approved.initiatives[0].status = InitiativeStatus.APPROVED
    after = _lines(approved)
    assert after["FY2028-Q1"].proposed == ZERO
    assert after["FY2028-Q1"].initiatives_one_time == before["FY2028-Q1"].proposed
    assert after["FY2028-Q1"].total == before["FY2028-Q1"].total + Decimal("5750.00")
    roadmap = plan_roadmap(approved, AS_OF)
    q = roadmap.quarter(quarter_index(date(2027, 7, 5), 7))
    assert (q.committed, q.proposed) == (Decimal("5750.00"), ZERO)


def test_an_asset_in_two_initiatives_is_counted_once_with_the_committed_one():
    client = _client()
    client.initiatives.append(Initiative(
        title="Early swap", category="infrastructure", status="approved", start=date(2027, 1, 4),
        assets=["LT-0"], roles=[RoleAssignment(person="Raj", raci="A"),
                                RoleAssignment(person="Raj", raci="R")]))
    linked = linked_assets(client, AS_OF)
    assert [(a.tag, a.counted_with) for a in linked[0]][:1] == [("LT-0", "Early swap")]
    assert linked[0][0].cost == ZERO
    assert [(a.tag, a.cost) for a in linked[1]] == [("LT-0", Decimal("1000.00"))]  # FY2027 price
    f = forecast(client, AS_OF, by="year", years=3)
    hardware_tags = {e.ref for e in f.entries if e.line == "hardware"}
    assert hardware_tags == {"OLD-1"}
    assert sum(p.total + p.proposed for p in f.periods) == (
        Decimal("1000.00")  # OLD-1
        + Decimal("1000.00")  # LT-0 with Early swap (starts FY2027)
        + Decimal("600.00") + 4 * Decimal("1030.00"))  # the refresh with the other four


def test_moving_a_quarter_moves_dates_kpis_and_budget():
    client = _client(escalation_rate=Decimal("0"))
    initiative = client.initiatives[0].model_copy(update={"kpis": [
        Kpi(name="Done", target="5", due=date(2027, 9, 30))]})
    moved = shift_initiative(initiative, 1)
    assert (moved.start, moved.end, moved.kpis[0].due) == (
        date(2027, 10, 5), date(2027, 12, 24), date(2027, 12, 31))
    assert shift_initiative(moved, -1) == initiative
    before = plan_roadmap(client, AS_OF, last_quarter=quarter_index(date(2028, 6, 1), 7))
    client.initiatives[0] = shift_initiative(client.initiatives[0], 1)
    after = plan_roadmap(client, AS_OF, last_quarter=quarter_index(date(2028, 6, 1), 7))
    q = quarter_index(date(2027, 7, 5), 7)
    assert before.quarter(q).proposed == Decimal("5600.00")
    assert after.quarter(q).proposed == ZERO
    assert after.quarter(q + 1).proposed == Decimal("5600.00")


def test_status_workflow():
    assert [next_status(s) for s in InitiativeStatus] == [
        InitiativeStatus.APPROVED, InitiativeStatus.IN_PROGRESS, InitiativeStatus.DONE, None,
        InitiativeStatus.PROPOSED, None]


def test_raci_rule_and_the_sample_portfolio(sample_portfolio):
    flagged = [(c.code, i.title, i.raci_warnings()) for c in sample_portfolio.clients
               for i in c.initiatives if i.raci_warnings()]
    assert flagged == [("northfield", "Teams Phone migration", ["no one is Accountable"])]
    northfield = sample_portfolio.clients[2]
    roadmap = plan_roadmap(northfield, AS_OF)
    assert [p.title for p in roadmap.flagged] == ["Teams Phone migration"]


def test_raci_warnings_examples():
    def initiative(*letters: tuple[str, str], status: str = "proposed") -> Initiative:
        return Initiative(title="x", category="security", start=date(2027, 1, 1), status=status,
                          roles=[RoleAssignment(person=p, raci=r) for p, r in letters])

    assert initiative(("a", "A"), ("b", "R")).raci_warnings() == []
    assert initiative(("a", "A"), ("a", "R")).raci_warnings() == []  # one person may hold both
    assert initiative(("a", "R")).raci_warnings() == ["no one is Accountable"]
    assert initiative(("a", "A")).raci_warnings() == ["no one is Responsible"]
    assert initiative(("a", "A"), ("b", "A"), ("c", "R")).raci_warnings() == [
        "2 people are Accountable (exactly one should be)"]
    assert initiative(("a", "C"), status="cancelled").raci_warnings() == []


def test_toggle_raci_moves_accountable_and_toggles_letters():
    base = Initiative(title="x", category="security", start=date(2027, 1, 1),
                      roles=[RoleAssignment(person="jane@acme.example", raci="A")])
    change = toggle_raci(base, "Raj", Raci.ACCOUNTABLE)
    assert change.moved_from == ("jane@acme.example",) and change.on
    assert accountable(change.initiative) == "Raj"
    with_r = toggle_raci(change.initiative, "raj", "R").initiative
    assert raci_letters(with_r, "RAJ") == "RA"
    assert raci_letters(toggle_raci(with_r, "Raj", "R").initiative, "Raj") == "A"
    assert with_r.raci_warnings() == []
    handed = replace_person(with_r, "Raj", "jane@acme.example")
    assert raci_letters(handed, "jane@acme.example") == "RA"


def test_kpi_progress_either_way():
    up = Kpi(name="Enrolled", unit="%", baseline="0", target="100", current="58")
    down = Kpi(name="Phish-prone", unit="%", baseline="31", target="10", current="20")
    assert kpi_progress(up) == Decimal("0.58")
    assert kpi_progress(down) == Decimal(11) / Decimal(21)
    assert kpi_progress(Kpi(name="x", target="5")) is None
    assert kpi_progress(Kpi(name="x", target="5", baseline="0", current="9")) == 1


def test_asset_candidates_and_quick_picks():
    client = _client()
    candidates = asset_candidates(client, AS_OF, start=date(2027, 7, 5), initiative_index=None)
    assert [c.tag for c in candidates][:1] == ["OLD-1"]  # overdue first
    assert all(c.elsewhere == ("Laptop refresh",) for c in candidates if c.tag.startswith("LT"))
    groups = asset_groups(candidates)
    assert [g.label for g in groups] == [
        "laptop: the one overdue (1,030.00)", "laptop: all 5 due in FY2028 (5,150.00)"]


# --------------------------------------------------------------------------- properties

SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
as_of_dates = st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31))


@SETTINGS
@given(client=clients(code="c"), as_of=as_of_dates, years=st.integers(1, 3))
def test_roadmap_agrees_with_the_forecast_and_never_counts_twice(client, as_of, years):
    f = forecast(client, as_of, by="quarter", years=years)
    roadmap = plan_roadmap(client, as_of, last_quarter=quarter_index(f.end, client.fiscal_year_start_month))
    for period in f.periods:
        q = roadmap.quarter(quarter_index(period.start, client.fiscal_year_start_month))
        assert q is not None
        assert q.committed == period.initiatives_one_time + period.initiatives_recurring
        assert q.proposed == period.proposed
    # every linked asset is carried by one counted initiative at most, and then not in hardware
    carried = [a.tag.casefold() for p in roadmap.initiatives if p.status.counts
               for a in p.assets if a.counted_with is None]
    assert len(carried) == len(set(carried))
    hardware = {e.ref.casefold() for e in f.entries if e.line == "hardware"}
    assert not hardware & set(carried)


@SETTINGS
@given(client=clients(code="c"), as_of=as_of_dates, data=st.data())
def test_approving_moves_exactly_its_budget(client, as_of, data):
    proposed = [i for i, ini in enumerate(client.initiatives) if ini.status is InitiativeStatus.PROPOSED]
    assume(proposed)
    index = data.draw(st.sampled_from(proposed))
    # Its assets are its own (linked nowhere else), so approving moves nothing else.
    own = {t.casefold() for t in client.initiatives[index].assets}
    for i, other in enumerate(client.initiatives):
        if i != index:
            other.assets = [t for t in other.assets if t.casefold() not in own]
    last = quarter_index(as_of, client.fiscal_year_start_month) + 8
    before = plan_roadmap(client, as_of, last_quarter=last)
    amounts = before.initiatives[index].amounts
    client.initiatives[index].status = InitiativeStatus.APPROVED
    after = plan_roadmap(client, as_of, last_quarter=last)
    for b, a in zip(before.quarters, after.quarters, strict=True):
        moved = amounts.get(b.index, ZERO)
        assert a.committed - b.committed == moved
        assert b.proposed - a.proposed == moved


@SETTINGS
@given(client=clients(code="c"), as_of=as_of_dates, data=st.data(), way=st.sampled_from([1, -1]))
def test_moving_a_quarter_moves_exactly_its_budget(client, as_of, data, way):
    counted = [i for i, ini in enumerate(client.initiatives) if ini.status.counts]
    assume(counted)
    index = data.draw(st.sampled_from(counted))
    client.escalation_rate = Decimal("0")  # linked assets then cost the same in every year
    start_month = client.fiscal_year_start_month
    initiative = client.initiatives[index]
    # Both before and after lie wholly from the quarter after as_of on.
    first = quarter_index(as_of, start_month) + 1
    assume(quarter_index(initiative.start, start_month) + min(0, way) >= first)
    last = quarter_index(initiative.end or initiative.start, start_month) + 12
    before = plan_roadmap(client, as_of, last_quarter=last)
    client.initiatives[index] = shift_initiative(initiative, way)
    after = plan_roadmap(client, as_of, last_quarter=last)
    mine_before = before.initiatives[index].amounts
    mine_after = after.initiatives[index].amounts
    # its amounts moved one quarter (but for the open-ended monthly cost at the horizon's end)
    for q in range(first, last - 1):
        assert mine_after.get(q + way, ZERO) == mine_before.get(q, ZERO)
    # and nothing else moved: each quarter's totals changed by its own change alone
    for b, a in zip(before.quarters, after.quarters, strict=True):
        delta = mine_after.get(b.index, ZERO) - mine_before.get(b.index, ZERO)
        assert (a.committed + a.proposed) - (b.committed + b.proposed) == delta


people = st.sampled_from(["a", "b", "c", "d"])
letters = st.sampled_from(list(Raci))


@SETTINGS
@given(st.lists(st.tuples(people, letters), max_size=12))
def test_matrix_edits_never_make_two_accountables(edits):
    initiative = Initiative(title="x", category="security", start=date(2027, 1, 1))
    for person, letter in edits:
        initiative = toggle_raci(initiative, person, letter).initiative
        assert sum(1 for r in initiative.roles if r.raci is Raci.ACCOUNTABLE) <= 1
    a = sum(1 for r in initiative.roles if r.raci is Raci.ACCOUNTABLE)
    r = sum(1 for r in initiative.roles if r.raci is Raci.RESPONSIBLE)
    assert (initiative.raci_warnings() == []) == (a == 1 and r >= 1)


@pytest.mark.parametrize("status", list(InitiativeStatus))
def test_only_committed_and_proposed_count(status):
    client = _client()
    client.initiatives[0].status = status
    roadmap = plan_roadmap(client, AS_OF)
    committed = sum((q.committed for q in roadmap.quarters), ZERO)
    proposed = sum((q.proposed for q in roadmap.quarters), ZERO)
    assert (committed, proposed) == {
        "proposed": (ZERO, Decimal("5750.00")),
        "approved": (Decimal("5750.00"), ZERO),
        "in_progress": (Decimal("5750.00"), ZERO),
        "done": (Decimal("5750.00"), ZERO),
        "deferred": (ZERO, ZERO),
        "cancelled": (ZERO, ZERO),
    }[status.value]
