"""The domain as pydantic models: what a client owns, pays for and plans.

These models are the interchange schema too (docs/architecture.md, "The portfolio
file"): references between records are by natural key (a person's email, an
asset's tag), never by database id. They are pure: no I/O, no Textual.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated, Final, Literal

from pydantic import Field, field_validator, model_validator

from itroad.domain.enums import (
    AssetStatus,
    AssignmentScope,
    ContractKind,
    InitiativeCategory,
    InitiativeStatus,
    LifecycleBasis,
    Priority,
    Raci,
    RenewalKind,
)
from itroad.domain.errors import InvalidValue
from itroad.domain.parse import DecimalSeparator
from itroad.domain.problems import Problem, describe_all
from itroad.domain.record import Record
from itroad.domain.strategy import ACTUAL_TARGETS, Actual, Goal, Strategy
from itroad.domain.types import Category, Flag, IsoDate, Money, Name, Number, Rate, Text, Whole

__all__ = [
    "ACTUAL_TARGETS", "ASSIGNMENT_TARGETS", "DEFAULT_ROLES", "FORMAT", "Actual", "Asset",
    "Assignment", "Client", "Contract", "Goal", "Initiative", "Kpi", "KpiReading",
    "LifecyclePolicy", "Person", "Portfolio", "Record", "Reference", "Renewal",
    "RoleAssignment", "Strategy", "reference_problems", "role_problems",
]

FORMAT: Final = "itroad/1"
_FY_KEY = re.compile(r"^FY(\d{4})$")
_CLIENT_CODE = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
_CURRENCY = re.compile(r"^[A-Z]{3}$")

#: The roles every database starts with (docs/rules.md, "People and RACI"). Users add
#: their own; a portfolio file lists only those it adds (``Portfolio.roles``).
DEFAULT_ROLES = (
    "vCIO",
    "account manager",
    "technical lead",
    "client sponsor",
    "primary contact",
    "budget owner",
)


class LifecyclePolicy(Record):
    category: Category
    lifecycle_months: Whole = Field(gt=0, le=600)
    replacement_cost: Money | None = None
    basis: LifecycleBasis = LifecycleBasis.AGE


class Person(Record):
    name: Name
    email: Annotated[str, Field(max_length=254)] | None = None
    title: Text | None = None
    organisation: Text | None = None

    @field_validator("email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        if value is None:
            return None
        value = value.strip()
        if not re.match(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", value):
            raise ValueError(f'invalid email address "{value}"')
        return value

    @property
    def key(self) -> str:
        """How other records refer to this person: the email, else the name."""
        return self.email or self.name


class Asset(Record):
    tag: Name
    name: Name
    category: Category
    manufacturer: Text | None = None
    model: Text | None = None
    serial: Text | None = None
    site: Text | None = None
    assigned_to: Text | None = None
    status: AssetStatus = AssetStatus.IN_USE
    purchase_date: IsoDate | None = None
    purchase_cost: Money | None = None
    warranty_end: IsoDate | None = None
    os: Text | None = None
    lifecycle_months: Whole | None = Field(default=None, gt=0, le=600)
    replacement_cost: Money | None = None
    replace_on: IsoDate | None = None
    replace_reason: Text | None = None
    notes: Text | None = None

    @model_validator(mode="after")
    def _dates_in_order(self) -> Asset:
        if self.purchase_date and self.warranty_end and self.warranty_end < self.purchase_date:
            raise InvalidValue(
                f"warranty_end {self.warranty_end} is before purchase_date {self.purchase_date}",
                field="warranty_end", code="before")
        return self


class Renewal(Record):
    name: Name
    vendor: Text | None = None
    kind: RenewalKind = RenewalKind.SUBSCRIPTION
    quantity: Whole = Field(default=1, ge=0, le=1_000_000)
    unit_cost: Money
    period_months: Whole = Field(default=12, gt=0, le=120)
    next_renewal: IsoDate
    auto_renew: Flag = False
    notice_days: Whole = Field(default=0, ge=0, le=3650)
    escalation_rate: Rate = Decimal("0")
    end_date: IsoDate | None = None
    owner: Text | None = None
    notes: Text | None = None

    @model_validator(mode="after")
    def _dates_in_order(self) -> Renewal:
        if self.end_date and self.end_date < self.next_renewal:
            raise InvalidValue(f"end_date {self.end_date} is before next_renewal {self.next_renewal}",
                               field="end_date", code="before")
        return self


class Contract(Record):
    title: Name
    vendor: Text | None = None
    kind: ContractKind = ContractKind.OTHER
    start: IsoDate
    end: IsoDate | None = None
    amount: Money
    period_months: Whole = Field(default=1, ge=0, le=120)
    auto_renew: Flag = False
    renewal_term_months: Whole | None = Field(default=None, gt=0, le=120)
    notice_days: Whole = Field(default=0, ge=0, le=3650)
    owner: Text | None = None
    assets: list[Name] = Field(default_factory=list)
    notes: Text | None = None

    @model_validator(mode="after")
    def _dates_in_order(self) -> Contract:
        if self.end and self.end < self.start:
            raise InvalidValue(f"end {self.end} is before start {self.start}",
                               field="end", code="before")
        return self


class KpiReading(Record):
    """What a KPI measured on a day."""

    date: IsoDate
    value: Number


class Kpi(Record):
    """A success measure of an initiative, from its baseline towards its target.

    Its readings are either ``current`` (one undated reading, the older form, kept as
    it is written) or ``history`` (dated readings, kept in date order, one per day),
    never both: docs/rules.md, "KPIs over time". The latest reading is its current
    value (:attr:`latest`).
    """

    name: Name
    unit: Text | None = None
    baseline: Number | None = None
    target: Number
    current: Number | None = None
    history: list[KpiReading] = Field(default_factory=list)
    due: IsoDate | None = None

    @field_validator("history")
    @classmethod
    def _in_date_order(cls, value: list[KpiReading]) -> list[KpiReading]:
        if any(a.date > b.date for a, b in zip(value, value[1:])):
            return sorted(value, key=lambda reading: reading.date)
        return value

    @model_validator(mode="after")
    def _one_form(self) -> Kpi:
        if self.current is not None and self.history:
            raise InvalidValue(
                "a KPI has either current (one undated reading) or history (dated readings),"
                " not both: move current into history with its date",
                field="history", code="current_and_history")
        for a, b in zip(self.history, self.history[1:]):
            if a.date == b.date:
                raise InvalidValue(f"two readings on {a.date}: a KPI has one reading a day",
                                   field="history", code="reading_twice")
        return self

    @property
    def latest(self) -> Decimal | None:
        """The current value: the latest dated reading, else ``current`` (None: not
        measured yet)."""
        return self.history[-1].value if self.history else self.current


class RoleAssignment(Record):
    person: Name
    raci: Raci


class Initiative(Record):
    title: Name
    category: InitiativeCategory
    priority: Priority = Priority.MEDIUM
    status: InitiativeStatus = InitiativeStatus.PROPOSED
    start: IsoDate
    end: IsoDate | None = None
    #: The day it was delivered (set when it is marked done).
    completed_on: IsoDate | None = None
    one_time_cost: Money = Decimal("0.00")
    monthly_cost: Money = Decimal("0.00")
    #: What it actually cost in one-time spend, once delivered.
    actual_cost: Money | None = None
    assets: list[Name] = Field(default_factory=list)
    goal: Text | None = None
    #: The titles of the client's goals it serves.
    serves: list[Name] = Field(default_factory=list)
    kpis: list[Kpi] = Field(default_factory=list)
    roles: list[RoleAssignment] = Field(default_factory=list)
    notes: Text | None = None

    @model_validator(mode="after")
    def _dates_in_order(self) -> Initiative:
        if self.end and self.end < self.start:
            raise InvalidValue(f"end {self.end} is before start {self.start}",
                               field="end", code="before")
        return self

    def raci_problems(self) -> tuple[Problem, ...]:
        """docs/rules.md, "People and RACI": exactly one Accountable, at least one
        Responsible. Each problem concerns ``roles``; codes ``no_accountable``,
        ``many_accountable`` (with ``count``), ``no_responsible``."""
        if self.status in (InitiativeStatus.CANCELLED,):
            return ()
        accountable = sum(1 for r in self.roles if r.raci is Raci.ACCOUNTABLE)
        responsible = sum(1 for r in self.roles if r.raci is Raci.RESPONSIBLE)
        problems = []
        if accountable == 0:
            problems.append(Problem.of("no_accountable", "roles"))
        elif accountable > 1:
            problems.append(Problem.of("many_accountable", "roles", count=accountable))
        if responsible == 0:
            problems.append(Problem.of("no_responsible", "roles"))
        return tuple(problems)

    def raci_warnings(self) -> list[str]:
        """The sentences of :meth:`raci_problems` (made by :func:`~itroad.domain.problems.describe`)."""
        return list(describe_all(self.raci_problems()))


#: The fields of an :class:`Assignment` that name the record it is for.
ASSIGNMENT_TARGETS = ("initiative", "asset", "renewal", "contract")


class Assignment(Record):
    """A person in a role (from the roles catalogue) for the whole client, or for one
    of its records: an initiative (by title), an asset (by tag), a renewal (by name)
    or a contract (by title). At most one of those four is given."""

    role: Name
    person: Name
    initiative: Name | None = None
    asset: Name | None = None
    renewal: Name | None = None
    contract: Name | None = None

    @model_validator(mode="after")
    def _one_target(self) -> Assignment:
        given = [name for name in ASSIGNMENT_TARGETS if getattr(self, name) is not None]
        if len(given) > 1:
            raise InvalidValue(
                f"an assignment is for the client or for one record, not {' and '.join(given)}",
                field=given[0], code="several_targets")
        return self

    @property
    def scope(self) -> AssignmentScope:
        for name in ASSIGNMENT_TARGETS:
            if getattr(self, name) is not None:
                return AssignmentScope(name)
        return AssignmentScope.CLIENT

    @property
    def target(self) -> str | None:
        """The natural key of the record it is for (None for the whole client)."""
        scope = self.scope
        return None if scope is AssignmentScope.CLIENT else getattr(self, scope.value)


class Client(Record):
    code: str
    name: Name
    currency: str = "USD"
    fiscal_year_start_month: Whole = Field(default=1, ge=1, le=12)
    escalation_rate: Rate = Decimal("0")
    #: How amounts are typed for this client: "." or "," as the decimal separator;
    #: None until declared (then only amounts that read one way are taken).
    decimal_separator: DecimalSeparator | None = None
    budget_targets: dict[str, Money] = Field(default_factory=dict)
    strategy: Strategy = Field(default_factory=Strategy)
    policies: list[LifecyclePolicy] = Field(default_factory=list)
    people: list[Person] = Field(default_factory=list)
    assets: list[Asset] = Field(default_factory=list)
    renewals: list[Renewal] = Field(default_factory=list)
    contracts: list[Contract] = Field(default_factory=list)
    goals: list[Goal] = Field(default_factory=list)
    initiatives: list[Initiative] = Field(default_factory=list)
    assignments: list[Assignment] = Field(default_factory=list)
    #: What was actually spent (docs/rules.md, "Strategy, goals and actual spend").
    actuals: list[Actual] = Field(default_factory=list)

    @field_validator("code")
    @classmethod
    def _code(cls, value: str) -> str:
        value = value.strip()
        if not _CLIENT_CODE.match(value):
            raise ValueError(
                f'invalid client code "{value}": use lower-case letters, digits and hyphens'
            )
        return value

    @field_validator("currency")
    @classmethod
    def _currency(cls, value: str) -> str:
        value = value.strip().upper()
        if not _CURRENCY.match(value):
            raise ValueError(f'invalid currency "{value}": use a three-letter ISO 4217 code')
        return value

    @field_validator("budget_targets")
    @classmethod
    def _budget_keys(cls, value: dict[str, Decimal]) -> dict[str, Decimal]:
        for key in value:
            if not _FY_KEY.match(key):
                raise ValueError(f'invalid fiscal year "{key}" (expected a key like FY2027)')
        return dict(sorted(value.items()))

    def budget_target(self, fiscal_year: int) -> Decimal | None:
        return self.budget_targets.get(f"FY{fiscal_year}")


class Portfolio(Record):
    format: Literal["itroad/1"] = FORMAT
    #: Roles added to the catalogue beyond :data:`DEFAULT_ROLES`, in the order added.
    roles: list[Name] = Field(default_factory=list)
    clients: list[Client] = Field(default_factory=list)

    @field_validator("roles")
    @classmethod
    def _roles(cls, value: list[str]) -> list[str]:
        defaults = {role.casefold() for role in DEFAULT_ROLES}
        seen: set[str] = set()
        for role in value:
            if role.casefold() in defaults:
                raise ValueError(
                    f'"{role}" is a default role: list only the roles you add to '
                    f"{', '.join(DEFAULT_ROLES)}"
                )
            if role.casefold() in seen:
                raise ValueError(f'role "{role}" is listed twice')
            seen.add(role.casefold())
        return value

    def role_names(self) -> list[str]:
        """The whole catalogue this portfolio uses: the defaults, then its own roles."""
        return [*DEFAULT_ROLES, *self.roles]


#: A problem of a record and where it is: ``(location, problem)``.
Reference = tuple[tuple[str | int, ...], Problem]


def reference_problems(client: Client) -> list[Reference]:
    """Problems a single record cannot see: duplicates and dangling references.

    Each problem is ``(location, problem)`` with the location relative to the
    client, e.g. ``(("assets", 3, "assigned_to"), Problem("unknown_person", "assigned_to",
    (("ref", "x"),)))``; its ``field`` is the record's field (``"assigned_to"``,
    ``"assets"``, ``"roles"``) and :func:`~itroad.domain.problems.describe` its sentence
    (``unknown person "x" (not in this client's people)``).
    """
    problems: list[Reference] = []
    emails: set[str] = set()
    namesakes: dict[str, list[Person]] = {}  # casefolded name -> who has it
    for i, person in enumerate(client.people):
        if person.email and person.email.casefold() in emails:
            problems.append((("people", i, "email"), Problem.of("duplicate_person", "email",
                                                                email=person.email)))
        if person.email:
            emails.add(person.email.casefold())
        namesakes.setdefault(person.name.casefold(), []).append(person)

    def check_person(loc: tuple[str | int, ...], ref: str | None) -> None:
        field = str(loc[2])
        # An email is exact; a name must be one person's (or the key of the one
        # namesake without an email, as an export writes it).
        if ref is None or ref.casefold() in emails:
            return
        holders = namesakes.get(ref.casefold(), [])
        if not holders:
            problems.append((loc, Problem.of("unknown_person", field, ref=ref)))
        elif len(holders) > 1 and sum(1 for p in holders if not p.email) != 1:
            candidates = ", ".join(p.email or f"{p.name} (no email)" for p in holders)
            problems.append((loc, Problem.of("ambiguous_person", field, ref=ref, count=len(holders),
                                             candidates=candidates)))

    tags: dict[str, int] = {}
    for i, asset in enumerate(client.assets):
        if asset.tag.casefold() in tags:
            first = tags[asset.tag.casefold()]
            problems.append(
                (("assets", i, "tag"), Problem.of("duplicate_tag", "tag", tag=asset.tag, first=first))
            )
        else:
            tags[asset.tag.casefold()] = i
        check_person(("assets", i, "assigned_to"), asset.assigned_to)

    def check_assets(loc: tuple[str | int, ...], refs: list[str]) -> None:
        listed: set[str] = set()
        for j, tag in enumerate(refs):
            if tag.casefold() not in tags:
                problems.append(((*loc, j), Problem.of("unknown_asset", "assets", tag=tag)))
            elif tag.casefold() in listed:
                problems.append(((*loc, j), Problem.of("asset_twice", "assets", tag=tag)))
            listed.add(tag.casefold())

    seen_categories: set[str] = set()
    for i, policy in enumerate(client.policies):
        if policy.category in seen_categories:
            problems.append((("policies", i, "category"),
                             Problem.of("duplicate_policy", "category", category=policy.category)))
        seen_categories.add(policy.category)
    for i, renewal in enumerate(client.renewals):
        check_person(("renewals", i, "owner"), renewal.owner)
    for i, contract in enumerate(client.contracts):
        check_person(("contracts", i, "owner"), contract.owner)
        check_assets(("contracts", i, "assets"), contract.assets)
    goal_titles: dict[str, int] = {}
    for i, goal in enumerate(client.goals):
        key = goal.title.casefold()
        if key in goal_titles:
            problems.append((("goals", i, "title"), Problem.of(
                "duplicate_goal", "title", title=goal.title, first=goal_titles[key])))
        else:
            goal_titles[key] = i
        check_person(("goals", i, "owner"), goal.owner)
    for i, initiative in enumerate(client.initiatives):
        check_assets(("initiatives", i, "assets"), initiative.assets)
        served: set[str] = set()
        for j, title in enumerate(initiative.serves):
            if title.casefold() not in goal_titles:
                problems.append((("initiatives", i, "serves", j),
                                 Problem.of("unknown_goal", "serves", title=title)))
            elif title.casefold() in served:
                problems.append((("initiatives", i, "serves", j),
                                 Problem.of("goal_twice", "serves", title=title)))
            served.add(title.casefold())
        given: set[tuple[str, Raci]] = set()
        for j, role in enumerate(initiative.roles):
            check_person(("initiatives", i, "roles", j, "person"), role.person)
            if (role.person.casefold(), role.raci) in given:
                problems.append((("initiatives", i, "roles", j),
                                 Problem.of("raci_twice", "roles", person=role.person,
                                            raci=role.raci.value)))
            given.add((role.person.casefold(), role.raci))

    # What an assignment can name: one record each (a name used twice is ambiguous).
    named: dict[str, dict[str, int]] = {"asset": {t: 1 for t in tags}}
    for scope, records, attr in (("initiative", client.initiatives, "title"),
                                 ("renewal", client.renewals, "name"),
                                 ("contract", client.contracts, "title")):
        counts: dict[str, int] = {}
        for record in records:
            key = getattr(record, attr).casefold()
            counts[key] = counts.get(key, 0) + 1
        named[scope] = counts
    for i, assignment in enumerate(client.assignments):
        check_person(("assignments", i, "person"), assignment.person)
        scope = assignment.scope.value
        if scope == "client":
            continue
        target = assignment.target or ""
        found = named[scope].get(target.casefold(), 0)
        if found == 0:
            problems.append((("assignments", i, scope),
                             Problem.of("unknown_target", scope, scope=scope, target=target)))
        elif found > 1:
            problems.append((("assignments", i, scope),
                             Problem.of("ambiguous_target", scope, scope=scope, target=target,
                                        count=found)))
    # What an actual payment is for: one record, named as an assignment names it.
    for i, actual in enumerate(client.actuals):
        if actual.target is None:
            continue
        scope, target = actual.target
        found = named[scope].get(target.casefold(), 0)
        if found == 0:
            problems.append((("actuals", i, scope),
                             Problem.of("unknown_target", scope, scope=scope, target=target)))
        elif found > 1:
            problems.append((("actuals", i, scope),
                             Problem.of("ambiguous_payment", scope, scope=scope, target=target,
                                        count=found)))
    return problems


def role_problems(portfolio: Portfolio) -> list[Reference]:
    """Assignments naming a role that is neither a default nor in ``portfolio.roles``.

    Locations are relative to the portfolio: ``(("clients", 0, "assignments", 2, "role"), …)``.
    """
    known = {role.casefold() for role in portfolio.role_names()}
    problems: list[Reference] = []
    for i, client in enumerate(portfolio.clients):
        for j, assignment in enumerate(client.assignments):
            if assignment.role.casefold() not in known:
                problems.append((("clients", i, "assignments", j, "role"),
                                 Problem.of("unknown_role", "role", role=assignment.role,
                                            roles=", ".join(portfolio.role_names()))))
    return problems

