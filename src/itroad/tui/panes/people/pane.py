"""The People tab: the people list, the RACI matrix or the role assignments; details; status.

The writes (people, RACI letters, roles) are in :mod:`itroad.tui.panes.people.writes`;
the shared keys and layout in :class:`~itroad.tui.panes.list_pane.ListPane`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import DataTable

from itroad.planning.ownership import who_owns_what
from itroad.tui.cells import TableData, clean
from itroad.tui.data import ClientData
from itroad.tui.keys import class_bindings, list_keys
from itroad.tui.panes.people.matrix import RaciMatrix
from itroad.tui.panes.people.screens import OwnsScreen
from itroad.tui.panes.people.view import CLIENT_SIDE, PROVIDER_SIDE, PeopleView, PersonRow, read_view
from itroad.tui.panes.people.writes import PeopleWrites
from itroad.tui.widgets.detail_panel import DetailView
from itroad.tui.widgets.record_table import RecordTable

SIDES = (None, CLIENT_SIDE, PROVIDER_SIDE)


def person_detail(row: PersonRow) -> DetailView:
    """Who they are and how much they hold (``o`` lists every item)."""
    person, holds = row.person, row.holds
    held = " · ".join(f"{holds[what]} {what if holds[what] != 1 else what[:-1]}"
                      for what in ("assets", "renewals", "contracts", "roles"))
    pairs = (
        ("Side", row.side),
        ("Title", person.title or ""),
        ("Email", person.email or ""),
        ("Organisation", person.organisation or ""),
        ("Client roles", row.client_roles),
        ("Holds", held),
    )
    return DetailView(person.name, (), pairs, (("Who owns what", "o lists it all, soonest due first."),))


class PeoplePane(PeopleWrites):
    PANE_ID = "people"
    TITLE = "People"
    DESCRIPTION = ("the client's and the provider's people and what they hold; m the RACI "
                   "matrix, g role assignments, o who owns what")

    DEFAULT_CSS = """
    PeoplePane RaciMatrix, PeoplePane #people-assignments {
        display: none;
    }
    PeoplePane.-matrix RaciMatrix, PeoplePane.-roles #people-assignments {
        display: block;
    }
    PeoplePane.-matrix #people-table, PeoplePane.-roles #people-table {
        display: none;
    }
    PeoplePane > .list-status {
        height: 2;
    }
    PeoplePane DetailPanel {
        height: 9;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        *list_keys(
            filter="Filter as you type (name, email, title, role)",
            clear="One step back: the filter, the side, then back to the people",
            quick_filter="Show everyone, the client's people, the provider's",
            new="Add a person (in the roles view: assign a role)",
            edit="Edit the person",
            delete="Remove the person (asks who takes over what they hold); in the roles view, "
                   "remove the assignment",
            details="Show or hide the person's details",
        ),
        Binding("m", "matrix", "RACI", tooltip="Show the RACI matrix (initiatives × people), or the people"),
        Binding("g", "roles", "Roles", tooltip="Show the role assignments (vCIO, account manager…), or the people"),
        Binding("o", "owns", "Owns", tooltip="Who owns what: everything the person holds, soonest due first"),
        Binding("R", "catalogue", "Catalogue", show=False,
                tooltip="The roles catalogue: add your own roles, remove unused ones"),
    ]

    FILTER_HINT = "name, email, title, organisation, role"
    QUICK_FILTERS = ("everyone", "client side", "provider side")
    #: A person's details are short: under the list, shown on Enter.
    DETAILS_BESIDE = False

    @staticmethod
    def build(data: ClientData) -> PeopleView:
        return read_view(data)

    @classmethod
    def help_bindings(cls) -> list[Binding]:
        letters = [replace(b, tooltip=f"In the RACI matrix: {b.tooltip}")
                   for b in class_bindings(RaciMatrix) if b.action.startswith(("letter", "clear"))]
        return [*class_bindings(cls), *letters]

    def compose_views(self) -> ComposeResult:
        yield RecordTable(id="people-table")
        yield RaciMatrix(id="people-matrix")
        yield RecordTable(id="people-assignments")

    @property
    def table(self) -> RecordTable:
        return self.query_one("#people-table", RecordTable)

    @property
    def matrix(self) -> RaciMatrix:
        return self.query_one(RaciMatrix)

    @property
    def assignments_table(self) -> RecordTable:
        return self.query_one("#people-assignments", RecordTable)

    @property
    def mode(self) -> str:
        if self.has_class("-matrix"):
            return "matrix"
        if self.has_class("-roles"):
            return "roles"
        return "people"

    # -- showing ------------------------------------------------------------------------------

    def show_views(self, key: str | None) -> None:
        assert self.view is not None
        self.assignments_table.show(self.view.assignment_table())
        self.matrix.show(self.view)

    def filtered_rows(self) -> TableData:
        assert self.view is not None
        return self.view.table(self.text, SIDES[self.quick])

    def has_key(self, key: str) -> bool:
        return self.view is not None and self.view.row(key) is not None

    def leave_view(self) -> bool:
        if self.mode == "people":
            return False
        self._switch("people")
        return True

    def before_filter(self) -> None:
        if self.mode != "people":
            self._switch("people")

    def focus_content(self) -> None:
        if not self.has_client:
            return
        {"people": self.table, "matrix": self.matrix, "roles": self.assignments_table}[self.mode].focus()

    def current_detail(self) -> DetailView | None:
        row = self.current_row
        return person_detail(row) if row is not None else None

    # -- the status lines -----------------------------------------------------------------------

    def update_status(self) -> None:
        if self.has_client:
            super().update_status()

    def status_content(self) -> Content:
        assert self.view is not None and self.view.client is not None
        view = self.view
        if self.mode == "matrix":
            keys = self.matrix.cursor_keys
            row = view.matrix_row(keys[0]) if keys else None
            column = view.column(keys[1]) if keys and keys[1] else None
            first: list[Any] = []
            if column is not None:
                person = column.person
                about = [clean(person.title)] if person.title else []
                if column.side == PROVIDER_SIDE:
                    about.append(clean(person.organisation or "provider"))
                first += [(clean(person.name), "bold"), f" ({', '.join(about)})" if about else ""]
            if row is not None:
                first += [" on ", (clean(row.initiative.title), "bold")]
                if row.warnings:
                    first += [(f"  ! {'; '.join(row.warnings)}", "bold $text-error")]
            flagged = sum(1 for r in view.matrix_rows if r.warnings)
            second = (f"{flagged} initiative{'s' if flagged != 1 else ''} breaking RACI (!) · "
                      if flagged else "Every initiative has one A and an R · ")
            second += "r a c i set a letter · space clears · ←→ people · m or Esc back"
            return Content.assemble(*first, "\n", (second, "dim"))
        if self.mode == "roles":
            count = len(view.assignments)
            return Content.assemble(
                (f"{count} role assignment{'s' if count != 1 else ''}", "bold"),
                " · n assign a role · d remove · R catalogue · g or Esc back\n",
                ("Catalogue: " + ", ".join(r.name for r in view.roles), "dim"))
        total = len(view.people)
        parts: list[Content] = [self.count_content(self.table.row_count, total, "person", "people"),
                                *self.filter_content()]
        providers = sum(1 for r in view.people if r.side == PROVIDER_SIDE)
        parts.append(Content(f"{total - providers} at the client, {providers} at the provider"))
        return Content.assemble(
            Content(" · ").join(parts), "\n",
            ("o who owns what · m RACI matrix · g roles · n e d people · / filter · f side", "dim"))

    @on(DataTable.CellHighlighted)
    def _cell(self, event: DataTable.CellHighlighted) -> None:
        event.stop()
        if self.mode == "matrix":
            self.update_status()
            self.load_detail()

    @on(DataTable.RowHighlighted, "#people-table")
    def _person_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self.load_detail()

    @on(DataTable.RowSelected, "#people-table")
    def _person_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_details()

    # -- views ------------------------------------------------------------------------------------

    def _switch(self, mode: str) -> None:
        self.remove_class("-matrix", "-roles")
        if mode != "people" and self.mode != mode:
            self.add_class(f"-{mode}")
        if mode == "matrix" and self.has_class("-matrix"):
            person = self.current_person
            keys = self.matrix.cursor_keys
            if person is not None and keys is not None:
                self.matrix.move_to(keys[0], person.key)
        self.focus_content()
        self.update_status()

    def action_matrix(self) -> None:
        self._switch("people" if self.mode == "matrix" else "matrix")

    def action_roles(self) -> None:
        self._switch("people" if self.mode == "roles" else "roles")

    # -- who --------------------------------------------------------------------------------------

    @property
    def current_row(self) -> PersonRow | None:
        if self.view is None:
            return None
        if self.mode == "matrix":
            keys = self.matrix.cursor_keys
            return self.view.row(keys[1]) if keys and keys[1] else None
        return self.view.row(self.table.current_key)

    def action_owns(self) -> None:
        row = self.current_row
        if row is None or self.view is None or self.view.client is None:
            self.app.notify("Choose a person first.", title="People", markup=False)
            return
        holdings = who_owns_what(self.view.client, row.person, self.view.as_of)
        self.app.push_screen(OwnsScreen(row.person.name, holdings, self.view.as_of))
