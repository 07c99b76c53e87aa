"""Editing records from the screens: forms, saves, deletes, bulk changes, undo.

The :class:`EditController` belongs to the workspace screen; a tab asks it to
run a *flow* (new, edit, duplicate, delete, bulk change, undo) for an
:class:`Editable` — what the tab knows about its kind of record: the store's
kind, the form's fields, what a copy looks like, the bulk actions.

- Every read and write runs in a thread worker with its own connection (a
  read-write one for writes); each write is one transaction in the store.
- A flow waits on its modal screens inside an async worker of the group
  :data:`DIALOG_GROUP` (such a worker lives as long as the user takes).
- Every write that worked goes on the undo stack as a :class:`Change`; ``u``
  puts the last one back (:meth:`EditController.undo`), and the store refuses
  when the rows were changed again since.
- A save made on a stale version is refused by the store; the form then shows
  the latest values and what the user had typed (see :class:`FormRefused`).
  A save that another itroad keeps waiting beyond the busy timeout (a long
  import) is refused in one sentence, like any other refused edit.
- After a write, the flow calls its ``done`` callback with the row to show, so
  the tab (and the other tabs) can read the database again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Protocol, TypeVar

from pydantic import BaseModel
from textual.dom import DOMNode
from textual.notifications import SeverityLevel
from textual.worker import WorkerFailed

from itroad.domain.models import Person
from itroad.store import StoreError, open_database
from itroad.store.editing import (
    EditError,
    RecordGone,
    StaleRecordError,
    delete_records,
    load_record,
    save_record,
    undo_batch,
    update_records,
)
from itroad.store.kinds import PERSON
from itroad.store.lookups import PersonRef, find_person, suggest_tag
from itroad.store.records import Kind
from itroad.tui.data import InventoryContext
from itroad.tui.forms import (
    FormField,
    FormRefused,
    NewChoice,
    RecordForm,
    SelectField,
    TextField,
    text_choices,
)
from itroad.tui.screens.confirm import Answer, ConfirmScreen

#: Workers that wait on the user (a form, a question): tests do not wait for them.
DIALOG_GROUP = "dialog"

T = TypeVar("T")
Done = Callable[[int | None], None]


@dataclass(frozen=True)
class Change:
    """One user action that wrote to the database, as the undo stack keeps it."""

    batch: str
    description: str  # "edit of asset ACME-0001", "delete of 3 assets"
    table: str
    client_code: str


@dataclass(frozen=True)
class BulkAction:
    """A change made to every marked row at once.

    ``model`` is a small pydantic model of the values asked for (its form has
    ``fields``); ``changes`` turns a filled model into the field changes given to
    :func:`~itroad.store.editing.update_records`.
    """

    key: str
    label: str
    model: type[BaseModel]
    fields: Callable[[InventoryContext, EditController], list[FormField]]
    changes: Callable[[Any], dict[str, Any]]
    intro: str = ""


class Editable(Protocol):
    """What a tab tells the controller about its kind of record."""

    KIND: ClassVar[Kind]
    NOUN: ClassVar[str]  # "asset"
    PLURAL: ClassVar[str]  # "assets"
    PERSON_FIELD: ClassVar[str | None]  # the model field naming a person: "assigned_to", "owner"
    BULK_ACTIONS: ClassVar[tuple[BulkAction, ...]]
    #: Changes that "retire" a record instead of deleting it (None: no such thing).
    RETIRE: ClassVar[dict[str, Any] | None]

    def form_fields(self, context: InventoryContext, editor: EditController) -> list[FormField]: ...

    def new_values(self, context: InventoryContext) -> dict[str, Any]: ...

    def copy_values(self, model: Any, context: InventoryContext) -> dict[str, Any]: ...

    def label(self, model: Any) -> str: ...

    def form_model(self) -> type[BaseModel]: ...

    def values_of(self, model: Any) -> dict[str, Any]: ...

    def fixed_of(self, model: Any | None) -> dict[str, Any]: ...

    def record_of(self, value: BaseModel, before: Any | None) -> BaseModel: ...

    def error_field(self, error: EditError, value: BaseModel | None) -> str | None: ...


class EditableDefaults:
    """What most kinds of record answer to the :class:`Editable` questions: the form
    edits the record's own model, field for field."""

    KIND: ClassVar[Kind]
    NOUN: ClassVar[str] = "record"
    PLURAL: ClassVar[str] = "records"
    PERSON_FIELD: ClassVar[str | None] = None
    BULK_ACTIONS: ClassVar[tuple[BulkAction, ...]] = ()
    RETIRE: ClassVar[dict[str, Any] | None] = None

    def new_values(self, context: InventoryContext) -> dict[str, Any]:
        return {}

    def copy_values(self, model: Any, context: InventoryContext) -> dict[str, Any]:
        return self.values_of(model)

    def label(self, model: Any) -> str:
        return f'{self.NOUN} "{getattr(model, self.KIND.label_column)}"'

    def form_model(self) -> type[BaseModel]:
        """The model the form fills (the record's, unless the form has its own)."""
        return self.KIND.model

    def values_of(self, model: Any) -> dict[str, Any]:
        """The form's values for a stored record."""
        return model.model_dump()

    def fixed_of(self, model: Any | None) -> dict[str, Any]:
        """Values the form keeps as they are without showing them (a record's child rows)."""
        return {}

    def record_of(self, value: BaseModel, before: Any | None) -> BaseModel:
        """The record to save from what the form made (``before``: the stored one)."""
        return value

    def error_field(self, error: EditError, value: BaseModel | None) -> str | None:
        """The form field a refusal of the store is about: the model field it names
        (``value`` is what the form made, for a form whose fields are not the model's)."""
        return error.field


def _label(kind: Kind, model: Any) -> str:
    return f'{kind.name} "{getattr(model, kind.label_column)}"'


@dataclass
class EditController:
    """Runs the editing flows of the screens for one database file."""

    host: DOMNode
    db_path: Path
    undo_stack: list[Change] = field(default_factory=list)

    # -- the store, off the UI thread ------------------------------------------------

    async def _run(self, readonly: bool, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        path = self.db_path

        def work() -> T:
            db = open_database(path, readonly=readonly)
            try:
                return fn(db, *args, **kwargs)
            finally:
                db.close()

        worker = self.host.run_worker(work, thread=True, group="store", exit_on_error=False,
                                      name=getattr(fn, "__name__", "store"))
        try:
            return await worker.wait()
        except WorkerFailed as failed:
            if isinstance(failed.error, StoreError):
                # Say it like a refused edit (one sentence), e.g. another itroad kept
                # the write lock longer than the busy timeout: every flow shows those.
                raise EditError(str(failed.error)) from None
            raise failed.error from None

    async def read(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """``fn(db, *args)`` on a read-only connection in a thread worker."""
        return await self._run(True, fn, *args, **kwargs)

    async def write(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """``fn(db, *args)`` on a read-write connection in a thread worker."""
        return await self._run(False, fn, *args, **kwargs)

    def _flow(self, flow: Any, name: str) -> None:
        self.host.run_worker(flow, group=DIALOG_GROUP, name=name, exit_on_error=False)

    def _notify(self, message: str, severity: SeverityLevel = "information", title: str = "") -> None:
        self.host.app.notify(message, title=title, severity=severity, markup=False)

    # -- undo --------------------------------------------------------------------------

    def remember(self, change: Change) -> None:
        self.undo_stack.append(change)
        del self.undo_stack[:-50]
        self.host.refresh_bindings()

    def undo(self, done: Callable[[Change], None] | None = None) -> None:
        """Put back the last change (the store refuses if its rows changed again)."""
        if not self.undo_stack:
            self._notify("Nothing to undo in this session.", title="Undo")
            return
        self._flow(self._undo(done), "undo")

    async def _undo(self, done: Callable[[Change], None] | None) -> None:
        change = self.undo_stack.pop()
        self.host.refresh_bindings()
        try:
            await self.write(undo_batch, change.batch)
        except EditError as error:
            self._notify(f"Could not undo the {change.description}: {error}.", "error", "Undo")
            if done:
                done(change)
            return
        self._notify(f"Undone: {change.description}.", title="Undo")
        if done:
            done(change)

    # -- pick lists with "add a new one" ---------------------------------------------------

    def person_field(self, context: InventoryContext, name: str, label: str, *,
                     blank_label: str = "(nobody)", hint: str | None = None) -> SelectField:
        """The client's people to pick from, and "+ Add a person…" (saved right away)."""
        client_id = context.client.id

        def screen() -> RecordForm:
            async def save(person: Person) -> tuple[str, str]:
                existing = await self.read(find_person, client_id, person.email or person.name)
                if existing is None and person.email:
                    existing = await self.read(find_person, client_id, person.name)
                if existing is not None:
                    raise FormRefused(
                        f"{existing.name} is already one of {context.client.name}'s people: "
                        "pick them from the list.", field="name")
                try:
                    saved = await self.write(save_record, PERSON, client_id, person)
                except EditError as error:
                    raise FormRefused(str(error)) from None
                self.remember(Change(saved.batch, f'adding of person "{person.name}"', "people",
                                     context.client.code))
                self._notify(f"Added {person.name} to {context.client.name}'s people.",
                             title="People")
                return person_label(PersonRef(saved.id, person.name, person.email)), person.key

            return RecordForm(f"New person at {context.client.name}", Person, [
                TextField("name", "Name", required=True),
                TextField("email", "Email", placeholder="name@example.com"),
                TextField("title", "Title", placeholder="Office manager"),
                TextField("organisation", "Organisation"),
            ], save=save, intro="Saved to the client's people as soon as you press Save.")

        return SelectField(
            name, label, [(person_label(p), p.key) for p in context.people],
            blank_label=blank_label, new=NewChoice("+ Add a person…", screen), hint=hint,
        )

    def text_choice_field(self, name: str, label: str, choices: Sequence[str], *,
                          noun: str, required: bool = False, blank_label: str = "(none)",
                          lower: bool = False, hint: str | None = None) -> SelectField:
        """Known values to pick from, and "+ New …" to type another one."""

        class NewValue(BaseModel):
            value: str

        def screen() -> RecordForm:
            async def keep(entry: NewValue) -> tuple[str, str]:
                value = " ".join(entry.value.split())
                if lower:
                    value = value.lower()
                if not value:
                    raise FormRefused(f"type a {noun}", field="value")
                return value, value

            return RecordForm(f"New {noun}", NewValue,
                              [TextField("value", noun.capitalize(), required=True)], save=keep,
                              save_label="Add")

        return SelectField(name, label, text_choices(choices), required=required,
                           allow_blank=True, blank_label=blank_label,
                           new=NewChoice(f"+ New {noun}…", screen), hint=hint)

    def site_field(self, context: InventoryContext, name: str = "site", label: str = "Site") -> SelectField:
        return self.text_choice_field(name, label, context.sites, noun="site")

    # -- flows -------------------------------------------------------------------------------

    def new(self, editable: Editable, context: InventoryContext, done: Done,
            values: dict[str, Any] | None = None, title: str | None = None,
            intro: str | None = None, fixed: dict[str, Any] | None = None) -> None:
        """The empty form (or ``values``); saved as a new record."""
        self._flow(self._new(editable, context, done, values, title, intro, fixed), f"new {editable.NOUN}")

    async def _new(self, editable: Editable, context: InventoryContext, done: Done,
                   values: dict[str, Any] | None, title: str | None, intro: str | None = None,
                   fixed: dict[str, Any] | None = None) -> None:
        kind, client = editable.KIND, context.client

        async def save(value: BaseModel) -> int:
            model = editable.record_of(value, None)
            try:
                saved = await self.write(save_record, kind, client.id, model)
            except EditError as error:
                raise FormRefused(str(error), field=editable.error_field(error, value)) from None
            self.remember(Change(saved.batch, f"adding of {_label(kind, model)}", kind.table, client.code))
            return saved.id

        form = RecordForm(title or f"New {editable.NOUN} at {client.name}", editable.form_model(),
                          editable.form_fields(context, self),
                          values=values if values is not None else editable.new_values(context),
                          fixed=fixed if fixed is not None else editable.fixed_of(None),
                          save=save, intro=intro)
        row_id = await self.host.app.push_screen_wait(form)
        if row_id is not None:
            self._notify(f"Added the {editable.NOUN}. u undoes.", title="Saved")
            done(row_id)

    def duplicate(self, editable: Editable, context: InventoryContext, row_id: int, done: Done) -> None:
        """A new record's form filled from ``row_id`` (the tag moved on to the next free one)."""
        self._flow(self._duplicate(editable, context, row_id, done), f"duplicate {editable.NOUN}")

    async def _duplicate(self, editable: Editable, context: InventoryContext, row_id: int,
                         done: Done) -> None:
        try:
            model, _version, _client = await self.read(load_record, editable.KIND, row_id)
        except RecordGone as error:
            self._notify(f"Cannot duplicate: {error}.", "error")
            return
        values = editable.copy_values(model, context)
        if editable.KIND.name == "asset":
            values["tag"] = await self.read(suggest_tag, context.client.id, values["tag"]) or ""
        await self._new(editable, context, done, values,
                        f"Copy of {editable.label(model)}")

    def edit(self, editable: Editable, context: InventoryContext, row_id: int, done: Done) -> None:
        self._flow(self._edit(editable, context, row_id, done), f"edit {editable.NOUN}")

    async def _edit(self, editable: Editable, context: InventoryContext, row_id: int,
                    done: Done) -> None:
        kind, client = editable.KIND, context.client
        try:
            model, version, client_id = await self.read(load_record, kind, row_id)
        except RecordGone as error:
            self._notify(f"Cannot edit: {error}.", "error")
            done(None)
            return
        state: dict[str, int | None] = {"version": version}

        async def save(value: BaseModel) -> int:
            changed = editable.record_of(value, model)
            try:
                saved = await self.write(save_record, kind, client_id, changed, row_id=row_id,
                                         expected_version=state["version"])
            except StaleRecordError as stale:
                state["version"] = stale.version
                latest = editable.values_of(stale.current) if stale.current is not None else None
                raise FormRefused(str(stale), latest=latest) from None
            except RecordGone as error:
                raise FormRefused(
                    f"{error}. Press Esc to close the form; u brings a deleted row back.") from None
            except EditError as error:
                raise FormRefused(str(error), field=editable.error_field(error, value)) from None
            self.remember(Change(saved.batch, f"edit of {_label(kind, changed)}", kind.table, client.code))
            return saved.id

        form = RecordForm(f"Edit {editable.label(model)}", editable.form_model(),
                          editable.form_fields(context, self), values=editable.values_of(model),
                          fixed=editable.fixed_of(model), save=save)
        saved_id = await self.host.app.push_screen_wait(form)
        if saved_id is not None:
            self._notify(f"Saved {editable.label(model)}. u undoes.", title="Saved")
            done(saved_id)

    def delete(self, editable: Editable, context: InventoryContext, ids: Sequence[int],
               what: str, done: Done) -> None:
        """Ask, then delete (or retire) the rows; ``what`` names them for the question."""
        self._flow(self._delete(editable, context, list(ids), what, done), f"delete {editable.NOUN}")

    async def _delete(self, editable: Editable, context: InventoryContext, ids: list[int],
                      what: str, done: Done) -> None:
        kind, client = editable.KIND, context.client
        answers: list[Answer] = []
        if editable.RETIRE is not None:
            answers.append(("r", "Retire", "retire", "primary"))
        answers += [("d", "Delete", "delete", "error"), ("escape", "Cancel", None, "default")]
        message = f"Delete {what}? It disappears from every list and report; u brings it back."
        if editable.RETIRE is not None:
            message = (f"Retire or delete {what}?\n\nRetire keeps it in the inventory, marked retired "
                       "(no replacement planned). Delete removes it from every list and report. "
                       "u undoes either.")
        answer = await self.host.app.push_screen_wait(
            ConfirmScreen(f"Delete {editable.NOUN if len(ids) == 1 else editable.PLURAL}", message, answers))
        if answer is None:
            return
        count = f"{len(ids)} {editable.PLURAL}" if len(ids) > 1 else what
        try:
            if answer == "retire":
                batch = await self.write(update_records, kind, ids, editable.RETIRE)
                description = f"retirement of {count}"
            else:
                batch = await self.write(delete_records, kind, ids)
                description = f"delete of {count}"
        except EditError as error:
            self._notify(f"Nothing changed: {error}.", "error")
            done(None)
            return
        self.remember(Change(batch, description, kind.table, client.code))
        verb = "Retired" if answer == "retire" else "Deleted"
        self._notify(f"{verb} {count}. u undoes.", title=verb)
        done(None)

    def bulk(self, editable: Editable, context: InventoryContext, ids: Sequence[int],
             action: BulkAction, done: Done) -> None:
        self._flow(self._bulk(editable, context, list(ids), action, done), action.label)

    async def _bulk(self, editable: Editable, context: InventoryContext, ids: list[int],
                    action: BulkAction, done: Done) -> None:
        kind, client = editable.KIND, context.client
        count = f"{len(ids)} {editable.NOUN if len(ids) == 1 else editable.PLURAL}"

        async def apply(model: BaseModel) -> str:
            try:
                return await self.write(update_records, kind, ids, action.changes(model))
            except EditError as error:
                raise FormRefused(f"Nothing was changed: {error}",
                                  field=editable.error_field(error, model)) from None

        form = RecordForm(f"{action.label}: {count}", action.model, action.fields(context, self),
                          save=apply, intro=action.intro or None, save_label="Apply")
        batch = await self.host.app.push_screen_wait(form)
        if batch is None:
            return
        description = f"{action.label.lower()} on {count}"
        self.remember(Change(batch, description, kind.table, client.code))
        self._notify(f"Done: {description}. u undoes.", title="Bulk change")
        done(None)



def person_label(person: PersonRef) -> str:
    """``Jane Doe <jane@acme.example>``, or the name alone."""
    return f"{person.name} <{person.email}>" if person.email else person.name
