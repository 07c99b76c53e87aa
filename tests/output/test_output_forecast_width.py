"""The forecast's tables at 80 columns: every amount and every heading whole."""

from __future__ import annotations

from datetime import date

import pytest
from rich.console import Console

from itroad.output.forecast import forecast_tables
from itroad.planning.forecast import forecast


@pytest.mark.parametrize("by", ["month", "quarter", "year"])
def test_no_amount_or_heading_is_cut_at_80_columns(sample_portfolio, by: str) -> None:
    for client in sample_portfolio.clients:
        f = forecast(client, date(2026, 12, 1), by=by, years=3)
        console = Console(width=80, record=True, color_system=None)
        for table in forecast_tables(f, client.name, console.width):
            console.print(table)
        text = console.export_text()
        assert "…" not in text, (client.code, by)
        assert max(len(line.rstrip()) for line in text.splitlines()) <= 80
        assert "Proposed (not in total)" in text
        for period in f.periods:  # each total shown in full, with its cents
            if period.total:
                assert f"{period.total:,.2f}" in text, (client.code, period.label)
