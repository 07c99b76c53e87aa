"""The RACI matrix: initiatives down, people across, the letters each holds.

The first column stays put while the people scroll sideways. An initiative that
breaks the rule (exactly one Accountable, at least one Responsible) is marked
``!`` and its problem is named in the line under the matrix. On a cell, ``r``
``a`` ``c`` ``i`` turn that letter on or off for that person (Accountable moves
from whoever had it), ``space`` takes all their letters off; each is saved at once.
"""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.coordinate import Coordinate
from textual.message import Message
from textual.widgets import DataTable

from itroad.domain.enums import Raci
from itroad.planning.roadmap import raci_letters
from itroad.tui.cells import clean
from itroad.tui.panes.people.view import PROVIDER_SIDE, PeopleView

TITLE_WIDTH = 26
CELL_WIDTH = 4
INITIATIVE_COLUMN = "initiative"


class RaciMatrix(DataTable):
    """Initiatives × people; letters R A C I, edited with the keyboard."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "letter('R')", "Letter", key_display="r a c i",
                tooltip="Responsible: turn on or off for this person"),
        Binding("a", "letter('A')", "Accountable", show=False,
                tooltip="Accountable: give it to this person (one per initiative)"),
        Binding("c", "letter('C')", "Consulted", show=False, tooltip="Consulted: turn on or off"),
        Binding("i", "letter('I')", "Informed", show=False, tooltip="Informed: turn on or off"),
        Binding("space,delete,backspace", "clear", "Clear", show=False,
                tooltip="Take all of this person's letters off the initiative"),
    ]

    class Letter(Message):
        """Set (``letter``) or clear (None) a person's letter on an initiative."""

        def __init__(self, initiative: str, person: str, letter: Raci | None) -> None:
            super().__init__()
            self.initiative = initiative
            self.person = person
            self.letter = letter

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="cell", zebra_stripes=True, fixed_columns=1,
                         cursor_foreground_priority="renderable")
        self.view: PeopleView | None = None
        #: Where each person's column was first shown (per client): columns stay put.
        self._places: dict[str, int] = {}

    def show(self, view: PeopleView) -> None:
        """Fill the matrix, keeping the cursor on the same initiative and person, and each
        person's column where it was (the view orders people by letters held, which
        would move a column while the user edits it)."""
        keep = self.cursor_keys
        same_client = (self.view is not None and self.view.client is not None
                       and view.client is not None and self.view.client.code == view.client.code)
        if not same_client:
            self._places = {}
        for column in view.matrix_columns:
            self._places.setdefault(column.key, len(self._places))
        columns = tuple(sorted(view.matrix_columns, key=lambda c: self._places[c.key]))
        view = replace(view, matrix_columns=columns)
        self.view = view
        self.clear(columns=True)
        self.add_column(Text("Initiative"), key=INITIATIVE_COLUMN, width=TITLE_WIDTH)
        for column in view.matrix_columns:
            style = "italic" if column.side == PROVIDER_SIDE else ""
            self.add_column(Text(column.label, style=style, justify="center"), key=column.key,
                            width=CELL_WIDTH)
        for row in view.matrix_rows:
            self.add_row(*self.cells(row), key=row.key)
        if keep is not None:
            self.move_to(*keep)
        elif view.matrix_columns and self.row_count:
            self.cursor_coordinate = Coordinate(0, 1)

    def cells(self, row) -> list[Text]:
        assert self.view is not None
        title = clean(row.initiative.title)
        room = TITLE_WIDTH - 2
        if len(title) > room:
            title = title[: room - 1] + "…"
        flag = Text("! " if row.warnings else "  ", style="bold red" if row.warnings else "")
        first = flag + Text(title, style="bold" if row.warnings else
                            ("dim" if not row.initiative.status.counts else ""))
        cells = [first]
        for column in self.view.matrix_columns:
            letters = raci_letters(row.initiative, column.person.key)
            style = "bold" if "A" in letters else ""
            cells.append(Text(letters or "·", style=style if letters else "dim", justify="center"))
        return cells

    @property
    def cursor_keys(self) -> tuple[str, str] | None:
        """``(initiative key, person key)`` under the cursor (None on the title column)."""
        if self.view is None or not self.row_count:
            return None
        try:
            row_key, column_key = self.coordinate_to_cell_key(self.cursor_coordinate)
        except Exception:  # noqa: BLE001 - an empty or changing table
            return None
        if column_key.value == INITIATIVE_COLUMN:
            return (str(row_key.value), "") if row_key.value else None
        return str(row_key.value), str(column_key.value)

    def move_to(self, initiative: str, person: str) -> None:
        """Put the cursor on a cell (the person's first column when unknown)."""
        rows = [r.key for r in self.view.matrix_rows] if self.view else []
        columns = [c.key for c in self.view.matrix_columns] if self.view else []
        if initiative not in rows:
            return
        column = columns.index(person) + 1 if person in columns else (1 if columns else 0)
        self.cursor_coordinate = Coordinate(rows.index(initiative), column)

    def action_letter(self, letter: str) -> None:
        keys = self.cursor_keys
        if keys is None or not keys[1]:
            self.app.notify("Move to a person's column first (→).", title="RACI", markup=False)
            return
        self.post_message(self.Letter(keys[0], keys[1], Raci(letter)))

    def action_clear(self) -> None:
        keys = self.cursor_keys
        if keys is None or not keys[1]:
            return
        self.post_message(self.Letter(keys[0], keys[1], None))
