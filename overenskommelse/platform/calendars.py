"""iCalendar (RFC 5545) files, built with the `icalendar` library.

Every event keeps one UID for life (its row's uuid) and carries a SEQUENCE that goes
up whenever something a calendar shows changes (`CalendarSequenceModel`), so a
calendar program that imported the event moves it instead of adding a second one.
Times are written in UTC, converted from the portal's zone (Europe/Stockholm), so no
VTIMEZONE block is needed; an event without a time is a whole day. The library
escapes the text and folds the lines at 75 octets.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import icalendar
from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone

CONTENT_TYPE = "text/calendar; charset=utf-8"


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    start: dt.datetime | dt.date
    summary: str
    end: dt.datetime | dt.date | None = None  # none: the event has only a start
    sequence: int = 0
    location: str = ""
    url: str = ""
    description: str = ""
    modified: dt.datetime | None = None
    cancelled: bool = False


def local_datetime(date: dt.date, time: dt.time) -> dt.datetime:
    """The aware datetime of a date and a wall-clock time in the portal's zone."""
    return timezone.make_aware(dt.datetime.combine(date, time))


def _utc(value: dt.datetime | dt.date) -> dt.datetime | dt.date:
    return value.astimezone(dt.UTC) if isinstance(value, dt.datetime) else value


def _vevent(event: CalendarEvent, stamp: dt.datetime) -> icalendar.Event:
    vevent = icalendar.Event()
    vevent.add("uid", event.uid)
    vevent.add("dtstamp", stamp)
    vevent.add("sequence", event.sequence)
    if event.modified:
        vevent.add("last-modified", _utc(event.modified))
    vevent.add("dtstart", _utc(event.start))
    if event.end is not None:
        vevent.add("dtend", _utc(event.end))
    vevent.add("summary", event.summary)
    for name, value in (
        ("location", event.location),
        ("url", event.url),
        ("description", event.description),
    ):
        if value:
            vevent.add(name, value)
    vevent.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
    return vevent


def calendar_ics(
    *, events: Iterable[CalendarEvent], name: str, now: dt.datetime | None = None
) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//{settings.MUNICIPALITY_NAME}//Överenskommelsen//SV")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    stamp = (now or timezone.now()).astimezone(dt.UTC)
    for event in events:
        calendar.add_component(_vevent(event, stamp))
    return calendar.to_ical()


def calendar_response(*, events: Iterable[CalendarEvent], name: str, filename: str) -> HttpResponse:
    response = HttpResponse(calendar_ics(events=events, name=name), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}.ics"'
    return response
