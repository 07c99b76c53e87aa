"""The registry of record kinds: one :class:`~itroad.store.records.Kind` for each kind
of record that screens browse and edit one at a time, and :data:`KINDS` by table.

This module assembles the kinds and imports the modules that define their parts:
the row converters (:mod:`itroad.store.records`) and the rows some kinds keep
beyond their own (:mod:`~itroad.store.person_children`,
:mod:`~itroad.store.initiative_children`, :mod:`~itroad.store.roles`). Those import
nothing above them; editing (:mod:`itroad.store.editing`) and the modules of
several-row edits (people, initiatives, policies) import this one.
"""

from __future__ import annotations

from typing import Any

from itroad.domain.models import Asset, Assignment, Contract, Initiative, Person, Renewal
from itroad.store.initiative_children import InitiativeChildren
from itroad.store.person_children import PersonChildren
from itroad.store.records import (
    Kind,
    asset_from_row,
    asset_row,
    contract_from_row,
    contract_row,
    initiative_from_row,
    initiative_row,
    person_from_row,
    person_row,
    renewal_from_row,
    renewal_row,
)
from itroad.store.roles import AssignmentChildren


def _no_row(*_: Any) -> dict[str, Any]:  # pragma: no cover - assignments use Children.row
    raise TypeError("an assignment's row is made by its Children.row (it needs the database)")


ASSET = Kind("asset", "assets", Asset, asset_row, asset_from_row, "tag")
RENEWAL = Kind("renewal", "renewals", Renewal, renewal_row, renewal_from_row, "name")
CONTRACT = Kind("contract", "contracts", Contract, contract_row, contract_from_row, "title")
PERSON = Kind("person", "people", Person, person_row, person_from_row, "name", PersonChildren())
INITIATIVE = Kind("initiative", "initiatives", Initiative, initiative_row, initiative_from_row,
                  "title", InitiativeChildren())
ASSIGNMENT = Kind("assignment", "assignments", Assignment, _no_row, _no_row, "role",
                  AssignmentChildren())
KINDS = {kind.table: kind for kind in (ASSET, RENEWAL, CONTRACT, PERSON, INITIATIVE, ASSIGNMENT)}
