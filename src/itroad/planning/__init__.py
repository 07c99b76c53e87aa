"""The planning engine: pure functions over the domain models.

The rules they implement: docs/rules.md, "Domain rules as implemented".

Nothing here performs I/O, reads today's date or imports Textual: "today" is
always the ``as_of`` parameter, money is always ``Decimal``.

- :mod:`itroad.planning.calendar`    months, fiscal years and quarters, cancel-by dates
- :mod:`itroad.planning.lifecycle`   replacement due dates and costs of assets
- :mod:`itroad.planning.recurrence`  the one recurrence engine: renewals and contracts
- :mod:`itroad.planning.forecast`    periods, lines, budgets, overdue and unscheduled
- :mod:`itroad.planning.due`         what needs a decision or an action soon
"""
