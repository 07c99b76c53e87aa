"""One place that knows how each kind of record maps to its table row.

Import, export and single-record edits all go through these converters, so a
field added to a model is added here once. References leave the model as
natural keys (a person's email or name, an asset's tag) and are stored as ids;
the one people index (:func:`person_index`) resolves them.

Rows become models without being validated again (:data:`TRUSTED`): what is in
the database went through the models on its way in (an import, a form), so a read
only converts (cents to ``Decimal``, ISO text to dates, text to enums) and builds
each model from those values as validation would have left them. :data:`CHECKED`
validates every model as it is built, and is how a read names a stored value the
models refuse (one an older itroad or a hand edit left): see :class:`Reading`.

Here too is what a record kind is (:class:`Kind`, :class:`Children`). The kinds
themselves are assembled in :mod:`itroad.store.kinds`, which imports this module;
this module imports nothing of the store above :mod:`itroad.store.rows`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any, Protocol, TypeVar, overload

from pydantic import BaseModel

from itroad.domain.enums import (
    AssetStatus,
    ContractKind,
    InitiativeCategory,
    InitiativeStatus,
    LifecycleBasis,
    Priority,
    RenewalKind,
)
from itroad.domain.errors import ItroadError
from itroad.domain.limits import MAX_DATE, MIN_DATE
from itroad.domain.models import (
    Asset,
    Contract,
    Initiative,
    LifecyclePolicy,
    Person,
    Renewal,
)
from itroad.store.rows import cents, decimal_text, iso, money, without_none


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


E = TypeVar("E", bound=Enum)
M = TypeVar("M", bound=BaseModel)


class StoredValueRefused(ValueError):
    """A stored value itroad would not have written (a date outside the supported range):
    the rows are read again with :data:`CHECKED`, whose validation names it."""


class Reading:
    """How a converter (``asset_from_row`` …) turns a row's values into a model.

    A converter hands its values to :meth:`day`, :meth:`member`, :meth:`number` and
    :meth:`model`; the mapping from columns to fields is the converter's, written once
    for both readings (:data:`TRUSTED`, :data:`CHECKED`).
    """

    def day(self, text: str | None) -> date | None:
        """An ISO date column's value as the date field holds it."""
        raise NotImplementedError

    def member(self, kind: type[E], value: str) -> E:
        """An enum column's value as the enum field holds it."""
        raise NotImplementedError

    def number(self, text: str | None) -> Decimal | None:
        """A decimal stored as text (a rate, a KPI's value) as the field holds it."""
        raise NotImplementedError

    def model(self, model: type[M], values: dict[str, Any]) -> M:
        """The model of ``values``: every field of ``model``, in its order (None for an
        absent optional field, whose default is None)."""
        raise NotImplementedError


class Trusted(Reading):
    """The database's own rows, built into models without validating them again.

    The values are already what validation gives (``Decimal`` to the cent, dates,
    enum members, stripped text), so each model is set up directly, as
    ``model_construct`` does, but without its per-field look-ups of aliases, which
    cost as much as validating. Only a date outside the supported range (an older
    itroad took any) and a value that does not convert (an unknown enum value, a
    malformed date or number) are noticed: they raise, and the client is read again
    with :data:`CHECKED` (:func:`itroad.store.portfolio.load_client`).
    """

    def __init__(self) -> None:
        self._direct: dict[type[BaseModel], bool] = {}

    def day(self, text: str | None) -> date | None:
        if text is None:
            return None
        found = date.fromisoformat(text)
        if not MIN_DATE <= found <= MAX_DATE:
            raise StoredValueRefused(f"date {text} is outside the supported range")
        return found

    def member(self, kind: type[E], value: str) -> E:
        return kind(value)

    def number(self, text: str | None) -> Decimal | None:
        return None if text is None else Decimal(text)

    def model(self, model: type[M], values: dict[str, Any]) -> M:
        fields_set = {name for name, value in values.items() if value is not None}
        direct = self._direct.get(model)
        if direct is None:
            direct = self._direct[model] = _plain(model)
        if not direct:
            return model.model_construct(fields_set, **values)
        record = model.__new__(model)
        _set(record, "__dict__", values)
        _set(record, "__pydantic_fields_set__", fields_set)
        _set(record, "__pydantic_extra__", None)
        _set(record, "__pydantic_private__", None)
        return record


_set = object.__setattr__


def _plain(model: type[BaseModel]) -> bool:
    """Whether a model's instance is only its fields: no ``model_post_init``, private
    attributes, extra fields or root (what ``model_construct`` would set up beyond them)."""
    return (not model.__pydantic_post_init__ and not model.__private_attributes__
            and not model.__pydantic_root_model__ and model.model_config.get("extra") != "allow")


class Checked(Reading):
    """Rows validated by their models as they are built, as a file's records are: dates
    and enum values go in as the stored text, so a value the models refuse is a
    ``ValidationError`` naming its field."""

    def day(self, text: str | None) -> Any:
        return text

    def member(self, kind: type[E], value: str) -> Any:
        return value

    def number(self, text: str | None) -> Any:
        return text

    def model(self, model: type[M], values: dict[str, Any]) -> M:
        return model(**without_none(values))


#: How reads build models (the database's own rows, validated on their way in).
TRUSTED: Reading = Trusted()
#: Every model validated: for telling which stored value the models refuse, and for
#: the tests that hold :data:`TRUSTED` to the same models.
CHECKED: Reading = Checked()


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


def policy_from_row(r: Mapping[str, Any], *, reading: Reading = TRUSTED) -> LifecyclePolicy:
    return reading.model(LifecyclePolicy, {
        "category": r["category"], "lifecycle_months": r["lifecycle_months"],
        "replacement_cost": money(r["replacement_cost_cents"]),
        "basis": reading.member(LifecycleBasis, r["basis"])})


def person_row(p: Person, people: PersonIndex | None = None) -> dict[str, Any]:
    return {"name": p.name, "email": p.email, "title": p.title, "organisation": p.organisation}


def person_from_row(r: Mapping[str, Any], person_key: Mapping[int, str] | None = None, *,
                    reading: Reading = TRUSTED) -> Person:
    return reading.model(Person, {"name": r["name"], "email": r["email"], "title": r["title"],
                                  "organisation": r["organisation"]})


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


def asset_from_row(r: Mapping[str, Any], person_key: Mapping[int, str], *,
                   reading: Reading = TRUSTED) -> Asset:
    day = reading.day
    return reading.model(Asset, {
        "tag": r["tag"], "name": r["name"], "category": r["category"],
        "manufacturer": r["manufacturer"], "model": r["model"], "serial": r["serial"],
        "site": r["site"], "assigned_to": _key(person_key, r["assigned_to"]),
        "status": reading.member(AssetStatus, r["status"]),
        "purchase_date": day(r["purchase_date"]), "purchase_cost": money(r["purchase_cost_cents"]),
        "warranty_end": day(r["warranty_end"]), "os": r["os"],
        "lifecycle_months": r["lifecycle_months"],
        "replacement_cost": money(r["replacement_cost_cents"]),
        "replace_on": day(r["replace_on"]), "replace_reason": r["replace_reason"],
        "notes": r["notes"]})


def renewal_row(r: Renewal, people: PersonIndex) -> dict[str, Any]:
    return {
        "name": r.name, "vendor": r.vendor, "kind": r.kind.value, "quantity": r.quantity,
        "unit_cost_cents": cents(r.unit_cost), "period_months": r.period_months,
        "next_renewal": iso(r.next_renewal), "auto_renew": int(r.auto_renew),
        "notice_days": r.notice_days, "escalation_rate": decimal_text(r.escalation_rate),
        "end_date": iso(r.end_date), "owner_id": person_ref(people, r.owner, "owner"), "notes": r.notes,
    }


def renewal_from_row(r: Mapping[str, Any], person_key: Mapping[int, str], *,
                     reading: Reading = TRUSTED) -> Renewal:
    return reading.model(Renewal, {
        "name": r["name"], "vendor": r["vendor"], "kind": reading.member(RenewalKind, r["kind"]),
        "quantity": r["quantity"], "unit_cost": money(r["unit_cost_cents"]),
        "period_months": r["period_months"], "next_renewal": reading.day(r["next_renewal"]),
        "auto_renew": bool(r["auto_renew"]), "notice_days": r["notice_days"],
        "escalation_rate": reading.number(r["escalation_rate"]), "end_date": reading.day(r["end_date"]),
        "owner": _key(person_key, r["owner_id"]), "notes": r["notes"]})


def contract_row(c: Contract, people: PersonIndex) -> dict[str, Any]:
    return {
        "title": c.title, "vendor": c.vendor, "kind": c.kind.value, "start": iso(c.start),
        "end": iso(c.end), "amount_cents": cents(c.amount), "period_months": c.period_months,
        "auto_renew": int(c.auto_renew), "renewal_term_months": c.renewal_term_months,
        "notice_days": c.notice_days, "owner_id": person_ref(people, c.owner, "owner"), "notes": c.notes,
    }


def contract_from_row(
    r: Mapping[str, Any], person_key: Mapping[int, str], assets: list[str] | None = None, *,
    reading: Reading = TRUSTED,
) -> Contract:
    return reading.model(Contract, {
        "title": r["title"], "vendor": r["vendor"], "kind": reading.member(ContractKind, r["kind"]),
        "start": reading.day(r["start"]), "end": reading.day(r["end"]),
        "amount": money(r["amount_cents"]), "period_months": r["period_months"],
        "auto_renew": bool(r["auto_renew"]), "renewal_term_months": r["renewal_term_months"],
        "notice_days": r["notice_days"], "owner": _key(person_key, r["owner_id"]),
        "assets": assets or [], "notes": r["notes"]})


def initiative_row(i: Initiative, people: PersonIndex | None = None) -> dict[str, Any]:
    return {
        "title": i.title, "category": i.category.value, "priority": i.priority.value,
        "status": i.status.value, "start": iso(i.start), "end": iso(i.end),
        "one_time_cost_cents": cents(i.one_time_cost), "monthly_cost_cents": cents(i.monthly_cost),
        "goal": i.goal, "notes": i.notes, "completed_on": iso(i.completed_on),
        "actual_cost_cents": cents(i.actual_cost),
    }


def initiative_from_row(
    r: Mapping[str, Any], person_key: Mapping[int, str] | None = None, *,
    assets: list[str] | None = None, roles: list[Any] | None = None, kpis: list[Any] | None = None,
    serves: list[str] | None = None, reading: Reading = TRUSTED,
) -> Initiative:
    """The initiative of a row, with its linked assets' tags, the titles of the goals it
    serves, its RACI roles and KPIs (the models of
    :mod:`itroad.store.initiative_children`'s rows, read with the same ``reading``)."""
    return reading.model(Initiative, {
        "title": r["title"], "category": reading.member(InitiativeCategory, r["category"]),
        "priority": reading.member(Priority, r["priority"]),
        "status": reading.member(InitiativeStatus, r["status"]),
        "start": reading.day(r["start"]), "end": reading.day(r["end"]),
        "completed_on": reading.day(r["completed_on"]),
        "one_time_cost": money(r["one_time_cost_cents"]),
        "monthly_cost": money(r["monthly_cost_cents"]),
        "actual_cost": money(r["actual_cost_cents"]),
        "assets": assets or [], "goal": r["goal"], "serves": serves or [], "kpis": kpis or [],
        "roles": roles or [], "notes": r["notes"]})


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
