"""The Schedule tab: replacements, the forecast against the budget, the spend
chart, lifecycle policies and what-ifs.

- :mod:`~itroad.tui.panes.schedule.pane` — :class:`SchedulePane`, which puts the parts together;
- :mod:`~itroad.tui.panes.schedule.figures` — the forecast table, the drivers of a period,
  the chart series, computed off the UI thread (pure: Rich text, no widgets);
- :mod:`~itroad.tui.panes.schedule.scenario_text` — what the tab reads and says of a
  what-if (the scenario itself is :mod:`itroad.planning.scenario`);
- :mod:`~itroad.tui.panes.schedule.work` — database writes for the worker threads;
- :mod:`~itroad.tui.panes.schedule.policies` — the policies, editable in place;
- :mod:`~itroad.tui.panes.schedule.chart` — the bar chart (textual-plotext, imported on first use);
- :mod:`~itroad.tui.panes.schedule.dialogs` — defer / bring forward, escalation rate,
  a period's items, leaving a what-if.

Importing the pane is light: textual-plotext is imported by
:func:`~itroad.tui.panes.schedule.chart.load_plot_class`, off the UI thread, the
first time the tab is shown.
"""

from itroad.tui.panes.schedule.figures import NEEDS_DATA, OVERDUE
from itroad.tui.panes.schedule.pane import ScheduleData, SchedulePane, schedule_table

__all__ = ["NEEDS_DATA", "OVERDUE", "ScheduleData", "SchedulePane", "schedule_table"]
