"""The Schedule tab's small screens: re-date assets, escalation rate, a period's items,
leaving a what-if. Keyboard first: Enter confirms, Esc cancels. User text goes in
as ``Content`` or ``Text``, never as markup."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Input, Label, Static

from itroad.domain.money import format_money
from itroad.domain.parse import DecimalSeparator, typed_text
from itroad.planning.lifecycle import ScheduledAsset
from itroad.planning.scenario import Deferral
from itroad.tui.panes.schedule.rows import Row, drivers_table, headline
from itroad.tui.panes.schedule.scenario_text import DATE_HELP, parse_percent, percent_text, plan_dates
from itroad.tui.widgets.dialog import Dialog
from itroad.tui.widgets.record_table import RecordTable

DIALOG_CSS = """
{name} > .dialog--frame {{
    width: 76;
}}
{name} .dialog-text {{
    margin-bottom: 1;
}}
{name} .dialog-label {{
    color: $text-muted;
}}
{name} .dialog-error {{
    color: $text-error;
    text-style: bold;
    height: auto;
}}
{name} .dialog-hint {{
    color: $text-muted;
    margin-top: 1;
}}
{name} Input {{
    margin-bottom: 1;
}}
"""


class RedateDialog(Dialog[tuple[Deferral, ...] | None]):
    """Defer (``forward=False``) or bring forward one or several assets: a date and a reason."""

    DEFAULT_CSS = DIALOG_CSS.format(name="RedateDialog")

    def __init__(
        self, items: Sequence[ScheduledAsset], *, forward: bool, as_of: date, what_if: bool
    ) -> None:
        super().__init__()
        self.items = list(items)
        self.forward = forward
        self.as_of = as_of
        self.what_if = what_if

    def compose(self) -> ComposeResult:
        verb = "Bring forward" if self.forward else "Defer"
        count = len(self.items)
        title = f"{verb} {count} asset{'s' if count != 1 else ''}" + (" (what-if)" if self.what_if else "")
        with self.frame(title):
            yield Static(self._summary(), classes="dialog-text")
            yield Label("New replacement date", classes="dialog-label")
            placeholder = "-6m, -1y or 2027-01-31" if self.forward else "+12m, +1y or 2028-06-30"
            default = "" if self.forward else "+12m"
            yield Input(default, placeholder=placeholder, id="redate-when")
            yield Label("Reason (kept with each asset)", classes="dialog-label")
            yield Input("", placeholder="e.g. budget moved to FY2028", id="redate-reason", max_length=4000)
            yield Static("", id="redate-error", classes="dialog-error", markup=False)
            empty = "" if self.forward else " Leave the date empty to remove a deferral."
            action = "adds it to the what-if (nothing is saved)" if self.what_if else "saves"
            yield Static(
                f"Type {DATE_HELP}.{empty} Enter {action} · Tab next field · Esc cancel.",
                classes="dialog-hint",
                markup=False,
            )

    def _summary(self) -> Text:
        lines = []
        for item in self.items[:4]:
            due = item.due.isoformat() if item.due else "no due date"
            cost = format_money(item.cost) if item.cost is not None else "no cost"
            lines.append(Text.assemble(
                (item.asset.tag, "bold"), " ", Text(item.asset.name), f" · due {due} · {cost}",
                no_wrap=True, overflow="ellipsis",
            ))
        if len(self.items) > 4:
            lines.append(Text(f"… and {len(self.items) - 4} more"))
        return Text("\n").join(lines)

    def on_mount(self) -> None:
        self.query_one("#redate-when", Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        when = self.query_one("#redate-when", Input).value
        reason = self.query_one("#redate-reason", Input).value
        if event.input.id == "redate-when" and when.strip() and not reason.strip():
            self.query_one("#redate-reason", Input).focus()
            return
        plan = plan_dates(self.items, when, reason, forward=self.forward, as_of=self.as_of)
        if plan.error:
            self.query_one("#redate-error", Static).update(Content(plan.error))
            self.app.bell()
            return
        self.dismiss(plan.deferrals)


class RateDialog(Dialog[Decimal | None]):
    """The client's yearly escalation rate, typed as a percentage."""

    DEFAULT_CSS = DIALOG_CSS.format(name="RateDialog")

    def __init__(self, rate: Decimal, saved: Decimal, *, what_if: bool,
                 decimal_separator: DecimalSeparator | None = None) -> None:
        super().__init__()
        self.decimal_separator = decimal_separator
        self.rate = rate
        self.saved = saved
        self.what_if = what_if

    def compose(self) -> ComposeResult:
        with self.frame("Escalation rate" + (" (what-if)" if self.what_if else "")):
            yield Static(
                "Replacement costs grow by this rate for each fiscal year between now and "
                f"the year an asset is due. Saved: {percent_text(self.saved)} a year.",
                classes="dialog-text",
                markup=False,
            )
            yield Label("Yearly rate, in %", classes="dialog-label")
            yield Input(
                typed_text((self.rate * 100).normalize(), self.decimal_separator),
                placeholder="3.5", id="rate-value",
                restrict=r"[-0-9.,% ]*",
            )
            yield Static("", id="rate-error", classes="dialog-error", markup=False)
            action = "tries it in the what-if" if self.what_if else "saves"
            yield Static(f"Enter {action} · Esc cancel.", classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            rate = parse_percent(event.value, self.decimal_separator)
        except ValueError as error:
            self.query_one("#rate-error", Static).update(Content(str(error)))
            self.app.bell()
            return
        self.dismiss(rate)


class PeriodItems(Dialog[None]):
    """Every item of a period, biggest first: what the period's total is made of."""

    DEFAULT_CSS = DIALOG_CSS.format(name="PeriodItems") + """
    PeriodItems > .dialog--frame {
        width: 100;
        height: 90%;
    }
    PeriodItems RecordTable {
        height: 1fr;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "cancel", "Close", show=False),
        Binding("enter", "cancel", "Close", show=False),
    ]

    def __init__(self, row: Row, currency: str) -> None:
        super().__init__()
        self.row = row
        self.currency = currency

    def compose(self) -> ComposeResult:
        what = "what the what-if changes, what it is made of" if self.row.changes else (
            "what it is made of"
        )
        with self.frame(f"{self.row.label}: {what}"):
            yield Static(headline(self.row, self.currency), id="items-headline")
            yield RecordTable(id="items-table")
            notes = []
            if self.row.proposed:
                notes.append(f"Proposed initiatives, not in the total: {format_money(self.row.proposed)}.")
            notes.append("Replacements of one category are added up. ↑↓ scroll · Esc close.")
            yield Static(" ".join(notes), classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        table = self.query_one(RecordTable)
        table.show(drivers_table(self.row))
        table.focus()


class LeaveWhatIf(Dialog[str | None]):
    """Leaving a what-if with changes: apply them, discard them, or keep trying."""

    DEFAULT_CSS = DIALOG_CSS.format(name="LeaveWhatIf")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "choose('apply')", "Apply"),
        Binding("d", "choose('discard')", "Discard"),
        Binding("escape", "choose(None)", "Keep trying"),
    ]

    def __init__(self, phrases: Sequence[str]) -> None:
        super().__init__()
        self.phrases = list(phrases)

    def compose(self) -> ComposeResult:
        with self.frame("Leave the what-if?"):
            yield Static(
                Text("The what-if changes: " + "; ".join(self.phrases) + "."),
                classes="dialog-text",
            )
            yield Static(
                Text.assemble(
                    ("a", "bold"), " apply them (one save)   ",
                    ("d", "bold"), " discard them (nothing is written)   ",
                    ("Esc", "bold"), " keep trying",
                ),
            )

    def action_choose(self, choice: str | None) -> None:
        self.dismiss(choice)
