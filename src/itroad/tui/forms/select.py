"""A field of one value from a list: :class:`SelectField`, its select and its list.

The list opens framed, in the control's column, where it fits; it stops at its
first and last option; an "add a new one…" option can open a screen to create
a value (:class:`NewChoice`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Select
from textual.widgets._select import SelectOverlay

from itroad.tui.forms.fields import FormField

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
