"""People: who is who, and how much each one is assigned or owns."""

from __future__ import annotations

from collections import Counter

from itroad.domain.models import Client
from itroad.tui.cells import NO_CLIENT, Column, TableData, number_cell, text_cell
from itroad.tui.data import ClientData, PeopleIndex
from itroad.tui.panes.base import TablePane

#: Who and what they hold first, so that it fits in 80 columns; the rest scrolls.
COLUMNS = (
    Column("name", "Name"),
    Column("title", "Title"),
    Column("assets", "Assets", numeric=True),
    Column("renewals", "Renewals", numeric=True),
    Column("contracts", "Contracts", numeric=True),
    Column("roles", "Roles", numeric=True),
    Column("email", "Email"),
    Column("organisation", "Organisation"),
)


def responsibilities(client: Client) -> dict[str, Counter]:
    """Per person (by position in ``client.people``): assets assigned, renewals and
    contracts owned, initiative roles held."""
    people = PeopleIndex(client)
    position = {id(person): i for i, person in enumerate(client.people)}
    counts: dict[int, Counter] = {i: Counter() for i in range(len(client.people))}

    def count(ref: str | None, what: str) -> None:
        person = people.find(ref)
        if person is not None:
            counts[position[id(person)]][what] += 1

    for asset in client.assets:
        count(asset.assigned_to, "assets")
    for renewal in client.renewals:
        count(renewal.owner, "renewals")
    for contract in client.contracts:
        count(contract.owner, "contracts")
    for initiative in client.initiatives:
        for role in initiative.roles:
            count(role.person, "roles")
    return counts


def people_table(data: ClientData) -> TableData:
    client = data.client
    if client is None:
        return TableData(COLUMNS, empty=NO_CLIENT)
    counts = responsibilities(client)
    rows = []
    for i, person in enumerate(client.people):
        tally = counts[i]
        rows.append((
            text_cell(person.name, limit=24),
            text_cell(person.title, limit=26),
            number_cell(tally["assets"]),
            number_cell(tally["renewals"]),
            number_cell(tally["contracts"]),
            number_cell(tally["roles"]),
            text_cell(person.email),
            text_cell(person.organisation, limit=30),
        ))
    return TableData(COLUMNS, rows, empty=f"No people recorded for {client.name} yet.")


class PeoplePane(TablePane):
    PANE_ID = "people"
    TITLE = "People"
    DESCRIPTION = "people with the assets assigned to them, what they own and their roles"
    build = staticmethod(people_table)
