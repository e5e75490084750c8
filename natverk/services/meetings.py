"""Network meetings: recording them, their documents, and the notice when a meeting
that had no date gets one."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from natverk.models import CalendarFeed, MeetingDocument, Network, NetworkMeeting
from overenskommelse.platform.services.authz import require_perm
from overenskommelse.platform.services.history import history_changes, history_record
from overenskommelse.platform.services.mail import mail_render_and_enqueue
from overenskommelse.platform.uploads import upload_validate

MEETING_FIELDS = [
    "title",
    "date",
    "start_time",
    "end_time",
    "mode",
    "place",
    "link",
    "agenda",
    "notes",
    "is_cancelled",
]


def _meeting_check(values: dict) -> None:
    if values.get("date") is None and (values.get("start_time") or values.get("end_time")):
        raise ValidationError(_("Give the date before the time, or leave the time empty."))
    start, end = values.get("start_time"), values.get("end_time")
    if start and end and end <= start:
        raise ValidationError(_("The meeting must end after it starts."))


@transaction.atomic
def meeting_create(*, network: Network, actor, attendees=(), **values) -> NetworkMeeting:
    require_perm(actor, "natverk.manage_meetings")
    _meeting_check(values)
    meeting = NetworkMeeting.objects.create(network=network, **values)
    meeting.attendees.set(attendees)
    history_record(subject=meeting, actor=actor, action="network_meeting_created")
    return meeting


@transaction.atomic
def meeting_update(*, meeting: NetworkMeeting, actor, attendees=None, **values) -> NetworkMeeting:
    """Change a meeting. When a meeting without a date gets one, everyone attending from
    us is told (in the same transaction, through the outbox)."""
    require_perm(actor, "natverk.manage_meetings")
    merged = {name: getattr(meeting, name) for name in MEETING_FIELDS} | values
    _meeting_check(merged)
    before = {name: getattr(meeting, name) for name in MEETING_FIELDS}
    for name, value in values.items():
        setattr(meeting, name, value)
    meeting.save()
    if attendees is not None:
        meeting.attendees.set(attendees)
    changes = history_changes(before, meeting, MEETING_FIELDS)
    if changes:
        history_record(
            subject=meeting, actor=actor, action="network_meeting_changed", changes=changes
        )
    if before["date"] is None and meeting.date is not None and not meeting.is_cancelled:
        meeting_dated_notify(meeting=meeting)
    return meeting


def meeting_dated_notify(*, meeting: NetworkMeeting) -> int:
    """Tell the attendees that the meeting now has a date."""
    recipients = [user.email for user in meeting.attendees.all() if user.email]
    for email in recipients:
        mail_render_and_enqueue(
            to=[email],
            template="natverk/email/meeting_dated",
            context={
                "meeting": meeting,
                "url": settings.PORTAL_BASE_URL
                + reverse("natverk:meeting_detail", kwargs={"uuid": meeting.uuid}),
            },
        )
    return len(recipients)


@transaction.atomic
def meeting_document_add(
    *, meeting: NetworkMeeting, actor, title: str, upload: UploadedFile
) -> MeetingDocument:
    require_perm(actor, "natverk.manage_meetings")
    content_type = upload_validate(upload, allowed=MeetingDocument.ALLOWED_TYPES)
    assert upload.name is not None  # forms.FileField refuses a file without a name
    document = MeetingDocument.objects.create(
        meeting=meeting,
        title=title.strip() or upload.name,
        uploaded_by=actor,
        **MeetingDocument.upload_fields(upload, content_type=content_type),
    )
    history_record(
        subject=meeting,
        actor=actor,
        action="network_meeting_document_added",
        changes={"documents": [None, document.title]},
    )
    return document


def calendar_feed_for(*, user) -> CalendarFeed:
    feed, _created = CalendarFeed.objects.get_or_create(user=user)
    return feed
