"""Forms for editing one record: reusable field widgets and a generic modal form.

A form is a :class:`~itroad.tui.forms.record_form.RecordForm` (a modal screen)
over a pydantic model class and a list of fields. Nothing in here knows the
store or a kind of record, so any screen can use it (assets, renewals and
contracts today; initiatives and people next)::

    from itroad.tui.forms import (
        DateField, EnumField, FormRefused, MoneyField, RecordForm, SelectField, TextField,
    )

    fields = [
        TextField("title", "Title", required=True),
        SelectField("category", "Category", enum_choices(InitiativeCategory), allow_blank=False),
        DateField("start", "Start", required=True),
        MoneyField("one_time_cost", "One-time cost"),
    ]

    async def save(initiative: Initiative) -> int:
        try:
            return await write_it(initiative)         # off the UI thread
        except SomeStoreError as error:
            raise FormRefused(str(error), field="title") from None

    saved_id = await app.push_screen_wait(RecordForm(
        "New initiative", Initiative, fields, values=initial, save=save,
    ))                                                # None when cancelled

How it behaves:

- **Fields** (the base in :mod:`~itroad.tui.forms.fields`; typed text in
  :mod:`~itroad.tui.forms.text`, the checkbox in :mod:`~itroad.tui.forms.checkbox`,
  the list in :mod:`~itroad.tui.forms.select`) are named after the model's fields.
  Each parses its control as the user types and shows a sentence under it when
  the text cannot be a value: :class:`DateField` (``YYYY-MM-DD``; a date being
  typed is not flagged until complete), :class:`MoneyField` (≥ 0, at most two
  decimals), :class:`IntegerField` (bounds), :class:`RateField`,
  :class:`TextField`, :class:`ListField` (comma-separated), :class:`BoolField`
  (a checkbox), and :class:`SelectField` (a fixed list; ``enum_choices(Enum)``
  for enums; ``new=NewChoice(label, screen)`` adds an "add a new one…" option
  that opens ``screen()``, which dismisses with the new ``(label, value)``).
  ``required=True`` marks the label with ``*`` and refuses an empty value.
- **Values in**: ``values`` maps field names to model values (``model.model_dump()``
  is fine: dates, Decimals or their strings, enum members). ``fixed`` values
  are not shown but go into the model (say, a contract's linked assets).
- **Save** (ctrl+s, or the Save button): every field is checked, then the whole
  record is validated by ``model.model_validate`` (empty optional fields are
  left out, so the model's defaults apply). Each validation error goes under the
  field it names (``loc[0]``, or the first field named in a whole-record
  message such as "end … is before start …"); the rest go to the top line.
  Then ``save(record)`` is awaited; its result is what the screen dismisses with.
- **Refusals**: ``save`` raises :class:`FormRefused` to keep the form open with a
  message (and under a ``field``). With ``latest=`` values (a stale-version
  refusal: another window saved the record meanwhile) the form loads them and
  notes, under each field that changed, what the user had typed. Any other
  exception is shown at the top; nothing typed is lost.
- **Keys**: Tab / shift+Tab or Enter move between fields, ctrl+s saves, Esc
  cancels (asking first when something was changed).

User text is never parsed as markup anywhere in a form.
"""

from itroad.tui.forms.checkbox import BoolField
from itroad.tui.forms.fields import FieldError, FormField
from itroad.tui.forms.record_form import FormRefused, RecordForm, SaveCallback
from itroad.tui.forms.select import NewChoice, SelectField, enum_choices, text_choices
from itroad.tui.forms.text import DateField, IntegerField, ListField, MoneyField, RateField, TextField

__all__ = [
    "BoolField",
    "DateField",
    "FieldError",
    "FormField",
    "FormRefused",
    "IntegerField",
    "ListField",
    "MoneyField",
    "NewChoice",
    "RateField",
    "RecordForm",
    "SaveCallback",
    "SelectField",
    "TextField",
    "enum_choices",
    "text_choices",
]
