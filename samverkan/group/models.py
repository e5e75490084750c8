"""Samverkansgruppen, the yearly follow-up and the Överenskommelsekonferens.

Imported at the end of `samverkan.pipeline.models`, so Django finds the models there.

- `GroupMembership`: who holds a seat in samverkansgruppen, from when to when. A row
  is never deleted; a term is ended by setting `ends_on`, so the history stays.
  Whether the current members fill the seats as the Överenskommelse says is checked
  by the pure `samverkan.group.predicates.composition_problems`.
- `GroupMeeting`: a meeting of the group; its minutes are a shared `ProtocolMeeting`
  (numbered paragraphs, protokollsutdrag as PDF).
- `ForvaltningReport`: a förvaltning's yearly report of its samverkansåtaganden.
- `FollowUp`: the compiled yearly follow-up; approval stores a frozen JSON snapshot.
- `Conference`, `ConferenceInvitation`, `ConferenceRegistration`.
- `GroupReminder`: the claim of one reminder (claim, then send).
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from overenskommelse.platform.models import (
    CalendarSequenceModel,
    ReminderClaim,
    RenderedDocument,
    TimeStampedModel,
    UploadedDocument,
)
from overenskommelse.platform.uploads import RandomUploadTo

__all__ = [
    "Conference",
    "ConferenceInvitation",
    "ConferenceRegistration",
    "FollowUp",
    "FollowUpComment",
    "FollowUpPdf",
    "ForvaltningReport",
    "ForvaltningReportArea",
    "GroupMeeting",
    "GroupMeetingAttendance",
    "GroupMeetingDocument",
    "GroupMembership",
    "GroupReminder",
    "SeatSide",
]


class SeatSide(models.TextChoices):
    MUNICIPAL = "kommun", _("Municipality")
    SECTOR = "ideburen", _("Idéburen sektor")


class GroupMembershipQuerySet(models.QuerySet):
    def current(self, today):
        return self.filter(starts_on__lte=today).filter(
            models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=today)
        )


class GroupMembership(TimeStampedModel):
    """One person's term on a seat of samverkansgruppen."""

    side = models.CharField(_("side"), max_length=10, choices=SeatSide.choices)
    municipal_body = models.ForeignKey(
        "accounts.MunicipalBody",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="group_memberships",
        verbose_name=_("förvaltning"),
    )
    organisation = models.ForeignKey(
        "agreement.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="group_memberships",
        verbose_name=_("organisation"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="group_memberships",
        verbose_name=_("portal account"),
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    starts_on = models.DateField(_("term starts"))
    ends_on = models.DateField(_("term ends"), null=True, blank=True)

    objects = GroupMembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("samverkansgruppen member")
        verbose_name_plural = _("samverkansgruppen members")
        ordering = ["side", "starts_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(side="kommun", municipal_body__isnull=False, organisation__isnull=True)
                    | models.Q(
                        side="ideburen", organisation__isnull=False, municipal_body__isnull=True
                    )
                ),
                name="groupmembership_seat_matches_side",
                violation_error_message=_(
                    "A municipal seat needs a förvaltning, a sector seat an organisation."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="groupmembership_end_after_start",
                violation_error_message=_("The term cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.seat_label})"

    @property
    def seat_label(self) -> str:
        return str(self.municipal_body or self.organisation)

    @property
    def contact_email(self) -> str:
        return self.email or (self.user.email if self.user is not None else "")


class GroupMeeting(CalendarSequenceModel, TimeStampedModel):
    CALENDAR_FIELDS = ("title", "date", "start_time", "end_time", "place", "link", "agenda")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("starts"))
    end_time = models.TimeField(_("ends"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=300, blank=True)
    link = models.URLField(_("meeting link"), blank=True)
    agenda = models.TextField(_("agenda"), blank=True, help_text=_("One item a line."))
    protocol = models.OneToOneField(
        "protocols.ProtocolMeeting",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="group_meeting",
        verbose_name=_("minutes"),
    )
    invitations_sent_at = models.DateTimeField(_("invitations sent"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("samverkansgruppen meeting")
        verbose_name_plural = _("samverkansgruppen meetings")
        ordering = ["-date", "-start_time"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(place="", link=""),
                name="groupmeeting_place_or_link",
                violation_error_message=_("Give a place or a link."),
            ),
            models.CheckConstraint(
                condition=models.Q(end_time__isnull=True)
                | models.Q(end_time__gt=models.F("start_time")),
                name="groupmeeting_end_after_start",
                violation_error_message=_("The meeting must end after it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} {self.date:%Y-%m-%d}"

    @property
    def agenda_items(self) -> list[str]:
        return [line.strip() for line in self.agenda.splitlines() if line.strip()]


class GroupMeetingAttendance(models.Model):
    meeting = models.ForeignKey(GroupMeeting, on_delete=models.CASCADE, related_name="attendance")
    membership = models.ForeignKey(
        GroupMembership, on_delete=models.PROTECT, related_name="attendance"
    )
    present = models.BooleanField(_("present"))

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "membership"], name="groupmeetingattendance_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.membership.name}: {self.present}"


class GroupMeetingDocument(UploadedDocument):
    meeting = models.ForeignKey(GroupMeeting, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(_("file"), upload_to=RandomUploadTo("samverkansgruppen"))

    class Meta:
        verbose_name = _("meeting document")
        verbose_name_plural = _("meeting documents")
        ordering = ["created_at"]


class ForvaltningReport(TimeStampedModel):
    """A förvaltning's yearly report of its samverkansåtaganden with idéburen sektor."""

    municipal_body = models.ForeignKey(
        "accounts.MunicipalBody",
        on_delete=models.PROTECT,
        related_name="followup_reports",
        verbose_name=_("förvaltning"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    commitments = models.TextField(
        _("initiatives, IOPs, projects and other commitments"),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted"))

    class Meta:
        verbose_name = _("förvaltning report")
        verbose_name_plural = _("förvaltning reports")
        ordering = ["-year", "municipal_body__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipal_body", "year"],
                name="forvaltningreport_once_a_year",
                violation_error_message=_("The förvaltning has already reported for this year."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipal_body} {self.year}"


class ForvaltningReportArea(models.Model):
    report = models.ForeignKey(ForvaltningReport, on_delete=models.CASCADE, related_name="areas")
    area = models.ForeignKey("agreement.PriorityArea", on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("short text"))

    class Meta:
        verbose_name = _("report per priority area")
        verbose_name_plural = _("reports per priority area")
        constraints = [
            models.UniqueConstraint(fields=["report", "area"], name="forvaltningreportarea_once")
        ]

    def __str__(self) -> str:
        return f"{self.report} – {self.area}"


class FollowUp(TimeStampedModel):
    """The yearly follow-up of the handlingsplan for one year.

    While a draft it is compiled from live data; approval stores the compiled data in
    `snapshot` and from then on only the snapshot is shown, so later changes to
    initiatives or affiliations do not alter it."""

    class Status(models.TextChoices):
        DRAFT = "utkast", _("Under review")
        APPROVED = "godkand", _("Approved and published")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    covers_agreement = models.BooleanField(
        _("also follows up the Överenskommelse and the revision of the handlingsplan"),
        default=False,
    )
    snapshot = models.JSONField(_("frozen content"), null=True, blank=True, editable=False)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_by_name = models.CharField(_("approved by (name)"), max_length=200, blank=True)
    sent_to_namnd_at = models.DateTimeField(_("sent to the nämnd"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # The ärende in the diarium: its number and the day it was opened (upprättat); the
    # decision in it is the approval (`approved_at`).
    case_number = models.CharField(_("diarienummer"), max_length=40, blank=True)
    arrived_on = models.DateField(_("opened"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("yearly follow-up")
        verbose_name_plural = _("yearly follow-ups")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="utkast", approved_at__isnull=True)
                | models.Q(status="godkand", approved_at__isnull=False, snapshot__isnull=False),
                name="followup_approved_is_frozen",
            ),
            models.UniqueConstraint(
                fields=["case_number"],
                condition=~models.Q(case_number=""),
                name="followup_case_number_unique",
            ),
        ]

    def __str__(self) -> str:
        return str(_("Follow-up %(year)s") % {"year": self.year})

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED


class FollowUpPdf(RenderedDocument):
    """A yearly follow-up as a PDF, made by the worker and served from storage. A
    request compares the HTML the PDF would be made from with the stored file's: the
    same, the file is served; different (a report changed, the follow-up approved),
    the worker is asked for a new one and the page says it is being made."""

    followup = models.OneToOneField(
        FollowUp, on_delete=models.CASCADE, related_name="stored_pdf", primary_key=True
    )
    file = models.FileField(_("file"), upload_to=RandomUploadTo("followups"), blank=True)

    class Meta(RenderedDocument.Meta):
        verbose_name = _("follow-up PDF")
        verbose_name_plural = _("follow-up PDFs")

    def __str__(self) -> str:
        return str(self.followup)


class FollowUpComment(TimeStampedModel):
    followup = models.ForeignKey(FollowUp, on_delete=models.CASCADE, related_name="comments")
    section = models.CharField(_("section"), max_length=40)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    author_name = models.CharField(max_length=200)
    text = models.TextField(_("comment"))

    class Meta:
        verbose_name = _("follow-up comment")
        verbose_name_plural = _("follow-up comments")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.followup} {self.section}"


class Conference(TimeStampedModel):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("starts"))
    end_time = models.TimeField(_("ends"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=300)
    programme = models.TextField(_("programme"))
    places = models.PositiveIntegerField(_("number of places"))
    registration_closes_on = models.DateField(_("last day to register"))
    invitations_sent_at = models.DateTimeField(_("invitations sent"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("Överenskommelse conference")
        verbose_name_plural = _("Överenskommelse conferences")
        ordering = ["-date"]
        constraints = [
            models.CheckConstraint(condition=models.Q(places__gt=0), name="conference_has_places"),
            models.CheckConstraint(
                condition=models.Q(registration_closes_on__lte=models.F("date")),
                name="conference_registration_closes_before",
                violation_error_message=_("Registration must close on or before the day."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ConferenceInvitation(models.Model):
    """One invitee: an organisation of the register, or the chair or vice chair of a
    nämnd. Unique per conference and invitee, so the list has each once; `sent_at` is
    claimed before the mail is put in the outbox, so sending twice sends nothing new."""

    class Kind(models.TextChoices):
        ORGANISATION = "organisation", _("Organisation")
        CHAIR = "ordforande", _("Chair")
        VICE_CHAIR = "vice", _("Vice chair")

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="invitations")
    kind = models.CharField(_("kind"), max_length=14, choices=Kind.choices)
    organisation = models.ForeignKey(
        "agreement.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    municipal_body = models.ForeignKey(
        "accounts.MunicipalBody",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    name = models.CharField(_("name"), max_length=300)
    emails = models.TextField(_("e-mail addresses"), blank=True, help_text=_("One a line."))
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("conference invitation")
        verbose_name_plural = _("conference invitations")
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "organisation"],
                condition=models.Q(kind="organisation"),
                name="conferenceinvitation_one_per_organisation",
            ),
            models.UniqueConstraint(
                fields=["conference", "municipal_body", "kind"],
                condition=~models.Q(kind="organisation"),
                name="conferenceinvitation_one_per_namnd_role",
            ),
            models.CheckConstraint(
                condition=models.Q(kind="organisation", organisation__isnull=False)
                | (~models.Q(kind="organisation") & models.Q(municipal_body__isnull=False)),
                name="conferenceinvitation_invitee",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ConferenceRegistration(TimeStampedModel):
    class Status(models.TextChoices):
        REGISTERED = "anmald", _("Registered")
        WAITING = "reserv", _("On the waiting list")
        CANCELLED = "avbokad", _("Cancelled")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    represents = models.CharField(_("organisation or nämnd"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)

    class Meta:
        verbose_name = _("conference registration")
        verbose_name_plural = _("conference registrations")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "email"],
                condition=~models.Q(status="avbokad"),
                name="conferenceregistration_once_per_email",
                violation_error_message=_("This e-mail address is already registered."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_status_display()})"


class GroupReminder(ReminderClaim):
    """The claim of one reminder of samverkansgruppen's work: unique per kind, step and
    recipient address; inserted in the same transaction as the outbox mail."""

    class Kind(models.TextChoices):
        MEETING_INVITATION = "motesinbjudan", _("Meeting invitation")
        MEETING_REMINDER = "motespaminnelse", _("Meeting reminder")
        NO_MEETING_PLANNED = "inget_mote_planerat", _("No meeting planned")
        COMPOSITION = "sammansattning", _("Composition")
        FOLLOWUP_REPORT = "uppfoljningsrapport", _("Follow-up report")
        AGREEMENT_FOLLOWUP = "overenskommelsens_uppfoljning", _("Follow-up of the agreement")
        NO_CONFERENCE = "ingen_konferens", _("No conference planned")

    kind = models.CharField(_("kind"), max_length=40, choices=Kind.choices)
    step = models.CharField(max_length=60)
    email = models.EmailField()

    class Meta:
        verbose_name = _("samverkansgruppen reminder")
        verbose_name_plural = _("samverkansgruppen reminders")
        constraints = [
            models.UniqueConstraint(fields=["kind", "step", "email"], name="groupreminder_once")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.step} {self.email}"
