"""What the People tab writes: people, RACI letters, role assignments, the roles catalogue.

``n`` ``e`` ``d`` add, edit, remove a person (someone who still holds things is
asked where their items go); in the roles view ``n`` assigns a role and ``d``
removes one; ``R`` edits the catalogue; ``r`` ``a`` ``c`` ``i`` on a cell of the
RACI matrix set a letter. The person and role forms run through the shared
editing flow (:class:`~itroad.tui.editing.EditController`); ``u`` undoes.
"""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import BaseModel
from textual.content import Content

from itroad.domain.enums import Raci
from itroad.domain.models import Person
from itroad.domain.types import Name
from itroad.planning.roadmap import toggle_raci
from itroad.store.editing import EditError, delete_records
from itroad.store.initiatives import clear_raci, set_raci
from itroad.store.kinds import ASSIGNMENT, PERSON
from itroad.store.people import holdings, remove_person
from itroad.store.roles import add_role, list_roles, remove_role
from itroad.tui.cells import clean
from itroad.tui.data import InventoryContext
from itroad.tui.editing import EditableDefaults, EditController
from itroad.tui.forms import FormField, NewChoice, RecordForm, SelectField, TextField, text_choices
from itroad.tui.panes.list_pane import ViewListPane
from itroad.tui.panes.people.matrix import RaciMatrix
from itroad.tui.panes.people.screens import NOBODY, HandOverScreen, RolesScreen, scope_answers
from itroad.tui.panes.people.view import MatrixColumn, MatrixRow, PeopleView, PersonRow
from itroad.tui.screens.confirm import ConfirmScreen


class PersonEditable(EditableDefaults):
    """The person form for the shared editing flow."""

    KIND = PERSON
    NOUN = "person"
    PLURAL = "people"

    def __init__(self, organisations: list[str]) -> None:
        self.organisations = organisations

    def form_fields(self, context: InventoryContext, editor: EditController) -> list[FormField]:
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

    def label(self, model: Any) -> str:
        return f"“{clean(model.name)}”"


class AssignmentEditable(EditableDefaults):
    """The role assignment form: a role, a person, and what the role is for."""

    KIND = ASSIGNMENT
    NOUN = "role assignment"
    PLURAL = "role assignments"
    PERSON_FIELD: ClassVar[str | None] = "person"

    def __init__(self, fields: list[FormField], person: str | None) -> None:
        self.fields = fields
        self.person = person

    def form_fields(self, context: InventoryContext, editor: EditController) -> list[FormField]:
        return self.fields

    def new_values(self, context: InventoryContext) -> dict[str, Any]:
        return {"person": self.person} if self.person else {}

    def label(self, model: Any) -> str:
        return f"role {model.role} for {model.person}"


class PeopleWrites(ViewListPane):
    """The People tab's actions that write; the layout is the pane's."""

    OFFERS: ClassVar[frozenset[str]] = frozenset(
        {"filter", "clear", "quick_filter", "new", "edit", "delete", "details"})

    def __init__(self) -> None:
        super().__init__()
        self.view: PeopleView | None = None

    @property
    def mode(self) -> str:  # pragma: no cover - the pane's
        raise NotImplementedError

    @property
    def current_row(self) -> PersonRow | None:  # pragma: no cover - the pane's
        raise NotImplementedError

    @property
    def assignments_table(self) -> Any:  # pragma: no cover - the pane's
        raise NotImplementedError

    @property
    def current_person(self) -> Person | None:
        row = self.current_row
        return row.person if row is not None else None

    def _client_context(self) -> InventoryContext | None:
        if self.view is None or self.view.context is None:
            self.app.notify("No client yet: the Portfolio tab (1) says how to get data in.",
                            title="People", markup=False)
            return None
        return self.view.context

    def _editable(self) -> PersonEditable:
        assert self.view is not None and self.view.client is not None
        organisations = {self.view.client.name}
        organisations |= {p.organisation for p in self.view.client.people if p.organisation}
        return PersonEditable(sorted(organisations, key=str.casefold))

    # -- people ------------------------------------------------------------------------------

    def action_new(self) -> None:
        context = self._client_context()
        if context is None:
            return
        if self.mode == "roles":
            self.action_assign()
            return
        self.editor.new(self._editable(), context, self.done,
                        title=f"New person at {context.client.name}")

    def action_edit(self) -> None:
        context = self._client_context()
        if context is None:
            return
        row = self.current_row
        if row is None or row.row_id is None:
            self.app.notify("Choose a person first.", title="People", markup=False)
            return
        self.editor.edit(self._editable(), context, row.row_id, self.done)

    def action_delete(self) -> None:
        if self._client_context() is None:
            return
        if self.mode == "roles":
            self._remove_assignment()
            return
        row = self.current_row
        if row is None or row.row_id is None:
            return
        self.flow(self._remove_person(row, row.row_id), "remove person")

    async def _remove_person(self, row: PersonRow, row_id: int) -> None:
        assert self.view is not None
        editor = self.editor
        held = await editor.read(holdings, row_id)
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
                batch = await editor.write(delete_records, PERSON, [row_id])
                note = f"Removed {name}."
            else:
                others = [(r.row_id, f"{r.person.name}" + (f" <{r.person.email}>" if r.person.email else "")
                           + (f" · {r.person.organisation}" if r.person.organisation else ""))
                          for r in sorted(self.view.people, key=lambda r: r.person.name.casefold())
                          if r.row_id is not None and r.row_id != row_id]
                successor = await self.app.push_screen_wait(
                    HandOverScreen(name, held.describe(), others))
                if successor is None:
                    return
                batch = await editor.write(remove_person, row_id,
                                           None if successor == NOBODY else successor)
                taker = "nobody" if successor == NOBODY else next(
                    r.person.name for r in self.view.people if r.row_id == successor)
                note = f"Removed {name}; {held.describe()} went to {taker}."
        except EditError as error:
            self.app.notify(f"Nothing changed: {error}", title="People", severity="error",
                            markup=False)
            return
        self.remember(batch, f"removal of {name}", "people")
        self.app.notify(f"{note} u undoes.", title="People", markup=False)
        self.done(None)

    # -- RACI ---------------------------------------------------------------------------------------

    def on_raci_matrix_letter(self, event: RaciMatrix.Letter) -> None:
        event.stop()
        if self.view is None:
            return
        row = self.view.matrix_row(event.initiative)
        column = self.view.column(event.person)
        if row is None or column is None or row.row_id is None:
            return
        self.flow(self._set_letter(row, row.row_id, column, event.letter), "raci")

    async def _set_letter(self, row: MatrixRow, row_id: int, column: MatrixColumn,
                          letter: Raci | None) -> None:
        person = column.person
        try:
            if letter is None:
                saved = await self.editor.write(clear_raci, row_id, person.key)
                what = f"{person.name} off “{row.initiative.title}”"
            else:
                change = toggle_raci(row.initiative, person.key, letter)
                saved = await self.editor.write(set_raci, row_id, person.key, letter, change.on)
                verb = "now" if change.on else "no longer"
                what = f"{person.name} {verb} {letter.value} on “{row.initiative.title}”"
                if change.moved_from:
                    names = ", ".join(self.view.index.name_of(p) if self.view and self.view.index
                                      else p for p in change.moved_from)
                    what += f" (Accountable moved from {names})"
        except EditError as error:
            self.app.notify(f"Nothing changed: {error}", title="RACI", severity="error",
                            markup=False)
            self.done(None)
            return
        self.remember(saved.batch, f"RACI: {what}", "initiatives")
        self.app.notify(f"{what}. u undoes.", title="RACI", markup=False, timeout=4)
        self.done(None)

    # -- roles ---------------------------------------------------------------------------------------

    def action_assign(self) -> None:
        if self._client_context() is not None:
            self.flow(self._assign(), "assign role")

    async def _assign(self) -> None:
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
        where = "the client" if scope == "client" else f"a{'n' if scope[0] in 'aei' else ''} {scope}"
        self.editor.new(AssignmentEditable(fields, person.key if person is not None else None),
                        context, self.done, title=f"Assign a role for {where}")

    def _remove_assignment(self) -> None:
        if self.view is None:
            return
        row = self.view.assignment(self.assignments_table.current_key)
        if row is None or row.row_id is None:
            return
        row_id = row.row_id

        async def flow() -> None:
            try:
                batch = await self.editor.write(delete_records, ASSIGNMENT, [row_id])
            except EditError as error:
                self.app.notify(f"Nothing changed: {error}", severity="error", markup=False)
                return
            a = row.assignment
            self.remember(batch, f"removal of role {a.role} from {a.person}", "assignments")
            self.app.notify(f"Removed the role {a.role} from {row.cells[1].plain}. u undoes.",
                            title="Roles", markup=False)
            self.done(None)

        self.flow(flow(), "remove assignment")

    def action_catalogue(self) -> None:
        if self._client_context() is None:
            return
        editor = self.editor

        async def add(name: str) -> Any:
            await editor.write(add_role, name)
            return await editor.read(list_roles)

        async def remove(name: str) -> Any:
            await editor.write(remove_role, name)
            return await editor.read(list_roles)

        def closed(_: Any) -> None:
            self.done(None)

        assert self.view is not None
        self.app.push_screen(RolesScreen(self.view.roles, add, remove), closed)
