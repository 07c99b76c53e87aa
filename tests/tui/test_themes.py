"""Theme files: the bundled themes, error messages for bad files, discovery, and Textual."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich._palettes import EIGHT_BIT_PALETTE
from rich.color import Color as RichColor
from rich.color import ColorSystem
from textual.app import App, ComposeResult
from textual.color import Color
from textual.theme import Theme
from textual.widgets import Button, DataTable, Footer, Header, Input

from itroad.config import Settings, load_config, save_config
from itroad.paths import bundled_themes_dir
from itroad.tui.themes import (
    DEFAULT_THEME,
    ThemeFileError,
    discover_themes,
    load_theme_file,
    pick_theme,
    problems_notification,
    register_themes,
)

REQUIRED = {"itroad-dark", "itroad-light", "itroad-high-contrast"}
BUNDLED_FILES = sorted(bundled_themes_dir().glob("*.toml"))


@pytest.fixture(autouse=True)
def config_dir(tmp_path, monkeypatch):
    directory = tmp_path / "config"
    monkeypatch.setenv("ITROAD_CONFIG_DIR", str(directory))
    return directory


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# --- the bundled themes ------------------------------------------------------------


def test_the_required_themes_are_bundled():
    themes, problems = discover_themes([bundled_themes_dir()])
    assert problems == []
    assert REQUIRED <= {theme.name for theme in themes}
    assert DEFAULT_THEME == "itroad-dark"


@pytest.mark.parametrize("path", BUNDLED_FILES, ids=lambda p: p.name)
def test_bundled_theme_loads(path):
    theme = load_theme_file(path)
    assert isinstance(theme, Theme)
    assert theme.name == path.stem  # the file is named after its theme
    assert theme.to_color_system().generate()


@pytest.mark.parametrize("path", BUNDLED_FILES, ids=lambda p: p.name)
def test_bundled_theme_starts_with_a_comment_on_how_to_copy_it(path):
    text = path.read_text(encoding="utf-8")
    assert text.startswith(f"# {path.stem}:")
    header = text.split("\nname = ", 1)[0]
    assert "copy this file" in header
    assert "themes" in header


def test_light_and_dark_flags():
    themes = {theme.name: theme for theme in discover_themes([bundled_themes_dir()])[0]}
    assert themes["itroad-dark"].dark
    assert not themes["itroad-light"].dark
    assert not themes["itroad-high-contrast"].dark


# WCAG contrast, checked as a 24-bit terminal shows the theme and after the 256-colour
# mapping an SSH session gets (rich's downgrade, as Textual uses). 16-colour terminals
# draw their own palette, so there only distinct ANSI colours can be checked.


def _luminance(rgb: tuple[int, int, int]) -> float:
    def channel(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = rgb
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def _contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _variables(theme: Theme) -> dict[str, str]:
    # What App.get_css_variables does: generated colours, then the theme's overrides.
    return {**theme.to_color_system().generate(), **theme.variables}


def _colour(variables: dict[str, str], name: str) -> Color:
    return Color.parse(variables[name].split()[0])


def _rgb(colour: Color) -> tuple[int, int, int]:
    return colour.r, colour.g, colour.b


def _rgb_256(colour: Color) -> tuple[int, int, int]:
    number = RichColor.from_rgb(*_rgb(colour)).downgrade(ColorSystem.EIGHT_BIT).number
    return tuple(EIGHT_BIT_PALETTE[number])


def _ansi_16(colour: Color) -> int:
    return RichColor.from_rgb(*_rgb(colour)).downgrade(ColorSystem.STANDARD).number


TEXT_PAIRS = [
    ("foreground", "background"),
    ("foreground", "surface"),
    ("foreground", "panel"),
    ("footer-key-foreground", "panel"),
    ("block-cursor-foreground", "block-cursor-background"),
    ("text-error", "background"),
    ("text-warning", "background"),
    ("text-success", "background"),
    ("text-primary", "background"),
    ("text-error", "surface"),
    ("text-warning", "surface"),
    ("text-success", "surface"),
]


@pytest.mark.parametrize("path", BUNDLED_FILES, ids=lambda p: p.name)
def test_bundled_theme_contrast(path):
    theme = load_theme_file(path)
    variables = _variables(theme)
    strong = "high-contrast" in theme.name
    minimum = 7.0 if strong else 4.5
    # A 256-colour terminal has only a few dark browns: allow a little for that.
    minimum_256 = 6.5 if strong else 4.5
    for foreground, background in TEXT_PAIRS:
        fg, bg = _colour(variables, foreground), _colour(variables, background)
        assert _contrast(_rgb(fg), _rgb(bg)) >= minimum, (foreground, background)
        assert _contrast(_rgb_256(fg), _rgb_256(bg)) >= minimum_256, (
            foreground,
            background,
            256,
        )
    body = _contrast(
        _rgb(_colour(variables, "foreground")), _rgb(_colour(variables, "background"))
    )
    assert body >= (15 if strong else 10)
    # Focused borders stand out from what they sit on.
    border = _rgb(_colour(variables, "border"))
    assert _contrast(border, _rgb(_colour(variables, "background"))) >= 3


@pytest.mark.parametrize("path", BUNDLED_FILES, ids=lambda p: p.name)
def test_bundled_theme_stays_readable_in_16_colours(path):
    variables = _variables(load_theme_file(path))
    for foreground, background in [
        ("foreground", "background"),
        ("foreground", "panel"),
        ("block-cursor-foreground", "block-cursor-background"),
        ("text-error", "background"),
        ("text-success", "background"),
    ]:
        fg = _ansi_16(_colour(variables, foreground))
        bg = _ansi_16(_colour(variables, background))
        assert fg != bg, (foreground, background)
    # The screen's background and the header/footer stay the same ANSI colour, so the
    # text colour chosen for one works on the other.
    assert _ansi_16(_colour(variables, "background")) == _ansi_16(
        _colour(variables, "panel")
    )


@pytest.mark.parametrize("path", BUNDLED_FILES, ids=lambda p: p.name)
def test_bundled_surfaces_stay_grey_at_256_colours(path):
    # A tinted dark grey such as #1E2430 becomes pure navy (#00005F) in a 256-colour
    # terminal; neutral greys map to the grey ramp.
    variables = _variables(load_theme_file(path))
    for name in ("background", "surface", "panel"):
        r, g, b = _rgb_256(_colour(variables, name))
        assert r == g == b, name


# --- bad theme files ----------------------------------------------------------------


def test_bad_colour_names_the_file_and_field(tmp_path):
    path = write(tmp_path, "mine.toml", 'name = "mine"\nprimary = "bleu"\n')
    with pytest.raises(ThemeFileError) as caught:
        load_theme_file(path)
    assert str(caught.value) == (
        f"{path}: primary: 'bleu' is not a colour; did you mean 'blue'? "
        "(use #RRGGBB, rgb(r,g,b), hsl(h,s%,l%) or a colour name)"
    )
    assert caught.value.path == path
    assert caught.value.problems == [str(caught.value)]


def test_missing_name(tmp_path):
    path = write(tmp_path, "mine.toml", 'primary = "#112233"\n')
    with pytest.raises(ThemeFileError) as caught:
        load_theme_file(path)
    assert str(caught.value) == f"{path}: name: missing; every theme needs one"


def test_bad_toml_gives_line_and_column(tmp_path):
    path = write(tmp_path, "mine.toml", 'name = "mine"\nprimary = "#112233\n')
    with pytest.raises(ThemeFileError) as caught:
        load_theme_file(path)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: line 2, column ")
    assert "invalid TOML" in message


def test_every_problem_is_listed_one_per_line(tmp_path):
    path = write(
        tmp_path,
        "mine.toml",
        """
        primary = "#12345"
        background = "nope"
        dark = "sometimes"
        primay = "#ffffff"

        [variables]
        footer-key-foreground = "bleu"
        block-cursor-text-style = "sparkly"
        border = "$accent"
        button-color-foreground = 3
        """.replace("        ", ""),
    )
    with pytest.raises(ThemeFileError) as caught:
        load_theme_file(path)
    lines = str(caught.value).splitlines()
    assert lines == caught.value.problems
    fields = [line.removeprefix(f"{path}: ").split(": ", 1)[0] for line in lines]
    assert sorted(fields) == sorted(
        [
            "name",
            "primary",
            "background",
            "dark",
            "primay",
            "variables.footer-key-foreground",
            "variables.block-cursor-text-style",
            "variables.border",
            "variables.button-color-foreground",
        ]
    )
    assert all(line.startswith(f"{path}: ") for line in lines)
    text = str(caught.value)
    assert "did you mean 'primary'?" in text
    assert "'#12345' is not a colour" in text
    assert "must be true or false" in text
    assert "'sparkly' is not a text style" in text
    assert "cannot refer to another variable" in text


def test_bad_name(tmp_path):
    path = write(tmp_path, "mine.toml", 'name = "my theme!"\nprimary = "navy"\n')
    with pytest.raises(
        ThemeFileError,
        match=r"mine\.toml: name: 'my theme!' is not a usable theme name",
    ):
        load_theme_file(path)


def test_good_variables_are_accepted(tmp_path):
    path = write(
        tmp_path,
        "mine.toml",
        """
        name = "mine"
        primary = "rgb(10, 20, 200)"
        background = "hsl(210, 10%, 10%)"
        dark = true

        [variables]
        input-selection-background = "#81a1c1 35%"
        block-cursor-text-style = "b reverse"
        link-style-hover = "bold not underline"
        text-muted = "auto 60%"
        footer-key-foreground = "ansi_bright_blue"
        link-background = "initial"
        """.replace("        ", ""),
    )
    theme = load_theme_file(path)
    assert theme.name == "mine"
    assert theme.variables["input-selection-background"] == "#81a1c1 35%"


def test_auto_is_refused_where_textual_would_use_it_as_a_background(tmp_path):
    path = write(
        tmp_path,
        "mine.toml",
        'name = "mine"\nprimary = "navy"\n[variables]\npanel-lighten-1 = "auto 90%"\n',
    )
    with pytest.raises(ThemeFileError, match="'auto' only works for text colours"):
        load_theme_file(path)


def test_unreadable_theme_file(tmp_path):
    path = tmp_path / "mine.toml"
    path.mkdir()
    with pytest.raises(ThemeFileError, match=r"mine\.toml: cannot read the file"):
        load_theme_file(path)


# --- discovery ----------------------------------------------------------------------


def test_discovery_reports_bad_files_and_keeps_the_good_ones(tmp_path):
    folder = tmp_path / "themes"
    write(folder, "good.toml", 'name = "good"\nprimary = "#336699"\n')
    bad_colour = write(folder, "bad-colour.toml", 'name = "bad"\nprimary = "#33669"\n')
    bad_syntax = write(folder, "bad-syntax.toml", "name = \n")
    write(folder, "notes.txt", "not a theme")
    write(folder, ".hidden.toml", "garbage = = =")
    themes, problems = discover_themes([folder])
    assert [theme.name for theme in themes] == ["good"]
    assert len(problems) == 2
    assert problems[0].startswith(f"{bad_colour}: primary: ")
    assert problems[1].startswith(f"{bad_syntax}: ")


def test_user_theme_overrides_a_bundled_one(config_dir):
    user_themes = config_dir / "themes"
    write(user_themes, "my-dark.toml", 'name = "itroad-dark"\nprimary = "#FF00FF"\n')
    write(user_themes, "extra.toml", 'name = "extra"\nprimary = "teal"\n')
    themes, problems = discover_themes()  # default folders: bundled, then the user's
    assert problems == []
    by_name = {theme.name: theme for theme in themes}
    assert by_name["itroad-dark"].primary == "#FF00FF"
    assert by_name["extra"].primary == "teal"
    assert REQUIRED <= set(by_name)
    assert len(themes) == len(by_name)


def test_missing_folders_are_skipped(tmp_path):
    themes, problems = discover_themes([tmp_path / "nowhere", bundled_themes_dir()])
    assert problems == []
    assert REQUIRED <= {theme.name for theme in themes}


def test_duplicate_names_in_one_folder(tmp_path):
    folder = tmp_path / "themes"
    write(folder, "a.toml", 'name = "same"\nprimary = "red"\n')
    second = write(folder, "b.toml", 'name = "same"\nprimary = "blue"\n')
    themes, problems = discover_themes([folder])
    assert [(theme.name, theme.primary) for theme in themes] == [("same", "red")]
    assert problems == [
        f"{second}: name: 'same' is also the name of a.toml; this file is ignored"
    ]


def test_pick_theme():
    names = ["textual-dark", "itroad-dark", "itroad-light"]
    assert pick_theme(names, "itroad-light") == ("itroad-light", None)
    assert pick_theme(names, None) == ("itroad-dark", None)
    name, problem = pick_theme(names, "gone")
    assert name == "itroad-dark"
    assert problem == "theme 'gone' is not installed; using 'itroad-dark'"
    assert pick_theme(["textual-dark"], None) == ("textual-dark", None)


def test_problems_notification_is_shortened():
    problems = [f"file{n}.toml: primary: bad" for n in range(10)]
    assert problems_notification(problems[:3]) == "\n".join(problems[:3])
    text = problems_notification(problems, limit=4)
    assert text.splitlines() == [*problems[:4], "… and 6 more"]


# --- with Textual ---------------------------------------------------------------------


class ThemedApp(App[None]):
    """The wiring the real app needs: discover, register, pick, report, persist."""

    def __init__(self) -> None:
        super().__init__()
        self.notified: list[str] = []
        self.settings = load_config()
        themes, problems = discover_themes()
        register_themes(self, themes)
        self.theme, problem = pick_theme(self.available_themes, self.settings.theme)
        self.startup_problems = [
            *self.settings.problems,
            *problems,
            *([problem] if problem else []),
        ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="search")
        yield DataTable()
        yield Button("Save", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        # Watch from here, not with watch_theme(): a watch_theme method also runs for
        # the assignment in __init__, which would write the settings file at every
        # start. init=False: only later changes (the command palette, a key binding).
        self.watch(self, "theme", self.save_theme, init=False)
        table = self.query_one(DataTable)
        table.add_columns("Tag", "Name", "Due")
        table.add_rows(
            [("A-001", "Laptop [x]", "2026-01-31"), ("A-002", "Switch", "2027-06-30")]
        )
        if self.startup_problems:
            self.notify(
                problems_notification(self.startup_problems),
                title="Some settings or themes were ignored",
                severity="warning",
                timeout=20,
                markup=False,
            )

    def save_theme(self, theme: str) -> None:
        if theme != self.settings.theme:
            self.settings.theme = theme
            try:
                save_config(self.settings)
            except OSError as error:
                self.notify(
                    f"Could not save the theme: {error}", severity="error", markup=False
                )

    def notify(self, message: str, **kwargs) -> None:
        self.notified.append(message)
        super().notify(message, **kwargs)


async def test_app_registers_and_switches_to_the_bundled_themes():
    app = ThemedApp()
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.theme == "itroad-dark"
        app.theme = "itroad-high-contrast"
        await pilot.pause()
        assert app.current_theme.name == "itroad-high-contrast"
        assert app.theme_variables["block-cursor-background"] == "#0B2E9E"
        for name in sorted(REQUIRED | {"itroad-high-contrast-dark"}):
            app.theme = name
            await (
                pilot.pause()
            )  # the stylesheet is rebuilt: a bad variable would fail here
            assert app.current_theme.name == name


async def test_the_chosen_theme_is_saved_and_used_next_time(config_dir):
    app = ThemedApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not (config_dir / "config.toml").exists()  # starting writes nothing
        app.theme = "itroad-light"
        await pilot.pause()
    assert load_config().theme == "itroad-light"

    again = ThemedApp()
    async with again.run_test(size=(80, 24)):
        assert again.theme == "itroad-light"
        assert again.startup_problems == []


async def test_theme_chosen_in_the_command_palette_is_saved():
    app = ThemedApp()
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_change_theme()
        await pilot.pause()
        await pilot.press(*"high-contrast-dark")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == "itroad-high-contrast-dark"
    assert load_config().theme == "itroad-high-contrast-dark"


async def test_bad_files_and_a_lost_theme_are_reported_in_one_notification(config_dir):
    write(config_dir / "themes", "broken.toml", 'name = "broken"\nprimary = "bleu"\n')
    save_config(Settings(theme="uninstalled"))
    app = ThemedApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.theme == "itroad-dark"
        assert len(app.notified) == 1
        message = app.notified[0]
        assert "broken.toml: primary: 'bleu' is not a colour" in message
        assert "theme 'uninstalled' is not installed" in message
