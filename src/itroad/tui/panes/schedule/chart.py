"""The bar chart of spend per period.

textual-plotext costs about a quarter of a second to import, so this module
never imports it at the top: :func:`load_plot_class` does, from a thread worker,
the first time the Schedule tab is shown; until then the chart says it is
loading. Each series has its own fill character as well as its own colour, so
the chart still reads in 16 colours, in monochrome (``NO_COLOR``) and on paper.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Container, Vertical
from textual.widgets import Static

from itroad.domain.money import format_money
from itroad.tui.panes.schedule.figures import ChartData
from itroad.tui.panes.schedule.rows import Row

#: (fill character, plotext colour, Rich colour) per series, bottom to top: the
#: 16 standard colours (plotext's "yellow" is not one: it is given by number).
SERIES_LOOK = {
    "hardware": ("█", "cyan", "color(6)"),
    "renewals": ("▓", "red", "color(1)"),
    "contracts": ("▒", "green", "color(2)"),
    "initiatives": ("░", "magenta", "color(5)"),
    "baseline": ("▒", "blue", "color(4)"),
    "what-if": ("█", 11, "color(11)"),
}
#: The budget target of a fiscal year, drawn across its bar.
TARGET_LOOK = ("━", 11, "color(11)")


def load_plot_class() -> type:
    """Import textual-plotext (slow: call it from a worker) and return ``PlotextPlot``."""
    from textual_plotext import PlotextPlot

    return PlotextPlot


def short_money(amount: float) -> str:
    """Axis labels: ``950``, ``12k``, ``1.2M``."""
    value = abs(amount)
    sign = "-" if amount < 0 else ""
    if value >= 1_000_000:
        text = f"{value / 1_000_000:.1f}".rstrip("0").rstrip(".") + "M"
    elif value >= 1_000:
        text = f"{value / 1_000:.1f}".rstrip("0").rstrip(".") + "k"
    else:
        text = f"{value:.0f}"
    return sign + text


def nice_ticks(top: float, count: int = 4) -> list[float]:
    """Round axis ticks from 0 to at least ``top``: steps of 1, 2, 2.5 or 5 × 10^n."""
    if top <= 0:
        return [0.0, 1.0]
    raw = top / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    ticks = [0.0]
    while ticks[-1] < top:
        ticks.append(ticks[-1] + step)
    return ticks


def legend(data: ChartData, stacked: bool) -> Text:
    """The key of the chart, in words and fill characters (``stacked`` is said in the caption)."""
    parts: list[Any] = []
    for name, _ in data.series:
        fill, _, colour = SERIES_LOOK[name]
        parts += [(fill * 2, colour), f" {name}  "]
    if any(t is not None for t in data.targets):
        parts += [(TARGET_LOOK[0] * 2, TARGET_LOOK[2]), " budget"]
    return Text.assemble(*parts, no_wrap=True, overflow="ellipsis")


def over_sentence(rows: Sequence[Row]) -> Text:
    """Which fiscal years are over budget, in words (the colour is never the only signal)."""
    over = [r for r in rows if r.target is not None and r.over_by is not None]
    if not over:
        return Text("No fiscal year over its budget target.", style="dim", no_wrap=True)
    said = ", ".join(f"{r.label.removesuffix(' total')} by {format_money(r.over_by)}" for r in over)
    return Text.assemble(("▲ OVER budget: ", "bold"), said, no_wrap=True, overflow="ellipsis")


def draw(plt: Any, data: ChartData, *, stacked: bool, width: int) -> None:
    """Draw the bars on a plotext figure (``PlotextPlot.plt``)."""
    plt.clear_data()
    plt.clear_figure()
    n = len(data.labels)
    if not n:
        return
    xs = list(range(1, n + 1))
    # Bar heights only: plotext draws floats. Every amount shown as text comes
    # from the Decimal figures, never from these.
    values = [[float(v) for v in series] for _, series in data.series]
    looks = [SERIES_LOOK[name] for name, _ in data.series]
    markers = [look[0] for look in looks]
    colours = [look[1] for look in looks]
    if stacked and not data.what_if:
        plt.stacked_bar(xs, values, marker=markers, color=colours, width=0.7)
        top = max((sum(column) for column in zip(*values)), default=0.0)
    else:
        plt.multiple_bar(xs, values, marker=markers, color=colours, width=0.8)
        top = max((max(series) for series in values), default=0.0)
    targets = [(x, float(t)) for x, t in zip(xs, data.targets) if t is not None]
    for x, target in targets:
        plt.plot([x - 0.42, x + 0.42], [target, target], marker=TARGET_LOOK[0], color=TARGET_LOOK[1])
    top = max([top, *(t for _, t in targets)])
    ticks = nice_ticks(top)
    plt.yticks(ticks, [short_money(t) for t in ticks])
    plt.ylim(0, ticks[-1])
    labels = [f"{label}▲" if over else label for label, over in zip(data.labels, data.over)]
    room = max(1, width - 8)
    widest = max(len(label) for label in labels) + 2
    step = max(1, math.ceil(n * widest / room))
    plt.xticks(xs[::step], labels[::step])
    plt.xlim(0.4, n + 0.6)


class SpendChart(Vertical, can_focus=True):
    """The chart panel: a caption, the bars (once textual-plotext is loaded), the key."""

    DEFAULT_CSS = """
    SpendChart #chart-area {
        height: 1fr;
        min-height: 6;
    }
    SpendChart #chart-loading {
        color: $text-muted;
        padding: 1 2;
    }
    SpendChart .chart-line {
        height: 1;
        padding: 0 1;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.plot: Any = None
        self.data: ChartData | None = None
        self.stacked = True

    def compose(self) -> ComposeResult:
        yield Static("", id="chart-caption", classes="chart-line", markup=False)
        with Container(id="chart-area"):
            yield Static("Loading the chart…", id="chart-loading", markup=False)
        yield Static("", id="chart-legend", classes="chart-line", markup=False)
        yield Static("", id="chart-over", classes="chart-line", markup=False)

    def attach(self, plot_class: type) -> None:
        """Put the plot in (textual-plotext has been imported)."""
        if self.plot is not None:
            return
        self.query_one("#chart-loading").remove()
        self.plot = plot_class(id="chart-plot")
        self.query_one("#chart-area").mount(self.plot)
        if self.data is not None:
            self.call_after_refresh(self._redraw)

    def show_chart(self, data: ChartData, rows: Sequence[Row], caption: Text, stacked: bool) -> None:
        """Draw ``data``; ``rows`` are the fiscal years, for the over-budget sentence."""
        self.data = data
        self.stacked = stacked
        self.query_one("#chart-caption", Static).update(caption)
        self.query_one("#chart-legend", Static).update(legend(data, stacked))
        self.query_one("#chart-over", Static).update(over_sentence(rows))
        self._redraw()

    def _redraw(self) -> None:
        if self.plot is None or self.data is None:
            return
        width = self.plot.size.width or self.size.width or 80
        draw(self.plot.plt, self.data, stacked=self.stacked, width=width)
        self.plot.refresh()

    def on_resize(self) -> None:
        self._redraw()

    @property
    def bars(self) -> dict[str, tuple[Decimal, ...]]:
        """The series drawn, by name (for tests)."""
        return dict(self.data.series) if self.data else {}
