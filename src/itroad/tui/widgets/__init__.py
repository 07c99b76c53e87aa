"""Reusable widgets."""

from itroad.tui.widgets.client_header import ClientHeader
from itroad.tui.widgets.record_table import RecordTable

__all__ = ["ClientHeader", "RecordTable"]
