"""Contracts: MSP, telecom, leases, maintenance, support, cloud; paged, with editing."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from rich.text import Text
from sqlite_utils import Database

from itroad.domain.enums import ContractKind
from itroad.domain.models import Contract
from itroad.domain.money import format_money, round_money
from itroad.planning.attention import contract_badges
from itroad.planning.recurrence import contract_current_term, contract_notice
from itroad.store.browse import CONTRACTS
from itroad.store.editing import load_record
from itroad.store.kinds import CONTRACT
from itroad.store.lookups import contract_asset_titles
from itroad.store.records import contract_from_row
from itroad.tui.cells import date_cell, enum_label, money_cell, months_label, number_cell, text_cell, yes_no
from itroad.tui.data import InventoryContext
from itroad.tui.editing import EditController
from itroad.tui.forms import (
    BoolField,
    DateField,
    FormField,
    IntegerField,
    ListField,
    MoneyField,
    SelectField,
    TextField,
    enum_choices,
)
from itroad.tui.panes.inventory import InventoryPane
from itroad.tui.panes.render import badge_cell, badge_texts, person_text
from itroad.tui.panes.renewals import owner_action
from itroad.tui.widgets.detail_panel import DetailView
from itroad.tui.widgets.page_source import Row
from itroad.tui.widgets.table_columns import TableColumn

#: What to decide soon comes first, so that it fits in 80 columns; the rest scrolls (→).
#: Widths are least widths: columns widen to their cells where the screen has room.
COLUMNS = (
    TableColumn("Title", 24, "title", key="title", maximum=48, grow=True),
    TableColumn("End", 10, "end", key="end"),
    TableColumn("Cancel by", 10, key="cancel_by"),
    TableColumn("Badges", 16, key="badges", maximum=32),
    TableColumn("Amount", 10, "amount_cents", "right", key="amount"),
    TableColumn("Every", 6, "period_months", key="period"),
    TableColumn("Auto", 4, "auto_renew", key="auto"),
    TableColumn("Notice", 6, "notice_days", "right", key="notice"),
    TableColumn("Vendor", 18, "vendor", key="vendor", maximum=28),
    TableColumn("Kind", 11, "kind", key="kind", maximum=20),
    TableColumn("Start", 10, "start", key="start"),
    TableColumn("Owner", 18, "person", key="owner", maximum=28),
)


def contract_of(row: Row) -> Contract:
    """The contract a list row describes (enough of it for dates and badges)."""
    return contract_from_row({**row, "owner_id": None, "notes": None}, {})


def contract_cells(row: Row, as_of: date) -> list[Text]:
    contract = contract_of(row)
    notice = contract_notice(contract, as_of)
    return [
        text_cell(contract.title),
        date_cell(contract.end) if contract.end else text_cell("open-ended", style="dim"),
        date_cell(notice.cancel_by) if notice else text_cell(""),
        badge_cell(contract_badges(contract, as_of)),
        money_cell(contract.amount),
        text_cell(months_label(contract.period_months)),
        yes_no(contract.auto_renew),
        number_cell(contract.notice_days),
        text_cell(contract.vendor),
        text_cell(enum_label(contract.kind)),
        date_cell(contract.start),
        text_cell(row["person"]),
    ]


def contract_view(db: Database, row_id: int, context: InventoryContext) -> DetailView:
    contract, _version, _client = load_record(db, CONTRACT, row_id)
    assert isinstance(contract, Contract)
    as_of, currency = context.as_of, context.client.currency
    notice = contract_notice(contract, as_of)
    term = contract_current_term(contract, as_of)
    if notice is None:
        cancel = "no end date" if contract.end is None else "the contract has ended"
    elif notice.missed:
        cancel = f"{notice.cancel_by.isoformat()}: notice window MISSED ({-notice.days_left} days ago)"
    else:
        cancel = f"{notice.cancel_by.isoformat()} (in {notice.days_left} days)"
    if term is None:
        current = "ended"
    else:
        current = f"{term[0].isoformat()} – {term[1].isoformat() if term[1] else 'open-ended'}"
    per_year = ""
    if contract.period_months:
        per_year = format_money(round_money(contract.amount * Decimal(12) / contract.period_months),
                                currency)
    assets = contract_asset_titles(db, row_id)
    pairs = [
        ("Title", contract.title),
        ("Vendor", contract.vendor or ""),
        ("Kind", enum_label(contract.kind)),
        ("Owner", person_text(context, contract.owner)),
        ("Start", contract.start.isoformat()),
        ("End", contract.end.isoformat() if contract.end else "open-ended"),
        ("Amount", format_money(contract.amount, currency)),
        ("Every", months_label(contract.period_months)),
        ("About a year", per_year),
        ("Auto-renew", "yes" if contract.auto_renew else "no"),
        ("Renewal term", f"{contract.renewal_term_months} months" if contract.renewal_term_months else ""),
        ("Current term", current),
        ("Cancel by", cancel),
        ("Notice", f"{contract.notice_days} days"),
        ("Assets", "; ".join(f"{tag} {name}" for tag, name in assets)),
    ]
    return DetailView(contract.title, badge_texts(contract_badges(contract, as_of)), tuple(pairs),
                      (("Notes", contract.notes or ""),))


class ContractsPane(InventoryPane):
    PANE_ID = "contracts"
    TITLE = "Contracts"
    DESCRIPTION = "service contracts; cancel by = end of the current term − notice days"
    SPEC = CONTRACTS
    KIND = CONTRACT
    NOUN = "contract"
    PLURAL = "contracts"
    COLUMNS = COLUMNS
    FILTER_HINT = "title, vendor, kind or owner"
    PERSON_FIELD = "owner"
    BULK_ACTIONS = (owner_action("contracts"),)

    def render_row(self, row: Row) -> Sequence[Text]:
        as_of = self.context.as_of if self.context else date.today()
        return contract_cells(row, as_of)

    @classmethod
    def detail_view(cls, db: Database, row_id: int, context: InventoryContext) -> DetailView:
        return contract_view(db, row_id, context)

    def form_fields(self, context: InventoryContext, editor: EditController) -> list[FormField]:
        return [
            TextField("title", "Title", required=True, placeholder="Managed services"),
            TextField("vendor", "Vendor"),
            SelectField("kind", "Kind", enum_choices(ContractKind), allow_blank=False),
            DateField("start", "Start", required=True),
            DateField("end", "End", hint="Blank: open-ended."),
            MoneyField("amount", "Amount", required=True, hint="Per payment.",
                       **context.money()),
            IntegerField("period_months", "Every (months)", minimum=0, maximum=120, placeholder="1",
                         hint="0: one payment on the start date."),
            BoolField("auto_renew", "Auto-renew", text="renews term after term unless cancelled"),
            IntegerField("renewal_term_months", "Renewal term", minimum=1, maximum=120,
                         hint="Months; blank: as long as the first term."),
            IntegerField("notice_days", "Notice days", minimum=0, maximum=3650, placeholder="0",
                         hint="Cancel by = end of term − notice days."),
            editor.person_field(context, "owner", "Owner"),
            ListField("assets", "Assets", placeholder="tags, comma-separated",
                      hint="The assets this contract covers (their tags)."),
            TextField("notes", "Notes"),
        ]

    def new_values(self, context: InventoryContext) -> dict[str, Any]:
        return {"kind": ContractKind.OTHER.value, "period_months": 1}

    def copy_values(self, model: Any, context: InventoryContext) -> dict[str, Any]:
        values = model.model_dump()
        values["assets"] = []  # the covered assets belong to the original
        return values
