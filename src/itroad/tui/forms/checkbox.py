"""A yes-or-no field: a checkbox that says its state in text."""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Checkbox

from itroad.tui.forms.fields import FormField


class StateCheckbox(Checkbox):
    """A checkbox that says its state in text: ``[x] label`` ticked, ``[ ] label`` not.

    Textual's own box is the same ``X`` either way and tells the states apart by
    colour alone, which a 16-colour terminal or ``NO_COLOR`` loses. The box is drawn
    in the text's colours (muted, or success when ticked), never the panel's own,
    which is black on black with 16 colours.
    """

    DEFAULT_CSS = """
    StateCheckbox > .toggle--button { color: $text-muted; }
    StateCheckbox.-on > .toggle--button { color: $text-success; }
    """
    TICKED: ClassVar[str] = "[x]"
    UNTICKED: ClassVar[str] = "[ ]"

    def _box(self) -> Content:
        return Content.styled(self.TICKED if self.value else self.UNTICKED,
                              self.get_visual_style("toggle--button"))

    def render(self) -> Content:
        if not self.label:
            return self._box()
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
