"""Roadmap: the client's initiatives as a list or as a timeline by fiscal quarter.

The list (filter ``/``, quick filter ``f``, sort ``s``/``S``) shows each
initiative's status, quarters, one-time budget (its own cost plus its linked
assets'), monthly cost, who is Accountable and whether it breaks the RACI rule;
under it, the goal, KPIs with their progress, and the budget of the one under
the cursor. ``t`` shows the timeline instead: quarters across, bars grouped by
category, the committed and proposed budget of each quarter at the bottom.

Keys act on the initiative under the cursor, in either view: ``n`` new, ``e``
edit, ``d`` delete, ``a`` advance its status (proposed → approved → in progress
→ done), ``A`` set any status, ``<``/``>`` move it a quarter earlier or later,
``l`` link the assets it replaces, ``L`` a new replacement initiative from
assets, ``k`` its goal and KPIs. ``u`` (anywhere) undoes. Every write is one
transaction through :mod:`itroad.store`, then every tab reads the client again —
the Schedule tab's forecast included, which counts an approved initiative as
committed and its linked assets outside the hardware line.
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

from itroad.domain.enums import InitiativeCategory, InitiativeStatus, Priority
from itroad.domain.models import Initiative
from itroad.domain.money import format_money
from itroad.output.text import kpi_text, progress_bar
from itroad.planning.calendar import (
    fiscal_year_of,
    quarter_index,
    quarter_index_bounds,
    quarter_index_label,
)
from itroad.planning.roadmap import (
    asset_candidates,
    kpi_progress,
    next_status,
)
from itroad.tui.cells import TableData, clean
from itroad.tui.data import ClientData, PeopleIndex
from itroad.tui.panes.base import TablePane
from itroad.tui.panes.roadmap.timeline import LEGEND, Timeline
from itroad.tui.panes.roadmap.view import (
    SORTS,
    STATUS_FILTERS,
    RoadmapItem,
    RoadmapView,
    make_view,
    money_short,
    read_view,
)
from itroad.tui.widgets.record_table import RecordTable

__all__ = ["RoadmapPane", "roadmap_table"]


def roadmap_table(data: ClientData) -> TableData:
    """The list as the tab shows it first (no database needed: for tests and reports)."""
    return make_view(data, data.client, None, None).table()


class RoadmapFilter(Input):
    """The filter line: ↓ or Enter goes back to the list, keeping the filter."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "leave", "Back to the list", show=False),
    ]

    class Leave(Message):
        pass

    def action_leave(self) -> None:
        self.post_message(self.Leave())


class RoadmapPane(TablePane):
    PANE_ID = "roadmap"
    TITLE = "Roadmap"
    DESCRIPTION = ("initiatives by fiscal quarter: status, budget, owner, RACI, goal and KPIs; "
                   "t shows the timeline")

    DEFAULT_CSS = """
    RoadmapPane .roadmap-filter {
        display: none;
        height: 1;
        background: $panel;
    }
    RoadmapPane.-filtering .roadmap-filter {
        display: block;
    }
    RoadmapPane .roadmap-filter > Label {
        width: auto;
        padding: 0 1;
        text-style: bold;
    }
    RoadmapPane .roadmap-filter > Input {
        width: 1fr;
    }
    RoadmapPane Timeline {
        display: none;
    }
    RoadmapPane.-timeline Timeline {
        display: block;
    }
    RoadmapPane.-timeline RecordTable {
        display: none;
    }
    RoadmapPane.-no-client RecordTable, RoadmapPane.-no-client Timeline,
    RoadmapPane.-no-client .roadmap-detail, RoadmapPane.-no-client .roadmap-status {
        display: none;
    }
    RoadmapPane .roadmap-detail {
        height: 5;
        padding: 0 1;
        border-top: solid $primary;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    RoadmapPane .roadmap-status {
        height: 1;
        background: $panel;
        color: $text-muted;
        padding: 0 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("t", "timeline", "Timeline", tooltip="Show the timeline by fiscal quarter, or the list"),
        Binding("a", "advance", "Advance",
                tooltip="Advance the status: proposed → approved → in progress → done"),
        Binding("n", "new", "New", tooltip="Add an initiative"),
        Binding("e", "edit", "Edit", tooltip="Edit the initiative under the cursor"),
        Binding("l", "link", "Assets", show=False, tooltip="Link the assets it replaces (their cost joins its budget)"),
        Binding("k", "kpis", "KPIs", show=False, tooltip="Its goal and KPIs, with their progress"),
        Binding("less_than_sign", "shift(-1)", "Earlier", key_display="<", show=False,
                tooltip="Move it a quarter earlier (dates and KPI due dates)"),
        Binding("greater_than_sign", "shift(1)", "Later", key_display=">", show=False,
                tooltip="Move it a quarter later"),
        Binding("A", "set_status", "Status", show=False,
                tooltip="Set any status: proposed, approved, in progress, done, deferred, cancelled"),
        Binding("L", "replacement", "Replace assets", show=False,
                tooltip="A new replacement initiative from assets (say, all laptops due in FY2027)"),
        Binding("d", "delete", "Delete", show=False, tooltip="Delete the initiative (u brings it back)"),
        Binding("slash", "filter", "Filter", show=False,
                tooltip="Filter as you type (title, category, status, people, goal)"),
        Binding("f", "status_filter", "Show", show=False,
                tooltip="Quick filter: all, this quarter, next quarter, committed, proposed, deferred or "
                        "cancelled, breaking RACI"),
        Binding("s", "sort", "Sort", show=False, tooltip="Sort by the next column"),
        Binding("S", "reverse", "Reverse", show=False, tooltip="Reverse the sort order"),
        Binding("escape", "clear", "Clear", show=False, tooltip="Clear the filters"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.view: RoadmapView | None = None
        self.text = ""
        self.status_index = 0
        self.sort_index = 0
        self.descending = False
        #: The initiative to put the cursor on after the next load (a new one).
        self._reveal: str | None = None
        self._last_note = ""

    # -- layout -------------------------------------------------------------------------

    @staticmethod
    def build(data: ClientData) -> RoadmapView:  # type: ignore[override]
        return read_view(data)

    def compose(self) -> ComposeResult:
        yield Static("", classes="empty", markup=False)
        with Horizontal(classes="roadmap-filter"):
            yield Label("Filter /")
            yield RoadmapFilter(placeholder="title, category, status, person, goal", compact=True,
                                id="roadmap-filter", select_on_focus=False)
        yield RecordTable(id="roadmap-table")
        yield Timeline(id="roadmap-timeline")
        yield Static("", classes="roadmap-detail", markup=False)
        yield Static("", classes="roadmap-status", markup=False)

    @property
    def timeline(self) -> Timeline:
        return self.query_one(Timeline)

    @property
    def in_timeline(self) -> bool:
        return self.has_class("-timeline")

    @property
    def editor(self):
        return self.screen.editor  # type: ignore[attr-defined]

    @classmethod
    def help_bindings(cls) -> list[Binding]:
        from dataclasses import replace

        from itroad.tui.screens.help import class_bindings

        pans = [replace(b, tooltip=f"In the timeline: {b.description.lower()}")
                for b in class_bindings(Timeline) if b.action.startswith("pan")]
        return [*class_bindings(cls), *pans]

    def show(self, view: RoadmapView) -> None:  # type: ignore[override]
        same_client = (self.view is not None and self.view.client is not None
                       and view.client is not None and self.view.client.code == view.client.code)
        if not same_client:
            self.text, self.status_index, self.sort_index, self.descending = "", 0, 0, False
            with self.query_one(RoadmapFilter).prevent(Input.Changed):
                self.query_one(RoadmapFilter).value = ""
            self.remove_class("-filtering")
        key = self._reveal or self.current_key
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
        self.timeline.show(view, key)
        self._update_detail()

    def _refill(self, key: str | None = None) -> None:
        if self.view is None:
            return
        data = self.view.table(self.text, self.status_index, self.sort_index, self.descending)
        table = self.table
        table.show(data)
        if key is not None and key in data.keys:
            table.move_cursor(row=data.keys.index(key), animate=False)
        self._update_status()

    def focus_content(self) -> None:
        if self.view is None or self.view.client is None:
            return
        if self.in_timeline:
            self.timeline.focus()
        else:
            self.table.focus()

    # -- which initiative ------------------------------------------------------------------

    @property
    def current_key(self) -> str | None:
        if self.view is None:
            return None
        if self.in_timeline:
            return self.timeline.current_key
        return self.table.current_key

    @property
    def current(self) -> RoadmapItem | None:
        return self.view.item(self.current_key) if self.view else None

    def select(self, key: str | None) -> None:
        """Put both views' cursor on an initiative."""
        if key is None or self.table.data is None:
            return
        if key in self.table.data.keys:
            self.table.move_cursor(row=self.table.data.keys.index(key), animate=False)
        self.timeline.select(key)
        self._update_detail()

    # -- the detail and status lines -------------------------------------------------------------

    def _update_detail(self) -> None:
        detail = self.query_one(".roadmap-detail", Static)
        item = self.current
        if item is None or self.view is None or self.view.roadmap is None:
            hint = "No initiative selected." if self.view and self.view.items else \
                "n adds an initiative; L makes one from assets due for replacement."
            detail.update(Content(hint))
            return
        detail.update(self.detail_content(item))

    def detail_content(self, item: RoadmapItem) -> Content:
        """Up to four lines: goal or timeline amounts, KPIs, budget, people."""
        assert self.view is not None and self.view.roadmap is not None
        p = item.planned
        initiative = p.initiative
        people = self.view.people or PeopleIndex(self.view.client)  # type: ignore[arg-type]
        lines: list[Content] = []
        if self.in_timeline:
            amounts = [f"{quarter_index_label(q)} {money_short(a)}" for q, a in sorted(p.amounts.items()) if a]
            counted = "committed" if p.committed else "proposed" if p.proposed else "not counted"
            lines.append(Content.assemble(
                (initiative.status.value.replace("_", " "), "bold"), f" ({counted}) · ",
                " · ".join(amounts[:4]) + (" …" if len(amounts) > 4 else "") if amounts
                else "nothing counted from this quarter on"))
        else:
            goal = clean(initiative.goal) if initiative.goal else "no goal yet (k)"
            lines.append(Content.assemble(("Goal ", "bold"), (goal, "" if initiative.goal else "italic")))
        for kpi in initiative.kpis[:1]:
            progress = kpi_progress(kpi)
            percent = "" if progress is None else f" {int(progress * 100)}%"
            due = f" · due {kpi.due.isoformat()}" if kpi.due else ""
            more = len(initiative.kpis) - 1
            lines.append(Content.assemble(
                ("KPI ", "bold"), clean(kpi.name), " ", (progress_bar(progress), "$text-accent"),
                percent, f" · {kpi_text(kpi)}{due}",
                (f" · +{more} more (k)", "dim") if more else ""))
        if not initiative.kpis and not self.in_timeline:
            lines.append(Content.styled("KPI none yet (k adds one)", "italic"))
        budget = f"one-time {format_money(initiative.one_time_cost)}"
        if p.assets:
            noun = "asset" if len(p.assets) == 1 else "assets"
            budget += f" + {len(p.assets)} {noun} {format_money(p.assets_cost)}" \
                      f" = {format_money(p.one_time_budget)}"
        if initiative.monthly_cost:
            budget += f" · monthly {format_money(initiative.monthly_cost)}"
        lines.append(Content.assemble(("Budget ", "bold"), budget))
        letters = " · ".join(f"{r.raci.value} {people.name_of(r.person)}" for r in initiative.roles)
        if p.warnings:
            lines.append(Content.assemble(("RACI ", "bold"), (f"! {'; '.join(p.warnings)}", "bold $text-error"),
                                          f"  {letters}" if letters else ""))
        else:
            lines.append(Content.assemble(("RACI ", "bold"), letters))
        return Content("\n").join(lines[:4])

    def _update_status(self) -> None:
        status = self.query_one(".roadmap-status", Static)
        if self.view is None or self.view.roadmap is None:
            status.update("")
            return
        roadmap = self.view.roadmap
        parts: list[Content] = []
        if self.in_timeline:
            hidden = self.timeline.earlier
            parts.append(Content.styled(LEGEND, ""))
            parts.append(Content.styled("< > shift · ←→ quarters", "dim"))
            if hidden:
                parts.append(Content(f"{hidden} ended earlier (list)"))
        else:
            shown = self.table.row_count
            total = len(self.view.items)
            filtered = bool(self.text.strip()) or self.status_index
            parts.append(Content.styled(
                f"{shown} of {total} initiatives" if filtered else f"{total} initiatives", "bold"))
            if self.text.strip():
                parts.append(Content.assemble("filter “", (self.text.strip(), "bold"), "”"))
            if self.status_index:
                parts.append(Content.assemble(
                    "showing ", (STATUS_FILTERS[self.status_index].label(roadmap.first), "bold")))
            flagged = len(roadmap.flagged)
            if flagged:
                parts.append(Content.styled(f"{flagged} breaking RACI", "bold $text-error"))
            if self.sort_index or self.descending:
                parts.append(Content(f"sorted by {SORTS[self.sort_index][0]} "
                                     f"{'▼' if self.descending else '▲'}"))
            parts.append(Content.styled("l assets · k KPIs · A status · / filter · f show · s sort",
                                        "dim"))
        status.update(Content(" · ").join(parts))

    @on(DataTable.RowHighlighted)
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        if not self.in_timeline:
            self._update_detail()

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    @on(Timeline.Moved)
    def _timeline_moved(self, event: Timeline.Moved) -> None:
        event.stop()
        self._update_detail()

    # -- list controls ----------------------------------------------------------------------

    def action_timeline(self) -> None:
        key = self.current_key
        self.toggle_class("-timeline")
        self.select(key)
        self.focus_content()
        self._update_status()
        self._update_detail()
        if self.in_timeline:  # it has a size only now: scroll to the initiative
            self.call_after_refresh(self._reveal_in_timeline)

    def _reveal_in_timeline(self) -> None:
        self.timeline.reveal_current()
        self.timeline.refresh()
        self._update_status()

    def action_filter(self) -> None:
        if self.in_timeline:
            self.action_timeline()
        self.add_class("-filtering")
        self.query_one(RoadmapFilter).focus()

    @on(Input.Changed, "#roadmap-filter")
    def _filter_typed(self, event: Input.Changed) -> None:
        event.stop()
        self.text = event.value
        self._refill(self.current_key)
        self._update_detail()

    @on(Input.Submitted, "#roadmap-filter")
    @on(RoadmapFilter.Leave)
    def _filter_done(self, event: Message) -> None:
        event.stop()
        self.table.focus()

    def action_clear(self) -> None:
        if self.text or self.status_index or self.has_class("-filtering"):
            self.text = ""
            self.status_index = 0
            with self.query_one(RoadmapFilter).prevent(Input.Changed):
                self.query_one(RoadmapFilter).value = ""
            self.remove_class("-filtering")
            self._refill(self.current_key)
            self.focus_content()
            self._update_detail()

    def action_status_filter(self) -> None:
        self.status_index = (self.status_index + 1) % len(STATUS_FILTERS)
        self._refill(self.current_key)
        self._update_detail()

    def action_sort(self) -> None:
        self.sort_index = (self.sort_index + 1) % len(SORTS)
        self._refill(self.current_key)

    def action_reverse(self) -> None:
        self.descending = not self.descending
        self._refill(self.current_key)

    # -- writes -----------------------------------------------------------------------------

    def _need(self, what: str) -> RoadmapItem | None:
        """The initiative under the cursor, with its row id (a notice when there is none)."""
        item = self.current
        if item is None or item.row_id is None or self.view is None or self.view.context is None:
            self.app.notify(f"No initiative to {what}: n adds one.", title="Roadmap", markup=False)
            return None
        return item

    def _flow(self, coroutine: Any, name: str) -> None:
        from itroad.tui.editing import DIALOG_GROUP

        self.run_worker(coroutine, group=DIALOG_GROUP, name=name, exit_on_error=False)

    def _changed(self, key: str | None = None) -> None:
        """After a write: every tab reads the client again (this one keeps its cursor)."""
        if key is not None:
            self._reveal = key
        self.screen.records_changed()  # type: ignore[attr-defined]

    def _remember(self, batch: str, description: str) -> None:
        from itroad.tui.editing import Change

        assert self.view is not None and self.view.client is not None
        self.editor.remember(Change(batch, description, "initiatives", self.view.client.code))

    async def _write(self, fn, *args, **kwargs):
        """A store write in a worker; None (after telling the user why) when refused."""
        from itroad.store.editing import EditError

        try:
            return await self.editor.write(fn, *args, **kwargs)
        except EditError as error:
            self.app.notify(f"Nothing changed: {error}", title="Roadmap", severity="error",
                            markup=False)
            self._changed()
            return None

    def action_advance(self) -> None:
        item = self._need("advance")
        if item is None:
            return
        following = next_status(item.planned.status)
        if following is None:
            self.app.notify(
                f"“{item.planned.title}” is {item.planned.status.value}: A sets any status.",
                title="Roadmap", markup=False)
            return
        self._flow(self._set_status(item, following), "advance")

    def action_set_status(self) -> None:
        item = self._need("change")
        if item is None:
            return

        async def flow() -> None:
            from itroad.tui.panes.roadmap.forms import status_answers
            from itroad.tui.screens.confirm import ConfirmScreen

            status = await self.app.push_screen_wait(ConfirmScreen(
                "Status", Content.assemble("Set the status of ", (clean(item.planned.title), "bold"),
                                           ":"), status_answers(item.planned.status)))
            if status is not None and status is not item.planned.status:
                await self._set_status(item, status)

        self._flow(flow(), "status")

    async def _set_status(self, item: RoadmapItem, status: InitiativeStatus) -> None:
        from itroad.store.initiatives import set_status

        before = item.planned.status
        saved = await self._write(set_status, item.row_id, status)
        if saved is None:
            return
        title = item.planned.title
        self._remember(saved.batch, f"status of “{title}” ({before.value} → {status.value})")
        budget = format_money(item.planned.one_time_budget)
        if status.is_committed and not before.is_committed:
            note = f"its {budget} one-time budget is now committed (was {before.value.replace('_', ' ')})."
        elif before.is_committed and not status.is_committed:
            note = ("its budget is now proposed, not committed." if status is InitiativeStatus.PROPOSED
                    else "its budget counts nowhere now.")
        else:
            note = "the budget stays where it was."
        self.app.notify(f"“{title}” is {status.value.replace('_', ' ')}: {note} u undoes.",
                        title="Status", markup=False)
        self._changed(item.key)

    def action_shift(self, quarters: int) -> None:
        item = self._need("move")
        if item is None:
            return

        async def flow() -> None:
            from itroad.store.initiatives import shift_initiatives

            batch = await self._write(shift_initiatives, [item.row_id], quarters)
            if batch is None:
                return
            way = "later" if quarters > 0 else "earlier"
            self._remember(batch, f"move of “{item.planned.title}” a quarter {way}")
            self._changed(item.key)

        self._flow(flow(), "shift")

    def action_delete(self) -> None:
        item = self._need("delete")
        if item is None:
            return

        async def flow() -> None:
            from itroad.store.editing import delete_records
            from itroad.store.kinds import INITIATIVE
            from itroad.tui.screens.confirm import ConfirmScreen

            answer = await self.app.push_screen_wait(ConfirmScreen(
                "Delete initiative", Content.assemble(
                    "Delete ", (clean(item.planned.title), "bold"),
                    "? It leaves the roadmap and the forecast (its linked assets go back to the "
                    "hardware line); u brings it back."),
                [("d", "Delete", True, "error"), ("escape", "Cancel", None, "default")]))
            if not answer:
                return
            batch = await self._write(delete_records, INITIATIVE, [item.row_id])
            if batch is None:
                return
            self._remember(batch, f"delete of initiative “{item.planned.title}”")
            self.app.notify(f"Deleted “{item.planned.title}”. u undoes.", title="Deleted",
                            markup=False)
            self._changed()

        self._flow(flow(), "delete initiative")

    # -- forms ------------------------------------------------------------------------------

    def action_new(self) -> None:
        if self.view is None or self.view.context is None or self.view.client is None:
            self.app.notify("No client yet: the Portfolio tab (1) says how to get data in.",
                            title="Roadmap", markup=False)
            return
        start_month = self.view.client.fiscal_year_start_month
        # The next quarter: what a review plans.
        start, end = quarter_index_bounds(quarter_index(self.view.as_of, start_month) + 1,
                                          start_month)
        values = {"category": InitiativeCategory.INFRASTRUCTURE.value,
                  "priority": Priority.MEDIUM.value, "status": InitiativeStatus.PROPOSED.value,
                  "start": start, "end": end}
        self._flow(self._form(None, values), "new initiative")

    def action_edit(self) -> None:
        item = self._need("edit")
        if item is None:
            return
        self._flow(self._form(item, None), "edit initiative")

    async def _form(self, item: RoadmapItem | None, values: dict[str, Any] | None,
                    assets: list[str] | None = None) -> None:
        from itroad.store.editing import (
            EditError,
            RecordGone,
            StaleRecordError,
            load_record,
            save_record,
        )
        from itroad.store.kinds import INITIATIVE
        from itroad.tui.forms import FormRefused, RecordForm
        from itroad.tui.panes.roadmap.forms import InitiativeForm, initiative_fields, refused_field

        assert self.view is not None and self.view.context is not None
        context = self.view.context
        client = context.client
        editor = self.editor
        before: Initiative | None = None
        state: dict[str, Any] = {"version": None}
        if item is not None:
            try:
                before, state["version"], _ = await editor.read(load_record, INITIATIVE, item.row_id)
            except RecordGone as error:
                self.app.notify(f"Cannot edit: {error}.", severity="error", markup=False)
                self._changed()
                return
            values = InitiativeForm.values_of(before)
        fixed = {"assets": before.assets if before else (assets or []),
                 "kpis": [k.model_dump() for k in before.kpis] if before else [],
                 "roles": [r.model_dump() for r in before.roles] if before else []}

        async def save(form: InitiativeForm) -> int:
            initiative = form.initiative(before)
            try:
                if item is None:
                    saved = await editor.write(save_record, INITIATIVE, client.id, initiative)
                else:
                    saved = await editor.write(save_record, INITIATIVE, client.id, initiative,
                                               row_id=item.row_id,
                                               expected_version=state["version"])
            except StaleRecordError as stale:
                state["version"] = stale.version
                latest = InitiativeForm.values_of(stale.current) if stale.current else None
                raise FormRefused(str(stale), latest=latest) from None
            except RecordGone as error:
                raise FormRefused(f"{error}. Press Esc to close the form; u brings it back.") from None
            except EditError as error:
                raise FormRefused(str(error), field=refused_field(str(error), form)) from None
            verb = "adding" if item is None else "edit"
            self._remember(saved.batch, f"{verb} of initiative “{initiative.title}”")
            return saved.id

        title = Content(f"Edit “{clean(before.title)}”" if before
                        else f"New initiative at {clean(client.name)}")  # never markup
        intro = None
        if assets:
            intro = (f"{len(assets)} linked asset{'s' if len(assets) != 1 else ''}: their replacement "
                     "cost joins this initiative's budget (and leaves the hardware line).")
        form = RecordForm(title, InitiativeForm, initiative_fields(context, editor),
                          values=values, fixed=fixed, save=save, intro=intro)
        saved_id = await self.app.push_screen_wait(form)
        if saved_id is not None:
            self.app.notify("Saved the initiative. u undoes.", title="Roadmap", markup=False)
            self._changed(str(saved_id))

    def action_kpis(self) -> None:
        item = self._need("show")
        if item is None:
            return

        async def flow() -> None:
            from itroad.store.editing import EditError, StaleRecordError, load_record, save_record
            from itroad.store.kinds import INITIATIVE
            from itroad.tui.panes.roadmap.forms import KpiScreen

            editor = self.editor
            model, version, client_id = await editor.read(load_record, INITIATIVE, item.row_id)
            state = {"version": version}

            async def save(initiative: Initiative) -> Initiative | None:
                try:
                    saved = await editor.write(save_record, INITIATIVE, client_id, initiative,
                                               row_id=item.row_id, expected_version=state["version"])
                except StaleRecordError as stale:
                    state["version"] = stale.version
                    self.app.notify(f"{stale} Showing the latest now.", severity="warning",
                                    markup=False)
                    return stale.current  # type: ignore[return-value]
                except EditError as error:
                    self.app.notify(f"Nothing changed: {error}", severity="error", markup=False)
                    return None
                state["version"] = saved.version
                self._remember(saved.batch, f"KPIs of “{initiative.title}”")
                return initiative

            await self.app.push_screen_wait(KpiScreen(f"Goal and KPIs: {clean(model.title)}", model, save))
            self._changed(item.key)

        self._flow(flow(), "kpis")

    # -- linked assets ---------------------------------------------------------------------------

    def action_link(self) -> None:
        item = self._need("link assets to")
        if item is None:
            return
        self._flow(self._link(item), "link assets")

    async def _link(self, item: RoadmapItem) -> None:
        from itroad.store.initiatives import link_assets
        from itroad.tui.panes.roadmap.assets import AssetPicker

        assert self.view is not None and self.view.client is not None
        client = self.view.client
        initiative = item.planned.initiative
        candidates = asset_candidates(client, self.view.as_of, initiative.start, item.planned.index)
        known = {c.tag.casefold() for c in candidates}
        kept = [tag for tag in initiative.assets if tag.casefold() not in known]
        fy = fiscal_year_of(initiative.start, client.fiscal_year_start_month)
        picked = await self.app.push_screen_wait(AssetPicker(
            f"Assets replaced by “{clean(initiative.title)}” (costs at FY{fy} prices)", candidates,
            set(initiative.assets), fiscal_year_of(self.view.as_of, client.fiscal_year_start_month)))
        if picked is None:
            return
        saved = await self._write(link_assets, item.row_id, [*kept, *picked.tags], replace=True)
        if saved is None:
            return
        count = len(picked.tags)
        self._remember(saved.batch, f"assets of “{initiative.title}”")
        self.app.notify(
            f"“{initiative.title}” now replaces {count} asset{'s' if count != 1 else ''}: their "
            "cost is in its budget, not in the hardware line. u undoes.", title="Assets",
            markup=False)
        self._changed(item.key)

    def action_replacement(self) -> None:
        if self.view is None or self.view.client is None or self.view.context is None:
            return

        async def flow() -> None:
            from itroad.tui.panes.roadmap.assets import AssetPicker

            assert self.view is not None and self.view.client is not None
            client = self.view.client
            start_month = client.fiscal_year_start_month
            candidates = asset_candidates(client, self.view.as_of)
            picked = await self.app.push_screen_wait(AssetPicker(
                "Assets for a new replacement initiative", candidates, set(),
                fiscal_year_of(self.view.as_of, start_month),
                intro="Mark what it replaces (g: a whole group, like all laptops due in a fiscal "
                      "year); Enter opens the new initiative."))
            if picked is None or not picked.tags:
                return
            chosen = [c for c in candidates if c.tag in picked.tags]
            dated = [c.due for c in chosen if c.due is not None and not c.overdue]
            first = min(dated) if dated else self.view.as_of
            start, end = quarter_index_bounds(
                quarter_index(max(first, self.view.as_of), start_month), start_month)
            group = picked.group
            if group is not None:
                when = "overdue" if group.fiscal_year is None else f"due in FY{group.fiscal_year}"
                title = f"Replace {group.category} {when}"
            else:
                title = f"Replace {len(chosen)} assets"
            values = {"title": title, "category": InitiativeCategory.INFRASTRUCTURE.value,
                      "priority": Priority.MEDIUM.value, "status": InitiativeStatus.PROPOSED.value,
                      "start": start, "end": end}
            await self._form(None, values, assets=list(picked.tags))

        self._flow(flow(), "replacement initiative")

    def reveal(self, row_id: int) -> None:
        """Put the cursor on initiative ``row_id`` (filters cleared): now when the
        client's initiatives are shown, else at the next load."""
        key = str(row_id)
        self.remove_class("-filtering")
        self.text, self.status_index = "", 0
        with self.query_one(RoadmapFilter).prevent(Input.Changed):
            self.query_one(RoadmapFilter).value = ""
        self._reveal = key
        if self.view is not None and self.view.item(key) is not None:
            self._reveal = None
            self._refill(key)
            self.select(key)
