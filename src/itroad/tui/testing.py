"""Helpers for driving the app in tests (Pilot): waiting, reading tables and notifications."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import App
from textual.geometry import Region
from textual.notifications import SeverityLevel
from textual.pilot import Pilot
from textual.widget import Widget

from itroad.tui.app import ItroadApp
from itroad.tui.panes.base import TablePane
from itroad.tui.widgets.paged_table import PagedTable


def _busy(app: App) -> list[Any]:
    """Running workers, except those waiting on the user (an open form or question)."""
    from itroad.tui.editing import DIALOG_GROUP

    return [w for w in app.workers if w.is_running and w.group != DIALOG_GROUP]


async def settle(pilot: Pilot) -> None:
    """Wait for the workers (loading, saving, paging), then for the screen to catch up.

    Workers that start others (a save that then reloads) are waited for in turn.
    """
    for _ in range(20):
        busy = _busy(pilot.app)
        if busy:
            await pilot.app.workers.wait_for_complete(busy)
        await pilot.pause()
        if not _busy(pilot.app):
            break
    # What the workers brought may wait for the next refresh to be drawn (the
    # dashboard's figures): on a loaded machine that can be after the pause above.
    for _ in range(100):
        if not _redraw_pending(pilot.app):
            return
        await pilot.pause(0.01)


def _redraw_pending(app: App) -> bool:
    from itroad.tui.panes.portfolio import PortfolioPane
    from itroad.tui.screens.main import MainScreen

    return any(isinstance(screen, MainScreen)
               and any(p.redraw_pending for p in screen.query(PortfolioPane))
               for screen in app.screen_stack)


def rendered(widget: Widget) -> str:
    """What a widget shows on screen right now, as plain text lines."""
    width, height = widget.size
    return "\n".join(strip.text for strip in widget.render_lines(Region(0, 0, width, height)))


def screen_text(app: App) -> str:
    """The whole terminal as plain text lines, as the user sees it (modal screens included).

    Uses the screen's compositor (private Textual API, pinned with textual==8.2.8).
    """
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def pane(app: ItroadApp, pane_id: str) -> TablePane:
    """Tab ``pane_id``'s pane; a tab mounted on first show must have been shown (:func:`open_tab`)."""
    main = app.main_screen
    assert main.is_open(pane_id), f"the {pane_id} tab has not been shown yet: open_tab() it first"
    return main.pane(pane_id)


async def open_tab(pilot: Pilot, pane_id: str) -> TablePane:
    """Show tab ``pane_id`` (mounting it, the first time, as the user's key would) and wait
    for its contents."""
    main = pilot.app.main_screen  # type: ignore[attr-defined]
    main.action_show_tab(pane_id)
    await settle(pilot)
    return pane(pilot.app, pane_id)  # type: ignore[arg-type]


def rows(app: ItroadApp, pane_id: str) -> list[list[Text]]:
    """The cells of every row of a tab's table (for a paged table: the rows in memory)."""
    table = pane(app, pane_id).table
    if isinstance(table, PagedTable):
        return [list(table.render_row(row)) for row in table.loaded_rows()]
    return [list(table.get_row_at(row)) for row in range(table.row_count)]


def column(app: ItroadApp, pane_id: str, key: str) -> list[str]:
    """The plain text of one column of a tab's table, as the table holds it."""
    table = pane(app, pane_id).table
    if isinstance(table, PagedTable):
        keys = [c.key for c in table.columns]
    else:
        keys = [c.key.value for c in table.ordered_columns]
    index = keys.index(key)
    return [cells[index].plain for cells in rows(app, pane_id)]


def capture_notifications(app: ItroadApp) -> list[dict[str, Any]]:
    """Record every ``app.notify`` call (message, title, severity, markup)."""
    seen: list[dict[str, Any]] = []
    original = app.notify

    def notify(message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        seen.append({"message": message, "title": title, "severity": severity, "markup": markup})
        original(message, title=title, severity=severity, timeout=timeout, markup=markup)

    app.notify = notify  # type: ignore[method-assign]
    return seen


async def wait_for(pilot: Pilot, condition: Any, *, tries: int = 100) -> None:
    """Pause until ``condition()`` is true (workers settled in between)."""
    for _ in range(tries):
        if condition():
            return
        await settle(pilot)
    raise AssertionError("timed out waiting for the app")


async def type_into(pilot: Pilot, widget: Widget, text: str, *, by_key: bool = False) -> None:
    """Put ``text`` in an input (or a form field's input), as if typed.

    The input is focused and its value replaced (one change, checked like any
    typing); with ``by_key`` every character is pressed, one change per key.
    """
    from textual.widgets import Input

    target = widget if isinstance(widget, Input) else widget.query_one(Input)
    target.focus()
    if by_key:
        target.value = ""
        await pilot.pause()
        if text:
            await pilot.press(*text)
    else:
        target.value = text
        target.cursor_position = len(text)
    await pilot.pause()
