"""Form fields: a label, one control, and a message line under it.

Each field edits one field of a pydantic model, named by ``name``. It reads its
control into a Python value (:meth:`FormField.read`, raising :class:`FieldError`
with a sentence), shows a value (:meth:`FormField.write`), and checks itself as
the user types, showing the problem right under the control. See
:mod:`itroad.tui.forms` for how a :class:`~itroad.tui.forms.record_form.RecordForm`
puts them together.

User text is never markup: inputs show their value literally, select options
are ``Content``, messages are ``Content``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Label, Select, Static
from textual.widgets._select import SelectOverlay

from itroad.domain.parse import (
    DecimalSeparator,
    ParseError,
    parse_date,
    parse_money,
    parse_rate,
    parse_typed_money,
    parse_typed_rate,
    parse_typed_whole,
    typed_text,
)

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


class TextField(FormField):
    """Free text on one line; empty reads as None."""

    def __init__(self, name: str, label: str, *, required: bool = False, placeholder: str = "",
                 hint: str | None = None, max_length: int = 0) -> None:
        super().__init__(name, label, required=required, hint=hint)
        self.placeholder = placeholder
        self.max_length = max_length
        self._initial = ""

    def make_control(self) -> Widget:
        return Input(self._initial, placeholder=self.placeholder, compact=True,
                     max_length=self.max_length, select_on_focus=False)

    @property
    def input(self) -> Input:
        return self.query_one(Input)

    def raw(self) -> str:
        return self.input.value if self.is_mounted else self._initial

    def parse(self, text: str) -> Any:
        return text

    def format(self, value: Any) -> str:
        return "" if value is None else str(value)

    def read(self) -> Any:
        text = self.raw().strip()
        if not text:
            return None
        return self.parse(text)

    def write(self, value: Any) -> None:
        text = self.format(value)
        if self.is_mounted:
            with self.input.prevent(Input.Changed):
                self.input.value = text
            self.input.cursor_position = len(text)
        else:
            self._initial = text

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        self.changed()

    @on(Input.Blurred)
    def _left(self, event: Input.Blurred) -> None:
        event.stop()
        if self.raw().strip():
            self.touched = True
        if self.touched:
            self.check()


_DATE_PREFIX = re.compile(r"^\d{0,4}(-(\d{0,2}(-\d{0,1})?)?)?$")


class DateField(TextField):
    """An ISO date, ``YYYY-MM-DD``."""

    def __init__(self, name: str, label: str, *, required: bool = False, hint: str | None = None) -> None:
        super().__init__(name, label, required=required, placeholder="YYYY-MM-DD", hint=hint,
                         max_length=10)

    def parse(self, text: str) -> date:
        try:
            return parse_date(text)
        except ValueError as problem:
            raise FieldError(str(problem)) from None

    def format(self, value: Any) -> str:
        if isinstance(value, date):
            return value.isoformat()
        return super().format(value)

    def partial(self) -> bool:
        text = self.raw().strip()
        return self.input.has_focus and len(text) < 10 and bool(_DATE_PREFIX.match(text))


def separator_hint(decimal_separator: DecimalSeparator | None) -> str:
    """How amounts are typed for the client, as shown beside a money field."""
    if decimal_separator == ",":
        return "Decimal comma: 1.249,50"
    if decimal_separator == ".":
        return "Decimal point: 1,249.50"
    return "1249.50 or 1,249.50 (^p: number format)"


def _canonical(value: Any, parse: Callable[[Any], Decimal]) -> Any:
    """``value`` as a Decimal when it is a number in its canonical text, else as it is."""
    if isinstance(value, str) and value:
        try:
            return parse(value)
        except ParseError:
            return value
    return value


def where_to_declare(problem: ParseError) -> str:
    """The refusal, saying where the number format is set when that would help."""
    return f"{problem} (^p)" if problem.convention else str(problem)


def _joined(*parts: str | None) -> str:
    return " ".join(part for part in parts if part)


class MoneyField(TextField):
    """An amount of money: at least 0, at most two decimals (``1400``, ``$1,400.50``).

    A decimal comma (``12,99``) is read only when the client declares it
    (``decimal_separator=","``); the convention is shown under the field.
    """

    def __init__(self, name: str, label: str, *, required: bool = False, hint: str | None = None,
                 decimal_separator: DecimalSeparator | None = None,
                 currency: str | None = None) -> None:
        super().__init__(name, label, required=required,
                         hint=_joined(hint, separator_hint(decimal_separator)))
        self.decimal_separator = decimal_separator
        self.currency = currency

    def parse(self, text: str) -> Decimal:
        try:
            return parse_typed_money(text, decimal_separator=self.decimal_separator,
                                     currency=self.currency)
        except ParseError as problem:
            raise FieldError(where_to_declare(problem)) from None

    def format(self, value: Any) -> str:
        value = _canonical(value, parse_money)  # a model's dump holds "1400.00"
        if isinstance(value, Decimal):
            return typed_text(value, self.decimal_separator, places=2)
        return super().format(value)


class RateField(TextField):
    """A yearly rate: ``0.03`` or ``3 %`` is 3 % (``0,03`` with a decimal comma)."""

    def __init__(self, name: str, label: str, *, required: bool = False, hint: str | None = None,
                 decimal_separator: DecimalSeparator | None = None) -> None:
        super().__init__(name, label, required=required, placeholder="0.03 = 3 %", hint=hint)
        self.decimal_separator = decimal_separator

    def parse(self, text: str) -> Decimal:
        try:
            return parse_typed_rate(text, decimal_separator=self.decimal_separator)
        except ParseError as problem:
            raise FieldError(where_to_declare(problem)) from None

    def format(self, value: Any) -> str:
        value = _canonical(value, parse_rate)
        if isinstance(value, Decimal):
            return typed_text(value, self.decimal_separator)
        return super().format(value)


class IntegerField(TextField):
    """A whole number between ``minimum`` and ``maximum``."""

    def __init__(self, name: str, label: str, *, required: bool = False, minimum: int | None = None,
                 maximum: int | None = None, placeholder: str = "", hint: str | None = None) -> None:
        super().__init__(name, label, required=required, placeholder=placeholder, hint=hint)
        self.minimum = minimum
        self.maximum = maximum

    def parse(self, text: str) -> int:
        try:
            number = parse_typed_whole(text)
        except ParseError as problem:
            raise FieldError(str(problem)) from None
        if self.minimum is not None and number < self.minimum:
            raise FieldError(f"must be at least {self.minimum}")
        if self.maximum is not None and number > self.maximum:
            raise FieldError(f"must be at most {self.maximum}")
        return number


class ListField(TextField):
    """Several short values separated by commas (``LT-1, LT-2``); empty reads as []."""

    def __init__(self, name: str, label: str, *, placeholder: str = "", hint: str | None = None) -> None:
        super().__init__(name, label, placeholder=placeholder, hint=hint)

    def read(self) -> list[str]:
        return [part.strip() for part in self.raw().split(",") if part.strip()]

    def format(self, value: Any) -> str:
        if isinstance(value, (list, tuple)):
            return ", ".join(str(item) for item in value)
        return super().format(value)


class StateCheckbox(Checkbox):
    """A checkbox that says its state in text: ``[x] label`` ticked, ``[ ] label`` not.

    Textual's own box is the same ``X`` either way and tells the states apart by
    colour alone, which a 16-colour terminal or ``NO_COLOR`` loses.
    """

    TICKED: ClassVar[str] = "[x]"
    UNTICKED: ClassVar[str] = "[ ]"

    def _box(self) -> Content:
        return Content.styled(self.TICKED if self.value else self.UNTICKED,
                              self.get_visual_style("toggle--button"))

    def render(self) -> Content:
        label = self.label.pad(1, 1).stylize_before(self.get_visual_style("toggle--label"))
        return Content.assemble(self._box(), label)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        box = len(self.TICKED)
        return box + (2 + self.label.cell_length if self.label else 0)


class BoolField(FormField):
    """Yes or no, as a checkbox that shows ``[x]`` or ``[ ]`` (space toggles it)."""

    def __init__(self, name: str, label: str, *, text: str = "", hint: str | None = None) -> None:
        super().__init__(name, label, hint=hint)
        self.text = text
        self._initial = False

    def make_control(self) -> Widget:
        return StateCheckbox(Content(self.text), self._initial, compact=True)

    @property
    def checkbox(self) -> Checkbox:
        return self.query_one(Checkbox)

    def raw(self) -> str:
        value = self.checkbox.value if self.is_mounted else self._initial
        return "yes" if value else "no"

    def read(self) -> bool:
        return self.checkbox.value if self.is_mounted else self._initial

    def write(self, value: Any) -> None:
        flag = bool(value)
        if self.is_mounted:
            with self.checkbox.prevent(Checkbox.Changed):
                self.checkbox.value = flag
        else:
            self._initial = flag

    @on(Checkbox.Changed)
    def _toggled(self, event: Checkbox.Changed) -> None:
        event.stop()
        self.changed()


#: The value of the "add a new one" option of a :class:`SelectField`.
NEW = "\x00new"

Choice = tuple[str, Any]  # (label shown, value stored)


@dataclass(frozen=True)
class NewChoice:
    """An "add a new one…" option at the end of a :class:`SelectField`.

    ``screen`` makes the modal screen that asks for it; the screen dismisses
    with ``(label, value)`` for the new option (it is then selected), or None.
    """

    label: str
    screen: Callable[[], Screen[Choice | None]]


class FieldOptions(SelectOverlay):
    """The list a :class:`FieldSelect` opens: it stops at its first and last option.

    Textual's list wraps around, so one key too many after the last option
    lands on the first, the blank ``(none)``, and changes the value unseen.
    """

    def _step(self, direction: int) -> None:
        if self.highlighted is None:
            self.action_first() if direction > 0 else self.action_last()
            return
        index = self.highlighted + direction
        while 0 <= index < self.option_count:
            if not self.get_option_at_index(index).disabled:
                self.highlighted = index
                return
            index += direction

    def action_cursor_down(self) -> None:
        self._step(+1)

    def action_cursor_up(self) -> None:
        self._step(-1)


#: The most rows a :class:`FieldSelect`'s list takes, its frame included.
OPTIONS_MAX_HEIGHT = 12


class FieldSelect(Select[Any]):
    """A select whose list is framed, stays in the control's column and opens where
    it fits: below the control, or above it when there is more room there, never
    over the control itself (so the current value stays in sight).

    Without a frame the options line up with the labels of the fields below and
    read as their values, in 16 colours and under ``NO_COLOR`` above all.
    """

    DEFAULT_CSS = f"""
    FieldSelect > FieldOptions, FieldSelect > FieldOptions:focus {{
        border: round $border;
        padding: 0;
        max-height: {OPTIONS_MAX_HEIGHT};
    }}
    FieldSelect > FieldOptions > .option-list--option {{
        padding: 0 1;
    }}
    """

    def compose(self) -> ComposeResult:
        # Select.compose with the list replaced (textual==8.2.8 is pinned; the
        # overlay keeps its class, so Select finds it as before).
        for widget in super().compose():
            if isinstance(widget, SelectOverlay):
                yield FieldOptions(type_to_search=self._type_to_search)
            else:
                yield widget

    def watch_expanded(self, expanded: bool) -> None:
        if not expanded:
            return
        overlay = self.query_one(FieldOptions)
        control = self.region
        screen = self.screen.region
        wanted = min(overlay.option_count + 2, OPTIONS_MAX_HEIGHT)
        below = screen.bottom - control.bottom
        above = control.y - screen.y
        if below >= wanted or below >= above:
            overlay.styles.max_height = max(below, 3)
            overlay.styles.offset = (0, 0)
        else:
            height = min(wanted, above)
            overlay.styles.max_height = height
            overlay.styles.offset = (0, -(height + control.height))


class SelectField(FormField):
    """One value from a list (type a letter to jump); optionally blank, optionally
    with an "add a new one…" option that opens a screen to create it."""

    DEFAULT_CSS = """
    SelectField Select.form-field--control {
        width: 1fr;
    }
    """

    BLANK_LABEL: ClassVar[str] = "(none)"

    def __init__(
        self,
        name: str,
        label: str,
        options: Iterable[Choice],
        *,
        required: bool = False,
        allow_blank: bool = True,
        blank_label: str | None = None,
        new: NewChoice | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(name, label, required=required, hint=hint)
        self.options: list[Choice] = list(options)
        self.allow_blank = allow_blank
        self.blank_label = blank_label or self.BLANK_LABEL
        self.new = new
        self._value: Any = Select.NULL if allow_blank or not self.options else self.options[0][1]

    def _select_options(self) -> list[tuple[Content, Any]]:
        shown = [(Content(label), value) for label, value in self.options]
        if self.new is not None:
            shown.append((Content(self.new.label), NEW))
        return shown

    def make_control(self) -> Widget:
        return FieldSelect(self._select_options(), prompt=self.blank_label,
                           allow_blank=self.allow_blank, value=self._value, compact=True)

    @property
    def select(self) -> Select:
        return self.query_one(Select)

    def _current(self) -> Any:
        value = self.select.value if self.is_mounted else self._value
        return None if value is Select.NULL or value == NEW else value

    def raw(self) -> str:
        value = self._current()
        for label, option in self.options:
            if option == value:
                return label
        return "" if value is None else str(value)

    def read(self) -> Any:
        return self._current()

    def add_option(self, label: str, value: Any) -> None:
        """Add a choice (kept in order by label) unless the value is already one."""
        if any(option == value for _, option in self.options):
            return
        self.options.append((label, value))
        self.options.sort(key=lambda choice: choice[0].casefold())
        if self.is_mounted:
            current = self.select.value
            with self.select.prevent(Select.Changed):
                self.select.set_options(self._select_options())
                if current != NEW:
                    self.select.value = current

    def write(self, value: Any) -> None:
        if isinstance(value, Enum):
            value = value.value
        if value is not None and not any(option == value for _, option in self.options):
            # A value no longer among the choices (a person since removed): keep it visible.
            self.add_option(str(value), value)
        if value is None:
            value = Select.NULL if self.allow_blank else self.options[0][1]
        self._value = value
        if self.is_mounted:
            with self.select.prevent(Select.Changed):
                self.select.value = value

    @on(Select.Changed)
    def _chosen(self, event: Select.Changed) -> None:
        event.stop()
        if event.value == NEW and self.new is not None:
            self._ask_new()
            return
        self._value = event.value
        self.changed()

    def _ask_new(self) -> None:
        assert self.new is not None
        previous = self._value

        def done(choice: Choice | None) -> None:
            if choice is None:
                self.write(None if previous is Select.NULL else previous)
            else:
                label, value = choice
                self.add_option(label, value)
                self.write(value)
                self.changed()
            self.select.focus()

        self.app.push_screen(self.new.screen(), done)


def enum_choices(enum: type[Enum], labels: dict[str, str] | None = None) -> list[Choice]:
    """``[("in use", "in_use"), …]``: an enum's values with readable labels."""
    labels = labels or {}
    return [(labels.get(member.value, str(member.value).replace("_", " ")), member.value)
            for member in enum]


def text_choices(values: Sequence[str]) -> list[Choice]:
    return [(value, value) for value in values]
