"""Helpers for driving the app in tests (Pilot): waiting, reading tables and notifications."""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widget import Widget

from itroad.tui.app import ItroadApp
from itroad.tui.panes.base import TablePane


async def settle(pilot: Pilot) -> None:
    """Wait for the loading workers, then for the screen to catch up."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


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
    return app.main_screen.pane(pane_id)


def column(app: ItroadApp, pane_id: str, key: str) -> list[str]:
    """The plain text of one column of a tab's table, as the table holds it."""
    table = pane(app, pane_id).table
    index = [c.key.value for c in table.ordered_columns].index(key)
    return [table.get_row_at(row)[index].plain for row in range(table.row_count)]


def capture_notifications(app: ItroadApp) -> list[dict[str, Any]]:
    """Record every ``app.notify`` call (message, title, severity, markup)."""
    seen: list[dict[str, Any]] = []
    original = app.notify

    def notify(message: str, *, title: str = "", severity: str = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        seen.append({"message": message, "title": title, "severity": severity, "markup": markup})
        original(message, title=title, severity=severity, timeout=timeout, markup=markup)

    app.notify = notify  # type: ignore[method-assign]
    return seen
