"""The calendar events of network meetings, for `overenskommelse.platform.calendars`.

Meetings without a date ("datum ej fastställt") are left out; one without a time is
a whole-day event.
"""

import datetime as dt
from collections.abc import Iterable, Iterator

from natverk.models import NetworkMeeting
from overenskommelse.platform.calendars import CalendarEvent, local_datetime

UID_DOMAIN = "natverk.overenskommelsen"


def meeting_event(meeting: NetworkMeeting) -> CalendarEvent:
    assert meeting.date is not None  # meeting_events leaves the undated out
    if meeting.start_time:
        start: dt.datetime | dt.date = local_datetime(meeting.date, meeting.start_time)
        end: dt.datetime | dt.date | None = (
            local_datetime(meeting.date, meeting.end_time) if meeting.end_time else None
        )
    else:
        start, end = meeting.date, meeting.date + dt.timedelta(days=1)
    location = meeting.place or (meeting.link if meeting.mode == meeting.Mode.DIGITAL else "")
    return CalendarEvent(
        uid=f"{meeting.uuid}@{UID_DOMAIN}",
        start=start,
        end=end,
        summary=f"{meeting.network.name}: {meeting.title}",
        sequence=meeting.sequence,
        location=location,
        url=meeting.link,
        description=meeting.agenda,
        modified=meeting.updated_at,
        cancelled=meeting.is_cancelled,
    )


def meeting_events(meetings: Iterable[NetworkMeeting]) -> Iterator[CalendarEvent]:
    return (meeting_event(m) for m in meetings if m.date is not None)
