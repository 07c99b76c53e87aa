"""The form framework on its own (tui/forms): fields, whole-record validation, refusals."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

import pytest
from pydantic import BaseModel, model_validator
from textual.app import App

from itroad.domain.errors import InvalidValue
from itroad.domain.types import IsoDate, Money, Name
from itroad.tui.forms import (
    BoolField,
    DateField,
    FormRefused,
    IntegerField,
    ListField,
    MoneyField,
    RateField,
    RecordForm,
    SelectField,
    TextField,
    enum_choices,
)
from itroad.tui.testing import screen_text, settle, type_into, wait_for


class Colour(StrEnum):
    RED = "red"
    DARK_BLUE = "dark_blue"


class Gadget(BaseModel):
    name: Name
    colour: Colour = Colour.RED
    bought: IsoDate | None = None
    sold: IsoDate | None = None
    price: Money | None = None
    count: int = 1
    active: bool = False
    parts: list[str] = []

    @model_validator(mode="after")
    def _order(self) -> Gadget:
        if self.bought and self.sold and self.sold < self.bought:
            raise InvalidValue(f"sold {self.sold} is before bought {self.bought}", field="sold")
        return self


def gadget_fields():
    return [
        TextField("name", "Name", required=True),
        SelectField("colour", "Colour", enum_choices(Colour), allow_blank=False),
        DateField("bought", "Bought"),
        DateField("sold", "Sold"),
        MoneyField("price", "Price"),
        IntegerField("count", "Count", minimum=1, maximum=9),
        BoolField("active", "Active", text="in service"),
        ListField("parts", "Parts"),
    ]


class FormApp(App[None]):
    def __init__(self, form: RecordForm) -> None:
        super().__init__()
        self.form = form
        self.result: object = "open"

    def on_mount(self) -> None:
        def done(result: object) -> None:
            self.result = result

        self.push_screen(self.form, done)


@pytest.fixture(autouse=True)
def _no_blink(frozen_blink):
    pass


async def test_values_in_and_out_with_the_models_defaults():
    form = RecordForm("Gadget", Gadget, gadget_fields(), values={
        "name": "Widget", "colour": Colour.DARK_BLUE, "bought": "2026-01-02", "price": Decimal("5"),
        "parts": ["a", "b"], "active": True,
    })
    app = FormApp(form)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert form.field("colour").raw() == "dark blue"
        assert form.field("price").raw() == "5.00"
        assert form.field("parts").raw() == "a, b"
        assert not form.dirty
        await type_into(pilot, form.field("count"), "")  # empty: the model's default
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.result == Gadget(name="Widget", colour="dark_blue", bought="2026-01-02",
                                    price="5.00", parts=["a", "b"], active=True, count=1)


async def test_each_field_checks_itself_as_you_type():
    form = RecordForm("Gadget", Gadget, gadget_fields())
    app = FormApp(form)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        count = form.field("count")
        for text, error in (("x", 'expected a whole number, got "x"'), ("0", "must be at least 1"),
                            ("10", "must be at most 9"), ("3", None)):
            await type_into(pilot, count, text)
            assert count.error == error
        bought = form.field("bought")
        await type_into(pilot, bought, "2026-02-30")
        assert bought.error == 'no such date "2026-02-30" (expected YYYY-MM-DD)'
        await type_into(pilot, bought, "2026-02-28")
        assert bought.error is None
        name = form.field("name")
        assert name.error is None  # not touched yet: "is required" waits
        await type_into(pilot, name, "x")
        await type_into(pilot, name, "")
        assert name.error == "is required"
        active = form.field("active")
        active.checkbox.focus()
        await pilot.press("space")
        assert active.read() is True


async def test_whole_record_errors_go_to_the_field_their_rule_names():
    form = RecordForm("Gadget", Gadget, gadget_fields())
    app = FormApp(form)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*"Widget")
        await type_into(pilot, form.field("bought"), "2026-05-01")
        await type_into(pilot, form.field("sold"), "2026-04-01")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.result == "open"
        assert form.field("sold").error == "sold 2026-04-01 is before bought 2026-05-01"
        assert "check the fields marked below" in form.message
        assert app.focused is form.field("sold").input


async def test_refusal_keeps_the_form_open_and_loads_the_latest_values():
    calls = []

    async def save(gadget: Gadget) -> str:
        calls.append(gadget)
        if len(calls) == 1:
            raise FormRefused("Someone else changed it.", latest={"name": "Theirs", "count": 2})
        if len(calls) == 2:
            raise FormRefused("That name is taken.", field="name")
        if len(calls) == 3:
            raise RuntimeError("disk full")
        return "saved"

    form = RecordForm("Gadget", Gadget, gadget_fields(), values={"name": "Old"}, save=save)
    app = FormApp(form)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_into(pilot, form.field("name"), "Mine")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert form.message == "Someone else changed it."
        assert form.field("name").raw() == "Theirs" and form.field("count").raw() == "2"
        assert "you had: Mine" in screen_text(app)
        assert "you had left it empty" in screen_text(app)  # count was empty
        assert not form.dirty  # the latest values are the new starting point
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert form.field("name").error == "That name is taken."
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert form.message == "Not saved: disk full"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.result == "saved"


async def test_enter_moves_on_and_saves_from_the_last_field():
    form = RecordForm("Rate", type("R", (BaseModel,), {"__annotations__": {"rate": str}}),
                      [TextField("rate", "Rate", required=True)])
    app = FormApp(form)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*"0.03", "enter")
        await wait_for(pilot, lambda: app.result != "open")
        assert app.result.rate == "0.03"


def test_rate_field_parses_like_the_model():
    field = RateField("rate", "Rate")
    field.write(Decimal("0.05"))
    assert field.raw() == "0.05" and field.read() == Decimal("0.05")


@pytest.mark.parametrize("name", ["[/foo]", "[@click=app.quit]Quit?[/]", "C:\\temp\\[x]"])
async def test_a_title_naming_user_data_is_shown_literally(name):
    form = RecordForm(f"Edit {name}", Gadget, gadget_fields(), values={"name": name})
    app = FormApp(form)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert f"Edit {name}" in screen_text(app)


async def test_a_confirm_title_is_shown_literally():
    from itroad.tui.screens.confirm import ConfirmScreen

    class ConfirmApp(App[None]):
        def on_mount(self) -> None:
            self.push_screen(ConfirmScreen("Delete [/foo]", "Sure?", [("y", "Yes", True, "error")]))

    app = ConfirmApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "Delete [/foo]" in screen_text(app)
