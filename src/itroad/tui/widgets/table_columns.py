"""The columns of a paged table and how wide each one is (from its cells and the
screen): :class:`TableColumn` and :func:`fit_widths`, plain arithmetic."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

#: The cells the mark column takes (a mark and a space) before the first column.
MARK_WIDTH = 2


@dataclass(frozen=True)
class TableColumn:
    """A column: its header, its least width in cells, and the query column it sorts by.

    ``width`` is the least width; the column widens to its longest cell up to
    ``maximum`` (None: no cap but the cells' own). The first column is the key (a
    tag): it is never cut while the screen has room for it. ``grow`` (one column
    per table, free text) takes the room left over when every column fits. ``key``
    names the column for the code that owns the table (and for tests).
    """

    label: str
    width: int
    sort_key: str | None = None
    justify: str = "left"
    key: str | None = None
    maximum: int | None = None
    grow: bool = False


def line_width(widths: Sequence[int]) -> int:
    """Cells from the mark to the end of the last column (not its trailing gap)."""
    return MARK_WIDTH + sum(widths) + max(len(widths) - 1, 0)


def fit_widths(
    columns: Sequence[TableColumn],
    headers: Sequence[int],
    content: Sequence[int],
    available: int,
) -> list[int]:
    """The width of each column, given its header's and its longest cell's widths
    and the cells the screen has across.

    A column is as wide as its declared width and its header, and widens to its
    longest cell up to its maximum: its natural width. The first column always has
    its natural width, cut only by a screen too narrow for it (unless it is the
    ``grow`` column: free text such as a renewal's name, not an identifier). When
    every column fits at its natural width, the ``grow`` column takes what is left,
    up to its maximum. When they do not (the table scrolls sideways), the columns
    that fit on the screen at their least widths still do: they widen only into the
    room left beside them (the ``grow`` column first); the columns beyond take their
    natural widths. So a long cell (but the key's) never pushes a column off the
    screen.
    """
    least = [max(c.width, h) for c, h in zip(columns, headers)]
    natural = [
        max(low, min(wide, c.maximum) if c.maximum is not None else wide)
        for c, low, wide in zip(columns, least, content)
    ]
    if columns and not columns[0].grow:
        key = max(least[0], content[0])
        least[0] = natural[0] = max(least[0], min(key, available - MARK_WIDTH))
    if line_width(natural) <= available:
        widths = list(natural)
        for index, column in enumerate(columns):
            if column.grow:
                room = available - line_width(widths)
                cap = column.maximum if column.maximum is not None else widths[index] + room
                widths[index] = max(widths[index], min(widths[index] + room, cap))
                break
        return widths
    shown = 0
    while shown < len(columns) and line_width(least[: shown + 1]) <= available:
        shown += 1
    widths = least[:shown] + natural[shown:]
    room = available - line_width(widths[:shown])
    order = sorted(range(shown), key=lambda i: not columns[i].grow)
    for index in order:
        extra = min(room, natural[index] - widths[index])
        if extra > 0:
            widths[index] += extra
            room -= extra
    return widths
