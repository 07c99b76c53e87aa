"""Portfolio: the dashboard, one row per client with what needs attention and why.

The client list comes from the client summary and shows at once, its figures as
"…"; once the current client's tabs are on screen, a thread worker hands the
clients (the current one first) to :func:`itroad.tui.figures_process.client_figures`,
which computes each client's :func:`~itroad.planning.health.client_health` in a
separate process (its own read-only connection), so that the work never slows the
screen; each row is filled in as it arrives. The figures are kept per client: the
workspace forgets only the client a write touched (:meth:`PortfolioPane.forget`),
and only forgotten or new clients are computed again. An import (which may write
any client) is told to this tab, which forgets every figure and passes the news on.

Columns: the mark (``act``, ``watch``, ``good``: a word, coloured only in addition),
the client, what is due within 30 and 90 days (count · amount), this and next fiscal
year against their budget targets, missed notice windows, late replacements, assets
that need data, initiatives with RACI gaps. Amounts in the table are in
whole units; the lines under the table give the row under the cursor exactly, with
the mark's reasons in words. Under the clients, one total row per currency (two
currencies are never added). ``s`` sorts by the next column, ``S`` reverses, a click
on a heading sorts by it; ``enter`` opens the client.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, DecimalException, localcontext
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import DataTable, Static
from textual.worker import get_current_worker

from itroad.domain.errors import ItroadError
from itroad.domain.money import ZERO, format_money
from itroad.planning.attention import ERROR, WARNING
from itroad.planning.health import ACT, GOOD, WATCH, ClientHealth
from itroad.store import ClientSummary
from itroad.tui.cells import Column, TableData, clean, number_cell, text_cell
from itroad.tui.data import ClientData
from itroad.tui.figures_process import client_figures
from itroad.tui.keys import LIST_KEYS
from itroad.tui.messages import RecordsChanged
from itroad.tui.panes.base import TablePane
from itroad.tui.panes.render import BADGE_STYLES
from itroad.tui.widgets.record_table import RecordTable

PENDING = "…"
#: The key of a currency's total row (client codes never hold a colon).
TOTAL_PREFIX = "total:"

COLUMNS = (
    Column("mark", "Mark"),
    Column("code", "Client"),
    Column("due_30", "Due 30d", numeric=True),
    Column("due_90", "Due 90d", numeric=True),
    Column("this_fy", "This FY", numeric=True),
    Column("next_fy", "Next FY", numeric=True),
    Column("notices", "Notice", numeric=True),
    Column("overdue", "Late", numeric=True),
    Column("needs_data", "Data", numeric=True),
    Column("raci", "RACI", numeric=True),
)
COLUMN_KEYS = tuple(c.key for c in COLUMNS)

MARK_STYLES = {ACT: BADGE_STYLES[ERROR], WATCH: BADGE_STYLES[WARNING], GOOD: ""}
_MARK_RANK = {ACT: 0, WATCH: 1, GOOD: 2}

EMPTY = (
    "No clients yet.\n\n"
    "To get data in, import a portfolio file from a shell:\n\n"
    "    itroad import toml FILE\n\n"
    "or explore the sample portfolio with:\n\n"
    "    itroad demo"
)

#: A client's figures, or why they could not be computed.
Figures = ClientHealth | Exception


def whole(amount: Decimal) -> str:
    """An amount in whole units, grouped (``14,244`` for 14,243.95): the table's short form."""
    with localcontext() as wide:
        wide.prec = max(28, amount.adjusted() + 4)  # a portfolio at the limits
        return f"{amount.quantize(Decimal(1), rounding=ROUND_HALF_UP):,}"


def year_text(over: Decimal | None, partial: bool) -> str:
    """This or next fiscal year against its target (``over``: how far the commitment
    is over it, negative under, None without a target), in words: ``over 4,300``,
    ``under 1,200``, ``on budget``, ``no target``; a partial year that is not over
    the whole year's target is ``partial`` (never "under" a whole year's target)."""
    if over is None:
        return "no target"
    if over > 0:
        return f"over {whole(over)}"
    if partial:
        return "partial"
    return "on budget" if over == 0 else f"under {whole(-over)}"


def due_text(count: int, amount: Decimal) -> str:
    return f"{count} · {whole(amount)}" if count else "0"


@dataclass(frozen=True)
class DashboardData(TableData):
    """The table as built from the client summary (figures "…"), and what it was built
    of, so that the tab can fill the figures in as they arrive."""

    clients: tuple[ClientSummary, ...] = ()
    current: str | None = None


def _sort_value(key: str, h: ClientHealth, summary: ClientSummary) -> Any:
    if key == "mark":
        return _MARK_RANK.get(h.mark, 3)
    if key == "due_30":
        return (h.due_30.amount, h.due_30.count)
    if key == "due_90":
        return (h.due_90.amount, h.due_90.count)
    if key == "this_fy":
        return h.over_this_fy
    if key == "next_fy":
        return h.over_next_fy
    return {"overdue": h.overdue_assets, "needs_data": h.needs_data_assets,
            "notices": h.missed_notices, "raci": h.raci_gaps}[key]


def sort_clients(clients: Sequence[ClientSummary], figures: Mapping[str, Figures],
                 sort: str | None, descending: bool) -> list[ClientSummary]:
    """The clients in the order of column ``sort`` (None: as added). Clients without
    the figure (not computed yet, no budget target) come last either way."""
    if sort is None:
        return list(reversed(clients)) if descending else list(clients)
    if sort == "code":
        return sorted(clients, key=lambda c: c.code.casefold(), reverse=descending)
    known: list[tuple[Any, ClientSummary]] = []
    unknown: list[ClientSummary] = []
    for summary in clients:
        h = figures.get(summary.code)
        value = _sort_value(sort, h, summary) if isinstance(h, ClientHealth) else None
        if value is None:
            unknown.append(summary)
        else:
            known.append((value, summary))
    known.sort(key=lambda pair: (pair[0], pair[1].code.casefold()), reverse=descending)
    return [summary for _, summary in known] + unknown


def _client_row(summary: ClientSummary, h: Figures | None, current: bool) -> tuple[Text, ...]:
    style = "bold" if current else ""
    code = text_cell(("▸ " if current else "  ") + summary.code, style=style, limit=22)
    if h is None:
        return (text_cell(PENDING), code, *(text_cell(PENDING, right=True) for _ in COLUMNS[2:]))
    if isinstance(h, Exception):
        return (text_cell("error", style=BADGE_STYLES[ERROR]), code,
                *(text_cell("?", right=True) for _ in COLUMNS[2:]))
    return (
        text_cell(h.mark, style=MARK_STYLES.get(h.mark, "")),
        code,
        text_cell(due_text(h.due_30.count, h.due_30.amount), right=True),
        text_cell(due_text(h.due_90.count, h.due_90.amount), right=True),
        text_cell(year_text(h.over_this_fy, h.partial_this_fy), right=True),
        text_cell(year_text(h.over_next_fy, False), right=True),
        number_cell(h.missed_notices),
        number_cell(h.overdue_assets),
        number_cell(h.needs_data_assets),
        number_cell(h.raci_gaps),
    )


@dataclass
class CurrencyTotal:
    """What the clients of one currency add up to (only once every one is computed)."""

    currency: str
    clients: list[str] = field(default_factory=list)
    figures: list[ClientHealth] = field(default_factory=list)
    pending: int = 0
    failed: int = 0

    def count(self, pick: Callable[[ClientHealth], int]) -> int:
        return sum(pick(h) for h in self.figures)

    def amount(self, pick: Callable[[ClientHealth], Decimal]) -> Decimal:
        return sum((pick(h) for h in self.figures), ZERO)

    @property
    def complete(self) -> bool:
        return not self.pending and not self.failed


def currency_totals(clients: Iterable[ClientSummary], figures: Mapping[str, Figures]
                    ) -> list[CurrencyTotal]:
    """One total per currency, in order of first appearance: two currencies are never added."""
    by_currency: dict[str, CurrencyTotal] = {}
    for summary in clients:
        total = by_currency.setdefault(summary.currency, CurrencyTotal(summary.currency))
        total.clients.append(summary.code)
        h = figures.get(summary.code)
        if isinstance(h, ClientHealth):
            total.figures.append(h)
        elif h is None:
            total.pending += 1
        else:
            total.failed += 1
    return list(by_currency.values())


def _total_row(total: CurrencyTotal) -> tuple[Text, ...]:
    label = text_cell(f"  Total {total.currency}", style="bold")
    if not total.complete:
        mark = "?" if total.failed and not total.pending else PENDING
        return (text_cell(""), label, *(text_cell(mark, right=True) for _ in COLUMNS[2:]))

    def due(window: str) -> Text:
        count = total.count(lambda h: getattr(h, window).count)
        amount = total.amount(lambda h: getattr(h, window).amount)
        return text_cell(due_text(count, amount), right=True, style="bold")

    return (
        text_cell(""),
        label,
        due("due_30"),
        due("due_90"),
        text_cell(""),
        text_cell(""),
        number_cell(total.count(lambda h: h.missed_notices), style="bold"),
        number_cell(total.count(lambda h: h.overdue_assets), style="bold"),
        number_cell(total.count(lambda h: h.needs_data_assets), style="bold"),
        number_cell(total.count(lambda h: h.raci_gaps), style="bold"),
    )


def dashboard_table(clients: Sequence[ClientSummary], current: str | None,
                    figures: Mapping[str, Figures] | None = None, sort: str | None = None,
                    descending: bool = False) -> DashboardData:
    """The dashboard's rows: the clients (sorted), then a total per currency."""
    figures = figures or {}
    rows: list[tuple[Text, ...]] = []
    keys: list[str] = []
    for summary in sort_clients(clients, figures, sort, descending):
        rows.append(_client_row(summary, figures.get(summary.code), summary.code == current))
        keys.append(summary.code)
    for total in currency_totals(clients, figures):
        rows.append(_total_row(total))
        keys.append(TOTAL_PREFIX + total.currency)
    columns = tuple(
        Column(c.key, c.label + (" ▼" if descending else " ▲") if c.key == sort else c.label,
               c.numeric)
        for c in COLUMNS
    )
    return DashboardData(columns, rows, keys=keys, empty=EMPTY, clients=tuple(clients),
                         current=current)


def portfolio_table(data: ClientData) -> DashboardData:
    """The dashboard as the client summary gives it: every client, figures still "…"."""
    return dashboard_table(data.clients, data.code)


# --------------------------------------------------------------------------- details


def _year_sentence(label: str, committed: Decimal, budget: Decimal | None, partial: bool,
                   start: str) -> str:
    amount = format_money(committed)
    if partial:
        head = f"{label} from {start} (the rest of the year): {amount} committed"
        if budget is None:
            return f"{head}, no budget target"
        if committed > budget:
            return (f"{head}, already over the whole year's {format_money(budget)} budget "
                    f"by {format_money(committed - budget)}")
        return f"{head}; the whole year's budget is {format_money(budget)}"
    head = f"{label}: {amount} committed"
    if budget is None:
        return f"{head}, no budget target"
    if committed > budget:
        return f"{head}, over the {format_money(budget)} budget by {format_money(committed - budget)}"
    return f"{head}, within the {format_money(budget)} budget"


def _due_sentence(days: int, count: int, amount: Decimal, unpriced: int) -> str:
    if not count:
        return f"nothing within {days} days"
    text = f"{count} within {days} days, {format_money(amount)}"
    if unpriced:
        text += f" ({unpriced} without an amount)"
    return text


def failure_text(error: Exception) -> str:
    """Why a client's figures could not be computed, in words: a refusal's own sentence;
    a decimal signal (whose text is a Python repr, ``[<class 'decimal.Overflow'>]``)
    as an amount out of range; anything else as an unexpected error with its kind."""
    if isinstance(error, ItroadError) and str(error):
        return str(error)
    if isinstance(error, DecimalException):
        return f"an amount too large to compute ({type(error).__name__.lower()})"
    detail = str(error)
    detail = detail if len(detail) <= 200 else detail[:199] + "…"
    return f"an unexpected error ({type(error).__name__}{': ' + detail if detail else ''})"


#: The longest name the lines under the table give (a name of 200 characters would
#: push the figures off the screen).
NAME_LIMIT = 60


def client_details(summary: ClientSummary, h: Figures | None) -> str:
    """The row under the cursor in words: who, the mark and why, then the exact figures."""
    name = " ".join(clean(summary.name).split())
    if len(name) > NAME_LIMIT:
        name = name[: NAME_LIMIT - 1] + "…"
    who = f"{name} ({summary.code}, {summary.currency})"
    if h is None:
        return f"{who}: figures being computed…"
    if isinstance(h, Exception):
        return f"{who}: the figures could not be computed: {clean(failure_text(h))}"
    why = "; ".join(h.reasons) if h.reasons else "nothing needs attention"
    return "\n".join((
        f"{who}: {h.mark} — {why}",
        "Due: " + _due_sentence(30, h.due_30.count, h.due_30.amount, h.due_30.unpriced)
        + "; " + _due_sentence(90, h.due_90.count, h.due_90.amount, h.due_90.unpriced),
        _year_sentence(h.fiscal_year, h.committed_this_fy, h.budget_this_fy, h.partial_this_fy,
                       h.as_of.isoformat())
        + ". " + _year_sentence(h.next_fiscal_year, h.committed_next_fy, h.budget_next_fy, False, "")
        + ".",
    ))


def total_details(total: CurrencyTotal) -> str:
    who = (f"Total of {len(total.clients)} client{'s' if len(total.clients) != 1 else ''} "
           f"in {total.currency}")
    if not total.complete:
        return f"{who}: figures being computed…" if total.pending else f"{who}: incomplete"

    def window(name: str, days: int) -> str:
        return _due_sentence(days, total.count(lambda h: getattr(h, name).count),
                             total.amount(lambda h: getattr(h, name).amount),
                             total.count(lambda h: getattr(h, name).unpriced))

    this_fy = total.amount(lambda h: h.committed_this_fy)
    next_fy = total.amount(lambda h: h.committed_next_fy)
    return "\n".join((
        f"{who}: " + ", ".join(f"{sum(1 for h in total.figures if h.mark == m)} {m}"
                               for m in (ACT, WATCH, GOOD)),
        f"Due: {window('due_30', 30)}; {window('due_90', 90)}",
        f"Committed: {format_money(this_fy)} this fiscal year (from {total.figures[0].as_of.isoformat()}), "
        f"{format_money(next_fy)} next (each client's own fiscal year).",
    ))


# --------------------------------------------------------------------------- the tab


class ClientTable(RecordTable):
    """The clients; Enter (shown in the footer) opens the client under the cursor."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Open client", tooltip="Make this client current"),
    ]


class PortfolioPane(TablePane):
    PANE_ID = "portfolio"
    TITLE = "Portfolio"
    DESCRIPTION = ("every client with what needs attention and why (mark, due, budget); "
                   "s sorts, Enter opens a client")

    DEFAULT_CSS = """
    PortfolioPane > ClientTable {
        height: auto;
        max-height: 45%;
    }
    PortfolioPane > #portfolio-details {
        height: 1fr;
        min-height: 4;
        padding: 0 1;
        border-top: solid $primary-muted;
    }
    """

    class ClientChosen(Message):
        """The user picked a client in the portfolio (Enter on its row)."""

        def __init__(self, code: str) -> None:
            super().__init__()
            self.code = code

    #: ``s`` and ``S`` as every list tab has them (:data:`itroad.tui.keys.LIST_KEYS`).
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(b.key, b.action, b.description, show=b.action == "sort", tooltip=b.tooltip)
        for b in LIST_KEYS if b.action in ("sort", "reverse")
    ]

    TABLE_CLASS = ClientTable
    build = staticmethod(portfolio_table)

    #: Pause between two clients in the background, so that the screen stays lively.
    BREATHE: ClassVar[float] = 0.005
    #: Seconds between two redraws while figures arrive. Each redraw repaints the whole
    #: table: over a slow link (ssh) that is most of what is sent while the figures
    #: come in, and the keys' screens would queue behind it.
    REDRAW_EVERY: ClassVar[float] = 0.3

    def __init__(self) -> None:
        super().__init__()
        #: Each client's figures by code, kept until a write forgets them.
        self.figures: dict[str, Figures] = {}
        self.clients: tuple[ClientSummary, ...] = ()
        self.current: str | None = None
        self.sort: str | None = None
        self.descending = False
        self._render_pending = False
        self._last_redraw = 0.0
        #: Counts the forgettings: figures computed before the last one are dropped.
        self._generation = 0
        #: How many clients' figures were put on screen (for the tests).
        self.arrivals = 0
        #: What the lines under the table say (the row under the cursor).
        self.details_text = ""

    def compose(self) -> ComposeResult:
        yield from super().compose()
        yield Static("", id="portfolio-details", markup=False)

    def show(self, data: TableData) -> None:
        """The client list from the summary; figures already known are shown at once."""
        if isinstance(data, DashboardData):
            previous = {c.code: c for c in self.clients}
            now = {c.code: c for c in data.clients}
            self.clients, self.current = data.clients, data.current
            for code in list(self.figures):
                # a client gone, or whose name, currency or counts changed (an import)
                if code not in now or previous.get(code, now[code]) != now[code]:
                    del self.figures[code]
        self._redraw()

    def _redraw(self) -> None:
        self._render_pending = False
        self._last_redraw = time.monotonic()
        super().show(dashboard_table(self.clients, self.current, self.figures, self.sort,
                                     self.descending))
        self.query_one("#portfolio-details", Static).display = bool(self.clients)
        self._show_details()

    @property
    def redraw_pending(self) -> bool:
        """Figures have arrived that the table does not show yet (it redraws after the
        next refresh)."""
        return self._render_pending

    def _schedule_render(self) -> None:
        """Redraw soon: after the next refresh, and never sooner than :attr:`REDRAW_EVERY`
        after the last redraw (the figures arriving meanwhile are drawn together)."""
        if self._render_pending:
            return
        self._render_pending = True
        wait = self._last_redraw + self.REDRAW_EVERY - time.monotonic()
        if wait > 0:
            self.set_timer(wait, self._redraw_if_pending)
        else:
            self.call_after_refresh(self._redraw_if_pending)

    def _redraw_if_pending(self) -> None:
        if self._render_pending:  # not drawn meanwhile (a sort redraws at once)
            self._redraw()

    # -- figures ---------------------------------------------------------------------

    @property
    def missing(self) -> list[str]:
        """The clients whose figures are still to compute, current client first."""
        codes = [c.code for c in self.clients if c.code not in self.figures]
        if self.current in codes:
            codes.remove(self.current)
            codes.insert(0, self.current)
        return codes

    def forget(self, code: str | None = None) -> None:
        """Drop one client's figures (None: every client's), to be computed again."""
        self._generation += 1
        if code is None:
            self.figures.clear()
        else:
            self.figures.pop(code, None)
        self._schedule_render()

    def fill_in(self, db_path: Path, as_of: date) -> None:
        """Compute, in the background, the figures not known yet."""
        missing = self.missing
        if missing:
            self._compute(Path(db_path), as_of, missing, self._generation)

    @work(thread=True, exclusive=True, group="dashboard", name="portfolio figures",
          exit_on_error=False)
    def _compute(self, db_path: Path, as_of: date, codes: list[str], generation: int) -> None:
        worker = get_current_worker()
        for code, figures in client_figures(db_path, codes, as_of):
            if worker.is_cancelled:
                return
            self.app.call_from_thread(self._arrived, code, figures, generation)
            time.sleep(self.BREATHE)  # let the screen have the interpreter between clients

    def _arrived(self, code: str, figures: Figures, generation: int) -> None:
        if generation == self._generation and any(c.code == code for c in self.clients):
            self.figures[code] = figures
            self.arrivals += 1
            self._schedule_render()

    @on(RecordsChanged)
    def _anything_changed(self, event: RecordsChanged) -> None:
        """An import (it may have written any client): every figure is computed again.
        The message goes on to the workspace, which reads everything again."""
        self.forget()

    # -- sorting ---------------------------------------------------------------------

    def action_sort(self) -> None:
        """``s``: sort by the next column (ascending), then back to the order added."""
        order = (None, *COLUMN_KEYS)
        self.sort = order[(order.index(self.sort) + 1) % len(order)]
        self.descending = False
        self._redraw()

    def action_reverse(self) -> None:
        """``S``: reverse the order."""
        self.descending = not self.descending
        self._redraw()

    @on(DataTable.HeaderSelected)
    def _header(self, event: DataTable.HeaderSelected) -> None:
        event.stop()
        key = event.column_key.value
        if key == self.sort:
            self.descending = not self.descending
        else:
            self.sort, self.descending = key, False
        self._redraw()

    # -- the row under the cursor ----------------------------------------------------

    def _show_details(self) -> None:
        details = self.query_one("#portfolio-details", Static)
        key = self.table.current_key
        text = ""
        if key is not None and key.startswith(TOTAL_PREFIX):
            currency = key[len(TOTAL_PREFIX):]
            for total in currency_totals(self.clients, self.figures):
                if total.currency == currency:
                    text = total_details(total)
        elif key is not None:
            summary = next((c for c in self.clients if c.code == key), None)
            if summary is not None:
                text = client_details(summary, self.figures.get(key))
        self.details_text = text
        details.update(Content(text))

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_details()

    @on(DataTable.RowSelected)
    def _chosen(self, event: DataTable.RowSelected) -> None:
        event.stop()
        key = event.row_key.value
        if key is not None and not str(key).startswith(TOTAL_PREFIX):
            self.post_message(self.ClientChosen(str(key)))
