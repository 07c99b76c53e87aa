"""What a paged table reads its rows from: a :class:`PageSource` built by the pane,
read in thread workers through a :class:`PageReader` (a connection of its own per
trip). Nothing here imports Textual or the store."""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Any, Protocol

Row = dict[str, Any]


class PageReader(Protocol):
    """One read of a :class:`PageSource` (in a thread worker)."""

    def count(self) -> int:
        """How many rows there are."""
        ...

    def page(self, offset: int, limit: int) -> list[Row]:
        """Rows ``offset`` to ``offset + limit`` in order; each has an ``id``."""
        ...

    def position(self, row_id: int) -> int | None:
        """Where row ``row_id`` is (None: not among the rows)."""
        ...


class PageSource(Protocol):
    """What a :class:`PagedTable` shows: rows in an order, read a page at a time."""

    @property
    def sort_key(self) -> str:
        """The column the rows are sorted by (the header's arrow)."""
        ...

    @property
    def descending(self) -> bool:
        ...

    def reader(self) -> AbstractContextManager[PageReader]:
        """A reader for one trip to the rows (a connection of its own)."""
        ...
