"""Finding a record by what a person remembers of it, in every client.

The command palette types part of a tag, serial, name, vendor or contract
title; :func:`find_records` answers with the best matches across all clients:
exact matches first, then prefixes, then matches anywhere. Deleted records are
never found.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

#: Shortest text searched (one letter would match nearly everything).
MIN_LENGTH = 2


@dataclass(frozen=True)
class Found:
    table: str  # assets, renewals, contracts, people, initiatives
    row_id: int
    client_code: str
    client_name: str
    label: str  # what names the row: a tag, a renewal's name, a contract's title
    detail: str  # a few words more: the asset's name, the vendor
    field: str  # which field matched: tag, serial, name, vendor, title
    rank: int  # 0 exact, 1 prefix, 2 anywhere


def _like(text: str, prefix_only: bool = False) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return escaped + "%" if prefix_only else "%" + escaped + "%"


# (table, label column, detail column, [(field name, sql)])
_TARGETS: tuple[tuple[str, str, str, tuple[tuple[str, str], ...]], ...] = (
    ("assets", "x.tag", "x.name",
     (("tag", "x.tag"), ("serial", "x.serial"), ("name", "x.name"))),
    ("renewals", "x.name", "x.vendor",
     (("name", "x.name"), ("vendor", "x.vendor"))),
    ("contracts", "x.title", "x.vendor",
     (("title", "x.title"), ("vendor", "x.vendor"))),
    ("people", "x.name", "x.email",
     (("name", "x.name"), ("email", "x.email"), ("title", "x.title"))),
    ("initiatives", "x.title", "x.category",
     (("title", "x.title"), ("category", "x.category"))),
)
#: What :func:`find_records` searches unless told: the inventory's records.
INVENTORY = ("assets", "renewals", "contracts")


def find_records(db: Database, text: str, *, limit: int = 30,
                 tables: Collection[str] = INVENTORY) -> list[Found]:
    """The records of ``tables`` whose tag, serial, name, vendor or title (a person's
    name, email or job title; an initiative's title or category) contains ``text``."""
    text = " ".join(text.split())
    if len(text) < MIN_LENGTH:
        return []
    found: list[Found] = []
    anywhere, prefix = _like(text), _like(text, prefix_only=True)
    for table, label, detail, fields in _TARGETS:
        if table not in tables:
            continue
        # The best field decides the rank: exact, then prefix, then anywhere.
        ranks = []
        params: list[Any] = []
        for _name, sql in fields:
            ranks.append(f"WHEN {sql} = ? COLLATE NOCASE THEN 0")
            params.append(text)
        for _name, sql in fields:
            ranks.append(f"WHEN {sql} LIKE ? ESCAPE '\\' THEN 1")
            params.append(prefix)
        which = " ".join(f"WHEN {sql} LIKE ? ESCAPE '\\' THEN '{name}'" for name, sql in fields)
        which_params = [anywhere] * len(fields)
        where = " OR ".join(f"{sql} LIKE ? ESCAPE '\\'" for _name, sql in fields)
        sql = (
            f"SELECT x.id, c.code, c.name, {label}, {detail},"
            f" CASE {' '.join(ranks)} ELSE 2 END AS rank, CASE {which} END AS field"
            f" FROM [{table}] x JOIN clients c ON c.id = x.client_id"
            f" WHERE x.deleted_at IS NULL AND ({where})"
            f" ORDER BY rank, {label} COLLATE NOCASE, c.code LIMIT ?"
        )
        rows = db.execute(sql, [*params, *which_params, *([anywhere] * len(fields)), limit])
        for row_id, code, name, shown, more, rank, field in rows:
            found.append(Found(table, row_id, code, name, shown or "", more or "", field, rank))
    order = {table: i for i, (table, *_rest) in enumerate(_TARGETS)}
    found.sort(key=lambda f: (f.rank, order[f.table], f.label.casefold(), f.client_code))
    return found[:limit]
