"""Browsing large lists a window at a time: count, page, find a row's position.

The inventory screens never load every row: they ask for the number of rows a
filter matches and for pages of rows as the user scrolls. Filtering, sorting and
the "needs attention" quick filter all run in SQL over indexed columns, so a
client with 100,000 assets opens as fast as one with 100.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlite_utils import Database

# Only the windows here: the rules (and the pydantic models they need) are
# imported when a renewal or contract filter asks for them, so a screen that
# shows a table does not pay for them at start-up.
from itroad.planning.windows import REPLACEMENT_WINDOW_DAYS, WARRANTY_WINDOW_DAYS
from itroad.store.rows import current_asset_sql


@dataclass(frozen=True)
class Column:
    key: str
    sql: str  # an expression over the query's FROM clause
    sortable: bool = True


@dataclass(frozen=True)
class ListSpec:
    table: str
    alias: str
    joins: str
    columns: tuple[Column, ...]
    search: tuple[str, ...]  # expressions matched by the filter text
    default_sort: str

    def column(self, key: str) -> Column:
        for column in self.columns:
            if column.key == key:
                return column
        raise KeyError(f"no column {key!r} in {self.table}")


_PEOPLE = "LEFT JOIN people p ON p.id = {alias}.{ref} JOIN clients c ON c.id = {alias}.client_id"


def _list_spec(table: str, alias: str, person: str, fields: tuple[str, ...], *,
               search: tuple[str, ...], default_sort: str) -> ListSpec:
    """A paged list of a table's rows: each field its own column (named as in the
    table), then the client's code, the name of the person in ``person`` and the
    row's version (which the list does not sort by)."""
    return ListSpec(
        table=table, alias=alias, joins=_PEOPLE.format(alias=alias, ref=person),
        columns=(
            *(Column(name, f'{alias}."{name}"') for name in ("id", *fields)),
            Column("client", "c.code"), Column("person", "p.name"),
            Column("version", f"{alias}.version", sortable=False),
        ),
        search=search, default_sort=default_sort)


ASSETS = _list_spec(
    "assets", "a", "assigned_to",
    ("tag", "name", "category", "manufacturer", "model", "serial", "site", "status",
     "purchase_date", "purchase_cost_cents", "warranty_end", "replace_due"),
    search=("a.tag", "a.name", "a.serial", "a.model", "a.manufacturer", "a.site", "p.name",
            "a.category"),
    default_sort="tag",
)

RENEWALS = _list_spec(
    "renewals", "r", "owner_id",
    ("name", "vendor", "kind", "quantity", "unit_cost_cents", "period_months", "next_renewal",
     "notice_days", "auto_renew", "escalation_rate", "end_date"),
    search=("r.name", "r.vendor", "r.kind", "p.name"),
    default_sort="next_renewal",
)

CONTRACTS = _list_spec(
    "contracts", "k", "owner_id",
    ("title", "vendor", "kind", "start", "end", "amount_cents", "period_months", "auto_renew",
     "notice_days", "renewal_term_months"),
    search=("k.title", "k.vendor", "k.kind", "p.name"),
    default_sort="end",
)

SPECS = {spec.table: spec for spec in (ASSETS, RENEWALS, CONTRACTS)}


@dataclass(frozen=True)
class Query:
    """What a list shows: whose rows, which ones, in what order."""

    spec: ListSpec
    as_of: date
    client_id: int | None = None  # None: every client
    text: str = ""
    statuses: tuple[str, ...] = ()
    attention: bool = False
    sort: str | None = None
    descending: bool = False
    marked_only: frozenset[int] = field(default_factory=frozenset)

    def where(self, db: Database) -> tuple[str, list[Any]]:
        s = self.spec
        clauses = [f"{s.alias}.deleted_at IS NULL"]
        params: list[Any] = []
        if self.client_id is not None:
            clauses.append(f"{s.alias}.client_id = ?")
            params.append(self.client_id)
        # Every word of the filter must be in one of the searched columns
        # ("laptop kwame": Kwame's laptop), any case, wildcards literal.
        for word in self.text.split():
            pattern = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            clauses.append("(" + " OR ".join(f"{expr} LIKE ? ESCAPE '\\'" for expr in s.search) + ")")
            params.extend([pattern] * len(s.search))
        if self.statuses and s is ASSETS:
            clauses.append(f"a.status IN ({', '.join('?' for _ in self.statuses)})")
            params.extend(self.statuses)
        if self.attention:
            clause, extra = _attention(db, self)
            clauses.append(clause)
            params.extend(extra)
        return " AND ".join(clauses), params

    def order(self) -> str:
        key = self.sort or self.spec.default_sort
        column = self.spec.column(key)
        direction = "DESC" if self.descending else "ASC"
        # Plain column order, so the (client_id, column) indexes serve the sort
        # (blank values come first ascending); the id keeps pages stable.
        return f"{column.sql} {direction}, {self.spec.alias}.id {direction}"


def _attention(db: Database, q: Query) -> tuple[str, list[Any]]:
    """The "needs attention" quick filter, by the same rules as the badges."""
    s, as_of = q.spec, q.as_of
    if s is ASSETS:
        current = current_asset_sql("a.status")
        return (f"({current} AND (a.replace_due IS NULL OR a.replace_due <= ?"
                " OR a.warranty_end <= ?))",
                [(as_of + timedelta(days=REPLACEMENT_WINDOW_DAYS)).isoformat(),
                 (as_of + timedelta(days=WARRANTY_WINDOW_DAYS)).isoformat()])
    from itroad.planning.attention import contract_badges, renewal_badges
    from itroad.store.records import contract_from_row, renewal_from_row

    # Renewal and contract dates follow the recurrence engine (month-end clamping,
    # auto-renewed terms), which SQL cannot: a client has hundreds of these, not
    # thousands, so the rule runs in Python and the filter is a list of ids.
    scope = "client_id = ?" if q.client_id is not None else "1"
    cursor = db.execute(f"SELECT * FROM [{s.table}] WHERE deleted_at IS NULL AND {scope}",
                        [q.client_id] if q.client_id is not None else [])
    cols = [c[0] for c in cursor.description]
    ids = []
    for values in cursor.fetchall():
        row = dict(zip(cols, values))
        if s is RENEWALS:
            badges = renewal_badges(renewal_from_row({**row, "owner_id": None}, {}), as_of)
        else:
            badges = contract_badges(contract_from_row({**row, "owner_id": None}, {}), as_of)
        if any(b.needs_attention for b in badges):
            ids.append(row["id"])
    return f"{s.alias}.id IN (SELECT value FROM json_each(?))", [json.dumps(ids)]


def _from(q: Query) -> str:
    return f"FROM [{q.spec.table}] {q.spec.alias} {q.spec.joins}"


def count_rows(db: Database, q: Query) -> int:
    where, params = q.where(db)
    return db.execute(f"SELECT count(*) {_from(q)} WHERE {where}", params).fetchone()[0]


def fetch_page(db: Database, q: Query, offset: int, limit: int) -> list[dict[str, Any]]:
    where, params = q.where(db)
    select = ", ".join(f"{c.sql} AS [{c.key}]" for c in q.spec.columns)
    cursor = db.execute(
        f"SELECT {select} {_from(q)} WHERE {where} ORDER BY {q.order()} LIMIT ? OFFSET ?",
        [*params, limit, offset])
    keys = [c.key for c in q.spec.columns]
    return [dict(zip(keys, row)) for row in cursor.fetchall()]


def fetch_ids(db: Database, q: Query) -> list[int]:
    """Every id the query matches, in order (for bulk actions on a filter)."""
    where, params = q.where(db)
    return [i for (i,) in db.execute(
        f"SELECT {q.spec.alias}.id {_from(q)} WHERE {where} ORDER BY {q.order()}", params)]


def row_position(db: Database, q: Query, row_id: int) -> int | None:
    """Where a row stands in the query's order (None when the filter hides it)."""
    where, params = q.where(db)
    found = db.execute(
        f"SELECT n FROM (SELECT {q.spec.alias}.id AS id, row_number() OVER (ORDER BY {q.order()}) - 1 AS n"
        f" {_from(q)} WHERE {where}) WHERE id = ?", [*params, row_id]).fetchone()
    return None if found is None else found[0]
