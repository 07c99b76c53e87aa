"""The screens at 80×24 without colour (NO_COLOR) or with 16: a checkbox's state in
words, select lists framed beside the labels, badges that stand out."""

from __future__ import annotations

import pytest
from pydantic import BaseModel
from rich.color import Color as RichColor
from rich.color import ColorSystem
from rich.segment import Segment
from rich.style import Style
from rich.terminal_theme import DEFAULT_TERMINAL_THEME
from tests.conftest import AS_OF
from textual.app import App

from itroad.domain.types import Name
from itroad.tui.app import build_app
from itroad.tui.forms import BoolField, RecordForm, SelectField, TextField
from itroad.tui.forms.select import FieldOptions
from itroad.tui.testing import column, screen_text, settle, type_into, wait_for


class Gadget(BaseModel):
    name: Name
    active: bool = False


class FormApp(App[None]):
    def __init__(self, form: RecordForm) -> None:
        super().__init__()
        self.form = form

    def on_mount(self) -> None:
        self.push_screen(self.form)


@pytest.fixture(autouse=True)
def _no_blink(frozen_blink):
    pass


@pytest.fixture
def no_color(monkeypatch):
    """NO_COLOR in the environment; Textual reads it when an App is made."""
    monkeypatch.setenv("NO_COLOR", "1")


def _line_with(app: App, text: str) -> str:
    lines = [line for line in screen_text(app).splitlines() if text in line]
    assert len(lines) == 1, screen_text(app)
    return lines[0]


async def test_a_checkbox_says_whether_it_is_ticked_without_colour(no_color):
    form = RecordForm("Gadget", Gadget, [TextField("name", "Name", required=True),
                                         BoolField("active", "Active", text="in service")])
    app = FormApp(form)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.no_color
        assert "[ ] in service" in _line_with(app, "in service")
        form.field("active").focus()
        await pilot.press("space")
        await settle(pilot)
        assert form.field("active").read() is True
        assert "[x] in service" in _line_with(app, "in service")
        await pilot.press("space")
        await settle(pilot)
        assert "[ ] in service" in _line_with(app, "in service")


async def test_a_new_renewal_renews_unless_cancelled_as_its_box_says(tui_db, no_color):
    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, RecordForm))
        form = app.screen
        assert "Auto-renew        [x] renews unless cancelled" in _line_with(app, "Auto-renew")
        await pilot.press(*"Backup")
        await type_into(pilot, form.field("unit_cost"), "40")
        await type_into(pilot, form.field("next_renewal"), "2027-01-31")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: app.screen is not form)
        names = column(app, "renewals", "name")
        assert column(app, "renewals", "auto")[names.index("Backup")] == "yes"


class Pick(BaseModel):
    name: Name
    first: str | None = None
    last: str | None = None


PEOPLE = [(f"Person {n:02}", f"p{n:02}") for n in range(1, 16)]


def pick_form() -> RecordForm:
    """A short select near the top and a long one at the foot of an 80×24 form."""
    fields: list = [TextField("name", "Name", required=True),
                    SelectField("first", "First", PEOPLE[:4])]
    fields += [TextField(f"x{n}", f"Text {n}") for n in range(6)]
    fields.append(SelectField("last", "Last", PEOPLE))
    return RecordForm("Pick", Pick, fields)


def overlay_of(field) -> FieldOptions:
    return field.select.query_one(FieldOptions)


async def test_a_select_list_is_framed_beside_the_labels_and_never_over_its_control():
    form = pick_form()
    app = FormApp(form)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        below = {}
        for name in ("first", "last"):
            field = form.field(name)
            field.focus()
            await pilot.press("enter")
            await settle(pilot)
            options, control = overlay_of(field).region, field.select.region
            label = field.query_one(".form-field--label").region
            assert options.x >= label.right  # the labels stay in sight
            assert not options.overlaps(control)  # so does the current value
            assert screen_text(app).splitlines()[options.y][options.x] == "╭"  # framed
            assert options.bottom <= 24
            below[name] = options.y > control.y
            await pilot.press("escape")
            await settle(pilot)
        # the short list opens below its control, the long one at the foot above it
        assert below == {"first": True, "last": False}


async def test_a_select_list_stops_at_its_ends():
    form = pick_form()
    app = FormApp(form)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        field = form.field("first")
        field.focus()
        await pilot.press("enter", "end")
        await settle(pilot)
        overlay = overlay_of(field)
        last = overlay.option_count - 1
        assert overlay.highlighted == last
        await pilot.press("down", "down")
        assert overlay.highlighted == last  # not back to "(none)"
        await pilot.press("enter")
        await settle(pilot)
        assert field.read() == "p04"
        await pilot.press("enter", "home", "up")
        await settle(pilot)
        assert overlay.highlighted == 0  # "(none)": no wrap to the last either
        await pilot.press("enter")
        await settle(pilot)
        assert field.read() is None


def _luminance(colour: RichColor) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = colour.get_truecolor(DEFAULT_TERMINAL_THEME)
    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def _contrast(style: Style, downgrade: ColorSystem | None) -> float:
    """The contrast ratio (1 to 21) of a segment's text on its background, as shown."""
    assert style.color is not None and style.bgcolor is not None
    fore, back = style.color, style.bgcolor
    if style.reverse:
        fore, back = back, fore
    if downgrade is not None:
        fore, back = fore.downgrade(downgrade), back.downgrade(downgrade)
    light, dark = sorted((_luminance(fore), _luminance(back)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _segments(app: App, text: str) -> list[Segment]:
    return [segment for strip in app.screen._compositor.render_strips() for segment in strip
            if segment.text.strip() == text]


@pytest.mark.parametrize("colours", ["no_color", "16"])
async def test_badges_stand_out_without_colour_and_in_16_colours(tui_db, monkeypatch, colours):
    if colours == "no_color":
        monkeypatch.setenv("NO_COLOR", "1")
    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("2", "down")  # the cursor off the overdue row
        await settle(pilot)
        assert app.no_color is (colours == "no_color")
        overdue = _segments(app, "OVERDUE")
        assert overdue
        for segment in overdue:
            assert segment.style is not None
            ratio = _contrast(segment.style, ColorSystem.STANDARD if colours == "16" else None)
            assert ratio >= 4.5, (segment, ratio)
