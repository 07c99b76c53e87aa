"""Fewer bytes to the terminal for the same screen: what makes itroad usable over a thin link.

Rich, which Textual uses to write each frame, sends every segment of a line as
``ESC[<style>m text ESC[0m``. Neighbouring segments of one style (the cells of a
scrollbar, the padding of a table cell, a row's columns) thus repeat the same style
between them: a horizontal scrollbar at 80 columns is 2.9 KB where 60 bytes draw it.
:func:`compact_styles` drops each reset that is at once followed by the style it ended;
the terminal ends up in exactly the same state, so the screen is the same (the tests
compare both on an emulated terminal, attributes included).

:func:`compacting` wraps a Textual driver class so that everything the app writes goes
through it. Measured on the benchmark database at 80×24 with 24-bit colour
(``benchmarks/README.md``), a filter keystroke's repaint fell from about 12 KB to
about 4 KB.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.driver import Driver

#: A Select Graphic Rendition sequence (colours and attributes), its parameters captured.
_SGR = re.compile(r"\x1b\[([0-9;:]*)m")

RESET = "\x1b[0m"


def _resets(params: str) -> bool:
    """The sequence starts from the default state (``ESC[m``, ``ESC[0m``, ``ESC[0;…m``)."""
    first = params.split(";", 1)[0]
    return first in ("", "0")


def compact_styles(text: str) -> str:
    """``text`` with every ``ESC[0m ESC[<p>m`` dropped where ``<p>`` is the style it ended.

    Only a style that was set on the default state counts (a reset just before it),
    so the terminal's state after the shortened text is the same as after the whole.
    Anything between the reset and the style (text, a cursor move) keeps both.
    """
    if "\x1b[" not in text:
        return text
    parts = _SGR.split(text)  # text, params, text, params, …, text
    out = [parts[0]]
    in_force: str | None = None  # the style set on the default state, None when unknown
    clean = False  # the terminal is in its default state (after a reset)
    held = False  # a reset read and not written yet
    ended: str | None = None  # what was in force before the held reset
    for index in range(1, len(parts), 2):
        params, following = parts[index], parts[index + 1]
        if params in ("", "0"):
            if not held:
                ended = in_force
            held = True
            in_force = None
        elif held and params == ended:
            held = False  # reset, then the same style again: nothing changes
            in_force = params
        else:
            if held:
                out.append(RESET)
                held, clean = False, True
            out.append(f"\x1b[{params}m")
            in_force = params if clean or _resets(params) else None
            clean = False
        if following:
            if held:
                out.append(RESET)
                held, clean, in_force = False, True, None
            out.append(following)
    if held:
        out.append(RESET)
    return "".join(out)


def compacting(driver_class: type[Driver]) -> type[Driver]:
    """``driver_class`` with every write passed through :func:`compact_styles`."""
    if getattr(driver_class, "compacts_styles", False):
        return driver_class

    def write(self: Driver, data: str) -> None:
        driver_class.write(self, compact_styles(data))

    return type(driver_class.__name__, (driver_class,), {
        "write": write,
        "compacts_styles": True,
        "__doc__": f"{driver_class.__name__}, writing fewer bytes for the same screen.",
    })
