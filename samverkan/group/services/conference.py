"""Överenskommelsekonferensen, every second year.

The invitation list is built by the portal: every organisation in the register,
affiliated or not, and the chair and vice chair of every nämnd, each once (unique
constraints). Nämnder hold the names of their chair and vice chair but no personal
addresses: their invitation goes to the nämnd's contact address, addressed to the
person; a nämnd without an address is listed for staff instead of being skipped
silently. Sending claims each invitation (`sent_at` set by a conditional UPDATE)
before its mail is put in the outbox, so sending twice sends nothing new.

Registration has a limit on places; past it people go on the waiting list, and a
cancellation promotes the first one waiting.
"""

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from overenskommelse.accounts.models import MunicipalBody
from overenskommelse.accounts.predicates import is_kommunkontoret
from overenskommelse.agreement.models import Organisation, Representation
from overenskommelse.platform.csv_export import csv_text
from overenskommelse.platform.services.history import history_record
from overenskommelse.platform.services.mail import mail_render_and_enqueue
from samverkan.group.models import (
    Conference,
    ConferenceInvitation,
    ConferenceRegistration,
    GroupReminder,
)
from samverkan.group.services.group import group_mail_once, kommunkontoret_emails


def conference_year_due(year: int) -> bool:
    return (year - settings.SAMVERKAN_CONFERENCE_CYCLE_START) % 2 == 0


def _require_staff(actor) -> None:
    if not is_kommunkontoret(actor):
        raise PermissionDenied(_("Only kommunkontoret may do this."))


@transaction.atomic
def conference_create(
    *,
    actor,
    title: str,
    date: dt.date,
    start_time: dt.time,
    place: str,
    programme: str,
    places: int,
    registration_closes_on: dt.date,
    end_time: dt.time | None = None,
) -> Conference:
    _require_staff(actor)
    if Conference.objects.filter(year=date.year).exists():
        raise ValidationError(_("There is already a conference in %(year)s.") % {"year": date.year})
    if places < 1:
        raise ValidationError(_("The conference needs at least one place."))
    if registration_closes_on > date:
        raise ValidationError(_("Registration must close on or before the day."))
    if end_time and end_time <= start_time:
        raise ValidationError(_("The conference must end after it starts."))
    conference = Conference.objects.create(
        year=date.year,
        title=title.strip() or _("Överenskommelsekonferensen %(year)s") % {"year": date.year},
        date=date,
        start_time=start_time,
        end_time=end_time,
        place=place.strip(),
        programme=programme.strip(),
        places=places,
        registration_closes_on=registration_closes_on,
        created_by=actor,
    )
    history_record(subject=conference, actor=actor, action="conference_created")
    return conference


def _organisation_emails() -> dict[int, list[str]]:
    emails: dict[int, set[str]] = {}
    for organisation_id, email in Organisation.objects.exclude(email="").values_list("pk", "email"):
        emails.setdefault(organisation_id, set()).add(email)
    for organisation_id, email in Representation.objects.filter(
        status=Representation.Status.CONFIRMED, user__is_active=True
    ).values_list("organisation_id", "user__email"):
        emails.setdefault(organisation_id, set()).add(email)
    return {key: sorted(value) for key, value in emails.items()}


@transaction.atomic
def invitation_list_build(*, actor, conference: Conference) -> int:
    """Add every invitee not yet on the list; returns how many were added."""
    _require_staff(actor)
    emails = _organisation_emails()
    existing_orgs = set(
        conference.invitations.filter(kind=ConferenceInvitation.Kind.ORGANISATION).values_list(
            "organisation_id", flat=True
        )
    )
    existing_roles = set(
        conference.invitations.exclude(kind=ConferenceInvitation.Kind.ORGANISATION).values_list(
            "municipal_body_id", "kind"
        )
    )
    new = [
        ConferenceInvitation(
            conference=conference,
            kind=ConferenceInvitation.Kind.ORGANISATION,
            organisation=organisation,
            name=organisation.name,
            emails="\n".join(emails.get(organisation.pk, [])),
        )
        for organisation in Organisation.objects.exclude(pk__in=existing_orgs)
    ]
    for body in MunicipalBody.objects.filter(kind=MunicipalBody.Kind.NAMND, is_active=True):
        for kind, person, title in (
            (ConferenceInvitation.Kind.CHAIR, body.chair, _("chair")),
            (ConferenceInvitation.Kind.VICE_CHAIR, body.vice_chair, _("vice chair")),
        ):
            if (body.pk, kind) in existing_roles:
                continue
            new.append(
                ConferenceInvitation(
                    conference=conference,
                    kind=kind,
                    municipal_body=body,
                    name=f"{person or _('(name not recorded)')}, {title}, {body.name}",
                    emails=body.contact_email,
                )
            )
    ConferenceInvitation.objects.bulk_create(new)
    history_record(
        subject=conference, actor=actor, action="conference_list_built", message=str(len(new))
    )
    return len(new)


def invitations_send(*, actor, conference: Conference, now: dt.datetime | None = None) -> int:
    """Put an invitation in the outbox for each invitee not yet sent to and with an
    address. Each is claimed first; returns how many were sent."""
    _require_staff(actor)
    now = now or timezone.now()
    invitation_list_build(actor=actor, conference=conference)
    url = settings.PORTAL_BASE_URL + reverse(
        "samverkansgruppen:conference", kwargs={"uuid": conference.uuid}
    )
    sent = 0
    pending = conference.invitations.filter(sent_at__isnull=True).exclude(emails="")
    for invitation in pending:
        with transaction.atomic():
            claimed = ConferenceInvitation.objects.filter(
                pk=invitation.pk, sent_at__isnull=True
            ).update(sent_at=now)
            if claimed != 1:
                continue
            mail_render_and_enqueue(
                to=invitation.emails.split(),
                template="samverkansgruppen/email/conference_invitation",
                context={"conference": conference, "invitation": invitation, "url": url},
            )
            sent += 1
    Conference.objects.filter(pk=conference.pk, invitations_sent_at__isnull=True).update(
        invitations_sent_at=now
    )
    history_record(
        subject=conference, actor=actor, action="conference_invited", message=str(sent), at=now
    )
    return sent


# Registration ----------------------------------------------------------------------


def _registration_open(conference: Conference, today: dt.date) -> bool:
    return today <= conference.registration_closes_on


@transaction.atomic
def registration_create(
    *,
    conference: Conference,
    name: str,
    email: str,
    represents: str = "",
    user=None,
    now: dt.datetime | None = None,
) -> ConferenceRegistration:
    """Register; past the limit the person goes on the waiting list."""
    now = now or timezone.now()
    if not _registration_open(conference, timezone.localdate(now)):
        raise ValidationError(_("Registration has closed."))
    if not name.strip() or not email.strip():
        raise ValidationError(_("Write your name and e-mail address."))
    # Lock the conference row so two registrations cannot take the last place.
    conference = Conference.objects.select_for_update().get(pk=conference.pk)
    taken = conference.registrations.filter(status=ConferenceRegistration.Status.REGISTERED).count()
    status = (
        ConferenceRegistration.Status.REGISTERED
        if taken < conference.places
        else ConferenceRegistration.Status.WAITING
    )
    try:
        with transaction.atomic():
            registration = ConferenceRegistration.objects.create(
                conference=conference,
                user=user if getattr(user, "is_authenticated", False) else None,
                name=name.strip(),
                email=email.strip().lower(),
                represents=represents.strip(),
                status=status,
            )
    except IntegrityError as exc:
        raise ValidationError(_("This e-mail address is already registered.")) from exc
    history_record(
        subject=conference,
        actor=user,
        action="conference_registered",
        message=f"{registration.name}: {registration.status}",
        at=now,
    )
    return registration


@transaction.atomic
def registration_cancel(
    *, registration: ConferenceRegistration, actor=None
) -> ConferenceRegistration | None:
    """Cancel; when a place frees up the first on the waiting list gets it (and a mail).
    Returns the promoted registration, if any."""
    conference = Conference.objects.select_for_update().get(pk=registration.conference_id)
    registration = ConferenceRegistration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == ConferenceRegistration.Status.CANCELLED:
        return None
    freed = registration.status == ConferenceRegistration.Status.REGISTERED
    registration.status = ConferenceRegistration.Status.CANCELLED
    registration.save(update_fields=["status", "updated_at"])
    history_record(
        subject=conference, actor=actor, action="conference_cancelled", message=registration.name
    )
    if not freed:
        return None
    promoted = (
        conference.registrations.select_for_update()
        .filter(status=ConferenceRegistration.Status.WAITING)
        .order_by("created_at", "pk")
        .first()
    )
    if promoted is None:
        return None
    promoted.status = ConferenceRegistration.Status.REGISTERED
    promoted.save(update_fields=["status", "updated_at"])
    mail_render_and_enqueue(
        to=[promoted.email],
        template="samverkansgruppen/email/conference_place",
        context={
            "conference": conference,
            "registration": promoted,
            "url": settings.PORTAL_BASE_URL
            + reverse("samverkansgruppen:conference", kwargs={"uuid": conference.uuid}),
        },
    )
    history_record(
        subject=conference, actor=None, action="conference_promoted", message=promoted.name
    )
    return promoted


def attendees_rows(*, conference: Conference) -> list[list[str]]:
    """The attendee list, the header first (cancelled registrations left out)."""
    rows = [[_("Name"), _("E-mail"), _("Organisation or nämnd"), _("Status"), _("Registered")]]
    for registration in conference.registrations.exclude(
        status=ConferenceRegistration.Status.CANCELLED
    ).order_by("status", "created_at"):
        rows.append(
            [
                registration.name,
                registration.email,
                registration.represents,
                registration.get_status_display(),
                timezone.localtime(registration.created_at).strftime("%Y-%m-%d %H:%M"),
            ]
        )
    return rows


def attendees_csv(*, conference: Conference) -> str:
    return csv_text(attendees_rows(conference=conference), delimiter=";")


def conference_reminders_send(*, now: dt.datetime | None = None) -> int:
    """In a conference year, kommunkontoret hears (from 1 February, once a month)
    while no conference is planned."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    if conference_reminder_skip_reason(
        today=today, planned=Conference.objects.filter(year=today.year).exists()
    ):
        return 0
    sent = 0
    for email in kommunkontoret_emails():
        sent += group_mail_once(
            kind=GroupReminder.Kind.NO_CONFERENCE,
            step=f"{today:%Y-%m}",
            email=email,
            now=now,
            template="samverkansgruppen/email/group_notice",
            context={
                "notice": "no_conference",
                "year": today.year,
                "url": settings.PORTAL_BASE_URL + reverse("samverkansgruppen:conferences"),
            },
        )
    return sent


def conference_reminder_skip_reason(*, today: dt.date, planned: bool) -> str | None:
    if not conference_year_due(today.year):
        return "not a conference year"
    if planned:
        return "planned"
    if today.month < 2:
        return "too early in the year"
    return None
