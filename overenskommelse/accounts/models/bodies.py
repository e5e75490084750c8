from django.db import models
from django.utils.translation import gettext_lazy as _

from overenskommelse.platform.models import TimeStampedModel


class MunicipalBodyQuerySet(models.QuerySet):
    def forvaltningar(self):
        return self.filter(kind=MunicipalBody.Kind.FORVALTNING)

    def active(self):
        return self.filter(is_active=True)


class MunicipalBody(TimeStampedModel):
    """A förvaltning, nämnd, råd or other organ of the municipality."""

    class Kind(models.TextChoices):
        FULLMAKTIGE = "fullmaktige", _("Municipal council")
        STYRELSE = "styrelse", _("Municipal executive board")
        UTSKOTT = "utskott", _("Committee of the executive board")
        NAMND = "namnd", _("Nämnd")
        RAD = "rad", _("Council (råd)")
        FORVALTNING = "forvaltning", _("Förvaltning")

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("responsible body"),
        help_text=_("The nämnd a förvaltning serves, or the board a committee belongs to."),
    )
    description = models.TextField(_("description"), blank=True)
    chair = models.CharField(_("chair"), max_length=200, blank=True)
    vice_chair = models.CharField(_("vice chair"), max_length=200, blank=True)
    contact_name = models.CharField(_("contact for idéburen sektor"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    objects = MunicipalBodyQuerySet.as_manager()

    class Meta:
        verbose_name = _("municipal body")
        verbose_name_plural = _("municipal bodies")
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name
