"""Converting between domain models and table rows (cents, ISO dates, flags)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, overload

from itroad.domain.enums import CURRENT_ASSET_STATUSES
from itroad.domain.money import from_cents, to_cents

if TYPE_CHECKING:  # pragma: no cover
    import sqlite3


def cents(amount: Decimal | None) -> int | None:
    return None if amount is None else to_cents(amount)


@overload
def money(value: int) -> Decimal: ...


@overload
def money(value: None) -> None: ...


@overload
def money(value: int | None) -> Decimal | None: ...


def money(value: int | None) -> Decimal | None:
    return None if value is None else from_cents(value)


def iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def day(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)


def decimal_text(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


def without_none(row: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in row.items() if value is not None}


def current_asset_sql(column: str) -> str:
    """``column IN ('in_use', …)``: the SQL of :attr:`~itroad.domain.enums.AssetStatus.is_current`
    over a status column (``"status"``, ``"a.status"``)."""
    statuses = ", ".join(f"'{status.value}'" for status in CURRENT_ASSET_STATUSES)
    return f"{column} IN ({statuses})"


def inserted_id(cursor: sqlite3.Cursor) -> int:
    """The id of the row an ``INSERT`` just added (SQLite sets it for every inserted row)."""
    row_id = cursor.lastrowid
    if row_id is None:
        raise RuntimeError("the INSERT added no row")
    return row_id
