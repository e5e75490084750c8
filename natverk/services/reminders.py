"""Reminders: before each network meeting, and before each ICLD application window.

Claim, then send: a reminder is claimed by inserting its unique row (one per meeting,
attendee and step; one per partnership, window and recipient) in the same transaction
as the mail is put in the outbox. A second run, or two workers at once, find the row
taken and send nothing (`overenskommelse/platform/services/reminders.py`). A reminder falls
due at the send hour (`PORTAL_REMINDER_SEND_AT`) on its day. Each sweep looks back over
a window, so a missed beat run is caught up. The pure `…_skip_reason` functions say why
something is not sent now.
"""

import datetime as dt

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from natverk.models import MeetingReminder, Network, NetworkMeeting, Participation, WindowReminder
from overenskommelse.accounts.models import Role, User
from overenskommelse.platform.services.reminders import local_at, reminder_send

# (name, days before the meeting), earliest first.
MEETING_STEPS: tuple[tuple[str, int], ...] = (("7d", 7), ("1d", 1))
# ICLD's application windows (month, day) to (month, day), and how early we remind.
APPLICATION_WINDOWS: tuple[tuple[tuple[int, int], tuple[int, int]], ...] = (
    ((2, 15), (3, 15)),
    ((9, 15), (10, 15)),
)
WINDOW_REMINDER_DAYS = 30


def meeting_reminder_due_at(meeting: NetworkMeeting, days: int) -> dt.datetime:
    assert meeting.date is not None  # asked only of a dated meeting
    return local_at(meeting.date - dt.timedelta(days=days))


def meeting_reminder_skip_reason(
    meeting: NetworkMeeting, step: str, now: dt.datetime
) -> str | None:
    """Why the `step` reminder of `meeting` is not to be sent at `now`; None to send."""
    steps = dict(MEETING_STEPS)
    if step not in steps:
        return "unknown step"
    if meeting.date is None:
        return "no date yet"
    if meeting.is_cancelled:
        return "cancelled"
    if now < meeting_reminder_due_at(meeting, steps[step]):
        return "not yet due"
    starts_at = meeting.starts_at
    assert starts_at is not None  # it has a date (checked above)
    if now >= starts_at:
        return "meeting has started"
    later = [days for name, days in MEETING_STEPS if days < steps[step]]
    if later and now >= meeting_reminder_due_at(meeting, max(later)):
        return "superseded by a later reminder"
    return None


def meeting_reminders_send(*, now: dt.datetime | None = None) -> int:
    """Send every meeting reminder that is due. Returns how many were sent."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    longest = max(days for _name, days in MEETING_STEPS)
    meetings = (
        NetworkMeeting.objects.filter(
            date__gte=today, date__lte=today + dt.timedelta(days=longest), is_cancelled=False
        )
        .select_related("network")
        .prefetch_related("attendees")
    )
    sent = 0
    for meeting in meetings:
        for step, _days in MEETING_STEPS:
            if meeting_reminder_skip_reason(meeting, step, now) is not None:
                continue
            for user in meeting.attendees.all():
                sent += _claim_and_send_meeting(meeting, user, step, now)
    return sent


def _claim_and_send_meeting(meeting: NetworkMeeting, user: User, step: str, now) -> int:
    if not user.email or not user.is_active:
        return 0
    return int(
        reminder_send(
            MeetingReminder,
            now=now,
            to=[user.email],
            template="natverk/email/meeting_reminder",
            context={
                "meeting": meeting,
                "user": user,
                "url": settings.PORTAL_BASE_URL
                + reverse("natverk:meeting_detail", kwargs={"uuid": meeting.uuid}),
            },
            meeting=meeting,
            user=user,
            step=step,
        )
    )


def application_windows(year: int) -> list[tuple[dt.date, dt.date]]:
    return [
        (dt.date(year, om, od), dt.date(year, cm, cd)) for (om, od), (cm, cd) in APPLICATION_WINDOWS
    ]


def window_reminder_due_at(opens_on: dt.date) -> dt.datetime:
    return local_at(opens_on - dt.timedelta(days=WINDOW_REMINDER_DAYS))


def window_reminder_skip_reason(
    participation: Participation, window: tuple[dt.date, dt.date], now: dt.datetime
) -> str | None:
    """Why no reminder of the application `window` goes out for `participation` at `now`."""
    opens_on, closes_on = window
    if participation.network.kind != Network.Kind.PARTNERSHIP:
        return "not a municipal partnership"
    if participation.stage == Participation.Stage.ENDED:
        return "participation ended"
    if now < window_reminder_due_at(opens_on):
        return "not yet due"
    if now >= local_at(closes_on + dt.timedelta(days=1), dt.time(0, 0)):
        return "window closed"
    return None


def window_reminders_send(*, now: dt.datetime | None = None) -> int:
    """Remind kommunkontoret's case officers of each coming ICLD application window."""
    now = now or timezone.now()
    year = timezone.localdate(now).year
    windows = application_windows(year) + application_windows(year + 1)
    participations = Participation.objects.filter(
        network__kind=Network.Kind.PARTNERSHIP, network__is_archived=False
    ).select_related("network")
    recipients = list(
        User.objects.filter(role_assignments__role=Role.HANDLAGGARE, is_active=True).distinct()
    )
    sent = 0
    for participation in participations:
        for window in windows:
            if window_reminder_skip_reason(participation, window, now) is not None:
                continue
            for user in recipients:
                sent += _claim_and_send_window(participation, window, user, now)
    return sent


def _claim_and_send_window(participation, window, user: User, now) -> int:
    if not user.email:
        return 0
    return int(
        reminder_send(
            WindowReminder,
            now=now,
            to=[user.email],
            template="natverk/email/window_reminder",
            context={
                "participation": participation,
                "opens_on": window[0],
                "closes_on": window[1],
                "url": settings.PORTAL_BASE_URL
                + reverse("natverk:participation_detail", kwargs={"uuid": participation.uuid}),
            },
            participation=participation,
            window_opens_on=window[0],
            user=user,
        )
    )


def reminders_send(*, now: dt.datetime | None = None) -> int:
    return meeting_reminders_send(now=now) + window_reminders_send(now=now)
