"""Table cells and table contents, as plain data: no widgets, safe to build in a worker.

Every cell is a :class:`rich.text.Text`, never a ``str``: a stock ``DataTable``
parses a ``str`` cell as markup, and user text such as ``[/foo]`` or
``C:\\temp\\[x]`` must be shown exactly as typed (docs/rules.md, "Text on screen").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from rich.text import Text

from itroad.domain.money import format_money
from itroad.safe_text import visible

#: What a client's tab says when the database has no client yet.
NO_CLIENT = "No client to show yet: the Portfolio tab (1) says how to get data in."
#: Longest text shown in a cell; the rest is elided ("…"). Editing screens show it all.
CELL_LIMIT = 48
_LAYOUT = re.compile(r"[\t\n\v\f\r]+")


def clean(value: object) -> str:
    """User text on one line: line breaks and tabs become a space, every other control
    character is shown, not obeyed (``␛[2J``; :func:`itroad.safe_text.visible`)."""
    if value is None:
        return ""
    return visible(_LAYOUT.sub(" ", str(value)))


def text_cell(
    value: object, *, style: str = "", limit: int = CELL_LIMIT, right: bool = False
) -> Text:
    """A cell holding ``value`` literally (never parsed as markup), elided past ``limit``."""
    plain = clean(value)
    if len(plain) > limit:
        plain = plain[: limit - 1] + "…"
    return Text(plain, style=style, no_wrap=True, justify="right" if right else "left")


def number_cell(value: int | None, *, style: str = "") -> Text:
    return Text("" if value is None else str(value), style=style, justify="right", no_wrap=True)


def money_cell(amount: Decimal | None, *, style: str = "") -> Text:
    """An amount, right-aligned, grouped, two decimals; the currency is in the header."""
    return Text(format_money(amount), style=style, justify="right", no_wrap=True)


def date_cell(day: date | None, *, style: str = "") -> Text:
    return Text(day.isoformat() if day else "", style=style, no_wrap=True)


def yes_no(flag: bool) -> Text:
    return Text("yes" if flag else "no", no_wrap=True)


def enum_label(value: object) -> str:
    """``in_progress`` -> ``in progress``."""
    return clean(getattr(value, "value", value)).replace("_", " ")


def months_label(months: int) -> str:
    """A billing period: ``1 mo``, ``12 mo``; ``once`` for 0 (a single payment)."""
    return "once" if months == 0 else f"{months} mo"


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    numeric: bool = False

    def header(self) -> Text:
        return Text(self.label, justify="right" if self.numeric else "left", no_wrap=True)


@dataclass(frozen=True)
class TableData:
    """What one tab's table shows: columns, rows of cells, a key per row.

    ``empty`` is the sentence shown instead of the table when there are no rows.
    """

    columns: tuple[Column, ...]
    rows: list[tuple[Text, ...]] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)
    empty: str = "Nothing here yet."

    def __post_init__(self) -> None:
        if not self.keys:
            object.__setattr__(self, "keys", [str(i) for i in range(len(self.rows))])
        if len(self.keys) != len(self.rows):
            raise ValueError("one key per row")
        for row in self.rows:
            if len(row) != len(self.columns):
                raise ValueError(f"row has {len(row)} cells for {len(self.columns)} columns")

    def column_index(self, key: str) -> int:
        return next(i for i, column in enumerate(self.columns) if column.key == key)

    def column_values(self, key: str) -> list[str]:
        """The plain text of one column, top to bottom (handy in tests)."""
        index = self.column_index(key)
        return [row[index].plain for row in self.rows]
