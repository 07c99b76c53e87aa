"""The Schedule tab's words for a what-if: rates as percentages, typed
replacement dates, one phrase per change.

The scenario itself, and what it changes, are :mod:`itroad.planning.scenario`;
here is only what the screen reads from the keyboard and says back. No Textual.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from itroad.domain.models import Client
from itroad.domain.money import format_money
from itroad.domain.parse import DecimalSeparator, parse_date, parse_typed_rate
from itroad.planning.calendar import add_months
from itroad.planning.lifecycle import ScheduledAsset
from itroad.planning.scenario import Deferral, Scenario


def percent_text(rate: Decimal) -> str:
    """``Decimal("0.035")`` -> ``"3.5 %"``."""
    value = (rate * 100).normalize()
    text = format(value, "f")
    return f"{text} %"


def parse_percent(text: str, decimal_separator: DecimalSeparator | None = None) -> Decimal:
    """A yearly rate typed as a percentage: ``"3"``, ``"3.5 %"``, ``"-1"`` -> 0.03, 0.035, -0.01."""
    if not text.strip():
        raise ValueError("type a percentage, such as 3 or 3.5")
    return parse_typed_rate(f"{text.strip().removesuffix('%').strip()} %",
                            decimal_separator=decimal_separator)


def describe_scenario(scenario: Scenario, client: Client) -> list[str]:
    """One short phrase per change of ``scenario``, for the what-if banner."""
    phrases = []
    originals = {p.category: p for p in client.policies}
    for category, policy in scenario.policies.items():
        old = originals.get(category)
        if old is None:
            phrases.append(f"{category}: new policy {policy.lifecycle_months} mo")
            continue
        if old.lifecycle_months != policy.lifecycle_months:
            phrases.append(f"{category} {old.lifecycle_months}→{policy.lifecycle_months} mo")
        if old.replacement_cost != policy.replacement_cost:
            phrases.append(
                f"{category} cost {format_money(old.replacement_cost) or 'none'}"
                f"→{format_money(policy.replacement_cost) or 'none'}"
            )
        if old.basis != policy.basis:
            phrases.append(f"{category} basis {old.basis.value}→{policy.basis.value}")
    if scenario.rate is not None:
        phrases.append(
            f"escalation {percent_text(client.escalation_rate)}→{percent_text(scenario.rate)}"
        )
    if scenario.deferrals:
        count = len(scenario.deferrals)
        phrases.append(f"{count} asset{'s' if count != 1 else ''} re-dated")
    return phrases


# --------------------------------------------------------------------------- dates

_RELATIVE = re.compile(r"^([+-])\s*(\d{1,3})\s*([mMyY])$")

#: What the date field of the defer dialog accepts, in a sentence.
DATE_HELP = "a date (2027-06-30), or +6m / +1y (-6m, -1y) from each asset's due date"


@dataclass(frozen=True)
class DatePlan:
    """The replacement dates a typed answer gives, or the sentence saying what is wrong."""

    deferrals: tuple[Deferral, ...] = ()
    error: str | None = None


def plan_dates(
    items: Sequence[ScheduledAsset],
    when: str,
    reason: str,
    *,
    forward: bool,
    as_of: date,
) -> DatePlan:
    """Turn the defer (``forward=False``) or bring-forward dialog's answer into deferrals.

    ``when`` is a date, ``+Nm``/``+Ny`` (``-`` to bring forward) from each asset's
    current due date, or empty to remove a deferral (defer only). A deferral must
    move each dated asset later, a bring-forward earlier but not before ``as_of``.
    A reason is required for a new date.
    """
    text = when.strip()
    reason = " ".join(reason.split())
    if not items:
        return DatePlan(error="no asset is selected")
    if not text:
        if forward:
            return DatePlan(error=f"type the new date: {DATE_HELP}")
        undeferred = [i for i in items if i.asset.replace_on is not None]
        if not undeferred:
            return DatePlan(error="none of these has a deferral to remove: type a new date")
        return DatePlan(tuple(Deferral(i.asset.tag, None, None) for i in undeferred))
    if not reason:
        return DatePlan(error="give a reason (it is kept with the asset and shown in the schedule)")
    if len(reason) > 4000:
        return DatePlan(error="the reason is too long (4,000 characters at most)")
    relative = _RELATIVE.match(text)
    deferrals = []
    for item in items:
        tag = item.asset.tag
        if relative:
            if item.due is None:
                return DatePlan(error=f"{tag} has no due date to count from: type a date instead")
            sign, number, unit = relative.groups()
            months = int(number) * (12 if unit in "yY" else 1) * (-1 if sign == "-" else 1)
            if months == 0:
                return DatePlan(error="move by at least one month")
            new = add_months(item.due, months)
        else:
            try:
                new = parse_date(text)
            except ValueError:
                return DatePlan(error=f'"{text}" is not a date: type {DATE_HELP}')
        if forward:
            if new < as_of:
                return DatePlan(error=f"{new} is before today ({as_of}): choose {as_of} or later")
            if item.due is not None and new >= item.due:
                return DatePlan(
                    error=f"{new} is not earlier than {tag}'s due date {item.due}: "
                    "use f to defer instead"
                )
        elif item.due is not None and new <= item.due:
            return DatePlan(
                error=f"{new} is not later than {tag}'s due date {item.due}: "
                "use b to bring it forward instead"
            )
        deferrals.append(Deferral(tag, new, reason))
    return DatePlan(tuple(deferrals))
