"""Quarter slices reconcile: what ``itroad roadmap`` and its JSON show per quarter.

docs/rules.md, "Initiatives and spreading". For every initiative, the slices of
all quarters add up to what it counts: its one-time budget less what was spread
over months before the month of ``as_of`` (spent) or after the last quarter, plus
its monthly cost for each month counted after its end. For every quarter, the
slices of its committed initiatives add up to its committed total and those of
its proposed ones to its proposed total. Checked on the JSON (every initiative
listed where it has a slice) and on the text tables at 80 columns (no amount cut).
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console
from tests.conftest import PLANNING_FIXTURE, SAMPLE
from tests.strategies import clients

from itroad.domain.models import Client
from itroad.domain.money import format_money
from itroad.interchange.toml_format import read_portfolio
from itroad.output.json import roadmap_to_json_dict
from itroad.output.roadmap import roadmap_renderable
from itroad.planning.calendar import month_index, quarter_index_bounds
from itroad.planning.initiative_costs import spread
from itroad.planning.roadmap import Roadmap, plan_roadmap

ZERO = Decimal("0.00")


def expected_counted(roadmap: Roadmap, client: Client) -> dict[str, Decimal]:
    """What each initiative counts on the roadmap, worked out from the rules alone."""
    first_month = month_index(roadmap.as_of)
    last_month = month_index(quarter_index_bounds(roadmap.last, client.fiscal_year_start_month)[1])
    found: dict[str, Decimal] = {}
    for p in roadmap.initiatives:
        ini = p.initiative
        if not ini.status.counts:
            found[p.title] = ZERO
            continue
        start, end = month_index(ini.start), month_index(ini.end or ini.start)
        parts = spread(p.one_time_budget, end - start + 1) if p.one_time_budget else []
        one_time = sum((a for m, a in zip(range(start, end + 1), parts)
                        if first_month <= m <= last_month), ZERO)
        months = max(0, last_month - max(end + 1, first_month) + 1)
        found[p.title] = one_time + ini.monthly_cost * months
    return found


def check(client: Client, as_of: date) -> None:
    # the JSON names initiatives by title: make them unique (numbered) to sum per initiative
    client = client.model_copy(update={"initiatives": [
        ini.model_copy(update={"title": f"{n} {ini.title}"})
        for n, ini in enumerate(client.initiatives)]})
    roadmap = plan_roadmap(client, as_of)
    data = roadmap_to_json_dict(roadmap)
    counted: dict[str, Decimal] = {p.title: ZERO for p in roadmap.initiatives}
    statuses = {p.title: p.initiative.status for p in roadmap.initiatives}
    for quarter in data["quarters"]:
        committed = proposed = ZERO
        rows = quarter["initiatives"] + quarter["monthly_after_end"]
        assert len({r["title"] for r in rows}) == len(rows)  # none listed twice
        for row in rows:
            one_time, recurring = Decimal(row["quarter_one_time"]), Decimal(row["quarter_recurring"])
            total = Decimal(row["quarter_total"])
            assert one_time + recurring == total
            status = statuses[row["title"]]
            if not status.counts:
                assert total == 0, row
            elif status.is_committed:
                committed += total
            else:
                proposed += total
            counted[row["title"]] += total
        assert (committed, proposed) == (Decimal(quarter["committed"]), Decimal(quarter["proposed"])), \
            quarter["label"]
    assert counted == expected_counted(roadmap, client)
    for p in roadmap.initiatives:  # the one-time budget, whole: counted, before, after
        if p.status.counts:
            assert (sum(p.one_time_amounts.values(), ZERO) + p.one_time_before + p.one_time_after
                    == p.one_time_budget), p.title


def portfolio_clients() -> list[Client]:
    return [*read_portfolio(SAMPLE).clients, *read_portfolio(PLANNING_FIXTURE).clients]


@pytest.mark.parametrize("as_of", [date(2026, 11, 22), date(2026, 7, 1), date(2027, 5, 31),
                                   date(2025, 2, 14)])
def test_slices_reconcile_on_the_sample_and_the_fixture(as_of: date) -> None:
    for client in portfolio_clients():
        check(client, as_of)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(client=clients(code="c"), as_of=st.dates(min_value=date(2024, 1, 1),
                                                max_value=date(2030, 12, 31)))
def test_slices_reconcile_for_any_client(client: Client, as_of: date) -> None:
    check(client, as_of)


AMOUNT = re.compile(r"\d{1,3}(?:,\d{3})*\.\d\d")


@pytest.mark.parametrize("width", [60, 72, 80, 100])
def test_the_tables_show_every_slice_whole_and_they_add_up(width: int) -> None:
    for client in portfolio_clients():
        roadmap = plan_roadmap(client, date(2026, 11, 22))
        console = Console(width=width, record=True, color_system=None)
        console.print(roadmap_renderable(roadmap, console.width))
        text = console.export_text()
        assert "…" not in text, client.code
        assert max(len(line.rstrip()) for line in text.splitlines()) <= width
        assert "This" in text and "quarter" in text and "One-time" in text and "total" in text
        # each quarter's "This quarter" column adds up to its committed plus proposed
        seen = []
        for block in text.split("\n\n")[1:]:
            head = re.match(r"(FY\d{4}-Q\d)(?: from (\S+))?\s+committed (\S+)\s+proposed (\S+)", block)
            if head is None:
                continue
            quarter = next(q for q in roadmap.quarters if q.label == head[1])
            seen.append(quarter.label)
            assert head[2] == (as_of.isoformat() if (as_of := roadmap.counted_from(quarter.index))
                               else None)
            column = [AMOUNT.findall(line)[0] for line in block.splitlines()[4:]
                      if len(AMOUNT.findall(line)) == 3]
            shown = sum((Decimal(a.replace(",", "")) for a in column), ZERO)
            assert shown == quarter.committed + quarter.proposed, (client.code, head[1])
            for p in roadmap.in_quarter(quarter.index):
                assert format_money(p.one_time_budget) in block
        assert seen == [q.label for q in roadmap.quarters]
