"""Samverkansgruppen: seats and terms, meetings, invitations and reminders.

The composition rule of the Överenskommelse: four municipal seats (kommunkontoret,
kultur- och fritidsförvaltningen, socialförvaltningen, vård- och
omsorgsförvaltningen) and four seats for idéburen sektor, one of them PIL's and one
LIPS's. `composition_problems` checks it as a pure function over the current terms;
the group page shows its answer and staff are warned.

Reminders are claimed through a unique `GroupReminder` row (kind, step, address)
inserted in the same transaction as the outbox mail: a second run sends nothing
(`overenskommelse/platform/services/reminders.py`). The meeting reminder falls due at the send
hour (`PORTAL_REMINDER_SEND_AT`).
"""

import datetime as dt

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from overenskommelse.accounts.models import MunicipalBody
from overenskommelse.agreement.models import Organisation
from overenskommelse.agreement.selectors.organisations import handlaggare_emails
from overenskommelse.platform.services.history import history_record
from overenskommelse.platform.services.reminders import local_at, reminder_send
from overenskommelse.platform.uploads import upload_validate
from overenskommelse.protocols.models import ProtocolMeeting
from overenskommelse.protocols.services.protocols import protocol_meeting_create
from samverkan.group.models import (
    GroupMeeting,
    GroupMeetingDocument,
    GroupMembership,
    GroupReminder,
    SeatSide,
)
from samverkan.group.predicates import (
    Seat,
    composition_problems,
)

KOMMUNKONTORET = "kommunkontoret"
MEETING_REMINDER_DAYS = 3


def group_current_seats(*, today: dt.date) -> list[Seat]:
    rows = GroupMembership.objects.current(today).values_list(
        "side", "municipal_body__slug", "organisation__slug"
    )
    return [Seat(side, body or organisation) for side, body, organisation in rows]


def _require(actor) -> None:
    from overenskommelse.accounts.predicates import is_kommunkontoret

    if not is_kommunkontoret(actor):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied(_("Only kommunkontoret may do this."))


@transaction.atomic
def membership_add(
    *,
    actor,
    name: str,
    starts_on: dt.date,
    municipal_body: MunicipalBody | None = None,
    organisation: Organisation | None = None,
    email: str = "",
    user=None,
    ends_on: dt.date | None = None,
) -> GroupMembership:
    """Start a term on a seat. The rule is not enforced here (a seat may be wrongly
    filled for a while); the page and the warning show it."""
    _require(actor)
    if bool(municipal_body) == bool(organisation):
        raise ValidationError(_("Choose either a förvaltning or an organisation."))
    if not name.strip():
        raise ValidationError(_("Write the member's name."))
    if ends_on and ends_on < starts_on:
        raise ValidationError(_("The term cannot end before it starts."))
    membership = GroupMembership.objects.create(
        side=SeatSide.MUNICIPAL if municipal_body else SeatSide.SECTOR,
        municipal_body=municipal_body,
        organisation=organisation,
        name=name.strip(),
        email=email.strip(),
        user=user,
        starts_on=starts_on,
        ends_on=ends_on,
    )
    history_record(
        subject=membership,
        actor=actor,
        action="group_membership_started",
        message=f"{membership.name}, {membership.seat_label}",
    )
    return membership


@transaction.atomic
def membership_end(*, actor, membership: GroupMembership, ends_on: dt.date) -> GroupMembership:
    """End a term; the row stays as history."""
    _require(actor)
    membership = GroupMembership.objects.select_for_update().get(pk=membership.pk)
    if ends_on < membership.starts_on:
        raise ValidationError(_("The term cannot end before it starts."))
    old = membership.ends_on
    membership.ends_on = ends_on
    membership.save(update_fields=["ends_on", "updated_at"])
    history_record(
        subject=membership,
        actor=actor,
        action="group_membership_ended",
        changes={"ends_on": [old and old.isoformat(), ends_on.isoformat()]},
    )
    return membership


# Meetings --------------------------------------------------------------------------


@transaction.atomic
def meeting_create(
    *,
    actor,
    title: str,
    date: dt.date,
    start_time: dt.time,
    end_time: dt.time | None = None,
    place: str = "",
    link: str = "",
    agenda: str = "",
) -> GroupMeeting:
    _require(actor)
    if not place.strip() and not link.strip():
        raise ValidationError(_("Give a place or a link."))
    if end_time and end_time <= start_time:
        raise ValidationError(_("The meeting must end after it starts."))
    meeting = GroupMeeting.objects.create(
        title=title.strip() or _("Samverkansgruppen meeting"),
        date=date,
        start_time=start_time,
        end_time=end_time,
        place=place.strip(),
        link=link.strip(),
        agenda=agenda.strip(),
        created_by=actor,
    )
    history_record(subject=meeting, actor=actor, action="group_meeting_created")
    return meeting


@transaction.atomic
def meeting_attendance_record(*, actor, meeting: GroupMeeting, present_ids: set[int]) -> None:
    """Record who of the members on the meeting day was present."""
    from samverkan.group.models import GroupMeetingAttendance

    _require(actor)
    members = GroupMembership.objects.current(meeting.date)
    for membership in members:
        GroupMeetingAttendance.objects.update_or_create(
            meeting=meeting,
            membership=membership,
            defaults={"present": membership.pk in present_ids},
        )
    history_record(subject=meeting, actor=actor, action="group_meeting_attendance")


@transaction.atomic
def meeting_minutes_start(*, actor, meeting: GroupMeeting) -> ProtocolMeeting:
    """Open the minutes: a shared protocol meeting whose paragraphs are numbered and
    can be extracted as protokollsutdrag."""
    _require(actor)
    meeting = GroupMeeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.protocol is not None:
        return meeting.protocol
    protocol = protocol_meeting_create(
        actor=actor,
        date=meeting.date,
        organ_name="Samverkansgruppen",
        start_time=meeting.start_time,
        end_time=meeting.end_time,
        place=meeting.place or meeting.link,
    )
    meeting.protocol = protocol
    meeting.save(update_fields=["protocol", "updated_at"])
    history_record(subject=meeting, actor=actor, action="group_meeting_minutes_opened")
    return protocol


@transaction.atomic
def meeting_document_add(
    *, actor, meeting: GroupMeeting, title: str, upload
) -> GroupMeetingDocument:
    """Attach a document (agenda, underlag) to a meeting; the upload's real type is checked."""
    _require(actor)
    content_type = upload_validate(upload, allowed=GroupMeetingDocument.ALLOWED_TYPES)
    document = GroupMeetingDocument.objects.create(
        meeting=meeting,
        title=title.strip() or upload.name,
        uploaded_by=actor,
        **GroupMeetingDocument.upload_fields(upload, content_type=content_type),
    )
    history_record(
        subject=meeting, actor=actor, action="group_meeting_document_added", message=document.title
    )
    return document


def meeting_url(meeting: GroupMeeting) -> str:
    return settings.PORTAL_BASE_URL + reverse(
        "samverkansgruppen:group_meeting", kwargs={"uuid": meeting.uuid}
    )


def group_mail_once(
    *, kind: str, step: str, email: str, now: dt.datetime, template: str, context: dict
) -> int:
    """Mail `email` once per kind and step (claim, then send); 1 when sent, else 0."""
    if not email:
        return 0
    return int(
        reminder_send(
            GroupReminder,
            now=now,
            to=[email],
            template=template,
            context=context,
            kind=kind,
            step=step,
            email=email.lower(),
        )
    )


def _member_emails(today: dt.date) -> list[str]:
    members = GroupMembership.objects.current(today).select_related("user")
    return sorted({m.contact_email for m in members if m.contact_email})


def meeting_invite(*, actor, meeting: GroupMeeting, now: dt.datetime | None = None) -> int:
    """Invite the members on the meeting day; a member already invited gets nothing."""
    _require(actor)
    now = now or timezone.now()
    sent = 0
    for email in _member_emails(meeting.date):
        sent += group_mail_once(
            kind=GroupReminder.Kind.MEETING_INVITATION,
            step=str(meeting.uuid),
            email=email,
            now=now,
            template="samverkansgruppen/email/group_meeting",
            context={"meeting": meeting, "reminder": False, "url": meeting_url(meeting)},
        )
    if meeting.invitations_sent_at is None:
        GroupMeeting.objects.filter(pk=meeting.pk).update(invitations_sent_at=now)
    history_record(
        subject=meeting, actor=actor, action="group_meeting_invited", message=str(sent), at=now
    )
    return sent


def meeting_reminder_skip_reason(meeting: GroupMeeting, now: dt.datetime) -> str | None:
    """Why the reminder before `meeting` is not sent at `now`; None to send."""
    if meeting.invitations_sent_at is None:
        return "not invited yet"
    due = local_at(meeting.date - dt.timedelta(days=MEETING_REMINDER_DAYS))
    if now < due:
        return "not yet due"
    if timezone.localdate(now) > meeting.date:
        return "meeting passed"
    return None


def no_meeting_skip_reason(*, has_planned: bool) -> str | None:
    """Kommunkontoret hears when no meeting is planned for the coming half-year."""
    if has_planned:
        return "a meeting is planned"
    return None


def group_reminders_send(*, now: dt.datetime | None = None) -> int:
    """Meeting reminders and the "no meeting planned" reminder. Safe to run twice."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    sent = 0
    upcoming = GroupMeeting.objects.filter(
        date__gte=today, date__lte=today + dt.timedelta(days=MEETING_REMINDER_DAYS)
    )
    for meeting in upcoming:
        if meeting_reminder_skip_reason(meeting, now):
            continue
        for email in _member_emails(meeting.date):
            sent += group_mail_once(
                kind=GroupReminder.Kind.MEETING_REMINDER,
                step=str(meeting.uuid),
                email=email,
                now=now,
                template="samverkansgruppen/email/group_meeting",
                context={"meeting": meeting, "reminder": True, "url": meeting_url(meeting)},
            )
    horizon = today + relativedelta(months=6)
    has_planned = GroupMeeting.objects.filter(date__gte=today, date__lte=horizon).exists()
    if no_meeting_skip_reason(has_planned=has_planned) is None:
        # One reminder per calendar month while nothing is planned.
        step = f"{today:%Y-%m}"
        for email in kommunkontoret_emails():
            sent += group_mail_once(
                kind=GroupReminder.Kind.NO_MEETING_PLANNED,
                step=step,
                email=email,
                now=now,
                template="samverkansgruppen/email/group_notice",
                context={
                    "notice": "no_meeting",
                    "url": settings.PORTAL_BASE_URL + reverse("samverkansgruppen:group"),
                },
            )
    sent += composition_warning_send(now=now)
    return sent


def composition_warning_send(*, now: dt.datetime) -> int:
    """Kommunkontoret is warned (once a month while it lasts) when the current
    composition does not meet the rule."""
    today = timezone.localdate(now)
    problems = composition_problems(group_current_seats(today=today))
    if not problems:
        return 0
    sent = 0
    for email in kommunkontoret_emails():
        sent += group_mail_once(
            kind=GroupReminder.Kind.COMPOSITION,
            step=f"{today:%Y-%m}",
            email=email,
            now=now,
            template="samverkansgruppen/email/group_notice",
            context={
                "notice": "composition",
                "problems": problems,
                "url": settings.PORTAL_BASE_URL + reverse("samverkansgruppen:group"),
            },
        )
    return sent


def kommunkontoret_emails() -> list[str]:
    """Kommunkontoret: its contact address and every active handläggare."""
    emails = set(handlaggare_emails())
    body = MunicipalBody.objects.filter(slug=KOMMUNKONTORET).first()
    if body and body.contact_email:
        emails.add(body.contact_email)
    return sorted(emails)
