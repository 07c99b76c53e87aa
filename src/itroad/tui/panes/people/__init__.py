"""People: who is who at the client and at the service provider, and who holds what.

Three views, one at a time:

- **people** (the default): name, side (client or provider), title, the roles
  they hold for the client, and how many assets, renewals, contracts and roles
  they hold. ``n`` ``e`` ``d`` add, edit, remove (someone who still holds things
  is asked where their items go); ``o`` or Enter: who owns what, soonest due first.
- **RACI matrix** (``m``): initiatives × people, ``r`` ``a`` ``c`` ``i`` on a cell.
- **roles** (``g``): role assignments of the client; ``n`` assigns one, ``d``
  removes one; ``R`` edits the roles catalogue.

``u`` (anywhere) undoes the last change.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.widgets import DataTable, Input, Label, Static

from itroad.domain.models import Assignment, Person
from itroad.planning.ownership import who_owns_what
from itroad.store.kinds import PERSON
from itroad.tui.cells import clean
from itroad.tui.data import ClientData, InventoryContext
from itroad.tui.forms import FormField, SelectField, TextField, text_choices
from itroad.tui.panes.base import TablePane
from itroad.tui.panes.people.matrix import RaciMatrix
from itroad.tui.panes.people.view import (
    CLIENT_SIDE,
    PROVIDER_SIDE,
    PeopleView,
    people_table,
    read_view,
    responsibilities,
)
from itroad.tui.widgets.record_table import RecordTable

__all__ = ["PeoplePane", "people_table", "responsibilities"]

SIDES = (None, CLIENT_SIDE, PROVIDER_SIDE)


class PeopleFilter(Input):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "leave", "Back to the list", show=False),
    ]

    class Leave(Message):
        pass

    def action_leave(self) -> None:
        self.post_message(self.Leave())


class PersonEditable:
    """What the shared editing flows need to know about people."""

    KIND = PERSON
    NOUN = "person"
    PLURAL = "people"
    PERSON_FIELD = None
    BULK_ACTIONS = ()
    RETIRE = None

    def __init__(self, organisations: list[str]) -> None:
        self.organisations = organisations

    def form_fields(self, context: InventoryContext, editor) -> list[FormField]:
        return [
            TextField("name", "Name", required=True, placeholder="Jane Doe"),
            TextField("email", "Email", placeholder="jane@example.com",
                      hint="how records refer to them (else their name)"),
            TextField("title", "Title", placeholder="Office manager"),
            editor.text_choice_field("organisation", "Organisation", self.organisations,
                                     noun="organisation",
                                     hint="the client's name, or the provider's for its staff"),
        ]

    def new_values(self, context: InventoryContext) -> dict[str, Any]:
        return {"organisation": context.client.name}

    def copy_values(self, model: Any, context: InventoryContext) -> dict[str, Any]:
        return model.model_dump()

    def label(self, model: Any) -> str:
        return f"“{model.name}”"


class PeoplePane(TablePane):
    PANE_ID = "people"
    TITLE = "People"
    DESCRIPTION = ("the client's and the provider's people and what they hold; m the RACI "
                   "matrix, g role assignments, o who owns what")

    DEFAULT_CSS = """
    PeoplePane .people-filter {
        display: none;
        height: 1;
        background: $panel;
    }
    PeoplePane.-filtering .people-filter {
        display: block;
    }
    PeoplePane .people-filter > Label {
        width: auto;
        padding: 0 1;
        text-style: bold;
    }
    PeoplePane .people-filter > Input {
        width: 1fr;
    }
    PeoplePane RaciMatrix, PeoplePane #people-assignments {
        display: none;
    }
    PeoplePane.-matrix RaciMatrix, PeoplePane.-roles #people-assignments {
        display: block;
    }
    PeoplePane.-matrix #people-table, PeoplePane.-roles #people-table {
        display: none;
    }
    PeoplePane.-no-client RecordTable, PeoplePane.-no-client RaciMatrix,
    PeoplePane.-no-client .people-status {
        display: none;
    }
    PeoplePane .people-status {
        height: 2;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        background: $panel;
        color: $text-muted;
        padding: 0 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("m", "matrix", "RACI", tooltip="Show the RACI matrix (initiatives × people), or the people"),
        Binding("g", "roles", "Roles", tooltip="Show the role assignments (vCIO, account manager…), or the people"),
        Binding("o", "owns", "Owns", tooltip="Who owns what: everything the person holds, soonest due first"),
        Binding("n", "new", "New", tooltip="Add a person (in the roles view: assign a role)"),
        Binding("e", "edit", "Edit", tooltip="Edit the person"),
        Binding("d", "delete", "Remove", show=False,
                tooltip="Remove the person (asks who takes over what they hold); in the roles view, "
                        "remove the assignment"),
        Binding("R", "catalogue", "Catalogue", show=False,
                tooltip="The roles catalogue: add your own roles, remove unused ones"),
        Binding("slash", "filter", "Filter", show=False, tooltip="Filter as you type (name, email, title, role)"),
        Binding("f", "side", "Side", show=False, tooltip="Show everyone, the client's people, the provider's"),
        Binding("escape", "back", "Back", show=False, tooltip="Back to the people; clear the filter"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.view: PeopleView | None = None
        self.text = ""
        self.side = 0
        self._reveal: str | None = None

    @staticmethod
    def build(data: ClientData) -> PeopleView:  # type: ignore[override]
        return read_view(data)

    @classmethod
    def help_bindings(cls) -> list[Binding]:
        from dataclasses import replace

        from itroad.tui.screens.help import class_bindings

        letters = [replace(b, tooltip=f"In the RACI matrix: {b.tooltip}")
                   for b in class_bindings(RaciMatrix) if b.action.startswith(("letter", "clear"))]
        return [*class_bindings(cls), *letters]

    def compose(self) -> ComposeResult:
        yield Static("", classes="empty", markup=False)
        with Horizontal(classes="people-filter"):
            yield Label("Filter /")
            yield PeopleFilter(placeholder="name, email, title, organisation, role", compact=True,
                               id="people-filter", select_on_focus=False)
        yield RecordTable(id="people-table")
        yield RaciMatrix(id="people-matrix")
        yield RecordTable(id="people-assignments")
        yield Static("", classes="people-status", markup=False)

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

    @property
    def editor(self):
        return self.screen.editor  # type: ignore[attr-defined]

    # -- showing ------------------------------------------------------------------------------

    def show(self, view: PeopleView) -> None:  # type: ignore[override]
        same_client = (self.view is not None and self.view.client is not None
                       and view.client is not None and self.view.client.code == view.client.code)
        if not same_client:
            self.text, self.side = "", 0
            with self.query_one(PeopleFilter).prevent(Input.Changed):
                self.query_one(PeopleFilter).value = ""
            self.remove_class("-filtering")
        key = self._reveal or self.table.current_key
        self._reveal = None
        self.view = view
        empty = self.query_one(".empty", Static)
        has_client = view.client is not None
        self.set_class(not has_client, "-no-client")
        empty.display = not has_client
        if not has_client:
            empty.update(Content(view.empty))
            return
        self._refill(key)
        self.assignments_table.show(view.assignment_table())
        self.matrix.show(view)
        self._update_status()

    def _refill(self, key: str | None = None) -> None:
        if self.view is None:
            return
        data = self.view.table(self.text, SIDES[self.side])
        self.table.show(data)
        if key is not None and key in data.keys:
            self.table.move_cursor(row=data.keys.index(key), animate=False)
        self._update_status()

    def focus_content(self) -> None:
        if self.view is None or self.view.client is None:
            return
        {"people": self.table, "matrix": self.matrix, "roles": self.assignments_table}[self.mode].focus()

    # -- the status lines -----------------------------------------------------------------------

    def _update_status(self) -> None:
        status = self.query_one(".people-status", Static)
        if self.view is None or self.view.client is None:
            return
        status.update(self.status_content())

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
            second += "r a c i set a letter · space clears · ←→ people · m back"
            return Content.assemble(*first, "\n", (second, "dim"))
        if self.mode == "roles":
            count = len(view.assignments)
            return Content.assemble(
                (f"{count} role assignment{'s' if count != 1 else ''}", "bold"),
                " · n assign a role · d remove · R catalogue · g back\n",
                ("Catalogue: " + ", ".join(r.name for r in view.roles), "dim"))
        shown = self.table.row_count
        total = len(view.people)
        side = SIDES[self.side]
        head = f"{shown} of {total} people" if (self.text.strip() or side) else f"{total} people"
        parts: list[Any] = [(head, "bold")]
        if side:
            parts.append(f" · {side} side")
        if self.text.strip():
            parts += [" · filter “", (self.text.strip(), "bold"), "”"]
        providers = sum(1 for r in view.people if r.side == PROVIDER_SIDE)
        parts.append(f" · {total - providers} at the client, {providers} at the provider")
        return Content.assemble(
            *parts, "\n",
            ("o who owns what · m RACI matrix · g roles · n e d people · / filter · f side", "dim"))

    @on(DataTable.CellHighlighted)
    def _cell(self, event: DataTable.CellHighlighted) -> None:
        event.stop()
        if self.mode == "matrix":
            self._update_status()

    @on(DataTable.RowSelected, "#people-table")
    def _person_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_owns()

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
        self._update_status()

    def action_matrix(self) -> None:
        self._switch("people" if self.mode == "matrix" else "matrix")

    def action_roles(self) -> None:
        self._switch("people" if self.mode == "roles" else "roles")

    def action_back(self) -> None:
        if self.mode != "people":
            self._switch("people")
            return
        if self.text or self.side or self.has_class("-filtering"):
            self.text, self.side = "", 0
            with self.query_one(PeopleFilter).prevent(Input.Changed):
                self.query_one(PeopleFilter).value = ""
            self.remove_class("-filtering")
            self._refill(self.table.current_key)
            self.table.focus()

    def action_filter(self) -> None:
        if self.mode != "people":
            self._switch("people")
        self.add_class("-filtering")
        self.query_one(PeopleFilter).focus()

    @on(Input.Changed, "#people-filter")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        self.text = event.value
        self._refill(self.table.current_key)

    @on(Input.Submitted, "#people-filter")
    @on(PeopleFilter.Leave)
    def _leave(self, event: Message) -> None:
        event.stop()
        self.table.focus()

    def action_side(self) -> None:
        self.side = (self.side + 1) % len(SIDES)
        self._refill(self.table.current_key)

    # -- who --------------------------------------------------------------------------------------

    @property
    def current_row(self):
        if self.view is None:
            return None
        if self.mode == "matrix":
            keys = self.matrix.cursor_keys
            return self.view.row(keys[1]) if keys and keys[1] else None
        return self.view.row(self.table.current_key)

    @property
    def current_person(self) -> Person | None:
        row = self.current_row
        return row.person if row is not None else None

    def action_owns(self) -> None:
        row = self.current_row
        if row is None or self.view is None or self.view.client is None:
            self.app.notify("Choose a person first.", title="People", markup=False)
            return
        from itroad.tui.panes.people.screens import OwnsScreen

        holdings = who_owns_what(self.view.client, row.person, self.view.as_of)
        self.app.push_screen(OwnsScreen(row.person.name, holdings, self.view.as_of))

    # -- writes ------------------------------------------------------------------------------------

    def _flow(self, coroutine: Any, name: str) -> None:
        from itroad.tui.editing import DIALOG_GROUP

        self.run_worker(coroutine, group=DIALOG_GROUP, name=name, exit_on_error=False)

    def _changed(self, key: str | None = None) -> None:
        if key is not None:
            self._reveal = key
        self.screen.records_changed()  # type: ignore[attr-defined]

    def _remember(self, batch: str, description: str, table: str) -> None:
        from itroad.tui.editing import Change

        assert self.view is not None and self.view.client is not None
        self.editor.remember(Change(batch, description, table, self.view.client.code))

    def _ready(self) -> bool:
        if self.view is None or self.view.context is None:
            self.app.notify("No client yet: the Portfolio tab (1) says how to get data in.",
                            title="People", markup=False)
            return False
        return True

    def _editable(self) -> PersonEditable:
        assert self.view is not None and self.view.client is not None
        organisations = {self.view.client.name}
        organisations |= {p.organisation for p in self.view.client.people if p.organisation}
        return PersonEditable(sorted(organisations, key=str.casefold))

    def action_new(self) -> None:
        if not self._ready():
            return
        if self.mode == "roles":
            self.action_assign()
            return
        self._flow(self._person_form(None), "new person")

    def action_edit(self) -> None:
        if not self._ready():
            return
        row = self.current_row
        if row is None or row.row_id is None:
            self.app.notify("Choose a person first.", title="People", markup=False)
            return
        self._flow(self._person_form(row.row_id), "edit person")

    async def _person_form(self, row_id: int | None) -> None:
        """The person form (the shared form and editing primitives; titles as ``Content``
        so that a name like ``[/foo]`` is shown, never parsed)."""
        from itroad.store.editing import (
            EditError,
            RecordGone,
            StaleRecordError,
            load_record,
            save_record,
        )
        from itroad.tui.forms import FormRefused, RecordForm

        assert self.view is not None and self.view.context is not None
        context, editor, editable = self.view.context, self.editor, self._editable()
        state: dict[str, Any] = {"version": None}
        values = editable.new_values(context)
        if row_id is not None:
            try:
                person, state["version"], _ = await editor.read(load_record, PERSON, row_id)
            except RecordGone as error:
                self.app.notify(f"Cannot edit: {error}.", severity="error", markup=False)
                self._changed()
                return
            values = person.model_dump()

        async def save(person: Person) -> int:
            try:
                saved = await editor.write(save_record, PERSON, context.client.id, person,
                                           row_id=row_id, expected_version=state["version"])
            except StaleRecordError as stale:
                state["version"] = stale.version
                latest = stale.current.model_dump() if stale.current is not None else None
                raise FormRefused(str(stale), latest=latest) from None
            except RecordGone as error:
                raise FormRefused(f"{error}. Press Esc to close the form; u brings it back.") from None
            except EditError as error:
                field = "email" if "email" in str(error) else "name" if "called" in str(error) else None
                raise FormRefused(str(error), field=field) from None
            verb = "adding" if row_id is None else "edit"
            self._remember(saved.batch, f"{verb} of person “{person.name}”", "people")
            return saved.id

        title = (f"Edit “{clean(values.get('name', ''))}”" if row_id is not None
                 else f"New person at {clean(context.client.name)}")
        saved_id = await self.app.push_screen_wait(RecordForm(
            Content(title), Person, editable.form_fields(context, editor), values=values,  # type: ignore[arg-type]
            save=save))
        if saved_id is not None:
            self.app.notify("Saved. u undoes.", title="People", markup=False)
            self._changed(str(saved_id))

    def action_delete(self) -> None:
        if not self._ready():
            return
        if self.mode == "roles":
            self._remove_assignment()
            return
        row = self.current_row
        if row is None or row.row_id is None:
            return
        self._flow(self._remove_person(row), "remove person")

    async def _remove_person(self, row) -> None:
        from itroad.store.editing import EditError, delete_records
        from itroad.store.people import holdings, remove_person
        from itroad.tui.panes.people.screens import NOBODY, HandOverScreen
        from itroad.tui.screens.confirm import ConfirmScreen

        assert self.view is not None
        editor = self.editor
        held = await editor.read(holdings, row.row_id)
        name = row.person.name
        try:
            if held.total == 0:
                answer = await self.app.push_screen_wait(ConfirmScreen(
                    "Remove person", Content.assemble(
                        "Remove ", (clean(name), "bold"),
                        "? They hold nothing (no asset, renewal, contract or role). u brings them back."),
                    [("d", "Remove", True, "error"), ("escape", "Cancel", None, "default")]))
                if not answer:
                    return
                batch = await editor.write(delete_records, PERSON, [row.row_id])
                note = f"Removed {name}."
            else:
                others = [(r.row_id, f"{r.person.name}" + (f" <{r.person.email}>" if r.person.email else "")
                           + (f" · {r.person.organisation}" if r.person.organisation else ""))
                          for r in sorted(self.view.people, key=lambda r: r.person.name.casefold())
                          if r.row_id is not None and r.row_id != row.row_id]
                successor = await self.app.push_screen_wait(
                    HandOverScreen(name, held.describe(), others))
                if successor is None:
                    return
                batch = await editor.write(remove_person, row.row_id,
                                           None if successor == NOBODY else successor)
                taker = "nobody" if successor == NOBODY else next(
                    r.person.name for r in self.view.people if r.row_id == successor)
                note = f"Removed {name}; {held.describe()} went to {taker}."
        except EditError as error:
            self.app.notify(f"Nothing changed: {error}", title="People", severity="error",
                            markup=False)
            return
        self._remember(batch, f"removal of {name}", "people")
        self.app.notify(f"{note} u undoes.", title="People", markup=False)
        self._changed()

    # -- RACI ---------------------------------------------------------------------------------------

    @on(RaciMatrix.Letter)
    def _letter(self, event: RaciMatrix.Letter) -> None:
        event.stop()
        if self.view is None:
            return
        row = self.view.matrix_row(event.initiative)
        column = self.view.column(event.person)
        if row is None or column is None or row.row_id is None:
            return
        self._flow(self._set_letter(row, column, event.letter), "raci")

    async def _set_letter(self, row, column, letter) -> None:
        from itroad.planning.roadmap import toggle_raci
        from itroad.store.editing import EditError
        from itroad.store.initiatives import clear_raci, set_raci

        person = column.person
        try:
            if letter is None:
                saved = await self.editor.write(clear_raci, row.row_id, person.key)
                what = f"{person.name} off “{row.initiative.title}”"
            else:
                change = toggle_raci(row.initiative, person.key, letter)
                saved = await self.editor.write(set_raci, row.row_id, person.key, letter,
                                                change.on)
                verb = "now" if change.on else "no longer"
                what = f"{person.name} {verb} {letter.value} on “{row.initiative.title}”"
                if change.moved_from:
                    names = ", ".join(self.view.index.name_of(p) if self.view and self.view.index
                                      else p for p in change.moved_from)
                    what += f" (Accountable moved from {names})"
        except EditError as error:
            self.app.notify(f"Nothing changed: {error}", title="RACI", severity="error",
                            markup=False)
            self._changed()
            return
        self._remember(saved.batch, f"RACI: {what}", "initiatives")
        self.app.notify(f"{what}. u undoes.", title="RACI", markup=False, timeout=4)
        self._changed()

    # -- roles ---------------------------------------------------------------------------------------

    def action_assign(self) -> None:
        if not self._ready():
            return
        self._flow(self._assign(), "assign role")

    async def _assign(self) -> None:
        from itroad.store.editing import EditError, save_record
        from itroad.store.kinds import ASSIGNMENT
        from itroad.tui.forms import FormRefused, NewChoice, RecordForm
        from itroad.tui.panes.people.screens import scope_answers
        from itroad.tui.screens.confirm import ConfirmScreen

        assert self.view is not None and self.view.client is not None and self.view.context is not None
        client = self.view.client
        context = self.view.context
        person = self.current_person if self.mode != "roles" else None
        scope = await self.app.push_screen_wait(ConfirmScreen(
            "Assign a role", "What is the role for?", scope_answers()))
        if scope is None:
            return
        targets = {
            "initiative": [(i.title, i.title) for i in client.initiatives],
            "asset": [(f"{a.tag} {a.name}", a.tag) for a in client.assets if a.status.is_current],
            "renewal": [(r.name + (f" ({r.vendor})" if r.vendor else ""), r.name) for r in client.renewals],
            "contract": [(c.title + (f" ({c.vendor})" if c.vendor else ""), c.title) for c in client.contracts],
        }
        if scope != "client" and not targets[scope]:
            self.app.notify(f"{client.name} has no {scope} to assign a role for.", title="Roles",
                            markup=False)
            return

        def new_role() -> RecordForm:
            from pydantic import BaseModel

            from itroad.domain.types import Name

            class NewRole(BaseModel):
                name: Name

            async def keep(role: NewRole) -> tuple[str, str]:
                return role.name, role.name

            return RecordForm("New role", NewRole, [TextField("name", "Role", required=True)],
                              save=keep, save_label="Add",
                              intro="Added to the catalogue when the assignment is saved.")

        fields: list[FormField] = [
            SelectField("role", "Role", text_choices([r.name for r in self.view.roles]),
                        required=True, new=NewChoice("+ New role…", new_role)),
            self.editor.person_field(context, "person", "Person", blank_label="(choose)"),
        ]
        if scope != "client":
            fields.append(SelectField(scope, scope.capitalize(), targets[scope], required=True))

        async def save(assignment: Assignment) -> int:
            try:
                saved = await self.editor.write(save_record, ASSIGNMENT, context.client.id,
                                                assignment)
            except EditError as error:
                text = str(error)
                field = "person" if "person" in text and "unknown" in text else (
                    scope if "unknown" in text else None)
                raise FormRefused(text, field=field) from None
            self._remember(saved.batch, f"role {assignment.role} for {assignment.person}",
                           "assignments")
            return saved.id

        where = "the client" if scope == "client" else f"a{'n' if scope[0] in 'aei' else ''} {scope}"
        values = {"person": person.key} if person is not None else {}
        saved_id = await self.app.push_screen_wait(RecordForm(
            f"Assign a role for {where}", Assignment, fields, values=values, save=save))
        if saved_id is not None:
            self.app.notify("Role assigned. u undoes.", title="Roles", markup=False)
            self._changed()

    def _remove_assignment(self) -> None:
        if self.view is None:
            return
        row = self.view.assignment(self.assignments_table.current_key)
        if row is None or row.row_id is None:
            return

        async def flow() -> None:
            from itroad.store.editing import EditError, delete_records
            from itroad.store.kinds import ASSIGNMENT

            try:
                batch = await self.editor.write(delete_records, ASSIGNMENT, [row.row_id])
            except EditError as error:
                self.app.notify(f"Nothing changed: {error}", severity="error", markup=False)
                return
            a = row.assignment
            self._remember(batch, f"removal of role {a.role} from {a.person}", "assignments")
            self.app.notify(f"Removed the role {a.role} from {row.cells[1].plain}. u undoes.",
                            title="Roles", markup=False)
            self._changed()

        self._flow(flow(), "remove assignment")

    def action_catalogue(self) -> None:
        if not self._ready():
            return
        from itroad.store.roles import add_role, list_roles, remove_role
        from itroad.tui.panes.people.screens import RolesScreen

        editor = self.editor

        async def add(name: str):
            await editor.write(add_role, name)
            return await editor.read(list_roles)

        async def remove(name: str):
            await editor.write(remove_role, name)
            return await editor.read(list_roles)

        def closed(_: Any) -> None:
            self._changed()

        assert self.view is not None
        self.app.push_screen(RolesScreen(self.view.roles, add, remove), closed)

    def reveal(self, row_id: int) -> None:
        """Put the cursor on person ``row_id`` in the list (filters cleared): now when
        the client's people are shown, else at the next load."""
        key = str(row_id)
        self.remove_class("-matrix", "-roles", "-filtering")
        self.text, self.side = "", 0
        with self.query_one(PeopleFilter).prevent(Input.Changed):
            self.query_one(PeopleFilter).value = ""
        self._reveal = key
        if self.view is not None and self.view.row(key) is not None:
            self._reveal = None
            self._refill(key)
