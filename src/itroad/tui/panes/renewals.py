"""Renewals: subscriptions, licenses, domains, certificates, support; paged, with editing."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from pydantic import BaseModel
from rich.text import Text
from sqlite_utils import Database

from itroad.domain.enums import RenewalKind
from itroad.domain.models import Renewal
from itroad.domain.money import format_money, round_money
from itroad.domain.types import Text as TextValue
from itroad.planning.attention import renewal_badges
from itroad.planning.recurrence import next_renewal_on_or_after, renewal_notice
from itroad.store.browse import RENEWALS
from itroad.store.editing import load_record
from itroad.store.kinds import RENEWAL
from itroad.store.records import renewal_from_row
from itroad.store.rows import money
from itroad.tui.cells import date_cell, enum_label, money_cell, months_label, number_cell, text_cell, yes_no
from itroad.tui.data import InventoryContext
from itroad.tui.editing import BulkAction, EditController
from itroad.tui.forms import (
    BoolField,
    DateField,
    FormField,
    IntegerField,
    MoneyField,
    RateField,
    SelectField,
    TextField,
    enum_choices,
)
from itroad.tui.panes.inventory import InventoryPane
from itroad.tui.panes.render import badge_cell, badge_texts, person_text
from itroad.tui.widgets.detail_panel import DetailView
from itroad.tui.widgets.page_source import Row
from itroad.tui.widgets.table_columns import TableColumn

#: What to decide soon comes first, so that it fits in 80 columns; the rest scrolls (→).
#: Widths are least widths: columns widen to their cells where the screen has room.
COLUMNS = (
    TableColumn("Name", 24, "name", key="name", maximum=48, grow=True),
    TableColumn("Next", 10, "next_renewal", key="next"),
    TableColumn("Cancel by", 10, key="cancel_by"),
    TableColumn("Badges", 16, key="badges", maximum=32),
    TableColumn("Cost", 10, justify="right", key="cost"),
    TableColumn("Every", 6, "period_months", key="period"),
    TableColumn("Auto", 4, "auto_renew", key="auto"),
    TableColumn("Vendor", 18, "vendor", key="vendor", maximum=28),
    TableColumn("Kind", 12, "kind", key="kind", maximum=20),
    TableColumn("Owner", 18, "person", key="owner", maximum=28),
    TableColumn("Qty", 5, "quantity", "right", key="quantity"),
    TableColumn("Unit cost", 10, "unit_cost_cents", "right", key="unit_cost"),
)


def renewal_of(row: Row) -> Renewal:
    """The renewal a list row describes (enough of it for dates, costs and badges)."""
    return renewal_from_row({**row, "owner_id": None, "notes": None}, {})


def renewal_cells(row: Row, as_of: date) -> list[Text]:
    renewal = renewal_of(row)
    upcoming = next_renewal_on_or_after(renewal, as_of)
    notice = renewal_notice(renewal, as_of)
    return [
        text_cell(renewal.name),
        date_cell(upcoming.date) if upcoming else text_cell("ended", style="dim"),
        date_cell(notice.cancel_by) if notice else text_cell(""),
        badge_cell(renewal_badges(renewal, as_of)),
        money_cell(upcoming.amount if upcoming else renewal.quantity * renewal.unit_cost),
        text_cell(months_label(renewal.period_months)),
        yes_no(renewal.auto_renew),
        text_cell(renewal.vendor),
        text_cell(enum_label(renewal.kind)),
        text_cell(row["person"]),
        number_cell(renewal.quantity),
        money_cell(money(row["unit_cost_cents"])),
    ]


def renewal_view(db: Database, row_id: int, context: InventoryContext) -> DetailView:
    renewal, _version, _client = load_record(db, RENEWAL, row_id)
    assert isinstance(renewal, Renewal)
    as_of, currency = context.as_of, context.client.currency
    upcoming = next_renewal_on_or_after(renewal, as_of)
    notice = renewal_notice(renewal, as_of)
    per_period = round_money(renewal.quantity * renewal.unit_cost)
    per_year = round_money(per_period * Decimal(12) / Decimal(renewal.period_months))
    if notice is None:
        cancel = "the renewal has ended"
    elif notice.missed:
        cancel = f"{notice.cancel_by.isoformat()}: notice window MISSED ({-notice.days_left} days ago)"
    else:
        cancel = f"{notice.cancel_by.isoformat()} (in {notice.days_left} days)"
    escalation = renewal.escalation_rate
    pairs = [
        ("Name", renewal.name),
        ("Vendor", renewal.vendor or ""),
        ("Kind", enum_label(renewal.kind)),
        ("Owner", person_text(context, renewal.owner)),
        ("Quantity", str(renewal.quantity)),
        ("Unit cost", format_money(renewal.unit_cost, currency)),
        ("Every", months_label(renewal.period_months)),
        ("Per period", format_money(per_period, currency)),
        ("About a year", format_money(per_year, currency)),
        ("Next renewal", (f"{upcoming.date.isoformat()}, {format_money(upcoming.amount, currency)}"
                          if upcoming else "none: ended")),
        ("Recorded next", renewal.next_renewal.isoformat()),
        ("Cancel by", cancel),
        ("Notice", f"{renewal.notice_days} days"),
        ("Auto-renew", "yes" if renewal.auto_renew else "no"),
        ("Escalation", f"{escalation * 100:g} % a year" if escalation else "none"),
        ("Ends", renewal.end_date.isoformat() if renewal.end_date else "open-ended"),
    ]
    return DetailView(renewal.name, badge_texts(renewal_badges(renewal, as_of)), tuple(pairs),
                      (("Notes", renewal.notes or ""),))


class SetOwner(BaseModel):
    owner: TextValue | None = None


def owner_action(noun: str) -> BulkAction:
    return BulkAction(
        "o", "Set owner", SetOwner,
        lambda context, editor: [editor.person_field(context, "owner", "Owner")],
        lambda m: {"owner": m.owner},
        intro=f"Who decides about these {noun}; (nobody): no owner.",
    )


class RenewalsPane(InventoryPane):
    PANE_ID = "renewals"
    TITLE = "Renewals"
    DESCRIPTION = "subscriptions, licenses, domains…; cancel by = next renewal − notice days"
    SPEC = RENEWALS
    KIND = RENEWAL
    NOUN = "renewal"
    PLURAL = "renewals"
    COLUMNS = COLUMNS
    FILTER_HINT = "name, vendor, kind or owner"
    PERSON_FIELD = "owner"
    BULK_ACTIONS = (owner_action("renewals"),)

    def render_row(self, row: Row) -> Sequence[Text]:
        as_of = self.context.as_of if self.context else date.today()
        return renewal_cells(row, as_of)

    @classmethod
    def detail_view(cls, db: Database, row_id: int, context: InventoryContext) -> DetailView:
        return renewal_view(db, row_id, context)

    def form_fields(self, context: InventoryContext, editor: EditController) -> list[FormField]:
        return [
            TextField("name", "Name", required=True, placeholder="Microsoft 365 Business Premium"),
            TextField("vendor", "Vendor"),
            SelectField("kind", "Kind", enum_choices(RenewalKind), allow_blank=False),
            IntegerField("quantity", "Quantity", minimum=0, maximum=1_000_000, placeholder="1"),
            MoneyField("unit_cost", "Unit cost", required=True, hint="Per unit, per period.",
                       **context.money()),
            IntegerField("period_months", "Every (months)", minimum=1, maximum=120, placeholder="12"),
            DateField("next_renewal", "Next renewal", required=True),
            BoolField("auto_renew", "Auto-renew", text="renews unless cancelled"),
            IntegerField("notice_days", "Notice days", minimum=0, maximum=3650, placeholder="0",
                         hint="Cancel by = next renewal − notice days."),
            RateField("escalation_rate", "Escalation", hint="Yearly price rise: 0.05 is 5 %.",
                      **context.rates()),
            DateField("end_date", "Ends"),
            editor.person_field(context, "owner", "Owner"),
            TextField("notes", "Notes"),
        ]

    def new_values(self, context: InventoryContext) -> dict[str, Any]:
        return {"kind": RenewalKind.SUBSCRIPTION.value, "quantity": 1, "period_months": 12, "auto_renew": True}
