"""Hardware: the client's assets, paged from SQLite, with badges, details and editing."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from pydantic import BaseModel
from rich.text import Text
from sqlite_utils import Database

from itroad.domain.enums import CURRENT_ASSET_STATUSES, AssetStatus
from itroad.domain.models import Asset
from itroad.domain.money import format_money
from itroad.domain.types import IsoDate, Name
from itroad.domain.types import Text as TextValue
from itroad.planning.attention import asset_badges
from itroad.planning.calendar import fiscal_year_label
from itroad.planning.lifecycle import replacement_due, schedule_asset
from itroad.store.browse import ASSETS
from itroad.store.editing import load_record
from itroad.store.kinds import ASSET
from itroad.store.lookups import asset_links
from itroad.store.rows import day, money
from itroad.tui.cells import date_cell, enum_label, money_cell, text_cell
from itroad.tui.data import InventoryContext
from itroad.tui.editing import BulkAction, EditController
from itroad.tui.forms import (
    DateField,
    FormField,
    IntegerField,
    MoneyField,
    SelectField,
    TextField,
    enum_choices,
)
from itroad.tui.panes.inventory import InventoryPane, StatusFilter
from itroad.tui.panes.render import badge_cell, badge_texts, person_text
from itroad.tui.widgets.detail_panel import DetailView
from itroad.tui.widgets.page_source import Row
from itroad.tui.widgets.table_columns import TableColumn

#: Tag, name, status, badges and person fit in 80 columns; the rest scrolls (→).
#: Widths are least widths: columns widen to their cells where the screen has room.
COLUMNS = (
    TableColumn("Tag", 10, "tag", key="tag"),
    TableColumn("Name", 18, "name", key="name", maximum=48, grow=True),
    TableColumn("Status", 9, "status", key="status"),
    TableColumn("Badges", 20, key="badges", maximum=32),
    TableColumn("Assigned to", 16, "person", key="assigned", maximum=28),
    TableColumn("Site", 16, "site", key="site", maximum=28),
    TableColumn("Category", 12, "category", key="category", maximum=20),
    TableColumn("Model", 24, "model", key="model", maximum=36),
    TableColumn("Serial", 14, "serial", key="serial", maximum=24),
    TableColumn("Purchased", 10, "purchase_date", key="purchased"),
    TableColumn("Warranty end", 12, "warranty_end", key="warranty"),
    TableColumn("Replace by", 10, "replace_due", key="due"),
    TableColumn("Cost", 10, "purchase_cost_cents", "right", key="cost"),
)

STATUS_FILTERS = (
    StatusFilter("all", ()),
    StatusFilter("current", CURRENT_ASSET_STATUSES),
    *(StatusFilter(enum_label(status), (status.value,)) for status in AssetStatus),
)


def asset_cells(row: Row, as_of: date) -> list[Text]:
    """One asset row as cells: retired and disposed ones dimmed, badges in words."""
    status = row["status"]
    style = "" if status in CURRENT_ASSET_STATUSES else "dim"
    badges = asset_badges(status, day(row["replace_due"]), day(row["warranty_end"]),
                          day(row["purchase_date"]), as_of)
    model = " ".join(part for part in (row["manufacturer"], row["model"]) if part)
    return [
        text_cell(row["tag"], style=style),
        text_cell(row["name"], style=style),
        text_cell(enum_label(status), style=style),
        badge_cell(badges),
        text_cell(row["person"], style=style),
        text_cell(row["site"], style=style),
        text_cell(row["category"], style=style),
        text_cell(model, style=style),
        text_cell(row["serial"], style=style),
        date_cell(day(row["purchase_date"]), style=style),
        date_cell(day(row["warranty_end"]), style=style),
        date_cell(day(row["replace_due"]), style=style),
        money_cell(money(row["purchase_cost_cents"]), style=style),
    ]


def asset_view(db: Database, row_id: int, context: InventoryContext) -> DetailView:
    """Every field of an asset, with its replacement date and cost as the schedule has them."""
    asset, _version, _client = load_record(db, ASSET, row_id)
    assert isinstance(asset, Asset)
    links = asset_links(db, row_id)
    client = context.client
    currency = client.currency
    policy = context.policies.get(asset.category)
    due, basis = replacement_due(asset, policy)
    scheduled = schedule_asset(asset, policy, context.as_of, start_month=client.fiscal_year_start_month,
                               rate=client.escalation_rate)
    if scheduled is None:
        replace_by = f"not planned ({enum_label(asset.status)})"
        cost = ""
    elif scheduled.unscheduled:
        replace_by = basis
        cost = format_money(scheduled.cost, currency) if scheduled.cost is not None else "unknown"
    else:
        assert due is not None  # scheduled, so dated
        replace_by = f"{due.isoformat()}{' OVERDUE' if scheduled.overdue else ''} ({basis})"
        cost = "unknown: no policy cost, no purchase cost"
        if scheduled.cost is not None:
            cost = format_money(scheduled.cost, currency)
            if scheduled.fiscal_year is not None:
                cost += f" in {fiscal_year_label(scheduled.fiscal_year)}"
            if scheduled.base_cost is not None and scheduled.base_cost != scheduled.cost:
                cost += f" (today {format_money(scheduled.base_cost)})"
    if asset.lifecycle_months:
        lifecycle = f"{asset.lifecycle_months} months (this asset)"
    elif policy is not None:
        lifecycle = f"{policy.lifecycle_months} months ({asset.category} policy)"
    else:
        lifecycle = f'no policy for "{asset.category}"'
    badges = asset_badges(asset.status.value, due if scheduled else None, asset.warranty_end,
                          asset.purchase_date, context.as_of)
    # What a review asks first (when, how much, who, what), so that it shows without
    # scrolling at 80×24; then the rest of the record.
    # The title names the tag and the name.
    pairs = [
        ("Status", enum_label(asset.status)),
        ("Replace by", replace_by),
        ("Replacement", cost),
        ("Assigned to", person_text(context, asset.assigned_to)),
        ("Model", " ".join(part for part in (asset.manufacturer, asset.model) if part)),
        ("Lifecycle", lifecycle),
        ("Category", asset.category),
        ("Site", asset.site or ""),
        ("Warranty end", asset.warranty_end.isoformat() if asset.warranty_end else ""),
        ("Purchased", asset.purchase_date.isoformat() if asset.purchase_date else ""),
        ("Purchase cost", format_money(asset.purchase_cost, currency)),
        ("Serial", asset.serial or ""),
        ("OS", asset.os or ""),
        ("Deferred to", asset.replace_on.isoformat() if asset.replace_on else ""),
        ("Reason", asset.replace_reason or ""),
        ("Contracts", "; ".join(link.title for link in links.contracts)),
        ("Initiatives", "; ".join(f"{link.title} ({link.detail})" for link in links.initiatives)),
    ]
    return DetailView(f"{asset.tag}  {asset.name}", badge_texts(badges), tuple(pairs),
                      (("Notes", asset.notes or ""),))


# -- bulk actions ----------------------------------------------------------------------


class SetStatus(BaseModel):
    status: AssetStatus


class SetSite(BaseModel):
    site: TextValue | None = None


class AssignTo(BaseModel):
    assigned_to: TextValue | None = None


class Defer(BaseModel):
    replace_on: IsoDate
    replace_reason: Name


BULK_ACTIONS = (
    BulkAction(
        "t", "Set status", SetStatus,
        lambda context, editor: [SelectField("status", "Status", enum_choices(AssetStatus),
                                             allow_blank=False)],
        lambda m: {"status": m.status.value},
    ),
    BulkAction(
        "s", "Set site", SetSite,
        lambda context, editor: [editor.site_field(context)],
        lambda m: {"site": m.site},
        intro="Blank: no site.",
    ),
    BulkAction(
        "p", "Assign to person", AssignTo,
        lambda context, editor: [editor.person_field(context, "assigned_to", "Assigned to")],
        lambda m: {"assigned_to": m.assigned_to},
        intro="(nobody): unassign.",
    ),
    BulkAction(
        "r", "Defer replacement", Defer,
        lambda context, editor: [
            DateField("replace_on", "Replace on", required=True),
            TextField("replace_reason", "Reason", required=True, placeholder="why it can wait"),
        ],
        lambda m: {"replace_on": m.replace_on, "replace_reason": m.replace_reason},
        intro="The replacement is planned on this date instead of the lifecycle's.",
    ),
)


class HardwarePane(InventoryPane):
    PANE_ID = "hardware"
    TITLE = "Hardware"
    DESCRIPTION = "the client's assets with badges for what needs attention; retired ones dimmed"
    SPEC = ASSETS
    KIND = ASSET
    NOUN = "asset"
    PLURAL = "assets"
    COLUMNS = COLUMNS
    FILTER_HINT = "tag, name, serial, model, maker, site or person"
    STATUS_FILTERS = STATUS_FILTERS
    PERSON_FIELD = "assigned_to"
    BULK_ACTIONS = BULK_ACTIONS
    RETIRE = {"status": AssetStatus.RETIRED.value}

    def render_row(self, row: Row) -> Sequence[Text]:
        as_of = self.context.as_of if self.context else date.today()
        return asset_cells(row, as_of)

    @classmethod
    def detail_view(cls, db: Database, row_id: int, context: InventoryContext) -> DetailView:
        return asset_view(db, row_id, context)

    def row_label(self, row: Row) -> str:
        return f'asset {row["tag"]} "{row["name"]}"'

    def label(self, model: Any) -> str:
        return f"asset {model.tag}"

    def form_fields(self, context: InventoryContext, editor: EditController) -> list[FormField]:
        return [
            TextField("tag", "Tag", required=True, placeholder="ACME-0042"),
            TextField("name", "Name", required=True, placeholder="Front desk PC"),
            editor.text_choice_field("category", "Category", context.categories, noun="category",
                                     required=True, blank_label="(choose)", lower=True),
            SelectField("status", "Status", enum_choices(AssetStatus), allow_blank=False),
            editor.person_field(context, "assigned_to", "Assigned to"),
            editor.site_field(context),
            TextField("manufacturer", "Manufacturer"),
            TextField("model", "Model"),
            TextField("serial", "Serial"),
            TextField("os", "OS"),
            DateField("purchase_date", "Purchased"),
            MoneyField("purchase_cost", "Purchase cost", **context.money()),
            DateField("warranty_end", "Warranty end"),
            IntegerField("lifecycle_months", "Lifecycle months", minimum=1, maximum=600,
                         hint="Blank: the category's policy."),
            MoneyField("replacement_cost", "Replacement cost",
                       hint="Blank: the policy's cost, else the purchase cost.", **context.money()),
            DateField("replace_on", "Replace on", hint="Set to defer the replacement (give a reason)."),
            TextField("replace_reason", "Reason"),
            TextField("notes", "Notes"),
        ]

    def new_values(self, context: InventoryContext) -> dict[str, Any]:
        return {"status": AssetStatus.IN_USE.value}

    def copy_values(self, model: Any, context: InventoryContext) -> dict[str, Any]:
        values = model.model_dump()
        values["serial"] = None  # each unit has its own
        return values
