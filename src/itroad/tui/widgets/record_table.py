"""The table every tab shows its records in.

A stock ``DataTable`` is fine for a client's records (a few hundred rows); a later
issue swaps it for a table paged from SQLite. Tabs only talk to it through
:meth:`RecordTable.show`, so that swap stays local.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import DataTable

from itroad.tui.cells import TableData
from itroad.tui.keys import sideways_keys


class RecordTable(DataTable):
    """A read-only, row-cursor table filled from a :class:`~itroad.tui.cells.TableData`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Open the row (Portfolio: make the client current)",
                show=False),
        *sideways_keys(left="cursor_left", right="cursor_right",
                       help={"right": "Scroll right (wide tables)"}),
        Binding("home", "scroll_home", "Scroll to the first column", show=False),
        Binding("end", "scroll_end", "Scroll to the last column", show=False),
        Binding("ctrl+home", "scroll_top", "First row", show=False),
        Binding("ctrl+end", "scroll_bottom", "Last row", show=False),
    ]

    DEFAULT_CSS = """
    RecordTable {
        height: 1fr;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(
            id=id,
            classes=classes,
            cursor_type="row",
            zebra_stripes=True,
            cursor_foreground_priority="renderable",
        )
        self.data: TableData | None = None

    def show(self, data: TableData) -> None:
        """Replace columns and rows; the cursor stays on the same row key when it is still there."""
        previous = self.current_key
        self.data = data
        self.clear(columns=True)
        for column in data.columns:
            self.add_column(column.header(), key=column.key)
        for key, row in zip(data.keys, data.rows):
            self.add_row(*row, key=key)
        if previous is not None and previous in data.keys:
            self.move_cursor(row=data.keys.index(previous), animate=False)

    @property
    def current_key(self) -> str | None:
        """The key of the row under the cursor (None when the table is empty)."""
        if self.data is None or not self.row_count:
            return None
        row = self.cursor_coordinate.row
        if 0 <= row < len(self.data.keys):
            return self.data.keys[row]
        return None
