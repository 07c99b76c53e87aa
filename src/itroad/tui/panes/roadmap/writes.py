"""What the Roadmap tab writes: status, quarters, the initiative form, KPIs, linked assets.

Keys act on the initiative under the cursor, in either view: ``n`` new, ``e``
edit, ``d`` delete, ``a`` advance its status (proposed → approved → in progress
→ done), ``A`` set any status, ``<``/``>`` move it a quarter earlier or later,
``l`` link the assets it replaces, ``L`` a new replacement initiative from
assets, ``k`` its goal and KPIs. ``u`` (anywhere) undoes. Every write is one
transaction through :mod:`itroad.store`, then every tab reads the client again —
the Schedule tab's forecast included, which counts an approved initiative as
committed and its linked assets outside the hardware line. The initiative form
runs through the shared editing flow (:class:`~itroad.tui.editing.EditController`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, TypeVar

from pydantic import BaseModel
from textual.content import Content

from itroad.domain.enums import InitiativeCategory, InitiativeStatus, Priority
from itroad.domain.models import Initiative
from itroad.domain.money import format_money
from itroad.planning.calendar import fiscal_year_of, quarter_index, quarter_index_bounds
from itroad.planning.roadmap import asset_candidates, next_status
from itroad.store.editing import EditError, StaleRecordError, delete_records, load_record, save_record
from itroad.store.initiatives import link_assets, set_status, shift_initiatives
from itroad.store.kinds import INITIATIVE
from itroad.tui.cells import clean
from itroad.tui.data import InventoryContext
from itroad.tui.editing import EditableDefaults, EditController
from itroad.tui.forms import FormField
from itroad.tui.panes.list_pane import BASIC, ViewListPane
from itroad.tui.panes.roadmap.assets import AssetPicker
from itroad.tui.panes.roadmap.forms import InitiativeForm, KpiScreen, initiative_fields, status_answers
from itroad.tui.panes.roadmap.view import RoadmapItem, RoadmapView
from itroad.tui.screens.confirm import ConfirmScreen

T = TypeVar("T")


class InitiativeEditable(EditableDefaults):
    """The initiative form for the shared editing flow: it edits an
    :class:`InitiativeForm` (the people as Accountable and Responsible) and keeps
    the linked assets, KPIs and other RACI letters as they are."""

    KIND = INITIATIVE
    NOUN = "initiative"
    PLURAL = "initiatives"
    PERSON_FIELD: ClassVar[str | None] = "accountable"

    def __init__(self, assets: list[str] | None = None) -> None:
        self.assets = assets or []

    def form_fields(self, context: InventoryContext, editor: EditController) -> list[FormField]:
        return initiative_fields(context, editor)

    def label(self, model: Any) -> str:
        return f"“{clean(model.title)}”"

    def form_model(self) -> type[BaseModel]:
        return InitiativeForm

    def values_of(self, model: Any) -> dict[str, Any]:
        return InitiativeForm.values_of(model)

    def fixed_of(self, model: Any | None) -> dict[str, Any]:
        # What the form does not show is kept as it is: links, KPIs, roles, the goals it
        # serves and its delivery (day completed, actual cost).
        return {"assets": model.assets if model is not None else self.assets,
                "kpis": [k.model_dump() for k in model.kpis] if model is not None else [],
                "roles": [r.model_dump() for r in model.roles] if model is not None else [],
                "serves": list(model.serves) if model is not None else [],
                "completed_on": model.completed_on if model is not None else None,
                "actual_cost": model.actual_cost if model is not None else None}

    def record_of(self, value: BaseModel, before: Any | None) -> BaseModel:
        assert isinstance(value, InitiativeForm)
        return value.initiative(before)

    def error_field(self, error: EditError, value: BaseModel | None) -> str | None:
        """An unknown person is in the RACI roles: the field of the form that names them."""
        if error.field != "roles":
            return error.field
        ref = (error.value or "").casefold()
        for name in ("accountable", "responsible"):
            if ref and (getattr(value, name, None) or "").casefold() == ref:
                return name
        return "accountable"


class RoadmapWrites(ViewListPane):
    """The Roadmap tab's actions that write; the layout is the pane's."""

    OFFERS: ClassVar[frozenset[str]] = BASIC

    def __init__(self) -> None:
        super().__init__()
        self.view: RoadmapView | None = None

    @property
    def current(self) -> RoadmapItem | None:
        return self.view.item(self.current_key) if self.view else None

    def _need(self, what: str) -> RoadmapItem | None:
        """The initiative under the cursor, with its row id (a notice when there is none)."""
        item = self.current
        if item is None or item.row_id is None or self.view is None or self.view.context is None:
            self.app.notify(f"No initiative to {what}: n adds one.", title="Roadmap", markup=False)
            return None
        return item

    def _changed(self, item: RoadmapItem | None = None) -> None:
        """After a write: every tab reads the client again (the cursor on ``item``)."""
        self.done(item.row_id if item is not None else None)

    def _remember(self, batch: str, description: str) -> None:
        self.remember(batch, description, "initiatives")

    async def _write(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
        """A store write in a worker; None (after telling the user why) when refused."""
        try:
            return await self.editor.write(fn, *args, **kwargs)
        except EditError as error:
            self.app.notify(f"Nothing changed: {error}", title="Roadmap", severity="error",
                            markup=False)
            self._changed()
            return None

    # -- status and quarters -------------------------------------------------------------

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
        self.flow(self._set_status(item, following), "advance")

    def action_set_status(self) -> None:
        item = self._need("change")
        if item is None:
            return

        async def flow() -> None:
            status = await self.app.push_screen_wait(ConfirmScreen(
                "Status", Content.assemble("Set the status of ", (clean(item.planned.title), "bold"),
                                           ":"), status_answers(item.planned.status)))
            if status is not None and status is not item.planned.status:
                await self._set_status(item, status)

        self.flow(flow(), "status")

    async def _set_status(self, item: RoadmapItem, status: InitiativeStatus) -> None:
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
        self._changed(item)

    def action_shift(self, quarters: int) -> None:
        item = self._need("move")
        if item is None:
            return

        async def flow() -> None:
            batch = await self._write(shift_initiatives, [item.row_id], quarters)
            if batch is None:
                return
            way = "later" if quarters > 0 else "earlier"
            self._remember(batch, f"move of “{item.planned.title}” a quarter {way}")
            self._changed(item)

        self.flow(flow(), "shift")

    def action_delete(self) -> None:
        item = self._need("delete")
        if item is None:
            return

        async def flow() -> None:
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

        self.flow(flow(), "delete initiative")

    # -- the initiative form -------------------------------------------------------------

    def action_new(self) -> None:
        if self.view is None or self.view.context is None or self.view.client is None:
            self.app.notify("No client yet: the Portfolio tab (1) says how to get data in.",
                            title="Roadmap", markup=False)
            return
        start_month = self.view.client.fiscal_year_start_month
        # The next quarter: what a review plans.
        start, end = quarter_index_bounds(quarter_index(self.view.as_of, start_month) + 1,
                                          start_month)
        self._new({"start": start, "end": end})

    def _new(self, values: dict[str, Any], assets: list[str] | None = None) -> None:
        assert self.view is not None and self.view.context is not None
        context = self.view.context
        intro = None
        if assets:
            intro = (f"{len(assets)} linked asset{'s' if len(assets) != 1 else ''}: their replacement "
                     "cost joins this initiative's budget (and leaves the hardware line).")
        defaults = {"category": InitiativeCategory.INFRASTRUCTURE.value,
                    "priority": Priority.MEDIUM.value, "status": InitiativeStatus.PROPOSED.value}
        self.editor.new(InitiativeEditable(assets), context, self.done, values={**defaults, **values},
                        title=f"New initiative at {context.client.name}", intro=intro)

    def action_edit(self) -> None:
        item = self._need("edit")
        if item is None or item.row_id is None or self.view is None or self.view.context is None:
            return
        self.editor.edit(InitiativeEditable(), self.view.context, item.row_id, self.done)

    # -- goal and KPIs -----------------------------------------------------------------------

    def action_kpis(self) -> None:
        item = self._need("show")
        if item is None:
            return

        async def flow() -> None:
            editor = self.editor
            model, version, client_id = await editor.read(load_record, INITIATIVE, item.row_id)
            assert isinstance(model, Initiative)
            state: dict[str, int | None] = {"version": version}

            async def save(initiative: Initiative) -> Initiative | None:
                try:
                    saved = await editor.write(save_record, INITIATIVE, client_id, initiative,
                                               row_id=item.row_id, expected_version=state["version"])
                except StaleRecordError as stale:
                    state["version"] = stale.version
                    self.app.notify(f"{stale} Showing the latest now.", severity="warning",
                                    markup=False)
                    return stale.current if isinstance(stale.current, Initiative) else None
                except EditError as error:
                    self.app.notify(f"Nothing changed: {error}", severity="error", markup=False)
                    return None
                state["version"] = saved.version
                self._remember(saved.batch, f"KPIs of “{initiative.title}”")
                return initiative

            await self.app.push_screen_wait(KpiScreen(f"Goal and KPIs: {clean(model.title)}", model, save))
            self._changed(item)

        self.flow(flow(), "kpis")

    # -- linked assets ---------------------------------------------------------------------------

    def action_link(self) -> None:
        item = self._need("link assets to")
        if item is None:
            return
        self.flow(self._link(item), "link assets")

    async def _link(self, item: RoadmapItem) -> None:
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
        self._changed(item)

    def action_replacement(self) -> None:
        if self.view is None or self.view.client is None or self.view.context is None:
            return

        async def flow() -> None:
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
            self._new({"title": title, "start": start, "end": end}, assets=list(picked.tags))

        self.flow(flow(), "replacement initiative")
