"""The help screen: every key, generated from the bindings, and a few words on the app."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Label, Static, Tabs

from itroad.tui.forms import RecordForm
from itroad.tui.keys import class_bindings
from itroad.tui.panes import pane_classes
from itroad.tui.screens.client_switcher import ClientSwitcher
from itroad.tui.screens.main import MainScreen
from itroad.tui.widgets.dialog import Dialog
from itroad.tui.widgets.filter_line import FilterInput
from itroad.tui.widgets.record_table import RecordTable

ABOUT = (
    "itroad keeps a client's hardware, renewals, contracts, replacement schedule, "
    "roadmap and people. Every tab shows the current client, named in the top line with "
    "its currency (amounts are in that currency) and the day the figures are computed for. "
    "Tables wider than the screen scroll sideways with ← and →. "
    "Get data in from a shell with `itroad import toml FILE`, or try `itroad demo`."
)

Section = tuple[str, list[tuple[str, str]]]


def describe(app: App, bindings: Iterable[Binding]) -> list[tuple[str, str]]:
    """``(key as shown in the footer, description)``, keys with one action joined.

    The tooltip is the longer description when a binding has one.
    """
    rows: dict[tuple[str, str], list[str]] = {}
    for binding in bindings:
        description = binding.tooltip or binding.description
        key = app.get_key_display(replace(binding, key_display=None))
        rows.setdefault((binding.action, description), []).append(key)
    return [(" ".join(keys), description) for (_, description), keys in rows.items()]


def help_sections(app: App) -> list[Section]:
    """Every key of the app, section by section, from the bindings themselves."""
    anywhere = class_bindings(type(app))
    if app.ENABLE_COMMAND_PALETTE:
        anywhere.append(Binding(
            app.COMMAND_PALETTE_BINDING, "command_palette",
            "Command palette: switch client, change theme, …",
        ))
    return [
        ("Anywhere", describe(app, anywhere)),
        ("Tabs and clients", describe(app, class_bindings(MainScreen))),
        ("In a table", describe(app, class_bindings(RecordTable))),
        *pane_sections(app),
        ("On the tab bar", describe(app, class_bindings(Tabs))),
        ("In the client switcher (c)", describe(app, class_bindings(ClientSwitcher))),
        ("In the Due view (D)", due_keys(app)),
        *form_sections(app),
        ("In this help", describe(app, class_bindings(HelpScreen))),
    ]


def due_keys(app: App) -> list[tuple[str, str]]:
    """The keys of the Due view (its module loads here, not at start-up)."""
    from itroad.tui.screens.due import DueScreen

    return describe(app, class_bindings(DueScreen))


def form_sections(app: App) -> list[Section]:
    """The filter line and the editing forms of the list tabs."""
    form = describe(app, Binding.make_bindings(RecordForm.BINDINGS)) + [
        ("tab shift+tab", "Next / previous field"),
        ("⏎", "Next field (on the last one: save); on a list, open it"),
        ("space", "Tick or untick a checkbox"),
    ]
    return [
        ("On the filter line (/)", describe(app, Binding.make_bindings(FilterInput.BINDINGS))),
        ("In a form (n e y b)", form),
    ]


def pane_sections(app: App) -> list[Section]:
    """A section per tab with keys of its own (``help_bindings()``, else its BINDINGS)."""
    groups: list[tuple[list[str], list[int], list[tuple[str, str]]]] = []
    for number, pane in enumerate(pane_classes(), start=1):
        helper = getattr(pane, "help_bindings", None)
        bindings = helper() if helper is not None else class_bindings(pane)
        offers = getattr(pane, "offers", None)  # a list tab: only the shared keys it uses
        bindings = [b for b in bindings if b.description and not b.system
                    and (offers is None or offers(b.action))]
        if not bindings:
            continue
        rows = describe(app, bindings)
        if groups and groups[-1][2] == rows and groups[-1][1][-1] == number - 1:
            groups[-1][0].append(pane.TITLE)  # tabs side by side with the same keys: one section
            groups[-1][1].append(number)
        else:
            groups.append(([pane.TITLE], [number], rows))
    sections = []
    for titles, numbers, rows in groups:
        if len(titles) == 1:
            sections.append((f"On the {titles[0]} tab ({numbers[0]})", rows))
        else:
            names = ", ".join(titles[:-1]) + " and " + titles[-1]
            sections.append((f"On the {names} tabs ({numbers[0]}–{numbers[-1]})", rows))
    return sections


def render_sections(sections: Iterable[Section]) -> Content:
    """The sections as aligned ``key   description`` lines."""
    sections = list(sections)
    width = max((len(key) for _, rows in sections for key, _ in rows), default=0)
    parts: list[Content] = []
    for title, rows in sections:
        if not rows:
            continue
        parts.append(Content.styled(title, "bold"))
        for key, description in rows:
            parts.append(
                Content.assemble(("  " + key.ljust(width), "bold $accent"), "  ", description)
            )
        parts.append(Content(""))
    return Content("\n").join(parts)


class HelpScreen(Dialog[None]):
    """Esc or q closes it."""

    DEFAULT_CSS = """
    HelpScreen > .dialog--frame {
        width: 76;
        height: 90%;
    }
    HelpScreen VerticalScroll {
        height: 1fr;
    }
    HelpScreen #help-about {
        margin-bottom: 1;
    }
    HelpScreen #help-hint {
        color: $text-muted;
        dock: bottom;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close help"),
        Binding("q", "close", "Close help"),
        Binding("question_mark", "close", "Close help", show=False),
        Binding("down", "scroll('down')", "Scroll down", show=False),
        Binding("up", "scroll('up')", "Scroll up", show=False),
        Binding("pagedown", "scroll('page_down')", "Page down", show=False),
        Binding("pageup", "scroll('page_up')", "Page up", show=False),
    ]

    def __init__(self, sections: list[Section]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        with self.frame("Help"):
            with VerticalScroll(id="help-body"):
                yield Static(Content(ABOUT), id="help-about")
                yield Static(render_sections(self.sections), id="help-keys")
            yield Label("↑↓ scroll · Esc or q close", id="help-hint")

    def action_scroll(self, how: str) -> None:
        body = self.query_one("#help-body", VerticalScroll)
        getattr(body, f"scroll_{how}")(animate=False)

    def action_close(self) -> None:
        self.action_cancel()

    @property
    def text(self) -> str:
        """The help as plain text (for tests)."""
        return str(self.query_one("#help-keys", Static).content)
