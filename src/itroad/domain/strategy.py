"""A client's strategy above its roadmap: mission, vision and SWOT, goals, and what
was actually spent (docs/rules.md, "Strategy, goals and actual spend").

Like :mod:`itroad.domain.models` (whose :class:`~itroad.domain.models.Client` holds
them), these models are the interchange schema: a goal's owner is a person's key (an
email, else a name), an actual payment names the record it pays for by natural key
(a renewal's name, an asset's tag, a contract's or an initiative's title). Their
references are checked with the client's others, in
:func:`~itroad.domain.models.reference_problems`.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints, model_validator

from itroad.domain.enums import GoalHorizon, SpendLine, SwotKind
from itroad.domain.errors import InvalidValue
from itroad.domain.record import Record
from itroad.domain.types import IsoDate, Money, Name, Text

#: A required statement: stripped, never empty, as long as free text may be.
Statement = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]


class SwotItem(Record):
    """One point of the assessment of where IT stands."""

    kind: SwotKind
    text: Statement


class Strategy(Record):
    """Where the business wants to go, and where IT stands. Every part is optional;
    an empty strategy is the same as none (it is not written to a portfolio file)."""

    mission: Text | None = None
    vision: Text | None = None
    swot: list[SwotItem] = Field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        """Nothing given: a client without a strategy."""
        return self.mission is None and self.vision is None and not self.swot


class Goal(Record):
    """A goal of the client, which initiatives serve (``Initiative.serves`` names it by
    title: unique per client, in any case)."""

    title: Name
    horizon: GoalHorizon
    target: IsoDate | None = None
    #: A person of the client (their key: the email, else the name).
    owner: Text | None = None


#: The fields of an :class:`Actual` that name the record it pays for, in file order.
ACTUAL_TARGETS = ("renewal", "asset", "contract", "initiative")


class Actual(Record):
    """An amount actually spent on a day, on one line of the budget; optionally for
    one record: a renewal (by name), an asset (by tag), a contract or an initiative
    (by title). At most one of those four is given."""

    date: IsoDate
    amount: Money
    line: SpendLine
    note: Text | None = None
    renewal: Name | None = None
    asset: Name | None = None
    contract: Name | None = None
    initiative: Name | None = None

    @model_validator(mode="after")
    def _one_target(self) -> Actual:
        given = [name for name in ACTUAL_TARGETS if getattr(self, name) is not None]
        if len(given) > 1:
            raise InvalidValue(
                f"a payment is for at most one record, not {' and '.join(given)}",
                field=given[1], code="several_targets")
        return self

    @property
    def target(self) -> tuple[str, str] | None:
        """``(field, natural key)`` of the record it pays for, None when it names none."""
        for name in ACTUAL_TARGETS:
            value = getattr(self, name)
            if value is not None:
                return name, value
        return None
