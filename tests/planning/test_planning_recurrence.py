"""The recurrence engine: renewals and contracts (docs/rules.md, "Renewals", "Contracts")."""

from datetime import date
from decimal import Decimal

from itroad.domain.models import Contract, Renewal
from itroad.planning.recurrence import (
    contract_cancel_by,
    contract_current_term,
    contract_notice,
    contract_payments,
    contract_term_months,
    next_renewal_on_or_after,
    occurrences,
    renewal_cancel_by,
    renewal_notice,
    renewal_occurrences,
)

FAR = date(2040, 12, 31)


def renewal(**fields) -> Renewal:
    values = {"name": "M365", "unit_cost": "22.00", "quantity": 1, "period_months": 1,
              "next_renewal": date(2026, 12, 1)}
    values.update(fields)
    return Renewal(**values)


def contract(**fields) -> Contract:
    values = {"title": "MSP", "start": date(2025, 1, 1), "end": date(2027, 12, 31), "amount": "1500.00",
              "period_months": 1}
    values.update(fields)
    return Contract(**values)


def dates(items):
    return [o.date for o in items]


# --------------------------------------------------------------------------- engine


def test_month_end_series_from_the_31st_stays_on_month_ends_and_returns_to_the_31st():
    got = [d for _, d in occurrences(date(2024, 1, 31), 1, until=date(2024, 5, 31))]
    assert got == [date(2024, 1, 31), date(2024, 2, 29), date(2024, 3, 31), date(2024, 4, 30), date(2024, 5, 31)]


def test_k_counts_from_the_anchor_when_starting_later():
    got = list(occurrences(date(2024, 1, 31), 1, start=date(2024, 4, 1), until=date(2024, 5, 31)))
    assert got == [(3, date(2024, 4, 30)), (4, date(2024, 5, 31))]


def test_series_stops_after_end_and_until():
    got = [d for _, d in occurrences(date(2026, 1, 15), 3, until=FAR, end=date(2026, 10, 14))]
    assert got == [date(2026, 1, 15), date(2026, 4, 15), date(2026, 7, 15)]


def test_period_zero_is_one_occurrence():
    assert list(occurrences(date(2026, 1, 15), 0, until=FAR)) == [(0, date(2026, 1, 15))]
    assert list(occurrences(date(2026, 1, 15), 0, until=FAR, start=date(2026, 1, 16))) == []


# --------------------------------------------------------------------------- renewals


def test_renewal_on_the_31st_returns_to_the_31st():
    r = renewal(next_renewal=date(2026, 1, 31))
    got = dates(renewal_occurrences(r, date(2026, 1, 1), date(2026, 4, 30)))
    assert got == [date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 31), date(2026, 4, 30)]


def test_renewal_cost_is_quantity_times_unit_cost():
    r = renewal(quantity=12, unit_cost="22.00")
    [first] = renewal_occurrences(r, date(2026, 12, 1), date(2026, 12, 31))
    assert first.amount == Decimal("264.00") and first.k == 0


def test_renewal_escalation_steps_every_twelve_months_of_occurrences():
    r = renewal(quantity=1, unit_cost="100.00", period_months=1, escalation_rate="0.10")
    occ = renewal_occurrences(r, date(2026, 12, 1), date(2029, 1, 1))
    amounts = [o.amount for o in occ]
    # k = 0..11 -> exponent 0; k = 12..23 -> 1; k = 24 -> 2
    assert amounts[:12] == [Decimal("100.00")] * 12
    assert amounts[12:24] == [Decimal("110.00")] * 12
    assert amounts[24] == Decimal("121.00")


def test_renewal_escalation_with_longer_periods_is_floor_k_period_over_12():
    r = renewal(unit_cost="100.00", period_months=18, escalation_rate="0.10", next_renewal=date(2026, 1, 1))
    occ = renewal_occurrences(r, date(2026, 1, 1), date(2031, 1, 1))
    # k=0: 0, k=1: floor(18/12)=1, k=2: 3, k=3: floor(54/12)=4
    assert [(o.k, o.amount) for o in occ] == [
        (0, Decimal("100.00")), (1, Decimal("110.00")), (2, Decimal("133.10")), (3, Decimal("146.41")),
    ]


def test_renewal_k_counts_from_next_renewal_even_when_as_of_is_later():
    r = renewal(unit_cost="100.00", period_months=12, escalation_rate="0.05", next_renewal=date(2024, 3, 1))
    occ = renewal_occurrences(r, date(2026, 11, 22), date(2027, 12, 31))
    assert [(o.date, o.k, o.amount) for o in occ] == [(date(2027, 3, 1), 3, Decimal("115.76"))]


def test_renewal_end_date_stops_occurrences():
    r = renewal(period_months=12, next_renewal=date(2026, 12, 1), end_date=date(2028, 12, 1))
    assert dates(renewal_occurrences(r, date(2026, 1, 1), FAR)) == [
        date(2026, 12, 1), date(2027, 12, 1), date(2028, 12, 1),
    ]
    r = renewal(period_months=12, next_renewal=date(2026, 12, 1), end_date=date(2028, 11, 30))
    assert dates(renewal_occurrences(r, date(2026, 1, 1), FAR))[-1] == date(2027, 12, 1)


def test_renewal_occurrences_before_the_window_are_not_listed():
    r = renewal(next_renewal=date(2026, 10, 1))
    assert dates(renewal_occurrences(r, date(2026, 11, 22), date(2026, 12, 31))) == [date(2026, 12, 1)]


def test_renewal_cancel_by_is_next_renewal_minus_notice_days():
    r = renewal(next_renewal=date(2026, 12, 15), notice_days=30, auto_renew=True)
    assert renewal_cancel_by(r) == date(2026, 11, 15)
    notice = renewal_notice(r, date(2026, 11, 1))
    assert (notice.cancel_by, notice.state, notice.days_left) == (date(2026, 11, 15), "open", 14)


def test_renewal_notice_missed_when_cancel_by_past_and_renewal_ahead():
    r = renewal(period_months=12, next_renewal=date(2026, 12, 15), notice_days=30, auto_renew=True)
    notice = renewal_notice(r, date(2026, 11, 22))
    assert notice.missed and notice.date == date(2026, 12, 15) and notice.days_left == -7
    # On the cancel-by day itself the window is still open.
    assert renewal_notice(r, date(2026, 11, 15)).state == "open"
    # On the renewal day: still ahead (today), still missed.
    assert renewal_notice(r, date(2026, 12, 15)).missed
    # The day after: the next occurrence's notice window is open again.
    after = renewal_notice(r, date(2026, 12, 16))
    assert after.date == date(2027, 12, 15) and after.state == "open"


def test_renewal_past_its_end_has_no_notice():
    r = renewal(period_months=12, next_renewal=date(2025, 1, 1), end_date=date(2025, 6, 1))
    assert renewal_notice(r, date(2026, 1, 1)) is None
    assert next_renewal_on_or_after(r, date(2026, 1, 1)) is None
    assert renewal_cancel_by(r, date(2026, 1, 1)) is None


# --------------------------------------------------------------------------- contracts


def test_contract_payments_from_start_every_period_until_end():
    c = contract(start=date(2026, 1, 31), end=date(2026, 6, 30), period_months=1, amount="100.00")
    got = contract_payments(c, date(2026, 1, 1), FAR)
    assert dates(got) == [date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 31), date(2026, 4, 30),
                          date(2026, 5, 31), date(2026, 6, 30)]
    assert {o.amount for o in got} == {Decimal("100.00")}


def test_contract_period_zero_is_one_payment_on_the_start_date():
    c = contract(start=date(2026, 3, 1), end=date(2027, 2, 28), period_months=0, amount="5000.00")
    assert [(o.date, o.amount) for o in contract_payments(c, date(2026, 1, 1), FAR)] == [
        (date(2026, 3, 1), Decimal("5000.00"))
    ]


def test_open_ended_contract_is_bounded_by_the_horizon():
    c = contract(start=date(2026, 1, 1), end=None, period_months=3)
    assert dates(contract_payments(c, date(2026, 1, 1), date(2026, 12, 31))) == [
        date(2026, 1, 1), date(2026, 4, 1), date(2026, 7, 1), date(2026, 10, 1),
    ]


def test_contract_without_auto_renew_stops_at_its_end():
    c = contract(start=date(2026, 1, 1), end=date(2026, 12, 31), period_months=12)
    assert dates(contract_payments(c, date(2026, 1, 1), FAR)) == [date(2026, 1, 1)]


def test_auto_renew_continues_term_after_term_beyond_the_end():
    c = contract(start=date(2026, 1, 1), end=date(2026, 12, 31), period_months=6,
                 auto_renew=True, renewal_term_months=12)
    assert dates(contract_payments(c, date(2026, 1, 1), date(2028, 12, 31))) == [
        date(2026, 1, 1), date(2026, 7, 1), date(2027, 1, 1), date(2027, 7, 1),
        date(2028, 1, 1), date(2028, 7, 1),
    ]


def test_auto_renew_term_defaults_to_the_original_term_length():
    c = contract(start=date(2025, 1, 1), end=date(2027, 12, 31), auto_renew=True)
    assert contract_term_months(c) == 36
    assert contract_current_term(c, date(2029, 5, 1)) == (date(2028, 1, 1), date(2030, 12, 31))


def test_auto_renew_with_period_zero_pays_once_per_term():
    c = contract(start=date(2026, 3, 1), end=date(2027, 2, 28), period_months=0, auto_renew=True)
    assert dates(contract_payments(c, date(2026, 1, 1), date(2029, 12, 31))) == [
        date(2026, 3, 1), date(2027, 3, 1), date(2028, 3, 1), date(2029, 3, 1),
    ]


def test_renewed_terms_keep_month_ends():
    c = contract(start=date(2026, 3, 1), end=date(2027, 2, 28), auto_renew=True, renewal_term_months=12)
    assert contract_current_term(c, date(2028, 1, 1)) == (date(2027, 3, 1), date(2028, 2, 29))


def test_contract_cancel_by_is_end_minus_notice_days():
    c = contract(end=date(2027, 12, 31), notice_days=90)
    assert contract_cancel_by(c) == date(2027, 10, 2)
    notice = contract_notice(c, date(2027, 9, 1))
    assert (notice.cancel_by, notice.state) == (date(2027, 10, 2), "open")
    assert contract_notice(c, date(2027, 11, 1)).missed
    assert contract_notice(c, date(2028, 1, 1)) is None  # ended, no auto-renew


def test_auto_renew_cancel_by_is_for_the_current_term():
    c = contract(end=date(2027, 12, 31), notice_days=90, auto_renew=True, renewal_term_months=12)
    assert contract_cancel_by(c, date(2028, 2, 1)) == date(2028, 10, 2)
    notice = contract_notice(c, date(2027, 11, 1))
    assert notice.missed and notice.date == date(2027, 12, 31)


def test_open_ended_contract_has_no_cancel_by():
    c = contract(end=None, notice_days=30)
    assert contract_cancel_by(c) is None and contract_notice(c, date(2027, 1, 1)) is None


def test_notice_days_and_rates_not_given_are_zero():
    r = renewal(unit_cost="100.00", period_months=12, next_renewal=date(2026, 12, 1))
    assert renewal_cancel_by(r) == date(2026, 12, 1)
    assert {o.amount for o in renewal_occurrences(r, date(2026, 1, 1), FAR)} == {Decimal("100.00")}
    assert contract_cancel_by(contract()) == date(2027, 12, 31)


def test_next_renewal_far_ahead_is_the_upcoming_one():
    r = renewal(period_months=1, next_renewal=date(2029, 5, 31), notice_days=10, auto_renew=True)
    assert next_renewal_on_or_after(r, date(2026, 11, 22)).date == date(2029, 5, 31)
    assert renewal_notice(r, date(2026, 11, 22)).cancel_by == date(2029, 5, 21)
    stale = renewal(period_months=1, next_renewal=date(2026, 1, 31))
    assert next_renewal_on_or_after(stale, date(2026, 3, 1)) == (date(2026, 3, 31), Decimal("22.00"), 2)
