"""Themes from TOML files.

A theme file sets Textual's theme colours and, optionally, a ``[variables]`` table of
CSS variable overrides::

    name = "my-theme"          # required: letters, digits, '-' and '_'
    dark = true
    primary = "#2F62C0"        # required; the other colours are optional
    background = "#16191D"

    [variables]
    block-cursor-foreground = "#FFFFFF"

Files are read from the bundled themes folder and then from the user's themes folder
(:func:`itroad.paths.theme_dirs`), so a user theme with the same name replaces a
bundled one. A bad file never stops the app: :func:`discover_themes` returns the good
themes and a list of problems, one line each, ``<file>: <field>: <problem>``.

Colours are checked with :meth:`textual.color.Color.parse`, and variables are checked
too, because one bad variable value makes Textual's stylesheet fail to parse and the
app exit when the theme is selected. A variable whose name contains ``-style``
(``link-style-hover``, ``block-cursor-text-style``) must be text-style words; any
other variable must be a colour, optionally with an opacity (``"#81A1C1 35%"``).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError
from pydantic_core import ErrorDetails
from textual.color import Color, ColorParseError
from textual.css.constants import VALID_STYLE_FLAGS
from textual.theme import Theme

from itroad.config import read_toml_file
from itroad.paths import display_path, theme_dirs

if TYPE_CHECKING:
    from textual.app import App

__all__ = [
    "DEFAULT_THEME",
    "ThemeFile",
    "ThemeFileError",
    "discover_themes",
    "load_theme_file",
    "pick_theme",
    "problems_notification",
    "register_themes",
    "theme_from_data",
]

DEFAULT_THEME = "itroad-dark"
"""The theme used when the settings name none (or one that no longer exists)."""

_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")
_VARIABLE_NAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
_PERCENT_RE = re.compile(r"^\d+(\.\d+)?%$")
_AUTO_COLOUR_VARIABLES = frozenset({"text", "text-muted", "text-disabled"})


class ThemeFileError(Exception):
    """A theme file that cannot be used.

    ``str(error)`` lists every problem, one per line, as ``<file>: <field>: <problem>``;
    the same lines are in ``error.problems``.
    """

    def __init__(self, path: Path, problems: list[str]) -> None:
        self.path = path
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


def _check_colour(value: str) -> str:
    try:
        Color.parse(value)
    except ColorParseError as error:
        hint = (
            f"; did you mean {error.suggested_color!r}?"
            if error.suggested_color
            else ""
        )
        raise ValueError(
            f"{value!r} is not a colour{hint} (use #RRGGBB, rgb(r,g,b), hsl(h,s%,l%) or a colour name)"
        ) from None
    return value


def _check_name(value: str) -> str:
    if not _NAME_RE.match(value):
        raise ValueError(
            f"{value!r} is not a usable theme name: use up to 64 letters, digits, '-' and '_', "
            "starting with a letter or digit (e.g. 'my-theme')"
        )
    return value


Colour = Annotated[str, AfterValidator(_check_colour)]
ThemeName = Annotated[str, AfterValidator(_check_name)]


class ThemeFile(BaseModel):
    """The contents of a theme file, checked.

    The fields are those of :class:`textual.theme.Theme`. Unknown fields are errors,
    so that a misspelt colour name is reported rather than silently ignored.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: ThemeName
    dark: bool = True
    primary: Colour
    secondary: Colour | None = None
    accent: Colour | None = None
    warning: Colour | None = None
    error: Colour | None = None
    success: Colour | None = None
    foreground: Colour | None = None
    background: Colour | None = None
    surface: Colour | None = None
    panel: Colour | None = None
    boost: Colour | None = None
    ansi: bool = False
    """True for a theme made of ``ansi_*`` colours that follow the terminal's palette."""
    luminosity_spread: float = Field(default=0.15, ge=0.0, le=1.0)
    text_alpha: float = Field(default=0.95, ge=0.0, le=1.0)
    variables: dict[str, str] = Field(default_factory=dict)

    def to_theme(self) -> Theme:
        return Theme(**self.model_dump())


def _is_style_variable(name: str) -> bool:
    """Text-style variables: ``link-style``, ``link-style-hover``, ``*-text-style``."""
    return name.endswith("-style") or "-style-" in name


def _variable_problem(name: str, value: str) -> str | None:
    """What is wrong with one ``[variables]`` entry, or None."""
    if name.startswith("$"):
        return f"write the variable name without '$' ({name[1:]!r})"
    if not _VARIABLE_NAME_RE.match(name):
        return "not a valid variable name (letters, digits, '-' and '_')"
    words = value.split()
    if _is_style_variable(name):
        bad = [word for word in words if word.lower() not in VALID_STYLE_FLAGS]
        if bad or not words:
            allowed = ", ".join(sorted(VALID_STYLE_FLAGS))
            return f"{value!r} is not a text style (use words from: {allowed})"
        return None
    if len(words) not in (1, 2) or (
        len(words) == 2 and not _PERCENT_RE.match(words[1])
    ):
        return f"{value!r} is not a colour: give a colour, optionally followed by an opacity such as 50%"
    colour = words[0]
    if colour.startswith("$"):
        return f"{value!r}: a variable cannot refer to another variable; give the colour itself"
    if colour == "auto":
        if name in _AUTO_COLOUR_VARIABLES or name.endswith("-foreground"):
            return None
        return f"{value!r}: 'auto' only works for text colours (names ending in -foreground); give a colour"
    if colour == "initial":
        return None
    try:
        _check_colour(colour)
    except ValueError as error:
        return str(error)
    return None


def _describe(error: ErrorDetails) -> str:
    """One pydantic error as a short sentence for a user editing a TOML file."""
    kind = error["type"]
    value = error.get("input")
    if kind == "missing":
        return "missing; every theme needs one"
    if kind == "extra_forbidden":
        field = str(error["loc"][-1])
        close = difflib.get_close_matches(field, ThemeFile.model_fields, n=1)
        hint = f"did you mean {close[0]!r}? " if close else ""
        return f"unknown field ({hint}fields are: {', '.join(ThemeFile.model_fields)})"
    if kind == "value_error":
        return str(error["ctx"]["error"])
    if kind == "string_type":
        return f'must be text in quotes, e.g. "#1E90FF", not {value!r}'
    if kind in ("bool_type", "bool_parsing"):
        return f"must be true or false, not {value!r}"
    if kind in ("dict_type", "model_type"):
        return f"must be a table, not {value!r}"
    return f"{error['msg']} (got {value!r})"


def theme_from_data(data: dict[str, Any], source: str = "<theme>") -> Theme:
    """Build a :class:`Theme` from the parsed TOML of a theme file.

    Raises :class:`ThemeFileError` listing every problem, ``<source>: <field>: <problem>``.
    """
    problems: list[str] = []
    model: ThemeFile | None = None
    try:
        model = ThemeFile.model_validate(data)
    except ValidationError as error:
        for item in error.errors(include_url=False):
            field = ".".join(str(part) for part in item["loc"]) or "theme"
            problems.append(f"{source}: {field}: {_describe(item)}")

    variables = data.get("variables")
    if isinstance(variables, dict):
        for name, value in variables.items():
            if isinstance(value, str) and (problem := _variable_problem(name, value)):
                problems.append(f"{source}: variables.{name}: {problem}")

    if problems or model is None:
        raise ThemeFileError(Path(source), problems)

    theme = model.to_theme()
    try:
        # A last check: build the colours as the app will. Any failure is the file's.
        theme.to_color_system().generate()
    except Exception as error:
        raise ThemeFileError(
            Path(source),
            [f"{source}: theme: Textual cannot build colours from it: {error}"],
        ) from error
    return theme


def load_theme_file(path: Path) -> Theme:
    """Load one theme file. Raises :class:`ThemeFileError` (one line per problem)."""
    path = Path(path)
    data, problems = read_toml_file(path)
    if data is None:
        raise ThemeFileError(path, problems)
    try:
        return theme_from_data(data, display_path(path))
    except ThemeFileError as error:
        raise ThemeFileError(path, error.problems) from None


def discover_themes(
    dirs: Iterable[Path] | None = None,
) -> tuple[list[Theme], list[str]]:
    """Load every ``*.toml`` theme in ``dirs`` (default: bundled, then the user's).

    Returns ``(themes, problems)``. A folder that does not exist is skipped quietly
    (most users have no themes folder). A theme in a later folder replaces one of the
    same name from an earlier folder; two files with the same name in one folder are
    a problem, and the first (by file name) is kept.
    """
    dirs = theme_dirs() if dirs is None else list(dirs)
    found: dict[str, Theme] = {}
    problems: list[str] = []
    for folder in dirs:
        folder = Path(folder)
        if not folder.exists():
            continue
        try:
            files = sorted(
                path
                for path in folder.glob("*.toml")
                if path.is_file() and not path.name.startswith(".")
            )
        except OSError as error:
            problems.append(
                f"{display_path(folder)}: cannot list the themes folder: {error.strerror or error}"
            )
            continue
        seen_here: dict[str, Path] = {}
        for path in files:
            try:
                theme = load_theme_file(path)
            except ThemeFileError as error:
                problems.extend(error.problems)
                continue
            if theme.name in seen_here:
                problems.append(
                    f"{display_path(path)}: name: {theme.name!r} is also the name of "
                    f"{seen_here[theme.name].name}; this file is ignored"
                )
                continue
            seen_here[theme.name] = path
            found[theme.name] = theme
    return list(found.values()), problems


def register_themes(app: App[Any], themes: Iterable[Theme]) -> None:
    """Register ``themes`` with ``app`` (a theme of the same name is replaced)."""
    for theme in themes:
        app.register_theme(theme)


def pick_theme(
    available: Iterable[str], wanted: str | None, default: str = DEFAULT_THEME
) -> tuple[str, str | None]:
    """Choose the theme to start with: ``(name, problem or None)``.

    ``wanted`` (from the settings) when it is available; otherwise ``default``, with a
    problem line to show when a theme was asked for but does not exist.
    """
    names = set(available)
    if wanted and wanted in names:
        return wanted, None
    fallback = default if default in names else "textual-dark"
    if not wanted:
        return fallback, None
    return fallback, f"theme {wanted!r} is not installed; using {fallback!r}"


def problems_notification(problems: list[str], limit: int = 8) -> str:
    """The text of one notification for a list of problems, shortened past ``limit`` lines."""
    if len(problems) <= limit:
        return "\n".join(problems)
    rest = len(problems) - limit
    return "\n".join([*problems[:limit], f"… and {rest} more"])
