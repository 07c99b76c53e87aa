"""The Schedule tab's changes: re-dating assets, a policy, the escalation rate,
and the what-if that tries them before one save.

Outside a what-if each change is written at once; inside one it goes into the
pane's :class:`~itroad.planning.scenario.Scenario` and the figures are computed
again, and ``A`` writes them all (:meth:`PlanFlows.apply`), ``D`` forgets them.
Every write is one transaction in a thread worker with its own connection
(:mod:`~itroad.tui.panes.schedule.work`); then every tab reads the client again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

from itroad.domain.models import LifecyclePolicy
from itroad.planning.lifecycle import ScheduledAsset
from itroad.planning.scenario import Deferral, PlanChanges, PolicyChange, RateChange, Scenario
from itroad.store.editing import EditError
from itroad.store.policies import Applied, PlanConflict
from itroad.tui.messages import RecordsChanged
from itroad.tui.panes.schedule.dialogs import LeaveWhatIf, RateDialog, RedateDialog
from itroad.tui.panes.schedule.display import ScheduleDisplay
from itroad.tui.panes.schedule.work import describe_applied, write_changes


class PlanFlows:
    """What the keys that change the plan do, for one Schedule pane."""

    def __init__(self, pane: ScheduleDisplay) -> None:
        self.pane = pane

    def _try_or_write(self, tried: Callable[[Scenario], Scenario], changes: PlanChanges) -> None:
        """In a what-if, add the change to the scenario (``tried``); else write ``changes``."""
        pane = self.pane
        if pane.what_if:
            pane.scenario = tried(pane.scenario)
            pane.recompute()
        elif not changes.empty:
            self.write(changes)

    # ------------------------------------------------------------------ the changes

    def redate(self, items: Sequence[ScheduledAsset], *, forward: bool) -> None:
        """Defer (or bring forward) ``items``: ask for the date and the reason."""
        pane = self.pane
        client = pane.client
        if not items or client is None or pane.as_of is None:
            pane.app.bell()
            return

        def done(deferrals: tuple[Deferral, ...] | None) -> None:
            if not deferrals or pane.client is not client:
                return
            pane.marks.clear()
            self._try_or_write(
                lambda scenario: scenario.with_deferrals(deferrals, client),
                PlanChanges(deferrals=tuple(deferrals)),
            )

        pane.app.push_screen(
            RedateDialog(items, forward=forward, as_of=pane.as_of, what_if=pane.what_if), done
        )

    def save_policy(self, policy: LifecyclePolicy, original: LifecyclePolicy | None) -> None:
        if self.pane.client is None:
            return
        self._try_or_write(
            lambda scenario: scenario.with_policy(policy, original),
            PlanChanges(policies=(PolicyChange(policy, original),)),
        )

    def change_rate(self) -> None:
        """Ask for the escalation rate (in a what-if, the scenario's is shown)."""
        pane = self.pane
        client = pane.client
        if client is None:
            return
        saved = client.escalation_rate
        current = pane.scenario.rate_for(client) if pane.what_if else saved

        def done(rate: Decimal | None) -> None:
            if rate is None or pane.client is not client:
                return
            self._try_or_write(
                lambda scenario: scenario.with_rate(rate, saved),
                PlanChanges(rate=RateChange(rate, saved)) if rate != saved else PlanChanges(),
            )

        pane.app.push_screen(
            RateDialog(current, saved, what_if=pane.what_if,
                       decimal_separator=client.decimal_separator), done
        )

    # ------------------------------------------------------------------ the what-if

    def toggle_what_if(self) -> None:
        """Start a what-if; in one, leave it (asking first when it changes something)."""
        pane = self.pane
        if not pane.what_if:
            pane.what_if = True
            pane.scenario = Scenario()
            pane.notify(
                "What-if: policy, rate and date changes are tried, not saved. "
                "A applies them all, D discards them.",
                title="What-if", markup=False,
            )
            pane.recompute()
            return
        if pane.scenario.empty:
            self._leave()
            return

        def chosen(choice: str | None) -> None:
            if choice == "apply":
                self.apply()
            elif choice == "discard":
                self.discard()

        pane.app.push_screen(LeaveWhatIf(pane.computed.phrases if pane.computed else ()), chosen)

    def _leave(self) -> None:
        self.pane.what_if = False
        self.pane.scenario = Scenario()
        self.pane.recompute()

    def discard(self) -> None:
        pane = self.pane
        if not pane.what_if:
            return
        had_changes = not pane.scenario.empty
        self._leave()
        pane.notify(
            "What-if discarded; nothing was written." if had_changes else "What-if left.",
            title="What-if", markup=False,
        )

    def apply(self) -> None:
        """Write every change of the what-if in one transaction, then leave it."""
        pane = self.pane
        if not pane.what_if or pane.client is None:
            return
        if pane.scenario.empty:
            self._leave()
            pane.notify("The what-if had no changes; nothing to save.", title="What-if",
                        markup=False)
            return
        self.write(pane.scenario.changes(pane.client), after=self._leave)

    # ------------------------------------------------------------------ writing

    def write(self, changes: PlanChanges, after: Callable[[], None] | None = None) -> None:
        """Write ``changes`` in a thread worker; then ``after``, and every tab reads again."""
        pane = self.pane
        if pane.client is None or pane.db_path is None:
            return
        db_path, code = pane.db_path, pane.client.code

        def work() -> None:
            try:
                applied = write_changes(db_path, code, changes)
            except Exception as error:  # noqa: BLE001 - told to the user; nothing was written
                pane.app.call_from_thread(self._write_failed, error)
                return
            pane.app.call_from_thread(self._written, code, changes, applied, after)

        pane.run_worker(work, name="write", group="schedule-write", thread=True, exit_on_error=False)

    def _written(
        self,
        code: str,
        changes: PlanChanges,
        applied: Applied,
        after: Callable[[], None] | None,
    ) -> None:
        if after is not None:
            after()
        self.pane.notify(describe_applied(applied), title="Schedule", markup=False)
        self._remember(code, changes, applied)
        self._reload()

    def _remember(self, code: str, changes: PlanChanges, applied: Applied) -> None:
        """Put a change of dates alone on the workspace's undo stack (``u``).

        Policies and the rate are not journaled by the store, so a change that
        holds them is not offered for undo (it would only be undone in part)."""
        editor = getattr(self.pane.screen, "editor", None)
        if editor is None or applied.batch is None or changes.policies or changes.rate:
            return
        from itroad.tui.editing import Change

        count = len(changes.deferrals)
        what = f"new replacement date of {count} asset{'s' if count != 1 else ''}"
        editor.remember(Change(applied.batch, what, "assets", code))

    def _write_failed(self, error: Exception) -> None:
        pane = self.pane
        text = str(error) if isinstance(error, EditError) else f"Could not save: {error}"
        pane.notify(text, title="Schedule", severity="error", markup=False, timeout=10)
        if isinstance(error, PlanConflict):
            self._reload()
        elif pane.computed is not None and pane.client is not None:
            # Show the policies as stored again (the line said "saving…").
            pane.policies.show_policies(
                pane.client, pane.scenario if pane.what_if else Scenario(),
                pane.computed.categories, pane.what_if,
            )

    def _reload(self) -> None:
        """Read the client again (every tab), as after any edit."""
        self.pane.post_message(RecordsChanged())
