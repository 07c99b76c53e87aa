"""The ``--json`` documents of ``itroad forecast``, ``itroad due`` and ``itroad roadmap``.

Plain dicts ready for :func:`json.dumps`: amounts are strings with two decimals
(:func:`~itroad.domain.money.money_str`), dates ISO strings, a missing amount ``None``.
The CLI's tests (tests/cli) freeze these shapes byte for byte.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from itroad.domain.money import money_str
from itroad.planning.due import DueItem, due_totals
from itroad.planning.forecast import LINES, Forecast, Period, PortfolioForecast
from itroad.planning.roadmap import PlannedInitiative, Roadmap


def _money(amount: Decimal | None) -> str | None:
    return None if amount is None else money_str(amount)


# --------------------------------------------------------------------------- forecast


def period_to_json_dict(period: Period) -> dict[str, Any]:
    row: dict[str, Any] = {
        "label": period.label,
        "start": period.start.isoformat(),
        "end": period.end.isoformat(),
    }
    for line in LINES:
        row[line] = money_str(period.line(line))
    row["total"] = money_str(period.total)
    row["budget_target"] = _money(period.budget_target)
    return row


def forecast_to_json_dict(f: Forecast) -> dict[str, Any]:
    """The ``itroad forecast --json`` shape of one client: ``group_by``/``groups``
    only when grouped."""
    data: dict[str, Any] = {
        "client": f.client,
        "currency": f.currency,
        "as_of": f.as_of.isoformat(),
        "by": f.by,
        "periods": [period_to_json_dict(p) for p in f.periods],
        "overdue": {
            "count": f.overdue.count,
            "amount": money_str(f.overdue.amount),
            "items": [
                {
                    "tag": item.tag,
                    "name": item.name,
                    "due": item.due.isoformat() if item.due else None,
                    "amount": _money(item.cost),
                }
                for item in f.overdue.items
            ],
        },
        "unscheduled": {
            "count": f.unscheduled.count,
            "amount": money_str(f.unscheduled.amount),
            "items": [
                {"tag": item.tag, "name": item.name, "amount": _money(item.cost)}
                for item in f.unscheduled.items
            ],
        },
    }
    if f.group_by is not None:
        data["group_by"] = f.group_by
        data["groups"] = [
            {"key": key, "periods": [period_to_json_dict(p) for p in rows]}
            for key, rows in f.groups.items()
        ]
    return data


def portfolio_to_json_dict(p: PortfolioForecast) -> dict[str, Any]:
    """Several clients' forecasts, and the combined periods of those that share a
    currency and a fiscal start month."""
    return {
        "as_of": p.as_of.isoformat(),
        "by": p.by,
        "clients": [forecast_to_json_dict(f) for f in p.forecasts],
        "combined": [
            {
                "currency": c.currency,
                "fiscal_year_start_month": c.fiscal_year_start_month,
                "clients": list(c.clients),
                "periods": [period_to_json_dict(row) for row in c.periods],
                "overdue": {"count": c.overdue_count, "amount": money_str(c.overdue_amount)},
                "unscheduled": {
                    "count": c.unscheduled_count,
                    "amount": money_str(c.unscheduled_amount),
                },
            }
            for c in p.combined
        ],
    }


# --------------------------------------------------------------------------- due


def due_item_to_json_dict(item: DueItem) -> dict[str, Any]:
    return {
        "client": item.client,
        "kind": item.kind,
        "name": item.name,
        "tag": item.tag,
        "date": item.date.isoformat(),
        "action": item.action,
        "owner": item.owner,
        "amount": _money(item.amount),
        "currency": item.currency,
        "late": item.late,
    }


def due_to_json_dict(items: Iterable[DueItem], as_of: dt.date, within: int) -> dict[str, Any]:
    """The ``itroad due --json`` shape: the window, every item in it (soonest first) and
    the total of their known amounts per client and currency."""
    items = list(items)
    return {"as_of": as_of.isoformat(), "within": within,
            "items": [due_item_to_json_dict(item) for item in items],
            "totals": [{"client": t.client, "currency": t.currency, "amount": money_str(t.amount)}
                       for t in due_totals(items)]}


# --------------------------------------------------------------------------- roadmap


def _planned_to_json_dict(p: PlannedInitiative, quarter: int) -> dict[str, Any]:
    part = p.slice(quarter)
    return {
        "title": p.title,
        "status": p.status.value,
        "one_time_cost": money_str(p.one_time_budget),
        "monthly_cost": money_str(p.initiative.monthly_cost),
        "accountable": p.accountable,
        "warnings": list(p.warnings),
        "quarter_one_time": money_str(part.one_time),
        "quarter_recurring": money_str(part.recurring),
        "quarter_total": money_str(part.total),
    }


def roadmap_to_json_dict(roadmap: Roadmap) -> dict[str, Any]:
    """The ``itroad roadmap --json`` shape: per quarter its committed and proposed
    totals and the initiatives running in it.

    Per initiative, ``one_time_cost`` is its whole one-time budget (own cost plus
    linked assets) and ``monthly_cost`` its monthly cost, the same in every quarter;
    its slice of the quarter is ``quarter_one_time`` (the one-time budget's share
    spread into the quarter's months), ``quarter_recurring`` (the monthly cost
    counted there) and ``quarter_total`` (both), zero when not counted. A quarter's
    ``start`` is ``as_of`` when it began earlier (nothing before the month of
    ``as_of`` counts), as in the forecast's periods. ``monthly_after_end`` lists, in
    the same shape, initiatives ended before the quarter whose monthly cost counts
    in it: the ``quarter_total`` of both lists add up to ``committed`` plus
    ``proposed``."""
    return {
        "client": roadmap.client,
        "quarters": [
            {
                "label": quarter.label,
                "committed": money_str(quarter.committed),
                "proposed": money_str(quarter.proposed),
                "initiatives": [_planned_to_json_dict(p, quarter.index)
                                for p in roadmap.in_quarter(quarter.index)],
                "start": (roadmap.counted_from(quarter.index) or quarter.start).isoformat(),
                "end": quarter.end.isoformat(),
                "monthly_after_end": [_planned_to_json_dict(p, quarter.index)
                                      for p in roadmap.monthly_after_end(quarter.index)],
            }
            for quarter in roadmap.quarters
        ],
        "currency": roadmap.currency,
        "as_of": roadmap.as_of.isoformat(),
    }
