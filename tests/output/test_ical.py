"""The calendar feed as an iCalendar file: what a calendar reads back from it."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from icalendar import Calendar

from itroad.domain.models import Asset, Client, Person, Renewal
from itroad.output.ical import calendar_ical, event_description
from itroad.planning.calendar_events import CalendarEvent, calendar_events

AS_OF = date(2026, 11, 22)
HOSTILE = 'Line one\nline two; a, b \\ "q" <script>alert(1)</script>'


def client() -> Client:
    return Client(
        code="acme", name="Acme; Dental, Inc.",
        people=[Person(name="Jane Doe", email="jane@acme.example")],
        renewals=[Renewal(name="M365", vendor="Microsoft", unit_cost="22.00", quantity=12,
                          next_renewal=date(2027, 1, 31), auto_renew=True, notice_days=30,
                          owner="jane@acme.example")],
        assets=[Asset(tag="LAP-0012", name="Dell Latitude", category="laptop",
                      warranty_end=date(2027, 1, 15), replace_on=date(2027, 3, 31),
                      replacement_cost="1400.00")],
    )


def parsed(text: str) -> list:
    return list(Calendar.from_ical(text).walk("VEVENT"))


def test_parses_back_with_all_day_events():
    text = calendar_ical(calendar_events(client(), AS_OF), AS_OF)
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    calendar = Calendar.from_ical(text)
    assert str(calendar["VERSION"]) == "2.0" and "itroad" in str(calendar["PRODID"])
    events = parsed(text)
    by_summary = {str(e["SUMMARY"]): e for e in events}
    cancel = by_summary["Cancel or renew M365 (Microsoft) — renews 2027-01-31"]
    assert cancel.decoded("DTSTART") == date(2027, 1, 1)
    assert cancel.decoded("DTEND") == date(2027, 1, 2)
    assert cancel.decoded("DTSTAMP") == datetime(2026, 11, 22, tzinfo=UTC)
    assert str(cancel["DESCRIPTION"]) == "Client: Acme; Dental, Inc. (acme)\nAmount: USD 264.00\nOwner: Jane Doe"
    replace = by_summary["Replace LAP-0012 (Dell Latitude) — due 2027-03-31"]
    assert "Amount: USD 1,400.00" in str(replace["DESCRIPTION"])
    assert "Warranty of LAP-0012 (Dell Latitude) ends" in by_summary


def test_a_reminder_a_week_before_each_cancel_by():
    events = parsed(calendar_ical(calendar_events(client(), AS_OF, 12), AS_OF))
    with_alarm = {str(e["SUMMARY"]): e.subcomponents for e in events if e.subcomponents}
    assert list(with_alarm) == ["Cancel or renew M365 (Microsoft) — renews 2027-01-31"]
    [alarm] = next(iter(with_alarm.values()))
    assert alarm.name == "VALARM" and str(alarm["ACTION"]) == "DISPLAY"
    assert alarm.decoded("TRIGGER") == -timedelta(days=7)


def test_two_runs_give_the_same_bytes_and_uids():
    first = calendar_ical(calendar_events(client(), AS_OF), AS_OF)
    second = calendar_ical(calendar_events(client(), AS_OF), AS_OF)
    assert first == second
    uids = [str(e["UID"]) for e in parsed(first)]
    assert len(uids) == len(set(uids)) == 6
    # A later run keeps the UID of every event still ahead.
    later = [str(e["UID"]) for e in parsed(calendar_ical(calendar_events(client(), date(2027, 1, 2), 12),
                                                         date(2027, 1, 2)))]
    assert set(later) <= set(uids) and len(later) == 4


def test_hostile_text_round_trips():
    event = CalendarEvent("acme", HOSTILE, "warranty", (HOSTILE,), AS_OF, HOSTILE, Decimal("1.50"),
                          "EUR", HOSTILE, 7, "x@itroad")
    text = calendar_ical([event], AS_OF, name=HOSTILE)
    assert "<script>" in text  # as is: the file is data, the calendar shows it as text
    [vevent] = parsed(text)
    assert str(vevent["SUMMARY"]) == HOSTILE
    assert str(vevent["DESCRIPTION"]) == event_description(event)
    assert event_description(event).startswith(f"Client: {HOSTILE} (acme)\nAmount: EUR 1.50\nOwner: ")
    assert "\r\nX-WR-CALNAME:Line one\\nline two\\; a\\, b \\\\ " in text  # escaped as TEXT
    # Every content line is folded to at most 75 octets.
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_no_events_is_still_a_calendar():
    text = calendar_ical([], AS_OF)
    assert parsed(text) == [] and "BEGIN:VCALENDAR" in text
