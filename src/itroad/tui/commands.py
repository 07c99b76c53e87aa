"""Command palette commands for clients: "Switch client…" and one per client.

Client names are user text: every prompt is a ``Content`` (the palette parses a
``str`` prompt as markup), and no fuzzy ``highlight`` (it parses markup too).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

if TYPE_CHECKING:
    from itroad.tui.screens.main import MainScreen


class ClientCommands(Provider):
    """Switch client from the command palette (ctrl+p)."""

    def _main(self) -> MainScreen | None:
        from itroad.tui.screens.main import MainScreen

        for screen in reversed(self.app.screen_stack):
            if isinstance(screen, MainScreen):
                return screen
        return None

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
        ]
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
                Content(text), callback, text=text, help=Content(help_text) if help_text else None
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, callback, help_text in self._commands():
            score = matcher.match(text)
            if score > 0:
                yield Hit(
                    score, Content(text), callback, text=text,
                    help=Content(help_text) if help_text else None,
                )
