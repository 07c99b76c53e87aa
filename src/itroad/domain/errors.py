"""The one root of itroad's refusals, and the field each one concerns.

Every error itroad raises to say "this cannot be done, because…" derives from
:class:`ItroadError`: the message is the sentence shown to the user, and the
attributes say what it is about without anyone reading the sentence:

- ``field``: the model field the problem concerns (``"tag"``, ``"assigned_to"``,
  ``"end_date"``), or None when it concerns the whole record or no record;
- ``code``: what kind of refusal it is (``"tag_used"``, ``"unknown_person"``…),
  or None where callers have no reason to tell refusals apart;
- ``value``: the value at fault when it is a reference or a key (the unknown
  person's email, the tag already used), else None.

The store's errors (``store/errors.py``), the parser's :class:`~itroad.domain.parse.ParseError`,
:class:`~itroad.domain.money.MoneyError`, the roles catalogue's ``RoleError`` and the
portfolio file's ``PortfolioFileError`` all derive from it (keeping ``ValueError``
where they are one). A model validator that checks several fields at once raises
:class:`InvalidValue`; pydantic keeps it in the error's context, so
:func:`error_field` reads its field back from a ``ValidationError``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from pydantic_core import ErrorDetails


class ItroadError(Exception):
    """A refusal with a sentence saying why, and the field it concerns (if one)."""

    def __init__(self, message: str = "", *, field: str | None = None,
                 code: str | None = None, value: str | None = None) -> None:
        super().__init__(message)
        self.field = field
        self.code = code
        self.value = value


class InvalidValue(ItroadError, ValueError):
    """A value a model refuses after looking at the whole record (an end before its
    start): raised by model validators with the ``field`` the user should change."""


def error_field(error: ErrorDetails) -> str | None:
    """The field of a model one pydantic error concerns, or None for the whole record.

    The first name of its location when it has one (``("end_date",)``, and
    ``"renewals"`` for ``("renewals", 2)``); for a whole-record error (an empty
    location), the ``field`` of the :class:`ItroadError` its validator raised.
    """
    for part in error.get("loc") or ():
        return str(part)
    raised = (error.get("ctx") or {}).get("error")
    return raised.field if isinstance(raised, ItroadError) else None
