"""Lifecycle policies of a client, edited in place: one line per category.

Each line holds the category, its lifecycle months and standard replacement
cost (two compact inputs), its basis (``space`` switches age / warranty), how
many current assets it covers and a state. Type over a value and press Enter:
the line is checked (the same model as the rest of itroad) and saved — or, in a
what-if, added to the scenario. Escape puts the line back. Categories that
current assets use but that have no policy are listed too ("no policy"):
filling them in adds one.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Static

from itroad.domain.models import Client, LifecyclePolicy
from itroad.planning.scenario import Scenario
from itroad.tui.keys import row_keys
from itroad.tui.panes.schedule.policy_line import BasisToggle, PolicyLine
from itroad.tui.panes.schedule.scenario_text import percent_text


class PolicyEditor(VerticalScroll, can_focus=False):
    """The policies of the client, one :class:`PolicyLine` per category."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *row_keys(up="line(-1)", down="line(1)",
                  help={"up": "Policies: the line above", "down": "Policies: the line below"}),
        Binding("escape", "revert", "Policies: put the line back as it was", show=False),
    ]

    DEFAULT_CSS = """
    PolicyEditor {
        height: 1fr;
    }
    PolicyEditor > .policy-head {
        height: 1;
        text-style: bold;
        color: $text-muted;
        padding: 0 1;
        text-wrap: nowrap;
    }
    PolicyEditor > #policy-rate {
        height: 1;
        padding: 0 1;
    }
    PolicyEditor > #policy-hint {
        height: auto;
        color: $text-muted;
        padding: 0 1;
        margin-top: 1;
    }
    """

    class Save(Message):
        """A line was confirmed with Enter: save ``policy`` (or add it to the what-if)."""

        def __init__(self, line: PolicyLine, policy: LifecyclePolicy) -> None:
            super().__init__()
            self.line = line
            self.policy = policy

    def compose(self) -> ComposeResult:
        yield Static("", id="policy-rate", markup=False)
        yield Static(
            Text(
                f"{'Category':<15}{'Months':<9}{'Std cost':<14}{'Basis':<9}{'Assets':>7}  State",
                no_wrap=True,
            ),
            classes="policy-head",
        )
        yield Static(
            "Type over a value, Enter saves the line (in a what-if: tries it), Esc puts it back. "
            "↑↓ line · Tab next field · space age/warranty · Cost empty: each asset's purchase "
            "cost is used.",
            id="policy-hint",
            markup=False,
        )

    @property
    def lines(self) -> list[PolicyLine]:
        return list(self.query(PolicyLine))

    def line(self, category: str) -> PolicyLine:
        return next(line for line in self.lines if line.category == category)

    def show_policies(
        self,
        client: Client,
        scenario: Scenario,
        categories: Mapping[str, tuple[int, int]],
        what_if: bool,
    ) -> None:
        """Fill the lines: every policy, then categories of current assets without one."""
        rate = scenario.rate_for(client)
        rate_text = f"Escalation {percent_text(rate)} a year"
        if scenario.rate is not None:
            rate_text += f" (what-if; saved: {percent_text(client.escalation_rate)})"
        self.query_one("#policy-rate", Static).update(
            Text.assemble(
                (rate_text, "bold"),
                ("  e to change · replacement costs grow by it each fiscal year", "dim"),
                no_wrap=True, overflow="ellipsis",
            )
        )
        wanted = [p.category for p in client.policies]
        wanted += [c for c in scenario.policies if c not in wanted]
        wanted += sorted(c for c in categories if c not in wanted)
        existing = {line.category: line for line in self.lines}
        if list(existing) != wanted:
            for line in existing.values():
                line.remove()
            hint = self.query_one("#policy-hint")
            new_lines = [PolicyLine(category) for category in wanted]
            self.mount_all(new_lines, before=hint)
            self.call_after_refresh(self._fill, client, scenario, categories)
        else:
            self._fill(client, scenario, categories)

    def _fill(
        self, client: Client, scenario: Scenario, categories: Mapping[str, tuple[int, int]]
    ) -> None:
        originals = {p.category: p for p in client.policies}
        for line in self.lines:
            assets, missing = categories.get(line.category, (0, 0))
            line.decimal_separator = client.decimal_separator
            line.fill(
                originals.get(line.category),
                scenario.policy_for(line.category, client),
                assets,
                missing,
            )

    # ------------------------------------------------------------------ events

    def _line_of(self, widget: Widget | None) -> PolicyLine | None:
        while widget is not None and not isinstance(widget, PolicyLine):
            widget = widget.parent  # type: ignore[assignment]
        return widget

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        line = self._line_of(event.input)
        if line is not None:
            line.note_edit()

    @on(BasisToggle.Changed)
    def _basis(self, event: BasisToggle.Changed) -> None:
        line = self._line_of(event.toggle)
        if line is not None:
            line.note_edit()

    @on(BasisToggle.Confirm)
    def _confirm(self, event: BasisToggle.Confirm) -> None:
        self.submit(self._line_of(event.toggle))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit(self._line_of(event.input))

    def submit(self, line: PolicyLine | None) -> None:
        if line is None:
            return
        try:
            policy = line.typed()
        except ValueError as error:
            line.show_error(str(error))
            self.app.bell()
            return
        if policy == line.shown:
            line.revert()
            return
        line.remove_class("-dirty")
        line._state("saving…")
        self.post_message(self.Save(line, policy))

    def action_line(self, step: int) -> None:
        focused = self.app.focused
        line = self._line_of(focused)
        lines = self.lines
        if line is None or not lines:
            if lines:
                lines[0].months_input.focus()
            return
        column = line.fields.index(focused) if focused in line.fields else 0
        index = lines.index(line) + step
        if 0 <= index < len(lines):
            # At once, not with focus() (deferred): a burst of ↓ (key repeat, a
            # slow link) must move one line per key.
            self.screen.set_focus(lines[index].fields[column])

    def action_revert(self) -> None:
        line = self._line_of(self.app.focused)
        if line is not None:
            line.revert()
