"""The calendar feed of ``itroad ical``: planning's calendar events as an iCalendar file.

RFC 5545, written by the ``icalendar`` library (which escapes and folds the text):
one all-day ``VEVENT`` per event, with a ``VALARM`` the event's ``reminder_days``
before it when it asks for an action. Two runs on the same data and ``as_of`` give
the same bytes: UIDs come from the events (:func:`~itroad.planning.calendar_events.event_uid`),
``DTSTAMP`` is ``as_of`` at midnight UTC, and nothing depends on the clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from icalendar import Alarm, Calendar, Event, vText

from itroad.domain.money import format_money
from itroad.planning.calendar import ONE_DAY
from itroad.planning.calendar_events import CalendarEvent

PRODID = "-//itroad//calendar feed//EN"

#: The category of each event kind, as calendars show it.
CATEGORIES = {
    "cancel-by": "Cancel-by",
    "renewal": "Renewal",
    "contract-end": "Contract end",
    "replacement": "Replacement",
    "warranty": "Warranty",
    "initiative-start": "Initiative",
    "initiative-end": "Initiative",
}


def event_description(event: CalendarEvent) -> str:
    """The event's details, a line each: the client, the amount (when known), the owner."""
    lines = [f"Client: {event.client_name} ({event.client})"]
    if event.amount is not None:
        lines.append(f"Amount: {format_money(event.amount, event.currency)}")
    if event.owner:
        lines.append(f"Owner: {event.owner}")
    return "\n".join(lines)


def _vevent(event: CalendarEvent, stamp: dt.datetime) -> Event:
    vevent = Event()
    vevent.add("uid", event.uid)
    vevent.add("dtstamp", stamp)
    vevent.add("dtstart", event.date)
    vevent.add("dtend", event.date + ONE_DAY)
    vevent.add("summary", event.summary)
    vevent.add("description", event_description(event))
    vevent.add("categories", [CATEGORIES.get(event.kind, event.kind)])
    vevent.add("transp", "TRANSPARENT")
    if event.reminder_days is not None:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", event.summary)
        alarm.add("trigger", -dt.timedelta(days=event.reminder_days))
        vevent.add_component(alarm)
    return vevent


def calendar_ical(events: Iterable[CalendarEvent], as_of: dt.date, name: str = "itroad") -> str:
    """The iCalendar text of the events (CRLF line ends, as RFC 5545 has them)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", vText(name))
    stamp = dt.datetime(as_of.year, as_of.month, as_of.day, tzinfo=dt.UTC)
    for event in events:
        calendar.add_component(_vevent(event, stamp))
    return calendar.to_ical().decode("utf-8")
