"""iCalendar for a samverkansgruppen meeting, through the shared `natverk.ics.events_ics`."""

import datetime as dt

from django.utils import timezone

from natverk.ics import events_ics
from samverkan.models import GroupMeeting

UID_DOMAIN = "samverkansgruppen.overenskommelsen"
DEFAULT_LENGTH = dt.timedelta(hours=2)


def meeting_ics(*, meeting: GroupMeeting, now: dt.datetime | None = None) -> str:
    start = timezone.make_aware(dt.datetime.combine(meeting.date, meeting.start_time))
    end = (
        timezone.make_aware(dt.datetime.combine(meeting.date, meeting.end_time))
        if meeting.end_time
        else start + DEFAULT_LENGTH
    )
    event = {
        "uid": f"{meeting.uuid}@{UID_DOMAIN}",
        "start": start,
        "end": end,
        "summary": f"Samverkansgruppen: {meeting.title}",
        "location": meeting.place or meeting.link,
        "url": meeting.link,
        "description": meeting.agenda,
    }
    return events_ics(events=[event], name="Samverkansgruppen", now=now)
