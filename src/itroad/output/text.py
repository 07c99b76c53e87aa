"""Plain text of planning figures, for any screen or printout: KPI bars and numbers."""

from __future__ import annotations

from decimal import Decimal

from itroad.domain.models import Kpi


def progress_bar(progress: Decimal | None, width: int = 10) -> str:
    """``█████░░░░░`` (filled share of ``width`` cells, as
    :func:`~itroad.planning.roadmap.kpi_progress` gives it); dots when not measured."""
    if progress is None:
        return "·" * width
    filled = int((progress * width).to_integral_value(rounding="ROUND_HALF_UP"))
    return "█" * filled + "░" * (width - filled)


def kpi_text(kpi: Kpi) -> str:
    """``58% (target 100%, from 0%)`` — the numbers behind a KPI's bar, whichever
    way it should go (``27 (target 0, from 61)``)."""
    if not kpi.unit or kpi.unit.casefold() == "count":
        unit = ""
    elif kpi.unit == "%":
        unit = "%"
    else:
        unit = f" {kpi.unit}"
    target = f"target {kpi.target}{unit}"
    baseline = f", from {kpi.baseline}{unit}" if kpi.baseline is not None else ""
    if kpi.latest is None:
        return f"not measured yet ({target}{baseline})"
    return f"{kpi.latest}{unit} ({target}{baseline})"
