"""What a paged table reads its rows from: a :class:`PageSource` built by the pane.

The table reads a source through one long-lived thread and connection of its own
(:class:`~itroad.tui.page_reader.PageThread`): the source says which database it
reads (:attr:`PageSource.database`), opens a connection to it in that thread
(:meth:`PageSource.connect`) and reads its rows over it (:meth:`PageSource.reader_on`).
:meth:`PageSource.reader` is one trip with a connection of its own, for a worker that
reads once. Nothing here imports Textual or the store."""

from __future__ import annotations

from collections.abc import Hashable
from contextlib import AbstractContextManager
from typing import Any, Protocol

Row = dict[str, Any]


class PageReader(Protocol):
    """The reads of a :class:`PageSource` (in the thread that owns the connection)."""

    def count(self) -> int:
        """How many rows there are."""
        ...

    def page(self, offset: int, limit: int) -> list[Row]:
        """Rows ``offset`` to ``offset + limit`` in order; each has an ``id``."""
        ...

    def position(self, row_id: int) -> int | None:
        """Where row ``row_id`` is (None: not among the rows)."""
        ...


class PageConnection(Protocol):
    """A read connection kept open by a table's reader thread between requests."""

    def interrupt(self) -> None:
        """Stop the query running on it now, if any (called from another thread: the
        query raises in the thread running it)."""
        ...

    def close(self) -> None:
        """Close it (in the thread that opened it)."""
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

    @property
    def database(self) -> Hashable:
        """What :meth:`connect` opens: sources with the same one share a connection."""
        ...

    def connect(self) -> PageConnection:
        """A read connection to :attr:`database`, opened in the thread that will use it.
        It must hold no read transaction between reads (each read sees the latest
        committed data)."""
        ...

    def reader_on(self, connection: PageConnection) -> PageReader:
        """This source's rows read over ``connection`` (one :meth:`connect` made)."""
        ...

    def reader(self) -> AbstractContextManager[PageReader]:
        """A reader for one trip to the rows (a connection of its own)."""
        ...
