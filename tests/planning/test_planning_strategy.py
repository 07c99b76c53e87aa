"""The strategy's rules (docs/rules.md, "Strategy, goals and actual spend"): alignment,
KPIs on track, and initiatives delivered on time and within budget, by hand-worked
examples."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from itroad.domain.models import Asset, Client, Goal, Initiative, Kpi, LifecyclePolicy
from itroad.planning.strategy import Track, alignment, delivery, kpi_track, kpi_trend, serving

AS_OF = date(2026, 12, 1)


def _initiative(title: str, status: str = "approved", **fields) -> Initiative:
    return Initiative(title=title, category="security", status=status,
                      start=fields.pop("start", date(2026, 1, 1)), **fields)


# --------------------------------------------------------------------------- alignment


def test_alignment_flags_goals_nothing_serves_and_committed_initiatives_serving_no_goal():
    client = Client(code="acme", name="Acme", goals=[
        Goal(title="Pass the audit", horizon="short"), Goal(title="Book online", horizon="long"),
        Goal(title="Paperless", horizon="long"), Goal(title="Quiet servers", horizon="short")],
        initiatives=[
            _initiative("MFA", "approved", serves=["pass the AUDIT"]),
            _initiative("Portal", "cancelled", serves=["Book online"]),
            _initiative("Scanning", "proposed", serves=["Paperless"]),
            _initiative("Racks", "deferred", serves=["Quiet servers"]),
            _initiative("Backups", "in_progress"),
            _initiative("Laptops", "done"),
            _initiative("Wi-Fi", "proposed"),
            _initiative("Old idea", "cancelled"),
        ])
    found = alignment(client)
    # A cancelled or deferred initiative serves nothing; a proposed one counts.
    assert [g.title for g in found.unserved_goals] == ["Book online", "Quiet servers"]
    # Only committed ones (approved, in progress, done) must serve a goal.
    assert [i.title for i in found.unaligned_initiatives] == ["Backups", "Laptops"]
    assert not found.aligned
    assert [i.title for i in serving(client, client.goals[0])] == ["MFA"]
    assert [i.title for i in serving(client, client.goals[1])] == ["Portal"]


def test_a_client_without_goals_or_initiatives_is_aligned():
    assert alignment(Client(code="acme", name="Acme")).aligned


# --------------------------------------------------------------------------- KPIs


def _kpi(baseline: str | None, target: str, readings: list[tuple[date, str]] = (),
         due: date | None = None, current: str | None = None) -> Kpi:
    return Kpi(name="k", baseline=baseline, target=target, due=due, current=current,
               history=[{"date": d, "value": v} for d, v in readings])


# 10 days from start to due: the line gains 10 a day from 0 to 100.
START, DUE = date(2026, 1, 1), date(2026, 1, 11)
RUNNING = _initiative("MFA", start=START, end=date(2026, 3, 31))


@pytest.mark.parametrize(("value", "track"), [("50", Track.ON_TRACK), ("49.99", Track.BEHIND),
                                              ("51", Track.ON_TRACK), ("100", Track.ON_TRACK)])
def test_a_kpi_going_up_is_on_track_at_or_above_the_line(value, track):
    found = kpi_track(_kpi("0", "100", [(date(2026, 1, 6), value)], due=DUE), RUNNING, AS_OF)
    assert found.track is track
    assert found.expected == Decimal(50)  # five days of ten: half way
    assert (found.read_on, found.start, found.due) == (date(2026, 1, 6), START, DUE)


@pytest.mark.parametrize(("value", "track"), [("24", Track.ON_TRACK), ("24.01", Track.BEHIND),
                                              ("20", Track.ON_TRACK), ("31", Track.BEHIND)])
def test_a_kpi_going_down_is_on_track_at_or_below_the_line(value, track):
    # 31 % → 10 % over 21 days: 1 point a day; after 7 days the line is at 24.
    kpi = _kpi("31", "10", [(date(2026, 1, 8), value)], due=date(2026, 1, 22))
    found = kpi_track(kpi, RUNNING, AS_OF)
    assert (found.track, found.expected) == (track, Decimal(24))


def test_the_line_is_compared_exactly_not_through_a_rounded_division():
    # 100 over 3 days: after one day the line is at 33.333…, which no reading equals.
    initiative = _initiative("x", start=START, end=date(2026, 1, 4))
    behind = kpi_track(_kpi("0", "100", [(date(2026, 1, 2), "33.333333")]), initiative, AS_OF)
    assert behind.track is Track.BEHIND
    ahead = kpi_track(_kpi("0", "100", [(date(2026, 1, 2), "33.333334")]), initiative, AS_OF)
    assert ahead.track is Track.ON_TRACK
    # 7 over 3 days, after 3 of 9 days (2026-01-01 to 2026-01-10): exactly 7/3 would be
    # needed; after 9 of 9, exactly 7, and 7 is on the line.
    longer = _initiative("y", start=START, end=date(2026, 1, 10))
    assert kpi_track(_kpi("0", "7", [(date(2026, 1, 10), "7")]), longer, AS_OF).track \
        is Track.ON_TRACK
    on_line = kpi_track(_kpi("1", "10", [(date(2026, 1, 4), "4")]), longer, AS_OF)
    assert (on_line.track, on_line.expected) == (Track.ON_TRACK, Decimal(4))


def test_the_initiatives_end_is_the_due_date_when_the_kpi_has_none():
    # 2026-01-01 → 2026-03-31 is 89 days; on 2026-02-15 (45 days) the line is at 45/89.
    found = kpi_track(_kpi("0", "89", [(date(2026, 2, 15), "45")]), RUNNING, AS_OF)
    assert (found.track, found.expected, found.due) == (Track.ON_TRACK, Decimal(45),
                                                        date(2026, 3, 31))
    assert kpi_track(_kpi("0", "89", [(date(2026, 2, 15), "44")]), RUNNING, AS_OF).track \
        is Track.BEHIND


def test_before_the_start_the_line_is_the_baseline_and_after_the_due_date_the_target():
    before = kpi_track(_kpi("0", "100", [(date(2025, 12, 1), "0")], due=DUE), RUNNING, AS_OF)
    assert (before.track, before.expected) == (Track.ON_TRACK, Decimal(0))
    late = kpi_track(_kpi("0", "100", [(date(2026, 2, 1), "99")], due=DUE), RUNNING, AS_OF)
    assert (late.track, late.expected) == (Track.BEHIND, Decimal(100))
    reached = kpi_track(_kpi("0", "100", [(DUE, "100")], due=DUE), RUNNING, AS_OF)
    assert reached.track is Track.ON_TRACK


def test_a_due_date_before_the_start_wants_the_target_from_the_due_date_on():
    later = _initiative("x", start=date(2026, 3, 1), end=date(2026, 6, 30))
    due = date(2026, 2, 1)
    assert kpi_track(_kpi("0", "100", [(date(2026, 2, 15), "100")], due=due), later, AS_OF).track \
        is Track.ON_TRACK
    found = kpi_track(_kpi("0", "100", [(date(2026, 2, 15), "99")], due=due), later, AS_OF)
    assert (found.track, found.expected) == (Track.BEHIND, Decimal(100))
    # Before the due date (and the start) the line is still the baseline.
    early = kpi_track(_kpi("0", "100", [(date(2026, 1, 15), "0")], due=due), later, AS_OF)
    assert (early.track, early.expected) == (Track.ON_TRACK, Decimal(0))


def test_an_undated_current_reading_counts_on_as_of():
    kpi = _kpi("0", "100", current="40", due=date(2026, 12, 31))
    initiative = _initiative("x", start=date(2026, 1, 1))
    # On 2026-12-01, 334 of 364 days have passed: the line is at 91.76…; 40 is behind.
    found = kpi_track(kpi, initiative, AS_OF)
    assert (found.track, found.read_on, found.latest) == (Track.BEHIND, AS_OF, Decimal(40))
    # On 2026-04-01, 90 of 364 days: the line is at 24.72…; 40 is ahead of it.
    assert kpi_track(kpi, initiative, date(2026, 4, 1)).track is Track.ON_TRACK
    assert kpi_track(kpi, initiative, date(2026, 8, 1)).track is Track.BEHIND


def test_the_latest_dated_reading_is_the_one_compared():
    kpi = _kpi("0", "100", [(date(2026, 1, 3), "90"), (date(2026, 1, 9), "60")], due=DUE)
    found = kpi_track(kpi, RUNNING, AS_OF)
    assert (found.track, found.latest, found.expected) == (Track.BEHIND, Decimal(60), Decimal(80))


def test_unknown_is_said_not_guessed():
    reading = [(date(2026, 1, 6), "50")]
    no_end = _initiative("x", start=START)
    assert kpi_track(_kpi(None, "100", reading, due=DUE), RUNNING, AS_OF).reason == "no baseline"
    assert kpi_track(_kpi("0", "100", due=DUE), RUNNING, AS_OF).reason == "no reading"
    found = kpi_track(_kpi("0", "100", reading), no_end, AS_OF)
    assert (found.track, found.reason) == (Track.UNKNOWN, "no due date")
    assert kpi_track(_kpi("0", "100", reading, due=DUE), no_end, AS_OF).track is Track.ON_TRACK


def test_a_kpi_whose_target_is_its_baseline_is_on_track_at_or_above_it():
    assert kpi_track(_kpi("5", "5", [(date(2026, 1, 6), "5")], due=DUE), RUNNING, AS_OF).track \
        is Track.ON_TRACK
    assert kpi_track(_kpi("5", "5", [(date(2026, 1, 6), "4")], due=DUE), RUNNING, AS_OF).track \
        is Track.BEHIND


def test_the_trend_is_the_readings_in_date_order():
    kpi = Kpi(name="k", target="100", history=[{"date": date(2026, 3, 1), "value": "30"},
                                               {"date": date(2026, 1, 1), "value": "10"}])
    assert kpi_trend(kpi) == (Decimal(10), Decimal(30))
    assert kpi_trend(Kpi(name="k", target="1", current="0.5")) == (Decimal("0.5"),)
    assert kpi_trend(Kpi(name="k", target="1")) == ()


# --------------------------------------------------------------------------- delivery


def test_no_initiative_done_gives_no_share_rather_than_none_percent():
    client = Client(code="acme", name="Acme", initiatives=[
        _initiative("a", "in_progress", completed_on=date(2026, 5, 1), actual_cost="1.00"),
        _initiative("b", "done")])  # done, but without the day it was completed
    found = delivery(client, AS_OF)
    assert (found.done, found.on_time, found.within_budget, found.share) == (0, 0, 0, None)


def test_the_share_on_time_and_within_budget_counts_linked_assets_in_the_budget():
    end = date(2026, 6, 30)
    client = Client(
        code="acme", name="Acme",
        policies=[LifecyclePolicy(category="laptop", lifecycle_months=48,
                                  replacement_cost="400.00")],
        assets=[Asset(tag="LT-1", name="Old laptop", category="laptop", status="retired"),
                Asset(tag="LT-2", name="Spare laptop", category="laptop", status="spare",
                      replacement_cost="250.00")],
        initiatives=[
            # On its end day, at its budget: on time and within budget.
            _initiative("exact", "done", end=end, completed_on=end, one_time_cost="1000.00",
                        actual_cost="1000.00"),
            # A day late, cheap.
            _initiative("late", "done", end=end, completed_on=date(2026, 7, 1),
                        one_time_cost="1000.00", actual_cost="500.00"),
            # 1,000.00 + the retired laptop it replaced (400.00, its policy's cost) + the
            # spare (250.00): 1,650.00.
            _initiative("laptops", "done", end=end, completed_on=date(2026, 6, 1),
                        one_time_cost="1000.00", actual_cost="1650.00", assets=["LT-1", "lt-2"]),
            # A cent over.
            _initiative("over", "done", end=end, completed_on=end, one_time_cost="10.00",
                        actual_cost="10.01"),
            # No actual cost recorded: not within budget, and said so.
            _initiative("unpriced", "done", end=end, completed_on=end, one_time_cost="10.00"),
            # No end: due by its start.
            _initiative("one-day", "done", start=date(2026, 2, 1), completed_on=date(2026, 2, 2),
                        actual_cost="0.00"),
        ])
    found = delivery(client, AS_OF)
    rows = {d.initiative.title: (d.on_time, d.within_budget, d.budget) for d in found.initiatives}
    assert rows == {
        "exact": (True, True, Decimal("1000.00")),
        "late": (False, True, Decimal("1000.00")),
        "laptops": (True, True, Decimal("1650.00")),
        "over": (True, False, Decimal("10.00")),
        "unpriced": (True, None, Decimal("10.00")),
        "one-day": (False, True, Decimal("0.00")),
    }
    assert (found.done, found.on_time, found.within_budget, found.without_actual_cost) == (6, 4, 4, 1)
    assert found.on_time_and_within_budget == 2
    assert found.share == Decimal(2) / Decimal(6)


def test_a_linked_asset_carried_by_another_initiative_adds_nothing_here():
    # The asset goes with the committed initiative that starts first ("first").
    client = Client(
        code="acme", name="Acme",
        assets=[Asset(tag="S-1", name="Server", category="server", replacement_cost="3000.00")],
        initiatives=[
            _initiative("second", "done", start=date(2026, 3, 1), completed_on=date(2026, 3, 1),
                        actual_cost="100.00", one_time_cost="100.00", assets=["S-1"]),
            _initiative("first", "approved", start=date(2026, 1, 1), assets=["S-1"]),
        ])
    [only] = delivery(client, AS_OF).initiatives
    assert (only.budget, only.within_budget) == (Decimal("100.00"), True)


def test_the_spend_lines_are_the_forecasts_committed_lines_and_other():
    from itroad.domain.enums import SpendLine
    from itroad.planning.forecast.results import COMMITTED_LINES

    assert [line.value for line in SpendLine] == [*COMMITTED_LINES, "other"]


@given(baseline=st.integers(-1000, 1000), target=st.integers(-1000, 1000),
       value=st.integers(-3000, 3000), step=st.integers(0, 500),
       day=st.integers(-30, 400), length=st.integers(-30, 365))
def test_a_reading_further_towards_the_target_is_never_less_on_track(baseline, target, value,
                                                                      step, day, length):
    start = date(2026, 1, 1)
    initiative = _initiative("x", start=start)
    due = date.fromordinal(start.toordinal() + length)
    read_on = date.fromordinal(start.toordinal() + day)
    towards = value + step if target >= baseline else value - step
    first = kpi_track(_kpi(str(baseline), str(target), [(read_on, str(value))], due=due),
                      initiative, AS_OF)
    further = kpi_track(_kpi(str(baseline), str(target), [(read_on, str(towards))], due=due),
                        initiative, AS_OF)
    assert first.track is not Track.UNKNOWN
    if first.track is Track.ON_TRACK:
        assert further.track is Track.ON_TRACK
    # The line itself is always on track, and it lies between the baseline and the target.
    assert min(baseline, target) <= first.expected <= max(baseline, target)
    on_line = first.expected
    if on_line == on_line.to_integral_value():
        exact = kpi_track(_kpi(str(baseline), str(target), [(read_on, str(int(on_line)))],
                               due=due), initiative, AS_OF)
        assert exact.track is Track.ON_TRACK
