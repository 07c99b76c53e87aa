"""A modal form that edits one record, checked field by field and as a whole.

See :mod:`itroad.tui.forms` for how to use it.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any, ClassVar

from pydantic import BaseModel, ValidationError
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Input, Label, Static

from itroad.domain.errors import error_field
from itroad.interchange.problems import describe_error
from itroad.tui.forms.fields import FormField
from itroad.tui.widgets.dialog import Dialog

#: Called with the filled model (of the form's model class); what it returns closes the form.
SaveCallback = Callable[[Any], Awaitable[Any]]


class FormRefused(Exception):
    """Raised by a save callback when the record cannot be saved as it is.

    ``message`` is shown at the top of the form; ``field`` names the field it is
    about (the message is shown under it too); ``latest`` are values to load
    into the form (say, what another window saved meanwhile): a field whose
    value changes keeps a note of what the user had typed. The form stays open.
    """

    def __init__(self, message: str, *, field: str | None = None,
                 latest: Mapping[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.latest = latest


class RecordForm(Dialog[Any]):
    """Dismisses with what ``save`` returned (the model itself without ``save``), or
    None when cancelled."""

    DEFAULT_CSS = """
    RecordForm #form-intro {
        color: $text-muted;
        height: auto;
    }
    RecordForm #form-message {
        display: none;
        height: auto;
        margin: 0 0 1 0;
        text-style: bold;
    }
    RecordForm #form-message.-error {
        display: block;
        color: $text-error;
    }
    RecordForm #form-message.-warning {
        display: block;
        color: $text-warning;
    }
    RecordForm #form-body {
        height: auto;
        max-height: 1fr;
        margin-bottom: 1;
    }
    RecordForm #form-buttons {
        dock: bottom;
        height: 1;
        align-horizontal: right;
    }
    RecordForm #form-buttons Button {
        margin-left: 2;
    }
    RecordForm #form-hint {
        color: $text-muted;
        width: 1fr;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", tooltip="Check the form and save the record"),
        Binding("escape", "cancel", "Cancel", tooltip="Close the form (asks before losing changes)"),
    ]

    def __init__(
        self,
        title: str | Content,
        model: type[BaseModel],
        fields: Sequence[FormField],
        *,
        values: Mapping[str, Any] | None = None,
        fixed: Mapping[str, Any] | None = None,
        save: SaveCallback | None = None,
        intro: str | None = None,
        save_label: str = "Save",
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.title_text = title
        self.model = model
        self.fields = list(fields)
        self.values = dict(values or {})
        self.fixed = dict(fixed or {})
        self.save_callback = save
        self.intro = intro
        self.save_label = save_label
        self._saving = False
        self._snapshot: dict[str, str] = {}

    # -- layout ------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        # A title names user data ("Edit [/foo]"): the frame never reads it as markup.
        required = any(field.required for field in self.fields)
        with self.frame(self.title_text, "* required" if required else "", id="form-frame"):
            if self.intro:
                yield Static(Content(self.intro), id="form-intro")
            yield Static("", id="form-message", markup=False)
            with VerticalScroll(id="form-body", can_focus=False):
                yield from self.fields
            with Horizontal(id="form-buttons"):
                yield Label("Tab next · ^s save · Esc cancel", id="form-hint")
                yield Button(self.save_label, variant="primary", id="form-save", compact=True)
                yield Button("Cancel", id="form-cancel", compact=True)

    def on_mount(self) -> None:
        for field in self.fields:
            if field.field_name in self.values:
                field.write(self.values[field.field_name])
        self._snapshot = self._raw()
        if self.fields:
            self.fields[0].focus()

    def field(self, name: str) -> FormField:
        """The field editing model field ``name``."""
        for field in self.fields:
            if field.field_name == name:
                return field
        raise KeyError(name)

    def _raw(self) -> dict[str, str]:
        return {field.field_name: field.raw() for field in self.fields}

    @property
    def dirty(self) -> bool:
        """The user changed something since the form was opened (or last reloaded)."""
        return self._raw() != self._snapshot

    @property
    def message(self) -> str:
        """The message at the top of the form ("" when none)."""
        widget = self.query_one("#form-message", Static)
        return str(widget.content) if widget.display else ""

    def show_message(self, text: str | None, severity: str = "error") -> None:
        widget = self.query_one("#form-message", Static)
        widget.remove_class("-error", "-warning")
        widget.update(Content(text or ""))
        if text:
            widget.add_class("-warning" if severity == "warning" else "-error")

    # -- keys and buttons -----------------------------------------------------------

    @on(Input.Submitted)
    def _next_field(self, event: Input.Submitted) -> None:
        """Enter moves to the next field; on the last field, it saves."""
        event.stop()
        if self.fields and event.input in self.fields[-1].query(Input):
            self.action_save()
        else:
            self.focus_next()

    @on(Button.Pressed, "#form-save")
    def _save_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_save()

    @on(Button.Pressed, "#form-cancel")
    def _cancel_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_cancel()

    def action_cancel(self) -> None:
        if not self.dirty:
            self.dismiss(None)
            return
        from itroad.tui.screens.confirm import ConfirmScreen

        def answer(choice: str | None) -> None:
            if choice == "discard":
                self.dismiss(None)

        self.app.push_screen(ConfirmScreen(
            "Discard changes?", "Close the form and lose what you typed?",
            [("d", "Discard", "discard", "error"), ("escape", "Keep editing", None, "default")],
        ), answer)

    def action_save(self) -> None:
        if not self._saving:
            self._saving = True
            self.run_worker(self._save(), group="form-save", exclusive=True, exit_on_error=False)

    # -- saving -----------------------------------------------------------------------

    def collect(self) -> dict[str, Any] | None:
        """Every field's value, or None after showing the fields in error."""
        values: dict[str, Any] = {}
        first_bad: FormField | None = None
        for field in self.fields:
            problem = field.check()
            if problem is not None:
                first_bad = first_bad or field
                continue
            values[field.field_name] = field.read()
        if first_bad is not None:
            self.show_message("Not saved: check the fields marked below.")
            first_bad.focus()
            return None
        return values

    def validate(self, values: Mapping[str, Any]) -> BaseModel | None:
        """The whole record through its model, or None after showing what is wrong."""
        data = {**self.fixed, **{k: v for k, v in values.items() if v is not None}}
        try:
            return self.model.model_validate(data)
        except ValidationError as error:
            self.show_validation(error)
            return None

    def show_validation(self, error: ValidationError) -> None:
        """Put each problem of a model's validation next to its field: the field of its
        location, or for a rule over the whole record (an end before its start) the field
        its validator names (:func:`~itroad.domain.errors.error_field`)."""
        names = {field.field_name: field for field in self.fields}
        general: list[str] = []
        first_bad: FormField | None = None
        for problem in error.errors():
            sentence = self.humanize(describe_error(problem))
            name = error_field(problem)
            target = names.get(name) if name is not None else None
            if target is None:
                general.append(sentence)
                continue
            if target.error is None:
                target.show_error(sentence)
            first_bad = first_bad or target
        text = "Not saved: " + ("; ".join(general) if general else "check the fields marked below.")
        self.show_message(text)
        if first_bad is not None:
            first_bad.focus()

    def humanize(self, sentence: str) -> str:
        """Model field names in a message become the labels the user sees."""
        for field in self.fields:
            if "_" in field.field_name:
                sentence = re.sub(rf"\b{re.escape(field.field_name)}\b", field.label.lower(), sentence)
        return sentence

    def refused(self, refusal: FormRefused) -> None:
        """Show why the save was refused; load the latest values if there are some."""
        severity = "error"
        if refusal.latest is not None:
            severity = "warning"
            for field in self.fields:
                mine = field.raw()
                field.write(refusal.latest.get(field.field_name))
                field.show_error(None)
                if field.raw() != mine:
                    field.show_note(f"you had: {mine}" if mine else "you had left it empty")
            self.values = dict(refusal.latest)
            self._snapshot = self._raw()
        self.show_message(self.humanize(refusal.message), severity)
        if refusal.field is not None:
            try:
                target = self.field(refusal.field)
            except KeyError:
                return
            target.show_error(self.humanize(refusal.message))
            target.focus()

    async def _save(self) -> None:
        try:
            values = self.collect()
            if values is None:
                return
            record = self.validate(values)
            if record is None:
                return
            if self.save_callback is None:
                self.dismiss(record)
                return
            self.show_message("Saving…", "warning")
            try:
                result = await self.save_callback(record)
            except FormRefused as refusal:
                self.refused(refusal)
                return
            except Exception as error:  # noqa: BLE001 - shown in the form, nothing is lost
                self.show_message(f"Not saved: {error}")
                return
            self.dismiss(result)
        finally:
            self._saving = False
