"""Remiss rounds: a document sent out for comment, its instanser and their answers.

Dates are local (Europe/Stockholm): a remiss is open from the start of `opens_on` to
the end of `closes_on` (23:59:59 local time), whatever the summer-time offset is.
The stage (`status`) changes only through `overenskommelse.agreement.services.remiss`.
"""

import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from overenskommelse.platform.models import (
    CalendarSequenceModel,
    ReminderClaim,
    RenderedDocument,
    TimeStampedModel,
    UploadedDocument,
    field_history,
)
from overenskommelse.platform.uploads import PDF_ONLY, RandomUploadTo

DEFAULT_DISPOSITION: tuple[str, ...] = (
    "Sammanfattning av synpunkterna",
    "Handlingsplanens samverkansområden",
    "Processen för samverkan",
    "Organisation och struktur kring Lunds Överenskommelse",
)


def local_start_of(day: dt.date) -> dt.datetime:
    """Midnight at the start of `day` in the portal's zone, as an aware datetime."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(0, 0)))


class RemissQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Remiss.Status.PUBLISHED)

    def open(self, now: dt.datetime):
        """Published and answerable at `now` (local dates, end of the last day)."""
        today = timezone.localdate(now)
        return self.published().filter(opens_on__lte=today, closes_on__gte=today)


class Remiss(TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "utkast", _("Draft remiss")
        PUBLISHED = "publicerad", _("Published remiss")
        WITHDRAWN = "aterkallad", _("Withdrawn remiss")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=200)
    case_number = models.CharField(_("diarienummer"), max_length=40, blank=True)
    action_plan = models.ForeignKey(
        "agreement.ActionPlan",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="remisser",
        verbose_name=_("action plan"),
    )
    decision = models.ForeignKey(
        "protocols.Paragraph",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="remisser",
        verbose_name=_("decision that sent the remiss"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    opens_on = models.DateField(_("remiss period starts"))
    closes_on = models.DateField(_("last day to answer"))
    instructions = models.TextField(_("instructions"), blank=True)
    reply_email = models.EmailField(_("answers by e-mail to"), blank=True)
    reply_subject = models.CharField(_("subject line for answers"), max_length=200, blank=True)
    postal_address = models.TextField(_("postal address for answers"), blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_title = models.CharField(_("contact person's title"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    meeting_link = models.URLField(_("link to the information meetings"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    summary_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = RemissQuerySet.as_manager()

    class Meta:
        verbose_name = _("remiss")
        verbose_name_plural = _("remisser")
        ordering = ["-opens_on", "title"]
        constraints = [
            # A draft may hold any dates while it is written; a published one may not.
            models.CheckConstraint(
                condition=models.Q(status="utkast") | models.Q(closes_on__gte=models.F("opens_on")),
                name="remiss_published_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(status="utkast") | models.Q(published_at__isnull=False),
                name="remiss_published_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.case_number})" if self.case_number else self.title

    @property
    def opens_at(self) -> dt.datetime:
        return local_start_of(self.opens_on)

    @property
    def deadline(self) -> dt.datetime:
        """The first instant after the last day (local): answers must come before it."""
        return local_start_of(self.closes_on + dt.timedelta(days=1))

    @property
    def last_moment(self) -> dt.datetime:
        """23:59:59 local time on the last day, as shown to people."""
        return self.deadline - dt.timedelta(seconds=1)

    def is_open(self, now: dt.datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.status == self.Status.PUBLISHED and self.opens_at <= now < self.deadline

    def is_closed(self, now: dt.datetime | None = None) -> bool:
        """Published and past its deadline: the compilation is public from then."""
        now = now or timezone.now()
        return self.status == self.Status.PUBLISHED and now >= self.deadline


class RemissSection(models.Model):
    """One heading of the requested disposition; an answer has one text per section."""

    remiss = models.ForeignKey(Remiss, on_delete=models.CASCADE, related_name="sections")
    number = models.PositiveSmallIntegerField(_("number"))
    heading = models.CharField(_("heading"), max_length=200)

    class Meta:
        verbose_name = _("disposition section")
        verbose_name_plural = _("disposition sections")
        ordering = ["remiss", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["remiss", "number"], name="remisssection_unique_number"
            ),
        ]

    def __str__(self) -> str:
        return self.heading


class RemissDocument(UploadedDocument):
    ALLOWED_TYPES = PDF_ONLY

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    remiss = models.ForeignKey(Remiss, on_delete=models.PROTECT, related_name="documents")
    file = models.FileField(_("file"), upload_to=RandomUploadTo("remiss/documents"))

    class Meta:
        verbose_name = _("remiss document")
        verbose_name_plural = _("remiss documents")
        ordering = ["remiss", "created_at"]


class InformationMeeting(CalendarSequenceModel, TimeStampedModel):
    CALENDAR_FIELDS = ("date", "start_time", "end_time", "link")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    remiss = models.ForeignKey(Remiss, on_delete=models.CASCADE, related_name="meetings")
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("starts"))
    end_time = models.TimeField(_("ends"))
    link = models.URLField(_("link"), blank=True)

    class Meta:
        verbose_name = _("information meeting")
        verbose_name_plural = _("information meetings")
        ordering = ["remiss", "date", "start_time"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_time__gt=models.F("start_time")),
                name="informationmeeting_ends_after_start",
            ),
            models.UniqueConstraint(
                fields=["remiss", "date", "start_time"], name="informationmeeting_unique_time"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.start_time:%H:%M}–{self.end_time:%H:%M}"


class RemissInstans(TimeStampedModel):
    """Who is asked (or chose) to answer: an organisation or a nämnd/råd."""

    class Source(models.TextChoices):
        BODY = "namnd_rad", _("Nämnd or råd")
        AFFILIATED = "ansluten", _("Affiliated organisation")
        CHOSEN = "vald", _("Chosen by kommunkontoret")
        OWN_INITIATIVE = "eget_initiativ", _("On its own initiative")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    remiss = models.ForeignKey(Remiss, on_delete=models.PROTECT, related_name="instanser")
    organisation = models.ForeignKey(
        "agreement.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="remiss_instanser",
        verbose_name=_("organisation"),
    )
    municipal_body = models.ForeignKey(
        "accounts.MunicipalBody",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="remiss_instanser",
        verbose_name=_("municipal body"),
    )
    source = models.CharField(_("why asked"), max_length=20, choices=Source.choices)
    invited_at = models.DateTimeField(_("invited"), null=True, blank=True)

    class Meta:
        verbose_name = _("remissinstans")
        verbose_name_plural = _("remissinstanser")
        ordering = ["remiss", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(organisation__isnull=False, municipal_body__isnull=True)
                    | models.Q(organisation__isnull=True, municipal_body__isnull=False)
                ),
                name="remissinstans_exactly_one_party",
            ),
            models.UniqueConstraint(
                fields=["remiss", "organisation"], name="remissinstans_unique_organisation"
            ),
            models.UniqueConstraint(
                fields=["remiss", "municipal_body"], name="remissinstans_unique_body"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        party = self.organisation if self.organisation_id else self.municipal_body
        return getattr(party, "name", "")


@field_history()
class RemissAnswer(TimeStampedModel):
    """The one answer of an instans. `version` grows by one on every save, so two
    people editing at once are detected (optimistic locking)."""

    class Status(models.TextChoices):
        DRAFT = "utkast", _("Draft answer")
        SUBMITTED = "inskickat", _("Submitted answer")

    class Channel(models.TextChoices):
        PORTAL = "portal", _("In the portal")
        EMAIL = "epost", _("By e-mail")
        POST = "post", _("By post")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    instans = models.OneToOneField(RemissInstans, on_delete=models.PROTECT, related_name="answer")
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    version = models.PositiveIntegerField(default=1)
    channel = models.CharField(
        _("received"), max_length=10, choices=Channel.choices, default=Channel.PORTAL
    )
    is_late = models.BooleanField(_("late answer"), default=False)
    registered_by_staff = models.BooleanField(_("registered by kommunkontoret"), default=False)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The ärende in the diarium: its number and the day the answer first arrived (inkom).
    # An answer reopened as a draft keeps it: it was received once.
    case_number = models.CharField(_("diarienummer"), max_length=40, blank=True)
    arrived_on = models.DateField(_("arrived"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("remissvar")
        verbose_name_plural = _("remissvar")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="utkast") | models.Q(submitted_at__isnull=False),
                name="remissanswer_submitted_has_date",
            ),
            models.UniqueConstraint(
                fields=["case_number"],
                condition=~models.Q(case_number=""),
                name="remissanswer_case_number_unique",
            ),
        ]

    def __str__(self) -> str:
        return str(self.instans)


@field_history()
class RemissAnswerText(models.Model):
    answer = models.ForeignKey(RemissAnswer, on_delete=models.CASCADE, related_name="texts")
    section = models.ForeignKey(RemissSection, on_delete=models.PROTECT, related_name="texts")
    text = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("answer text")
        verbose_name_plural = _("answer texts")
        constraints = [
            models.UniqueConstraint(
                fields=["answer", "section"], name="remissanswertext_unique_section"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.answer} – {self.section}"


class RemissAnswerAttachment(UploadedDocument):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    answer = models.ForeignKey(RemissAnswer, on_delete=models.PROTECT, related_name="attachments")
    file = models.FileField(_("file"), upload_to=RandomUploadTo("remiss/answers"))

    class Meta:
        verbose_name = _("answer attachment")
        verbose_name_plural = _("answer attachments")
        ordering = ["answer", "created_at"]


class RemissReminder(ReminderClaim):
    """The claim of one reminder step for one instans: inserted in the same
    transaction as the mail, so each step is sent at most once."""

    instans = models.ForeignKey(RemissInstans, on_delete=models.CASCADE, related_name="reminders")
    days_before = models.PositiveSmallIntegerField()

    class Meta:
        verbose_name = _("remiss reminder")
        verbose_name_plural = _("remiss reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["instans", "days_before"], name="remissreminder_once_per_step"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.instans} ({self.days_before})"


class RemissCompilationPdf(RenderedDocument):
    """The compilation of a remiss's answers as a PDF, made by the worker and stored.

    Rendering takes seconds with long answers, so no request renders it: the public PDF
    URL serves the stored file. `version` grows by one whenever something the
    compilation shows changes (an answer submitted, changed, reopened or registered; an
    instans added; the remiss edited); the rest is RenderedDocument's."""

    remiss = models.OneToOneField(
        Remiss, on_delete=models.CASCADE, related_name="compilation_pdf", primary_key=True
    )
    file = models.FileField(_("file"), upload_to=RandomUploadTo("remiss/compilations"), blank=True)

    class Meta(RenderedDocument.Meta):
        verbose_name = _("compilation PDF")
        verbose_name_plural = _("compilation PDFs")

    def __str__(self) -> str:
        return str(self.remiss)
