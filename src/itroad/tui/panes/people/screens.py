"""The People tab's modal screens: who owns what, handing over before a removal,
the roles catalogue, and the assignment form's pieces."""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import DataTable, OptionList, Static
from textual.widgets.option_list import Option

from itroad.planning.ownership import Holding
from itroad.tui.cells import clean, text_cell
from itroad.tui.widgets.dialog import Dialog


def frame_css(name: str, body: str, max_height: int) -> str:
    """The CSS of screen ``name``: a wide frame (for tables), its line of introduction,
    and its ``body`` widget as high as its rows, up to ``max_height``."""
    return f"""
    {name} > .dialog--frame {{
        width: 100;
    }}
    {name} .screen-intro {{
        height: auto;
        margin-bottom: 1;
    }}
    {name} {body} {{
        height: auto;
        max-height: {max_height};
    }}
    """


class OwnsScreen(Dialog[None]):
    """Everything a person is assigned to or owns, soonest due first."""

    DEFAULT_CSS = frame_css("OwnsScreen", "DataTable", 18)

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("o,q", "cancel", "Close"),
    ]

    def __init__(self, name: str, holdings: list[Holding], as_of: date) -> None:
        super().__init__()
        self.person_name = name
        self.holdings = holdings
        self.as_of = as_of

    def summary(self) -> str:
        if not self.holdings:
            return "Nothing: no initiative role, renewal, contract, asset or role assignment."
        counts: dict[str, int] = {}
        for h in self.holdings:
            counts[h.kind] = counts.get(h.kind, 0) + 1
        parts = [f"{n} {kind}{'' if n == 1 else 's'}" for kind, n in counts.items()]
        late = sum(1 for h in self.holdings if h.late)
        text = ", ".join(parts) + ", soonest due first"
        if late:
            text += f" · {late} already late"
        return text + f" (as of {self.as_of.isoformat()})."

    def compose(self) -> ComposeResult:
        with self.frame(f"Who owns what: {clean(self.person_name)}", "Esc close"):
            yield Static(Content(self.summary()), classes="screen-intro")
            if self.holdings:
                yield DataTable(cursor_type="row", zebra_stripes=True, id="owns-table")

    def on_mount(self) -> None:
        if not self.holdings:
            return
        table = self.query_one(DataTable)
        table.add_column("Due", key="due", width=10)
        table.add_column("What", key="name", width=26)
        table.add_column("As", key="how", width=11)
        table.add_column("What happens", key="what", width=20)
        table.add_column("Kind", key="kind", width=10)
        for n, h in enumerate(self.holdings):
            style = "bold" if h.late else ""
            table.add_row(
                Text(h.due.isoformat() if h.due else "—", style=style),
                text_cell(h.name, limit=26),
                text_cell(h.how, limit=11),
                text_cell(h.what, limit=20, style=style),
                text_cell(h.kind),
                key=str(n))
        table.focus()


NOBODY = -1


class HandOverScreen(Dialog[int | None]):
    """Removing someone who holds things: choose who takes them over (or nobody).

    Dismisses with the successor's person id, :data:`NOBODY`, or None (cancel).
    """

    DEFAULT_CSS = frame_css("HandOverScreen", "OptionList", 14)

    def __init__(self, name: str, held: str, people: list[tuple[int, str]]) -> None:
        super().__init__()
        self.person_name = name
        self.held = held
        self.people = people

    def compose(self) -> ComposeResult:
        with self.frame(f"Remove {clean(self.person_name)}",
                        "Enter choose · Esc cancel (nothing is removed)"):
            yield Static(Content.assemble(
                (clean(self.person_name), "bold"), f" still holds {self.held}. Who takes them "
                "over? Everything moves in one step; u undoes it."), classes="screen-intro")
            options = [Option(Content(label), id=str(pid)) for pid, label in self.people]
            options.append(Option(Content("Nobody: leave them without an owner"), id=str(NOBODY)))
            yield OptionList(*options, id="handover-options")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(int(event.option.id or NOBODY))


class RolesScreen(Dialog[None]):
    """The roles catalogue of this database: the defaults and the roles users added."""

    DEFAULT_CSS = frame_css("RolesScreen", "DataTable", 16)

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "add", "Add a role"),
        Binding("d", "remove", "Remove"),
    ]

    def __init__(self, roles, add, remove) -> None:
        super().__init__()
        self.roles = list(roles)
        #: ``await add_role(name) -> roles`` and ``await remove_role(name) -> roles``.
        self.add_role = add
        self.remove_role = remove

    def compose(self) -> ComposeResult:
        with self.frame("Roles catalogue (every client of this database)",
                        "n add · d remove an added role · Esc close"):
            yield Static(Content(
                "Assign these to people for a client, an initiative, an asset, a renewal or a "
                "contract. The six defaults stay; roles you add can go when nobody holds them."),
                classes="screen-intro")
            yield DataTable(cursor_type="row", zebra_stripes=True, id="roles-table")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("Role", key="role", width=30)
        table.add_column("Kind", key="kind", width=8)
        table.add_column(Text("Held", justify="right"), key="used", width=6)
        self.fill()
        table.focus()

    def fill(self) -> None:
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for role in self.roles:
            table.add_row(text_cell(role.name, limit=30), Text("default" if role.builtin else "added"),
                          Text(str(role.used), justify="right"), key=str(role.id))
        if self.roles:
            table.move_cursor(row=min(row, len(self.roles) - 1))

    def action_add(self) -> None:
        from pydantic import BaseModel

        from itroad.domain.types import Name
        from itroad.tui.forms import FormRefused, RecordForm, TextField

        class NewRole(BaseModel):
            name: Name

        async def keep(role: NewRole) -> bool:
            try:
                self.roles = list(await self.add_role(role.name))
            except Exception as error:  # noqa: BLE001 - shown in the form
                raise FormRefused(str(error), field="name") from None
            self.fill()
            return True

        self.app.push_screen(RecordForm("New role", NewRole, [
            TextField("name", "Role", required=True, placeholder="security officer")],
            save=keep, save_label="Add"))

    def action_remove(self) -> None:
        table = self.query_one(DataTable)
        if not self.roles:
            return
        role = self.roles[table.cursor_row]

        async def go() -> None:
            try:
                self.roles = list(await self.remove_role(role.name))
            except Exception as error:  # noqa: BLE001 - told to the user
                self.app.notify(str(error), title="Roles", severity="error", markup=False)
                return
            self.app.notify(f"Removed the role “{role.name}”.", title="Roles", markup=False)
            self.fill()

        self.run_worker(go(), exit_on_error=False)


def scope_answers() -> list[tuple[str, str, Any, str]]:
    """What an assignment is for, on a key each."""
    return [
        ("c", "The client", "client", "primary"),
        ("i", "An initiative", "initiative", "default"),
        ("a", "An asset", "asset", "default"),
        ("r", "A renewal", "renewal", "default"),
        ("k", "A contract", "contract", "default"),
        ("escape", "Cancel", None, "default"),
    ]
