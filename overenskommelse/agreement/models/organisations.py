import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from overenskommelse.platform.models import TimeStampedModel


class Organisation(TimeStampedModel):
    """An organisation of idéburen sektor known to the portal."""

    class LegalForm(models.TextChoices):
        IDEELL_FORENING = "ideell_forening", _("Non-profit association")
        EKONOMISK_FORENING = "ekonomisk_forening", _("Economic association / cooperative")
        TROSSAMFUND = "trossamfund", _("Religious community")
        STIFTELSE = "stiftelse", _("Foundation")
        ANNAN = "annan", _("Other")

    class Umbrella(models.TextChoices):
        NONE = "", _("None")
        PIL = "pil", _("PIL")
        LIPS = "lips", _("LIPS")
        OTHER = "annan", _("Other umbrella")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    organisation_number = models.CharField(
        _("organisationsnummer"), max_length=11, unique=True, null=True, blank=True
    )
    legal_form = models.CharField(
        _("legal form"), max_length=32, choices=LegalForm.choices, default=LegalForm.IDEELL_FORENING
    )
    umbrella = models.CharField(
        _("umbrella organisation"), max_length=16, choices=Umbrella.choices, blank=True
    )
    description = models.TextField(_("short description"), blank=True)
    email = models.EmailField(_("public contact e-mail"), blank=True)
    website = models.URLField(_("web site"), blank=True)
    postal_address = models.TextField(_("postal address"), blank=True)
    umbrella_other = models.CharField(
        _("other umbrella organisation"),
        max_length=200,
        blank=True,
        help_text=_("The umbrella's name, when it is neither PIL nor LIPS."),
    )
    priority_areas = models.ManyToManyField(
        "agreement.PriorityArea",
        related_name="interested_organisations",
        blank=True,
        verbose_name=_("priority areas of interest"),
    )
    contact_confirmed_at = models.DateTimeField(
        _("details last confirmed"),
        null=True,
        blank=True,
        help_text=_("When a representative last confirmed or corrected the details."),
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ActivityField(models.TextChoices):
    SPORT = "idrott", _("Sport")
    CULTURE = "kultur", _("Culture")
    SOCIAL = "socialt", _("Social work")
    EDUCATION = "utbildning", _("Education and folkbildning")
    FAITH = "tro", _("Faith and religious life")
    ENVIRONMENT = "miljo", _("Environment and sustainability")
    CHILDREN = "barn_unga", _("Children and young people")
    ELDERLY = "aldre", _("Older people")
    HEALTH = "halsa", _("Health")
    INTEGRATION = "integration", _("Integration")
    DEMOCRACY = "demokrati", _("Democracy and civic engagement")
    OTHER = "annan", _("Other field")


class OrganisationActivity(models.Model):
    """One field of activity (verksamhetsområde) of an organisation."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="activities"
    )
    field = models.CharField(_("field of activity"), max_length=32, choices=ActivityField.choices)

    class Meta:
        verbose_name = _("field of activity")
        verbose_name_plural = _("fields of activity")
        ordering = ["field"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "field"], name="organisationactivity_unique_field"
            ),
        ]

    def __str__(self) -> str:
        return str(self.get_field_display())


class Representation(TimeStampedModel):
    """A person who acts for an organisation (föreningsrepresentant).

    Only a confirmed representation speaks for the organisation. A pending one came
    about in one of three ways (`origin`): the person registered the organisation (and
    may prepare its application, not send it), asked to represent it, or was named
    successor by a confirmed representative (`handed_over_by`) and has not accepted yet.
    """

    class Status(models.TextChoices):
        REQUESTED = "begard", _("Requested")
        CONFIRMED = "bekraftad", _("Confirmed")
        ENDED = "avslutad", _("Ended")

    class Origin(models.TextChoices):
        REGISTERED = "registrerade", _("Registered the organisation")
        REQUESTED = "begarde", _("Asked to represent")
        HANDOVER = "overlamning", _("Named successor")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="representations",
        verbose_name=_("user"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="representations",
        verbose_name=_("organisation"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.REQUESTED
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed by"),
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    origin = models.CharField(
        _("origin"), max_length=16, choices=Origin.choices, default=Origin.REQUESTED
    )
    handed_over_by = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="successors",
        verbose_name=_("handed over by"),
        help_text=_("The representation the successor takes over from."),
    )
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)

    class Meta:
        verbose_name = _("representative")
        verbose_name_plural = _("representatives")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"],
                condition=~models.Q(status="avslutad"),
                name="representation_one_active_per_user_and_organisation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation}"
