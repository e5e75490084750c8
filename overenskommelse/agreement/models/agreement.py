"""The agreement's content and the action plan, as versioned data staff can edit."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from overenskommelse.platform.models import TimeStampedModel, UploadedDocument
from overenskommelse.platform.uploads import PDF_ONLY, RandomUploadTo


class AgreementVersion(TimeStampedModel):
    """One version of the Överenskommelse text (e.g. the revised 2018-06-26)."""

    title = models.CharField(_("title"), max_length=200)
    version_date = models.DateField(_("version date"), unique=True)
    is_current = models.BooleanField(_("current version"), default=False)
    purpose = models.TextField(_("purpose"), blank=True)
    goals = models.TextField(_("goals"), blank=True)
    parties = models.TextField(_("parties"), blank=True)
    adopted_by = models.CharField(
        _("adopted by"),
        max_length=200,
        blank=True,
        help_text=_("The decision that adopted the agreement, e.g. a § of the council."),
    )
    affiliation = models.TextField(
        _("how to affiliate"), blank=True, help_text=_("The agreement's text on anslutning.")
    )
    withdrawal = models.TextField(
        _("how to withdraw"), blank=True, help_text=_("The agreement's text on utträde.")
    )

    class Meta:
        verbose_name = _("agreement version")
        verbose_name_plural = _("agreement versions")
        ordering = ["-version_date"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"],
                condition=models.Q(is_current=True),
                name="agreementversion_one_current",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.version_date:%Y-%m-%d})"


class Principle(models.Model):
    version = models.ForeignKey(
        AgreementVersion, on_delete=models.CASCADE, related_name="principles"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("principle")
        verbose_name_plural = _("principles")
        ordering = ["version", "number"]
        constraints = [
            models.UniqueConstraint(fields=["version", "number"], name="principle_unique_number"),
        ]

    def __str__(self) -> str:
        return self.name


class Commitment(models.Model):
    version = models.ForeignKey(
        AgreementVersion, on_delete=models.CASCADE, related_name="commitments"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    principles = models.ManyToManyField(
        Principle, related_name="commitments", blank=True, verbose_name=_("principles")
    )

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["version", "number"]
        constraints = [
            models.UniqueConstraint(fields=["version", "number"], name="commitment_unique_number"),
        ]

    def __str__(self) -> str:
        return self.name


class ActionPlanQuerySet(models.QuerySet):
    def current(self):
        """The plan in force, else the newest one on remiss."""
        return self.exclude(status=ActionPlan.Status.REPLACED).order_by(
            models.Case(
                models.When(status=ActionPlan.Status.ADOPTED, then=0),
                models.When(status=ActionPlan.Status.ON_REMISS, then=1),
                default=2,
            ),
            "-start_year",
        )


class ActionPlan(TimeStampedModel):
    """A handlingsplan for a period, with its priority areas."""

    class Status(models.TextChoices):
        DRAFT = "utkast", _("Draft")
        ON_REMISS = "remiss", _("On remiss")
        ADOPTED = "antagen", _("Adopted")
        REPLACED = "ersatt", _("Replaced")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    start_year = models.PositiveSmallIntegerField(_("first year"))
    end_year = models.PositiveSmallIntegerField(_("last year"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    summary = models.TextField(_("summary"), blank=True)
    decision = models.ForeignKey(
        "protocols.Paragraph",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="action_plans",
        verbose_name=_("decision"),
        help_text=_("The decision that adopted the plan or sent it on remiss."),
    )

    objects = ActionPlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        ordering = ["-start_year"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_year__gte=models.F("start_year")),
                name="actionplan_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} {self.start_year}–{self.end_year}"


class ActionPlanDocument(UploadedDocument):
    """A PDF belonging to a handlingsplan (the plan itself, an appendix)."""

    ALLOWED_TYPES = PDF_ONLY

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(ActionPlan, on_delete=models.PROTECT, related_name="documents")
    file = models.FileField(_("file"), upload_to=RandomUploadTo("handlingsplan"))

    class Meta:
        verbose_name = _("action plan document")
        verbose_name_plural = _("action plan documents")
        ordering = ["plan", "created_at"]


class PriorityArea(models.Model):
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="areas")
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("priority area")
        verbose_name_plural = _("priority areas")
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="priorityarea_unique_number"),
            models.UniqueConstraint(fields=["plan", "slug"], name="priorityarea_unique_slug"),
        ]

    def __str__(self) -> str:
        return self.name


class Direction(models.Model):
    """An inriktning under a priority area."""

    area = models.ForeignKey(PriorityArea, on_delete=models.CASCADE, related_name="directions")
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("text"))

    class Meta:
        verbose_name = _("direction")
        verbose_name_plural = _("directions")
        ordering = ["area", "number"]
        constraints = [
            models.UniqueConstraint(fields=["area", "number"], name="direction_unique_number"),
        ]

    def __str__(self) -> str:
        return self.text[:80]
