"""A person's row and its uniqueness among the client's people (``kinds.PERSON``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlite_utils import Database

from itroad.domain.models import Person
from itroad.store import records


class PersonChildren(records.NoChildRows):
    """Saving a person checks that no other live person of the client has their email
    (or, for people without one, their name): records refer to people by those."""

    def row(self, db: Database, client_id: int, model: Person,
            row_id: int | None) -> dict[str, Any]:
        for _pid, name, email in db.execute(
            "SELECT id, name, email FROM people WHERE client_id = ? AND deleted_at IS NULL"
            " AND id IS NOT ?", [client_id, row_id]).fetchall():
            if model.email and records.fold(email) == records.fold(model.email):
                raise records.RecordConflict(f'{name} already has the email "{model.email}"',
                                             field="email", code="email_used", value=model.email)
            if not model.email and not email and records.fold(name) == records.fold(model.name):
                raise records.RecordConflict(
                    f'there is already a person called "{name}" without an email: '
                    "give one of them an email", field="name", code="name_used", value=model.name)
        return records.person_row(model)

    def load(self, db: Database, row: Mapping[str, Any],
             person_key: Mapping[int, str]) -> Person:
        return records.person_from_row(row)
