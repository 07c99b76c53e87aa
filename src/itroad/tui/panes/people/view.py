"""What the People tab shows, as plain data built in the loading worker.

Three views of one client: its people (client side and service provider) with
what each one holds; the RACI matrix (initiatives × people); the role
assignments (a person in a role from the catalogue, for the client or a record).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from rich.text import Text

from itroad.domain.enums import InitiativeStatus
from itroad.domain.models import Assignment, Client, Initiative, Person
from itroad.store.lookups import ClientRef
from itroad.store.roles import Role
from itroad.store.roster import Roster
from itroad.tui.cells import NO_CLIENT, Column, TableData, number_cell, text_cell
from itroad.tui.data import ClientData, InventoryContext, PeopleIndex, read_with_roster, roster_context

#: Who, which side, what they hold first, so that it fits in 80 columns; the rest scrolls.
COLUMNS = (
    Column("name", "Name"),
    Column("side", "Side"),
    Column("title", "Title"),
    Column("client_roles", "Client roles"),
    Column("assets", "Assets", numeric=True),
    Column("renewals", "Renewals", numeric=True),
    Column("contracts", "Contracts", numeric=True),
    Column("roles", "Roles", numeric=True),
    Column("email", "Email"),
    Column("organisation", "Organisation"),
)

ASSIGNMENT_COLUMNS = (
    Column("role", "Role"),
    Column("person", "Person"),
    Column("for", "For"),
)

CLIENT_SIDE = "client"
PROVIDER_SIDE = "provider"


def side_of(person: Person, client: Client) -> str:
    """``client`` for the client's own people (no organisation, or the client's name),
    ``provider`` for people of another organisation (the MSP, a vendor)."""
    if not person.organisation or person.organisation.casefold() == client.name.casefold():
        return CLIENT_SIDE
    return PROVIDER_SIDE


def responsibilities(client: Client) -> dict[int, Counter]:
    """Per person (by position in ``client.people``): assets assigned, renewals and
    contracts owned, roles held (RACI letters and role assignments)."""
    people = PeopleIndex(client)
    position = {id(person): i for i, person in enumerate(client.people)}
    counts: dict[int, Counter] = {i: Counter() for i in range(len(client.people))}

    def count(ref: str | None, what: str) -> None:
        person = people.find(ref)
        if person is not None:
            counts[position[id(person)]][what] += 1

    for asset in client.assets:
        if asset.status.is_current:
            count(asset.assigned_to, "assets")
    for renewal in client.renewals:
        count(renewal.owner, "renewals")
    for contract in client.contracts:
        count(contract.owner, "contracts")
    for initiative in client.initiatives:
        for role in initiative.roles:
            count(role.person, "roles")
    for assignment in client.assignments:
        count(assignment.person, "roles")
    return counts


def assignment_target(assignment: Assignment, client: Client) -> str:
    """``the client`` / ``asset HFD-SRV01 Dentrix server`` / ``initiative “MFA”``."""
    scope = assignment.scope.value
    target = assignment.target
    if target is None:
        return "the client"
    if scope == "asset":
        for asset in client.assets:
            if asset.tag.casefold() == target.casefold():
                return f"asset {asset.tag} {asset.name}"
    return f"{scope} “{target}”"


@dataclass(frozen=True)
class PersonRow:
    key: str  # row id as text ("p3" by position without a roster)
    row_id: int | None
    person: Person
    side: str
    cells: tuple[Text, ...]
    haystack: str
    #: What they hold: assets, renewals, contracts, roles (RACI letters and role assignments).
    holds: Counter = field(default_factory=Counter)
    client_roles: str = ""


@dataclass(frozen=True)
class AssignmentRow:
    key: str
    row_id: int | None
    assignment: Assignment
    cells: tuple[Text, ...]


@dataclass(frozen=True)
class MatrixColumn:
    key: str  # person row id as text
    person: Person
    label: str  # initials, unique in the matrix
    side: str


@dataclass(frozen=True)
class MatrixRow:
    key: str  # initiative row id as text
    row_id: int | None
    initiative: Initiative
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class PeopleView:
    db_path: object
    as_of: date
    client: Client | None = None
    people: tuple[PersonRow, ...] = ()
    assignments: tuple[AssignmentRow, ...] = ()
    matrix_rows: tuple[MatrixRow, ...] = ()
    matrix_columns: tuple[MatrixColumn, ...] = ()
    roles: tuple[Role, ...] = ()
    roster: Roster | None = None
    context: InventoryContext | None = None
    empty: str = NO_CLIENT
    index: PeopleIndex | None = field(default=None, compare=False)

    @property
    def rows(self) -> list[tuple[Text, ...]]:
        """The people list's rows as first shown (read like a ``TableData``)."""
        return self.table().rows

    def row(self, key: str | None) -> PersonRow | None:
        return next((row for row in self.people if row.key == key), None)

    def assignment(self, key: str | None) -> AssignmentRow | None:
        return next((row for row in self.assignments if row.key == key), None)

    def column(self, key: str | None) -> MatrixColumn | None:
        return next((c for c in self.matrix_columns if c.key == key), None)

    def matrix_row(self, key: str | None) -> MatrixRow | None:
        return next((r for r in self.matrix_rows if r.key == key), None)

    def table(self, text: str = "", side: str | None = None) -> TableData:
        wanted = text.strip().casefold()
        rows = [r for r in self.people
                if (side is None or r.side == side) and (not wanted or wanted in r.haystack)]
        empty = self.empty if not self.people else "Nobody matches. Esc clears the filter."
        return TableData(COLUMNS, [r.cells for r in rows], [r.key for r in rows], empty=empty)

    def assignment_table(self) -> TableData:
        empty = ("No roles assigned yet: n assigns one (vCIO, account manager, technical lead, "
                 "client sponsor, primary contact, budget owner, or your own).")
        return TableData(ASSIGNMENT_COLUMNS, [r.cells for r in self.assignments],
                         [r.key for r in self.assignments], empty=empty)


def _variants(person: Person) -> list[str]:
    """Labels for a person, shortest first: ``DW``, ``DaW``, ``DWh``, ``DaWh``, ``Dan``…"""
    words = [w for w in person.name.replace("-", " ").split() if w[:1].isalnum()] or [person.name]
    first, last = words[0], (words[-1] if len(words) > 1 else "")
    if not last:
        return [first[:2].title(), first[:3].title(), first[:4].title()]
    f, la = first[:1].upper(), last[:1].upper()
    return [f + la, f + first[1:2] + la, f + la + last[1:2], f + first[1:2] + la + last[1:2],
            f + first[1:3] + la]


def initials(people: list[Person]) -> list[str]:
    """Short labels for the matrix's columns, unique when they can be (``DaW``, ``DeW``)."""
    options = [_variants(p) for p in people]
    level = [0] * len(people)
    for _ in range(5):
        labels = [o[min(k, len(o) - 1)] for o, k in zip(options, level)]
        seen = Counter(label.casefold() for label in labels)
        clashing = [n for n, label in enumerate(labels) if seen[label.casefold()] > 1]
        if not clashing:
            break
        for n in clashing:  # everyone in a clash takes their next, longer label
            level[n] += 1
    return [o[min(k, len(o) - 1)] for o, k in zip(options, level)]


def make_view(data: ClientData, client: Client | None, roster: Roster | None,
              ref: ClientRef | None) -> PeopleView:
    if client is None:
        return PeopleView(data.db_path, data.as_of)
    index = PeopleIndex(client)
    counts = responsibilities(client)
    client_roles: dict[int, list[str]] = {}
    position = {id(p): i for i, p in enumerate(client.people)}
    for assignment in client.assignments:
        person = index.find(assignment.person)
        if person is not None and assignment.target is None:
            client_roles.setdefault(position[id(person)], []).append(assignment.role)

    people_rows = []
    for i, person in enumerate(client.people):
        row_id = roster.people[i] if roster is not None else None
        tally = counts[i]
        side = side_of(person, client)
        roles_text = ", ".join(client_roles.get(i, []))
        cells = (
            text_cell(person.name, limit=24),
            text_cell(side, style="italic" if side == PROVIDER_SIDE else ""),
            text_cell(person.title, limit=26),
            text_cell(roles_text, limit=26),
            number_cell(tally["assets"]),
            number_cell(tally["renewals"]),
            number_cell(tally["contracts"]),
            number_cell(tally["roles"]),
            text_cell(person.email),
            text_cell(person.organisation, limit=30),
        )
        haystack = " ".join(filter(None, (person.name, person.email, person.title,
                                          person.organisation, side, roles_text))).casefold()
        people_rows.append(PersonRow(str(row_id) if row_id is not None else f"p{i}", row_id,
                                     person, side, cells, haystack, tally, roles_text))

    assignment_rows = []
    for i, assignment in enumerate(client.assignments):
        row_id = roster.assignments[i] if roster is not None else None
        assignment_rows.append(AssignmentRow(
            str(row_id) if row_id is not None else f"a{i}", row_id, assignment, (
                text_cell(assignment.role, limit=24),
                text_cell(index.name_of(assignment.person), limit=24),
                text_cell(assignment_target(assignment, client), limit=60),
            )))

    matrix_rows = []
    for i, initiative in enumerate(client.initiatives):
        row_id = roster.initiatives[i] if roster is not None else None
        matrix_rows.append(MatrixRow(str(row_id) if row_id is not None else f"i{i}", row_id,
                                     initiative, tuple(initiative.raci_warnings())))
    order = {status: n for n, status in enumerate(InitiativeStatus)}
    matrix_rows.sort(key=lambda r: (order[r.initiative.status] > 3, r.initiative.start))

    # People who hold the most letters first (the matrix keeps its columns where they
    # were while letters are edited: see RaciMatrix.show).
    letters: Counter[int] = Counter()
    for initiative in client.initiatives:
        for role in initiative.roles:
            person = index.find(role.person)
            if person is not None:
                letters[position[id(person)]] += 1
    ordered = sorted(range(len(client.people)), key=lambda i: (-letters[i], i))
    labels = initials([client.people[i] for i in ordered])
    columns = tuple(
        MatrixColumn(people_rows[i].key, client.people[i], label, people_rows[i].side)
        for i, label in zip(ordered, labels))

    context = roster_context(data, client, roster, ref, total=len(client.people))
    return PeopleView(
        data.db_path, data.as_of, client, tuple(people_rows), tuple(assignment_rows),
        tuple(matrix_rows), columns, roster.roles if roster else (), roster, context,
        empty=f"No people recorded for {client.name} yet: n adds one.", index=index)


def read_view(data: ClientData) -> PeopleView:
    """The view with the row ids behind it (in the loading worker, its own connection)."""
    if data.client is None:
        return make_view(data, None, None, None)
    return make_view(data, *read_with_roster(data))


def people_table(data: ClientData) -> TableData:
    """The people list as the tab shows it first (no database needed)."""
    return make_view(data, data.client, None, None).table()
