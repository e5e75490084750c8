"""Anslutning and utträde: applications by board decision, affiliations, yearly checks.

An organisation applies (`AffiliationApplication`); a handläggare approves it, which
starts an `Affiliation`. The organisation withdraws by registering its board's
decision on that affiliation, which ends it; it may apply again later. Status
changes go through `overenskommelse.agreement.services.affiliation`, which keeps history.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from overenskommelse.platform.models import ReminderClaim, TimeStampedModel, field_history
from overenskommelse.platform.uploads import RandomUploadTo


class AffiliationApplicationQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=AffiliationApplication.OPEN_STATUSES)


@field_history()
class AffiliationApplication(TimeStampedModel):
    """An organisation's application to affiliate, with its board decision."""

    class Status(models.TextChoices):
        DRAFT = "utkast", _("Draft")
        SUBMITTED = "inskickad", _("Submitted")
        COMPLETION_REQUESTED = "komplettering_begard", _("Completion requested")
        APPROVED = "godkand", _("Approved")
        REJECTED = "avslagen", _("Rejected")

    OPEN_STATUSES = (Status.DRAFT, Status.SUBMITTED, Status.COMPLETION_REQUESTED)

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        "agreement.Organisation",
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("organisation"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    status = models.CharField(
        _("status"), max_length=24, choices=Status.choices, default=Status.DRAFT
    )
    meeting_date = models.DateField(_("date of the board meeting"), null=True, blank=True)
    paragraph = models.CharField(_("§ number"), max_length=20, blank=True)
    decision_text = models.TextField(_("the decision's wording"), blank=True)
    protocol = models.FileField(
        _("signed protocol"), upload_to=RandomUploadTo("protocols/affiliation"), blank=True
    )
    protocol_content_type = models.CharField(max_length=40, blank=True)
    # The name the file had on the sender's computer, for the receipt (the stored name
    # is random, RandomUploadTo).
    protocol_name = models.CharField(_("file name as sent"), max_length=255, blank=True)
    conditions_confirmed = models.BooleanField(_("conditions confirmed"), default=False)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    staff_message = models.TextField(
        _("message from kommunkontoret"),
        blank=True,
        help_text=_("What to complete, or the reason for a rejection."),
    )
    # The ärende in the municipality's diarium: the number (the case system's, or the
    # portal's own series) and the day it first arrived (inkom), set when submitted.
    case_number = models.CharField(_("diarienummer"), max_length=40, blank=True)
    arrived_on = models.DateField(_("arrived"), null=True, blank=True, editable=False)

    objects = AffiliationApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("affiliation application")
        verbose_name_plural = _("affiliation applications")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation"],
                condition=models.Q(status__in=["utkast", "inskickad", "komplettering_begard"]),
                name="affiliationapplication_one_open_per_organisation",
                violation_error_message=_("The organisation already has an open application."),
            ),
            models.CheckConstraint(
                condition=models.Q(status="utkast")
                | (
                    models.Q(
                        meeting_date__isnull=False,
                        conditions_confirmed=True,
                        submitted_at__isnull=False,
                    )
                    & ~models.Q(protocol="")
                ),
                name="affiliationapplication_submitted_is_complete",
            ),
            models.UniqueConstraint(
                fields=["case_number"],
                condition=~models.Q(case_number=""),
                name="affiliationapplication_case_number_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_status_display()})"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def is_editable(self) -> bool:
        """Whether the association may change and (re)submit it."""
        return self.status in (self.Status.DRAFT, self.Status.COMPLETION_REQUESTED)


class AffiliationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(ended_on__isnull=True)


@field_history()
class Affiliation(TimeStampedModel):
    """A period during which an organisation is party to the Överenskommelse.

    It starts when an application is approved and ends when the organisation
    registers its board's decision to withdraw (utträde). Rows are never deleted.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        "agreement.Organisation",
        on_delete=models.PROTECT,
        related_name="affiliations",
        verbose_name=_("organisation"),
    )
    application = models.OneToOneField(
        AffiliationApplication,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="affiliation",
        verbose_name=_("application"),
        help_text=_("Empty for affiliations registered before the portal."),
    )
    affiliated_from = models.DateField(_("affiliated from"))
    ended_on = models.DateField(_("withdrew on"), null=True, blank=True)
    withdrawal_meeting_date = models.DateField(
        _("date of the board meeting"), null=True, blank=True
    )
    withdrawal_paragraph = models.CharField(_("§ number"), max_length=20, blank=True)
    withdrawal_protocol = models.FileField(
        _("board protocol on withdrawal"),
        upload_to=RandomUploadTo("protocols/withdrawal"),
        blank=True,
    )
    withdrawal_protocol_content_type = models.CharField(max_length=40, blank=True)
    withdrawal_protocol_name = models.CharField(_("file name as sent"), max_length=255, blank=True)
    withdrawal_registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("withdrawal registered by"),
    )
    # The withdrawal is an ärende of its own: its diarienummer and the day it arrived.
    withdrawal_case_number = models.CharField(
        _("diarienummer of the withdrawal"), max_length=40, blank=True
    )
    withdrawal_arrived_on = models.DateField(
        _("withdrawal arrived"), null=True, blank=True, editable=False
    )

    objects = AffiliationQuerySet.as_manager()

    class Meta:
        verbose_name = _("affiliation")
        verbose_name_plural = _("affiliations")
        ordering = ["-affiliated_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation"],
                condition=models.Q(ended_on__isnull=True),
                name="affiliation_one_active_per_organisation",
                violation_error_message=_("The organisation is already affiliated."),
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("affiliated_from")),
                name="affiliation_end_after_start",
            ),
            models.UniqueConstraint(
                fields=["withdrawal_case_number"],
                condition=~models.Q(withdrawal_case_number=""),
                name="affiliation_withdrawal_case_number_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.affiliated_from:%Y-%m-%d})"


class AnnualUpdateRequest(ReminderClaim):
    """The yearly request to confirm an organisation's details: one per year.

    The unique row is the claim: the worker inserts it before it mails, so a
    second run of the task in the same year finds it and sends nothing.
    """

    organisation = models.ForeignKey(
        "agreement.Organisation",
        on_delete=models.CASCADE,
        related_name="annual_update_requests",
        verbose_name=_("organisation"),
    )
    year = models.PositiveSmallIntegerField(_("year"))

    class Meta:
        verbose_name = _("yearly update request")
        verbose_name_plural = _("yearly update requests")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year"], name="annualupdaterequest_once_a_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.year}"
