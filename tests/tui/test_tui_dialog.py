"""The frame the modal screens share (tui/widgets/dialog.py): a titled box, Esc cancels."""

from __future__ import annotations

import pytest
from tests.conftest import AS_OF, TRICKY_TEXT
from textual.app import App, ComposeResult
from textual.widgets import Static

from itroad.tui.forms import RecordForm
from itroad.tui.panes.people.screens import HandOverScreen, OwnsScreen, RolesScreen
from itroad.tui.panes.roadmap.assets import AssetPicker
from itroad.tui.panes.roadmap.forms import KpiScreen
from itroad.tui.screens.confirm import ConfirmScreen
from itroad.tui.testing import screen_text, settle
from itroad.tui.widgets.dialog import FRAME_CLASS, Dialog

BOLD, CLICK, CLOSE, PATH = TRICKY_TEXT


class Note(Dialog[str]):
    def compose(self) -> ComposeResult:
        with self.frame(BOLD, CLICK):
            yield Static("Body", id="body")


class DialogApp(App[None]):
    def __init__(self, screen) -> None:
        super().__init__()
        self.dialog = screen
        self.results: list[object] = []

    def on_mount(self) -> None:
        self.push_screen(self.dialog, self.results.append)


async def test_a_dialog_is_a_titled_frame_shown_literally_and_esc_cancels():
    app = DialogApp(Note())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        frame = app.screen.query_one(f".{FRAME_CLASS}")
        assert frame.region.width == 80 and frame.region.height < 24  # centred, its own height
        text = screen_text(app)
        assert BOLD in text and CLICK in text  # the title and subtitle as typed
        assert "╭" in text and "Body" in text
        await pilot.press("escape")
        await settle(pilot)
        assert app.results == [None]


def test_the_modal_screens_share_the_frame():
    for screen in (RecordForm, ConfirmScreen, OwnsScreen, HandOverScreen, RolesScreen, KpiScreen,
                   AssetPicker):
        assert issubclass(screen, Dialog), screen


@pytest.mark.parametrize(("answers", "expected"), [
    ([("d", "Delete", "gone", "error"), ("escape", "Keep", "kept", "default")], "kept"),
    ([("d", "Delete", "gone", "error")], None),
])
async def test_esc_on_a_question_gives_its_escape_answer(answers, expected):
    app = DialogApp(ConfirmScreen(PATH, CLOSE, answers))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert PATH in screen_text(app) and CLOSE in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert app.results == [expected]


async def test_owns_screen_closes_on_esc_and_its_own_keys():
    for key in ("escape", "o", "q"):
        app = DialogApp(OwnsScreen(BOLD, [], AS_OF))
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert f"Who owns what: {BOLD}" in screen_text(app)
            await pilot.press(key)
            await settle(pilot)
            assert app.results == [None], key
