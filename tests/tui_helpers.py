"""Waiting in Pilot tests of the Roadmap and People tabs.

A flow (a form, a question, then a write and a reload) runs in a worker of the
dialog group, which :func:`itroad.tui.testing.settle` leaves alone because it may
be waiting on the user. Once no modal screen is open, such a worker is only
finishing its work: :func:`done` waits for it too, then for the reload.
"""

from __future__ import annotations

from textual.pilot import Pilot

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
