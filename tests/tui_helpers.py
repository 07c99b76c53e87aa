"""Waiting in Pilot tests, and the app and keys of the SVG snapshot tests.

A flow (a form, a question, then a write and a reload) runs in a worker of the
dialog group, which :func:`itroad.tui.testing.settle` leaves alone because it may
be waiting on the user. Once no modal screen is open, such a worker is only
finishing its work: :func:`done` waits for it too, then for the reload.
"""

from __future__ import annotations

from pathlib import Path

from tests.conftest import AS_OF
from textual.pilot import Pilot

from itroad.tui.app import ItroadApp, build_app
from itroad.tui.testing import settle


async def done(pilot: Pilot) -> None:
    app = pilot.app
    for _ in range(30):
        await settle(pilot)
        if app.screen is not app.screen_stack[0]:
            return  # a form or question is open: it waits on the user
        flows = [w for w in app.workers if w.is_running]
        if not flows:
            data = getattr(app.screen_stack[0], "data", None)
            if data is None or data.client is not None or not data.clients:
                await pilot.pause()
                return
        else:
            await app.workers.wait_for_complete(flows)
        await pilot.pause()


def snapshot_app(db: Path, client: str | None = None) -> ItroadApp:
    """The app on ``db`` as of the suite's frozen day, without animations."""
    app = build_app(db, as_of=AS_OF, client=client)
    # TEXTUAL_ANIMATIONS is read when textual is imported, so set it on the app too.
    app.animation_level = "none"
    return app


def press_then_settle(*keys: str):
    """A snapshot's ``run_before``: each key pressed once everything has settled.

    A notification times out after seconds: whether it is still up depends on how
    loaded the machine is, so the screens are taken without it."""

    async def run_before(pilot: Pilot) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        pilot.app.clear_notifications()
        await pilot.pause()

    return run_before
