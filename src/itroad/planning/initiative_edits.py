"""Editing an initiative: shifting it by quarters, its status workflow, its RACI letters.

The rules: docs/rules.md, "Initiatives and spreading" (shifting) and "People and RACI".
Each edit returns a new, revalidated :class:`~itroad.domain.models.Initiative`; the
store saves it (``store/initiatives.py``, ``store/people.py``).

- **shifting** an initiative by whole quarters moves its start, end and KPI due
  dates by three months each (a month's last day stays the last day:
  ``month_end_sticks``), so its budget moves with it, quarter for quarter.
- **status workflow**: proposed → approved → in progress → done; deferred and
  cancelled aside (:func:`next_status`).
- **RACI**: :func:`toggle_raci` edits one letter and keeps Accountable with one
  person; :func:`replace_person` hands someone's letters to a successor.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from itroad.domain.enums import InitiativeStatus, Raci
from itroad.domain.models import Initiative
from itroad.planning.calendar import add_months

# --------------------------------------------------------------------------- shifting


def _revalidated(model: Any, **changes: Any) -> Any:
    """A copy of a model with changes, validated as a whole (``model_copy`` is not)."""
    return type(model).model_validate({**model.model_dump(), **changes})


def shift_initiative(initiative: Initiative, quarters: int) -> Initiative:
    """The initiative moved by ``quarters`` fiscal quarters (negative: earlier)."""
    if quarters == 0:
        return initiative
    months = 3 * quarters

    def moved(day: dt.date) -> dt.date:
        return add_months(day, months, month_end_sticks=True)

    kpis = [
        kpi if kpi.due is None else _revalidated(kpi, due=moved(kpi.due))
        for kpi in initiative.kpis
    ]
    return _revalidated(
        initiative,
        start=moved(initiative.start),
        end=None if initiative.end is None else moved(initiative.end),
        kpis=[kpi.model_dump() for kpi in kpis],
    )


# --------------------------------------------------------------------------- statuses

#: The workflow an initiative advances along (``a`` in the Roadmap screen).
WORKFLOW = (
    InitiativeStatus.PROPOSED,
    InitiativeStatus.APPROVED,
    InitiativeStatus.IN_PROGRESS,
    InitiativeStatus.DONE,
)


def next_status(status: InitiativeStatus) -> InitiativeStatus | None:
    """The next step of the workflow; a deferred initiative comes back as proposed;
    None for done and cancelled (set those by hand)."""
    if status is InitiativeStatus.DEFERRED:
        return InitiativeStatus.PROPOSED
    if status in WORKFLOW:
        position = WORKFLOW.index(status)
        return WORKFLOW[position + 1] if position + 1 < len(WORKFLOW) else None
    return None


# --------------------------------------------------------------------------- RACI


def _same(a: str, b: str) -> bool:
    return a.casefold() == b.casefold()


def raci_letters(initiative: Initiative, person: str) -> str:
    """The letters a person holds on an initiative, in R A C I order (``"AR"`` → ``"RA"``)."""
    held = {role.raci for role in initiative.roles if _same(role.person, person)}
    return "".join(letter.value for letter in Raci if letter in held)


def accountable(initiative: Initiative) -> str | None:
    """The person (reference) who is Accountable; the first one when there are several."""
    for role in initiative.roles:
        if role.raci is Raci.ACCOUNTABLE:
            return role.person
    return None


def raci_ok(initiative: Initiative) -> bool:
    return not initiative.raci_problems()


@dataclass(frozen=True)
class RaciChange:
    initiative: Initiative
    #: People who lost Accountable because it moved to someone else.
    moved_from: tuple[str, ...] = ()
    on: bool = True


def toggle_raci(
    initiative: Initiative, person: str, letter: Raci | str, *, on: bool | None = None
) -> RaciChange:
    """Turn one letter of a person on or off (``on=None``: the other way round).

    Accountable is exclusive: giving it to someone takes it from whoever had it,
    so the matrix can never make two Accountables (an imported plan can, and is
    flagged).
    """
    letter = Raci(letter)
    has = any(_same(r.person, person) and r.raci is letter for r in initiative.roles)
    turn_on = (not has) if on is None else on
    roles = [r.model_dump() for r in initiative.roles
             if not (_same(r.person, person) and r.raci is letter)]
    moved: list[str] = []
    if turn_on:
        if letter is Raci.ACCOUNTABLE:
            moved = [r["person"] for r in roles
                     if r["raci"] == Raci.ACCOUNTABLE and not _same(r["person"], person)]
            roles = [r for r in roles if r["raci"] != Raci.ACCOUNTABLE]
        roles.append({"person": person, "raci": letter})
    return RaciChange(_revalidated(initiative, roles=roles), tuple(moved), turn_on)


def replace_person(initiative: Initiative, person: str, successor: str | None) -> Initiative:
    """The initiative with every role of ``person`` handed to ``successor`` (or dropped)."""
    roles: list[dict[str, Any]] = []
    for role in initiative.roles:
        ref = role.person
        if _same(ref, person):
            if successor is None:
                continue
            ref = successor
        entry = {"person": ref, "raci": role.raci}
        if not any(_same(e["person"], ref) and e["raci"] == role.raci for e in roles):
            roles.append(entry)
    return _revalidated(initiative, roles=roles)
