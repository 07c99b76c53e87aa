"""The number formats a client can declare, as the palette offers them and the
workspace confirms them (the parsing itself is :mod:`itroad.domain.parse`)."""

from __future__ import annotations

#: The number formats a client can declare, for typing amounts into its forms.
NUMBER_FORMATS: dict[str | None, tuple[str, str]] = {
    ".": ("Number format: decimal point (1,249.50)",
          "Amounts for the current client are typed like 1,249.50 or 1249.50"),
    ",": ("Number format: decimal comma (1.249,50)",
          "Amounts for the current client are typed like 1.249,50 or 12,99"),
    None: ("Number format: not set",
           "Take only amounts that read one way (12,99 and 1,234 are refused)"),
}
