"""What needs attention on a row: the badges of the inventory screens.

A badge is a short text (never colour alone) with a severity. The windows are
named here once; the store uses the same numbers to filter for "needs attention".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

WARRANTY_WINDOW_DAYS = 90
REPLACEMENT_WINDOW_DAYS = 180
CANCEL_BY_WINDOW_DAYS = 30
CONTRACT_END_WINDOW_DAYS = 180

CURRENT_STATUSES = ("in_use", "spare", "in_repair")


@dataclass(frozen=True)
class Badge:
    text: str
    severity: str  # "error" (act now), "warning" (soon), "info" (data to fill in)


def asset_badges(status: str, due: date | None, warranty_end: date | None,
                 purchase_date: date | None, as_of: date) -> list[Badge]:
    if status not in CURRENT_STATUSES:
        return []
    badges = []
    if due is not None and due < as_of:
        badges.append(Badge("OVERDUE", "error"))
    elif due is not None and due <= as_of + timedelta(days=REPLACEMENT_WINDOW_DAYS):
        badges.append(Badge("DUE SOON", "warning"))
    if warranty_end is not None and warranty_end < as_of:
        badges.append(Badge("NO WARRANTY", "warning"))
    elif warranty_end is not None and warranty_end <= as_of + timedelta(days=WARRANTY_WINDOW_DAYS):
        badges.append(Badge("WARRANTY ENDS", "warning"))
    if due is None:
        badges.append(Badge("NEEDS DATA" if purchase_date is None else "NO POLICY", "info"))
    return badges


def renewal_badges(next_renewal: date, notice_days: int, auto_renew: bool, as_of: date) -> list[Badge]:
    cancel_by = next_renewal - timedelta(days=notice_days)
    if next_renewal < as_of:
        return [Badge("DATE PASSED", "error")]
    badges = []
    if notice_days and cancel_by < as_of:
        badges.append(Badge("NOTICE MISSED", "error"))
    elif cancel_by <= as_of + timedelta(days=CANCEL_BY_WINDOW_DAYS):
        badges.append(Badge("CANCEL BY SOON" if auto_renew else "RENEW SOON", "warning"))
    return badges


def contract_badges(end: date | None, notice_days: int, auto_renew: bool, as_of: date) -> list[Badge]:
    if end is None:
        return []
    if end < as_of:
        return [] if auto_renew else [Badge("ENDED", "info")]
    badges = []
    cancel_by = end - timedelta(days=notice_days)
    if notice_days and cancel_by < as_of:
        badges.append(Badge("NOTICE MISSED", "error"))
    elif cancel_by <= as_of + timedelta(days=CANCEL_BY_WINDOW_DAYS):
        badges.append(Badge("CANCEL BY SOON", "warning"))
    if end <= as_of + timedelta(days=CONTRACT_END_WINDOW_DAYS):
        badges.append(Badge("ENDS SOON", "warning"))
    return badges
