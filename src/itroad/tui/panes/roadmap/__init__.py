"""Roadmap: the client's initiatives as a list or as a timeline by fiscal quarter.

The list (filter ``/``, quick filter ``f``, sort ``s``/``S``) shows each
initiative's status, quarters, one-time budget (its own cost plus its linked
assets'), monthly cost, who is Accountable and whether it breaks the RACI rule;
the detail panel (Enter) its goal, KPIs with their progress, budget and people.
``t`` shows the timeline instead: quarters across, bars grouped by category, the
committed and proposed budget of each quarter at the bottom.

- :mod:`.pane`: the tab (layout, list, timeline, details, status line);
- :mod:`.writes`: what it writes (status, quarters, the form, KPIs, linked assets);
- :mod:`.view`: the rows, built in the loading worker; :mod:`.detail`: one initiative's details;
- :mod:`.timeline`, :mod:`.forms`, :mod:`.assets`: the timeline widget, the forms, the asset picker.
"""

from itroad.tui.panes.roadmap.pane import RoadmapPane, roadmap_table

__all__ = ["RoadmapPane", "roadmap_table"]
