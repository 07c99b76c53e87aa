"""The baseline for what a person sees: a bare Textual app with one line of text.

``python -m benchmarks.bare_app`` shows ``ready`` as its first screen; each ``k``
rewrites the line to ``pressed N``, the least a key can cost. The benchmarks that
time itroad in a pseudo-terminal (:mod:`benchmarks.seen_bench`) time this app the
same way, in the same run, and report ratios to it.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Static


class BareApp(App[None]):
    BINDINGS = [("k", "press", "Press"), ("q", "quit", "Quit")]

    def __init__(self) -> None:
        super().__init__()
        self.presses = 0

    def compose(self) -> ComposeResult:
        yield Static("ready", id="line")

    def action_press(self) -> None:
        self.presses += 1
        self.query_one("#line", Static).update(f"pressed {self.presses}")


if __name__ == "__main__":
    BareApp().run()
