"""The store's exceptions that modules on several of its levels raise.

They live at the bottom of the store, importing nothing of it, so that any store
module can raise them without importing the modules above it (opening a file,
transactions, the record kinds, editing). All derive from
:class:`~itroad.domain.errors.ItroadError`: an :class:`EditError` says which field
of the record it concerns (``field``) and what kind of refusal it is (``code``),
so a form puts the sentence under that field without reading it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from itroad.domain.errors import ItroadError

if TYPE_CHECKING:  # pragma: no cover
    from pydantic import BaseModel


class StoreError(ItroadError):
    """A database that cannot be used, with a sentence saying why."""


class EditError(ItroadError):
    """An edit that cannot be made, with a sentence saying why.

    ``field`` is the model field it concerns (``"tag"``, ``"assigned_to"``,
    ``"assets"``), None for the record as a whole; ``code`` what was refused
    (``"tag_used"``, ``"unknown_person"``, ``"ambiguous_person"``,
    ``"unknown_asset"``, ``"title_used"``, ``"email_used"``, ``"name_used"``,
    ``"role_held"``, ``"unknown_initiative"`` and the other assignment targets,
    ``"invalid"``, ``"stale"``, ``"gone"``…); ``value`` the reference or key at
    fault (the unknown person's email or name, the tag already used).
    """

    @classmethod
    def wrapping(cls, message: str, cause: ItroadError) -> EditError:
        """An edit refused because of ``cause``: its field, code and value, this message."""
        return cls(message, field=cause.field, code=cause.code, value=cause.value)


class StaleRecordError(EditError):
    """The row changed in the database since the form was opened (code ``"stale"``)."""

    def __init__(self, message: str, current: BaseModel | None, version: int | None):
        super().__init__(message, code="stale")
        self.current = current
        self.version = version


class RecordGone(EditError):
    """The row was deleted, or never existed (code ``"gone"``)."""

    def __init__(self, message: str = "", *, field: str | None = None, code: str | None = "gone",
                 value: str | None = None) -> None:
        super().__init__(message, field=field, code=code, value=value)
