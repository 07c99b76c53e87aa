"""The dated events of ``itroad ical``: what a client's calendar should show, as plain data.

The window is ``as_of .. add_months(as_of, months)`` inclusive. Events, each an
all-day date:

- **cancel-by** of every renewal occurrence of an auto-renewing renewal, and of
  every term end of a contract that has an end (``date − notice_days``, the date
  :mod:`itroad.planning.due` uses): "Cancel or renew … — renews …", or for a
  contract that does not renew itself "Renew or replace …"; with a reminder a week
  before (``reminder_days``);
- **renewal**: each renewal date; a manual renewal's is an action ("Renew …
  manually"), with the same reminder; an auto-renewing renewal without notice days
  has only its cancel-by event (the same day);
- **contract end**: each term end (renewed terms of an auto-renewing contract too);
- **warranty end** and **replacement due** of each current asset (a warranty
  ending the day the replacement is due is said once, by the replacement);
- **initiative start** and **end** of every initiative not cancelled.

What is already late as of ``as_of`` (overdue replacements, missed notice
windows, a manual renewal whose date has passed) is not an event: ``itroad due``
lists those. Dates come from the one recurrence engine
(:mod:`itroad.planning.recurrence`), the lifecycle schedule and the roadmap.

Each event's ``uid`` is stable: a hash of the client code, the event kind, the
record's natural key and the date, so a calendar importing the file again updates
its events instead of adding copies.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from itroad.domain.enums import InitiativeStatus
from itroad.domain.models import Client, Contract, Renewal
from itroad.planning.calendar import add_months, cancel_by
from itroad.planning.due import owner_names
from itroad.planning.lifecycle import schedule_assets
from itroad.planning.recurrence import contract_terms, renewal_occurrences
from itroad.planning.roadmap import plan_roadmap

CANCEL_BY = "cancel-by"
RENEWAL = "renewal"
CONTRACT_END = "contract-end"
REPLACEMENT = "replacement"
WARRANTY = "warranty"
INITIATIVE_START = "initiative-start"
INITIATIVE_END = "initiative-end"
KINDS = (CANCEL_BY, RENEWAL, CONTRACT_END, REPLACEMENT, WARRANTY, INITIATIVE_START, INITIATIVE_END)
_KIND_ORDER = {kind: i for i, kind in enumerate(KINDS)}

#: Days before an action's date its reminder goes off.
REMINDER_DAYS = 7
#: The default window, in months.
DEFAULT_MONTHS = 24


@dataclass(frozen=True, slots=True)
class CalendarEvent:
    """One all-day event. ``amount`` is in ``currency`` (None when unknown);
    ``reminder_days`` is set on the events that ask for an action by that date."""

    client: str
    client_name: str
    kind: str
    key: tuple[str, ...]
    date: dt.date
    summary: str
    amount: Decimal | None
    currency: str
    owner: str | None
    reminder_days: int | None = None
    uid: str = ""


def event_uid(client: str, kind: str, key: Iterable[str], day: dt.date) -> str:
    """The stable UID of an event: ``sha1(client, kind, key…, date)@itroad``."""
    text = "\x1f".join((client, kind, *key, day.isoformat()))
    return hashlib.sha1(text.encode("utf-8")).hexdigest() + "@itroad"


def _named(name: str, vendor: str | None) -> str:
    return f"{name} ({vendor})" if vendor else name


def _sort_key(event: CalendarEvent) -> tuple[dt.date, int, str, str, str]:
    return (event.date, _KIND_ORDER[event.kind], event.client, event.summary.casefold(), event.uid)


class _Events:
    """The events of one client, collected in a window."""

    def __init__(self, client: Client, first: dt.date, last: dt.date) -> None:
        self.client = client
        self.first = first
        self.last = last
        self.people = owner_names(client)
        self.found: list[CalendarEvent] = []
        self.uids: set[str] = set()

    def add(self, kind: str, key: tuple[str, ...], day: dt.date, summary: str,
            amount: Decimal | None, owner: str | None, reminder: bool = False) -> None:
        if not self.first <= day <= self.last:
            return
        client = self.client
        uid = event_uid(client.code, kind, key, day)
        n = 1
        while uid in self.uids:  # two records with one natural key: still one UID each
            n += 1
            uid = event_uid(client.code, kind, (*key, f"#{n}"), day)
        self.uids.add(uid)
        self.found.append(CalendarEvent(
            client.code, client.name, kind, key, day, summary, amount, client.currency,
            None if owner is None else self.people.get(owner.casefold(), owner),
            REMINDER_DAYS if reminder else None, uid,
        ))

    def renewal(self, renewal: Renewal) -> None:
        key = (renewal.name, renewal.vendor or "")
        name = _named(renewal.name, renewal.vendor)
        notice = renewal.notice_days if renewal.auto_renew else 0
        # Occurrences up to the window's end plus the notice: their cancel-by may be in it.
        until = self.last + dt.timedelta(days=notice)
        for occurrence in renewal_occurrences(renewal, self.first, until):
            day = occurrence.date.isoformat()
            if not renewal.auto_renew:
                self.add(RENEWAL, key, occurrence.date, f"Renew {name} manually — due {day}",
                         occurrence.amount, renewal.owner, reminder=True)
                continue
            self.add(CANCEL_BY, key, cancel_by(occurrence.date, renewal.notice_days),
                     f"Cancel or renew {name} — renews {day}", occurrence.amount,
                     renewal.owner, reminder=True)
            if renewal.notice_days:
                self.add(RENEWAL, key, occurrence.date, f"{name} renews automatically",
                         occurrence.amount, renewal.owner)

    def contract(self, contract: Contract) -> None:
        key = (contract.title, contract.vendor or "")
        name = _named(contract.title, contract.vendor)
        until = self.last + dt.timedelta(days=contract.notice_days)
        for _, end in contract_terms(contract, until):
            if end is None or end < self.first:
                continue
            day = end.isoformat()
            if contract.auto_renew:
                action = f"Cancel or renew contract {name} — renews after {day}"
                ends = f"Contract {name} renews (term ends)"
            else:
                action = f"Renew or replace contract {name} — ends {day}"
                ends = f"Contract {name} ends"
            self.add(CANCEL_BY, key, cancel_by(end, contract.notice_days), action,
                     contract.amount, contract.owner, reminder=True)
            self.add(CONTRACT_END, key, end, ends, contract.amount, contract.owner)

    def assets(self, as_of: dt.date) -> None:
        for item in schedule_assets(self.client, as_of):
            asset = item.asset
            key = (asset.tag,)
            name = f"{asset.tag} ({asset.name})"
            if item.due is not None and not item.overdue:
                self.add(REPLACEMENT, key, item.due, f"Replace {name} — due {item.due.isoformat()}",
                         item.cost, asset.assigned_to)
            warranty_end = asset.warranty_end
            if warranty_end is not None and warranty_end != item.due:
                self.add(WARRANTY, key, warranty_end, f"Warranty of {name} ends", None,
                         asset.assigned_to)

    def initiatives(self, as_of: dt.date) -> None:
        for planned in plan_roadmap(self.client, as_of).initiatives:
            initiative = planned.initiative
            if initiative.status is InitiativeStatus.CANCELLED:
                continue
            key = (initiative.title,)
            status = initiative.status.value.replace("_", " ")
            budget = planned.one_time_budget or None
            self.add(INITIATIVE_START, key, initiative.start,
                     f"Start initiative {initiative.title} ({status})", budget, planned.accountable)
            if initiative.end is not None:
                self.add(INITIATIVE_END, key, initiative.end,
                         f"Initiative {initiative.title} ends ({status})", budget,
                         planned.accountable)


def calendar_events(client: Client, as_of: dt.date, months: int = DEFAULT_MONTHS) -> list[CalendarEvent]:
    """The events of one client from ``as_of`` to ``months`` months later, by date
    (see the module doc)."""
    if months < 1:
        raise ValueError(f"{months} months: the window is at least one month")
    events = _Events(client, as_of, add_months(as_of, months))
    for renewal in client.renewals:
        events.renewal(renewal)
    for contract in client.contracts:
        events.contract(contract)
    events.assets(as_of)
    events.initiatives(as_of)
    events.found.sort(key=_sort_key)
    return events.found


def calendar_events_for(
    clients: Iterable[Client], as_of: dt.date, months: int = DEFAULT_MONTHS
) -> list[CalendarEvent]:
    """:func:`calendar_events` over several clients, merged by date."""
    found = [event for client in clients for event in calendar_events(client, as_of, months)]
    found.sort(key=_sort_key)
    return found
