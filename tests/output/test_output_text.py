"""Plain text of planning figures (itroad.output.text) and the Rich layouts' words."""

from datetime import date
from decimal import Decimal

from rich.console import Console
from tests.conftest import AS_OF

from itroad.domain.models import Client, Kpi, Renewal
from itroad.output.due import due_table
from itroad.output.forecast import forecast_csv, forecast_notes
from itroad.output.text import kpi_text, progress_bar
from itroad.planning.due import due_items
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
