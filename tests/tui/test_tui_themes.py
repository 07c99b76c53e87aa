"""Themes at start-up (--theme, saved setting, default) and remembering the user's pick."""

from __future__ import annotations

import pytest
from tests.conftest import AS_OF

from itroad.config import Settings, load_config, save_config
from itroad.paths import user_themes_dir
from itroad.tui.app import build_app
from itroad.tui.testing import capture_notifications, settle
from itroad.tui.themes import DEFAULT_THEME


@pytest.fixture(autouse=True)
def _no_blink(frozen_blink):
    pass


def test_bundled_themes_are_registered_and_default_is_itroad_dark(tui_db):
    app = build_app(tui_db, as_of=AS_OF)
    assert DEFAULT_THEME == "itroad-dark"
    assert app.theme == "itroad-dark"
    assert {"itroad-dark", "itroad-light"} <= set(app.available_themes)


def test_theme_option_wins_over_saved_setting(tui_db):
    save_config(Settings(theme="itroad-light"))
    assert build_app(tui_db, as_of=AS_OF).theme == "itroad-light"
    assert build_app(tui_db, theme="nord", as_of=AS_OF).theme == "nord"


async def test_unknown_theme_option_notifies_and_uses_default(tui_db):
    app = build_app(tui_db, theme="no-such-theme", as_of=AS_OF)
    notes = capture_notifications(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.theme == DEFAULT_THEME
    assert len(notes) == 1
    assert "no-such-theme" in notes[0]["message"] and notes[0]["markup"] is False
    assert load_config().theme is None  # nothing saved


async def test_switching_theme_saves_it(tui_db):
    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert load_config().theme is None  # starting does not write the settings
        app.theme = "itroad-light"
        await pilot.pause()
        assert load_config().theme == "itroad-light"
    assert build_app(tui_db, as_of=AS_OF).theme == "itroad-light"


async def test_switching_theme_through_the_palette_saves_it(tui_db):
    app = build_app(tui_db, as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Theme")
        await pilot.pause(0.3)
        await settle(pilot)
        await pilot.press("enter")  # the built-in "Theme" command opens the theme list
        await pilot.pause()
        await pilot.press(*"itroad-light")
        await pilot.pause(0.3)
        await settle(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == "itroad-light"
    assert load_config().theme == "itroad-light"


async def test_bad_theme_files_give_one_plain_notification(tui_db):
    folder = user_themes_dir()
    folder.mkdir(parents=True)
    (folder / "broken.toml").write_text('name = "broken"\nprimary = "not-a-colour"\n')
    (folder / "[bold]odd[b].toml").write_text("this is = = not toml\n")
    save_config(Settings(theme="broken"))
    app = build_app(tui_db, as_of=AS_OF)
    notes = capture_notifications(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.theme == DEFAULT_THEME  # the saved theme's file is broken: default
    assert len(notes) == 1
    message = notes[0]["message"]
    assert notes[0]["markup"] is False
    assert "broken.toml" in message and "[bold]odd[b].toml" in message
    assert "'broken' is not installed" in message


async def test_user_theme_is_offered_and_used(tui_db):
    folder = user_themes_dir()
    folder.mkdir(parents=True)
    (folder / "mine.toml").write_text('name = "mine"\nprimary = "#884400"\n')
    app = build_app(tui_db, theme="mine", as_of=AS_OF)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.theme == "mine"
        assert app.current_theme.primary == "#884400"
