"""The app: wiring only. Screens, tabs and loading live in their own modules.

:func:`build_app` is the one way to make the app; the CLI and the tests use it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.driver import Driver
from textual.screen import Screen

from itroad.safe_text import guard_terminal
from itroad.tui.commands import PROVIDERS, open_due_view
from itroad.tui.screens.main import MainScreen
from itroad.tui.terminal_output import compacting
from itroad.tui.theming import remember_theme, start_theme


class ItroadApp(App[None]):
    """itroad's terminal app over one database file."""

    CSS_PATH = "itroad.tcss"
    TITLE = "itroad"
    COMMANDS = App.COMMANDS | PROVIDERS
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "Help", key_display="?", tooltip="Show this help"),
        Binding("D", "due", "Due",
                tooltip="What's due: decisions and payments of the next 30, 90 or 365 days"),
        Binding("q", "quit", "Quit", tooltip="Quit itroad"),
    ]

    def __init__(
        self, db_path: Path, *, as_of: date, client: str | None = None, theme: str | None = None
    ) -> None:
        super().__init__()
        self.db_path = Path(db_path)
        self.as_of = as_of
        self.initial_client = client
        choice = start_theme(self, theme)
        self._start_notices = choice.notices
        self._remembered_theme = choice.name
        self.theme = choice.name

    def get_driver_class(self) -> type[Driver]:
        # Each frame goes out with its repeated styles dropped: a third of the bytes for
        # the same screen, which is what a thin ssh link feels (see terminal_output).
        return compacting(super().get_driver_class())

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Help", "Every key and what it does", self.action_help)

    def get_default_screen(self) -> MainScreen:
        return MainScreen(self.db_path, self.as_of, self.initial_client)

    @property
    def main_screen(self) -> MainScreen:
        """The workspace screen (at the bottom of the screen stack)."""
        screen = self.screen_stack[0]
        assert isinstance(screen, MainScreen)
        return screen

    def on_mount(self) -> None:
        for notice in self._start_notices:
            self.notify(
                notice.message, title=notice.title, severity=notice.severity,
                markup=False, timeout=12,
            )

    def watch_theme(self, name: str) -> None:
        """Remember a theme the user picks (command palette → Theme) for next time."""
        if name == self._remembered_theme:
            return
        self._remembered_theme = name
        if problem := remember_theme(name):
            self.notify(problem, title="Theme", severity="error", markup=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # The Due view opens over the workspace, not over a form or another view.
        if action == "due":
            return isinstance(self.screen, MainScreen)
        return True

    def action_due(self) -> None:
        open_due_view(self.main_screen)

    def action_help(self) -> None:
        # Imported on first use: the help screen reads every tab's keys, so it imports
        # every tab, which the first screen does not need.
        from itroad.tui.screens.help import HelpScreen, help_sections

        if isinstance(self.screen, HelpScreen):
            return

        self.push_screen(HelpScreen(help_sections(self)))


def build_app(
    db_path: Path | str,
    client: str | None = None,
    theme: str | None = None,
    as_of: date | None = None,
) -> ItroadApp:
    """The app on ``db_path``; ``as_of`` (default: today, read once here) is the day
    every figure is computed for. Text from the data is shown, never obeyed: control
    characters in a name appear as ``␛[2J`` on screen (:func:`itroad.safe_text.guard_terminal`)."""
    guard_terminal()
    return ItroadApp(
        Path(db_path),
        as_of=as_of if as_of is not None else date.today(),
        client=client,
        theme=theme,
    )
