"""What needs a decision or an action within N days of a date (``itroad due``).

The window is ``as_of .. as_of + within_days`` inclusive. Items, soonest first
(things already late come first, dated in the past):

- **renewal**, auto-renewing: its cancel-by date (of the upcoming occurrence)
  falls in the window — "Decide whether to renew (cancel by …)"; or the
  cancel-by date has passed with the renewal still ahead — "Notice window
  missed …" dated at the missed cancel-by date;
- **renewal**, manual (``auto_renew`` false): the renewal date falls in the
  window — "Renew manually before …"; a manual renewal whose recorded
  ``next_renewal`` is already past (and not ended) — "Renewal was due on …";
- **contract** with an end, auto-renewing: as for renewals, with the current
  term's end; not auto-renewing: its cancel-by date (``end − notice_days``)
  falls in the window or has passed while the contract still runs —
  "Contract ends on …: renew or replace it";
- **replacement**: a current asset overdue — "Replace (overdue since …)" — or due
  in the window — "Replace by …" (a note names the initiative that plans it);
- **warranty**: a current asset's warranty ends in the window — "Warranty ends:
  extend or plan replacement" (left out when the asset's replacement is listed
  too, overdue or due in the window: that item already says it, and its cost is
  counted once).

``amount`` is what the item commits to, priced as the forecast prices it: a
renewal's upcoming payment (escalated for its occurrence; for a manual renewal
already late, the payment that was due), a contract's next term (its payments
over one renewed term, :func:`next_term_amount`), a replacement's cost
(escalated to the fiscal year it is due; not escalated when overdue), a warranty
ending: the asset's replacement cost as scheduled. None when the cost is unknown.

``owner`` is the responsible person's name when the stored reference (email or
name) matches one of the client's people, else the reference as stored; for
assets it is the person the asset is assigned to.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from itroad.domain.models import Client, Contract, Renewal
from itroad.planning.calendar import ONE_DAY, cancel_by
from itroad.planning.lifecycle import schedule_assets
from itroad.planning.recurrence import (
    MISSED,
    Notice,
    contract_current_term,
    contract_notice,
    contract_payments,
    contract_term_months,
    contract_terms,
    first_on_or_after,
    next_renewal_on_or_after,
    renewal_amount,
    renewal_notice,
)

RENEWAL = "renewal"
CONTRACT = "contract"
REPLACEMENT = "replacement"
WARRANTY = "warranty"
KINDS = (RENEWAL, CONTRACT, REPLACEMENT, WARRANTY)
_KIND_ORDER = {kind: i for i, kind in enumerate(KINDS)}


@dataclass(frozen=True, slots=True)
class DueItem:
    """One thing to decide or do. ``late`` when its date is before ``as_of``."""

    client: str
    kind: str
    name: str
    tag: str | None
    date: dt.date
    action: str
    owner: str | None
    amount: Decimal | None
    currency: str
    late: bool = False


def owner_names(client: Client) -> dict[str, str]:
    """The name of the person each stored reference (casefolded email or name) means."""
    names: dict[str, str] = {}
    for person in client.people:
        names.setdefault(person.name.casefold(), person.name)
        if person.email:
            names.setdefault(person.email.casefold(), person.name)
    return names


def _sort_key(item: DueItem) -> tuple[dt.date, int, str, str, str]:
    return (item.date, _KIND_ORDER[item.kind], item.client, item.name.casefold(), item.tag or "")


def _auto_renewal_action(notice: Notice, window_end: dt.date, renews: str) -> str | None:
    """What an auto-renewing renewal or contract asks of its owner: a missed notice
    window (``renews`` says what happens then), a decision whose cancel-by date is
    in the window, or nothing yet (None)."""
    if notice.state == MISSED:
        return f"Notice window missed (cancel by was {notice.cancel_by.isoformat()}): {renews}"
    if notice.cancel_by <= window_end:
        return f"Decide whether to renew (cancel by {notice.cancel_by.isoformat()})"
    return None


def _renews_on(renewal: Renewal, notice: Notice) -> str:
    """``renews on …``, and the cancel-by date that stops the occurrence after it."""
    after = first_on_or_after(
        renewal.next_renewal, renewal.period_months, notice.date + ONE_DAY, end=renewal.end_date,
    )
    then = ""
    if after is not None:
        then = f"; cancel by {cancel_by(after[1], renewal.notice_days).isoformat()} to stop the one after"
    return f"renews on {notice.date.isoformat()}{then}"


def next_term_amount(contract: Contract, as_of: dt.date) -> Decimal | None:
    """What letting the contract renew commits to: the sum of its payments over the
    term after the current one, counted as the forecast counts a renewed term
    (:func:`~itroad.planning.recurrence.contract_payments`), as if it renewed. None for
    an open-ended contract or one that has ended."""
    term = contract_current_term(contract, as_of)
    if term is None or term[1] is None:
        return None
    renewing = contract if contract.auto_renew else contract.model_copy(update={"auto_renew": True})
    for first, last in contract_terms(renewing, term[1] + ONE_DAY):
        if first > term[1]:
            assert last is not None
            payments = contract_payments(renewing, first, last)
            return sum((p.amount for p in payments), Decimal(0))
    return None


def due_items(client: Client, as_of: dt.date, within_days: int = 90) -> list[DueItem]:
    """What needs a decision or action for one client, soonest first (see the module doc)."""
    if within_days < 0:
        raise ValueError(f"within {within_days} days: the window cannot be negative")
    window_end = as_of + dt.timedelta(days=within_days)
    people = owner_names(client)
    code, currency = client.code, client.currency
    items: list[DueItem] = []

    def owner_of(ref: str | None) -> str | None:
        return None if ref is None else people.get(ref.casefold(), ref)

    def add(kind: str, name: str, tag: str | None, day: dt.date, action: str,
            owner: str | None, amount: Decimal | None) -> None:
        items.append(
            DueItem(code, kind, name, tag, day, action, owner_of(owner), amount, currency,
                    day < as_of)
        )

    for renewal in client.renewals:
        if not renewal.auto_renew:
            if renewal.next_renewal < as_of:
                if renewal.end_date is None or renewal.end_date >= as_of:
                    add(RENEWAL, renewal.name, None, renewal.next_renewal,
                        f"Renewal was due on {renewal.next_renewal.isoformat()}: "
                        "renew it or update its next renewal date",
                        renewal.owner, renewal_amount(renewal, 0))
                continue
            if renewal.next_renewal <= window_end:
                upcoming = next_renewal_on_or_after(renewal, as_of)
                if upcoming is not None:
                    add(RENEWAL, renewal.name, None, upcoming.date,
                        f"Renew manually before {upcoming.date.isoformat()}",
                        renewal.owner, upcoming.amount)
            continue
        notice = renewal_notice(renewal, as_of)
        if notice is None:
            continue
        upcoming = next_renewal_on_or_after(renewal, as_of)
        amount = upcoming.amount if upcoming else None
        renews = _renews_on(renewal, notice) if notice.missed else ""
        action = _auto_renewal_action(notice, window_end, renews)
        if action is not None:
            add(RENEWAL, renewal.name, None, notice.cancel_by, action, renewal.owner, amount)

    for contract in client.contracts:
        notice = contract_notice(contract, as_of)
        if notice is None:
            continue
        if contract.auto_renew:
            renews = (f"renews for {contract_term_months(contract)} months after {notice.date.isoformat()}"
                      if notice.missed else "")
            action = _auto_renewal_action(notice, window_end, renews)
            if action is not None:
                add(CONTRACT, contract.title, None, notice.cancel_by, action, contract.owner,
                    next_term_amount(contract, as_of))
        elif notice.cancel_by <= window_end:
            term = contract_current_term(contract, as_of)
            end = term[1] if term else notice.date
            assert end is not None
            extra = (
                f" (give notice by {notice.cancel_by.isoformat()})"
                if notice.cancel_by != end else ""
            )
            add(CONTRACT, contract.title, None, notice.cancel_by,
                f"Contract ends on {end.isoformat()}: renew or replace it{extra}",
                contract.owner, next_term_amount(contract, as_of))

    planned: dict[str, str] = {}
    for initiative in client.initiatives:
        if initiative.status.counts:
            for tag in initiative.assets:
                planned.setdefault(tag.casefold(), initiative.title)

    for item in schedule_assets(client, as_of):
        asset = item.asset
        if item.due is not None and item.due <= window_end:
            plan = planned.get(asset.tag.casefold())
            note = f' (planned in "{plan}")' if plan else ""
            if item.overdue:
                action = f"Replace (overdue since {item.due.isoformat()}){note}"
            else:
                action = f"Replace by {item.due.isoformat()}{note}"
            add(REPLACEMENT, asset.name, asset.tag, item.due, action, asset.assigned_to, item.cost)
        warranty_end = asset.warranty_end
        replacement_listed = item.due is not None and item.due <= window_end
        if (
            warranty_end is not None
            and as_of <= warranty_end <= window_end
            and not replacement_listed
        ):
            add(WARRANTY, asset.name, asset.tag, warranty_end,
                "Warranty ends: extend or plan replacement", asset.assigned_to, item.cost)

    items.sort(key=_sort_key)
    return items


def due_items_for(
    clients: Iterable[Client], as_of: dt.date, within_days: int = 90,
    kinds: Iterable[str] | None = None,
) -> list[DueItem]:
    """:func:`due_items` over several clients, merged soonest first; only the ``kinds``
    named (see :data:`KINDS`) when given."""
    wanted = None if kinds is None else set(kinds)
    if wanted is not None and not wanted <= set(KINDS):
        raise ValueError(f"no such kind of due item: {', '.join(sorted(wanted - set(KINDS)))}")
    items = [item for client in clients for item in due_items(client, as_of, within_days)
             if wanted is None or item.kind in wanted]
    items.sort(key=_sort_key)
    return items


@dataclass(frozen=True, slots=True)
class DueGroup:
    """The items of one kind for one client, soonest first, and what they add up to.

    ``amount`` sums the known amounts; ``unknown`` counts the items without one."""

    client: str
    currency: str
    kind: str
    items: tuple[DueItem, ...]
    amount: Decimal
    unknown: int


@dataclass(frozen=True, slots=True)
class DueTotal:
    """What one client's due items add up to, in its currency (known amounts only)."""

    client: str
    currency: str
    amount: Decimal
    count: int
    unknown: int


def _sum(items: Iterable[DueItem]) -> tuple[Decimal, int]:
    total, unknown = Decimal(0), 0
    for item in items:
        if item.amount is None:
            unknown += 1
        else:
            total += item.amount
    return total, unknown


def due_groups(items: Iterable[DueItem], *, per_client: bool = True) -> list[DueGroup]:
    """Items grouped by client and currency (in order of first appearance), then by kind
    (in :data:`KINDS` order); each group keeps the items' order. With ``per_client``
    False, by currency only: a group gathers the kind's items of every client (its
    ``client`` is ``""``), still never two currencies."""
    by_key: dict[tuple[str, str], dict[str, list[DueItem]]] = {}
    for item in items:
        key = (item.client if per_client else "", item.currency)
        by_key.setdefault(key, {}).setdefault(item.kind, []).append(item)
    groups = []
    for (client, currency), kinds in by_key.items():
        for kind in sorted(kinds, key=_KIND_ORDER.__getitem__):
            amount, unknown = _sum(kinds[kind])
            groups.append(DueGroup(client, currency, kind, tuple(kinds[kind]), amount, unknown))
    return groups


def due_totals(items: Iterable[DueItem], *, per_client: bool = True) -> list[DueTotal]:
    """One total per client and currency, in order of first appearance: amounts in two
    currencies are never added. With ``per_client`` False, one total per currency
    over every client (its ``client`` is ``""``)."""
    by_key: dict[tuple[str, str], list[DueItem]] = {}
    for item in items:
        by_key.setdefault((item.client if per_client else "", item.currency), []).append(item)
    totals = []
    for (client, currency), group in by_key.items():
        amount, unknown = _sum(group)
        totals.append(DueTotal(client, currency, amount, len(group), unknown))
    return totals
