"""People and roles, without the screen: who owns what, sides, column labels."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from itroad.domain.models import (
    Asset,
    Assignment,
    Client,
    Contract,
    Initiative,
    Kpi,
    LifecyclePolicy,
    Person,
    Renewal,
    RoleAssignment,
)
from itroad.planning.ownership import holdings_count, who_owns_what
from itroad.tui.panes.people.view import initials, side_of

AS_OF = date(2026, 11, 22)


def _client() -> Client:
    jane = "jane@acme.example"
    return Client(
        code="acme", name="Acme",
        policies=[LifecyclePolicy(category="laptop", lifecycle_months=48)],
        people=[Person(name="Jane Doe", email=jane, organisation="Acme"),
                Person(name="Sam Roe", email="sam@msp.example", organisation="BlueSky IT")],
        assets=[Asset(tag="LT-1", name="Jane's laptop", category="laptop", assigned_to=jane,
                      purchase_date=date(2022, 6, 1)),  # overdue since 2026-06-01
                Asset(tag="LT-2", name="Old", category="laptop", assigned_to=jane, status="retired"),
                Asset(tag="PC-1", name="Mystery", category="desktop", assigned_to=jane)],  # no date
        renewals=[Renewal(name="M365", unit_cost=Decimal("22.00"), next_renewal=date(2027, 1, 1),
                          auto_renew=True, notice_days=30, owner=jane)],
        contracts=[Contract(title="MSP", start=date(2025, 1, 1), end=date(2027, 12, 31),
                            amount=Decimal("900.00"), notice_days=90, owner="Jane Doe")],
        initiatives=[
            Initiative(title="MFA", category="security", start=date(2027, 2, 1), end=date(2027, 3, 31),
                       kpis=[Kpi(name="Enrolled", target="100", due=date(2027, 1, 15))],
                       roles=[RoleAssignment(person=jane, raci="A"), RoleAssignment(person=jane, raci="R")]),
            Initiative(title="Old project", category="support", status="done", start=date(2025, 1, 1),
                       roles=[RoleAssignment(person=jane, raci="C")]),
        ],
        assignments=[Assignment(role="primary contact", person=jane),
                     Assignment(role="technical lead", person=jane, asset="LT-1"),
                     Assignment(role="vCIO", person="sam@msp.example")],
    )


def test_who_owns_what_soonest_first_undated_last():
    client = _client()
    jane = client.people[0]
    held = [(h.due.isoformat() if h.due else None, h.kind, h.how, h.what) for h in
            who_owns_what(client, jane, AS_OF)]
    assert held == [
        ("2026-06-01", "asset", "assigned to", "overdue since"),
        ("2026-06-01", "role", "technical lead", "overdue since"),
        ("2026-12-02", "renewal", "owner", "cancel by (renews 2027-01-01)"),
        ("2027-01-15", "initiative", "Responsible", "KPI “Enrolled” due"),
        ("2027-01-15", "initiative", "Accountable", "KPI “Enrolled” due"),
        ("2027-10-02", "contract", "owner", "cancel by (term ends 2027-12-31)"),
        (None, "initiative", "Consulted", "done"),
        (None, "asset", "assigned to", "needs data"),
        (None, "role", "primary contact", "for the client"),
    ]
    first = who_owns_what(client, jane, AS_OF)[0]
    assert first.late and first.name == "LT-1 Jane's laptop"
    # the retired laptop is not "owned" any more, but is handed over with the rest
    assert holdings_count(client, jane) == 3 + 1 + 1 + 3 + 2


def test_the_provider_side_and_someone_holding_nothing():
    client = _client()
    sam = client.people[1]
    assert side_of(client.people[0], client) == "client"
    assert side_of(sam, client) == "provider"
    assert side_of(Person(name="No org"), client) == "client"
    assert [(h.kind, h.how) for h in who_owns_what(client, sam, AS_OF)] == [("role", "vCIO")]
    assert who_owns_what(client, Person(name="Nobody"), AS_OF) == []


def test_matrix_labels_are_short_and_unique_when_they_can_be():
    people = [Person(name=n) for n in ("Dana Whitaker", "Denise Whitmore", "Marcus Ocampo",
                                       "Zoe", "Mary-Jane Watson")]
    assert initials(people) == ["DaW", "DeW", "MO", "Zo", "MW"]


@settings(max_examples=50, deadline=None)
@given(st.lists(st.text(alphabet="ABCDEFGH abcdefgh", min_size=1, max_size=12).map(str.strip)
                .filter(bool), min_size=1, max_size=12, unique=True))
def test_labels_are_at_most_five_letters(names):
    labels = initials([Person(name=n) for n in names])
    assert len(labels) == len(names) and all(1 <= len(label) <= 5 for label in labels)
