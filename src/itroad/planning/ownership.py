"""Who owns what: everything a person is assigned to or owns, soonest due first.

A person holds:

- **initiatives** through their RACI letters; due: the initiative's next date on
  or after ``as_of`` (its start, a KPI's due date, its end);
- **renewals** and **contracts** they own; due: the cancel-by date of the
  upcoming renewal or current term (while still ahead), else the renewal date or
  the term's end;
- **assets** assigned to them; due: the replacement due date (overdue ones are
  dated in the past and so come first);
- **roles** from the catalogue, for the client (no date) or for one record (the
  record's due date).

Items without a date (a done initiative, an unscheduled asset, a client-wide
role) come last. Pure: no I/O, ``as_of`` is a parameter.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from itroad.domain.enums import InitiativeStatus, Raci
from itroad.domain.models import Client, Person
from itroad.planning.lifecycle import policies_by_category, schedule_asset
from itroad.planning.recurrence import (
    contract_current_term,
    contract_notice,
    next_renewal_on_or_after,
    renewal_notice,
)

RACI_NAMES = {
    Raci.RESPONSIBLE: "Responsible",
    Raci.ACCOUNTABLE: "Accountable",
    Raci.CONSULTED: "Consulted",
    Raci.INFORMED: "Informed",
}

#: Kinds of holding, in the order they are shown for equal dates.
INITIATIVE, RENEWAL, CONTRACT, ASSET, ROLE = "initiative", "renewal", "contract", "asset", "role"
_ORDER = {kind: n for n, kind in enumerate((INITIATIVE, RENEWAL, CONTRACT, ASSET, ROLE))}


@dataclass(frozen=True)
class Holding:
    """One thing a person is assigned to or owns."""

    kind: str  # initiative, renewal, contract, asset, role
    name: str  # the record's title, name or tag and name
    how: str  # "Accountable", "owner", "assigned to", "technical lead", …
    due: dt.date | None
    what: str  # what happens on that date: "starts", "cancel by", "replace by", …
    late: bool = False  # due before as_of


def _same(person: Person, ref: str | None) -> bool:
    if not ref:
        return False
    ref = ref.casefold()
    return ref == person.name.casefold() or (person.email is not None and ref == person.email.casefold())


def _initiative_due(initiative, as_of: dt.date) -> tuple[dt.date | None, str]:
    if initiative.status in (InitiativeStatus.DONE, InitiativeStatus.CANCELLED):
        return None, initiative.status.value
    dates = [(initiative.start, "starts")]
    dates += [(kpi.due, f"KPI “{kpi.name}” due") for kpi in initiative.kpis if kpi.due]
    if initiative.end:
        dates.append((initiative.end, "ends"))
    ahead = sorted((d, what) for d, what in dates if d >= as_of)
    if ahead:
        return ahead[0]
    return None, "past its end"


def _renewal_due(renewal, as_of: dt.date) -> tuple[dt.date | None, str]:
    notice = renewal_notice(renewal, as_of)
    if notice is None:
        return None, "ended"
    if notice.auto_renew and renewal.notice_days and not notice.missed:
        return notice.cancel_by, f"cancel by (renews {notice.date.isoformat()})"
    upcoming = next_renewal_on_or_after(renewal, as_of)
    assert upcoming is not None
    return upcoming.date, "renews" if renewal.auto_renew else "renew by"


def _contract_due(contract, as_of: dt.date) -> tuple[dt.date | None, str]:
    notice = contract_notice(contract, as_of)
    if notice is not None and not notice.missed and contract.notice_days:
        return notice.cancel_by, f"cancel by (term ends {notice.date.isoformat()})"
    term = contract_current_term(contract, as_of)
    if term is None:
        return None, "ended"
    if term[1] is None:
        return None, "open-ended"
    return term[1], "term ends"


def who_owns_what(client: Client, person: Person, as_of: dt.date) -> list[Holding]:
    """Everything ``person`` holds in ``client``, soonest due first (undated last)."""
    policies = policies_by_category(client.policies)
    found: list[Holding] = []
    due_of: dict[tuple[str, str], tuple[dt.date | None, str]] = {}

    for initiative in client.initiatives:
        due, what = _initiative_due(initiative, as_of)
        due_of[(INITIATIVE, initiative.title.casefold())] = (due, what)
        letters = [RACI_NAMES[r.raci] for r in initiative.roles if _same(person, r.person)]
        for letter in Raci:
            if RACI_NAMES[letter] in letters:
                found.append(Holding(INITIATIVE, initiative.title, RACI_NAMES[letter], due, what))
    for renewal in client.renewals:
        due, what = _renewal_due(renewal, as_of)
        due_of[(RENEWAL, renewal.name.casefold())] = (due, what)
        if _same(person, renewal.owner):
            found.append(Holding(RENEWAL, renewal.name, "owner", due, what))
    for contract in client.contracts:
        due, what = _contract_due(contract, as_of)
        due_of[(CONTRACT, contract.title.casefold())] = (due, what)
        if _same(person, contract.owner):
            found.append(Holding(CONTRACT, contract.title, "owner", due, what))
    names = {}
    for asset in client.assets:
        item = schedule_asset(asset, policies.get(asset.category), as_of,
                              start_month=client.fiscal_year_start_month,
                              rate=client.escalation_rate)
        if item is None:  # retired or disposed
            due, what = None, asset.status.value
        elif item.due is None:
            due, what = None, "needs data"
        else:
            due, what = item.due, "overdue since" if item.overdue else "replace by"
        due_of[(ASSET, asset.tag.casefold())] = (due, what)
        names[asset.tag.casefold()] = f"{asset.tag} {asset.name}"
        if _same(person, asset.assigned_to) and asset.status.is_current:
            found.append(Holding(ASSET, f"{asset.tag} {asset.name}", "assigned to", due, what))
    for assignment in client.assignments:
        if not _same(person, assignment.person):
            continue
        target = assignment.target
        if target is None:
            found.append(Holding(ROLE, client.name, assignment.role, None, "for the client"))
            continue
        scope = assignment.scope.value
        due, what = due_of.get((scope, target.casefold()), (None, ""))
        label = names.get(target.casefold(), target) if scope == ASSET else target
        found.append(Holding(ROLE, f"{scope}: {label}", assignment.role, due, what))

    found = [Holding(h.kind, h.name, h.how, h.due, h.what, h.due is not None and h.due < as_of)
             for h in found]
    found.sort(key=lambda h: (h.due is None, h.due or dt.date.max, _ORDER[h.kind],
                              h.name.casefold()))
    return found


def holdings_count(client: Client, person: Person) -> int:
    """How many things a person holds (what removing them would leave without a holder)."""
    count = sum(1 for i in client.initiatives for r in i.roles if _same(person, r.person))
    count += sum(1 for r in client.renewals if _same(person, r.owner))
    count += sum(1 for c in client.contracts if _same(person, c.owner))
    count += sum(1 for a in client.assets if _same(person, a.assigned_to))
    count += sum(1 for a in client.assignments if _same(person, a.person))
    return count
