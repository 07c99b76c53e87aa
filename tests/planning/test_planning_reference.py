"""The fast forecast against a plain reference implementation of docs/rules.md,
"Domain rules as implemented".

``forecast()`` adds amounts up by month without dating each payment (runs of
equal amounts, assets through ``Scheduler.slot``) and builds ``entries`` and
``schedule`` only on demand. The reference below is the straightforward version:
one dated entry per amount (each occurrence stepped through month by month),
bucketed by date. Both must agree to the cent, entry for entry.
"""

from __future__ import annotations

import calendar
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given, settings
from hypothesis import strategies as st
from tests.strategies import clients

from itroad.domain.models import Client, Contract, Renewal
from itroad.planning.calendar import ONE_DAY, fiscal_year_of
from itroad.planning.forecast import LINES, Entry, forecast, spread
from itroad.planning.lifecycle import (
    Scheduler,
    escalate,
    policies_by_category,
    schedule_asset,
    schedule_assets,
)
from itroad.planning.recurrence import (
    contract_payments,
    contract_runs,
    contract_terms,
    occurrence_range,
    renewal_occurrences,
    renewal_runs,
)

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
SETTINGS = settings(max_examples=150, deadline=None)


def _round(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def _shift(day: date, months: int, anchor_day: int) -> date:
    year, month0 = divmod(day.year * 12 + day.month - 1 + months, 12)
    return date(year, month0 + 1, min(anchor_day, calendar.monthrange(year, month0 + 1)[1]))


def _series(anchor: date, period: int, first: date, last: date) -> list[tuple[int, date]]:
    """Every occurrence from the anchor, one step at a time, kept when in first..last."""
    if period == 0:
        return [(0, anchor)] if first <= anchor <= last else []
    found, k = [], 0
    while (day := _shift(anchor, k * period, anchor.day)) <= last:
        if day >= first:
            found.append((k, day))
        k += 1
    return found


def _renewal(renewal: Renewal, first: date, last: date) -> list[tuple[int, date, Decimal]]:
    if renewal.end_date is not None:
        last = min(last, renewal.end_date)
    return [
        (k, day, _round(renewal.quantity * renewal.unit_cost
                        * (1 + renewal.escalation_rate) ** (k * renewal.period_months // 12)))
        for k, day in _series(renewal.next_renewal, renewal.period_months, first, last)
    ]


def _contract(contract: Contract, first: date, last: date) -> list[tuple[int, date, Decimal]]:
    found = []
    for term_start, term_end in contract_terms(contract, last):
        until = last if term_end is None else min(last, term_end)
        for k, day in _series(term_start, contract.period_months, first, until):
            found.append((k, day, contract.amount))
    return found


def _reference_entries(client: Client, as_of: date, end: date) -> tuple[list[Entry], dict]:
    """The entries of a forecast, the assets linked to initiatives, and the overdue,
    unscheduled and missing-cost tags, the plain way."""
    start_month = client.fiscal_year_start_month
    schedule = schedule_assets(client, as_of)
    initiatives = client.initiatives
    order = sorted(
        (i for i, ini in enumerate(initiatives) if ini.status.counts),
        key=lambda i: (not initiatives[i].status.is_committed, initiatives[i].start, i),
    )
    entries: list[Entry] = []
    extra: dict[int, Decimal] = {}
    extra_tags: dict[int, list[str]] = {}
    found: dict = {"linked": {}, "overdue": [], "unscheduled": [], "missing": []}
    for item in schedule:
        taker = next(
            (i for i in order if item.tag.casefold() in {t.casefold() for t in initiatives[i].assets}),
            None,
        )
        if taker is not None:
            cost = ZERO if item.base_cost is None else escalate(
                item.base_cost, client.escalation_rate, fiscal_year_of(as_of, start_month),
                fiscal_year_of(initiatives[taker].start, start_month))
            extra[taker] = extra.get(taker, ZERO) + cost
            extra_tags.setdefault(taker, []).append(item.tag)
            found["linked"][item.tag] = initiatives[taker].title
            continue
        if item.unscheduled:
            found["unscheduled"].append(item)
            continue
        if item.due > end:
            continue
        if item.cost is None:
            found["missing"].append(item)
        if item.overdue:
            found["overdue"].append(item)
        note = f"overdue since {item.due.isoformat()}" if item.overdue else item.basis
        a = item.asset
        entries.append(Entry(max(item.due, as_of), "hardware", item.cost or ZERO, "asset", a.tag,
                             a.name, a.category, a.site, (a.tag,), note))
    for r in client.renewals:
        for _, day, amount in _renewal(r, as_of, end):
            entries.append(Entry(day, "renewals", amount, "renewal", r.name, r.name, r.kind.value))
    for c in client.contracts:
        for _, day, amount in _contract(c, as_of, end):
            entries.append(Entry(day, "contracts", amount, "contract", c.title, c.title, c.kind.value))

    def month(day: date) -> int:
        return day.year * 12 + day.month - 1

    def first_of(index: int) -> date:
        return date(index // 12, index % 12 + 1, 1)

    for i, ini in enumerate(initiatives):
        if not ini.status.counts:
            continue
        committed = ini.status.is_committed
        first, last = month(ini.start), month(ini.end or ini.start)
        one_time = ini.one_time_cost + extra.get(i, ZERO)
        if one_time:
            parts = spread(one_time, last - first + 1)
            for offset, amount in enumerate(parts):
                m = first + offset
                if month(as_of) <= m <= month(end) and amount:
                    entries.append(Entry(
                        max(first_of(m), ini.start, as_of),
                        "initiatives_one_time" if committed else "proposed", amount, "initiative",
                        ini.title, ini.title, ini.category.value, None, tuple(extra_tags.get(i, ())),
                        f"one-time, month {offset + 1} of {len(parts)}"))
        if ini.monthly_cost:
            for m in range(max(last + 1, month(as_of)), month(end) + 1):
                entries.append(Entry(
                    max(first_of(m), as_of), "initiatives_recurring" if committed else "proposed",
                    ini.monthly_cost, "initiative", ini.title, ini.title, ini.category.value, None,
                    (), "monthly"))
    entries.sort(key=lambda e: e.date)
    return entries, found


def _sums(entries, periods) -> list[dict[str, Decimal]]:
    rows = []
    for p in periods:
        row = dict.fromkeys(LINES, ZERO)
        for e in entries:
            if p.start <= e.date <= p.end:
                row[e.line] += e.amount
        rows.append(row)
    return rows


def _lines(periods) -> list[dict[str, Decimal]]:
    return [{line: p.line(line) for line in LINES} for p in periods]


as_of_dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31))


@SETTINGS
@given(clients(code="ref"), as_of_dates, st.sampled_from(["month", "quarter", "year"]),
       st.integers(1, 5), st.sampled_from([None, "category", "site"]))
def test_forecast_matches_the_reference(client, as_of, by, years, group_by):
    f = forecast(client, as_of, by=by, years=years, group_by=group_by)
    entries, found = _reference_entries(client, as_of, f.end)

    assert list(f.entries) == entries
    assert list(f.schedule) == schedule_assets(client, as_of)
    assert _lines(f.periods) == _sums(entries, f.periods)
    for p in f.periods:
        assert p.total == sum((p.line(line) for line in LINES[:-1]), ZERO)
    assert list(f.linked_assets.items()) == list(found["linked"].items())
    assert list(f.overdue.items) == found["overdue"]
    assert list(f.unscheduled.items) == found["unscheduled"]
    assert list(f.missing_cost) == found["missing"]
    for summary, items in ((f.overdue, found["overdue"]), (f.unscheduled, found["unscheduled"])):
        assert summary.count == len(items)
        assert summary.amount == _round(sum((i.cost for i in items if i.cost is not None), ZERO))

    if group_by is None:
        assert f.groups == {}
    else:
        keys = {(e.category if group_by == "category" else e.site) for e in entries}
        assert list(f.groups) == sorted(keys, key=lambda k: (k is None, k or ""))
        for key, rows in f.groups.items():
            inside = [e for e in entries if (e.category if group_by == "category" else e.site) == key]
            assert _lines(rows) == _sums(inside, rows)


month_end_days = st.builds(
    lambda y, m, d: date(y, m, min(d, calendar.monthrange(y, m)[1])),
    st.integers(2020, 2032), st.integers(1, 12), st.sampled_from([1, 2, 15, 27, 28, 29, 30, 31]),
)


@settings(max_examples=300, deadline=None)
@given(month_end_days, st.sampled_from([0, 1, 2, 3, 6, 12, 18, 24, 36]), month_end_days,
       month_end_days, st.none() | month_end_days)
def test_occurrence_range_matches_stepping(anchor, period, start, until, end):
    last = until if end is None else min(until, end)
    assert [
        (k, _shift(anchor, k * period, anchor.day) if period else anchor)
        for k in occurrence_range(anchor, period, until=until, start=start, end=end)
    ] == _series(anchor, period, start, last)


def _expand(runs) -> list[tuple[int, Decimal]]:
    return [(run.month + j * run.step, run.amount) for run in runs for j in range(run.times)]


def _months(occurrences) -> list[tuple[int, Decimal]]:
    return [(o.date.year * 12 + o.date.month - 1, o.amount) for o in occurrences]


@settings(max_examples=100, deadline=None)
@given(clients(code="runs"), month_end_days, st.integers(1, 72))
def test_runs_are_the_occurrences_by_month(client, start, months):
    end = _shift(start, months, 31)
    for r in client.renewals:
        assert _expand(renewal_runs(r, start, end)) == _months(renewal_occurrences(r, start, end))
        assert [(d, a) for _, d, a in _renewal(r, start, end)] == [
            (o.date, o.amount) for o in renewal_occurrences(r, start, end)]
    for c in client.contracts:
        assert _expand(contract_runs(c, start, end)) == _months(contract_payments(c, start, end))
        assert [(d, a) for _, d, a in _contract(c, start, end)] == [
            (o.date, o.amount) for o in contract_payments(c, start, end)]


@settings(max_examples=100, deadline=None)
@given(clients(code="slot"), as_of_dates)
def test_slot_agrees_with_schedule_asset(client, as_of):
    policies = policies_by_category(client.policies)
    start_month, rate = client.fiscal_year_start_month, client.escalation_rate
    for asset in client.assets:
        if not asset.status.is_current:
            continue
        policy = policies.get(asset.category)
        due = schedule_asset(asset, policy, as_of, start_month=start_month, rate=rate).due
        # Also on, just before and just after the due date: where "overdue" flips.
        days = [as_of] if due is None else [as_of, due, due - ONE_DAY, due + ONE_DAY]
        for day in days:
            item = schedule_asset(asset, policy, day, start_month=start_month, rate=rate)
            slot = Scheduler(day, start_month, rate).slot(asset, policy)
            due_month = None if item.due is None else item.due.year * 12 + item.due.month - 1
            assert slot == (due_month, item.overdue, item.cost)
