"""Records kept by law: the portal's diarienummer series and the retention schedule.

`CaseNumberSeries` is the counter of one series of diarienummer a year ("ÖK 2026/0001"),
taken under a row lock by `services/case_numbers.py`. `RetentionRule` is one line of the
municipality's informationshanteringsplan: for one record type (`records.RECORD_TYPES`),
keep it (bevaras) or thin it (gallras) after a number of months. Each run of the
gallring task is a `GallringRun` with one `GallringEntry` per rule: the gallringsprotokoll.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from overenskommelse.platform.models.base import TimeStampedModel
from overenskommelse.platform.models.history import field_history


class CaseNumberSeries(models.Model):
    """The last number taken in one series (prefix) and year."""

    prefix = models.CharField(_("prefix"), max_length=20)
    year = models.PositiveSmallIntegerField(_("year"))
    last_number = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("diarienummer series")
        verbose_name_plural = _("diarienummer series")
        constraints = [
            models.UniqueConstraint(fields=["prefix", "year"], name="casenumberseries_one_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.prefix} {self.year}: {self.last_number}"


class RecordType(models.TextChoices):
    """The record types of the informationshanteringsplan the portal holds. Those that
    `records.THINNABLE` lacks can only be kept: the portal has no way to thin them."""

    OUTBOX_SENT = "utkorg_skickad", _("Sent e-mail in the outbox")
    APPLICATION_DRAFT = "ansokan_utkast", _("Affiliation applications never submitted")
    REMISS_ANSWER_DRAFT = "remissvar_utkast", _("Remiss answers never submitted")
    APPLICATION = "ansokan", _("Affiliation applications with board decisions, and decisions")
    WITHDRAWAL = "uttrade", _("Withdrawals with the board's protocol")
    REMISS_ANSWER = "remissvar", _("Submitted remiss answers")
    INITIATIVE = "initiativ", _("Samverkansinitiativ and their documents")
    FOLLOWUP = "uppfoljning", _("Yearly follow-ups")
    PROTOCOL = "protokoll", _("Protocols and decisions")
    GALLRING_PROTOCOL = "gallringsprotokoll", _("Gallringsprotokoll")
    ACCESSIBILITY_FEEDBACK = "tillganglighetsrapport", _("Closed accessibility feedback cases")


@field_history()
class RetentionRule(TimeStampedModel):
    """One record type's line of the informationshanteringsplan."""

    class Action(models.TextChoices):
        KEEP = "bevaras", _("Kept (bevaras)")
        THIN = "gallras", _("Thinned (gallras) after the period")

    record_type = models.CharField(
        _("record type"), max_length=32, choices=RecordType.choices, unique=True
    )
    action = models.CharField(
        _("action"), max_length=8, choices=Action.choices, default=Action.KEEP
    )
    period_months = models.PositiveSmallIntegerField(
        _("thinned after (months)"),
        null=True,
        blank=True,
        help_text=_("Only for a record type that is thinned: how old it must be, in months."),
    )
    basis = models.TextField(
        _("basis"),
        blank=True,
        max_length=2000,
        help_text=_("Where the rule comes from: the plan's section, a decision, the law."),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
        editable=False,
    )

    class Meta:
        verbose_name = _("retention rule")
        verbose_name_plural = _("retention schedule (informationshanteringsplan)")
        ordering = ["record_type"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(action="bevaras", period_months__isnull=True)
                | models.Q(action="gallras", period_months__gte=1),
                name="retentionrule_thin_has_period",
            )
        ]

    def __str__(self) -> str:
        return str(self.get_record_type_display())

    @property
    def thins(self) -> bool:
        return self.action == self.Action.THIN

    def clean(self) -> None:
        from overenskommelse.platform.records import THINNABLE

        if self.action == self.Action.THIN:
            if self.record_type not in THINNABLE:
                raise ValidationError(
                    {
                        "action": _(
                            "The portal cannot thin this record type: it is kept "
                            "(bevaras). Thin it in the municipality's archive instead."
                        )
                    }
                )
            if not self.period_months:
                raise ValidationError(
                    {"period_months": _("Give the period, in months, after which it is thinned.")}
                )
        else:
            self.period_months = None


class GallringRun(models.Model):
    """One run of the gallring: its protocol is its entries, one per rule."""

    started_at = models.DateTimeField(_("started"), db_index=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    run_by = models.CharField(_("run by"), max_length=200)

    class Meta:
        verbose_name = _("gallringsprotokoll")
        verbose_name_plural = _("gallringsprotokoll")
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"Gallring {self.started_at:%Y-%m-%d %H:%M}"


class GallringEntry(models.Model):
    """What one rule did in one run: the rule as it read then, the limit, how many."""

    run = models.ForeignKey(GallringRun, on_delete=models.PROTECT, related_name="entries")
    rule = models.ForeignKey(
        RetentionRule, on_delete=models.PROTECT, related_name="+", verbose_name=_("rule")
    )
    record_type = models.CharField(_("record type"), max_length=32, choices=RecordType.choices)
    action = models.CharField(_("action"), max_length=8, choices=RetentionRule.Action.choices)
    period_months = models.PositiveSmallIntegerField(_("period (months)"), null=True, blank=True)
    older_than = models.DateTimeField(_("older than"), null=True, blank=True)
    removed = models.PositiveIntegerField(_("removed"), default=0)
    items = models.JSONField(_("what was removed"), default=list, blank=True)
    at = models.DateTimeField(_("when"))

    class Meta:
        verbose_name = _("gallringsprotokoll entry")
        verbose_name_plural = _("gallringsprotokoll entries")
        ordering = ["run", "record_type"]

    def __str__(self) -> str:
        return f"{self.get_record_type_display()}: {self.removed}"
