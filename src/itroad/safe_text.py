"""Text from the data is data, never terminal control (docs/rules.md, "Text on screen").

Names and notes come from client staff and other systems. A name holding
``ESC[2J`` (clear the screen), ``ESC]0;…`` (the window title), ``ESC]8;;url`` (a
hidden hyperlink), ``ESC]52;…`` (the clipboard) or a C1 ``U+009B`` must never reach
a terminal as control. Rich and Textual strip only a few control codes (BEL, BS,
VT, FF, CR), so itroad does it itself, in one place:

- :func:`visible` makes every C0 and C1 control character, DEL and the
  bidirectional overrides visible: C0 and DEL as their Unicode control pictures
  (``␛[2J``), the others as escapes (``\\x9b``, ``\\u202e``). Newlines and tabs
  are kept where the text is several lines (``keep_lines=True``).
- :func:`guard_terminal` installs the same translation in Rich and Textual, so
  that every ``Text`` and ``Content`` they build (table cells, labels, inputs,
  notifications) shows such characters instead of obeying them. The CLI and the
  app call it once at start.
- :func:`escape_machine` escapes what JSON and TOML writers leave raw (DEL, C1,
  bidi controls) as ``\\u009b``, valid in both formats' strings, so printing an
  export is safe and reading it back gives the exact text.
"""

from __future__ import annotations

import sys

#: Bidirectional formatting characters: embeddings, overrides, isolates and marks.
BIDI_CONTROLS = (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))


def _picture(code: int) -> str:
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␟ (␛ for ESC)
    if code == 0x7F:
        return "\u2421"  # ␡
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


_CONTROLS = (*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0), *BIDI_CONTROLS)

#: ``str.translate`` table: every control character to its visible form.
VISIBLE: dict[int, str] = {code: _picture(code) for code in _CONTROLS}
#: The same, keeping line breaks and tabs (for text of several lines).
VISIBLE_LINES: dict[int, str] = {k: v for k, v in VISIBLE.items() if k not in (0x09, 0x0A)}
#: What JSON and TOML writers leave raw, as ``\\uXXXX`` escapes (valid in both).
MACHINE_ESCAPES: dict[int, str] = {
    code: f"\\u{code:04x}" for code in (0x7F, *range(0x80, 0xA0), *BIDI_CONTROLS)
}


def visible(text: str, *, keep_lines: bool = False) -> str:
    """``text`` with every control character shown instead of obeyed."""
    return text.translate(VISIBLE_LINES if keep_lines else VISIBLE)


def escape_machine(document: str) -> str:
    """A JSON or TOML document with DEL, C1 and bidi controls written as ``\\uXXXX``.

    Both writers already escape C0 characters; these are the ones they leave raw.
    Such characters only ever occur inside strings of these documents, where the
    escape is valid and reads back as the same character.
    """
    return document.translate(MACHINE_ESCAPES)


def guard_terminal() -> None:
    """Make Rich's ``Text`` and Textual's ``Content`` show control characters.

    Both keep a ``str.translate`` table of the control codes they strip; itroad
    widens it to every control character, mapped to its visible form (newlines
    and tabs stay, they are layout). Textual's table is widened only once Textual
    is imported (the CLI's commands never import it). Idempotent. A test checks that a name with
    escape sequences reaches neither the CLI's output nor the app's screen raw.
    """
    import rich.control

    # Typed as code -> None (strip); str.translate takes code -> str as well.
    rich.control._CONTROL_STRIP_TRANSLATE.update(VISIBLE_LINES)  # type: ignore[arg-type]
    if "textual" in sys.modules:  # the app calls this again once Textual is imported
        import textual.content

        textual.content._CONTROL_STRIP_TRANSLATE.update(VISIBLE_LINES)  # type: ignore[arg-type]
