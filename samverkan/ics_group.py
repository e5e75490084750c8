"""iCalendar for a samverkansgruppen meeting, written with the helpers of
`natverk/ics.py` (escaping, folding, UTC times): one VEVENT, no VTIMEZONE needed."""

import datetime as dt

from django.conf import settings
from django.utils import timezone

from natverk.ics import ics_escape, ics_fold
from samverkan.models import GroupMeeting

UID_DOMAIN = "samverkansgruppen.overenskommelsen"


def _utc(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def meeting_ics(*, meeting: GroupMeeting, now: dt.datetime | None = None) -> str:
    start = timezone.make_aware(dt.datetime.combine(meeting.date, meeting.start_time))
    end_time = (
        meeting.end_time
        or (dt.datetime.combine(meeting.date, meeting.start_time) + dt.timedelta(hours=2)).time()
    )
    end = timezone.make_aware(dt.datetime.combine(meeting.date, end_time))
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//{ics_escape(settings.MUNICIPALITY_NAME)}//Samverkansgruppen//SV",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{meeting.uuid}@{UID_DOMAIN}",
        f"DTSTAMP:{_utc(now or timezone.now())}",
        f"DTSTART:{_utc(start)}",
        f"DTEND:{_utc(end)}",
        f"SUMMARY:{ics_escape('Samverkansgruppen: ' + meeting.title)}",
    ]
    if meeting.place or meeting.link:
        lines.append(f"LOCATION:{ics_escape(meeting.place or meeting.link)}")
    if meeting.link:
        lines.append(f"URL:{meeting.link}")
    if meeting.agenda:
        lines.append(f"DESCRIPTION:{ics_escape(meeting.agenda)}")
    lines += ["STATUS:CONFIRMED", "END:VEVENT", "END:VCALENDAR"]
    return "".join(f"{ics_fold(line)}\r\n" for line in lines)
