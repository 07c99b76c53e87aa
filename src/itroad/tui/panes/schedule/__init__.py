"""Schedule: what must be replaced when, what it all costs per period against the
budget, and what-ifs.

Four views of the current client:

- **Forecast** (``t``): a row per month / fiscal quarter / fiscal year (``m`` ``Q``
  ``Y``) over 1–10 fiscal years (``+`` ``-``), by line, category or site (``g``);
  the total against the budget target, over-budget rows flagged in words; under
  the table, the row under the cursor in one sentence and its biggest items
  (Enter: all of them);
- **Chart** (``v``): the same periods as bars, stacked by line or side by side (``s``);
- **Replacements** (``a``): overdue first, then "needs data", then by due date;
  ``space`` marks, ``f`` defers, ``b`` brings forward (the marked assets, else the
  one under the cursor);
- **Policies** (``p``): per category, edited in place; ``e`` the escalation rate.

``w`` starts a what-if: policy, rate and date changes are then tried, not saved;
the forecast shows baseline, what-if and difference side by side; ``A`` applies
them all in one transaction, ``D`` discards them (nothing is written).

At 80×24 one view shows at a time; from 120×34 (the pane's size) all four are
on screen together and the view keys move the focus between them.

The modules:

- :mod:`~.pane` — :class:`SchedulePane`: the keys, on :mod:`~.display` (the views,
  the state, the figures computed in a worker and put in the panels);
- :mod:`~.flows` — what the keys that change the plan do: re-dating, a policy, the
  rate, the what-if, the writes (through :mod:`~.work`, in thread workers);
- :mod:`~.panels` — the forecast and replacements panels and the tab's one-line texts;
  :mod:`~.chart` — the bar chart (textual-plotext, imported on first use);
  :mod:`~.policies` and :mod:`~.policy_line` — the policies, editable in place;
  :mod:`~.dialogs` — defer / bring forward, escalation rate, a period's items,
  leaving a what-if;
- pure, no widgets: :mod:`~.figures` (:func:`~.figures.compute`: everything the tab
  shows, from :func:`itroad.planning.forecast.forecast`), :mod:`~.forecast_table`,
  :mod:`~.rows` (a row and what it is made of), :mod:`~.replacements` (the
  replacement schedule; :func:`~.replacements.schedule_table` is the tab's part of
  a client's load), :mod:`~.scenario_text` (what the tab reads and says of a
  what-if; the scenario itself is :mod:`itroad.planning.scenario`).

Importing the pane is light: textual-plotext is imported by
:func:`~.chart.load_plot_class`, off the UI thread, the first time the tab is shown.
"""

from itroad.tui.panes.schedule.pane import SchedulePane
from itroad.tui.panes.schedule.replacements import NEEDS_DATA, OVERDUE, ScheduleData, schedule_table

__all__ = ["NEEDS_DATA", "OVERDUE", "ScheduleData", "SchedulePane", "schedule_table"]
