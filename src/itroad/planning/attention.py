"""What needs attention on a row: the badges of the inventory screens.

A badge is a short text (never colour alone) with a severity. The windows are
named here once. Renewal and contract badges are read off the recurrence
engine (the upcoming occurrence and its notice), so a screen, ``itroad due``
and the forecast always agree on dates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from itroad.domain.enums import CURRENT_ASSET_STATUSES
from itroad.domain.models import Contract, Renewal
from itroad.planning.recurrence import contract_notice, renewal_notice
from itroad.planning.windows import (
    CANCEL_BY_WINDOW_DAYS,
    CONTRACT_END_WINDOW_DAYS,
    REPLACEMENT_WINDOW_DAYS,
    WARRANTY_WINDOW_DAYS,
)

ERROR, WARNING, INFO = "error", "warning", "info"


@dataclass(frozen=True)
class Badge:
    text: str
    severity: str  # ERROR (act now), WARNING (soon), INFO (data to fill in)

    @property
    def needs_attention(self) -> bool:
        return self.severity in (ERROR, WARNING) or self.text == "NEEDS DATA"


def asset_badges(status: str, due: date | None, warranty_end: date | None,
                 purchase_date: date | None, as_of: date) -> list[Badge]:
    """Replacement overdue or due within 180 days, warranty gone or ending within
    90 days, and no due date at all (no purchase date, or no lifecycle policy)."""
    if status not in CURRENT_ASSET_STATUSES:
        return []
    badges = []
    if due is not None and due < as_of:
        badges.append(Badge("OVERDUE", ERROR))
    elif due is not None and due <= as_of + timedelta(days=REPLACEMENT_WINDOW_DAYS):
        badges.append(Badge("DUE SOON", WARNING))
    if warranty_end is not None and warranty_end < as_of:
        badges.append(Badge("NO WARRANTY", WARNING))
    elif warranty_end is not None and warranty_end <= as_of + timedelta(days=WARRANTY_WINDOW_DAYS):
        badges.append(Badge("WARRANTY ENDS", WARNING))
    if due is None:
        badges.append(Badge("NEEDS DATA" if purchase_date is None else "NO POLICY", INFO))
    return badges


def renewal_badges(renewal: Renewal, as_of: date) -> list[Badge]:
    """Cancel-by within 30 days, or the notice window missed (an error when that
    locks in a year or more, a warning for a month or a quarter)."""
    notice = renewal_notice(renewal, as_of)
    if notice is None:
        return [Badge("ENDED", INFO)]
    if notice.missed:
        severity = ERROR if renewal.period_months >= 12 else WARNING
        return [Badge("NOTICE MISSED", severity)]
    if notice.cancel_by <= as_of + timedelta(days=CANCEL_BY_WINDOW_DAYS):
        return [Badge("CANCEL BY SOON" if renewal.auto_renew else "RENEW SOON", WARNING)]
    return []


def contract_badges(contract: Contract, as_of: date) -> list[Badge]:
    """Cancel-by within 30 days or missed, and the contract ending within 180 days."""
    notice = contract_notice(contract, as_of)
    if notice is None:
        ended = contract.end is not None and contract.end < as_of and not contract.auto_renew
        return [Badge("ENDED", INFO)] if ended else []
    badges = []
    if notice.missed:
        badges.append(Badge("NOTICE MISSED", ERROR))
    elif notice.cancel_by <= as_of + timedelta(days=CANCEL_BY_WINDOW_DAYS):
        badges.append(Badge("CANCEL BY SOON", WARNING))
    if not contract.auto_renew and notice.date <= as_of + timedelta(days=CONTRACT_END_WINDOW_DAYS):
        badges.append(Badge("ENDS SOON", WARNING))
    return badges
