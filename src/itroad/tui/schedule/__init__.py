"""The Schedule tab's parts: policies, replacement schedule, forecast, chart and what-if.

- :mod:`~itroad.tui.schedule.scenario` — a what-if as data, applied to a client (pure);
- :mod:`~itroad.tui.schedule.figures` — the forecast table, the drivers of a period,
  the chart series, computed off the UI thread (pure: Rich text, no widgets);
- :mod:`~itroad.tui.schedule.work` — database reads and writes for the worker threads;
- :mod:`~itroad.tui.schedule.policies` — the policies, editable in place;
- :mod:`~itroad.tui.schedule.chart` — the bar chart (textual-plotext, imported on first use);
- :mod:`~itroad.tui.schedule.dialogs` — defer / bring forward, escalation rate,
  a period's items, leaving a what-if.

The pane that puts them together is :mod:`itroad.tui.panes.schedule`.
"""
