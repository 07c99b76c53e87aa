"""The strategy's rules: alignment of goals and initiatives, whether a KPI is on
track, and the share of initiatives delivered on time and within budget.

The rules: docs/rules.md, "Strategy, goals and actual spend". Pure functions over the
domain models; ``as_of`` is a parameter. (The client review *report* is
:mod:`itroad.planning.review`.)

- **alignment** (:func:`alignment`): goals no counted initiative serves, and
  committed initiatives (:attr:`~itroad.domain.enums.InitiativeStatus.is_committed`)
  that serve no goal;
- **KPI on track** (:func:`kpi_track`): the latest reading against the straight line
  from the baseline at the initiative's start to the target at the KPI's due date (or
  the initiative's end), in the direction of the target; unknown, never guessed,
  without a baseline, a reading or a due date. Compared exactly (Decimal, whole days,
  no division). :func:`kpi_trend` is the readings in date order, for a sparkline;
- **delivery** (:func:`delivery`): among done initiatives with ``completed_on``, those
  completed by their end and whose ``actual_cost`` is at most their one-time budget,
  linked assets included (:func:`itroad.planning.roadmap.linked_assets`, the roadmap's
  own rule).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from itroad.domain.enums import AssetStatus, InitiativeStatus
from itroad.domain.models import Client, Goal, Initiative, Kpi
from itroad.domain.money import ZERO
from itroad.planning.calendar import days_between
from itroad.planning.roadmap import linked_assets

# --------------------------------------------------------------------------- alignment


@dataclass(frozen=True)
class Alignment:
    """What a review asks of the strategy and the roadmap together."""

    #: Goals that no counted initiative (proposed, approved, in progress, done) serves.
    unserved_goals: tuple[Goal, ...]
    #: Committed initiatives (approved, in progress, done) that serve no goal.
    unaligned_initiatives: tuple[Initiative, ...]

    @property
    def aligned(self) -> bool:
        return not (self.unserved_goals or self.unaligned_initiatives)


def serving(client: Client, goal: Goal) -> list[Initiative]:
    """The initiatives that name ``goal`` in ``serves`` (any status), in the client's order."""
    title = goal.title.casefold()
    return [i for i in client.initiatives if any(t.casefold() == title for t in i.serves)]


def alignment(client: Client) -> Alignment:
    """Goals no counted initiative serves (deferred and cancelled ones serve nothing), and
    committed initiatives that serve no goal, each in the client's order."""
    served = {title.casefold() for initiative in client.initiatives
              if initiative.status.counts for title in initiative.serves}
    return Alignment(
        tuple(g for g in client.goals if g.title.casefold() not in served),
        tuple(i for i in client.initiatives if i.status.is_committed and not i.serves))


# --------------------------------------------------------------------------- KPIs


class Track(StrEnum):
    ON_TRACK = "on_track"
    BEHIND = "behind"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class KpiTrack:
    """Whether a KPI is on track, and the figures that say so."""

    track: Track
    #: Why it is unknown (``"no baseline"``, ``"no reading"``, ``"no due date"``), else None.
    reason: str | None = None
    #: The latest reading and the day it counts on (an undated ``current``: ``as_of``).
    latest: Decimal | None = None
    read_on: dt.date | None = None
    #: Where the line stands on that day (for showing; the rule compares exactly).
    expected: Decimal | None = None
    #: The line's ends: the baseline on ``start``, the target on ``due``.
    start: dt.date | None = None
    due: dt.date | None = None


def kpi_trend(kpi: Kpi) -> tuple[Decimal, ...]:
    """The readings' values in date order (an undated ``current`` alone): a sparkline's."""
    if kpi.history:
        return tuple(reading.value for reading in kpi.history)
    return () if kpi.current is None else (kpi.current,)


def kpi_track(kpi: Kpi, initiative: Initiative, as_of: dt.date) -> KpiTrack:
    """Whether ``kpi`` (of ``initiative``) is on track.

    The line runs from the baseline on the initiative's start to the target on the KPI's
    ``due`` date, else the initiative's end: before the start it is the baseline, from
    the due date on the target (a due date on or before the start: the target from the
    due date). The latest reading counts on its date; an undated ``current`` counts on
    ``as_of`` (it says where the KPI is now). On track when the reading is at or beyond
    the line on that day in the direction of the target: at least the line when the
    target is at or above the baseline, at most it when the target is below (a KPI that
    should go down). Unknown without a baseline, a reading or a due date (no ``due``
    and no end).
    """
    due = kpi.due or initiative.end
    latest = kpi.latest
    read_on = kpi.history[-1].date if kpi.history else as_of
    start = initiative.start
    if kpi.baseline is None:
        return KpiTrack(Track.UNKNOWN, "no baseline", latest, read_on if latest is not None else None,
                        start=start, due=due)
    if latest is None:
        return KpiTrack(Track.UNKNOWN, "no reading", start=start, due=due)
    if due is None:
        return KpiTrack(Track.UNKNOWN, "no due date", latest, read_on, start=start)
    baseline, target = kpi.baseline, kpi.target
    span = target - baseline
    # The line at read_on is baseline + span × elapsed / total; compared as
    # (latest − baseline) × total against span × elapsed, so no division rounds.
    if read_on >= due:
        elapsed, total = 1, 1
    elif read_on <= start:
        elapsed, total = 0, 1
    else:
        elapsed, total = days_between(start, read_on), days_between(start, due)
    done, wanted = (latest - baseline) * total, span * elapsed
    on_track = done >= wanted if span >= 0 else done <= wanted
    expected = baseline + span * elapsed / total
    return KpiTrack(Track.ON_TRACK if on_track else Track.BEHIND, None, latest, read_on,
                    expected, start, due)


# --------------------------------------------------------------------------- delivery


@dataclass(frozen=True)
class DeliveredInitiative:
    initiative: Initiative
    #: The end it was due by (its end; no end: its start, as the roadmap reads it).
    deadline: dt.date
    #: Its one-time budget: own one-time cost plus its linked assets' replacement cost.
    budget: Decimal
    on_time: bool
    #: None when its ``actual_cost`` is not recorded.
    within_budget: bool | None


@dataclass(frozen=True)
class Delivery:
    """Done initiatives with ``completed_on``, and how many were on time and within budget."""

    initiatives: tuple[DeliveredInitiative, ...]

    @property
    def done(self) -> int:
        return len(self.initiatives)

    @property
    def on_time(self) -> int:
        return sum(1 for d in self.initiatives if d.on_time)

    @property
    def within_budget(self) -> int:
        return sum(1 for d in self.initiatives if d.within_budget)

    @property
    def without_actual_cost(self) -> int:
        return sum(1 for d in self.initiatives if d.within_budget is None)

    @property
    def on_time_and_within_budget(self) -> int:
        return sum(1 for d in self.initiatives if d.on_time and d.within_budget)

    @property
    def share(self) -> Decimal | None:
        """The share delivered on time and within budget, 0 to 1 (exact); None when no
        initiative is done with a completion day (no share, rather than 0 %)."""
        if not self.initiatives:
            return None
        return Decimal(self.on_time_and_within_budget) / Decimal(self.done)


def delivery(client: Client, as_of: dt.date) -> Delivery:
    """Done initiatives with ``completed_on``, each on time (``completed_on`` on or before
    its end; no end: its start) and within budget (``actual_cost`` at most its one-time
    budget; unknown without an ``actual_cost``), in the client's order.

    The budget is the roadmap's (:func:`~itroad.planning.roadmap.linked_assets`, escalated
    from the fiscal year of ``as_of`` to that of the start, never below exponent 0), with
    one difference: an asset linked to a done initiative counts even when it is retired
    or disposed now, since delivering a replacement usually retires what it replaced.
    """
    done = [i for i, ini in enumerate(client.initiatives)
            if ini.status is InitiativeStatus.DONE and ini.completed_on is not None]
    if not done:
        return Delivery(())
    replaced = {tag.casefold() for i in done for tag in client.initiatives[i].assets}
    as_linked = client.model_copy(update={"assets": [
        a if a.status.is_current or a.tag.casefold() not in replaced
        else a.model_copy(update={"status": AssetStatus.IN_USE})
        for a in client.assets]})
    linked = linked_assets(as_linked, as_of)
    found = []
    for i in done:
        initiative = client.initiatives[i]
        assert initiative.completed_on is not None
        budget = initiative.one_time_cost + sum((a.cost for a in linked.get(i, ())), ZERO)
        deadline = initiative.end or initiative.start
        found.append(DeliveredInitiative(
            initiative, deadline, budget, initiative.completed_on <= deadline,
            None if initiative.actual_cost is None else initiative.actual_cost <= budget))
    return Delivery(tuple(found))
