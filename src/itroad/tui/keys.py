"""The keys of the TUI, in one place: what every list tab shares, and how to list a class's keys.

Every list tab (Hardware, Renewals, Contracts, Roadmap, People) takes its keys from
:data:`LIST_KEYS`, so that a key means the same thing in each of them; a tab adds
keys of its own only for what the others do not have (``t`` the timeline, ``m`` the
RACI matrix…) and never gives a shared key another meaning. A tab without a use for
a shared key (People has no marks) hides it with ``check_action``.

Every widget with a cursor moves it with the same keys, bound by :func:`row_keys`
(↑ ↓, PgUp PgDn, Home End) and :func:`sideways_keys` (← →) to the widget's own
actions, so that Home is the first row wherever there are rows.

The help screen reads the keys from the classes (:func:`class_bindings`); this module
imports no screen or tab, so a tab may use it without an import circle.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from textual.binding import Binding, BindingType
from textual.dom import DOMNode

#: The shared keys of the list tabs, by action name.
LIST_KEYS: tuple[Binding, ...] = (
    # A priority binding runs as the app reads the key, so the filter line has the focus
    # before the next key is read: "/la" arriving in one packet (ssh) filters for "la".
    # A tab refuses it while a text field has the focus (the "/" is then typed).
    Binding("slash", "filter", "Find", tooltip="Filter the rows as you type", priority=True),
    Binding("escape", "clear", "Back", show=False,
            tooltip="One step back: the filter, then the quick filters, then the marks, then the list view"),
    Binding("f", "quick_filter", "Show", show=False, tooltip="The next quick filter"),
    Binding("s", "sort", "Sort", show=False, tooltip="Sort by the next column"),
    Binding("S", "reverse", "Reverse", show=False, tooltip="Reverse the sort order"),
    Binding("n", "new", "New", tooltip="Add a record"),
    Binding("e", "edit", "Edit", tooltip="Edit the record under the cursor"),
    Binding("d", "delete", "Delete", tooltip="Delete the marked records or the one under the cursor"),
    Binding("y", "duplicate", "Duplicate", show=False, tooltip="Add a copy of the record under the cursor"),
    Binding("space", "mark", "Mark", show=False, tooltip="Mark or unmark the row (and move down)"),
    Binding("asterisk", "mark_all", "Mark all", show=False,
            tooltip="Mark every row the filters show (again: clear the marks)"),
    Binding("b", "bulk", "Bulk", show=False, tooltip="Change the marked rows at once"),
    Binding("enter", "details", "Details", show=False, tooltip="Show or hide the details of the row"),
)

#: The actions of :data:`LIST_KEYS`, and the key of each.
LIST_ACTIONS: dict[str, str] = {binding.action: binding.key for binding in LIST_KEYS}


def list_keys(**tooltips: str) -> list[Binding]:
    """:data:`LIST_KEYS` with the tooltips a tab words for its records (by action name).

    The key and the action of a shared binding cannot change, only what its help says.
    """
    unknown = set(tooltips) - set(LIST_ACTIONS)
    if unknown:
        raise ValueError(f"not a shared list action: {', '.join(sorted(unknown))}")
    return [Binding(b.key, b.action, b.description, show=b.show, key_display=b.key_display,
                    priority=b.priority, tooltip=tooltips.get(b.action, b.tooltip))
            for b in LIST_KEYS]


#: The moves of a row cursor, in the order the help lists them: the key of each and
#: its help in a table (a widget words it for what its rows are).
ROW_MOVES: dict[str, tuple[str, str]] = {
    "up": ("up", "Up"),
    "down": ("down", "Down"),
    "page_up": ("pageup", "Page up"),
    "page_down": ("pagedown", "Page down"),
    "first": ("home", "First row"),
    "last": ("end", "Last row"),
}

#: The moves across a view wider than the screen: the key of each and its help.
SIDEWAYS_MOVES: dict[str, tuple[str, str]] = {
    "left": ("left", "Scroll left"),
    "right": ("right", "Scroll right"),
}


def _move_keys(moves: Mapping[str, tuple[str, str]], actions: Mapping[str, str | None],
               help: Mapping[str, str] | None, keys: Mapping[str, str] | None) -> list[Binding]:
    """Hidden bindings of the ``moves`` a widget has an action for (None: not bound)."""
    help, keys = help or {}, keys or {}
    unknown = (set(help) | set(keys)) - set(moves)
    if unknown:
        raise ValueError(f"not a cursor move: {', '.join(sorted(unknown))}")
    return [Binding(keys.get(move, key), action, help.get(move, words), show=False)
            for move, (key, words) in moves.items()
            if (action := actions[move]) is not None]


def row_keys(*, up: str, down: str, page_up: str | None = None, page_down: str | None = None,
             first: str | None = None, last: str | None = None,
             help: Mapping[str, str] | None = None) -> list[Binding]:
    """The row-cursor keys of :data:`ROW_MOVES` bound to a widget's actions, hidden.

    A move without an action (None) is left unbound; ``help`` words a move (by its
    name: ``up``, ``first``…) for what the rows are, else a table's words stand.
    """
    actions = {"up": up, "down": down, "page_up": page_up, "page_down": page_down,
               "first": first, "last": last}
    return _move_keys(ROW_MOVES, actions, help, None)


def sideways_keys(*, left: str, right: str, help: Mapping[str, str] | None = None,
                  keys: Mapping[str, str] | None = None) -> list[Binding]:
    """The keys of :data:`SIDEWAYS_MOVES` bound to a widget's actions, hidden.

    ``help`` words a move (``left``, ``right``) for what moves; ``keys`` replaces a
    move's key (a comma-separated list binds several: ``"left,left_square_bracket"``).
    """
    return _move_keys(SIDEWAYS_MOVES, {"left": left, "right": right}, help, keys)


def class_bindings(node_class: type[DOMNode]) -> list[Binding]:
    """The bindings a class declares, then those it inherits, one per key (a subclass wins)."""
    by_key: dict[str, Binding] = {}
    for cls in node_class.__mro__:
        declared: Iterable[BindingType] = cls.__dict__.get("BINDINGS", ())
        for binding in Binding.make_bindings(declared):
            by_key.setdefault(binding.key, binding)
    return [b for b in by_key.values() if b.description and not b.system]
