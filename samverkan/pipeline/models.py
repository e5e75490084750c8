"""Samverkansinitiativ: from a proposal through the five stages of the handlingsplan.

The stage is changed only by `samverkan.pipeline.services.pipeline.initiative_transition`,
which checks the guard of the transition in `TRANSITIONS` and writes the history
row (who, when, comment) that the initiative's timeline shows.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from overenskommelse.platform.models import (
    ReminderClaim,
    TimeStampedModel,
    UploadedDocument,
    field_history,
)
from overenskommelse.platform.uploads import RandomUploadTo


class Stage(models.TextChoices):
    PROPOSAL = "forslag", _("Proposal")
    INITIATIVE = "samverkansinitiativ", _("Collaboration initiative")
    IMPLEMENTATION = "genomforande", _("Implementation")
    RESULTS = "resultat", _("Results and dissemination")
    EVALUATION = "utvardering", _("Evaluation")
    FOLLOW_UP = "uppfoljning", _("Follow-up")
    DECLINED = "avbojt", _("Declined")


# The pipeline in order; a proposal that is declined leaves it.
PIPELINE: tuple[str, ...] = (
    Stage.PROPOSAL,
    Stage.INITIATIVE,
    Stage.IMPLEMENTATION,
    Stage.RESULTS,
    Stage.EVALUATION,
    Stage.FOLLOW_UP,
)
# Stages in which an initiative runs (an organisation party must stay affiliated).
ONGOING_STAGES: tuple[str, ...] = (
    Stage.INITIATIVE,
    Stage.IMPLEMENTATION,
    Stage.RESULTS,
    Stage.EVALUATION,
)
# Stages that count as finished: results or later (the yearly follow-up counts these,
# and an organisation's public page lists them).
FINISHED_STAGES: tuple[str, ...] = (Stage.RESULTS, Stage.EVALUATION, Stage.FOLLOW_UP)


class Hold(models.TextChoices):
    NONE = "", _("Active")
    PAUSED = "pausad", _("Paused")
    CANCELLED = "avbruten", _("Called off")


class Form(models.TextChoices):
    NONE = "", _("Not decided")
    IOP = "iop", _("Idéburet offentligt partnerskap (IOP)")
    PROJECT = "projekt", _("Joint project")
    OTHER = "annan", _("Other collaboration")


class InitiativeQuerySet(models.QuerySet):
    def public(self):
        """What the public sees: accepted initiatives, never proposals or declined ones."""
        return self.exclude(stage__in=[Stage.PROPOSAL, Stage.DECLINED])

    def ongoing(self):
        return self.filter(stage__in=ONGOING_STAGES).exclude(hold=Hold.CANCELLED)

    def overdue(self, today):
        """Ended (planned end passed) but not yet evaluated."""
        return self.filter(
            stage__in=[Stage.IMPLEMENTATION, Stage.RESULTS],
            planned_end__lt=today,
        ).exclude(hold=Hold.CANCELLED)


@field_history()
class Initiative(TimeStampedModel):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=200)
    need = models.TextField(_("the need it meets"))
    areas = models.ManyToManyField(
        "agreement.PriorityArea",
        related_name="initiatives",
        verbose_name=_("priority areas"),
    )
    proposed_parties = models.TextField(_("proposed parties"), blank=True)
    proposed_form = models.CharField(
        _("the form it might take"), max_length=16, choices=Form.choices, blank=True
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    proposing_organisation = models.ForeignKey(
        "agreement.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposed_initiatives",
        verbose_name=_("proposed for organisation"),
    )
    proposing_body = models.ForeignKey(
        "accounts.MunicipalBody",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposed_initiatives",
        verbose_name=_("proposed for förvaltning"),
    )
    stage = models.CharField(
        _("stage"), max_length=24, choices=Stage.choices, default=Stage.PROPOSAL, db_index=True
    )
    hold = models.CharField(
        _("paused or cancelled"), max_length=12, choices=Hold.choices, blank=True
    )
    hold_reason = models.TextField(_("reason for pause or cancellation"), blank=True)
    handlaggare = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="samverkan_initiatives",
        verbose_name=_("case officer"),
    )
    contact_persons = models.TextField(_("contact persons"), blank=True)
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    form = models.CharField(_("form"), max_length=16, choices=Form.choices, blank=True)
    form_reference = models.CharField(
        _("agreement or decision reference"), max_length=200, blank=True
    )
    financing = models.TextField(_("financing"), blank=True)
    budget = models.PositiveIntegerField(_("budget (kr)"), null=True, blank=True)
    results_text = models.TextField(_("results"), blank=True)
    results_figures = models.TextField(_("figures"), blank=True)
    spread_where = models.TextField(_("where the results were spread"), blank=True)
    results_reported_at = models.DateTimeField(
        _("reported to samverkansgruppen"), null=True, blank=True
    )
    last_activity_at = models.DateTimeField(_("last activity"), db_index=True)
    # The ärende in the diarium: its number and the day it was proposed (inkom).
    case_number = models.CharField(_("diarienummer"), max_length=40, blank=True)
    arrived_on = models.DateField(_("arrived"), null=True, blank=True, editable=False)

    objects = InitiativeQuerySet.as_manager()

    class Meta:
        verbose_name = _("collaboration initiative")
        verbose_name_plural = _("collaboration initiatives")
        ordering = ["-created_at"]
        # The board: the most recently active initiatives of each stage.
        indexes = [
            models.Index(fields=["stage", "-last_activity_at"], name="initiative_board_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(planned_end__isnull=True)
                | models.Q(planned_start__isnull=True)
                | models.Q(planned_end__gt=models.F("planned_start")),
                name="initiative_end_after_start",
                violation_error_message=_("The planned end must be after the planned start."),
            ),
            models.CheckConstraint(
                condition=models.Q(stage__in=["forslag", "samverkansinitiativ", "avbojt"])
                | ~models.Q(form=""),
                name="initiative_form_set_from_implementation",
            ),
            models.CheckConstraint(
                condition=~models.Q(stage__in=["utvardering", "uppfoljning"])
                | models.Q(results_reported_at__isnull=False),
                name="initiative_reported_before_evaluation",
            ),
            models.CheckConstraint(
                condition=models.Q(hold="") | ~models.Q(hold_reason=""),
                name="initiative_hold_has_reason",
            ),
            models.CheckConstraint(
                condition=models.Q(stage__in=["forslag", "avbojt"])
                | models.Q(handlaggare__isnull=False),
                name="initiative_accepted_has_handlaggare",
            ),
            models.UniqueConstraint(
                fields=["case_number"],
                condition=~models.Q(case_number=""),
                name="initiative_case_number_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_running(self) -> bool:
        return self.stage in ONGOING_STAGES and self.hold != Hold.CANCELLED


class PartyStatus(models.TextChoices):
    INVITED = "inbjuden", _("Invited")
    ACCEPTED = "deltar", _("Taking part")
    DECLINED = "avbojt", _("Declined")


class InitiativeParty(TimeStampedModel):
    """An organisation or a förvaltning invited to, or taking part in, an initiative."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="parties", verbose_name=_("initiative")
    )
    organisation = models.ForeignKey(
        "agreement.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="initiative_parties",
        verbose_name=_("organisation"),
    )
    municipal_body = models.ForeignKey(
        "accounts.MunicipalBody",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="initiative_parties",
        verbose_name=_("förvaltning"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=PartyStatus.choices, default=PartyStatus.INVITED
    )
    invited_at = models.DateTimeField(_("invited"))
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    responded_at = models.DateTimeField(_("answered"), null=True, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    agreed_at = models.DateTimeField(_("agreement recorded"), null=True, blank=True)
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("agreement recorded by"),
    )

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["initiative", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(organisation__isnull=False, municipal_body__isnull=True)
                    | models.Q(organisation__isnull=True, municipal_body__isnull=False)
                ),
                name="initiativeparty_organisation_xor_body",
            ),
            models.UniqueConstraint(
                fields=["initiative", "organisation"],
                condition=models.Q(organisation__isnull=False),
                name="initiativeparty_one_per_organisation",
                violation_error_message=_("The organisation is already a party."),
            ),
            models.UniqueConstraint(
                fields=["initiative", "municipal_body"],
                condition=models.Q(municipal_body__isnull=False),
                name="initiativeparty_one_per_body",
                violation_error_message=_("The förvaltning is already a party."),
            ),
            models.CheckConstraint(
                condition=models.Q(agreed_at__isnull=True) | models.Q(status="deltar"),
                name="initiativeparty_agreement_needs_acceptance",
            ),
        ]

    def __str__(self) -> str:
        return str(self.organisation or self.municipal_body)

    @property
    def name(self) -> str:
        return str(self.organisation or self.municipal_body)

    @property
    def is_municipal(self) -> bool:
        return self.municipal_body_id is not None


class ContinueChoice(models.TextChoices):
    YES = "ja", _("Yes, continue")
    NO = "nej", _("No")
    UNDECIDED = "oklart", _("Not decided")


class Evaluation(TimeStampedModel):
    """One party's (or kommunkontoret's) contribution to the evaluation."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="evaluations")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    party = models.ForeignKey(
        InitiativeParty,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="evaluations",
        verbose_name=_("on behalf of"),
    )
    goal_fulfilment = models.TextField(_("goal fulfilment"))
    what_worked = models.TextField(_("what worked"), blank=True)
    lessons = models.TextField(_("lessons"), blank=True)
    should_continue = models.CharField(_("continue?"), max_length=8, choices=ContinueChoice.choices)

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.initiative} – {self.created_at:%Y-%m-%d}"


class InitiativeDocument(UploadedDocument):
    """A document or a results attachment; served only through a permission check."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(_("file"), upload_to=RandomUploadTo("samverkan"))

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["created_at"]


class ReminderKind(models.TextChoices):
    EVALUATION_DUE = "utvardering_forfallen", _("Evaluation due")
    RESULTS_UNREPORTED = "resultat_ej_rapporterade", _("Results not reported")
    INACTIVE = "ingen_aktivitet", _("No activity")
    INVITATION_UNANSWERED = "inbjudan_obesvarad", _("Invitation not answered")


class InitiativeReminder(ReminderClaim):
    """The claim of one reminder: one row per (initiative, recipient, kind, step).

    Inserted in the same transaction as the mail is put in the outbox; a second run
    finds the row and sends nothing."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="reminders")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=24, choices=ReminderKind.choices)
    step = models.CharField(max_length=40)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "user", "kind", "step"], name="initiativereminder_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.initiative} {self.kind} {self.step}"
