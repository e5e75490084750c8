"""iCalendar (RFC 5545) text for network meetings, written by hand.

Small enough not to need a library: CRLF line ends, lines folded at 75 octets,
TEXT values escaped, a stable UID per meeting, DTSTAMP in UTC. Times are written in
UTC (the "Z" form), converted from the portal's zone (Europe/Stockholm), so no
VTIMEZONE block is needed and summer time is handled by the conversion. Meetings
without a date ("datum ej fastställt") are left out.
"""

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone

from natverk.models import NetworkMeeting

UID_DOMAIN = "natverk.overenskommelsen"


def ics_escape(text: str) -> str:
    return (
        (text or "")
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def ics_fold(line: str) -> str:
    """Fold a content line at 75 octets without splitting a UTF-8 character."""
    parts: list[str] = []
    current, size, limit = "", 0, 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append(current)
            current, size, limit = " ", 1, 75
        current += char
        size += width
    parts.append(current)
    return "\r\n".join(parts)


def _utc(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _local(date: dt.date, time: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(date, time))


def _event(meeting: NetworkMeeting, stamp: str) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{meeting.uuid}@{UID_DOMAIN}",
        f"DTSTAMP:{stamp}",
        f"LAST-MODIFIED:{_utc(meeting.updated_at)}",
    ]
    if meeting.start_time:
        lines.append(f"DTSTART:{_utc(_local(meeting.date, meeting.start_time))}")
        if meeting.end_time:
            lines.append(f"DTEND:{_utc(_local(meeting.date, meeting.end_time))}")
    else:
        lines.append(f"DTSTART;VALUE=DATE:{meeting.date:%Y%m%d}")
        lines.append(f"DTEND;VALUE=DATE:{meeting.date + dt.timedelta(days=1):%Y%m%d}")
    lines.append(f"SUMMARY:{ics_escape(f'{meeting.network.name}: {meeting.title}')}")
    location = meeting.place or (meeting.link if meeting.mode == meeting.Mode.DIGITAL else "")
    if location:
        lines.append(f"LOCATION:{ics_escape(location)}")
    if meeting.link:
        lines.append(f"URL:{meeting.link}")
    if meeting.agenda:
        lines.append(f"DESCRIPTION:{ics_escape(meeting.agenda)}")
    lines.append("STATUS:CANCELLED" if meeting.is_cancelled else "STATUS:CONFIRMED")
    lines.append("END:VEVENT")
    return lines


def calendar_ics(
    *, meetings: Iterable[NetworkMeeting], name: str, now: dt.datetime | None = None
) -> str:
    stamp = _utc(now or timezone.now())
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//{ics_escape(settings.MUNICIPALITY_NAME)}//Överenskommelsen nätverk//SV",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{ics_escape(name)}",
    ]
    for meeting in meetings:
        if meeting.date is None:
            continue
        lines.extend(_event(meeting, stamp))
    lines.append("END:VCALENDAR")
    return "".join(f"{ics_fold(line)}\r\n" for line in lines)


def events_ics(*, events: Iterable[dict], name: str, now: dt.datetime | None = None) -> str:
    """A calendar of generic timed events (used by other apps, e.g. remiss meetings).

    Each event is a dict with "uid", "start", "end" (aware datetimes), "summary" and
    optionally "location", "url", "description", "modified".
    """
    stamp = _utc(now or timezone.now())
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//{ics_escape(settings.MUNICIPALITY_NAME)}//Överenskommelsen//SV",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{ics_escape(name)}",
    ]
    for event in events:
        lines += ["BEGIN:VEVENT", f"UID:{event['uid']}", f"DTSTAMP:{stamp}"]
        if event.get("modified"):
            lines.append(f"LAST-MODIFIED:{_utc(event['modified'])}")
        lines += [f"DTSTART:{_utc(event['start'])}", f"DTEND:{_utc(event['end'])}"]
        lines.append(f"SUMMARY:{ics_escape(event['summary'])}")
        if event.get("location"):
            lines.append(f"LOCATION:{ics_escape(event['location'])}")
        if event.get("url"):
            lines.append(f"URL:{event['url']}")
        if event.get("description"):
            lines.append(f"DESCRIPTION:{ics_escape(event['description'])}")
        lines += ["STATUS:CONFIRMED", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(f"{ics_fold(line)}\r\n" for line in lines)
