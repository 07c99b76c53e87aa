"""Form fields: a label, one control, and a message line under it.

Each field edits one field of a pydantic model, named by ``name``. It reads its
control into a Python value (:meth:`FormField.read`, raising :class:`FieldError`
with a sentence), shows a value (:meth:`FormField.write`), and checks itself as
the user types, showing the problem right under the control. See
:mod:`itroad.tui.forms` for how a :class:`~itroad.tui.forms.record_form.RecordForm`
puts them together.

This module holds what every field shares (:class:`FormField`); the fields
themselves are beside it: typed text in :mod:`~itroad.tui.forms.text` (text,
dates, money, rates, whole numbers, lists), the checkbox in
:mod:`~itroad.tui.forms.checkbox` and the list of choices in
:mod:`~itroad.tui.forms.select`.

User text is never markup: inputs show their value literally, select options
are ``Content``, messages are ``Content``.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Label, Static

LABEL_WIDTH = 18


class FieldError(ValueError):
    """A value a field cannot accept; the message is a sentence for the user."""


class FormField(Widget):
    """Base of every field: ``label  [control]`` and a message line under them.

    Subclasses make the control (:meth:`make_control`) and convert between it
    and a Python value (:meth:`read`, :meth:`write`). ``required`` fields refuse
    to be empty; an empty optional field reads as ``None``.
    """

    DEFAULT_CSS = f"""
    FormField {{
        height: auto;
        width: 1fr;
    }}
    FormField > .form-field--row {{
        height: auto;
        width: 1fr;
    }}
    FormField .form-field--label {{
        width: {LABEL_WIDTH};
        height: 1;
        padding: 0 1 0 0;
        color: $text-muted;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }}
    FormField:focus-within .form-field--label {{
        color: $text;
        text-style: bold;
    }}
    FormField .form-field--control {{
        width: 1fr;
    }}
    FormField .form-field--message {{
        display: none;
        height: auto;
        padding: 0 0 0 {LABEL_WIDTH};
    }}
    FormField.-error .form-field--message {{
        display: block;
        color: $text-error;
    }}
    FormField.-note .form-field--message {{
        display: block;
        color: $text-warning;
    }}
    FormField.-hint .form-field--message {{
        display: block;
        color: $text-muted;
    }}
    """

    class Changed(Message):
        """The user changed the field's value."""

        def __init__(self, field: FormField) -> None:
            super().__init__()
            self.field = field

        @property
        def control(self) -> FormField:
            return self.field

    def __init__(
        self,
        name: str,
        label: str,
        *,
        required: bool = False,
        hint: str | None = None,
    ) -> None:
        super().__init__(id=f"field-{name}", classes="form-field")
        self.field_name = name
        self.label = label
        self.required = required
        #: A short sentence shown under the control while there is no error.
        self.hint = hint
        #: The user has changed or left the field: "is required" may be shown.
        self.touched = False

    # -- to override -----------------------------------------------------------

    def make_control(self) -> Widget:  # pragma: no cover - each field has its own
        raise NotImplementedError

    def raw(self) -> str:
        """What the control holds, as text (used to compare and to remind)."""
        raise NotImplementedError  # pragma: no cover

    def read(self) -> Any:
        """The control's value as a Python value; raises :class:`FieldError`."""
        raise NotImplementedError  # pragma: no cover

    def write(self, value: Any) -> None:
        """Show ``value`` (a model's value, or None for empty)."""
        raise NotImplementedError  # pragma: no cover

    def partial(self) -> bool:
        """True while the text looks like a value being typed (no error shown yet)."""
        return False

    # -- shared ----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(classes="form-field--row"):
            text = self.label + (" *" if self.required else "")
            yield Label(Content(text), classes="form-field--label")
            control = self.make_control()
            control.add_class("form-field--control")
            yield control
        yield Static("", classes="form-field--message", markup=False)

    def on_mount(self) -> None:
        self._show_hint()

    @property
    def control(self) -> Widget:
        return self.query_one(".form-field--control")

    def focus(self, scroll_visible: bool = True) -> FormField:
        self.control.focus(scroll_visible)
        return self

    def _message(self, text: str, kind: str | None) -> None:
        for name in ("-error", "-note", "-hint"):
            self.remove_class(name)
        message = self.query_one(".form-field--message", Static)
        message.update(Content(text))
        if kind:
            self.add_class(kind)

    def _show_hint(self) -> None:
        self._message(self.hint or "", "-hint" if self.hint else None)

    @property
    def error(self) -> str | None:
        """The error shown under the field, if any."""
        if not self.has_class("-error"):
            return None
        return str(self.query_one(".form-field--message", Static).content)

    def show_error(self, message: str | None) -> None:
        """Show a problem under the field (None: clear it)."""
        if message:
            self._message(message, "-error")
        else:
            self._show_hint()

    def show_note(self, message: str) -> None:
        """Show a remark under the field that is not an error (e.g. what you had typed)."""
        self._message(message, "-note")

    def check(self, *, live: bool = False) -> str | None:
        """Read the field and show (or clear) its error; returns the error.

        ``live`` is a check while typing: a partly typed value and an empty
        required field not yet touched are let be.
        """
        try:
            value = self.read()
            if self.required and value in (None, ""):
                if live and not self.touched:
                    return None
                raise FieldError("is required")
        except FieldError as problem:
            if live and self.partial():
                self.show_error(None)
                return None
            self.show_error(str(problem))
            return str(problem)
        self.show_error(None)
        return None

    def changed(self) -> None:
        self.touched = True
        self.check(live=True)
        self.post_message(self.Changed(self))
