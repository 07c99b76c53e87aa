"""A tab that shows one table of a client's records.

Each tab is a :class:`TablePane` subclass in its own module with a pure
:meth:`TablePane.build` that turns a :class:`~itroad.tui.data.ClientData` into a
:class:`~itroad.tui.cells.TableData`. ``build`` runs in the loading worker (it
never touches a widget); :meth:`TablePane.show` puts the result on screen.

A pane is the content of its tab, not the tab itself: the main screen composes a
``TabPane`` per tab (its title on the tab bar) and mounts the pane inside it, at
start for the tabs on the first screen, when first shown for the others.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from itroad.tui.cells import TableData
from itroad.tui.data import ClientData
from itroad.tui.widgets.record_table import RecordTable


class TablePane(Widget):
    """One tab's content: a table of records, or a sentence when there is nothing to show."""

    DEFAULT_CSS = """
    TablePane {
        height: 1fr;
        padding: 0;
    }
    TablePane > .empty {
        padding: 1 2;
        color: $text-muted;
    }
    """

    #: The tab's id, used by ``MainScreen.show_tab`` and the tests (as in
    #: :data:`itroad.tui.panes.TABS`; the pane's own widget id is ``PANE_ID-pane``).
    PANE_ID: ClassVar[str] = ""
    #: The tab's label (as in :data:`itroad.tui.panes.TABS`).
    TITLE: ClassVar[str] = ""
    #: One sentence for the help screen.
    DESCRIPTION: ClassVar[str] = ""
    #: The table widget; a tab may use a subclass (with its own keys, say).
    TABLE_CLASS: ClassVar[type[RecordTable]] = RecordTable

    def __init__(self) -> None:
        super().__init__(id=f"{self.PANE_ID}-pane")

    @staticmethod
    def build(data: ClientData) -> Any:  # pragma: no cover - each tab has its own
        """What :meth:`show` shows (a :class:`TableData` for a table of records).

        Runs in the loading worker: it must not touch a widget."""
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        yield Static("", classes="empty", markup=False)
        yield self.TABLE_CLASS(id=f"{self.PANE_ID}-table")

    def on_mount(self) -> None:
        self.query_one(".empty", Static).display = False

    @property
    def table(self) -> RecordTable:
        return self.query_one(RecordTable)

    def show(self, data: TableData) -> None:
        """Show the rows, or ``data.empty`` when there are none."""
        empty = self.query_one(".empty", Static)
        self.table.show(data)
        has_rows = bool(data.rows)
        self.table.display = has_rows
        empty.update(Content(data.empty))
        empty.display = not has_rows

    def show_waiting(self, sentence: str) -> None:
        """Before its first contents: a sentence (what it waits for) instead of the table."""
        empty = self.query_one(".empty", Static)
        empty.update(Content(sentence))
        empty.display = True
        self.table.display = False

    def focus_content(self) -> None:
        """Put the keyboard focus on the table (when it is showing)."""
        if self.table.display:
            self.table.focus()
