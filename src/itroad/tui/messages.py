"""Messages that tabs post up to the workspace screen, instead of calling it."""

from __future__ import annotations

from textual.message import Message


class RecordsChanged(Message):
    """Something was written to the database: every tab reads the client again
    (each keeps its filters and cursor)."""
