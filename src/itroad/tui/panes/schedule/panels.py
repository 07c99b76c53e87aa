"""The Schedule tab's panels, and what each shows of the computed figures.

- :class:`ForecastPanel`: the forecast table, the row under the cursor in one
  sentence with its biggest items, the notes beside the periods;
- :class:`AssetsPanel`: the replacement schedule, its summary line and marks;
- the chart and the policies are widgets of their own
  (:mod:`~itroad.tui.panes.schedule.chart`, :mod:`~itroad.tui.panes.schedule.policies`);
- the tab's one-line texts: the view bar (80×24), the what-if banner, captions.

The panels fill themselves from :class:`~itroad.tui.panes.schedule.figures.Computed`;
what to show (the view, the settings, the what-if) is the pane's.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.color import Color
from textual.containers import Vertical
from textual.dom import DOMNode
from textual.widgets import Static

from itroad.domain.money import format_money
from itroad.tui.panes.schedule.figures import Computed, Settings
from itroad.tui.panes.schedule.replacements import ScheduleRows
from itroad.tui.panes.schedule.rows import DEFAULT_STYLES, Row, driver_lines, headline
from itroad.tui.widgets.record_table import RecordTable

VIEWS = ("forecast", "chart", "assets", "policies")
VIEW_KEYS = {"forecast": "t", "chart": "v", "assets": "a", "policies": "p"}
VIEW_TITLES = {
    "forecast": "Forecast",
    "chart": "Chart",
    "assets": "Replacements",
    "policies": "Policies",
}
MARK = "✓"


def theme_styles(node: DOMNode) -> dict[str, str]:
    """The flags' Rich styles in the colours of the app's theme."""
    variables = node.app.theme_variables

    def colour(name: str, fallback: str) -> str:
        try:
            return Color.parse(variables.get(name, fallback)).rich_color.name
        except Exception:  # noqa: BLE001 - a theme without the colour: plain text
            return fallback

    return {
        **DEFAULT_STYLES,
        "over": f"bold {colour('error', 'red')}",
        "ok": colour("success", "green"),
    }


def caption_text(
    settings: Settings, first_fy: int | None, keys: str, *, what_if: bool, chart: bool, stacked: bool
) -> Text:
    """``Fiscal years FY2027–FY2029 · by line  m Q Y period …`` over the table or the chart."""
    caption = settings.caption(first_fy)
    if what_if:
        caption = caption.rsplit(" · ", 1)[0] + " · baseline vs what-if"
    elif chart:
        caption += " · stacked" if stacked else " · side by side"
    return Text.assemble((caption, "bold"), "  ", (keys, "dim"), no_wrap=True, overflow="ellipsis")


def banner_text(phrases: Sequence[str]) -> Text:
    """The what-if's line: what it changes, and the keys that end it."""
    said = "; ".join(phrases) if phrases else "change a policy (p), the rate (e) or dates (a, f)"
    return Text.assemble(
        ("WHAT-IF ", "bold"), ("(nothing saved): ", "italic"), said, "   ",
        ("A apply · D discard · w leave", "bold"),
        no_wrap=True, overflow="ellipsis",
    )


def viewbar_text(current: str) -> Text:
    """The views and their keys, the current one highlighted (80×24: one view at a time)."""
    parts: list[tuple[str, str] | str] = [" "]
    for view in VIEWS:
        label = f" {VIEW_KEYS[view]} {VIEW_TITLES[view]} "
        parts.append((label, "reverse bold" if view == current else ""))
        parts.append(" ")
    parts.append(("│ w what-if  e escalation  ? help", "dim"))
    return Text.assemble(*parts, no_wrap=True, overflow="ellipsis")


class ForecastTable(RecordTable):
    """The forecast, a row per period; the period column stays put when scrolling sideways."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.fixed_columns = 1
        self.zebra_stripes = False


class ScheduleTable(RecordTable):
    """The replacement schedule."""


class ForecastPanel(Vertical):
    """The forecast table; under it, the row under the cursor and what it is made of."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.border_title = "Forecast (t)"

    def compose(self) -> ComposeResult:
        yield Static("", id="forecast-caption", classes="line", markup=False)
        yield ForecastTable(id="forecast-table")
        yield Static("", id="forecast-headline", classes="line", markup=False)
        yield Static("", id="forecast-drivers", markup=False)
        yield Static("", id="forecast-notes", classes="line", markup=False)

    @property
    def table(self) -> ForecastTable:
        return self.query_one(ForecastTable)

    def show_caption(self, caption: Text) -> None:
        self.query_one("#forecast-caption", Static).update(caption)

    def show(self, result: Computed, key: str) -> None:
        """The table with the cursor on row ``key`` (when there is one), and the notes."""
        table = self.table
        table.show(result.table)
        if key in result.table.keys:
            table.move_cursor(row=result.table.keys.index(key), animate=False)
        self.query_one("#forecast-notes", Static).update(result.notes)

    def show_row(self, row: Row | None, currency: str, styles: dict[str, str]) -> None:
        """The row in one sentence and its ten biggest items (nothing: ``row`` None)."""
        headline_line = self.query_one("#forecast-headline", Static)
        drivers = self.query_one("#forecast-drivers", Static)
        if row is None:
            headline_line.update("")
            drivers.update("")
            return
        headline_line.update(headline(row, currency, styles))
        lines = driver_lines(row, limit=10)
        if not lines:
            lines = [Text("Nothing counted in this period.", style="dim")]
        drivers.update(Text("\n").join(lines))


class AssetsPanel(Vertical):
    """The replacement schedule: a summary line, then the table; rows can be marked."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.border_title = "Replacements (a)"
        #: The tags of the marked rows (``f`` and ``b`` act on all of them).
        self.marks: set[str] = set()

    def compose(self) -> ComposeResult:
        yield Static("", id="assets-summary", classes="line", markup=False)
        yield ScheduleTable(id="schedule-table")

    @property
    def table(self) -> ScheduleTable:
        return self.query_one(ScheduleTable)

    def show(self, result: Computed) -> None:
        """The schedule of ``result``; marks of rows still shown stay."""
        table = self.table
        table.show(result.schedule)
        self.marks &= set(result.schedule.keys)
        for key in self.marks:
            table.update_cell(key, "mark", Text(MARK, style="bold"))
        self.show_summary(result)

    def toggle_mark(self) -> bool:
        """Mark or unmark the row under the cursor, then go down a row; False: no row."""
        table = self.table
        key = table.current_key
        if key is None:
            return False
        if key in self.marks:
            self.marks.discard(key)
            table.update_cell(key, "mark", Text(""))
        else:
            self.marks.add(key)
            table.update_cell(key, "mark", Text(MARK, style="bold"))
        if table.cursor_row < table.row_count - 1:
            table.move_cursor(row=table.cursor_row + 1, animate=False)
        return True

    def selected_keys(self, keys: Iterable[str]) -> list[str]:
        """The marked rows in table order (``keys``), else the row under the cursor."""
        if self.marks:
            return [key for key in keys if key in self.marks]
        key = self.table.current_key
        return [] if key is None else [key]

    def show_summary(self, result: Computed) -> None:
        shown = result.scenario or result.baseline
        parts: list[tuple[str, str] | str] = []
        if shown.overdue.count:
            parts.append((f"Overdue {shown.overdue.count}", "bold"))
            parts.append(f" · {format_money(shown.overdue.amount)}  ")
        if shown.unscheduled.count:
            parts.append((f"Needs data {shown.unscheduled.count}", "bold"))
            parts.append(f" · {format_money(shown.unscheduled.amount)}  ")
        schedule = result.schedule
        total = schedule.total if isinstance(schedule, ScheduleRows) else len(schedule.rows)
        if total > len(schedule.rows):
            parts.append((f"the first {len(schedule.rows):,} of {total:,}  ", "italic"))
        if self.marks:
            parts.append((f"{len(self.marks)} marked", "bold reverse"))
            parts.append(" · ")
        parts.append(("space mark · f defer · b forward", "dim"))
        self.query_one("#assets-summary", Static).update(
            Text.assemble(*parts, no_wrap=True, overflow="ellipsis")
        )
