"""SKR networks and municipal partnerships: the register, participation, meetings.

Stage changes go through `natverk.services.participation_transition`; the decision a
participation rests on is a protocol paragraph (`protocols.Paragraph`).
"""

import datetime as dt
import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from overenskommelse.platform.models import (
    CalendarSequenceModel,
    ReminderClaim,
    TimeStampedModel,
    UploadedDocument,
)
from overenskommelse.platform.uploads import RandomUploadTo

# The programme's partner countries (ICLD kommunalt partnerskap, seed 003).
ICLD_COUNTRIES: tuple[str, ...] = (
    "Bosnien och Hercegovina",
    "Georgien",
    "Kosovo",
    "Nordmakedonien",
    "Moldavien",
    "Serbien",
    "Turkiet",
    "Ukraina",
    "Indonesien",
    "Kina",
    "Vietnam",
    "Botswana",
    "Kenya",
    "Moçambique",
    "Namibia",
    "Sydafrika",
    "Tanzania",
    "Uganda",
    "Zambia",
)


class NetworkQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_archived=False)


class Network(TimeStampedModel):
    class Kind(models.TextChoices):
        DEVELOPMENT = "utvecklingsnatverk", _("Development network")
        ELECTED = "fortroendevaldanatverk", _("Network for elected representatives")
        PARTNERSHIP = "kommunalt_partnerskap", _("Municipal partnership")

    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    name = models.CharField(_("name"), max_length=300)
    organiser = models.CharField(_("organiser"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    starts_on = models.DateField(_("starts"), null=True, blank=True)
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    purpose = models.TextField(_("purpose"), blank=True)
    max_municipalities = models.PositiveIntegerField(
        _("maximum number of municipalities"), null=True, blank=True
    )
    fee_per_person_year = models.PositiveIntegerField(_("fee per person and year (kr)"), default=0)
    max_representatives = models.PositiveIntegerField(
        _("maximum representatives per municipality"), null=True, blank=True
    )
    registration_deadline = models.DateField(_("registration deadline"), null=True, blank=True)
    contacts = models.TextField(_("contacts"), blank=True, help_text=_("One a line."))
    case_number = models.CharField(_("case number (dnr)"), max_length=50, blank=True)
    cost_note = models.TextField(_("about the cost"), blank=True)
    is_archived = models.BooleanField(_("archived"), default=False)
    calendar_is_public = models.BooleanField(
        _("public calendar"),
        default=False,
        help_text=_(
            "Anyone may subscribe to the network's meetings (times, places, titles) without "
            "logging in. Leave it off if the meetings are internal."
        ),
    )

    objects = NetworkQuerySet.as_manager()

    class Meta:
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        ordering = [models.F("starts_on").desc(nulls_last=True), "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(starts_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="network_ends_after_start",
                violation_error_message=_("The network cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def years(self) -> int:
        """Calendar years the network runs (2019–2022 is four)."""
        if not (self.starts_on and self.ends_on):
            return 1
        return self.ends_on.year - self.starts_on.year + 1

    @property
    def contact_list(self) -> list[str]:
        return [line.strip() for line in self.contacts.splitlines() if line.strip()]


class NetworkMunicipality(TimeStampedModel):
    """A municipality that takes part, as the organiser lists them."""

    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, related_name="municipalities", verbose_name=_("network")
    )
    name = models.CharField(_("municipality"), max_length=200)

    class Meta:
        verbose_name = _("participating municipality")
        verbose_name_plural = _("participating municipalities")
        ordering = ["network", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "name"], name="networkmunicipality_unique_name"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Participation(TimeStampedModel):
    """A municipality's participation in a network, through its stages."""

    class Stage(models.TextChoices):
        APPLIED = "ansokt", _("Applied")
        DECIDED = "beslutad", _("Decided")
        TAKING_PART = "deltar", _("Taking part")
        ENDED = "avslutad", _("Ended")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    network = models.ForeignKey(
        Network, on_delete=models.PROTECT, related_name="participations", verbose_name=_("network")
    )
    municipality_name = models.CharField(_("municipality"), max_length=200)
    stage = models.CharField(
        _("stage"), max_length=20, choices=Stage.choices, default=Stage.APPLIED
    )
    decision = models.ForeignKey(
        "protocols.Paragraph",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="network_participations",
        verbose_name=_("political decision"),
    )
    notes = models.TextField(_("notes"), blank=True)
    partner_municipality = models.CharField(_("partner municipality"), max_length=200, blank=True)
    partner_country = models.CharField(
        _("partner country"),
        max_length=100,
        blank=True,
        choices=[(country, country) for country in ICLD_COUNTRIES],
    )

    # Not fields: set by natverk.selectors.network_detail on the rows it returns.
    cost: int

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        ordering = ["network", "municipality_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "municipality_name"], name="participation_unique_municipality"
            ),
            models.CheckConstraint(
                condition=~models.Q(stage="deltar") | models.Q(decision__isnull=False),
                name="participation_taking_part_has_decision",
                violation_error_message=_("Taking part requires a political decision."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.municipality_name} – {self.network}"


class Representative(TimeStampedModel):
    """Someone who represents the municipality in the network: the processledare, a
    member of the styrgrupp, or a representative."""

    class Role(models.TextChoices):
        PROCESS_LEADER = "processledare", _("Process leader")
        STEERING_OFFICIAL = "styrgrupp_tjansteperson", _("Steering group, official")
        STEERING_ELECTED = "styrgrupp_fortroendevald", _("Steering group, elected member")
        REPRESENTATIVE = "representant", _("Representative")

    class Side(models.TextChoices):
        MAJORITY = "majoritet", _("Majority")
        OPPOSITION = "opposition", _("Opposition")

    participation = models.ForeignKey(
        Participation,
        on_delete=models.CASCADE,
        related_name="representatives",
        verbose_name=_("participation"),
    )
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    title = models.CharField(_("title or assignment"), max_length=200, blank=True)
    party = models.CharField(_("party"), max_length=20, blank=True)
    side = models.CharField(
        _("majority or opposition"), max_length=20, blank=True, choices=Side.choices
    )
    email = models.EmailField(_("e-mail"), blank=True)
    ended_on = models.DateField(_("ended"), null=True, blank=True)

    class Meta:
        verbose_name = _("representative")
        verbose_name_plural = _("representatives")
        ordering = ["participation", "role", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.party})" if self.party else self.name


class PartnershipPhase(TimeStampedModel):
    """A phase of a kommunalt partnerskap with its flat budget from the programme."""

    class Kind(models.TextChoices):
        PREPARATION = "forberedelse", _("Preparation project")
        FULL = "fullskaligt", _("Full project")
        FOLLOW_UP = "uppfoljande", _("Follow-up project")

    participation = models.ForeignKey(
        Participation,
        on_delete=models.CASCADE,
        related_name="phases",
        verbose_name=_("participation"),
    )
    kind = models.CharField(_("phase"), max_length=20, choices=Kind.choices)
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"))
    budget = models.PositiveIntegerField(_("budget (kr)"))
    salary_budget = models.PositiveIntegerField(_("of which salaries (kr)"), default=0)

    class Meta:
        verbose_name = _("partnership phase")
        verbose_name_plural = _("partnership phases")
        ordering = ["participation", "starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["participation", "kind"], name="phase_unique_kind"),
            models.CheckConstraint(
                condition=models.Q(ends_on__gt=models.F("starts_on")),
                name="phase_ends_after_start",
                violation_error_message=_("A phase cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=models.Q(budget__gte=models.F("salary_budget") * 2),
                name="phase_salaries_at_most_half",
                violation_error_message=_("Salaries may be at most half of the budget."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.starts_on:%Y-%m-%d}–{self.ends_on:%Y-%m-%d}"


class NetworkMeetingQuerySet(models.QuerySet):
    def dated(self):
        return self.filter(date__isnull=False)

    def for_calendar(self):
        return self.dated().select_related("network").order_by("date", "start_time")


class NetworkMeeting(CalendarSequenceModel, TimeStampedModel):
    """A meeting of a network: with a date, or "datum ej fastställt" until it has one."""

    CALENDAR_FIELDS = (
        "network_id",
        "title",
        "date",
        "start_time",
        "end_time",
        "mode",
        "place",
        "link",
        "agenda",
        "is_cancelled",
    )

    class Mode(models.TextChoices):
        DIGITAL = "digitalt", _("Digital")
        PHYSICAL = "fysiskt", _("In person")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    network = models.ForeignKey(
        Network, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("network")
    )
    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(
        _("date"), null=True, blank=True, help_text=_("Empty while the date is not set.")
    )
    start_time = models.TimeField(_("starts"), null=True, blank=True)
    end_time = models.TimeField(_("ends"), null=True, blank=True)
    mode = models.CharField(
        _("form"),
        max_length=20,
        choices=Mode.choices,
        blank=True,
        help_text=_("Empty while it is not known."),
    )
    place = models.CharField(_("place"), max_length=300, blank=True)
    link = models.URLField(_("link"), blank=True)
    agenda = models.TextField(_("agenda"), blank=True)
    notes = models.TextField(_("notes afterwards"), blank=True)
    attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="network_meetings",
        verbose_name=_("who attends from us"),
    )
    is_cancelled = models.BooleanField(_("cancelled"), default=False)

    objects = NetworkMeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("network meeting")
        verbose_name_plural = _("network meetings")
        ordering = [models.F("date").asc(nulls_last=True), "start_time", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(date__isnull=False)
                | (models.Q(start_time__isnull=True) & models.Q(end_time__isnull=True)),
                name="networkmeeting_time_needs_date",
                violation_error_message=_(
                    "Give the date before the time, or leave the time empty."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(end_time__isnull=True)
                | models.Q(start_time__isnull=True)
                | models.Q(end_time__gt=models.F("start_time")),
                name="networkmeeting_ends_after_start",
                violation_error_message=_("The meeting must end after it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.network}: {self.title}"

    @property
    def starts_at(self) -> dt.datetime | None:
        """When the meeting starts, in the portal's time zone (midnight if no time)."""
        from django.utils import timezone

        if self.date is None:
            return None
        naive = dt.datetime.combine(self.date, self.start_time or dt.time(0, 0))
        return timezone.make_aware(naive)


class MeetingDocument(UploadedDocument):
    meeting = models.ForeignKey(
        NetworkMeeting,
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("meeting"),
    )
    file = models.FileField(_("file"), upload_to=RandomUploadTo("natverk/moten"))

    class Meta:
        verbose_name = _("meeting document")
        verbose_name_plural = _("meeting documents")
        ordering = ["meeting", "created_at"]


class MeetingReminder(ReminderClaim):
    """A reminder claimed for one attendee and one step: the claim is the unique row."""

    meeting = models.ForeignKey(NetworkMeeting, on_delete=models.CASCADE, related_name="reminders")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    step = models.CharField(max_length=20)

    class Meta:
        verbose_name = _("meeting reminder")
        verbose_name_plural = _("meeting reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "user", "step"], name="meetingreminder_once_per_step"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting} {self.step}"


class WindowReminder(ReminderClaim):
    """A reminder of an ICLD application window, claimed once per participation,
    window and recipient."""

    participation = models.ForeignKey(
        Participation, on_delete=models.CASCADE, related_name="window_reminders"
    )
    window_opens_on = models.DateField()
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("application window reminder")
        verbose_name_plural = _("application window reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["participation", "window_opens_on", "user"],
                name="windowreminder_once_per_window",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participation} {self.window_opens_on:%Y-%m-%d}"


def _feed_token() -> str:
    return secrets.token_urlsafe(24)


class CalendarFeed(TimeStampedModel):
    """The secret address of a user's calendar of the network meetings they attend."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=_feed_token)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return str(self.user)
