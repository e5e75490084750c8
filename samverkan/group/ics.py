"""The calendar event of a samverkansgruppen meeting, for `overenskommelse.platform.calendars`."""

import datetime as dt

from overenskommelse.platform.calendars import CalendarEvent, local_datetime
from samverkan.group.models import GroupMeeting

UID_DOMAIN = "samverkansgruppen.overenskommelsen"
DEFAULT_LENGTH = dt.timedelta(hours=2)


def meeting_event(meeting: GroupMeeting) -> CalendarEvent:
    start = local_datetime(meeting.date, meeting.start_time)
    end = local_datetime(meeting.date, meeting.end_time) if meeting.end_time else None
    return CalendarEvent(
        uid=f"{meeting.uuid}@{UID_DOMAIN}",
        start=start,
        end=end or start + DEFAULT_LENGTH,
        summary=f"Samverkansgruppen: {meeting.title}",
        sequence=meeting.sequence,
        location=meeting.place or meeting.link,
        url=meeting.link,
        description=meeting.agenda,
        modified=meeting.updated_at,
    )
