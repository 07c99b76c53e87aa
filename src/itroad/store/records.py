"""One place that knows how each kind of record maps to its table row.

Import, export and single-record edits all go through these converters, so a
field added to a model is added here once. References leave the model as
natural keys (a person's email or name, an asset's tag) and are stored as ids;
the one people index (:func:`person_index`) resolves them.

Here too is what a record kind is (:class:`Kind`, :class:`Children`). The kinds
themselves are assembled in :mod:`itroad.store.kinds`, which imports this module;
this module imports nothing of the store above :mod:`itroad.store.rows`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Protocol, overload

from pydantic import BaseModel

from itroad.domain.errors import ItroadError
from itroad.domain.models import (
    Asset,
    Contract,
    Initiative,
    LifecyclePolicy,
    Person,
    Renewal,
)
from itroad.store.rows import cents, day, decimal_text, iso, money, without_none


class UnknownReference(ItroadError, LookupError):
    """A record names a person (or asset) the client does not have: ``field`` is the
    model field naming it, ``code`` ``"unknown_person"``, ``"unknown_asset"``…,
    ``value`` the reference."""


class RecordConflict(ItroadError, ValueError):
    """A record that would clash with another one (say, a second initiative of the
    same title): ``field`` is the one that clashes."""


class AmbiguousReference(UnknownReference):
    """A record names a person by a name that several people of the client have
    (code ``"ambiguous_person"``)."""


def fold(text: str | None) -> str:
    return (text or "").casefold()


@dataclass(frozen=True)
class Namesakes:
    """Several people answer to one name: a reference must use an email."""

    emails: tuple[str, ...]


#: How records refer to people: casefolded email or name -> the person's id, or
#: :class:`Namesakes` for a name several people have.
PersonIndex = Mapping[str, "int | Namesakes"]


def index_people(people: Iterable[tuple[int, str, str | None]]) -> dict[str, int | Namesakes]:
    """The :data:`PersonIndex` of ``(id, name, email)`` rows.

    An email is exact. A name is too when one person has it, or when exactly one
    of those who have it has no email (the name is that person's key, the one an
    export writes); otherwise it names :class:`Namesakes`.
    """
    index: dict[str, int | Namesakes] = {}
    by_name: dict[str, list[tuple[int, str, str | None]]] = {}
    for pid, name, email in people:
        if email:
            index.setdefault(fold(email), pid)
        by_name.setdefault(fold(name), []).append((pid, name, email))
    for key, holders in by_name.items():
        if not key or key in index:
            continue
        without_email = [pid for pid, _, email in holders if not email]
        if len(holders) == 1 or len(without_email) == 1:
            index[key] = holders[0][0] if len(holders) == 1 else without_email[0]
        else:
            index[key] = Namesakes(tuple(email or f"{name} (no email)"
                                         for _, name, email in holders))
    return index


def person_index(db: Any, client_id: int) -> dict[str, int | Namesakes]:
    """The :data:`PersonIndex` of a client's live people."""
    return index_people(db.execute(
        "SELECT id, name, email FROM people WHERE client_id = ? AND deleted_at IS NULL ORDER BY id",
        [client_id]).fetchall())


@overload
def person_ref(people: PersonIndex, key: str, field: str | None = None) -> int: ...


@overload
def person_ref(people: PersonIndex, key: str | None, field: str | None = None) -> int | None: ...


def person_ref(people: PersonIndex, key: str | None, field: str | None = None) -> int | None:
    """The id a person reference names; :class:`UnknownReference` (or
    :class:`AmbiguousReference`, listing the emails) when it names none or several,
    about ``field``, the model field that holds the reference."""
    if key is None:
        return None
    found = people.get(fold(key))
    if found is None:
        raise UnknownReference(f'unknown person "{key}"', field=field, code="unknown_person",
                               value=key)
    if isinstance(found, Namesakes):
        raise AmbiguousReference(
            f'ambiguous person "{key}": {len(found.emails)} people have that name '
            f"({', '.join(found.emails)}); use the email",
            field=field, code="ambiguous_person", value=key)
    return found


def policy_row(p: LifecyclePolicy) -> dict[str, Any]:
    return {"category": p.category, "lifecycle_months": p.lifecycle_months,
            "replacement_cost_cents": cents(p.replacement_cost), "basis": p.basis.value}


def policy_from_row(r: Mapping[str, Any]) -> LifecyclePolicy:
    return LifecyclePolicy(**without_none({
        "category": r["category"], "lifecycle_months": r["lifecycle_months"],
        "replacement_cost": money(r["replacement_cost_cents"]), "basis": r["basis"]}))


def person_row(p: Person, people: PersonIndex | None = None) -> dict[str, Any]:
    return {"name": p.name, "email": p.email, "title": p.title, "organisation": p.organisation}


def person_from_row(r: Mapping[str, Any], person_key: Mapping[int, str] | None = None) -> Person:
    return Person(**without_none({k: r[k] for k in ("name", "email", "title", "organisation")}))


def asset_row(a: Asset, people: PersonIndex) -> dict[str, Any]:
    return {
        "tag": a.tag, "name": a.name, "category": a.category, "manufacturer": a.manufacturer,
        "model": a.model, "serial": a.serial, "site": a.site,
        "assigned_to": person_ref(people, a.assigned_to, "assigned_to"), "status": a.status.value,
        "purchase_date": iso(a.purchase_date), "purchase_cost_cents": cents(a.purchase_cost),
        "warranty_end": iso(a.warranty_end), "os": a.os, "lifecycle_months": a.lifecycle_months,
        "replacement_cost_cents": cents(a.replacement_cost), "replace_on": iso(a.replace_on),
        "replace_reason": a.replace_reason, "notes": a.notes,
    }


def asset_from_row(r: Mapping[str, Any], person_key: Mapping[int, str]) -> Asset:
    return Asset(**without_none({
        "tag": r["tag"], "name": r["name"], "category": r["category"],
        "manufacturer": r["manufacturer"], "model": r["model"], "serial": r["serial"],
        "site": r["site"], "assigned_to": _key(person_key, r["assigned_to"]), "status": r["status"],
        "purchase_date": day(r["purchase_date"]), "purchase_cost": money(r["purchase_cost_cents"]),
        "warranty_end": day(r["warranty_end"]), "os": r["os"],
        "lifecycle_months": r["lifecycle_months"],
        "replacement_cost": money(r["replacement_cost_cents"]),
        "replace_on": day(r["replace_on"]), "replace_reason": r["replace_reason"],
        "notes": r["notes"]}))


def renewal_row(r: Renewal, people: PersonIndex) -> dict[str, Any]:
    return {
        "name": r.name, "vendor": r.vendor, "kind": r.kind.value, "quantity": r.quantity,
        "unit_cost_cents": cents(r.unit_cost), "period_months": r.period_months,
        "next_renewal": iso(r.next_renewal), "auto_renew": int(r.auto_renew),
        "notice_days": r.notice_days, "escalation_rate": decimal_text(r.escalation_rate),
        "end_date": iso(r.end_date), "owner_id": person_ref(people, r.owner, "owner"), "notes": r.notes,
    }


def renewal_from_row(r: Mapping[str, Any], person_key: Mapping[int, str]) -> Renewal:
    return Renewal(**without_none({
        "name": r["name"], "vendor": r["vendor"], "kind": r["kind"], "quantity": r["quantity"],
        "unit_cost": money(r["unit_cost_cents"]), "period_months": r["period_months"],
        "next_renewal": day(r["next_renewal"]), "auto_renew": bool(r["auto_renew"]),
        "notice_days": r["notice_days"], "escalation_rate": Decimal(r["escalation_rate"]),
        "end_date": day(r["end_date"]), "owner": _key(person_key, r["owner_id"]),
        "notes": r["notes"]}))


def contract_row(c: Contract, people: PersonIndex) -> dict[str, Any]:
    return {
        "title": c.title, "vendor": c.vendor, "kind": c.kind.value, "start": iso(c.start),
        "end": iso(c.end), "amount_cents": cents(c.amount), "period_months": c.period_months,
        "auto_renew": int(c.auto_renew), "renewal_term_months": c.renewal_term_months,
        "notice_days": c.notice_days, "owner_id": person_ref(people, c.owner, "owner"), "notes": c.notes,
    }


def contract_from_row(
    r: Mapping[str, Any], person_key: Mapping[int, str], assets: list[str] | None = None
) -> Contract:
    return Contract(**without_none({
        "title": r["title"], "vendor": r["vendor"], "kind": r["kind"], "start": day(r["start"]),
        "end": day(r["end"]), "amount": money(r["amount_cents"]),
        "period_months": r["period_months"], "auto_renew": bool(r["auto_renew"]),
        "renewal_term_months": r["renewal_term_months"], "notice_days": r["notice_days"],
        "owner": _key(person_key, r["owner_id"]), "assets": assets or [], "notes": r["notes"]}))


def initiative_row(i: Initiative, people: PersonIndex | None = None) -> dict[str, Any]:
    return {
        "title": i.title, "category": i.category.value, "priority": i.priority.value,
        "status": i.status.value, "start": iso(i.start), "end": iso(i.end),
        "one_time_cost_cents": cents(i.one_time_cost), "monthly_cost_cents": cents(i.monthly_cost),
        "goal": i.goal, "notes": i.notes,
    }


def initiative_from_row(
    r: Mapping[str, Any], person_key: Mapping[int, str] | None = None, *,
    assets: list[str] | None = None, roles: list[Any] | None = None, kpis: list[Any] | None = None,
) -> Initiative:
    return Initiative(**without_none({
        "title": r["title"], "category": r["category"], "priority": r["priority"],
        "status": r["status"], "start": day(r["start"]), "end": day(r["end"]),
        "one_time_cost": money(r["one_time_cost_cents"]),
        "monthly_cost": money(r["monthly_cost_cents"]),
        "assets": assets or [], "goal": r["goal"], "kpis": kpis or [], "roles": roles or [],
        "notes": r["notes"]}))


def _key(person_key: Mapping[int, str], pid: int | None) -> str | None:
    return None if pid is None else person_key.get(pid)


class Children(Protocol):
    """What a kind keeps beyond its own row (an initiative's asset links, RACI roles
    and KPIs; an assignment's references), so that :mod:`itroad.store.editing` can
    save, journal, undo and load it like any other record. Each method runs inside
    the caller's transaction; problems are raised as :class:`UnknownReference` or
    :class:`RecordConflict` (:meth:`load`: :class:`~itroad.store.errors.RecordGone`
    when a record the row names was deleted)."""

    def row(self, db: Any, client_id: int, model: Any, row_id: int | None) -> dict[str, Any]:
        """The record's own row values (may look things up in the database)."""

    def write(self, db: Any, client_id: int, row_id: int, model: Any) -> None:
        """Replace the child rows of ``row_id`` with the model's."""

    def image(self, db: Any, row_id: int) -> dict[str, Any]:
        """The child rows as JSON-able values, for the history journal."""

    def restore(self, db: Any, row_id: int, image: dict[str, Any]) -> None:
        """Put back child rows from an :meth:`image` (undo)."""

    def load(self, db: Any, row: Mapping[str, Any], person_key: Mapping[int, str]) -> Any:
        """The model of a row and its children."""


class NoChildRows:
    """For a kind whose :class:`Children` need only :meth:`~Children.row` and
    :meth:`~Children.load`: it keeps no rows in other tables, so writing, journaling
    and restoring them does nothing."""

    def write(self, db: Any, client_id: int, row_id: int, model: Any) -> None:
        pass

    def image(self, db: Any, row_id: int) -> dict[str, Any]:
        return {}

    def restore(self, db: Any, row_id: int, image: dict[str, Any]) -> None:
        pass


@dataclass(frozen=True)
class Kind:
    """A kind of record that screens browse and edit one at a time."""

    name: str  # singular, for messages: "asset"
    table: str
    model: type[BaseModel]
    to_row: Callable[..., dict[str, Any]]
    from_row: Callable[..., Any]
    label_column: str  # what names a row in a message: tag, name, title
    #: Rows in other tables saved, journaled and undone with the record (None: just the row).
    children: Children | None = None
