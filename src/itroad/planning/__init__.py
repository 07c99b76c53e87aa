"""The planning engine: pure functions over the domain models.

The rules they implement: docs/rules.md, "Domain rules as implemented".

Nothing here performs I/O, reads today's date or imports Textual: "today" is
always the ``as_of`` parameter, money is always ``Decimal``. Rules and the
dataclasses they return only: how results are shown (JSON, CSV, tables, text)
is :mod:`itroad.output`.

- :mod:`itroad.planning.calendar`          months, fiscal years and quarters, cancel-by dates
- :mod:`itroad.planning.lifecycle`         replacement due dates and costs of assets
- :mod:`itroad.planning.recurrence`        the one recurrence engine: renewals and contracts
- :mod:`itroad.planning.forecast`          periods, lines, budgets, overdue and unscheduled
- :mod:`itroad.planning.initiative_costs`  what an initiative costs and when (forecast and roadmap)
- :mod:`itroad.planning.roadmap`           initiatives by fiscal quarter and their budgets
- :mod:`itroad.planning.initiative_edits`  shifting an initiative, its status workflow, its RACI letters
- :mod:`itroad.planning.asset_picks`       the assets an initiative could replace, and quick picks
- :mod:`itroad.planning.due`               what needs a decision or an action soon
- :mod:`itroad.planning.scenario`          what-ifs of the Schedule tab
- :mod:`itroad.planning.strategy`          alignment of goals, KPIs on track, delivery on time and budget
"""
