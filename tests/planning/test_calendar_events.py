"""The dated events of the calendar feed (``itroad ical``)."""

from datetime import date
from decimal import Decimal

import pytest

from itroad.domain.models import Asset, Client, Contract, Initiative, LifecyclePolicy, Person, Renewal
from itroad.planning.calendar_events import (
    CANCEL_BY,
    CONTRACT_END,
    INITIATIVE_END,
    INITIATIVE_START,
    RENEWAL,
    REPLACEMENT,
    WARRANTY,
    calendar_events,
    calendar_events_for,
    event_uid,
)
from itroad.planning.due import due_items

AS_OF = date(2026, 11, 22)


def fixture_client(code: str = "acme") -> Client:
    return Client(
        code=code, name="Acme Dental",
        people=[Person(name="Jane Doe", email="jane@acme.example")],
        policies=[LifecyclePolicy(category="laptop", lifecycle_months=48, replacement_cost="1500.00")],
        renewals=[
            Renewal(name="Microsoft 365 Business Premium", vendor="Microsoft", unit_cost="22.00",
                    quantity=12, period_months=12, next_renewal=date(2027, 1, 31), auto_renew=True,
                    notice_days=30, owner="jane@acme.example"),
            Renewal(name="acme.example", kind="domain", unit_cost="15.00", period_months=12,
                    next_renewal=date(2027, 3, 15), owner="Someone Else"),
        ],
        contracts=[
            Contract(title="Managed print", vendor="Canon", start=date(2025, 7, 1), end=date(2027, 6, 30),
                     amount="250.00", period_months=1, notice_days=60, owner="jane@acme.example"),
        ],
        assets=[
            Asset(tag="LAP-0012", name="Dell Latitude", category="laptop", purchase_date=date(2023, 3, 31),
                  warranty_end=date(2027, 1, 15), assigned_to="jane@acme.example"),
            Asset(tag="LAP-0001", name="Old laptop", category="laptop", purchase_date=date(2020, 1, 1)),
        ],
        initiatives=[
            Initiative(title="Move to Wi-Fi 7", category="infrastructure", status="approved",
                       start=date(2027, 2, 1), end=date(2027, 4, 30), one_time_cost="8000.00"),
            Initiative(title="Dropped idea", category="infrastructure", status="cancelled",
                       start=date(2027, 2, 1)),
        ],
    )


def _by_kind(events, kind):
    return [(e.date, e.summary) for e in events if e.kind == kind]


def test_every_kind_on_its_date():
    events = calendar_events(fixture_client(), AS_OF, 12)
    assert _by_kind(events, CANCEL_BY) == [
        (date(2027, 1, 1), "Cancel or renew Microsoft 365 Business Premium (Microsoft) — renews 2027-01-31"),
        (date(2027, 5, 1), "Renew or replace contract Managed print (Canon) — ends 2027-06-30"),
    ]
    assert _by_kind(events, RENEWAL) == [
        (date(2027, 1, 31), "Microsoft 365 Business Premium (Microsoft) renews automatically"),
        (date(2027, 3, 15), "Renew acme.example manually — due 2027-03-15"),
    ]
    assert _by_kind(events, CONTRACT_END) == [(date(2027, 6, 30), "Contract Managed print (Canon) ends")]
    assert _by_kind(events, WARRANTY) == [(date(2027, 1, 15), "Warranty of LAP-0012 (Dell Latitude) ends")]
    # The overdue LAP-0001 (due 2024-01-01) is not an event.
    assert _by_kind(events, REPLACEMENT) == [(date(2027, 3, 31), "Replace LAP-0012 (Dell Latitude) — due 2027-03-31")]
    assert _by_kind(events, INITIATIVE_START) == [(date(2027, 2, 1), "Start initiative Move to Wi-Fi 7 (approved)")]
    assert _by_kind(events, INITIATIVE_END) == [(date(2027, 4, 30), "Initiative Move to Wi-Fi 7 ends (approved)")]
    assert [e.date for e in events] == sorted(e.date for e in events)


def test_amounts_owners_and_reminders():
    events = {(e.kind, e.date): e for e in calendar_events(fixture_client(), AS_OF, 12)}
    cancel = events[CANCEL_BY, date(2027, 1, 1)]
    assert (cancel.amount, cancel.currency, cancel.owner, cancel.reminder_days) == (
        Decimal("264.00"), "USD", "Jane Doe", 7)
    manual = events[RENEWAL, date(2027, 3, 15)]
    assert (manual.amount, manual.owner, manual.reminder_days) == (Decimal("15.00"), "Someone Else", 7)
    assert events[RENEWAL, date(2027, 1, 31)].reminder_days is None
    assert events[CONTRACT_END, date(2027, 6, 30)].amount == Decimal("250.00")
    assert events[REPLACEMENT, date(2027, 3, 31)].amount == Decimal("1500.00")
    assert events[WARRANTY, date(2027, 1, 15)].amount is None
    assert events[INITIATIVE_START, date(2027, 2, 1)].amount == Decimal("8000.00")


def test_cancel_by_is_the_date_due_uses():
    client = fixture_client()
    events = calendar_events(client, AS_OF, 12)
    cancel = {(e.key[0], e.date) for e in events if e.kind == CANCEL_BY}
    due = {(i.name, i.date) for i in due_items(client, AS_OF, 365) if i.kind in ("renewal", "contract")
           and i.name != "acme.example"}
    assert due == cancel
    # As of a later day the same holds for the next occurrence (due looks at the upcoming one).
    later = date(2027, 2, 1)
    next_cancel = [e.date for e in calendar_events(client, later, 24)
                   if e.kind == CANCEL_BY and e.key[0].startswith("Microsoft")]
    [item] = [i for i in due_items(client, later, 730) if i.name.startswith("Microsoft")]
    assert next_cancel[0] == item.date == date(2028, 1, 1)


def test_window_and_past_items():
    client = fixture_client()
    # A cancel-by that has passed (the renewal still ahead) is not an event; the renewal is.
    events = calendar_events(client, date(2027, 1, 10), 1)
    assert [(e.kind, e.date) for e in events] == [
        (WARRANTY, date(2027, 1, 15)), (RENEWAL, date(2027, 1, 31)), (INITIATIVE_START, date(2027, 2, 1))]
    # The window holds both its ends.
    assert [e.kind for e in calendar_events(client, date(2027, 1, 1), 1)][0] == CANCEL_BY
    # Twelve yearly occurrences in 24 months: the renewal and its cancel-by twice each.
    two_years = calendar_events(client, AS_OF, 24)
    assert len([e for e in two_years if e.key[0].startswith("Microsoft")]) == 4
    with pytest.raises(ValueError):
        calendar_events(client, AS_OF, 0)


def test_auto_renewing_contract_term_after_term():
    client = Client(code="t", name="T", contracts=[
        Contract(title="Support", start=date(2026, 1, 1), end=date(2026, 12, 31), amount="100.00",
                 auto_renew=True, notice_days=31)])
    events = calendar_events(client, AS_OF, 24)
    assert [(e.kind, e.date) for e in events] == [
        (CANCEL_BY, date(2026, 11, 30)), (CONTRACT_END, date(2026, 12, 31)),
        (CANCEL_BY, date(2027, 11, 30)), (CONTRACT_END, date(2027, 12, 31)),
    ]  # the next cancel-by, 2028-11-30, is after the window's end (2028-11-22)
    assert events[0].summary == "Cancel or renew contract Support — renews after 2026-12-31"


def test_uids_are_stable_unique_and_named_by_the_record():
    first = calendar_events(fixture_client(), AS_OF, 24)
    again = calendar_events(fixture_client(), AS_OF, 24)
    assert [e.uid for e in first] == [e.uid for e in again]
    assert len({e.uid for e in first}) == len(first)
    assert all(e.uid.endswith("@itroad") for e in first)
    warranty = next(e for e in first if e.kind == WARRANTY)
    assert warranty.uid == event_uid("acme", WARRANTY, ("LAP-0012",), date(2027, 1, 15))
    # Another client with the same records: other UIDs. A later as_of: the same UIDs for what remains.
    other = calendar_events(fixture_client("other"), AS_OF, 24)
    assert not {e.uid for e in other} & {e.uid for e in first}
    later = calendar_events(fixture_client(), date(2027, 2, 2), 12)
    assert {e.uid for e in later if e.date <= date(2028, 11, 22)} <= {e.uid for e in first}


def test_records_sharing_a_natural_key_get_a_uid_each():
    renewal = Renewal(name="Backup", unit_cost="10.00", next_renewal=date(2027, 1, 1))
    client = Client(code="t", name="T", renewals=[renewal, renewal])
    events = calendar_events(client, AS_OF, 12)
    assert len(events) == 2 and len({e.uid for e in events}) == 2


def test_several_clients_merged_by_date():
    events = calendar_events_for([fixture_client("b"), fixture_client("a")], AS_OF, 12)
    assert [e.date for e in events] == sorted(e.date for e in events)
    assert [e.client for e in events[:2]] == ["a", "b"]
