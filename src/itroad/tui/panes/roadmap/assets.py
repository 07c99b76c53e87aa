"""Picking the assets an initiative replaces (``l``; ``L`` starts a new initiative from them).

The client's current assets by due date, filtered by category (``c``) and due
date (``f``); ``space`` marks one, ``a`` marks every one shown, and the quick
pick (``g``) marks a whole group in one action — "laptop: all 10 due in
FY2027". The status line says what the marked assets will add to the
initiative's budget (their replacement cost, escalated to the fiscal year of its
start): that amount leaves the hardware line of the forecast. Enter links them.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import DataTable, Select, Static

from itroad.domain.money import ZERO, format_money
from itroad.planning.roadmap import AssetGroup, Candidate, asset_groups
from itroad.tui.cells import text_cell
from itroad.tui.widgets.dialog import Dialog


@dataclass(frozen=True)
class DueFilter:
    label: str
    fiscal_year: int | None = None  # due in this fiscal year
    overdue: bool = False
    undated: bool = False

    def keep(self, c: Candidate) -> bool:
        if self.overdue:
            return c.overdue
        if self.undated:
            return c.due is None
        if self.fiscal_year is not None:
            return not c.overdue and c.fiscal_year == self.fiscal_year
        return True


@dataclass(frozen=True)
class Picked:
    """What the picker dismisses with: the tags to link, and the quick pick used (if one)."""

    tags: tuple[str, ...]
    group: AssetGroup | None = None


class AssetPicker(Dialog[Picked | None]):
    DEFAULT_CSS = """
    AssetPicker > .dialog--frame {
        width: 100%;
        height: 100%;
    }
    AssetPicker #picker-group {
        width: 1fr;
    }
    AssetPicker #picker-filters, AssetPicker #picker-summary {
        height: 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    AssetPicker #picker-summary {
        text-style: bold;
    }
    AssetPicker DataTable {
        height: 1fr;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "mark", "Mark", tooltip="Mark or unmark the asset (and move down)"),
        Binding("a", "mark_all", "Mark all shown",
                tooltip="Mark every asset shown (again: unmark them)"),
        Binding("c", "category(1)", "Category", tooltip="Show the next category (C: previous)"),
        Binding("C", "category(-1)", "Previous category", show=False),
        Binding("f", "due(1)", "Due", tooltip="Show assets due: any time, overdue, in a fiscal year… (F: back)"),
        Binding("F", "due(-1)", "Previous due filter", show=False),
        Binding("g", "quick", "Quick pick",
                tooltip="Mark a whole group: a category due in a fiscal year (or overdue)"),
        Binding("ctrl+s", "done", "Link", tooltip="Link the marked assets (Enter too)"),
    ]

    def __init__(self, title: str, candidates: list[Candidate], marked: set[str],
                 first_fiscal_year: int, *, intro: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.candidates = candidates
        self.marked = {tag.casefold() for tag in marked}
        self.intro = intro
        self.categories = [None, *sorted({c.category for c in candidates}, key=str.casefold)]
        years = sorted({c.fiscal_year for c in candidates if c.fiscal_year and not c.overdue})
        self.dues = [DueFilter("any time"), DueFilter("overdue", overdue=True),
                     *[DueFilter(f"FY{y}", fiscal_year=y) for y in years if y >= first_fiscal_year],
                     DueFilter("no date (needs data)", undated=True)]
        self.groups = asset_groups(candidates)
        self.category = 0
        self.due = 0
        self.group: AssetGroup | None = None
        self.shown: list[Candidate] = []

    def compose(self) -> ComposeResult:
        # The title is user text: the frame never reads it as markup.
        with self.frame(self.title_text, "space mark · a all shown · c category · f due · "
                        "g quick pick · Enter link · Esc cancel"):
            if self.intro:
                yield Static(Content(self.intro), id="picker-intro")
            yield Select([(Content(g.label), n) for n, g in enumerate(self.groups)],
                         prompt="Quick pick (g): a whole group in one go…", compact=True,
                         id="picker-group")
            yield Static("", id="picker-filters", markup=False)
            yield DataTable(cursor_type="row", zebra_stripes=True, id="picker-table")
            yield Static("", id="picker-summary", markup=False)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("  Tag", key="tag")
        table.add_column("Name", key="name")
        table.add_column("Category", key="category")
        table.add_column("Due", key="due")
        table.add_column(Text("Cost", justify="right"), key="cost")
        table.add_column("Also in", key="elsewhere")
        self.refill()
        table.focus()

    # -- contents ----------------------------------------------------------------------

    def _tag(self, c: Candidate) -> Text:
        """The tag, with ``●`` in front when marked."""
        marked = c.tag.casefold() in self.marked
        cell = Text("● " if marked else "  ", style="bold")
        cell.append_text(text_cell(c.tag, limit=12, style="bold" if marked else ""))
        return cell

    def refill(self) -> None:
        table = self.query_one(DataTable)
        category = self.categories[self.category]
        due = self.dues[self.due]
        self.shown = [c for c in self.candidates
                      if (category is None or c.category == category) and due.keep(c)]
        current = table.cursor_row
        table.clear()
        for c in self.shown:
            if c.due is None:
                when = Text("needs data", style="italic")
            else:
                when = Text(c.due.isoformat() + (" late" if c.overdue else ""),
                            style="bold" if c.overdue else "")
            table.add_row(
                self._tag(c), text_cell(c.name, limit=18),
                text_cell(c.category, limit=12), when,
                Text(format_money(c.cost) if c.cost is not None else "?", justify="right"),
                text_cell(", ".join(c.elsewhere), limit=30, style="italic"),
                key=c.tag)
        if self.shown:
            table.move_cursor(row=min(current, len(self.shown) - 1))
        self.query_one("#picker-filters", Static).update(Content.assemble(
            "Category: ", (category or "all", "bold"), " (c) · Due: ", (due.label, "bold"),
            f" (f) · {len(self.shown)} of {len(self.candidates)} shown"))
        self.update_summary()

    @property
    def marked_candidates(self) -> list[Candidate]:
        return [c for c in self.candidates if c.tag.casefold() in self.marked]

    @property
    def marked_cost(self) -> Decimal:
        return sum((c.cost or ZERO for c in self.marked_candidates), ZERO)

    def update_summary(self) -> None:
        marked = self.marked_candidates
        if not marked:
            text = "Nothing marked: space marks an asset, a every one shown, g a whole group."
        else:
            noun = "asset" if len(marked) == 1 else "assets"
            text = (f"{len(marked)} {noun} marked: {format_money(self.marked_cost)} joins the "
                    "initiative's budget and leaves the hardware line. Enter links them.")
        self.query_one("#picker-summary", Static).update(Content(text))

    def _redraw_marks(self) -> None:
        table = self.query_one(DataTable)
        for c in self.shown:
            table.update_cell(c.tag, "tag", self._tag(c))
        self.update_summary()

    # -- actions -----------------------------------------------------------------------

    def action_mark(self) -> None:
        table = self.query_one(DataTable)
        if not self.shown:
            return
        c = self.shown[table.cursor_row]
        key = c.tag.casefold()
        self.marked.symmetric_difference_update({key})
        self.group = None
        self._redraw_marks()
        table.action_cursor_down()

    def action_mark_all(self) -> None:
        keys = {c.tag.casefold() for c in self.shown}
        if keys and keys <= self.marked:
            self.marked -= keys
        else:
            self.marked |= keys
        self.group = None
        self._redraw_marks()

    def action_category(self, step: int) -> None:
        self.category = (self.category + step) % len(self.categories)
        self.refill()

    def action_due(self, step: int) -> None:
        self.due = (self.due + step) % len(self.dues)
        self.refill()

    def action_quick(self) -> None:
        select = self.query_one("#picker-group", Select)
        select.focus()
        select.action_show_overlay()

    @on(Select.Changed, "#picker-group")
    def _group_chosen(self, event: Select.Changed) -> None:
        event.stop()
        if event.value is Select.NULL:
            return
        self.choose_group(self.groups[int(str(event.value))])
        self.query_one(DataTable).focus()

    def choose_group(self, group: AssetGroup) -> None:
        """Show a group and mark all of it (the one-action pick)."""
        self.category = self.categories.index(group.category)
        for n, due in enumerate(self.dues):
            if (group.fiscal_year is None and due.overdue) or (
                    group.fiscal_year is not None and due.fiscal_year == group.fiscal_year):
                self.due = n
                break
        self.marked |= {tag.casefold() for tag in group.tags}
        self.group = group
        self.refill()

    @on(DataTable.RowSelected)
    def _enter(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_done()

    def action_done(self) -> None:
        tags = tuple(c.tag for c in self.marked_candidates)
        self.dismiss(Picked(tags, self.group))

