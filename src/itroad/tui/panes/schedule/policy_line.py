"""One category's lifecycle policy, edited in place: the line and its fields.

The line holds the category, its lifecycle months and standard replacement cost
(two compact inputs), its basis (``space`` switches age / warranty), how many
current assets it covers and a state. What was typed is read by
:func:`read_policy` (the same model as the rest of itroad). The list of lines is
:class:`~itroad.tui.panes.schedule.policies.PolicyEditor`.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import ClassVar

from pydantic import ValidationError
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Label, Static

from itroad.domain.enums import LifecycleBasis
from itroad.domain.models import LifecyclePolicy
from itroad.domain.money import format_money
from itroad.domain.parse import DecimalSeparator, ParseError, parse_typed_money, typed_text


def cost_text(amount: Decimal | None, decimal_separator: DecimalSeparator | None = None) -> str:
    return "" if amount is None else typed_text(amount, decimal_separator, places=2)


def read_policy(category: str, months: str, cost: str, basis: LifecycleBasis,
                decimal_separator: DecimalSeparator | None = None) -> LifecyclePolicy:
    """A policy from what was typed; ``ValueError`` with a short sentence when it is wrong."""
    months = months.strip()
    if not months:
        raise ValueError("type the lifecycle in months (1–600)")
    try:
        number = int(months)
    except ValueError:
        raise ValueError(f'months: "{months}" is not a whole number') from None
    if not 1 <= number <= 600:
        raise ValueError("months must be between 1 and 600")
    amount = None
    if cost.strip():
        try:
            amount = parse_typed_money(cost.strip(), decimal_separator=decimal_separator)
        except ParseError as error:
            raise ValueError(f"cost: {error}") from None
    try:
        return LifecyclePolicy(
            category=category, lifecycle_months=number, replacement_cost=amount, basis=basis
        )
    except ValidationError as error:
        first = error.errors()[0]
        raise ValueError(first["msg"].removeprefix("Value error, ")) from None


class FieldInput(Input):
    """A compact input that takes only the characters it can hold (digits; for a cost
    also ``.`` and ``,``). It says it does not consume other keys, so that the tab's
    letter keys (priority bindings: a view key, ``w``, ``e``) work from it."""

    def __init__(self, *, allowed: str, classes: str, placeholder: str, max_length: int) -> None:
        super().__init__(
            "", placeholder=placeholder, restrict=f"{allowed}*", compact=True, classes=classes,
            select_on_focus=True, max_length=max_length,
        )
        self._allowed = re.compile(allowed)

    def check_consume_key(self, key: str, character: str | None) -> bool:
        return character is not None and bool(self._allowed.fullmatch(character))


class BasisToggle(Static, can_focus=True):
    """``age`` or ``warranty``; space (or a click) switches."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "switch_basis", "Age / warranty",
                tooltip="Policies: switch the basis, age or warranty end"),
        Binding("enter", "confirm", "Save the line", show=False),
    ]

    DEFAULT_CSS = """
    BasisToggle {
        width: 10;
        height: 1;
        padding: 0 1;
        background: $boost;
    }
    BasisToggle:focus {
        background: $accent 40%;
        text-style: bold;
    }
    """

    class Changed(Message):
        def __init__(self, toggle: BasisToggle) -> None:
            super().__init__()
            self.toggle = toggle

    class Confirm(Message):
        def __init__(self, toggle: BasisToggle) -> None:
            super().__init__()
            self.toggle = toggle

    def __init__(self, basis: LifecycleBasis, *, classes: str | None = None) -> None:
        super().__init__(basis.value, classes=classes, markup=False)
        self.basis = basis

    def set_basis(self, basis: LifecycleBasis) -> None:
        self.basis = basis
        self.update(basis.value)

    def action_switch_basis(self) -> None:
        self.set_basis(
            LifecycleBasis.WARRANTY if self.basis is LifecycleBasis.AGE else LifecycleBasis.AGE
        )
        self.post_message(self.Changed(self))

    def action_confirm(self) -> None:
        self.post_message(self.Confirm(self))

    def on_click(self) -> None:
        self.action_switch_basis()


class PolicyLine(Horizontal):
    """One category's policy, editable in place."""

    DEFAULT_CSS = """
    PolicyLine {
        height: 1;
        width: 1fr;
    }
    PolicyLine > .category {
        width: 16;
        padding: 0 1;
    }
    PolicyLine > Input {
        height: 1;
        border: none;
        padding: 0 1;
        margin-right: 1;
    }
    PolicyLine > .months {
        width: 8;
    }
    PolicyLine > .cost {
        width: 12;
    }
    PolicyLine > .assets {
        width: 8;
        content-align-horizontal: right;
        padding-right: 1;
    }
    PolicyLine > .state {
        width: 1fr;
        padding-left: 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    PolicyLine.-dirty > .category {
        text-style: bold;
    }
    PolicyLine.-error > .state {
        color: $text-error;
        text-style: bold;
    }
    PolicyLine.-what-if > .state, PolicyLine.-dirty > .state {
        color: $text-warning;
    }
    PolicyLine.-missing > .state {
        color: $text-muted;
    }
    """

    def __init__(self, category: str) -> None:
        super().__init__(classes="policy-line")
        self.category = category
        #: The policy as stored (None: the category has none).
        self.original: LifecyclePolicy | None = None
        #: The policy as shown when the line was last filled in (stored or what-if).
        self.shown: LifecyclePolicy | None = None
        self.assets = 0
        self.missing = 0
        #: How the client types amounts ("." or ","; None until it says).
        self.decimal_separator: DecimalSeparator | None = None

    def compose(self) -> ComposeResult:
        yield Label(Content(self.category), classes="category")
        yield FieldInput(allowed="[0-9]", classes="months", placeholder="months", max_length=3)
        yield FieldInput(allowed="[0-9., ]", classes="cost", placeholder="none", max_length=18)
        yield BasisToggle(LifecycleBasis.AGE, classes="basis")
        yield Label("", classes="assets")
        yield Label("", classes="state")

    @property
    def months_input(self) -> Input:
        return self.query_one(".months", Input)

    @property
    def cost_input(self) -> Input:
        return self.query_one(".cost", Input)

    @property
    def basis_toggle(self) -> BasisToggle:
        return self.query_one(BasisToggle)

    @property
    def fields(self) -> list[Widget]:
        return [self.months_input, self.cost_input, self.basis_toggle]

    def fill(
        self,
        original: LifecyclePolicy | None,
        shown: LifecyclePolicy | None,
        assets: int,
        missing: int,
    ) -> None:
        """Show a policy (``shown``: the what-if's when there is one), forgetting edits.

        A line being edited (changed, not yet saved) keeps what was typed: a save
        of another line reads everything again, and must not throw it away."""
        self.original, self.shown, self.assets, self.missing = original, shown, assets, missing
        self.query_one(".assets", Label).update(Content(f"{assets}" if assets else "–"))
        if self.has_class("-dirty"):
            self._state()
            return
        self.months_input.value = str(shown.lifecycle_months) if shown else ""
        self.cost_input.value = (cost_text(shown.replacement_cost, self.decimal_separator)
                                 if shown else "")
        self.basis_toggle.set_basis(shown.basis if shown else LifecycleBasis.AGE)
        self.remove_class("-dirty", "-error")
        self._state()

    def _state(self, message: str | None = None) -> None:
        label = self.query_one(".state", Label)
        what_if = self.shown != self.original
        self.set_class(what_if, "-what-if")
        self.set_class(self.original is None and self.shown is None, "-missing")
        if message is not None:
            label.update(Content(message))
        elif self.has_class("-dirty"):
            label.update(Content("changed: Enter saves, Esc puts back"))
        elif what_if and self.original is not None and self.shown is not None:
            label.update(Content(f"what-if (saved: {describe(self.original)})"))
        elif what_if:
            label.update(Content("what-if: new policy"))
        elif self.shown is None:
            label.update(Content(
                f"no policy: {self.missing} need data" if self.missing else "no policy"
            ))
        else:
            label.update(Content(""))

    @property
    def state_text(self) -> str:
        """What the line's state says (for tests)."""
        return str(self.query_one(".state", Label).content)

    def typed(self) -> LifecyclePolicy:
        """The policy as typed (``ValueError`` when it is not valid)."""
        return read_policy(
            self.category, self.months_input.value, self.cost_input.value, self.basis_toggle.basis,
            self.decimal_separator,
        )

    def note_edit(self) -> None:
        try:
            same = self.typed() == self.shown
        except ValueError:
            same = False
        if self.shown is None and not self.months_input.value and not self.cost_input.value:
            same = True
        self.set_class(not same, "-dirty")
        self.remove_class("-error")
        self._state()

    def show_error(self, message: str) -> None:
        self.add_class("-error")
        self._state(message)

    def revert(self) -> None:
        self.remove_class("-dirty")
        self.fill(self.original, self.shown, self.assets, self.missing)


def describe(policy: LifecyclePolicy) -> str:
    cost = format_money(policy.replacement_cost) if policy.replacement_cost is not None else "no cost"
    return f"{policy.lifecycle_months} mo, {cost}, {policy.basis.value}"
