"""The roadmap as a timeline: fiscal quarters across, initiatives as bars, grouped by category.

Lines, top to bottom: the quarter labels; per category a heading and a bar per
initiative (scrolling when there are many); then the chosen initiative's slice of
each quarter (what it counts there: its one-time budget's share and its monthly
cost) with its whole one-time budget in the label, and the committed and the
proposed budget of each quarter, always in view: the slices of a quarter add up
to its two totals. The glyph says what a bar is, colour
only helps (16 colours, NO_COLOR):

    ████  committed (approved, in progress, done)    ░░░░  proposed
    ┄┄┄┄  deferred or cancelled (counts nowhere)       ┈┈┈┈  its monthly cost, after the end

``←``/``→`` show earlier or later quarters; ``↑``/``↓`` choose an initiative;
the tab's keys (``<``/``>`` shift it a quarter, ``a`` advance, ``e`` edit…) act
on the one chosen.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import BindingType
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from itroad.planning.calendar import quarter_index_label
from itroad.planning.roadmap import PlannedInitiative, group_by_category
from itroad.tui.cells import clean
from itroad.tui.keys import row_keys, sideways_keys
from itroad.tui.panes.roadmap.view import RoadmapItem, RoadmapView, money_short

CELL = 11  # a quarter: 10 cells and a gap
MIN_LABEL = 24
MAX_LABEL = 34
FOOTER_LINES = 4  # rule, the chosen initiative's slices, committed, proposed

COMMITTED_BAR = "█"
PROPOSED_BAR = "░"
IDLE_BAR = "┄"
RECURRING = "┈"
LEGEND = "█ committed ░ proposed ┄ not counted ┈ monthly"


@dataclass(frozen=True)
class Line:
    """A body line: a category heading (``item`` None) or an initiative."""

    label: str
    item: RoadmapItem | None = None


class Timeline(Widget, can_focus=True):
    """Quarters across, initiatives down; the budget per quarter at the bottom."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *row_keys(up="cursor(-1)", down="cursor(1)", first="cursor(-1000)", last="cursor(1000)",
                  help={"up": "Previous initiative", "down": "Next initiative",
                        "first": "First initiative", "last": "Last initiative"}),
        *sideways_keys(left="pan(-1)", right="pan(1)",
                       help={"left": "Earlier quarters", "right": "Later quarters"},
                       keys={"left": "left,left_square_bracket",
                             "right": "right,right_square_bracket"}),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "timeline--header",
        "timeline--group",
        "timeline--committed",
        "timeline--proposed",
        "timeline--idle",
        "timeline--recurring",
        "timeline--cursor",
        "timeline--flag",
        "timeline--totals",
        "timeline--current",
    }

    DEFAULT_CSS = """
    Timeline {
        height: 1fr;
        background: $surface;
        color: $foreground;
        & > .timeline--header { text-style: bold; background: $panel; }
        & > .timeline--current { text-style: bold underline; background: $panel; }
        & > .timeline--group { text-style: bold; color: $text-accent; }
        & > .timeline--committed { color: $primary; }
        & > .timeline--proposed { color: $secondary; }
        & > .timeline--idle { color: $text-muted; }
        & > .timeline--recurring { color: $text-muted; }
        & > .timeline--flag { color: $text-error; text-style: bold; }
        & > .timeline--totals { text-style: bold; background: $panel; }
        & > .timeline--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
        }
        &:focus > .timeline--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: bold;
        }
    }
    """

    class Moved(Message):
        """The cursor is on another initiative (``key`` None: none)."""

        def __init__(self, key: str | None) -> None:
            super().__init__()
            self.key = key

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.view: RoadmapView | None = None
        self.lines: list[Line] = []
        self.earlier: int = 0  # initiatives that ended before the first quarter
        self.cursor = 0  # index into lines (always an initiative line when there is one)
        self.top = 0  # first body line shown
        self.first_quarter = 0  # first quarter shown (running number)

    # -- data -----------------------------------------------------------------

    def show(self, view: RoadmapView, key: str | None = None) -> None:
        """Show a view, keeping the cursor on ``key`` (the row id) when it is still there."""
        first_time = self.view is None or (
            view.roadmap is not None and self.view.roadmap is not None
            and view.roadmap.client != self.view.roadmap.client)
        self.view = view
        self.lines = []
        self.earlier = 0
        roadmap = view.roadmap
        if roadmap is not None:
            by_index = {item.planned.index: item for item in view.items}
            shown = [p for p in roadmap.initiatives if p.last >= roadmap.first]
            self.earlier = len(roadmap.initiatives) - len(shown)
            for category, planned in group_by_category(shown):
                self.lines.append(Line(category.upper()))
                for p in planned:
                    self.lines.append(Line(p.title, by_index[p.index]))
            if first_time:
                self.first_quarter = roadmap.first
        self.cursor = 0
        if key is not None:
            for n, line in enumerate(self.lines):
                if line.item is not None and line.item.key == key:
                    self.cursor = n
                    break
        self._settle_cursor(1)
        self._clamp_pan()
        self.reveal_current()
        self.refresh()

    @property
    def current(self) -> RoadmapItem | None:
        if 0 <= self.cursor < len(self.lines):
            return self.lines[self.cursor].item
        return None

    @property
    def current_key(self) -> str | None:
        item = self.current
        return item.key if item is not None else None

    def select(self, key: str | None) -> None:
        for n, line in enumerate(self.lines):
            if line.item is not None and line.item.key == key:
                self.cursor = n
                self.reveal_current()
                self.refresh()
                return

    # -- layout -----------------------------------------------------------------

    @property
    def visible_quarters(self) -> int:
        return max(1, (max(self.size.width, MIN_LABEL + CELL) - MIN_LABEL) // CELL)

    @property
    def label_width(self) -> int:
        return max(MIN_LABEL, self.size.width - self.visible_quarters * CELL)

    @property
    def body_height(self) -> int:
        return max(1, self.size.height - 1 - FOOTER_LINES)

    def quarters_shown(self) -> list[int]:
        if self.view is None or self.view.roadmap is None:
            return []
        last = self.view.roadmap.last
        return [q for q in range(self.first_quarter, self.first_quarter + self.visible_quarters)
                if q <= last]

    def _clamp_pan(self) -> None:
        roadmap = self.view.roadmap if self.view else None
        if roadmap is None:
            return
        latest = max(roadmap.first, roadmap.last - self.visible_quarters + 1)
        self.first_quarter = min(max(self.first_quarter, roadmap.first), latest)

    def reveal_current(self) -> None:
        """Scroll so that the cursor's line (and its heading when it can) is in view;
        pan so that the initiative's first quarter is in view."""
        if self.size.height > 1 + FOOTER_LINES:  # (not while hidden: no size yet)
            height = self.body_height
            # the cursor's line, with its category heading when that is just above it
            wanted = self.cursor - 1 if self.cursor and self.lines[self.cursor - 1].item is None \
                else self.cursor
            if wanted < self.top:
                self.top = wanted
            elif self.cursor >= self.top + height:
                self.top = self.cursor - height + 1
            self.top = max(0, min(self.top, max(0, len(self.lines) - height)))
        item = self.current
        if item is not None and self.view and self.view.roadmap:
            shown = self.quarters_shown()
            p = item.planned
            if shown and p.first > shown[-1]:  # later than shown: just bring its start in
                self.first_quarter = p.first - self.visible_quarters + 1
                self._clamp_pan()
            elif shown and p.last < shown[0]:  # earlier than shown
                self.first_quarter = max(p.first, self.view.roadmap.first)
                self._clamp_pan()

    def on_resize(self) -> None:
        self._clamp_pan()
        self.reveal_current()

    # -- keys ---------------------------------------------------------------------

    def _settle_cursor(self, direction: int) -> None:
        """Move the cursor off a heading, in ``direction`` (then the other way)."""
        if not self.lines:
            self.cursor = 0
            return
        self.cursor = max(0, min(self.cursor, len(self.lines) - 1))
        for step in (direction, -direction):
            n = self.cursor
            while 0 <= n < len(self.lines):
                if self.lines[n].item is not None:
                    self.cursor = n
                    return
                n += step

    def action_cursor(self, delta: int) -> None:
        before = self.current_key
        items = [n for n, line in enumerate(self.lines) if line.item is not None]
        if not items:
            return
        position = items.index(self.cursor) if self.cursor in items else 0
        position = max(0, min(len(items) - 1, position + delta))
        self.cursor = items[position]
        self.reveal_current()
        self.refresh()
        if self.current_key != before:
            self.post_message(self.Moved(self.current_key))

    def action_pan(self, delta: int) -> None:
        self.first_quarter += delta
        self._clamp_pan()
        self.refresh()

    # -- rendering ------------------------------------------------------------------

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(name)

    def _bar(self, p: PlannedInitiative, quarter: int) -> Text:
        width = CELL - 1
        if p.spans(quarter):
            if p.committed:
                return Text(COMMITTED_BAR * width, style=self._style("timeline--committed"))
            if p.proposed:
                return Text(PROPOSED_BAR * width, style=self._style("timeline--proposed"))
            return Text(IDLE_BAR * width, style=self._style("timeline--idle"))
        if quarter > p.last and p.initiative.monthly_cost and p.status.counts:
            return Text(RECURRING * width, style=self._style("timeline--recurring"))
        return Text(" " * width)

    def _label(self, text: str, width: int, flag: bool = False) -> Text:
        plain = clean(text)
        room = width - 3
        if len(plain) > room:
            plain = plain[: room - 1] + "…"
        label = Text("! " if flag else "  ", style=self._style("timeline--flag") if flag else "")
        label.append(plain.ljust(room))
        label.append(" ")
        return label

    def _header(self, width: int) -> Text:
        line = Text("  Initiative".ljust(self.label_width))
        current = self.view.roadmap.first if self.view and self.view.roadmap else None
        for q in self.quarters_shown():
            label = quarter_index_label(q).center(CELL - 1) + " "
            line.append(label, style=self._style("timeline--current") if q == current else "")
        return line

    def slice_label(self, p: PlannedInitiative | None) -> str:
        """``Slice of 42,000.00``: the chosen initiative's whole one-time budget."""
        if p is None:
            return "  Slice of the chosen one"
        if not p.status.counts:
            return "  Slice: not counted"
        return f"  Slice of {money_short(p.one_time_budget, self.label_width - 12)}"

    def _slices(self) -> Text:
        """The chosen initiative's slice of each quarter shown (``–``: nothing;
        ``┈`` before it: its monthly cost is in it)."""
        item = self.current
        p = item.planned if item is not None else None
        line = Text(self.slice_label(p).ljust(self.label_width)[: self.label_width])
        for q in self.quarters_shown():
            part = p.slice(q) if p is not None else None
            if part is None or not part.total:
                text = "–"
            elif part.recurring:  # its monthly cost counts in it: the legend's glyph says so
                text = RECURRING + money_short(part.total, CELL - 2)
            else:
                text = money_short(part.total, CELL - 1)
            line.append(text.rjust(CELL - 1) + " ")
        return line

    def _totals(self, which: str) -> Text:
        roadmap = self.view.roadmap if self.view else None
        label = {"committed": "Committed", "proposed": "Proposed (not in total)"}[which]
        line = Text(f"  {label}".ljust(self.label_width)[: self.label_width],
                    style="" if which == "committed" else "italic")
        for q in self.quarters_shown():
            quarter = roadmap.quarter(q) if roadmap else None
            amount = getattr(quarter, which) if quarter else None
            text = "–" if not amount else money_short(amount, CELL - 1)
            line.append(text.rjust(CELL - 1) + " ", style="" if which == "committed" else "italic")
        return line

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        if self.view is None or self.view.roadmap is None:
            return Strip.blank(width, base)
        height = self.size.height
        if y == 0:
            return self._strip(self._header(width), base + self._style("timeline--header"), width)
        if y == height - 4:
            return self._strip(Text("─" * width), base, width)
        if y == height - 3:
            return self._strip(self._slices(), base, width)
        if y == height - 2:
            return self._strip(self._totals("committed"), base + self._style("timeline--totals"), width)
        if y == height - 1:
            return self._strip(self._totals("proposed"), base + self._style("timeline--totals"), width)
        index = self.top + y - 1
        if index >= len(self.lines) or y > self.body_height:
            if index == len(self.lines) and not self.lines:
                return self._strip(Text("  No initiative from this quarter on: n adds one.",
                                        style="italic"), base, width)
            return Strip.blank(width, base)
        line = self.lines[index]
        if line.item is None:
            return self._strip(Text("  " + line.label, style=self._style("timeline--group")),
                               base, width)
        p = line.item.planned
        text = self._label(line.label, self.label_width, flag=bool(p.warnings))
        if not p.status.counts:
            text.stylize("dim")
        for q in self.quarters_shown():
            text.append_text(self._bar(p, q))
            text.append(" ")
        style = base
        if index == self.cursor:
            cursor = self._style("timeline--cursor")
            text.stylize(cursor, 0, self.label_width)
        return self._strip(text, style, width)

    def _strip(self, text: Text, style: Style, width: int) -> Strip:
        segments = [
            Segment(seg.text, style + seg.style if seg.style else style)
            for seg in text.render(self.app.console)
        ]
        return Strip(segments).crop_extend(0, width, style)

    # -- for tests -------------------------------------------------------------------

    def slice_of(self, label: str) -> str | None:
        """The chosen initiative's slice shown under a quarter (plain text, as on screen)."""
        roadmap = self.view.roadmap if self.view else None
        item = self.current
        if roadmap is None or item is None:
            return None
        for quarter in roadmap.quarters:
            if quarter.label == label:
                amount = item.planned.slice(quarter.index).total
                return money_short(amount) if amount else "–"
        return None

    def budget(self, label: str) -> tuple[str, str] | None:
        """``(committed, proposed)`` shown under a quarter (plain text, as on screen)."""
        roadmap = self.view.roadmap if self.view else None
        if roadmap is None:
            return None
        for quarter in roadmap.quarters:
            if quarter.label == label:
                return (money_short(quarter.committed), money_short(quarter.proposed))
        return None
