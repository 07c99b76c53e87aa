"""Pieces the inventory tabs share to show a row: badges and people."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text

from itroad.planning.attention import ERROR, INFO, WARNING, Badge
from itroad.tui.data import InventoryContext

#: Badge styles: colour helps, the words carry the meaning (16 colours, NO_COLOR).
#: An error ("OVERDUE") is a light word on red, in reverse video: NO_COLOR turns its
#: colours to greys (light on dark grey) or drops them (reverse video is left), and
#: 16 colours make it bright white on red. Red text alone was dark grey on dark grey.
BADGE_STYLES = {ERROR: "bold reverse red on bright_white", WARNING: "yellow", INFO: "italic"}


def badge_cell(badges: Iterable[Badge]) -> Text:
    """``OVERDUE, NO WARRANTY``: every badge in words, styled by severity."""
    cell = Text(no_wrap=True)
    for i, badge in enumerate(badges):
        if i:
            cell.append(", ")
        cell.append(badge.text, style=BADGE_STYLES.get(badge.severity, ""))
    return cell


def badge_texts(badges: Iterable[Badge]) -> tuple[str, ...]:
    return tuple(badge.text for badge in badges)


def person_text(context: InventoryContext, ref: str | None) -> str:
    """``Jane Doe <jane@acme.example>, Office manager``; the reference itself when unknown."""
    if not ref:
        return ""
    person = context.person(ref)
    if person is None:
        return ref
    text = person.name
    if person.email:
        text += f" <{person.email}>"
    if person.title:
        text += f", {person.title}"
    return text
