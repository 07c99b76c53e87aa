"""Command palette commands: clients ("Switch client…", one per client, "What's due…"), records
(find a tag, serial, name, vendor or title in any client and jump to it; "New asset…",
"Import a file…"),
people (by name, email or job title: the People tab) and initiatives (by title or
category: the Roadmap tab).

Client names are user text: every prompt is a ``Content`` (the palette parses a
``str`` prompt as markup), help texts are made literal with :func:`literal_markup`
(the palette parses them as markup too), and no fuzzy ``highlight`` (it parses
markup as well).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from itroad.store.search import find_records
from itroad.tui.number_formats import NUMBER_FORMATS

if TYPE_CHECKING:
    from itroad.store.search import Found
    from itroad.tui.screens.main import MainScreen


def literal_markup(text: str) -> str:
    """``text`` as Textual markup that shows exactly ``text`` (a help line is markup).

    In Textual's markup only ``[`` opens a tag and ``\\[`` is a literal ``[``; a
    backslash before anything else is itself, so escaping every ``[`` is enough.
    """
    return text.replace("[", "\\[")


def _main_screen(provider: Provider) -> MainScreen | None:
    from itroad.tui.screens.main import MainScreen

    for screen in reversed(provider.app.screen_stack):
        if isinstance(screen, MainScreen):
            return screen
    return None


DUE_COMMAND = ("What's due…",
               "Decisions and payments of the next 30, 90 or 365 days, this client or all (D)")


def open_due_view(main: MainScreen) -> None:
    """The Due view over the workspace (its module loads when first opened)."""
    from itroad.tui.screens.due import open_due

    open_due(main)


class ClientCommands(Provider):
    """Switch client from the command palette (ctrl+p)."""

    def _main(self) -> MainScreen | None:
        return _main_screen(self)

    def _commands(self) -> list[tuple[str, Callable[[], None], str]]:
        main = self._main()
        if main is None:
            return []
        commands: list[tuple[str, Callable[[], None], str]] = [
            (
                "Switch client…",
                main.action_switch_client,
                "Choose the current client from a list",
            ),
            (DUE_COMMAND[0], partial(open_due_view, main), DUE_COMMAND[1]),
        ]
        if main.client_code is not None:
            for separator, (text, help_text) in NUMBER_FORMATS.items():
                commands.append((text, partial(main.set_number_format, separator), help_text))
        clients = main.data.clients if main.data else ()
        for summary in clients:
            name = " ".join(summary.name.split())
            commands.append((
                f"Client: {name} ({summary.code})",
                partial(main.select_client, summary.code),
                "",
            ))
        return commands

    async def discover(self) -> Hits:
        for text, callback, help_text in self._commands():
            yield DiscoveryHit(
                Content(text), callback, text=text, help=literal_markup(help_text) if help_text else None
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, callback, help_text in self._commands():
            score = matcher.match(text)
            if score > 0:
                yield Hit(
                    score, Content(text), callback, text=text,
                    help=literal_markup(help_text) if help_text else None,
                )


#: Which tab shows each kind of record found.
TAB_OF_TABLE = {"assets": "hardware", "renewals": "renewals", "contracts": "contracts",
                "people": "people", "initiatives": "roadmap"}
KIND_OF_TABLE = {"assets": "Asset", "renewals": "Renewal", "contracts": "Contract",
                 "people": "Person", "initiatives": "Initiative"}
NEW_RECORD_COMMANDS = (
    ("New asset", "hardware", "Add hardware to the current client"),
    ("New renewal", "renewals", "Add a subscription, license, domain… to the current client"),
    ("New contract", "contracts", "Add a service contract to the current client"),
)
IMPORT_COMMAND = ("Import a file…",
                  "Bring in a CSV: Snipe-IT, Intune, or any CSV of assets, renewals or contracts")


class RecordCommands(Provider):
    """Find a record in any client by tag, serial, name, vendor or title, and jump to it;
    "New asset / renewal / contract" and "Import a file…"."""

    def _main(self) -> MainScreen | None:
        return _main_screen(self)

    def _new_commands(self, main: MainScreen) -> list[tuple[str, Callable[[], None], str]]:
        commands: list[tuple[str, Callable[[], None], str]] = []
        if main.client_code is not None:
            commands += [(text, partial(main.new_record, pane_id), help_text)
                         for text, pane_id, help_text in NEW_RECORD_COMMANDS]
        text, help_text = IMPORT_COMMAND
        commands.append((text, main.import_file, help_text))
        return commands

    async def discover(self) -> Hits:
        main = self._main()
        if main is None:
            return
        for text, callback, help_text in self._new_commands(main):
            yield DiscoveryHit(Content(text), callback, text=text, help=literal_markup(help_text))

    async def search(self, query: str) -> Hits:

        main = self._main()
        if main is None:
            return
        matcher = self.matcher(query)
        for text, callback, help_text in self._new_commands(main):
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, Content(text), callback, text=text, help=literal_markup(help_text))
        found = await main.editor.read(find_records, query)
        for position, record in enumerate(found):
            yield found_hit(record, position, partial(
                main.jump_to, record.client_code, TAB_OF_TABLE[record.table], record.row_id))


def found_hit(record: Found, position: int, callback: Callable[[], None]) -> Hit:
    """A record found by :func:`itroad.store.search.find_records`, as a palette line."""
    kind = KIND_OF_TABLE[record.table]
    client = " ".join(record.client_name.split())
    detail = " ".join(record.detail.split())
    prompt = Content.assemble(
        (f"{kind:<10}", "dim"), (" ".join(record.label.split()), "bold"),
        f"  {detail}" if detail else "",
    )
    help_text = f"{client} ({record.client_code}) · {record.field} matches"
    return Hit(1.0 - record.rank * 0.1 - position * 0.001, prompt, callback,
               text=f"{kind} {record.label}", help=literal_markup(help_text))


class _TabRecordCommands(Provider):
    """Find records of one kind in any client and show the one chosen in its tab."""

    TABLE: ClassVar[str]

    async def search(self, query: str) -> Hits:

        main = _main_screen(self)
        if main is None:
            return
        found = await main.editor.read(find_records, query, tables=(self.TABLE,))
        for position, record in enumerate(found):
            yield found_hit(record, position, partial(
                main.jump_to, record.client_code, TAB_OF_TABLE[record.table], record.row_id))


class PeopleCommands(_TabRecordCommands):
    """Find a person in any client by name, email or job title: the People tab, on them."""

    TABLE = "people"


class InitiativeCommands(_TabRecordCommands):
    """Find an initiative in any client by title or category: the Roadmap tab, on it."""

    TABLE = "initiatives"


#: Every provider of the palette's commands, for the app's ``COMMANDS``.
PROVIDERS = {ClientCommands, RecordCommands, PeopleCommands, InitiativeCommands}
