"""Which theme the app starts with, and remembering the one the user picks.

Start-up order: ``--theme NAME``, else the theme saved in the user's settings,
else :data:`itroad.tui.themes.DEFAULT_THEME`. Every bundled and user theme file
is registered first. Nothing here raises: problems become notifications
(plain text, never markup), and a bad file or an unknown name falls back to
the default theme.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from textual.app import App
from textual.notifications import SeverityLevel

from itroad.config import load_config, save_config
from itroad.tui.themes import (
    DEFAULT_THEME,
    discover_themes,
    pick_theme,
    problems_notification,
    register_themes,
)


@dataclass(frozen=True)
class Notice:
    """A notification to show once the app is running."""

    message: str
    title: str
    severity: SeverityLevel = "warning"


@dataclass
class ThemeChoice:
    name: str
    notices: list[Notice] = field(default_factory=list)


def start_theme(app: App[Any], requested: str | None) -> ThemeChoice:
    """Register every theme found and choose the one to start with."""
    themes, problems = discover_themes()
    register_themes(app, themes)
    settings = load_config()
    problems = [*problems, *settings.problems]
    notices: list[Notice] = []
    if requested:
        name, problem = pick_theme(app.available_themes, requested, DEFAULT_THEME)
        if problem:
            notices.append(Notice(f"Unknown theme {requested!r}; using {name!r}. "
                                  "Press ctrl+p and choose Theme to see the themes.",
                                  "Theme"))
    else:
        name, problem = pick_theme(app.available_themes, settings.theme, DEFAULT_THEME)
        if problem:
            problems.append(f"settings: {problem}")
    if problems:
        notices.append(Notice(problems_notification(problems), "Theme and settings problems"))
    return ThemeChoice(name, notices)


def remember_theme(name: str) -> str | None:
    """Save ``name`` as the theme to start with; a sentence for the user when that fails."""
    settings = load_config()
    if settings.theme == name:
        return None
    settings.theme = name
    try:
        save_config(settings)
    except OSError as error:
        return f"Could not save the theme to your settings: {error}"
    return None
