"""The store's exceptions that modules on several of its levels raise.

They live at the bottom of the store, importing nothing of it, so that any store
module can raise them without importing the modules above it (opening a file,
transactions, the record kinds, editing).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from pydantic import BaseModel


class StoreError(Exception):
    """A database that cannot be used, with a sentence saying why."""


class EditError(Exception):
    """An edit that cannot be made, with a sentence saying why."""


class StaleRecordError(EditError):
    """The row changed in the database since the form was opened."""

    def __init__(self, message: str, current: BaseModel | None, version: int | None):
        super().__init__(message)
        self.current = current
        self.version = version


class RecordGone(EditError):
    """The row was deleted (or never existed)."""
