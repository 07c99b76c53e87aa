"""The Roadmap tab's forms and pickers, on the shared form framework (:mod:`itroad.tui.forms`).

- :class:`InitiativeForm`: an initiative with its Accountable and (first)
  Responsible person as two fields, so that the form states who owns it; the
  rest of its RACI letters, its KPIs and its linked assets are kept as they are.
- :func:`initiative_fields`: title, category, priority, status, dates, costs,
  goal, people; each checked as it is typed, the whole checked by the model
  (an end before the start is shown at the end field).
- :class:`StatusScreen`: pick any status (``A``).
- :class:`KpiScreen`: the goal and KPIs of an initiative with their progress (``k``).
"""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import BaseModel
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import DataTable, Static

from itroad.domain.enums import InitiativeCategory, InitiativeStatus, Priority, Raci
from itroad.domain.models import Initiative, Kpi
from itroad.domain.types import Name
from itroad.domain.types import Text as TextType
from itroad.output.text import kpi_text, progress_bar
from itroad.planning.roadmap import kpi_progress
from itroad.tui.cells import clean, text_cell
from itroad.tui.data import InventoryContext
from itroad.tui.editing import EditController
from itroad.tui.forms import (
    DateField,
    FormField,
    FormRefused,
    MoneyField,
    RecordForm,
    SelectField,
    TextField,
    enum_choices,
)
from itroad.tui.widgets.dialog import Dialog


class InitiativeForm(Initiative):
    """What the initiative form edits: the initiative, and who is Accountable and Responsible."""

    accountable: Name | None = None
    responsible: Name | None = None

    @classmethod
    def values_of(cls, initiative: Initiative) -> dict[str, Any]:
        """The form's values for an initiative (its first A and first R as the people)."""
        first = {letter: next((r.person for r in initiative.roles if r.raci is letter), None)
                 for letter in (Raci.ACCOUNTABLE, Raci.RESPONSIBLE)}
        return {**initiative.model_dump(), "accountable": first[Raci.ACCOUNTABLE],
                "responsible": first[Raci.RESPONSIBLE]}

    def initiative(self, before: Initiative | None = None) -> Initiative:
        """The initiative to save: the people fields turned into RACI letters.

        Accountable replaces whoever was Accountable; Responsible replaces the
        first Responsible (others stay). Other letters are kept as they were.
        """
        roles = [r.model_dump() for r in (before.roles if before else self.roles)]

        def same(a: str | None, b: str | None) -> bool:
            return (a or "").casefold() == (b or "").casefold()

        old_a = next((r["person"] for r in roles if r["raci"] == Raci.ACCOUNTABLE), None)
        if not same(old_a, self.accountable):
            roles = [r for r in roles if r["raci"] != Raci.ACCOUNTABLE]
            if self.accountable:
                roles.insert(0, {"person": self.accountable, "raci": Raci.ACCOUNTABLE})
        old_r = next((r["person"] for r in roles if r["raci"] == Raci.RESPONSIBLE), None)
        if not same(old_r, self.responsible):
            if old_r is not None:
                position = next(i for i, r in enumerate(roles)
                                if r["raci"] == Raci.RESPONSIBLE and same(r["person"], old_r))
                del roles[position]
            if self.responsible and not any(
                    r["raci"] == Raci.RESPONSIBLE and same(r["person"], self.responsible)
                    for r in roles):
                roles.append({"person": self.responsible, "raci": Raci.RESPONSIBLE})
        data = self.model_dump(exclude={"accountable", "responsible"})
        return Initiative.model_validate({**data, "roles": roles})


def initiative_fields(context: InventoryContext, editor: EditController) -> list[FormField]:
    return [
        TextField("title", "Title", required=True, placeholder="Multi-factor authentication"),
        SelectField("category", "Category", enum_choices(InitiativeCategory), allow_blank=False),
        SelectField("priority", "Priority", enum_choices(Priority), allow_blank=False),
        SelectField("status", "Status", enum_choices(InitiativeStatus), allow_blank=False,
                    hint="approved, in progress and done are committed budget"),
        DateField("start", "Start", required=True),
        DateField("end", "End", hint="empty: it starts and ends in the start's month"),
        MoneyField("one_time_cost", "One-time cost",
                   hint="linked assets' replacement cost is added to it (l)", **context.money()),
        MoneyField("monthly_cost", "Monthly cost", hint="from the month after the end",
                   **context.money()),
        TextField("goal", "Goal", placeholder="the business outcome it is for"),
        editor.person_field(context, "accountable", "Accountable", blank_label="(nobody yet)",
                            hint="exactly one person is Accountable"),
        editor.person_field(context, "responsible", "Responsible", blank_label="(nobody yet)",
                            hint="at least one person does the work"),
        TextField("notes", "Notes"),
    ]


# --------------------------------------------------------------------------- status


STATUS_KEYS = (
    ("p", InitiativeStatus.PROPOSED), ("a", InitiativeStatus.APPROVED),
    ("i", InitiativeStatus.IN_PROGRESS), ("d", InitiativeStatus.DONE),
    ("f", InitiativeStatus.DEFERRED), ("x", InitiativeStatus.CANCELLED),
)


def status_answers(current: InitiativeStatus) -> list[tuple[str, str, Any, str]]:
    answers = [(key, status.value.replace("_", " ") + (" (now)" if status is current else ""),
                status, "primary" if status is current else "default")
               for key, status in STATUS_KEYS]
    return [*answers, ("escape", "Cancel", None, "default")]


# --------------------------------------------------------------------------- KPIs


KPI_COLUMNS = ("KPI", "Progress", "Now", "Due")


def kpi_fields() -> list[FormField]:
    return [
        TextField("name", "KPI", required=True, placeholder="Staff enrolled in MFA"),
        TextField("unit", "Unit", placeholder="%, count, min"),
        TextField("baseline", "Baseline", placeholder="where it started: 0"),
        TextField("target", "Target", required=True, placeholder="where it should get: 100"),
        TextField("current", "Current", placeholder="where it is now"),
        DateField("due", "Due"),
    ]


class KpiScreen(Dialog[None]):
    """An initiative's goal and KPIs with their progress; n/e/d edit the KPIs.

    Every change is saved at once (one transaction each, undoable with ``u``);
    the screen calls ``changed`` after each.
    """

    DEFAULT_CSS = """
    KpiScreen > .dialog--frame {
        width: 100;
    }
    KpiScreen #kpi-goal {
        height: auto;
        margin-bottom: 1;
    }
    KpiScreen DataTable {
        height: auto;
        max-height: 14;
    }
    KpiScreen #kpi-detail {
        height: auto;
        color: $text-muted;
        margin-top: 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new", "New KPI"),
        Binding("e", "edit", "Edit KPI"),
        Binding("d", "delete", "Delete KPI"),
        Binding("g", "goal", "Goal"),
        Binding("k", "cancel", "Close"),
    ]

    def __init__(self, title: str, initiative: Initiative, save) -> None:
        super().__init__()
        self.title_text = title
        self.initiative = initiative
        #: ``await save(initiative) -> Initiative``: writes it, returns what was saved.
        self.save = save

    def compose(self) -> ComposeResult:
        # The title is user text: the frame never reads it as markup.
        with self.frame(self.title_text, "n new · e edit · d delete · g goal · Esc close"):
            yield Static("", id="kpi-goal", markup=False)
            yield DataTable(cursor_type="row", zebra_stripes=True, id="kpi-table")
            yield Static("", id="kpi-detail", markup=False)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("KPI", key="kpi", width=18)
        table.add_column("Progress", key="progress", width=14)
        table.add_column("Now", key="now", width=26)
        table.add_column("Due", key="due", width=10)
        self.refresh_table()
        table.focus()

    def refresh_table(self) -> None:
        goal = self.initiative.goal
        self.query_one("#kpi-goal", Static).update(Content.assemble(
            ("Goal: ", "bold"), (clean(goal) if goal else "none yet (g sets it)", "" if goal else "italic")))
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for n, kpi in enumerate(self.initiative.kpis):
            progress = kpi_progress(kpi)
            percent = "" if progress is None else f" {int(progress * 100):3d}%"
            table.add_row(
                text_cell(kpi.name, limit=18),
                text_cell(progress_bar(progress) + percent),
                text_cell(kpi_text(kpi), limit=40),
                text_cell(kpi.due.isoformat() if kpi.due else ""),
                key=str(n))
        if self.initiative.kpis:
            table.move_cursor(row=min(row, len(self.initiative.kpis) - 1))
        detail = ("No KPIs yet: n adds one (name, unit, baseline, target, current, due)."
                  if not self.initiative.kpis else
                  "Progress runs from the baseline to the target, either way (down is fine).")
        self.query_one("#kpi-detail", Static).update(Content(detail))

    @property
    def current_index(self) -> int | None:
        table = self.query_one(DataTable)
        if not self.initiative.kpis:
            return None
        return table.cursor_row

    async def _store(self, kpis: list[Kpi] | None = None, goal: Any = ...) -> None:
        changes: dict[str, Any] = {}
        if kpis is not None:
            changes["kpis"] = [k.model_dump() for k in kpis]
        if goal is not ...:
            changes["goal"] = goal
        updated = Initiative.model_validate({**self.initiative.model_dump(), **changes})
        saved = await self.save(updated)
        if saved is not None:
            self.initiative = saved
            self.refresh_table()

    def _form(self, title: str | Content, values: dict[str, Any] | None, index: int | None,
              fixed: dict[str, Any] | None = None) -> RecordForm:

        async def keep(kpi: Kpi) -> bool:
            kpis = list(self.initiative.kpis)
            if index is None:
                kpis.append(kpi)
            else:
                kpis[index] = kpi
            try:
                await self._store(kpis=kpis)
            except Exception as error:  # noqa: BLE001 - shown in the form
                raise FormRefused(str(error)) from None
            return True

        return RecordForm(title, Kpi, kpi_fields(), values=values, fixed=fixed, save=keep)

    def action_new(self) -> None:
        self.app.push_screen(self._form("New KPI", None, None))

    def action_edit(self) -> None:
        index = self.current_index
        if index is None:
            self.action_new()
            return
        kpi = self.initiative.kpis[index]
        # Its dated readings are kept as they are (the form edits the rest).
        self.app.push_screen(self._form(Content(f"KPI “{clean(kpi.name)}”"), kpi.model_dump(), index,
                                        fixed={"history": [r.model_dump() for r in kpi.history]}))

    def action_delete(self) -> None:
        index = self.current_index
        if index is None:
            return
        kpis = [k for n, k in enumerate(self.initiative.kpis) if n != index]
        self.run_worker(self._store(kpis=kpis), exit_on_error=False)

    def action_goal(self) -> None:
        class Goal(BaseModel):
            goal: TextType | None = None

        async def keep(goal: Goal) -> bool:
            await self._store(goal=goal.goal)
            return True

        self.app.push_screen(RecordForm(
            "Goal", Goal, [TextField("goal", "Goal", placeholder="the business outcome")],
            values={"goal": self.initiative.goal}, save=keep))

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()
