"""One module per tab. :data:`TABS` is the tab order (keys 1–7).

Importing this package is light: it names the tabs without importing them. The
four tabs built from the client summary (Portfolio and the inventory tabs) are on
the first screen; Schedule, Roadmap and People, which need the client's records,
are imported and mounted the first time they are shown (:meth:`Tab.pane_class`).
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from itroad.tui.panes.base import TablePane


@dataclass(frozen=True)
class Tab:
    """A tab as the tab bar, the keys and the help screen know it."""

    pane_id: str
    title: str
    #: ``"module:Class"`` of its :class:`~itroad.tui.panes.base.TablePane`.
    where: str
    #: Built from the client's records (``ClientData.client``), so imported and mounted
    #: when first shown. The others are built from the client summary (the inventory
    #: tabs then read their rows page by page) and show at once even for a huge client.
    lazy: bool = False

    def pane_class(self) -> type[TablePane]:
        """The tab's pane class (imports its module the first time)."""
        module, name = self.where.split(":")
        pane_class: type[TablePane] = getattr(import_module(module), name)
        return pane_class


TABS: tuple[Tab, ...] = (
    Tab("portfolio", "Portfolio", "itroad.tui.panes.portfolio:PortfolioPane"),
    Tab("hardware", "Hardware", "itroad.tui.panes.hardware:HardwarePane"),
    Tab("renewals", "Renewals", "itroad.tui.panes.renewals:RenewalsPane"),
    Tab("contracts", "Contracts", "itroad.tui.panes.contracts:ContractsPane"),
    Tab("schedule", "Schedule", "itroad.tui.panes.schedule:SchedulePane", lazy=True),
    Tab("roadmap", "Roadmap", "itroad.tui.panes.roadmap:RoadmapPane", lazy=True),
    Tab("people", "People", "itroad.tui.panes.people:PeoplePane", lazy=True),
)

TAB_BY_ID: dict[str, Tab] = {tab.pane_id: tab for tab in TABS}


def pane_classes() -> tuple[type[TablePane], ...]:
    """Every tab's pane class, in tab order (imports them all)."""
    return tuple(tab.pane_class() for tab in TABS)


__all__ = ["TABS", "TAB_BY_ID", "Tab", "pane_classes"]
