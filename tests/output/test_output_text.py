"""Plain text of planning figures (itroad.output.text) and the Rich layouts' words."""

from datetime import date
from decimal import Decimal

from rich.console import Console
from tests.conftest import AS_OF

from itroad.domain.models import Asset, Client, Kpi, Renewal
from itroad.output.due import due_table
from itroad.output.forecast import forecast_csv, forecast_notes
from itroad.output.text import kpi_text, progress_bar
from itroad.planning.due import due_items, due_items_for
from itroad.planning.forecast import forecast
from itroad.planning.roadmap import kpi_progress


def test_progress_bar():
    assert progress_bar(Decimal("0.58")) == "██████░░░░"
    assert progress_bar(Decimal("0.55")) == "██████░░░░"  # half a cell rounds up
    assert progress_bar(Decimal(0)) == "░░░░░░░░░░"
    assert progress_bar(Decimal(1), width=4) == "████"
    assert progress_bar(None) == "··········"


def test_kpi_text_either_way():
    up = Kpi(name="Enrolled", unit="%", baseline="0", target="100", current="58")
    down = Kpi(name="Tickets", unit="count", baseline="61", target="0", current="27")
    assert kpi_text(up) == "58% (target 100%, from 0%)"
    assert kpi_text(down) == "27 (target 0, from 61)"
    assert kpi_text(Kpi(name="Uptime", unit="hours", target="5")) == "not measured yet (target 5 hours)"
    assert progress_bar(kpi_progress(up)) == "██████░░░░"


def _client() -> Client:
    return Client(code="t", name="T", budget_targets={"FY2026": "100.00"}, renewals=[
        Renewal(name="R", unit_cost="412.50", period_months=12, next_renewal=date(2026, 12, 10))])


def test_forecast_csv_one_row_per_period():
    text = forecast_csv([forecast(_client(), AS_OF, by="year")])
    assert text == (
        "client,currency,period,start,end,hardware,renewals,contracts,initiatives_one_time,"
        "initiatives_recurring,proposed,total,budget_target\n"
        "t,USD,FY2026,2026-11-22,2026-12-31,0.00,412.50,0.00,0.00,0.00,0.00,412.50,100.00\n")


def test_forecast_notes_say_a_year_over_budget():
    notes = forecast_notes(forecast(_client(), AS_OF, by="year"))
    assert notes[0].startswith("Overdue (in the first period): 0 assets")
    assert notes[-1] == ("FY2026 from 2026-11-22 (the rest of the year): 412.50 committed; "
                         "already over the whole year's 100.00 budget")


def test_forecast_notes_do_not_call_a_partial_year_within_its_budget():
    client = _client().model_copy(update={"budget_targets": {"FY2026": Decimal("48000.00"),
                                                             "FY2027": Decimal("56000.00")}})
    notes = forecast_notes(forecast(client, AS_OF, by="year", years=2))
    assert notes[-2] == ("FY2026 from 2026-11-22 (the rest of the year): 412.50 committed; "
                         "the whole year's budget is 48,000.00")
    assert notes[-1].startswith("FY2027: ") and notes[-1].endswith("within the 56,000.00 budget")


def test_due_table_shows_each_item():
    items = due_items(_client(), AS_OF, 30)
    console = Console(width=120, record=True, color_system=None)
    console.print(due_table(items, 30, AS_OF))
    text = console.export_text()
    assert "Due within 30 days of 2026-11-22" in text
    assert "renewal: R" in text and "Renew manually before 2026-12-10" in text


def _many(code: str, currency: str, machines: int) -> Client:
    """A client with ``machines`` overdue replacements and one renewal, long names included."""
    return Client(code=code, name=code.upper(), currency=currency, assets=[
        Asset(tag=f"PC-{n:03}", name=f"Engineering workstation number {n} with a long description",
              category="desktop", replace_on=date(2025, 1, n + 1), replacement_cost="123456.78")
        for n in range(machines)
    ], renewals=[Renewal(name="Support", unit_cost="1000000.00", next_renewal=date(2026, 12, 10))])


def _print(items, width: int = 80, **kw) -> list[str]:
    console = Console(width=width, record=True, color_system=None)
    console.print(due_table(items, 30, AS_OF, **kw))
    return console.export_text().splitlines()


def _row(lines: list[str], words: str) -> str:
    [line] = [line for line in lines if words in line]
    return line


def test_due_table_subtotals_and_one_total_per_client_and_currency():
    items = due_items_for([_many("a", "USD", 3), _many("b", "EUR", 2)], AS_OF, 30)
    lines = _print(items)
    # Every amount is whole at 80 columns: three replacements and the renewal.
    assert sum("123,456.78" in line for line in lines) == 5
    subtotals = [line for line in lines if "Subtotal" in line]
    assert ["1,000,000.00" in s for s in subtotals] == [True, False, True, False]
    assert "370,370.34" in subtotals[1] and "246,913.56" in subtotals[3]
    assert sum("1,000,000.00" in line for line in lines) == 4  # two renewals, their subtotals
    total_a, total_b = [line for line in lines if "Total" in line]
    assert "USD" in total_a and "1,370,370.34" in total_a
    assert "EUR" in total_b and "1,246,913.56" in total_b
    # Never the sum of both currencies.
    assert not any("2,617,283.90" in line for line in lines)


def test_due_table_summarises_a_long_group_unless_all():
    items = due_items(_many("a", "USD", 20), AS_OF, 30)
    lines = _print(items)
    summary = _row(lines, "20 replacements")
    assert "2,469,135.60" in summary and summary.startswith("│2025-01-01")
    assert "PC-005" not in "\n".join(lines)
    assert any("late;" in line for line in lines) and any("--all" in line for line in lines)
    every = "\n".join(_print(items, show_all=True))
    assert "PC-000" in every and "PC-019" in every and "20 replacements" not in every
    assert every.count("123,456.78") == 20
    # The group totals stay the same either way.
    assert "3,469,135.60" in _row(lines, "Total a") and "3,469,135.60" in every


def test_due_table_marks_items_without_a_cost():
    c = Client(code="t", name="T", assets=[Asset(tag="X", name="X", category="desktop",
                                                 replace_on=date(2025, 1, 1))])
    lines = _print(due_items(c, AS_OF, 30), width=120)
    assert "—" in _row(lines, "replacement: X X")
    assert "(1 without a cost)" in _row(lines, "Total t")


def test_due_table_at_80_columns_cuts_neither_amounts_nor_long_words():
    c = Client(code="averyveryverylongclientcode", name="T", renewals=[Renewal(
        name="Supercalifragilisticexpialidocious-enterprise-licence", unit_cost="9999999.99",
        quantity=10, next_renewal=date(2026, 12, 10),
        owner="maximiliana.featherstonehaugh.unmatched@example.com")])
    text = "\n".join(_print(due_items(c, AS_OF, 30)))
    assert text.count("99,999,999.90") == 3  # the item, its subtotal, the total
    assert "…" not in text  # long words are folded onto the next line, never cut
    assert all(len(line) <= 80 for line in text.splitlines())
