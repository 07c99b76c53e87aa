"""One module per tab. :data:`PANES` is the tab order (keys 1–7)."""

from itroad.tui.panes.base import TablePane
from itroad.tui.panes.contracts import ContractsPane
from itroad.tui.panes.hardware import HardwarePane
from itroad.tui.panes.people import PeoplePane
from itroad.tui.panes.portfolio import PortfolioPane
from itroad.tui.panes.renewals import RenewalsPane
from itroad.tui.panes.roadmap import RoadmapPane
from itroad.tui.panes.schedule import SchedulePane

PANES: tuple[type[TablePane], ...] = (
    PortfolioPane,
    HardwarePane,
    RenewalsPane,
    ContractsPane,
    SchedulePane,
    RoadmapPane,
    PeoplePane,
)

__all__ = [
    "PANES",
    "ContractsPane",
    "HardwarePane",
    "PeoplePane",
    "PortfolioPane",
    "RenewalsPane",
    "RoadmapPane",
    "SchedulePane",
    "TablePane",
]
